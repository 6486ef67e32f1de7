using ILGPU;
using ILGPU.Runtime;
using RnnGpu.Kernels;

namespace RnnGpu;

/// <summary>What the persistent planner needs to know about an accelerator.</summary>
/// <param name="Kind">Accelerator kind.</param>
/// <param name="Multiprocessors">Multiprocessors (SMs; worker groups of the CPU accelerator).</param>
/// <param name="MaxThreadsPerGroup">Largest group.</param>
/// <param name="WarpSize">Warp size.</param>
/// <param name="MaxSharedBytesPerGroup">Shared memory one group may use (48 KiB on CUDA: ILGPU 1.5.3 cannot opt a kernel into more).</param>
/// <param name="Policy">The device policy (grid-barrier safety, resident groups, automatic batch limit); null: the policy
/// of a GPU of <paramref name="Kind"/> with <paramref name="Multiprocessors"/> multiprocessors (tests of GPU limits).</param>
internal readonly record struct DeviceLimits(AcceleratorKind Kind, int Multiprocessors, int MaxThreadsPerGroup, int WarpSize,
    long MaxSharedBytesPerGroup, KernelPolicy? Policy = null)
{
    /// <summary>The limits of a device.</summary>
    public static DeviceLimits Of(ComputeDevice device)
    {
        var a = device.Accelerator;
        return new DeviceLimits(device.Kind, a.NumMultiprocessors, device.MaxGroupSize, a.WarpSize, a.MaxSharedMemoryPerGroup,
            device.Policy);
    }

    /// <summary>The policy that decides.</summary>
    public KernelPolicy Decider => Policy ?? KernelPolicy.For(Kind, false, Multiprocessors);
}

/// <summary>The decision for one forward: persistent or per step, why, and the persistent launch shape.</summary>
/// <param name="Persistent">True: one persistent launch per layer and direction.</param>
/// <param name="Reason">Why (for diagnostics, benchmarks and tests).</param>
/// <param name="Groups">Groups launched (at most one per multiprocessor).</param>
/// <param name="Units">Hidden units per group.</param>
/// <param name="GroupSize">Threads per group.</param>
/// <param name="KSplit">Threads per dot product.</param>
/// <param name="Tile">Columns of h[t-1] staged at a time.</param>
/// <param name="WStride">Row stride of the W_hh slice in shared memory.</param>
/// <param name="TStride">Row stride of the h tile in shared memory.</param>
/// <param name="SharedBytes">Dynamic shared memory per group.</param>
internal sealed record PersistentPlan(bool Persistent, string Reason, int Groups = 0, int Units = 0, int GroupSize = 0,
    int KSplit = 0, int Tile = 0, int WStride = 0, int TStride = 0, long SharedBytes = 0)
{
    /// <summary>The kernel arguments for one layer and direction.</summary>
    public PersistentArgs Args(int b, int h, RnnMode cell, int ldy, int steps, bool store, bool reverse, bool tape) =>
        new(b, h, cell, ldy, steps, store, reverse, tape, Units, KSplit, Tile, WStride, TStride, Groups);
}

/// <summary>
/// <see cref="RecurrenceAlgorithm.Persistent"/>: one launch of <see cref="RnnKernels.PersistentForward"/> per layer and
/// direction (Diamos et al. 2016). Each group keeps the W_hh rows of its hidden units in shared memory for all T steps
/// (it reads W_hh as stored, (G*H, H)) and the groups meet at a grid barrier between steps. <see cref="Plan"/> decides,
/// as a pure function of the device limits and the sizes, whether it may run and with which launch shape. Its backward is
/// the per-step chain of <see cref="Recurrence.Backward"/>. (The CPU accelerator's persistent recurrence is
/// <see cref="CpuRecurrence"/>.)
/// </summary>
internal sealed class PersistentRecurrence : Recurrence
{
    /// <param name="device">Device.</param>
    /// <param name="options">Layer options.</param>
    public PersistentRecurrence(ComputeDevice device, RnnOptions options) : base(device, options)
    {
    }

