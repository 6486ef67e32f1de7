using System.CommandLine;
using System.Globalization;
using RnnGpu.Cli.Training;

namespace RnnGpu.Cli.Commands;

/// <summary>
/// <c>rnngpu train TASK</c>: training demonstrations on data the project makes or ships. Each task is a <see cref="TaskSpec"/>
/// registered in <see cref="Tasks"/>; the shared loop (<see cref="TrainingRunner"/>) gives every task the live progress
/// display, metrics.csv, checkpoints, plots, Ctrl+C and <c>rnngpu resume</c>.
/// </summary>
internal static class TrainCommand
{
    /// <summary>Every task of <c>rnngpu train</c>.</summary>
    public static readonly TaskSpec[] Tasks =
    {
        new AddingSpec(),
        new CharLmSpec(),
        new ReverseSpec(),
        new SineSpec(),
        new SpeechSpec(),
        new TranslateSpec(),
    };

    /// <summary>The task named <paramref name="name"/>, or a one-line error listing the tasks.</summary>
    public static TaskSpec Find(string name) =>
        Tasks.FirstOrDefault(t => t.Name == name)
        ?? throw new CliException($"unknown task '{name}'; the tasks are {string.Join(", ", Tasks.Select(t => t.Name))}.");

    public static Command Create(TextWriter output)
    {
        var train = new Command("train", "Train small models on synthetic or shipped data, with live progress, checkpoints and plots.");
        foreach (var spec in Tasks)
            train.Subcommands.Add(CreateTask(spec, output));
        return train;
    }

    /// <summary>Hidden --stop-after N: behaves as if Ctrl+C were pressed during step N (tests drive the clean stop with it).</summary>
    public static Option<int> StopAfterOption() => CliNumbers.Strict(new Option<int>("--stop-after") { Hidden = true, Description = "Stop after this step as Ctrl+C would." });

    static Command CreateTask(TaskSpec spec, TextWriter output)
    {
        var options = spec.Options();
        var accelerator = DeviceOption.Create();
        var outDir = new Option<string?>("--out", "-o")
        {
            Description = $"Run folder for run.json, metrics.csv, checkpoints and plots (default runs/{spec.Name}-<timestamp>); a new or empty folder.",
        };
        var force = new Option<bool>("--force") { Description = "Write into an --out folder that already holds other files (never over a run)." };
        var stopAfter = StopAfterOption();
        var devices = Parallelism.DevicesOption();
        var dataParallel = Parallelism.DataParallelOption();
        var cmd = new Command(spec.Name, spec.Description);
        foreach (var o in options.All)
            cmd.Options.Add(o);
        cmd.Options.Add(accelerator);
        cmd.Options.Add(devices);
        cmd.Options.Add(dataParallel);
        cmd.Options.Add(outDir);
        cmd.Options.Add(force);
        cmd.Options.Add(stopAfter);
        cmd.SetAction(p =>
        {
            var parallel = Parallelism.From(p.GetValue(accelerator), p.GetValue(devices), p.GetValue(dataParallel));
            return parallel.Run(leader =>
            {
                // Replica 0 (or the only one) checks and writes the run folder; the followers build what it announces.
                var settings = options.Read(p);
                spec.Validate(settings);
                string dir = p.GetValue(outDir)
                    ?? Path.Combine("runs", spec.Name + "-" + DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
                RunFolder.CheckNew(dir, p.GetValue(force));
                leader.Announce(spec.Name, settings);
                using var device = leader.OpenDevice();
                spec.CheckData(settings, device);
                using var task = spec.Create(device, settings);
                var folder = RunFolder.Create(dir, spec.Name, settings);
                using var runLock = folder.Lock();
                using var log = MetricsLog.Create(folder, task.TrainColumns.Concat(task.ValidColumns).ToArray());
                leader.Start(task, 0, output);
                return TrainingRunner.RunWithCtrlC(task, folder, log, 0, output, p.GetValue(stopAfter));
            }, Console.Error);
        });
        return cmd;
    }
}

/// <summary><c>rnngpu resume DIR</c>: continues a run from its last checkpoint with the settings in its run.json.</summary>
internal static class ResumeCommand
{
    public static Command Create(TextWriter output)
    {
        var dirArg = new Argument<string>("DIR") { Description = "The run folder (holds run.json, metrics.csv and the checkpoints)." };
        var steps = CliNumbers.Strict(new Option<int?>("--steps", "-n") { Description = "New total number of steps (to train a finished run further)." });
        var accelerator = DeviceOption.Create();
        var stopAfter = TrainCommand.StopAfterOption();
        var devices = Parallelism.DevicesOption();
        var dataParallel = Parallelism.DataParallelOption();
        var cmd = new Command("resume", "Continue a training run from its last checkpoint (same task, settings and data).")
        {
            dirArg, steps, accelerator, devices, dataParallel, stopAfter,
        };
        cmd.SetAction(p =>
        {
            var parallel = Parallelism.From(p.GetValue(accelerator), p.GetValue(devices), p.GetValue(dataParallel));
            return parallel.Run(leader => Resume(p, leader, dirArg, steps, stopAfter, output), Console.Error);
        });
        return cmd;
    }

