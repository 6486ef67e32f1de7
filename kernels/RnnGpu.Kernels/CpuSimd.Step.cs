using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using ILGPU;
using ILGPU.Runtime;

namespace RnnGpu.Kernels;

internal static unsafe partial class CpuSimd
{
    // ---- Fused step forward: one item per column group of the step (a hidden unit with all its gates, or four RNN units),
    // over all batch rows, with W_hh as stored (G*H, H): the item's four gate rows are contiguous H-vectors that stay in L1
    // while every batch row's h[t-1] streams past them; no batch row is computed twice (B = 1 does 1x the work).

    /// <summary>Runs fused-step items [first, end) of <see cref="RnnKernels.StepForwardCpu"/>.</summary>
    [ILGPU.Frontend.External("rnngpu_cpu_step_forward")]
    public static void StepForward(int first, int end, ArrayView<float> hPrev, ArrayView<float> cPrev, ArrayView<float> whh,
        ArrayView<float> bhh, ArrayView<float> gx, ArrayView<float> hNext, ArrayView<float> cNext, ArrayView<float> y,
        ArrayView<float> gates, ArrayView<int> lengths, StepArgs p)
    {
        float* h = Address(hPrev), w = Address(whh);
        int H = p.H;
        for (int u = first; u < end; u++)
        {
            RnnKernels.GateColumns(p, u, out int q0, out int q1, out int q2, out int q3);
            float* w0 = w + (long)q0 * H, w1 = w + (long)q1 * H, w2 = w + (long)q2 * H, w3 = w + (long)q3 * H;
            int b = 0;
            for (; b + 2 <= p.B; b += 2)
            {
                float* x0 = h + (long)b * H, x1 = x0 + H;
                Dot2x4(H, x0, x1, w0, w1, w2, w3, out float a00, out float a01, out float a02, out float a03,
                    out float a10, out float a11, out float a12, out float a13);
                CellMath.CellForward(b, u, q0, q1, q2, q3, a00, a01, a02, a03, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
                CellMath.CellForward(b + 1, u, q0, q1, q2, q3, a10, a11, a12, a13, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
            }
            if (b < p.B)
            {
                Dot1x4(H, h + (long)b * H, w0, w1, w2, w3, out float a0, out float a1, out float a2, out float a3);
                CellMath.CellForward(b, u, q0, q1, q2, q3, a0, a1, a2, a3, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
            }
        }
    }

    /// <summary>Eight dot products of length n: rows x0, x1 against w0..w3.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void Dot2x4(int n, float* x0, float* x1, float* w0, float* w1, float* w2, float* w3,
        out float a00, out float a01, out float a02, out float a03, out float a10, out float a11, out float a12, out float a13)
    {
        int k = 0;
        if (Use512)
        {
            Vector512<float> s00 = default, s01 = default, s02 = default, s03 = default;
            Vector512<float> s10 = default, s11 = default, s12 = default, s13 = default;
            for (; k + 16 <= n; k += 16)
            {
                var v0 = Vector512.Load(x0 + k);
                var v1 = Vector512.Load(x1 + k);
                var u = Vector512.Load(w0 + k); s00 = Avx512F.FusedMultiplyAdd(v0, u, s00); s10 = Avx512F.FusedMultiplyAdd(v1, u, s10);
                u = Vector512.Load(w1 + k); s01 = Avx512F.FusedMultiplyAdd(v0, u, s01); s11 = Avx512F.FusedMultiplyAdd(v1, u, s11);
                u = Vector512.Load(w2 + k); s02 = Avx512F.FusedMultiplyAdd(v0, u, s02); s12 = Avx512F.FusedMultiplyAdd(v1, u, s12);
                u = Vector512.Load(w3 + k); s03 = Avx512F.FusedMultiplyAdd(v0, u, s03); s13 = Avx512F.FusedMultiplyAdd(v1, u, s13);
            }
            a00 = Vector512.Sum(s00); a01 = Vector512.Sum(s01); a02 = Vector512.Sum(s02); a03 = Vector512.Sum(s03);
            a10 = Vector512.Sum(s10); a11 = Vector512.Sum(s11); a12 = Vector512.Sum(s12); a13 = Vector512.Sum(s13);
        }
        else if (Use256)
        {
            Vector256<float> s00 = default, s01 = default, s02 = default, s03 = default;
            Vector256<float> s10 = default, s11 = default, s12 = default, s13 = default;
            for (; k + 8 <= n; k += 8)
            {
                var v0 = Vector256.Load(x0 + k);
                var v1 = Vector256.Load(x1 + k);
                var u = Vector256.Load(w0 + k); s00 = Fma.MultiplyAdd(v0, u, s00); s10 = Fma.MultiplyAdd(v1, u, s10);
                u = Vector256.Load(w1 + k); s01 = Fma.MultiplyAdd(v0, u, s01); s11 = Fma.MultiplyAdd(v1, u, s11);
                u = Vector256.Load(w2 + k); s02 = Fma.MultiplyAdd(v0, u, s02); s12 = Fma.MultiplyAdd(v1, u, s12);
                u = Vector256.Load(w3 + k); s03 = Fma.MultiplyAdd(v0, u, s03); s13 = Fma.MultiplyAdd(v1, u, s13);
            }
            a00 = Vector256.Sum(s00); a01 = Vector256.Sum(s01); a02 = Vector256.Sum(s02); a03 = Vector256.Sum(s03);
            a10 = Vector256.Sum(s10); a11 = Vector256.Sum(s11); a12 = Vector256.Sum(s12); a13 = Vector256.Sum(s13);
        }
        else
        {
            a00 = a01 = a02 = a03 = a10 = a11 = a12 = a13 = 0f;
        }
        for (; k < n; k++)
        {
            float v0 = x0[k], v1 = x1[k];
            a00 += v0 * w0[k]; a01 += v0 * w1[k]; a02 += v0 * w2[k]; a03 += v0 * w3[k];
            a10 += v1 * w0[k]; a11 += v1 * w1[k]; a12 += v1 * w2[k]; a13 += v1 * w3[k];
        }
    }

    /// <summary>Four dot products of length n: row x0 against w0..w3.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void Dot1x4(int n, float* x0, float* w0, float* w1, float* w2, float* w3,
        out float a0, out float a1, out float a2, out float a3)
    {
        int k = 0;
        if (Use512)
        {
            Vector512<float> s0 = default, s1 = default, s2 = default, s3 = default;
            for (; k + 16 <= n; k += 16)
            {
                var v = Vector512.Load(x0 + k);
                s0 = Avx512F.FusedMultiplyAdd(v, Vector512.Load(w0 + k), s0);
                s1 = Avx512F.FusedMultiplyAdd(v, Vector512.Load(w1 + k), s1);
                s2 = Avx512F.FusedMultiplyAdd(v, Vector512.Load(w2 + k), s2);
                s3 = Avx512F.FusedMultiplyAdd(v, Vector512.Load(w3 + k), s3);
            }
            a0 = Vector512.Sum(s0); a1 = Vector512.Sum(s1); a2 = Vector512.Sum(s2); a3 = Vector512.Sum(s3);
        }
        else if (Use256)
        {
            Vector256<float> s0 = default, s1 = default, s2 = default, s3 = default;
            for (; k + 8 <= n; k += 8)
            {
                var v = Vector256.Load(x0 + k);
                s0 = Fma.MultiplyAdd(v, Vector256.Load(w0 + k), s0);
                s1 = Fma.MultiplyAdd(v, Vector256.Load(w1 + k), s1);
                s2 = Fma.MultiplyAdd(v, Vector256.Load(w2 + k), s2);
                s3 = Fma.MultiplyAdd(v, Vector256.Load(w3 + k), s3);
            }
            a0 = Vector256.Sum(s0); a1 = Vector256.Sum(s1); a2 = Vector256.Sum(s2); a3 = Vector256.Sum(s3);
        }
        else
        {
            a0 = a1 = a2 = a3 = 0f;
        }
        for (; k < n; k++)
        {
            float v = x0[k];
            a0 += v * w0[k]; a1 += v * w1[k]; a2 += v * w2[k]; a3 += v * w3[k];
        }
    }
}

internal static unsafe partial class CpuSimd
{
    // ---- Backward step (gate gradients and BPTT carries): the same formulas as CellMath.Backward, over raw pointers.
    // Items are batch rows: each thread runs whole rows, so every array is walked contiguously.

