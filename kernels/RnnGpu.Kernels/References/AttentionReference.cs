namespace RnnGpu.Kernels;

/// <summary>The parameters of one attention in float64 for <see cref="AttentionReference"/>: the query projection Wq (N, Nq)
/// (additive and general), the key projection Wk (N, Nv) (additive), the score vector v (N), its scale g and the bias (N)
/// (additive); null where the score has none.</summary>
/// <param name="Score">Score kind.</param>
/// <param name="Normalize">Additive only: v' = g v / ||v|| instead of v.</param>
/// <param name="Wq">Wq: (N, Nq), or null (dot).</param>
/// <param name="Wk">Wk: (N, Nv), or null (dot, general).</param>
/// <param name="V">v: (N), or null.</param>
/// <param name="G">g (normalized).</param>
/// <param name="Bias">bias: (N), or null.</param>
/// <param name="N">Units N (dot and general: Nv).</param>
public sealed record AttentionReferenceParams(AttentionScoreKind Score, bool Normalize, double[]? Wq, double[]? Wk, double[]? V,
    double G, double[]? Bias, int N);

/// <summary>The gradients <see cref="AttentionReference.Backward"/> returns (null where the parameter is absent).</summary>
/// <param name="DQueries">(Tq, B, Nq).</param>
/// <param name="DKeys">(Tk, B, Nv).</param>
/// <param name="DWq">(N, Nq).</param>
/// <param name="DWk">(N, Nv).</param>
/// <param name="DV">(N).</param>
/// <param name="DG">scalar.</param>
/// <param name="DBias">(N).</param>
public sealed record AttentionReferenceGrads(double[] DQueries, double[] DKeys, double[]? DWq, double[]? DWk, double[]? DV, double DG,
    double[]? DBias);

/// <summary>
/// Float64 reference of an attention layer as <c>Attention</c> runs it on <see cref="AttentionKernels"/>, written directly
/// from the formulas: additive (Bahdanau) score(q, k) = v' . tanh(Wq q + Wk k + bias) with v' = g v / ||v|| when normalized
/// (GNMT v2), dot score q . k, general (Wq q) . k; softmax over the key positions below each sequence's length; context =
/// sum of weights x keys (the keys are also the values). The backward is the chain rule written out per term, checked by
/// finite differences of <see cref="Forward"/> in the tests.
/// </summary>
public static class AttentionReference
{
    /// <summary>Weights (Tq, B, Tk) and context (Tq, B, Nv).</summary>
    /// <param name="p">Parameters.</param>
    /// <param name="q">queries: (Tq, B, Nq).</param>
    /// <param name="k">keys: (Tk, B, Nv).</param>
    /// <param name="lengths">Key lengths (B), each in [1, Tk].</param>
    /// <param name="tq">Tq.</param>
    /// <param name="tk">Tk.</param>
    /// <param name="b">B.</param>
    /// <param name="nq">Nq.</param>
    /// <param name="nv">Nv.</param>
    public static (double[] Weights, double[] Context) Forward(AttentionReferenceParams p, ReadOnlySpan<double> q, ReadOnlySpan<double> k,
        ReadOnlySpan<int> lengths, int tq, int tk, int b, int nq, int nv)
    {
        var (pq, pk, ve) = Project(p, q, k, tq, tk, b, nq, nv);
        var w = new double[(long)tq * b * tk];
        var ctx = new double[(long)tq * b * nv];
        int n = p.N;
        for (int t = 0; t < tq; t++)
            for (int bb = 0; bb < b; bb++)
            {
                int r = t * b + bb, len = lengths[bb];
                var s = new double[len];
                double m = double.NegativeInfinity;
                for (int j = 0; j < len; j++)
                {
                    s[j] = Score(p, pq, pk, ve, r, j * b + bb, n);
                    m = Math.Max(m, s[j]);
                }
                double z = 0;
                for (int j = 0; j < len; j++) z += Math.Exp(s[j] - m);
                for (int j = 0; j < len; j++)
                {
                    double wj = Math.Exp(s[j] - m) / z;
                    w[(long)r * tk + j] = wj;
                    for (int u = 0; u < nv; u++)
                        ctx[(long)r * nv + u] += wj * k[(j * b + bb) * nv + u];
                }
            }
        return (w, ctx);
    }

