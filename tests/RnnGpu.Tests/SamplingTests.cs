using RnnGpu.Kernels;

namespace RnnGpu.Tests;

/// <summary>Temperature sampling: the kernel against its float64 reference, its distribution against softmax(logits / T),
/// and <see cref="TokenGenerator.Sample"/> against a float64 reference of the whole model.</summary>
public class SamplingTests
{
    static readonly double[] Logits6 = { 1.0, 0.5, -0.3, 2.0, 0.0, -1.2 };

    static double[] Softmax(double[] x, double t)
    {
        double m = x.Max();
        var p = x.Select(v => Math.Exp((v - m) / t)).ToArray();
        double s = p.Sum();
        return p.Select(v => v / s).ToArray();
    }

    /// <summary>Pearson's chi-square of observed counts against probabilities p.</summary>
    static double ChiSquare(int[] counts, double[] p)
    {
        double n = counts.Sum(), chi = 0;
        for (int j = 0; j < p.Length; j++)
        {
            double e = n * p[j];
            chi += (counts[j] - e) * (counts[j] - e) / e;
        }
        return chi;
    }

    // Six classes, five degrees of freedom: P(chi2 > 25) is about 1.4e-4 for the right distribution. The draws are fixed
    // by the seeds, so the test is deterministic; the bound is loose enough for any correct hash and tight enough that a
    // temperature off by 25% (or multiplied instead of divided, or ignored) fails by a wide margin (asserted below).
    const double ChiBound = 25;

    static void AssertFollowsSoftmax(int[] counts, double t, string what)
    {
        double chi = ChiSquare(counts, Softmax(Logits6, t));
        Assert.True(chi < ChiBound, $"{what}: chi-square {chi:F1} >= {ChiBound} against softmax(logits / {t}); counts {string.Join(", ", counts)}");
        // Wrong formulas: a temperature off by 25%, and for T != 1 the temperature ignored (1) or multiplied in (1 / T).
        var wrongs = new List<double> { t * 1.25, t / 1.25 };
        if (t != 1)
            wrongs.AddRange(new[] { 1.0, 1 / t });
        foreach (double wrong in wrongs)
        {
            double chiWrong = ChiSquare(counts, Softmax(Logits6, wrong));
            Assert.True(chiWrong > 4 * ChiBound, $"{what}: the bound cannot tell T = {t} from T = {wrong} (chi-square {chiWrong:F1})");
        }
    }

    [Theory]
    [MemberData(nameof(TestDevices.Real), MemberType = typeof(TestDevices))]
    public void SampleRows_MatchesFloat64Reference_IdForId(string deviceName)
    {
        var dev = TestDevices.Get(deviceName);
        var rng = new Random(61);
        var draws = new (ulong Seed, int Step)[] { (0, 0), (12345, 7), (0xDEADBEEFCAFEF00D, 1) };
        foreach (var (n, c) in new[] { (1, 1), (7, 5), (129, 33), (3, 1000) })
        {
            float[] x = Numerics.Uniform(rng, n * c, 4f);
            var xd = Numerics.ToDouble(x);
            using var tx = DeviceTensor.FromHost(dev, x, n, c);
            var poison = Enumerable.Repeat(-1, n).ToArray(); // an unwritten id fails
            int notArgmax = 0;
            foreach (float t in new[] { 1f, 0.5f, 2.5f, 1e-3f, 0f })
                foreach (var (seed, step) in draws)
                {
                    using var ids = DeviceIndices.FromHost(dev, poison, n);
                    Sampling.Sample(tx, ids, t, seed, step);
                    var got = ids.ToArray();
                    var want = ModelReference.SampleRows(xd, c, t, seed, step);
                    Assert.True(want.SequenceEqual(got), $"{n}x{c} T={t} seed={seed} step={step}: ids {string.Join(",", got)} vs reference {string.Join(",", want)}");
                    if (t == 1f)
                        notArgmax += got.Zip(ModelReference.ArgmaxRows(xd, c)).Count(p => p.First != p.Second);
                }
            if (c >= 5)
                Assert.True(notArgmax > 0, $"{n}x{c}: T = 1 never left the argmax: not sampling");
        }
    }

