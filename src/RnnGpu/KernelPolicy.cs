using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using RnnGpu.Kernels;

namespace RnnGpu;

/// <summary>
/// How RnnGpu's kernels run on one accelerator, answered in one place: which GEMM variant, which recurrence
/// algorithm, which group size for elementwise kernels, and whether a grid-wide barrier is safe (the persistent
/// kernel's precondition). Nothing else in RnnGpu asks what kind of accelerator it runs on; it asks
/// <see cref="ComputeDevice.Policy"/>. A policy is a pure function of a few facts about the device
/// (<see cref="For"/>), so its answers for a GPU can be checked on a machine without one.
/// </summary>
/// <remarks>
/// The rules, per accelerator:
/// <list type="table">
/// <listheader><term>accelerator</term><description>answers</description></listheader>
/// <item><term>ILGPU CPU accelerator (plain or GPU-simulating)</term><description>GEMM
/// <see cref="RnnGpu.GemmVariant.CpuBlocked"/>; recurrence <see cref="RecurrenceAlgorithm.Persistent"/> for every batch
/// (one launch per layer and direction for the forward and for BPTT's dh chain, one thread per worker;
/// <see cref="RecurrenceAlgorithm.FusedStep"/> when a per-step path is asked for); inner loops of the GEMM, the
/// recurrences and the fused and backward steps in SIMD .NET helpers
/// (<see cref="HostSimd"/>); elementwise launches of one thread per worker (each runs a contiguous chunk); grid barrier
/// safe for up to one group per multiprocessor (each runs one group at a time on its own threads; one in all
/// when the accelerator runs sequentially).</description></item>
/// <item><term>OpenCL on a CPU (PoCL)</term><description>GEMM <see cref="RnnGpu.GemmVariant.RowBlocked"/>;
/// recurrence <see cref="RecurrenceAlgorithm.RowStep"/>; ILGPU's group size; no grid barrier.</description></item>
/// <item><term>OpenCL on a GPU</term><description>GEMM <see cref="RnnGpu.GemmVariant.Tiled"/>; recurrence
/// <see cref="RecurrenceAlgorithm.TiledStep"/>; ILGPU's group size; no grid barrier (OpenCL promises no forward
/// progress across work-groups, so a spinning barrier may deadlock).</description></item>
/// <item><term>CUDA</term><description>GEMM <see cref="RnnGpu.GemmVariant.Tiled"/>; recurrence
/// <see cref="RecurrenceAlgorithm.Persistent"/> for batches up to <see cref="CudaPersistentMaxBatch"/>, else
/// <see cref="RecurrenceAlgorithm.TiledStep"/>; ILGPU's group size; grid barrier safe for up to one group per
/// multiprocessor (ILGPU 1.5.3 has no cooperative launch, so co-residency rests on that cap).</description></item>
/// </list>
/// </remarks>
public sealed class KernelPolicy
{
    /// <summary>
    /// Largest batch for which CUDA's policy picks the persistent kernel. Diamos et al. (2016) show the persistent
    /// kernel ahead of the per-step GEMM for mini-batches up to a few tens of sequences per GPU and the gap widest
    /// below ~16: there the per-step GEMM is bound by streaming W_hh from DRAM every step, which the persistent
    /// kernel reads once. Above it W_hh is reused across enough rows that the per-step GEMM's better arithmetic
    /// shape wins. Not yet timed with RnnGpu on a GPU: bench/gpu/run.sh compares both at B = 4, 8, 16.
    /// </summary>
    public const int CudaPersistentMaxBatch = 16;