    /// <summary>The resume of replica 0 (or of a run alone): only it reads the run folder and the checkpoints; the followers get
    /// the settings, the step and the loaded state from it.</summary>
    static int Resume(ParseResult p, Parallelism.Leader leader, Argument<string> dirArg, Option<int?> steps, Option<int> stopAfter, TextWriter output)
    {
        {
            string dir = p.GetValue(dirArg)!;
            var (folder, taskName, saved) = RunFolder.Open(dir);
            using var runLock = folder.Lock();
            var spec = TrainCommand.Tasks.FirstOrDefault(t => t.Name == taskName)
                ?? throw new CliException($"{folder.Path(RunFolder.RunFile)} names an unknown task '{taskName}'.");
            var settings = spec.Options().FromSaved(saved, folder.Path(RunFolder.RunFile));
            int? newSteps = p.GetValue(steps);
            if (newSteps is int n)
                settings = settings.With("steps", n.ToString(CultureInfo.InvariantCulture));
            spec.Validate(settings);
            CheckCheckpointSettings(folder, taskName, settings);
            leader.Announce(taskName, settings);
            using var device = leader.OpenDevice();
            spec.CheckData(settings, device);
            using var task = spec.Create(device, settings);
            int done = task.Load(dir);
            if (done >= task.Steps)
                throw new CliException($"the run in {dir} has done {done} of its {task.Steps} steps; give a larger total with --steps.");
            // Everything is checked (checkpoint against run.json, metrics.csv) before anything is rewritten: a refused resume
            // changes nothing on disk.
            using var log = MetricsLog.Resume(folder, task.TrainColumns.Concat(task.ValidColumns).ToArray(), done);
            if (newSteps is not null)
                folder.Update(taskName, settings);
            leader.Start(task, done, output);
            return TrainingRunner.RunWithCtrlC(task, folder, log, done, output, p.GetValue(stopAfter));
        }
    }

    /// <summary>The settings that size the models and batches.</summary>
    static readonly HashSet<string> SizeKeys = new(StringComparer.Ordinal) { "hidden", "layers", "embedding", "batch", "seq", "length", "horizon" };

    /// <summary>Before any model is built: run.json's sizes must be those its checkpoints were written with, so an edited size
    /// cannot make resume allocate a model the checkpoints do not hold (the other settings are compared when the checkpoint
    /// loads).</summary>
    static void CheckCheckpointSettings(RunFolder folder, string taskName, TaskSettings settings)
    {
        foreach (var file in Directory.EnumerateFiles(folder.Dir, "*.safetensors"))
        {
            IReadOnlyDictionary<string, string> meta;
            try
            {
                meta = RnnGpu.IO.Safetensors.ReadHeader(file).Metadata; // the header only: the load reads the data
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                throw new CliException($"cannot load checkpoint {file}: {CliApp.OneLine(e.Message)}");
            }
            if (meta.TryGetValue("task", out var t) && t == taskName)
                TrainingTask.RequireSameSettings(meta, settings, file, SizeKeys.Contains);
        }
    }
}
