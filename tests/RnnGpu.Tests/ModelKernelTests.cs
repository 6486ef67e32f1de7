using RnnGpu.Kernels;

namespace RnnGpu.Tests;

public class ModelKernelTests
{
    static float[] F(double[] x) => x.Select(v => (float)v).ToArray();

    [Theory]
    [MemberData(nameof(TestDevices.Real), MemberType = typeof(TestDevices))]
    public void Linear_ForwardBackward_MatchReference(string deviceName)
    {
        var dev = TestDevices.Get(deviceName);
        var rng = new Random(41);
        const int n = 7, i = 33, o = 5;
        using var lin = new Linear(dev, i, o, seed: 3);
        float[] x = Numerics.Uniform(rng, n * i), dy = Numerics.Uniform(rng, n * o);
        using var tx = DeviceTensor.FromHost(dev, x, n, i);
        using var ty = lin.Forward(tx, training: true);
        var w = Numerics.ToDouble(lin.Weight.Value.ToArray());
        var b = Numerics.ToDouble(lin.Bias!.Value.ToArray());
        Numerics.AssertClose(ty.ToArray(), ModelReference.LinearForward(Numerics.ToDouble(x), w, b, n, i, o), 1e-5, "y");
        float[] dw0 = Numerics.Uniform(rng, o * i), db0 = Numerics.Uniform(rng, o);
        lin.Weight.Grad.CopyFromHost(dw0);
        lin.Bias.Grad.CopyFromHost(db0);
        using var tdy = DeviceTensor.FromHost(dev, dy, n, o);
        using var dx = lin.Backward(tdy);
        double[] dw = Numerics.ToDouble(dw0), db = Numerics.ToDouble(db0);
        var rdx = ModelReference.LinearBackward(Numerics.ToDouble(x), w, Numerics.ToDouble(dy), dw, db, n, i, o);
        Numerics.AssertClose(dx.ToArray(), rdx, 1e-5, "dx");
        Numerics.AssertClose(lin.Weight.Grad.ToArray(), dw, 1e-5, "dW accumulates");
        Numerics.AssertClose(lin.Bias.Grad.ToArray(), db, 1e-5, "db accumulates");
        // PyTorch default init bound 1/sqrt(In)
        Assert.All(lin.Weight.Value.ToArray(), v => Assert.InRange(v, -1 / MathF.Sqrt(i), 1 / MathF.Sqrt(i)));
        using var bad = DeviceTensor.Zeros(dev, n, i + 1);
        var ex = Assert.Throws<ArgumentException>(() => lin.Forward(bad));
        Assert.Contains("(7, 34)", ex.Message);
    }

    [Theory]
    [MemberData(nameof(TestDevices.Real), MemberType = typeof(TestDevices))]
    public void Embedding_ForwardBackward_MatchReference_Deterministic(string deviceName)
    {
        var dev = TestDevices.Get(deviceName);
        var rng = new Random(42);
        const int v = 9, e = 7, n = 33;
        using var emb = new Embedding(dev, v, e, seed: 5);
        var idx = Enumerable.Range(0, n).Select(_ => rng.Next(v)).ToArray();
        idx[0] = idx[1] = idx[2] = 4; // repeated rows accumulate
        using var ti = DeviceIndices.FromHost(dev, idx, n);
        using var y = emb.Forward(ti, training: true);
        var w = Numerics.ToDouble(emb.Weight.Value.ToArray());
        Numerics.AssertClose(y.ToArray(), ModelReference.EmbeddingForward(idx, w, e), 1e-12, "gather");
        float[] dy = Numerics.Uniform(rng, n * e), g0 = Numerics.Uniform(rng, v * e);
        emb.Weight.Grad.CopyFromHost(g0);
        using var tdy = DeviceTensor.FromHost(dev, dy, n, e);
        emb.Backward(tdy);
        var g = Numerics.ToDouble(g0);
        ModelReference.EmbeddingBackward(idx, Numerics.ToDouble(dy), g, e);
        var first = emb.Weight.Grad.ToArray();
        Numerics.AssertClose(first, g, 1e-6, "dWeight");
        emb.Weight.Grad.CopyFromHost(g0);
        Assert.Throws<InvalidOperationException>(() => emb.Backward(tdy)); // one Backward per training Forward
        using (emb.Forward(ti, training: true))
            emb.Backward(tdy);
        Assert.Equal(first, emb.Weight.Grad.ToArray());
    }

