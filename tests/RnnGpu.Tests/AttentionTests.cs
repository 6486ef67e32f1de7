using RnnGpu.Kernels;

namespace RnnGpu.Tests;

/// <summary>
/// <see cref="Attention"/> (normalized and plain Bahdanau, Luong dot and general) against <see cref="AttentionReference"/>:
/// the reference's backward against finite differences of its forward; the kernels' weights, context and every gradient
/// against the reference on every accelerator, on the GPU simulator also through the grouped kernels GPUs launch (key
/// positions beyond one group, unit counts off the vector width, per-sequence lengths); one decoding step at a time equal to
/// the training forward's rows; input checks.
/// </summary>
[Trait(Suites.Tier, Suites.Kernels)]
public class AttentionTests
{
    public static IEnumerable<object[]> Scores() =>
        Enum.GetValues<AttentionScore>().Select(s => new object[] { s });

    public static IEnumerable<object[]> DevicesAndScores() =>
        TestDevices.All.SelectMany(d => Scores().Select(s => new[] { d[0], s[0] }));

    static bool[] Paths(string deviceName) =>
        deviceName is "cpu" or TestDevices.CpuSim ? new[] { false, true } : new[] { false };

    static double[] Random(Random rng, long n, double scale) =>
        Enumerable.Range(0, (int)n).Select(_ => (rng.NextDouble() * 2 - 1) * scale).ToArray();

    static AttentionReferenceParams RandomParams(Random rng, AttentionScore score, int nq, int nv, int units)
    {
        return score switch
        {
            AttentionScore.NormalizedBahdanau => new(AttentionScoreKind.Additive, true, Random(rng, (long)units * nq, 0.5),
                Random(rng, (long)units * nv, 0.5), Random(rng, units, 0.5), 0.8 + rng.NextDouble(), Random(rng, units, 0.3), units),
            AttentionScore.Bahdanau => new(AttentionScoreKind.Additive, false, Random(rng, (long)units * nq, 0.5),
                Random(rng, (long)units * nv, 0.5), Random(rng, units, 0.5), 0, new double[units], units),
            AttentionScore.General => new(AttentionScoreKind.Dot, false, Random(rng, (long)nv * nq, 0.5), null, null, 0, null, nv),
            _ => new(AttentionScoreKind.Dot, false, null, null, null, 0, null, nv),
        };
    }

    [Theory]
    [MemberData(nameof(Scores))]
    [Trait(Suites.Key, Suites.CpuOnly)]
    public void ReferenceBackwardMatchesFiniteDifferences(AttentionScore score)
    {
        var rng = new Random(7);
        int tq = 3, tk = 4, b = 2, nv = 5, nq = score == AttentionScore.Dot ? nv : 3, units = 6;
        var p = RandomParams(rng, score, nq, nv, units);
        var q = Random(rng, tq * b * nq, 1);
        var k = Random(rng, tk * b * nv, 1);
        var lengths = new[] { 4, 2 };
        var r = Random(rng, tq * b * nv, 1);
        double Loss(AttentionReferenceParams pp, double[] qq, double[] kk)
        {
            var (_, ctx) = AttentionReference.Forward(pp, qq, kk, lengths, tq, tk, b, nq, nv);
            return ctx.Select((c, i) => c * r[i]).Sum();
        }
        var g = AttentionReference.Backward(p, q, k, lengths, r, tq, tk, b, nq, nv);
        const double h = 1e-6;
        void Check(double[] x, double[] grad, Func<double> loss, string what)
        {
            for (int i = 0; i < x.Length; i++)
            {
                double keep = x[i];
                x[i] = keep + h; double lp = loss();
                x[i] = keep - h; double lm = loss();
                x[i] = keep;
                double fd = (lp - lm) / (2 * h);
                Assert.True(Math.Abs(fd - grad[i]) <= 1e-6 * Math.Max(1, Math.Abs(fd)), $"{what}[{i}]: analytic {grad[i]}, finite differences {fd}");
            }
        }
        Check(q, g.DQueries, () => Loss(p, q, k), "dq");
        Check(k, g.DKeys, () => Loss(p, q, k), "dk");
        if (p.Wq is not null) Check(p.Wq, g.DWq!, () => Loss(p, q, k), "dWq");
        if (p.Wk is not null) Check(p.Wk, g.DWk!, () => Loss(p, q, k), "dWk");
        if (p.V is not null) Check(p.V, g.DV!, () => Loss(p, q, k), "dv");
        if (p.Normalize)
        {
            Check(p.Bias!, g.DBias!, () => Loss(p, q, k), "dbias");
            double keep = p.G;
            double lp = Loss(p with { G = keep + h }, q, k), lm = Loss(p with { G = keep - h }, q, k);
            double fd = (lp - lm) / (2 * h);
            Assert.True(Math.Abs(fd - g.DG) <= 1e-6 * Math.Max(1, Math.Abs(fd)), $"dg: analytic {g.DG}, finite differences {fd}");
        }
    }

