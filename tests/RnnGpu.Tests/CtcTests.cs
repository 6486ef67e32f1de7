using RnnGpu.IO;
using RnnGpu.Kernels;

namespace RnnGpu.Tests;

/// <summary>
/// <see cref="Losses.Ctc"/> against torch.nn.functional.ctc_loss (Fixtures/ctc, written by make_ctc.py with Debian's
/// PyTorch: repeated labels, blanks other than 0, minimal input lengths, empty targets, infeasible alignments with and
/// without zero_infinity, both reductions, T = 1000) on every accelerator; the float64 reference against the same fixtures
/// and against finite differences; the kernels against the reference on random cases (long targets, so that a GPU's group
/// splits the label positions among its threads); input checks.
/// </summary>
[Trait(Suites.Tier, Suites.Kernels)]
public class CtcTests
{
    public static IEnumerable<object[]> Cases() => new[]
    {
        "repeats", "blank_last_sum", "blank_middle", "minimal", "empty", "empty_sum", "infeasible", "infeasible_sum",
        "infeasible_zero", "infeasible_zero_sum", "long",
    }.Select(c => new object[] { c });

    public static IEnumerable<object[]> DevicesAndCases() =>
        TestDevices.All.SelectMany(d => Cases().Select(c => new[] { d[0], c[0] }));

    /// <summary>The kernel paths a device runs: its own, and on the GPU simulator also the grouped kernels GPUs launch (the CPU
    /// accelerator runs host variants by default).</summary>
    static bool[] Paths(string deviceName) => deviceName == TestDevices.CpuSim ? new[] { false, true } : new[] { false };

    sealed record Fixture(int T, int B, int C, int S, float[] Logits, int[] Targets, int[] InputLengths, int[] TargetLengths,
        int Blank, Reduction Reduction, bool ZeroInfinity, float Loss, float[] Grad);

    static Fixture Load(string name)
    {
        string dir = Path.Combine(AppContext.BaseDirectory, "Fixtures", "ctc", name);
        var (shape, logits) = Npy.ReadFloat32(Path.Combine(dir, "logits.npy"));
        var (tshape, targets) = Npy.ReadInt64(Path.Combine(dir, "targets.npy"));
        int[] Ints(string f) => Npy.ReadInt64(Path.Combine(dir, f)).Data.Select(v => (int)v).ToArray();
        var meta = File.ReadAllLines(Path.Combine(dir, "case.txt")).Select(l => l.Split(' ')).ToDictionary(p => p[0], p => p[1]);
        return new Fixture(shape[0], shape[1], shape[2], tshape[1], logits, targets.Select(v => (int)v).ToArray(),
            Ints("input_lengths.npy"), Ints("target_lengths.npy"), int.Parse(meta["blank"]),
            meta["reduction"] == "sum" ? Reduction.Sum : Reduction.Mean, meta["zero_infinity"] == "1",
            Npy.ReadFloat32(Path.Combine(dir, "loss.npy")).Data[0], Npy.ReadFloat32(Path.Combine(dir, "grad.npy")).Data);
    }

    /// <summary>Equal NaN and infinity positions; elsewhere within <paramref name="tol"/> of the expected value, relative to
    /// the largest expected magnitude.</summary>
    static void AssertMatches(ReadOnlySpan<float> actual, ReadOnlySpan<double> expected, double tol, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = 0;
        foreach (var e in expected)
            if (double.IsFinite(e)) scale = Math.Max(scale, Math.Abs(e));
        for (int i = 0; i < expected.Length; i++)
        {
            double e = expected[i], a = actual[i];
            if (double.IsNaN(e)) { Assert.True(double.IsNaN(a), $"{what}[{i}] = {a}, expected NaN"); continue; }
            if (double.IsInfinity(e)) { Assert.Equal(e, a); continue; }
            Assert.True(Math.Abs(a - e) <= tol * Math.Max(scale, 1e-30), $"{what}[{i}] = {a}, expected {e} (tolerance {tol} x {scale:G3})");
        }
    }

    static void AssertLoss(double actual, double expected, string what)
    {
        if (double.IsInfinity(expected)) { Assert.Equal(expected, actual); return; }
        Assert.True(Math.Abs(actual - expected) <= 1e-4 * Math.Abs(expected) + 1e-6, $"{what}: {actual}, expected {expected}");
    }

