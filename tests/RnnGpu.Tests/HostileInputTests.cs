using System.Diagnostics;
using RnnGpu.Cli;
using RnnGpu.IO;

namespace RnnGpu.Tests;

/// <summary>The third hardening round as tests: special files for every file-reading option, sizes that overflow, decimal
/// commas, option limits, --out problems, export of inconsistent checkpoints and its leftovers, crafted commit intents, flags
/// repeated without a value, and the library's second Backward and overflowing shapes. Each case ends in exit 2 within
/// seconds with one line naming the file or flag (or, for the library, an exception naming the problem).</summary>
[Trait(Suites.Key, Suites.CpuOnly)]
public sealed class HostileInputTests : IDisposable
{
    readonly string dir = Path.Combine(Path.GetTempPath(), "rnngpu-hostile-" + Guid.NewGuid().ToString("N"));

    public HostileInputTests() => Directory.CreateDirectory(dir);

    public void Dispose()
    {
        if (!OperatingSystem.IsWindows())
            foreach (var d in Directory.EnumerateDirectories(dir, "*", SearchOption.AllDirectories))
                File.SetUnixFileMode(d, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Directory.Delete(dir, recursive: true);
    }

    string P(string name) => Path.Combine(dir, name);

    /// <summary>Exit 2, one line containing every text, quickly.</summary>
    static void Refused(string[] args, params string[] contains)
    {
        var clock = Stopwatch.StartNew();
        var r = CliKit.Run(args);
        Assert.True(r.Code == CliApp.BadInput, $"exit {r.Code} for {string.Join(' ', args)}: {r.Err}");
        CliKit.AssertOneLineError(r, contains[0]);
        foreach (var c in contains.Skip(1))
            Assert.Contains(c, r.Err);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"{string.Join(' ', args)} took {clock.Elapsed}");
    }

    /// <summary>A small GRU layer saved as PyTorch names (w.safetensors), an input for it (x.npy) and a charlm run folder.</summary>
    void Fixtures()
    {
        var dev = TestDevices.Get("cpu");
        using (var layer = new RecurrentLayer(dev, new RnnOptions(RnnMode.Gru, 3, 4, Seed: 1)))
            Checkpoint.Save(P("w.safetensors"), layer, metadata: new Dictionary<string, string> { ["mode"] = "GRU" });
        Npy.WriteFloat32(P("x.npy"), new[] { 2, 1, 3 }, new float[6]);
    }

    static bool IsLinux => OperatingSystem.IsLinux();

    [Fact]
    public void SpecialFiles_AreRefusedByName_ForEveryFileReadingOption()
    {
        if (!IsLinux)
            return;
        Fixtures();
        File.CreateSymbolicLink(P("zero.onnx"), "/dev/zero");
        File.CreateSymbolicLink(P("random.safetensors"), "/dev/urandom");
        using (var mkfifo = Process.Start("mkfifo", P("fifo.txt")))
        {
            Assert.True(mkfifo.WaitForExit(10_000));
            Assert.Equal(0, mkfifo.ExitCode);
        }
        foreach (var weights in new[] { "/dev/zero", P("zero.onnx"), P("random.safetensors") })
            Refused(new[] { "forward", "--weights", weights, "--input", P("x.npy"), "--out", P("o") }, "not a regular file");
        Refused(new[] { "forward", "--weights", P("w.safetensors"), "--input", "/dev/zero", "--out", P("o") }, "/dev/zero", "character device");
        Refused(new[] { "forward", "--weights", P("w.safetensors"), "--input", P("x.npy"), "--h0", "/dev/urandom", "--out", P("o") }, "/dev/urandom");
        Refused(new[] { "train", "charlm", "--text", "/dev/zero", "--out", P("c") }, "--text", "character device");
        Refused(new[] { "train", "charlm", "--text", P("fifo.txt"), "--out", P("c") }, "FIFO");
        Refused(new[] { "export", "--checkpoint", P("random.safetensors"), "--out", P("m.onnx") }, "not a regular file");
        Refused(new[] { "generate", "--checkpoint", P("random.safetensors"), "--prompt", "a" }, "not a regular file");

        // resume with run.json or metrics.csv on a device
        var r = CliKit.Run("train", "adding", "--steps", "2", "--out", P("run"), "--accelerator", "cpu");
        Assert.True(r.Code == 0, r.Err);
        File.Move(P("run/metrics.csv"), P("metrics.keep"));
        File.CreateSymbolicLink(P("run/metrics.csv"), "/dev/zero");
        Refused(new[] { "resume", P("run"), "--steps", "4" }, "metrics.csv", "not a regular file");
        File.Delete(P("run/metrics.csv"));
        File.Move(P("metrics.keep"), P("run/metrics.csv"));
        File.Move(P("run/run.json"), P("run.keep"));
        File.CreateSymbolicLink(P("run/run.json"), "/dev/zero");
        Refused(new[] { "resume", P("run"), "--steps", "4" }, "run.json", "not a regular file");
    }

