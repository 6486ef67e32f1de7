using ILGPU;
using ILGPU.Runtime;
using RnnGpu.Kernels;

namespace RnnGpu;

/// <summary>
/// The CPU accelerator's own recurrence (where <see cref="KernelPolicy.CpuRecurrence"/> says so), its forward and its
/// backward side by side, all of it in host SIMD helpers (kernels/RnnGpu.Kernels/CpuSimd/):
/// <list type="bullet">
/// <item>W_hh packed once per weight version into the CPU GEMM's panels, block of hidden units by block
/// (<see cref="RnnKernels.PackRecurrentCpu"/>);</item>
/// <item>forward: one persistent launch per layer and direction (<see cref="RnnKernels.PersistentForwardCpu"/>, one thread
/// per worker for all T steps, a barrier per step) when <see cref="Plan"/> says persistent, else one launch per step of
/// the same step code (<see cref="RnnKernels.StepForwardCpu"/>: forced per-step, and the streaming step), so both give
/// bit-identical results;</item>
/// <item>backward: BPTT's dh chain in one launch (<see cref="RnnKernels.PersistentBackwardCpu"/>: per step the gate
/// gradients of a thread's units, a barrier, dh[t-1] += dGh[t] W_hh for its units).</item>
/// </list>
/// </summary>
internal sealed class CpuRecurrence : PerStepRecurrence
{
    PersistentPlan plan = new(false, "not planned");

    public CpuRecurrence(ComputeDevice device, RnnOptions options) : base(device, options)
    {
    }

    /// <summary><see cref="RecurrenceAlgorithm.Persistent"/> when the forward being run is one launch, else
    /// <see cref="RecurrenceAlgorithm.FusedStep"/> (a launch per step, the cell fused into it).</summary>
    public override RecurrenceAlgorithm Algorithm => plan.Persistent ? RecurrenceAlgorithm.Persistent : RecurrenceAlgorithm.FusedStep;

    /// <summary>This recurrence for a persistent forward of <paramref name="persistentPlan"/>.</summary>
    public CpuRecurrence Persistent(PersistentPlan persistentPlan)
    {
        plan = persistentPlan;
        return this;
    }

    /// <summary>This recurrence for a forward of one launch per step (and the streaming step).</summary>
    public CpuRecurrence PerStep()
    {
        plan = new PersistentPlan(false, "per step");
        return this;
    }

    /// <summary>
    /// The plan for a forward on the CPU accelerator: what every persistent recurrence refuses
    /// (<see cref="PersistentRecurrence.Refusal"/>), then one thread per worker for all steps (W_hh read from the caches, no
    /// shared memory to fit). With the GPU planner's test caps (<paramref name="sharedBytesLimit"/>,
    /// <paramref name="maxGroupSize"/>) the GPU-shaped plan is made instead, and the CPU kernel runs its group count.
    /// </summary>
    /// <param name="mode">Auto, forced persistent, or forced per step.</param>
    /// <param name="device">The accelerator's limits.</param>
    /// <param name="cell">Cell kind.</param>
    /// <param name="batch">Batch size B.</param>
    /// <param name="hidden">Hidden size H.</param>
    /// <param name="steps">Steps T.</param>
    /// <param name="sharedBytesLimit">The GPU planner's cap on shared memory per group (tests).</param>
    /// <param name="maxGroupSize">The GPU planner's cap on threads per group (tests).</param>
    public static PersistentPlan Plan(RecurrenceAlgorithm mode, in DeviceLimits device, RnnMode cell, int batch, int hidden, int steps,
        long? sharedBytesLimit = null, int? maxGroupSize = null)
    {
        if (PersistentRecurrence.Refusal(mode, device, cell, batch) is { } refused)
            return refused;
        if (sharedBytesLimit is not null || maxGroupSize is not null)
            return PersistentRecurrence.Shape(mode, device, cell, batch, hidden, steps, sharedBytesLimit, maxGroupSize);
        int threads = device.Decider.MaxResidentGroups;
        if ((long)threads * Math.Max(steps, 1) >= int.MaxValue / 2)
            return new(false, $"{threads} threads x {steps} steps overflow the barrier's arrival counter");
        return new(true, mode == RecurrenceAlgorithm.Auto
                ? $"auto: CPU accelerator, one thread per worker ({threads}) for all {steps} steps"
                : "persistent kernel forced",
            threads, (hidden + threads - 1) / threads, 1);
    }

