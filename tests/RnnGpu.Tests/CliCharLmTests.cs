using RnnGpu.Cli;
using RnnGpu.Cli.Training;

using static RnnGpu.Tests.CliKit;

namespace RnnGpu.Tests;

/// <summary><c>rnngpu train charlm</c> and <c>rnngpu generate</c> in-process at tiny sizes, and their bad input.</summary>
[Trait(Suites.Key, Suites.CpuOnly)]
public class CliCharLmTests
{
    const string Text = "the cat sat on the mat. the dog sat on the log. a cat and a dog met on a mat by a log.\n";

    static string TempDir() => Path.Combine(Path.GetTempPath(), "rnngpu-charlm-" + Guid.NewGuid().ToString("N"));

    static string WriteText(string dir, string name, string content)
    {
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    static string[] Tiny(string text, string outDir, params string[] extra) =>
        new[] { "train", "charlm", "--text", text, "--hidden", "8", "--embedding", "4", "--seq", "6", "--steps", "10", "--batch", "3",
            "--sample-length", "12", "--out", outDir, "--accelerator", "cpu" }.Concat(extra).ToArray();

    [Fact]
    public void TinyRun_WritesCheckpointPlotAndSamples_AndGenerateReadsIt()
    {
        string root = TempDir();
        try
        {
            string text = WriteText(root, "tiny.txt", string.Concat(Enumerable.Repeat(Text, 4)));
            string run = Path.Combine(root, "run");
            var r = Run(Tiny(text, run));
            Assert.True(r.Code == 0, r.Err);
            Assert.Contains("vocabulary 17", r.Out);
            Assert.Contains("sample at step 10: the", r.Out);
            Assert.Contains("bits/char", r.Out);
            Assert.Contains("rnngpu generate --checkpoint " + run, r.Out);

            var lines = File.ReadAllLines(Path.Combine(run, "metrics.csv"));
            Assert.Equal("step,train_bpc,grad_norm,valid_bpc", lines[0]);
            Assert.Equal(11, lines.Length);
            var first = double.Parse(lines[1].Split(',')[1], System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(first, 3.5, 5.0); // about log2(17) = 4.09 bits/char before training
            var png = File.ReadAllBytes(Path.Combine(run, "loss.png"));
            using (var bitmap = SkiaSharp.SKBitmap.Decode(png))
                Assert.NotNull(bitmap);

            // generate: the prompt is echoed, then exactly --length characters from the vocabulary follow; same seed, same text.
            var g = Run("generate", "--checkpoint", run, "--prompt", "the ", "--length", "30", "--temperature", "0.8", "--seed", "5", "--accelerator", "cpu");
            Assert.True(g.Code == 0, g.Err);
            string generated = g.Out.TrimEnd('\n');
            Assert.StartsWith("the ", generated);
            Assert.Equal(34, generated.Length);
            Assert.All(generated, c => Assert.Contains(c, Text));
            var again = Run("generate", "--checkpoint", Path.Combine(run, "model.safetensors"), "--prompt", "the ", "--length", "30", "--temperature", "0.8", "--seed", "5", "--accelerator", "cpu");
            Assert.Equal(g.Out, again.Out);
            // Stopped as Ctrl+C would after 5 characters: those 5 (the same as the full run's) are printed, then the stop line; exit 130.
            var cut = Run("generate", "--checkpoint", run, "--prompt", "the ", "--length", "30", "--temperature", "0.8", "--seed", "5", "--accelerator", "cpu", "--stop-after", "5");
            Assert.Equal(TrainingRunner.StoppedExitCode, cut.Code);
            var cutLines = cut.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(generated[..9], cutLines[0]);
            Assert.Equal("stopped after 5 of 30 characters.", cutLines[1]);
            var greedy1 = Run("generate", "--checkpoint", run, "--prompt", "a", "--length", "20", "--temperature", "0", "--seed", "1", "--accelerator", "cpu");
            var greedy2 = Run("generate", "--checkpoint", run, "--prompt", "a", "--length", "20", "--temperature", "0", "--seed", "2", "--accelerator", "cpu");
            Assert.Equal(greedy1.Out, greedy2.Out); // greedy ignores the seed

            // Bad generate input: one line each, nothing written.
            AssertOneLineError(Run("generate", "--checkpoint", run, "--prompt", "the Zebra", "--accelerator", "cpu"), "'Z'");
            AssertOneLineError(Run("generate", "--checkpoint", run, "--length", "0"), "--length");
            AssertOneLineError(Run("generate", "--checkpoint", run, "--temperature", "-1"), "--temperature");
            AssertOneLineError(Run("generate", "--checkpoint", Path.Combine(root, "nowhere")), "does not exist");
            AssertOneLineError(Run("generate", "--prompt", "x"), "--checkpoint");

            // A checkpoint whose metadata claims hidden 20000 over hidden-16 tensors: refused (exit 2) before the model is built.
            var file = RnnGpu.IO.Safetensors.Read(Path.Combine(run, "model.safetensors"));
            var meta = file.Metadata.ToDictionary(kv => kv.Key, kv => kv.Value);
            meta["setting.hidden"] = "20000";
            string huge = Path.Combine(root, "huge.safetensors");
            RnnGpu.IO.Safetensors.Write(huge, file.Tensors, meta);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var big = Run("generate", "--checkpoint", huge, "--length", "5", "--accelerator", "cpu");
            Assert.Equal(RnnGpu.Cli.CliApp.BadInput, big.Code);
            AssertOneLineError(big, "its metadata says hidden 20000");
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), "refused without building the claimed model");
        }
        finally
        {
            if (Directory.Exists(root))
                Directory.Delete(root, true);
        }
    }

