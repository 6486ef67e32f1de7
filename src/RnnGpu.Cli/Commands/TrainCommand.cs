using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using RnnGpu.Cli.Training;

namespace RnnGpu.Cli.Commands;

/// <summary>
/// <c>rnngpu train</c>: small training demonstrations. <c>train adding</c> trains a vanilla (tanh) RNN and an LSTM of the
/// same hidden size side by side on the adding problem and reports which one solved it (the vanishing-gradient effect).
/// </summary>
internal static class TrainCommand
{
    /// <summary>Test MSE below which a model counts as having solved the adding problem.</summary>
    public const double SolvedMse = 0.01;

    /// <summary>Sequences in the fixed test set.</summary>
    public const int TestSize = 512;

    /// <summary>Column names of metrics.csv.</summary>
    public const string CsvHeader = "step,rnn_loss,lstm_loss,rnn_grad_norm,lstm_grad_norm";

    public static Command Create(TextWriter output)
    {
        var train = new Command("train", "Train small models on synthetic tasks.");
        train.Subcommands.Add(CreateAdding(output));
        return train;
    }

    static Command CreateAdding(TextWriter output)
    {
        var hidden = new Option<int>("--hidden", "-H") { Description = "Hidden size H of both models.", DefaultValueFactory = _ => 32 };
        var seq = new Option<int>("--seq", "-t") { Description = "Sequence length T (at least 2).", DefaultValueFactory = _ => 50 };
        var steps = new Option<int>("--steps", "-n") { Description = "Training steps (one fresh batch each).", DefaultValueFactory = _ => 1500 };
        var batch = new Option<int>("--batch", "-b") { Description = "Batch size B.", DefaultValueFactory = _ => 32 };
        var lr = new Option<float>("--lr") { Description = "Adam learning rate.", DefaultValueFactory = _ => 0.01f };
        var clip = new Option<float>("--clip") { Description = "Clip gradients to this global L2 norm.", DefaultValueFactory = _ => 1f };
        var seed = new Option<int>("--seed") { Description = "Seed of the data and of both models' initialisation.", DefaultValueFactory = _ => 1 };
        var accelerator = new Option<string?>("--accelerator", "-a")
        {
            Description = "cpu, opencl or cuda, optionally with :index (default: RNNGPU_ACCELERATOR, else the best found).",
        };
        var outDir = new Option<string?>("--out", "-o")
        {
            Description = "Output folder for metrics.csv, checkpoints and plots (default runs/adding-<timestamp>); must not hold a metrics.csv.",
        };

        var cmd = new Command("adding",
            "The adding problem: a tanh RNN and an LSTM of the same size learn to sum the two marked values of a sequence; "
            + "shows the vanishing gradient at long sequences.")
        {
            hidden, seq, steps, batch, lr, clip, seed, accelerator, outDir,
        };
        cmd.SetAction(p =>
        {
            var config = new AddingConfig(p.GetValue(hidden), p.GetValue(seq), p.GetValue(steps), p.GetValue(batch),
                p.GetValue(lr), p.GetValue(clip), p.GetValue(seed),
                p.GetValue(outDir) ?? Path.Combine("runs", "adding-" + DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)));
            config.Check();
            using var device = BenchCommand.OpenDevice(p.GetValue(accelerator));
            using var metrics = OpenMetrics(config.Out);
            RunAdding(device, config, metrics, output);
            return CliApp.Success;
        });
        return cmd;
    }

    /// <summary>Creates the output folder and metrics.csv; refuses a folder that already holds one (nothing is overwritten).</summary>
    static StreamWriter OpenMetrics(string dir)
    {
        string path = Path.Combine(dir, "metrics.csv");
        try
        {
            if (File.Exists(dir))
                throw new CliException($"--out {dir} is a file, expected a folder.");
            if (File.Exists(path))
                throw new CliException($"--out {dir} already holds metrics.csv; choose another folder.");
            Directory.CreateDirectory(dir);
            var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
            var w = new StreamWriter(stream) { NewLine = "\n" };
            w.WriteLine(CsvHeader);
            return w;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new CliException($"cannot write to --out {dir}: {CliApp.OneLine(e.Message)}");
        }
    }

    static void RunAdding(ComputeDevice device, AddingConfig c, StreamWriter metrics, TextWriter output)
    {
        output.WriteLine($"rnngpu train adding on {device.Info}");
        output.WriteLine($"T={c.Seq} H={c.Hidden} B={c.Batch} steps={c.Steps} lr={c.Lr.ToString(CultureInfo.InvariantCulture)} "
            + $"clip={c.Clip.ToString(CultureInfo.InvariantCulture)} seed={c.Seed}; baseline MSE (always 1.0) {AddingProblem.BaselineMse:F3}, solved below {SolvedMse}");
        ulong s = (ulong)c.Seed;
        using var rnn = new SequenceClassifier(device, new RnnOptions(RnnMode.RnnTanh, AddingProblem.InputSize, c.Hidden, Seed: s), 1, seed: s + 1);
        using var lstm = new SequenceClassifier(device, new RnnOptions(RnnMode.Lstm, AddingProblem.InputSize, c.Hidden, Seed: s), 1, seed: s + 1);
        Init.Apply(lstm.Rnn, new RnnInit(ForgetBias: 1f, Seed: s)); // the usual forget-gate bias of 1
        var models = new[] { (Name: "rnn", Model: rnn), (Name: "lstm", Model: lstm) };
        var opts = models.Select(m => new Adam(m.Model, new AdamOptions(c.Lr))).ToArray();
        try
        {
            var dataRng = new Random(c.Seed);
            var (testX, testY) = AddingProblem.Batch(new Random(unchecked(c.Seed * 7919 + 17)), c.Seq, TestSize);
            int every = Math.Max(1, c.Steps / 20);
            var log = new List<double[]>(); // step, rnn loss, lstm loss, rnn norm, lstm norm
            var window = new double[4];
            int inWindow = 0;
            var clock = Stopwatch.StartNew();
            double lastReport = 0;
            using var dpred = DeviceTensor.Uninitialized(device, c.Batch, 1);
            for (int step = 1; step <= c.Steps; step++)
            {
                var (x, y) = AddingProblem.Batch(dataRng, c.Seq, c.Batch);
                using var tx = DeviceTensor.FromHost(device, x, c.Seq, c.Batch, AddingProblem.InputSize);
                using var ty = DeviceTensor.FromHost(device, y, c.Batch, 1);
                var row = new double[5];
                row[0] = step;
                for (int m = 0; m < models.Length; m++)
                {
                    var model = models[m].Model;
                    model.ZeroGrad();
                    using var pred = model.Forward(tx, training: true);
                    using var loss = Losses.Mse(pred, ty, dpred);
                    model.Backward(dpred);
                    float norm = GradClip.ByNormAndRead(model.NamedParameters.Select(q => q.Parameter), c.Clip);
                    opts[m].Step();
                    row[1 + m] = loss.Read();
                    row[3 + m] = norm;
                }
                if (!row.All(double.IsFinite))
                    throw new CliException($"training diverged at step {step} (loss or gradient not finite); try a smaller --lr or --clip.", CliApp.Failure);
                log.Add(row);
                metrics.WriteLine(string.Join(',', row.Select((v, i) => i == 0 ? step.ToString(CultureInfo.InvariantCulture) : v.ToString("G6", CultureInfo.InvariantCulture))));
                for (int i = 0; i < 4; i++)
                    window[i] += row[1 + i];
                inWindow++;
                if (step % every == 0 || step == c.Steps)
                {
                    double now = clock.Elapsed.TotalSeconds;
                    double rate = inWindow * c.Batch / Math.Max(now - lastReport, 1e-9);
                    output.WriteLine(FormattableString.Invariant(
                        $"step {step,6}/{c.Steps}  loss rnn {window[0] / inWindow:F4} lstm {window[1] / inWindow:F4}  grad norm rnn {window[2] / inWindow:F3} lstm {window[3] / inWindow:F3}  {rate:F0} seq/s"));
                    metrics.Flush();
                    Array.Clear(window);
                    inWindow = 0;
                    lastReport = now;
                }
            }
            metrics.Flush();
            double trainSeconds = clock.Elapsed.TotalSeconds;

            var testMse = new double[models.Length];
            using (var tx = DeviceTensor.FromHost(device, testX, c.Seq, TestSize, AddingProblem.InputSize))
            {
                for (int m = 0; m < models.Length; m++)
                {
                    using var pred = models[m].Model.Forward(tx);
                    var p = pred.ToArray();
                    double sum = 0;
                    for (int b = 0; b < TestSize; b++)
                        sum += (p[b] - testY[b]) * (double)(p[b] - testY[b]);
                    testMse[m] = sum / TestSize;
                }
            }

            for (int m = 0; m < models.Length; m++)
            {
                var meta = new Dictionary<string, string>
                {
                    ["task"] = "adding",
                    ["cell"] = models[m].Model.Rnn.Options.Mode.ToString(),
                    ["seq"] = c.Seq.ToString(CultureInfo.InvariantCulture),
                    ["hidden"] = c.Hidden.ToString(CultureInfo.InvariantCulture),
                    ["steps"] = c.Steps.ToString(CultureInfo.InvariantCulture),
                    ["seed"] = c.Seed.ToString(CultureInfo.InvariantCulture),
                    ["test_mse"] = testMse[m].ToString("R", CultureInfo.InvariantCulture),
                };
                Checkpoint.Save(Path.Combine(c.Out, models[m].Name + ".safetensors"), models[m].Model, opts[m], meta);
            }

            var xs = log.Select(r => r[0]).ToList();
            TrainingPlots.Lines(Path.Combine(c.Out, "loss.png"), $"Adding problem, T = {c.Seq}, H = {c.Hidden}: training MSE", "MSE", xs,
                new[] { ("RNN (tanh)", (IReadOnlyList<double>)log.Select(r => r[1]).ToList()), ("LSTM", log.Select(r => r[2]).ToList()) },
                logY: true, reference: (AddingProblem.BaselineMse, "baseline (predict 1.0)"));
            TrainingPlots.Lines(Path.Combine(c.Out, "grad_norm.png"), $"Adding problem, T = {c.Seq}: gradient norm before clipping", "gradient norm", xs,
                new[] { ("RNN (tanh)", (IReadOnlyList<double>)log.Select(r => r[3]).ToList()), ("LSTM", log.Select(r => r[4]).ToList()) },
                logY: true);

            output.WriteLine(FormattableString.Invariant($"trained {c.Steps} steps in {trainSeconds:F1} s; wrote {Path.Combine(c.Out, "metrics.csv")}, rnn.safetensors, lstm.safetensors, loss.png, grad_norm.png"));
            string[] labels = { "RNN (tanh)", "LSTM" };
            for (int m = 0; m < models.Length; m++)
                output.WriteLine(FormattableString.Invariant(
                    $"{labels[m],-10} test MSE {testMse[m]:F4} (baseline {AddingProblem.BaselineMse:F3}): {(testMse[m] < SolvedMse ? "SOLVED" : "not solved")}"));
            bool rnnSolved = testMse[0] < SolvedMse, lstmSolved = testMse[1] < SolvedMse;
            output.WriteLine("verdict: " + (rnnSolved, lstmSolved) switch
            {
                (false, true) => $"the LSTM solved the adding problem at T = {c.Seq} and the RNN did not (vanishing gradient).",
                (true, true) => $"both solved it at T = {c.Seq}; try a longer --seq to see the RNN fail.",
                (false, false) => $"neither solved it at T = {c.Seq} in {c.Steps} steps; try more --steps or a shorter --seq.",
                (true, false) => $"the RNN solved it at T = {c.Seq} and the LSTM did not; try more --steps.",
            });
        }
        finally
        {
            foreach (var o in opts)
                o.Dispose();
        }
    }

    /// <summary>Options of <c>train adding</c>.</summary>
    sealed record AddingConfig(int Hidden, int Seq, int Steps, int Batch, float Lr, float Clip, int Seed, string Out)
    {
        public void Check()
        {
            if (Hidden <= 0) throw new CliException($"--hidden must be a positive integer, got {Hidden}.");
            if (Seq < 2) throw new CliException($"--seq must be at least 2 (one marker in each half), got {Seq}.");
            if (Steps <= 0) throw new CliException($"--steps must be a positive integer, got {Steps}.");
            if (Batch <= 0) throw new CliException($"--batch must be a positive integer, got {Batch}.");
            if (!(Lr > 0) || !float.IsFinite(Lr)) throw new CliException($"--lr must be positive and finite, got {Lr.ToString(CultureInfo.InvariantCulture)}.");
            if (!(Clip > 0) || !float.IsFinite(Clip)) throw new CliException($"--clip must be positive and finite, got {Clip.ToString(CultureInfo.InvariantCulture)}.");
            if (string.IsNullOrWhiteSpace(Out)) throw new CliException("--out must name a folder.");
        }
    }
}
