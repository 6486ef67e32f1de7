using RnnGpu.Kernels;

namespace RnnGpu.Tests;

[Trait(Suites.Tier, Suites.Kernels)]
public class RnnTests
{
    public sealed record Config(int Layers, bool Bidirectional, bool BatchFirst, bool VarLengths, bool InitialStates, int T = 7, int B = 3, int I = 5, int H = 7)
    {
        public override string ToString() => $"L{Layers} {(Bidirectional ? "bi" : "uni")} {(BatchFirst ? "batch-first" : "seq-major")} {(VarLengths ? "var-len" : "full")} {(InitialStates ? "h0" : "no-h0")} T{T} B{B} I{I} H{H}";
    }

    static readonly Config[] Configs =
    {
        new(1, false, false, false, false),
        new(2, true, true, true, true),
        new(3, false, false, true, true, T: 5, B: 4, I: 3, H: 5),
        new(1, true, false, false, true, T: 4, B: 1, I: 33, H: 9),
        new(2, false, true, false, false, T: 3, B: 5, I: 1, H: 33),
    };

    static readonly RnnMode[] Modes = CellSpec.PyTorch.Select(c => c.Kind).ToArray(); // the cell table's cells the int-cell kernels run

    public static IEnumerable<object[]> DeviceModes() =>
        from d in TestDevices.Real from m in Modes select new object[] { d[0], m };


    internal static RnnRefWeights[] ReferenceWeights(RecurrentLayer layer)
    {
        var w = new RnnRefWeights[layer.Layers * layer.Directions];
        for (int l = 0; l < layer.Layers; l++)
            for (int d = 0; d < layer.Directions; d++)
            {
                string s = $"_l{l}" + (d == 1 ? "_reverse" : "");
                w[l * layer.Directions + d] = new RnnRefWeights(
                    Numerics.ToDouble(layer["weight_ih" + s].Value.ToArray()), Numerics.ToDouble(layer["weight_hh" + s].Value.ToArray()),
                    Numerics.ToDouble(layer["bias_ih" + s].Value.ToArray()), Numerics.ToDouble(layer["bias_hh" + s].Value.ToArray()));
            }
        return w;
    }

    /// <summary>(T, B, F) from (B, T, F) or back.</summary>
    internal static double[] SwapOuter(double[] x, int d0, int d1, int f)
    {
        var y = new double[x.Length];
        for (int i = 0; i < d0; i++)
            for (int j = 0; j < d1; j++)
                Array.Copy(x, (i * d1 + j) * f, y, (j * d0 + i) * f, f);
        return y;
    }

    [Theory]
    [MemberData(nameof(DeviceModes))]
    public void ForwardAndBackward_MatchFloat64Reference(string deviceName, RnnMode mode) =>
        CompareWithReference(deviceName, mode, Configs, algorithm: null);

    /// <summary>The row-shaped step kernel (picked for OpenCL on CPUs), on the GPU-simulating CPU accelerator,
    /// including a hidden size whose interleaved columns fill whole 16-column tiles.</summary>
    [Theory]
    [InlineData(RnnMode.RnnTanh)]
    [InlineData(RnnMode.RnnRelu)]
    [InlineData(RnnMode.Lstm)]
    [InlineData(RnnMode.Gru)]
    public void RowStepKernel_MatchesFloat64Reference(RnnMode mode) =>
        CompareWithReference(TestDevices.CpuSim, mode,
            new[] { Configs[1], Configs[2], new Config(1, true, false, true, true, T: 4, B: 13, I: 6, H: 16) }, RecurrenceAlgorithm.RowStep);

    /// <summary>Devices whose groups hold the tiled step kernel's 64 threads: the GPU simulator, OpenCL, CUDA.</summary>
    public static IEnumerable<object[]> TiledStepDeviceModes() =>
        from d in TestDevices.All
        let name = (string)d[0]
        where name == TestDevices.CpuSim || !name.StartsWith("cpu", StringComparison.Ordinal)
        from m in Modes
        select new object[] { name, m };

