using System.CommandLine;
using System.Globalization;

namespace RnnGpu.Cli.Training;

/// <summary>
/// The resolved options of a training run as invariant strings keyed by option name without dashes ("hidden", "lr").
/// They are written to the run folder's run.json so that <c>rnngpu resume</c> rebuilds exactly the same task.
/// </summary>
internal sealed class TaskSettings
{
    readonly SortedDictionary<string, string> values;

    public TaskSettings(IReadOnlyDictionary<string, string> values, string source)
    {
        this.values = new SortedDictionary<string, string>(values.ToDictionary(kv => kv.Key, kv => kv.Value), StringComparer.Ordinal);
        Source = source;
    }

    /// <summary>Where the settings came from, for messages ("options", "run.json").</summary>
    public string Source { get; }

    public IReadOnlyDictionary<string, string> Values => values;

    public bool Has(string key) => values.ContainsKey(key);

    public string String(string key) =>
        values.TryGetValue(key, out var v) ? v : throw new CliException($"{Source}: setting '{key}' is missing.");

    public int Int(string key) =>
        int.TryParse(String(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out int v)
            ? v : throw new CliException($"{Source}: setting '{key}' = '{values[key]}' is not an integer.");

    public float Float(string key) =>
        float.TryParse(String(key), NumberStyles.Float, CultureInfo.InvariantCulture, out float v)
            ? v : throw new CliException($"{Source}: setting '{key}' = '{values[key]}' is not a number.");

    public bool Bool(string key) =>
        bool.TryParse(String(key), out bool v) ? v : throw new CliException($"{Source}: setting '{key}' = '{values[key]}' is not true or false.");

    /// <summary>A copy with one value replaced.</summary>
    public TaskSettings With(string key, string value)
    {
        var copy = new Dictionary<string, string>(values) { [key] = value };
        return new TaskSettings(copy, Source);
    }

    /// <summary>--name must be at least <paramref name="min"/> (and at most <paramref name="max"/>, the option's limit).</summary>
    public int AtLeast(string key, int min, int max = int.MaxValue)
    {
        int v = Int(key);
        if (v < min)
            throw new CliException(min == 1 ? $"--{key} must be a positive integer, got {v}." : $"--{key} must be at least {min}, got {v}.");
        if (v > max)
            throw new CliException($"--{key} is at most {max.ToString("N0", CultureInfo.InvariantCulture)}, got {v.ToString("N0", CultureInfo.InvariantCulture)}.");
        return v;
    }

    /// <summary>--name must be positive, finite and at most <paramref name="max"/>.</summary>
    public float Positive(string key, float max = float.MaxValue) => InRange(key, 0f, max, minExclusive: true);

    /// <summary>--name must be finite and in [<paramref name="min"/>, <paramref name="max"/>] (above <paramref name="min"/> with
    /// <paramref name="minExclusive"/>).</summary>
    public float InRange(string key, float min, float max, bool minExclusive = false)
    {
        float v = Float(key);
        string text = v.ToString(CultureInfo.InvariantCulture);
        if (!float.IsFinite(v) || (minExclusive ? !(v > min) : !(v >= min)))
            throw new CliException(minExclusive && min == 0 ? $"--{key} must be positive and finite, got {text}."
                : $"--{key} must be finite and at least {min.ToString(CultureInfo.InvariantCulture)}, got {text}.");
        if (v > max)
            throw new CliException($"--{key} is at most {max.ToString(CultureInfo.InvariantCulture)}, got {text}.");
        return v;
    }

    /// <summary>The most training steps a run takes (metrics.csv holds a row per step).</summary>
    public const int MaxSteps = 10_000_000;

    /// <summary>The largest --hidden and --embedding (the memory check decides what fits below that).</summary>
    public const int MaxWidth = 1 << 16;

    /// <summary>The most stacked layers.</summary>
    public const int MaxLayers = 64;

    /// <summary>The largest --batch, and the longest sequence (--seq, --length, --horizon).</summary>
    public const int MaxBatch = 1 << 20, MaxSequence = 1 << 20;

    /// <summary>The largest Adam learning rate and gradient clip norm accepted.</summary>
    public const float MaxLr = 10f, MaxClip = 1e6f;

    /// <summary>Checks the options every task shares (<see cref="TaskOptions.Common"/>): a known --cell, --hidden, --layers,
    /// --steps and --batch positive and within their limits, --lr and --clip positive, finite and within theirs.</summary>
    public void CheckCommon()
    {
        Cell();
        AtLeast("hidden", 1, MaxWidth);
        AtLeast("layers", 1, MaxLayers);
        AtLeast("steps", 1, MaxSteps);
        AtLeast("batch", 1, MaxBatch);
        Positive("lr", MaxLr);
        Positive("clip", MaxClip);
        foreach (var key in new[] { "seq", "length" })
            if (Has(key))
                AtLeast(key, 1, MaxSequence);
        // Sequence steps of one batch, before any data is made or memory allocated: the model's own memory check comes later.
        string seqKey = Has("seq") ? "seq" : Has("length") ? "length" : "";
        long steps = (long)Int("batch") * (seqKey.Length > 0 ? Math.Max(1, Int(seqKey)) : 1);
        if (steps > MaxBatchSteps)
            throw new CliException($"--batch {Int("batch")}{(seqKey.Length > 0 ? $" x --{seqKey} {Int(seqKey)}" : "")} = {steps:N0} sequence steps per " +
                $"batch; at most {MaxBatchSteps:N0} are supported.");
    }

    /// <summary>Largest batch x sequence length a training task accepts (2^24 sequence steps per batch).</summary>
    public const long MaxBatchSteps = 1L << 24;

    /// <summary>The recurrent cell named by --cell.</summary>
    public RnnMode Cell(string key = "cell") => CliCells.Parse(String(key), "--" + key);
}

/// <summary>
/// The options of one <c>rnngpu train TASK</c> command: declares each System.CommandLine option with its default and reads the
/// parsed values back into <see cref="TaskSettings"/>. The same declarations give the defaults when an older run.json lacks a key.
/// </summary>
internal sealed class TaskOptions
{
    readonly List<(string Key, Option Option, Func<ParseResult, string> Read, string Default)> options = new();

