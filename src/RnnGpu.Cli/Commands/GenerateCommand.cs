using System.CommandLine;
using System.Globalization;
using RnnGpu.Cli.Training;
using RnnGpu.IO;

namespace RnnGpu.Cli.Commands;

/// <summary>
/// <c>rnngpu generate --checkpoint DIR --prompt TEXT --length N --temperature X</c>: samples text from a charlm checkpoint.
/// The checkpoint is self-contained: its metadata holds the run's settings and the vocabulary, so the model is rebuilt from it.
/// </summary>
internal static class GenerateCommand
{
    /// <summary>Largest --length: a million characters (the samples are held in memory and printed at once).</summary>
    public const int MaxLength = 1_000_000;

    /// <summary>The highest sampling temperature accepted (far past the point where samples are uniform noise).</summary>
    public const float MaxTemperature = 100f;

    public static Command Create(TextWriter output)
    {
        var checkpoint = new Option<string>("--checkpoint", "-c")
        {
            Description = "A charlm run folder (or its model.safetensors).",
            Required = true,
        };
        var prompt = new Option<string>("--prompt", "-p") { Description = "Text to start from (every character must be in the model's vocabulary).", DefaultValueFactory = _ => "" };
        var stopAfter = CliNumbers.Strict(new Option<int>("--stop-after") { Hidden = true, Description = "Stop after this many characters as Ctrl+C would." });
        var length = CliNumbers.Strict(new Option<int>("--length", "-n") { Description = $"Characters to generate (at most {MaxLength:N0}).", DefaultValueFactory = _ => 400 });
        var temperature = CliNumbers.Strict(new Option<float>("--temperature", "-T") { Description = "Sampling temperature (0 = greedy, 1 = the model's distribution).", DefaultValueFactory = _ => 0.7f });
        var seed = CliNumbers.Strict(new Option<int>("--seed") { Description = "Seed of the draws.", DefaultValueFactory = _ => 1 });
        var accelerator = DeviceOption.Create();
        var cmd = new Command("generate", "Generate text from a checkpoint of rnngpu train charlm.")
        {
            checkpoint, prompt, length, temperature, seed, accelerator, stopAfter,
        };
        cmd.SetAction(p =>
        {
            int n = p.GetValue(length);
            float t = p.GetValue(temperature);
            if (n <= 0 || n > MaxLength)
                throw new CliException($"--length must be in 1..{MaxLength:N0}, got {n}.");
            if (!(t >= 0) || !float.IsFinite(t) || t > MaxTemperature)
                throw new CliException($"--temperature must be finite and in 0..{MaxTemperature.ToString(CultureInfo.InvariantCulture)}, got {t.ToString(CultureInfo.InvariantCulture)}.");
            string path = ResolveCheckpoint(p.GetValue(checkpoint)!);
            var file = ReadHeader(path); // names, shapes and metadata; the data is read once, by the load below
            // The sizes the metadata claims must be the tensors' own before a model of those sizes is built: edited metadata
            // (hidden 20000 over a hidden-128 file) would otherwise allocate gigabytes before the load fails.
            var (vocabulary, settings) = CharLmCheckpoint.Check(path, file);
            string text = p.GetValue(prompt)!;
            if (text.Length == 0)
                text = vocabulary.Contains('\n', StringComparison.Ordinal) ? "\n" : vocabulary[..1];
            int[] promptIds = CharText.Encode(text, vocabulary, "--prompt");

            using var device = DeviceOption.Open(p.GetValue(accelerator));
            using var model = CharLmTask.Build(device, settings, vocabulary.Length);
            try
            {
                Checkpoint.Load(path, model);
            }
            catch (InvalidDataException e)
            {
                throw new CliException($"cannot load checkpoint {path}: {CliApp.OneLine(e.Message)}");
            }
            // Ctrl+C stops after the character being drawn: what was generated is printed, exit 130 (a second Ctrl+C ends the
            // process at once). --stop-after N (hidden, for tests) does the same after N characters.
            using var stop = new CancellationTokenSource();
            int stopAt = p.GetValue(stopAfter);
            ConsoleCancelEventHandler onCtrlC = (_, e) =>
            {
                if (!stop.IsCancellationRequested)
                {
                    e.Cancel = true;
                    stop.Cancel();
                }
            };
            Console.CancelKeyPress += onCtrlC;
            int[] ids;
            try
            {
                ids = model.Sample(promptIds, stopAt > 0 ? Math.Min(n, stopAt) : n, t, (ulong)p.GetValue(seed), stop.Token);
            }
            finally
            {
                Console.CancelKeyPress -= onCtrlC;
            }
            output.Write(text);
            output.WriteLine(CharLmTask.Decode(ids, vocabulary));
            if (ids.Length < n)
            {
                output.WriteLine($"stopped after {ids.Length} of {n} characters.");
                return TrainingRunner.StoppedExitCode;
            }
            return CliApp.Success;
        });
        return cmd;
    }

    /// <summary>A run folder's model.safetensors, or the file itself.</summary>
    static string ResolveCheckpoint(string value) => ResolveCheckpoint(value, CharLmTask.ModelFile, "charlm", "generate");

    /// <summary>A checkpoint's names, shapes and metadata (not its data), or a one-line error naming the file.</summary>
    internal static SafetensorsFile ReadHeader(string path)
    {
        try
        {
            return Safetensors.ReadHeader(path);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot read checkpoint {path}: {CliApp.OneLine(e.Message)}");
        }
    }

    /// <summary>The checkpoint <c>--checkpoint VALUE</c> names: <paramref name="file"/> in a run folder, or the file itself;
    /// refused in one line when missing, or when the folder is a run of another task than <paramref name="task"/>.</summary>
    internal static string ResolveCheckpoint(string value, string file, string task, string command)
    {
        if (Directory.Exists(value))
        {
            string path = Path.Combine(value, file);
            if (File.Exists(path))
                return path;
            if (File.Exists(Path.Combine(value, RunFolder.RunFile)))
            {
                var (_, held, _) = RunFolder.Open(value);
                throw new CliException($"--checkpoint {value} holds a '{held}' run; {command} needs a {task} checkpoint.");
            }
            throw new CliException($"--checkpoint {value} holds no {file}.");
        }
        if (File.Exists(value))
            return value;
        throw new CliException($"--checkpoint {value} does not exist.");
    }
}
