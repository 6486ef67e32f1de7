namespace RnnGpu.Tests;

/// <summary>The model heads each learn a small synthetic task to a stated loss (seconds on the CPU accelerator).</summary>
public class ModelTrainingTests
{
    /// <summary>Two classes: the sign of the sum of channel 0 over time; variable lengths (the rest is padding).</summary>
    static (float[] X, int[] Y, int[] Len) SignTask(int T, int B, int seed)
    {
        var rng = new Random(seed);
        var x = Numerics.Uniform(rng, T * B * 2);
        var len = Enumerable.Range(0, B).Select(b => 2 + b % (T - 1)).ToArray();
        var y = new int[B];
        for (int b = 0; b < B; b++)
        {
            double s = 0;
            for (int t = 0; t < T; t++)
                if (t < len[b]) s += x[(t * B + b) * 2];
                else { x[(t * B + b) * 2] = 0; x[(t * B + b) * 2 + 1] = 0; }
            y[b] = s > 0 ? 1 : 0;
        }
        return (x, y, len);
    }

    [Theory]
    [InlineData(RnnMode.Gru, false)]
    [InlineData(RnnMode.Lstm, true)]
    public void ManyToOne_Classifier_Learns_SignOfSum(RnnMode mode, bool bidirectional)
    {
        var dev = TestDevices.Get("cpu");
        const int T = 6, B = 32;
        var (x, y, len) = SignTask(T, B, 51);
        using var model = new SequenceClassifier(dev, new RnnOptions(mode, 2, 12, Bidirectional: bidirectional, Seed: 3), 2, seed: 4);
        using var opt = new Adam(model, new AdamOptions(0.03f));
        using var tx = DeviceTensor.FromHost(dev, x, T, B, 2);
        using var ty = DeviceIndices.FromHost(dev, y, B);
        using var dl = DeviceTensor.Uninitialized(dev, B, 2);
        float first = 0, loss = 0;
        for (int step = 0; step < 120; step++)
        {
            model.ZeroGrad();
            using var logits = model.Forward(tx, len, training: true);
            using var l = Losses.CrossEntropy(logits, ty, dl);
            model.Backward(dl).Dispose();
            GradClip.ByNorm(model.NamedParameters.Select(p => p.Parameter), 5f);
            opt.Step();
            if (step == 0) first = l.Read();
            if (step == 119) loss = l.Read();
        }
        Assert.True(first > 0.5f, $"initial loss {first}");
        Assert.True(loss < 0.1f, $"{mode} bi={bidirectional}: loss {first} -> {loss}, expected < 0.1");
    }

    [Fact]
    public void ManyToMany_Tagger_Learns_PreviousSign_WithPaddingIgnored()
    {
        var dev = TestDevices.Get("cpu");
        const int T = 7, B = 16, C = 3;
        var rng = new Random(52);
        var x = Numerics.Uniform(rng, T * B);
        var len = Enumerable.Range(0, B).Select(b => 3 + b % (T - 2)).ToArray();
        var tags = new int[T * B];
        for (int t = 0; t < T; t++)
            for (int b = 0; b < B; b++)
                tags[t * B + b] = t >= len[b] ? -100 : t == 0 ? 2 : x[(t - 1) * B + b] > 0 ? 1 : 0;
        using var model = new SequenceTagger(dev, new RnnOptions(RnnMode.Lstm, 1, 10, Seed: 5), C, seed: 6);
        using var opt = new Adam(model, new AdamOptions(0.03f));
        using var tx = DeviceTensor.FromHost(dev, x, T, B, 1);
        using var ty = DeviceIndices.FromHost(dev, tags, T * B);
        using var dl = DeviceTensor.Uninitialized(dev, T, B, C);
        float loss = 0;
        for (int step = 0; step < 100; step++)
        {
            model.ZeroGrad();
            using var logits = model.Forward(tx, lengths: len, training: true);
            Assert.Equal(new[] { T, B, C }, logits.Shape); // as nn.Sequential(nn.LSTM, nn.Linear) in PyTorch
            using var l = Losses.CrossEntropy(logits, ty, dl);
            using var dx = model.Backward(dl);
            opt.Step();
            if (step == 99) loss = l.Read();
        }
        Assert.True(loss < 0.1f, $"tagger loss {loss}, expected < 0.1");
    }

    [Fact]
    public void TruncatedBptt_ChunksWithCarriedStates_EqualOneLongForward()
    {
        var dev = TestDevices.Get("cpu");
        const int T = 8, B = 3;
        var x = Numerics.Uniform(new Random(53), T * B * 2);
        using var model = new SequenceTagger(dev, new RnnOptions(RnnMode.Lstm, 2, 6, NumLayers: 2, Seed: 1), 4);
        using var whole = DeviceTensor.FromHost(dev, x, T, B, 2);
        using var full = model.Forward(whole);
        DeviceTensor? h = null, c = null;
        var chunks = new List<float>();
        for (int start = 0; start < T; start += 3)
        {
            int n = Math.Min(3, T - start);
            using var part = DeviceTensor.FromHost(dev, x.AsSpan(start * B * 2, n * B * 2), n, B, 2);
            DeviceTensor? hn = null, cn = null;
            using var y = model.Forward(part, h, c, training: true, finalStates: (a, b) => { hn = a; cn = b; });
            h?.Dispose(); c?.Dispose();
            h = hn; c = cn; // detached: the next chunk's backward stops here
            chunks.AddRange(y.ToArray());
        }
        h?.Dispose(); c?.Dispose();
        Numerics.AssertClose(chunks.ToArray(), Numerics.ToDouble(full.ToArray()), 1e-6, "chunked vs whole");
    }

