using ILGPU;
using RnnGpu.Kernels;

namespace RnnGpu;

/// <summary>
/// <see cref="RecurrenceAlgorithm.TiledStep"/>: per step one launch of <see cref="RnnKernels.StepForwardTiled"/>, a
/// shared-memory tiled GEMM of h[t-1] and W_hh interleaved (H, H*Gi) (a unit's gates in adjacent columns, so one
/// group's tile holds all gates of its units: <see cref="CellSpec.InterleavedGates"/>, <see cref="RnnKernels.InterleaveTranspose"/>)
/// with the cell in its epilogue. The per-step form on GPUs; its backward is the per-step chain of
/// <see cref="Recurrence.Backward"/>.
/// </summary>
internal sealed class TiledStepRecurrence : PerStepRecurrence
{
    public TiledStepRecurrence(ComputeDevice device, RnnOptions options) : base(device, options)
    {
    }

    public override RecurrenceAlgorithm Algorithm => RecurrenceAlgorithm.TiledStep;

    protected override int LayoutColumns => Options.Cell.InterleavedGates * H;

    protected override void BuildLayout(ArrayView<float> whh, DeviceTensor layout) =>
        Device.Kernels.InterleaveTranspose(whh, layout.View, H, Options.Cell.Gates, Options.Cell.InterleavedGates);

    protected override void Launch(ArrayView<float> layout, ArrayView<float> hPrev, ArrayView<float> cPrev, ArrayView<float> bhh,
        ArrayView<float> gx, ArrayView<float> hNext, ArrayView<float> cNext, ArrayView<float> y, ArrayView<float> gates,
        ArrayView<int> lengths, in StepArgs p) =>
        Device.Kernels.StepForwardTiled(hPrev, cPrev, layout, bhh, gx, hNext, cNext, y, gates, lengths, p);
}
