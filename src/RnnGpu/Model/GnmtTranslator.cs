using RnnGpu.Kernels;

namespace RnnGpu;

/// <summary>How <see cref="GnmtTranslator"/> searches (GNMT's defaults).</summary>
/// <param name="BeamSize">Beam width K (1: greedy).</param>
/// <param name="MaxLength">Most tokens a translation has, its end id included.</param>
/// <param name="Bos">The start id the decoder reads first.</param>
/// <param name="Eos">The end id.</param>
/// <param name="LengthNormalization">alpha of the length normalization ((c + len) / (c + 1))^alpha (len counts the start and end
/// ids); 0 turns it off.</param>
/// <param name="LengthConstant">c of the length normalization.</param>
/// <param name="CoveragePenalty">beta of the coverage penalty beta sum_j log(min(attention mass on source position j, 1)); 0 turns
/// it off.</param>
public sealed record BeamSearchOptions(int BeamSize = 5, int MaxLength = 50, int Bos = 2, int Eos = 3, float LengthNormalization = 0.6f,
    float LengthConstant = 5f, float CoveragePenalty = 0.1f)
{
    /// <summary>Throws when an option does not make sense for a vocabulary of <paramref name="vocabulary"/> ids, naming it.</summary>
    /// <param name="vocabulary">V.</param>
    /// <exception cref="ArgumentException">The option and its value.</exception>
    public void Validate(int vocabulary)
    {
        if (BeamSize < 1 || BeamSize > 64)
            throw new ArgumentException($"BeamSearchOptions.BeamSize must be in [1, 64], got {BeamSize}.");
        if (MaxLength < 1)
            throw new ArgumentException($"BeamSearchOptions.MaxLength must be positive, got {MaxLength}.");
        if ((uint)Bos >= (uint)vocabulary || (uint)Eos >= (uint)vocabulary)
            throw new ArgumentException($"BeamSearchOptions.Bos ({Bos}) and Eos ({Eos}) must be ids in [0, {vocabulary}).");
        if (!(LengthNormalization >= 0f) || !(LengthConstant >= 0f) || !(CoveragePenalty >= 0f) || !float.IsFinite(LengthNormalization + LengthConstant + CoveragePenalty))
            throw new ArgumentException($"BeamSearchOptions.LengthNormalization ({LengthNormalization}), LengthConstant ({LengthConstant}) and CoveragePenalty ({CoveragePenalty}) must be finite and not negative.");
    }
}

/// <summary>One sentence's best translation.</summary>
/// <param name="Tokens">The ids, without the start and end ids.</param>
/// <param name="Score">Its final score (normalized log-probability plus the coverage penalty).</param>
/// <param name="Attention">The attention weights that produced each token: (Tokens.Length, Ts) row-major.</param>
/// <param name="SourceLength">Ts of the attention rows (the padded source length).</param>
public sealed record Translation(int[] Tokens, float Score, float[] Attention, int SourceLength);

/// <summary>
/// Beam search with a <see cref="Gnmt"/> on the device, as GNMT decodes: the encoder runs once over the batch; each of the
/// K hypotheses per sentence (K = 1: greedy) advances one decoder step per iteration with its states on the device (gathered
/// after each step by the hypotheses that survived), the K best one-token extensions kept per sentence
/// (<see cref="BeamKernels"/>), a finished hypothesis kept as it is; a sentence ends when all its beams have finished or at
/// <see cref="BeamSearchOptions.MaxLength"/>, and its hypotheses are then ranked by length-normalized log-probability plus
/// the coverage penalty. Per step the host reads one int (how many sentences still search); the history is read once at the end.
/// Unlike NVIDIA's reference, each hypothesis's coverage follows it when beams are reordered.
/// </summary>
public sealed class GnmtTranslator
{
    /// <summary>Creates the translator.</summary>
    /// <param name="model">The model (its parameters as they are at each call).</param>
    /// <param name="options">Search options; null: GNMT's defaults (beam 5).</param>
    public GnmtTranslator(Gnmt model, BeamSearchOptions? options = null)
    {
        Model = model ?? throw new ArgumentNullException(nameof(model));
        Options = options ?? new BeamSearchOptions();
        Options.Validate(model.Options.Vocabulary);
    }

