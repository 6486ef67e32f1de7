namespace RnnGpu;

/// <summary>The sizes of a <see cref="Gnmt"/>, as NVIDIA's GNMT v2 names them.</summary>
/// <param name="Vocabulary">V, shared by source and target (NVIDIA's joint BPE vocabulary); id 0 is the padding id.</param>
/// <param name="Hidden">H: the embeddings, every LSTM and the attention.</param>
/// <param name="Layers">LSTM layers of the encoder and of the decoder (NVIDIA's num_layers; at least 2).</param>
/// <param name="Dropout">Dropout before every LSTM (and on the embeddings), in training.</param>
/// <param name="ShareEmbedding">One embedding table for source and target.</param>
/// <param name="Seed">Seeds every parameter (U(-0.1, 0.1); bias_hh zero; normalize_scalar 1/sqrt(H)) and the dropout masks.</param>
public sealed record GnmtOptions(int Vocabulary, int Hidden = 1024, int Layers = 4, float Dropout = 0.2f, bool ShareEmbedding = false,
    ulong Seed = 0)
{
    /// <summary>The padding id: both embeddings' padding_idx (its row gets no gradient).</summary>
    public const int PadId = 0;

    /// <summary>Throws when a size or the dropout does not make sense, naming it.</summary>
    /// <exception cref="ArgumentException">The option and its value.</exception>
    public void Validate()
    {
        if (Vocabulary < 2)
            throw new ArgumentException($"GnmtOptions.Vocabulary must be at least 2 (the padding id 0 and one token), got {Vocabulary}.");
        if (Hidden <= 0)
            throw new ArgumentException($"GnmtOptions.Hidden must be positive, got {Hidden}.");
        if (Layers < 2)
            throw new ArgumentException($"GnmtOptions.Layers must be at least 2 (the encoder's bidirectional layer and the layer that brings it back to H), got {Layers}.");
        if (!(Dropout >= 0f && Dropout < 1f))
            throw new ArgumentException($"GnmtOptions.Dropout must be in [0, 1), got {Dropout}.");
    }
}

/// <summary>
/// GNMT v2 (Wu et al. 2016, as NVIDIA's DeepLearningExamples implements it in PyTorch), name for name. Encoder: an embedding;
/// <c>rnn_layers.0</c> a bidirectional LSTM (H to 2H) over the source with its lengths (each sequence's reverse direction
/// starts at its own last token); <c>rnn_layers.1</c> an LSTM (2H to H); <c>rnn_layers.i</c>, i &gt;= 2, an LSTM (H to H)
/// with a residual connection; dropout before every layer. Decoder: an embedding; <c>att_rnn.rnn</c> an LSTM (H to H) over
/// the dropped-out embedded decoder input, whose outputs query <c>att_rnn.attn</c>, a normalized Bahdanau
/// <see cref="Attention"/> over the encoder's outputs masked past each source length; <c>rnn_layers.0</c> an LSTM (2H to H)
/// over [x, context]; <c>rnn_layers.i</c>, i &gt;= 1, the same with a residual connection (x = LSTM([x, context]) + x);
/// dropout before each; <c>classifier.classifier</c> a Linear (H to V). Decoder states start at zero; the decoder runs over
/// the whole padded decoder input (pads are left out by the loss's ignore index).
/// <see cref="IModule.NamedParameters"/> are NVIDIA's state_dict names in its order (with a shared embedding only
/// <c>encoder.embedder.weight</c>, the one tensor behind both names).
/// </summary>
public sealed class Gnmt : IModule<Seq2SeqInput>
{
    readonly Embedding encEmbedder, decEmbedder;
    readonly RecurrentLayer[] encLayers, decLayers;
    readonly RecurrentLayer attRnn;
    readonly Attention attention;
    readonly Linear classifier;
    readonly Dropout[] encDrop, decDrop;
    readonly Dropout attDrop;
    DeviceTensor? lastAttention;
    bool trainingForward;
    int tgtT, batch; // of the last training forward, for its backward

