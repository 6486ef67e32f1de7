using RnnGpu.Kernels;

namespace RnnGpu.Tests;

/// <summary>
/// <see cref="RecurrentLayer"/> with PyTorch's <c>proj_size</c> and <c>bias=False</c> against the float64
/// <see cref="RnnReference"/> (itself checked by finite differences in <see cref="ProjectionReferenceTests"/>): forward
/// &lt; 1e-5, every gradient &lt; 1e-4, stacked and bidirectional, variable lengths, on every accelerator.
/// </summary>
public class ProjectionLayerTests
{
    public sealed record Config(RnnMode Mode, int Layers, bool Bidirectional, bool Bias, bool VarLengths, bool InitialStates,
        int P, int T = 4, int B = 3, int I = 5, int H = 7, bool BatchFirst = false)
    {
        public override string ToString() =>
            $"{Mode} L{Layers} {(Bidirectional ? "bi" : "uni")} {(Bias ? "bias" : "no-bias")} {(VarLengths ? "var-len" : "full")} " +
            $"{(InitialStates ? "h0" : "no-h0")} T{T} B{B} I{I} H{H} P{P}{(BatchFirst ? " batch-first" : "")}";
    }

    static readonly Config[] Configs =
    {
        new(RnnMode.Lstm, 1, false, true, true, true, P: 3),
        new(RnnMode.Lstm, 1, false, false, false, false, P: 1, T: 3, B: 1, I: 1, H: 5),
        new(RnnMode.Lstm, 1, true, false, true, true, P: 3),
        new(RnnMode.Lstm, 2, true, true, true, true, P: 4, T: 5, B: 3, I: 5, H: 9, BatchFirst: true),
        new(RnnMode.Lstm, 2, false, false, true, false, P: 3),
        // bias=False without a projection, every cell (the step kernels see a zero b_hh).
        new(RnnMode.Lstm, 2, true, false, true, true, P: 0),
        new(RnnMode.Gru, 2, true, false, true, true, P: 0),
        new(RnnMode.RnnTanh, 1, true, false, true, true, P: 0),
        new(RnnMode.RnnRelu, 2, false, false, false, true, P: 0),
    };

    public static IEnumerable<object[]> DeviceConfigs() =>
        from d in TestDevices.All from i in Enumerable.Range(0, Configs.Length) select new object[] { d[0], i };

