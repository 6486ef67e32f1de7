using System.Diagnostics;
using System.Globalization;
using RnnGpu.Distributed;
using RnnGpu.IO;

namespace RnnGpu.Cli.Training;

/// <summary>What one training step reports to the runner.</summary>
/// <param name="Values">One value per <see cref="TrainingTask.TrainColumns"/> entry (losses, gradient norms), in that order.</param>
/// <param name="Loss">The loss as shown in the progress display ("0.1234", or "rnn 0.16 lstm 0.01").</param>
/// <param name="GradNorm">The gradient norm before clipping as shown in the progress display.</param>
internal readonly record struct StepStats(double[] Values, string Loss, string GradNorm)
{
    /// <summary>Models trained side by side: <paramref name="values"/> holds each model's loss, then each model's gradient norm,
    /// in the order of <paramref name="names"/>; the display shows "name loss" and "name norm" for each.</summary>
    public static StepStats SideBySide(IReadOnlyList<string> names, double[] values)
    {
        int n = names.Count;
        return new StepStats(values,
            string.Join(' ', names.Select((m, i) => FormattableString.Invariant($"{m} {values[i]:F4}"))),
            string.Join(' ', names.Select((m, i) => FormattableString.Invariant($"{m} {values[n + i]:F3}"))));
    }
}

/// <summary>
/// One task of <c>rnngpu train</c>: owns its models, optimizers and data, and does one training step at a time. The
/// <see cref="TrainingRunner"/> drives it (progress, metrics.csv, validation, checkpoints, Ctrl+C, resume). A step's batch
/// must depend only on the seed and the step number (<see cref="StepRandom"/>), so that a resumed run repeats exactly the
/// batches the uninterrupted run would have drawn.
/// </summary>
internal abstract class TrainingTask : IDisposable
{
    protected TrainingTask(ComputeDevice device, TaskSettings settings)
    {
        Device = device;
        Settings = settings;
        Steps = settings.AtLeast("steps", 1);
        Seed = settings.Int("seed");
    }

    public ComputeDevice Device { get; }

    readonly Dictionary<string, (int Calls, double Seconds, long Sequences)> timing = new();

    /// <summary>Runs one model's training step and records its time and sequences for <see cref="SequencesPerSecond"/> (the first
    /// call per model in a process is not counted: it compiles the kernels).</summary>
    protected T Timed<T>(string model, int sequences, Func<T> step)
    {
        long start = Stopwatch.GetTimestamp();
        var result = step();
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var (calls, total, count) = timing.GetValueOrDefault(model);
        timing[model] = calls == 0 ? (1, 0, 0) : (calls + 1, total + seconds, count + sequences);
        return result;
    }

    /// <summary>Training sequences per second of a model's steps in this process, or null before two were timed.</summary>
    public double? SequencesPerSecond(string model) =>
        timing.TryGetValue(model, out var t) && t.Seconds > 0 ? t.Sequences / t.Seconds : null;

    /// <summary>The progress display's throughput of tasks that train several models side by side, per model
    /// ("rnn 5120 lstm 1830 seq/s"); null: the runner shows the step's total.</summary>
    public virtual string? ThroughputText => null;

    /// <summary><see cref="ThroughputText"/> for models trained side by side (by their short names).</summary>
    protected string? PerModelThroughput(IEnumerable<string> names)
    {
        var parts = names.Select(n => (n, SequencesPerSecond(n))).ToList();
        return parts.Any(p => p.Item2 is null)
            ? null
            : string.Join(' ', parts.Select(p => FormattableString.Invariant($"{p.n} {p.Item2:F0}"))) + " seq/s";
    }

    public TaskSettings Settings { get; }

    /// <summary>Total training steps of the run.</summary>
    public int Steps { get; }

    public int Seed { get; }

    /// <summary>The first line printed: what is trained on what.</summary>
    public abstract string Describe();

    /// <summary>metrics.csv columns written every step.</summary>
    public abstract IReadOnlyList<string> TrainColumns { get; }

    /// <summary>metrics.csv columns written at each validation (blank on other steps).</summary>
    public abstract IReadOnlyList<string> ValidColumns { get; }

    /// <summary>Sequences per training step (for seq/s).</summary>
    public abstract int SequencesPerStep { get; }

    /// <summary>Floating-point operations of one training step (for GFLOP/s): forward, backward and weight gradients.</summary>
    public abstract double FlopsPerStep { get; }

    /// <summary>Validation (and checkpoint) interval in steps.</summary>
    public virtual int ValidateEvery => Math.Max(1, Steps / 20);

    /// <summary>Trains on the batch of <paramref name="step"/> (1-based).</summary>
    public abstract StepStats Step(int step);

    /// <summary>Held-out metrics, one per <see cref="ValidColumns"/> entry.</summary>
    public abstract double[] Validate();

    /// <summary>Lines shown after a validation (samples of a language model); none by default.</summary>
    public virtual IEnumerable<string> AfterValidation(int step) => Array.Empty<string>();