    [Theory]
    [MemberData(nameof(TestDevices.Real), MemberType = typeof(TestDevices))]
    public void SampleRows_Frequencies_FollowSoftmaxOverTemperature(string deviceName)
    {
        var dev = TestDevices.Get(deviceName);
        const int rows = 5000, c = 6;
        var x = Enumerable.Range(0, rows).SelectMany(_ => Logits6.Select(v => (float)v)).ToArray();
        using var tx = DeviceTensor.FromHost(dev, x, rows, c);
        using var ids = DeviceIndices.Uninitialized(dev, rows);
        foreach (float t in new[] { 1f, 0.5f })
        {
            var counts = new int[c];
            for (ulong seed = 1; seed <= 4; seed++) // 20000 draws: rows and seeds both vary the hash
            {
                Sampling.Sample(tx, ids, t, seed, step: 3);
                foreach (int id in ids.ToArray())
                    counts[id]++;
            }
            AssertFollowsSoftmax(counts, t, $"device T={t}");
        }
    }

    [Fact]
    public void SampleRowsReference_Frequencies_OverSeeds_FollowSoftmaxOverTemperature()
    {
        foreach (double t in new[] { 1.0, 0.5 })
        {
            var counts = new int[Logits6.Length];
            for (ulong seed = 0; seed < 20000; seed++)
                counts[ModelReference.SampleRows(Logits6, Logits6.Length, t, seed, step: 0)[0]]++;
            AssertFollowsSoftmax(counts, t, $"reference T={t}");
        }
    }

    [Theory]
    [MemberData(nameof(TestDevices.Real), MemberType = typeof(TestDevices))]
    public void SampleRows_SmallTemperature_IsArgmax_ZeroIsFirstMaximum(string deviceName)
    {
        var dev = TestDevices.Get(deviceName);
        var rng = new Random(62);
        const int n = 33, c = 17;
        // Each row a shuffled ladder 0, 0.1, ..., 1.6: gaps of 0.1 / T = 100 at T = 1e-3 exceed any Gumbel spread
        // (the draws lie in [-2.9, 17.4]); 1e-30 would overflow x / T without the max shift.
        var x = new float[n * c];
        for (int r = 0; r < n; r++)
        {
            var ladder = Enumerable.Range(0, c).Select(j => j * 0.1f).OrderBy(_ => rng.Next()).ToArray();
            ladder.CopyTo(x, r * c);
        }
        var argmax = ModelReference.ArgmaxRows(Numerics.ToDouble(x), c);
        using var tx = DeviceTensor.FromHost(dev, x, n, c);
        using var ids = DeviceIndices.Uninitialized(dev, n);
        foreach (float t in new[] { 1e-3f, 1e-30f, 0f })
            for (ulong seed = 0; seed < 5; seed++)
            {
                Sampling.Sample(tx, ids, t, seed, (int)seed);
                Assert.Equal(argmax, ids.ToArray());
            }
        // Higher temperatures leave the argmax more often: T = 0.05 sometimes, T = 1 mostly.
        Sampling.Sample(tx, ids, 1f, 9);
        Assert.True(ids.ToArray().Zip(argmax).Count(p => p.First != p.Second) > n / 2);
        // T = 0 is ArgmaxRows: the first of tied maxima, whatever the seed
        using var tied = DeviceTensor.FromHost(dev, new float[] { 3, 5, 5, -1, -1, -1 }, 2, 3);
        using var two = DeviceIndices.Uninitialized(dev, 2);
        Sampling.Sample(tied, two, 0f, 77, 5);
        Assert.Equal(new[] { 1, 0 }, two.ToArray());
    }

    [Fact]
    public void Sample_BadInputs_ClearMessages()
    {
        var dev = TestDevices.Get("cpu");
        using var x = DeviceTensor.Zeros(dev, 3, 4);
        using var ids = DeviceIndices.Uninitialized(dev, 3);
        foreach (float t in new[] { -0.5f, float.NaN, float.PositiveInfinity })
        {
            var ex = Assert.Throws<ArgumentException>(() => Sampling.Sample(x, ids, t, 1));
            Assert.Equal("temperature", ex.ParamName);
            Assert.Contains("finite number >= 0", ex.Message);
        }
        using var wrong = DeviceIndices.Uninitialized(dev, 4);
        var e2 = Assert.Throws<ArgumentException>(() => Sampling.Sample(x, wrong, 1f, 1));
        Assert.Contains("(4)", e2.Message);
        Assert.Contains("(3, 4)", e2.Message);
        var e3 = Assert.Throws<ArgumentException>(() => Sampling.Sample(x, ids, 1f, 1, step: -1));
        Assert.Equal("step", e3.ParamName);
        using var flat = DeviceTensor.Zeros(dev, 12);
        Assert.Throws<ArgumentException>(() => Sampling.Sample(flat, ids, 1f, 1));
    }

