using RnnGpu.Cli;
using RnnGpu.Cli.Training;

namespace RnnGpu.Tests;

/// <summary>resume refuses what disagrees with the checkpoint and then changes nothing on disk; one process at a time trains
/// a run; temporaries left by an interrupted atomic write are cleaned up.</summary>
[Trait(Suites.Key, Suites.CpuOnly)]
public sealed class CliResumeHardeningTests : IDisposable
{
    readonly string dir = Path.Combine(Path.GetTempPath(), "rnngpu-resume-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(dir))
            Directory.Delete(dir, true);
    }

    string F(string name) => Path.Combine(dir, name);

    (int Code, string Out, string Err) Stopped()
    {
        var r = CliKit.Run("train", "adding", "--hidden", "4", "--seq", "6", "--steps", "6", "--batch", "3", "--seed", "2", "--out", dir,
            "--accelerator", "cpu", "--stop-after", "3");
        Assert.Equal(TrainingRunner.StoppedExitCode, r.Code);
        return r;
    }

    Dictionary<string, byte[]> Snapshot() =>
        Directory.GetFiles(dir).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);

    static void AssertSame(Dictionary<string, byte[]> before, Dictionary<string, byte[]> after)
    {
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        foreach (var (name, bytes) in before)
            Assert.True(bytes.AsSpan().SequenceEqual(after[name]), $"{name} changed");
    }

    [Fact]
    public void EditedRunJson_IsRefused_AndNothingChanges()
    {
        Stopped();
        string run = File.ReadAllText(F("run.json"));
        File.WriteAllText(F("run.json"), run.Replace("\"seed\": \"2\"", "\"seed\": \"7\""));
        var before = Snapshot();
        var r = CliKit.Run("resume", dir, "--steps", "9", "--accelerator", "cpu");
        Assert.Equal(CliApp.BadInput, r.Code);
        CliKit.AssertOneLineError(r, "written with --seed 2, but run.json says 7");
        AssertSame(before, Snapshot());
    }

    [Fact]
    public void NonNumberInMetrics_IsRefusedNamingTheLine_AndRunJsonIsNotRewritten()
    {
        Stopped();
        var lines = File.ReadAllLines(F("metrics.csv"));
        lines[2] = lines[2].Replace(lines[2].Split(',')[1], "banana");
        File.WriteAllLines(F("metrics.csv"), lines);
        var before = Snapshot();
        var r = CliKit.Run("resume", dir, "--steps", "9", "--accelerator", "cpu");
        Assert.Equal(CliApp.BadInput, r.Code);
        CliKit.AssertOneLineError(r, "line 3: 'banana' is not a number");
        AssertSame(before, Snapshot());
    }

    [Fact]
    public void SecondProcess_IsKeptOut_AndLeftoverTemporariesAreRemoved()
    {
        Stopped();
        string leftover = F(".lstm.safetensors." + Guid.NewGuid().ToString("N") + ".tmp");
        File.WriteAllText(leftover, "half a checkpoint");
        File.WriteAllText(F(".notes.tmp"), "not ours: kept");
        using (var held = new FileStream(F(RunFolder.LockFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            var r = CliKit.Run("resume", dir, "--accelerator", "cpu");
            Assert.Equal(CliApp.BadInput, r.Code);
            CliKit.AssertOneLineError(r, "another rnngpu process is training the run");
            Assert.True(File.Exists(leftover));
        }
        File.Delete(F(RunFolder.LockFile));
        var ok = CliKit.Run("resume", dir, "--accelerator", "cpu");
        Assert.True(ok.Code == 0, ok.Err);
        Assert.False(File.Exists(leftover));
        Assert.True(File.Exists(F(".notes.tmp")));
        Assert.False(File.Exists(F(RunFolder.LockFile)));
    }

    [Fact]
    public void EditedSizeInRunJson_IsRefusedBeforeBuildingTheModel()
    {
        Stopped();
        string run = File.ReadAllText(F("run.json"));
        File.WriteAllText(F("run.json"), run.Replace("\"hidden\": \"4\"", "\"hidden\": \"20000\""));
        var before = Snapshot();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var r = CliKit.Run("resume", dir, "--accelerator", "cpu");
        Assert.Equal(CliApp.BadInput, r.Code);
        CliKit.AssertOneLineError(r, "written with --hidden 4, but run.json says 20000");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), "refused without building the claimed models");
        AssertSame(before, Snapshot());
    }
}