    public override RecurrenceAlgorithm Algorithm => RecurrenceAlgorithm.Persistent;

    /// <summary>The plan of the forward being run (set by <see cref="RecurrenceChoice"/>).</summary>
    public PersistentPlan CurrentPlan { get; set; } = new(false, "not planned");

    public override void Run(in DirectionRun r)
    {
        int B = r.B, T = r.T, D = Options.Directions, d = r.W.Direction;
        var hs = r.Tape.H.Tensor;
        var dummy = hs.View.SubView(0, 1);
        Device.Kernels.PersistentForward(CurrentPlan, r.W.Whh.Value.View, r.W.BhhOrZero, r.Gx.View, hs.View,
            r.Tape.C?.Tensor.View ?? dummy, Steps.AllColumns(r.Y, d, H),
            r.Store ? r.Tape.Gates!.View : dummy, r.Lengths,
            CurrentPlan.Args(B, H, Cell, D * H, T, store: r.Store, reverse: r.Reverse, tape: r.Store));
    }

    /// <summary>Largest group the planner uses (8 warps).</summary>
    public const int MaxGroupSize = 256;

    /// <summary>Narrowest h tile accepted when the W_hh slice leaves little shared memory (columns).</summary>
    public const int MinTile = 32;

    /// <summary>
    /// The plan for a forward of a <paramref name="cell"/> layer with batch <paramref name="batch"/> and hidden size
    /// <paramref name="hidden"/> over <paramref name="steps"/> steps.
    /// Never persistent on OpenCL (PoCL and other OpenCL runtimes give no forward-progress guarantee across
    /// work-groups, so a spinning grid barrier may deadlock), automatically only where the policy says so (CUDA, B &lt;= <see cref="KernelPolicy.CudaPersistentMaxBatch"/>),
    /// on the CPU accelerator only when forced. Always at most one group per multiprocessor (co-residency of all
    /// groups is what makes the spin barrier safe: ILGPU 1.5.3 has no cooperative launch), and only when the group's
    /// W_hh slice plus an h tile of at least <see cref="MinTile"/> columns fits its shared memory.
    /// </summary>
    /// <param name="mode">Auto, forced persistent, or forced per step.</param>
    /// <param name="device">The accelerator's limits.</param>
    /// <param name="cell">Cell kind.</param>
    /// <param name="batch">Batch size B.</param>
    /// <param name="hidden">Hidden size H.</param>
    /// <param name="steps">Steps T.</param>
    /// <param name="sharedBytesLimit">A lower cap on shared memory per group than the device's (tests).</param>
    /// <param name="maxGroupSize">A lower cap on threads per group than <see cref="MaxGroupSize"/> (tests).</param>
    public static PersistentPlan Plan(RecurrenceAlgorithm mode, in DeviceLimits device, RnnMode cell, int batch, int hidden, int steps,
        long? sharedBytesLimit = null, int? maxGroupSize = null) =>
        Refusal(mode, device, cell, batch) ?? Shape(mode, device, cell, batch, hidden, steps, sharedBytesLimit, maxGroupSize);

    /// <summary>Why a persistent launch may not run at all, before any shape is considered (a per-step path forced, no
    /// safe grid barrier, or auto not picking it at this batch), or null: the part of the planning every persistent
    /// recurrence shares.</summary>
    public static PersistentPlan? Refusal(RecurrenceAlgorithm mode, in DeviceLimits device, RnnMode cell, int batch)
    {
        if (mode is RecurrenceAlgorithm.FusedStep or RecurrenceAlgorithm.RowStep or RecurrenceAlgorithm.TiledStep)
            return new(false, $"{mode} per-step path forced");
        var policy = device.Decider;
        if (!policy.GridBarrierSafe)
            return new(false, policy.GridBarrierReason);
        if (mode == RecurrenceAlgorithm.Auto && policy.Recurrence(cell, batch) != RecurrenceAlgorithm.Persistent)
        {
            return new(false, policy.PersistentAutoMaxBatch == 0
                ? $"auto picks the persistent kernel on CUDA only, not on the {device.Kind} accelerator"
                : $"auto: batch {batch} > {policy.PersistentAutoMaxBatch}, where the per-step GEMM reuses W_hh enough");
        }
        return null;
    }

