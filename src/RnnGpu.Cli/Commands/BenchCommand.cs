using System.CommandLine;
using RnnGpu.Cli.Benchmarking;

namespace RnnGpu.Cli.Commands;

/// <summary>
/// <c>rnngpu bench</c>: validate a recurrent layer against the float64 reference, then time inference
/// forward and a training step (median of reps after warm-up), report GFLOP/s and peak device memory,
/// and which forward recurrence ran (<c>--step</c>: persistent kernel or one launch per step).
/// </summary>
internal static class BenchCommand
{
    /// <summary>DeepBench's LSTM training sizes (input size = H): (H, B, T).</summary>
    public static readonly (int H, int B, int T)[] DeepBench =
    {
        (512, 16, 25), (512, 32, 25), (512, 64, 25),
        (1024, 16, 25), (1024, 32, 25), (1024, 64, 25),
        (2048, 16, 25), (2048, 32, 25), (2048, 64, 25),
        (256, 64, 150),
    };

    /// <summary>Small batches, where the persistent forward kernel is meant to win (input size = H): (H, B, T).</summary>
    public static readonly (int H, int B, int T)[] SmallBatch =
    {
        (512, 4, 25), (512, 8, 25), (512, 16, 25),
        (1024, 4, 25), (1024, 8, 25), (1024, 16, 25),
    };

    /// <summary>The names <c>--step</c> accepts.</summary>
    public static readonly string[] StepNames = RnnBench.Steps.Select(s => s.Name).ToArray();

    public static Command Create(TextWriter output)
    {
        var cell = new Option<string>("--cell") { Description = "Cell: lstm, gru, rnn_tanh or rnn_relu.", DefaultValueFactory = _ => "lstm" };
        cell.AcceptOnlyFromAmong(CliCells.Names);
        var input = CliNumbers.Strict(new Option<int>("--input", "-i") { Description = "Input size I." });
        var hidden = CliNumbers.Strict(new Option<int>("--hidden", "-H") { Description = "Hidden size H." });
        var batch = CliNumbers.Strict(new Option<int>("--batch", "-b") { Description = "Batch size B." });
        var seq = CliNumbers.Strict(new Option<int>("--seq", "-t") { Description = "Sequence length T." });
        var layers = CliNumbers.Strict(new Option<int>("--layers", "-l") { Description = "Stacked layers L.", DefaultValueFactory = _ => 1 });
        var bidirectional = new Option<bool>("--bidirectional") { Description = "Two directions (D = 2)." };
        var accelerator = DeviceOption.Create();
        var reps = CliNumbers.Strict(new Option<int>("--reps", "-r") { Description = "Timed repetitions; the median is reported.", DefaultValueFactory = _ => 10 });
        var json = new Option<string?>("--json") { Description = "Write the results as JSON to this file." };
        var suite = new Option<string?>("--suite")
        {
            Description = "Run a suite of sizes instead: deepbench (DeepBench's LSTM training sizes, I = H) or smallbatch " +
                "(H = 512, 1024; B = 4, 8, 16; T = 25; I = H).",
        };
        suite.AcceptOnlyFromAmong("deepbench", "smallbatch");
        var step = new Option<string>("--step")
        {
            Description = "Forward recurrence: auto (the device policy's choice: on the CPU accelerator the persistent kernel at every " +
                "batch, on CUDA for B <= 16 when W_hh fits on chip, else per step), persistent (wherever it can run; otherwise per step, " +
                "and the report says why), per-step (the device's own one-launch-per-step algorithm), fused-step (one launch per step " +
                "with the cell fused into the recurrent product) or row-step (per step a row-shaped GEMM then the cell: OpenCL on CPUs; " +
                "where groups are too small for it, the device's per-step algorithm runs and the report says so).",
            DefaultValueFactory = _ => "auto",
        };
        step.AcceptOnlyFromAmong(StepNames);
        var markdown = new Option<string?>("--markdown") { Description = "Write the results table as markdown to this file." };

        var cmd = new Command("bench",
            "Validate against the float64 reference, then time inference forward and a training step (forward + backward + weight gradients).")
        {
            cell, input, hidden, batch, seq, layers, bidirectional, accelerator, reps, json, suite, markdown, step,
        };
        cmd.SetAction(p =>
        {
            var mode = BenchConfig.ParseCell(p.GetValue(cell)!);
            int l = p.GetValue(layers), n = p.GetValue(reps);
            bool bi = p.GetValue(bidirectional);
            var stepName = p.GetValue(step)!;
            string? suiteName = p.GetValue(suite);
            if (p.GetValue(json) is { } jsonOut)
                OutPaths.CheckFile("--json", jsonOut, force: true, createsFolder: true);
            if (p.GetValue(markdown) is { } mdOut)
                OutPaths.CheckFile("--markdown", mdOut, force: true, createsFolder: true);
            List<BenchConfig> configs;
            if (suiteName is null)
            {
                var missing = new[] { input, hidden, batch, seq }.Where(o => p.GetResult(o) is null).Select(o => o.Name).ToList();
                if (missing.Count > 0)
                    throw new CliException($"bench needs {string.Join(", ", missing)} (or --suite deepbench|smallbatch).");
                configs = new() { new BenchConfig(mode, p.GetValue(input), p.GetValue(hidden), p.GetValue(batch), p.GetValue(seq), l, bi) };
            }
            else
            {
                if (new[] { input, hidden, batch, seq }.Any(o => p.GetResult(o) is not null))
                    throw new CliException($"--suite {suiteName} sets the sizes itself; drop --input, --hidden, --batch and --seq.");
                var sizes = suiteName == "smallbatch" ? SmallBatch : DeepBench;
                configs = sizes.Select(s => new BenchConfig(mode, s.H, s.H, s.B, s.T, l, bi)).ToList();
            }
            foreach (var c in configs)
                c.Check();
            if (n <= 0)
                throw new CliException($"--reps must be a positive integer, got {n}.");

            using var device = DeviceOption.Open(p.GetValue(accelerator));
            foreach (var c in configs)
                RnnBench.CheckMemory(device, c);
            output.WriteLine($"rnngpu bench on {device.Info}");
            var stepAlgorithm = RnnBench.Steps.First(s => s.Name == stepName).Algorithm(device);

            var results = new List<BenchResult>();
            var validated = new Dictionary<BenchConfig, double>();
            foreach (var c in configs)
            {
                var small = c.ValidationSize;
                if (!validated.TryGetValue(small, out double err))
                {
                    err = RnnBench.ValidateOrThrow(device, c, stepAlgorithm);
                    validated[small] = err;
                    output.WriteLine($"validated {small}: relative error {err:0.00E+0} <= {RnnBench.Tolerance:0E+0}");
                }
                var r = RnnBench.Time(device, c, n, err, stepAlgorithm, stepName);
                results.Add(r);
                output.WriteLine($"{c}: {r.Path} forward {r.ForwardMs:F2} ms ({r.ForwardGflops:F1} GFLOP/s), training step {r.TrainMs:F2} ms ({r.TrainGflops:F1} GFLOP/s), peak {r.PeakBytes / (1024.0 * 1024):F1} MiB ({r.PathReason})");
            }

            var report = BenchReport.Create(device, suiteName, results);
            string md = report.ToMarkdown();
            output.WriteLine();
            output.Write(md);
            if (p.GetValue(markdown) is { } mdPath)
                Write(mdPath, md);
            if (p.GetValue(json) is { } jsonPath)
                Write(jsonPath, report.ToJson() + "\n");
            return CliApp.Success;
        });
        cmd.Subcommands.Add(CreateCtc(output));
        cmd.Subcommands.Add(CreateGnmt(output));
        return cmd;
    }

