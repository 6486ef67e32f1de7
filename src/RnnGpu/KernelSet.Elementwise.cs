using ILGPU;
using ILGPU.Runtime;
using RnnGpu.Kernels;

namespace RnnGpu;

internal sealed partial class KernelSet
{
    // On the CPU accelerator zero fills (+0.0 exactly) are a host memset instead of a kernel launch: a launch there costs
    // a thread wake-up per core (about 60 us), a memset none. (Elsewhere a launch is cheap, and PoCL's clEnqueueFillBuffer
    // refused some of RnnGpu's sub-views.)
    public void Fill(ArrayView<float> x, float value)
    {
        if (policy.MemsetZeroFill && BitConverter.SingleToInt32Bits(value) == 0)
            x.MemSetToZero();
        else
            Load1D<ArrayView<float>, float>(KernelCatalog.Fill, ElementwiseKernels.Fill)((int)x.Length, x, value);
    }

    public void FillInt(ArrayView<int> x, int value)
    {
        if (policy.MemsetZeroFill && value == 0)
            x.MemSetToZero();
        else
            Load1D<ArrayView<int>, int>(KernelCatalog.FillInt, ElementwiseKernels.FillInt)((int)x.Length, x, value);
    }

    public void Transpose(ArrayView<float> src, ArrayView<float> dst, int rows, int cols)
    {
        if (policy.BlockedTranspose)
            Load1D<ArrayView<float>, ArrayView<float>, int, int>(KernelCatalog.TransposeBlocks, ElementwiseKernels.TransposeBlocks)
                (ElementwiseKernels.TransposeBlockItems(rows, cols), src, dst, rows, cols);
        else
            Load1D<ArrayView<float>, ArrayView<float>, int, int>(KernelCatalog.Transpose, ElementwiseKernels.Transpose)(rows * cols, src, dst, rows, cols);
    }

    public void SwapOuter(ArrayView<float> src, ArrayView<float> dst, int d0, int d1, int inner) =>
        Load1D<ArrayView<float>, ArrayView<float>, int, int, int>(KernelCatalog.SwapOuter, ElementwiseKernels.SwapOuter)
            ((int)src.Length, src, dst, d0, d1, inner);

    public void DropoutForward(ArrayView<float> x, ArrayView<float> y, ArrayView<float> mask, float p, uint seed, uint stream) =>
        Load1D<ArrayView<float>, ArrayView<float>, ArrayView<float>, float, uint, uint>(KernelCatalog.DropoutFwd, ElementwiseKernels.DropoutForward)
            ((int)x.Length, x, y, mask, p, seed, stream);

    public void Add(ArrayView<float> a, ArrayView<float> b, ArrayView<float> y) =>
        Load1D<ArrayView<float>, ArrayView<float>, ArrayView<float>>(KernelCatalog.Add, ElementwiseKernels.Add)((int)y.Length, a, b, y);

    public void Multiply(ArrayView<float> a, ArrayView<float> b, ArrayView<float> dst) =>
        Load1D<ArrayView<float>, ArrayView<float>, ArrayView<float>>(KernelCatalog.Mul, ElementwiseKernels.MultiplyInto)((int)a.Length, a, b, dst);

    public void NonFiniteFlag(ArrayView<float> x, ArrayView<int> flag) =>
        Load1D<ArrayView<float>, ArrayView<int>>(KernelCatalog.Nonfinite, ElementwiseKernels.NonFiniteFlag)((int)x.Length, x, flag);

    public void IndexSelect(ArrayView<float> src, ArrayView<int> index, ArrayView<float> dst, int n, int inner, ArrayView<int> firstBad) =>
        Load1D<ArrayView<float>, ArrayView<int>, ArrayView<float>, int, int, ArrayView<int>>(KernelCatalog.IndexSelect, ElementwiseKernels.IndexSelect)
            ((int)dst.Length, src, index, dst, n, inner, firstBad);

    public void IndexSelectInt(ArrayView<int> src, ArrayView<int> index, ArrayView<int> dst, int n, int inner, ArrayView<int> firstBad) =>
        Load1D<ArrayView<int>, ArrayView<int>, ArrayView<int>, int, int, ArrayView<int>>(KernelCatalog.IndexSelectInt, ElementwiseKernels.IndexSelectInt)
            ((int)dst.Length, src, index, dst, n, inner, firstBad);
}
