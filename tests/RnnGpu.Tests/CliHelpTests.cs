using RnnGpu.Cli;

namespace RnnGpu.Tests;

/// <summary>The command line as a newcomer meets it: a bare command shows its help, a mistyped option, command or task gets
/// the nearest name, and each task's help lists only what the task accepts.</summary>
public class CliHelpTests
{
    [Fact]
    public void BareCommands_PrintTheirHelp()
    {
        var r = CliKit.Run();
        Assert.Equal(CliApp.Success, r.Code);
        Assert.Contains("Usage:", r.Out);
        foreach (var command in new[] { "train", "resume", "forward", "export", "generate", "bench", "verify", "devices" })
            Assert.Contains(command, r.Out);
        Assert.Equal("", r.Err);

        r = CliKit.Run("train");
        Assert.Equal(CliApp.Success, r.Code);
        foreach (var task in new[] { "adding", "charlm", "reverse", "sine" })
            Assert.Contains(task, r.Out);
        Assert.Equal("", r.Err);
    }

    [Theory]
    [InlineData(new[] { "train", "adding", "--stpes", "3" }, "unknown option '--stpes'; did you mean --steps?", "train adding --help")]
    [InlineData(new[] { "bench", "--cel", "lstm" }, "did you mean --cell?", "bench --help")]
    [InlineData(new[] { "trian", "adding" }, "did you mean train?", " --help")]
    [InlineData(new[] { "train", "addng" }, "unknown task 'addng'; did you mean adding?", "the tasks are")]
    [InlineData(new[] { "generate", "--temprature", "1" }, "did you mean --temperature?", "generate --help")]
    public void Mistypes_GetTheNearestName(string[] args, string suggestion, string hint)
    {
        var r = CliKit.Run(args);
        CliKit.AssertOneLineError(r, suggestion);
        Assert.Contains(hint, r.Err, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(CliApp.BadInput, r.Code);
    }

    [Fact]
    public void FarOffWords_GetNoSuggestion()
    {
        var r = CliKit.Run("train", "adding", "--zzzzzzzz", "1");
        CliKit.AssertOneLineError(r, "unknown option '--zzzzzzzz'");
        Assert.DoesNotContain("did you mean", r.Err);
    }

    [Fact]
    public void TaskHelp_ListsWhatTheTaskAccepts()
    {
        var adding = CliKit.Run("train", "adding", "--help").Out;
        Assert.Contains("--cell <gru|lstm>", adding);
        var sine = CliKit.Run("train", "sine", "--help").Out;
        Assert.Contains("only with --mode many-to-one", sine);
        var bench = CliKit.Run("bench", "--help").Out;
        foreach (var step in new[] { "fused-step", "row-step", "per-step", "persistent" })
            Assert.Contains(step, bench);
        Assert.Contains("smallbatch", CliKit.Run("bench", "--cell", "lstm").Err);
    }
}

/// <summary>A model's seed seeds all of it.</summary>
public class ModelSeedTests
{
    [Fact]
    public void ModelSeed_SeedsTheRecurrentLayerToo_UnlessTheLayerHasItsOwn()
    {
        var dev = TestDevices.Get("cpu");
        float[] Rnn(ulong seed, ulong layerSeed = 0)
        {
            using var m = new SequenceClassifier(dev, new RnnOptions(RnnMode.Lstm, 3, 5, Seed: layerSeed), 2, seed: seed);
            return m.Rnn.Parameters[0].Value.ToArray();
        }
        Assert.NotEqual(Rnn(1), Rnn(2));
        Assert.Equal(Rnn(1), Rnn(1));
        Assert.Equal(Rnn(1, layerSeed: 7), Rnn(2, layerSeed: 7)); // an explicit layer seed wins
        using var t1 = new TokenGenerator(dev, 5, 3, new RnnOptions(RnnMode.Gru, 3, 4), seed: 1);
        using var t2 = new TokenGenerator(dev, 5, 3, new RnnOptions(RnnMode.Gru, 3, 4), seed: 2);
        Assert.NotEqual(t1.Rnn.Parameters[0].Value.ToArray(), t2.Rnn.Parameters[0].Value.ToArray());
    }
}

/// <summary>What printing the library's objects shows.</summary>
public class ToStringTests
{
    [Fact]
    public void TensorsIndicesAndParameters_PrintNameShapeAndDevice()
    {
        var dev = TestDevices.Get("cpu");
        using var t = DeviceTensor.Zeros(dev, 2, 3);
        Assert.Equal($"DeviceTensor(2, 3) float32 on {dev.Info.Spec}", t.ToString());
        using var i = DeviceIndices.FromHost(dev, new[] { 1, 2 }, 2);
        Assert.Equal($"DeviceIndices(2) int32 on {dev.Info.Spec}", i.ToString());
        using var layer = new RecurrentLayer(dev, new RnnOptions(RnnMode.Lstm, 3, 4));
        Assert.Equal($"Parameter weight_ih_l0 (16, 3) on {dev.Info.Spec}", layer.Parameters[0].ToString());
        var d = DeviceTensor.Zeros(dev, 1);
        d.Dispose();
        Assert.EndsWith(", disposed", d.ToString());
    }
}

/// <summary>A model's Backward without a training Forward names the model the caller called.</summary>
public class HeadBackwardTests
{
    [Fact]
    public void BackwardAfterAnInferenceForward_NamesTheModel()
    {
        var dev = TestDevices.Get("cpu");
        using var tagger = new SequenceTagger(dev, new RnnOptions(RnnMode.Gru, 3, 4), 2, seed: 1);
        using var x = DeviceTensor.FromHost(dev, new float[2 * 2 * 3], 2, 2, 3);
        using var y = tagger.Forward(x);
        var e = Assert.Throws<InvalidOperationException>(() => tagger.Backward(y));
        Assert.StartsWith("SequenceTagger.Backward needs a training Forward", e.Message);
        using (var yt = tagger.Forward(x, training: true))
        {
            tagger.Backward(yt).Dispose();
            Assert.StartsWith("SequenceTagger.Backward", Assert.Throws<InvalidOperationException>(() => tagger.Backward(yt)).Message);
        }
        using var classifier = new SequenceClassifier(dev, new RnnOptions(RnnMode.Lstm, 3, 4), 2, seed: 1);
        using var logits = classifier.Forward(x);
        Assert.StartsWith("SequenceClassifier.Backward", Assert.Throws<InvalidOperationException>(() => classifier.Backward(logits)).Message);
    }
}

/// <summary>RnnOptions.BatchFirst through the heads: (B, T, I) in, the same numbers as the sequence-major model.</summary>
public class BatchFirstHeadTests
{
    const int T = 6, B = 3, I = 4, H = 5, C = 2;

