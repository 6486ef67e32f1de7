using System.Globalization;
using RnnGpu.Cli.Speech;
using RnnGpu.IO;

namespace RnnGpu.Cli.Training;

/// <summary>
/// <c>rnngpu train speech</c>: a Deep Speech 2-style recognizer of spoken digit strings in English and Mandarin: log-mel
/// frames stacked by --stride, bidirectional recurrent layers, a Linear to {blank, 0-9}, trained with CTC; validated per
/// language by character error rate and exact-string accuracy, greedy and beam, on voice variants training never heard.
/// </summary>
internal sealed class SpeechSpec : TaskSpec
{
    /// <summary>Held-out character error rate (each language) at or below which the task counts as solved.</summary>
    public const double SolvedCer = 0.05;

    public override string Name => "speech";

    public override string Description =>
        "Speech recognition: a bidirectional recurrent model with CTC learns spoken digit strings in English and Mandarin "
        + "(espeak-ng voices); reports character error rate and exact-string accuracy per language on held-out voice variants.";

    public override void Declare(TaskOptions o)
    {
        o.Common(cell: "gru", hidden: 96, layers: 2, steps: 1000, batch: 32, lr: 0.004f, clip: 5f, bidirectional: false,
            cellDescription: "Recurrent cell of the bidirectional layers: gru or lstm.", cells: new[] { "gru", "lstm" });
        o.Int("stride", "Log-mel frames (10 ms each) stacked into one recurrent step.", 3);
        o.Int("train-size", "Training utterances per language (generated once and cached).", 1200);
        o.Int("valid-size", "Held-out utterances per language (voice variants never used in training).", 100);
        o.Int("beam", "Beam width of the beam-search decoding reported beside greedy.", 8);
        o.Text("data-dir", "Folder of the generated data's cache (default: $XDG_CACHE_HOME/rnngpu or ~/.cache/rnngpu).", "");
    }

    public override void Validate(TaskSettings s)
    {
        s.CheckCommon();
        s.AtLeast("stride", 1, 16);
        s.AtLeast("train-size", 1, 100_000);
        s.AtLeast("valid-size", 1, 10_000);
        s.AtLeast("beam", 1, 256);
        s.AtLeast("batch", 1, 4096);
    }

    public override TrainingTask Create(ComputeDevice device, TaskSettings settings) => new SpeechTask(device, settings);

    /// <summary>A batch of up to 3 s utterances (300 frames) and a validation chunk, with the model's forwards over them.</summary>
    public override (long Bytes, string What) DataBytes(TaskSettings s)
    {
        int stride = s.Int("stride"), steps = 300 / stride + 1, b = s.Int("batch");
        var models = new[] { new RnnOptions(s.Cell(), Audio.Bands * stride, s.Int("hidden"), s.Int("layers"), Bidirectional: true) };
        return ((long)steps * b * (Audio.Bands * stride + SpeechTask.Classes) * 4 * 3 + Forwards(models, steps, b, SpeechTask.ValidChunk),
            $"a batch of --batch {b} utterances of up to 3 s and a validation chunk of {SpeechTask.ValidChunk}, with the model's forwards over them");
    }
}

/// <summary>The speech task's model, optimizer and data.</summary>
internal sealed class SpeechTask : TrainingTask
{
    /// <summary>Output classes: the blank (0), then the digits 0-9 as 1-10.</summary>
    public const int Classes = 11;

    /// <summary>Held-out utterances decoded per forward.</summary>
    public const int ValidChunk = 64;

    /// <summary>The checkpoint's file name (also what <c>rnngpu transcribe</c> reads).</summary>
    public const string CheckpointFile = "speech.safetensors";

    readonly int batch, stride, beam;
    readonly float clip, baseLr;
    readonly Utterance[] train, valid;
    readonly Sequential model;
    readonly Adam opt;
    double[]? lastValidation;
    readonly List<string> dataLog = new();

    public SpeechTask(ComputeDevice device, TaskSettings s) : base(device, s)
    {
        batch = s.Int("batch");
        stride = s.Int("stride");
        beam = s.Int("beam");
        clip = s.Float("clip");
        baseLr = s.Float("lr");
        string root = SpeechData.CacheRoot(s.String("data-dir"));
        (train, valid) = SpeechData.Load(root, s.Int("train-size"), s.Int("valid-size"), dataLog.Add);
        model = Build(device, s.Cell(), stride, s.Int("hidden"), s.Int("layers"), (ulong)Seed);
        opt = new Adam(model, new AdamOptions(baseLr));
        double frames = train.Average(u => (double)u.Frames) / stride;
        FlopsPerStep = RecurrentFlops(((RecurrentLayer)model[0]).Options, (int)frames, batch) + LinearFlops((int)frames * batch, 2 * s.Int("hidden"), Classes);
    }

