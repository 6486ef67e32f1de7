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
        {
            var row = new ReadOnlySpan<float>(px + (long)r * c, c);
            float m = row[0];
            for (int j = 1; j < c; j++)
                m = MathF.Max(m, row[j]);
            float s = 0f;
            for (int j = 0; j < c; j++)
                s += MathF.Exp(row[j] - m);
            pl[r] = m + MathF.Log(s);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static float LogAdd3(float a, float b, float c)
    {
        float m = MathF.Max(a, MathF.Max(b, c));
        if (m == float.NegativeInfinity)
            return float.NegativeInfinity;
        return m + MathF.Log(MathF.Exp(a - m) + MathF.Exp(b - m) + MathF.Exp(c - m));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static float LogAdd2(float a, float b)
    {
        float m = MathF.Max(a, b);
        if (m == float.NegativeInfinity)
            return float.NegativeInfinity;
        return m + MathF.Log(MathF.Exp(a - m) + MathF.Exp(b - m));
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
            float v = lp[i] + LogAdd3(p[i] - m, p[i - d] - m, p[i - 2 * d] + skip[i] - m);
            o[i] = v;
            mine = MathF.Max(mine, v);
        }
        return mine;
    }

    /// <summary>Sequences [first, end) of <see cref="CtcKernels.AlphaBetaCpu"/>: <see cref="CtcKernels.AlphaBeta"/>'s
    /// recursions and offsets, one sequence per item, 16 positions per step on the 512-bit tier (scalar elsewhere).</summary>
    [ILGPU.Frontend.External("rnngpu_cpu_ctc_alphabeta")]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void CtcAlphaBeta(int first, int end, ArrayView<float> x, ArrayView<float> lse, ArrayView<int> targets,
        ArrayView<int> inputLengths, ArrayView<int> targetLengths, ArrayView<float> alpha, ArrayView<float> beta, ArrayView<float> nll,
        CtcArgs a)
    {
        float* px = Address(x), pl = Address(lse), pa = Address(alpha), pb = Address(beta), pn = Address(nll);
        int* pt = IntAddress(targets), pin = IntAddress(inputLengths), ptl = IntAddress(targetLengths);
        int l = a.L, width = l + 3 * Pad;
        var lab = new int[l];
        var buffers = new float[5 * width];
        fixed (float* buf = buffers)
        {
            float* lp = buf, skipA = buf + width, skipB = buf + 2 * width, f0 = buf + 3 * width, f1 = buf + 4 * width;
            for (int b = first; b < end; b++)
            {
                int tb = pin[b], n = ptl[b], lb = 2 * n + 1;
                if (tb == 0)
                {
                    pn[b] = n == 0 ? 0f : float.PositiveInfinity;
                    continue;
                }
                new Span<float>(buf, 5 * width).Fill(float.NegativeInfinity);
                for (int s = 0; s < lb; s++)
                    lab[s] = (s & 1) == 0 ? a.Blank : pt[(long)b * a.S + (s >> 1)];
                for (int s = 0; s < lb; s++)
                {
                    skipA[Pad + s] = (s & 1) == 1 && s >= 2 && lab[s] != lab[s - 2] ? 0f : float.NegativeInfinity;
                    skipB[Pad + s] = (s & 1) == 1 && s + 2 < lb && lab[s] != lab[s + 2] ? 0f : float.NegativeInfinity;
                }
                void LogProbs(int t)
                {
                    long r = (long)t * a.B + b;
                    float* row = px + r * a.C;
                    float z = pl[r];
                    for (int s = 0; s < lb; s++)
                        lp[Pad + s] = row[lab[s]] - z;
                }
                // alpha: frame 0 is lp at positions 0 and 1; frame t from frame t - 1 less its maximum
                LogProbs(0);
                float* prev = f0, cur = f1;
                float mine = float.NegativeInfinity;
                for (int s = 0; s < lb; s++)
                {
                    prev[Pad + s] = s < 2 ? lp[Pad + s] : float.NegativeInfinity;
                    mine = MathF.Max(mine, prev[Pad + s]);
                }
                new Span<float>(prev + Pad, lb).CopyTo(new Span<float>(pa + (long)b * l, lb));
                float sum = 0f, carry = 0f;
                for (int t = 1; t < tb; t++)
                {
                    float m = mine == float.NegativeInfinity ? 0f : mine;
                    float y = m - carry, u = sum + y;
                    carry = (u - sum) - y;
                    sum = u;
                    LogProbs(t);
                    mine = CtcFrame(prev, lp, skipA, cur, lb, m, 1);
                    new Span<float>(cur + Pad, lb).CopyTo(new Span<float>(pa + ((long)t * a.B + b) * l, lb));
                    float* swap = prev; prev = cur; cur = swap;
                }
                float endv = LogAdd2(prev[Pad + lb - 1], lb > 1 ? prev[Pad + lb - 2] : float.NegativeInfinity);
                pn[b] = endv == float.NegativeInfinity ? float.PositiveInfinity : -(sum + (endv - carry));
                // beta, mirrored: frame T_b - 1 is lp at the last two positions
                new Span<float>(f0, width).Fill(float.NegativeInfinity);
                new Span<float>(f1, width).Fill(float.NegativeInfinity);
                LogProbs(tb - 1);
                prev = f0;
                cur = f1;
                mine = float.NegativeInfinity;
                for (int s = 0; s < lb; s++)
                {
                    prev[Pad + s] = s >= lb - 2 ? lp[Pad + s] : float.NegativeInfinity;
                    mine = MathF.Max(mine, prev[Pad + s]);
                }
                new Span<float>(prev + Pad, lb).CopyTo(new Span<float>(pb + ((long)(tb - 1) * a.B + b) * l, lb));
                for (int t = tb - 2; t >= 0; t--)
                {
                    float m = mine == float.NegativeInfinity ? 0f : mine;
                    LogProbs(t);
                    mine = CtcFrame(prev, lp, skipB, cur, lb, m, -1);
                    new Span<float>(cur + Pad, lb).CopyTo(new Span<float>(pb + ((long)t * a.B + b) * l, lb));
                    float* swap = prev; prev = cur; cur = swap;
                }
            }
        }
    }

    /// <summary>Rows [first, end) of <see cref="CtcKernels.GradientCpu"/>: <see cref="CtcKernels.Gradient"/> per frame row.</summary>
    [ILGPU.Frontend.External("rnngpu_cpu_ctc_grad")]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void CtcGradient(int first, int end, ArrayView<float> x, ArrayView<float> lse, ArrayView<int> targets,
        ArrayView<int> inputLengths, ArrayView<int> targetLengths, ArrayView<float> alpha, ArrayView<float> beta, ArrayView<float> nll,
        ArrayView<float> dx, CtcArgs a)
    {
        float* px = Address(x), pl = Address(lse), pa = Address(alpha), pb = Address(beta), pn = Address(nll), pd = Address(dx);
        int* pt = IntAddress(targets), pin = IntAddress(inputLengths), ptl = IntAddress(targetLengths);
        var u = new float[a.L];
        for (int r = first; r < end; r++)
        {
            int t = r / a.B, b = r % a.B;
            float* row = px + (long)r * a.C, d = pd + (long)r * a.C;
            int n = ptl[b];
            float loss = pn[b];
            bool infeasible = loss == float.PositiveInfinity;
            if (t >= pin[b] || (infeasible && a.ZeroInfinity != 0))
            {
                new Span<float>(d, a.C).Clear();
                continue;
            }
            if (infeasible)
            {
                new Span<float>(d, a.C).Fill(float.NaN);
                continue;
            }
            float w = a.Mean != 0 ? 1f / (Math.Max(n, 1) * a.Denominator) : 1f, m = pl[r];
            for (int j = 0; j < a.C; j++)
                d[j] = w * MathF.Exp(row[j] - m);
            float* ar = pa + (long)r * a.L, br = pb + (long)r * a.L;
            int lb = 2 * n + 1;
            float umax = float.NegativeInfinity;
            for (int s = 0; s < lb; s++)
            {
                int c = (s & 1) == 0 ? a.Blank : pt[(long)b * a.S + (s >> 1)];
                u[s] = ar[s] + br[s] - (row[c] - m);
                umax = MathF.Max(umax, u[s]);
            }
            float z = 0f;
            for (int s = 0; s < lb; s++)
            {
                u[s] = MathF.Exp(u[s] - umax);
                z += u[s];
            }
            float wz = w / z;
            for (int s = 0; s < lb; s++)
            {
                int c = (s & 1) == 0 ? a.Blank : pt[(long)b * a.S + (s >> 1)];
                d[c] -= wz * u[s];
            }
        }
    }
}
