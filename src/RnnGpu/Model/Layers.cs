namespace RnnGpu;

/// <summary>y = x W^T + b, PyTorch's nn.Linear (parameters <c>weight</c> (Out, In) and <c>bias</c> (Out)),
/// initialised U(-1/sqrt(In), 1/sqrt(In)) from a seed. Forward and backward are GEMMs; the bias gradient is a
/// deterministic column sum.</summary>
public sealed class Linear : IModule<DeviceTensor>
{
    readonly Parameter weight;
    readonly Parameter? bias;
    DeviceTensor? savedInput;
    bool backwardDone; // the saved input was used by a Backward: a second one would add its gradients again

    /// <summary>Creates the layer with PyTorch's default initialisation.</summary>
    /// <param name="device">Device.</param>
    /// <param name="inFeatures">In.</param>
    /// <param name="outFeatures">Out.</param>
    /// <param name="seed">Initialisation seed.</param>
    /// <param name="useBias">Include the bias (default true).</param>
    public Linear(ComputeDevice device, int inFeatures, int outFeatures, ulong seed = 0, bool useBias = true)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (inFeatures <= 0 || outFeatures <= 0)
            throw new ArgumentException($"inFeatures ({inFeatures}) and outFeatures ({outFeatures}) must be positive.", nameof(inFeatures));
        Device = device;
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        var rng = Init.Rng(seed);
        float bound = 1f / MathF.Sqrt(inFeatures);
        weight = new Parameter("weight", DeviceTensor.FromHost(device, Init.Uniform(rng, (long)outFeatures * inFeatures, bound), outFeatures, inFeatures),
            DeviceTensor.Zeros(device, outFeatures, inFeatures));
        if (useBias)
            bias = new Parameter("bias", DeviceTensor.FromHost(device, Init.Uniform(rng, outFeatures, bound), outFeatures), DeviceTensor.Zeros(device, outFeatures));
        NamedParameters = bias is null ? new[] { new NamedParameter("weight", weight) }
            : new[] { new NamedParameter("weight", weight), new NamedParameter("bias", bias) };
    }

    /// <summary>Device.</summary>
    public ComputeDevice Device { get; }

    /// <summary>In.</summary>
    public int InFeatures { get; }

    /// <summary>Out.</summary>
    public int OutFeatures { get; }

    /// <summary>weight (Out, In).</summary>
    public Parameter Weight => weight;

    /// <summary>bias (Out), or null.</summary>
    public Parameter? Bias => bias;

    /// <inheritdoc />
    public IReadOnlyList<NamedParameter> NamedParameters { get; }


    /// <summary>y (..., Out) = x (..., In) W^T + b over the rows of x: (N, In) gives (N, Out), (T, B, In) gives (T, B, Out).
    /// In training mode x is copied for <see cref="Backward"/>, so the caller may free it at once.</summary>
    /// <param name="x">(N, In) or (..., In).</param>
    /// <param name="training">Keep x for backward.</param>
    /// <returns>y, owned by the caller.</returns>
    public DeviceTensor Forward(DeviceTensor x, bool training = false)
    {
        using var hold = Device.Hold();
        ArgumentNullException.ThrowIfNull(x);
        Shapes.RequireSameDevice(x, weight.Value);
        if (x.Rank < 2 || x.Shape[^1] != InFeatures)
            throw new ArgumentException($"x has shape {x.ShapeText}, expected (N, {InFeatures}) or (..., {InFeatures}).", nameof(x));
        int n = checked((int)(x.Length / InFeatures));
        var shape = x.Shape.ToArray();
        shape[^1] = OutFeatures;
        var y = DeviceTensor.Uninitialized(Device, shape);
        using (var rows = x.Rank == 2 ? null : x.Reshape(n, InFeatures))
        using (var yRows = y.Rank == 2 ? null : y.Reshape(n, OutFeatures))
            Blas.Gemm(rows ?? x, weight.Value, yRows ?? y, transB: true, bias: bias?.Value);
        savedInput?.Dispose();
        savedInput = null;
        backwardDone = false;
        if (training)
        {
            savedInput = DeviceTensor.Persistent(Device, x.Shape.ToArray()); // kept past the caller's scope, until the backward
            savedInput.CopyFrom(x);
        }
        return y;
    }

    /// <inheritdoc cref="IModule{TInput}.Forward" />
    public DeviceTensor Forward(DeviceTensor input, ForwardContext context) => Forward(input, context.Training);

    /// <summary>dW += dy^T x, db += column sums of dy; returns dx = dy W, shaped like the forward's x.</summary>
    /// <param name="dy">(N, Out) or (..., Out), shaped like the last training-mode forward's output.</param>
    /// <returns>dx, owned by the caller.</returns>
    public DeviceTensor Backward(DeviceTensor dy)
    {
        using var hold = Device.Hold();
        ArgumentNullException.ThrowIfNull(dy);
        var x = savedInput ?? throw new InvalidOperationException("Linear.Backward needs a preceding Forward with training: true.");
        var outShape = x.Shape.ToArray();
        outShape[^1] = OutFeatures;
        Shapes.RequireShape(dy, outShape, nameof(dy));
        if (backwardDone)
            throw new InvalidOperationException(BackwardRule.SecondBackward("Linear"));
        backwardDone = true;
        int n = checked((int)(x.Length / InFeatures));
        var dx = DeviceTensor.Uninitialized(Device, x.Shape.ToArray());
        using var xRows = x.Rank == 2 ? null : x.Reshape(n, InFeatures);
        using var dyRows = dy.Rank == 2 ? null : dy.Reshape(n, OutFeatures);
        using var dxRows = dx.Rank == 2 ? null : dx.Reshape(n, InFeatures);
        Blas.Gemm(dyRows ?? dy, xRows ?? x, weight.Grad, transA: true, beta: 1f);
        if (bias is not null)
            Reductions.ColumnSum(dyRows ?? dy, bias.Grad, accumulate: true);
        Blas.Gemm(dyRows ?? dy, weight.Value, dxRows ?? dx);
        return dx;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        savedInput?.Dispose();
        weight.Value.Dispose();
        weight.Grad.Dispose();
        bias?.Value.Dispose();
        bias?.Grad.Dispose();
    }
}

