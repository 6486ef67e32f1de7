using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using ILGPU;
using ILGPU.Runtime;

namespace RnnGpu.Kernels;

internal static unsafe partial class CpuSimd
{
    // ---- The CPU recurrence's BPTT dh chain (persistent): per step the gate gradients of a thread's units for every batch
    // row, one barrier, then dh[t-1] += dGh[t] W_hh for its units (see the layout notes in CpuSimd.Recurrence.cs).

    /// <summary>Runs thread <paramref name="group"/> of <paramref name="groups"/> of <see cref="RnnKernels.PersistentBackwardCpu"/>.</summary>
    [ILGPU.Frontend.External("rnngpu_cpu_persistent_backward")]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PersistentBackward(int group, int groups, ArrayView<float> whh, ArrayView<float> gates, ArrayView<float> hs,
        ArrayView<float> cs, ArrayView<float> dy, ArrayView<float> dh, ArrayView<float> dc, ArrayView<float> dgx,
        ArrayView<float> dgh, ArrayView<int> lengths, ArrayView<int> sync, PersistentArgs a)
    {
        int H = a.H, B = a.B, G = a.G, GH = G * H, T = a.Steps, ub = BlockUnits(G);
        int stored = CellMath.StoredGatesPerUnit(a.Cell) * H;
        long bh = (long)B * H;
        int* counter = (int*)sync.LoadEffectiveAddressAsPtr();
        int* len = (int*)lengths.LoadEffectiveAddressAsPtr();
        BlockRange(H, G, group, groups, out int blk0, out int blk1);
        int u0 = Math.Min(blk0 * ub, H), u1 = Math.Min(blk1 * ub, H);
        float* pw = Address(whh), pgt = Address(gates), ph = Address(hs), pcs = G == 4 ? Address(cs) : null;
        float* pdy = Address(dy), pdh = Address(dh), pdc = G == 4 ? Address(dc) : null, pgx = Address(dgx), pgh = Address(dgh);
        int n = 0;
        for (int step = T - 1; step >= 0; step--, n++)
        {
            int t = a.Reverse != 0 ? T - 1 - step : step;
            int leaving = step == T - 1 ? T : (a.Reverse != 0 ? t - 1 : t + 1);
            float* gxt = pgx + (long)t * B * GH, ght = pgh + (long)t * B * GH;
            if (u1 > u0)
            {
                GateGradients(new StepShape(B, H, a.Cell, a.LdY), t, len, 0, B, u0, u1, pgt + (long)t * B * stored, ph + t * bh,
                    pcs == null ? null : pcs + t * bh, pcs == null ? null : pcs + leaving * bh, pdy + (long)t * B * a.LdY,
                    pdh, pdc, gxt, ght);
            }
            Barrier(counter, groups * (n + 1));
            if (u1 > u0)
                DhProduct(B, H, GH, t, len, u0, u1, ght, pw, pdh);
            // The next step's gate gradients need only this thread's units of dh (and dc); a second barrier is needed
            // only before the host reads dh after the launch, which the launch's end provides.
        }
    }

