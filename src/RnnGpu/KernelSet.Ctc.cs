using ILGPU;
using ILGPU.Runtime;
using RnnGpu.Kernels;

namespace RnnGpu;

internal sealed partial class KernelSet
{
    // The CPU accelerator runs the host variants (KernelPolicy.HostRowKernels): a frame row or a whole sequence per item in
    // plain .NET, no group barriers; elsewhere the grouped alpha/beta kernel and a row per work item (portable: those on the
    // CPU accelerator too, as the tests run them on the GPU simulator).

    public void CtcLogSumExp(ArrayView<float> x, ArrayView<float> lse, int c, bool portable = false)
    {
        if (policy.HostRowKernels && !portable)
            Load1D<ArrayView<float>, ArrayView<float>, int>("ctc.lse.cpu", CtcKernels.LogSumExpRowsCpu)((int)lse.Length, x, lse, c);
        else
            Load1D<ArrayView<float>, ArrayView<float>, int>("ctc.lse", CtcKernels.LogSumExpRows)((int)lse.Length, x, lse, c);
    }

    /// <summary>The forward and backward variables (<see cref="CtcKernels.AlphaBeta"/>): one group per sequence, as many
    /// threads as the extended target has positions (rounded to the warp, at most <see cref="CtcKernels.MaxGroup"/> and the
    /// device's group limit; one on the CPU accelerator).</summary>
    public void CtcAlphaBeta(ArrayView<float> x, ArrayView<float> lse, ArrayView<int> targets, ArrayView<int> inputLengths,
        ArrayView<int> targetLengths, ArrayView<float> alpha, ArrayView<float> beta, ArrayView<float> nll, in CtcArgs a, bool portable = false)
    {
        if (policy.HostRowKernels && !portable)
        {
            Load1D<ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<int>, ArrayView<int>, ArrayView<float>, ArrayView<float>,
                    ArrayView<float>, CtcArgs>("ctc.alphabeta.cpu", CtcKernels.AlphaBetaCpu)
                (a.B, x, lse, targets, inputLengths, targetLengths, alpha, beta, nll, a);
            return;
        }
        int warp = Math.Max(1, device.Info.WarpSize);
        int group = Math.Min(Math.Min(CtcKernels.MaxGroup, device.MaxGroupSize), (a.L + warp - 1) / warp * warp);
        Get("ctc.alphabeta", () => accel.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<int>,
                ArrayView<int>, ArrayView<float>, ArrayView<float>, ArrayView<float>, CtcArgs>(CtcKernels.AlphaBeta))
            (new KernelConfig(new Index1D(a.B), new Index1D(Math.Max(1, group))), x, lse, targets, inputLengths, targetLengths,
                alpha, beta, nll, a);
    }

    public void CtcGradient(ArrayView<float> x, ArrayView<float> lse, ArrayView<int> targets, ArrayView<int> inputLengths,
        ArrayView<int> targetLengths, ArrayView<float> alpha, ArrayView<float> beta, ArrayView<float> nll, ArrayView<float> dx, in CtcArgs a, bool portable = false)
    {
        if (policy.HostRowKernels && !portable)
        {
            Load1D<ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<int>, ArrayView<int>, ArrayView<float>, ArrayView<float>,
                    ArrayView<float>, ArrayView<float>, CtcArgs>("ctc.grad.cpu", CtcKernels.GradientCpu)
                ((int)lse.Length, x, lse, targets, inputLengths, targetLengths, alpha, beta, nll, dx, a);
            return;
        }
        Load1D<ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<int>, ArrayView<int>, ArrayView<float>, ArrayView<float>,
                ArrayView<float>, ArrayView<float>, CtcArgs>("ctc.grad", CtcKernels.Gradient)
            ((int)lse.Length, x, lse, targets, inputLengths, targetLengths, alpha, beta, nll, dx, a);
    }

    public void CtcFinal(ArrayView<float> nll, ArrayView<int> targetLengths, ArrayView<float> scalars, in CtcArgs a) =>
        Load1D<ArrayView<float>, ArrayView<int>, ArrayView<float>, CtcArgs>("ctc.final", CtcKernels.Final)(1, nll, targetLengths, scalars, a);

    public void CtcGreedyCollapse(ArrayView<float> x, ArrayView<float> lse, ArrayView<int> ids, ArrayView<int> inputLengths,
        ArrayView<int> labels, ArrayView<int> count, ArrayView<float> logp, in CtcArgs a) =>
        Load1D<ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<int>, ArrayView<int>, ArrayView<int>, ArrayView<float>, CtcArgs>(
            "ctc.greedy", CtcKernels.GreedyCollapse)(a.B, x, lse, ids, inputLengths, labels, count, logp, a);
}
