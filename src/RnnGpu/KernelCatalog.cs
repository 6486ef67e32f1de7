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

    // Elementwise, reductions, model: every accelerator; explicitly grouped everywhere (see ElementwiseKernels).
    /// <summary>Kernel <c>fill</c>.</summary>
    public static readonly Entry Fill = E("fill", typeof(ElementwiseKernels), nameof(ElementwiseKernels.Fill), KernelTargets.All);
    /// <summary>Kernel <c>fill.int</c>.</summary>
    public static readonly Entry FillInt = E("fill.int", typeof(ElementwiseKernels), nameof(ElementwiseKernels.FillInt), KernelTargets.All);
    /// <summary>Kernel <c>transpose</c>.</summary>
    public static readonly Entry Transpose = E("transpose", typeof(ElementwiseKernels), nameof(ElementwiseKernels.Transpose), KernelTargets.All);
    /// <summary>Kernel <c>transpose.blocks</c>.</summary>
    public static readonly Entry TransposeBlocks = E("transpose.blocks", typeof(ElementwiseKernels), nameof(ElementwiseKernels.TransposeBlocks), KernelTargets.OpenClCpu);
    /// <summary>Kernel <c>swap.outer</c>.</summary>
    public static readonly Entry SwapOuter = E("swap.outer", typeof(ElementwiseKernels), nameof(ElementwiseKernels.SwapOuter), KernelTargets.All);
    /// <summary>Kernel <c>index.select</c>.</summary>
    public static readonly Entry IndexSelect = E("index.select", typeof(ElementwiseKernels), nameof(ElementwiseKernels.IndexSelect), KernelTargets.All);
    /// <summary>Kernel <c>index.select.int</c>.</summary>
    public static readonly Entry IndexSelectInt = E("index.select.int", typeof(ElementwiseKernels), nameof(ElementwiseKernels.IndexSelectInt), KernelTargets.All);
    /// <summary>Kernel <c>dropout.fwd</c>.</summary>
    public static readonly Entry DropoutFwd = E("dropout.fwd", typeof(ElementwiseKernels), nameof(ElementwiseKernels.DropoutForward), KernelTargets.All);
    /// <summary>Kernel <c>mul</c>.</summary>
    public static readonly Entry Mul = E("mul", typeof(ElementwiseKernels), nameof(ElementwiseKernels.MultiplyInto), KernelTargets.All);
    /// <summary>Kernel <c>nonfinite</c>.</summary>
    public static readonly Entry Nonfinite = E("nonfinite", typeof(ElementwiseKernels), nameof(ElementwiseKernels.NonFiniteFlag), KernelTargets.All);
    /// <summary>Kernel <c>colsum.partial</c>.</summary>
    public static readonly Entry ColsumPartial = E("colsum.partial", typeof(ReductionKernels), nameof(ReductionKernels.ColumnSumPartial), KernelTargets.All);
    /// <summary>Kernel <c>colsum.partial.cpu</c>.</summary>
    public static readonly Entry ColsumPartialCpu = E("colsum.partial.cpu", typeof(ReductionKernels), nameof(ReductionKernels.ColumnSumPartialCpu), KernelTargets.CpuAccelerator);
    /// <summary>Kernel <c>colsum.final</c>.</summary>
    public static readonly Entry ColsumFinal = E("colsum.final", typeof(ReductionKernels), nameof(ReductionKernels.ColumnSumFinal), KernelTargets.All);
    /// <summary>Kernel <c>sumsq.partial</c>.</summary>
    public static readonly Entry SumsqPartial = E("sumsq.partial", typeof(ReductionKernels), nameof(ReductionKernels.SumSquaresPartial), KernelTargets.All);
    /// <summary>Kernel <c>sum.final</c>.</summary>
    public static readonly Entry SumFinal = E("sum.final", typeof(ReductionKernels), nameof(ReductionKernels.SumFinal), KernelTargets.All);
    /// <summary>Kernel <c>sum.partial</c>.</summary>
    public static readonly Entry SumPartial = E("sum.partial", typeof(ReductionKernels), nameof(ReductionKernels.SumPartial), KernelTargets.All);
    /// <summary>Kernel <c>loss.final</c>.</summary>
    public static readonly Entry LossFinal = E("loss.final", typeof(ReductionKernels), nameof(ReductionKernels.LossFinal), KernelTargets.All);
    /// <summary>Kernel <c>model.emb.fwd</c>.</summary>
    public static readonly Entry ModelEmbFwd = E("model.emb.fwd", typeof(ModelKernels), nameof(ModelKernels.EmbeddingForward), KernelTargets.All);
    /// <summary>Kernel <c>model.emb.bwd</c>.</summary>
    public static readonly Entry ModelEmbBwd = E("model.emb.bwd", typeof(ModelKernels), nameof(ModelKernels.EmbeddingBackward), KernelTargets.All);
    /// <summary>Kernel <c>model.ce.rows</c>.</summary>
    public static readonly Entry ModelCeRows = E("model.ce.rows", typeof(ModelKernels), nameof(ModelKernels.CrossEntropyRows), KernelTargets.All);
    /// <summary>Kernel <c>model.bce</c>.</summary>
    public static readonly Entry ModelBce = E("model.bce", typeof(ModelKernels), nameof(ModelKernels.BceWithLogits), KernelTargets.All);
    /// <summary>Kernel <c>model.sqerr</c>.</summary>
    public static readonly Entry ModelSqerr = E("model.sqerr", typeof(ModelKernels), nameof(ModelKernels.SquaredError), KernelTargets.All);
    /// <summary>Kernel <c>model.scale.dev</c>.</summary>
    public static readonly Entry ModelScaleDev = E("model.scale.dev", typeof(ModelKernels), nameof(ModelKernels.ScaleByDevice), KernelTargets.All);
    /// <summary>Kernel <c>model.sgd</c>.</summary>
    public static readonly Entry ModelSgd = E("model.sgd", typeof(ModelKernels), nameof(ModelKernels.SgdStep), KernelTargets.All);
    /// <summary>Kernel <c>model.adam</c>.</summary>
    public static readonly Entry ModelAdam = E("model.adam", typeof(ModelKernels), nameof(ModelKernels.AdamStep), KernelTargets.All);
    /// <summary>Kernel <c>model.clip.norm</c>.</summary>
    public static readonly Entry ModelClipNorm = E("model.clip.norm", typeof(ModelKernels), nameof(ModelKernels.ClipByNorm), KernelTargets.All);
    /// <summary>Kernel <c>model.clip.value</c>.</summary>
    public static readonly Entry ModelClipValue = E("model.clip.value", typeof(ModelKernels), nameof(ModelKernels.ClipByValue), KernelTargets.All);
    /// <summary>Kernel <c>model.concat2</c>.</summary>
    public static readonly Entry ModelConcat2 = E("model.concat2", typeof(ModelKernels), nameof(ModelKernels.Concat2), KernelTargets.All);
    /// <summary>Kernel <c>model.split2</c>.</summary>
    public static readonly Entry ModelSplit2 = E("model.split2", typeof(ModelKernels), nameof(ModelKernels.Split2), KernelTargets.All);
    /// <summary>Kernel <c>model.argmax</c>.</summary>
    public static readonly Entry ModelArgmax = E("model.argmax", typeof(ModelKernels), nameof(ModelKernels.ArgmaxRows), KernelTargets.All);
    /// <summary>Kernel <c>model.softmax</c>.</summary>
    public static readonly Entry ModelSoftmax = E("model.softmax", typeof(ModelKernels), nameof(ModelKernels.SoftmaxRows), KernelTargets.All);
    /// <summary>Kernel <c>model.softmax.bwd</c>.</summary>
    public static readonly Entry ModelSoftmaxBwd = E("model.softmax.bwd", typeof(ModelKernels), nameof(ModelKernels.SoftmaxRowsBackward), KernelTargets.All);
    /// <summary>Kernel <c>model.sample</c>.</summary>
    public static readonly Entry ModelSample = E("model.sample", typeof(ModelKernels), nameof(ModelKernels.SampleRows), KernelTargets.All);
    /// <summary>Kernel <c>ctc.lse</c>.</summary>
    public static readonly Entry CtcLse = E("ctc.lse", typeof(CtcKernels), nameof(CtcKernels.LogSumExpRows), KernelTargets.All);
    /// <summary>Kernel <c>ctc.alphabeta</c>.</summary>
    public static readonly Entry CtcAlphabeta = E("ctc.alphabeta", typeof(CtcKernels), nameof(CtcKernels.AlphaBeta), KernelTargets.All);
    /// <summary>Kernel <c>ctc.grad</c>.</summary>
    public static readonly Entry CtcGrad = E("ctc.grad", typeof(CtcKernels), nameof(CtcKernels.Gradient), KernelTargets.All);
    /// <summary>Kernel <c>ctc.lse.cpu</c>.</summary>
    public static readonly Entry CtcLseCpu = E("ctc.lse.cpu", typeof(CtcKernels), nameof(CtcKernels.LogSumExpRowsCpu), KernelTargets.CpuAccelerator);
    /// <summary>Kernel <c>ctc.sequences.cpu</c>.</summary>
    public static readonly Entry CtcSequencesCpu = E("ctc.sequences.cpu", typeof(CtcKernels), nameof(CtcKernels.SequencesCpu), KernelTargets.CpuAccelerator);
    /// <summary>Kernel <c>ctc.greedy</c>.</summary>
    public static readonly Entry CtcGreedy = E("ctc.greedy", typeof(CtcKernels), nameof(CtcKernels.GreedyCollapse), KernelTargets.All);
    /// <summary>Kernel <c>ctc.final</c>.</summary>
    public static readonly Entry CtcFinal = E("ctc.final", typeof(CtcKernels), nameof(CtcKernels.Final), KernelTargets.All);
    /// <summary>Kernel <c>attn.fwd</c>.</summary>
    public static readonly Entry AttnFwd = E("attn.fwd", typeof(AttentionKernels), nameof(AttentionKernels.Forward), KernelTargets.All);
    /// <summary>Kernel <c>attn.bwd.q</c>.</summary>
    public static readonly Entry AttnBwdQ = E("attn.bwd.q", typeof(AttentionKernels), nameof(AttentionKernels.BackwardQueries), KernelTargets.All);
    /// <summary>Kernel <c>attn.bwd.k</c>.</summary>
    public static readonly Entry AttnBwdK = E("attn.bwd.k", typeof(AttentionKernels), nameof(AttentionKernels.BackwardKeys), KernelTargets.All);
    /// <summary>Kernel <c>attn.fwd.cpu</c>.</summary>
    public static readonly Entry AttnFwdCpu = E("attn.fwd.cpu", typeof(AttentionKernels), nameof(AttentionKernels.ForwardCpu), KernelTargets.CpuAccelerator);
    /// <summary>Kernel <c>attn.bwd.q.cpu</c>.</summary>
    public static readonly Entry AttnBwdQCpu = E("attn.bwd.q.cpu", typeof(AttentionKernels), nameof(AttentionKernels.BackwardQueriesCpu), KernelTargets.CpuAccelerator);
    /// <summary>Kernel <c>attn.bwd.k.cpu</c>.</summary>
    public static readonly Entry AttnBwdKCpu = E("attn.bwd.k.cpu", typeof(AttentionKernels), nameof(AttentionKernels.BackwardKeysCpu), KernelTargets.CpuAccelerator);
    /// <summary>Kernel <c>attn.vec</c>.</summary>
    public static readonly Entry AttnVec = E("attn.vec", typeof(AttentionKernels), nameof(AttentionKernels.ScoreVector), KernelTargets.All);
    /// <summary>Kernel <c>attn.vec.bwd</c>.</summary>
    public static readonly Entry AttnVecBwd = E("attn.vec.bwd", typeof(AttentionKernels), nameof(AttentionKernels.ScoreVectorBackward), KernelTargets.All);
    /// <summary>Kernel <c>beam.step</c>.</summary>
    public static readonly Entry BeamStep = E("beam.step", typeof(BeamKernels), nameof(BeamKernels.Step), KernelTargets.All);
    /// <summary>Kernel <c>beam.active</c>.</summary>
    public static readonly Entry BeamActive = E("beam.active", typeof(BeamKernels), nameof(BeamKernels.CountActive), KernelTargets.All);
    /// <summary>Kernel <c>beam.topk</c>.</summary>
    public static readonly Entry BeamTopk = E("beam.topk", typeof(BeamKernels), nameof(BeamKernels.RowTopK), KernelTargets.All);
    /// <summary>Kernel <c>beam.topk.cpu</c>.</summary>
    public static readonly Entry BeamTopkCpu = E("beam.topk.cpu", typeof(BeamKernels), nameof(BeamKernels.RowTopKCpu), KernelTargets.CpuAccelerator);
    /// <summary>Kernel <c>add</c>.</summary>
    public static readonly Entry Add = E("add", typeof(ElementwiseKernels), nameof(ElementwiseKernels.Add), KernelTargets.All);
    /// <summary>Kernel <c>proj.cell.fwd</c>.</summary>
    public static readonly Entry ProjCellFwd = E("proj.cell.fwd", typeof(ProjectionKernels), nameof(ProjectionKernels.LstmCellForward), KernelTargets.All);
    /// <summary>Kernel <c>proj.update</c>.</summary>
    public static readonly Entry ProjUpdate = E("proj.update", typeof(ProjectionKernels), nameof(ProjectionKernels.ProjectedUpdate), KernelTargets.All);
    /// <summary>Kernel <c>proj.bwd</c>.</summary>
    public static readonly Entry ProjBwd = E("proj.bwd", typeof(ProjectionKernels), nameof(ProjectionKernels.ProjectedBackward), KernelTargets.All);
    /// <summary>Kernel <c>rnn.step.bwd</c>.</summary>
    public static readonly Entry RnnStepBwd = E("rnn.step.bwd", typeof(RnnKernels), nameof(RnnKernels.StepBackward), KernelTargets.All);
    // GEMM: one variant per accelerator shape (KernelPolicy.GemmVariant).
    /// <summary>Kernel <c>gemm.cpu</c>.</summary>
    public static readonly Entry GemmCpu = E("gemm.cpu", typeof(GemmKernels), nameof(GemmKernels.CpuBlocked), KernelTargets.CpuAccelerator);
    /// <summary>Kernel <c>gemm.rows</c>.</summary>
    public static readonly Entry GemmRows = E("gemm.rows", typeof(GemmKernels), nameof(GemmKernels.RowBlocked), KernelTargets.OpenClCpu);
    /// <summary>Kernel <c>gemm.tiled</c>.</summary>
    public static readonly Entry GemmTiled = E("gemm.tiled", typeof(GemmKernels), nameof(GemmKernels.Tiled), KernelTargets.Gpus);
    // Recurrence: the fused step on the CPU accelerator and GPUs, the row step on OpenCL CPUs, the persistent
    // kernel where a grid barrier is safe.
    /// <summary>Kernel <c>rnn.step.fwd</c>.</summary>
    public static readonly Entry RnnStepFwd = E("rnn.step.fwd", typeof(RnnKernels), nameof(RnnKernels.StepForward), KernelTargets.CpuAccelerator | KernelTargets.Gpus);
    /// <summary>Kernel <c>rnn.step.cpu</c>.</summary>
    public static readonly Entry RnnStepCpu = E("rnn.step.cpu", typeof(RnnKernels), nameof(RnnKernels.StepForwardCpu), KernelTargets.CpuAccelerator);
    /// <summary>Kernel <c>rnn.pack.cpu</c>.</summary>
    public static readonly Entry RnnPackCpu = E("rnn.pack.cpu", typeof(RnnKernels), nameof(RnnKernels.PackRecurrentCpu), KernelTargets.CpuAccelerator);
    /// <summary>Kernel <c>rnn.step.bwd.cpu</c>.</summary>
    public static readonly Entry RnnStepBwdCpu = E("rnn.step.bwd.cpu", typeof(RnnKernels), nameof(RnnKernels.StepBackwardCpu), KernelTargets.CpuAccelerator);
    /// <summary>Kernel <c>rnn.interleave</c>.</summary>
    public static readonly Entry RnnInterleave = E("rnn.interleave", typeof(RnnKernels), nameof(RnnKernels.InterleaveTranspose), KernelTargets.All);
    /// <summary>Kernel <c>rnn.step.tiled</c>.</summary>
    public static readonly Entry RnnStepTiled = E("rnn.step.tiled", typeof(RnnKernels), nameof(RnnKernels.StepForwardTiled), KernelTargets.All);
    /// <summary>Kernel <c>rnn.step.cell</c>.</summary>
    public static readonly Entry RnnStepCell = E("rnn.step.cell", typeof(RnnKernels), nameof(RnnKernels.StepCell), KernelTargets.OpenClCpu);
    /// <summary>Kernel <c>rnn.persistent.cpu</c>.</summary>
    public static readonly Entry RnnPersistentCpu = E("rnn.persistent.cpu", typeof(RnnKernels), nameof(RnnKernels.PersistentForwardCpu), KernelTargets.CpuAccelerator);
    /// <summary>Kernel <c>rnn.persistent.bwd.cpu</c>.</summary>
    public static readonly Entry RnnPersistentBwdCpu = E("rnn.persistent.bwd.cpu", typeof(RnnKernels), nameof(RnnKernels.PersistentBackwardCpu), KernelTargets.CpuAccelerator);
    /// <summary>Kernel <c>rnn.persistent.fwd</c>.</summary>
    public static readonly Entry RnnPersistentFwd = E("rnn.persistent.fwd", typeof(RnnKernels), nameof(RnnKernels.PersistentForward), KernelTargets.Cuda);

    /// <summary>All kernels, in no particular order.</summary>
    public static IReadOnlyList<Entry> All { get; } = CellEntries().Concat(new[]
    {
        Fill,
        FillInt,
        Transpose,
        TransposeBlocks,
        SwapOuter,
        IndexSelect,
        IndexSelectInt,
        DropoutFwd,
        Mul,
        Nonfinite,
        ColsumPartial,
        ColsumPartialCpu,
        ColsumFinal,
        SumsqPartial,
        SumFinal,
        SumPartial,
        LossFinal,
        ModelEmbFwd,
        ModelEmbBwd,
        ModelCeRows,
        ModelBce,
        ModelSqerr,
        ModelScaleDev,
        ModelSgd,
        ModelAdam,
        ModelClipNorm,
        ModelClipValue,
        ModelConcat2,
        ModelSplit2,
        ModelArgmax,
        ModelSoftmax,
        ModelSoftmaxBwd,
        ModelSample,
        CtcLse,
        CtcAlphabeta,
        CtcGrad,
        CtcLseCpu,
        CtcSequencesCpu,
        CtcGreedy,
        CtcFinal,
        AttnFwd,
        AttnBwdQ,
        AttnBwdK,
        AttnFwdCpu,
        AttnBwdQCpu,
        AttnBwdKCpu,
        AttnVec,
        AttnVecBwd,
        BeamStep,
        BeamActive,
        BeamTopk,
        BeamTopkCpu,
        Add,
        ProjCellFwd,
        ProjUpdate,
        ProjBwd,
        RnnStepBwd,
        GemmCpu,
        GemmRows,
        GemmTiled,
        RnnStepFwd,
        RnnStepCpu,
        RnnPackCpu,
        RnnStepBwdCpu,
        RnnInterleave,
        RnnStepTiled,
        RnnStepCell,
        RnnPersistentCpu,
        RnnPersistentBwdCpu,
        RnnPersistentFwd,
    }).ToArray();

    static readonly Dictionary<string, Entry> ByKey = All.ToDictionary(e => e.Key);

    /// <summary>The entry of a key.</summary>
    /// <exception cref="InvalidOperationException">The key is not in the catalog.</exception>
    public static Entry Get(string key) => ByKey.TryGetValue(key, out var e) ? e
        : throw new InvalidOperationException($"Kernel '{key}' is not in KernelCatalog: add it there (with where it runs) so the PTX check sees it.");

    /// <summary>Where a policy's device sits among <see cref="KernelTargets"/> (<see cref="KernelPolicy.Target"/>).</summary>
    public static KernelTargets TargetOf(KernelPolicy policy) => policy.Target;
}
