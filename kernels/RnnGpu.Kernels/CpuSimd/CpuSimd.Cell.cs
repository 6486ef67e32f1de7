using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using ILGPU;
using ILGPU.Runtime;

namespace RnnGpu.Kernels;

internal static unsafe partial class CpuSimd
{
    // ---- The CPU recurrence's cell epilogue: the gate sums of a block of units for one batch row (from the step's GEMM)
    // through the cell's nonlinearities and state update, on whole vectors of units (Vector512, Vector256) with a scalar
    // tail. The step code that calls it is in CpuSimd.Recurrence.cs.

    /// <summary>The cell for batch row b over blocks [blk0, blk1): pre-activations from acc (G runs of Ub lanes per block),
    /// b_hh and Gx; writes h[t], c[t], y[t] and the stored gates. An inactive row keeps its state and outputs 0.</summary>
    static void CellBlocks(in StepShape s, int b, bool active, int blk0, int blk1, float* acc, float* hPrev, float* cPrev,
        float* bhh, float* gx, float* hNext, float* cNext, float* y, float* gates, int stored)
    {
        int H = s.H, G = s.G, ub = BlockUnits(G), U = Lanes;
        long bh = (long)b * H;
        float* gxr = gx + (long)b * G * H, yr = y + (long)b * s.LdY, gr = gates == null ? null : gates + (long)b * stored;
        for (int blk = blk0; blk < blk1; blk++)
        {
            for (int l0 = 0; l0 < ub; l0 += U)
            {
                int u0 = blk * ub + l0, n = Math.Min(U, H - u0);
                if (n <= 0)
                    break;
                float* ab = acc + (long)(blk - blk0) * G * ub + l0;
                if (!active)
                {
                    for (int l = 0; l < n; l++)
                    {
                        hNext[bh + u0 + l] = hPrev[bh + u0 + l];
                        if (G == 4)
                            cNext[bh + u0 + l] = cPrev[bh + u0 + l];
                        yr[u0 + l] = 0f;
                    }
                    continue;
                }
                if (Use512 && n == 16)
                {
                    CellVector(s, u0, ab, ub, hPrev + bh, cPrev == null ? null : cPrev + bh, bhh, gxr, hNext + bh,
                        cNext == null ? null : cNext + bh, yr, gr);
                    continue;
                }
                if (Use256 && n == 8)
                {
                    CellVector256(s, u0, ab, ub, hPrev + bh, cPrev == null ? null : cPrev + bh, bhh, gxr, hNext + bh,
                        cNext == null ? null : cNext + bh, yr, gr);
                    continue;
                }
                for (int l = 0; l < n; l++)
                {
                    int u = u0 + l;
                    if (G == 4)
                    {
                        CellMath.Lstm(ab[l] + bhh[u] + gxr[u], ab[ub + l] + bhh[H + u] + gxr[H + u],
                            ab[2 * ub + l] + bhh[2 * H + u] + gxr[2 * H + u], ab[3 * ub + l] + bhh[3 * H + u] + gxr[3 * H + u],
                            cPrev[bh + u], out float i, out float f, out float g, out float o, out float c, out float h);
                        cNext[bh + u] = c;
                        hNext[bh + u] = h;
                        yr[u] = h;
                        if (gr != null)
                        {
                            gr[u] = i; gr[H + u] = f; gr[2 * H + u] = g; gr[3 * H + u] = o;
                        }
                    }
                    else if (G == 3)
                    {
                        float ghn = ab[2 * ub + l] + bhh[2 * H + u];
                        float r = CellMath.Sigmoid(gxr[u] + ab[l] + bhh[u]);
                        float z = CellMath.Sigmoid(gxr[H + u] + ab[ub + l] + bhh[H + u]);
                        float nn = CellMath.Tanh(gxr[2 * H + u] + r * ghn);
                        float h = (1f - z) * nn + z * hPrev[bh + u];
                        hNext[bh + u] = h;
                        yr[u] = h;
                        if (gr != null)
                        {
                            gr[u] = r; gr[H + u] = z; gr[2 * H + u] = nn; gr[3 * H + u] = ghn;
                        }
                    }
                    else
                    {
                        float pre = ab[l] + bhh[u] + gxr[u];
                        float h = s.Cell == (int)RnnMode.RnnTanh ? CellMath.Tanh(pre) : Math.Max(pre, 0f);
                        hNext[bh + u] = h;
                        yr[u] = h;
                        if (gr != null)
                            gr[u] = h;
                    }
                }
            }
        }
    }