    [Theory]
    [MemberData(nameof(DeviceConfigs))]
    public void ForwardAndBackward_MatchFloat64Reference(string deviceName, int configIndex)
    {
        var c = Configs[configIndex];
        var device = TestDevices.Get(deviceName);
        var rng = new Random(80 + configIndex);
        int D = c.Bidirectional ? 2 : 1, LD = c.Layers * D, T = c.T, B = c.B, H = c.H, R = c.P > 0 ? c.P : H;
        bool lstm = c.Mode == RnnMode.Lstm;
        int[]? lens = c.VarLengths ? Enumerable.Range(0, B).Select(b => b == 0 ? T : 1 + rng.Next(T)).ToArray() : null;
        if (lens is not null && B > 1) lens[1] = 1;
        using var layer = new RecurrentLayer(device, new RnnOptions(c.Mode, c.I, H, c.Layers, c.Bidirectional, c.BatchFirst,
            Seed: (ulong)configIndex, ProjSize: c.P, Bias: c.Bias));
        Assert.Equal(c.Bias, layer.Parameters.Any(p => p.Name.StartsWith("bias", StringComparison.Ordinal)));
        Assert.Equal(c.P > 0, layer.Parameters.Any(p => p.Name.StartsWith("weight_hr", StringComparison.Ordinal)));
        // Initial gradient contents, small so float rounding of the sum does not hide the increment: gradients accumulate.
        var g0 = layer.Parameters.ToDictionary(p => p.Name, p => Numerics.Uniform(rng, (int)p.Grad.Length, 0.01f));
        foreach (var p in layer.Parameters)
            p.Grad.CopyFromHost(g0[p.Name]);

        float[] x = Numerics.Uniform(rng, T * B * c.I), h0 = Numerics.Uniform(rng, LD * B * R), c0 = Numerics.Uniform(rng, LD * B * H);
        float[] dy = Numerics.Uniform(rng, T * B * D * R), dhN = Numerics.Uniform(rng, LD * B * R), dcN = Numerics.Uniform(rng, LD * B * H);
        using var tx = DeviceTensor.FromHost(device, x, c.BatchFirst ? new[] { B, T, c.I } : new[] { T, B, c.I });
        using var th0 = DeviceTensor.FromHost(device, h0, LD, B, R);
        using var tc0 = DeviceTensor.FromHost(device, c0, LD, B, H);
        using var tdy = DeviceTensor.FromHost(device, dy, c.BatchFirst ? new[] { B, T, D * R } : new[] { T, B, D * R });
        using var tdhN = DeviceTensor.FromHost(device, dhN, LD, B, R);
        using var tdcN = DeviceTensor.FromHost(device, dcN, LD, B, H);
        using var outp = layer.Forward(tx, c.InitialStates ? th0 : null, c.InitialStates && lstm ? tc0 : null, lens, training: true);
        using var grads = layer.Backward(tdy, tdhN, lstm ? tdcN : null);

        var weights = new RnnRefWeights[LD];
        for (int ld = 0; ld < LD; ld++)
        {
            string s = $"_l{ld / D}" + (ld % D == 1 ? "_reverse" : "");
            double[] W(string n) => layer.Parameters.Any(p => p.Name == n + s) ? Numerics.ToDouble(layer[n + s].Value.ToArray()) : Array.Empty<double>();
            weights[ld] = new RnnRefWeights(W("weight_ih"), W("weight_hh"), W("bias_ih"), W("bias_hh"), c.P > 0 ? W("weight_hr") : null);
        }
        var reference = new RnnReference(c.Mode, c.Layers, c.Bidirectional, c.I, H, weights, c.P);
        var xs = Numerics.ToDouble(x);
        var dys = Numerics.ToDouble(dy);
        if (c.BatchFirst)
        {
            xs = RnnTests.SwapOuter(xs, B, T, c.I);
            dys = RnnTests.SwapOuter(dys, B, T, D * R);
        }
        var (rOut, rHN, rCN) = reference.Forward(xs, T, B, lens,
            c.InitialStates ? Numerics.ToDouble(h0) : null, c.InitialStates && lstm ? Numerics.ToDouble(c0) : null);
        var (rDX, rDH0, rDC0, rDW) = reference.Backward(dys, Numerics.ToDouble(dhN), lstm ? Numerics.ToDouble(dcN) : null);
        if (c.BatchFirst)
        {
            rOut = RnnTests.SwapOuter(rOut, T, B, D * R);
            rDX = RnnTests.SwapOuter(rDX, T, B, c.I);
        }

        string what = $"{deviceName} {c}";
        Numerics.AssertClose(outp.Output.ToArray(), rOut, 1e-5, what + " output");
        Numerics.AssertClose(outp.HN.ToArray(), rHN, 1e-5, what + " h_n");
        if (lstm) Numerics.AssertClose(outp.CN!.ToArray(), rCN, 1e-5, what + " c_n");
        Numerics.AssertClose(grads.DInput.ToArray(), rDX, 1e-4, what + " dX");
        Numerics.AssertClose(grads.DH0.ToArray(), rDH0, 1e-4, what + " dh0");
        if (lstm) Numerics.AssertClose(grads.DC0!.ToArray(), rDC0, 1e-4, what + " dc0");
        for (int ld = 0; ld < LD; ld++)
        {
            string s = $"_l{ld / D}" + (ld % D == 1 ? "_reverse" : "");
            var want = new List<(string Name, double[] Grad)> { ("weight_ih", rDW[ld].Wih), ("weight_hh", rDW[ld].Whh) };
            if (c.Bias) want.AddRange(new[] { ("bias_ih", rDW[ld].Bih), ("bias_hh", rDW[ld].Bhh) });
            else Assert.True(rDW[ld].Bih.Length == 0 && rDW[ld].Bhh.Length == 0);
            if (c.P > 0) want.Add(("weight_hr", rDW[ld].Whr!));
            foreach (var (name, grad) in want)
            {
                var got = layer[name + s].Grad.ToArray();
                var start = g0[name + s];
                // The accumulated value could hide a small gradient in the initial contents: check the increment.
                Numerics.AssertClose(got.Select((v, i) => v - start[i]).ToArray(), grad, 1e-4, $"{what} d{name}{s}");
                Numerics.AssertClose(got, grad.Select((v, i) => v + start[i]).ToArray(), 1e-5, $"{what} d{name}{s} accumulated");
            }
        }
    }