    /// <summary>Label smoothing 0.1 with an ignored row: torch.nn.functional.cross_entropy(x, t, label_smoothing=0.1) in
    /// Debian's PyTorch 1.13 (float64) gave these losses and gradients; the reference reproduces them, and the kernels the
    /// reference on random rows.</summary>
    [Theory]
    [MemberData(nameof(TestDevices.Real), MemberType = typeof(TestDevices))]
    public void CrossEntropy_LabelSmoothing_MatchesPyTorch(string deviceName)
    {
        var dev = TestDevices.Get(deviceName);
        double[] x = { 1.0, -2.0, 0.5, 3.0, 0.2, 0.1, -0.3, 0.0, 2.0, 2.0, -1.0, 0.5 };
        int[] t = { 3, -100, 1 };
        double[] torchMeanGrad = { 0.042776875181, -0.009747926436, 0.02102711957, -0.054056068315, 0, 0, 0, 0, 0.207481613816,
            -0.242518386184, -0.001547760353, 0.036584532721 };
        foreach (var (red, torchLoss, gradScale) in new[] { (Reduction.Mean, 0.686658788401846, 1.0), (Reduction.Sum, 1.373317576803692, 2.0) })
        {
            var rdx = new double[12];
            double rl = ModelReference.CrossEntropy(x, t, 4, -100, red == Reduction.Mean, rdx, 0.1);
            Assert.True(Math.Abs(rl - torchLoss) < 1e-12, $"reference {red}: {rl} vs PyTorch {torchLoss}");
            for (int i = 0; i < 12; i++)
                Assert.True(Math.Abs(rdx[i] - gradScale * torchMeanGrad[i]) < 1e-11, $"reference dlogits[{i}] {red}");
            using var tx = DeviceTensor.FromHost(dev, x.Select(v => (float)v).ToArray(), 3, 4);
            using var tt = DeviceIndices.FromHost(dev, t, 3);
            using var loss = Losses.CrossEntropy(tx, tt, reduction: red, labelSmoothing: 0.1f);
            Assert.True(Math.Abs(loss.Read() - torchLoss) <= 1e-6, $"{red}: {loss.Read()} vs PyTorch {torchLoss}");
            Numerics.AssertClose(loss.Gradient.ToArray(), rdx, 1e-6, $"dlogits {red}");
        }
        var rng = new Random(44);
        foreach (var (n, c) in new[] { (129, 33), (50, 1000) })
        {
            float[] xs = Numerics.Uniform(rng, n * c, 8f);
            var ts = Enumerable.Range(0, n).Select(i => i % 5 == 4 ? 0 : rng.Next(c)).ToArray();
            using var tx = DeviceTensor.FromHost(dev, xs, n, c);
            using var tt = DeviceIndices.FromHost(dev, ts, n);
            using var loss = Losses.CrossEntropy(tx, tt, ignoreIndex: 0, labelSmoothing: 0.1f);
            var rdx = new double[n * c];
            double rl = ModelReference.CrossEntropy(Numerics.ToDouble(xs), ts, c, 0, true, rdx, 0.1);
            Assert.True(Math.Abs(loss.Read() - rl) <= 1e-5 * Math.Max(1, Math.Abs(rl)), $"{n}x{c}: {loss.Read()} vs {rl}");
            Numerics.AssertClose(loss.Gradient.ToArray(), rdx, 1e-5, $"dlogits {n}x{c}");
        }
        using var one = DeviceTensor.Zeros(dev, 1, 2);
        using var oneT = DeviceIndices.FromHost(dev, new[] { 0 }, 1);
        Assert.Contains("labelSmoothing must lie in [0, 1], got 1.5",
            Assert.Throws<ArgumentException>(() => Losses.CrossEntropy(one, oneT, labelSmoothing: 1.5f)).Message);
    }

