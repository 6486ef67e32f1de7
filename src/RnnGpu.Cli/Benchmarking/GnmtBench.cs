using RnnGpu.Kernels;

namespace RnnGpu.Cli.Benchmarking;

/// <summary>One GNMT benchmark row.</summary>
internal sealed record GnmtResult(int Hidden, int Layers, int Batch, int Seq, int Vocabulary, int Beam, double AttentionRelError,
    double LstmRelError, double TrainMs, double TrainTokensPerSecond, double SearchMs, double SearchSentencesPerSecond, int SearchSteps);

/// <summary>
/// <c>rnngpu bench gnmt</c>: a GNMT v2 training step (forward, label-smoothed loss, backward, clipping, Adam) and a beam
/// search over random ids at H, 4 layers, B sentences of Ts = Td = T tokens; the kernels it times validated first (the
/// attention at H against <see cref="AttentionReference"/>, the LSTM layers at their sizes against the float64 reference),
/// compilation and warm-up never timed. bench/torch_gnmt_bench.py runs the same architecture in PyTorch.
/// </summary>
internal static class GnmtBench
{
    /// <summary>Validates, then times; <paramref name="log"/> gets one line per stage.</summary>
    /// <exception cref="CliException">A kernel disagrees with its reference (exit 3).</exception>
    public static GnmtResult Run(ComputeDevice device, int hidden, int layers, int batch, int seq, int vocabulary, int beam, int reps, TextWriter log)
    {
        double attErr = ValidateAttention(device, hidden);
        double lstmErr = Math.Max(RnnBench.ValidateOrThrow(device, new BenchConfig(RnnMode.Lstm, 2 * hidden, hidden, batch, seq)),
            RnnBench.ValidateOrThrow(device, new BenchConfig(RnnMode.Lstm, hidden, hidden, batch, seq, Bidirectional: true)));
        log.WriteLine($"validated H={hidden}: attention relative error {attErr:0.0E+0}, LSTM layers {lstmErr:0.0E+0} <= {RnnBench.Tolerance:0E+0}");
        using var model = new Gnmt(device, new GnmtOptions(vocabulary, hidden, layers, Dropout: 0.2f, Seed: 1));
        using var adam = new Adam(model, new AdamOptions(1e-3f));
        var rng = new Random(3);
        var src = Enumerable.Range(0, seq * batch).Select(_ => 4 + rng.Next(vocabulary - 4)).ToArray();
        var lengths = Enumerable.Range(0, batch).Select(b => seq - b % 4).ToArray(); // sorted or not, as a batch comes
        for (int b = 0; b < batch; b++)
            for (int t = lengths[b]; t < seq; t++)
                src[t * batch + b] = GnmtOptions.PadId;
        var dec = Enumerable.Range(0, seq * batch).Select(_ => 4 + rng.Next(vocabulary - 4)).ToArray();
        using var source = DeviceIndices.FromHost(device, src, seq, batch);
        using var input = DeviceIndices.FromHost(device, dec, seq, batch);
        using var target = DeviceIndices.FromHost(device, dec, seq * batch);
        void Train() => Trainer.Step(model, new Seq2SeqInput(source, input),
            (y, dy) => Losses.CrossEntropy(y, target, dy, ignoreIndex: GnmtOptions.PadId, labelSmoothing: 0.1f), adam, 5f, lengths);
        Train();
        double train = RnnBench.Median(Train, reps);
        var search = new GnmtTranslator(model, new BeamSearchOptions(BeamSize: beam, MaxLength: seq, Bos: 2, Eos: 3));
        int steps = 0;
        void Search() => steps = search.Translate(source, lengths).Max(t => t.Tokens.Length);
        Search();
        double s = RnnBench.Median(Search, Math.Max(1, reps / 2));
        long tokens = (long)lengths.Sum() + (long)seq * batch;
        return new GnmtResult(hidden, layers, batch, seq, vocabulary, beam, attErr, lstmErr, train * 1e3, tokens / train, s * 1e3, batch / s, steps);
    }

    /// <summary>The attention's forward and backward at width H (B = 2, Tq = 5, Tk = 7, uneven lengths) against the float64
    /// reference: the largest relative error of the context, the weights and every gradient.</summary>
    static double ValidateAttention(ComputeDevice device, int h)
    {
        const int tq = 5, tk = 7, b = 2;
        var rng = new Random(11);
        double[] R(long n, double scale) => Enumerable.Range(0, (int)n).Select(_ => (rng.NextDouble() * 2 - 1) * scale).ToArray();
        var p = new AttentionReferenceParams(AttentionScoreKind.Additive, true, R((long)h * h, 1.0 / Math.Sqrt(h)), R((long)h * h, 1.0 / Math.Sqrt(h)),
            R(h, 0.5), 1.3, R(h, 0.3), h);
        var q = R(tq * b * h, 1);
        var k = R(tk * b * h, 1);
        var dctx = R(tq * b * h, 1);
        int[] lengths = { 7, 4 };
        var (w, ctx) = AttentionReference.Forward(p, q, k, lengths, tq, tk, b, h, h);
        var g = AttentionReference.Backward(p, q, k, lengths, dctx, tq, tk, b, h, h);
        using var attn = new Attention(device, h, h, h);
        var named = attn.NamedParameters.ToDictionary(n => n.Name, n => n.Parameter);
        static float[] F(double[] x) => x.Select(v => (float)v).ToArray();
        named["linear_q.weight"].Value.CopyFromHost(F(p.Wq!));
        named["linear_k.weight"].Value.CopyFromHost(F(p.Wk!));
        named["linear_att"].Value.CopyFromHost(F(p.V!));
        named["normalize_scalar"].Value.CopyFromHost(new[] { (float)p.G });
        named["normalize_bias"].Value.CopyFromHost(F(p.Bias!));
        using var tq_ = DeviceTensor.FromHost(device, F(q), tq, b, h);
        using var tk_ = DeviceTensor.FromHost(device, F(k), tk, b, h);
        using var td = DeviceTensor.FromHost(device, F(dctx), tq, b, h);
        using var r = attn.Forward(tq_, tk_, lengths, training: true);
        var (dq, dk) = attn.Backward(td);
        double err = 0;
        void Check(string what, float[] actual, double[] expected)
        {
            double e = Reference.RelativeError(actual, expected);
            if (!(e <= RnnBench.Tolerance))
                throw new CliException($"attention at H={h} on {device.Info.Spec} disagrees with the float64 reference in {what} " +
                    $"(relative error {e:0.00E+0} > {RnnBench.Tolerance:0E+0}); not timed.", CliApp.ValidationFailed);
            err = Math.Max(err, e);
        }
        using (dq)
        using (dk)
        {
            Check("context", r.Context.ToArray(), ctx);
            Check("weights", r.Weights.ToArray(), w);
            Check("dqueries", dq.ToArray(), g.DQueries);
            Check("dkeys", dk.ToArray(), g.DKeys);
        }
        Check("dW_q", named["linear_q.weight"].Grad.ToArray(), g.DWq!);
        Check("dW_k", named["linear_k.weight"].Grad.ToArray(), g.DWk!);
        Check("dv", named["linear_att"].Grad.ToArray(), g.DV!);
        Check("dbias", named["normalize_bias"].Grad.ToArray(), g.DBias!);
        return err;
    }
}
