using RnnGpu.Cli;
using RnnGpu.Cli.Commands;
using RnnGpu.Cli.Training;

namespace RnnGpu.Tests;

/// <summary><c>rnngpu train adding</c> in-process at a tiny size, the task's data, and bad input.</summary>
public class CliTrainTests
{
    static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CliApp.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    static void AssertOneLineError((int Code, string Out, string Err) r, string contains)
    {
        Assert.NotEqual(0, r.Code);
        var lines = r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"expected one line on stderr, got: {r.Err}");
        Assert.StartsWith("rnngpu: ", lines[0]);
        Assert.Contains(contains, lines[0]);
        Assert.DoesNotContain("   at ", r.Err);
    }

    static string TempDir() => Path.Combine(Path.GetTempPath(), "rnngpu-train-" + Guid.NewGuid().ToString("N"));

    static string[] Tiny(string dir, params string[] extra) =>
        new[] { "train", "adding", "--hidden", "4", "--seq", "6", "--steps", "5", "--batch", "3", "--seed", "2", "--out", dir }
            .Concat(extra.Contains("--accelerator") ? extra : extra.Concat(new[] { "--accelerator", "cpu" })).ToArray();

    [Fact]
    public void Adding_TinyRun_WritesMetricsCheckpointsAndPlots()
    {
        string dir = TempDir();
        try
        {
            var r = Run(Tiny(dir));
            Assert.True(r.Code == 0, r.Err);
            Assert.Equal("", r.Err);
            Assert.Contains("step      5/5", r.Out);
            Assert.Contains("verdict: ", r.Out);
            Assert.Contains("seq/s", r.Out);

            var lines = File.ReadAllLines(Path.Combine(dir, "metrics.csv"));
            Assert.Equal(TrainCommand.CsvHeader, lines[0]);
            Assert.Equal("step,rnn_loss,lstm_loss,rnn_grad_norm,lstm_grad_norm", lines[0]);
            Assert.Equal(6, lines.Length);
            for (int i = 1; i < lines.Length; i++)
            {
                var cells = lines[i].Split(',');
                Assert.Equal(5, cells.Length);
                Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), cells[0]);
                Assert.All(cells.Skip(1), c => Assert.True(double.TryParse(c, System.Globalization.NumberStyles.Float,
                    System.Globalization.CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && v >= 0, c));
            }

            // The checkpoints load back into models of the same shape.
            var dev = TestDevices.Get("cpu");
            using (var rnn = new SequenceClassifier(dev, new RnnOptions(RnnMode.RnnTanh, 2, 4), 1))
            {
                var meta = Checkpoint.Load(Path.Combine(dir, "rnn.safetensors"), rnn);
                Assert.Equal("adding", meta["task"]);
                Assert.True(meta.ContainsKey("test_mse"));
            }
            using (var lstm = new SequenceClassifier(dev, new RnnOptions(RnnMode.Lstm, 2, 4), 1))
            {
                using var opt = new Adam(lstm);
                Checkpoint.Load(Path.Combine(dir, "lstm.safetensors"), lstm, opt);
                Assert.Equal(5, opt.StepCount);
            }

            foreach (var png in new[] { "loss.png", "grad_norm.png" })
            {
                var bytes = File.ReadAllBytes(Path.Combine(dir, png));
                Assert.True(bytes.Length > 1000, png);
                Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
                using var bitmap = SkiaSharp.SKBitmap.Decode(bytes);
                Assert.NotNull(bitmap);
                Assert.Equal(800, bitmap.Width);
                Assert.Equal(500, bitmap.Height);
            }
        }
        finally
        {
            if (Directory.Exists(dir))
                Directory.Delete(dir, true);
        }
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
            AssertOneLineError(r, "already holds metrics.csv");
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
    public void Adding_BadInput_IsOneLine_AndWritesNothing(string option, string value, string contains)
    {
        string dir = TempDir();
        var r = Run(Tiny(dir, option, value));
        AssertOneLineError(r, contains);
        Assert.Equal(CliApp.BadInput, r.Code);
        Assert.False(File.Exists(Path.Combine(dir, "metrics.csv")));
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
