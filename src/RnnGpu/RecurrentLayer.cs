using ILGPU;
using ILGPU.Runtime;
using RnnGpu.Kernels;

namespace RnnGpu;

/// <summary>The recurrent cell of a <see cref="RecurrentLayer"/> (PyTorch's <c>mode</c>).</summary>
public enum RnnMode
{
    /// <summary>Vanilla RNN with tanh (nn.RNN, nonlinearity='tanh').</summary>
    RnnTanh,
    /// <summary>Vanilla RNN with ReLU (nn.RNN, nonlinearity='relu').</summary>
    RnnRelu,
    /// <summary>LSTM (nn.LSTM), gate rows i, f, g, o.</summary>
    Lstm,
    /// <summary>GRU (nn.GRU), gate rows r, z, n.</summary>
    Gru,
}

/// <summary>Configuration of a <see cref="RecurrentLayer"/>, PyTorch's nn.RNN/LSTM/GRU arguments.</summary>
/// <param name="Mode">Cell kind.</param>
/// <param name="InputSize">Features I of the input.</param>
/// <param name="HiddenSize">Hidden size H.</param>
/// <param name="NumLayers">Stacked layers L (default 1).</param>
/// <param name="Bidirectional">Run a reverse direction too (D = 2); outputs are concatenated [forward, reverse].</param>
/// <param name="BatchFirst">Input and output are (B, T, features) instead of (T, B, features); states are not affected.</param>
/// <param name="Dropout">Dropout probability on the outputs of every layer but the last, in training only (default 0).</param>
/// <param name="Seed">Seed of the default initialisation U(-1/sqrt(H), 1/sqrt(H)) and of dropout masks.</param>
/// <param name="CheckFinite">Opt-in: report NaN or Inf in inputs, states, outputs and gradients with the layer and step
/// where it first appears (costs a synchronisation per layer).</param>
public sealed record RnnOptions(RnnMode Mode, int InputSize, int HiddenSize, int NumLayers = 1, bool Bidirectional = false,
    bool BatchFirst = false, float Dropout = 0f, ulong Seed = 0, bool CheckFinite = false);

/// <summary>A named parameter and its gradient, both on the device.</summary>
public sealed class Parameter
{
    internal Parameter(string name, DeviceTensor value, DeviceTensor grad)
    {
        Name = name;
        Value = value;
        Grad = grad;
    }

    /// <summary>PyTorch state_dict name, e.g. <c>weight_hh_l0_reverse</c>.</summary>
    public string Name { get; }

    /// <summary>The value.</summary>
    public DeviceTensor Value { get; }

    /// <summary>The gradient; backward accumulates into it (+=), <see cref="RecurrentLayer.ZeroGrad"/> clears it.</summary>
    public DeviceTensor Grad { get; }
}

/// <summary>Result of <see cref="RecurrentLayer.Forward"/>; the caller owns (and disposes) the tensors.</summary>
public sealed class RnnOutput : IDisposable
{
    internal RnnOutput(DeviceTensor output, DeviceTensor hN, DeviceTensor? cN)
    {
        Output = output;
        HN = hN;
        CN = cN;
    }

    /// <summary>Output (T, B, D*H), or (B, T, D*H) with batch-first; zero past each sequence's length.</summary>
    public DeviceTensor Output { get; }

    /// <summary>Final hidden states (L*D, B, H), each sequence's state at its own last step.</summary>
    public DeviceTensor HN { get; }

    /// <summary>Final cell states (L*D, B, H) for LSTM, else null.</summary>
    public DeviceTensor? CN { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        Output.Dispose();
        HN.Dispose();
        CN?.Dispose();
    }
}

/// <summary>Input gradients of <see cref="RecurrentLayer.Backward"/>; the caller owns the tensors.</summary>
public sealed class RnnInputGradients : IDisposable
{
    internal RnnInputGradients(DeviceTensor dInput, DeviceTensor dH0, DeviceTensor? dC0)
    {
        DInput = dInput;
        DH0 = dH0;
        DC0 = dC0;
    }

    /// <summary>dL/dinput, shaped like the input.</summary>
    public DeviceTensor DInput { get; }

    /// <summary>dL/dh0 (L*D, B, H).</summary>
    public DeviceTensor DH0 { get; }

    /// <summary>dL/dc0 (L*D, B, H) for LSTM, else null.</summary>
    public DeviceTensor? DC0 { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        DInput.Dispose();
        DH0.Dispose();
        DC0?.Dispose();
    }
}

