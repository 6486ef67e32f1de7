using System.Globalization;

namespace RnnGpu.Tests;

/// <summary>
/// <c>rnngpu train TASK --devices cpu,cpu</c>: two replicas in one process (one thread and one CPU accelerator each) give the
/// metrics.csv of one process on the same global batch for every task, within 1e-6 (the gradient sums add the batch rows in
/// another order; see <see cref="MetricsComparison"/>); a data-parallel run stopped and resumed equals the uninterrupted one to
/// the bit; bad combinations are one-line errors. Always on the CPU accelerator (left out of the OpenCL pass of .ci/run).
/// </summary>
[Trait(Suites.Key, Suites.CpuOnly)]
public sealed class CliDataParallelTests : IDisposable
{
    readonly string dir = Path.Combine(Path.GetTempPath(), "rnngpu-dp-" + Guid.NewGuid().ToString("N"));

    public CliDataParallelTests() => Directory.CreateDirectory(dir);

    public void Dispose() => Directory.Delete(dir, recursive: true);

    internal static readonly string[] Adding = { "train", "adding", "--hidden", "8", "--seq", "8", "--steps", "6", "--batch", "8", "--seed", "2" };

    internal static readonly string[] CharLm =
        { "train", "charlm", "--hidden", "16", "--seq", "16", "--steps", "4", "--batch", "6", "--embedding", "8", "--sample-length", "8" };

    static readonly string[] Reverse =
        { "train", "reverse", "--hidden", "8", "--length", "4", "--min-length", "2", "--steps", "3", "--batch", "6", "--embedding", "4", "--valid-size", "20" };

    static readonly string[] Translate =
        { "train", "translate", "--hidden", "12", "--layers", "2", "--steps", "3", "--batch", "6", "--valid-size", "8", "--beam", "2" };

    static readonly string[] Sine = { "train", "sine", "--hidden", "8", "--seq", "10", "--horizon", "3", "--steps", "3", "--batch", "5" };

    string Run(string name, string[] args, params string[] extra)
    {
        string run = Path.Combine(dir, name);
        var r = CliKit.Run(args.Concat(extra).Concat(new[] { "--out", run }).ToArray());
        Assert.True(r.Code == 0, r.Err);
        return run;
    }

    public static IEnumerable<object[]> Tasks => new[] { new object[] { "adding" }, new object[] { "charlm" }, new object[] { "reverse" }, new object[] { "sine" },
        new object[] { "translate" } };

    [Theory]
    [MemberData(nameof(Tasks))]
    public void TwoCpuDevices_GiveTheMetricsOfOneProcess(string task)
    {
        var args = task switch { "adding" => Adding, "charlm" => CharLm, "reverse" => Reverse, "translate" => Translate, _ => Sine };
        string one = Run("one", args, "--accelerator", "cpu");
        string two = Run("two", args, "--devices", "cpu,cpu");
        MetricsComparison.AssertClose(Path.Combine(one, "metrics.csv"), Path.Combine(two, "metrics.csv"));
    }

    [Fact]
    public void StoppedAndResumed_OnTwoDevices_EqualsTheUninterruptedRunToTheBit()
    {
        string whole = Run("whole", Adding, "--devices", "cpu,cpu");
        string split = Path.Combine(dir, "split");
        var b = CliKit.Run(Adding.Concat(new[] { "--devices", "cpu,cpu", "--out", split, "--stop-after", "3" }).ToArray());
        Assert.True(b.Code == RnnGpu.Cli.Training.TrainingRunner.StoppedExitCode, b.Err);
        Assert.Contains("data-parallel over 2 devices in this process", b.Out);
        var c = CliKit.Run("resume", split, "--devices", "cpu,cpu");
        Assert.True(c.Code == 0, c.Err);
        Assert.Equal(File.ReadAllText(Path.Combine(whole, "metrics.csv")), File.ReadAllText(Path.Combine(split, "metrics.csv")));
    }