    // ---- TokenGenerator.Sample

    static TokenGenerator Model(ComputeDevice dev, RnnMode mode, int layers = 2) =>
        new(dev, 11, 5, new RnnOptions(mode, 5, 9, layers, Seed: 21), seed: 22);

    /// <summary>Float64 decoding of the whole model (embedding, recurrent reference stepped one token at a time with its
    /// states carried, linear head, <see cref="ModelReference.SampleRows"/>): prompt (P, B) row-major; returns (steps, B).</summary>
    static int[] ReferenceDecode(TokenGenerator m, int[] prompt, int batch, int steps, double temperature, ulong seed)
    {
        int V = m.Embedding.Vocabulary, E = m.Embedding.Dim, H = m.Rnn.Options.HiddenSize;
        var emb = Numerics.ToDouble(m.Embedding.Weight.Value.ToArray());
        var fw = Numerics.ToDouble(m.Fc.Weight.Value.ToArray());
        var fb = Numerics.ToDouble(m.Fc.Bias!.Value.ToArray());
        var rnn = new RnnReference(m.Rnn.Options.Mode, m.Rnn.Layers, false, E, H, RnnTests.ReferenceWeights(m.Rnn));
        double[]? h = null, c = null;
        double[] y = Array.Empty<double>();
        void Step(int[] ids)
        {
            var (o, hn, cn) = rnn.Forward(ModelReference.EmbeddingForward(ids, emb, E), 1, batch, null, h, c);
            (y, h, c) = (o, hn, cn);
        }
        for (int t = 0; t < prompt.Length / batch; t++)
            Step(prompt[(t * batch)..((t + 1) * batch)]);
        var result = new List<int>();
        for (int s = 0; s < steps; s++)
        {
            var ids = ModelReference.SampleRows(ModelReference.LinearForward(y, fw, fb, batch, H, V), V, temperature, seed, s);
            result.AddRange(ids);
            if (s + 1 < steps)
                Step(ids);
        }
        return result.ToArray();
    }

    [Theory]
    [InlineData(RnnMode.Lstm)]
    [InlineData(RnnMode.Gru)]
    [InlineData(RnnMode.RnnTanh)]
    public void Sample_TemperatureZero_IsGreedy_MatchesFloat64Model_AndGenerate(RnnMode mode)
    {
        var dev = TestDevices.Get("cpu");
        using var m = Model(dev, mode);
        int[] prompt = { 3, 7, 0, 10 };
        var got = m.Sample(prompt, 12, 0f, seed: 5);
        Assert.Equal(ReferenceDecode(m, prompt, 1, 12, 0, 0), got);
        Assert.Equal(got, m.Sample(prompt, 12, 0f, seed: 6)); // greedy ignores the seed
        // one-token prompt: the existing greedy Generate
        Assert.Equal(m.Generate(new[] { 4 }, 9), m.Sample(new[] { 4 }, 9, 0f, seed: 1));
        // (P, B) prompts: each column is its own greedy continuation
        int[] prompts = { 3, 1, 7, 2, 0, 9, 10, 5 }; // P = 4, B = 2
        Assert.Equal(ReferenceDecode(m, prompts, 2, 6, 0, 0), m.SampleBatch(prompts, 2, 6, 0f, 0));
    }

    [Theory]
    [InlineData(RnnMode.Lstm)]
    [InlineData(RnnMode.Gru)]
    public void Sample_WithTemperature_DrawsAsTheFloat64Model_Deterministic(RnnMode mode)
    {
        var dev = TestDevices.Get("cpu");
        using var m = Model(dev, mode);
        int[] prompt = { 2, 8, 8 };
        var got = m.Sample(prompt, 20, 0.8f, seed: 42);
        Assert.Equal(ReferenceDecode(m, prompt, 1, 20, 0.8f, 42), got);
        Assert.Equal(got, m.Sample(prompt, 20, 0.8f, seed: 42));
        int[] prompts = { 2, 5, 9, 8, 1, 1 }; // P = 2, B = 3
        Assert.Equal(ReferenceDecode(m, prompts, 3, 10, 1.5f, 43), m.SampleBatch(prompts, 3, 10, 1.5f, 43));
    }