    /// <summary>Runs backward-step rows [first, end) of <see cref="RnnKernels.StepBackwardCpu"/>.</summary>
    [ILGPU.Frontend.External("rnngpu_cpu_step_backward")]
    public static void StepBackward(int first, int end, ArrayView<float> gates, ArrayView<float> hPrev, ArrayView<float> cPrev,
        ArrayView<float> cCur, ArrayView<float> dy, ArrayView<float> dh, ArrayView<float> dc, ArrayView<float> dgx,
        ArrayView<float> dgh, ArrayView<int> lengths, StepArgs p)
    {
        int H = p.H, G = p.G;
        float* pg = Address(gates), ph = Address(hPrev), pcp = Address(cPrev), pcc = Address(cCur), pdy = Address(dy);
        float* pdh = Address(dh), pdc = Address(dc), pgx = Address(dgx), pgh = Address(dgh);
        int* len = lengths.Length > 0 ? (int*)lengths.LoadEffectiveAddressAsPtr() : null;
        for (int b = first; b < end; b++)
        {
            long bh = (long)b * H, bg = (long)b * G * H, bs = (long)b * CellMath.StoredGatesPerUnit(p.Cell) * H;
            float* gx = pgx + bg, gh = pgh + bg;
            if (!(p.T < len[b]))
            {
                for (int q = 0; q < G * H; q++)
                {
                    gx[q] = 0f;
                    gh[q] = 0f;
                }
                continue; // dh, dc pass through unchanged
            }
            float* dyr = pdy + (long)b * p.LdY, dhr = pdh + bh, s = pg + bs;
            if (G == 4)
            {
                float* dcr = pdc + bh, cp = pcp + bh, cc = pcc + bh;
                for (int j = 0; j < H; j++)
                {
                    float dht = dhr[j] + dyr[j];
                    float i = s[j], f = s[H + j], g = s[2 * H + j], o = s[3 * H + j];
                    float tc = CellMath.Tanh(cc[j]);
                    float dct = dcr[j] + dht * o * (1f - tc * tc);
                    gx[j] = dct * g * i * (1f - i);
                    gx[H + j] = dct * cp[j] * f * (1f - f);
                    gx[2 * H + j] = dct * i * (1f - g * g);
                    gx[3 * H + j] = dht * tc * o * (1f - o);
                    dcr[j] = dct * f;
                    dhr[j] = 0f;
                }
            }
            else if (G == 3)
            {
                float* hp = ph + bh;
                for (int j = 0; j < H; j++)
                {
                    float dht = dhr[j] + dyr[j];
                    float r = s[j], z = s[H + j], n = s[2 * H + j], ghn = s[3 * H + j];
                    float dn = dht * (1f - z) * (1f - n * n);
                    float dz = dht * (hp[j] - n) * z * (1f - z);
                    float dr = dn * ghn * r * (1f - r);
                    gx[j] = dr;
                    gx[H + j] = dz;
                    gx[2 * H + j] = dn;
                    gh[j] = dr;
                    gh[H + j] = dz;
                    gh[2 * H + j] = dn * r;
                    dhr[j] = dht * z;
                }
            }
            else
            {
                bool tanh = p.Cell == (int)CellKind.RnnTanh;
                for (int j = 0; j < H; j++)
                {
                    float dht = dhr[j] + dyr[j];
                    float h = s[j];
                    gx[j] = tanh ? dht * (1f - h * h) : (h > 0f ? dht : 0f);
                    dhr[j] = 0f;
                }
            }
        }
    }
}

internal static unsafe partial class CpuSimd
{
    // ---- Persistent forward: one launch per layer and direction, one thread per worker, each owning a contiguous range
    // of the step's column groups for all T steps, and a barrier between steps that spins briefly, then yields.