    /// <summary>The recognizer: (T, B, 40 stride) -> bidirectional layers -> Linear (2H -> 11).</summary>
    public static Sequential Build(ComputeDevice device, RnnMode cell, int stride, int hidden, int layers, ulong seed) =>
        new(("rnn", new RecurrentLayer(device, new RnnOptions(cell, Audio.Bands * stride, hidden, layers, Bidirectional: true, Seed: seed))),
            ("fc", new Linear(device, 2 * hidden, Classes, seed + 1)));

    /// <summary>Utterances as a padded (T, B, 40 stride) batch of stacked frames, with each one's steps.</summary>
    public static (float[] X, int T, int[] Lengths) Stack(IReadOnlyList<float[]> features, IReadOnlyList<int> frames, int stride)
    {
        int b = features.Count, width = Audio.Bands * stride;
        var lengths = frames.Select(f => (f + stride - 1) / stride).ToArray();
        int t = lengths.Max();
        var x = new float[(long)t * b * width];
        for (int i = 0; i < b; i++)
        {
            var f = features[i];
            for (int step = 0; step < lengths[i]; step++)
                for (int k = 0; k < stride; k++)
                {
                    int frame = step * stride + k;
                    if (frame >= frames[i])
                        break;
                    Array.Copy(f, frame * Audio.Bands, x, ((long)step * b + i) * width + k * Audio.Bands, Audio.Bands);
                }
        }
        return (x, t, lengths);
    }

    /// <summary>A training copy of an utterance's features, augmented from the step's generator: the mel axis warped by a
    /// factor in [0.85, 1.15] (another vocal tract length), then two frequency masks of up to 6 bands and two time masks of up to
    /// 10 frames set to 0, the utterance mean (SpecAugment).</summary>
    static float[] Augment(Utterance u, Random rng)
    {
        int bands = Audio.Bands;
        var f = new float[u.Features.Length];
        double alpha = 0.85 + 0.3 * rng.NextDouble();
        for (int m = 0; m < bands; m++)
        {
            double src = Math.Clamp(m / alpha, 0, bands - 1);
            int lo = (int)src, hi = Math.Min(lo + 1, bands - 1);
            float w = (float)(src - lo);
            for (int fr = 0; fr < u.Frames; fr++)
                f[fr * bands + m] = (1 - w) * u.Features[fr * bands + lo] + w * u.Features[fr * bands + hi];
        }
        for (int k = 0; k < 2; k++)
        {
            int width = rng.Next(0, 7), start = rng.Next(0, bands - width + 1);
            for (int fr = 0; fr < u.Frames; fr++)
                Array.Clear(f, fr * bands + start, width);
            int tw = Math.Min(rng.Next(0, 11), u.Frames / 4), ts = rng.Next(0, u.Frames - tw + 1);
            Array.Clear(f, ts * bands, tw * bands);
        }
        return f;
    }

    /// <summary>The utterances' digits as CTC labels (1-10), (B, S) padded with 0, and S.</summary>
    static (int[] Labels, int S) Targets(IReadOnlyList<Utterance> batch)
    {
        int s = Math.Max(1, batch.Max(u => u.Digits.Length));
        var labels = new int[batch.Count * s];
        for (int i = 0; i < batch.Count; i++)
            for (int k = 0; k < batch[i].Digits.Length; k++)
                labels[i * s + k] = batch[i].Digits[k] - '0' + 1;
        return (labels, s);
    }

    /// <summary>Decoded labels (1-10) as digits.</summary>
    public static string Digits(IEnumerable<int> labels) => new(labels.Select(l => (char)('0' + l - 1)).ToArray());

    public override string Describe() =>
        string.Concat(dataLog.Select(l => l + "\n")) + $"rnngpu train speech on {Device.Info}\n"
        + $"spoken digit strings (English, Mandarin; {train.Length} training and {valid.Length} held-out utterances): log-mel x{stride} -> "
        + $"bidirectional {Settings.String("cell")} H={Settings.Int("hidden")} layers={Settings.Int("layers")} -> CTC over blank + 10 digits; "
        + $"B={batch} steps={Steps} lr={Settings.String("lr")} (cosine to a twentieth) clip={Settings.String("clip")} seed={Seed}; "
        + FormattableString.Invariant($"solved at <= {100 * SpeechSpec.SolvedCer:F0}% held-out CER in each language");

    public override IReadOnlyList<string> TrainColumns { get; } = new[] { "loss", "grad_norm" };

    public override IReadOnlyList<string> ValidColumns { get; } = new[]
    {
        "valid_loss", "en_cer", "cmn_cer", "en_exact", "cmn_exact", "en_cer_beam", "cmn_cer_beam", "en_exact_beam", "cmn_exact_beam",
    };

    public override int SequencesPerStep => batch;

    public override double FlopsPerStep { get; }

