namespace RnnGpu;

/// <summary>
/// Token language model and one-to-many generator: <see cref="Embedding"/> (V, E), a unidirectional recurrent layer,
/// and a <see cref="Linear"/> (H to V). Trained with teacher forcing on (T, B) token ids (logits (T, B, V) as PyTorch's
/// embedding -> LSTM -> Linear gives them; (B, T) ids and (B, T, V) logits with <see cref="RnnOptions.BatchFirst"/>); <see cref="Generate"/> and
/// <see cref="Sample"/> feed each chosen token (greedy, or drawn with a temperature) back through the layer's streaming API,
/// entirely on the device. Names <c>embedding.*</c>, <c>rnn.*</c>, <c>fc.*</c>.
/// </summary>
public sealed class TokenGenerator : IModule<DeviceIndices>
{
    bool trainingForward; // the last Forward kept what Backward needs, and no Backward has used it yet

    int lastT, lastB;

    /// <summary>Creates the model.</summary>
    /// <param name="device">Device.</param>
    /// <param name="vocabulary">V.</param>
    /// <param name="embedding">E.</param>
    /// <param name="rnn">Recurrent options; InputSize must equal E; unidirectional; BatchFirst: (B, T) ids.</param>
    /// <param name="seed">Seed of the model: the embedding and head, and the recurrent layer unless <see cref="RnnOptions.Seed"/>
    /// is set (non-zero).</param>
    public TokenGenerator(ComputeDevice device, int vocabulary, int embedding, RnnOptions rnn, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(rnn);
        if (rnn.Bidirectional || rnn.InputSize != embedding)
            throw new ArgumentException($"The generator needs a unidirectional layer with InputSize = embedding ({embedding}); got {rnn}.", nameof(rnn));
        Embedding = new Embedding(device, vocabulary, embedding, seed);
        Rnn = new RecurrentLayer(device, HeadParts.SeededBy(rnn, seed));
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


    /// <summary>logits (T, B, V) for input tokens (T, B) ((B, T, V) for (B, T) with <see cref="RnnOptions.BatchFirst"/>).</summary>
    /// <param name="tokens">(T, B) ids.</param>
    /// <param name="training">Keep what backward needs.</param>
    public DeviceTensor Forward(DeviceIndices tokens, bool training = false) => Forward(tokens, new ForwardContext(training));

    /// <summary>logits (T, B, V) for input tokens (T, B) ((B, T) and (B, T, V) batch-first), with the context's lengths (steps past a sequence's length see a zero
    /// state output) and mode.</summary>
    /// <param name="input">(T, B) ids.</param>
    /// <param name="context">Training or inference, and per-sequence lengths.</param>
    public DeviceTensor Forward(DeviceIndices input, ForwardContext context)
    {
        using var hold = Rnn.Device.Hold();
        ArgumentNullException.ThrowIfNull(input);
        if (input.Shape.Count != 2)
            throw new ArgumentException($"tokens has shape {input.ShapeText}, expected {(Rnn.Options.BatchFirst ? "(B, T)" : "(T, B)")}.", nameof(input));
        bool training = context.Training;
        trainingForward = training;
        lastT = input.Shape[0];
        lastB = input.Shape[1];
        // The layer copies what its backward needs: the embedded input is freed at once.
        using var e = Embedding.Forward(input, training);
        using var x = e.Reshape(lastT, lastB, Embedding.Dim);
        using var o = Rnn.Forward(x, lengths: context.Lengths, training: training);
        return Fc.Forward(o.Output, training);
    }

    /// <summary>Backpropagates dlogits (T, B, V) (or the same rows flattened, (T*B, V)) into every parameter gradient.</summary>
    /// <param name="dlogits">(T, B, V), shaped like the forward's logits, or (T*B, V).</param>
    /// <returns>Null: token ids have no gradient.</returns>
    public DeviceTensor? Backward(DeviceTensor dlogits)
    {
        using var hold = Rnn.Device.Hold();
        if (!trainingForward)
            throw new InvalidOperationException(BackwardRule.NoTrainingForward("TokenGenerator"));
        using var rows = dlogits.Rank == 2 && dlogits.Shape[0] == lastT * lastB ? dlogits.Reshape(lastT, lastB, dlogits.Shape[1]) : null;
        using var dOut = Fc.Backward(rows ?? dlogits);
        using var g = Rnn.Backward(dOut);
        trainingForward = false;
        return Embedding.Backward(g.DInput);
    }

    /// <summary>Greedy generation: starting from <paramref name="start"/> (one id per sequence), feeds each argmax back as the
    /// next input for <paramref name="steps"/> steps. Runs on the device; the ids are read back once at the end.</summary>
    /// <param name="start">B start ids, each in [0, V).</param>
    /// <param name="steps">Tokens to generate.</param>
    /// <returns>(steps, B) generated ids, row-major.</returns>
    /// <exception cref="ArgumentException">No start id, steps &lt;= 0, or an id outside [0, V).</exception>
    public int[] Generate(IReadOnlyList<int> start, int steps)
    {
        using var hold = Rnn.Device.Hold();
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
    /// <param name="stop">Cancelling it stops after the token being produced: the ids so far are returned (at least one).</param>
    /// <exception cref="ArgumentException">Empty prompt, an id outside [0, V), steps &lt;= 0, or a negative or non-finite temperature.</exception>
    public int[] Sample(IReadOnlyList<int> prompt, int steps, float temperature, ulong seed, CancellationToken stop = default)
    {
        using var hold = Rnn.Device.Hold();
        ArgumentNullException.ThrowIfNull(prompt);
        return SampleCore(prompt, nameof(prompt), 1, steps, temperature, seed, stop);
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
        using var hold = Rnn.Device.Hold();
        ArgumentNullException.ThrowIfNull(prompts);
        return SampleCore(prompts, nameof(prompts), batch, steps, temperature, seed);
    }

    int[] SampleCore(IReadOnlyList<int> prompt, string promptName, int batch, int steps, float temperature, ulong seed,
        CancellationToken stop = default)
    {
        if (prompt.Count == 0)
            throw new ArgumentException("The prompt is empty: give at least one token id to condition the state on.", promptName);
        if (batch <= 0 || prompt.Count % batch != 0)
            throw new ArgumentException($"{prompt.Count} prompt ids do not fill (P, B) with B = {batch}: B must be positive and divide the count.", nameof(batch));
        if (steps <= 0)
            throw new ArgumentException($"steps must be positive, got {steps}.", nameof(steps));
        Sampling.CheckTemperature(temperature);
        Sampling.CheckIds(prompt, Embedding.Vocabulary, promptName);
        return Decoding.Run(Embedding, Rnn, Fc, prompt.ToArray(), batch, steps, null, null, temperature, seed, stop);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Embedding.Dispose();
        Rnn.Dispose();
        Fc.Dispose();
    }
}
