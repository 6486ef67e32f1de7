using System.Globalization;
using RnnGpu.IO;

namespace RnnGpu.Cli.Training;

/// <summary>
/// <c>rnngpu train reverse</c>: an encoder-decoder (<see cref="Seq2Seq"/>) learns to write a digit string reversed (or sorted)
/// and is scored by exact match: a string counts only when every digit of its greedy decoding is right.
/// </summary>
internal sealed class ReverseSpec : TaskSpec
{
    /// <summary>Held-out exact-match accuracy at or above which the task counts as solved.</summary>
    public const double SolvedExactMatch = 0.95;

    public override string Name => "reverse";

    public override string Description =>
        "Sequence to sequence: an encoder-decoder learns to reverse (or sort) digit strings; reports exact-match accuracy of greedy "
        + "decoding on held-out strings.";

    public override void Declare(TaskOptions o)
    {
        o.Common(cell: "lstm", hidden: 96, layers: 1, steps: 600, batch: 64, lr: 0.005f, clip: 1f, bidirectional: false);
        o.Int("length", "Digits per string (the longest string when --min-length is set).", 8, "-t");
        o.Int("min-length", "Shortest string; strings then vary in length and end with an end token (0: all strings have --length digits).", 0);
        o.Choice("order", "What the decoder writes: the digits reversed, or sorted ascending.", "reverse", "reverse", "sort");
        o.Int("embedding", "Embedding size E of source and target tokens.", 16, "-e");
        o.Int("valid-size", "Held-out strings for validation.", ReverseTask.DefaultValidSize);
    }

    public override void Validate(TaskSettings s)
    {
        s.CheckCommon();
        int length = s.AtLeast("length", 1);
        int min = s.Int("min-length");
        if (min < 0 || min > length)
            throw new CliException($"--min-length must be 0 (fixed length) or between 1 and --length ({length}), got {min}.");
        ReverseTask.Order(s);
        s.AtLeast("embedding", 1, TaskSettings.MaxWidth);
        s.AtLeast("valid-size", 1, ReverseTask.MaxValidSize);
        s.AtLeast("length", 1, ReverseTask.MaxLength);
    }

    public override TrainingTask Create(ComputeDevice device, TaskSettings settings) => new ReverseTask(device, settings);

    /// <summary>The held-out strings (source, decoder input and target ids on the host and the device, the validation logits
    /// and their gradient on the device) and a training batch of the same.</summary>
    public override (long Bytes, string What) DataBytes(TaskSettings s)
    {
        long rows = s.Int("valid-size") + (long)s.Int("batch"), steps = s.Int("length") + 2L;
        int e = s.Int("embedding"), h = s.Int("hidden"), l = s.Int("layers");
        var models = new[] { new RnnOptions(s.Cell(), e, h, l), new RnnOptions(s.Cell(), e, h, l) }; // encoder and decoder
        return (rows * steps * (3 * 2 * 4 + 3 * 4 * ReverseProblem.TargetVocabulary(variable: true))
            + Forwards(models, (int)steps, s.Int("batch"), s.Int("valid-size")),
            $"the {s.Int("valid-size")} held-out strings of --valid-size and a batch of --batch {s.Int("batch")}, at --length {s.Int("length")}, with the model's forwards over them");
    }
}

/// <summary>The reverse task's model, optimizer and data.</summary>
internal sealed class ReverseTask : TrainingTask
{
    /// <summary>Held-out strings by default.</summary>
    public const int DefaultValidSize = 1000;

    /// <summary>The most held-out strings (--valid-size): validated in one batch.</summary>
    public const int MaxValidSize = 1 << 17;

    /// <summary>The longest strings (--length).</summary>
    public const int MaxLength = 4096;

    /// <summary>Example decodings printed at the end.</summary>
    const int Examples = 5;

    const string CheckpointFile = "seq2seq.safetensors";

    readonly int minLength, maxLength, batch, validSize;
    readonly bool variable;
    readonly DigitOrder order;
    readonly float clip, baseLr;
    readonly Seq2Seq model;
    readonly Adam opt;
    readonly DigitBatch held;
    readonly DeviceIndices heldSource, heldInput, heldTarget;
    readonly DeviceTensor heldDlogits;
    int[] lastPredicted = Array.Empty<int>();

