using ILGPU;
using ILGPU.Runtime;
using RnnGpu.Kernels;

namespace RnnGpu;

/// <summary>
/// <see cref="RecurrenceAlgorithm.RowStep"/>: per step one launch of <see cref="RnnKernels.StepForwardRows"/>, row-shaped
/// work (gate columns by batch rows), reading W_hh interleaved (H, H*Gi) so one hidden unit's gates sit in adjacent
/// columns (<see cref="CellSpec.InterleavedGates"/>). The fastest per-step form on OpenCL CPU devices.
/// </summary>
internal sealed class RowStepRecurrence : InterleavedStepRecurrence
{
    public RowStepRecurrence(ComputeDevice device, RnnOptions options) : base(device, options)
    {
    }

    public override RecurrenceAlgorithm Algorithm => RecurrenceAlgorithm.RowStep;

    protected override void Launch(ArrayView<float> layout, ArrayView<float> hPrev, ArrayView<float> cPrev, ArrayView<float> bhh,
        ArrayView<float> gx, ArrayView<float> hNext, ArrayView<float> cNext, ArrayView<float> y, ArrayView<float> gates,
        ArrayView<int> lengths, in StepArgs p) =>
        Device.Kernels.StepForwardRows(hPrev, cPrev, layout, bhh, gx, hNext, cNext, y, gates, lengths, p);
}

/// <summary>A per-step algorithm reading W_hh interleaved (H, H*Gi): one hidden unit's gates in adjacent columns
/// (<see cref="CellSpec.InterleavedGates"/>; <see cref="RnnKernels.InterleaveTranspose"/>). The row and tiled steps.</summary>
internal abstract class InterleavedStepRecurrence : PerStepRecurrence
{
    protected InterleavedStepRecurrence(ComputeDevice device, RnnOptions options) : base(device, options)
    {
    }

    protected override int LayoutColumns => Options.Cell.InterleavedGates * H;

    protected override void BuildLayout(ArrayView<float> whh, DeviceTensor layout) =>
        Device.Kernels.InterleaveTranspose(whh, layout.View, H, Options.Cell.Gates, Options.Cell.InterleavedGates);
}