    [Theory]
    [MemberData(nameof(TestDevices.Real), MemberType = typeof(TestDevices))]
    public void InferenceForward_EqualsTrainingForward(string deviceName)
    {
        var device = TestDevices.Get(deviceName);
        var rng = new Random(4);
        using var layer = new RecurrentLayer(device, new RnnOptions(RnnMode.Lstm, 4, 6, 2, Bidirectional: true, Seed: 2, ProjSize: 2));
        using var x = DeviceTensor.FromHost(device, Numerics.Uniform(rng, 5 * 3 * 4), 5, 3, 4);
        int[] lengths = { 5, 2, 4 };
        using var a = layer.Forward(x, lengths: lengths, training: false);
        using var b = layer.Forward(x, lengths: lengths, training: true);
        Assert.Equal(new[] { 5, 3, 4 }, a.Output.Shape);
        Assert.Equal(new[] { 4, 3, 2 }, a.HN.Shape);
        Assert.Equal(new[] { 4, 3, 6 }, a.CN!.Shape);
        Assert.Equal(a.Output.ToArray(), b.Output.ToArray());
        Assert.Equal(a.HN.ToArray(), b.HN.ToArray());
        Assert.Equal(a.CN.ToArray(), b.CN!.ToArray());
    }

    [Fact]
    public void BadOptionsAndStates_ThrowNamingTheProblem()
    {
        var device = TestDevices.Get("cpu");
        var ex = Assert.Throws<ArgumentException>(() => new RecurrentLayer(device, new RnnOptions(RnnMode.Lstm, 3, 5, ProjSize: 5)));
        Assert.Contains("ProjSize (5) must be smaller than HiddenSize (5)", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => new RecurrentLayer(device, new RnnOptions(RnnMode.Gru, 3, 5, ProjSize: 2)));
        Assert.Contains("ProjSize (2) applies to LSTM only, this layer is gru", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => new RecurrentLayer(device, new RnnOptions(RnnMode.Lstm, 3, 5, ProjSize: -1)));
        Assert.Contains("ProjSize must be 0 (none) or positive, got -1", ex.Message);

        using var layer = new RecurrentLayer(device, new RnnOptions(RnnMode.Lstm, 3, 5, ProjSize: 2));
        using var x = DeviceTensor.Zeros(device, 4, 2, 3);
        using var hWrong = DeviceTensor.Zeros(device, 1, 2, 5);
        ex = Assert.Throws<ArgumentException>(() => layer.Forward(x, h0: hWrong));
        Assert.Contains("h0 has shape (1, 2, 5), expected (1, 2, 2) = (layers*directions, batch, proj_size)", ex.Message);
        using var cWrong = DeviceTensor.Zeros(device, 1, 2, 2);
        ex = Assert.Throws<ArgumentException>(() => layer.Forward(x, c0: cWrong));
        Assert.Contains("c0 has shape (1, 2, 2), expected (1, 2, 5)", ex.Message);
        Assert.Throws<NotSupportedException>(() => layer.CreateStream(2));
        Assert.Equal(new[] { 2, 5 }, layer["weight_hr_l0"].Value.Shape);
        Assert.Equal(new[] { 20, 2 }, layer["weight_hh_l0"].Value.Shape);
    }
}