    [Fact]
    public void InputFile_RefusesFoldersDevicesAndFilesOverTheBound()
    {
        Assert.Throws<InvalidDataException>(() => InputFile.ReadAllBytes(dir, 100, "a test file"));
        File.WriteAllBytes(P("big.bin"), new byte[101]);
        var e = Assert.Throws<InvalidDataException>(() => InputFile.ReadAllBytes(P("big.bin"), 100, "a test file"));
        Assert.Contains("big.bin", e.Message);
        Assert.Equal(101, InputFile.ReadAllBytes(P("big.bin"), 101, "a test file").Length);
        Assert.Throws<FileNotFoundException>(() => InputFile.ReadAllBytes(P("missing"), 100, "a test file"));
        if (IsLinux)
            Assert.Contains("character device", Assert.Throws<InvalidDataException>(() => Npy.ReadFloat32("/dev/zero")).Message);
    }

    [Fact]
    public void SizesThatOverflow_AreRefusedByName()
    {
        var e = Assert.Throws<ArgumentException>(() => RecurrentLayer.ParameterBytes(new RnnOptions(RnnMode.RnnTanh, 2, 1 << 30)));
        Assert.Contains("overflow", e.Message);
        Assert.Throws<ArgumentException>(() => RecurrentLayer.ParameterBytes(new RnnOptions(RnnMode.Lstm, 2, 1 << 29)));
        Assert.True(RecurrentLayer.ParameterBytes(new RnnOptions(RnnMode.Lstm, 2, 1 << 20)) > 0);
        Assert.Throws<ArgumentException>(() => new RnnOptions(RnnMode.Lstm, 2, 1 << 30).Validate());
        var dev = TestDevices.Get("cpu");
        e = Assert.Throws<ArgumentException>(() => DeviceTensor.FromHost(dev, new float[1], int.MaxValue, int.MaxValue, int.MaxValue));
        Assert.Contains("(2147483647, 2147483647, 2147483647)", e.Message);
        Assert.Throws<ArgumentException>(() => DeviceTensor.Uninitialized(dev, 1 << 16, 1 << 16));
    }

    [Theory]
    [InlineData("--lr", "0,01", "0.01")]
    [InlineData("--lr", "1,5", "1.5")]
    [InlineData("--clip", "0,5", "0.5")]
    public void DecimalComma_IsRefusedWithAHint(string flag, string value, string hint)
    {
        Refused(new[] { "train", "adding", flag, value, "--out", P("a") }, flag, hint, "decimal point");
        Assert.False(Directory.Exists(P("a")));
    }

    [Fact]
    public void NumbersOfEveryCommand_AreReadStrictly()
    {
        Refused(new[] { "generate", "--checkpoint", P("x"), "--temperature", "0,5" }, "--temperature", "0.5");
        Refused(new[] { "train", "adding", "--steps", "1,000", "--out", P("a") }, "--steps", "1000");
        Refused(new[] { "train", "adding", "--steps", "99999999999", "--out", P("a") }, "--steps", "out of range");
        Refused(new[] { "bench", "--cell", "lstm", "--input", "4", "--hidden", "4", "--batch", "1,0", "--seq", "2" }, "--batch");
        Refused(new[] { "resume", P("nothing"), "--steps", "5,0" }, "--steps");
    }