    /// <summary>Gate gradients of units [u0, u1) for every batch row at time t (the formulas of
    /// <see cref="CellMath"/>'s backward): writes dGx (and GRU's dGh), updates the dc carry, and leaves in dh what
    /// dh[t-1] starts from before dGh W_hh is added (0, or GRU's dh z). Rows past their length get dG = 0 and keep
    /// their carries.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void GateGradients(in StepShape a, int t, int* len, int b0, int b1, int u0, int u1, float* gates, float* hPrev,
        float* cPrev, float* cCur, float* dy, float* dh, float* dc, float* dgx, float* dgh)
    {
        int H = a.H, G = a.G, GH = G * H, stored = CellMath.StoredGatesPerUnit(a.Cell) * H;
        for (int b = b0; b < b1; b++)
        {
            long bh = (long)b * H;
            float* gx = dgx + (long)b * GH, gh = dgh + (long)b * GH;
            if (!(t < len[b]))
            {
                for (int k = 0; k < G; k++)
                {
                    for (int j = u0; j < u1; j++)
                    {
                        gx[k * H + j] = 0f;
                        gh[k * H + j] = 0f;
                    }
                }
                continue;
            }
            float* dyr = dy + (long)b * a.LdY, dhr = dh + bh, s = gates + (long)b * stored;
            int j0 = u0;
            if (G == 4)
            {
                float* dcr = dc + bh, cp = cPrev + bh, cc = cCur + bh;
                if (Use512)
                {
                    for (; j0 + 16 <= u1; j0 += 16)
                    {
                        var dht = Vector512.Load(dhr + j0) + Vector512.Load(dyr + j0);
                        var i = Vector512.Load(s + j0);
                        var f = Vector512.Load(s + H + j0);
                        var g = Vector512.Load(s + 2 * H + j0);
                        var o = Vector512.Load(s + 3 * H + j0);
                        var tc = Tanh(Vector512.Load(cc + j0));
                        var one = Vector512<float>.One;
                        var dct = Vector512.Load(dcr + j0) + dht * o * (one - tc * tc);
                        (dct * g * i * (one - i)).Store(gx + j0);
                        (dct * Vector512.Load(cp + j0) * f * (one - f)).Store(gx + H + j0);
                        (dct * i * (one - g * g)).Store(gx + 2 * H + j0);
                        (dht * tc * o * (one - o)).Store(gx + 3 * H + j0);
                        (dct * f).Store(dcr + j0);
                        Vector512<float>.Zero.Store(dhr + j0);
                    }
                }
                else if (Use256)
                {
                    for (; j0 + 8 <= u1; j0 += 8)
                    {
                        var dht = Vector256.Load(dhr + j0) + Vector256.Load(dyr + j0);
                        var i = Vector256.Load(s + j0);
                        var f = Vector256.Load(s + H + j0);
                        var g = Vector256.Load(s + 2 * H + j0);
                        var o = Vector256.Load(s + 3 * H + j0);
                        var tc = Tanh(Vector256.Load(cc + j0));
                        var one = Vector256<float>.One;
                        var dct = Vector256.Load(dcr + j0) + dht * o * (one - tc * tc);
                        (dct * g * i * (one - i)).Store(gx + j0);
                        (dct * Vector256.Load(cp + j0) * f * (one - f)).Store(gx + H + j0);
                        (dct * i * (one - g * g)).Store(gx + 2 * H + j0);
                        (dht * tc * o * (one - o)).Store(gx + 3 * H + j0);
                        (dct * f).Store(dcr + j0);
                        Vector256<float>.Zero.Store(dhr + j0);
                    }
                }
                for (int j = j0; j < u1; j++)
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
                float* hp = hPrev + bh;
                for (int j = u0; j < u1; j++)
                {
                    float dht = dhr[j] + dyr[j];
                    float r = s[j], z = s[H + j], nn = s[2 * H + j], ghn = s[3 * H + j];
                    float dn = dht * (1f - z) * (1f - nn * nn);
                    float dz = dht * (hp[j] - nn) * z * (1f - z);
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
                bool tanh = a.Cell == (int)RnnMode.RnnTanh;
                for (int j = u0; j < u1; j++)
                {
                    float dht = dhr[j] + dyr[j];
                    float h = s[j];
                    gx[j] = tanh ? dht * (1f - h * h) : (h > 0f ? dht : 0f);
                    dhr[j] = 0f;
                }
            }
        }
    }

    /// <summary>dh[b, u0:u1] += dGh[t][b, :] W_hh[:, u0:u1] for the rows still running at time t (the others have dG = 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void DhProduct(int B, int H, int GH, int t, int* len, int u0, int u1, float* dg, float* w, float* dh)
    {
        int b = 0;
        int* rows = stackalloc int[4];
        while (b < B)
        {
            // A run of up to 4 active rows.
            int nrows = 0;
            for (; b < B && nrows < 4; b++)
            {
                if (t < len[b])
                    rows[nrows++] = b;
            }
            if (nrows == 0)
                continue;
            for (int r = nrows; r < 4; r++)
                rows[r] = rows[nrows - 1];
            float* g0 = dg + (long)rows[0] * GH, g1 = dg + (long)rows[1] * GH, g2 = dg + (long)rows[2] * GH, g3 = dg + (long)rows[3] * GH;
            int j = u0;
            if (Use512)
            {
                for (; j + 32 <= u1; j += 32)
                    Dh512x2(GH, H, g0, g1, g2, g3, w + j, dh + j, rows, nrows);
                for (; j + 16 <= u1; j += 16)
                    Dh512x1(GH, H, g0, g1, g2, g3, w + j, dh + j, rows, nrows);
            }
            else if (Use256)
            {
                for (; j + 16 <= u1; j += 16)
                    Dh256x2(GH, H, g0, g1, g2, g3, w + j, dh + j, rows, nrows);
                for (; j + 8 <= u1; j += 8)
                    Dh256x1(GH, H, g0, g1, g2, g3, w + j, dh + j, rows, nrows);
            }
            for (; j < u1; j++)
            {
                for (int r = 0; r < nrows; r++)
                {
                    float* g = dg + (long)rows[r] * GH;
                    float sum = 0f;
                    for (int q = 0; q < GH; q++)
                        sum += g[q] * w[(long)q * H + j];
                    dh[(long)rows[r] * H + j] += sum;
                }
            }
        }
    }

    /// <summary>4 rows x 32 units of dh += dG W (W row stride H).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void Dh512x2(int GH, int H, float* g0, float* g1, float* g2, float* g3, float* w, float* dh, int* rows, int nrows)
    {
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector512<float> c20 = default, c21 = default, c30 = default, c31 = default;
        for (int q = 0; q < GH; q++)
        {
            var w0 = Vector512.Load(w);
            var w1 = Vector512.Load(w + 16);
            w += H;
            var x = Vector512.Create(g0[q]); c00 = Avx512F.FusedMultiplyAdd(x, w0, c00); c01 = Avx512F.FusedMultiplyAdd(x, w1, c01);
            x = Vector512.Create(g1[q]); c10 = Avx512F.FusedMultiplyAdd(x, w0, c10); c11 = Avx512F.FusedMultiplyAdd(x, w1, c11);
            x = Vector512.Create(g2[q]); c20 = Avx512F.FusedMultiplyAdd(x, w0, c20); c21 = Avx512F.FusedMultiplyAdd(x, w1, c21);
            x = Vector512.Create(g3[q]); c30 = Avx512F.FusedMultiplyAdd(x, w0, c30); c31 = Avx512F.FusedMultiplyAdd(x, w1, c31);
        }
        AddRow(dh + (long)rows[0] * H, c00, c01);
        if (nrows > 1) AddRow(dh + (long)rows[1] * H, c10, c11);
        if (nrows > 2) AddRow(dh + (long)rows[2] * H, c20, c21);
        if (nrows > 3) AddRow(dh + (long)rows[3] * H, c30, c31);
    }

    /// <summary>4 rows x 16 units of dh += dG W.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void Dh512x1(int GH, int H, float* g0, float* g1, float* g2, float* g3, float* w, float* dh, int* rows, int nrows)
    {
        Vector512<float> c0 = default, c1 = default, c2 = default, c3 = default;
        for (int q = 0; q < GH; q++)
        {
            var w0 = Vector512.Load(w);
            w += H;
            c0 = Avx512F.FusedMultiplyAdd(Vector512.Create(g0[q]), w0, c0);
            c1 = Avx512F.FusedMultiplyAdd(Vector512.Create(g1[q]), w0, c1);
            c2 = Avx512F.FusedMultiplyAdd(Vector512.Create(g2[q]), w0, c2);
            c3 = Avx512F.FusedMultiplyAdd(Vector512.Create(g3[q]), w0, c3);
        }
        float* d = dh + (long)rows[0] * H; (Vector512.Load(d) + c0).Store(d);
        if (nrows > 1) { d = dh + (long)rows[1] * H; (Vector512.Load(d) + c1).Store(d); }
        if (nrows > 2) { d = dh + (long)rows[2] * H; (Vector512.Load(d) + c2).Store(d); }
        if (nrows > 3) { d = dh + (long)rows[3] * H; (Vector512.Load(d) + c3).Store(d); }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void AddRow(float* d, Vector512<float> v0, Vector512<float> v1)
    {
        (Vector512.Load(d) + v0).Store(d);
        (Vector512.Load(d + 16) + v1).Store(d + 16);
    }

    /// <summary>4 rows x 16 units (AVX2) of dh += dG W (W row stride H).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void Dh256x2(int GH, int H, float* g0, float* g1, float* g2, float* g3, float* w, float* dh, int* rows, int nrows)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector256<float> c20 = default, c21 = default, c30 = default, c31 = default;
        for (int q = 0; q < GH; q++)
        {
            var w0 = Vector256.Load(w);
            var w1 = Vector256.Load(w + 8);
            w += H;
            var x = Vector256.Create(g0[q]); c00 = Fma.MultiplyAdd(x, w0, c00); c01 = Fma.MultiplyAdd(x, w1, c01);
            x = Vector256.Create(g1[q]); c10 = Fma.MultiplyAdd(x, w0, c10); c11 = Fma.MultiplyAdd(x, w1, c11);
            x = Vector256.Create(g2[q]); c20 = Fma.MultiplyAdd(x, w0, c20); c21 = Fma.MultiplyAdd(x, w1, c21);
            x = Vector256.Create(g3[q]); c30 = Fma.MultiplyAdd(x, w0, c30); c31 = Fma.MultiplyAdd(x, w1, c31);
        }
        AddRow256(dh + (long)rows[0] * H, c00, c01);
        if (nrows > 1) AddRow256(dh + (long)rows[1] * H, c10, c11);
        if (nrows > 2) AddRow256(dh + (long)rows[2] * H, c20, c21);
        if (nrows > 3) AddRow256(dh + (long)rows[3] * H, c30, c31);
    }

    /// <summary>4 rows x 8 units (AVX2) of dh += dG W.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void Dh256x1(int GH, int H, float* g0, float* g1, float* g2, float* g3, float* w, float* dh, int* rows, int nrows)
    {
        Vector256<float> c0 = default, c1 = default, c2 = default, c3 = default;
        for (int q = 0; q < GH; q++)
        {
            var w0 = Vector256.Load(w);
            w += H;
            c0 = Fma.MultiplyAdd(Vector256.Create(g0[q]), w0, c0);
            c1 = Fma.MultiplyAdd(Vector256.Create(g1[q]), w0, c1);
            c2 = Fma.MultiplyAdd(Vector256.Create(g2[q]), w0, c2);
            c3 = Fma.MultiplyAdd(Vector256.Create(g3[q]), w0, c3);
        }
        float* d = dh + (long)rows[0] * H; (Vector256.Load(d) + c0).Store(d);
        if (nrows > 1) { d = dh + (long)rows[1] * H; (Vector256.Load(d) + c1).Store(d); }
        if (nrows > 2) { d = dh + (long)rows[2] * H; (Vector256.Load(d) + c2).Store(d); }
        if (nrows > 3) { d = dh + (long)rows[3] * H; (Vector256.Load(d) + c3).Store(d); }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void AddRow256(float* d, Vector256<float> v0, Vector256<float> v1)
    {
        (Vector256.Load(d) + v0).Store(d);
        (Vector256.Load(d + 8) + v1).Store(d + 8);
    }
}
