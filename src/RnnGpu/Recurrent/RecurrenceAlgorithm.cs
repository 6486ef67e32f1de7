namespace RnnGpu;

/// <summary>
/// How a <see cref="RecurrentLayer"/> runs the recurrence of a layer and direction (cuDNN's <c>cudnnRNNAlgo_t</c> in
/// spirit). Every algorithm writes the same states, outputs and stored gates and runs its own BPTT dh chain, so the
/// results agree whichever ran (to rounding; on the CPU accelerator the per-step and persistent forms run the same step
/// code and agree bit for bit). <c>RecurrentLayer.LastAlgorithm</c> and <c>LastAlgorithmReason</c> say which ran and why.
/// </summary>
public enum RecurrenceAlgorithm
{
    /// <summary>The device policy's choice for this device, cell and batch (see <c>KernelPolicy</c>).</summary>
    Auto,
    /// <summary>One launch per step, the cell fused into it: on GPUs the recurrent product of a block of batch rows and all
    /// gates of a hidden unit with the cell in its epilogue (W_hh stored transposed, (H, G*H)); on the CPU accelerator the
    /// CPU GEMM's micro-kernels over W_hh packed into panels, then the vectorized cell (the persistent form's step code).
    /// An LSTM with a projection reports this too: per step a GEMM, the cell kernel and the projection GEMM.</summary>
    FusedStep,
    /// <summary>Two launches per step: the row-shaped GEMM h[t-1] W_hh^T (4x32 tiles of C per work item) into a scratch,
    /// then the cell per (batch row, unit); the fastest form on OpenCL CPU devices.</summary>
    RowStep,
    /// <summary>One launch per layer and direction for all T steps, the groups meeting at a grid barrier between steps:
    /// on CUDA each group keeps its slice of W_hh in shared memory; on the CPU accelerator one thread per worker owns a
    /// range of hidden units (and BPTT's dh chain is one launch too). Only where the device guarantees co-resident groups;
    /// a request that cannot run falls back to the device's per-step algorithm, with the reason in
    /// <c>RecurrentLayer.LastAlgorithmReason</c>.</summary>
    Persistent,
    /// <summary>One launch per step of the GPU step kernel: a shared-memory tiled GEMM of h[t-1] and the
    /// gate-interleaved W_hh^T (one group's tile holds all gates of its hidden units) with the cell in its epilogue.
    /// The per-step form on GPUs; needs groups of 64 threads (elsewhere a request runs the device's default).</summary>
    TiledStep,
}