/// <summary>
/// A stacked, optionally bidirectional RNN (tanh or ReLU), LSTM or GRU layer whose forward and
/// backpropagation through time run as kernels on one <see cref="ComputeDevice"/>, with PyTorch's
/// semantics, parameter names and layouts.
/// </summary>
/// <remarks>
/// <para>Forward, per layer and direction: one GEMM projects all T steps (Gx = X W_ih^T + b_ih); then per
/// step one fused kernel computes h[t-1] W_hh^T + b_hh and the whole cell. On CUDA, for batches up to 16 whose
/// W_hh slices fit the groups' shared memory, the steps are instead one persistent kernel launch that keeps W_hh
/// on chip for all T steps (same states, outputs and stored gates). Backward, in reverse time:
/// per step one elementwise kernel gives the gate gradients and one GEMM gives dh[t-1]; after the loop
/// the weight gradients are single GEMMs over all T*B rows, the bias gradients deterministic column sums,
/// and dX one GEMM. No step copies anything to the host or waits for the device.</para>
/// <para>Gradient rule: parameter gradients accumulate (+=) across <see cref="Backward"/> calls until
/// <see cref="ZeroGrad"/>; input and initial-state gradients are returned fresh (=).</para>
/// <para>Memory: inference stores nothing for backward (two state slots per direction). Training stores,
/// per step, layer and direction, 4*B*StoredGates + 4*B*H bytes (+ 4*B*H for LSTM cell states), where
/// StoredGates is H for RNN and 4H for LSTM (i, f, g, o) and GRU (r, z, n, W_hn h + b_hn); see
/// <see cref="TrainingBytesPerStep"/>. Dropout adds 4*B*D*H per step for each layer but the last.</para>
/// </remarks>
public sealed partial class RecurrentLayer : IDisposable
{
    readonly ComputeDevice device;
    readonly CellKind cell;
    readonly Parameter[] parameters;
    readonly Dictionary<string, Parameter> byName = new();
    readonly DeviceTensor[] whhT; // per layer/direction: W_hh^T (H, G*H), or interleaved (H, H*Gi) for the row step
    readonly DeviceTensor[] wihT; // per layer/direction: W_ih^T (In, G*H), so the input GEMM reads contiguous columns
    bool useRowStep;
    long parameterVersion = 1, transposedVersion;
    uint dropoutCalls;
    Tape? tape;
    bool disposed;

