using ILGPU;
using ILGPU.Runtime;
using RnnGpu.Kernels;

namespace RnnGpu;

/// <summary>
/// <see cref="RecurrenceAlgorithm.RowStep"/>: per step the row-shaped GEMM gh = h[t-1] W_hh^T
/// (<see cref="GemmKernels.RowBlocked"/>, W_hh^T (H, G*H) contiguous along its columns) into a (B, G*H) scratch, then
/// <see cref="RnnKernels.StepCell"/>, the cell over (batch row, unit). Two launches per step: under PoCL the GEMM runs
/// at its full rate only with a straight-line store epilogue, which a cell in the epilogue (the former one-launch row
/// step) prevented. The fastest per-step form on OpenCL CPU devices.
/// </summary>
internal sealed class RowStepRecurrence : PerStepRecurrence
{
    public RowStepRecurrence(ComputeDevice device, RnnOptions options) : base(device, options)
    {
    }

    public override RecurrenceAlgorithm Algorithm => RecurrenceAlgorithm.RowStep;

    protected override int LayoutColumns => Options.Cell.Gates * H;

    protected override void BuildLayout(ArrayView<float> whh, DeviceTensor layout) =>
        Device.Kernels.Transpose(whh, layout.View, Options.Cell.Gates * H, H);

    protected override void Launch(ArrayView<float> layout, ArrayView<float> hPrev, ArrayView<float> cPrev, ArrayView<float> bhh,
        ArrayView<float> gx, ArrayView<float> hNext, ArrayView<float> cNext, ArrayView<float> y, ArrayView<float> gates,
        ArrayView<int> lengths, in StepArgs p)
    {
        // The scratch comes from the device's caching allocator (as RowBlocked's A^T B transpose does): after the first
        // step every step reuses the same pooled buffer.
        int cols = Options.Cell.Gates * H;
        using var gh = DeviceTensor.Uninitialized(Device, p.B, cols);
        var k = Device.Kernels;
        k.Gemm(hPrev, layout, gh.View, gh.View.SubView(0, 1),
            new GemmArgs(p.B, cols, H, false, H, false, cols, cols, 1f, 0f, false), GemmVariant.RowBlocked);
        k.StepCell(gh.View, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
    }
}
