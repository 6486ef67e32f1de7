using System.Globalization;
using System.Text;
using System.Text.Json;
using RnnGpu.IO;

namespace RnnGpu.Cli.Training;

/// <summary>
/// <c>rnngpu train charlm</c>: a character-level language model (embedding, LSTM, linear head) on <c>--text PATH</c> or the
/// shipped corpus, trained with teacher forcing on random windows; validation in bits per character on the last tenth of the
/// text; samples printed as it trains. <c>rnngpu generate</c> samples from its checkpoint.
/// </summary>
internal sealed class CharLmSpec : TaskSpec
{
    /// <summary>Validation bits per character the default run must reach on the shipped corpus (the README's stated quality).</summary>
    public const double TargetBpc = 2.5;

    public override string Name => "charlm";

    public override string Description =>
        "A character-level LSTM language model on --text PATH (default: the shipped corpus of Shakespeare's sonnets); "
        + "prints generated samples as it trains. Sample from it later with rnngpu generate.";

    public override void Declare(TaskOptions o)
    {
        o.Common(cell: "lstm", hidden: 128, layers: 1, steps: 500, batch: 32, lr: 0.01f, clip: 1f, bidirectional: false);
        o.Text("text", "UTF-8 text file to learn (default: the shipped corpus).", "");
        o.Int("seq", "Characters per training window (truncated BPTT length) T.", 64, "-t");
        o.Int("embedding", "Embedding size E of each character.", 32);
        o.Int("sample-length", "Characters in each sample printed while training.", 160);
        o.Float("temperature", "Sampling temperature of the printed samples (0 = greedy).", 0.7f);
    }

    public override void Validate(TaskSettings s)
    {
        s.CheckCommon();
        s.AtLeast("embedding", 1, TaskSettings.MaxWidth);
        s.AtLeast("sample-length", 1, Commands.GenerateCommand.MaxLength);
        s.InRange("temperature", 0f, Commands.GenerateCommand.MaxTemperature);
        var text = CharText.Load(s.String("text"));
        int need = 2 * (s.Int("seq") + 1);
        if (text.Text.Length < need * 5)
            throw new CliException($"--text {text.Name} has {text.Text.Length} characters; --seq {s.Int("seq")} needs at least {need * 5} "
                + "(training windows from the first 90%, validation windows from the last 10%).");
    }

    public override TrainingTask Create(ComputeDevice device, TaskSettings settings) => new CharLmTask(device, settings);

    /// <summary>The corpus (its UTF-16 text and one id per character), the validation windows and a batch of windows (ids on the
    /// host and the device, logits and their gradient on the device), and the printed samples.</summary>
    public override (long Bytes, string What) DataBytes(TaskSettings s)
    {
        string text = s.String("text");
        long chars = text.Length == 0 ? 64 << 10 : new FileInfo(text).Length;
        long seq = s.Int("seq") + 1L, windows = CharLmTask.MaxValidWindows + (long)s.Int("batch");
        long vocabulary = Math.Min(chars, 1 << 16);
        var model = new RnnOptions(s.Cell(), s.Int("embedding"), s.Int("hidden"), s.Int("layers"));
        return (chars * 6 + windows * seq * (8 + 8 * vocabulary) + 8L * s.Int("sample-length")
            + Forwards(new[] { model }, s.Int("seq"), s.Int("batch"), CharLmTask.MaxValidWindows),
            $"the corpus, the windows of --seq {s.Int("seq")} and --batch {s.Int("batch")} with the model's forwards over them, and samples of --sample-length {s.Int("sample-length")}");
    }
}

/// <summary>A text to learn: its characters, where it came from, and its vocabulary (sorted distinct characters).</summary>
internal sealed class CharText
{
    CharText(string name, string text)
    {
        Name = name;
        Text = text;
        Vocabulary = new string(text.Distinct().OrderBy(c => c).ToArray());
    }