    public override IReadOnlyList<string> CheckpointFiles { get; } = new[] { CheckpointFile };

    public override IEnumerable<(IModule Module, Optimizer Optimizer)> Replicated => new[] { ((IModule)model, (Optimizer)opt) };

    public override int ValidateEvery => Math.Max(1, Steps / 10);

    public override StepStats Step(int step)
    {
        var rng = StepRandom(step);
        var picked = Enumerable.Range(0, batch).Select(_ => train[rng.Next(train.Length)]).ToArray();
        var shard = Shard(batch);
        var mine = picked.Skip(shard.Start).Take(shard.Count).ToArray();
        var (x, t, lengths) = Stack(mine.Select(u => Augment(u, rng)).ToArray(), mine.Select(u => u.Frames).ToArray(), stride);
        var (targets, s) = Targets(mine);
        var targetLengths = mine.Select(u => u.Digits.Length).ToArray();
        using var tx = DeviceTensor.FromHost(Device, x, t, mine.Length, Audio.Bands * stride);
        using var tt = DeviceIndices.FromHost(Device, targets, mine.Length, s);
        opt.LearningRate = CosineLr(step, baseLr);
        var meanOver = MeanOver(batch);
        var r = Timed("speech", batch, () => TrainStep(model, tx,
            (logits, dlogits) => Losses.Ctc(logits, tt, lengths, targetLengths, dlogits, zeroInfinity: true, meanOver: meanOver), opt, clip, lengths));
        double norm = r.GradNorm!.Value, l = r.Loss;
        return new StepStats(new[] { l, norm }, l.ToString("F4", CultureInfo.InvariantCulture), norm.ToString("F3", CultureInfo.InvariantCulture));
    }

    /// <summary>What one validation decoded: per held-out utterance the greedy and beam transcripts, and the frame posteriors of
    /// the first one (for the picture).</summary>
    (string[] Greedy, string[] Beam, float[] Posteriors, int Steps) decoded = (Array.Empty<string>(), Array.Empty<string>(), Array.Empty<float>(), 0);

    public override double[] Validate()
    {
        var greedy = new string[valid.Length];
        var beamed = new string[valid.Length];
        double lossSum = 0;
        float[] posteriors = Array.Empty<float>();
        int firstSteps = 0;
        for (int start = 0; start < valid.Length; start += ValidChunk)
        {
            var chunk = valid.Skip(start).Take(ValidChunk).ToArray();
            var (x, t, lengths) = Stack(chunk.Select(u => u.Features).ToArray(), chunk.Select(u => u.Frames).ToArray(), stride);
            using var scope = DeviceTensor.NewDisposeScope();
            var tx = DeviceTensor.FromHost(Device, x, t, chunk.Length, Audio.Bands * stride);
            var logits = model.Forward(tx, new ForwardContext(false, lengths));
            var (targets, s) = Targets(chunk);
            var tt = DeviceIndices.FromHost(Device, targets, chunk.Length, s);
            using (var l = Losses.Ctc(logits, tt, lengths, chunk.Select(u => u.Digits.Length).ToArray(), reduction: Reduction.Sum, zeroInfinity: true))
                lossSum += l.Read();
            var g = CtcDecoder.Greedy(logits, lengths);
            var bm = CtcDecoder.BeamSearch(logits, lengths, beam);
            for (int i = 0; i < chunk.Length; i++)
            {
                greedy[start + i] = Digits(g[i].Labels);
                beamed[start + i] = Digits(bm[i][0].Labels);
            }
            if (start == 0)
            {
                var all = logits.ToArray();
                firstSteps = lengths[0];
                posteriors = new float[firstSteps * Classes];
                for (int step = 0; step < firstSteps; step++)
                {
                    int o = (step * chunk.Length) * Classes;
                    double m = Enumerable.Range(0, Classes).Max(c => all[o + c]);
                    double z = Enumerable.Range(0, Classes).Sum(c => Math.Exp(all[o + c] - m));
                    for (int c = 0; c < Classes; c++)
                        posteriors[step * Classes + c] = (float)(Math.Exp(all[o + c] - m) / z);
                }
            }
        }
        decoded = (greedy, beamed, posteriors, firstSteps);
        var v = new List<double> { lossSum / valid.Sum(u => (double)u.Digits.Length) };
        foreach (var hyp in new[] { greedy, beamed })
        {
            foreach (var lang in new[] { "en", "cmn" })
                v.Add(Cer(lang, hyp));
            foreach (var lang in new[] { "en", "cmn" })
                v.Add(Exact(lang, hyp));
        }
        lastValidation = v.ToArray();
        return lastValidation;
    }

