using ILGPU;
using ILGPU.Runtime;
using RnnGpu.Kernels;

namespace RnnGpu;

/// <summary>
/// One way to run the recurrence of a layer and direction: forward (the per-step h[t-1] W_hh^T and the cell) and backward
/// (BPTT's dh chain: per step the gate gradients from the carries, and dh[t-1] += dGh[t] W_hh), side by side. Each algorithm
/// owns the layout of W_hh it reads and refreshes it when W_hh's <see cref="DeviceTensor.Version"/> moves. All write the
/// same states, outputs, stored gates and gate gradients, so the layer does not know which one ran; what every algorithm
/// shares (the input GEMM, the weight-gradient GEMMs, bias sums, dX) is <see cref="DirectionPass"/>'s.
/// </summary>
internal abstract class Recurrence : IDisposable
{
    protected Recurrence(ComputeDevice device, RnnOptions options)
    {
        Device = device;
        Options = options;
    }

    protected ComputeDevice Device { get; }
    protected RnnOptions Options { get; }
    protected RnnMode Cell => Options.Cell.Kind;
    protected int H => Options.HiddenSize;

    /// <summary>Which algorithm this is.</summary>
    public abstract RecurrenceAlgorithm Algorithm { get; }

    /// <summary>Runs the T steps of one layer and direction.</summary>
    public abstract void Run(in DirectionRun r);

    /// <summary>BPTT's dh chain of one layer and direction over the tape its <see cref="Run"/> wrote: fills the gate
    /// gradients of every step and leaves dh0 (dc0) in the carries. This one (the per-step algorithms' and the GPU
    /// persistent kernel's): per step, in reverse time, one gate-gradient launch and the GEMM dh[t-1] += dGh[t] W_hh.</summary>
    public virtual void Backward(in DirectionBackwardRun r)
    {
        var k = Device.Kernels;
        var s = r.S;
        int B = r.B, D = Options.Directions, d = r.W.Direction, GH = Options.Cell.Gates * H, R = Options.StateSize;
        var hs = r.Tape.H;
        var cs = r.Tape.C;
        var dummy = hs.Tensor.View.SubView(0, 1);
        var whh = Mat.Of(r.W.Whh.Value, GH, R);
        for (int step = r.T - 1; step >= 0; step--)
        {
            int t = hs.Time(step);
            var dGx = Mat.Of(Steps.Rows(s.DGx, t, B), B, GH);
            var dGh = Mat.Of(Steps.Rows(s.DGh, t, B), B, GH);
            // Gate gradients from (dh + dy[t], dc); dh and dc become the carries into step t-1.
            k.StepBackward(r.Tape.GatesAt(t, B), hs.Entering(step), cs?.Entering(step) ?? dummy, cs?.Leaving(step) ?? dummy,
                Steps.Columns(r.Dy, t, B, d, R), s.Dh.View, s.Dc.View, dGx.Data, dGh.Data, r.Lengths, new StepArgs(B, H, Cell, D * H, t, true));
            // dh[t-1] += dGh[t] W_hh
            Gemm.AB(k, dGh, whh, Mat.Of(s.Dh, B, R), accumulate: true);
        }
    }

    /// <inheritdoc />
    public virtual void Dispose()
    {
    }
}

/// <summary>One kernel launch per time step; subclasses give the kernel and the W_hh layout it reads.</summary>
internal abstract class PerStepRecurrence : Recurrence
{
    readonly Dictionary<DirectionWeights, (DeviceTensor Layout, long Version)> layouts = new();

    protected PerStepRecurrence(ComputeDevice device, RnnOptions options) : base(device, options)
    {
    }

    /// <summary>Columns of the W_hh layout, whose rows are the H inputs of the recurrent product.</summary>
    protected abstract int LayoutColumns { get; }

    /// <summary>Writes the layout from W_hh (G*H, H) as stored.</summary>
    protected abstract void BuildLayout(ArrayView<float> whh, DeviceTensor layout);