    public ReverseTask(ComputeDevice device, TaskSettings s) : base(device, s)
    {
        maxLength = s.Int("length");
        int min = s.Int("min-length");
        minLength = min == 0 ? maxLength : min;
        variable = minLength != maxLength;
        order = Order(s);
        batch = s.Int("batch");
        validSize = s.Int("valid-size");
        clip = s.Float("clip");
        baseLr = s.Float("lr");
        int vt = ReverseProblem.TargetVocabulary(variable);
        int td = ReverseProblem.TargetSteps(maxLength, variable);
        var disposables = new List<IDisposable>();
        T Keep<T>(T d) where T : IDisposable
        {
            disposables.Add(d);
            return d;
        }
        try
        {
            model = Keep(new Seq2Seq(device, ReverseProblem.Digits, vt, s.Int("embedding"), s.Cell(), s.Int("hidden"), s.Int("layers"), (ulong)Seed));
            opt = Keep(new Adam(model, new AdamOptions(baseLr)));
            // Held-out strings come from their own generator (HeldOutRandom), never from a training step's.
            held = ReverseProblem.Batch(HeldOutRandom(), minLength, maxLength, validSize, order);
            heldSource = Keep(DeviceIndices.FromHost(device, held.Source, maxLength, validSize));
            heldInput = Keep(DeviceIndices.FromHost(device, held.DecoderInput, td, validSize));
            heldTarget = Keep(DeviceIndices.FromHost(device, held.Target, td * validSize));
            heldDlogits = Keep(DeviceTensor.Uninitialized(device, td * validSize, vt));
        }
        catch
        {
            for (int i = disposables.Count - 1; i >= 0; i--)
                disposables[i].Dispose();
            throw;
        }
        FlopsPerStep = RecurrentFlops(model.Encoder.Options, maxLength, batch) + RecurrentFlops(model.Decoder.Options, td, batch)
            + LinearFlops(td * batch, model.Fc.InFeatures, vt);
    }

    /// <summary>The order named by --order.</summary>
    public static DigitOrder Order(TaskSettings s) => s.String("order") switch
    {
        "reverse" => DigitOrder.Reverse,
        "sort" => DigitOrder.Sort,
        var other => throw new CliException($"--order must be reverse or sort, got '{other}'."),
    };

    string LengthText => variable ? $"{minLength} to {maxLength}" : maxLength.ToString(CultureInfo.InvariantCulture);

    string Verb => order == DigitOrder.Reverse ? "reverse" : "sort";

    public override string Describe() =>
        $"rnngpu train reverse on {Device.Info}\n"
        + $"{Verb} strings of {LengthText} digits: {Settings.String("cell")} encoder-decoder E={Settings.Int("embedding")} H={Settings.Int("hidden")} "
        + $"layers={Settings.Int("layers")} B={batch} steps={Steps} lr={Settings.String("lr")} (cosine to a twentieth) clip={Settings.String("clip")} seed={Seed}; "
        + FormattableString.Invariant($"solved at >= {Percent(ReverseSpec.SolvedExactMatch, 0)} exact match on {validSize} held-out strings");

    public override IReadOnlyList<string> TrainColumns { get; } = new[] { "loss", "grad_norm" };

    public override IReadOnlyList<string> ValidColumns { get; } = new[] { "valid_loss", "valid_token_acc", "valid_exact" };

    public override int SequencesPerStep => batch;

    public override double FlopsPerStep { get; }

    public override IReadOnlyList<string> CheckpointFiles { get; } = new[] { CheckpointFile };

    public override IEnumerable<(IModule Module, Optimizer Optimizer)> Replicated => new[] { ((IModule)model, (Optimizer)opt) };

    /// <summary>Validation (and checkpoint) every tenth of the run: one validation decodes all held-out strings.</summary>
    public override int ValidateEvery => Math.Max(1, Steps / 10);


    /// <summary>The batch of <paramref name="step"/>: a function of the seed and the step alone.</summary>
    internal DigitBatch TrainingBatch(int step) => ReverseProblem.Batch(StepRandom(step), minLength, maxLength, batch, order);

    /// <summary>The held-out strings.</summary>
    internal DigitBatch HeldOut => held;

    IReadOnlyList<int>? Lengths(DigitBatch b) => variable ? b.Lengths : null;

    public override StepStats Step(int step)
    {
        var b = TrainingBatch(step);
        var shard = Shard(batch);
        using var source = DeviceIndices.FromHost(Device, BatchShard.Columns(b.Source, b.SourceSteps, batch, 1, shard), b.SourceSteps, shard.Count);
        using var input = DeviceIndices.FromHost(Device, BatchShard.Columns(b.DecoderInput, b.TargetSteps, batch, 1, shard), b.TargetSteps, shard.Count);
        using var target = DeviceIndices.FromHost(Device, BatchShard.Columns(b.Target, b.TargetSteps, batch, 1, shard), b.TargetSteps * shard.Count);
        // The mean is over the global batch's counted (not padded) targets, whichever replica holds them.
        var meanOver = MeanOver(b.Target.Count(t => t != ReverseProblem.Ignore));
        var lengths = Lengths(b)?.Skip(shard.Start).Take(shard.Count).ToArray();
        opt.LearningRate = CosineLr(step, baseLr);
        var r = Timed("seq2seq", batch, () => TrainStep(model, new Seq2SeqInput(source, input),
            (logits, dlogits) => Losses.CrossEntropy(logits, target, dlogits, meanOver: meanOver), opt, clip, lengths));
        double norm = r.GradNorm!.Value, l = r.Loss;
        return new StepStats(new[] { l, norm }, l.ToString("F4", CultureInfo.InvariantCulture), norm.ToString("F3", CultureInfo.InvariantCulture));
    }