    [Theory]
    [InlineData("charlm", "--embedding", "536870912")]
    [InlineData("charlm", "--hidden", "536870912")]
    [InlineData("reverse", "--valid-size", "2147483647")]
    [InlineData("reverse", "--valid-size", "30000000")]
    [InlineData("reverse", "--embedding", "2147483647")]
    [InlineData("adding", "--seq", "4194304")]
    [InlineData("adding", "--hidden", "1073741824")]
    [InlineData("sine", "--horizon", "2147483647")]
    [InlineData("sine", "--seq", "4194304")]
    [InlineData("sine", "--noise", "1e38")]
    [InlineData("sine", "--noise", "Infinity")]
    [InlineData("charlm", "--sample-length", "2147483647")]
    [InlineData("charlm", "--temperature", "1e30")]
    [InlineData("adding", "--lr", "1e30")]
    [InlineData("adding", "--steps", "2000000000")]
    [InlineData("adding", "--layers", "100000")]
    public void OptionsBeyondTheirLimits_AreRefusedNamingTheFlag(string task, string flag, string value)
    {
        Refused(new[] { "train", task, flag, value, "--out", P("t"), "--accelerator", "cpu" }, flag);
        Assert.False(Directory.Exists(P("t")));
    }

    [Fact]
    public void TaskData_IsEstimatedBeforeItIsMade()
    {
        // Each size within its own limit, but the validation set (and its forward) would not fit.
        Refused(new[] { "train", "adding", "--seq", "1000000", "--batch", "1", "--out", P("t"), "--accelerator", "cpu" }, "--seq 1000000", "GiB");
        Refused(new[] { "train", "adding", "--batch", "4", "--seq", "3000000", "--out", P("t") }, "--seq");
        Assert.False(Directory.Exists(P("t")));
    }

    [Fact]
    public void FlagRepeatedWithoutItsValue_IsRefused()
    {
        Refused(new[] { "train", "adding", "--steps", "3", "--steps" }, "--steps");
        Refused(new[] { "train", "adding", "--steps", "3", "--steps", "--out", P("a") }, "--steps");
        Refused(new[] { "generate", "--checkpoint", P("x"), "--length", "3", "--length" }, "--length");
        Assert.False(Directory.Exists(P("a")));
    }

    [Fact]
    public void OutThatCannotBeWritten_IsRefusedBeforeAnyModelRuns()
    {
        Fixtures();
        Directory.CreateDirectory(P("folder.onnx"));
        Refused(new[] { "export", "--checkpoint", P("w.safetensors"), "--out", P("folder.onnx") }, "--out", "is a folder");
        Refused(new[] { "export", "--checkpoint", P("w.safetensors"), "--out", "" }, "--out", "empty");
        Refused(new[] { "export", "--checkpoint", P("w.safetensors"), "--out", P("none/m.onnx") }, "--out", "does not exist");
        File.WriteAllText(P("taken"), "mine");
        Refused(new[] { "forward", "--weights", P("w.safetensors"), "--input", P("x.npy"), "--out", P("taken") }, "--out", "is a file");
        Assert.Equal("mine", File.ReadAllText(P("taken")));
        Refused(new[] { "forward", "--weights", P("w.safetensors"), "--input", P("x.npy"), "--out", "" }, "--out", "empty");
        if (OperatingSystem.IsLinux() && Environment.UserName != "root")
        {
            Directory.CreateDirectory(P("ro"));
            File.SetUnixFileMode(P("ro"), UnixFileMode.UserRead | UnixFileMode.UserExecute);
            Refused(new[] { "export", "--checkpoint", P("w.safetensors"), "--out", P("ro/m.onnx") }, "--out", "cannot write");
        }
        if (IsLinux && Directory.Exists("/sys/kernel"))
            Refused(new[] { "export", "--checkpoint", P("w.safetensors"), "--out", "/sys/kernel/m.onnx" }, "--out", "cannot write");
    }