    /// <summary>The largest --text read: 256 MiB of UTF-8 (the model's ids and windows take a few times that in memory).</summary>
    public const long MaxTextBytes = 256L << 20;

    /// <summary>The file name, or "the shipped corpus".</summary>
    public string Name { get; }

    public string Text { get; }

    public string Vocabulary { get; }

    /// <summary>Reads <paramref name="path"/> as strict UTF-8 (empty: the shipped corpus); one-line errors for a missing, empty
    /// or non-UTF-8 file.</summary>
    public static CharText Load(string path)
    {
        if (path.Length == 0)
            return new CharText("the shipped corpus", Corpus.Default());
        if (Directory.Exists(path))
            throw new CliException($"--text {path} is a folder, expected a UTF-8 text file.");
        if (!File.Exists(path))
            throw new CliException($"--text {path} does not exist.");
        byte[] bytes;
        try
        {
            bytes = RnnGpu.IO.InputFile.ReadAllBytes(path, MaxTextBytes, "--text");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot read --text {path}: {CliApp.OneLine(e.Message)}");
        }
        if (bytes.Length == 0)
            throw new CliException($"--text {path} is empty.");
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new CliException($"--text {path} is not valid UTF-8 (bad byte at offset {e.Index}).");
        }
        if (text.Length > 0 && text[0] == '\uFEFF')
            text = text[1..];
        if (text.Length == 0)
            throw new CliException($"--text {path} is empty.");
        return new CharText(Path.GetFileName(path), text);
    }

    /// <summary>Ids of <paramref name="s"/>; a character outside the vocabulary is a one-line error naming it.</summary>
    public static int[] Encode(string s, string vocabulary, string what)
    {
        var ids = new int[s.Length];
        for (int i = 0; i < s.Length; i++)
        {
            int id = vocabulary.IndexOf(s[i], StringComparison.Ordinal);
            if (id < 0)
                throw new CliException($"{what} has the character {Show(s[i])} at position {i}, which the model never saw (its vocabulary has {vocabulary.Length} characters).");
            ids[i] = id;
        }
        return ids;
    }

    internal static string Show(char c) => char.IsControl(c) || char.IsWhiteSpace(c) ? $"U+{(int)c:X4}" : $"'{c}' (U+{(int)c:X4})";
}

/// <summary>The charlm task's model, optimizer and data.</summary>
internal sealed class CharLmTask : TrainingTask
{
    /// <summary>Checkpoint file name.</summary>
    public const string ModelFile = "model.safetensors";

    /// <summary>Most validation windows scored at each validation.</summary>
    public const int MaxValidWindows = 64;

    readonly CharText text;
    readonly int[] ids;
    readonly int trainEnd, seq, batch;
    readonly float clip;
    readonly TokenGenerator model;
    readonly Adam opt;
    readonly DeviceIndices validInput, validTarget;
    readonly DeviceTensor validGrad;
    readonly int validWindows;
    readonly double unigramBpc;
    int validations;

