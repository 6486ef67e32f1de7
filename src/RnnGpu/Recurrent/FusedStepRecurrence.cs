using ILGPU;
using ILGPU.Runtime;
using RnnGpu.Kernels;

namespace RnnGpu;

/// <summary>
/// <see cref="RecurrenceAlgorithm.FusedStep"/>: per step one launch of <see cref="RnnKernels.StepForward"/>, a work item
/// per block of 4 batch rows and hidden unit (all its gates) whose epilogue is the cell. Reads W_hh^T (H, G*H), so
/// consecutive hidden units are contiguous. Where the policy says <see cref="KernelPolicy.HostSimd"/> (the CPU
/// accelerator) it launches <see cref="RnnKernels.StepForwardCpu"/> instead, a work item per block of hidden units over all
/// batch rows (the CPU GEMM's micro-kernels and a vectorized cell): the layout is then W_hh packed into GEMM panels by
/// <see cref="RnnKernels.PackRecurrentCpu"/>, which the CPU accelerator's persistent kernel reads too.
/// </summary>
internal sealed class FusedStepRecurrence : PerStepRecurrence
{
    public FusedStepRecurrence(ComputeDevice device, RnnOptions options) : base(device, options)
    {
    }

    public override RecurrenceAlgorithm Algorithm => RecurrenceAlgorithm.FusedStep;

    protected override int LayoutColumns => HostSimd
        ? checked((int)(RnnKernels.PackedRecurrentFloats(H, Cell) / H))
        : Options.Cell.Gates * H;

    bool HostSimd => Device.Policy.HostSimd;

    protected override void BuildLayout(ArrayView<float> whh, DeviceTensor layout)
    {
        if (HostSimd)
            Device.Kernels.PackRecurrentCpu(whh, layout.View, H, Cell);
        else
            Device.Kernels.Transpose(whh, layout.View, Options.Cell.Gates * H, H);
    }

    protected override void Launch(ArrayView<float> layout, ArrayView<float> hPrev, ArrayView<float> cPrev, ArrayView<float> bhh,
        ArrayView<float> gx, ArrayView<float> hNext, ArrayView<float> cNext, ArrayView<float> y, ArrayView<float> gates,
        ArrayView<int> lengths, in StepArgs p)
    {
        if (HostSimd)
            Device.Kernels.StepForwardCpu(layout, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
        else
            Device.Kernels.StepForward(hPrev, cPrev, layout, bhh, gx, hNext, cNext, y, gates, lengths, p);
    }
}