    [Fact]
    public void Export_RefusesACharLmCheckpointWhoseVocabularyOrSizesDisagree_AndRemovesItsOldTemporaries()
    {
        var dev = TestDevices.Get("cpu");
        const int V = 7, E = 3, H = 5;
        Directory.CreateDirectory(P("run"));
        void Save(string vocabularyJson, TokenGenerator model) =>
            Checkpoint.Save(P("run/model.safetensors"), model, metadata: new Dictionary<string, string>
            {
                ["task"] = "charlm", ["setting.cell"] = "gru", ["setting.hidden"] = $"{H}", ["setting.embedding"] = $"{E}", ["vocabulary"] = vocabularyJson,
            });
        using var model = new TokenGenerator(dev, V, E, new RnnOptions(RnnMode.Gru, E, H, 1, Seed: 4), seed: 5);
        foreach (var (vocabulary, says) in new[] { ("\"ab\"", "vocabulary 2"), ("\"" + new string('a', 7) + "\"", "twice"), ("not json", "not a JSON string"),
            ("\"" + string.Concat(Enumerable.Range(0, 20000).Select(i => (char)(0x4E00 + i))) + "\"", "vocabulary 20000") })
        {
            Save(vocabulary, model);
            Refused(new[] { "export", "--checkpoint", P("run"), "--out", P("m.onnx") }, says);
            Assert.False(File.Exists(P("m.onnx")));
        }
        using (var wide = new TokenGenerator(dev, 200, E, new RnnOptions(RnnMode.Gru, E, H, 1, Seed: 4), seed: 5))
        {
            // embedding (200, E) beside a vocabulary of 7: refused whatever fc says.
            Save("\"abcdefg\"", wide);
            Refused(new[] { "export", "--checkpoint", P("run"), "--out", P("m.onnx") }, "embedding.weight");
        }
        Save("\"abcdefg\"", model);
        string stale = P(".m.onnx." + Guid.NewGuid().ToString("N") + ".tmp");
        File.WriteAllBytes(stale, new byte[1000]);
        var r = CliKit.Run("export", "--checkpoint", P("run"), "--out", P("m.onnx"));
        Assert.True(r.Code == 0, r.Err);
        Assert.False(File.Exists(stale));
    }

    [Fact]
    public void CraftedCommitIntent_MovesNothing_AndResumeLeavesTheRunAsItWas()
    {
        var r = CliKit.Run("train", "adding", "--steps", "2", "--out", P("run"), "--accelerator", "cpu");
        Assert.True(r.Code == 0, r.Err);
        var before = Directory.GetFiles(P("run")).ToDictionary(f => f, File.ReadAllBytes);
        foreach (var intent in new[] { "run.json\tmetrics.csv\n", "metrics.csv\trun.json\n", $".run.json.{Guid.NewGuid():N}.tmp\trun.json\n",
            "lstm.safetensors\trnn.safetensors\n" })
        {
            File.WriteAllText(P("run/" + AtomicFile.IntentFile), intent);
            Refused(new[] { "resume", P("run"), "--steps", "4" }, "not a commit intent");
            var after = Directory.GetFiles(P("run")).Where(f => Path.GetFileName(f) != AtomicFile.IntentFile).ToDictionary(f => f, File.ReadAllBytes);
            Assert.Equal(before.Keys.Order(), after.Keys.Order());
            foreach (var (f, bytes) in before)
                Assert.Equal(bytes, after[f]);
        }
    }

    [Fact]
    public void SecondBackward_AfterOneTrainingForward_Throws()
    {
        var dev = TestDevices.Get("cpu");
        using var layer = new RecurrentLayer(dev, new RnnOptions(RnnMode.Lstm, 3, 4, Seed: 2));
        using var x = DeviceTensor.FromHost(dev, Numerics.Uniform(new Random(1), 2 * 2 * 3), 2, 2, 3);
        using (var o = layer.Forward(x, training: true))
        {
            layer.Backward(o.Output).Dispose();
            var e = Assert.Throws<InvalidOperationException>(() => layer.Backward(o.Output));
            Assert.Contains("RecurrentLayer.Backward was already called", e.Message);
        }
        using (var o = layer.Forward(x, training: true))
            layer.Backward(o.Output).Dispose(); // a new training Forward allows a new Backward

        using var fc = new Linear(dev, 3, 2, seed: 1);
        using var y = fc.Forward(x, training: true);
        fc.Backward(y).Dispose();
        Assert.Contains("Linear.Backward", Assert.Throws<InvalidOperationException>(() => fc.Backward(y)).Message);
    }
}
