using System.Globalization;
using RnnGpu.Cli.Translate;
using RnnGpu.IO;

namespace RnnGpu.Cli.Training;

/// <summary>
/// <c>rnngpu train translate</c>: a GNMT v2 (<see cref="Gnmt"/>) learns to translate dates as people write them in English,
/// French, German and Korean, or in numeric forms, into ISO 8601, characters as tokens; validated by token accuracy and
/// exact match, greedy and beam, on held-out dates that include years and forms training never drew.
/// </summary>
internal sealed class TranslateSpec : TaskSpec
{
    /// <summary>Held-out exact match (greedy) at or above which the task counts as solved.</summary>
    public const double SolvedExactMatch = 0.99;

    public override string Name => "translate";

    public override string Description =>
        "Translation as GNMT does it: a GNMT v2 (attention, residual stacks, beam search) learns to write dates in English, "
        + "French, German, Korean and numeric forms as ISO 8601; reports exact match, greedy and beam, on held-out years and forms.";

    public override void Declare(TaskOptions o)
    {
        o.Common(cell: "lstm", hidden: 128, layers: 4, steps: 700, batch: 64, lr: 0.003f, clip: 5f, bidirectional: false,
            cellDescription: "Recurrent cell: lstm (GNMT's).", cells: new[] { "lstm" });
        o.Float("dropout", "Dropout before every LSTM layer (and on the embeddings), in training.", 0f);
        o.Int("warmup", "Steps of linear learning-rate warm-up before the cosine decay.", 100);
        o.Int("beam", "Beam width of the beam search reported beside greedy.", 5);
        o.Int("valid-size", "Held-out dates for validation.", TranslateTask.DefaultValidSize);
    }

    public override void Validate(TaskSettings s)
    {
        s.CheckCommon();
        float d = s.Float("dropout");
        if (!(d >= 0f && d < 1f))
            throw new CliException($"--dropout must be in [0, 1), got {d.ToString(CultureInfo.InvariantCulture)}.");
        s.AtLeast("layers", 2, 16);
        s.AtLeast("warmup", 0, 1_000_000);
        s.AtLeast("beam", 1, 64);
        s.AtLeast("valid-size", 1, 100_000);
        s.AtLeast("batch", 1, 16_384);
    }

    public override TrainingTask Create(ComputeDevice device, TaskSettings settings) => new TranslateTask(device, settings);

    /// <summary>A training batch and a validation chunk of up to 40 source and 11 target characters, with the model's forwards
    /// (encoder and decoder layers) over them.</summary>
    public override (long Bytes, string What) DataBytes(TaskSettings s)
    {
        int h = s.Int("hidden"), l = s.Int("layers"), b = s.Int("batch"), v = DateData.Vocabulary.Count;
        var models = Enumerable.Range(0, 2 * l).Select(i => new RnnOptions(RnnMode.Lstm, 2 * h, h, 1, Bidirectional: i == 0));
        return ((long)(b + TranslateTask.ValidChunk) * 11 * v * 4 * 3 + Forwards(models, 40, b, TranslateTask.ValidChunk),
            $"a batch of --batch {b} dates and a validation chunk of {TranslateTask.ValidChunk}, with the model's forwards over them");
    }
}

/// <summary>The translation task's model, optimizer and data.</summary>
internal sealed class TranslateTask : TrainingTask
{
    /// <summary>Held-out dates by default.</summary>
    public const int DefaultValidSize = 2000;

    /// <summary>Held-out dates per forward and per search.</summary>
    public const int ValidChunk = 500;

    /// <summary>The checkpoint's file name (also what <c>rnngpu translate</c> reads).</summary>
    public const string CheckpointFile = "gnmt.safetensors";

    /// <summary>Label smoothing of the training loss (GNMT's).</summary>
    public const float LabelSmoothing = 0.1f;

    /// <summary>Held-out dates drawn in the attention picture.</summary>
    const int Pictured = 4;

    readonly int batch, beam, warmup;
    readonly float clip, baseLr;
    readonly Gnmt model;
    readonly Adam opt;
    readonly DatePair[] held;
    readonly HashSet<string> heldSources;
    string[] lastGreedy = Array.Empty<string>(), lastBeam = Array.Empty<string>();

