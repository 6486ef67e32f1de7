namespace RnnGpu;

/// <summary>
/// Many-to-one: a recurrent layer reads (T, B, I) and a <see cref="Linear"/> maps each sequence's last valid state to C
/// logits. Unidirectional: the last layer's h_n; bidirectional: [h_n forward, h_n reverse] of the last layer (the reverse
/// direction's final state is its state after step 0, as PyTorch's h_n). Parameter names <c>rnn.*</c>, <c>fc.*</c>.
/// </summary>
public sealed class SequenceClassifier : IModule
{
    int lastBatch;

    /// <summary>Creates the model.</summary>
    /// <param name="device">Device.</param>
    /// <param name="rnn">Recurrent layer options (sequence-major: BatchFirst must be false).</param>
    /// <param name="classes">C.</param>
    /// <param name="seed">Seed of the head's initialisation.</param>
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

    /// <inheritdoc />
    public void ParametersChanged() => Rnn.ParametersChanged();

    /// <summary>logits (B, C) from x (T, B, I). In training mode x must stay alive until <see cref="Backward"/>
    /// (the recurrent layer keeps a view of it).</summary>
    /// <param name="x">(T, B, I).</param>
    /// <param name="lengths">Per-sequence lengths, or null.</param>
    /// <param name="training">Keep what backward needs.</param>
    public DeviceTensor Forward(DeviceTensor x, IReadOnlyList<int>? lengths = null, bool training = false)
    {
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

    /// <summary>Backpropagates dlogits (B, C) through the head and the recurrent layer (parameter gradients accumulate).</summary>
    /// <param name="dlogits">(B, C).</param>
    public void Backward(DeviceTensor dlogits)
    {
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
        using var g = Rnn.Backward(null, dhN);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Rnn.Dispose();
        Fc.Dispose();
    }
}

/// <summary>
/// Many-to-many: a recurrent layer reads (T, B, I) and a <see cref="Linear"/> maps every step's output, viewed as
/// (T*B, D*H), to logits (T*B, C) (row t*B + b). Padded steps (past a sequence's length) see a zero output; give them the
/// ignore index as target. Parameter names <c>rnn.*</c>, <c>fc.*</c>.
/// </summary>
public sealed class SequenceTagger : IModule
{
    int lastT, lastB;

    /// <summary>Creates the model.</summary>
    /// <param name="device">Device.</param>
    /// <param name="rnn">Recurrent layer options (BatchFirst must be false).</param>
    /// <param name="classes">C.</param>
    /// <param name="seed">Seed of the head's initialisation.</param>
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

    /// <inheritdoc />
    public void ParametersChanged() => Rnn.ParametersChanged();

