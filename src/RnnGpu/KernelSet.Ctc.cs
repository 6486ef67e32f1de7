using ILGPU;
using ILGPU.Runtime;
using RnnGpu.Kernels;

namespace RnnGpu;

internal sealed partial class KernelSet
{
    // The CPU accelerator runs host variants (KernelPolicy.HostRowKernels): rows of lse per item, and the whole loss as one
    // pass per sequence (CtcSequencesCpu); elsewhere lse rows, the grouped alpha/beta kernel and gradient rows per work item
    // (Losses.Ctc's portable path runs those on the CPU accelerator too, as the tests do on the GPU simulator).

    public void CtcLogSumExp(ArrayView<float> x, ArrayView<float> lse, int c, bool portable = false)
    {
        if (policy.HostRowKernels && !portable)
            Load1D<ArrayView<float>, ArrayView<float>, int>(KernelCatalog.CtcLseCpu, CtcKernels.LogSumExpRowsCpu)((int)lse.Length, x, lse, c);
        else
            Load1D<ArrayView<float>, ArrayView<float>, int>(KernelCatalog.CtcLse, CtcKernels.LogSumExpRows)((int)lse.Length, x, lse, c);
    }

    /// <summary>The forward and backward variables (<see cref="CtcKernels.AlphaBeta"/>): one group per sequence, as many
    /// threads as the extended target has positions (rounded to the warp, at most <see cref="CtcKernels.MaxGroup"/> and the
    /// device's group limit).</summary>
    public void CtcAlphaBeta(ArrayView<float> x, ArrayView<float> lse, ArrayView<int> targets, ArrayView<int> inputLengths,
        ArrayView<int> targetLengths, ArrayView<float> alpha, ArrayView<float> beta, ArrayView<float> nll, in CtcArgs a)
    {
        int warp = Math.Max(1, device.Info.WarpSize);
        int group = Math.Min(Math.Min(CtcKernels.MaxGroup, device.MaxGroupSize), (a.L + warp - 1) / warp * warp);
        Get(KernelCatalog.CtcAlphabeta, () => accel.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<int>,
                ArrayView<int>, ArrayView<float>, ArrayView<float>, ArrayView<float>, CtcArgs>(CtcKernels.AlphaBeta))
            (new KernelConfig(new Index1D(a.B), new Index1D(Math.Max(1, group))), x, lse, targets, inputLengths, targetLengths,
                alpha, beta, nll, a);
    }

    public void CtcGradient(ArrayView<float> x, ArrayView<float> lse, ArrayView<int> targets, ArrayView<int> inputLengths,
        ArrayView<int> targetLengths, ArrayView<float> alpha, ArrayView<float> beta, ArrayView<float> nll, ArrayView<float> dx, in CtcArgs a) =>
        Load1D<ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<int>, ArrayView<int>, ArrayView<float>, ArrayView<float>,
                ArrayView<float>, ArrayView<float>, CtcArgs>(KernelCatalog.CtcGrad, CtcKernels.Gradient)
            ((int)lse.Length, x, lse, targets, inputLengths, targetLengths, alpha, beta, nll, dx, a);

    /// <summary>The CPU accelerator's fused pass (<see cref="CtcKernels.SequencesCpu"/>): lse, alpha, loss, beta and the
    /// gradient, a sequence per item.</summary>
    public void CtcSequencesCpu(ArrayView<float> x, ArrayView<float> lse, ArrayView<int> targets, ArrayView<int> inputLengths,
        ArrayView<int> targetLengths, ArrayView<float> alpha, ArrayView<float> nll, ArrayView<float> dx, in CtcArgs a) =>
        Load1D<ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<int>, ArrayView<int>, ArrayView<float>, ArrayView<float>,
                ArrayView<float>, CtcArgs>(KernelCatalog.CtcSequencesCpu, CtcKernels.SequencesCpu)
            (a.B, x, lse, targets, inputLengths, targetLengths, alpha, nll, dx, a);

    public void CtcFinal(ArrayView<float> nll, ArrayView<int> targetLengths, ArrayView<float> scalars, in CtcArgs a) =>
        Load1D<ArrayView<float>, ArrayView<int>, ArrayView<float>, CtcArgs>(KernelCatalog.CtcFinal, CtcKernels.Final)(1, nll, targetLengths, scalars, a);

    public void CtcGreedyCollapse(ArrayView<float> x, ArrayView<float> lse, ArrayView<int> ids, ArrayView<int> inputLengths,
        ArrayView<int> labels, ArrayView<int> count, ArrayView<float> logp, in CtcArgs a) =>
        Load1D<ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<int>, ArrayView<int>, ArrayView<int>, ArrayView<float>, CtcArgs>(
            KernelCatalog.CtcGreedy, CtcKernels.GreedyCollapse)(a.B, x, lse, ids, inputLengths, labels, count, logp, a);
}
