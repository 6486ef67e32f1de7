namespace RnnGpu.Tests;

/// <summary>
/// <see cref="GnmtTranslator"/>: greedy decoding equals the argmax of the teacher-forced logits of its own output; an exhaustive
/// beam (K above every prefix count) finds the best of all translations up to the maximum length, scored from teacher-forced
/// forwards; a returned score equals the normalized log-probability plus the coverage penalty recomputed from the model's
/// attention; sentences of one batch translate as they do alone; input checks.
/// </summary>
[Trait(Suites.Tier, Suites.Kernels)]
public class GnmtTranslatorTests
{
    const int V = 6, Bos = 1, Eos = 2;

    static Gnmt Model(ComputeDevice device, ulong seed)
    {
        var m = new Gnmt(device, new GnmtOptions(V, 8, 2, Dropout: 0f, Seed: seed));
        var rng = new Random((int)seed);
        foreach (var (_, p) in m.NamedParameters) // livelier than U(-0.1, 0.1): distinct outputs per step
            p.Value.CopyFromHost(Numerics.Uniform(rng, p.Value.Length, 0.9f));
        return m;
    }

    /// <summary>Per-step log-probabilities of decoder input [BOS, tokens...] for one source sentence, and the attention rows.</summary>
    static (double[][] LogP, float[] Attention) TeacherForced(Gnmt m, int[] src, int[] tokens)
    {
        var device = m.Device;
        var dec = new[] { Bos }.Concat(tokens).ToArray();
        using var s = DeviceIndices.FromHost(device, src, src.Length, 1);
        using var d = DeviceIndices.FromHost(device, dec, dec.Length, 1);
        using var logits = m.Forward(new Seq2SeqInput(s, d), new ForwardContext());
        var x = logits.ToArray();
        var logp = new double[dec.Length][];
        for (int t = 0; t < dec.Length; t++)
        {
            var row = x.AsSpan(t * V, V).ToArray().Select(v => (double)v).ToArray();
            double mx = row.Max(), z = row.Sum(r => Math.Exp(r - mx));
            logp[t] = row.Select(r => r - mx - Math.Log(z)).ToArray();
        }
        return (logp, m.LastAttention!.ToArray());
    }