/// <summary>A lookup table, PyTorch's nn.Embedding (parameter <c>weight</c> (V, E), initialised N(0, 1); with a padding index
/// that row starts at zero and gets no gradient, as <c>padding_idx</c>).
/// Backward accumulates per vocabulary row by scanning the indices in order (deterministic, no atomics).</summary>
public sealed class Embedding : IModule<DeviceIndices>
{
    readonly Parameter weight;
    readonly bool ownsWeight;
    DeviceIndices? savedIndices;
    bool backwardDone;

    /// <summary>Creates the table.</summary>
    /// <param name="device">Device.</param>
    /// <param name="vocabulary">V.</param>
    /// <param name="dim">E.</param>
    /// <param name="seed">Initialisation seed.</param>
    /// <param name="paddingIndex">PyTorch's padding_idx: the row that starts at zero and gets no gradient; null (default): none.</param>
    public Embedding(ComputeDevice device, int vocabulary, int dim, ulong seed = 0, int? paddingIndex = null)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (vocabulary <= 0 || dim <= 0)
            throw new ArgumentException($"vocabulary ({vocabulary}) and dim ({dim}) must be positive.", nameof(vocabulary));
        if (paddingIndex is int pi && (pi < 0 || pi >= vocabulary))
            throw new ArgumentException($"paddingIndex = {pi} is outside [0, {vocabulary}) (the vocabulary).", nameof(paddingIndex));
        Device = device;
        Vocabulary = vocabulary;
        Dim = dim;
        PaddingIndex = paddingIndex;
        var rng = Init.Rng(seed);
        var w = new float[(long)vocabulary * dim];
        for (long i = 0; i < w.Length; i++)
            w[i] = (float)Init.Gaussian(rng);
        if (paddingIndex is int p)
            Array.Clear(w, p * dim, dim);
        weight = new Parameter("weight", DeviceTensor.FromHost(device, w, vocabulary, dim), DeviceTensor.Zeros(device, vocabulary, dim));
        ownsWeight = true;
        NamedParameters = new[] { new NamedParameter("weight", weight) };
        check = new IndexCheck(device, null, "indices", $"[0, {vocabulary}) (the vocabulary)");
    }

    /// <summary>A second view of another table's weight (a shared embedding: each view keeps its own indices for backward,
    /// both accumulate into the one gradient; the weight stays the other's to dispose).</summary>
    internal Embedding(Embedding shared)
    {
        Device = shared.Device;
        Vocabulary = shared.Vocabulary;
        Dim = shared.Dim;
        PaddingIndex = shared.PaddingIndex;
        weight = shared.weight;
        ownsWeight = false;
        NamedParameters = shared.NamedParameters;
        check = new IndexCheck(Device, null, "indices", $"[0, {Vocabulary}) (the vocabulary)");
    }

    /// <summary>The padding row (no gradient), or null.</summary>
    public int? PaddingIndex { get; }

    // The device-side range check of the ids, one per embedding, re-armed at each forward.
    readonly IndexCheck check;

    /// <summary>Device.</summary>
    public ComputeDevice Device { get; }

    /// <summary>V.</summary>
    public int Vocabulary { get; }

    /// <summary>E.</summary>
    public int Dim { get; }

    /// <summary>weight (V, E).</summary>
    public Parameter Weight => weight;

    /// <inheritdoc />
    public IReadOnlyList<NamedParameter> NamedParameters { get; }

    /// <summary>y = weight[idx], shaped like the indices with E appended (as nn.Embedding): (N) gives (N, E), (T, B) gives
    /// (T, B, E). An id outside [0, V) raises an ArgumentException naming its position and value (checked on the device;
    /// one int is read back).</summary>
    /// <param name="indices">Token ids, any shape.</param>
    /// <param name="training">Keep a copy of the indices for <see cref="Backward"/>.</param>
    /// <returns>y, owned by the caller.</returns>
    public DeviceTensor Forward(DeviceIndices indices, bool training = false) => Forward(indices, training, checkIds: true);

    /// <summary>Forward; <paramref name="checkIds"/> false skips reading the range check back (one synchronisation), for ids
    /// the caller made in range (sampling over this vocabulary); out-of-range ids still read no memory outside the table.</summary>
    internal DeviceTensor Forward(DeviceIndices indices, bool training, bool checkIds)
    {
        using var hold = Device.Hold();
        ArgumentNullException.ThrowIfNull(indices);
        var y = DeviceTensor.Uninitialized(Device, [.. indices.Shape, Dim]);
        check.Arm(indices);
        Device.Kernels.EmbeddingForward(indices.View, weight.Value.View, y.View, Dim, check.View);
        try
        {
            if (checkIds)
                check.ThrowIfBad(); // one int read: a bad id is an error here, not a silent zero row
        }
        catch
        {
            y.Dispose();
            throw;
        }
        savedIndices?.Dispose();
        savedIndices = training ? indices.Clone() : null;
        backwardDone = false;
        return y;
    }

    /// <inheritdoc cref="IModule{TInput}.Forward" />
    public DeviceTensor Forward(DeviceIndices input, ForwardContext context) => Forward(input, context.Training);

    /// <summary>dWeight[idx[n]] += dy[n] for the last training-mode forward (not for the padding index).</summary>
    /// <param name="dy">(N, E) or the forward's output shape: N = the number of indices.</param>
    /// <returns>Null: token ids have no gradient.</returns>
    public DeviceTensor? Backward(DeviceTensor dy)
    {
        using var hold = Device.Hold();
        ArgumentNullException.ThrowIfNull(dy);
        var idx = savedIndices ?? throw new InvalidOperationException("Embedding.Backward needs a preceding Forward with training: true.");
        if (dy.Length != idx.Length * Dim)
            throw new ArgumentException($"dy has shape {dy.ShapeText}, expected ({idx.Length}, {Dim}).", nameof(dy));
        if (backwardDone)
            throw new InvalidOperationException(BackwardRule.SecondBackward("Embedding"));
        backwardDone = true;
        Device.Kernels.EmbeddingBackward(idx.View, dy.View, weight.Grad.View, Dim, PaddingIndex ?? -1);
        return null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        savedIndices?.Dispose();
        check.Dispose();
        if (!ownsWeight)
            return;
        weight.Value.Dispose();
        weight.Grad.Dispose();
    }
}

