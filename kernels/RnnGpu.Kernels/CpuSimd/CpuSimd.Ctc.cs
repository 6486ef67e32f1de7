using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using ILGPU;
using ILGPU.Runtime;

namespace RnnGpu.Kernels;

internal static unsafe partial class CpuSimd
{
    // ---- CTC on the CPU accelerator: the same recursions and normalisations as CtcKernels (log space, each frame relative
    // to the previous frame's maximum, occupancies normalised per frame), a sequence or a frame row per item, over the
    // views' host memory with the runtime's exp and log.

    static int* IntAddress(ArrayView<int> v) => v.Length > 0 ? (int*)v.LoadEffectiveAddressAsPtr() : null;

    /// <summary>Rows [first, end) of <see cref="CtcKernels.LogSumExpRowsCpu"/>.</summary>
    [ILGPU.Frontend.External("rnngpu_cpu_ctc_lse")]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void CtcLogSumExp(int first, int end, ArrayView<float> x, ArrayView<float> lse, int c)
    {
        float* px = Address(x), pl = Address(lse);
        for (int r = first; r < end; r++)
            pl[r] = RowLogSumExp(px + (long)r * c, c);
    }

    /// <summary>log sum_j exp(row[j]): the maximum, then the sum of exp(row - max), 16 lanes at a time on the 512-bit tier.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static float RowLogSumExp(float* row, int c)
    {
        float m = row[0];
        int j = 0;
        if (Use512 && c >= 16)
        {
            var mv = Vector512.Load(row);
            for (j = 16; j + 16 <= c; j += 16)
                mv = Vector512.Max(mv, Vector512.Load(row + j));
            for (int k = 0; k < 16; k++)
                m = MathF.Max(m, mv.GetElement(k));
        }
        for (; j < c; j++)
            m = MathF.Max(m, row[j]);
        float s = 0f;
        j = 0;
        if (Use512 && c >= 16)
        {
            var sv = Vector512<float>.Zero;
            var mm = Vector512.Create(m);
            for (; j + 16 <= c; j += 16)
                sv += Exp(Vector512.Load(row + j) - mm);
            s = Vector512.Sum(sv);
        }
        for (; j < c; j++)
            s += MathF.Exp(row[j] - m);
        return m + MathF.Log(s);
    }

    /// <summary>d[j] = w exp(row[j] - m) (the scaled softmax of a row whose log-sum-exp is m).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void RowSoftmax(float* row, float* d, int c, float m, float w)
    {
        int j = 0;
        if (Use512)
        {
            var mm = Vector512.Create(m);
            var wv = Vector512.Create(w);
            for (; j + 16 <= c; j += 16)
                (wv * Exp(Vector512.Load(row + j) - mm)).Store(d + j);
        }
        for (; j < c; j++)
            d[j] = w * MathF.Exp(row[j] - m);
    }

    /// <summary>d[j] = softmax(row)[j] for a row of c, 16 lanes at a time on the 512-bit tier (a short tail through the
    /// -inf-padded stage of 16); returns the row's log-sum-exp.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static float RowSoftmaxLse(float* row, float* d, int c, float* stage)
    {
        if (!Use512)
        {
            float lse = RowLogSumExp(row, c);
            RowSoftmax(row, d, c, lse, 1f);
            return lse;
        }
        int full = c & ~15, tail = c - full;
        var mv = Vector512.Create(float.NegativeInfinity);
        for (int j = 0; j < full; j += 16)
            mv = Vector512.Max(mv, Vector512.Load(row + j));
        if (tail > 0)
        {
            new Span<float>(row + full, tail).CopyTo(new Span<float>(stage, tail));
            new Span<float>(stage + tail, 16 - tail).Fill(float.NegativeInfinity);
            mv = Vector512.Max(mv, Vector512.Load(stage));
        }
        float m = float.NegativeInfinity;
        for (int k = 0; k < 16; k++)
            m = MathF.Max(m, mv.GetElement(k));
        var mm = Vector512.Create(m);
        var sv = Vector512<float>.Zero;
        for (int j = 0; j < full; j += 16)
        {
            var e = Exp(Vector512.Load(row + j) - mm);
            e.Store(d + j);
            sv += e;
        }
        Vector512<float> et = default;
        if (tail > 0)
        {
            var lanes = Vector512.LessThan(Vector512.Create(0f, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), Vector512.Create((float)tail));
            et = Vector512.ConditionalSelect(lanes, Exp(Vector512.Load(stage) - mm), Vector512<float>.Zero);
            sv += et;
        }
        float sum = Vector512.Sum(sv), inv = 1f / sum;
        var iv = Vector512.Create(inv);
        for (int j = 0; j < full; j += 16)
            (Vector512.Load(d + j) * iv).Store(d + j);
        if (tail > 0)
        {
            (et * iv).Store(stage);
            new Span<float>(stage, tail).CopyTo(new Span<float>(d + full, tail));
        }
        return m + MathF.Log(sum);
    }

