using ILGPU;
using ILGPU.Runtime;
using RnnGpu.Kernels;

namespace RnnGpu;

internal sealed partial class KernelSet
{
    // The CPU accelerator runs host variants (KernelPolicy.HostRowKernels): a query or key row per item over the stored
    // layouts; elsewhere one group per row, its threads over key positions (reading the transposed copies) and then units.

    int AttentionGroup(int width)
    {
        int warp = Math.Max(1, device.Info.WarpSize);
        return Math.Max(1, Math.Min(Math.Min(AttentionKernels.MaxGroup, device.MaxGroupSize), (width + warp - 1) / warp * warp));
    }

    /// <summary>Whether the attention kernels read the transposed copies (SkT, ValuesT): everywhere but the CPU accelerator's
    /// host variants.</summary>
    public bool AttentionNeedsTransposes(bool portable) => !policy.HostRowKernels || portable;

    public void AttentionForward(in AttentionViews v, in AttentionArgs a, bool portable = false)
    {
        if (policy.HostRowKernels && !portable)
        {
            Load1D<AttentionViews, AttentionArgs>(KernelCatalog.AttnFwdCpu, AttentionKernels.ForwardCpu)(a.Tq * a.B, v, a);
            return;
        }
        Get(KernelCatalog.AttnFwd, () => accel.LoadStreamKernel<AttentionViews, AttentionArgs>(AttentionKernels.Forward))
            (new KernelConfig(new Index1D(a.Tq * a.B), new Index1D(AttentionGroup(Math.Max(a.Tk, a.Nv)))), v, a);
    }

    public void AttentionBackward(in AttentionViews v, in AttentionArgs a, bool portable = false)
    {
        if (policy.HostRowKernels && !portable)
        {
            Load1D<AttentionViews, AttentionArgs>(KernelCatalog.AttnBwdQCpu, AttentionKernels.BackwardQueriesCpu)(a.Tq * a.B, v, a);
            Load1D<AttentionViews, AttentionArgs>(KernelCatalog.AttnBwdKCpu, AttentionKernels.BackwardKeysCpu)(a.Tk * a.B, v, a);
            return;
        }
        Get(KernelCatalog.AttnBwdQ, () => accel.LoadStreamKernel<AttentionViews, AttentionArgs>(AttentionKernels.BackwardQueries))
            (new KernelConfig(new Index1D(a.Tq * a.B), new Index1D(AttentionGroup(Math.Max(a.Tk, a.N)))), v, a);
        Get(KernelCatalog.AttnBwdK, () => accel.LoadStreamKernel<AttentionViews, AttentionArgs>(AttentionKernels.BackwardKeys))
            (new KernelConfig(new Index1D(a.Tk * a.B), new Index1D(AttentionGroup(Math.Max(a.N, a.Nv)))), v, a);
    }

    public void AttentionScoreVector(ArrayView<float> v, ArrayView<float> scalar, ArrayView<float> vEff, int n, bool normalize) =>
        Load1D<ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int>(KernelCatalog.AttnVec, AttentionKernels.ScoreVector)
            (1, v, scalar, vEff, n, normalize ? 1 : 0);

    public void AttentionScoreVectorBackward(ArrayView<float> v, ArrayView<float> scalar, ArrayView<float> dvEff, ArrayView<float> dv,
        ArrayView<float> dscalar, int n, bool normalize) =>
        Load1D<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int>(KernelCatalog.AttnVecBwd,
            AttentionKernels.ScoreVectorBackward)(1, v, scalar, dvEff, dv, dscalar, n, normalize ? 1 : 0);
}