    static double Score(Gnmt m, int[] src, int[] tokens, bool ended, BeamSearchOptions o)
    {
        var full = ended ? tokens.Append(Eos).ToArray() : tokens;
        var (logp, att) = TeacherForced(m, src, full[..^1]);
        double sum = 0;
        for (int t = 0; t < full.Length; t++)
            sum += logp[t][full[t]];
        int len = full.Length + 1; // the start id and the end id count
        double norm = Math.Pow((o.LengthConstant + len) / (o.LengthConstant + 1), o.LengthNormalization);
        double pen = 0;
        for (int j = 0; j < src.Length; j++)
        {
            double c = 0;
            for (int t = 0; t < full.Length; t++) c += att[t * src.Length + j];
            if (c > 0) pen += Math.Log(Math.Min(c, 1));
        }
        return sum / norm + o.CoveragePenalty * pen;
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void GreedyIsTheArgmaxOfItsOwnTeacherForcedSteps(string deviceName)
    {
        var device = TestDevices.Get(deviceName);
        using var m = Model(device, 11);
        int[] src = { 3, 4, 5, 3, 5 };
        var o = new BeamSearchOptions(BeamSize: 1, MaxLength: 8, Bos: Bos, Eos: Eos);
        using var s = DeviceIndices.FromHost(device, src, src.Length, 1);
        var tr = new GnmtTranslator(m, o).Translate(s).Single();
        bool ended = tr.Tokens.Length < o.MaxLength;
        var full = ended ? tr.Tokens.Append(Eos).ToArray() : tr.Tokens;
        var (logp, att) = TeacherForced(m, src, full[..^1]);
        for (int t = 0; t < full.Length; t++)
        {
            int arg = Array.IndexOf(logp[t], logp[t].Max());
            Assert.True(arg == full[t], $"step {t}: greedy chose {full[t]}, the teacher-forced argmax is {arg} ({deviceName})");
        }
        Assert.Equal(tr.Tokens.Length * src.Length, tr.Attention.Length);
        Numerics.AssertClose(tr.Attention, att.Take(tr.Attention.Length).Select(x => (double)x).ToArray(), 1e-5, "attention rows");
        Assert.True(Math.Abs(tr.Score - Score(m, src, tr.Tokens, ended, o)) < 1e-4, $"score {tr.Score}");
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void AnExhaustiveBeamFindsTheBestTranslation(string deviceName)
    {
        var device = TestDevices.Get(deviceName);
        using var m = Model(device, 12);
        int[] src = { 4, 3, 5 };
        // no coverage penalty: then a beam wider than every prefix count keeps the best complete translation (see the class)
        var o = new BeamSearchOptions(BeamSize: 64, MaxLength: 3, Bos: Bos, Eos: Eos, CoveragePenalty: 0f);
        using var s = DeviceIndices.FromHost(device, src, src.Length, 1);
        var tr = new GnmtTranslator(m, o).Translate(s).Single();
        double best = double.NegativeInfinity;
        int[] bestTokens = Array.Empty<int>();
        void Visit(int[] prefix)
        {
            // ended here: prefix + EOS, at most MaxLength tokens with the end id
            if (prefix.Length + 1 <= o.MaxLength)
            {
                double sc = Score(m, src, prefix, true, o);
                if (sc > best) { best = sc; bestTokens = prefix; }
            }
            if (prefix.Length == o.MaxLength)
            {
                double sc = Score(m, src, prefix, false, o);
                if (sc > best) { best = sc; bestTokens = prefix; }
                return;
            }
            for (int w = 0; w < V; w++)
                if (w != Eos)
                    Visit(prefix.Append(w).ToArray());
        }
        Visit(Array.Empty<int>());
        Assert.True(Math.Abs(tr.Score - best) < 1e-4, $"beam found [{string.Join(",", tr.Tokens)}] scoring {tr.Score}, the best is [{string.Join(",", bestTokens)}] scoring {best} ({deviceName})");
        Assert.Equal(bestTokens, tr.Tokens);
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void ABatchTranslatesAsItsSentencesDoAloneWithCoverage(string deviceName)
    {
        var device = TestDevices.Get(deviceName);
        using var m = Model(device, 13);
        var o = new BeamSearchOptions(BeamSize: 3, MaxLength: 7, Bos: Bos, Eos: Eos);
        int[][] sents = { new[] { 3, 4, 5, 3, 4 }, new[] { 5, 5 }, new[] { 4, 3, 3, 0, 5 } };
        int ts = sents.Max(x => x.Length);
        var batch = new int[ts * sents.Length];
        for (int b = 0; b < sents.Length; b++)
            for (int t = 0; t < sents[b].Length; t++)
                batch[t * sents.Length + b] = sents[b][t];
        using var sb = DeviceIndices.FromHost(device, batch, ts, sents.Length);
        var translator = new GnmtTranslator(m, o);
        var all = translator.Translate(sb, sents.Select(x => x.Length).ToArray());
        for (int b = 0; b < sents.Length; b++)
        {
            using var one = DeviceIndices.FromHost(device, sents[b], sents[b].Length, 1);
            var alone = translator.Translate(one).Single();
            Assert.Equal(alone.Tokens, all[b].Tokens);
            Assert.True(Math.Abs(alone.Score - all[b].Score) < 1e-4, $"sentence {b}: {alone.Score} alone, {all[b].Score} in the batch");
            bool ended = alone.Tokens.Length < o.MaxLength;
            double expected = Score(m, sents[b], alone.Tokens, ended, o);
            Assert.True(Math.Abs(alone.Score - expected) < 1e-4, $"sentence {b}: score {alone.Score}, recomputed {expected} ({deviceName})");
        }
    }

    /// <summary>Each row's K best next tokens, both kernel paths (the CPU accelerator's host rows and the portable rows GPUs
    /// run), against a host sort: ties keep the first id, K above V pads with -inf.</summary>
    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void RowTopKMatchesASort(string deviceName)
    {
        var device = TestDevices.Get(deviceName);
        var rng = new Random(4);
        foreach (var (rows, v, k) in new[] { (7, 1000, 5), (3, 37, 8), (2, 5, 9) })
        {
            var x = Enumerable.Range(0, rows * v).Select(_ => (float)Math.Round(rng.NextDouble() * 40 - 20, 1)).ToArray(); // ties
            using var logits = DeviceTensor.FromHost(device, x, rows, v);
            foreach (bool portable in new[] { false, true })
            {
                using var scores = DeviceTensor.Zeros(device, rows, k);
                using var words = DeviceIndices.FromHost(device, new int[rows * k], rows * k);
                device.Kernels.BeamRowTopK(logits.View, scores.View, words.View, k, v, portable);
                var s = scores.ToArray();
                var w = words.ToArray();
                for (int r = 0; r < rows; r++)
                {
                    var row = x.AsSpan(r * v, v).ToArray();
                    double mx = row.Max(), lse = mx + Math.Log(row.Sum(z => Math.Exp(z - mx)));
                    var order = Enumerable.Range(0, v).OrderByDescending(i => row[i]).ThenBy(i => i).ToArray();
                    for (int j = 0; j < k; j++)
                    {
                        if (j >= v)
                        {
                            Assert.Equal(float.NegativeInfinity, s[r * k + j]);
                            continue;
                        }
                        Assert.True(order[j] == w[r * k + j], $"row {r} place {j}: id {w[r * k + j]}, expected {order[j]} ({(portable ? "portable" : "device")} path, V = {v})");
                        Assert.True(Math.Abs(s[r * k + j] - (row[order[j]] - lse)) < 1e-4, $"row {r} place {j}: {s[r * k + j]}");
                    }
                }
            }
        }
    }

    [Fact]
    [Trait(Suites.Key, Suites.CpuOnly)]
    public void BadOptionsAndInputAreRefusedByName()
    {
        var device = TestDevices.Get("cpu");
        using var m = Model(device, 1);
        Assert.Contains("BeamSize must be in [1, 64]", Assert.Throws<ArgumentException>(() => new GnmtTranslator(m, new BeamSearchOptions(BeamSize: 0))).Message);
        Assert.Contains("Eos (9)", Assert.Throws<ArgumentException>(() => new GnmtTranslator(m, new BeamSearchOptions(Eos: 9))).Message);
        var t = new GnmtTranslator(m, new BeamSearchOptions(Bos: Bos, Eos: Eos));
        using var s = DeviceIndices.FromHost(device, new[] { 3, 4, 5, 3 }, 2, 2);
        Assert.Contains("lengths[1] = 3 is outside [1, 2]", Assert.Throws<ArgumentException>(() => t.Translate(s, new[] { 2, 3 })).Message);
        Assert.Contains("one per sentence (B = 2)", Assert.Throws<ArgumentException>(() => t.Translate(s, new[] { 2 })).Message);
        using var bad = DeviceIndices.FromHost(device, new[] { 3, 9 }, 1, 2);
        Assert.Contains("9", Assert.Throws<ArgumentException>(() => t.Translate(bad)).Message);
    }
}
