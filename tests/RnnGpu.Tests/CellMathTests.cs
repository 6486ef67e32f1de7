using RnnGpu.Kernels;

namespace RnnGpu.Tests;

/// <summary>The kernels' integer gate counts (<see cref="CellMath"/>, what ILGPU compiles) agree with
/// <see cref="CellSpec"/>, the host's one table, for every cell the int-cell kernels run (PyTorch's four; the cells that are
/// types state their own counts).</summary>
public class CellMathTests
{
    [Fact]
    public void KernelGateCounts_MirrorCellSpec()
    {
        foreach (var spec in CellSpec.PyTorch)
        {
            int cell = (int)spec.Kind;
            Assert.Equal(spec.Gates, CellMath.Gates(cell));
            Assert.Equal(spec.StoredGatesPerUnit, CellMath.StoredGatesPerUnit(cell));
            Assert.Equal(spec.InterleavedGates, CellMath.InterleavedGates(cell));
            Assert.Equal(spec.Gates, new StepArgs(2, 3, spec.Kind, 3, 0, false).G);
        }
    }

    /// <summary>The kernels' tanh (built from exp, no tanh.approx on GPUs) is within a few ulp of the float64 tanh over
    /// every range it meets, odd, and keeps NaN and the limits.</summary>
    [Fact]
    public void Tanh_IsAccurateOverEveryRange()
    {
        double worstRel = 0, worstAbs = 0;
        var rng = new Random(11);
        for (int k = 0; k < 400_000; k++)
        {
            // Log-uniform magnitudes from 1e-8 to 20, both signs, plus the polynomial/exp switch at 1/8.
            float x = k < 2000 ? 0.125f + (k - 1000) * 1e-6f : (float)(Math.Exp(rng.NextDouble() * Math.Log(2e9)) * 1e-8 * (rng.Next(2) == 0 ? -1 : 1));
            double want = Math.Tanh(x);
            float got = CellMath.Tanh(x);
            Assert.Equal(-got, CellMath.Tanh(-x));
            worstAbs = Math.Max(worstAbs, Math.Abs(got - want));
            worstRel = Math.Max(worstRel, Math.Abs(got - want) / Math.Abs(want));
        }
        Assert.True(worstRel < 6e-7, $"relative error {worstRel:E2}");
        Assert.True(worstAbs < 2e-7, $"absolute error {worstAbs:E2}");
        Assert.Equal(1f, CellMath.Tanh(float.PositiveInfinity));
        Assert.Equal(-1f, CellMath.Tanh(float.NegativeInfinity));
        Assert.Equal(1f, CellMath.Tanh(50f));
        Assert.True(float.IsNaN(CellMath.Tanh(float.NaN)));
        Assert.Equal(0f, CellMath.Tanh(0f));
    }

    /// <summary>The CPU accelerator's vector exp, sigmoid and tanh (16 lanes with AVX-512, 8 with AVX2; the cell epilogue
    /// and gate gradients of CpuSimd) against float64, on whichever tiers this machine runs: within a few ulp, like the
    /// scalar ones, over the ranges the cells meet, with the clamped limits.</summary>
    [Fact]
    public void CpuVectorMath_IsAccurateOnEveryTierPresent()
    {
        var rng = new Random(12);
        var xs = new float[64_000];
        for (int k = 0; k < xs.Length; k++)
            xs[k] = k < 1000 ? 0.125f + (k - 500) * 1e-6f : (float)(Math.Exp(rng.NextDouble() * Math.Log(9e9)) * 1e-8 * (rng.Next(2) == 0 ? -1 : 1));
        xs[1000] = 88f; xs[1001] = -87f; xs[1002] = 0f; xs[1003] = 60f; xs[1004] = -60f;
        bool any = false;
        if (System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated && System.Runtime.Intrinsics.X86.Avx512F.IsSupported)
        {
            any = true;
            Check(16, (x, k) => Pick(CpuSimd.Exp(System.Runtime.Intrinsics.Vector512.Create(x)), k),
                (x, k) => Pick(CpuSimd.Sigmoid(System.Runtime.Intrinsics.Vector512.Create(x)), k),
                (x, k) => Pick(CpuSimd.Tanh(System.Runtime.Intrinsics.Vector512.Create(x)), k));
        }
        if (System.Runtime.Intrinsics.X86.Fma.IsSupported && System.Runtime.Intrinsics.X86.Avx.IsSupported)
        {
            any = true;
            Check(8, (x, k) => Pick(CpuSimd.Exp(System.Runtime.Intrinsics.Vector256.Create(x)), k),
                (x, k) => Pick(CpuSimd.Sigmoid(System.Runtime.Intrinsics.Vector256.Create(x)), k),
                (x, k) => Pick(CpuSimd.Tanh(System.Runtime.Intrinsics.Vector256.Create(x)), k));
        }
        if (!any)
            Assert.Equal("scalar", RnnKernels.CpuSimdTier); // nothing vector to check: the scalar tier uses CellMath

        void Check(int lanes, Func<float[], int, float> exp, Func<float[], int, float> sigmoid, Func<float[], int, float> tanh)
        {
            double worstExp = 0, worstSig = 0, worstTanhRel = 0, worstTanhAbs = 0;
            for (int k = 0; k + lanes <= xs.Length; k += lanes)
            {
                var chunk = xs.AsSpan(k, lanes).ToArray();
                for (int l = 0; l < lanes; l++)
                {
                    double x = chunk[l];
                    if (Math.Abs(x) < 80)
                        worstExp = Math.Max(worstExp, Math.Abs(exp(chunk, l) - Math.Exp(x)) / Math.Exp(x));
                    double s = 1 / (1 + Math.Exp(-x));
                    worstSig = Math.Max(worstSig, Math.Abs(sigmoid(chunk, l) - s) / Math.Max(s, 1e-30));
                    double t = Math.Tanh(x);
                    float got = tanh(chunk, l);
                    worstTanhAbs = Math.Max(worstTanhAbs, Math.Abs(got - t));
                    if (t != 0) worstTanhRel = Math.Max(worstTanhRel, Math.Abs(got - t) / Math.Abs(t));
                }
            }
            Assert.True(worstExp < 5e-7, $"{lanes} lanes: exp relative error {worstExp:E2}");
            Assert.True(worstSig < 5e-7, $"{lanes} lanes: sigmoid relative error {worstSig:E2}");
            Assert.True(worstTanhRel < 6e-7, $"{lanes} lanes: tanh relative error {worstTanhRel:E2}");
            Assert.True(worstTanhAbs < 2e-7, $"{lanes} lanes: tanh absolute error {worstTanhAbs:E2}");
        }
    }

    static float Pick<TV>(TV v, int lane) where TV : struct => v switch
    {
        System.Runtime.Intrinsics.Vector512<float> w => w[lane],
        System.Runtime.Intrinsics.Vector256<float> w => w[lane],
        _ => throw new ArgumentException("not a float vector"),
    };
}