    [Theory]
    [MemberData(nameof(DevicesAndCases))]
    public void Ctc_MatchesPyTorch(string deviceName, string name)
    {
        var dev = TestDevices.Get(deviceName);
        var f = Load(name);
        using var scope = DeviceTensor.NewDisposeScope();
        var x = DeviceTensor.FromHost(dev, f.Logits, f.T, f.B, f.C);
        var tg = DeviceIndices.FromHost(dev, f.Targets, f.B, f.S);
        foreach (bool portable in Paths(deviceName))
        {
            using var loss = Losses.Ctc(x, tg, f.InputLengths, f.TargetLengths, null, f.Blank, f.Reduction, f.ZeroInfinity, null, portable);
            AssertLoss(loss.Read(), f.Loss, $"{name} loss (portable {portable})");
            AssertMatches(loss.Gradient.ToArray(), Numerics.ToDouble(f.Grad), 1e-4, $"{name} dlogits (portable {portable})");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reference_MatchesPyTorch(string name)
    {
        var f = Load(name);
        var a = new CtcArgs(f.T, f.B, f.C, f.S, f.Blank, f.ZeroInfinity, f.Reduction == Reduction.Mean, f.B);
        var (loss, _, grad) = CtcReference.Loss(f.Logits, f.Targets, f.InputLengths, f.TargetLengths, a);
        AssertLoss(loss, f.Loss, $"{name} reference loss");
        AssertMatches(grad.Select(v => (float)v).ToArray(), Numerics.ToDouble(f.Grad), 1e-5, $"{name} reference dlogits");
    }

    [Theory]
    [InlineData(0, false, 11)]
    [InlineData(3, true, 12)]
    public void Reference_GradientMatchesFiniteDifferences(int blank, bool mean, int seed)
    {
        const int T = 7, B = 3, C = 5, S = 3;
        var rng = new Random(seed);
        var x = Numerics.Uniform(rng, T * B * C, 2f);
        int[] targets = { 1, 1, 2, 4, 2, 4, 1, 2, 2 };
        for (int i = 0; i < targets.Length; i++)
            if (targets[i] == blank) targets[i] = blank == 0 ? 1 : 0;
        int[] inLen = { 7, 6, 5 }, tgLen = { 3, 2, 3 };
        var a = new CtcArgs(T, B, C, S, blank, false, mean, B);
        var (_, _, grad) = CtcReference.Loss(x, targets, inLen, tgLen, a);
        var xd = Numerics.ToDouble(x);
        for (int i = 0; i < x.Length; i++)
        {
            // central differences of the float64 loss over float64 logits (the reference takes float32 ones: scale the step)
            double h = 1e-3;
            var plus = (float[])x.Clone();
            var minus = (float[])x.Clone();
            plus[i] = (float)(xd[i] + h);
            minus[i] = (float)(xd[i] - h);
            double hp = plus[i] - xd[i], hm = xd[i] - minus[i];
            double lp = CtcReference.Loss(plus, targets, inLen, tgLen, a).Loss, lm = CtcReference.Loss(minus, targets, inLen, tgLen, a).Loss;
            double fd = (lp - lm) / (hp + hm);
            Assert.True(Math.Abs(fd - grad[i]) < 2e-4, $"dlogits[{i}]: analytic {grad[i]}, finite differences {fd}");
        }
    }

    public static IEnumerable<object[]> DevicesAndShapes() => TestDevices.All.SelectMany(d => new[]
    {
        new object[] { d[0], 40, 3, 9, 30, 0 },
        new object[] { d[0], 300, 2, 30, 120, 29 },
        new object[] { d[0], 5, 4, 3, 2, 1 },
    });

    [Theory]
    [MemberData(nameof(DevicesAndShapes))]
    public void Ctc_MatchesReference_RandomShapes_Deterministic(string deviceName, int T, int B, int C, int S, int blank)
    {
        var dev = TestDevices.Get(deviceName);
        var rng = new Random(T * 31 + S);
        var x = Numerics.Uniform(rng, (long)T * B * C, 3f);
        var targets = new int[B * S];
        var tgLen = new int[B];
        var inLen = new int[B];
        for (int b = 0; b < B; b++)
        {
            tgLen[b] = b == 0 ? S : rng.Next(S + 1);
            inLen[b] = b == 0 ? T : Math.Max(1, T - rng.Next(T / 3 + 1));
            for (int s = 0; s < S; s++)
            {
                int v = rng.Next(C - 1);
                targets[b * S + s] = v >= blank ? v + 1 : v;
            }
            if (S > 2) targets[b * S + 1] = targets[b * S]; // a repeat
        }
        foreach (bool portable in Paths(deviceName))
        foreach (var reduction in new[] { Reduction.Mean, Reduction.Sum })
        {
            using var scope = DeviceTensor.NewDisposeScope();
            var tx = DeviceTensor.FromHost(dev, x, T, B, C);
            var tt = DeviceIndices.FromHost(dev, targets, B, S);
            using var loss = Losses.Ctc(tx, tt, inLen, tgLen, null, blank, reduction, true, null, portable);
            var a = new CtcArgs(T, B, C, S, blank, true, reduction == Reduction.Mean, B);
            var (rl, _, rg) = CtcReference.Loss(x, targets, inLen, tgLen, a);
            AssertLoss(loss.Read(), rl, $"{reduction} loss");
            var g = loss.Gradient.ToArray();
            AssertMatches(g, rg, 1e-4, $"{reduction} dlogits");
            using var again = Losses.Ctc(tx, tt, inLen, tgLen, null, blank, reduction, true, null, portable);
            Assert.Equal(loss.Read(), again.Read());
            Assert.Equal(g, again.Gradient.ToArray());
        }
    }

    [Fact]
    public void Ctc_MeanOver_ScalesAsAShareOfTheGlobalBatch()
    {
        var dev = TestDevices.Get("cpu");
        var f = Load("repeats");
        using var scope = DeviceTensor.NewDisposeScope();
        var x = DeviceTensor.FromHost(dev, f.Logits, f.T, f.B, f.C);
        var tg = DeviceIndices.FromHost(dev, f.Targets, f.B, f.S);
        using var own = Losses.Ctc(x, tg, f.InputLengths, f.TargetLengths);
        using var shared = Losses.Ctc(x, tg, f.InputLengths, f.TargetLengths, meanOver: 2 * f.B);
        Assert.Equal(own.Read() / 2, shared.Read(), 6);
        var g1 = own.Gradient.ToArray();
        var g2 = shared.Gradient.ToArray();
        for (int i = 0; i < g1.Length; i++)
            Assert.Equal(g1[i] / 2, g2[i], 6);
    }

    [Fact]
    public void Ctc_RefusesBadInput_NamingIt_BeforeAnyKernel()
    {
        var dev = ComputeDevice.Create(new DeviceOptions(AcceleratorKind.Cpu, IgnoreEnvironment: true));
        using var _ = dev;
        using var scope = DeviceTensor.NewDisposeScope();
        var x = DeviceTensor.Zeros(dev, 6, 2, 4);
        var tg = DeviceIndices.FromHost(dev, new[] { 1, 2, 3, 0, 0, 0 }, 2, 3);
        int loaded = dev.Kernels.LoadedCount;
        ArgumentException Refused(Action a) => Assert.Throws<ArgumentException>(a);
        Assert.Contains("inputLengths[1] = 7", Refused(() => Losses.Ctc(x, tg, new[] { 6, 7 }, new[] { 3, 0 })).Message);
        Assert.Contains("targetLengths[0] = 4", Refused(() => Losses.Ctc(x, tg, new[] { 6, 6 }, new[] { 4, 0 })).Message);
        Assert.Contains("targets[1, 0] = 0 is the blank", Refused(() => Losses.Ctc(x, tg, new[] { 6, 6 }, new[] { 3, 1 })).Message);
        Assert.Contains("targets[0, 2] = 3 is outside the classes [0, 3)",
            Refused(() => Losses.Ctc(DeviceTensor.Zeros(dev, 6, 2, 3), tg, new[] { 6, 6 }, new[] { 3, 0 })).Message);
        Assert.Contains("targets[0, 1] = 2 is the blank", Refused(() => Losses.Ctc(x, tg, new[] { 6, 6 }, new[] { 3, 0 }, blank: 2)).Message);
        Assert.Contains("blank = 4", Refused(() => Losses.Ctc(x, tg, new[] { 6, 6 }, new[] { 3, 0 }, blank: 4)).Message);
        Assert.Contains("expected B = 2", Refused(() => Losses.Ctc(x, tg, new[] { 6 }, new[] { 3, 0 })).Message);
        Assert.Contains("(T, B, C)", Refused(() => Losses.Ctc(DeviceTensor.Zeros(dev, 12, 4), tg, new[] { 6, 6 }, new[] { 3, 0 })).Message);
        Assert.Contains("(B, S) with B = 3", Refused(() => Losses.Ctc(DeviceTensor.Zeros(dev, 6, 3, 4), tg, new[] { 6, 6, 6 }, new[] { 3, 0, 0 })).Message);
        Assert.Contains("(6, 2, 4)", Refused(() => Losses.Ctc(x, tg, new[] { 6, 6 }, new[] { 3, 0 }, dlogits: DeviceTensor.Zeros(dev, 6, 2, 5))).Message);
        Assert.Equal(loaded, dev.Kernels.LoadedCount);
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void Greedy_IsTheCollapsedBestPath_WithinEachInputLength(string deviceName)
    {
        var dev = TestDevices.Get(deviceName);
        const int T = 30, B = 3, C = 6, blank = 2;
        var rng = new Random(5);
        var x = Numerics.Uniform(rng, T * B * C, 3f);
        int[] inLen = { 30, 17, 0 };
        using var tx = DeviceTensor.FromHost(dev, x, T, B, C);
        var got = CtcDecoder.Greedy(tx, inLen, blank);
        for (int b = 0; b < B; b++)
        {
            var labels = new List<int>();
            int last = -1;
            double lp = 0;
            for (int t = 0; t < inLen[b]; t++)
            {
                int o = (t * B + b) * C, best = 0;
                for (int c = 1; c < C; c++) if (x[o + c] > x[o + best]) best = c;
                double z = Math.Log(Enumerable.Range(0, C).Sum(c => Math.Exp(x[o + c])));
                lp += x[o + best] - z;
                if (best != blank && best != last) labels.Add(best);
                last = best;
            }
            Assert.Equal(labels, got[b].Labels);
            Assert.Equal(lp, got[b].LogProbability, 4);
        }
        Assert.Contains("inputLengths[0] = 31", Assert.Throws<ArgumentException>(() => CtcDecoder.Greedy(tx, new[] { 31, 1, 1 })).Message);
    }

    [Fact]
    public void BeamSearch_WideEnough_GivesEachLabelingsExactProbability()
    {
        var dev = TestDevices.Get("cpu");
        const int T = 5, B = 2, C = 3;
        var rng = new Random(9);
        var x = Numerics.Uniform(rng, T * B * C, 2f);
        int[] inLen = { 5, 4 };
        using var tx = DeviceTensor.FromHost(dev, x, T, B, C);
        var beams = CtcDecoder.BeamSearch(tx, inLen, beamWidth: 1000);
        for (int b = 0; b < B; b++)
        {
            Assert.Equal(1.0, beams[b].Sum(h => Math.Exp(h.LogProbability)), 6); // every labeling kept: probabilities sum to 1
            foreach (var h in beams[b].Take(5))
            {
                // the same labeling's probability by the CTC reference: exp(-nll)
                int n = h.Labels.Count;
                var one = new float[T * C];
                for (int t = 0; t < T; t++)
                    for (int c = 0; c < C; c++) one[t * C + c] = x[(t * B + b) * C + c];
                var (_, nll, _) = CtcReference.Loss(one, n == 0 ? new[] { 1 } : h.Labels.ToArray(), new[] { inLen[b] }, new[] { n },
                    new CtcArgs(T, 1, C, Math.Max(n, 1), 0, false, false, 1));
                Assert.Equal(-nll[0], h.LogProbability, 5); // the log-softmax is float32
            }
        }
        var greedy = CtcDecoder.Greedy(tx, inLen);
        var narrow = CtcDecoder.BeamSearch(tx, inLen, beamWidth: 8);
        for (int b = 0; b < B; b++)
            Assert.True(narrow[b][0].LogProbability >= greedy[b].LogProbability - 1e-6, "the beam's best labeling is at least as probable as the best path");
    }
}