    [Theory]
    [MemberData(nameof(TestDevices.Real), MemberType = typeof(TestDevices))]
    public void CrossEntropy_MatchesReference_WithIgnoreIndex(string deviceName)
    {
        var dev = TestDevices.Get(deviceName);
        var rng = new Random(43);
        foreach (var (n, c) in new[] { (1, 1), (7, 5), (129, 33), (2000, 3) })
        foreach (var red in new[] { Reduction.Mean, Reduction.Sum })
        {
            float[] x = Numerics.Uniform(rng, n * c, 8f);
            var t = Enumerable.Range(0, n).Select(i => i % 4 == 3 ? -100 : rng.Next(c)).ToArray();
            using var tx = DeviceTensor.FromHost(dev, x, n, c);
            using var tt = DeviceIndices.FromHost(dev, t, n);
            using var dx = DeviceTensor.FromHost(dev, Enumerable.Repeat(float.NaN, n * c).ToArray(), n, c);
            using var loss = Losses.CrossEntropy(tx, tt, dx, reduction: red);
            var rdx = new double[n * c];
            double rl = ModelReference.CrossEntropy(Numerics.ToDouble(x), t, c, -100, red == Reduction.Mean, rdx);
            Assert.True(Math.Abs(loss.Read() - rl) <= 1e-5 * Math.Max(1, Math.Abs(rl)), $"{n}x{c} {red}: {loss.Read()} vs {rl}");
            Numerics.AssertClose(dx.ToArray(), rdx, 1e-5, $"dlogits {n}x{c} {red}");
        }
        // every target ignored: loss 0, gradient 0 (no NaN)
        using var ax = DeviceTensor.FromHost(dev, new float[] { 1, 2, 3, 4 }, 2, 2);
        using var at = DeviceIndices.FromHost(dev, new[] { 7, 7 }, 2);
        using var ad = DeviceTensor.Zeros(dev, 2, 2);
        using var al = Losses.CrossEntropy(ax, at, ad, ignoreIndex: 7);
        Assert.Equal(0f, al.Read());
        Assert.All(ad.ToArray(), v => Assert.Equal(0f, v));
        using var wrong = DeviceIndices.FromHost(dev, new[] { 0, 1, 0 }, 3);
        var ex = Assert.Throws<ArgumentException>(() => Losses.CrossEntropy(ax, wrong, ad));
        Assert.Contains("(3)", ex.Message);
        Assert.Contains("(2, 2)", ex.Message);
    }

    [Theory]
    [MemberData(nameof(TestDevices.Real), MemberType = typeof(TestDevices))]
    public void BceAndMse_MatchReference_StableForLargeLogits(string deviceName)
    {
        var dev = TestDevices.Get(deviceName);
        var rng = new Random(44);
        foreach (int n in new[] { 1, 7, 1025, 3000 })
        foreach (var red in new[] { Reduction.Mean, Reduction.Sum })
        {
            float[] x = Numerics.Uniform(rng, n, 60f), y = Enumerable.Range(0, n).Select(_ => (float)rng.NextDouble()).ToArray();
            using var tx = DeviceTensor.FromHost(dev, x, n);
            using var ty = DeviceTensor.FromHost(dev, y, n);
            using var dx = DeviceTensor.Uninitialized(dev, n);
            var rdx = new double[n];
            using (var l = Losses.BceWithLogits(tx, ty, dx, red))
            {
                double r = ModelReference.BceWithLogits(Numerics.ToDouble(x), Numerics.ToDouble(y), red == Reduction.Mean, rdx);
                Assert.True(float.IsFinite(l.Read()) && Math.Abs(l.Read() - r) <= 1e-5 * Math.Max(1, Math.Abs(r)), $"bce {n} {red}: {l.Read()} vs {r}");
                Numerics.AssertClose(dx.ToArray(), rdx, 1e-5, "bce dx");
            }
            using (var l = Losses.Mse(tx, ty, dx, red))
            {
                double r = ModelReference.Mse(Numerics.ToDouble(x), Numerics.ToDouble(y), red == Reduction.Mean, rdx);
                Assert.True(Math.Abs(l.Read() - r) <= 1e-5 * Math.Abs(r), $"mse {n} {red}: {l.Read()} vs {r}");
                Numerics.AssertClose(dx.ToArray(), rdx, 1e-6, "mse dx");
            }
        }
    }