    /// <summary>The model.</summary>
    public Gnmt Model { get; }

    /// <summary>Search options.</summary>
    public BeamSearchOptions Options { get; }

    /// <summary>Translates a batch: source ids (Ts, B) with per-sentence lengths (B values in 1..Ts; null for all Ts).</summary>
    /// <param name="source">(Ts, B) ids.</param>
    /// <param name="lengths">Source lengths, or null.</param>
    /// <returns>One translation per sentence, in order.</returns>
    /// <exception cref="ArgumentException">A shape or length does not fit, or an id is outside the vocabulary (named).</exception>
    public IReadOnlyList<Translation> Translate(DeviceIndices source, IReadOnlyList<int>? lengths = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var device = Model.Device;
        using var hold = device.Hold();
        if (source.Shape.Count != 2)
            throw new ArgumentException($"source has shape {source.ShapeText}, expected (Ts, B).", nameof(source));
        int ts = source.Shape[0], b = source.Shape[1], k = Options.BeamSize, n = b * k, h = Model.Options.Hidden, v = Model.Options.Vocabulary;
        if (lengths is not null && lengths.Count != b)
            throw new ArgumentException($"lengths has {lengths.Count} values, expected one per sentence (B = {b}).", nameof(lengths));
        var srcLengths = new int[b];
        for (int i = 0; i < b; i++)
        {
            int l = lengths is null ? ts : lengths[i];
            if (l < 1 || l > ts)
                throw new ArgumentException($"lengths[{i}] = {l} is outside [1, {ts}] (Ts = {ts}).", nameof(lengths));
            srcLengths[i] = l;
        }
        var kern = device.Kernels;
        using var scope = DeviceTensor.NewDisposeScope();
        var disposables = new List<IDisposable>();
        DeviceIndices Ints(int count, int fill)
        {
            var t = DeviceIndices.Uninitialized(device, count);
            kern.FillInt(t.View, fill);
            disposables.Add(t);
            return t;
        }
        DeviceTensor Floats(params int[] shape) => DeviceTensor.Zeros(device, shape);
        var states = new DeviceTensor?[2 * Model.StepStates];
        try
        {
            // the encoder once; its outputs and lengths repeated for each sentence's K hypotheses
            var enc = Model.EncodeInference(source, lengths is null ? null : srcLengths);
            var rep = new int[n];
            var repLengths = new int[n];
            for (int r = 0; r < n; r++)
            {
                rep[r] = r / k;
                repLengths[r] = srcLengths[r / k];
            }
            var repIdx = DeviceIndices.FromHost(device, rep, n);
            disposables.Add(repIdx);
            var unchecked_ = Ints(1, int.MaxValue); // the gathers' range flag: their indices are made here, never read back
            var keys = DeviceTensor.Uninitialized(device, ts, n, h);
            kern.IndexSelect(enc.View, repIdx.View, keys.View, b, h, unchecked_.View);
            using var memory = Model.Attention.Memory(keys, repLengths);

            var scores = new[] { Floats(n), Floats(n) };
            var finished = new[] { Ints(n, 0), Ints(n, 0) };
            var lens = new[] { Ints(n, 1), Ints(n, 1) };
            var coverage = new[] { Floats(n, ts), Floats(n, ts) };
            var done = Ints(b, 0);
            var final = Floats(n);
            var words = Ints(n, Options.Bos);
            var from = Ints(n, 0);
            var active = Ints(1, b);
            var topScores = Floats(n, k);
            var topWords = Ints(n * k, 0);
            int last = Options.MaxLength;
            var histWords = Ints((last + 1) * n, Options.Eos);
            var histSource = Ints((last + 1) * n, 0);
            var histAttention = Floats(last + 1, n, ts);
            int cur = 0, steps = 0;
            var hs = new DeviceTensor?[Model.StepStates];
            var cs = new DeviceTensor?[Model.StepStates];
            var activeHost = new int[1]; // the one read per step
            for (int step = 1; step <= last; step++)
            {
                using (var stepScope = DeviceTensor.NewDisposeScope())
                {
                    var logits = Model.DecodeStep(words, hs, cs, memory, out var weights);
                    kern.BeamRowTopK(logits.View, topScores.View, topWords.View, k, v);
                    var a = new BeamArgs(b, k, v, ts, step, last, Options.Eos, Options.LengthNormalization, Options.LengthConstant,
                        Options.CoveragePenalty);
                    int nxt = 1 - cur;
                    var views = new BeamViews
                    {
                        TopScores = topScores.View, TopWords = topWords.View, Attention = weights.View, Scores = scores[cur].View, Finished = finished[cur].View,
                        Lengths = lens[cur].View, Coverage = coverage[cur].View, Done = done.View, NewScores = scores[nxt].View,
                        NewFinished = finished[nxt].View, NewLengths = lens[nxt].View, NewCoverage = coverage[nxt].View,
                        Words = words.View, Source = from.View, Final = final.View, HistoryWords = histWords.View,
                        HistorySource = histSource.View, HistoryAttention = histAttention.View,
                    };
                    kern.BeamStep(views, a);
                    // the surviving hypotheses' states, gathered by their source rows, kept past this step
                    for (int i = 0; i < hs.Length; i++)
                    {
                        hs[i] = Gather(hs[i]!, from, unchecked_, n, h, states, 2 * i);
                        cs[i] = Gather(cs[i]!, from, unchecked_, n, h, states, 2 * i + 1);
                    }
                    cur = nxt;
                    kern.BeamCountActive(done.View, active.View);
                }
                steps = step;
                activeHost[0] = active.ToArray()[0];
                if (activeHost[0] == 0)
                    break;
            }
            return Backtrack(b, k, n, ts, steps, final, histWords, histSource, histAttention);
        }
        finally
        {
            foreach (var s in states)
                s?.Dispose();
            foreach (var d in disposables)
                d.Dispose();
        }
    }

