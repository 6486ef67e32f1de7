using RnnGpu.Kernels;

namespace RnnGpu.Tests;

/// <summary>
/// The cells that are types (the cell table's rows with a <see cref="CellSpec.CellType"/>: LSTM with peepholes, GRU with the
/// reset gate first) through <see cref="RecurrentLayer"/> on every accelerator: forward against the float64
/// <see cref="CellReference"/> within 1e-5, every gradient (parameters, input, initial states) against the reference's own
/// central finite differences within 1e-4, stacked and bidirectional, uneven lengths, bias=False; streaming agrees with the
/// forward.
/// </summary>
[Trait(Suites.Tier, Suites.Kernels)]
public class CellTypeTests
{
    /// <summary>The cells under test: every row of the cell table that is a type.</summary>
    public static IReadOnlyList<CellSpec> Cells { get; } = CellSpec.All.Where(c => c.CellType is not null).ToArray();

    public sealed record Config(int Layers, bool Bidirectional, bool Bias, bool VarLengths, bool InitialStates,
        int T = 4, int B = 3, int I = 3, int H = 5);

    static readonly Config[] Configs =
    {
        new(1, false, true, false, false),
        new(1, false, true, true, true, T: 5, B: 4, I: 2, H: 17),
        new(2, true, true, true, true),
        new(2, false, false, true, true, T: 3, B: 2, I: 4, H: 3),
    };

    public static IEnumerable<object[]> Cases() =>
        from d in TestDevices.All
        from c in Cells
        from i in Enumerable.Range(0, Configs.Length)
        select new object[] { d[0], c.Name, i };

    static string Suffix(int l, int d) => $"_l{l}" + (d == 1 ? "_reverse" : "");

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardAndGradients_MatchFloat64ReferenceAndItsFiniteDifferences(string deviceName, string cellName, int configIndex)
    {
        var spec = CellSpec.Parse(cellName);
        var c = Configs[configIndex];
        var device = TestDevices.Get(deviceName);
        var rng = new Random(700 + 10 * configIndex + (int)spec.Kind);
        int D = c.Bidirectional ? 2 : 1, LD = c.Layers * D, T = c.T, B = c.B, H = c.H;
        int[]? lens = c.VarLengths ? Enumerable.Range(0, B).Select(b => b == 0 ? T : 1 + rng.Next(T)).ToArray() : null;
        if (lens is not null) lens[B - 1] = 1;
        using var layer = new RecurrentLayer(device, new RnnOptions(spec.Kind, c.I, H, c.Layers, c.Bidirectional,
            Seed: (ulong)(configIndex + 3), Bias: c.Bias));
        // The per-unit parameters start at zero nowhere: they must change the result.
        foreach (var p in layer.Parameters.Where(p => spec.UnitParamName is { } u && p.Name.StartsWith(u, StringComparison.Ordinal)))
            p.Value.CopyFromHost(Numerics.Uniform(rng, p.Value.Length, 0.8f));
        Assert.Equal(spec.UnitParams > 0, layer.Parameters.Any(p => p.Name.StartsWith("weight_peephole", StringComparison.Ordinal)));

        float[] x = Numerics.Uniform(rng, T * B * c.I), h0 = Numerics.Uniform(rng, LD * B * H), c0 = Numerics.Uniform(rng, LD * B * H);
        float[] dy = Numerics.Uniform(rng, T * B * D * H), dhN = Numerics.Uniform(rng, LD * B * H), dcN = Numerics.Uniform(rng, LD * B * H);
        using var tx = DeviceTensor.FromHost(device, x, T, B, c.I);
        using var th0 = DeviceTensor.FromHost(device, h0, LD, B, H);
        using var tc0 = DeviceTensor.FromHost(device, c0, LD, B, H);
        using var out_ = layer.Forward(tx, c.InitialStates ? th0 : null, c.InitialStates && spec.HasCellState ? tc0 : null, lens, training: true);
        foreach (var p in layer.Parameters)
            p.Grad.Fill(0f);
        using var tdy = DeviceTensor.FromHost(device, dy, T, B, D * H);
        using var tdh = DeviceTensor.FromHost(device, dhN, LD, B, H);
        using var tdc = DeviceTensor.FromHost(device, dcN, LD, B, H);
        using var grads = layer.Backward(tdy, tdh, spec.HasCellState ? tdc : null);

        // The reference over the layer's own weights, in float64.
        var reference = new CellReference(spec.Kind, c.Layers, c.Bidirectional, c.I, H);
        double[][] Weights(string stem) => Enumerable.Range(0, LD).Select(ld =>
            layer.Parameters.FirstOrDefault(p => p.Name == stem + Suffix(ld / D, ld % D)) is { } p
                ? Numerics.ToDouble(p.Value.ToArray()) : Array.Empty<double>()).ToArray();
        var wih = Weights("weight_ih");
        var whh = Weights("weight_hh");
        var bih = Weights("bias_ih");
        var bhh = Weights("bias_hh");
        var unit = Weights(spec.UnitParamName ?? "none");
        var xd = Numerics.ToDouble(x);
        var h0d = c.InitialStates ? Numerics.ToDouble(h0) : new double[LD * B * H];
        var c0d = c.InitialStates && spec.HasCellState ? Numerics.ToDouble(c0) : new double[LD * B * H];
        var (yRef, hRef, cRef) = reference.Forward(wih, whh, bih, bhh, unit, xd, T, B, lens, h0d, c0d);
        Numerics.AssertClose(out_.Output.ToArray(), yRef, 1e-5, $"{spec.Name} output");
        Numerics.AssertClose(out_.HN.ToArray(), hRef, 1e-5, $"{spec.Name} h_n");
        if (spec.HasCellState)
            Numerics.AssertClose(out_.CN!.ToArray(), cRef, 1e-5, $"{spec.Name} c_n");

        // L = sum(y dy) + sum(h_n dhN) + sum(c_n dcN); its gradient by central differences of the float64 reference.
        double Loss()
        {
            var (y, hn, cn) = reference.Forward(wih, whh, bih, bhh, unit, xd, T, B, lens, h0d, c0d);
            double s = 0;
            for (int i = 0; i < y.Length; i++) s += y[i] * dy[i];
            for (int i = 0; i < hn.Length; i++) s += hn[i] * dhN[i];
            if (spec.HasCellState)
                for (int i = 0; i < cn.Length; i++) s += cn[i] * dcN[i];
            return s;
        }
        double[] Fd(double[] v)
        {
            var g = new double[v.Length];
            for (int i = 0; i < v.Length; i++)
            {
                double keep = v[i], e = 1e-6;
                v[i] = keep + e;
                double up = Loss();
                v[i] = keep - e;
                double down = Loss();
                v[i] = keep;
                g[i] = (up - down) / (2 * e);
            }
            return g;
        }
        foreach (var (stem, arrays) in new[] { ("weight_ih", wih), ("weight_hh", whh), ("bias_ih", bih), ("bias_hh", bhh), (spec.UnitParamName ?? "none", unit) })
            for (int ld = 0; ld < LD; ld++)
            {
                if (arrays[ld].Length == 0)
                    continue;
                string name = stem + Suffix(ld / D, ld % D);
                Numerics.AssertClose(layer[name].Grad.ToArray(), Fd(arrays[ld]), 1e-4, $"{spec.Name} d{name}");
            }
        Numerics.AssertClose(grads.DInput.ToArray(), Fd(xd), 1e-4, $"{spec.Name} dx");
        if (c.InitialStates)
        {
            Numerics.AssertClose(grads.DH0.ToArray(), Fd(h0d), 1e-4, $"{spec.Name} dh0");
            if (spec.HasCellState)
                Numerics.AssertClose(grads.DC0!.ToArray(), Fd(c0d), 1e-4, $"{spec.Name} dc0");
        }
    }

