using ILGPU;
using ILGPU.Runtime;
using RnnGpu.Kernels;

namespace RnnGpu;

/// <summary>
/// <see cref="RecurrenceAlgorithm.FusedStep"/> on GPUs: per step one launch of <see cref="RnnKernels.StepForward"/>, a work
/// item per block of 4 batch rows and hidden unit (all its gates) whose epilogue is the cell. Reads W_hh^T (H, G*H), so
/// consecutive hidden units are contiguous. Its backward is the per-step chain of <see cref="Recurrence.Backward"/>. (On
/// the CPU accelerator a fused step is <see cref="CpuRecurrence"/>'s.)
/// </summary>
internal sealed class FusedStepRecurrence : PerStepRecurrence
{
    public FusedStepRecurrence(ComputeDevice device, RnnOptions options) : base(device, options)
    {
    }

    public override RecurrenceAlgorithm Algorithm => RecurrenceAlgorithm.FusedStep;

    protected override int LayoutColumns => Options.Cell.Gates * H;

    protected override void BuildLayout(ArrayView<float> whh, DeviceTensor layout) =>
        Device.Kernels.Transpose(whh, layout.View, Options.Cell.Gates * H, H);

    protected override void Launch(ArrayView<float> layout, ArrayView<float> hPrev, ArrayView<float> cPrev, ArrayView<float> bhh,
        ArrayView<float> gx, ArrayView<float> hNext, ArrayView<float> cNext, ArrayView<float> y, ArrayView<float> gates,
        ArrayView<int> lengths, in StepArgs p) =>
        Device.Kernels.StepForward(hPrev, cPrev, layout, bhh, gx, hNext, cNext, y, gates, lengths, p);
}