    [Fact]
    public void OneToMany_Generator_Reproduces_TaughtSequence()
    {
        var dev = TestDevices.Get("cpu");
        int[] seq = { 1, 3, 5, 2, 5, 7, 4, 6, 2, 0, 3 };
        int T = seq.Length - 1;
        using var model = new TokenGenerator(dev, 8, 6, new RnnOptions(RnnMode.Lstm, 6, 24, Seed: 8), seed: 9);
        using var opt = new Adam(model, new AdamOptions(0.03f));
        using var input = DeviceIndices.FromHost(dev, seq[..^1], T, 1);
        using var target = DeviceIndices.FromHost(dev, seq[1..], T);
        using var dl = DeviceTensor.Uninitialized(dev, T, 1, 8);
        float loss = 0;
        for (int step = 0; step < 150; step++)
        {
            model.ZeroGrad();
            using var logits = model.Forward(input, training: true);
            using var l = Losses.CrossEntropy(logits, target, dl);
            model.Backward(dl);
            opt.Step();
            if (step == 149) loss = l.Read();
        }
        Assert.True(loss < 0.05f, $"generator loss {loss}");
        Assert.Equal(seq[1..], model.Generate(new[] { seq[0] }, T));
    }

    [Fact]
    public void Seq2Seq_Learns_ToReverse_AndDecodesGreedily()
    {
        var dev = TestDevices.Get("cpu");
        const int Ts = 4, B = 24, V = 8, Bos = 1;
        var rng = new Random(54);
        var src = new int[Ts * B];
        for (int i = 0; i < src.Length; i++) src[i] = 2 + rng.Next(V - 2);
        var tgt = new int[Ts * B];
        var decIn = new int[Ts * B];
        for (int t = 0; t < Ts; t++)
            for (int b = 0; b < B; b++)
            {
                tgt[t * B + b] = src[(Ts - 1 - t) * B + b];
                decIn[t * B + b] = t == 0 ? Bos : src[(Ts - t) * B + b];
            }
        using var model = new Seq2Seq(dev, V, V, 8, RnnMode.Gru, 32, seed: 10);
        using var opt = new Adam(model, new AdamOptions(0.02f));
        using var ts = DeviceIndices.FromHost(dev, src, Ts, B);
        using var td = DeviceIndices.FromHost(dev, decIn, Ts, B);
        using var tt = DeviceIndices.FromHost(dev, tgt, Ts * B);
        using var dl = DeviceTensor.Uninitialized(dev, Ts * B, V);
        float loss = 0;
        const int steps = 200;
        for (int step = 0; step < steps; step++)
        {
            model.ZeroGrad();
            using var logits = model.Forward(ts, td, training: true);
            using var l = Losses.CrossEntropy(logits, tt, dl);
            model.Backward(dl);
            opt.Step();
            if (step == steps - 1) loss = l.Read();
        }
        Assert.True(loss < 0.05f, $"seq2seq loss {loss}");
        Assert.Equal(tgt, model.Translate(ts, Bos, Ts));
    }

    /// <summary>Sampling stops after the token being drawn when its token is cancelled (generate's Ctrl+C): the ids so far,
    /// the same as the uncancelled run's first ones.</summary>
    [Fact]
    public void Sample_Cancelled_ReturnsTheTokensSoFar()
    {
        var dev = TestDevices.Get("cpu");
        using var model = new TokenGenerator(dev, 8, 6, new RnnOptions(RnnMode.Lstm, 6, 24, Seed: 8), seed: 9);
        var full = model.Sample(new[] { 1, 2 }, 12, 0.9f, 3);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var cut = model.Sample(new[] { 1, 2 }, 12, 0.9f, 3, cancelled.Token);
        Assert.Equal(full[..1], cut);
    }

    [Fact]
    public void Generator_BatchFirst_TakesBT_Ids_GivesBTV_Logits_AsTheSequenceMajorOnes()
    {
        var dev = TestDevices.Get("cpu");
        const int T = 5, B = 3, V = 8, E = 6, H = 7;
        var ids = Enumerable.Range(0, T * B).Select(i => (i * 5 + 1) % V).ToArray();   // (T, B)
        var bt = new int[T * B];
        for (int t = 0; t < T; t++)
            for (int b = 0; b < B; b++)
                bt[b * T + t] = ids[t * B + b];
        using var seqMajor = new TokenGenerator(dev, V, E, new RnnOptions(RnnMode.Lstm, E, H, Seed: 3), seed: 4);
        using var batchFirst = new TokenGenerator(dev, V, E, new RnnOptions(RnnMode.Lstm, E, H, BatchFirst: true, Seed: 3), seed: 4);
        using var a = seqMajor.Forward(DeviceIndices.FromHost(dev, ids, T, B));
        using var tb = DeviceIndices.FromHost(dev, bt, B, T);
        using var c = batchFirst.Forward(tb, training: true);
        Assert.Equal(new[] { T, B, V }, a.Shape);
        Assert.Equal(new[] { B, T, V }, c.Shape);
        var x = a.ToArray();
        var y = c.ToArray();
        for (int t = 0; t < T; t++)
            for (int b = 0; b < B; b++)
                for (int v = 0; v < V; v++)
                    Assert.Equal(x[(t * B + b) * V + v], y[(b * T + t) * V + v], 5);
        Assert.Null(batchFirst.Backward(c));
        Assert.Equal(seqMajor.Generate(new[] { 1, 2 }, 6), batchFirst.Generate(new[] { 1, 2 }, 6)); // the stream is layout-free
    }
}
