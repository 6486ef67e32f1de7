namespace RnnGpu;

/// <summary>
/// Many-to-one: a recurrent layer reads (T, B, I) and a <see cref="Linear"/> maps each sequence's last valid state to C
/// logits. Unidirectional: the last layer's h_n; bidirectional: [h_n forward, h_n reverse] of the last layer (the reverse
/// direction's final state is its state after step 0, as PyTorch's h_n). Parameter names <c>rnn.*</c>, <c>fc.*</c>.
/// </summary>
public sealed class SequenceClassifier : IModule<DeviceTensor>
{
    bool trainingForward; // the last Forward kept what Backward needs, and no Backward has used it yet

    int lastBatch;

    /// <summary>Creates the model.</summary>
    /// <param name="device">Device.</param>
    /// <param name="rnn">Recurrent layer options; with <see cref="RnnOptions.BatchFirst"/> x is (B, T, I).</param>
    /// <param name="classes">C.</param>
    /// <param name="seed">Seed of the model: the head's initialisation, and the recurrent layer's unless
    /// <see cref="RnnOptions.Seed"/> is set (non-zero).</param>
    public SequenceClassifier(ComputeDevice device, RnnOptions rnn, int classes, ulong seed = 0)
    {
        (Rnn, Fc, NamedParameters) = HeadParts.RecurrentWithLinear(device, rnn, classes, seed);
    }

    /// <summary>The recurrent layer.</summary>
    public RecurrentLayer Rnn { get; }

    /// <summary>The head.</summary>
    public Linear Fc { get; }

    /// <inheritdoc />
    public IReadOnlyList<NamedParameter> NamedParameters { get; }


    /// <summary>logits (B, C) from x (T, B, I). In training mode the recurrent layer keeps its own copy of x for
    /// <see cref="Backward"/>.</summary>
    /// <param name="x">(T, B, I).</param>
    /// <param name="lengths">Per-sequence lengths, or null.</param>
    /// <param name="training">Keep what backward needs.</param>
    public DeviceTensor Forward(DeviceTensor x, IReadOnlyList<int>? lengths = null, bool training = false)
    {
        using var hold = Rnn.Device.Hold();
        trainingForward = training;
        using var o = Rnn.Forward(x, lengths: lengths, training: training);
        int B = o.HN.Shape[1], H = Rnn.Options.HiddenSize, D = Rnn.Directions, top = (Rnn.Layers - 1) * D;
        lastBatch = B;
        using var feat = DeviceTensor.Uninitialized(Rnn.Device, B, D * H);
        if (D == 1)
            feat.CopyFrom(o.HN.Row(top));
        else
        {
            using var f = o.HN.Row(top);
            using var r = o.HN.Row(top + 1);
            Rnn.Device.Kernels.Concat2(f.View, r.View, feat.View, H);
        }
        return Fc.Forward(feat, training);
    }

    /// <summary>logits (B, C) from x (T, B, I), with the context's lengths and mode (see the other overload).</summary>
    /// <param name="input">(T, B, I).</param>
    /// <param name="context">Training or inference, and per-sequence lengths.</param>
    public DeviceTensor Forward(DeviceTensor input, ForwardContext context) => Forward(input, context.Lengths, context.Training);

    /// <summary>Backpropagates dlogits (B, C) through the head and the recurrent layer (parameter gradients accumulate).</summary>
    /// <param name="dlogits">(B, C).</param>
    /// <returns>dL/dx (T, B, I), owned by the caller.</returns>
    public DeviceTensor Backward(DeviceTensor dlogits)
    {
        using var hold = Rnn.Device.Hold();
        if (!trainingForward)
            throw new InvalidOperationException(BackwardRule.NoTrainingForward("SequenceClassifier"));
        using var dfeat = Fc.Backward(dlogits);
        int B = lastBatch, H = Rnn.Options.HiddenSize, D = Rnn.Directions, top = (Rnn.Layers - 1) * D;
        using var dhN = DeviceTensor.Zeros(Rnn.Device, Rnn.Layers * D, B, H);
        if (D == 1)
        {
            using var row = dhN.Row(top);
            row.CopyFrom(dfeat);
        }
        else
        {
            using var f = dhN.Row(top);
            using var r = dhN.Row(top + 1);
            Rnn.Device.Kernels.Split2(dfeat.View, f.View, r.View, H);
        }
        var g = Rnn.Backward(null, dhN);
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