    [Fact]
    public void BadCombinations_AreOneLineErrors()
    {
        string Out() => Path.Combine(dir, Guid.NewGuid().ToString("N"));
        CliKit.AssertOneLineError(CliKit.Run(Adding.Concat(new[] { "--devices", "cpu,tpu", "--out", Out() }).ToArray()), "--devices: unknown accelerator 'tpu'");
        CliKit.AssertOneLineError(CliKit.Run(Adding.Concat(new[] { "--devices", "cpu,,cpu", "--out", Out() }).ToArray()), "has an empty entry");
        CliKit.AssertOneLineError(CliKit.Run(Adding.Concat(new[] { "--devices", "cpu:5,cpu", "--out", Out() }).ToArray()), "cpu:5 not found");
        CliKit.AssertOneLineError(CliKit.Run(Adding.Concat(new[] { "--devices", "cpu,cpu", "--accelerator", "cpu", "--out", Out() }).ToArray()),
            "either --accelerator");
        CliKit.AssertOneLineError(CliKit.Run(Adding.Concat(new[] { "--devices", "cpu,cpu", "--data-parallel", "--out", Out() }).ToArray()),
            "either --devices");
        CliKit.AssertOneLineError(CliKit.Run("train", "adding", "--steps", "2", "--batch", "2", "--devices", "cpu,cpu,cpu", "--out", Out()),
            "--batch 2 cannot be split over 3 replicas");
        if (Environment.GetEnvironmentVariable("OMPI_COMM_WORLD_SIZE") is null)
            CliKit.AssertOneLineError(CliKit.Run(Adding.Concat(new[] { "--data-parallel", "--out", Out() }).ToArray()),
                "not started by mpirun");
        // The leader fails before the followers are told what to build: they end with it, and the one line is the leader's.
        CliKit.AssertOneLineError(CliKit.Run("resume", Path.Combine(dir, "absent"), "--devices", "cpu,cpu"), "does not exist");
    }
}

/// <summary>Compares two metrics.csv of the same run computed with different summation orders.</summary>
internal static class MetricsComparison
{
    /// <summary>
    /// Same header, same steps, same blank cells; every value within 1e-6 relative (absolute below 1) of the other, or
    /// one unit apart in its sixth significant digit (metrics.csv writes G6, so values 1e-7 apart may round to either side).
    /// Returns the largest relative difference seen.
    /// </summary>
    public static double AssertClose(string expectedPath, string actualPath)
    {
        var a = File.ReadAllLines(expectedPath);
        var b = File.ReadAllLines(actualPath);
        Assert.Equal(a[0], b[0]);
        Assert.Equal(a.Length, b.Length);
        double worst = 0;
        for (int i = 1; i < a.Length; i++)
        {
            var x = a[i].Split(',');
            var y = b[i].Split(',');
            Assert.Equal(x.Length, y.Length);
            Assert.Equal(x[0], y[0]);
            for (int c = 1; c < x.Length; c++)
            {
                Assert.True((x[c].Length == 0) == (y[c].Length == 0), $"line {i + 1} column {c}: '{x[c]}' vs '{y[c]}'");
                if (x[c].Length == 0 || x[c] == y[c])
                    continue;
                double u = double.Parse(x[c], CultureInfo.InvariantCulture), v = double.Parse(y[c], CultureInfo.InvariantCulture);
                double diff = Math.Abs(u - v), scale = Math.Max(1, Math.Abs(u));
                double lastDigit = Math.Pow(10, Math.Floor(Math.Log10(Math.Abs(u))) - 5);
                Assert.True(diff <= 1e-6 * scale * 1.0001 || diff <= lastDigit * 1.0001,
                    $"{Path.GetFileName(actualPath)} line {i + 1} column {c}: {x[c]} vs {y[c]} differ by {diff:G3}");
                worst = Math.Max(worst, diff / Math.Max(Math.Abs(u), 1e-30));
            }
        }
        return worst;
    }
}
