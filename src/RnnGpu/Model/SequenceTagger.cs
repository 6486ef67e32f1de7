namespace RnnGpu;

/// <summary>
/// Many-to-many: a recurrent layer reads (T, B, I) and a <see cref="Linear"/> maps every step's output to logits (T, B, C),
/// as <c>nn.Sequential(nn.LSTM, nn.Linear)</c> gives them in PyTorch ((B, T, C) with <see cref="RnnOptions.BatchFirst"/>);
/// a loss over them takes targets in the same order (T*B ids, row t*B + b). Padded steps (past a sequence's length) see a
/// zero output; give them the ignore index as target. Parameter names <c>rnn.*</c>, <c>fc.*</c>.
/// </summary>
public sealed class SequenceTagger : IModule<DeviceTensor>
{
    bool trainingForward; // the last Forward kept what Backward needs, and no Backward has used it yet

    int lastT, lastB;

    /// <summary>Creates the model.</summary>
    /// <param name="device">Device.</param>
    /// <param name="rnn">Recurrent layer options; with <see cref="RnnOptions.BatchFirst"/> x is (B, T, I) and the rows of the logits batch-major.</param>
    /// <param name="classes">C.</param>
    /// <param name="seed">Seed of the model: the head's initialisation, and the recurrent layer's unless
    /// <see cref="RnnOptions.Seed"/> is set (non-zero).</param>
    public SequenceTagger(ComputeDevice device, RnnOptions rnn, int classes, ulong seed = 0)
    {
        (Rnn, Fc, NamedParameters) = HeadParts.RecurrentWithLinear(device, rnn, classes, seed);
    }

    /// <summary>The recurrent layer.</summary>
    public RecurrentLayer Rnn { get; }

    /// <summary>The per-step head.</summary>
    public Linear Fc { get; }

    /// <inheritdoc />
    public IReadOnlyList<NamedParameter> NamedParameters { get; }


    /// <summary>logits (T, B, C) from x (T, B, I) (with <see cref="RnnOptions.BatchFirst"/>: (B, T, C) from x (B, T, I));
    /// also returns the final states (detach them for truncated BPTT by passing
    /// them as the next chunk's h0/c0) when <paramref name="finalStates"/> is requested.</summary>
    /// <param name="x">(T, B, I); in training mode the layer keeps its own copy for <see cref="Backward"/>.</param>
    /// <param name="h0">Initial hidden states (L*D, B, H) or null.</param>
    /// <param name="c0">Initial cell states (LSTM) or null.</param>
    /// <param name="lengths">Per-sequence lengths, or null.</param>
    /// <param name="training">Keep what backward needs.</param>
    /// <param name="finalStates">Receives h_n and c_n (owned by the caller) when not null.</param>
    public DeviceTensor Forward(DeviceTensor x, DeviceTensor? h0 = null, DeviceTensor? c0 = null, IReadOnlyList<int>? lengths = null,
        bool training = false, Action<DeviceTensor, DeviceTensor?>? finalStates = null)
    {
        using var hold = Rnn.Device.Hold();
        trainingForward = training;
        var o = Rnn.Forward(x, h0, c0, lengths, training);
        try
        {
            lastT = o.Output.Shape[0]; // (T, B) sequence-major, (B, T) batch-first
            lastB = o.Output.Shape[1];
            var y = Fc.Forward(o.Output, training);
            if (finalStates is not null)
            {
                finalStates(o.HN, o.CN);
                o.Output.Dispose();
                return y;
            }
            o.Dispose();
            return y;
        }
        catch
        {
            o.Dispose();
            throw;
        }
    }

    /// <summary>logits (T, B, C) from x (T, B, I) with zero initial states, with the context's lengths and mode.</summary>
    /// <param name="input">(T, B, I).</param>
    /// <param name="context">Training or inference, and per-sequence lengths.</param>
    public DeviceTensor Forward(DeviceTensor input, ForwardContext context) =>
        Forward(input, lengths: context.Lengths, training: context.Training);

    /// <summary>Backpropagates dlogits (T, B, C) (or the same rows flattened, (T*B, C)); returns dL/dx (T, B, I), owned by
    /// the caller.</summary>
    /// <param name="dlogits">(T, B, C), shaped like the forward's logits, or (T*B, C).</param>
    public DeviceTensor Backward(DeviceTensor dlogits)
    {
        using var hold = Rnn.Device.Hold();
        if (!trainingForward)
            throw new InvalidOperationException(BackwardRule.NoTrainingForward("SequenceTagger"));
        using var rows = dlogits.Rank == 2 && dlogits.Shape[0] == lastT * lastB ? dlogits.Reshape(lastT, lastB, dlogits.Shape[1]) : null;
        using var dOut = Fc.Backward(rows ?? dlogits);
        var g = Rnn.Backward(dOut);
        g.DH0.Dispose();
        g.DC0?.Dispose();
        trainingForward = false;
        return g.DInput;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Rnn.Dispose();
        Fc.Dispose();
    }
}