    /// <summary>Columns of W_hh packed into panels (<see cref="RnnKernels.PackedRecurrentFloats"/> / H).</summary>
    protected override int LayoutColumns => checked((int)(RnnKernels.PackedRecurrentFloats(H, Cell) / H));

    protected override void BuildLayout(ArrayView<float> whh, DeviceTensor layout) =>
        Device.Kernels.PackRecurrentCpu(whh, layout.View, H, Cell);

    protected override void Launch(ArrayView<float> layout, ArrayView<float> hPrev, ArrayView<float> cPrev, ArrayView<float> bhh,
        ArrayView<float> gx, ArrayView<float> hNext, ArrayView<float> cNext, ArrayView<float> y, ArrayView<float> gates,
        ArrayView<int> lengths, in StepArgs p) =>
        Device.Kernels.StepForwardCpu(layout, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);

    /// <summary>One streaming step of a unidirectional layer on the calling thread (<see cref="KernelPolicy.CallingThreadStepMaxFlops"/>):
    /// the launched step's code over all its items, so the same bits, without waking the workers.</summary>
    public void StepOnCallingThread(DirectionWeights w, ArrayView<float> hPrev, ArrayView<float> cPrev, ArrayView<float> gx,
        ArrayView<float> hNext, ArrayView<float> cNext, ArrayView<float> y, ArrayView<int> ones, int batch)
    {
        var packed = Layout(w); // packs (a launch) only when W_hh changed
        Device.Accelerator.Synchronize();
        Device.Kernels.StepForwardCpuOnCallingThread(packed, hPrev, cPrev, w.BhhOrZero, gx, hNext, cNext, y, hPrev.SubView(0, 1), ones,
            new StepArgs(batch, H, Cell, H, 0, false));
    }

    public override void Run(in DirectionRun r)
    {
        if (!plan.Persistent)
        {
            base.Run(r);
            return;
        }
        int B = r.B, T = r.T, D = Options.Directions, d = r.W.Direction;
        var hs = r.Tape.H.Tensor;
        var dummy = hs.View.SubView(0, 1);
        Device.Kernels.PersistentForwardCpu(Layout(r.W), r.W.BhhOrZero, r.Gx.View, hs.View,
            r.Tape.C?.Tensor.View ?? dummy, Steps.AllColumns(r.Y, d, H), r.Store ? r.Tape.Gates!.View : dummy, r.Lengths,
            plan.Args(B, H, Cell, D * H, T, store: r.Store, reverse: r.Reverse, tape: r.Store));
    }

    /// <summary>The whole dh chain in one launch, whichever forward ran (both store the same tape).</summary>
    public override void Backward(in DirectionBackwardRun r)
    {
        int B = r.B, H = Options.HiddenSize, D = Options.Directions, R = Options.StateSize;
        var hs = r.Tape.H;
        var cs = r.Tape.C;
        var dummy = hs.Tensor.View.SubView(0, 1);
        var s = r.S;
        Device.Kernels.PersistentBackwardCpu(r.W.Whh.Value.View, r.Tape.Gates!.View, hs.Tensor.View, cs?.Tensor.View ?? dummy,
            Steps.AllColumns(r.Dy, r.W.Direction, R), s.Dh.View, s.Dc.View, s.DGx.View, s.DGh.View, r.Lengths,
            new PersistentArgs(B, H, Cell, D * H, r.T, store: true, reverse: hs.Reverse, tape: true, units: 0, kSplit: 0, tile: 0,
                wStride: 0, tStride: 0, groups: Device.Policy.MaxResidentGroups));
    }
}
