using System.Reflection;
using RnnGpu.Kernels;

namespace RnnGpu;

/// <summary>The accelerator shapes a kernel is launched on (see <see cref="KernelPolicy"/>).</summary>
[Flags]
internal enum KernelTargets
{
    /// <summary>ILGPU's CPU accelerator, plain or GPU-simulating.</summary>
    CpuAccelerator = 1,
    /// <summary>OpenCL on a CPU (PoCL).</summary>
    OpenClCpu = 2,
    /// <summary>OpenCL on a GPU.</summary>
    OpenClGpu = 4,
    /// <summary>CUDA.</summary>
    Cuda = 8,
    /// <summary>Every accelerator.</summary>
    All = CpuAccelerator | OpenClCpu | OpenClGpu | Cuda,
    /// <summary>Every accelerator but the CPU accelerator.</summary>
    Gpus = OpenClGpu | Cuda,
}

/// <summary>
/// Every kernel RnnGpu launches: the key <see cref="KernelSet"/> caches it under, its method, how it is grouped and
/// where it is launched. <see cref="KernelSet"/> refuses to load a key missing here, and scripts/check-ptx.sh compiles
/// every entry CUDA can launch with ILGPU's PTX backend and assembles it with ptxas, so nothing reaches a GPU unchecked.
/// </summary>
internal static class KernelCatalog
{
    /// <summary>One kernel.</summary>
    /// <param name="Key">The cache key of <see cref="KernelSet"/>.</param>
    /// <param name="Method">The kernel method.</param>
    /// <param name="ExplicitlyGrouped">True for kernels launched with an explicit grid and group (Grid/Group
    /// indices); false for implicitly grouped ones (an Index1D parameter).</param>
    /// <param name="Targets">Where <see cref="KernelPolicy"/> launches it.</param>
    internal sealed record Entry(string Key, MethodInfo Method, bool ExplicitlyGrouped, KernelTargets Targets)
    {
        /// <summary>Whether CUDA can launch it.</summary>
        public bool OnCuda => (Targets & KernelTargets.Cuda) != 0;
    }

    static Entry E(string key, Type type, string name, KernelTargets targets)
    {
        var m = type.GetMethod(name, BindingFlags.Public | BindingFlags.Static)
            ?? throw new InvalidOperationException($"Kernel method {type.Name}.{name} not found.");
        bool implicitIndex = m.GetParameters() is { Length: > 0 } ps && ps[0].ParameterType == typeof(ILGPU.Index1D);
        return new Entry(key, m, !implicitIndex, targets);
    }

    /// <summary>The generic cell kernels (<see cref="CellKernels"/>) of every cell that is a type: one entry per cell and kernel,
    /// keyed <c>cell.{name}.{kernel}</c> (<see cref="CellKey"/>); the late kernels only for cells with late gates.</summary>
    static IEnumerable<Entry> CellEntries() =>
        from spec in CellSpec.All
        where spec.CellType is not null
        from kernel in new[] { nameof(CellKernels.Early), nameof(CellKernels.Forward), nameof(CellKernels.Backward), nameof(CellKernels.LateBackward) }
        where spec.LateGates > 0 || (kernel != nameof(CellKernels.Early) && kernel != nameof(CellKernels.LateBackward))
        select new Entry(CellKey(spec, kernel), typeof(CellKernels).GetMethod(kernel)!.MakeGenericMethod(spec.CellType!), true, KernelTargets.All);

    /// <summary>The catalog key of a cell kernel of a cell that is a type.</summary>
    public static string CellKey(CellSpec spec, string kernel) => $"cell.{spec.Name}.{kernel}";