    /// <summary>Writes the checkpoint file(s) of <paramref name="step"/> into the run folder (each written atomically).</summary>
    public abstract void Save(string dir, int step);

    /// <summary>Loads the checkpoint written by <see cref="Save"/>; returns its step.</summary>
    public abstract int Load(string dir);

    /// <summary>Checkpoint files this task writes, relative to the run folder.</summary>
    public abstract IReadOnlyList<string> CheckpointFiles { get; }

    /// <summary>End of the run (finished or stopped): plots and the summary lines to print. <see cref="Validate"/> has last run
    /// on the final weights (the runner calls it once more only when the last step did not validate).</summary>
    /// <param name="dir">The run folder.</param>
    /// <param name="log">metrics.csv of the whole run.</param>
    /// <param name="finished">False when the run was stopped early.</param>
    /// <param name="validation">What that last <see cref="Validate"/> returned, one value per <see cref="ValidColumns"/> entry.</param>
    public abstract IEnumerable<string> Finish(string dir, MetricsLog log, bool finished, double[] validation);

    public abstract void Dispose();

    /// <summary>The models and optimizers of the task: what every data-parallel replica must hold identically (broadcast from
    /// the leader at the start and after a resume).</summary>
    public abstract IEnumerable<(IModule Module, Optimizer Optimizer)> Replicated { get; }

    /// <summary>The data-parallel group this replica trains in (<c>--devices</c>, <c>--data-parallel</c>); null when it trains
    /// alone. Each replica takes its <see cref="Shard"/> of every global batch and sums gradients with the others.</summary>
    public ICommunicator? Group { get; set; }

    /// <summary>The rows of a global batch of <paramref name="batch"/> this replica trains on (all of them when alone).</summary>
    protected (int Start, int Count) Shard(int batch) => Group is null ? (0, batch) : DataParallel.Shard(batch, Group.Rank, Group.Size);

    /// <summary>The loss's <c>meanOver</c>: the global batch's count when this replica holds a shard, null when alone (the loss
    /// then counts for itself, exactly as before data parallelism existed).</summary>
    protected float? MeanOver(long globalCount) => Group is null ? null : globalCount;

    /// <summary>One training step of a model on this replica's shard: <see cref="Trainer.Step{TInput}(IModule{TInput}, TInput, LossFunction, Optimizer, float?, IReadOnlyList{int}?)"/>
    /// alone, <see cref="DataParallel.Step{TInput}"/> in a group (gradients and loss summed over the replicas in rank order).</summary>
    protected StepResult TrainStep<TInput>(IModule<TInput> model, TInput input, LossFunction loss, Optimizer optimizer, float clip,
        IReadOnlyList<int>? lengths = null) =>
        Group is null ? Trainer.Step(model, input, loss, optimizer, clip, lengths) : DataParallel.Step(Group, model, input, loss, optimizer, clip, lengths);

    /// <summary>After every step of a data-parallel run: the leader's decision to stop (Ctrl+C, --stop-after), the same on every
    /// replica. Alone: <paramref name="stop"/>.</summary>
    public bool AgreeToStop(bool stop) => Group is null ? stop : Group.Broadcast(stop ? 1L : 0L) != 0;

    /// <summary>Where the cosine schedule of <see cref="CosineLr"/> ends, as a fraction of the peak rate.</summary>
    public const float FinalLrFraction = 0.05f;

    /// <summary>The learning rate of <paramref name="step"/> (1-based): a cosine from <paramref name="peak"/> at the first step
    /// down to <see cref="FinalLrFraction"/> of it at the last. A function of the step alone, so a resumed run repeats it.</summary>
    protected float CosineLr(int step, float peak) => LrSchedule.Cosine(peak, step - 1, Math.Max(1, Steps - 1), FinalLrFraction * peak);

    /// <summary>The data generator of one step: depends only on the seed and the step, never on what ran before.</summary>
    protected Random StepRandom(int step) => new(unchecked(Seed * 1_000_003 + step * 7_919 + 17));

    /// <summary>A generator for held-out data, disjoint in seed from every step's.</summary>
    protected Random HeldOutRandom(int salt = 0) => new(unchecked(Seed * 7_919 + 1_000_000_007 + salt));

    /// <summary>Checkpoint metadata shared by every task: task name, step and the run's settings.</summary>
    protected Dictionary<string, string> Metadata(string task, int step)
    {
        var meta = Settings.Values.ToDictionary(kv => "setting." + kv.Key, kv => kv.Value);
        meta["task"] = task;
        meta["step"] = step.ToString(CultureInfo.InvariantCulture);
        return meta;
    }

    /// <summary>Loads one checkpoint file into a module and its optimizer; returns the file's step.</summary>
    protected int LoadFile(string path, IModule module, Optimizer optimizer, string task) =>
        LoadFile(path, module, optimizer, task, out _);