    /// <summary>d[j] *= w over a row of c.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void RowScale(float* d, int c, float w)
    {
        int j = 0;
        if (Use512)
        {
            var wv = Vector512.Create(w);
            for (; j + 16 <= c; j += 16)
                (Vector512.Load(d + j) * wv).Store(d + j);
        }
        for (; j < c; j++)
            d[j] *= w;
    }

    const int Pad = 16;

    /// <summary>log(x) per lane for x in [1, 4) (a sum of three exponentials whose largest is 1): Cephes' logf (mantissa in
    /// [sqrt(1/2), sqrt(2)), degree-8 polynomial), about 1 ulp.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector512<float> LogSmall(Vector512<float> x)
    {
        var bits = x.AsInt32();
        var e = Vector512.ConvertToSingle(Vector512.ShiftRightLogical(bits, 23) - Vector512.Create(126));
        var m = ((bits & Vector512.Create(0x007fffff)) | Vector512.Create(0x3f000000)).AsSingle();
        var small = Vector512.LessThan(m, Vector512.Create(0.707106781186547524f));
        e = Vector512.ConditionalSelect(small, e - Vector512<float>.One, e);
        m = Vector512.ConditionalSelect(small, m + m, m) - Vector512<float>.One;
        var z = m * m;
        var p = Vector512.Create(7.0376836292E-2f);
        p = Avx512F.FusedMultiplyAdd(p, m, Vector512.Create(-1.1514610310E-1f));
        p = Avx512F.FusedMultiplyAdd(p, m, Vector512.Create(1.1676998740E-1f));
        p = Avx512F.FusedMultiplyAdd(p, m, Vector512.Create(-1.2420140846E-1f));
        p = Avx512F.FusedMultiplyAdd(p, m, Vector512.Create(1.4249322787E-1f));
        p = Avx512F.FusedMultiplyAdd(p, m, Vector512.Create(-1.6668057665E-1f));
        p = Avx512F.FusedMultiplyAdd(p, m, Vector512.Create(2.0000714765E-1f));
        p = Avx512F.FusedMultiplyAdd(p, m, Vector512.Create(-2.4999993993E-1f));
        p = Avx512F.FusedMultiplyAdd(p, m, Vector512.Create(3.3333331174E-1f));
        var y = p * m * z;
        y = Avx512F.FusedMultiplyAdd(e, Vector512.Create(-2.12194440e-4f), y);
        y = Avx512F.FusedMultiplyAdd(z, Vector512.Create(-0.5f), y);
        return Avx512F.FusedMultiplyAdd(e, Vector512.Create(0.693359375f), m + y);
    }

    /// <summary>One frame of the forward (d = 1) or backward (d = -1) recursion over padded buffers (index s at [Pad + s]):
    /// o[s] = lp[s] + logadd(p[s] - m, p[s - d] - m, p[s - 2d] + skip[s] - m) for s in [0, lb) (skip: 0 where the
    /// transition over a blank is allowed, -inf elsewhere; past lb, lp is -inf, so o is too); returns max over s of o.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static float CtcFrame(float* p, float* lp, float* skip, float* o, int lb, float m, int d)
    {
        float mine = float.NegativeInfinity;
        if (Use512)
        {
            var mv = Vector512.Create(m);
            var ninf = Vector512.Create(float.NegativeInfinity);
            var acc = ninf;
            for (int s = 0; s < lb; s += 16)
            {
                int i = Pad + s;
                var a0 = Vector512.Load(p + i) - mv;
                var a1 = Vector512.Load(p + i - d) - mv;
                var a2 = Vector512.Load(p + i - 2 * d) + Vector512.Load(skip + i) - mv;
                var mx = Vector512.Max(a0, Vector512.Max(a1, a2));
                var none = Vector512.Equals(mx, ninf);
                var safe = Vector512.ConditionalSelect(none, Vector512<float>.Zero, mx);
                var sum = Exp(a0 - safe) + Exp(a1 - safe) + Exp(a2 - safe);
                var v = Vector512.ConditionalSelect(none, ninf, Vector512.Load(lp + i) + safe + LogSmall(sum));
                v.Store(o + i);
                acc = Vector512.Max(acc, v);
            }
            for (int k = 0; k < 16; k++)
                mine = MathF.Max(mine, acc.GetElement(k));
            return mine;
        }
        for (int s = 0; s < lb; s++)
        {
            int i = Pad + s;
            float v = lp[i] + CtcKernels.LogAdd3(p[i] - m, p[i - d] - m, p[i - 2 * d] + skip[i] - m);
            o[i] = v;
            mine = MathF.Max(mine, v);
        }
        return mine;
    }

