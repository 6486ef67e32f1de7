using ILGPU;
using RnnGpu.Kernels;

namespace RnnGpu;

/// <summary>
/// <see cref="RecurrenceAlgorithm.TiledStep"/>: per step one launch of <see cref="RnnKernels.StepForwardTiled"/>, a
/// shared-memory tiled GEMM of h[t-1] and W_hh interleaved (H, H*Gi) (a unit's gates in adjacent columns, so one
/// group's tile holds all gates of its units) with the cell in its epilogue. The per-step form on GPUs.
/// </summary>
internal sealed class TiledStepRecurrence : InterleavedStepRecurrence
{
    public TiledStepRecurrence(ComputeDevice device, RnnOptions options) : base(device, options)
    {
    }

    public override RecurrenceAlgorithm Algorithm => RecurrenceAlgorithm.TiledStep;

    protected override void Launch(ArrayView<float> layout, ArrayView<float> hPrev, ArrayView<float> cPrev, ArrayView<float> bhh,
        ArrayView<float> gx, ArrayView<float> hNext, ArrayView<float> cNext, ArrayView<float> y, ArrayView<float> gates,
        ArrayView<int> lengths, in StepArgs p) =>
        Device.Kernels.StepForwardTiled(hPrev, cPrev, layout, bhh, gx, hNext, cNext, y, gates, lengths, p);
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
