using RnnGpu.Kernels;

namespace RnnGpu;

/// <summary>Options of <see cref="Sgd"/>, PyTorch's torch.optim.SGD arguments.</summary>
/// <param name="LearningRate">lr.</param>
/// <param name="Momentum">momentum (default 0: no buffer).</param>
/// <param name="Dampening">dampening (default 0).</param>
/// <param name="WeightDecay">L2 weight decay added to the gradient (default 0).</param>
/// <param name="Nesterov">Nesterov momentum (needs momentum &gt; 0 and dampening 0).</param>
public sealed record SgdOptions(float LearningRate, float Momentum = 0f, float Dampening = 0f, float WeightDecay = 0f, bool Nesterov = false);

/// <summary>Options of <see cref="Adam"/>, PyTorch's torch.optim.Adam / AdamW arguments.</summary>
/// <param name="LearningRate">lr (default 1e-3).</param>
/// <param name="Beta1">beta1 (default 0.9).</param>
/// <param name="Beta2">beta2 (default 0.999).</param>
/// <param name="Eps">eps (default 1e-8).</param>
/// <param name="WeightDecay">Weight decay (default 0; PyTorch's AdamW default is 1e-2).</param>
/// <param name="Decoupled">AdamW: decoupled decay p *= 1 - lr*wd instead of adding wd*p to the gradient.</param>
public sealed record AdamOptions(float LearningRate = 1e-3f, float Beta1 = 0.9f, float Beta2 = 0.999f, float Eps = 1e-8f,
    float WeightDecay = 0f, bool Decoupled = false);

/// <summary>
/// An optimizer over a module's parameters. Every update runs as one kernel per parameter; nothing is read back
/// to the host. After each step every parameter's <see cref="DeviceTensor.Version"/> advances, so modules refresh what they derive from it. State tensors are
/// named <c>optimizer.&lt;param&gt;.&lt;state&gt;</c> in checkpoints (PyTorch's state names: exp_avg, exp_avg_sq,
/// momentum_buffer), the step count is <see cref="StepCount"/>.
/// </summary>
public abstract class Optimizer : IDisposable
{
    readonly List<(string Name, DeviceTensor Tensor)> state = new();
    bool disposed;

    /// <summary>Creates the optimizer for the module's parameters.</summary>
    /// <param name="module">The module.</param>
    protected private Optimizer(IModule module)
    {
        Module = module ?? throw new ArgumentNullException(nameof(module));
    }

    /// <summary>The module being optimised.</summary>
    public IModule Module { get; }

    /// <summary>Steps taken so far (PyTorch's per-parameter "step", shared by all parameters here).</summary>
    public long StepCount { get; internal set; }

    /// <summary>Learning rate of the next step (set it from a schedule before each step).</summary>
    public float LearningRate { get; set; }

    /// <summary>Kind written to checkpoint metadata, e.g. <c>adam</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>State tensors with their checkpoint names.</summary>
    public IReadOnlyList<(string Name, DeviceTensor Tensor)> State => state;

    private protected DeviceTensor AddState(string param, string what, IReadOnlyList<int> shape)
    {
        // Optimizer state lives as long as the optimizer, never in a step's DisposeScope.
        var t = DeviceTensor.Zeros(Module.NamedParameters[0].Parameter.Value.Device, shape.ToArray()).DetachFromDisposeScope();
        state.Add(($"optimizer.{param}.{what}", t));
        return t;
    }

    /// <summary>Applies one update from the current gradients; each parameter's <see cref="DeviceTensor.Version"/> advances.</summary>
    public void Step()
    {
        using var hold = DeviceHold.Of(Module.NamedParameters.Count > 0 ? Module.NamedParameters[0].Parameter.Value.Device : null);
        ObjectDisposedException.ThrowIf(disposed, this);
        StepCount++;
        Update();
        foreach (var p in Module.NamedParameters)
            p.Parameter.Value.MarkModified();
    }

    private protected abstract void Update();

    /// <inheritdoc />
    public void Dispose()
    {
        if (disposed)
            return;
        disposed = true;
        foreach (var (_, t) in state)
            t.Dispose();
    }
}

