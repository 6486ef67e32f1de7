using ILGPU;
using RnnGpu.Kernels;

namespace RnnGpu;

// Host wrappers of ProjectionKernels (LSTM with proj_size); see ProjectedLstm for the per-step composition.
internal sealed partial class KernelSet
{
    public void LstmCellForward(ArrayView<float> pre, ArrayView<float> cPrev, ArrayView<float> cNext, ArrayView<float> m,
        ArrayView<float> gates, ArrayView<int> lengths, in ProjectionArgs p) =>
        Load1D<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ProjectionArgs>(
            KernelCatalog.ProjCellFwd, ProjectionKernels.LstmCellForward)(p.B * p.H, pre, cPrev, cNext, m, gates, lengths, p);

    public void ProjectedUpdate(ArrayView<float> hp, ArrayView<float> hPrev, ArrayView<float> hNext, ArrayView<float> y,
        ArrayView<int> lengths, in ProjectionArgs p) =>
        Load1D<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ProjectionArgs>(
            KernelCatalog.ProjUpdate, ProjectionKernels.ProjectedUpdate)(p.B * p.P, hp, hPrev, hNext, y, lengths, p);

    public void ProjectedBackward(ArrayView<float> dy, ArrayView<float> dh, ArrayView<float> dhp, ArrayView<int> lengths,
        in ProjectionArgs p) =>
        Load1D<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ProjectionArgs>(
            KernelCatalog.ProjBwd, ProjectionKernels.ProjectedBackward)(p.B * p.P, dy, dh, dhp, lengths, p);
}
