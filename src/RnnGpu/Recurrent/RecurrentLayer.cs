using ILGPU;
using ILGPU.Runtime;
using RnnGpu.Kernels;

namespace RnnGpu;

/// <summary>
/// A stacked, optionally bidirectional RNN (tanh or ReLU), LSTM or GRU layer whose forward and
/// backpropagation through time run as kernels on one <see cref="ComputeDevice"/>, with PyTorch's
/// semantics, parameter names and layouts (including LSTM <c>proj_size</c> and <c>bias=False</c>).
/// </summary>
/// <remarks>
/// <para>Forward, per layer and direction (<c>DirectionPass</c>): one GEMM projects all T steps (Gx = X W_ih^T + b_ih);
/// then a <see cref="RecurrenceAlgorithm"/> runs the steps: per step one fused kernel computing h[t-1] W_hh^T + b_hh
/// and the whole cell, or (CUDA, small batches whose W_hh slices fit shared memory) one persistent launch that keeps
/// W_hh on chip for all T steps. Backward, in reverse time: per step one elementwise kernel gives the gate gradients
/// and one GEMM gives dh[t-1]; after the loop the weight gradients are single GEMMs over all T*B rows, the bias
/// gradients deterministic column sums, and dX one GEMM. No step copies anything to the host or waits for the device.</para>
/// <para>Gradient rule: parameter gradients accumulate (+=) across <see cref="Backward"/> calls until
/// <see cref="ZeroGrad"/>; input and initial-state gradients are returned fresh (=).</para>
/// <para>Memory: inference stores nothing for backward (two state slots per direction). Training stores
/// <see cref="TrainingBytesPerStep"/> per step, layer and direction, and its own copy of the input.</para>
/// </remarks>
public sealed partial class RecurrentLayer : IDisposable
{
    readonly ComputeDevice device;
    readonly Parameter[] parameters;
    readonly Dictionary<string, Parameter> byName = new();
    readonly DirectionWeights[] weights;       // [l*D + d]
    readonly DeviceTensor zeroBias;            // (G*H) zeros: the step kernels' b_hh with bias=False
    readonly RecurrenceChoice choice;
    uint dropoutCalls;
    RnnTape? tape;
    bool tapeUsed; // a Backward consumed the tape: a second one would add its gradients again
    bool disposed;