    /// <summary>The GPU step kernel (a tiled GEMM of h and the gate-interleaved W_hh^T, the cell in its epilogue): two
    /// tiles of batch rows (B = 33), several column tiles (LSTM H = 40: 160 interleaved columns), a hidden size that is
    /// not a multiple of 4 (RNN H = 9) and of the K slice (H = 13), stacked, bidirectional, variable lengths.</summary>
    [Theory]
    [MemberData(nameof(TiledStepDeviceModes))]
    public void TiledStepKernel_MatchesFloat64Reference(string deviceName, RnnMode mode) =>
        CompareWithReference(deviceName, mode,
            new[] { Configs[1], new Config(1, true, false, true, true, T: 3, B: 33, I: 4, H: 40), new Config(2, false, false, false, true, T: 3, B: 2, I: 3, H: 13) },
            RecurrenceAlgorithm.TiledStep);

    static void CompareWithReference(string deviceName, RnnMode mode, Config[] configs, RecurrenceAlgorithm? algorithm)
    {
        var device = TestDevices.Get(deviceName);
        int seed = 100;
        foreach (var cfg in configs)
        {
            var rng = new Random(seed++);
            int D = cfg.Bidirectional ? 2 : 1, LD = cfg.Layers * D, T = cfg.T, B = cfg.B, I = cfg.I, H = cfg.H;
            bool lstm = mode == RnnMode.Lstm;
            using var layer = new RecurrentLayer(device, new RnnOptions(mode, I, H, cfg.Layers, cfg.Bidirectional, cfg.BatchFirst, Seed: (ulong)seed));
            if (algorithm is RecurrenceAlgorithm forced)
                layer.Algorithm = forced;
            float[] x = Numerics.Uniform(rng, T * B * I);
            int[]? lengths = cfg.VarLengths ? Enumerable.Range(0, B).Select(b => b == 0 ? T : 1 + rng.Next(T)).ToArray() : null;
            float[] h0 = Numerics.Uniform(rng, LD * B * H), c0 = Numerics.Uniform(rng, LD * B * H);
            float[] dy = Numerics.Uniform(rng, T * B * D * H), dhN = Numerics.Uniform(rng, LD * B * H), dcN = Numerics.Uniform(rng, LD * B * H);

            using var tx = DeviceTensor.FromHost(device, x, cfg.BatchFirst ? new[] { B, T, I } : new[] { T, B, I });
            using var th0 = DeviceTensor.FromHost(device, h0, LD, B, H);
            using var tc0 = DeviceTensor.FromHost(device, c0, LD, B, H);
            using var tdy = DeviceTensor.FromHost(device, dy, cfg.BatchFirst ? new[] { B, T, D * H } : new[] { T, B, D * H });
            using var tdhN = DeviceTensor.FromHost(device, dhN, LD, B, H);
            using var tdcN = DeviceTensor.FromHost(device, dcN, LD, B, H);
            layer.ZeroGrad();
            using var outp = layer.Forward(tx, cfg.InitialStates ? th0 : null, cfg.InitialStates && lstm ? tc0 : null, lengths, training: true);
            using var grads = layer.Backward(tdy, tdhN, lstm ? tdcN : null);
            if (algorithm is RecurrenceAlgorithm ran)
                Assert.Equal(ran, layer.LastAlgorithm);

            var reference = new RnnReference(mode, cfg.Layers, cfg.Bidirectional, I, H, ReferenceWeights(layer));
            var xs = Numerics.ToDouble(x);
            if (cfg.BatchFirst) xs = SwapOuter(xs, B, T, I);
            var (rOut, rHN, rCN) = reference.Forward(xs, T, B, lengths,
                cfg.InitialStates ? Numerics.ToDouble(h0) : null, cfg.InitialStates && lstm ? Numerics.ToDouble(c0) : null);
            var dys = Numerics.ToDouble(dy);
            if (cfg.BatchFirst) dys = SwapOuter(dys, B, T, D * H);
            var (rDX, rDH0, rDC0, rDW) = reference.Backward(dys, Numerics.ToDouble(dhN), lstm ? Numerics.ToDouble(dcN) : null);
            if (cfg.BatchFirst)
            {
                rOut = SwapOuter(rOut, T, B, D * H);
                rDX = SwapOuter(rDX, T, B, I);
            }
            string what = $"{deviceName} {mode} {cfg}";
            Numerics.AssertClose(outp.Output.ToArray(), rOut, 1e-5, what + " output");
            Numerics.AssertClose(outp.HN.ToArray(), rHN, 1e-5, what + " h_n");
            if (lstm) Numerics.AssertClose(outp.CN!.ToArray(), rCN, 1e-5, what + " c_n");
            else Assert.Null(outp.CN);
            Numerics.AssertClose(grads.DInput.ToArray(), rDX, 1e-4, what + " dX");
            Numerics.AssertClose(grads.DH0.ToArray(), rDH0, 1e-4, what + " dh0");
            if (lstm) Numerics.AssertClose(grads.DC0!.ToArray(), rDC0, 1e-4, what + " dc0");
            for (int ld = 0; ld < LD; ld++)
            {
                string s = $"_l{ld / D}" + (ld % D == 1 ? "_reverse" : "");
                Numerics.AssertClose(layer["weight_ih" + s].Grad.ToArray(), rDW[ld].Wih, 1e-4, what + " dweight_ih" + s);
                Numerics.AssertClose(layer["weight_hh" + s].Grad.ToArray(), rDW[ld].Whh, 1e-4, what + " dweight_hh" + s);
                Numerics.AssertClose(layer["bias_ih" + s].Grad.ToArray(), rDW[ld].Bih, 1e-4, what + " dbias_ih" + s);
                Numerics.AssertClose(layer["bias_hh" + s].Grad.ToArray(), rDW[ld].Bhh, 1e-4, what + " dbias_hh" + s);
            }
        }
    }