/// <summary>Inverted dropout, PyTorch's nn.Dropout: in training, zero each element with probability p and scale the rest by
/// 1/(1-p); identity otherwise. Masks come from a counter-based hash of (element, seed, call), so runs repeat.</summary>
public sealed class Dropout : IModule<DeviceTensor>
{
    readonly ComputeDevice device;
    DeviceTensor? mask;
    uint calls;

    /// <summary>Creates the layer.</summary>
    /// <param name="device">Device.</param>
    /// <param name="p">Drop probability in [0, 1).</param>
    /// <param name="seed">Mask seed.</param>
    public Dropout(ComputeDevice device, float p, uint seed = 0)
    {
        this.device = device ?? throw new ArgumentNullException(nameof(device));
        if (!(p >= 0 && p < 1))
            throw new ArgumentException($"Dropout probability must be in [0, 1), got {p}.", nameof(p));
        P = p;
        Seed = seed;
    }

    /// <summary>Drop probability.</summary>
    public float P { get; }

    /// <summary>Mask seed.</summary>
    public uint Seed { get; }

    /// <summary>None: dropout has no parameters.</summary>
    public IReadOnlyList<NamedParameter> NamedParameters => Array.Empty<NamedParameter>();


    /// <summary>Returns a new tensor: x masked and scaled (training), or a copy of x.</summary>
    /// <param name="x">Any shape.</param>
    /// <param name="training">Apply dropout.</param>
    public DeviceTensor Forward(DeviceTensor x, bool training = false)
    {
        using var hold = device.Hold();
        ArgumentNullException.ThrowIfNull(x);
        var y = DeviceTensor.Uninitialized(device, x.Shape.ToArray());
        mask?.Dispose();
        mask = null;
        if (!training || P == 0f)
        {
            y.CopyFrom(x);
            return y;
        }
        mask = DeviceTensor.Persistent(device, x.Shape.ToArray()); // kept past the caller's scope, until the backward
        device.Kernels.DropoutForward(x.View, y.View, mask.View, P, Seed, ++calls);
        return y;
    }

