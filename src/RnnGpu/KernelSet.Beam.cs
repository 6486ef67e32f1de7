using ILGPU;
using ILGPU.Runtime;
using RnnGpu.Kernels;

namespace RnnGpu;

internal sealed partial class KernelSet
{
    public void BeamStep(in BeamViews v, in BeamArgs a) =>
        Load1D<BeamViews, BeamArgs>("beam.step", BeamKernels.Step)(a.B, v, a);

    public void BeamCountActive(ArrayView<int> done, ArrayView<int> active) =>
        Load1D<ArrayView<int>, ArrayView<int>>("beam.active", BeamKernels.CountActive)(1, done, active);
}