    public TranslateTask(ComputeDevice device, TaskSettings s) : base(device, s)
    {
        batch = s.Int("batch");
        beam = s.Int("beam");
        warmup = s.Int("warmup");
        clip = s.Float("clip");
        baseLr = s.Float("lr");
        held = DateData.HeldOut(HeldOutRandom(), s.Int("valid-size"));
        heldSources = held.Select(p => p.Source).ToHashSet();
        model = Build(device, s, (ulong)Seed);
        try
        {
            opt = new Adam(model, new AdamOptions(baseLr));
        }
        catch
        {
            model.Dispose();
            throw;
        }
        int h = s.Int("hidden"), l = s.Int("layers"), ts = 24, td = DateData.TargetChars + 1;
        double flops = RecurrentFlops(new RnnOptions(RnnMode.Lstm, h, h, 1, Bidirectional: true), ts, batch)
            + RecurrentFlops(new RnnOptions(RnnMode.Lstm, 2 * h, h), ts, batch)
            + (l - 2) * RecurrentFlops(new RnnOptions(RnnMode.Lstm, h, h), ts, batch)
            + RecurrentFlops(new RnnOptions(RnnMode.Lstm, h, h), td, batch)
            + (l - 1) * RecurrentFlops(new RnnOptions(RnnMode.Lstm, 2 * h, h), td, batch)
            + LinearFlops(td * batch, h, DateData.Vocabulary.Count)
            + 3.0 * 2 * (ts + td) * batch * h * h + 3.0 * 4 * td * ts * batch * h; // attention projections and scores
        FlopsPerStep = flops;
    }

    /// <summary>The model of the settings (what <c>rnngpu translate</c> rebuilds from a run's settings).</summary>
    public static Gnmt Build(ComputeDevice device, TaskSettings s, ulong seed) =>
        new(device, new GnmtOptions(DateData.Vocabulary.Count, s.Int("hidden"), s.Int("layers"), s.Float("dropout"), Seed: seed));

    /// <summary>Search options of a beam width.</summary>
    public static BeamSearchOptions Search(int beam) =>
        new(BeamSize: beam, MaxLength: DateData.TargetChars + 4, Bos: DateData.Bos, Eos: DateData.Eos);

    public override string Describe() =>
        $"rnngpu train translate on {Device.Info}\n"
        + $"dates in {DateData.AllForms.Count} forms (en, fr, de, ko, numeric) to ISO 8601: GNMT v2 H={Settings.Int("hidden")} layers={Settings.Int("layers")} "
        + $"V={DateData.Vocabulary.Count} characters, dropout={Settings.String("dropout")} B={batch} steps={Steps} lr={Settings.String("lr")} "
        + $"(warm-up {warmup}, cosine) clip={Settings.String("clip")} label smoothing {LabelSmoothing.ToString(CultureInfo.InvariantCulture)} seed={Seed}; "
        + FormattableString.Invariant($"held out: {held.Length} dates, years {string.Join(" ", DateData.HeldOutYears)} and forms {string.Join(", ", DateData.HeldOutForms)}; ")
        + FormattableString.Invariant($"solved at >= {Percent(TranslateSpec.SolvedExactMatch, 0)} exact match (greedy)");

    public override IReadOnlyList<string> TrainColumns { get; } = new[] { "loss", "grad_norm" };

    public override IReadOnlyList<string> ValidColumns { get; } = new[] { "valid_loss", "valid_token_acc", "valid_exact", "valid_exact_beam" };

    public override int SequencesPerStep => batch;

    public override double FlopsPerStep { get; }

    public override IReadOnlyList<string> CheckpointFiles { get; } = new[] { CheckpointFile };

    public override IEnumerable<(IModule Module, Optimizer Optimizer)> Replicated => new[] { ((IModule)model, (Optimizer)opt) };

    public override int ValidateEvery => Math.Max(1, Steps / 10);

    /// <summary>Warm-up, then a cosine to a twentieth; a function of the step alone.</summary>
    float Lr(int step) => LrSchedule.LinearWarmup(baseLr, step - 1, Math.Min(warmup, Math.Max(0, Steps - 1)),
        i => LrSchedule.Cosine(baseLr, i - warmup, Math.Max(1, Steps - 1 - warmup), FinalLrFraction * baseLr));