    /// <inheritdoc cref="IModule{TInput}.Forward" />
    public DeviceTensor Forward(DeviceTensor input, ForwardContext context) => Forward(input, context.Training);

    /// <summary>dx = dy * mask of the last training-mode forward (a copy of dy when nothing was dropped).</summary>
    /// <param name="dy">Shaped like the forward input.</param>
    public DeviceTensor Backward(DeviceTensor dy)
    {
        using var hold = device.Hold();
        ArgumentNullException.ThrowIfNull(dy);
        var dx = DeviceTensor.Uninitialized(device, dy.Shape.ToArray());
        if (mask is null)
        {
            dx.CopyFrom(dy);
            return dx;
        }
        Shapes.RequireShape(dy, mask.Shape, nameof(dy));
        device.Kernels.Multiply(dy.View, mask.View, dx.View);
        return dx;
    }

    /// <inheritdoc />
    public void Dispose() => mask?.Dispose();
}

/// <summary>The rule every module's Backward keeps: one Backward per training Forward.</summary>
internal static class BackwardRule
{
    /// <summary>The message of a model's Backward with no training Forward to differentiate, naming the model the caller
    /// called (not the inner module that would have noticed).</summary>
    /// <param name="module">The model.</param>
    public static string NoTrainingForward(string module) =>
        $"{module}.Backward needs a training Forward before it (training: true): the last Forward was an inference one, or " +
        "its Backward has already run (each training Forward allows one Backward).";

    /// <summary>The message of a second Backward after one training Forward.</summary>
    /// <param name="module">The module whose Backward was called again.</param>
    public static string SecondBackward(string module) =>
        $"{module}.Backward was already called for the last training Forward: each training Forward allows one Backward " +
        "(a second would add its parameter gradients again); run a new Forward with training: true first.";
}