    /// <summary>Creates the layer with PyTorch's default initialisation U(-1/sqrt(H), 1/sqrt(H)) from <see cref="RnnOptions.Seed"/>.</summary>
    /// <param name="device">Device holding parameters and running kernels.</param>
    /// <param name="options">Configuration.</param>
    /// <exception cref="ArgumentException">A size is not positive, or dropout is outside [0, 1).</exception>
    public RecurrentLayer(ComputeDevice device, RnnOptions options)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(options);
        if (options.InputSize <= 0 || options.HiddenSize <= 0 || options.NumLayers <= 0)
            throw new ArgumentException(
                $"InputSize ({options.InputSize}), HiddenSize ({options.HiddenSize}) and NumLayers ({options.NumLayers}) must be positive.",
                nameof(options));
        if (!(options.Dropout >= 0f && options.Dropout < 1f))
            throw new ArgumentException($"Dropout must be in [0, 1), got {options.Dropout}.", nameof(options));
        this.device = device;
        Options = options;
        cell = options.Mode switch
        {
            RnnMode.RnnTanh => CellKind.RnnTanh,
            RnnMode.RnnRelu => CellKind.RnnRelu,
            RnnMode.Lstm => CellKind.Lstm,
            _ => CellKind.Gru,
        };
        int g = Gates, h = options.HiddenSize;
        var rng = new Random(unchecked((int)options.Seed ^ (int)(options.Seed >> 32)));
        float bound = 1f / MathF.Sqrt(h);
        var list = new List<Parameter>();
        whhT = new DeviceTensor[Layers * Directions];
        wihT = new DeviceTensor[Layers * Directions];
        useRowStep = device.Kernels.PrefersRowStep;
        for (int l = 0; l < Layers; l++)
        {
            for (int d = 0; d < Directions; d++)
            {
                string suffix = $"_l{l}" + (d == 1 ? "_reverse" : "");
                int inSize = l == 0 ? options.InputSize : Directions * h;
                foreach (var (name, shape) in new (string, int[])[]
                {
                    ("weight_ih" + suffix, new[] { g * h, inSize }),
                    ("weight_hh" + suffix, new[] { g * h, h }),
                    ("bias_ih" + suffix, new[] { g * h }),
                    ("bias_hh" + suffix, new[] { g * h }),
                })
                {
                    long n = shape.Aggregate(1L, (a, b) => a * b);
                    var init = new float[n];
                    for (long i = 0; i < n; i++)
                        init[i] = (float)((rng.NextDouble() * 2 - 1) * bound);
                    var p = new Parameter(name, DeviceTensor.FromHost(device, init, shape), DeviceTensor.Zeros(device, shape));
                    list.Add(p);
                    byName[name] = p;
                }
                whhT[l * Directions + d] = DeviceTensor.Uninitialized(device, h, Math.Max(g, RnnKernels.InterleavedGates(cell)) * h);
                wihT[l * Directions + d] = DeviceTensor.Uninitialized(device, inSize, g * h);
            }
        }
        parameters = list.ToArray();
    }

    /// <summary>The configuration.</summary>
    public RnnOptions Options { get; }

    /// <summary>The device.</summary>
    public ComputeDevice Device => device;

    /// <summary>Gates G: 1 (RNN), 4 (LSTM), 3 (GRU).</summary>
    public int Gates => cell switch { CellKind.Lstm => 4, CellKind.Gru => 3, _ => 1 };

    /// <summary>Directions D (2 when bidirectional).</summary>
    public int Directions => Options.Bidirectional ? 2 : 1;

    /// <summary>Layers L.</summary>
    public int Layers => Options.NumLayers;

    int H => Options.HiddenSize;

    /// <summary>All parameters in PyTorch's state_dict order.</summary>
    public IReadOnlyList<Parameter> Parameters => parameters;

    /// <summary>The parameter with the given PyTorch name.</summary>
    /// <param name="name">e.g. <c>weight_ih_l0</c>.</param>
    /// <exception cref="KeyNotFoundException">No such parameter; the message lists the names.</exception>
    public Parameter this[string name] => byName.TryGetValue(name, out var p) ? p
        : throw new KeyNotFoundException($"No parameter '{name}'. Parameters: {string.Join(", ", byName.Keys)}.");

    /// <summary>Bytes stored for backward per time step, layer and direction in training mode, for batch size B.</summary>
    /// <param name="batch">Batch size B.</param>
    public long TrainingBytesPerStep(int batch) =>
        4L * batch * (RnnKernels.StoredGates(cell, H) + H + (cell == CellKind.Lstm ? H : 0));

    /// <summary>Overwrites a parameter from host data, checking its shape.</summary>
    /// <param name="name">PyTorch name.</param>
    /// <param name="data">Row-major values.</param>
    /// <param name="shape">The shape the data has; must equal the parameter's.</param>
    /// <exception cref="ArgumentException">Shape or length mismatch, naming the tensor and both shapes.</exception>
    public void LoadParameter(string name, ReadOnlySpan<float> data, IReadOnlyList<int> shape)
    {
        ThrowIfDisposed();
        var p = this[name];
        if (!p.Value.Shape.SequenceEqual(shape))
            throw new ArgumentException($"Parameter '{name}' has shape {p.Value.ShapeText}, got {Shapes.Format(shape)}.", nameof(shape));
        if (data.Length != p.Value.Length)
            throw new ArgumentException($"Parameter '{name}' {p.Value.ShapeText} needs {p.Value.Length} values, got {data.Length}.", nameof(data));
        p.Value.CopyFromHost(data);
        ParametersChanged();
    }

    /// <summary>Tells the layer that parameter values were written directly (cached transposes are refreshed).</summary>
    public void ParametersChanged() => parameterVersion++;

    /// <summary>Sets every parameter gradient to zero.</summary>
    public void ZeroGrad()
    {
        ThrowIfDisposed();
        foreach (var p in parameters)
            p.Grad.Fill(0f);
    }

    void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(disposed, this);

    void RefreshTransposes()
    {
        // W_hh^T (H, G*H): the fused step kernel reads it with consecutive hidden units contiguous; the row
        // step reads the interleaved form, with one unit's gates adjacent. W_ih^T (In, G*H) feeds the input GEMM.
        if (transposedVersion == parameterVersion)
            return;
        int gh = Gates * H, gi = RnnKernels.InterleavedGates(cell);
        for (int l = 0; l < Layers; l++)
            for (int d = 0; d < Directions; d++)
            {
                int ld = l * Directions + d;
                if (useRowStep)
                    device.Kernels.InterleaveTranspose(WeightHh(l, d).View, whhT[ld].View.SubView(0, (long)H * H * gi), H, Gates, gi);
                else
                    device.Kernels.Transpose(WeightHh(l, d).View, whhT[ld].View, gh, H);
                device.Kernels.Transpose(WeightIh(l, d).View, wihT[ld].View, gh, InSize(l));
            }
        transposedVersion = parameterVersion;
    }

    /// <summary>Forces (or disables) the row-shaped step kernel; for tests on devices that do not pick it.</summary>
    internal bool UseRowStep
    {
        get => useRowStep;
        set
        {
            useRowStep = value;
            transposedVersion = 0;
        }
    }

    /// <summary>Persistent kernel or one launch per step (default <see cref="StepMode.Auto"/>); for tests and benchmarks.</summary>
    internal StepMode StepMode { get; set; } = StepMode.Auto;

    /// <summary>Caps the shared memory per group the persistent planner may use below the device's (tests of the
    /// tiled and the does-not-fit paths on accelerators with unlimited shared memory); null: the device's.</summary>
    internal long? PersistentSharedBytesLimit { get; set; }

    /// <summary>Caps the persistent kernel's threads per group (tests: other k-splits, fewer simulated threads); null: the planner's.</summary>
    internal int? PersistentMaxGroupSize { get; set; }

    /// <summary>The plan of the last <see cref="Forward"/>: whether it ran the persistent kernel, and why.</summary>
    internal PersistentPlan? LastPlan { get; private set; }

    void Step(int ld, ArrayView<float> hPrev, ArrayView<float> cPrev, ArrayView<float> bhh, ArrayView<float> gx,
        ArrayView<float> hNext, ArrayView<float> cNext, ArrayView<float> y, ArrayView<float> gates, ArrayView<int> lengths, in StepArgs p)
    {
        if (useRowStep)
            device.Kernels.StepForwardRows(hPrev, cPrev, whhT[ld].View, bhh, gx, hNext, cNext, y, gates, lengths, p);
        else
            device.Kernels.StepForward(hPrev, cPrev, whhT[ld].View, bhh, gx, hNext, cNext, y, gates, lengths, p);
    }

    Parameter P(string kind, int l, int d) => byName[$"{kind}_l{l}" + (d == 1 ? "_reverse" : "")];
    DeviceTensor WeightIh(int l, int d) => P("weight_ih", l, d).Value;
    DeviceTensor WeightHh(int l, int d) => P("weight_hh", l, d).Value;

    int InSize(int l) => l == 0 ? Options.InputSize : Directions * H;

    sealed class Tape : IDisposable
    {
        public int T, B;
        public DeviceTensor[] LayerIn = Array.Empty<DeviceTensor>();   // [l]: (T*B, In), seq-major
        public DeviceTensor[] Hs = Array.Empty<DeviceTensor>();        // [ld]: (T+1, B, H), time-ordered prev states + final slot T
        public DeviceTensor?[] Cs = Array.Empty<DeviceTensor?>();      // [ld]: likewise (LSTM)
        public DeviceTensor[] Gates = Array.Empty<DeviceTensor>();     // [ld]: (T, B, StoredGates)
        public DeviceTensor?[] DropMask = Array.Empty<DeviceTensor?>(); // [l]: (T*B, D*H) for l < L-1
        public MemoryBuffer1D<int, Stride1D.Dense>? Lengths;
        public readonly List<IDisposable> Owned = new();

        public void Dispose()
        {
            foreach (var o in Owned)
                o.Dispose();
            Lengths?.Dispose();
        }
    }

    /// <summary>
    /// Runs the layer over a batch of sequences.
    /// </summary>
    /// <param name="input">(T, B, I), or (B, T, I) with batch-first.</param>
    /// <param name="h0">Initial hidden states (L*D, B, H), or null for zeros.</param>
    /// <param name="c0">Initial cell states (L*D, B, H) (LSTM only), or null for zeros.</param>
    /// <param name="lengths">Per-sequence lengths (B values in 1..T), or null for all T. Steps past a sequence's
    /// length output zero and leave its state alone; the reverse direction starts at the sequence's last step.</param>
    /// <param name="training">Store what <see cref="Backward"/> needs and apply dropout.</param>
    /// <returns>Output and final states; the caller disposes them.</returns>
    /// <exception cref="ArgumentException">A shape, length or state does not fit, named in the message; raised before any kernel runs.</exception>
    public RnnOutput Forward(DeviceTensor input, DeviceTensor? h0 = null, DeviceTensor? c0 = null,
        IReadOnlyList<int>? lengths = null, bool training = false)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(input);
        int I = Options.InputSize, LD = Layers * Directions, D = Directions, G = Gates;
        Shapes.RequireSameDevice(input, parameters[0].Value);
        if (input.Rank != 3 || input.Shape[2] != I)
            throw new ArgumentException(
                $"input has shape {input.ShapeText}, expected ({(Options.BatchFirst ? "B, T" : "T, B")}, {I}) with input size {I}.",
                nameof(input));
        int T = Options.BatchFirst ? input.Shape[1] : input.Shape[0];
        int B = Options.BatchFirst ? input.Shape[0] : input.Shape[1];
        int[] lens = CheckLengths(lengths, T, B);
        CheckState(h0, nameof(h0), LD, B);
        if (c0 is not null && cell != CellKind.Lstm)
            throw new ArgumentException($"c0 was given, but a {Options.Mode} layer has no cell state.", nameof(c0));
        CheckState(c0, nameof(c0), LD, B);
        if (Options.CheckFinite)
        {
            int steps = T, batch = B;
            bool bf = Options.BatchFirst;
            Finite.Check(device, input, "the input", i => $"step {(bf ? i / I % steps : i / ((long)batch * I))}");
            if (h0 is not null) Finite.Check(device, h0, "h0", i => $"layer {i / ((long)batch * H) / D}");
            if (c0 is not null) Finite.Check(device, c0, "c0", i => $"layer {i / ((long)batch * H) / D}");
        }

        tape?.Dispose();
        tape = null;
        RefreshTransposes();
        var k = device.Kernels;
        var plan = PersistentStep.Plan(StepMode, DeviceLimits.Of(device), cell, B, H, T, PersistentSharedBytesLimit, PersistentMaxGroupSize);
        LastPlan = plan;
        var run = new Tape { T = T, B = B, LayerIn = new DeviceTensor[Layers], Hs = new DeviceTensor[LD], Cs = new DeviceTensor?[LD],
            Gates = new DeviceTensor[LD], DropMask = new DeviceTensor?[Layers] };
        var inference = new List<IDisposable>();
        var owned = training ? run.Owned : inference;
        try
        {
            run.Lengths = device.Accelerator.Allocate1D(lens);
            // Sequence-major input (T*B, I).
            DeviceTensor x;
            if (Options.BatchFirst)
            {
                x = DeviceTensor.Uninitialized(device, T * B, I);
                owned.Add(x);
                k.SwapOuter(input.View, x.View, B, T, I);
            }
            else
            {
                x = input.Reshape(T * B, I);
            }
            var hN = DeviceTensor.Uninitialized(device, LD, B, H);
            var cN = cell == CellKind.Lstm ? DeviceTensor.Uninitialized(device, LD, B, H) : null;
            using var gx = DeviceTensor.Uninitialized(device, T * B, G * H);
            DeviceTensor? y = null;
            for (int l = 0; l < Layers; l++)
            {
                run.LayerIn[l] = x;
                y = DeviceTensor.Uninitialized(device, T * B, D * H);
                if (l < Layers - 1)
                    owned.Add(y);
                for (int d = 0; d < D; d++)
                {
                    int ld = l * D + d;
                    // Gx = X W_ih^T + b_ih, all T steps in one GEMM.
                    Blas.Gemm(x, wihT[ld], gx, bias: P("bias_ih", l, d).Value);
                    int slots = training ? T + 1 : 2;
                    var hs = DeviceTensor.Uninitialized(device, slots, B, H);
                    var cs = cell == CellKind.Lstm ? DeviceTensor.Uninitialized(device, slots, B, H) : null;
                    var gates = training ? DeviceTensor.Uninitialized(device, T, B, RnnKernels.StoredGates(cell, H)) : null;
                    owned.Add(hs);
                    if (cs is not null) owned.Add(cs);
                    if (gates is not null) owned.Add(gates);
                    run.Hs[ld] = hs; run.Cs[ld] = cs; run.Gates[ld] = gates!;

                    int first = d == 0 ? 0 : T - 1;
                    int PrevSlot(int s) => training ? (d == 0 ? s : T - 1 - s) : s % 2;
                    int NextSlot(int s) => training ? (s == T - 1 ? T : (d == 0 ? s + 1 : T - 2 - s)) : (s + 1) % 2;
                    var s0 = Slot(hs, PrevSlot(0), B);
                    if (h0 is null) k.Fill(s0, 0f); else h0.View.SubView((long)ld * B * H, B * H).CopyTo(s0);
                    if (cs is not null)
                    {
                        var c0s = Slot(cs, PrevSlot(0), B);
                        if (c0 is null) k.Fill(c0s, 0f); else c0.View.SubView((long)ld * B * H, B * H).CopyTo(c0s);
                    }
                    var bhh = P("bias_hh", l, d).Value.View;
                    var dummy = hs.View.SubView(0, 1);
                    if (plan.Persistent)
                    {
                        // All T steps in one launch; the same slots, outputs and stored gates as the loop below.
                        k.PersistentForward(plan, WeightHh(l, d).View, bhh, gx.View, hs.View, cs is null ? dummy : cs.View,
                            y.View.SubView(d * H, (long)T * B * D * H - d * H), gates is null ? dummy : gates.View, run.Lengths.View,
                            plan.Args(B, H, cell, D * H, T, store: training, reverse: d == 1, tape: training));
                    }
                    else
                    {
                        for (int s = 0; s < T; s++)
                        {
                            int t = d == 0 ? s : T - 1 - s;
                            var p = new StepArgs(B, H, cell, D * H, t, training);
                            Step(ld, Slot(hs, PrevSlot(s), B), cs is null ? dummy : Slot(cs, PrevSlot(s), B), bhh,
                                gx.View.SubView((long)t * B * G * H, (long)B * G * H),
                                Slot(hs, NextSlot(s), B), cs is null ? dummy : Slot(cs, NextSlot(s), B),
                                y.View.SubView((long)t * B * D * H + d * H, (long)B * D * H - d * H),
                                gates is null ? dummy : gates.View.SubView((long)t * B * gates.Shape[2], (long)B * gates.Shape[2]),
                                run.Lengths.View, p);
                        }
                    }
                    Slot(hs, NextSlot(T - 1), B).CopyTo(hN.View.SubView((long)ld * B * H, B * H));
                    if (cs is not null)
                        Slot(cs, NextSlot(T - 1), B).CopyTo(cN!.View.SubView((long)ld * B * H, B * H));
                }
                if (Options.CheckFinite)
                    Finite.Check(device, y, $"the forward output of layer {l}", i => $"step {i / ((long)B * D * H)}, layer {l}");
                if (l < Layers - 1 && training && Options.Dropout > 0f)
                {
                    var mask = DeviceTensor.Uninitialized(device, T * B, D * H);
                    var dropped = DeviceTensor.Uninitialized(device, T * B, D * H);
                    owned.Add(mask);
                    owned.Add(dropped);
                    k.DropoutForward(y.View, dropped.View, mask.View, Options.Dropout, (uint)Options.Seed ^ (uint)(Options.Seed >> 32),
                        unchecked(++dropoutCalls * 7919u + (uint)l));
                    run.DropMask[l] = mask;
                    y = dropped;
                }
                x = y;
            }
            DeviceTensor output;
            if (Options.BatchFirst)
            {
                output = DeviceTensor.Uninitialized(device, B, T, D * H);
                k.SwapOuter(y!.View, output.View, T, B, D * H);
                y.Dispose();
            }
            else
            {
                output = y!.AdoptAs(T, B, D * H);
            }
            if (training)
            {
                // Keep the last layer's input alive for backward; the output tensor belongs to the caller.
                tape = run;
                run = null;
            }
            return new RnnOutput(output, hN, cN);
        }
        finally
        {
            foreach (var o in inference)
                o.Dispose();
            run?.Dispose();
        }
    }

    static ArrayView<float> Slot(DeviceTensor states, int slot, int b) =>
        states.View.SubView((long)slot * b * states.Shape[2], (long)b * states.Shape[2]);

    int[] CheckLengths(IReadOnlyList<int>? lengths, int t, int b)
    {
        if (lengths is null)
            return Enumerable.Repeat(t, b).ToArray();
        if (lengths.Count != b)
            throw new ArgumentException($"lengths has {lengths.Count} entries, but the input has batch size {b}.", nameof(lengths));
        for (int i = 0; i < lengths.Count; i++)
            if (lengths[i] < 1 || lengths[i] > t)
                throw new ArgumentException($"lengths[{i}] = {lengths[i]} is outside 1..{t} (T of the input).", nameof(lengths));
        return lengths.ToArray();
    }

    void CheckState(DeviceTensor? s, string name, int ld, int b)
    {
        if (s is null)
            return;
        Shapes.RequireSameDevice(s, parameters[0].Value);
        if (s.Rank != 3 || s.Shape[0] != ld || s.Shape[1] != b || s.Shape[2] != H)
            throw new ArgumentException($"{name} has shape {s.ShapeText}, expected ({ld}, {b}, {H}) = (layers*directions, batch, hidden).", name);
    }

    /// <summary>
    /// Backpropagation through time for the last training-mode <see cref="Forward"/>. Parameter gradients
    /// accumulate (+=) into <see cref="Parameter.Grad"/>.
    /// </summary>
    /// <param name="dOutput">dL/doutput, shaped like the output, or null for zero.</param>
    /// <param name="dhN">dL/dh_n (L*D, B, H), or null for zero.</param>
    /// <param name="dcN">dL/dc_n (L*D, B, H) (LSTM only), or null for zero.</param>
    /// <returns>dL/dinput, dL/dh0 and dL/dc0; the caller disposes them.</returns>
    /// <exception cref="InvalidOperationException">No training-mode forward to differentiate.</exception>
    /// <exception cref="ArgumentException">A gradient's shape does not fit, named in the message.</exception>
    public RnnInputGradients Backward(DeviceTensor? dOutput, DeviceTensor? dhN = null, DeviceTensor? dcN = null)
    {
        ThrowIfDisposed();
        var run = tape ?? throw new InvalidOperationException("Backward needs a preceding Forward with training: true.");
        int T = run.T, B = run.B, D = Directions, G = Gates, LD = Layers * D;
        if (dOutput is not null)
        {
            Shapes.RequireSameDevice(dOutput, parameters[0].Value);
            int[] expected = Options.BatchFirst ? new[] { B, T, D * H } : new[] { T, B, D * H };
            Shapes.RequireShape(dOutput, expected, nameof(dOutput));
        }
        CheckState(dhN, nameof(dhN), LD, B);
        if (dcN is not null && cell != CellKind.Lstm)
            throw new ArgumentException($"dcN was given, but a {Options.Mode} layer has no cell state.", nameof(dcN));
        CheckState(dcN, nameof(dcN), LD, B);
        if (Options.CheckFinite)
        {
            int perStep = Options.BatchFirst ? D * H : B * D * H;
            bool bf = Options.BatchFirst;
            if (dOutput is not null) Finite.Check(device, dOutput, "dOutput", i => $"step {(bf ? i / perStep % T : i / perStep)}");
            if (dhN is not null) Finite.Check(device, dhN, "dhN", i => $"layer {i / ((long)B * H) / D}");
            if (dcN is not null) Finite.Check(device, dcN, "dcN", i => $"layer {i / ((long)B * H) / D}");
        }
        var k = device.Kernels;
        var temps = new List<IDisposable>();
        try
        {
            // Upstream gradient of the top layer, sequence-major (T*B, D*H).
            var dy = DeviceTensor.Uninitialized(device, T * B, D * H);
            temps.Add(dy);
            if (dOutput is null) dy.Fill(0f);
            else if (Options.BatchFirst) k.SwapOuter(dOutput.View, dy.View, B, T, D * H);
            else dOutput.View.CopyTo(dy.View);

            var dh0 = DeviceTensor.Uninitialized(device, LD, B, H);
            var dc0 = cell == CellKind.Lstm ? DeviceTensor.Uninitialized(device, LD, B, H) : null;
            var dh = DeviceTensor.Uninitialized(device, B, H);
            var dc = DeviceTensor.Uninitialized(device, B, H);
            var dgx = DeviceTensor.Uninitialized(device, T * B, G * H);
            var dgh = cell == CellKind.Gru ? DeviceTensor.Uninitialized(device, T * B, G * H) : dgx;
            temps.Add(dh); temps.Add(dc); temps.Add(dgx);
            if (dgh != dgx) temps.Add(dgh);
            DeviceTensor? dIn = null;
            for (int l = Layers - 1; l >= 0; l--)
            {
                int inSize = InSize(l);
                dIn = DeviceTensor.Uninitialized(device, T * B, inSize);
                for (int d = 0; d < D; d++)
                {
                    int ld = l * D + d;
                    var hs = run.Hs[ld];
                    var cs = run.Cs[ld];
                    var gates = run.Gates[ld];
                    if (dhN is null) dh.Fill(0f); else dhN.View.SubView((long)ld * B * H, B * H).CopyTo(dh.View);
                    if (dcN is null) dc.Fill(0f); else dcN.View.SubView((long)ld * B * H, B * H).CopyTo(dc.View);
                    var dummy = hs.View.SubView(0, 1);
                    var whh = WeightHh(l, d);
                    for (int s = T - 1; s >= 0; s--)
                    {
                        int t = d == 0 ? s : T - 1 - s;
                        int next = s == T - 1 ? T : (d == 0 ? s + 1 : T - 2 - s);
                        var p = new StepArgs(B, H, cell, D * H, t, true);
                        var dgxT = dgx.View.SubView((long)t * B * G * H, (long)B * G * H);
                        var dghT = dgh.View.SubView((long)t * B * G * H, (long)B * G * H);
                        k.StepBackward(gates.View.SubView((long)t * B * gates.Shape[2], (long)B * gates.Shape[2]),
                            Slot(hs, t, B), cs is null ? dummy : Slot(cs, t, B), cs is null ? dummy : Slot(cs, next, B),
                            dy.View.SubView((long)t * B * D * H + d * H, (long)B * D * H - d * H),
                            dh.View, dc.View, dgxT, dghT, run.Lengths!.View, p);
                        // dh[t-1] += dGh[t] W_hh
                        k.Gemm(dghT, whh.View, dh.View, dh.View.SubView(0, 1),
                            new GemmArgs(B, H, G * H, false, G * H, false, H, H, 1f, 1f, false));
                    }
                    dh.View.CopyTo(dh0.View.SubView((long)ld * B * H, B * H));
                    if (dc0 is not null) dc.View.CopyTo(dc0.View.SubView((long)ld * B * H, B * H));

                    // Weight gradients over all T*B rows: dW_ih += dGx^T X, dW_hh += dGh^T Hprev.
                    var x = run.LayerIn[l];
                    var hPrev = hs.View.SubView(0, (long)T * B * H);
                    k.Gemm(dgx.View, x.View, P("weight_ih", l, d).Grad.View, dgx.View.SubView(0, 1),
                        new GemmArgs(G * H, inSize, T * B, true, G * H, false, inSize, inSize, 1f, 1f, false));
                    k.Gemm(dgh.View, hPrev, P("weight_hh", l, d).Grad.View, dgx.View.SubView(0, 1),
                        new GemmArgs(G * H, H, T * B, true, G * H, false, H, H, 1f, 1f, false));
                    k.ColumnSum(dgx.View, T * B, G * H, G * H, P("bias_ih", l, d).Grad.View, accumulate: true);
                    k.ColumnSum(dgh.View, T * B, G * H, G * H, P("bias_hh", l, d).Grad.View, accumulate: true);
                    // dX (=, then += for the reverse direction) = dGx W_ih
                    k.Gemm(dgx.View, WeightIh(l, d).View, dIn.View, dIn.View.SubView(0, 1),
                        new GemmArgs(T * B, inSize, G * H, false, G * H, false, inSize, inSize, 1f, d == 0 ? 0f : 1f, false));
                }
                if (Options.CheckFinite)
                    Finite.Check(device, dIn, $"the input gradient of layer {l}", i => $"step {i / ((long)B * inSize)}, layer {l}");
                if (l > 0)
                {
                    if (run.DropMask[l - 1] is { } mask)
                        k.Multiply(dIn.View, mask.View, dIn.View);
                    dy.Dispose();
                    temps.Remove(dy);
                    dy = dIn;
                    temps.Add(dy);
                    dIn = null;
                }
            }
            DeviceTensor dInput;
            if (Options.BatchFirst)
            {
                dInput = DeviceTensor.Uninitialized(device, B, T, Options.InputSize);
                k.SwapOuter(dIn!.View, dInput.View, T, B, Options.InputSize);
                dIn.Dispose();
            }
            else
            {
                dInput = dIn!.AdoptAs(T, B, Options.InputSize);
            }
            return new RnnInputGradients(dInput, dh0, dc0);
        }
        finally
        {
            foreach (var t in temps)
                t.Dispose();
        }
    }

    /// <summary>Opens a streaming session: feed one time step at a time, the state stays on the device.</summary>
    /// <param name="batch">Batch size B of every step.</param>
    /// <param name="h0">Initial hidden states (L, B, H), or null for zeros.</param>
    /// <param name="c0">Initial cell states (L, B, H) (LSTM), or null for zeros.</param>
    /// <exception cref="InvalidOperationException">The layer is bidirectional (the reverse direction needs the whole sequence).</exception>
    public RnnStream CreateStream(int batch, DeviceTensor? h0 = null, DeviceTensor? c0 = null)
    {
        ThrowIfDisposed();
        if (Options.Bidirectional)
            throw new InvalidOperationException("A bidirectional layer cannot stream: its reverse direction needs the whole sequence.");
        if (batch <= 0)
            throw new ArgumentException($"batch must be positive, got {batch}.", nameof(batch));
        CheckState(h0, nameof(h0), Layers, batch);
        if (c0 is not null && cell != CellKind.Lstm)
            throw new ArgumentException($"c0 was given, but a {Options.Mode} layer has no cell state.", nameof(c0));
        CheckState(c0, nameof(c0), Layers, batch);
        return new RnnStream(this, batch, h0, c0);
    }

    internal void StreamStep(RnnStream s, DeviceTensor x, DeviceTensor y)
    {
        ThrowIfDisposed();
        RefreshTransposes();
        var k = device.Kernels;
        int B = s.Batch, G = Gates;
        var input = x;
        for (int l = 0; l < Layers; l++)
        {
            var gx = s.Gx;
            Blas.Gemm(input, wihT[l], gx, bias: P("bias_ih", l, 0).Value);
            var outL = l == Layers - 1 ? y : s.LayerOut[l % 2];
            var p = new StepArgs(B, H, cell, H, 0, false);
            var dummy = s.H.View.SubView(0, 1);
            Step(l, s.StateView(s.H, l, s.Current), s.C is null ? dummy : s.StateView(s.C, l, s.Current),
                P("bias_hh", l, 0).Value.View, gx.View, s.StateView(s.H, l, 1 - s.Current),
                s.C is null ? dummy : s.StateView(s.C, l, 1 - s.Current), outL.View, dummy, s.Ones.View, p);
            input = outL;
        }
        s.Current = 1 - s.Current;
    }

    /// <summary>Frees parameters, gradients and the stored forward.</summary>
    public void Dispose()
    {
        if (disposed)
            return;
        disposed = true;
        tape?.Dispose();
        foreach (var p in parameters)
        {
            p.Value.Dispose();
            p.Grad.Dispose();
        }
        foreach (var w in whhT.Concat(wihT))
            w.Dispose();
    }
}