    public IEnumerable<Option> All => options.Select(o => o.Option);

    public void Int(string key, string description, int defaultValue, string? alias = null)
    {
        var o = CliNumbers.Strict(alias is null ? new Option<int>("--" + key) : new Option<int>("--" + key, alias));
        o.Description = description;
        o.DefaultValueFactory = _ => defaultValue;
        options.Add((key, o, p => p.GetValue(o).ToString(CultureInfo.InvariantCulture), defaultValue.ToString(CultureInfo.InvariantCulture)));
    }

    public void Float(string key, string description, float defaultValue)
    {
        var o = CliNumbers.Strict(new Option<float>("--" + key) { Description = description, DefaultValueFactory = _ => defaultValue });
        options.Add((key, o, p => p.GetValue(o).ToString("R", CultureInfo.InvariantCulture), defaultValue.ToString("R", CultureInfo.InvariantCulture)));
    }

    public void Choice(string key, string description, string defaultValue, params string[] allowed)
    {
        var o = new Option<string>("--" + key) { Description = description, DefaultValueFactory = _ => defaultValue };
        o.AcceptOnlyFromAmong(allowed);
        options.Add((key, o, p => p.GetValue(o)!, defaultValue));
    }

    public void Text(string key, string description, string defaultValue)
    {
        var o = new Option<string>("--" + key) { Description = description, DefaultValueFactory = _ => defaultValue };
        options.Add((key, o, p => p.GetValue(o) ?? defaultValue, defaultValue));
    }

    public void Flag(string key, string description)
    {
        var o = new Option<bool>("--" + key) { Description = description };
        options.Add((key, o, p => p.GetValue(o) ? "true" : "false", "false"));
    }

    /// <summary>The options every task shares: --cell, --hidden, --layers, (--bidirectional), --steps, --batch, --lr, --clip, --seed.</summary>
    public void Common(string cell, int hidden, int layers, int steps, int batch, float lr, float clip, bool bidirectional,
        string cellDescription = "Recurrent cell: lstm, gru, rnn_tanh or rnn_relu.", string[]? cells = null,
        string bidirectionalDescription = "Read each sequence in both directions (D = 2).")
    {
        Choice("cell", cellDescription, cell, cells ?? CliCells.Names);
        Int("hidden", "Hidden size H.", hidden, "-H");
        Int("layers", "Stacked recurrent layers.", layers, "-l");
        if (bidirectional)
            Flag("bidirectional", bidirectionalDescription);
        Int("steps", "Training steps (one batch each).", steps, "-n");
        Int("batch", "Batch size B.", batch, "-b");
        Float("lr", "Adam learning rate (the peak rate where the task decays it).", lr);
        Float("clip", "Clip gradients to this global L2 norm.", clip);
        Int("seed", "Seed of the data and of the initialisation.", 1);
    }

    public TaskSettings Read(ParseResult parse) =>
        new(options.ToDictionary(o => o.Key, o => o.Read(parse)), "options");

    /// <summary>Settings from run.json, with defaults for keys an older run did not record.</summary>
    public TaskSettings FromSaved(IReadOnlyDictionary<string, string> saved, string source)
    {
        var merged = options.ToDictionary(o => o.Key, o => o.Default);
        foreach (var (k, v) in saved)
            merged[k] = v;
        return new TaskSettings(merged, source);
    }
}
