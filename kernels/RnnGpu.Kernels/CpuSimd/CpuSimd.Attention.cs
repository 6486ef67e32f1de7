using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using ILGPU;
using ILGPU.Runtime;

namespace RnnGpu.Kernels;

internal static unsafe partial class CpuSimd
{
    // ---- Attention on the CPU accelerator: the sums of AttentionKernels, a query row (or key row) per item, the units
    // 16 (or 8) at a time with the vector tanh; the scored keys and values read as stored (rows of N and Nv contiguous).

    [ThreadStatic] static float[]? attentionScratch;

    /// <summary>The host addresses of an <see cref="AttentionViews"/> (null for an empty view).</summary>
    readonly struct AttentionPointers
    {
        public readonly float* Pq, Sk, Values, VEff, Bias, Weights, Context, DContext, DScore, DPq, DvPart, DSk, DValues;
        public readonly int* Lengths;

        public AttentionPointers(in AttentionViews v)
        {
            Pq = Address(v.Pq); Sk = Address(v.Sk); Values = Address(v.Values); VEff = Address(v.VEff); Bias = Address(v.Bias);
            Weights = Address(v.Weights); Context = Address(v.Context); DContext = Address(v.DContext); DScore = Address(v.DScore);
            DPq = Address(v.DPq); DvPart = Address(v.DvPart); DSk = Address(v.DSk); DValues = Address(v.DValues);
            Lengths = IntAddress(v.Lengths);
        }
    }

    static float[] AttentionScratch(int n)
    {
        var s = attentionScratch;
        if (s is null || s.Length < n)
            attentionScratch = s = new float[Math.Max(n, 256)];
        return s;
    }

    /// <summary>Query rows [first, end) of <see cref="AttentionKernels.ForwardCpu"/>.</summary>
    [ILGPU.Frontend.External("rnngpu_cpu_attention_fwd")]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AttentionForward(int first, int end, AttentionViews v, AttentionArgs a)
    {
        var p = new AttentionPointers(v);
        float* ppq = p.Pq, psk = p.Sk, pv = p.Values, pve = p.VEff, pb = p.Bias, pw = p.Weights, pc = p.Context;
        int* pl = p.Lengths;
        int n = a.N, nv = a.Nv;
        bool additive = a.Score == (int)AttentionScoreKind.Additive;
        fixed (float* x = AttentionScratch(n))
        {
            for (int r = first; r < end; r++)
            {
                int b = r % a.B, len = pl[b];
                float* q = ppq + (long)r * n, w = pw + (long)r * a.Tk, ctx = pc + (long)r * nv;
                if (additive)
                    for (int u = 0; u < n; u++)
                        x[u] = q[u] + pb[u];
                float m = float.NegativeInfinity;
                for (int tk = 0; tk < len; tk++)
                {
                    float* k = psk + ((long)tk * a.B + b) * n;
                    float s = additive ? TanhDot(x, k, pve, n) : Dot(q, k, n);
                    w[tk] = s;
                    m = MathF.Max(m, s);
                }
                float z = 0f;
                for (int tk = 0; tk < len; tk++)
                {
                    float e = MathF.Exp(w[tk] - m);
                    w[tk] = e;
                    z += e;
                }
                float inv = 1f / z;
                for (int tk = 0; tk < a.Tk; tk++)
                    w[tk] = tk < len ? w[tk] * inv : 0f;
                new Span<float>(ctx, nv).Clear();
                for (int tk = 0; tk < len; tk++)
                    Axpy(w[tk], pv + ((long)tk * a.B + b) * nv, ctx, nv);
            }
        }
    }