    /// <summary><c>rnngpu bench gnmt</c>: a GNMT v2 training step and beam search, validated first, then timed.</summary>
    static Command CreateGnmt(TextWriter output)
    {
        var hidden = new Option<string>("--hidden", "-H") { Description = "H, comma-separated (each is one row).", DefaultValueFactory = _ => "256,1024" };
        var layers = CliNumbers.Strict(new Option<int>("--layers", "-l") { Description = "Layers of the encoder and of the decoder.", DefaultValueFactory = _ => 4 });
        var batch = CliNumbers.Strict(new Option<int>("--batch", "-b") { Description = "Sentences B.", DefaultValueFactory = _ => 64 });
        var seq = CliNumbers.Strict(new Option<int>("--seq", "-t") { Description = "Source and decoder tokens Ts = Td (the search's maximum length).", DefaultValueFactory = _ => 30 });
        var vocab = CliNumbers.Strict(new Option<int>("--vocab") { Description = "Vocabulary V.", DefaultValueFactory = _ => 8000 });
        var beam = CliNumbers.Strict(new Option<int>("--beam", "-k") { Description = "Beam width of the timed search.", DefaultValueFactory = _ => 5 });
        var accelerator = DeviceOption.Create();
        var reps = CliNumbers.Strict(new Option<int>("--reps", "-r") { Description = "Timed training steps (searches: half as many); the median is reported.", DefaultValueFactory = _ => 6 });
        var json = new Option<string?>("--json") { Description = "Write the results as JSON to this file." };
        var cmd = new Command("gnmt", "Validate the GNMT kernels, then time a GNMT v2 training step and a beam search.")
        {
            hidden, layers, batch, seq, vocab, beam, accelerator, reps, json,
        };
        cmd.SetAction(p =>
        {
            var hs = p.GetValue(hidden)!.Split(',').Select(x => int.TryParse(x, System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out int v) && v > 0 && v <= 8192 ? v
                : throw new CliException($"--hidden takes positive integers up to 8192, comma-separated, got '{p.GetValue(hidden)}'.")).ToArray();
            int l = p.GetValue(layers), b = p.GetValue(batch), t = p.GetValue(seq), v = p.GetValue(vocab), k = p.GetValue(beam), n = p.GetValue(reps);
            if (l < 2 || l > 16) throw new CliException($"--layers must be in 2..16, got {l}.");
            if (b < 1 || b > 4096) throw new CliException($"--batch must be in 1..4096, got {b}.");
            if (t < 2 || t > 1024) throw new CliException($"--seq must be in 2..1024, got {t}.");
            if (v < 8 || v > 1 << 20) throw new CliException($"--vocab must be in 8..1048576, got {v}.");
            if (k < 1 || k > 64) throw new CliException($"--beam must be in 1..64, got {k}.");
            if (n < 1) throw new CliException($"--reps must be a positive integer, got {n}.");
            if (p.GetValue(json) is { } jsonOut)
                OutPaths.CheckFile("--json", jsonOut, force: true, createsFolder: true);
            using var device = DeviceOption.Open(p.GetValue(accelerator));
            output.WriteLine($"rnngpu bench gnmt on {device.Info}");
            var results = new List<GnmtResult>();
            foreach (int h in hs)
            {
                var r = GnmtBench.Run(device, h, l, b, t, v, k, n, output);
                results.Add(r);
                output.WriteLine(System.FormattableString.Invariant(
                    $"GNMT H={h} L={l} B={b} T={t} V={v}: training step {r.TrainMs:F1} ms ({r.TrainTokensPerSecond:F0} tokens/s); beam {k} search {r.SearchMs:F1} ms ({r.SearchSentencesPerSecond:F1} sentences/s, {r.SearchSteps} tokens)"));
            }
            if (p.GetValue(json) is { } jsonPath)
                Write(jsonPath, System.Text.Json.JsonSerializer.Serialize(new { tool = "rnngpu bench gnmt", accelerator = device.Info.Spec, results },
                    new System.Text.Json.JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower }) + "\n");
            return CliApp.Success;
        });
        return cmd;
    }

    /// <summary><c>rnngpu bench ctc</c>: the CTC loss and gradient, validated against the float64 reference, then timed.</summary>
    static Command CreateCtc(TextWriter output)
    {
        var sizes = new Option<string[]>("--size")
        {
            Description = "T,B,C,S (frames, batch, classes with the blank, target length); repeatable. Default: 200,32,11,8, " +
                "1000,8,29,150 and 2000,4,5000,100.",
            AllowMultipleArgumentsPerToken = true,
        };
        var accelerator = DeviceOption.Create();
        var reps = CliNumbers.Strict(new Option<int>("--reps", "-r") { Description = "Timed repetitions; the median is reported.", DefaultValueFactory = _ => 10 });
        var json = new Option<string?>("--json") { Description = "Write the results as JSON to this file." };
        var cmd = new Command("ctc", "Validate Losses.Ctc against the float64 reference, then time the loss with its gradient.")
        {
            sizes, accelerator, reps, json,
        };
        cmd.SetAction(p =>
        {
            var list = p.GetValue(sizes) is { Length: > 0 } given ? given.Select(CtcSize.Parse).ToArray() : CtcSize.Defaults;
            int n = p.GetValue(reps);
            if (n <= 0)
                throw new CliException($"--reps must be a positive integer, got {n}.");
            if (p.GetValue(json) is { } jsonOut)
                OutPaths.CheckFile("--json", jsonOut, force: true, createsFolder: true);
            using var device = DeviceOption.Open(p.GetValue(accelerator));
            output.WriteLine($"rnngpu bench ctc on {device.Info}");
            var results = new List<CtcResult>();
            foreach (var z in list)
            {
                var r = CtcBench.Run(device, z, n, output);
                results.Add(r);
                output.WriteLine($"{z}: loss and gradient {r.Ms:F2} ms median, {r.BestMs:F2} ms best ({r.Gflops:F2} GFLOP/s)");
            }
            if (p.GetValue(json) is { } jsonPath)
                Write(jsonPath, System.Text.Json.JsonSerializer.Serialize(new { tool = "rnngpu bench ctc", accelerator = device.Info.Spec, results },
                    new System.Text.Json.JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower }) + "\n");
            return CliApp.Success;
        });
        return cmd;
    }

    static void Write(string path, string text)
    {
        try
        {
            string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
            if (dir is not null)
                Directory.CreateDirectory(dir);
            File.WriteAllText(path, text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot write {path}: {e.Message}", CliApp.Failure);
        }
    }
}
