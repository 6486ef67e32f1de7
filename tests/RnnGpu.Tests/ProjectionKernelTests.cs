using ILGPU;
using ILGPU.Runtime;
using RnnGpu.Kernels;

namespace RnnGpu.Tests;

/// <summary>
/// The projected-LSTM kernels (<see cref="ProjectionKernels"/>) against their float64 references on every accelerator,
/// and <see cref="ProjectedLstm"/> (GEMMs + those kernels + StepBackward), stacked and bidirectional, against the
/// float64 <see cref="RnnReference"/> with proj_size.
/// </summary>
public class ProjectionKernelTests(Xunit.Abstractions.ITestOutputHelper output)
{
    static float[] Nan(long n) => Enumerable.Repeat(float.NaN, (int)n).ToArray();
    static float[] F(double[] x) => x.Select(v => (float)v).ToArray();

    // Odd sizes; lengths give masked rows at t = 2 (rows 1 and 4) and a row that ends exactly there (row 2).
    const int B = 5, H = 7, P = 3, T = 4, StepT = 2;
    static readonly int[] Lens = { 4, 2, 3, 4, 1 };

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void LstmCellForward_MatchesReference_MaskedRowsKeepState(string deviceName)
    {
        var dev = TestDevices.Get(deviceName);
        var rng = new Random(71);
        float[] pre = Numerics.Uniform(rng, B * 4 * H, 3f), cPrev = Numerics.Uniform(rng, B * H, 2f);
        using var len = dev.Accelerator.Allocate1D(Lens);
        using var tPre = DeviceTensor.FromHost(dev, pre, B, 4 * H);
        using var tC = DeviceTensor.FromHost(dev, cPrev, B, H);
        foreach (bool store in new[] { true, false })
        {
            using var tCn = DeviceTensor.FromHost(dev, Nan(B * H), B, H);
            using var tM = DeviceTensor.FromHost(dev, Nan(B * H), B, H);
            using var tG = DeviceTensor.FromHost(dev, Nan(B * 4 * H), B, 4 * H);
            var p = new ProjectionArgs(B, H, P, 2 * P, StepT, store);
            dev.Kernels.LstmCellForward(tPre.View, tC.View, tCn.View, tM.View, tG.View, len.View, p);
            double[] cn = new double[B * H], m = new double[B * H], g = new double[B * 4 * H];
            ProjectionReference.LstmCellForward(pre, cPrev, cn, m, g, Lens, p);
            Numerics.AssertClose(tCn.ToArray(), cn, 1e-5, $"cNext store={store}");
            Numerics.AssertClose(tM.ToArray(), m, 1e-5, $"m store={store}");
            if (store)
                Numerics.AssertClose(tG.ToArray(), g, 1e-5, "gates");
            else
                Assert.All(tG.ToArray(), v => Assert.True(float.IsNaN(v), "gates written without Store"));
            var cnGot = tCn.ToArray();
            var mGot = tM.ToArray();
            foreach (int b in new[] { 1, 4 })
                for (int j = 0; j < H; j++)
                {
                    Assert.Equal(cPrev[b * H + j], cnGot[b * H + j]);
                    Assert.Equal(0f, mGot[b * H + j]);
                }
        }
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void LstmCellForward_StoresTheGatesStepBackwardExpects(string deviceName)
    {
        // Gates from LstmCellForward fed to the existing StepBackward (dy = dm, LdY = H, zeroed dh) give the
        // reference's cell gradients: the reuse the projected backward relies on.
        var dev = TestDevices.Get(deviceName);
        var rng = new Random(72);
        float[] pre = Numerics.Uniform(rng, B * 4 * H, 3f), cPrev = Numerics.Uniform(rng, B * H, 2f);
        float[] dm = Numerics.Uniform(rng, B * H), dc = Numerics.Uniform(rng, B * H);
        using var len = dev.Accelerator.Allocate1D(Lens);
        using var tPre = DeviceTensor.FromHost(dev, pre, B, 4 * H);
        using var tC = DeviceTensor.FromHost(dev, cPrev, B, H);
        using var tCn = DeviceTensor.FromHost(dev, Nan(B * H), B, H);
        using var tM = DeviceTensor.FromHost(dev, Nan(B * H), B, H);
        using var tG = DeviceTensor.FromHost(dev, Nan(B * 4 * H), B, 4 * H);
        using var tDm = DeviceTensor.FromHost(dev, dm, B, H);
        using var tDh = DeviceTensor.Zeros(dev, B, H);
        using var tDc = DeviceTensor.FromHost(dev, dc, B, H);
        using var tDg = DeviceTensor.FromHost(dev, Nan(B * 4 * H), B, 4 * H);
        var k = dev.Kernels;
        k.LstmCellForward(tPre.View, tC.View, tCn.View, tM.View, tG.View, len.View, new ProjectionArgs(B, H, P, P, StepT, true));
        k.StepBackward(tG.View, tDm.View, tC.View, tCn.View, tDm.View, tDh.View, tDc.View, tDg.View, tDg.View, len.View,
            new StepArgs(B, H, CellKind.Lstm, H, StepT, true));
        // float64 cell backward from the pre-activations.
        double S(double v) => 1 / (1 + Math.Exp(-v));
        var dg = new double[B * 4 * H];
        var dcOut = Numerics.ToDouble(dc);
        for (int b = 0; b < B; b++)
        {
            if (StepT >= Lens[b]) continue;
            for (int j = 0; j < H; j++)
            {
                int g0 = b * 4 * H;
                double i = S(pre[g0 + j]), f = S(pre[g0 + H + j]), g = Math.Tanh(pre[g0 + 2 * H + j]), o = S(pre[g0 + 3 * H + j]);
                double c = f * cPrev[b * H + j] + i * g, tc = Math.Tanh(c);
                double dct = dc[b * H + j] + dm[b * H + j] * o * (1 - tc * tc);
                dg[g0 + j] = dct * g * i * (1 - i);
                dg[g0 + H + j] = dct * cPrev[b * H + j] * f * (1 - f);
                dg[g0 + 2 * H + j] = dct * i * (1 - g * g);
                dg[g0 + 3 * H + j] = dm[b * H + j] * tc * o * (1 - o);
                dcOut[b * H + j] = dct * f;
            }
        }
        Numerics.AssertClose(tDg.ToArray(), dg, 1e-5, "dG");
        Numerics.AssertClose(tDc.ToArray(), dcOut, 1e-5, "dc carry");
        Assert.All(tDh.ToArray(), v => Assert.Equal(0f, v)); // the scratch dh stays zero
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void ProjectedUpdate_MatchesReference_InPlaceAndInAColumnSlice(string deviceName)
    {
        var dev = TestDevices.Get(deviceName);
        var rng = new Random(73);
        const int ldy = 2 * P + 1, col = P; // the reverse direction's columns of a (B, 2P+1) row
        float[] hp = Numerics.Uniform(rng, B * P), hPrev = Numerics.Uniform(rng, B * P);
        float[] y0 = Enumerable.Repeat(7f, B * ldy).ToArray();
        using var len = dev.Accelerator.Allocate1D(Lens);
        var p = new ProjectionArgs(B, H, P, ldy, StepT, true);
        double[] hRef = new double[B * P], yRef = y0.Select(v => (double)v).ToArray();
        ProjectionReference.ProjectedUpdate(hp, hPrev, hRef, yRef.AsSpan(col), Lens, p);
        foreach (bool inPlace in new[] { false, true })
        {
            using var tHp = DeviceTensor.FromHost(dev, hp, B, P);
            using var tHPrev = DeviceTensor.FromHost(dev, hPrev, B, P);
            using var tHNext = DeviceTensor.FromHost(dev, Nan(B * P), B, P);
            using var tY = DeviceTensor.FromHost(dev, y0, B, ldy);
            var hNext = inPlace ? tHp : tHNext;
            dev.Kernels.ProjectedUpdate(tHp.View, tHPrev.View, hNext.View, tY.View.SubView(col), len.View, p);
            Numerics.AssertClose(hNext.ToArray(), hRef, 1e-7, $"hNext inPlace={inPlace}");
            Numerics.AssertClose(tY.ToArray(), yRef, 1e-7, $"y inPlace={inPlace} (other columns untouched)");
        }
        Assert.Equal(0.0, yRef[1 * ldy + col]);
        Assert.Equal(hPrev[1 * P], hRef[1 * P]);
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void ProjectedBackward_MatchesReference_MaskedRowsPassDhThrough(string deviceName)
    {
        var dev = TestDevices.Get(deviceName);
        var rng = new Random(74);
        const int ldy = 2 * P, col = P;
        float[] dy = Numerics.Uniform(rng, B * ldy), dh = Numerics.Uniform(rng, B * P);
        using var len = dev.Accelerator.Allocate1D(Lens);
        using var tDy = DeviceTensor.FromHost(dev, dy, B, ldy);
        using var tDh = DeviceTensor.FromHost(dev, dh, B, P);
        using var tDhp = DeviceTensor.FromHost(dev, Nan(B * P), B, P);
        var p = new ProjectionArgs(B, H, P, ldy, StepT, true);
        dev.Kernels.ProjectedBackward(tDy.View.SubView(col), tDh.View, tDhp.View, len.View, p);
        double[] dhRef = Numerics.ToDouble(dh), dhpRef = new double[B * P];
        ProjectionReference.ProjectedBackward(dy.AsSpan(col), dhRef, dhpRef, Lens, p);
        Numerics.AssertClose(tDhp.ToArray(), dhpRef, 1e-6, "dhp");
        Numerics.AssertClose(tDh.ToArray(), dhRef, 1e-7, "dh");
        Assert.Equal(dh[4 * P + 2], tDh.ToArray()[4 * P + 2]);
        Assert.Equal(0f, tDhp.ToArray()[4 * P + 2]);
    }

    public sealed record Config(int Layers, bool Bidirectional, bool Bias, bool VarLengths, bool InitialStates,
        int T = 4, int B = 3, int I = 5, int H = 7, int P = 3)
    {
        public override string ToString() =>
            $"L{Layers} {(Bidirectional ? "bi" : "uni")} {(Bias ? "bias" : "no-bias")} {(VarLengths ? "var-len" : "full")} {(InitialStates ? "h0" : "no-h0")} T{T} B{B} I{I} H{H} P{P}";
    }

    static readonly Config[] Configs =
    {
        new(1, false, true, true, true),
        new(1, false, false, false, false, T: 3, B: 1, I: 1, H: 5, P: 1),
        new(1, true, false, true, true),
        new(2, true, true, true, true, T: 5, B: 3, I: 5, H: 9, P: 4),
        new(2, false, false, true, false),
    };

    public static IEnumerable<object[]> DeviceConfigs() =>
        from d in TestDevices.All from i in Enumerable.Range(0, Configs.Length) select new object[] { d[0], i };

    /// <summary>The stacked composition a layer would run: per layer and direction one ProjectedLstm forward
    /// and backward, layer l+1 reading layer l's (T*B, D*P) output, the reverse direction adding into dX.</summary>
    [Theory]
    [MemberData(nameof(DeviceConfigs))]
    public void ProjectedLstm_ForwardAndBackward_MatchFloat64Reference(string deviceName, int configIndex)
    {
        var c = Configs[configIndex];
        var dev = TestDevices.Get(deviceName);
        var rng = new Random(80 + configIndex);
        int D = c.Bidirectional ? 2 : 1, LD = c.Layers * D, Tn = c.T, Bn = c.B, Hn = c.H, Pn = c.P, G4 = 4 * Hn;
        int In(int l) => l == 0 ? c.I : D * Pn;
        int[] lens = c.VarLengths ? Enumerable.Range(0, Bn).Select(b => b == 0 ? Tn : 1 + rng.Next(Tn)).ToArray() : Enumerable.Repeat(Tn, Bn).ToArray();
        if (c.VarLengths && Bn > 1) lens[1] = 1;

        // Float parameters; the reference sees exactly the same values.
        var wf = new List<float[][]>();
        for (int ld = 0; ld < LD; ld++)
            wf.Add(new[]
            {
                Numerics.Uniform(rng, G4 * In(ld / D), 0.6f), Numerics.Uniform(rng, G4 * Pn, 0.6f), Numerics.Uniform(rng, Pn * Hn, 0.6f),
                c.Bias ? Numerics.Uniform(rng, G4, 0.6f) : Array.Empty<float>(), c.Bias ? Numerics.Uniform(rng, G4, 0.6f) : Array.Empty<float>(),
            });
        var refW = wf.Select(a => new RnnRefWeights(Numerics.ToDouble(a[0]), Numerics.ToDouble(a[1]), Numerics.ToDouble(a[3]),
            Numerics.ToDouble(a[4]), Numerics.ToDouble(a[2]))).ToArray();
        float[] x = Numerics.Uniform(rng, Tn * Bn * c.I), h0 = Numerics.Uniform(rng, LD * Bn * Pn), c0 = Numerics.Uniform(rng, LD * Bn * Hn);
        float[] dy = Numerics.Uniform(rng, Tn * Bn * D * Pn), dhN = Numerics.Uniform(rng, LD * Bn * Pn), dcN = Numerics.Uniform(rng, LD * Bn * Hn);
        // Initial gradient contents: parameter gradients accumulate onto them.
        var g0 = wf.Select(a => a.Select(v => Numerics.Uniform(rng, v.Length)).ToArray()).ToList();

        var model = new RnnReference(CellKind.Lstm, c.Layers, c.Bidirectional, c.I, Hn, refW, Pn);
        var (rOut, rHn, rCn) = model.Forward(Numerics.ToDouble(x), Tn, Bn, lens,
            c.InitialStates ? Numerics.ToDouble(h0) : null, c.InitialStates ? Numerics.ToDouble(c0) : null);
        var (rDx, rDh0, rDc0, rDw) = model.Backward(Numerics.ToDouble(dy), Numerics.ToDouble(dhN), Numerics.ToDouble(dcN));

        var owned = new List<IDisposable>();
        DeviceTensor T(float[] data, params int[] shape)
        {
            var t = data.Length == 0 ? DeviceTensor.Zeros(dev, 1) : DeviceTensor.FromHost(dev, data, shape);
            owned.Add(t);
            return t;
        }
        ArrayView<float> Opt(DeviceTensor t, bool present) => present ? t.View : default;
        try
        {
            using var len = dev.Accelerator.Allocate1D(lens);
            var w = new ProjectedLstmParams[LD];
            var g = new ProjectedLstmParams[LD];
            var gT = new DeviceTensor[LD][];
            for (int ld = 0; ld < LD; ld++)
            {
                var a = wf[ld];
                w[ld] = new ProjectedLstmParams(T(a[0], a[0].Length).View, T(a[1], a[1].Length).View, T(a[2], a[2].Length).View,
                    Opt(T(a[3], a[3].Length), c.Bias), Opt(T(a[4], a[4].Length), c.Bias));
                gT[ld] = g0[ld].Select(v => T(v, v.Length)).ToArray();
                g[ld] = new ProjectedLstmParams(gT[ld][0].View, gT[ld][1].View, gT[ld][2].View, Opt(gT[ld][3], c.Bias), Opt(gT[ld][4], c.Bias));
            }
            var tH0 = T(h0, LD * Bn * Pn);
            var tC0 = T(c0, LD * Bn * Hn);
            var hN = T(Nan(LD * Bn * Pn), LD * Bn * Pn);
            var cN = T(Nan(LD * Bn * Hn), LD * Bn * Hn);
            var inputs = new DeviceTensor[c.Layers];
            var tapes = new ProjectedLstmTape[LD];
            var input = T(x, Tn * Bn, c.I);
            DeviceTensor y = input;
            for (int l = 0; l < c.Layers; l++)
            {
                inputs[l] = input;
                y = T(Nan(Tn * Bn * D * Pn), Tn * Bn, D * Pn);
                var s = new ProjectedLstmShape(Tn, Bn, In(l), Hn, Pn);
                for (int d = 0; d < D; d++)
                {
                    int ld = l * D + d;
                    tapes[ld] = new ProjectedLstmTape(dev, s, training: true);
                    owned.Add(tapes[ld]);
                    ProjectedLstm.Forward(dev, s, w[ld], input.View, len.View,
                        c.InitialStates ? tH0.View.SubView((long)ld * Bn * Pn, Bn * Pn) : default,
                        c.InitialStates ? tC0.View.SubView((long)ld * Bn * Hn, Bn * Hn) : default,
                        reverse: d == 1, y.View.SubView(d * Pn), D * Pn,
                        hN.View.SubView((long)ld * Bn * Pn, Bn * Pn), cN.View.SubView((long)ld * Bn * Hn, Bn * Hn), tapes[ld]);
                }
                input = y;
            }
            var errs = new List<string>();
            double Check(float[] got, double[] want, double tol, string what)
            {
                double e = Numerics.RelErr(got, want);
                Assert.True(e < tol, $"{c} on {deviceName}: {what} relative error {e:E3} >= {tol:E1}");
                errs.Add($"{what}={e:E1}");
                return e;
            }
            Check(y.ToArray(), rOut, 1e-5, "output");
            Check(hN.ToArray(), rHn, 1e-5, "h_n");
            Check(cN.ToArray(), rCn, 1e-5, "c_n");

            // Inference tapes (two slots) give the same last-layer output.
            if (c.Layers == 1)
            {
                var s = new ProjectedLstmShape(Tn, Bn, c.I, Hn, Pn);
                var yi = T(Nan(Tn * Bn * D * Pn), Tn * Bn, D * Pn);
                for (int d = 0; d < D; d++)
                {
                    using var tape = new ProjectedLstmTape(dev, s, training: false);
                    ProjectedLstm.Forward(dev, s, w[d], inputs[0].View, len.View,
                        c.InitialStates ? tH0.View.SubView((long)d * Bn * Pn, Bn * Pn) : default,
                        c.InitialStates ? tC0.View.SubView((long)d * Bn * Hn, Bn * Hn) : default,
                        d == 1, yi.View.SubView(d * Pn), D * Pn, default, default, tape);
                }
                Check(yi.ToArray(), rOut, 1e-5, "inference output");
            }

            var dOut = T(dy, Tn * Bn, D * Pn);
            var tDhN = T(dhN, LD * Bn * Pn);
            var tDcN = T(dcN, LD * Bn * Hn);
            var dh0 = T(Nan(LD * Bn * Pn), LD * Bn * Pn);
            var dc0 = T(Nan(LD * Bn * Hn), LD * Bn * Hn);
            DeviceTensor dIn = dOut;
            for (int l = c.Layers - 1; l >= 0; l--)
            {
                var s = new ProjectedLstmShape(Tn, Bn, In(l), Hn, Pn);
                dIn = T(Nan(Tn * Bn * In(l)), Tn * Bn, In(l));
                for (int d = 0; d < D; d++)
                {
                    int ld = l * D + d;
                    ProjectedLstm.Backward(dev, s, w[ld], g[ld], inputs[l].View, len.View, d == 1, tapes[ld],
                        dOut.View.SubView(d * Pn), D * Pn, tDhN.View.SubView((long)ld * Bn * Pn, Bn * Pn),
                        tDcN.View.SubView((long)ld * Bn * Hn, Bn * Hn), dIn.View, accumulateDx: d == 1,
                        dh0.View.SubView((long)ld * Bn * Pn, Bn * Pn), dc0.View.SubView((long)ld * Bn * Hn, Bn * Hn));
                }
                dOut = dIn;
            }
            Check(dIn.ToArray(), rDx, 1e-4, "dX");
            Check(dh0.ToArray(), rDh0, 1e-4, "dh0");
            Check(dc0.ToArray(), rDc0, 1e-4, "dc0");
            string[] names = { "dW_ih", "dW_hh", "dW_hr", "db_ih", "db_hh" };
            for (int ld = 0; ld < LD; ld++)
            {
                double[][] want = { rDw[ld].Wih, rDw[ld].Whh, rDw[ld].Whr!, rDw[ld].Bih, rDw[ld].Bhh };
                for (int q = 0; q < 5; q++)
                {
                    if (q >= 3 && !c.Bias)
                    {
                        Assert.Empty(want[q]); // bias=False: no gradient (the helper got default views)
                        continue;
                    }
                    var acc = want[q].Select((v, i) => v + g0[ld][q][i]).ToArray();
                    // The accumulated value hides a small gradient in the initial contents: check the increment too.
                    var got = gT[ld][q].ToArray();
                    Check(got.Select((v, i) => v - g0[ld][q][i]).ToArray(), want[q], 1e-4, $"{names[q]}[{ld}]");
                    Check(got, acc, 1e-5, $"{names[q]}[{ld}] accumulated");
                }
            }
            output.WriteLine($"ProjectedLstm {c} on {deviceName}: {string.Join(" ", errs)}");
        }
        finally
        {
            for (int i = owned.Count - 1; i >= 0; i--)
                owned[i].Dispose();
        }
    }

    [Fact]
    public void ProjectedLstm_BadInputs_ThrowNamingTheProblem()
    {
        var dev = TestDevices.Get("cpu");
        var s = new ProjectedLstmShape(2, 2, 3, 5, 2);
        using var wih = DeviceTensor.Zeros(dev, 20 * 3);
        using var whh = DeviceTensor.Zeros(dev, 20 * 2);
        using var whr = DeviceTensor.Zeros(dev, 2 * 5);
        using var x = DeviceTensor.Zeros(dev, 2 * 2 * 3);
        using var y = DeviceTensor.Zeros(dev, 2 * 2 * 2);
        using var len = dev.Accelerator.Allocate1D(new[] { 2, 2 });
        var w = new ProjectedLstmParams(wih.View, whh.View, whr.View);
        using var tape = new ProjectedLstmTape(dev, s, training: false);

        var ex = Assert.Throws<ArgumentException>(() => ProjectedLstm.Forward(dev, s with { P = 5 }, w, x.View, len.View, default, default,
            false, y.View, 2, default, default, tape));
        Assert.Contains("projection size P (5) must be in 1..H-1 (H = 5)", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => ProjectedLstm.Forward(dev, s, w with { Whh = whr.View }, x.View, len.View, default, default,
            false, y.View, 2, default, default, tape));
        Assert.Contains("w.Whh has 10 elements, fewer than (4H, P) = (20, 2) = 40", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => ProjectedLstm.Forward(dev, s with { T = 3 }, w, x.View, len.View, default, default,
            false, y.View, 2, default, default, tape));
        Assert.Contains("The tape was allocated for", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => ProjectedLstm.Forward(dev, s, w, x.View, len.View, default, default,
            false, y.View, 1, default, default, tape));
        Assert.Contains("ldY (1) is smaller than the projection size P (2)", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => ProjectedLstm.Backward(dev, s, w, w, x.View, len.View, false, tape, default, 2,
            default, default, x.View, false, default, default));
        Assert.Contains("Backward needs the training tape", ex.Message);
        Assert.Equal("tape", ex.ParamName);
    }
}
