namespace RnnGpu;

/// <summary>The input of <see cref="Seq2Seq"/>: source ids (Ts, B) and decoder input ids (Td, B) (the target shifted right behind
/// a BOS id), with the same B.</summary>
/// <param name="Source">(Ts, B) source ids.</param>
/// <param name="DecoderInput">(Td, B) decoder input ids.</param>
public readonly record struct Seq2SeqInput(DeviceIndices Source, DeviceIndices DecoderInput);

/// <summary>
/// Encoder-decoder (seq2seq): the encoder (embedding + unidirectional recurrent layer) reads the source; its final states
/// h_n (and c_n) initialise the decoder (embedding + recurrent layer of the same mode, layers and hidden size + linear head).
/// Training uses teacher forcing (the decoder reads the shifted target); inference decodes greedily from a BOS id.
/// Names <c>encoder.embedding.*</c>, <c>encoder.rnn.*</c>, <c>decoder.embedding.*</c>, <c>decoder.rnn.*</c>, <c>decoder.fc.*</c>.
/// </summary>
public sealed class Seq2Seq : IModule<Seq2SeqInput>
{
    bool trainingForward; // the last Forward kept what Backward needs, and no Backward has used it yet

    int srcT, tgtT, batch;

    /// <summary>Creates the model.</summary>
    /// <param name="device">Device.</param>
    /// <param name="sourceVocabulary">Source V.</param>
    /// <param name="targetVocabulary">Target V.</param>
    /// <param name="embedding">E of both embeddings.</param>
    /// <param name="mode">Cell kind of both layers.</param>
    /// <param name="hidden">H of both layers.</param>
    /// <param name="layers">Layers of both.</param>
    /// <param name="seed">Seed.</param>
    public Seq2Seq(ComputeDevice device, int sourceVocabulary, int targetVocabulary, int embedding, RnnMode mode, int hidden,
        int layers = 1, ulong seed = 0)
    {
        SourceEmbedding = new Embedding(device, sourceVocabulary, embedding, seed);
        Encoder = new RecurrentLayer(device, new RnnOptions(mode, embedding, hidden, layers, Seed: seed + 1));
        TargetEmbedding = new Embedding(device, targetVocabulary, embedding, seed + 2);
        Decoder = new RecurrentLayer(device, new RnnOptions(mode, embedding, hidden, layers, Seed: seed + 3));
        Fc = new Linear(device, hidden, targetVocabulary, seed + 4);
        NamedParameters = SourceEmbedding.Named("encoder.embedding").Concat(Encoder.Named("encoder.rnn"))
            .Concat(TargetEmbedding.Named("decoder.embedding")).Concat(Decoder.Named("decoder.rnn")).Concat(Fc.Named("decoder.fc")).ToArray();
    }

    /// <summary>Source embedding.</summary>
    public Embedding SourceEmbedding { get; }

    /// <summary>Encoder layer.</summary>
    public RecurrentLayer Encoder { get; }

    /// <summary>Target embedding.</summary>
    public Embedding TargetEmbedding { get; }

    /// <summary>Decoder layer.</summary>
    public RecurrentLayer Decoder { get; }

    /// <summary>Decoder head (H to target V).</summary>
    public Linear Fc { get; }

    /// <inheritdoc />
    public IReadOnlyList<NamedParameter> NamedParameters { get; }


    /// <summary>Teacher-forced logits (Td*B, Vt) for source ids (Ts, B) and decoder input ids (Td, B) (the target shifted right
    /// behind a BOS id).</summary>
    /// <param name="source">(Ts, B).</param>
    /// <param name="decoderInput">(Td, B).</param>
    /// <param name="sourceLengths">Per-sequence source lengths, or null.</param>
    /// <param name="training">Keep what backward needs.</param>
    public DeviceTensor Forward(DeviceIndices source, DeviceIndices decoderInput, IReadOnlyList<int>? sourceLengths = null, bool training = false)
    {
        using var hold = Encoder.Device.Hold();
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(decoderInput);
        if (source.Shape.Count != 2 || decoderInput.Shape.Count != 2 || source.Shape[1] != decoderInput.Shape[1])
            throw new ArgumentException($"source {source.ShapeText} and decoderInput {decoderInput.ShapeText} must be (Ts, B) and (Td, B) with the same B.", nameof(decoderInput));
        srcT = source.Shape[0];
        tgtT = decoderInput.Shape[0];
        batch = source.Shape[1];
        int E = SourceEmbedding.Dim, H = Decoder.Options.HiddenSize;
        // The layers copy what their backward needs: the embedded inputs are freed at once.
        trainingForward = training;
        using var es = SourceEmbedding.Forward(source, training);
        using var xs = es.Reshape(srcT, batch, E);
        using var enc = Encoder.Forward(xs, lengths: sourceLengths, training: training);
        using var et = TargetEmbedding.Forward(decoderInput, training);
        using var xt = et.Reshape(tgtT, batch, E);
        using var dec = Decoder.Forward(xt, enc.HN, enc.CN, training: training);
        using var flat = dec.Output.Reshape(tgtT * batch, H);
        return Fc.Forward(flat, training);
    }

