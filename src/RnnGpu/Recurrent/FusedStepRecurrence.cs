using ILGPU;
using ILGPU.Runtime;
using RnnGpu.Kernels;

namespace RnnGpu;

/// <summary>
/// <see cref="RecurrenceAlgorithm.FusedStep"/>: per step one launch of <see cref="RnnKernels.StepForward"/>, a work item
/// per block of 4 batch rows and hidden unit (all its gates) whose epilogue is the cell. Reads W_hh^T (H, G*H), so
/// consecutive hidden units are contiguous. Where the policy says <see cref="KernelPolicy.HostSimd"/> (the CPU
/// accelerator) it launches <see cref="RnnKernels.StepForwardCpu"/> instead, a work item per hidden unit over all batch
/// rows with SIMD dot products against W_hh as stored (G*H, H): the layout is then a copy of W_hh.
/// </summary>
internal sealed class FusedStepRecurrence : PerStepRecurrence
{
    public FusedStepRecurrence(ComputeDevice device, RnnOptions options) : base(device, options)
    {
    }

    public override RecurrenceAlgorithm Algorithm => RecurrenceAlgorithm.FusedStep;

    protected override int LayoutColumns => Options.Cell.Gates * H;

    bool HostSimd => Device.Policy.HostSimd;

    protected override void BuildLayout(ArrayView<float> whh, DeviceTensor layout)
    {
        if (HostSimd)
            whh.CopyTo(layout.View);
        else
            Device.Kernels.Transpose(whh, layout.View, Options.Cell.Gates * H, H);
    }

    protected override void Launch(ArrayView<float> layout, ArrayView<float> hPrev, ArrayView<float> cPrev, ArrayView<float> bhh,
        ArrayView<float> gx, ArrayView<float> hNext, ArrayView<float> cNext, ArrayView<float> y, ArrayView<float> gates,
        ArrayView<int> lengths, in StepArgs p)
    {
        if (HostSimd)
            Device.Kernels.StepForwardCpu(hPrev, cPrev, layout, bhh, gx, hNext, cNext, y, gates, lengths, p);
        else
            Device.Kernels.StepForward(hPrev, cPrev, layout, bhh, gx, hNext, cNext, y, gates, lengths, p);
    }
}