    /// <summary>Creates the model.</summary>
    /// <param name="device">Device.</param>
    /// <param name="options">Sizes.</param>
    public Gnmt(ComputeDevice device, GnmtOptions options)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Device = device;
        Options = options;
        int v = options.Vocabulary, h = options.Hidden, L = options.Layers;
        ulong s = options.Seed * 1000;
        encEmbedder = new Embedding(device, v, h, s + 1, GnmtOptions.PadId);
        decEmbedder = options.ShareEmbedding ? new Embedding(encEmbedder) : new Embedding(device, v, h, s + 2, GnmtOptions.PadId);
        RecurrentLayer Lstm(int input, bool bidirectional, ulong seed) =>
            new(device, new RnnOptions(RnnMode.Lstm, input, h, 1, Bidirectional: bidirectional, Seed: seed));
        encLayers = new RecurrentLayer[L];
        encLayers[0] = Lstm(h, true, s + 10);
        encLayers[1] = Lstm(2 * h, false, s + 11);
        for (int i = 2; i < L; i++)
            encLayers[i] = Lstm(h, false, s + 10 + (ulong)i);
        attRnn = Lstm(h, false, s + 100);
        attention = new Attention(device, h, h, h, AttentionScore.NormalizedBahdanau, s + 101);
        decLayers = new RecurrentLayer[L - 1];
        for (int i = 0; i < L - 1; i++)
            decLayers[i] = Lstm(2 * h, false, s + 110 + (ulong)i);
        classifier = new Linear(device, h, v, s + 200);
        uint ds = (uint)(options.Seed * 7919 + 17);
        encDrop = Enumerable.Range(0, L).Select(i => new Dropout(device, options.Dropout, ds + (uint)i)).ToArray();
        attDrop = new Dropout(device, options.Dropout, ds + 100);
        decDrop = Enumerable.Range(0, L - 1).Select(i => new Dropout(device, options.Dropout, ds + 101 + (uint)i)).ToArray();