    [Fact]
    public void LossReferences_MatchFiniteDifferences()
    {
        var rng = new Random(45);
        const int n = 5, c = 4;
        double[] x = Numerics.ToDouble(Numerics.Uniform(rng, n * c, 3f)), y = x.Select(_ => rng.NextDouble()).ToArray();
        int[] t = { 0, 3, -100, 1, 2 };
        const double h = 1e-6;
        foreach (bool mean in new[] { true, false })
        {
            var d = new double[n * c];
            ModelReference.CrossEntropy(x, t, c, -100, mean, d);
            Check(d, xp => ModelReference.CrossEntropy(xp, t, c, -100, mean, new double[n * c]));
            ModelReference.BceWithLogits(x, y, mean, d);
            Check(d, xp => ModelReference.BceWithLogits(xp, y, mean, new double[n * c]));
            ModelReference.Mse(x, y, mean, d);
            Check(d, xp => ModelReference.Mse(xp, y, mean, new double[n * c]));
        }

        void Check(double[] analytic, Func<double[], double> f)
        {
            for (int i = 0; i < x.Length; i++)
            {
                var xp = (double[])x.Clone();
                var xm = (double[])x.Clone();
                xp[i] += h;
                xm[i] -= h;
                double fd = (f(xp) - f(xm)) / (2 * h);
                Assert.True(Math.Abs(fd - analytic[i]) < 1e-6, $"element {i}: fd {fd} vs {analytic[i]}");
            }
        }
    }

    /// <summary>A module with one Linear whose gradients are set from the host.</summary>
    static (Linear Lin, double[][] P, double[][] G) Setup(ComputeDevice dev, Random rng)
    {
        var lin = new Linear(dev, 33, 7, seed: 9);
        var p = lin.NamedParameters.Select(np => Numerics.ToDouble(np.Parameter.Value.ToArray())).ToArray();
        var g = lin.NamedParameters.Select(np => Numerics.ToDouble(Numerics.Uniform(rng, np.Parameter.Value.Length))).ToArray();
        return (lin, p, g);
    }

    static void SetGrads(Linear lin, double[][] g, int step)
    {
        for (int k = 0; k < g.Length; k++)
            lin.NamedParameters[k].Parameter.Grad.CopyFromHost(F(g[k].Select(v => v * (1 + 0.3 * step) * (step % 2 == 0 ? 1 : -0.5)).ToArray()));
    }

    static double[] Scaled(double[] g, int step) => F(g.Select(v => v * (1 + 0.3 * step) * (step % 2 == 0 ? 1 : -0.5)).ToArray()).Select(v => (double)v).ToArray();

    [Theory]
    [MemberData(nameof(TestDevices.Real), MemberType = typeof(TestDevices))]
    public void Sgd_OneAndSeveralSteps_MatchReference(string deviceName)
    {
        var dev = TestDevices.Get(deviceName);
        foreach (var o in new[]
        {
            new SgdOptions(0.1f), new SgdOptions(0.05f, Momentum: 0.9f), new SgdOptions(0.05f, 0.9f, 0f, 0.01f, Nesterov: true),
            new SgdOptions(0.02f, 0.5f, 0.1f, 0.001f),
        })
        {
            var (lin, p, g) = Setup(dev, new Random(46));
            using var _ = lin;
            using var opt = new Sgd(lin, o);
            var buf = p.Select(a => new double[a.Length]).ToArray();
            for (int s = 0; s < 4; s++)
            {
                SetGrads(lin, g, s);
                opt.Step();
                for (int k = 0; k < p.Length; k++)
                    ModelReference.SgdStep(p[k], Scaled(g[k], s), buf[k], o.LearningRate, o.Momentum, o.Dampening, o.WeightDecay, o.Nesterov, s == 0);
                for (int k = 0; k < p.Length; k++)
                    Numerics.AssertClose(lin.NamedParameters[k].Parameter.Value.ToArray(), p[k], 1e-6, $"{o} step {s + 1} {lin.NamedParameters[k].Name}");
            }
            Assert.Equal(4, opt.StepCount);
        }
    }

