using ILGPU;
using ILGPU.Runtime;
using RnnGpu.Kernels;

namespace RnnGpu.Tests;

/// <summary>
/// The projected-LSTM kernels (<see cref="ProjectionKernels"/>) against their float64 references on every accelerator;
/// the layer that composes them is checked in <see cref="ProjectionLayerTests"/>.
/// </summary>
public class ProjectionKernelTests
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
            new StepArgs(B, H, RnnMode.Lstm, H, StepT, true));
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
}