    /// <summary>lp[Pad + s] = log-softmax of row r at the extended labels; forward: first the row's lse (stored) and its
    /// softmax written into the gradient row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void CtcLogProbs(float* px, float* pl, float* pd, int* lab, float* lp, float* stage, long r, int lb, int c, bool forward)
    {
        float* row = px + r * c;
        float z = forward ? (pl[r] = RowSoftmaxLse(row, pd + r * c, c, stage)) : pl[r];
        for (int s = 0; s < lb; s++)
            lp[Pad + s] = row[lab[s]] - z;
    }

    /// <summary>Sequences [first, end) of <see cref="CtcKernels.SequencesCpu"/>, in lockstep over frames (frame t of every
    /// sequence of the range, whose rows lie side by side in memory, before frame t + 1): each frame's log-sum-exp (lse), its
    /// softmax written into the gradient row, and <see cref="CtcKernels.AlphaBeta"/>'s forward recursion (16 extended
    /// positions per step on the 512-bit tier, scalar elsewhere); the losses; then backwards each frame's backward variables
    /// and at once its gradient row (<see cref="CtcKernels.Gradient"/>'s formula, alpha read back); rows past a sequence's input
    /// length zeroed.</summary>
    [ILGPU.Frontend.External("rnngpu_cpu_ctc_sequences")]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void CtcSequences(int first, int end, ArrayView<float> x, ArrayView<float> lse, ArrayView<int> targets,
        ArrayView<int> inputLengths, ArrayView<int> targetLengths, ArrayView<float> alpha, ArrayView<float> nll, ArrayView<float> dx,
        CtcArgs a)
    {
        float* px = Address(x), pl = Address(lse), pa = Address(alpha), pn = Address(nll), pd = Address(dx);
        int* pt = IntAddress(targets), pin = IntAddress(inputLengths), ptl = IntAddress(targetLengths);
        int l = a.L, width = l + 3 * Pad, count = end - first;
        // per sequence: labels, the two skip masks and two frames; shared: lp, u, exp(u), the stage of a row's tail
        var labels = new int[count * l];
        var state = new float[(long)count * 4 * width + 4L * width + 16];
        var tb = new int[count];
        var lb = new int[count];
        var mine = new float[count];
        var sum = new float[count];
        var carry = new float[count];
        var weight = new float[count];
        int maxT = 0;
        fixed (float* st = state)
        fixed (int* lab0 = labels)
        {
            new Span<float>(st, state.Length).Fill(float.NegativeInfinity);
            float* shared = st + (long)count * 4 * width;
            float* lp = shared, u = shared + width, eu = shared + 2 * width, stageA = shared + 3 * width, stage = shared + 4 * width;
            for (int i = 0; i < count; i++)
            {
                int b = first + i, n = ptl[b];
                tb[i] = pin[b];
                lb[i] = 2 * n + 1;
                maxT = Math.Max(maxT, tb[i]);
                int* lab = lab0 + i * l;
                for (int s = 0; s < lb[i]; s++)
                    lab[s] = (s & 1) == 0 ? a.Blank : pt[(long)b * a.S + (s >> 1)];
                for (int s = 0; s < lb[i]; s++)
                {
                    (st + (long)i * 4 * width)[Pad + s] = (s & 1) == 1 && s >= 2 && lab[s] != lab[s - 2] ? 0f : float.NegativeInfinity;
                    (st + (long)i * 4 * width + width)[Pad + s] = (s & 1) == 1 && s + 2 < lb[i] && lab[s] != lab[s + 2] ? 0f : float.NegativeInfinity;
                }
                weight[i] = a.Mean != 0 ? 1f / (Math.Max(n, 1) * a.Denominator) : 1f;
                for (int t = tb[i]; t < a.T; t++)
                    new Span<float>(pd + ((long)t * a.B + b) * a.C, a.C).Clear();
                if (tb[i] == 0)
                    pn[b] = n == 0 ? 0f : float.PositiveInfinity;
            }
            // alpha, frame by frame over the range
            for (int t = 0; t < maxT; t++)
                for (int i = 0; i < count; i++)
                {
                    if (t >= tb[i])
                        continue;
                    int n = lb[i], b = first + i;
                    CtcLogProbs(px, pl, pd, lab0 + i * l, lp, stage, (long)t * a.B + first + i, lb[i], a.C, true);
                    float* cur = (st + (long)i * 4 * width + (2 + (t & 1)) * width), prev = (st + (long)i * 4 * width + (2 + ((t + 1) & 1)) * width);
                    if (t == 0)
                    {
                        float m0 = float.NegativeInfinity;
                        for (int s = 0; s < n; s++)
                        {
                            cur[Pad + s] = s < 2 ? lp[Pad + s] : float.NegativeInfinity;
                            m0 = MathF.Max(m0, cur[Pad + s]);
                        }
                        mine[i] = m0;
                    }
                    else
                    {
                        float m = CtcKernels.Offset(mine[i]);
                        CtcKernels.KahanAdd(ref sum[i], ref carry[i], m);
                        mine[i] = CtcFrame(prev, lp, (st + (long)i * 4 * width), cur, n, m, 1);
                    }
                    new Span<float>(cur + Pad, n).CopyTo(new Span<float>(pa + ((long)t * a.B + b) * l, n));
                    if (t == tb[i] - 1)
                    {
                        float endv = CtcKernels.LogAdd(cur[Pad + n - 1], n > 1 ? cur[Pad + n - 2] : float.NegativeInfinity);
                        float loss = endv == float.NegativeInfinity ? float.PositiveInfinity : -(sum[i] + (endv - carry[i]));
                        pn[b] = loss;
                        new Span<float>((st + (long)i * 4 * width + 2 * width), 2 * width).Fill(float.NegativeInfinity);
                    }
                }
            // beta and the gradient rows, frame by frame backwards
            for (int t = maxT - 1; t >= 0; t--)
                for (int i = 0; i < count; i++)
                {
                    if (t >= tb[i])
                        continue;
                    int n = lb[i], b = first + i;
                    long r = (long)t * a.B + b;
                    float* d = pd + r * a.C;
                    if (pn[b] == float.PositiveInfinity)
                    {
                        // no alignment: zero rows under zeroInfinity, NaN rows otherwise (as PyTorch's)
                        new Span<float>(d, a.C).Fill(a.ZeroInfinity != 0 ? 0f : float.NaN);
                        continue;
                    }
                    CtcLogProbs(px, pl, pd, lab0 + i * l, lp, stage, (long)t * a.B + first + i, lb[i], a.C, false);
                    float* cur = (st + (long)i * 4 * width + (2 + (t & 1)) * width), prev = (st + (long)i * 4 * width + (2 + ((t + 1) & 1)) * width);
                    if (t == tb[i] - 1)
                    {
                        float m0 = float.NegativeInfinity;
                        for (int s = 0; s < n; s++)
                        {
                            cur[Pad + s] = s >= n - 2 ? lp[Pad + s] : float.NegativeInfinity;
                            m0 = MathF.Max(m0, cur[Pad + s]);
                        }
                        mine[i] = m0;
                    }
                    else
                        mine[i] = CtcFrame(prev, lp, (st + (long)i * 4 * width + width), cur, n, CtcKernels.Offset(mine[i]), -1);
                    float* ar = pa + r * l;
                    float w = weight[i];
                    RowScale(d, a.C, w);
                    float z = 0f;
                    if (Use512)
                    {
                        // u_s = alpha + beta - lp over the padded positions (-inf past lb), their maximum, exp(u - max), the sum
                        new Span<float>(ar, n).CopyTo(new Span<float>(stageA + Pad, n));
                        var ninf = Vector512.Create(float.NegativeInfinity);
                        var iota = Vector512.Create(0f, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
                        var limit = Vector512.Create((float)n);
                        var mx = ninf;
                        for (int s = 0; s < n; s += 16)
                        {
                            var lanes = Vector512.LessThan(iota + Vector512.Create((float)s), limit);
                            var uv = Vector512.ConditionalSelect(lanes,
                                Vector512.Load(stageA + Pad + s) + Vector512.Load(cur + Pad + s) - Vector512.Load(lp + Pad + s), ninf);
                            uv.Store(u + s);
                            mx = Vector512.Max(mx, uv);
                        }
                        float umax = float.NegativeInfinity;
                        for (int k = 0; k < 16; k++)
                            umax = MathF.Max(umax, mx.GetElement(k));
                        var um = Vector512.Create(umax);
                        var zs = Vector512<float>.Zero;
                        for (int s = 0; s < n; s += 16)
                        {
                            var lanes = Vector512.LessThan(iota + Vector512.Create((float)s), limit);
                            var e = Vector512.ConditionalSelect(lanes, Exp(Vector512.Load(u + s) - um), Vector512<float>.Zero);
                            e.Store(eu + s);
                            zs += e;
                        }
                        z = Vector512.Sum(zs);
                    }
                    else
                    {
                        float umax = float.NegativeInfinity;
                        for (int s = 0; s < n; s++)
                        {
                            u[s] = ar[s] + cur[Pad + s] - lp[Pad + s];
                            umax = MathF.Max(umax, u[s]);
                        }
                        for (int s = 0; s < n; s++)
                        {
                            eu[s] = MathF.Exp(u[s] - umax);
                            z += eu[s];
                        }
                    }
                    float wz = w / z;
                    int* lab = lab0 + i * l;
                    for (int s = 0; s < n; s++)
                        d[lab[s]] -= wz * eu[s];
                }
        }
    }
}