    [Theory]
    [MemberData(nameof(TestDevices.Real), MemberType = typeof(TestDevices))]
    public void AdamAndAdamW_OneAndSeveralSteps_MatchReference(string deviceName)
    {
        var dev = TestDevices.Get(deviceName);
        foreach (var o in new[] { new AdamOptions(0.01f), new AdamOptions(0.01f, 0.8f, 0.99f, 1e-6f, 0.1f), new AdamOptions(0.01f, WeightDecay: 0.01f, Decoupled: true) })
        {
            var (lin, p, g) = Setup(dev, new Random(47));
            using var _ = lin;
            using var opt = new Adam(lin, o);
            var m = p.Select(a => new double[a.Length]).ToArray();
            var v = p.Select(a => new double[a.Length]).ToArray();
            for (int s = 0; s < 5; s++)
            {
                SetGrads(lin, g, s);
                opt.Step();
                for (int k = 0; k < p.Length; k++)
                    ModelReference.AdamStep(p[k], Scaled(g[k], s), m[k], v[k], o.LearningRate, o.Beta1, o.Beta2, o.Eps, o.WeightDecay, o.Decoupled, s + 1);
                for (int k = 0; k < p.Length; k++)
                    Numerics.AssertClose(lin.NamedParameters[k].Parameter.Value.ToArray(), p[k], 1e-6, $"{o} step {s + 1}");
            }
            Assert.Equal(o.Decoupled ? "adamw" : "adam", opt.Kind);
            var expAvg = opt.State.Single(st => st.Name == "optimizer.weight.exp_avg").Tensor.ToArray();
            Numerics.AssertClose(expAvg, m[0], 1e-5, "exp_avg");
        }
    }

    [Theory]
    [MemberData(nameof(TestDevices.Real), MemberType = typeof(TestDevices))]
    public void GradClip_ByNormAndByValue_MatchReference(string deviceName)
    {
        var dev = TestDevices.Get(deviceName);
        var (lin, _, g) = Setup(dev, new Random(48));
        using var _lin = lin;
        var ps = lin.NamedParameters.Select(np => np.Parameter).ToArray();
        foreach (double maxNorm in new[] { 0.5, 1000.0 })
        {
            SetGrads(lin, g, 0);
            var r = g.Select(a => Scaled(a, 0)).ToArray();
            double rn = ModelReference.ClipByNorm(r, maxNorm);
            float norm = GradClip.ByNormAndRead(ps, (float)maxNorm);
            Assert.True(Math.Abs(norm - rn) < 1e-5 * rn, $"norm {norm} vs {rn}");
            for (int k = 0; k < ps.Length; k++)
                Numerics.AssertClose(ps[k].Grad.ToArray(), r[k], 1e-6, $"clip {maxNorm}");
        }
        // device-only variant writes the sum of squares into a caller slot
        SetGrads(lin, g, 0);
        using var s = DeviceTensor.Zeros(dev, 1);
        GradClip.ByNorm(ps, 0.5f, s);
        double want = g.Sum(a => Scaled(a, 0).Sum(v => v * v));
        Assert.True(Math.Abs(s.ToArray()[0] - want) < 1e-5 * want);
        SetGrads(lin, g, 0);
        GradClip.ByValue(ps, 0.25f);
        for (int k = 0; k < ps.Length; k++)
            Numerics.AssertClose(ps[k].Grad.ToArray(), Scaled(g[k], 0).Select(v => Math.Clamp(v, -0.25, 0.25)).ToArray(), 1e-7, "clip value");
        Assert.Throws<ArgumentException>(() => GradClip.ByNorm(ps, 0f));
        Assert.Throws<ArgumentException>(() => GradClip.ByValue(ps, -1f));
    }