    /// <summary>Launches one step.</summary>
    protected abstract void Launch(ArrayView<float> layout, ArrayView<float> hPrev, ArrayView<float> cPrev, ArrayView<float> bhh,
        ArrayView<float> gx, ArrayView<float> hNext, ArrayView<float> cNext, ArrayView<float> y, ArrayView<float> gates,
        ArrayView<int> lengths, in StepArgs p);

    /// <summary>This algorithm's W_hh layout for a direction, rebuilt if W_hh changed.</summary>
    public ArrayView<float> Layout(DirectionWeights w)
    {
        var whh = w.Whh.Value;
        if (!layouts.TryGetValue(w, out var entry))
            entry = (DeviceTensor.Persistent(Device, H, LayoutColumns), -1);
        if (entry.Version != whh.Version)
        {
            BuildLayout(whh.View, entry.Layout);
            entry.Version = whh.Version;
        }
        layouts[w] = entry;
        return entry.Layout.View;
    }

    public override void Run(in DirectionRun r)
    {
        int B = r.B, T = r.T, D = Options.Directions, d = r.W.Direction;
        var layout = Layout(r.W);
        var hs = r.Tape.H;
        var cs = r.Tape.C;
        var dummy = hs.Tensor.View.SubView(0, 1);
        var bhh = r.W.BhhOrZero;
        for (int s = 0; s < T; s++)
        {
            int t = hs.Time(s);
            Launch(layout, hs.Entering(s), cs?.Entering(s) ?? dummy, bhh, Steps.Rows(r.Gx, t, B),
                hs.Leaving(s), cs?.Leaving(s) ?? dummy, Steps.Columns(r.Y, t, B, d, H),
                r.Store ? r.Tape.GatesAt(t, B) : dummy,
                r.Lengths, new StepArgs(B, H, Cell, D * H, t, r.Store));
        }
    }

    /// <summary>One step of a unidirectional layer for streaming: the state moves from (hPrev, cPrev) to (hNext, cNext).</summary>
    public void Step(DirectionWeights w, ArrayView<float> hPrev, ArrayView<float> cPrev, ArrayView<float> gx,
        ArrayView<float> hNext, ArrayView<float> cNext, ArrayView<float> y, ArrayView<int> ones, int batch)
    {
        var dummy = hPrev.SubView(0, 1);
        Launch(Layout(w), hPrev, cPrev, w.BhhOrZero, gx, hNext, cNext, y, dummy, ones, new StepArgs(batch, H, Cell, H, 0, false));
    }

    public override void Dispose()
    {
        foreach (var (layout, _) in layouts.Values)
            layout.Dispose();
        layouts.Clear();
    }
}

/// <summary>
/// The algorithms of one layer, created on first use, and the choice among them for a forward: the request (the
/// layer's <see cref="RecurrentLayer.Algorithm"/>), the device policy and, for the persistent kernel, its planner.
/// </summary>
internal sealed class RecurrenceChoice : IDisposable
{
    readonly ComputeDevice device;
    readonly RnnOptions options;
    FusedStepRecurrence? fused;
    RowStepRecurrence? row;
    TiledStepRecurrence? tiled;
    PersistentRecurrence? persistent;
    ProjectedRecurrence? projected;
    CellStepRecurrence? cellStep;
    CpuRecurrence? cpu;

    public RecurrenceChoice(ComputeDevice device, RnnOptions options)
    {
        this.device = device;
        this.options = options;
    }

    /// <summary>Caps the persistent planner's shared memory per group below the device's (tests); null: the device's.</summary>
    public long? PersistentSharedBytesLimit { get; set; }

    /// <summary>Caps the persistent kernel's threads per group (tests); null: the planner's.</summary>
    public int? PersistentMaxGroupSize { get; set; }