/// <summary>Stochastic gradient descent with optional momentum, Nesterov and weight decay, as torch.optim.SGD.</summary>
public sealed class Sgd : Optimizer
{
    readonly DeviceTensor?[] buffers;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="module">Module whose parameters are updated.</param>
    /// <param name="options">Hyper-parameters.</param>
    /// <exception cref="ArgumentException">Negative or non-finite values, or Nesterov without momentum / with dampening.</exception>
    public Sgd(IModule module, SgdOptions options) : base(module)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!(options.LearningRate >= 0) || !(options.Momentum >= 0) || !(options.WeightDecay >= 0) || !float.IsFinite(options.LearningRate))
            throw new ArgumentException($"SGD needs finite lr, momentum and weight_decay >= 0, got {options}.", nameof(options));
        if (options.Nesterov && (options.Momentum <= 0 || options.Dampening != 0))
            throw new ArgumentException("Nesterov momentum requires a momentum > 0 and zero dampening.", nameof(options));
        Options = options;
        LearningRate = options.LearningRate;
        buffers = module.NamedParameters.Select(p => options.Momentum != 0
            ? AddState(p.Name, "momentum_buffer", p.Parameter.Value.Shape) : null).ToArray();
    }

    /// <summary>Hyper-parameters (the learning rate in use is <see cref="Optimizer.LearningRate"/>).</summary>
    public SgdOptions Options { get; }

    /// <inheritdoc />
    public override string Kind => "sgd";

    private protected override void Update()
    {
        var a = new SgdArgs(LearningRate, Options.Momentum, Options.Dampening, Options.WeightDecay, Options.Nesterov, StepCount == 1);
        var ps = Module.NamedParameters;
        for (int i = 0; i < ps.Count; i++)
        {
            var p = ps[i].Parameter;
            var buf = buffers[i]?.View ?? p.Value.View.SubView(0, 1);
            p.Value.Device.Kernels.SgdStep(p.Value.View, p.Grad.View, buf, a);
        }
    }
}

/// <summary>Adam, or AdamW with <see cref="AdamOptions.Decoupled"/>, as torch.optim.Adam / AdamW (bias-corrected, amsgrad off).</summary>
public sealed class Adam : Optimizer
{
    readonly DeviceTensor[] m, v;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="module">Module whose parameters are updated.</param>
    /// <param name="options">Hyper-parameters; null for PyTorch's Adam defaults.</param>
    /// <exception cref="ArgumentException">A value is outside its range (betas in [0, 1), eps and lr positive...).</exception>
    public Adam(IModule module, AdamOptions? options = null) : base(module)
    {
        options ??= new AdamOptions();
        if (!(options.LearningRate >= 0) || !(options.Beta1 >= 0 && options.Beta1 < 1) || !(options.Beta2 >= 0 && options.Beta2 < 1)
            || !(options.Eps >= 0) || !(options.WeightDecay >= 0))
            throw new ArgumentException($"Adam needs lr >= 0, betas in [0, 1), eps >= 0 and weight_decay >= 0, got {options}.", nameof(options));
        Options = options;
        LearningRate = options.LearningRate;
        var ps = module.NamedParameters;
        m = ps.Select(p => AddState(p.Name, "exp_avg", p.Parameter.Value.Shape)).ToArray();
        v = ps.Select(p => AddState(p.Name, "exp_avg_sq", p.Parameter.Value.Shape)).ToArray();
    }

    /// <summary>Hyper-parameters (the learning rate in use is <see cref="Optimizer.LearningRate"/>).</summary>
    public AdamOptions Options { get; }

    /// <inheritdoc />
    public override string Kind => Options.Decoupled ? "adamw" : "adam";

    private protected override void Update()
    {
        var a = new AdamArgs(LearningRate, Options.Beta1, Options.Beta2, Options.Eps, Options.WeightDecay, Options.Decoupled, StepCount);
        var ps = Module.NamedParameters;
        for (int i = 0; i < ps.Count; i++)
        {
            var p = ps[i].Parameter;
            p.Value.Device.Kernels.AdamStep(p.Value.View, p.Grad.View, m[i].View, v[i].View, a);
        }
    }
}