    KernelPolicy(AcceleratorKind kind, bool isCpuDevice, int multiprocessors)
    {
        Kind = kind;
        IsCpuDevice = isCpuDevice;
        switch (kind)
        {
            case AcceleratorKind.Cpu:
                GemmVariant = GemmVariant.CpuBlocked;
                GemmCandidates = new[] { GemmVariant.CpuBlocked };
                StepAlgorithm = RecurrenceAlgorithm.FusedStep;
                ElementwiseThreads = Math.Max(1, multiprocessors);
                MaxResidentGroups = multiprocessors;
                GridBarrierReason = multiprocessors == 0
                    ? "the CPU accelerator reports no multiprocessors"
                    : $"CPU accelerator: each of its {multiprocessors} multiprocessors runs one group at a time on its own threads, so up to {multiprocessors} groups are resident at once";
                PersistentAutoMaxBatch = int.MaxValue;
                HostSimd = true;
                CpuRecurrence = true;
                HostRowKernels = true;
                MemsetZeroFill = true;
                CallingThreadStepMaxFlops = CpuCallingThreadStepMaxFlops;
                break;
            case AcceleratorKind.OpenCL:
                GemmVariant = isCpuDevice ? GemmVariant.RowBlocked : GemmVariant.Tiled;
                GemmCandidates = isCpuDevice
                    ? new[] { GemmVariant.RowBlocked, GemmVariant.Tiled }
                    : new[] { GemmVariant.Tiled };
                StepAlgorithm = isCpuDevice ? RecurrenceAlgorithm.RowStep : RecurrenceAlgorithm.TiledStep;
                ElementwiseThreads = null;
                MaxResidentGroups = 0;
                GridBarrierReason = "OpenCL: no forward-progress guarantee across work-groups, so a grid barrier could deadlock";
                PersistentAutoMaxBatch = 0;
                BlockedTranspose = isCpuDevice;
                break;
            default:
                GemmVariant = GemmVariant.Tiled;
                GemmCandidates = new[] { GemmVariant.Tiled };
                StepAlgorithm = RecurrenceAlgorithm.TiledStep;
                ElementwiseThreads = null;
                MaxResidentGroups = multiprocessors;
                GridBarrierReason = multiprocessors == 0
                    ? "the CUDA device reports no multiprocessors"
                    : $"CUDA: with at most one group per multiprocessor, all of up to {multiprocessors} groups are resident at once";
                PersistentAutoMaxBatch = CudaPersistentMaxBatch;
                break;
        }
    }