    double Cer(string lang, string[] hyp)
    {
        long errors = 0, total = 0;
        for (int i = 0; i < valid.Length; i++)
            if (valid[i].Language == lang)
            {
                errors += EditDistance(valid[i].Digits, hyp[i]);
                total += valid[i].Digits.Length;
            }
        return total == 0 ? 0 : errors / (double)total;
    }

    double Exact(string lang, string[] hyp)
    {
        int right = 0, n = 0;
        for (int i = 0; i < valid.Length; i++)
            if (valid[i].Language == lang)
            {
                n++;
                if (valid[i].Digits == hyp[i]) right++;
            }
        return n == 0 ? 0 : right / (double)n;
    }

    /// <summary>Levenshtein distance (substitutions, insertions, deletions).</summary>
    public static int EditDistance(string a, string b)
    {
        var d = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) d[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            int diag = d[0];
            d[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int up = d[j];
                d[j] = Math.Min(Math.Min(d[j] + 1, d[j - 1] + 1), diag + (a[i - 1] == b[j - 1] ? 0 : 1));
                diag = up;
            }
        }
        return d[b.Length];
    }

    public override void Save(string dir, int step)
    {
        var meta = Metadata("speech", step);
        meta["classes"] = "blank,0,1,2,3,4,5,6,7,8,9";
        Checkpoint.Save(Path.Combine(dir, CheckpointFile), model, opt, meta);
    }

    public override int Load(string dir) => LoadFile(Path.Combine(dir, CheckpointFile), model, opt, "speech");

    public override IEnumerable<string> Finish(string dir, MetricsLog log, bool finished, double[] validation)
    {
        string title = $"Spoken digits, bidirectional {Settings.String("cell")} H = {Settings.Int("hidden")} x {Settings.Int("layers")}, CTC";
        string lossPng = Path.Combine(dir, "loss.png"), cerPng = Path.Combine(dir, "cer.png"), examplePng = Path.Combine(dir, "utterance.png");
        TrainingPlots.LossCurves(lossPng, title + ": CTC loss per digit", "CTC loss", log,
            new[]
            {
                ("loss", "train (per digit, batch mean)" + TrainingPlots.Throughput(SequencesPerSecond("speech")), 0, LineKind.Train),
                ("valid_loss", "held-out voices (per digit)", 0, LineKind.Validation),
            }, logY: true);
        TrainingPlots.LossCurves(cerPng, title + ": held-out character error rate", "character error rate", log,
            new[]
            {
                ("en_cer", "English, greedy", 0, LineKind.Validation), ("en_cer_beam", $"English, beam {beam}", 0, LineKind.ValidationAlt),
                ("cmn_cer", "Mandarin, greedy", 1, LineKind.Validation), ("cmn_cer_beam", $"Mandarin, beam {beam}", 1, LineKind.ValidationAlt),
            }, logY: true, reference: (SpeechSpec.SolvedCer, FormattableString.Invariant($"solved ({100 * SpeechSpec.SolvedCer:F0}% CER)")));
        bool picture = decoded.Steps > 0 && SpeechPlots.Utterance(examplePng, valid[0], stride, decoded.Posteriors, decoded.Steps, decoded.Greedy[0]);
        yield return RunFolder.Listing(dir, CheckpointFiles, picture ? new[] { "loss.png", "cer.png", "utterance.png" } : new[] { "loss.png", "cer.png" });
        yield return "examples (held-out voice: spoken -> greedy / beam):";
        for (int i = 0; i < Math.Min(6, valid.Length) && i < decoded.Greedy.Length; i++)
            yield return $"  {valid[i].Language,-3} {valid[i].Voice,-18} {valid[i].Digits,-8} -> {decoded.Greedy[i],-8} / {decoded.Beam[i],-8} {(decoded.Greedy[i] == valid[i].Digits ? "ok" : "wrong")}";
        string P(double f) => (100 * f).ToString("F1", CultureInfo.InvariantCulture) + "%";
        yield return $"held-out CER greedy: English {P(validation[1])}, Mandarin {P(validation[2])}; beam {beam}: English {P(validation[5])}, Mandarin {P(validation[6])}";
        yield return $"held-out exact strings greedy: English {P(validation[3])}, Mandarin {P(validation[4])}; beam {beam}: English {P(validation[7])}, Mandarin {P(validation[8])}";
        bool solved = validation[1] <= SpeechSpec.SolvedCer && validation[2] <= SpeechSpec.SolvedCer;
        yield return "verdict: " + (solved
            ? $"solved: held-out CER {P(validation[1])} (English) and {P(validation[2])} (Mandarin) <= {P(SpeechSpec.SolvedCer)} after {log.Rows.Count} steps."
            : $"not solved: held-out CER {P(validation[1])} (English), {P(validation[2])} (Mandarin); {P(SpeechSpec.SolvedCer)} in each is the bar; try more --steps.");
    }

    public override void Dispose()
    {
        opt.Dispose();
        model.Dispose();
    }
}