    /// <summary>rows (1, N, H) gathered by source, detached from the step's scope, the previous state of the slot disposed.</summary>
    DeviceTensor Gather(DeviceTensor state, DeviceIndices source, DeviceIndices flag, int n, int h, DeviceTensor?[] slots, int slot)
    {
        var y = DeviceTensor.Persistent(Model.Device, 1, n, h);
        Model.Device.Kernels.IndexSelect(state.View, source.View, y.View, n, h, flag.View);
        slots[slot]?.Dispose();
        slots[slot] = y;
        return y;
    }

    IReadOnlyList<Translation> Backtrack(int b, int k, int n, int ts, int steps, DeviceTensor final, DeviceIndices histWords,
        DeviceIndices histSource, DeviceTensor histAttention)
    {
        var f = final.ToArray();
        var words = histWords.ToArray();
        var source = histSource.ToArray();
        var att = histAttention.ToArray();
        var result = new Translation[b];
        for (int s = 0; s < b; s++)
        {
            int best = s * k;
            for (int j = 1; j < k; j++)
                if (f[s * k + j] > f[best])
                    best = s * k + j;
            var tokens = new List<int>();
            var rows = new List<float[]>();
            int r = best;
            for (int t = steps; t >= 1; t--)
            {
                long o = (long)t * n + r;
                int w = words[o];
                var row = new float[ts];
                Array.Copy(att, o * ts, row, 0, ts);
                if (row.Any(x => x != 0f)) // a step the hypothesis took (finished ones carry zero rows)
                {
                    tokens.Add(w);
                    rows.Add(row);
                }
                r = source[o];
            }
            tokens.Reverse();
            rows.Reverse();
            int end = tokens.IndexOf(Options.Eos);
            if (end >= 0)
            {
                tokens.RemoveRange(end, tokens.Count - end);
                rows.RemoveRange(end, rows.Count - end);
            }
            result[s] = new Translation(tokens.ToArray(), f[best], rows.SelectMany(x => x).ToArray(), ts);
        }
        return result;
    }
}
