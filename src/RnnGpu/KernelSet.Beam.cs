using ILGPU;
using ILGPU.Runtime;
using RnnGpu.Kernels;

namespace RnnGpu;

internal sealed partial class KernelSet
{
    public void BeamStep(in BeamViews v, in BeamArgs a) =>
        Load1D<BeamViews, BeamArgs>(KernelCatalog.BeamStep, BeamKernels.Step)(a.B, v, a);

    /// <summary>Each row's K best next tokens (<see cref="BeamKernels.RowTopK"/>; on the CPU accelerator the host SIMD rows).</summary>
    public void BeamRowTopK(ArrayView<float> logits, ArrayView<float> topScores, ArrayView<int> topWords, int k, int vocabulary, bool portable = false)
    {
        int rows = (int)(logits.Length / vocabulary);
        if (policy.HostRowKernels && !portable)
            Load1D<ArrayView<float>, ArrayView<float>, ArrayView<int>, int, int>(KernelCatalog.BeamTopkCpu, BeamKernels.RowTopKCpu)
                (rows, logits, topScores, topWords, k, vocabulary);
        else
            Load1D<ArrayView<float>, ArrayView<float>, ArrayView<int>, int, int>(KernelCatalog.BeamTopk, BeamKernels.RowTopK)
                (rows, logits, topScores, topWords, k, vocabulary);
    }

    public void BeamCountActive(ArrayView<int> done, ArrayView<int> active) =>
        Load1D<ArrayView<int>, ArrayView<int>>(KernelCatalog.BeamActive, BeamKernels.CountActive)(1, done, active);
}