    static float[] BatchMajor(float[] x)
    {
        var r = new float[x.Length];
        for (int t = 0; t < T; t++)
            for (int b = 0; b < B; b++)
                Array.Copy(x, (t * B + b) * I, r, (b * T + t) * I, I);
        return r;
    }

    [Fact]
    public void Classifier_BatchFirst_GivesTheSequenceMajorLogitsAndGradients()
    {
        var dev = TestDevices.Get("cpu");
        var x = Numerics.Uniform(new Random(1), T * B * I);
        var lengths = new[] { 6, 2, 4 };
        float[] Run(bool batchFirst, out float[] grad)
        {
            using var m = new SequenceClassifier(dev, new RnnOptions(RnnMode.Gru, I, H, 2, Bidirectional: true, BatchFirst: batchFirst, Seed: 3), C, seed: 4);
            using var tx = batchFirst ? DeviceTensor.FromHost(dev, BatchMajor(x), B, T, I) : DeviceTensor.FromHost(dev, x, T, B, I);
            using var logits = m.Forward(tx, lengths, training: true);
            using var dx = m.Backward(logits);
            grad = m.Rnn.Parameters[0].Grad.ToArray();
            return logits.ToArray();
        }
        var seq = Run(false, out var gSeq);
        var bf = Run(true, out var gBf);
        Numerics.AssertClose(bf, Array.ConvertAll(seq, v => (double)v), 1e-6, "logits");
        Numerics.AssertClose(gBf, Array.ConvertAll(gSeq, v => (double)v), 1e-6, "dW_ih");
    }

    [Fact]
    public void Tagger_BatchFirst_GivesBatchMajorRowsOfTheSequenceMajorLogits()
    {
        var dev = TestDevices.Get("cpu");
        var x = Numerics.Uniform(new Random(2), T * B * I);
        float[] Run(bool batchFirst)
        {
            using var m = new SequenceTagger(dev, new RnnOptions(RnnMode.Lstm, I, H, BatchFirst: batchFirst, Seed: 5), C, seed: 6);
            using var tx = batchFirst ? DeviceTensor.FromHost(dev, BatchMajor(x), B, T, I) : DeviceTensor.FromHost(dev, x, T, B, I);
            using var logits = m.Forward(tx, training: true);
            m.Backward(logits).Dispose();
            return logits.ToArray();
        }
        var seq = Run(false);
        var bf = Run(true);
        var expected = new double[seq.Length];
        for (int t = 0; t < T; t++)
            for (int b = 0; b < B; b++)
                for (int c = 0; c < C; c++)
                    expected[(b * T + t) * C + c] = seq[(t * B + b) * C + c];
        Numerics.AssertClose(bf, expected, 1e-6, "logits");
    }
}
