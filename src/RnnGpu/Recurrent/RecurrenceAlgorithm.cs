namespace RnnGpu;

/// <summary>
/// How a <see cref="RecurrentLayer"/> runs the forward recurrence of a layer and direction (cuDNN's
/// <c>cudnnRNNAlgo_t</c> in spirit). Every algorithm writes the same states, outputs and stored gates,
/// so backward does not depend on the choice.
/// </summary>
public enum RecurrenceAlgorithm
{
    /// <summary>The device policy's choice for this device, cell and batch (see <c>KernelPolicy</c>).</summary>
    Auto,
    /// <summary>One launch per step of the fused kernel: recurrent product of a block of batch rows and all gates of a
    /// hidden unit, the cell in its epilogue; W_hh stored transposed (H, G*H).</summary>
    FusedStep,
    /// <summary>One launch per step of the row-shaped kernel (one work item per gate column and batch row, W_hh
    /// interleaved so a unit's gates are adjacent); the fastest form on OpenCL CPU devices.</summary>
    RowStep,
    /// <summary>One launch per layer and direction: each group keeps its slice of W_hh on chip for all T steps and
    /// the groups meet at a grid barrier between steps. Only where the device guarantees co-resident groups; a
    /// request that cannot run falls back to <see cref="FusedStep"/> with the reason in <c>RecurrentLayer.LastAlgorithm</c>.</summary>
    Persistent,
    /// <summary>One launch per step of the GPU step kernel: a shared-memory tiled GEMM of h[t-1] and the
    /// gate-interleaved W_hh^T (one group's tile holds all gates of its hidden units) with the cell in its epilogue.
    /// The per-step form on GPUs; needs groups of 64 threads (elsewhere a request runs the device's default).</summary>
    TiledStep,
}
