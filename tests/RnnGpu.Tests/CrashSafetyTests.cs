using System.Diagnostics;
using RnnGpu.IO;

namespace RnnGpu.Tests;

/// <summary>
/// A run's checkpoints become current together (AtomicFile.WriteGroup) and a killed training run loses nothing: killed with
/// SIGKILL at 20 seeded random moments (during start-up, training, checkpoint writes, plots), every run either resumes to
/// exactly the metrics.csv of an uninterrupted run or had not started (no checkpoint yet: started again).
/// </summary>
[Trait(Suites.Key, Suites.CpuOnly)]
public sealed class CrashSafetyTests : IDisposable
{
    readonly string dir = Path.Combine(Path.GetTempPath(), "rnngpu-crash-" + Guid.NewGuid().ToString("N"));

    public CrashSafetyTests() => Directory.CreateDirectory(dir);

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void GroupCommit_InterruptedBeforeOrAfterItsCommitPoint_ShowsOneGeneration()
    {
        string g = Path.Combine(dir, "group");
        Directory.CreateDirectory(g);
        AtomicFile.WriteGroup(g, new (string, Action<Stream>)[] { ("a", s => s.WriteByte(1)), ("b", s => s.WriteByte(1)) });
        Assert.Equal(new byte[] { 1 }, File.ReadAllBytes(Path.Combine(g, "a")));

        // Crashed after the commit point: the temporaries and the intent exist; recovery moves them all.
        static string Tmp(string name) => "." + name + "." + Guid.NewGuid().ToString("N") + ".tmp";
        string ax = Tmp("a"), by = Tmp("b");
        File.WriteAllBytes(Path.Combine(g, ax), new byte[] { 2 });
        File.WriteAllBytes(Path.Combine(g, by), new byte[] { 2 });
        File.WriteAllText(Path.Combine(g, AtomicFile.IntentFile), $"{ax}\ta\n{by}\tb\n");
        AtomicFile.RecoverGroup(g);
        Assert.Equal(new byte[] { 2 }, File.ReadAllBytes(Path.Combine(g, "a")));
        Assert.Equal(new byte[] { 2 }, File.ReadAllBytes(Path.Combine(g, "b")));
        Assert.False(File.Exists(Path.Combine(g, AtomicFile.IntentFile)));

        // Crashed half-way through the moves: the moved one is gone from the temporaries, the other is finished.
        File.WriteAllBytes(Path.Combine(g, "a"), new byte[] { 3 });
        string bz = Tmp("b");
        File.WriteAllBytes(Path.Combine(g, bz), new byte[] { 3 });
        File.WriteAllText(Path.Combine(g, AtomicFile.IntentFile), $"{Tmp("a")}\ta\n{bz}\tb\n");
        AtomicFile.RecoverGroup(g);
        Assert.Equal(new byte[] { 3 }, File.ReadAllBytes(Path.Combine(g, "b")));

        // Before the commit point (no intent): the old files stay.
        File.WriteAllBytes(Path.Combine(g, Tmp("a")), new byte[] { 4 });
        AtomicFile.RecoverGroup(g);
        Assert.Equal(new byte[] { 3 }, File.ReadAllBytes(Path.Combine(g, "a")));

        // An intent that names anything but our own temporary of its destination moves nothing.
        foreach (var crafted in new[] { "b\ta\n", $"{Tmp("b")}\ta\n", $".a.x.tmp\ta\n", $"{Tmp("a")}\ta\n{Tmp("a")}\ta\n",
            $"{Tmp("a")}\ta\n{Tmp(AtomicFile.IntentFile)}\t{AtomicFile.IntentFile}\n" })
        {
            File.WriteAllText(Path.Combine(g, AtomicFile.IntentFile), crafted);
            var before = Directory.GetFiles(g).Order().Select(f => (f, File.ReadAllBytes(f).Length)).ToArray();
            Assert.Throws<InvalidDataException>(() => AtomicFile.RecoverGroup(g));
            Assert.Equal(before, Directory.GetFiles(g).Order().Select(f => (f, File.ReadAllBytes(f).Length)).ToArray());
        }
        // Destinations the caller does not write in a group (a run: only its checkpoints) are refused too.
        string rj = Tmp("run.json");
        File.WriteAllText(Path.Combine(g, rj), "{}");
        File.WriteAllText(Path.Combine(g, AtomicFile.IntentFile), $"{rj}\trun.json\n");
        Assert.Throws<InvalidDataException>(() => AtomicFile.RecoverGroup(g, n => n.EndsWith(".safetensors", StringComparison.Ordinal)));
        Assert.True(File.Exists(Path.Combine(g, rj)));

        File.WriteAllText(Path.Combine(g, AtomicFile.IntentFile), "../../etc/passwd\tb\n");
        Assert.Throws<InvalidDataException>(() => AtomicFile.RecoverGroup(g));
    }

    static string[] Args(string run) =>
        new[] { "train", "adding", "--hidden", "4", "--seq", "6", "--steps", "120", "--batch", "3", "--seed", "3", "--out", run, "--accelerator", "cpu" };

    static Process Start(params string[] args)
    {
        var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "RnnGpu.Cli.dll"));
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        psi.Environment["RNNGPU_ACCELERATOR"] = "cpu";
        var p = Process.Start(psi)!;
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }

    [Fact]
    public void TrainingKilledAtRandomMoments_ResumesToTheUninterruptedMetrics()
    {
        string reference = Path.Combine(dir, "reference");
        var r = CliKit.Run(Args(reference));
        Assert.True(r.Code == 0, r.Err);
        string expected = File.ReadAllText(Path.Combine(reference, "metrics.csv"));

        string run = Path.Combine(dir, "killed");
        var rng = new Random(11);
        int kills = 0, restarts = 0, finished = 0;
        // Runs are killed until 20 kills have happened; each run that finishes must match, then a new one starts.
        for (int attempt = 0; attempt < 120 && (kills < 20 || Directory.Exists(run)); attempt++)
        {
            bool hasCheckpoint = File.Exists(Path.Combine(run, "lstm.safetensors")) && File.Exists(Path.Combine(run, "rnn.safetensors"));
            if (!hasCheckpoint && Directory.Exists(run))
            {
                Directory.Delete(run, true); // killed before its first checkpoint: the run had not started
                restarts++;
            }
            using var p = hasCheckpoint ? Start("resume", run, "--accelerator", "cpu") : Start(Args(run));
            int delay = 200 + rng.Next(2300);
            if (kills < 20 && !p.WaitForExit(delay))
            {
                p.Kill(entireProcessTree: true);
                p.WaitForExit();
                kills++;
                continue;
            }
            p.WaitForExit();
            // Finished by itself (exit 0), or resumed a run whose last checkpoint was its last step (exit 2, "has done").
            Assert.True(p.ExitCode == 0 || (p.ExitCode == 2 && hasCheckpoint), $"attempt {attempt} exited {p.ExitCode}");
            Assert.Equal(expected, File.ReadAllText(Path.Combine(run, "metrics.csv")));
            Assert.False(Directory.EnumerateFiles(run, "*.tmp").Any(), "temporaries left behind");
            finished++;
            Directory.Delete(run, true);
        }
        Assert.True(kills >= 20, $"only {kills} kills");
        Assert.True(finished >= 1, "no killed run ever finished");
        Assert.False(Directory.Exists(run), "the last run did not finish");
    }
}