    [Fact]
    public void LrSchedules_FollowTheirFormulas()
    {
        Assert.Equal(0.1f, LrSchedule.Step(0.1f, 9, 10, 0.5f));
        Assert.Equal(0.05f, LrSchedule.Step(0.1f, 10, 10, 0.5f));
        Assert.Equal(0.1f, LrSchedule.Cosine(0.1f, 0, 100), 6);
        Assert.Equal(0.055f, LrSchedule.Cosine(0.1f, 50, 100, 0.01f), 6);
        Assert.Equal(0.01f, LrSchedule.Cosine(0.1f, 150, 100, 0.01f), 6);
        Assert.Equal(0.025f, LrSchedule.LinearWarmup(0.1f, 0, 4), 6);
        Assert.Equal(0.1f, LrSchedule.LinearWarmup(0.1f, 3, 4), 6);
        Assert.Equal(LrSchedule.Cosine(0.1f, 10, 100), LrSchedule.LinearWarmup(0.1f, 10, 4, s => LrSchedule.Cosine(0.1f, s, 100)));
        Assert.Throws<ArgumentException>(() => LrSchedule.Step(0.1f, 1, 0, 0.5f));
    }

    [Fact]
    public void Orthogonal_Init_GivesOrthonormalGateBlocks_AndForgetBias()
    {
        var dev = TestDevices.Get("cpu");
        using var layer = new RecurrentLayer(dev, new RnnOptions(RnnMode.Lstm, 3, 5));
        Init.Apply(layer, new RnnInit(WeightInit.XavierUniform, OrthogonalRecurrent: true, ForgetBias: 1f, ZeroBiases: true, Seed: 7));
        var w = layer["weight_hh_l0"].Value.ToArray();
        for (int g = 0; g < 4; g++)
            for (int i = 0; i < 5; i++)
                for (int j = 0; j < 5; j++)
                {
                    double dot = 0;
                    for (int k = 0; k < 5; k++) dot += w[g * 25 + i * 5 + k] * w[g * 25 + j * 5 + k];
                    Assert.True(Math.Abs(dot - (i == j ? 1 : 0)) < 1e-5, $"gate {g} rows {i},{j}: {dot}");
                }
        var bih = layer["bias_ih_l0"].Value.ToArray();
        Assert.Equal(new float[] { 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, bih);
        Assert.All(layer["bias_hh_l0"].Value.ToArray(), v => Assert.Equal(0f, v));
        float a = MathF.Sqrt(6f / (3 + 5));
        Assert.All(layer["weight_ih_l0"].Value.ToArray(), v => Assert.InRange(v, -a, a));
        using var gru = new RecurrentLayer(dev, new RnnOptions(RnnMode.Gru, 3, 5));
        Assert.Throws<ArgumentException>(() => Init.Apply(gru, new RnnInit(ForgetBias: 1f)));
    }

    [Theory]
    [MemberData(nameof(TestDevices.Real), MemberType = typeof(TestDevices))]
    public void Dropout_MasksAndScales_BackwardUsesSameMask_EvalIsIdentity(string deviceName)
    {
        var dev = TestDevices.Get(deviceName);
        var rng = new Random(49);
        const int n = 4099;
        float[] x = Numerics.Uniform(rng, n), dy = Numerics.Uniform(rng, n);
        using var tx = DeviceTensor.FromHost(dev, x, n);
        using var tdy = DeviceTensor.FromHost(dev, dy, n);
        using var drop = new Dropout(dev, 0.25f, seed: 3);
        using var y = drop.Forward(tx, training: true);
        using var dx = drop.Backward(tdy);
        var yh = y.ToArray();
        var dxh = dx.ToArray();
        int dropped = 0;
        for (int i = 0; i < n; i++)
        {
            bool kept = yh[i] != 0f;
            if (!kept) dropped++;
            Assert.Equal(kept ? x[i] * (1f / 0.75f) : 0f, yh[i]);
            Assert.Equal(kept ? dy[i] * (1f / 0.75f) : 0f, dxh[i]);
        }
        Assert.InRange(dropped / (double)n, 0.2, 0.3);
        using var again = new Dropout(dev, 0.25f, seed: 3);
        using var y2 = again.Forward(tx, training: true);
        Assert.Equal(yh, y2.ToArray());
        using var ev = drop.Forward(tx, training: false);
        Assert.Equal(x, ev.ToArray());
        Assert.Throws<ArgumentException>(() => new Dropout(dev, 1f));
    }
}