    public override StepStats Step(int step)
    {
        var pairs = DateData.TrainingBatch(StepRandom(step), batch, heldSources);
        var (src, ts, lengths, input, target, td) = DateData.Ids(pairs);
        var shard = Shard(batch);
        using var source = DeviceIndices.FromHost(Device, BatchShard.Columns(src, ts, batch, 1, shard), ts, shard.Count);
        using var dec = DeviceIndices.FromHost(Device, BatchShard.Columns(input, td, batch, 1, shard), td, shard.Count);
        using var tgt = DeviceIndices.FromHost(Device, BatchShard.Columns(target, td, batch, 1, shard), td * shard.Count);
        var meanOver = MeanOver(target.Count(t => t != DateData.Pad));
        opt.LearningRate = Lr(step);
        var r = Timed("gnmt", batch, () => TrainStep(model, new Seq2SeqInput(source, dec),
            (logits, dlogits) => Losses.CrossEntropy(logits, tgt, dlogits, ignoreIndex: DateData.Pad, meanOver: meanOver, labelSmoothing: LabelSmoothing),
            opt, clip, lengths.Skip(shard.Start).Take(shard.Count).ToArray()));
        double norm = r.GradNorm!.Value, l = r.Loss;
        return new StepStats(new[] { l, norm }, l.ToString("F4", CultureInfo.InvariantCulture), norm.ToString("F3", CultureInfo.InvariantCulture));
    }

    /// <summary>Teacher-forced smoothed cross-entropy and token accuracy, exact match of greedy and beam translations, on the
    /// held-out dates.</summary>
    public override double[] Validate()
    {
        double lossSum = 0;
        long counted = 0, right = 0;
        var greedy = new GnmtTranslator(model, Search(1));
        var wide = new GnmtTranslator(model, Search(beam));
        lastGreedy = new string[held.Length];
        lastBeam = new string[held.Length];
        for (int start = 0; start < held.Length; start += ValidChunk)
        {
            var chunk = held.Skip(start).Take(ValidChunk).ToArray();
            var (src, ts, lengths, input, target, td) = DateData.Ids(chunk);
            int b = chunk.Length;
            using var source = DeviceIndices.FromHost(Device, src, ts, b);
            using var dec = DeviceIndices.FromHost(Device, input, td, b);
            using var tgt = DeviceIndices.FromHost(Device, target, td * b);
            using (var logits = model.Forward(new Seq2SeqInput(source, dec), new ForwardContext(false, lengths)))
            {
                using var l = Losses.CrossEntropy(logits, tgt, ignoreIndex: DateData.Pad, reduction: Reduction.Sum, labelSmoothing: LabelSmoothing);
                lossSum += l.Read();
                using var argmax = Metrics.Argmax(logits);
                var pred = argmax.ToArray();
                for (int i = 0; i < target.Length; i++)
                {
                    if (target[i] == DateData.Pad)
                        continue;
                    counted++;
                    if (pred[i] == target[i])
                        right++;
                }
            }
            var g = greedy.Translate(source, lengths);
            var w = wide.Translate(source, lengths);
            for (int i = 0; i < b; i++)
            {
                lastGreedy[start + i] = DateData.Decode(g[i].Tokens);
                lastBeam[start + i] = DateData.Decode(w[i].Tokens);
            }
        }
        double exact = held.Where((p, i) => lastGreedy[i] == p.Target).Count() / (double)held.Length;
        double exactBeam = held.Where((p, i) => lastBeam[i] == p.Target).Count() / (double)held.Length;
        return new[] { lossSum / counted, right / (double)counted, exact, exactBeam };
    }

    public override void Save(string dir, int step) =>
        Checkpoint.Save(Path.Combine(dir, CheckpointFile), model, opt, Metadata("translate", step));

    public override int Load(string dir) => LoadFile(Path.Combine(dir, CheckpointFile), model, opt, "translate");

