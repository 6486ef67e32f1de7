using System.Text.Json;
using RnnGpu.Cli;
using RnnGpu.Cli.Benchmarking;
using RnnGpu.Cli.Commands;

using static RnnGpu.Tests.CliKit;

namespace RnnGpu.Tests;

/// <summary>The <c>rnngpu</c> command in-process: devices, bench at a tiny size, and bad input.</summary>
public class CliBenchTests
{
    static void AssertOneLineError((int Code, string Out, string Err) r, int code, string contains)
    {
        Assert.Equal(code, r.Code);
        var lines = r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"expected one line on stderr, got: {r.Err}");
        Assert.StartsWith("rnngpu: ", lines[0]);
        Assert.Contains(contains, lines[0]);
        Assert.DoesNotContain("   at ", r.Err);
    }

    [Fact]
    public void Devices_ListsTheCpuAccelerator()
    {
        var r = Run("devices");
        Assert.Equal(0, r.Code);
        Assert.Contains("cpu:0", r.Out);
        Assert.Contains("default: ", r.Out);
        Assert.Equal("", r.Err);
    }

    [Theory]
    [InlineData("lstm", false)]
    [InlineData("gru", true)]
    [InlineData("rnn_tanh", false)]
    [InlineData("rnn_relu", false)]
    public void Bench_TinySize_WritesJsonWithPositiveGflops(string cell, bool bidirectional)
    {
        string dir = Path.Combine(Path.GetTempPath(), "rnngpu-cli-" + Guid.NewGuid().ToString("N"));
        string json = Path.Combine(dir, "bench.json"), md = Path.Combine(dir, "bench.md");
        try
        {
            var args = new List<string> { "bench", "--cell", cell, "--input", "5", "--hidden", "7", "--batch", "3", "--seq", "4",
                "--layers", "2", "--accelerator", "cpu", "--reps", "2", "--json", json, "--markdown", md };
            if (bidirectional)
                args.Add("--bidirectional");
            var r = Run(args.ToArray());
            Assert.True(r.Code == 0, r.Err);
            Assert.Contains("validated", r.Out);

            var report = BenchReport.FromJson(File.ReadAllText(json));
            var row = Assert.Single(report.Results);
            Assert.Equal("cpu:0", report.Accelerator);
            Assert.Equal(cell, row.Cell);
            Assert.True(row.ForwardGflops > 0 && double.IsFinite(row.ForwardGflops), $"forward {row.ForwardGflops}");
            Assert.True(row.TrainGflops > 0 && double.IsFinite(row.TrainGflops), $"train {row.TrainGflops}");
            Assert.True(row.ValidationRelError <= RnnBench.Tolerance);
            Assert.True(row.PeakBytes > 0 && row.PeakBytes <= row.EstimatedBytes, $"peak {row.PeakBytes}, estimate {row.EstimatedBytes}");
            Assert.Equal(3 * row.ForwardFlops, row.TrainFlops);
            using var doc = JsonDocument.Parse(File.ReadAllText(json));
            Assert.True(doc.RootElement.GetProperty("results")[0].GetProperty("train_gflops").GetDouble() > 0);
            Assert.Contains("| " + cell, File.ReadAllText(md));
        }
        finally
        {
            if (Directory.Exists(dir))
                Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary><c>--step</c> reaches the layer: forced persistent and auto (the CPU accelerator's choice at every batch)
    /// run the persistent kernel, per-step does not; the report names the path that ran and why, and the validation ran
    /// that path too.</summary>
    [Theory]
    [InlineData("persistent", "persistent", "forced")]
    [InlineData("per-step", "per-step", "per-step path forced")]
    [InlineData("auto", "persistent", "one thread per worker")]
    public void Bench_Step_ReportsThePathThatRan(string step, string path, string reason)
    {
        string dir = Path.Combine(Path.GetTempPath(), "rnngpu-cli-" + Guid.NewGuid().ToString("N"));
        string json = Path.Combine(dir, "bench.json"), md = Path.Combine(dir, "bench.md");
        try
        {
            var r = Run("bench", "--cell", "gru", "--input", "5", "--hidden", "7", "--batch", "3", "--seq", "4",
                "--accelerator", "cpu", "--reps", "1", "--step", step, "--json", json, "--markdown", md);
            Assert.True(r.Code == 0, r.Err);
            var row = Assert.Single(BenchReport.FromJson(File.ReadAllText(json)).Results);
            Assert.Equal(step, row.Step);
            Assert.Equal(path, row.Path);
            Assert.Contains(reason, row.PathReason);
            Assert.True(row.ValidationRelError <= RnnBench.Tolerance);
            Assert.Contains($"| {step} ", File.ReadAllText(md));
        }
        finally
        {
            if (Directory.Exists(dir))
                Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void SmallBatchSuite_IsTheGpuScriptsSizes()
    {
        Assert.Equal(new[] { (512, 4, 25), (512, 8, 25), (512, 16, 25), (1024, 4, 25), (1024, 8, 25), (1024, 16, 25) },
            BenchCommand.SmallBatch);
        AssertOneLineError(Run("bench", "--suite", "smallbatch", "--batch", "4"), CliApp.BadInput, "--suite smallbatch sets the sizes");
    }

    [Fact]
    public void Flops_FollowTheDesignFormula()
    {
        // Per layer and direction 2*T*B*(In+H)*G*H; layer 1 of a bidirectional stack reads D*H inputs.
        var lstm = new BenchConfig(RnnMode.Lstm, 256, 256, 64, 100);
        Assert.Equal(2.0 * 100 * 64 * 512 * 4 * 256, lstm.ForwardFlops);
        Assert.Equal(3 * lstm.ForwardFlops, lstm.TrainFlops);
        var gru = new BenchConfig(RnnMode.Gru, 10, 20, 3, 5, Layers: 2, Bidirectional: true);
        Assert.Equal(2 * 2.0 * 5 * 3 * (10 + 20) * 3 * 20 + 2 * 2.0 * 5 * 3 * (40 + 20) * 3 * 20, gru.ForwardFlops);
    }

    [Theory]
    [InlineData("--input", "0", "--input must be a positive integer, got 0")]
    [InlineData("--hidden", "0", "--hidden must be a positive integer, got 0")]
    [InlineData("--batch", "-3", "--batch must be a positive integer, got -3")]
    [InlineData("--seq", "0", "--seq must be a positive integer, got 0")]
    [InlineData("--layers", "0", "--layers must be a positive integer, got 0")]
    [InlineData("--reps", "0", "--reps must be a positive integer, got 0")]
    public void Bench_NonPositiveSize_OneLineAndExitCode2(string option, string value, string message)
    {
        var sizes = new Dictionary<string, string> { ["--input"] = "4", ["--hidden"] = "4", ["--batch"] = "2", ["--seq"] = "2", ["--layers"] = "1", ["--reps"] = "1" };
        sizes[option] = value;
        var args = new List<string> { "bench", "--accelerator", "cpu" };
        foreach (var (k, v) in sizes)
        {
            args.Add(k);
            args.Add(v);
        }
        AssertOneLineError(Run(args.ToArray()), CliApp.BadInput, message);
    }

    [Fact]
    public void Bench_AbsentAccelerator_OneLineAndExitCode2() =>
        AssertOneLineError(Run("bench", "-i", "4", "-H", "4", "-b", "2", "-t", "2", "--accelerator", "cuda:99"), CliApp.BadInput, "cuda:99 not found");

    [Fact]
    public void Bench_UnknownAccelerator_OneLineAndExitCode2() =>
        AssertOneLineError(Run("bench", "-i", "4", "-H", "4", "-b", "2", "-t", "2", "--accelerator", "tpu"), CliApp.BadInput, "unknown accelerator 'tpu'");

    [Fact]
    public void Bench_SizeBeyondDeviceMemory_RefusedBeforeAllocating() =>
        AssertOneLineError(Run("bench", "-i", "4", "-H", "100000", "-b", "100000", "-t", "3", "--accelerator", "cpu"), CliApp.BadInput, "GiB");

    [Fact]
    public void Bench_MissingSizes_OneLineAndExitCode2() =>
        AssertOneLineError(Run("bench", "--input", "4", "--accelerator", "cpu"), CliApp.BadInput, "bench needs --hidden, --batch, --seq");

    [Fact]
    public void Bench_SuiteWithSizes_OneLineAndExitCode2() =>
        AssertOneLineError(Run("bench", "--suite", "deepbench", "--hidden", "4"), CliApp.BadInput, "--suite deepbench sets the sizes");

    [Theory]
    [InlineData("bench", "--cell", "lstmx")]
    [InlineData("bench", "--hidden", "x")]
    [InlineData("bench", "--step", "fast", "-i", "4", "-H", "4", "-b", "2", "-t", "2")]
    public void BadArguments_OneLineAndExitCode2(params string[] args) =>
        AssertOneLineError(Run(args), CliApp.BadInput, "see rnngpu bench --help");

    [Fact]
    public void UnknownCommand_OneLineAndExitCode2_PointsAtTheRootHelp() =>
        AssertOneLineError(Run("nosuchcommand"), CliApp.BadInput, "see rnngpu --help");
}