    public static IEnumerable<object[]> DeviceCells() => from d in TestDevices.All from c in Cells select new object[] { d[0], c.Name };

    [Theory]
    [MemberData(nameof(DeviceCells))]
    public void Stream_StepByStep_EqualsTheForward(string deviceName, string cellName)
    {
        var spec = CellSpec.Parse(cellName);
        var device = TestDevices.Get(deviceName);
        var rng = new Random(31);
        int T = 4, B = 2, I = 3, H = 6, L = 2;
        using var layer = new RecurrentLayer(device, new RnnOptions(spec.Kind, I, H, L, Seed: 5));
        var x = Numerics.Uniform(rng, T * B * I);
        using var tx = DeviceTensor.FromHost(device, x, T, B, I);
        using var full = layer.Forward(tx);
        var expected = full.Output.ToArray();
        using var stream = layer.CreateStream(B);
        using var y = DeviceTensor.Zeros(device, B, H);
        for (int t = 0; t < T; t++)
        {
            using var xt = DeviceTensor.FromHost(device, x.AsSpan(t * B * I, B * I), B, I);
            stream.Step(xt, y);
            var got = y.ToArray();
            for (int i = 0; i < B * H; i++)
                Assert.True(Math.Abs(got[i] - expected[t * B * H + i]) <= 1e-6, $"{spec.Name} step {t} element {i}: {got[i]} vs {expected[t * B * H + i]}");
        }
    }

    [Fact]
    public void CellTable_CountsComeFromTheCellTypes()
    {
        Assert.Equal(4, CellSpec.LstmPeephole.Gates);
        Assert.Equal(3, CellSpec.LstmPeephole.UnitParams);
        Assert.True(CellSpec.LstmPeephole.HasCellState);
        Assert.Equal(3, CellSpec.GruResetBefore.Gates);
        Assert.Equal(1, CellSpec.GruResetBefore.LateGates);
        Assert.Equal(3, CellSpec.GruResetBefore.StoredGatesPerUnit);
        Assert.All(CellSpec.PyTorch, c => Assert.Null(c.CellType));
        Assert.Equal(new[] { "rnn_tanh", "rnn_relu", "lstm", "gru" }, CellSpec.PyTorch.Select(c => c.Name));
    }
}