    /// <summary>The gradients of sum(context * dcontext) with respect to the queries, keys and parameters.</summary>
    /// <param name="p">Parameters.</param>
    /// <param name="q">queries: (Tq, B, Nq).</param>
    /// <param name="k">keys: (Tk, B, Nv).</param>
    /// <param name="lengths">Key lengths (B).</param>
    /// <param name="dcontext">dL/dcontext: (Tq, B, Nv).</param>
    /// <param name="tq">Tq.</param>
    /// <param name="tk">Tk.</param>
    /// <param name="b">B.</param>
    /// <param name="nq">Nq.</param>
    /// <param name="nv">Nv.</param>
    public static AttentionReferenceGrads Backward(AttentionReferenceParams p, ReadOnlySpan<double> q, ReadOnlySpan<double> k,
        ReadOnlySpan<int> lengths, ReadOnlySpan<double> dcontext, int tq, int tk, int b, int nq, int nv)
    {
        var (w, _) = Forward(p, q, k, lengths, tq, tk, b, nq, nv);
        var (pq, pk, ve) = Project(p, q, k, tq, tk, b, nq, nv);
        int n = p.N;
        var dk = new double[(long)tk * b * nv];
        var dpq = new double[(long)tq * b * n];
        var dpk = new double[(long)tk * b * n];
        var dve = new double[n];
        var dbias = new double[n];
        for (int t = 0; t < tq; t++)
            for (int bb = 0; bb < b; bb++)
            {
                int r = t * b + bb, len = lengths[bb];
                var dw = new double[len];
                double sum = 0;
                for (int j = 0; j < len; j++)
                {
                    int c = j * b + bb;
                    for (int u = 0; u < nv; u++)
                    {
                        dw[j] += dcontext[r * nv + u] * k[c * nv + u];
                        dk[(long)c * nv + u] += w[(long)r * tk + j] * dcontext[r * nv + u];
                    }
                    sum += w[(long)r * tk + j] * dw[j];
                }
                for (int j = 0; j < len; j++)
                {
                    int c = j * b + bb;
                    double ds = w[(long)r * tk + j] * (dw[j] - sum);
                    for (int u = 0; u < n; u++)
                    {
                        if (p.Score == AttentionScoreKind.Additive)
                        {
                            double th = Math.Tanh(pq[(long)r * n + u] + pk[(long)c * n + u] + p.Bias![u]);
                            double da = ds * ve[u] * (1 - th * th);
                            dpq[(long)r * n + u] += da;
                            dpk[(long)c * n + u] += da;
                            dbias[u] += da;
                            dve[u] += ds * th;
                        }
                        else
                        {
                            dpq[(long)r * n + u] += ds * pk[(long)c * n + u];
                            dpk[(long)c * n + u] += ds * pq[(long)r * n + u];
                        }
                    }
                }
            }
        // through the projections: pq = q Wq^T (or q), pk = k Wk^T (or k)
        var dq = new double[(long)tq * b * nq];
        double[]? dwq = p.Wq is null ? null : new double[(long)n * nq];
        for (int r = 0; r < tq * b; r++)
            for (int u = 0; u < n; u++)
            {
                double g = dpq[(long)r * n + u];
                if (p.Wq is null) { dq[(long)r * nq + u] += g; continue; }
                for (int i = 0; i < nq; i++)
                {
                    dq[(long)r * nq + i] += g * p.Wq[(long)u * nq + i];
                    dwq![(long)u * nq + i] += g * q[r * nq + i];
                }
            }
        double[]? dwk = p.Wk is null ? null : new double[(long)n * nv];
        for (int c = 0; c < tk * b; c++)
            for (int u = 0; u < n; u++)
            {
                double g = dpk[(long)c * n + u];
                if (p.Wk is null) { dk[(long)c * nv + u] += g; continue; }
                for (int i = 0; i < nv; i++)
                {
                    dk[(long)c * nv + i] += g * p.Wk[(long)u * nv + i];
                    dwk![(long)u * nv + i] += g * k[c * nv + i];
                }
            }
        double[]? dv = null;
        double dg = 0;
        if (p.Score == AttentionScoreKind.Additive)
        {
            dv = new double[n];
            if (p.Normalize)
            {
                double ss = 0, dot = 0;
                for (int u = 0; u < n; u++) { ss += p.V![u] * p.V[u]; dot += p.V[u] * dve[u]; }
                double norm = Math.Sqrt(ss);
                dg = dot / norm;
                for (int u = 0; u < n; u++)
                    dv[u] = p.G / norm * (dve[u] - p.V![u] * dot / ss);
            }
            else
                Array.Copy(dve, dv, n);
        }
        return new AttentionReferenceGrads(dq, dk, dwq, dwk, dv, dg, p.Score == AttentionScoreKind.Additive ? dbias : null);
    }

    static double Score(AttentionReferenceParams p, double[] pq, double[] pk, double[] ve, int r, int c, int n)
    {
        double s = 0;
        for (int u = 0; u < n; u++)
            s += p.Score == AttentionScoreKind.Additive
                ? ve[u] * Math.Tanh(pq[(long)r * n + u] + pk[(long)c * n + u] + p.Bias![u])
                : pq[(long)r * n + u] * pk[(long)c * n + u];
        return s;
    }

    static (double[] Pq, double[] Pk, double[] VEff) Project(AttentionReferenceParams p, ReadOnlySpan<double> q, ReadOnlySpan<double> k,
        int tq, int tk, int b, int nq, int nv)
    {
        int n = p.N;
        var pq = Linear(q, p.Wq, tq * b, nq, n);
        var pk = Linear(k, p.Wk, tk * b, nv, n);
        var ve = new double[n];
        if (p.V is not null)
        {
            double f = 1;
            if (p.Normalize)
            {
                double ss = 0;
                foreach (var x in p.V) ss += x * x;
                f = p.G / Math.Sqrt(ss);
            }
            for (int u = 0; u < n; u++) ve[u] = f * p.V[u];
        }
        return (pq, pk, ve);
    }

    static double[] Linear(ReadOnlySpan<double> x, double[]? w, int rows, int inF, int outF)
    {
        if (w is null)
            return x.ToArray();
        var y = new double[(long)rows * outF];
        for (int r = 0; r < rows; r++)
            for (int o = 0; o < outF; o++)
            {
                double s = 0;
                for (int i = 0; i < inF; i++) s += x[r * inF + i] * w[(long)o * inF + i];
                y[(long)r * outF + o] = s;
            }
        return y;
    }
}
