using RnnGpu.Cli;
using RnnGpu.Cli.Commands;
using RnnGpu.Cli.Training;
using RnnGpu.IO;

using static RnnGpu.Tests.CliKit;

namespace RnnGpu.Tests;

/// <summary><c>rnngpu train reverse</c> in-process at a tiny size, its data generator, its exact-match metric, and bad input.</summary>
[Trait(Suites.Key, Suites.CpuOnly)]
public class CliReverseTests
{
    static string TempDir() => Path.Combine(Path.GetTempPath(), "rnngpu-reverse-" + Guid.NewGuid().ToString("N"));

    static string[] Tiny(string dir, params string[] extra) =>
        new[] { "train", "reverse", "--hidden", "8", "--embedding", "4", "--length", "3", "--steps", "4", "--batch", "5",
            "--valid-size", "20", "--seed", "2", "--out", dir }
            .Concat(extra.Contains("--accelerator") ? extra : extra.Concat(new[] { "--accelerator", "cpu" })).ToArray();

    const string Header = "step,loss,grad_norm,valid_loss,valid_token_acc,valid_exact";

    [Fact]
    public void Reverse_TinyRun_WritesRunFileMetricsCheckpointAndPlots()
    {
        string dir = TempDir();
        try
        {
            var r = Run(Tiny(dir));
            Assert.True(r.Code == 0, r.Err);
            Assert.Equal("", r.Err);
            Assert.Contains("step 4/4", r.Out);
            Assert.Contains("seq/s", r.Out);
            Assert.Contains("GFLOP/s", r.Out);
            Assert.Contains("held-out exact match", r.Out);
            Assert.Contains("verdict: ", r.Out);
            Assert.Contains($"wrote {dir}: run.json, metrics.csv, seq2seq.safetensors; plots: loss.png, accuracy.png", r.Out);
            // Five example decodings, each "source -> prediction  target T  ok|wrong".
            var examples = r.Out.Split('\n').Where(l => l.Contains(" -> ") && l.Contains("  target ")).ToArray();
            Assert.True(examples.Length >= 5, r.Out);
            Assert.All(examples, l => Assert.True(l.TrimEnd().EndsWith(" ok") || l.TrimEnd().EndsWith(" wrong"), l));

            // 4 steps validate every step (every tenth of the run, at least every step).
            foreach (var row in AssertMetrics(dir, Header, 4))
            {
                Assert.InRange(row[3], 0, 1);
                Assert.InRange(row[4], 0, 1);
                // valid_exact is a count out of 20 strings.
                Assert.Equal(Math.Round(row[4] * 20), row[4] * 20, 6);
            }

            string runJson = File.ReadAllText(Path.Combine(dir, "run.json"));
            Assert.Contains("\"task\": \"reverse\"", runJson);
            Assert.Contains("\"order\": \"reverse\"", runJson);
            Assert.Contains("\"length\": \"3\"", runJson);

            // The checkpoint loads back into a seq2seq of the same shape (10 source ids, digits + BOS as targets).
            var dev = TestDevices.Get("cpu");
            using var model = new Seq2Seq(dev, ReverseProblem.Digits, 11, 4, RnnMode.Lstm, 8);
            using var opt = new Adam(model);
            var meta = Checkpoint.Load(Path.Combine(dir, "seq2seq.safetensors"), model, opt);
            Assert.Equal("reverse", meta["task"]);
            Assert.Equal("4", meta["step"]);
            Assert.Equal("3", meta["setting.length"]);
            Assert.Equal(4, opt.StepCount);

            foreach (var png in new[] { "loss.png", "accuracy.png" })
                AssertPng(Path.Combine(dir, png));
        }
        finally
        {
            Delete(dir);
        }
    }