    /// <summary>Runs thread <paramref name="group"/> of <paramref name="groups"/> of <see cref="RnnKernels.PersistentForwardCpu"/>.</summary>
    [ILGPU.Frontend.External("rnngpu_cpu_persistent_forward")]
    public static void PersistentForward(int group, int groups, ArrayView<float> whh, ArrayView<float> bhh, ArrayView<float> gx,
        ArrayView<float> hs, ArrayView<float> cs, ArrayView<float> y, ArrayView<float> gates, ArrayView<int> lengths,
        ArrayView<int> sync, PersistentArgs a)
    {
        int H = a.H, B = a.B, G = a.G, GH = G * H;
        int stored = CellMath.StoredGatesPerUnit(a.Cell) * H;
        long bh = (long)B * H;
        int* counter = (int*)sync.LoadEffectiveAddressAsPtr();
        for (int s = 0; s < a.Steps; s++)
        {
            int t = a.Reverse != 0 ? a.Steps - 1 - s : s;
            int prev = a.Tape != 0 ? t : s & 1;
            int next = a.Tape != 0 ? (s == a.Steps - 1 ? a.Steps : (a.Reverse != 0 ? t - 1 : t + 1)) : (s + 1) & 1;
            var p = new StepArgs(B, H, (CellKind)a.Cell, a.LdY, t, a.Store != 0);
            int columns = p.ColumnGroups;
            int first = (int)((long)columns * group / groups), end = (int)((long)columns * (group + 1) / groups);
            long yOff = (long)t * B * a.LdY;
            StepForward(first, end, hs.SubView(prev * bh, bh), G == 4 ? cs.SubView(prev * bh, bh) : cs, whh, bhh,
                gx.SubView((long)t * B * GH, (long)B * GH), hs.SubView(next * bh, bh), G == 4 ? cs.SubView(next * bh, bh) : cs,
                y.SubView(yOff, y.Length - yOff), a.Store != 0 ? gates.SubView((long)t * B * stored, (long)B * stored) : gates,
                lengths, p);
            if (s < a.Steps - 1)
                Barrier(counter, groups * (s + 1));
        }
    }

    /// <summary>Arrives at a monotonic counter and waits until it reaches <paramref name="target"/>: spins a few
    /// iterations, then yields the core (<see cref="SpinWait"/>), so a competing process or a descheduled partner costs
    /// a time slice, not a spinning core. The interlocked add is a full fence: this step's stores are visible first.</summary>
    static void Barrier(int* counter, int target)
    {
        Interlocked.Increment(ref *counter);
        var spin = new SpinWait();
        while (Volatile.Read(ref *counter) < target)
            spin.SpinOnce();
        Interlocked.MemoryBarrier();
    }
}