    [Fact]
    public void Sample_FlatLogits_SeedsDiffer_SameSeedRepeats_ZeroTemperatureTakesFirst()
    {
        var dev = TestDevices.Get("cpu");
        using var m = Model(dev, RnnMode.Lstm, layers: 1);
        m.Fc.Weight.Value.CopyFromHost(new float[11 * 9]);
        m.Fc.Bias!.Value.CopyFromHost(new float[11]); // every logit 0: uniform over the 11 ids at any T > 0
        int[] prompt = { 1, 2 };
        var a = m.Sample(prompt, 40, 1f, seed: 7);
        Assert.Equal(a, m.Sample(prompt, 40, 1f, seed: 7));
        var b = m.Sample(prompt, 40, 1f, seed: 8);
        Assert.NotEqual(a, b);
        Assert.True(a.Distinct().Count() >= 6, $"40 uniform draws over 11 ids gave only {a.Distinct().Count()} distinct ids");
        Assert.All(m.Sample(prompt, 5, 0f, seed: 7), id => Assert.Equal(0, id));
        // the rows of a batch draw independently
        var batch = m.SampleBatch(new[] { 1, 1 }, 2, 30, 1f, 7);
        Assert.False(Enumerable.Range(0, 30).All(s => batch[2 * s] == batch[2 * s + 1]));
    }

    [Fact]
    public void Sample_Generate_Translate_RefuseBadArguments_WithClearMessages()
    {
        var dev = TestDevices.Get("cpu");
        using var m = Model(dev, RnnMode.Gru, layers: 1);
        var e = Assert.Throws<ArgumentException>(() => m.Sample(Array.Empty<int>(), 3, 1f, 0));
        Assert.Equal("prompt", e.ParamName);
        Assert.Contains("empty", e.Message);
        foreach (int bad in new[] { -1, 11, 1000 })
        {
            e = Assert.Throws<ArgumentException>(() => m.Sample(new[] { 0, bad }, 3, 1f, 0));
            Assert.Equal("prompt", e.ParamName);
            Assert.Contains($"prompt[1] = {bad}", e.Message);
            Assert.Contains("[0, 11)", e.Message);
        }
        e = Assert.Throws<ArgumentException>(() => m.Sample(new[] { 1 }, 0, 1f, 0));
        Assert.Equal("steps", e.ParamName);
        Assert.Contains("got 0", e.Message);
        foreach (float t in new[] { -1f, float.NaN, float.NegativeInfinity, float.PositiveInfinity })
        {
            e = Assert.Throws<ArgumentException>(() => m.Sample(new[] { 1 }, 3, t, 0));
            Assert.Equal("temperature", e.ParamName);
        }
        e = Assert.Throws<ArgumentException>(() => m.SampleBatch(new[] { 1, 2, 3 }, 2, 3, 1f, 0));
        Assert.Equal("batch", e.ParamName);
        Assert.Contains("B = 2", e.Message);
        e = Assert.Throws<ArgumentException>(() => m.SampleBatch(new[] { 1, 2, 11 }, 3, 3, 1f, 0));
        Assert.Contains("prompts[2] = 11", e.Message);
        e = Assert.Throws<ArgumentException>(() => m.Generate(new[] { 12 }, 3));
        Assert.Equal("start", e.ParamName);
        Assert.Contains("start[0] = 12", e.Message);
        Assert.Contains("vocabulary of size 11", e.Message);

        using var s2s = new Seq2Seq(dev, 6, 7, 4, RnnMode.Gru, 8, seed: 3);
        using var src = DeviceIndices.FromHost(dev, new[] { 1, 2, 3 }, 3, 1);
        e = Assert.Throws<ArgumentException>(() => s2s.Translate(src, 7, 2));
        Assert.Equal("bos", e.ParamName);
        Assert.Contains("bos = 7", e.Message);
        Assert.Contains("[0, 7)", e.Message);
        Assert.Equal(2, s2s.Translate(src, 6, 2).Length);
    }
}