/// <summary>
/// Streaming inference over a unidirectional <see cref="RecurrentLayer"/>: one time step per call,
/// state kept on the device between calls (no host round trip).
/// </summary>
public sealed class RnnStream : IDisposable
{
    readonly RecurrentLayer layer;

    internal RnnStream(RecurrentLayer layer, int batch, DeviceTensor? h0, DeviceTensor? c0)
    {
        this.layer = layer;
        Batch = batch;
        var dev = layer.Device;
        int L = layer.Layers, Hs = layer.Options.HiddenSize;
        H = DeviceTensor.Zeros(dev, 2, L, batch, Hs);
        C = layer.Options.Mode == RnnMode.Lstm ? DeviceTensor.Zeros(dev, 2, L, batch, Hs) : null;
        if (h0 is not null) h0.View.CopyTo(H.View.SubView(0, h0.Length));
        if (c0 is not null) c0.View.CopyTo(C!.View.SubView(0, c0.Length));
        Gx = DeviceTensor.Uninitialized(dev, batch, layer.Gates * Hs);
        LayerOut = new[] { DeviceTensor.Uninitialized(dev, batch, Hs), DeviceTensor.Uninitialized(dev, batch, Hs) };
        Ones = dev.Accelerator.Allocate1D(Enumerable.Repeat(1, batch).ToArray());
    }

