using RnnGpu.Kernels;

namespace RnnGpu.Tests;

/// <summary>The kernels' integer gate counts (<see cref="CellMath"/>, what ILGPU compiles) agree with
/// <see cref="CellSpec"/>, the host's one table, for every cell.</summary>
public class CellMathTests
{
    [Fact]
    public void KernelGateCounts_MirrorCellSpec()
    {
        foreach (var spec in CellSpec.All)
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
}