    /// <summary>
    /// The policy of an accelerator described by these facts (what <see cref="ComputeDevice.Policy"/> holds for a
    /// device; tests and planners use it for devices not present).
    /// </summary>
    /// <param name="kind">Accelerator kind.</param>
    /// <param name="isCpuDevice">True when the device computes on the host CPU (the CPU accelerator, PoCL).</param>
    /// <param name="multiprocessors">Groups the device runs at once with one group per multiprocessor: CUDA's
    /// multiprocessors (SMs), the CPU accelerator's workers (1 when it runs sequentially); ignored for OpenCL.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="multiprocessors"/> is negative.</exception>
    public static KernelPolicy For(AcceleratorKind kind, bool isCpuDevice, int multiprocessors)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(multiprocessors);
        return new KernelPolicy(kind, isCpuDevice, multiprocessors);
    }

    /// <summary>The policy of a live accelerator.</summary>
    internal static KernelPolicy Of(Accelerator accelerator, DeviceInfo info)
    {
        int resident = accelerator is CPUAccelerator { UsesSequentialExecution: true } ? 1 : accelerator.NumMultiprocessors;
        return For(info.Kind, info.IsCpuDevice, resident);
    }

    /// <summary>The accelerator kind.</summary>
    public AcceleratorKind Kind { get; }

    /// <summary>Where this device sits among the catalog's targets (<see cref="KernelCatalog"/>: which kernels may launch here).</summary>
    internal KernelTargets Target => Kind switch
    {
        AcceleratorKind.Cpu => KernelTargets.CpuAccelerator,
        AcceleratorKind.OpenCL => IsCpuDevice ? KernelTargets.OpenClCpu : KernelTargets.OpenClGpu,
        _ => KernelTargets.Cuda,
    };

    /// <summary>True when the device computes on the host CPU (the CPU accelerator, PoCL).</summary>
    public bool IsCpuDevice { get; }

    /// <summary>The GEMM variant used when none is asked for (<see cref="RnnGpu.GemmVariant.Auto"/>).</summary>
    public GemmVariant GemmVariant { get; }

    /// <summary>The promoted GEMM variants worth timing on this device, <see cref="GemmVariant"/> first (benchmarks).</summary>
    public IReadOnlyList<GemmVariant> GemmCandidates { get; }

    /// <summary>The one-launch-per-step recurrence of this device: <see cref="RecurrenceAlgorithm.RowStep"/> on OpenCL
    /// CPU devices, <see cref="RecurrenceAlgorithm.TiledStep"/> on GPUs, <see cref="RecurrenceAlgorithm.FusedStep"/> on the CPU accelerator. Used whenever the persistent kernel is not
    /// chosen, and where a persistent plan does not fit.</summary>
    public RecurrenceAlgorithm StepAlgorithm { get; }

    /// <summary>Threads of a launch of the one-dimensional kernels (elementwise, reductions, losses, optimizers, the
    /// CPU GEMM; see <see cref="RnnGpu.Kernels.Items"/>): on the CPU accelerator one per worker (groups of one thread), each running
    /// a contiguous chunk of the items, since the CPU accelerator schedules every group on its own and a group per
    /// item costs 10-20x the work of an elementwise kernel; null elsewhere: one thread per item, in groups of
    /// ILGPU's occupancy estimate.</summary>
    public int? ElementwiseThreads { get; }

    /// <summary>Whether the device runs kernels as .NET code on the host, so that its CPU-only kernels may hand their inner
    /// loops to <c>[ILGPU.Frontend.External]</c> SIMD helpers (Vector512/Vector256 over the views' host memory): true on
    /// the CPU accelerator, false elsewhere. What follows from it is asked through the properties named for each decision
    /// (<see cref="CpuRecurrence"/>, <see cref="HostRowKernels"/>, <see cref="MemsetZeroFill"/>, the GEMM variant).</summary>
    public bool HostSimd { get; }

    /// <summary>Whether a layer's recurrence is the CPU accelerator's own (<c>CpuRecurrence</c>: W_hh packed into GEMM
    /// panels, the persistent forward and BPTT chain of one thread per worker, the per-step and streaming step of the same
    /// step code) rather than one of the GPU-shaped algorithms: true on the CPU accelerator (<see cref="HostSimd"/>), false
    /// elsewhere. A layer with a projection runs its own recurrence everywhere.</summary>
    public bool CpuRecurrence { get; }

    /// <summary>The CPU accelerator's <see cref="CallingThreadStepMaxFlops"/>. A launch there costs tens of microseconds (waking
    /// its workers), and at B = 1 a step is bound by reading the weights. Measured per call at B = 1, host copies included,
    /// both forms alternated in one run (<c>RnnGpu.Bench stream</c>, two cores): LSTM H = I = 256 (1 MFLOP per step) 106 us on
    /// the calling thread against 122 us launched, GRU 256 64 against 132 us; LSTM 512 (4.2 MFLOP) 407 against 325 us, GRU
    /// 512 290 against 219 us: the limit lies between 1 and 3 MFLOP.</summary>
    public const long CpuCallingThreadStepMaxFlops = 2_000_000;

    /// <summary>The largest streaming step (input GEMM plus recurrent step, 2*B*G*H*(I + H) flops per layer) that
    /// <see cref="RnnStream.Step"/> runs on the calling thread with the same host SIMD code instead of launching it (the
    /// same bits either way): <see cref="CpuCallingThreadStepMaxFlops"/> on the CPU accelerator, 0 (never) elsewhere.</summary>
    public long CallingThreadStepMaxFlops { get; }

    /// <summary>Whether the step backward and the column sums run their host SIMD variants, a batch row (a matrix row) at a
    /// time per thread, instead of a work item per element (same sums in the same order: bit-identical), and the CTC loss its
    /// host variants (a frame row or a whole sequence per item, no group barriers): true on the CPU accelerator, false
    /// elsewhere.</summary>
    public bool HostRowKernels { get; }

    /// <summary>Whether zero fills are the accelerator's memset on the stream instead of a kernel launch: true on the CPU
    /// accelerator (a launch costs a thread wake-up per core there, a memset none); false elsewhere (launches are cheap, and
    /// PoCL's fill refused some of RnnGpu's sub-views).</summary>
    public bool MemsetZeroFill { get; }

    /// <summary>Whether transposes run in 16x16 blocks (a work item per block, cache-friendly reads and writes) instead of a
    /// work item per element: true for OpenCL on a CPU (PoCL), where the strided reads of the plain transpose ran at a fifth
    /// of the blocked one's speed; false elsewhere.</summary>
    public bool BlockedTranspose { get; }

    /// <summary>Whether every group of a launch of at most <see cref="MaxResidentGroups"/> groups is guaranteed to
    /// run at once, so a spinning grid-wide barrier cannot deadlock: CUDA and the CPU accelerator yes, OpenCL no.</summary>
    public bool GridBarrierSafe => MaxResidentGroups > 0;

    /// <summary>Largest launch, in groups, whose groups are all resident at once (one per multiprocessor); 0 where no
    /// such guarantee exists (OpenCL). A persistent launch must not use more groups.</summary>
    public int MaxResidentGroups { get; }

    /// <summary>Why a grid barrier is or is not safe here (for plans, diagnostics and benchmarks).</summary>
    public string GridBarrierReason { get; }

    /// <summary>Largest batch for which <see cref="RecurrenceAlgorithm.Auto"/> picks the persistent kernel
    /// (<see cref="CudaPersistentMaxBatch"/> on CUDA; <see cref="int.MaxValue"/> on the CPU accelerator, whose persistent
    /// kernel runs the per-step product with the GEMM's micro-kernels and so wins at every batch); 0 where it is never
    /// picked automatically.</summary>
    public int PersistentAutoMaxBatch { get; }

    /// <summary>
    /// The recurrence algorithm <see cref="RecurrenceAlgorithm.Auto"/> stands for: <see cref="RecurrenceAlgorithm.Persistent"/>
    /// where the grid barrier is safe and the batch is at most <see cref="PersistentAutoMaxBatch"/> (CUDA), else
    /// <see cref="StepAlgorithm"/>. Whether the persistent kernel's W_hh slice fits a group's shared memory is the
    /// persistent planner's question; where it does not, the layer runs <see cref="StepAlgorithm"/>.
    /// The answer is the same for each of PyTorch's cells; the cell is part of the question because the row step and the
    /// persistent kernel's fit depend on its gate count. A cell that is a type (<see cref="CellSpec.CellType"/>) runs its
    /// generic per-step recurrence everywhere, reported as <see cref="RecurrenceAlgorithm.FusedStep"/>.
    /// </summary>
    /// <param name="cell">Cell kind.</param>
    /// <param name="batch">Batch size B.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cell"/> is not a cell kind or <paramref name="batch"/> is not positive.</exception>
    public RecurrenceAlgorithm Recurrence(RnnMode cell, int batch)
    {
        if (!Enum.IsDefined(cell))
            throw new ArgumentOutOfRangeException(nameof(cell), cell, $"Not a cell kind: expected {CellSpec.NameList}.");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batch);
        if (CellSpec.Of(cell).CellType is not null)
            return RecurrenceAlgorithm.FusedStep;
        return GridBarrierSafe && batch <= PersistentAutoMaxBatch ? RecurrenceAlgorithm.Persistent : StepAlgorithm;
    }

    static string Count(int n, string noun) => n.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + (n == 1 ? noun : noun + "s");

    /// <inheritdoc />
    public override string ToString() =>
        $"{Kind.ToString().ToLowerInvariant()}{(IsCpuDevice ? " (CPU device)" : "")}: GEMM {GemmVariant}, step {StepAlgorithm}, " +
        $"elementwise {(ElementwiseThreads is int t ? Count(t, "thread") : "thread per item")}, " +
        (GridBarrierSafe ? $"grid barrier up to {Count(MaxResidentGroups, "group")}" : "no grid barrier") +
        (HostSimd ? $", host SIMD {RnnKernels.CpuSimdTier}" : "") +
        (PersistentAutoMaxBatch == int.MaxValue ? ", persistent for every batch"
            : PersistentAutoMaxBatch > 0 ? $", persistent for B <= {PersistentAutoMaxBatch}" : "");
}
