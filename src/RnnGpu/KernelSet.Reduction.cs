using ILGPU;
using RnnGpu.Kernels;

namespace RnnGpu;

internal sealed partial class KernelSet
{
    public void ColumnSum(ArrayView<float> x, int rows, int cols, int ld, ArrayView<float> dst, bool accumulate)
    {
        if (cols == 0)
            return;
        int chunks = ReductionKernels.ColumnChunks(rows);
        if (chunks == 0)
        {
            if (!accumulate)
                Fill(dst.SubView(0, cols), 0f);
            return;
        }
        var partial = device.Scratch((long)chunks * cols);
        if (policy.HostRowKernels)
            Load1D<ArrayView<float>, ArrayView<float>, int, int, int>(KernelCatalog.ColsumPartialCpu, ReductionKernels.ColumnSumPartialCpu)
                (chunks * cols, x, partial, rows, cols, ld);
        else
            Load1D<ArrayView<float>, ArrayView<float>, int, int, int>(KernelCatalog.ColsumPartial, ReductionKernels.ColumnSumPartial)
                (chunks * cols, x, partial, rows, cols, ld);
        Load1D<ArrayView<float>, ArrayView<float>, int, int, int>(KernelCatalog.ColsumFinal, ReductionKernels.ColumnSumFinal)
            (cols, partial, dst, chunks, cols, accumulate ? 1 : 0);
    }

    public void SumOfSquares(ArrayView<float> x, ArrayView<float> result, int slot, bool accumulate)
    {
        int chunks = Math.Max(1, ReductionKernels.Chunks(x.Length));
        var partial = device.Scratch(chunks);
        if (x.Length == 0)
            Fill(partial, 0f);
        else
            Load1D<ArrayView<float>, ArrayView<float>>(KernelCatalog.SumsqPartial, ReductionKernels.SumSquaresPartial)
                (chunks, x, partial);
        Load1D<ArrayView<float>, ArrayView<float>, int, int>(KernelCatalog.SumFinal, ReductionKernels.SumFinal)
            (1, partial, result, slot, accumulate ? 1 : 0);
    }

    /// <summary>partial[k] = the in-order sum of x over chunk k (<see cref="ReductionKernels.SumPartial"/>);
    /// partial has <see cref="ReductionKernels.Chunks"/>(x.Length) elements.</summary>
    public void SumPartial(ArrayView<float> x, ArrayView<float> partial) =>
        Load1D<ArrayView<float>, ArrayView<float>>(KernelCatalog.SumPartial, ReductionKernels.SumPartial)((int)partial.Length, x, partial);

    /// <summary>The final pass of a loss (<see cref="ReductionKernels.LossFinal"/>): loss and gradient scale into scalars.</summary>
    public void LossFinal(ArrayView<float> partial, ArrayView<float> scalars, int chunks, bool countChunks, float fixedCount, bool mean) =>
        Load1D<ArrayView<float>, ArrayView<float>, int, int, float, int>(KernelCatalog.LossFinal, ReductionKernels.LossFinal)
            (1, partial, scalars, chunks, countChunks ? 1 : 0, fixedCount, mean ? 1 : 0);
}