    /// <summary>Teacher-forced logits (Td*B, Vt) for the source and decoder input ids; the context's lengths are the source
    /// lengths.</summary>
    /// <param name="input">Source (Ts, B) and decoder input (Td, B) ids.</param>
    /// <param name="context">Training or inference, and per-sequence source lengths.</param>
    public DeviceTensor Forward(Seq2SeqInput input, ForwardContext context) =>
        Forward(input.Source, input.DecoderInput, context.Lengths, context.Training);

    /// <summary>Backpropagates dlogits (Td*B, Vt) through decoder, the state hand-over and encoder.</summary>
    /// <param name="dlogits">(Td*B, Vt).</param>
    /// <returns>Null: token ids have no gradient.</returns>
    public DeviceTensor? Backward(DeviceTensor dlogits)
    {
        using var hold = Encoder.Device.Hold();
        if (!trainingForward)
            throw new InvalidOperationException(BackwardRule.NoTrainingForward("Seq2Seq"));
        int H = Decoder.Options.HiddenSize;
        using var dflat = Fc.Backward(dlogits);
        using var dOut = dflat.Reshape(tgtT, batch, H);
        using var gd = Decoder.Backward(dOut);
        TargetEmbedding.Backward(gd.DInput);
        using var ge = Encoder.Backward(null, gd.DH0, gd.DC0);
        trainingForward = false;
        return SourceEmbedding.Backward(ge.DInput);
    }

    /// <summary>Greedy decoding: encodes the source, then feeds each argmax back from <paramref name="bos"/> for
    /// <paramref name="steps"/> steps on the device.</summary>
    /// <param name="source">(Ts, B) source ids.</param>
    /// <param name="bos">Start id of the decoder.</param>
    /// <param name="steps">Tokens to produce.</param>
    /// <param name="sourceLengths">Per-sequence source lengths, or null.</param>
    /// <returns>(steps, B) ids, row-major.</returns>
    public int[] Translate(DeviceIndices source, int bos, int steps, IReadOnlyList<int>? sourceLengths = null)
    {
        using var hold = Encoder.Device.Hold();
        ArgumentNullException.ThrowIfNull(source);
        if (source.Shape.Count != 2)
            throw new ArgumentException($"source has shape {source.ShapeText}, expected (Ts, B).", nameof(source));
        int T = source.Shape[0], B = source.Shape[1];
        if (steps <= 0)
            throw new ArgumentException($"steps must be positive, got {steps}.", nameof(steps));
        if ((uint)bos >= (uint)TargetEmbedding.Vocabulary)
            throw new ArgumentException($"bos = {bos} is not a token id: ids must lie in [0, {TargetEmbedding.Vocabulary}) for a target vocabulary of size {TargetEmbedding.Vocabulary}.", nameof(bos));
        using var es = SourceEmbedding.Forward(source);
        using var xs = es.Reshape(T, B, SourceEmbedding.Dim);
        using var enc = Encoder.Forward(xs, lengths: sourceLengths);
        return Decoding.Run(TargetEmbedding, Decoder, Fc, Enumerable.Repeat(bos, B).ToArray(), B, steps, enc.HN, enc.CN, 0f, 0);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        SourceEmbedding.Dispose();
        Encoder.Dispose();
        TargetEmbedding.Dispose();
        Decoder.Dispose();
        Fc.Dispose();
    }
}