    /// <summary>Loads the reference parameters into the module (its names), in float32.</summary>
    static void Load(Attention attn, AttentionReferenceParams p)
    {
        var byName = attn.NamedParameters.ToDictionary(n => n.Name, n => n.Parameter);
        void Set(string name, double[]? value)
        {
            if (value is not null)
                byName[name].Value.CopyFromHost(value.Select(x => (float)x).ToArray());
        }
        if (attn.Score == AttentionScore.General)
            Set("linear_in.weight", p.Wq);
        else
        {
            Set("linear_q.weight", p.Wq);
            Set("linear_k.weight", p.Wk);
            Set("linear_att", p.V);
        }
        if (p.Normalize)
        {
            Set("normalize_scalar", new[] { p.G });
            Set("normalize_bias", p.Bias);
        }
    }

    static void AssertClose(float[] actual, double[] expected, double tol, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = Math.Max(1e-30, expected.Max(Math.Abs));
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(actual[i] - expected[i]) <= tol * scale, $"{what}[{i}] = {actual[i]}, expected {expected[i]} (tolerance {tol} x {scale:G3})");
    }

    static double[] D(float[] x) => x.Select(v => (double)v).ToArray();

    [Theory]
    [MemberData(nameof(DevicesAndScores))]
    public void KernelsMatchTheReference(string deviceName, AttentionScore score)
    {
        var device = TestDevices.Get(deviceName);
        // small rows, then more key positions than a group has threads and units off the vector width
        foreach (var (tq, tk, b, nq, nv, units, seed) in new[] { (3, 5, 2, 4, 6, 7, 1), (6, 7, 3, 6, 6, 6, 3), (4, 300, 3, 9, 37, 45, 2) })
        {
            int nqq = score == AttentionScore.Dot ? nv : nq;
            var rng = new Random(seed);
            var p = RandomParams(rng, score, nqq, nv, units);
            var q = Random(rng, tq * b * nqq, 1).Select(x => (float)x).ToArray();
            var k = Random(rng, tk * b * nv, 1).Select(x => (float)x).ToArray();
            var dctx = Random(rng, tq * b * nv, 1).Select(x => (float)x).ToArray();
            var lengths = Enumerable.Range(0, b).Select(i => i == 0 ? tk : 1 + rng.Next(tk)).ToArray();
            var (wRef, cRef) = AttentionReference.Forward(p, D(q), D(k), lengths, tq, tk, b, nqq, nv);
            var gRef = AttentionReference.Backward(p, D(q), D(k), lengths, D(dctx), tq, tk, b, nqq, nv);
            foreach (bool portable in Paths(deviceName))
            {
                using var attn = new Attention(device, nqq, nv, units, score) { Portable = portable };
                Load(attn, p);
                using var qt = DeviceTensor.FromHost(device, q, tq, b, nqq);
                using var kt = DeviceTensor.FromHost(device, k, tk, b, nv);
                using var dct = DeviceTensor.FromHost(device, dctx, tq, b, nv);
                using var result = attn.Forward(qt, kt, lengths, training: true);
                string at = $"{score} on {deviceName}{(portable ? " (grouped kernels)" : "")}, Tk = {tk}";
                AssertClose(result.Weights.ToArray(), wRef, 1e-5, $"weights, {at}");
                AssertClose(result.Context.ToArray(), cRef, 1e-5, $"context, {at}");
                attn.ZeroGrad();
                var (dq, dk) = attn.Backward(dct);
                using (dq)
                using (dk)
                {
                    AssertClose(dq.ToArray(), gRef.DQueries, 1e-4, $"dqueries, {at}");
                    AssertClose(dk.ToArray(), gRef.DKeys, 1e-4, $"dkeys, {at}");
                }
                var grads = attn.NamedParameters.ToDictionary(n => n.Name, n => n.Parameter.Grad.ToArray());
                if (score == AttentionScore.General)
                    AssertClose(grads["linear_in.weight"], gRef.DWq!, 1e-4, $"dW, {at}");
                if (score is AttentionScore.Bahdanau or AttentionScore.NormalizedBahdanau)
                {
                    AssertClose(grads["linear_q.weight"], gRef.DWq!, 1e-4, $"dWq, {at}");
                    AssertClose(grads["linear_k.weight"], gRef.DWk!, 1e-4, $"dWk, {at}");
                    AssertClose(grads["linear_att"], gRef.DV!, 1e-4, $"dv, {at}");
                }
                if (score == AttentionScore.NormalizedBahdanau)
                {
                    AssertClose(grads["normalize_bias"], gRef.DBias!, 1e-4, $"dbias, {at}");
                    AssertClose(grads["normalize_scalar"], new[] { gRef.DG }, 1e-4, $"dg, {at}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(DevicesAndScores))]
    public void OneStepAtATimeEqualsAllStepsAtOnce(string deviceName, AttentionScore score)
    {
        var device = TestDevices.Get(deviceName);
        int tq = 4, tk = 9, b = 3, nv = 8, nq = score == AttentionScore.Dot ? nv : 5;
        var rng = new Random(3);
        using var attn = new Attention(device, nq, nv, 16, score, seed: 5);
        var q = Random(rng, tq * b * nq, 1).Select(x => (float)x).ToArray();
        using var qt = DeviceTensor.FromHost(device, q, tq, b, nq);
        using var kt = DeviceTensor.FromHost(device, Random(rng, tk * b * nv, 1).Select(x => (float)x).ToArray(), tk, b, nv);
        var lengths = new[] { 9, 4, 1 };
        using var all = attn.Forward(qt, kt, lengths);
        var ctxAll = all.Context.ToArray();
        var wAll = all.Weights.ToArray();
        using var memory = attn.Memory(kt, lengths);
        for (int t = 0; t < tq; t++)
        {
            using var qs = DeviceTensor.FromHost(device, q.AsSpan(t * b * nq, b * nq), 1, b, nq);
            using var step = attn.Forward(qs, memory);
            AssertClose(step.Context.ToArray(), D(ctxAll[(t * b * nv)..((t + 1) * b * nv)]), 1e-6, $"context of step {t}");
            AssertClose(step.Weights.ToArray(), D(wAll[(t * b * tk)..((t + 1) * b * tk)]), 1e-6, $"weights of step {t}");
        }
    }

    [Fact]
    [Trait(Suites.Key, Suites.CpuOnly)]
    public void BadInputIsRefusedByName()
    {
        var device = TestDevices.Get("cpu");
        using var attn = new Attention(device, 4, 6, 8);
        using var q = DeviceTensor.Zeros(device, 2, 3, 4);
        using var k = DeviceTensor.Zeros(device, 5, 3, 6);
        Assert.Contains("lengths[1] = 6 is outside [1, 5]", Assert.Throws<ArgumentException>(() => attn.Forward(q, k, new[] { 5, 6, 1 })).Message);
        Assert.Contains("lengths[2] = 0", Assert.Throws<ArgumentException>(() => attn.Forward(q, k, new[] { 5, 5, 0 })).Message);
        Assert.Contains("one per sequence (B = 3)", Assert.Throws<ArgumentException>(() => attn.Forward(q, k, new[] { 5 })).Message);
        using var kBad = DeviceTensor.Zeros(device, 5, 3, 7);
        Assert.Contains("keys has shape (5, 3, 7), expected (Tk, B, 6)", Assert.Throws<ArgumentException>(() => attn.Forward(q, kBad)).Message);
        using var qBad = DeviceTensor.Zeros(device, 2, 2, 4);
        Assert.Contains("queries has shape (2, 2, 4), expected (Tq, 3, 4)", Assert.Throws<ArgumentException>(() => attn.Forward(qBad, k)).Message);
        using var dctx = DeviceTensor.Zeros(device, 2, 3, 6);
        Assert.Contains("Attention", Assert.Throws<InvalidOperationException>(() => attn.Backward(dctx)).Message);
        Assert.Contains("Dot score needs queries and keys of one width",
            Assert.Throws<ArgumentException>(() => new Attention(device, 4, 6, 8, AttentionScore.Dot)).Message);
        using var other = new Attention(device, 4, 6, 8);
        using var memory = other.Memory(k);
        Assert.Contains("another Attention", Assert.Throws<ArgumentException>(() => attn.Forward(q, memory)).Message);
    }
}