    /// <summary>logits (T*B, C) from x (T, B, I); also returns the final states (detach them for truncated BPTT by passing
    /// them as the next chunk's h0/c0) when <paramref name="finalStates"/> is requested.</summary>
    /// <param name="x">(T, B, I); in training mode it must stay alive until <see cref="Backward"/> (the layer keeps a view).</param>
    /// <param name="h0">Initial hidden states (L*D, B, H) or null.</param>
    /// <param name="c0">Initial cell states (LSTM) or null.</param>
    /// <param name="lengths">Per-sequence lengths, or null.</param>
    /// <param name="training">Keep what backward needs.</param>
    /// <param name="finalStates">Receives h_n and c_n (owned by the caller) when not null.</param>
    public DeviceTensor Forward(DeviceTensor x, DeviceTensor? h0 = null, DeviceTensor? c0 = null, IReadOnlyList<int>? lengths = null,
        bool training = false, Action<DeviceTensor, DeviceTensor?>? finalStates = null)
    {
        var o = Rnn.Forward(x, h0, c0, lengths, training);
        try
        {
            lastT = o.Output.Shape[0];
            lastB = o.Output.Shape[1];
            using var flat = o.Output.Reshape(lastT * lastB, o.Output.Shape[2]);
            var y = Fc.Forward(flat, training);
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

    /// <summary>Backpropagates dlogits (T*B, C); returns dL/dx (T, B, I), owned by the caller.</summary>
    /// <param name="dlogits">(T*B, C).</param>
    public DeviceTensor Backward(DeviceTensor dlogits)
    {
        using var dflat = Fc.Backward(dlogits);
        using var dOut = dflat.Reshape(lastT, lastB, dflat.Shape[1]);
        var g = Rnn.Backward(dOut);
        g.DH0.Dispose();
        g.DC0?.Dispose();
        return g.DInput;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Rnn.Dispose();
        Fc.Dispose();
    }
}

/// <summary>
/// Token language model and one-to-many generator: <see cref="Embedding"/> (V, E), a unidirectional recurrent layer,
/// and a <see cref="Linear"/> (H to V). Trained with teacher forcing on (T, B) token ids; <see cref="Generate"/> and
/// <see cref="Sample"/> feed each chosen token (greedy, or drawn with a temperature) back through the layer's streaming API,
/// entirely on the device. Names <c>embedding.*</c>, <c>rnn.*</c>, <c>fc.*</c>.
/// </summary>
public sealed class TokenGenerator : IModule
{
    int lastT, lastB;
    DeviceTensor? keptInput;

    /// <summary>Creates the model.</summary>
    /// <param name="device">Device.</param>
    /// <param name="vocabulary">V.</param>
    /// <param name="embedding">E.</param>
    /// <param name="rnn">Recurrent options; InputSize must equal E; unidirectional; BatchFirst false.</param>
    /// <param name="seed">Seed of the embedding and head.</param>
    public TokenGenerator(ComputeDevice device, int vocabulary, int embedding, RnnOptions rnn, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(rnn);
        if (rnn.Bidirectional || rnn.BatchFirst || rnn.InputSize != embedding)
            throw new ArgumentException($"The generator needs a unidirectional, sequence-major layer with InputSize = embedding ({embedding}); got {rnn}.", nameof(rnn));
        Embedding = new Embedding(device, vocabulary, embedding, seed);
        Rnn = new RecurrentLayer(device, rnn);
        Fc = new Linear(device, rnn.HiddenSize, vocabulary, seed + 1);
        NamedParameters = Embedding.Named("embedding").Concat(Rnn.Named("rnn")).Concat(Fc.Named("fc")).ToArray();
    }

    /// <summary>The token table.</summary>
    public Embedding Embedding { get; }

    /// <summary>The recurrent layer.</summary>
    public RecurrentLayer Rnn { get; }

    /// <summary>The output head.</summary>
    public Linear Fc { get; }

    /// <inheritdoc />
    public IReadOnlyList<NamedParameter> NamedParameters { get; }

    /// <inheritdoc />
    public void ParametersChanged() => Rnn.ParametersChanged();

    /// <summary>logits (T*B, V) for input tokens (T, B).</summary>
    /// <param name="tokens">(T, B) ids.</param>
    /// <param name="training">Keep what backward needs.</param>
    public DeviceTensor Forward(DeviceIndices tokens, bool training = false)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (tokens.Shape.Count != 2)
            throw new ArgumentException($"tokens has shape {tokens.ShapeText}, expected (T, B).", nameof(tokens));
        lastT = tokens.Shape[0];
        lastB = tokens.Shape[1];
        // The layer's tape views its input until backward: keep the embedded input alive until the next forward.
        var e = Embedding.Forward(tokens, training);
        keptInput?.Dispose();
        keptInput = e;
        using var x = e.Reshape(lastT, lastB, Embedding.Dim);
        using var o = Rnn.Forward(x, training: training);
        using var flat = o.Output.Reshape(lastT * lastB, Rnn.Options.HiddenSize);
        return Fc.Forward(flat, training);
    }

    /// <summary>Backpropagates dlogits (T*B, V) into every parameter gradient.</summary>
    /// <param name="dlogits">(T*B, V).</param>
    public void Backward(DeviceTensor dlogits)
    {
        using var dflat = Fc.Backward(dlogits);
        using var dOut = dflat.Reshape(lastT, lastB, Rnn.Options.HiddenSize);
        using var g = Rnn.Backward(dOut);
        Embedding.Backward(g.DInput);
    }

    /// <summary>Greedy generation: starting from <paramref name="start"/> (one id per sequence), feeds each argmax back as the
    /// next input for <paramref name="steps"/> steps. Runs on the device; the ids are read back once at the end.</summary>
    /// <param name="start">B start ids, each in [0, V).</param>
    /// <param name="steps">Tokens to generate.</param>
    /// <returns>(steps, B) generated ids, row-major.</returns>
    /// <exception cref="ArgumentException">No start id, steps &lt;= 0, or an id outside [0, V).</exception>
    public int[] Generate(IReadOnlyList<int> start, int steps)
    {
        ArgumentNullException.ThrowIfNull(start);
        if (steps <= 0 || start.Count == 0)
            throw new ArgumentException($"steps ({steps}) and the number of start ids ({start.Count}) must be positive.", nameof(steps));
        Sampling.CheckIds(start, Embedding.Vocabulary, nameof(start));
        return Decoding.Run(Embedding, Rnn, Fc, start.ToArray(), start.Count, steps, null, null, 0f, 0);
    }

    /// <summary>
    /// Conditions the state on <paramref name="prompt"/> (fed one token at a time through the streaming API), then produces
    /// <paramref name="steps"/> tokens, each fed back as the next input. Each token is drawn from softmax(logits / T) with
    /// T = <paramref name="temperature"/> by the Gumbel-max trick (<see cref="Sampling.Sample"/>, step s of the loop as its
    /// step counter); T = 0 takes the argmax (greedy). Runs on the device; the ids are read back once at the end, and the
    /// same seed gives the same ids.
    /// </summary>
    /// <param name="prompt">P &gt;= 1 token ids, each in [0, V).</param>
    /// <param name="steps">Tokens to produce (&gt; 0).</param>
    /// <param name="temperature">T, finite and &gt;= 0.</param>
    /// <param name="seed">Seed of the draws.</param>
    /// <returns>The <paramref name="steps"/> generated ids (the prompt is not repeated).</returns>
    /// <exception cref="ArgumentException">Empty prompt, an id outside [0, V), steps &lt;= 0, or a negative or non-finite temperature.</exception>
    public int[] Sample(IReadOnlyList<int> prompt, int steps, float temperature, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        return SampleCore(prompt, nameof(prompt), 1, steps, temperature, seed);
    }

    /// <summary>
    /// <see cref="Sample"/> for B sequences at once: <paramref name="prompts"/> is (P, B) row-major (token t of sequence b at
    /// t*B + b, all prompts of the same length P), and row b of the logits draws with row counter b, so the sequences draw
    /// independently.
    /// </summary>
    /// <param name="prompts">(P, B) token ids, row-major, each in [0, V).</param>
    /// <param name="batch">B &gt; 0; the number of ids must be a positive multiple of it.</param>
    /// <param name="steps">Tokens to produce per sequence (&gt; 0).</param>
    /// <param name="temperature">T, finite and &gt;= 0.</param>
    /// <param name="seed">Seed of the draws.</param>
    /// <returns>(steps, B) generated ids, row-major.</returns>
    /// <exception cref="ArgumentException">As <see cref="Sample"/>, or the ids do not fill (P, B).</exception>
    public int[] SampleBatch(IReadOnlyList<int> prompts, int batch, int steps, float temperature, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        return SampleCore(prompts, nameof(prompts), batch, steps, temperature, seed);
    }

    int[] SampleCore(IReadOnlyList<int> prompt, string promptName, int batch, int steps, float temperature, ulong seed)
    {
        if (prompt.Count == 0)
            throw new ArgumentException("The prompt is empty: give at least one token id to condition the state on.", promptName);
        if (batch <= 0 || prompt.Count % batch != 0)
            throw new ArgumentException($"{prompt.Count} prompt ids do not fill (P, B) with B = {batch}: B must be positive and divide the count.", nameof(batch));
        if (steps <= 0)
            throw new ArgumentException($"steps must be positive, got {steps}.", nameof(steps));
        Sampling.CheckTemperature(temperature);
        Sampling.CheckIds(prompt, Embedding.Vocabulary, promptName);
        return Decoding.Run(Embedding, Rnn, Fc, prompt.ToArray(), batch, steps, null, null, temperature, seed);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        keptInput?.Dispose();
        Embedding.Dispose();
        Rnn.Dispose();
        Fc.Dispose();
    }
}

/// <summary>
/// Encoder-decoder (seq2seq): the encoder (embedding + unidirectional recurrent layer) reads the source; its final states
/// h_n (and c_n) initialise the decoder (embedding + recurrent layer of the same mode, layers and hidden size + linear head).
/// Training uses teacher forcing (the decoder reads the shifted target); inference decodes greedily from a BOS id.
/// Names <c>encoder.embedding.*</c>, <c>encoder.rnn.*</c>, <c>decoder.embedding.*</c>, <c>decoder.rnn.*</c>, <c>decoder.fc.*</c>.
/// </summary>
public sealed class Seq2Seq : IModule
{
    int srcT, tgtT, batch;
    DeviceTensor? keptSource, keptTarget;

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