    /// <summary>The algorithm one launch per step uses on this device when not told otherwise (on the CPU accelerator its own
    /// recurrence, stepping once per launch: the streaming step).</summary>
    public PerStepRecurrence DefaultPerStep => device.Policy.CpuRecurrence ? Cpu.PerStep() : device.Policy.StepAlgorithm switch
    {
        RecurrenceAlgorithm.RowStep => Row,
        RecurrenceAlgorithm.TiledStep when FitsGroup(RnnKernels.TiledStepGroup) => Tiled,
        _ => Fused,
    };

    FusedStepRecurrence Fused => fused ??= new FusedStepRecurrence(device, options);
    RowStepRecurrence Row => row ??= new RowStepRecurrence(device, options);
    TiledStepRecurrence Tiled => tiled ??= new TiledStepRecurrence(device, options);
    CpuRecurrence Cpu => cpu ??= new CpuRecurrence(device, options);

    /// <summary>The generic per-step recurrence of a cell that is a type (streaming uses it too).</summary>
    public CellStepRecurrence CellStep => cellStep ??= new CellStepRecurrence(device, options);

    bool FitsGroup(int threads) => device.MaxGroupSize >= threads;

    /// <summary>The algorithm for a forward of batch <paramref name="batch"/> over <paramref name="steps"/> steps, and the
    /// persistent planner's verdict (with its reason) that led there.</summary>
    public (Recurrence Recurrence, PersistentPlan Plan) For(RecurrenceAlgorithm requested, int batch, int steps)
    {
        if (options.Cell.CellType is not null)
            return (CellStep, new PersistentPlan(false,
                $"the {options.Cell.Name} cell runs the generic cell kernels: per step its GEMMs and its cell kernels"));
        if (options.ProjSize > 0)
            return (projected ??= new ProjectedRecurrence(device, options),
                new PersistentPlan(false, "LSTM with a projection: per step a GEMM, the cell kernel and the projection GEMM"));
        var limits = DeviceLimits.Of(device);
        var plan = device.Policy.CpuRecurrence
            ? CpuRecurrence.Plan(requested, limits, options.Cell.Kind, batch, options.HiddenSize, steps, PersistentSharedBytesLimit, PersistentMaxGroupSize)
            : PersistentRecurrence.Plan(requested, limits, options.Cell.Kind, batch, options.HiddenSize, steps, PersistentSharedBytesLimit, PersistentMaxGroupSize);
        if (plan.Persistent)
        {
            if (device.Policy.CpuRecurrence)
                return (Cpu.Persistent(plan), plan);
            persistent ??= new PersistentRecurrence(device, options);
            persistent.CurrentPlan = plan;
            return (persistent, plan);
        }
        int group = requested switch
        {
            RecurrenceAlgorithm.RowStep => RnnKernels.RowStepGroup,
            RecurrenceAlgorithm.TiledStep => RnnKernels.TiledStepGroup,
            _ => 1,
        };
        if (!FitsGroup(group))
        {
            // The row and tiled steps launch groups of a fixed size; a device with smaller groups runs its default.
            return (DefaultPerStep, new PersistentPlan(false,
                $"the {requested} kernel needs groups of {group} threads, this device allows {device.MaxGroupSize}; " +
                $"ran {DefaultPerStep.Algorithm}"));
        }
        Recurrence perStep = requested switch
        {
            RecurrenceAlgorithm.FusedStep => device.Policy.CpuRecurrence ? Cpu.PerStep() : Fused,
            RecurrenceAlgorithm.RowStep => Row,
            RecurrenceAlgorithm.TiledStep => Tiled,
            _ => DefaultPerStep,
        };
        return (perStep, plan);
    }

    public void Dispose()
    {
        fused?.Dispose();
        row?.Dispose();
        tiled?.Dispose();
        persistent?.Dispose();
        projected?.Dispose();
        cellStep?.Dispose();
        cpu?.Dispose();
    }
}