        var named = new List<NamedParameter>();
        for (int i = 0; i < L; i++)
            named.AddRange(encLayers[i].Named($"encoder.rnn_layers.{i}"));
        named.AddRange(encEmbedder.Named("encoder.embedder"));
        named.AddRange(attRnn.Named("decoder.att_rnn.rnn"));
        named.AddRange(attention.Named("decoder.att_rnn.attn"));
        for (int i = 0; i < L - 1; i++)
            named.AddRange(decLayers[i].Named($"decoder.rnn_layers.{i}"));
        if (!options.ShareEmbedding)
            named.AddRange(decEmbedder.Named("decoder.embedder"));
        named.AddRange(classifier.Named("decoder.classifier.classifier"));
        NamedParameters = named;
        Initialize(options.Seed);
    }

    /// <summary>NVIDIA's initialisation: every weight and bias U(-0.1, 0.1) but the LSTMs' bias_hh (zero) and the attention's
    /// normalize_scalar (1/sqrt(H)) and normalize_bias (zero); the embeddings' padding rows included (as NVIDIA's, whose
    /// uniform fill overwrites them).</summary>
    void Initialize(ulong seed)
    {
        var rng = Init.Rng(seed * 1000 + 999);
        foreach (var (name, p) in NamedParameters)
        {
            if (name.EndsWith("normalize_scalar", StringComparison.Ordinal) || name.EndsWith("normalize_bias", StringComparison.Ordinal))
                continue;
            long n = p.Value.Length;
            p.Value.CopyFromHost(name.Contains("bias_hh", StringComparison.Ordinal) ? new float[n] : Init.Uniform(rng, n, 0.1f));
        }
    }

    /// <summary>Device.</summary>
    public ComputeDevice Device { get; }

    /// <summary>Sizes.</summary>
    public GnmtOptions Options { get; }

    /// <summary>The decoder's attention (<c>decoder.att_rnn.attn</c>).</summary>
    public Attention Attention => attention;

    /// <summary>The last forward's attention weights (Td, B, Ts), owned by the model (replaced by the next forward), or null
    /// before the first.</summary>
    public DeviceTensor? LastAttention => lastAttention;

    /// <inheritdoc />
    public IReadOnlyList<NamedParameter> NamedParameters { get; }

    /// <summary>Logits (Td, B, V) for source ids (Ts, B) and decoder input ids (Td, B) (the target behind a start id, padded
    /// with <see cref="GnmtOptions.PadId"/>); the context's lengths are the source lengths (B values in 1..Ts; null for all Ts).
    /// In training mode (with dropout) it keeps what <see cref="Backward"/> needs.</summary>
    /// <param name="input">Source and decoder input ids.</param>
    /// <param name="context">Training or inference, and the source lengths.</param>
    /// <returns>Logits (Td, B, V), owned by the caller.</returns>
    public DeviceTensor Forward(Seq2SeqInput input, ForwardContext context)
    {
        using var hold = Device.Hold();
        var source = input.Source ?? throw new ArgumentNullException(nameof(input), "input.Source is null.");
        var decoderInput = input.DecoderInput ?? throw new ArgumentNullException(nameof(input), "input.DecoderInput is null.");
        if (source.Shape.Count != 2 || decoderInput.Shape.Count != 2 || source.Shape[1] != decoderInput.Shape[1])
            throw new ArgumentException($"Gnmt: source {source.ShapeText} and decoder input {decoderInput.ShapeText} must be (Ts, B) and (Td, B) with the same B.", nameof(input));
        bool training = context.Training;
        var lengths = context.Lengths;
        int srcT = source.Shape[0];
        tgtT = decoderInput.Shape[0];
        batch = source.Shape[1];
        if (lengths is not null)
        {
            if (lengths.Count != batch)
                throw new ArgumentException($"Gnmt: {lengths.Count} source lengths for B = {batch} sequences.", nameof(context));
            for (int i = 0; i < batch; i++)
                if (lengths[i] < 1 || lengths[i] > srcT)
                    throw new ArgumentException($"Gnmt: source length [{i}] = {lengths[i]} is outside [1, {srcT}] (Ts = {srcT}).", nameof(context));
        }
        trainingForward = false;
        using var scope = DeviceTensor.NewDisposeScope();
        var enc = Encode(source, lengths, training);
        var logits = Decode(decoderInput, enc, lengths, training).MoveToOuterScope();
        trainingForward = training;
        return logits;
    }

    // Every tensor below is created in the caller's dispose scope (a layer's outputs and states included), so each lives as
    // long as that scope; the modules copy what their backward needs.

    /// <summary>The encoder's outputs (Ts, B, H) (in the caller's scope).</summary>
    DeviceTensor Encode(DeviceIndices source, IReadOnlyList<int>? lengths, bool training)
    {
        var x = Drop(encDrop[0], encEmbedder.Forward(source, training), training);
        x = encLayers[0].Forward(x, lengths: lengths, training: training).Output;
        x = encLayers[1].Forward(Drop(encDrop[1], x, training), training: training).Output;
        for (int i = 2; i < encLayers.Length; i++)
            x = Residual(encLayers[i].Forward(Drop(encDrop[i], x, training), training: training).Output, x);
        return x;
    }

    /// <summary>Logits (Td, B, V) (in the caller's scope); the attention weights into <see cref="LastAttention"/>.</summary>
    DeviceTensor Decode(DeviceIndices decoderInput, DeviceTensor enc, IReadOnlyList<int>? lengths, bool training)
    {
        var q = attRnn.Forward(Drop(attDrop, decEmbedder.Forward(decoderInput, training), training), training: training).Output;
        var att = attention.Forward(q, enc, lengths, training);
        lastAttention?.Dispose();
        lastAttention = att.Weights.DetachFromDisposeScope();
        return classifier.Forward(DecoderLayers(q, att.Context, training, null, null), training);
    }

    /// <summary>The decoder layers over the attention LSTM's outputs x (T, B, H) and the context (T, B, H): [x, context] into
    /// each (after dropout in training), a residual connection from the second on. With states (decoding), h and c
    /// [1..] are each layer's initial states (null for zeros), replaced by its final ones.</summary>
    DeviceTensor DecoderLayers(DeviceTensor x, DeviceTensor ctx, bool training, DeviceTensor?[]? h, DeviceTensor?[]? c)
    {
        int hid = Options.Hidden;
        for (int i = 0; i < decLayers.Length; i++)
        {
            var cat = DeviceTensor.Uninitialized(Device, x.Shape[0], x.Shape[1], 2 * hid);
            Device.Kernels.Concat2(x.View, ctx.View, cat.View, hid);
            var o = decLayers[i].Forward(Drop(decDrop[i], cat, training), h?[i + 1], c?[i + 1], training: training);
            if (h is not null && c is not null)
            {
                h[i + 1] = o.HN;
                c[i + 1] = o.CN;
            }
            x = i == 0 ? o.Output : Residual(o.Output, x);
        }
        return x;
    }

    /// <summary>x dropped out in training; x itself otherwise (no copy).</summary>
    static DeviceTensor Drop(Dropout dropout, DeviceTensor x, bool training) => training ? dropout.Forward(x, true) : x;

    /// <summary>y + x, a new tensor.</summary>
    DeviceTensor Residual(DeviceTensor y, DeviceTensor x)
    {
        var sum = DeviceTensor.Uninitialized(Device, x.Shape.ToArray());
        Device.Kernels.Add(y.View, x.View, sum.View);
        return sum;
    }

    /// <summary>The encoder's outputs (Ts, B, H) for inference (in the caller's scope; lengths already checked).</summary>
    internal DeviceTensor EncodeInference(DeviceIndices source, IReadOnlyList<int>? lengths)
    {
        trainingForward = false;
        return Encode(source, lengths, training: false);
    }

    /// <summary>States per decoder step: the attention LSTM's and each decoder layer's (h, c).</summary>
    internal int StepStates => decLayers.Length + 1;

    /// <summary>One decoder step for N hypotheses: ids (N) in, logits (N, V) out (in the caller's scope), the
    /// attention weights (1, N, Ts) of the step into <paramref name="weights"/>; h and c (StepStates entries of (1, N, H), null
    /// for zeros) are replaced by the step's final states (the caller's scope).</summary>
    internal DeviceTensor DecodeStep(DeviceIndices words, DeviceTensor?[] h, DeviceTensor?[] c, AttentionMemory memory, out DeviceTensor weights)
    {
        int hid = Options.Hidden, n = (int)words.Length;
        var o = attRnn.Forward(decEmbedder.Forward(words, training: false, checkIds: false).Reshape(1, n, hid), h[0], c[0]);
        h[0] = o.HN;
        c[0] = o.CN;
        var att = attention.Forward(o.Output, memory);
        weights = att.Weights;
        return classifier.Forward(DecoderLayers(o.Output, att.Context, false, h, c).Reshape(n, hid));
    }

    /// <summary>Backpropagates dL/dlogits (Td, B, V) of the last training-mode forward through the decoder, the attention and
    /// the encoder; every parameter gradient accumulates (+=).</summary>
    /// <param name="dOutput">(Td, B, V).</param>
    /// <returns>Null: token ids have no gradient.</returns>
    /// <exception cref="InvalidOperationException">No training-mode forward to differentiate.</exception>
    public DeviceTensor? Backward(DeviceTensor dOutput)
    {
        using var hold = Device.Hold();
        ArgumentNullException.ThrowIfNull(dOutput);
        if (!trainingForward)
            throw new InvalidOperationException(BackwardRule.NoTrainingForward("Gnmt"));
        Shapes.RequireShape(dOutput, new[] { tgtT, batch, Options.Vocabulary }, nameof(dOutput));
        trainingForward = false;
        int h = Options.Hidden;
        using var scope = DeviceTensor.NewDisposeScope();
        // decoder, top down; the attention context feeds every decoder layer, so its gradient sums over them
        var dx = classifier.Backward(dOutput);
        var dctx = DeviceTensor.Zeros(Device, tgtT, batch, h);
        for (int i = decLayers.Length - 1; i >= 0; i--)
        {
            using var g = decLayers[i].Backward(dx);
            var dc = decDrop[i].Backward(g.DInput);
            var dxa = DeviceTensor.Uninitialized(Device, tgtT, batch, h);
            var dca = DeviceTensor.Uninitialized(Device, tgtT, batch, h);
            Device.Kernels.Split2(dc.View, dxa.View, dca.View, h);
            Device.Kernels.Add(dctx.View, dca.View, dctx.View);
            if (i > 0)
                Device.Kernels.Add(dxa.View, dx.View, dxa.View); // the residual's path
            dx = dxa;
        }
        var (dqAtt, dEnc) = attention.Backward(dctx);
        Device.Kernels.Add(dx.View, dqAtt.View, dx.View);
        dqAtt.Dispose();
        using (var g = attRnn.Backward(dx))
            decEmbedder.Backward(attDrop.Backward(g.DInput));
        // encoder, top down
        var de = dEnc;
        for (int i = encLayers.Length - 1; i >= 2; i--)
        {
            using var g = encLayers[i].Backward(de);
            var d = encDrop[i].Backward(g.DInput);
            Device.Kernels.Add(d.View, de.View, d.View);
            de.Dispose();
            de = d;
        }
        using (var g = encLayers[1].Backward(de))
            de = encDrop[1].Backward(g.DInput);
        using (var g = encLayers[0].Backward(de))
            encEmbedder.Backward(encDrop[0].Backward(g.DInput));
        return null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lastAttention?.Dispose();
        encEmbedder.Dispose();
        decEmbedder.Dispose();
        foreach (var l in encLayers) l.Dispose();
        foreach (var l in decLayers) l.Dispose();
        attRnn.Dispose();
        attention.Dispose();
        classifier.Dispose();
        foreach (var d in encDrop) d.Dispose();
        foreach (var d in decDrop) d.Dispose();
        attDrop.Dispose();
    }
}