    /// <inheritdoc />
    public void ParametersChanged()
    {
        Encoder.ParametersChanged();
        Decoder.ParametersChanged();
    }

    /// <summary>Teacher-forced logits (Td*B, Vt) for source ids (Ts, B) and decoder input ids (Td, B) (the target shifted right
    /// behind a BOS id).</summary>
    /// <param name="source">(Ts, B).</param>
    /// <param name="decoderInput">(Td, B).</param>
    /// <param name="sourceLengths">Per-sequence source lengths, or null.</param>
    /// <param name="training">Keep what backward needs.</param>
    public DeviceTensor Forward(DeviceIndices source, DeviceIndices decoderInput, IReadOnlyList<int>? sourceLengths = null, bool training = false)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(decoderInput);
        if (source.Shape.Count != 2 || decoderInput.Shape.Count != 2 || source.Shape[1] != decoderInput.Shape[1])
            throw new ArgumentException($"source {source.ShapeText} and decoderInput {decoderInput.ShapeText} must be (Ts, B) and (Td, B) with the same B.", nameof(decoderInput));
        srcT = source.Shape[0];
        tgtT = decoderInput.Shape[0];
        batch = source.Shape[1];
        int E = SourceEmbedding.Dim, H = Decoder.Options.HiddenSize;
        // The layers' tapes view their inputs until backward: keep the embedded inputs alive until the next forward.
        var es = SourceEmbedding.Forward(source, training);
        keptSource?.Dispose();
        keptSource = es;
        using var xs = es.Reshape(srcT, batch, E);
        using var enc = Encoder.Forward(xs, lengths: sourceLengths, training: training);
        var et = TargetEmbedding.Forward(decoderInput, training);
        keptTarget?.Dispose();
        keptTarget = et;
        using var xt = et.Reshape(tgtT, batch, E);
        using var dec = Decoder.Forward(xt, enc.HN, enc.CN, training: training);
        using var flat = dec.Output.Reshape(tgtT * batch, H);
        return Fc.Forward(flat, training);
    }