    public CharLmTask(ComputeDevice device, TaskSettings s) : base(device, s)
    {
        text = CharText.Load(s.String("text"));
        seq = s.Int("seq");
        batch = s.Int("batch");
        clip = s.Float("clip");
        ids = CharText.Encode(text.Text, text.Vocabulary, "the text");
        trainEnd = text.Text.Length * 9 / 10;
        int v = text.Vocabulary.Length, hidden = s.Int("hidden");
        model = Build(device, s, v);
        opt = new Adam(model, new AdamOptions(s.Float("lr")));

        // Validation: consecutive windows of the last tenth, one sequence each, scored as one batch.
        validWindows = Math.Min(MaxValidWindows, (text.Text.Length - trainEnd - 1) / seq);
        var vin = new int[seq * validWindows];
        var vout = new int[seq * validWindows];
        for (int w = 0; w < validWindows; w++)
            for (int t = 0; t < seq; t++)
            {
                vin[t * validWindows + w] = ids[trainEnd + w * seq + t];
                vout[t * validWindows + w] = ids[trainEnd + w * seq + t + 1];
            }
        validInput = DeviceIndices.FromHost(device, vin, seq, validWindows);
        validTarget = DeviceIndices.FromHost(device, vout, seq * validWindows);
        validGrad = DeviceTensor.Uninitialized(device, seq, validWindows, v);

        // Baseline: the training text's character frequencies, scored on the validation characters.
        var counts = new double[v];
        for (int i = 0; i < trainEnd; i++)
            counts[ids[i]]++;
        double bits = 0;
        for (int i = 0; i < vout.Length; i++)
            bits -= Math.Log2((counts[vout[i]] + 1) / (trainEnd + v)); // add-one smoothing: unseen characters cost finite bits
        unigramBpc = bits / vout.Length;

        FlopsPerStep = RecurrentFlops(model.Rnn.Options, seq, batch) + LinearFlops(seq * batch, hidden, v);
    }

    /// <summary>The model of a charlm run with these settings and a vocabulary of <paramref name="vocabulary"/> characters.</summary>
    public static TokenGenerator Build(ComputeDevice device, TaskSettings s, int vocabulary)
    {
        ulong seed = (ulong)s.Int("seed");
        var rnn = new RnnOptions(s.Cell(), s.Int("embedding"), s.Int("hidden"), s.Int("layers"), Seed: seed + 2);
        var m = new TokenGenerator(device, vocabulary, s.Int("embedding"), rnn, seed);
        if (rnn.Mode == RnnMode.Lstm)
            Init.Apply(m.Rnn, new RnnInit(ForgetBias: 1f, Seed: seed + 2));
        return m;
    }

    public override string Describe() =>
        $"rnngpu train charlm on {Device.Info}\n"
        + FormattableString.Invariant($"{text.Name}: {text.Text.Length} characters, vocabulary {text.Vocabulary.Length}; {model.Rnn.Options.Mode} H={Settings.Int("hidden")} ")
        + FormattableString.Invariant($"layers={Settings.Int("layers")} T={seq} B={batch} steps={Steps} lr={Settings.String("lr")} (cosine to {FinalLrFraction * Settings.Float("lr"):G3}) seed={Seed}; ")
        + FormattableString.Invariant($"unigram baseline {unigramBpc:F2} bits/char, target below {CharLmSpec.TargetBpc:F1}");

    public override IReadOnlyList<string> TrainColumns { get; } = new[] { "train_bpc", "grad_norm" };

    public override IReadOnlyList<string> ValidColumns { get; } = new[] { "valid_bpc" };

    public override int SequencesPerStep => batch;

    public override double FlopsPerStep { get; }

    public override IReadOnlyList<string> CheckpointFiles { get; } = new[] { ModelFile };

    public override IEnumerable<(IModule Module, Optimizer Optimizer)> Replicated => new[] { ((IModule)model, (Optimizer)opt) };

    public override StepStats Step(int step)
    {
        var rng = StepRandom(step);
        var input = new int[seq * batch];
        var target = new int[seq * batch];
        for (int b = 0; b < batch; b++)
        {
            int start = rng.Next(trainEnd - seq);
            for (int t = 0; t < seq; t++)
            {
                input[t * batch + b] = ids[start + t];
                target[t * batch + b] = ids[start + t + 1];
            }
        }
        var shard = Shard(batch);
        using var tin = DeviceIndices.FromHost(Device, BatchShard.Columns(input, seq, batch, 1, shard), seq, shard.Count);
        using var tout = DeviceIndices.FromHost(Device, BatchShard.Columns(target, seq, batch, 1, shard), seq * shard.Count);
        var meanOver = MeanOver((long)seq * batch);
        opt.LearningRate = CosineLr(step, Settings.Float("lr"));
        var r = Timed("lstm", batch, () => TrainStep(model, tin, (logits, dlogits) => Losses.CrossEntropy(logits, tout, dlogits, meanOver: meanOver), opt, clip));
        double norm = r.GradNorm!.Value;
        double bpc = r.Loss / Math.Log(2);
        return new StepStats(new[] { bpc, norm }, FormattableString.Invariant($"{bpc:F3} bpc"), FormattableString.Invariant($"{norm:F3}"));
    }

