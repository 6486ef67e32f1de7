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
}