    /// <summary>All kernels, in no particular order.</summary>
    public static IReadOnlyList<Entry> All { get; } = CellEntries().Concat(new[]
    {
        // Elementwise, reductions, model: every accelerator; explicitly grouped everywhere (see ElementwiseKernels).
        E("fill", typeof(ElementwiseKernels), nameof(ElementwiseKernels.Fill), KernelTargets.All),
        E("fill.int", typeof(ElementwiseKernels), nameof(ElementwiseKernels.FillInt), KernelTargets.All),
        E("transpose", typeof(ElementwiseKernels), nameof(ElementwiseKernels.Transpose), KernelTargets.All),
        E("transpose.blocks", typeof(ElementwiseKernels), nameof(ElementwiseKernels.TransposeBlocks), KernelTargets.OpenClCpu),
        E("swap.outer", typeof(ElementwiseKernels), nameof(ElementwiseKernels.SwapOuter), KernelTargets.All),
        E("index.select", typeof(ElementwiseKernels), nameof(ElementwiseKernels.IndexSelect), KernelTargets.All),
        E("index.select.int", typeof(ElementwiseKernels), nameof(ElementwiseKernels.IndexSelectInt), KernelTargets.All),
        E("dropout.fwd", typeof(ElementwiseKernels), nameof(ElementwiseKernels.DropoutForward), KernelTargets.All),
        E("mul", typeof(ElementwiseKernels), nameof(ElementwiseKernels.MultiplyInto), KernelTargets.All),
        E("nonfinite", typeof(ElementwiseKernels), nameof(ElementwiseKernels.NonFiniteFlag), KernelTargets.All),
        E("colsum.partial", typeof(ReductionKernels), nameof(ReductionKernels.ColumnSumPartial), KernelTargets.All),
        E("colsum.partial.cpu", typeof(ReductionKernels), nameof(ReductionKernels.ColumnSumPartialCpu), KernelTargets.CpuAccelerator),
        E("colsum.final", typeof(ReductionKernels), nameof(ReductionKernels.ColumnSumFinal), KernelTargets.All),
        E("sumsq.partial", typeof(ReductionKernels), nameof(ReductionKernels.SumSquaresPartial), KernelTargets.All),
        E("sum.final", typeof(ReductionKernels), nameof(ReductionKernels.SumFinal), KernelTargets.All),
        E("sum.partial", typeof(ReductionKernels), nameof(ReductionKernels.SumPartial), KernelTargets.All),
        E("loss.final", typeof(ReductionKernels), nameof(ReductionKernels.LossFinal), KernelTargets.All),
        E("model.emb.fwd", typeof(ModelKernels), nameof(ModelKernels.EmbeddingForward), KernelTargets.All),
        E("model.emb.bwd", typeof(ModelKernels), nameof(ModelKernels.EmbeddingBackward), KernelTargets.All),
        E("model.ce.rows", typeof(ModelKernels), nameof(ModelKernels.CrossEntropyRows), KernelTargets.All),
        E("model.bce", typeof(ModelKernels), nameof(ModelKernels.BceWithLogits), KernelTargets.All),
        E("model.sqerr", typeof(ModelKernels), nameof(ModelKernels.SquaredError), KernelTargets.All),
        E("model.scale.dev", typeof(ModelKernels), nameof(ModelKernels.ScaleByDevice), KernelTargets.All),
        E("model.sgd", typeof(ModelKernels), nameof(ModelKernels.SgdStep), KernelTargets.All),
        E("model.adam", typeof(ModelKernels), nameof(ModelKernels.AdamStep), KernelTargets.All),
        E("model.clip.norm", typeof(ModelKernels), nameof(ModelKernels.ClipByNorm), KernelTargets.All),
        E("model.clip.value", typeof(ModelKernels), nameof(ModelKernels.ClipByValue), KernelTargets.All),
        E("model.concat2", typeof(ModelKernels), nameof(ModelKernels.Concat2), KernelTargets.All),
        E("model.split2", typeof(ModelKernels), nameof(ModelKernels.Split2), KernelTargets.All),
        E("model.argmax", typeof(ModelKernels), nameof(ModelKernels.ArgmaxRows), KernelTargets.All),
        E("model.softmax", typeof(ModelKernels), nameof(ModelKernels.SoftmaxRows), KernelTargets.All),
        E("model.softmax.bwd", typeof(ModelKernels), nameof(ModelKernels.SoftmaxRowsBackward), KernelTargets.All),
        E("model.sample", typeof(ModelKernels), nameof(ModelKernels.SampleRows), KernelTargets.All),
        E("ctc.lse", typeof(CtcKernels), nameof(CtcKernels.LogSumExpRows), KernelTargets.All),
        E("ctc.alphabeta", typeof(CtcKernels), nameof(CtcKernels.AlphaBeta), KernelTargets.All),
        E("ctc.grad", typeof(CtcKernels), nameof(CtcKernels.Gradient), KernelTargets.All),
        E("ctc.lse.cpu", typeof(CtcKernels), nameof(CtcKernels.LogSumExpRowsCpu), KernelTargets.CpuAccelerator),
        E("ctc.sequences.cpu", typeof(CtcKernels), nameof(CtcKernels.SequencesCpu), KernelTargets.CpuAccelerator),
        E("ctc.greedy", typeof(CtcKernels), nameof(CtcKernels.GreedyCollapse), KernelTargets.All),
        E("ctc.final", typeof(CtcKernels), nameof(CtcKernels.Final), KernelTargets.All),
        E("attn.fwd", typeof(AttentionKernels), nameof(AttentionKernels.Forward), KernelTargets.All),
        E("attn.bwd.q", typeof(AttentionKernels), nameof(AttentionKernels.BackwardQueries), KernelTargets.All),
        E("attn.bwd.k", typeof(AttentionKernels), nameof(AttentionKernels.BackwardKeys), KernelTargets.All),
        E("attn.fwd.cpu", typeof(AttentionKernels), nameof(AttentionKernels.ForwardCpu), KernelTargets.CpuAccelerator),
        E("attn.bwd.q.cpu", typeof(AttentionKernels), nameof(AttentionKernels.BackwardQueriesCpu), KernelTargets.CpuAccelerator),
        E("attn.bwd.k.cpu", typeof(AttentionKernels), nameof(AttentionKernels.BackwardKeysCpu), KernelTargets.CpuAccelerator),
        E("attn.vec", typeof(AttentionKernels), nameof(AttentionKernels.ScoreVector), KernelTargets.All),
        E("attn.vec.bwd", typeof(AttentionKernels), nameof(AttentionKernels.ScoreVectorBackward), KernelTargets.All),
        E("beam.step", typeof(BeamKernels), nameof(BeamKernels.Step), KernelTargets.All),
        E("beam.active", typeof(BeamKernels), nameof(BeamKernels.CountActive), KernelTargets.All),
        E("beam.topk", typeof(BeamKernels), nameof(BeamKernels.RowTopK), KernelTargets.All),
        E("beam.topk.cpu", typeof(BeamKernels), nameof(BeamKernels.RowTopKCpu), KernelTargets.CpuAccelerator),
        E("add", typeof(ElementwiseKernels), nameof(ElementwiseKernels.Add), KernelTargets.All),
        E("proj.cell.fwd", typeof(ProjectionKernels), nameof(ProjectionKernels.LstmCellForward), KernelTargets.All),
        E("proj.update", typeof(ProjectionKernels), nameof(ProjectionKernels.ProjectedUpdate), KernelTargets.All),
        E("proj.bwd", typeof(ProjectionKernels), nameof(ProjectionKernels.ProjectedBackward), KernelTargets.All),
        E("rnn.step.bwd", typeof(RnnKernels), nameof(RnnKernels.StepBackward), KernelTargets.All),
        // GEMM: one variant per accelerator shape (KernelPolicy.GemmVariant).
        E("gemm.cpu", typeof(GemmKernels), nameof(GemmKernels.CpuBlocked), KernelTargets.CpuAccelerator),
        E("gemm.rows", typeof(GemmKernels), nameof(GemmKernels.RowBlocked), KernelTargets.OpenClCpu),
        E("gemm.tiled", typeof(GemmKernels), nameof(GemmKernels.Tiled), KernelTargets.Gpus),
        // Recurrence: the fused step on the CPU accelerator and GPUs, the row step on OpenCL CPUs, the persistent
        // kernel where a grid barrier is safe.
        E("rnn.step.fwd", typeof(RnnKernels), nameof(RnnKernels.StepForward), KernelTargets.CpuAccelerator | KernelTargets.Gpus),
        E("rnn.step.cpu", typeof(RnnKernels), nameof(RnnKernels.StepForwardCpu), KernelTargets.CpuAccelerator),
        E("rnn.pack.cpu", typeof(RnnKernels), nameof(RnnKernels.PackRecurrentCpu), KernelTargets.CpuAccelerator),
        E("rnn.step.bwd.cpu", typeof(RnnKernels), nameof(RnnKernels.StepBackwardCpu), KernelTargets.CpuAccelerator),
        E("rnn.interleave", typeof(RnnKernels), nameof(RnnKernels.InterleaveTranspose), KernelTargets.All),
        E("rnn.step.tiled", typeof(RnnKernels), nameof(RnnKernels.StepForwardTiled), KernelTargets.All),
        E("rnn.step.cell", typeof(RnnKernels), nameof(RnnKernels.StepCell), KernelTargets.OpenClCpu),
        E("rnn.persistent.cpu", typeof(RnnKernels), nameof(RnnKernels.PersistentForwardCpu), KernelTargets.CpuAccelerator),
        E("rnn.persistent.bwd.cpu", typeof(RnnKernels), nameof(RnnKernels.PersistentBackwardCpu), KernelTargets.CpuAccelerator),
        E("rnn.persistent.fwd", typeof(RnnKernels), nameof(RnnKernels.PersistentForward), KernelTargets.Cuda),
    }).ToArray();

    static readonly Dictionary<string, Entry> ByKey = All.ToDictionary(e => e.Key);

    /// <summary>The entry of a key.</summary>
    /// <exception cref="InvalidOperationException">The key is not in the catalog.</exception>
    public static Entry Get(string key) => ByKey.TryGetValue(key, out var e) ? e
        : throw new InvalidOperationException($"Kernel '{key}' is not in KernelCatalog: add it there (with where it runs) so the PTX check sees it.");

    /// <summary>Where a policy's device sits among <see cref="KernelTargets"/> (<see cref="KernelPolicy.Target"/>).</summary>
    public static KernelTargets TargetOf(KernelPolicy policy) => policy.Target;
}