    [Theory]
    [MemberData(nameof(DeviceModes))]
    public void InferenceForward_EqualsTrainingForward_AndStoresNothing(string deviceName, RnnMode mode)
    {
        var device = TestDevices.Get(deviceName);
        var rng = new Random(5);
        using var layer = new RecurrentLayer(device, new RnnOptions(mode, 4, 6, 2, Bidirectional: true, Seed: 3));
        using var x = DeviceTensor.FromHost(device, Numerics.Uniform(rng, 5 * 2 * 4), 5, 2, 4);
        int[] lengths = { 5, 3 };
        using var a = layer.Forward(x, lengths: lengths, training: false);
        Assert.Throws<InvalidOperationException>(() => layer.Backward(null));
        using var b = layer.Forward(x, lengths: lengths, training: true);
        Assert.Equal(a.Output.ToArray(), b.Output.ToArray());
        Assert.Equal(a.HN.ToArray(), b.HN.ToArray());
    }

    [Theory]
    [MemberData(nameof(DeviceModes))]
    public void StreamingSteps_MatchTheFullForward(string deviceName, RnnMode mode)
    {
        var device = TestDevices.Get(deviceName);
        var rng = new Random(6);
        const int T = 6, B = 3, I = 5, H = 7, L = 2;
        using var layer = new RecurrentLayer(device, new RnnOptions(mode, I, H, L, Seed: 9));
        float[] x = Numerics.Uniform(rng, T * B * I);
        float[] h0 = Numerics.Uniform(rng, L * B * H), c0 = Numerics.Uniform(rng, L * B * H);
        bool lstm = mode == RnnMode.Lstm;
        using var tx = DeviceTensor.FromHost(device, x, T, B, I);
        using var th0 = DeviceTensor.FromHost(device, h0, L, B, H);
        using var tc0 = DeviceTensor.FromHost(device, c0, L, B, H);
        using var full = layer.Forward(tx, th0, lstm ? tc0 : null);
        var expected = full.Output.ToArray();
        using var stream = layer.CreateStream(B, th0, lstm ? tc0 : null);
        using var y = DeviceTensor.Zeros(device, B, H);
        for (int t = 0; t < T; t++)
        {
            using var xt = tx.Row(t);
            stream.Step(xt, y);
            Assert.Equal(expected.AsSpan(t * B * H, B * H).ToArray(), y.ToArray());
        }
        using var hs = stream.HiddenState();
        Assert.Equal(full.HN.ToArray(), hs.ToArray());
        if (lstm)
        {
            using var cs = stream.CellState();
            Assert.Equal(full.CN!.ToArray(), cs!.ToArray());
        }
    }