    public override double[] Validate()
    {
        using var logits = model.Forward(validInput);
        using var loss = Losses.CrossEntropy(logits, validTarget, validGrad);
        return new[] { loss.Read() / Math.Log(2) };
    }

    public override IEnumerable<string> AfterValidation(int step)
    {
        // A sample at every fifth validation and at the end: enough to watch the text take shape.
        if (validations++ % 5 != 4 && step != Steps)
            yield break;
        yield return $"sample at step {step}: {Visible(Sample(step))}";
    }

    string Sample(int step)
    {
        string prompt = Prompt(text.Text);
        var outIds = model.Sample(CharText.Encode(prompt, text.Vocabulary, "the prompt"), Settings.Int("sample-length"), Settings.Float("temperature"), (ulong)(Seed * 131 + step));
        return prompt + Decode(outIds, text.Vocabulary);
    }

    /// <summary>The prompt of the samples: the first word (at most 12 characters) of the first line after the first that has
    /// four words or more (a title line is skipped), else the text's first word; every character is in the vocabulary.</summary>
    static string Prompt(string s)
    {
        var lines = s.Split('\n');
        string line = lines.Skip(1).FirstOrDefault(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 4) ?? s;
        string word = line.Split(new[] { ' ', '\t', '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        return word.Length == 0 ? s[..1] : word[..Math.Min(word.Length, 12)];
    }

    public static string Decode(IEnumerable<int> ids, string vocabulary) => new(ids.Select(i => vocabulary[i]).ToArray());

    /// <summary>Newlines shown as " / " so that a sample stays on one line.</summary>
    static string Visible(string s) => s.Replace("\r", "", StringComparison.Ordinal).Replace("\n", " / ", StringComparison.Ordinal);

    public override void Save(string dir, int step)
    {
        var meta = Metadata("charlm", step);
        meta["vocabulary"] = JsonSerializer.Serialize(text.Vocabulary);
        Checkpoint.Save(Path.Combine(dir, ModelFile), model, opt, meta);
    }

    public override int Load(string dir)
    {
        string path = Path.Combine(dir, ModelFile);
        int step = LoadFile(path, model, opt, "charlm", out var meta);
        string saved = CharLmCheckpoint.Vocabulary(path, meta);
        if (saved != text.Vocabulary)
            throw new CliException($"the text's vocabulary ({text.Vocabulary.Length} characters) differs from the checkpoint's ({saved.Length}); --text {Settings.String("text")} changed since the run started.");
        return step;
    }

    public override IEnumerable<string> Finish(string dir, MetricsLog log, bool finished, double[] validation)
    {
        double bpc = validation[0];
        TrainingPlots.LossCurves(Path.Combine(dir, "loss.png"), $"Character language model on {text.Name}: bits per character", "bits per character", log,
            new[]
            {
                ("train_bpc", "train" + TrainingPlots.Throughput(SequencesPerSecond("lstm")), 0, LineKind.Train),
                ("valid_bpc", "validation", 0, LineKind.Validation),
            }, logY: false, reference: (unigramBpc, "unigram baseline"));
        yield return RunFolder.Listing(dir, new[] { ModelFile }, new[] { "loss.png" });
        yield return $"sample: {Visible(Sample(log.Rows.Count))}";
        yield return FormattableString.Invariant($"validation {bpc:F3} bits/char (unigram baseline {unigramBpc:F3}, target below {CharLmSpec.TargetBpc:F1}): ")
            + (bpc < CharLmSpec.TargetBpc ? "REACHED" : "not reached");
        yield return $"generate more with: {Invocation.Command} generate --checkpoint {dir} --prompt \"{Prompt(text.Text)}\" --length 400 --temperature 0.7";
    }

    public override void Dispose()
    {
        opt.Dispose();
        model.Dispose();
        validInput.Dispose();
        validTarget.Dispose();
        validGrad.Dispose();
    }
}

/// <summary>Reading a charlm checkpoint's metadata.</summary>
internal static class CharLmCheckpoint
{
    /// <summary>The vocabulary stored in the metadata, or a one-line error.</summary>
    public static string Vocabulary(string path, IReadOnlyDictionary<string, string> meta)
    {
        if (!meta.TryGetValue("vocabulary", out var json))
            throw new CliException($"checkpoint {path} has no vocabulary in its metadata.");
        try
        {
            string v = JsonSerializer.Deserialize<string>(json) is { Length: > 0 } s ? s : throw new CliException($"checkpoint {path} has an empty vocabulary.");
            var seen = new HashSet<char>();
            foreach (char c in v)
                if (!seen.Add(c))
                    throw new CliException($"checkpoint {path}: its vocabulary lists {CharText.Show(c)} twice; the file is inconsistent.");
            return v;
        }
        catch (JsonException)
        {
            throw new CliException($"checkpoint {path}: its vocabulary metadata is not a JSON string.");
        }
    }

    /// <summary>Checks a charlm checkpoint's header before anything of its sizes is built (generate and export): the task, a
    /// vocabulary of distinct characters, and sizes in the metadata that are the tensors' own (embedding (V, E), the
    /// recurrent layer's hidden size, fc (V, H)), so edited metadata cannot allocate a model the file does not hold or
    /// export a graph whose vocabulary disagrees with its tensors.</summary>
    /// <param name="path">The checkpoint, for messages.</param>
    /// <param name="file">Its header (names, shapes, metadata).</param>
    /// <param name="buildsModel">A model of the settings' sizes will be built (generate): a size the metadata lacks is then
    /// the default and must match too; otherwise (export) only the sizes the metadata states are compared.</param>
    /// <returns>The vocabulary and the run's settings.</returns>
    public static (string Vocabulary, TaskSettings Settings) Check(string path, SafetensorsFile file, bool buildsModel = true)
    {
        var meta = file.Metadata;
        meta.TryGetValue("task", out var task);
        if (task != "charlm")
            throw new CliException($"checkpoint {path} is {(task is null ? "not from rnngpu train" : $"a '{task}' model")}; a charlm checkpoint is needed.");
        string vocabulary = Vocabulary(path, meta);
        var settings = new CharLmSpec().Options().FromSaved(
            meta.Where(kv => kv.Key.StartsWith("setting.", StringComparison.Ordinal)).ToDictionary(kv => kv.Key["setting.".Length..], kv => kv.Value),
            path);
        foreach (var (tensor, dim, key) in new[] { ("rnn.weight_hh_l0", 1, "hidden"), ("embedding.weight", 1, "embedding"),
            ("embedding.weight", 0, "vocabulary"), ("fc.weight", 0, "vocabulary"), ("fc.weight", 1, "hidden") })
        {
            if (key != "vocabulary" && !buildsModel && !meta.ContainsKey("setting." + key))
                continue;
            int want = key == "vocabulary" ? vocabulary.Length : settings.Int(key);
            var found = file.Find(tensor);
            if (found is null || found.Shape.Length != 2 || found.Shape[dim] != want)
                throw new CliException($"checkpoint {path}: its metadata says {key} {want}, but '{tensor}' is " +
                    $"{(found is null ? "missing" : "(" + string.Join(", ", found.Shape) + ")")}; the file is inconsistent.");
        }
        return (vocabulary, settings);
    }
}
