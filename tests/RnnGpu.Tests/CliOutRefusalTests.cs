using RnnGpu.Cli;
using RnnGpu.IO;

namespace RnnGpu.Tests;

/// <summary>Nothing the user had is replaced: <c>forward --out</c> and <c>train --out</c> refuse a folder holding files
/// (forward: any file it would write; train: any file at all) unless <c>--force</c> is given; generate caps --length.</summary>
[Trait(Suites.Key, Suites.CpuOnly)]
public sealed class CliOutRefusalTests : IDisposable
{
    readonly string dir = Path.Combine(Path.GetTempPath(), "rnngpu-out-" + Guid.NewGuid().ToString("N"));

    public CliOutRefusalTests() => Directory.CreateDirectory(dir);

    public void Dispose() => Directory.Delete(dir, recursive: true);

    string P(string name) => Path.Combine(dir, name);

    [Fact]
    public void Forward_RefusesToReplaceTheUsersFiles_UnlessForced()
    {
        var device = TestDevices.Get("cpu");
        using var layer = new RecurrentLayer(device, new RnnOptions(RnnMode.Gru, 3, 4, Seed: 2));
        Checkpoint.Save(P("w.safetensors"), layer, metadata: new Dictionary<string, string> { ["mode"] = "GRU" });
        Npy.WriteFloat32(P("x.npy"), new[] { 2, 2, 3 }, Numerics.Uniform(new Random(1), 12));
        Directory.CreateDirectory(P("out"));
        File.WriteAllText(P("out/output.npy"), "the user's own file");
        var r = CliKit.Run("forward", "-w", P("w.safetensors"), "-x", P("x.npy"), "-o", P("out"), "--accelerator", "cpu");
        Assert.Equal(CliApp.BadInput, r.Code);
        CliKit.AssertOneLineError(r, "already holds output.npy");
        Assert.Equal("the user's own file", File.ReadAllText(P("out/output.npy")));
        Assert.False(File.Exists(P("out/h_n.npy")));
        r = CliKit.Run("forward", "-w", P("w.safetensors"), "-x", P("x.npy"), "-o", P("out"), "--force", "--accelerator", "cpu");
        Assert.True(r.Code == 0, r.Err);
        Assert.Equal(new[] { 2, 2, 4 }, Npy.ReadFloat32(P("out/output.npy")).Shape);
    }

    [Fact]
    public void Train_RefusesAFolderHoldingFiles_UnlessForced()
    {
        string run = P("run");
        Directory.CreateDirectory(run);
        File.WriteAllText(Path.Combine(run, "loss.png"), "the user's plot");
        File.WriteAllText(Path.Combine(run, "lstm.safetensors"), "the user's weights");
        var r = CliKit.Run("train", "adding", "--steps", "2", "--batch", "2", "--seq", "5", "--hidden", "3", "--out", run, "--accelerator", "cpu");
        Assert.Equal(CliApp.BadInput, r.Code);
        CliKit.AssertOneLineError(r, "--force");
        Assert.Equal("the user's plot", File.ReadAllText(Path.Combine(run, "loss.png")));
        Assert.Equal("the user's weights", File.ReadAllText(Path.Combine(run, "lstm.safetensors")));
        Assert.False(File.Exists(Path.Combine(run, "run.json")));
        r = CliKit.Run("train", "adding", "--steps", "2", "--batch", "2", "--seq", "5", "--hidden", "3", "--out", run, "--force",
            "--accelerator", "cpu");
        Assert.True(r.Code == 0, r.Err);
        Assert.True(File.Exists(Path.Combine(run, "run.json")));
        // A folder that holds a run is refused even with --force.
        r = CliKit.Run("train", "adding", "--steps", "2", "--out", run, "--force", "--accelerator", "cpu");
        CliKit.AssertOneLineError(r, "already holds a run");
    }

    [Fact]
    public void Generate_LengthBeyondTheCap_IsRefused()
    {
        var r = CliKit.Run("generate", "--checkpoint", dir, "--prompt", "a", "--length", "2147483647", "--accelerator", "cpu");
        Assert.Equal(CliApp.BadInput, r.Code);
        CliKit.AssertOneLineError(r, "--length must be in 1..1,000,000");
    }
}

/// <summary>Lines written above the live display never reach the terminal's width (a wrapped line garbled the scrollback).</summary>
public sealed class LiveViewWidthTests
{
    [Theory]
    [InlineData(40)]
    [InlineData(100)]
    [InlineData(140)]
    public void Fit_KeepsEveryLineNarrowerThanTheTerminal_AndLosesNothing(int width)
    {
        string text = "step 300/1500 loss 0.1234 grad 0.98 seq/s 1234  | rnn_valid_mse 0.1700 lstm_valid_mse 0.1733 " +
            "gru_valid_mse 0.0004 token_accuracy 0.9912 exact_match 0.9930 " + new string('x', 2 * width) + " end";
        var lines = RnnGpu.Cli.Training.LiveView.Fit(text, width).ToList();
        Assert.All(lines, l => Assert.True(l.Length < width, $"'{l}' has {l.Length} characters at width {width}"));
        Assert.Equal(text.Replace(" ", ""), string.Concat(lines).Replace(" ", ""));
        Assert.Equal(new[] { "short" }, RnnGpu.Cli.Training.LiveView.Fit("short", width));
    }
}