    /// <summary>Query rows [first, end) of <see cref="AttentionKernels.BackwardQueriesCpu"/>.</summary>
    [ILGPU.Frontend.External("rnngpu_cpu_attention_bwd_q")]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AttentionBackwardQueries(int first, int end, AttentionViews v, AttentionArgs a)
    {
        var p = new AttentionPointers(v);
        float* ppq = p.Pq, psk = p.Sk, pv = p.Values, pve = p.VEff, pb = p.Bias, pw = p.Weights, pdc = p.DContext, pds = p.DScore;
        float* pdq = p.DPq, pdv = p.DvPart;
        int* pl = p.Lengths;
        int n = a.N, nv = a.Nv;
        bool additive = a.Score == (int)AttentionScoreKind.Additive;
        fixed (float* x = AttentionScratch(n))
        {
            for (int r = first; r < end; r++)
            {
                int b = r % a.B, len = pl[b];
                float* w = pw + (long)r * a.Tk, ds = pds + (long)r * a.Tk, dc = pdc + (long)r * nv;
                float sum = 0f;
                for (int tk = 0; tk < len; tk++)
                {
                    float dw = Dot(dc, pv + ((long)tk * a.B + b) * nv, nv);
                    ds[tk] = dw;
                    sum += w[tk] * dw;
                }
                for (int tk = 0; tk < a.Tk; tk++)
                    ds[tk] = tk < len ? w[tk] * (ds[tk] - sum) : 0f;
                float* q = ppq + (long)r * n, dq = pdq + (long)r * n;
                new Span<float>(dq, n).Clear();
                if (additive)
                {
                    float* dv = pdv + (long)r * n;
                    new Span<float>(dv, n).Clear();
                    for (int u = 0; u < n; u++)
                        x[u] = q[u] + pb[u];
                    for (int tk = 0; tk < len; tk++)
                        TanhGrads(ds[tk], x, psk + ((long)tk * a.B + b) * n, dq, dv, n);
                    for (int u = 0; u < n; u++)
                        dq[u] *= pve[u];
                }
                else
                {
                    for (int tk = 0; tk < len; tk++)
                        Axpy(ds[tk], psk + ((long)tk * a.B + b) * n, dq, n);
                }
            }
        }
    }

    /// <summary>Key rows [first, end) of <see cref="AttentionKernels.BackwardKeysCpu"/>.</summary>
    [ILGPU.Frontend.External("rnngpu_cpu_attention_bwd_k")]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AttentionBackwardKeys(int first, int end, AttentionViews v, AttentionArgs a)
    {
        var p = new AttentionPointers(v);
        float* ppq = p.Pq, psk = p.Sk, pve = p.VEff, pb = p.Bias, pw = p.Weights, pdc = p.DContext, pds = p.DScore, pdk = p.DSk, pdv = p.DValues;
        int* pl = p.Lengths;
        int n = a.N, nv = a.Nv;
        bool additive = a.Score == (int)AttentionScoreKind.Additive;
        fixed (float* x = AttentionScratch(n))
        {
            for (int c = first; c < end; c++)
            {
                int tk = c / a.B, b = c % a.B;
                bool active = tk < pl[b];
                float* dv = pdv + (long)c * nv;
                new Span<float>(dv, nv).Clear();
                float* dk = additive ? pdk + (long)c * n : null;
                if (additive)
                    new Span<float>(dk, n).Clear();
                if (!active)
                    continue;
                if (additive)
                {
                    float* k = psk + (long)c * n;
                    for (int u = 0; u < n; u++)
                        x[u] = k[u] + pb[u];
                }
                for (int tq = 0; tq < a.Tq; tq++)
                {
                    long r = (long)tq * a.B + b;
                    Axpy(pw[r * a.Tk + tk], pdc + r * nv, dv, nv);
                    float ds = pds[r * a.Tk + tk];
                    if (additive)
                        TanhGrads(ds, x, ppq + r * n, dk, null, n);
                    else
                        Axpy(ds, ppq + r * n, dv, nv);
                }
                if (additive)
                    for (int u = 0; u < n; u++)
                        dk[u] *= pve[u];
            }
        }
    }