    /// <summary>Teacher-forced cross-entropy and token accuracy, and exact match of greedy decoding, on the held-out strings.</summary>
    public override double[] Validate()
    {
        int vt = model.Fc.OutFeatures;
        double loss, tokenAcc;
        using (var logits = model.Forward(heldSource, heldInput, Lengths(held)))
        {
            using var l = Losses.CrossEntropy(logits, heldTarget, heldDlogits);
            loss = l.Read();
            var p = logits.ToArray();
            int counted = 0, right = 0;
            for (int i = 0; i < held.Target.Length; i++)
            {
                if (held.Target[i] == ReverseProblem.Ignore)
                    continue;
                counted++;
                int best = 0;
                for (int c = 1; c < vt; c++)
                    if (p[(long)i * vt + c] > p[(long)i * vt + best])
                        best = c;
                if (best == held.Target[i])
                    right++;
            }
            tokenAcc = right / (double)counted;
        }
        lastPredicted = model.Translate(heldSource, ReverseProblem.Bos, held.TargetSteps, Lengths(held));
        double exact = ReverseProblem.ExactMatchAccuracy(lastPredicted, held.Target, validSize);
        return new[] { loss, tokenAcc, exact };
    }

    public override void Save(string dir, int step) =>
        Checkpoint.Save(Path.Combine(dir, CheckpointFile), model, opt, Metadata("reverse", step));

    public override int Load(string dir) => LoadFile(Path.Combine(dir, CheckpointFile), model, opt, "reverse");

    public override IEnumerable<string> Finish(string dir, MetricsLog log, bool finished, double[] validation)
    {
        double exact = validation[2];
        string title = $"{char.ToUpperInvariant(Verb[0])}{Verb[1..]} {LengthText}-digit strings, {Settings.String("cell")} H = {Settings.Int("hidden")}";
        string lossPng = Path.Combine(dir, "loss.png"), accPng = Path.Combine(dir, "accuracy.png");
        TrainingPlots.LossCurves(lossPng, title + ": cross-entropy per token", "cross-entropy", log,
            new[]
            {
                ("loss", "train" + TrainingPlots.Throughput(SequencesPerSecond("seq2seq")), 0, LineKind.Train),
                ("valid_loss", "validation (teacher forced)", 0, LineKind.Validation),
            }, logY: true);
        TrainingPlots.LossCurves(accPng, title + ": held-out accuracy", "accuracy", log,
            new[] { ("valid_exact", "exact match (greedy)", 0, LineKind.Validation), ("valid_token_acc", "token (teacher forced)", 0, LineKind.ValidationAlt) },
            logY: false,
            reference: (ReverseSpec.SolvedExactMatch, $"solved ({Percent(ReverseSpec.SolvedExactMatch, 0)} exact match)"), yMax: 1.0);
        yield return RunFolder.Listing(dir, CheckpointFiles, new[] { "loss.png", "accuracy.png" });

        var ok = ReverseProblem.ExactMatches(lastPredicted, held.Target, validSize);
        int width = maxLength + (variable ? 1 : 0);
        string Example(int b)
        {
            string src = ReverseProblem.Text(held.Source, b, validSize, held.Lengths[b]);
            string pred = ReverseProblem.Text(lastPredicted, b, validSize);
            string tgt = ReverseProblem.Text(held.Target, b, validSize);
            return $"  {src.PadLeft(maxLength)} -> {pred.PadRight(width)}  target {tgt.PadRight(width)}  {(ok[b] ? "ok" : "wrong")}";
        }
        yield return $"examples (source -> greedy decoding{(variable ? ", $ = end" : "")}):";
        for (int b = 0; b < Math.Min(Examples, validSize); b++)
            yield return Example(b);
        var wrong = Enumerable.Range(Examples, Math.Max(0, validSize - Examples)).Where(b => !ok[b]).Take(3).ToArray();
        if (wrong.Length > 0 && ok.Take(Examples).All(x => x))
        {
            yield return "wrong ones:";
            foreach (int b in wrong)
                yield return Example(b);
        }
        yield return FormattableString.Invariant(
            $"held-out exact match {Percent(exact, 1)} ({ok.Count(x => x)} of {validSize}), token accuracy {Percent(validation[1], 2)}, loss {validation[0]:F4}");
        int done = log.Rows.Count;
        yield return "verdict: " + (exact >= ReverseSpec.SolvedExactMatch
            ? FormattableString.Invariant($"solved: {Percent(exact, 1)} >= {Percent(ReverseSpec.SolvedExactMatch, 0)} of the held-out strings {(order == DigitOrder.Reverse ? "reversed" : "sorted")} exactly after {done} steps.")
            : FormattableString.Invariant($"not solved: {Percent(exact, 1)} < {Percent(ReverseSpec.SolvedExactMatch, 0)} exact match after {done} steps; try more --steps or a larger --hidden."));
    }

    /// <summary>"97.3%" (invariant).</summary>
    static string Percent(double fraction, int decimals) =>
        (100 * fraction).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + "%";

    public override void Dispose()
    {
        heldDlogits.Dispose();
        heldTarget.Dispose();
        heldInput.Dispose();
        heldSource.Dispose();
        opt.Dispose();
        model.Dispose();
    }
}