    public override IEnumerable<string> Finish(string dir, MetricsLog log, bool finished, double[] validation)
    {
        string title = $"Dates to ISO 8601, GNMT H = {Settings.Int("hidden")}, {Settings.Int("layers")} layers";
        string lossPng = Path.Combine(dir, "loss.png"), exactPng = Path.Combine(dir, "exact.png"), attPng = Path.Combine(dir, "attention.png");
        TrainingPlots.LossCurves(lossPng, title + ": cross-entropy per token (label smoothing 0.1)", "cross-entropy", log,
            new[]
            {
                ("loss", "train" + TrainingPlots.Throughput(SequencesPerSecond("gnmt")), 0, LineKind.Train),
                ("valid_loss", "validation (teacher forced)", 0, LineKind.Validation),
            }, logY: true);
        TrainingPlots.LossCurves(exactPng, title + ": held-out accuracy", "accuracy", log,
            new[]
            {
                ("valid_exact", "exact match (greedy)", 0, LineKind.Validation),
                ("valid_exact_beam", $"exact match (beam {beam})", 0, LineKind.ValidationAlt),
                ("valid_token_acc", "token (teacher forced)", 0, LineKind.BaselineAlt),
            },
            logY: false, reference: (TranslateSpec.SolvedExactMatch, $"solved ({Percent(TranslateSpec.SolvedExactMatch, 0)} exact match)"), yMax: 1.0);
        var files = new List<string> { "loss.png", "exact.png" };
        if (TranslatePlots.Attention(attPng, Pictures()))
            files.Add("attention.png");
        yield return RunFolder.Listing(dir, CheckpointFiles, files);
        if (lastGreedy.Length == held.Length)
        {
            yield return "examples (held-out source -> greedy translation):";
            var shown = Enumerable.Range(0, held.Length).Where(i => DateData.HeldOutForms.Contains(held[i].Form) || Array.IndexOf(DateData.HeldOutYears, held[i].Year) >= 0).Take(6);
            foreach (int i in shown)
                yield return $"  {held[i].Source,-36} -> {lastGreedy[i],-10}  {(lastGreedy[i] == held[i].Target ? "ok" : "wrong, target " + held[i].Target)}";
            foreach (var (name, pick) in new (string, Func<DatePair, bool>)[]
            {
                ("held-out years", p => Array.IndexOf(DateData.HeldOutYears, p.Year) >= 0),
                ("held-out forms", p => DateData.HeldOutForms.Contains(p.Form)),
                ("seen years and forms", p => Array.IndexOf(DateData.HeldOutYears, p.Year) < 0 && !DateData.HeldOutForms.Contains(p.Form)),
            })
            {
                var idx = Enumerable.Range(0, held.Length).Where(i => pick(held[i])).ToArray();
                if (idx.Length > 0)
                    yield return FormattableString.Invariant(
                        $"  {name}: {idx.Length} dates, exact match greedy {Percent(idx.Count(i => lastGreedy[i] == held[i].Target) / (double)idx.Length, 1)}, beam {Percent(idx.Count(i => lastBeam[i] == held[i].Target) / (double)idx.Length, 1)}");
            }
        }
        double exact = validation[2];
        yield return FormattableString.Invariant(
            $"held-out exact match {Percent(exact, 2)} greedy, {Percent(validation[3], 2)} beam {beam}; token accuracy {Percent(validation[1], 2)}, loss {validation[0]:F4}");
        int done = log.Rows.Count;
        yield return "verdict: " + (exact >= TranslateSpec.SolvedExactMatch
            ? FormattableString.Invariant($"solved: {Percent(exact, 2)} >= {Percent(TranslateSpec.SolvedExactMatch, 0)} of the held-out dates translated exactly (greedy) after {done} steps.")
            : FormattableString.Invariant($"not solved: {Percent(exact, 2)} < {Percent(TranslateSpec.SolvedExactMatch, 0)} exact match after {done} steps; try more --steps."));
    }

    /// <summary>The attention of a few held-out dates of different languages: (source, output characters, weights).</summary>
    IReadOnlyList<AttentionPicture> Pictures()
    {
        var pick = new List<DatePair>();
        foreach (var prefix in new[] { "en-", "fr-", "de-", "ko" })
        {
            var p = held.FirstOrDefault(x => x.Form.StartsWith(prefix, StringComparison.Ordinal));
            if (p is not null)
                pick.Add(p);
        }
        pick = pick.Take(Pictured).ToList();
        if (pick.Count == 0)
            return Array.Empty<AttentionPicture>();
        var (src, ts, lengths, _, _, _) = DateData.Ids(pick);
        using var source = DeviceIndices.FromHost(Device, src, ts, pick.Count);
        var tr = new GnmtTranslator(model, Search(1)).Translate(source, lengths);
        return pick.Select((p, i) => new AttentionPicture(p.Source, DateData.Decode(tr[i].Tokens), tr[i].Tokens.Length, tr[i].Attention, ts,
            lengths[i])).ToArray();
    }

    /// <summary>"97.3%" (invariant).</summary>
    static string Percent(double fraction, int decimals) =>
        (100 * fraction).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + "%";

    public override void Dispose()
    {
        opt.Dispose();
        model.Dispose();
    }
}