    /// <summary>The cell on 16 units [u0, u0 + 16) of one batch row (rows already offset; gate g's accumulators at
    /// ab + g * gs), as <see cref="CellBlocks"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void CellVector(in StepShape s, int u0, float* ab, int gs, float* hPrev, float* cPrev, float* bhh, float* gxr,
        float* hNext, float* cNext, float* yr, float* gr)
    {
        int H = s.H;
        if (s.G == 4)
        {
            var i = Sigmoid(Vector512.Load(ab) + Vector512.Load(bhh + u0) + Vector512.Load(gxr + u0));
            var f = Sigmoid(Vector512.Load(ab + gs) + Vector512.Load(bhh + H + u0) + Vector512.Load(gxr + H + u0));
            var g = Tanh(Vector512.Load(ab + 2 * gs) + Vector512.Load(bhh + 2 * H + u0) + Vector512.Load(gxr + 2 * H + u0));
            var o = Sigmoid(Vector512.Load(ab + 3 * gs) + Vector512.Load(bhh + 3 * H + u0) + Vector512.Load(gxr + 3 * H + u0));
            var c = f * Vector512.Load(cPrev + u0) + i * g;
            var h = o * Tanh(c);
            c.Store(cNext + u0);
            h.Store(hNext + u0);
            h.Store(yr + u0);
            if (gr != null)
            {
                i.Store(gr + u0); f.Store(gr + H + u0); g.Store(gr + 2 * H + u0); o.Store(gr + 3 * H + u0);
            }
        }
        else if (s.G == 3)
        {
            var ghn = Vector512.Load(ab + 2 * gs) + Vector512.Load(bhh + 2 * H + u0);
            var r = Sigmoid(Vector512.Load(gxr + u0) + Vector512.Load(ab) + Vector512.Load(bhh + u0));
            var z = Sigmoid(Vector512.Load(gxr + H + u0) + Vector512.Load(ab + gs) + Vector512.Load(bhh + H + u0));
            var n = Tanh(Vector512.Load(gxr + 2 * H + u0) + r * ghn);
            var h = (Vector512<float>.One - z) * n + z * Vector512.Load(hPrev + u0);
            h.Store(hNext + u0);
            h.Store(yr + u0);
            if (gr != null)
            {
                r.Store(gr + u0); z.Store(gr + H + u0); n.Store(gr + 2 * H + u0); ghn.Store(gr + 3 * H + u0);
            }
        }
        else
        {
            var pre = Vector512.Load(ab) + Vector512.Load(bhh + u0) + Vector512.Load(gxr + u0);
            var h = s.Cell == (int)RnnMode.RnnTanh ? Tanh(pre) : Vector512.Max(pre, Vector512<float>.Zero);
            h.Store(hNext + u0);
            h.Store(yr + u0);
            if (gr != null)
                h.Store(gr + u0);
        }
    }

    /// <summary>The cell on 8 units [u0, u0 + 8) (AVX2) of one batch row (rows already offset; gate g's accumulators at
    /// ab + g * gs), as <see cref="CellBlocks"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void CellVector256(in StepShape s, int u0, float* ab, int gs, float* hPrev, float* cPrev, float* bhh, float* gxr,
        float* hNext, float* cNext, float* yr, float* gr)
    {
        int H = s.H;
        if (s.G == 4)
        {
            var i = Sigmoid(Vector256.Load(ab) + Vector256.Load(bhh + u0) + Vector256.Load(gxr + u0));
            var f = Sigmoid(Vector256.Load(ab + gs) + Vector256.Load(bhh + H + u0) + Vector256.Load(gxr + H + u0));
            var g = Tanh(Vector256.Load(ab + 2 * gs) + Vector256.Load(bhh + 2 * H + u0) + Vector256.Load(gxr + 2 * H + u0));
            var o = Sigmoid(Vector256.Load(ab + 3 * gs) + Vector256.Load(bhh + 3 * H + u0) + Vector256.Load(gxr + 3 * H + u0));
            var c = f * Vector256.Load(cPrev + u0) + i * g;
            var h = o * Tanh(c);
            c.Store(cNext + u0);
            h.Store(hNext + u0);
            h.Store(yr + u0);
            if (gr != null)
            {
                i.Store(gr + u0); f.Store(gr + H + u0); g.Store(gr + 2 * H + u0); o.Store(gr + 3 * H + u0);
            }
        }
        else if (s.G == 3)
        {
            var ghn = Vector256.Load(ab + 2 * gs) + Vector256.Load(bhh + 2 * H + u0);
            var r = Sigmoid(Vector256.Load(gxr + u0) + Vector256.Load(ab) + Vector256.Load(bhh + u0));
            var z = Sigmoid(Vector256.Load(gxr + H + u0) + Vector256.Load(ab + gs) + Vector256.Load(bhh + H + u0));
            var n = Tanh(Vector256.Load(gxr + 2 * H + u0) + r * ghn);
            var h = (Vector256<float>.One - z) * n + z * Vector256.Load(hPrev + u0);
            h.Store(hNext + u0);
            h.Store(yr + u0);
            if (gr != null)
            {
                r.Store(gr + u0); z.Store(gr + H + u0); n.Store(gr + 2 * H + u0); ghn.Store(gr + 3 * H + u0);
            }
        }
        else
        {
            var pre = Vector256.Load(ab) + Vector256.Load(bhh + u0) + Vector256.Load(gxr + u0);
            var h = s.Cell == (int)RnnMode.RnnTanh ? Tanh(pre) : Vector256.Max(pre, Vector256<float>.Zero);
            h.Store(hNext + u0);
            h.Store(yr + u0);
            if (gr != null)
                h.Store(gr + u0);
        }
    }
}