    /// <summary>The GPU launch shape (groups, units, threads, k-split, h tile, shared memory) once <see cref="Refusal"/> let
    /// it through, or why the W_hh slices do not fit.</summary>
    public static PersistentPlan Shape(RecurrenceAlgorithm mode, in DeviceLimits device, RnnMode cell, int batch, int hidden, int steps,
        long? sharedBytesLimit = null, int? maxGroupSize = null)
    {
        var policy = device.Decider;
        int g = CellSpec.Of(cell).Gates;
        int maxThreads = FloorPow2(Math.Min(Math.Min(MaxGroupSize, maxGroupSize ?? MaxGroupSize), device.MaxThreadsPerGroup));
        int resident = policy.MaxResidentGroups;
        if (resident < 1 || maxThreads < 1)
            return new(false, "the device reports no multiprocessors or no threads per group");

        // One group per multiprocessor at most; as many as the units allow, each with ceil(H / groups) units.
        int units = (hidden + resident - 1) / resident;
        int groups = (hidden + units - 1) / units;
        if ((long)groups * Math.Max(steps, 1) >= int.MaxValue)
            return new(false, $"{groups} groups x {steps} steps overflow the barrier's arrival counter");

        // Threads: a warp per (batch row, unit) pair up to MaxGroupSize; KSplit threads share one dot product.
        int outputs = units * batch;
        int p2 = CeilPow2(outputs);
        int warp = Math.Max(1, Math.Min(device.WarpSize, maxThreads));
        int groupSize = (int)Math.Clamp((long)p2 * warp, warp, maxThreads);
        int kSplit = Math.Max(1, groupSize / p2);

        // Shared memory: with a k-split under 32 a warp covers several rows; pad the strides so their columns fall
        // in different banks (32 banks of 4 bytes).
        int wStride = kSplit >= 32 ? hidden : RoundUp(hidden, 32) + kSplit;
        long limit = Math.Min(device.MaxSharedBytesPerGroup, sharedBytesLimit ?? long.MaxValue);
        long fixedFloats = (long)g * units * wStride + (long)g * groupSize;
        long sliceBytes = 4L * g * units * hidden;
        int tile = hidden;
        while (true)
        {
            int tStride = kSplit >= 32 ? tile : RoundUp(tile, 32) + kSplit;
            long bytes = 4 * (fixedFloats + (long)batch * tStride);
            if (bytes <= limit)
            {
                return new(true, mode == RecurrenceAlgorithm.Auto
                        ? $"auto: CUDA, batch {batch} <= {policy.PersistentAutoMaxBatch}, W_hh slice {Kib(sliceBytes)} per group fits"
                        : "persistent kernel forced",
                    groups, units, groupSize, kSplit, tile, wStride, tStride, bytes);
            }
            int minTile = Math.Min(hidden, MinTile);
            if (tile <= minTile)
                return new(false, $"the W_hh slice of a group ({g * units} rows of {hidden}: {Kib(sliceBytes)}) plus an h tile " +
                    $"does not fit {Kib(limit)} of shared memory per group with {groups} groups on {resident} multiprocessors");
            tile = Math.Max(minTile, tile / 2);
        }
    }

    static string Kib(long bytes) => $"{bytes / 1024.0:0.#} KiB";

    static int RoundUp(int x, int m) => (x + m - 1) / m * m;

    static int FloorPow2(int x)
    {
        int p = 1;
        while (p * 2 <= x)
            p *= 2;
        return x < 1 ? 0 : p;
    }

    static int CeilPow2(int x)
    {
        int p = 1;
        while (p < x)
            p *= 2;
        return p;
    }
}