    /// <summary>Backpropagates dlogits (Td*B, Vt) through decoder, the state hand-over and encoder.</summary>
    /// <param name="dlogits">(Td*B, Vt).</param>
    public void Backward(DeviceTensor dlogits)
    {
        int H = Decoder.Options.HiddenSize;
        using var dflat = Fc.Backward(dlogits);
        using var dOut = dflat.Reshape(tgtT, batch, H);
        using var gd = Decoder.Backward(dOut);
        TargetEmbedding.Backward(gd.DInput);
        using var ge = Encoder.Backward(null, gd.DH0, gd.DC0);
        SourceEmbedding.Backward(ge.DInput);
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
        keptSource?.Dispose();
        keptTarget?.Dispose();
        SourceEmbedding.Dispose();
        Encoder.Dispose();
        TargetEmbedding.Dispose();
        Decoder.Dispose();
        Fc.Dispose();
    }
}

/// <summary>The recurrent layer plus linear head that <see cref="SequenceClassifier"/> and <see cref="SequenceTagger"/> share.</summary>
internal static class HeadParts
{
    public static (RecurrentLayer Rnn, Linear Fc, NamedParameter[] Named) RecurrentWithLinear(ComputeDevice device, RnnOptions rnn,
        int outputs, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(rnn);
        if (rnn.BatchFirst)
            throw new ArgumentException("The model heads take sequence-major input: RnnOptions.BatchFirst must be false.", nameof(rnn));
        var layer = new RecurrentLayer(device, rnn);
        var fc = new Linear(device, layer.Directions * rnn.HiddenSize, outputs, seed);
        return (layer, fc, layer.Named("rnn").Concat(fc.Named("fc")).ToArray());
    }
}

/// <summary>The decoding loop shared by the generator and seq2seq (all on the device, one read at the end).</summary>
internal static class Decoding
{
    /// <summary>Feeds prompt (P, B) row-major through a stream started from (h0, c0), then chooses <paramref name="steps"/>
    /// tokens (argmax when temperature is 0, else sampled with step counter s), feeding each back. Returns (steps, B).
    /// The ids must already be checked against the vocabulary.</summary>
    public static int[] Run(Embedding emb, RecurrentLayer rnn, Linear fc, int[] prompt, int batch, int steps, DeviceTensor? h0,
        DeviceTensor? c0, float temperature, ulong seed)
    {
        var dev = rnn.Device;
        int B = batch, P = prompt.Length / batch, H = rnn.Options.HiddenSize, V = fc.OutFeatures;
        using var outIds = DeviceIndices.Uninitialized(dev, steps, B);
        using var cur = DeviceIndices.Uninitialized(dev, B);
        using var stream = rnn.CreateStream(B, h0, c0);
        using var y = DeviceTensor.Uninitialized(dev, B, H);
        using (var promptIds = DeviceIndices.FromHost(dev, prompt, P * B))
        using (var embedded = emb.Forward(promptIds))
        using (var xs = embedded.Reshape(P, B, emb.Dim))
        {
            for (int t = 0; t < P; t++)
            {
                using var x = xs.Row(t);
                stream.Step(x, y);
            }
        }
        for (int s = 0; s < steps; s++)
        {
            using (var logits = fc.Forward(y))
                dev.Kernels.SampleRows(logits.View, cur.View, V, temperature, seed, s);
            cur.CopyInto(outIds, (long)s * B);
            if (s + 1 < steps)
            {
                using var x = emb.Forward(cur);
                stream.Step(x, y);
            }
        }
        return outIds.ToArray();
    }
}