    [Fact]
    public void Reverse_VariableLengthSort_WithGru_RunsAndCheckpointsATwelveTokenTarget()
    {
        string dir = TempDir();
        try
        {
            var r = Run(Tiny(dir, "--min-length", "1", "--order", "sort", "--cell", "gru"));
            Assert.True(r.Code == 0, r.Err);
            Assert.Contains("sort strings of 1 to 3 digits", r.Out);
            Assert.Contains("$ = end", r.Out);
            var dev = TestDevices.Get("cpu");
            using var model = new Seq2Seq(dev, ReverseProblem.Digits, 12, 4, RnnMode.Gru, 8);
            Assert.Equal("sort", Checkpoint.Load(Path.Combine(dir, "seq2seq.safetensors"), model)["setting.order"]);
            AssertPng(Path.Combine(dir, "accuracy.png"));
        }
        finally
        {
            Delete(dir);
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("2")]
    public void Reverse_StopAndResume_ContinuesExactlyAsAnUninterruptedRun(string minLength)
    {
        string whole = TempDir(), split = TempDir();
        try
        {
            string[] args = { "train", "reverse", "--hidden", "6", "--embedding", "3", "--length", "4", "--min-length", minLength,
                "--steps", "8", "--batch", "4", "--valid-size", "10", "--seed", "3", "--accelerator", "cpu" };
            // Same batches, same learning rates, same optimizer state: metrics.csv and the checkpoint's weights are identical.
            AssertStopAndResumeMatch(args, whole, split, 8, "accuracy.png");
            var dev = TestDevices.Get("cpu");
            int vt = minLength == "0" ? 11 : 12;
            using var m1 = new Seq2Seq(dev, 10, vt, 3, RnnMode.Lstm, 6);
            using var m2 = new Seq2Seq(dev, 10, vt, 3, RnnMode.Lstm, 6);
            Checkpoint.Load(Path.Combine(whole, "seq2seq.safetensors"), m1);
            Checkpoint.Load(Path.Combine(split, "seq2seq.safetensors"), m2);
            for (int i = 0; i < m1.NamedParameters.Count; i++)
                Assert.Equal(m1.NamedParameters[i].Parameter.Value.ToArray(), m2.NamedParameters[i].Parameter.Value.ToArray());
        }
        finally
        {
            Delete(whole, split);
        }
    }

    [Theory]
    [InlineData("--length 0", "--length")]
    [InlineData("--length -2", "--length")]
    [InlineData("--min-length 4", "--min-length")]
    [InlineData("--min-length -1", "--min-length")]
    [InlineData("--order backwards", "backwards")]
    [InlineData("--bidirectional", "--bidirectional")]
    [InlineData("--embedding 0", "--embedding")]
    [InlineData("--valid-size 0", "--valid-size")]
    [InlineData("--hidden 0", "--hidden")]
    [InlineData("--layers 0", "--layers")]
    [InlineData("--steps 0", "--steps")]
    [InlineData("--batch 0", "--batch")]
    [InlineData("--lr 0", "--lr")]
    [InlineData("--clip -1", "--clip")]
    [InlineData("--cell banana", "banana")]
    [InlineData("--length x", "x")]
    [InlineData("--accelerator tpu", "unknown accelerator")]
    public void Reverse_BadInput_IsOneLine_AndWritesNothing(string extra, string contains)
    {
        string dir = TempDir();
        try
        {
            var r = Run(Tiny(dir, extra.Split(' ')));
            AssertOneLineError(r, contains);
            Assert.Equal(CliApp.BadInput, r.Code);
            Assert.False(Directory.Exists(dir), "the run folder was created");
        }
        finally
        {
            Delete(dir);
        }
    }

    [Fact]
    public void Batch_FixedLength_TargetIsTheReversedSource_AndTheDecoderReadsItShiftedBehindBos()
    {
        const int L = 6, B = 40;
        var d = ReverseProblem.Batch(new Random(5), L, L, B, DigitOrder.Reverse);
        Assert.Equal((L, L, B), (d.SourceSteps, d.TargetSteps, d.Size));
        Assert.Equal(L * B, d.Source.Length);
        Assert.All(d.Lengths, n => Assert.Equal(L, n));
        for (int b = 0; b < B; b++)
        {
            for (int t = 0; t < L; t++)
            {
                Assert.InRange(d.Source[t * B + b], 0, 9);
                Assert.Equal(d.Source[(L - 1 - t) * B + b], d.Target[t * B + b]);
                Assert.Equal(t == 0 ? ReverseProblem.Bos : d.Target[(t - 1) * B + b], d.DecoderInput[t * B + b]);
            }
        }
        // Not a constant: the strings differ.
        Assert.True(Enumerable.Range(0, B).Select(b => ReverseProblem.Text(d.Source, b, B)).Distinct().Count() > B / 2);
        Assert.Equal(11, ReverseProblem.TargetVocabulary(false));
    }

    [Fact]
    public void Batch_VariableLengthSort_TargetIsTheSortedSource_EndsWithEos_AndPadsWithTheIgnoreIndex()
    {
        const int Min = 2, Max = 5, B = 60;
        var d = ReverseProblem.Batch(new Random(9), Min, Max, B, DigitOrder.Sort);
        Assert.Equal((Max, Max + 1), (d.SourceSteps, d.TargetSteps));
        Assert.Equal(Enumerable.Range(Min, Max - Min + 1), d.Lengths.Distinct().Order());
        for (int b = 0; b < B; b++)
        {
            int n = d.Lengths[b];
            var src = Enumerable.Range(0, n).Select(t => d.Source[t * B + b]).ToArray();
            var tgt = Enumerable.Range(0, n).Select(t => d.Target[t * B + b]).ToArray();
            Assert.Equal(src.Order(), tgt);
            for (int t = n; t < Max; t++)
                Assert.Equal(0, d.Source[t * B + b]);
            Assert.Equal(ReverseProblem.Eos, d.Target[n * B + b]);
            for (int t = n + 1; t <= Max; t++)
                Assert.Equal(ReverseProblem.Ignore, d.Target[t * B + b]);
            Assert.Equal(ReverseProblem.Bos, d.DecoderInput[b]);
            for (int t = 1; t <= n; t++)
                Assert.Equal(d.Target[(t - 1) * B + b], d.DecoderInput[t * B + b]);
        }
        Assert.Equal(12, ReverseProblem.TargetVocabulary(true));
    }

    [Fact]
    public void Batches_DependOnlyOnSeedAndStep_AndHeldOutStringsComeFromAnotherStream()
    {
        var spec = TrainCommand.Find("reverse");
        var settings = spec.Options().FromSaved(new Dictionary<string, string>
        {
            ["hidden"] = "4", ["embedding"] = "2", ["batch"] = "16", ["valid-size"] = "16", ["seed"] = "7",
        }, "test");
        var dev = TestDevices.Get("cpu");
        using var a = (ReverseTask)spec.Create(dev, settings);
        using var b = (ReverseTask)spec.Create(dev, settings);
        Assert.Equal(a.TrainingBatch(5).Source, b.TrainingBatch(5).Source);
        Assert.Equal(a.TrainingBatch(5).Target, a.TrainingBatch(5).Target);
        Assert.NotEqual(a.TrainingBatch(5).Source, a.TrainingBatch(6).Source);
        Assert.Equal(a.HeldOut.Source, b.HeldOut.Source);
        // Same size as a training batch, yet the held-out set is none of the first steps' batches.
        for (int step = 1; step <= 1000; step++)
            Assert.NotEqual(a.HeldOut.Source, a.TrainingBatch(step).Source);
        using var other = (ReverseTask)spec.Create(dev, settings.With("seed", "8"));
        Assert.NotEqual(a.TrainingBatch(5).Source, other.TrainingBatch(5).Source);
        Assert.NotEqual(a.HeldOut.Source, other.HeldOut.Source);
    }

    [Fact]
    public void ExactMatch_OneWrongDigitMakesTheStringWrong()
    {
        // Td = 3, B = 2, row-major (t * B + b): string 0 is 1 2 3, string 1 is 4 5 6.
        int[] target = { 1, 4, 2, 5, 3, 6 };
        Assert.Equal(new[] { true, true }, ReverseProblem.ExactMatches(target, target, 2));
        Assert.Equal(1.0, ReverseProblem.ExactMatchAccuracy(target, target, 2));

        int[] oneDigitOff = { 1, 4, 2, 5, 3, 7 };
        Assert.Equal(new[] { true, false }, ReverseProblem.ExactMatches(oneDigitOff, target, 2));
        Assert.Equal(0.5, ReverseProblem.ExactMatchAccuracy(oneDigitOff, target, 2));

        int[] firstDigitOff = { 0, 4, 2, 5, 3, 6 };
        Assert.Equal(new[] { false, true }, ReverseProblem.ExactMatches(firstDigitOff, target, 2));

        int[] allOff = { 3, 6, 2, 5, 1, 4 };
        Assert.Equal(0.0, ReverseProblem.ExactMatchAccuracy(allOff, target, 2));
    }

    [Fact]
    public void ExactMatch_VariableLength_NeedsTheEos_AndIgnoresWhatFollows()
    {
        const int E = ReverseProblem.Eos, I = ReverseProblem.Ignore;
        // Td = 3, B = 2: string 0 is "7 $" (then padding), string 1 is "8 9 $".
        int[] target = { 7, 8, E, 9, I, E };
        Assert.Equal(new[] { true, true }, ReverseProblem.ExactMatches(new[] { 7, 8, E, 9, 4, E }, target, 2));
        Assert.Equal(new[] { false, true }, ReverseProblem.ExactMatches(new[] { 7, 8, 3, 9, E, E }, target, 2));
        Assert.Equal(new[] { true, false }, ReverseProblem.ExactMatches(new[] { 7, 8, E, 9, E, 9 }, target, 2));
        Assert.Equal("7$", ReverseProblem.Text(target, 0, 2));
        Assert.Equal("89$", ReverseProblem.Text(target, 1, 2));
        Assert.Throws<ArgumentException>(() => ReverseProblem.ExactMatches(new[] { 1, 2 }, target, 2));
    }
}
