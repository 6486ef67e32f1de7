using RnnGpu.Kernels;

namespace RnnGpu;

/// <summary>How <see cref="Attention"/> scores a query against a key.</summary>
public enum AttentionScore
{
    /// <summary>GNMT v2's normalized Bahdanau score: v' . tanh(W_q q + W_k k + b) with v' = g v / ||v|| (parameters
    /// <c>linear_q.weight</c>, <c>linear_k.weight</c>, <c>linear_att</c>, <c>normalize_scalar</c>, <c>normalize_bias</c>).</summary>
    NormalizedBahdanau,
    /// <summary>Bahdanau's additive score: v . tanh(W_q q + W_k k) (<c>linear_q.weight</c>, <c>linear_k.weight</c>,
    /// <c>linear_att</c>).</summary>
    Bahdanau,
    /// <summary>Luong's dot score q . k (no parameters; the query and key widths must agree).</summary>
    Dot,
    /// <summary>Luong's general score (W q) . k (<c>linear_in.weight</c>, (key width, query width), as OpenNMT names it).</summary>
    General,
}

/// <summary>What one <see cref="Attention"/> forward returns: the context (Tq, B, Nk) and the weights (Tq, B, Tk), both owned
/// by the caller.</summary>
public sealed class AttentionResult : IDisposable
{
    internal AttentionResult(DeviceTensor context, DeviceTensor weights)
    {
        Context = context;
        Weights = weights;
    }

    /// <summary>context: (Tq, B, Nk), the weighted sums of the keys.</summary>
    public DeviceTensor Context { get; }

    /// <summary>weights: (Tq, B, Tk), each row a softmax over the key positions below its sequence's length (0 past it).</summary>
    public DeviceTensor Weights { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        Context.Dispose();
        Weights.Dispose();
    }
}

/// <summary>
/// The keys an <see cref="Attention"/> attends over, prepared once (copied, projected by W_k, laid out for the device's
/// kernels) so that decoding can score one query step at a time without redoing the keys' work. Create it with
/// <see cref="Attention.Memory"/>; the caller owns and disposes it.
/// </summary>
public sealed class AttentionMemory : IDisposable
{
    internal AttentionMemory(Attention owner, DeviceTensor values, DeviceTensor scored, DeviceTensor? scoredT, DeviceTensor? valuesT,
        DeviceIndices lengths, int[] hostLengths)
    {
        Owner = owner;
        Values = values;
        Scored = scored;
        ScoredT = scoredT;
        ValuesT = valuesT;
        Lengths = lengths;
        HostLengths = hostLengths;
    }

    internal Attention Owner { get; }
    internal DeviceTensor Values { get; }
    internal DeviceTensor Scored { get; }
    internal DeviceTensor? ScoredT { get; }
    internal DeviceTensor? ValuesT { get; }
    internal DeviceIndices Lengths { get; }
    internal int[] HostLengths { get; }

    /// <summary>Key positions Tk.</summary>
    public int KeySteps => Values.Shape[0];

    /// <summary>Sequences B.</summary>
    public int Batch => Values.Shape[1];

    /// <summary>Whether the memory has been disposed.</summary>
    public bool IsDisposed => Values.IsDisposed;

    /// <summary>Takes the memory's tensors out of every dispose scope (a module keeping it for its backward).</summary>
    internal AttentionMemory Detach()
    {
        Values.DetachFromDisposeScope();
        Scored.DetachFromDisposeScope();
        ScoredT?.DetachFromDisposeScope();
        ValuesT?.DetachFromDisposeScope();
        return this;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Values.Dispose();
        if (!ReferenceEquals(Scored, Values))
            Scored.Dispose();
        ScoredT?.Dispose();
        ValuesT?.Dispose();
        Lengths.Dispose();
    }
}