    [Fact]
    public void StopAndResume_MatchesAnUninterruptedRun()
    {
        string root = TempDir();
        try
        {
            string text = WriteText(root, "tiny.txt", string.Concat(Enumerable.Repeat(Text, 4)));
            string whole = Path.Combine(root, "whole"), split = Path.Combine(root, "split");
            Assert.Equal(0, Run(Tiny(text, whole)).Code);
            Assert.Equal(TrainingRunner.StoppedExitCode, Run(Tiny(text, split, "--stop-after", "4")).Code);
            var r = Run("resume", split, "--accelerator", "cpu");
            Assert.True(r.Code == 0, r.Err);
            Assert.Equal(File.ReadAllText(Path.Combine(whole, "metrics.csv")), File.ReadAllText(Path.Combine(split, "metrics.csv")));

            // The text changed since the run started: resume refuses it and leaves the run as it was.
            File.WriteAllText(text, string.Concat(Enumerable.Repeat(Text.ToUpperInvariant(), 4)));
            string metrics = File.ReadAllText(Path.Combine(split, "metrics.csv"));
            AssertOneLineError(Run("resume", split, "--steps", "12", "--accelerator", "cpu"), "vocabulary");
            Assert.Equal(metrics, File.ReadAllText(Path.Combine(split, "metrics.csv")));
        }
        finally
        {
            if (Directory.Exists(root))
                Directory.Delete(root, true);
        }
    }

    [Fact]
    public void Generate_RefusesACheckpointOfAnotherModel()
    {
        string dir = TempDir();
        try
        {
            var r = Run("train", "adding", "--hidden", "3", "--seq", "4", "--steps", "2", "--batch", "2", "--out", dir, "--accelerator", "cpu");
            Assert.True(r.Code == 0, r.Err);
            AssertOneLineError(Run("generate", "--checkpoint", dir), "holds a 'adding' run");
            AssertOneLineError(Run("generate", "--checkpoint", Path.Combine(dir, "lstm.safetensors")), "a 'adding' model");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void BadText_IsOneLine_AndWritesNothing()
    {
        string root = TempDir();
        try
        {
            string outDir = Path.Combine(root, "run");
            AssertOneLineError(Run(Tiny(Path.Combine(root, "missing.txt"), outDir)), "does not exist");
            AssertOneLineError(Run(Tiny(WriteText(root, "empty.txt", ""), outDir)), "is empty");
            string latin1 = Path.Combine(root, "latin1.txt");
            File.WriteAllBytes(latin1, new byte[] { (byte)'c', (byte)'a', (byte)'f', 0xE9, (byte)' ', (byte)'o', (byte)'k' });
            AssertOneLineError(Run(Tiny(latin1, outDir)), "not valid UTF-8 (bad byte at offset 3)");
            AssertOneLineError(Run(Tiny(WriteText(root, "short.txt", "too short"), outDir)), "characters");
            AssertOneLineError(Run(Tiny(root, outDir)), "is a folder");
            AssertOneLineError(Run(Tiny(WriteText(root, "ok.txt", string.Concat(Enumerable.Repeat(Text, 4))), outDir, "--temperature", "-0.5")), "--temperature");
            Assert.False(Directory.Exists(outDir));
        }
        finally
        {
            Directory.Delete(root, true);
        }
    }

    [Fact]
    public void ShippedCorpus_IsTheDefault()
    {
        var text = CharText.Load("");
        Assert.Equal("the shipped corpus", text.Name);
        Assert.True(text.Text.Length > 30_000);
        Assert.True(text.Vocabulary.Length <= 80);
        Assert.Equal(new string(text.Text.Distinct().Order().ToArray()), text.Vocabulary);
    }
}