/// <summary>Gradient clipping over all of a module's gradients.</summary>
public static class GradClip
{
    /// <summary>
    /// Clips by global L2 norm, as torch.nn.utils.clip_grad_norm_: the sum of squares of every gradient accumulates into a
    /// device scalar, then each gradient is scaled by min(1, maxNorm / (norm + 1e-6)) read on the device. No host round trip.
    /// </summary>
    /// <param name="parameters">Parameters whose gradients are clipped.</param>
    /// <param name="maxNorm">Largest allowed norm (positive).</param>
    /// <param name="sumOfSquares">Optional device scalar (1) that receives the sum of squares before clipping; else a temporary.</param>
    public static void ByNorm(IEnumerable<Parameter> parameters, float maxNorm, DeviceTensor? sumOfSquares = null)
    {
        using var hold = DeviceHold.Of(DeviceHold.DeviceOf(parameters));
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(maxNorm > 0) || !float.IsFinite(maxNorm))
            throw new ArgumentException($"maxNorm must be positive and finite, got {maxNorm}.", nameof(maxNorm));
        var ps = parameters.ToArray();
        if (ps.Length == 0)
            return;
        var dev = ps[0].Grad.Device;
        DeviceTensor? temp = sumOfSquares is null ? DeviceTensor.Uninitialized(dev, 1) : null;
        var s = sumOfSquares ?? temp!;
        try
        {
            for (int i = 0; i < ps.Length; i++)
                Reductions.SumOfSquares(ps[i].Grad, s, 0, accumulate: i > 0);
            foreach (var p in ps)
                dev.Kernels.ClipByNorm(p.Grad.View, s.View, 0, maxNorm);
        }
        finally
        {
            temp?.Dispose();
        }
    }

    /// <summary>As <see cref="ByNorm(IEnumerable{Parameter}, float, DeviceTensor?)"/>, then reads the total norm before clipping
    /// back to the host (synchronises).</summary>
    /// <param name="parameters">Parameters whose gradients are clipped.</param>
    /// <param name="maxNorm">Largest allowed norm.</param>
    /// <returns>The global norm before clipping.</returns>
    public static float ByNormAndRead(IEnumerable<Parameter> parameters, float maxNorm)
    {
        using var hold = DeviceHold.Of(DeviceHold.DeviceOf(parameters));
        var ps = parameters.ToArray();
        if (ps.Length == 0)
            return 0f;
        using var s = DeviceTensor.Uninitialized(ps[0].Grad.Device, 1);
        ByNorm(ps, maxNorm, s);
        return MathF.Sqrt(s.ToArray()[0]);
    }

    /// <summary>Clamps every gradient element into [-limit, limit], as torch.nn.utils.clip_grad_value_.</summary>
    /// <param name="parameters">Parameters whose gradients are clipped.</param>
    /// <param name="limit">Non-negative bound.</param>
    public static void ByValue(IEnumerable<Parameter> parameters, float limit)
    {
        using var hold = DeviceHold.Of(DeviceHold.DeviceOf(parameters));
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(limit >= 0) || !float.IsFinite(limit))
            throw new ArgumentException($"limit must be non-negative and finite, got {limit}.", nameof(limit));
        foreach (var p in parameters)
            p.Grad.Device.Kernels.ClipByValue(p.Grad.View, limit);
    }
}

/// <summary>Learning-rate schedules as pure functions of the step (0-based step of the update about to run).</summary>
public static class LrSchedule
{
    /// <summary>StepLR: baseLr * gamma^(floor(step / stepSize)).</summary>
    /// <param name="baseLr">Initial rate.</param>
    /// <param name="step">Step index from 0.</param>
    /// <param name="stepSize">Steps between decays (positive).</param>
    /// <param name="gamma">Decay factor.</param>
    public static float Step(float baseLr, long step, int stepSize, float gamma)
    {
        if (stepSize <= 0) throw new ArgumentException($"stepSize must be positive, got {stepSize}.", nameof(stepSize));
        return (float)(baseLr * Math.Pow(gamma, step / stepSize));
    }

    /// <summary>Cosine annealing: minLr + (baseLr - minLr) (1 + cos(pi * step / totalSteps)) / 2, held at minLr after totalSteps.</summary>
    /// <param name="baseLr">Initial rate.</param>
    /// <param name="step">Step index from 0.</param>
    /// <param name="totalSteps">Length of the schedule (positive).</param>
    /// <param name="minLr">Final rate (default 0).</param>
    public static float Cosine(float baseLr, long step, long totalSteps, float minLr = 0f)
    {
        if (totalSteps <= 0) throw new ArgumentException($"totalSteps must be positive, got {totalSteps}.", nameof(totalSteps));
        double t = Math.Min(step, totalSteps) / (double)totalSteps;
        return (float)(minLr + (baseLr - minLr) * (1 + Math.Cos(Math.PI * t)) / 2);
    }

    /// <summary>Linear warm-up: baseLr * (step + 1) / warmupSteps for the first warmupSteps steps, then <paramref name="after"/>(step)
    /// (baseLr when null).</summary>
    /// <param name="baseLr">Rate reached at the end of warm-up.</param>
    /// <param name="step">Step index from 0.</param>
    /// <param name="warmupSteps">Warm-up length (non-negative).</param>
    /// <param name="after">Schedule after warm-up, called with the step index.</param>
    public static float LinearWarmup(float baseLr, long step, int warmupSteps, Func<long, float>? after = null)
    {
        if (warmupSteps < 0) throw new ArgumentException($"warmupSteps must be non-negative, got {warmupSteps}.", nameof(warmupSteps));
        if (step < warmupSteps)
            return (float)(baseLr * (step + 1.0) / warmupSteps);
        return after?.Invoke(step) ?? baseLr;
    }
}