    /// <summary>On the CPU accelerator a small streaming step runs on the calling thread and a large one in launches
    /// (<see cref="KernelPolicy.CallingThreadStepMaxFlops"/>); both give the full forward's bits.</summary>
    [Theory]
    [InlineData(RnnMode.Lstm, 16, true)]
    [InlineData(RnnMode.Gru, 16, true)]
    [InlineData(RnnMode.Lstm, 768, false)]
    public void StreamingSteps_OnTheCallingThreadOrLaunched_GiveTheForwardsBits(RnnMode mode, int h, bool onCaller)
    {
        var device = TestDevices.Get("cpu");
        var rng = new Random(8);
        const int T = 3, B = 1;
        using var layer = new RecurrentLayer(device, new RnnOptions(mode, h, h, 1, Seed: 4));
        using var tx = DeviceTensor.FromHost(device, Numerics.Uniform(rng, T * B * h), T, B, h);
        using var full = layer.Forward(tx);
        var expected = full.Output.ToArray();
        using var stream = layer.CreateStream(B);
        Assert.Equal(onCaller, stream.OnCallingThread);
        using var y = DeviceTensor.Zeros(device, B, h);
        for (int t = 0; t < T; t++)
        {
            using var xt = tx.Row(t);
            stream.Step(xt, y);
            Assert.Equal(expected.AsSpan(t * B * h, B * h).ToArray(), y.ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(TestDevices.Real), MemberType = typeof(TestDevices))]
    public void ParameterGradients_Accumulate_UntilZeroGrad(string deviceName)
    {
        var device = TestDevices.Get(deviceName);
        var rng = new Random(8);
        using var layer = new RecurrentLayer(device, new RnnOptions(RnnMode.Lstm, 3, 4, Seed: 1));
        using var x = DeviceTensor.FromHost(device, Numerics.Uniform(rng, 4 * 2 * 3), 4, 2, 3);
        using var dy = DeviceTensor.FromHost(device, Numerics.Uniform(rng, 4 * 2 * 4), 4, 2, 4);
        layer.ZeroGrad();
        using (layer.Forward(x, training: true)) using (layer.Backward(dy)) { }
        var once = layer["weight_hh_l0"].Grad.ToArray();
        using (layer.Forward(x, training: true)) using (layer.Backward(dy)) { }
        var twice = layer["weight_hh_l0"].Grad.ToArray();
        for (int i = 0; i < once.Length; i++)
            Assert.Equal(2 * once[i], twice[i], 5);
        layer.ZeroGrad();
        Assert.All(layer["weight_hh_l0"].Grad.ToArray(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Parameters_HavePyTorchNamesShapesAndDefaultInit()
    {
        var device = TestDevices.Get("cpu");
        using var layer = new RecurrentLayer(device, new RnnOptions(RnnMode.Gru, 10, 16, 2, Bidirectional: true, Seed: 4));
        Assert.Equal(16, layer.Parameters.Count);
        Assert.Equal(new[] { "weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0" }, layer.Parameters.Take(4).Select(p => p.Name));
        Assert.Equal("weight_ih_l0_reverse", layer.Parameters[4].Name);
        Assert.Equal(new[] { 48, 10 }, layer["weight_ih_l0"].Value.Shape);
        Assert.Equal(new[] { 48, 32 }, layer["weight_ih_l1_reverse"].Value.Shape);
        Assert.Equal(new[] { 48, 16 }, layer["weight_hh_l1"].Value.Shape);
        Assert.Equal(new[] { 48 }, layer["bias_hh_l1_reverse"].Value.Shape);
        var w = layer["weight_hh_l1"].Value.ToArray();
        Assert.All(w, v => Assert.InRange(v, -0.25f, 0.25f));
        Assert.True(w.Max() > 0.2f && w.Min() < -0.2f, "U(-1/sqrt(H), 1/sqrt(H)) should span its range");
        using var again = new RecurrentLayer(device, new RnnOptions(RnnMode.Gru, 10, 16, 2, Bidirectional: true, Seed: 4));
        Assert.Equal(w, again["weight_hh_l1"].Value.ToArray());
    }

    [Fact]
    public void TrainingBytesPerStep_IsDocumentedFormula()
    {
        var device = TestDevices.Get("cpu");
        using var lstm = new RecurrentLayer(device, new RnnOptions(RnnMode.Lstm, 8, 10));
        Assert.Equal(4L * 3 * (4 * 10 + 10 + 10), lstm.TrainingBytesPerStep(3));
        using var rnn = new RecurrentLayer(device, new RnnOptions(RnnMode.RnnTanh, 8, 10));
        Assert.Equal(4L * 3 * (10 + 10), rnn.TrainingBytesPerStep(3));
    }

    [Theory]
    [MemberData(nameof(TestDevices.Real), MemberType = typeof(TestDevices))]
    public void Dropout_AppliesInTrainingOnly_AndIsSeeded(string deviceName)
    {
        var device = TestDevices.Get(deviceName);
        var rng = new Random(10);
        using var x = DeviceTensor.FromHost(device, Numerics.Uniform(rng, 6 * 4 * 5), 6, 4, 5);
        using var layer = new RecurrentLayer(device, new RnnOptions(RnnMode.Lstm, 5, 8, 2, Dropout: 0.5f, Seed: 2));
        using var noDrop = new RecurrentLayer(device, new RnnOptions(RnnMode.Lstm, 5, 8, 2, Dropout: 0f, Seed: 2));
        using var eval = layer.Forward(x);
        using var evalRef = noDrop.Forward(x);
        Assert.Equal(evalRef.Output.ToArray(), eval.Output.ToArray());
        using var train = layer.Forward(x, training: true);
        Assert.NotEqual(eval.Output.ToArray(), train.Output.ToArray());
        // Backward runs through the mask: the input gradient differs from the no-dropout one.
        using var dy = DeviceTensor.FromHost(device, Numerics.Uniform(rng, 6 * 4 * 8), 6, 4, 8);
        using var g1 = layer.Backward(dy);
        using (noDrop.Forward(x, training: true))
        using (var g0 = noDrop.Backward(dy))
            Assert.NotEqual(g0.DInput.ToArray(), g1.DInput.ToArray());
        Assert.All(g1.DInput.ToArray(), v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void DropoutMask_DropsAboutP_AndScalesTheRest()
    {
        var device = TestDevices.Get("cpu");
        const int n = 20000;
        using var x = DeviceTensor.Zeros(device, n);
        x.Fill(1f);
        using var y = DeviceTensor.Zeros(device, n);
        using var mask = DeviceTensor.Zeros(device, n);
        device.Kernels.DropoutForward(x.View, y.View, mask.View, 0.3f, 1234, 1);
        var m = mask.ToArray();
        double dropped = m.Count(v => v == 0f) / (double)n;
        Assert.InRange(dropped, 0.28, 0.32);
        Assert.All(m, v => Assert.True(v == 0f || Math.Abs(v - 1f / 0.7f) < 1e-6));
        Assert.Equal(m, y.ToArray());
    }

    [Fact]
    public void CheckFinite_ReportsLayerAndStep()
    {
        var device = TestDevices.Get("cpu");
        using var layer = new RecurrentLayer(device, new RnnOptions(RnnMode.Gru, 3, 4, 2, CheckFinite: true));
        var data = Numerics.Uniform(new Random(1), 5 * 2 * 3);
        data[3 * 2 * 3 + 4] = float.NaN; // step 3, batch 0, feature 1... flat index 22
        using var x = DeviceTensor.FromHost(device, data, 5, 2, 3);
        var ex = Assert.Throws<ArithmeticException>(() => layer.Forward(x));
        Assert.Contains("input", ex.Message);
        Assert.Contains("step 3", ex.Message);

        // A weight that overflows: the first layer's output becomes non-finite.
        var w = new float[12 * 3];
        Array.Fill(w, float.PositiveInfinity);
        layer.LoadParameter("weight_ih_l0", w, new[] { 12, 3 });
        using var ok = DeviceTensor.FromHost(device, Numerics.Uniform(new Random(2), 5 * 2 * 3), 5, 2, 3);
        ex = Assert.Throws<ArithmeticException>(() => layer.Forward(ok));
        Assert.Contains("layer 0", ex.Message);
        Assert.Contains("step 0", ex.Message);

        // An upstream gradient with an Inf at step 2.
        using var fresh = new RecurrentLayer(device, new RnnOptions(RnnMode.Lstm, 3, 4, CheckFinite: true));
        using (fresh.Forward(ok, training: true)) { }
        var dy = new float[5 * 2 * 4];
        dy[2 * 2 * 4 + 5] = float.PositiveInfinity;
        using var tdy = DeviceTensor.FromHost(device, dy, 5, 2, 4);
        ex = Assert.Throws<ArithmeticException>(() => fresh.Backward(tdy));
        Assert.Contains("dOutput", ex.Message);
        Assert.Contains("step 2", ex.Message);
    }

    [Fact]
    public void BadInput_GetsClearErrors_BeforeAnyKernel()
    {
        var device = TestDevices.Get("cpu");
        using var layer = new RecurrentLayer(device, new RnnOptions(RnnMode.Lstm, 3, 4, 2));
        using var x = DeviceTensor.Zeros(device, 5, 2, 3);
        using var wide = DeviceTensor.Zeros(device, 5, 2, 4);
        var ex = Assert.Throws<ArgumentException>(() => layer.Forward(wide));
        Assert.Contains("(5, 2, 4)", ex.Message);
        Assert.Contains("input size 3", ex.Message);

        ex = Assert.Throws<ArgumentException>(() => layer.Forward(x, lengths: new[] { 0, 5 }));
        Assert.Contains("lengths[0] = 0", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => layer.Forward(x, lengths: new[] { 6, 5 }));
        Assert.Contains("lengths[0] = 6", ex.Message);
        Assert.Contains("1..5", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => layer.Forward(x, lengths: new[] { 5 }));
        Assert.Contains("batch size 2", ex.Message);

        using var h0 = DeviceTensor.Zeros(device, 1, 2, 4);
        ex = Assert.Throws<ArgumentException>(() => layer.Forward(x, h0));
        Assert.Contains("(1, 2, 4)", ex.Message);
        Assert.Contains("expected (2, 2, 4)", ex.Message);
        using var c0 = DeviceTensor.Zeros(device, 2, 3, 4);
        ex = Assert.Throws<ArgumentException>(() => layer.Forward(x, null, c0));
        Assert.Contains("c0", ex.Message);
        Assert.Contains("(2, 3, 4)", ex.Message);

        using var gru = new RecurrentLayer(device, new RnnOptions(RnnMode.Gru, 3, 4));
        using var c0ok = DeviceTensor.Zeros(device, 1, 2, 4);
        ex = Assert.Throws<ArgumentException>(() => gru.Forward(x, null, c0ok));
        Assert.Contains("no cell state", ex.Message);

        ex = Assert.Throws<ArgumentException>(() => layer.LoadParameter("weight_hh_l1", new float[16 * 3], new[] { 16, 3 }));
        Assert.Contains("weight_hh_l1", ex.Message);
        Assert.Contains("(16, 4)", ex.Message);
        Assert.Contains("(16, 3)", ex.Message);
        Assert.Throws<KeyNotFoundException>(() => layer["weight_hh_l2"]);

        using (layer.Forward(x, training: true)) { }
        using var dyBad = DeviceTensor.Zeros(device, 5, 2, 5);
        ex = Assert.Throws<ArgumentException>(() => layer.Backward(dyBad));
        Assert.Contains("dOutput", ex.Message);
        Assert.Contains("(5, 2, 5)", ex.Message);

        Assert.Throws<ArgumentException>(() => new RecurrentLayer(device, new RnnOptions(RnnMode.Lstm, 0, 4)));
        Assert.Throws<ArgumentException>(() => new RecurrentLayer(device, new RnnOptions(RnnMode.Lstm, 3, 4, Dropout: 1f)));
        using var bi = new RecurrentLayer(device, new RnnOptions(RnnMode.Lstm, 3, 4, Bidirectional: true));
        Assert.Throws<InvalidOperationException>(() => bi.CreateStream(2));
    }
}