    /// <summary>Loads one checkpoint file into a module and its optimizer; returns the file's step and gives its metadata.</summary>
    protected int LoadFile(string path, IModule module, Optimizer optimizer, string task, out IReadOnlyDictionary<string, string> metadata)
    {
        if (!File.Exists(path))
            throw new CliException($"checkpoint {path} is missing.");
        IReadOnlyDictionary<string, string> meta;
        try
        {
            meta = Checkpoint.Load(path, module, optimizer);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot load checkpoint {path}: {CliApp.OneLine(e.Message)}");
        }
        if (!meta.TryGetValue("task", out var t) || t != task)
            throw new CliException($"checkpoint {path} is not a '{task}' checkpoint (task '{t ?? "none"}').");
        if (!meta.TryGetValue("step", out var s) || !int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int step))
            throw new CliException($"checkpoint {path} has no step in its metadata.");
        // The run's settings as the checkpoint saw them must be run.json's (but the total of steps, which resume may raise):
        // an edited seed or size would otherwise continue silently on other data.
        RequireSameSettings(meta, Settings, path, key => key != "steps");
        metadata = meta;
        return step;
    }

    /// <summary>Refuses when a checkpoint's saved settings (<c>setting.KEY</c> metadata) differ from <paramref name="settings"/>
    /// for the keys <paramref name="compared"/> selects, naming the key, the file and both values.</summary>
    public static void RequireSameSettings(IReadOnlyDictionary<string, string> meta, TaskSettings settings, string path, Func<string, bool> compared)
    {
        foreach (var (key, value) in settings.Values)
        {
            if (compared(key) && meta.TryGetValue("setting." + key, out var saved) && saved != value)
                throw new CliException($"checkpoint {path} was written with --{key} {saved}, but run.json says {value}; " +
                    "resume continues a run only with the settings it was trained with.");
        }
    }

    /// <summary>FLOPs of a training step of a recurrent layer: 3 x 2*T*B*(In+H)*G*H per layer and direction (the README's formula).</summary>
    public static double RecurrentFlops(RnnOptions o, int seq, int batch)
    {
        int g = o.Cell.Gates;
        int d = o.Bidirectional ? 2 : 1;
        double total = 0;
        for (int l = 0; l < o.NumLayers; l++)
        {
            int input = l == 0 ? o.InputSize : d * o.HiddenSize;
            total += d * 2.0 * seq * batch * (input + o.HiddenSize) * g * o.HiddenSize;
        }
        return 3 * total;
    }

    /// <summary>FLOPs of a training step of a linear layer over <paramref name="rows"/> rows.</summary>
    public static double LinearFlops(int rows, int inFeatures, int outFeatures) => 3 * 2.0 * rows * inFeatures * outFeatures;
}

/// <summary>A <c>rnngpu train</c> task: name, help, options, and how to build it.</summary>
internal abstract class TaskSpec
{
    public abstract string Name { get; }

    public abstract string Description { get; }

    /// <summary>Declares the task's options (common ones through <see cref="TaskOptions.Common"/>).</summary>
    public abstract void Declare(TaskOptions options);

    /// <summary>Checks the settings before any device or file is touched (throws <see cref="CliException"/>).</summary>
    public abstract void Validate(TaskSettings settings);

    /// <summary>Builds the task's models and data on the device.</summary>
    public abstract TrainingTask Create(ComputeDevice device, TaskSettings settings);

    /// <summary>An upper bound of the bytes the task's own data takes (validation sets, batches, corpus, samples) on the
    /// host and the device together, for the check before anything is made (<see cref="CheckData"/>), and what it is.</summary>
    public abstract (long Bytes, string What) DataBytes(TaskSettings settings);

    /// <summary>Device bytes of a training forward (and its backward) at <paramref name="batch"/> and an inference forward at
    /// <paramref name="validation"/> sequences of <paramref name="steps"/>, for each recurrent model of a task: a validation
    /// set is run as one batch, so its forward is part of the task's data.</summary>
    protected static long Forwards(IEnumerable<RnnOptions> models, int steps, int batch, int validation) =>
        models.Sum(o => RecurrentLayer.ActivationBytes(o, steps, batch, training: true) + RecurrentLayer.ActivationBytes(o, steps, validation, training: false));

    /// <summary>Refuses settings whose task data would not fit the host's available memory or the device's free memory,
    /// before any of it is made, naming the flags that size it.</summary>
    public void CheckData(TaskSettings settings, ComputeDevice device)
    {
        var (bytes, what) = DataBytes(settings);
        long host = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        long free = device.Info.MemoryBytes - device.AllocatedBytes;
        long limit = Math.Min(host, free);
        string where = host <= free ? "host memory" : "free on " + device.Info.Spec;
        if (bytes > limit)
            throw new CliException(FormattableString.Invariant(
                $"{what} would take about {bytes / (double)(1 << 30):0.0#} GiB, more than the {limit / (double)(1 << 30):0.0#} GiB available ({where}); use smaller sizes."));
    }

    public TaskOptions Options()
    {
        var o = new TaskOptions();
        Declare(o);
        return o;
    }
}