    /// <summary>sum_u v[u] tanh(x[u] + k[u]).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static float TanhDot(float* x, float* k, float* v, int n)
    {
        int u = 0;
        float s = 0f;
        if (Use512 && n >= 16)
        {
            var acc = Vector512<float>.Zero;
            for (; u + 16 <= n; u += 16)
                acc = Avx512F.FusedMultiplyAdd(Vector512.Load(v + u), Tanh(Vector512.Load(x + u) + Vector512.Load(k + u)), acc);
            s = Vector512.Sum(acc);
        }
        else if (Use256 && n >= 8)
        {
            var acc = Vector256<float>.Zero;
            for (; u + 8 <= n; u += 8)
                acc = Fma.MultiplyAdd(Vector256.Load(v + u), Tanh(Vector256.Load(x + u) + Vector256.Load(k + u)), acc);
            s = Vector256.Sum(acc);
        }
        for (; u < n; u++)
            s += v[u] * CellMath.Tanh(x[u] + k[u]);
        return s;
    }

    /// <summary>t = tanh(x + k) per unit; d1 += ds (1 - t^2); d2 += ds t (when d2 is not null).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void TanhGrads(float ds, float* x, float* k, float* d1, float* d2, int n)
    {
        int u = 0;
        if (Use512)
        {
            var vd = Vector512.Create(ds);
            for (; u + 16 <= n; u += 16)
            {
                var t = Tanh(Vector512.Load(x + u) + Vector512.Load(k + u));
                Vector512.Store(Avx512F.FusedMultiplyAdd(vd, Vector512<float>.One - t * t, Vector512.Load(d1 + u)), d1 + u);
                if (d2 != null)
                    Vector512.Store(Avx512F.FusedMultiplyAdd(vd, t, Vector512.Load(d2 + u)), d2 + u);
            }
        }
        else if (Use256)
        {
            var vd = Vector256.Create(ds);
            for (; u + 8 <= n; u += 8)
            {
                var t = Tanh(Vector256.Load(x + u) + Vector256.Load(k + u));
                Vector256.Store(Fma.MultiplyAdd(vd, Vector256<float>.One - t * t, Vector256.Load(d1 + u)), d1 + u);
                if (d2 != null)
                    Vector256.Store(Fma.MultiplyAdd(vd, t, Vector256.Load(d2 + u)), d2 + u);
            }
        }
        for (; u < n; u++)
        {
            float t = CellMath.Tanh(x[u] + k[u]);
            d1[u] += ds * (1f - t * t);
            if (d2 != null)
                d2[u] += ds * t;
        }
    }

    /// <summary>sum_u a[u] b[u].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static float Dot(float* a, float* b, int n)
    {
        int u = 0;
        float s = 0f;
        if (Use512 && n >= 16)
        {
            var acc = Vector512<float>.Zero;
            for (; u + 16 <= n; u += 16)
                acc = Avx512F.FusedMultiplyAdd(Vector512.Load(a + u), Vector512.Load(b + u), acc);
            s = Vector512.Sum(acc);
        }
        else if (Use256 && n >= 8)
        {
            var acc = Vector256<float>.Zero;
            for (; u + 8 <= n; u += 8)
                acc = Fma.MultiplyAdd(Vector256.Load(a + u), Vector256.Load(b + u), acc);
            s = Vector256.Sum(acc);
        }
        for (; u < n; u++)
            s += a[u] * b[u];
        return s;
    }

    /// <summary>y[u] += alpha x[u].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Axpy(float alpha, float* x, float* y, int n)
    {
        int u = 0;
        if (Use512)
        {
            var va = Vector512.Create(alpha);
            for (; u + 16 <= n; u += 16)
                Vector512.Store(Avx512F.FusedMultiplyAdd(va, Vector512.Load(x + u), Vector512.Load(y + u)), y + u);
        }
        else if (Use256)
        {
            var va = Vector256.Create(alpha);
            for (; u + 8 <= n; u += 8)
                Vector256.Store(Fma.MultiplyAdd(va, Vector256.Load(x + u), Vector256.Load(y + u)), y + u);
        }
        for (; u < n; u++)
            y[u] += alpha * x[u];
    }
}