    /// <summary>Batch size of every step.</summary>
    public int Batch { get; }

    internal DeviceTensor H { get; }
    internal DeviceTensor? C { get; }
    internal DeviceTensor Gx { get; }
    internal DeviceTensor[] LayerOut { get; }
    internal MemoryBuffer1D<int, Stride1D.Dense> Ones { get; }
    internal int Current { get; set; }

    internal ArrayView<float> StateView(DeviceTensor s, int l, int slot)
    {
        long n = (long)Batch * layer.Options.HiddenSize;
        return s.View.SubView(((long)slot * layer.Layers + l) * n, n);
    }

    /// <summary>Advances every layer by one step: x (B, I) in, y (B, H) out (the last layer's hidden state).</summary>
    /// <param name="x">Input of this step (B, I).</param>
    /// <param name="y">Receives the output (B, H).</param>
    public void Step(DeviceTensor x, DeviceTensor y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        Shapes.RequireShape(x, new[] { Batch, layer.Options.InputSize }, nameof(x));
        Shapes.RequireShape(y, new[] { Batch, layer.Options.HiddenSize }, nameof(y));
        layer.StreamStep(this, x, y);
    }

    /// <summary>Copies the current hidden states (L, B, H) into a new tensor.</summary>
    public DeviceTensor HiddenState()
    {
        var t = DeviceTensor.Uninitialized(layer.Device, layer.Layers, Batch, layer.Options.HiddenSize);
        H.View.SubView((long)Current * t.Length, t.Length).CopyTo(t.View);
        return t;
    }

    /// <summary>Copies the current cell states (L, B, H) into a new tensor (LSTM), else null.</summary>
    public DeviceTensor? CellState()
    {
        if (C is null)
            return null;
        var t = DeviceTensor.Uninitialized(layer.Device, layer.Layers, Batch, layer.Options.HiddenSize);
        C.View.SubView((long)Current * t.Length, t.Length).CopyTo(t.View);
        return t;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        H.Dispose();
        C?.Dispose();
        Gx.Dispose();
        LayerOut[0].Dispose();
        LayerOut[1].Dispose();
        Ones.Dispose();
    }
}
