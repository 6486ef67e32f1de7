using RnnGpu.Cli;
using RnnGpu.Cli.Commands;
using RnnGpu.Cli.Training;
using RnnGpu.IO;

using static RnnGpu.Tests.CliKit;

namespace RnnGpu.Tests;

/// <summary><c>rnngpu train adding</c> in-process at a tiny size, the task's data, and bad input.</summary>
[Trait(Suites.Key, Suites.CpuOnly)]
public class CliTrainTests
{
    static string TempDir() => Path.Combine(Path.GetTempPath(), "rnngpu-train-" + Guid.NewGuid().ToString("N"));

    static string[] Tiny(string dir, params string[] extra) =>
        new[] { "train", "adding", "--hidden", "4", "--seq", "6", "--steps", "5", "--batch", "3", "--seed", "2", "--out", dir }
            .Concat(extra.Contains("--accelerator") ? extra : extra.Concat(new[] { "--accelerator", "cpu" })).ToArray();

    const string Header = "step,rnn_loss,lstm_loss,rnn_grad_norm,lstm_grad_norm,rnn_valid_mse,lstm_valid_mse";

    [Fact]
    public void Adding_TinyRun_WritesRunFileMetricsCheckpointsAndPlots()
    {
        string dir = TempDir();
        try
        {
            var r = Run(Tiny(dir));
            Assert.True(r.Code == 0, r.Err);
            Assert.Equal("", r.Err);
            Assert.Contains("step 5/5", r.Out);
            Assert.Contains("verdict: ", r.Out);
            Assert.Contains("seq/s", r.Out);
            Assert.Contains("GFLOP/s", r.Out);
            Assert.Contains("ETA", r.Out);
            Assert.Contains($"wrote {dir}: run.json, metrics.csv, rnn.safetensors, lstm.safetensors; plots: loss.png, grad_norm.png", r.Out);

            AssertMetrics(dir, Header, 5);

            string runJson = File.ReadAllText(Path.Combine(dir, "run.json"));
            Assert.Contains("\"task\": \"adding\"", runJson);
            Assert.Contains("\"hidden\": \"4\"", runJson);

            // The checkpoints load back into models of the same shape.
            var dev = TestDevices.Get("cpu");
            using (var rnn = new SequenceClassifier(dev, new RnnOptions(RnnMode.RnnTanh, 2, 4), 1))
            {
                var meta = Checkpoint.Load(Path.Combine(dir, "rnn.safetensors"), rnn);
                Assert.Equal("adding", meta["task"]);
                Assert.Equal("5", meta["step"]);
                Assert.Equal("6", meta["setting.seq"]);
            }
            using (var lstm = new SequenceClassifier(dev, new RnnOptions(RnnMode.Lstm, 2, 4), 1))
            {
                using var opt = new Adam(lstm);
                Checkpoint.Load(Path.Combine(dir, "lstm.safetensors"), lstm, opt);
                Assert.Equal(5, opt.StepCount);
            }

            foreach (var png in new[] { "loss.png", "grad_norm.png" })
                AssertPng(Path.Combine(dir, png));
        }
        finally
        {
            if (Directory.Exists(dir))
                Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Adding_StopAndResume_ContinuesExactlyAsAnUninterruptedRun()
    {
        string whole = TempDir(), split = TempDir();
        try
        {
            string[] args = { "train", "adding", "--hidden", "5", "--seq", "7", "--steps", "8", "--batch", "4", "--seed", "3", "--accelerator", "cpu" };
            var a = Run(args.Concat(new[] { "--out", whole }).ToArray());
            Assert.True(a.Code == 0, a.Err);

            // A stop after step 3 (as Ctrl+C would) keeps a checkpoint of step 3 and says how to continue.
            var b = Run(args.Concat(new[] { "--out", split, "--stop-after", "3" }).ToArray());
            Assert.True(b.Code == TrainingRunner.StoppedExitCode, b.Err);
            Assert.Contains("stopped after step 3 of 8", b.Out);
            Assert.Contains("rnngpu resume " + split, b.Out);
            Assert.Equal(4, File.ReadAllLines(Path.Combine(split, "metrics.csv")).Length);
            AssertPng(Path.Combine(split, "loss.png"));

            // A killed run may have logged steps after its last checkpoint: resume drops them.
            File.AppendAllText(Path.Combine(split, "metrics.csv"), "4,9,9,9,9,,\n");
            var c = Run("resume", split, "--accelerator", "cpu");
            Assert.True(c.Code == 0, c.Err);
            Assert.Contains("resuming " + split + " at step 3 of 8", c.Out);

            // Same batches, same optimizer state: the resumed run's metrics equal the uninterrupted run's, bit for bit.
            Assert.Equal(File.ReadAllText(Path.Combine(whole, "metrics.csv")), File.ReadAllText(Path.Combine(split, "metrics.csv")));
            Assert.Equal(File.ReadAllBytes(Path.Combine(whole, "lstm.safetensors")).Length, File.ReadAllBytes(Path.Combine(split, "lstm.safetensors")).Length);

            // A finished run needs a larger --steps; with one it trains further.
            AssertOneLineError(Run("resume", split, "--accelerator", "cpu"), "--steps");
            var d = Run("resume", split, "--steps", "10", "--accelerator", "cpu");
            Assert.True(d.Code == 0, d.Err);
            Assert.Equal(11, File.ReadAllLines(Path.Combine(split, "metrics.csv")).Length);
            Assert.Contains("\"steps\": \"10\"", File.ReadAllText(Path.Combine(split, "run.json")));
        }
        finally
        {
            foreach (var d in new[] { whole, split })
                if (Directory.Exists(d))
                    Directory.Delete(d, true);
        }
    }

    [Fact]
    public void Resume_BadFolders_AreOneLine_AndChangeNothing()
    {
        string dir = TempDir();
        try
        {
            AssertOneLineError(Run("resume", dir), "does not exist");
            Directory.CreateDirectory(dir);
            AssertOneLineError(Run("resume", dir), "no run.json");
            File.WriteAllText(Path.Combine(dir, "run.json"), "{ not json");
            AssertOneLineError(Run("resume", dir), "not valid JSON");
            File.WriteAllText(Path.Combine(dir, "run.json"), "{\"task\": \"juggling\", \"settings\": {}}");
            AssertOneLineError(Run("resume", dir), "unknown task 'juggling'");
            Directory.Delete(dir, true);

            // A truncated checkpoint is refused with its name; the run folder is left as it was.
            var r = Run(Tiny(dir, "--stop-after", "2"));
            Assert.Equal(TrainingRunner.StoppedExitCode, r.Code);
            string ckpt = Path.Combine(dir, "lstm.safetensors");
            var bytes = File.ReadAllBytes(ckpt);
            File.WriteAllBytes(ckpt, bytes[..(bytes.Length / 2)]);
            string metrics = File.ReadAllText(Path.Combine(dir, "metrics.csv"));
            AssertOneLineError(Run("resume", dir, "--accelerator", "cpu"), "lstm.safetensors");
            Assert.Equal(bytes.Length / 2, new FileInfo(ckpt).Length);
            Assert.Equal(metrics, File.ReadAllText(Path.Combine(dir, "metrics.csv")));

            // A checkpoint of another model (a GRU run's file where the LSTM's belongs) names the tensor that does not fit.
            string gru = TempDir();
            try
            {
                Assert.Equal(0, Run(Tiny(gru, "--cell", "gru")).Code);
                File.Copy(Path.Combine(gru, "gru.safetensors"), ckpt, overwrite: true);
                AssertOneLineError(Run("resume", dir, "--accelerator", "cpu"), "rnn.weight_ih_l0");
            }
            finally
            {
                Directory.Delete(gru, true);
            }
        }
        finally
        {
            if (Directory.Exists(dir))
                Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void LiveView_ShowsStepBarEtaAndTheStepsFigures()
    {
        var text = new StringWriter();
        var console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings
        {
            Out = new Spectre.Console.AnsiConsoleOutput(text),
            Ansi = Spectre.Console.AnsiSupport.No,
            ColorSystem = Spectre.Console.ColorSystemSupport.NoColors,
            Interactive = Spectre.Console.InteractionSupport.No,
        });
        console.Profile.Width = 120;
        var state = new ProgressState(30, 120, "rnn 0.1234 lstm 0.0100", "rnn 0.512 lstm 0.200", 1234.4, 1.5, TimeSpan.FromSeconds(75), null);
        console.Write(LiveView.Render(state, 120));
        string shown = text.ToString();
        Assert.Contains("step 30/120", shown);
        Assert.Contains(" 25.0%", shown);
        Assert.Contains("ETA 1:15", shown);
        Assert.Contains("rnn 0.1234 lstm 0.0100", shown);
        Assert.Contains("rnn 0.512 lstm 0.200", shown);
        Assert.Contains("1234", shown);
        Assert.Contains("1.50", shown);

        text.GetStringBuilder().Clear();
        console.Write(LiveView.Render(null, 120));
        Assert.Contains("step 0/120", text.ToString());
    }

    [Fact]
    public void Train_UnknownTask_IsOneLine()
    {
        var r = Run("train", "juggling");
        AssertOneLineError(r, "juggling");
        Assert.Equal(CliApp.BadInput, r.Code);
    }

    [Fact]
    public void Adding_RefusesAFolderWithMetrics_AndOverwritesNothing()
    {
        string dir = TempDir();
        try
        {
            Directory.CreateDirectory(dir);
            string metrics = Path.Combine(dir, "metrics.csv");
            File.WriteAllText(metrics, "keep me\n");
            var r = Run(Tiny(dir));
            AssertOneLineError(r, "already holds a run (metrics.csv)");
            Assert.Equal(CliApp.BadInput, r.Code);
            Assert.Equal("keep me\n", File.ReadAllText(metrics));
            Assert.Single(Directory.GetFiles(dir));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Adding_UnwritableOut_IsOneLine()
    {
        string file = Path.GetTempFileName();
        try
        {
            // A path under a regular file cannot be created.
            AssertOneLineError(Run(Tiny(Path.Combine(file, "sub"))), "--out");
            AssertOneLineError(Run(Tiny(file)), "is a file");
            Assert.Equal(0, new FileInfo(file).Length);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("--hidden", "0", "--hidden")]
    [InlineData("--hidden", "-3", "--hidden")]
    [InlineData("--seq", "1", "--seq")]
    [InlineData("--steps", "0", "--steps")]
    [InlineData("--batch", "-1", "--batch")]
    [InlineData("--lr", "0", "--lr")]
    [InlineData("--clip", "-1", "--clip")]
    [InlineData("--accelerator", "tpu", "unknown accelerator")]
    [InlineData("--bogus", "1", "--bogus")]
    [InlineData("--cell", "rnn_tanh", "--cell")]
    [InlineData("--cell", "banana", "banana")]
    [InlineData("--layers", "0", "--layers")]
    public void Adding_BadInput_IsOneLine_AndWritesNothing(string option, string value, string contains)
    {
        string dir = TempDir();
        var r = Run(Tiny(dir, option, value));
        AssertOneLineError(r, contains);
        Assert.Equal(CliApp.BadInput, r.Code);
        Assert.False(File.Exists(Path.Combine(dir, "metrics.csv")));
        Assert.False(File.Exists(Path.Combine(dir, "run.json")));
        if (Directory.Exists(dir))
            Directory.Delete(dir, true);
    }

    [Fact]
    public void AddingProblem_HasTwoMarkers_OneInEachHalf_AndTheirSumAsTarget()
    {
        const int T = 9, B = 50;
        var (x, y) = AddingProblem.Batch(new Random(3), T, B);
        for (int b = 0; b < B; b++)
        {
            var marked = Enumerable.Range(0, T).Where(t => x[(t * B + b) * 2 + 1] == 1f).ToArray();
            Assert.Equal(2, marked.Length);
            Assert.True(marked[0] < T / 2 && marked[1] >= T / 2, $"markers at {marked[0]}, {marked[1]}");
            Assert.Equal(x[(marked[0] * B + b) * 2] + x[(marked[1] * B + b) * 2], y[b]);
            for (int t = 0; t < T; t++)
            {
                float v = x[(t * B + b) * 2];
                Assert.InRange(v, 0f, 1f);
                Assert.True(x[(t * B + b) * 2 + 1] is 0f or 1f);
            }
        }
    }
}