    /// <summary>Creates the layer with PyTorch's default initialisation U(-1/sqrt(H), 1/sqrt(H)) from <see cref="RnnOptions.Seed"/>.</summary>
    /// <param name="device">Device holding parameters and running kernels.</param>
    /// <param name="options">Configuration.</param>
    /// <exception cref="ArgumentException">A size is not positive, dropout is outside [0, 1), or the projection does not fit.</exception>
    public RecurrentLayer(ComputeDevice device, RnnOptions options)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        RnnChecks.Memory(device, options, ParameterBytes(options), "its parameters, gradients and derived weight layouts");
        this.device = device;
        Options = options;
        Algorithm = options.Algorithm;
        int gh = Gates * H;
        var rng = new Random(unchecked((int)options.Seed ^ (int)(options.Seed >> 32)));
        float bound = 1f / MathF.Sqrt(H);
        var list = new List<Parameter>();
        Parameter Add(string name, params int[] shape)
        {
            var init = new float[shape.Aggregate(1L, (a, b) => a * b)];
            for (long i = 0; i < init.LongLength; i++)
                init[i] = (float)((rng.NextDouble() * 2 - 1) * bound);
            var p = new Parameter(name, DeviceTensor.FromHost(device, init, shape), DeviceTensor.Zeros(device, shape));
            list.Add(p);
            byName[name] = p;
            return p;
        }
        zeroBias = DeviceTensor.Zeros(device, gh).DetachFromDisposeScope();
        weights = new DirectionWeights[Layers * Directions];
        for (int l = 0; l < Layers; l++)
            for (int d = 0; d < Directions; d++)
            {
                // PyTorch's state_dict order: weight_ih, weight_hh, bias_ih, bias_hh, weight_hr; then a cell's per-unit
                // parameters (peepholes), which PyTorch's cells lack.
                string sfx = $"_l{l}" + (d == 1 ? "_reverse" : "");
                int inSize = options.LayerInputSize(l);
                var wih = Add("weight_ih" + sfx, gh, inSize);
                var whh = Add("weight_hh" + sfx, gh, R);
                var bih = options.Bias ? Add("bias_ih" + sfx, gh) : null;
                var bhh = options.Bias ? Add("bias_hh" + sfx, gh) : null;
                var whr = options.ProjSize > 0 ? Add("weight_hr" + sfx, R, H) : null;
                var unit = options.Cell.UnitParams > 0 ? Add(options.Cell.UnitParamName + sfx, options.Cell.UnitParams * H) : null;
                weights[l * Directions + d] = new DirectionWeights(l, d, inSize, wih, whh, bih, bhh, whr, zeroBias, unit);
            }
        parameters = list.ToArray();
        choice = new RecurrenceChoice(device, options);
    }

    /// <summary>The configuration.</summary>
    public RnnOptions Options { get; }

    /// <summary>The device.</summary>
    public ComputeDevice Device => device;

    /// <summary>Gates G: 1 (RNN), 4 (LSTM), 3 (GRU).</summary>
    public int Gates => Options.Cell.Gates;

    /// <summary>Directions D (2 when bidirectional).</summary>
    public int Directions => Options.Directions;

    /// <summary>Layers L.</summary>
    public int Layers => Options.NumLayers;

    int H => Options.HiddenSize;
    int R => Options.StateSize;

    /// <summary>The forward recurrence to use from the next <see cref="Forward"/> on (initially
    /// <see cref="RnnOptions.Algorithm"/>). A choice the device or the sizes cannot run falls back to the device's
    /// per-step algorithm; <see cref="LastAlgorithm"/> says what ran and why.</summary>
    public RecurrenceAlgorithm Algorithm { get; set; }

    /// <summary>The algorithm the last <see cref="Forward"/> ran (<see cref="RecurrenceAlgorithm.Auto"/> before any).</summary>
    public RecurrenceAlgorithm LastAlgorithm { get; private set; }

    /// <summary>Why the last <see cref="Forward"/> ran <see cref="LastAlgorithm"/> (for benchmarks and diagnostics).</summary>
    public string LastAlgorithmReason => LastPlan?.Reason ?? "no forward yet";

    /// <summary>The persistent planner's verdict of the last <see cref="Forward"/> (tests and benchmarks).</summary>
    internal PersistentPlan? LastPlan { get; private set; }

    /// <summary>Caps the persistent planner's shared memory per group (tests of the tiled and does-not-fit paths).</summary>
    internal long? PersistentSharedBytesLimit { get => choice.PersistentSharedBytesLimit; set => choice.PersistentSharedBytesLimit = value; }

    /// <summary>Caps the persistent kernel's threads per group (tests).</summary>
    internal int? PersistentMaxGroupSize { get => choice.PersistentMaxGroupSize; set => choice.PersistentMaxGroupSize = value; }

    /// <summary>All parameters in PyTorch's state_dict order (the library's own listing; users list
    /// <see cref="NamedParameters"/>, as of every module).</summary>
    internal IReadOnlyList<Parameter> Parameters => parameters;

    /// <summary>The parameter with the given PyTorch name.</summary>
    /// <param name="name">e.g. <c>weight_ih_l0</c>.</param>
    /// <exception cref="KeyNotFoundException">No such parameter; the message lists the names.</exception>
    public Parameter this[string name] => byName.TryGetValue(name, out var p) ? p
        : throw new KeyNotFoundException($"No parameter '{name}'. Parameters: {string.Join(", ", byName.Keys)}.");

    /// <summary>Overwrites a parameter from host data, checking its shape.</summary>
    /// <param name="name">PyTorch name.</param>
    /// <param name="data">Row-major values.</param>
    /// <param name="shape">The shape the data has; must equal the parameter's.</param>
    /// <exception cref="ArgumentException">Shape or length mismatch, naming the tensor and both shapes.</exception>
    public void LoadParameter(string name, ReadOnlySpan<float> data, IReadOnlyList<int> shape)
    {
        using var hold = device.Hold();
        ThrowIfDisposed();
        var p = this[name];
        if (!p.Value.Shape.SequenceEqual(shape))
            throw new ArgumentException($"Parameter '{name}' has shape {p.Value.ShapeText}, got {Shapes.Format(shape)}.", nameof(shape));
        if (data.Length != p.Value.Length)
            throw new ArgumentException($"Parameter '{name}' {p.Value.ShapeText} needs {p.Value.Length} values, got {data.Length}.", nameof(data));
        p.Value.CopyFromHost(data);
    }

    /// <summary>Marks every parameter as written. Not needed after writes through <see cref="DeviceTensor"/>'s methods or
    /// RnnGpu's optimizers (they advance <see cref="DeviceTensor.Version"/>); only after writing parameter memory by other means.</summary>
    public void ParametersChanged()
    {
        using var hold = device.Hold();
        foreach (var p in parameters)
            p.Value.MarkModified();
    }

    /// <summary>Sets every parameter gradient to zero.</summary>
    public void ZeroGrad()
    {
        using var hold = device.Hold();
        ThrowIfDisposed();
        foreach (var p in parameters)
            p.Grad.Fill(0f);
    }

    void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(disposed, this);

    internal DirectionWeights WeightsOf(int layer, int direction) => weights[layer * Directions + direction];

    internal RecurrenceChoice Choice => choice;

    /// <summary>
    /// Runs the layer over a batch of sequences.
    /// </summary>
    /// <param name="input">(T, B, I), or (B, T, I) with batch-first.</param>
    /// <param name="h0">Initial hidden states (L*D, B, R), or null for zeros (R = ProjSize when set, else H).</param>
    /// <param name="c0">Initial cell states (L*D, B, H) (LSTM only), or null for zeros.</param>
    /// <param name="lengths">Per-sequence lengths (B values in 1..T), or null for all T. Steps past a sequence's
    /// length output zero and leave its state alone; the reverse direction starts at the sequence's last step.</param>
    /// <param name="training">Store what <see cref="Backward"/> needs and apply dropout. The layer keeps its own copy of
    /// the input, so the caller may dispose it before <see cref="Backward"/>.</param>
    /// <returns>Output and final states; the caller disposes them.</returns>
    /// <exception cref="ArgumentException">A shape, length or state does not fit, named in the message; raised before any kernel runs.</exception>
    public RnnOutput Forward(DeviceTensor input, DeviceTensor? h0 = null, DeviceTensor? c0 = null,
        IReadOnlyList<int>? lengths = null, bool training = false)
    {
        using var hold = device.Hold();
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(input);
        var (T, B, lens) = RnnChecks.Input(this, input, h0, c0, lengths);
        tape?.Dispose(); // the previous tape's memory is free for this forward
        tape = null;
        tapeUsed = false;
        RnnChecks.Memory(device, Options, ActivationBytes(T, B, training), $"a {(training ? "training" : "inference")} forward of T = {T}, B = {B}");
        int I = Options.InputSize, D = Directions, L = Layers;
        var k = device.Kernels;
        var (recurrence, plan) = choice.For(Algorithm, B, T);
        LastPlan = plan;
        LastAlgorithm = recurrence.Algorithm;
        var run = new RnnTape(T, B, L, D, training);
        try
        {
            run.Lengths = device.RentBuffer<int>(lens.Length); // pooled: a steady training loop allocates nothing
            run.Lengths.View.CopyFromCPU(lens);
            run.Device = device;
            // Sequence-major input (T*B, I); in training the tape's own copy.
            DeviceTensor x;
            if (Options.BatchFirst)
                k.SwapOuter(input.View, (x = run.New(device, T * B, I)).View, B, T, I);
            else if (training)
                (x = run.New(device, T * B, I)).CopyFrom(input.Reshape(T * B, I));
            else
                x = run.Own(input.Reshape(T * B, I));
            var hN = DeviceTensor.Uninitialized(device, L * D, B, R);
            var cN = Options.Cell.HasCellState ? DeviceTensor.Uninitialized(device, L * D, B, H) : null;
            using var gx = DeviceTensor.Uninitialized(device, T * B, Gates * H);
            DeviceTensor y = x;
            for (int l = 0; l < L; l++)
            {
                run.LayerIn[l] = x;
                y = DeviceTensor.Uninitialized(device, T * B, D * R);
                if (l < L - 1)
                    run.Own(y);
                for (int d = 0; d < D; d++)
                {
                    run.Dirs[l * D + d] = NewDirectionTape(run, d == 1);
                    DirectionPass.Forward(device, Options, weights[l * D + d], run, x, gx, y, recurrence, h0, c0, hN, cN);
                }
                if (Options.CheckFinite)
                    Finite.Check(device, y, $"the forward output of layer {l}", i => $"step {i / ((long)B * D * R)}, layer {l}");
                if (l < L - 1 && training && Options.Dropout > 0f)
                {
                    var mask = run.New(device, T * B, D * R);
                    var dropped = run.New(device, T * B, D * R);
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
                output = DeviceTensor.Uninitialized(device, B, T, D * R);
                k.SwapOuter(y.View, output.View, T, B, D * R);
                y.Dispose();
            }
            else
            {
                output = y.AdoptAs(T, B, D * R);
            }
            if (training)
            {
                tape = run;
                run = null;
            }
            return new RnnOutput(output, hN, cN);
        }
        finally
        {
            run?.Dispose();
        }
    }

    DirectionTape NewDirectionTape(RnnTape run, bool reverse)
    {
        int slots = run.Training ? run.T + 1 : 2, T = run.T, B = run.B;
        return new DirectionTape
        {
            H = new StateSlots(run.New(device, slots, B, R), T, B, reverse, run.Training),
            C = Options.Cell.HasCellState ? new StateSlots(run.New(device, slots, B, H), T, B, reverse, run.Training) : null,
            Gates = run.Training ? run.New(device, T, B, Options.Cell.StoredGates(H)) : null,
            M = Options.ProjSize > 0 ? run.New(device, run.Training ? T : 1, B, H) : null,
            Late = Options.Cell.LateGates > 0 && run.Training ? run.New(device, T, B, H) : null,
        };
    }

    /// <summary>
    /// Backpropagation through time for the last training-mode <see cref="Forward"/>. Parameter gradients
    /// accumulate (+=) into <see cref="Parameter.Grad"/>.
    /// </summary>
    /// <param name="dOutput">dL/doutput, shaped like the output, or null for zero.</param>
    /// <param name="dhN">dL/dh_n (L*D, B, R), or null for zero.</param>
    /// <param name="dcN">dL/dc_n (L*D, B, H) (LSTM only), or null for zero.</param>
    /// <returns>dL/dinput, dL/dh0 and dL/dc0; the caller disposes them.</returns>
    /// <exception cref="InvalidOperationException">No training-mode forward to differentiate.</exception>
    /// <exception cref="ArgumentException">A gradient's shape does not fit, named in the message.</exception>
    public RnnInputGradients Backward(DeviceTensor? dOutput, DeviceTensor? dhN = null, DeviceTensor? dcN = null)
    {
        using var hold = device.Hold();
        ThrowIfDisposed();
        var run = tape ?? throw new InvalidOperationException("Backward needs a preceding Forward with training: true.");
        int T = run.T, B = run.B, D = Directions, L = Layers, I = Options.InputSize;
        RnnChecks.Gradients(this, dOutput, dhN, dcN, T, B);
        if (tapeUsed)
            throw new InvalidOperationException(BackwardRule.SecondBackward("RecurrentLayer"));
        tapeUsed = true;
        var k = device.Kernels;
        var temps = new List<IDisposable>();
        try
        {
            // Upstream gradient of the top layer, sequence-major (T*B, D*R).
            var dy = DeviceTensor.Uninitialized(device, T * B, D * R);
            temps.Add(dy);
            if (dOutput is null) dy.Fill(0f);
            else if (Options.BatchFirst) k.SwapOuter(dOutput.View, dy.View, B, T, D * R);
            else dOutput.View.CopyTo(dy.View);
            var dh0 = DeviceTensor.Uninitialized(device, L * D, B, R);
            var dc0 = Options.Cell.HasCellState ? DeviceTensor.Uninitialized(device, L * D, B, H) : null;
            var scratch = new BackwardScratch(device, Options, T, B);
            temps.Add(scratch);
            DeviceTensor dIn = dy;
            for (int l = L - 1; l >= 0; l--)
            {
                int inSize = Options.LayerInputSize(l);
                dIn = DeviceTensor.Uninitialized(device, T * B, inSize);
                for (int d = 0; d < D; d++)
                    DirectionPass.Backward(device, Options, weights[l * D + d], run, dy, scratch, dIn, dhN, dcN, dh0, dc0);
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
                }
            }
            DeviceTensor dInput;
            if (Options.BatchFirst)
            {
                dInput = DeviceTensor.Uninitialized(device, B, T, I);
                k.SwapOuter(dIn.View, dInput.View, T, B, I);
                dIn.Dispose();
            }
            else
            {
                dInput = dIn.AdoptAs(T, B, I);
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
    /// <param name="h0">Initial hidden states (L, B, R), or null for zeros.</param>
    /// <param name="c0">Initial cell states (L, B, H) (LSTM), or null for zeros.</param>
    /// <exception cref="InvalidOperationException">The layer is bidirectional (the reverse direction needs the whole sequence).</exception>
    public RnnStream CreateStream(int batch, DeviceTensor? h0 = null, DeviceTensor? c0 = null)
    {
        using var hold = device.Hold();
        ThrowIfDisposed();
        if (Options.Bidirectional)
            throw new InvalidOperationException("A bidirectional layer cannot stream: its reverse direction needs the whole sequence.");
        if (batch <= 0)
            throw new ArgumentException($"batch must be positive, got {batch}.", nameof(batch));
        RnnChecks.States(this, h0, c0, Layers, batch);
        return new RnnStream(this, batch, h0, c0);
    }

    /// <summary>Frees parameters, gradients, derived layouts and the stored forward.</summary>
    public void Dispose()
    {
        if (disposed)
            return;
        disposed = true;
        tape?.Dispose();
        choice.Dispose();
        foreach (var w in weights)
            w.Dispose();
        foreach (var p in parameters)
        {
            p.Value.Dispose();
            p.Grad.Dispose();
        }
        zeroBias.Dispose();
    }
}
