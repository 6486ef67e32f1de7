using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using ILGPU;
using ILGPU.Runtime;

namespace RnnGpu.Kernels;

internal static unsafe partial class CpuSimd
{
    // ---- Recurrence of the CPU accelerator. The hidden units are cut into blocks of Ub units (16 with AVX-512, else 8;
    // twice that for cells with an odd gate count), each thread of a launch owning a contiguous range of blocks.
    //
    // Forward: W_hh is packed once per weight version (PackBlocks) into panels of Nr = 32 (16) columns, k-major: block by
    // block, and within a block gate by gate (Ub columns per gate), so that a block's gates of one batch row come out of
    // the GEMM micro-kernel as G vectors of Ub lanes. A step multiplies h[t-1] (B, H) by the thread's panels with the CPU
    // GEMM's 6-row micro-kernels (2- and 1-row ones at the end of the batch) and runs the cell on whole vectors of units
    // (exp-based sigmoid and tanh over 16 lanes). The per-step kernel and the persistent one (all T steps in one launch,
    // one barrier per step) run the same step code, so their results are bit-identical, and a streaming step equals the
    // same step of a whole forward.
    //
    // Backward (BPTT's dh chain, persistent): per step each thread computes the gate gradients of its units for every
    // batch row, the threads meet, and each thread adds dGh[t] W_hh to dh[t-1] for its units, reading W_hh as stored (the
    // unit columns of a W_hh row are contiguous). A thread's next step needs only its own units of dh and dc, and the dG
    // rows of a step are never written again, so one barrier per step suffices.

    /// <summary>Lanes of the cell epilogue's vectors: 16 with AVX-512, else 8.</summary>
    internal static int Lanes => Use512 ? 16 : 8;

    /// <summary>Hidden units per block for a cell of <paramref name="gates"/> gates: a block's G*Ub packed columns fill
    /// whole panels of 2 * <see cref="Lanes"/>.</summary>
    internal static int BlockUnits(int gates) => gates % 2 == 1 ? 2 * Lanes : Lanes;

    /// <summary>Unit blocks of hidden size <paramref name="h"/>: the work items of the CPU step kernels.</summary>
    internal static int Blocks(int h, int gates) => (h + BlockUnits(gates) - 1) / BlockUnits(gates);

    /// <summary>Floats of W_hh packed by <see cref="PackBlocks"/>.</summary>
    internal static long PackedFloats(int h, int gates) => (long)Blocks(h, gates) * gates * BlockUnits(gates) * h;

    [ThreadStatic] static float[]? stepAcc;

    static void BlockRange(int h, int gates, int group, int groups, out int blk0, out int blk1)
    {
        int blocks = Blocks(h, gates);
        blk0 = (int)((long)blocks * group / groups);
        blk1 = (int)((long)blocks * (group + 1) / groups);
    }

    /// <summary>Packs the W_hh rows of unit blocks [first, end) (see the layout above; zero past H).</summary>
    [ILGPU.Frontend.External("rnngpu_cpu_pack_recurrent")]
    public static void PackBlocks(int first, int end, ArrayView<float> whh, ArrayView<float> packed, int h, int cell)
    {
        int G = CellMath.Gates(cell), ub = BlockUnits(G), nr = 2 * Lanes, cols = G * ub;
        float* w = Address(whh), dst = Address(packed);
        for (int blk = first; blk < end; blk++)
        {
            float* block = dst + (long)blk * cols * h;
            for (int c = 0; c < cols; c++)
            {
                float* d = block + (long)(c / nr) * h * nr + c % nr;
                int g = c / ub, unit = blk * ub + c % ub;
                if (unit < h)
                {
                    float* src = w + ((long)g * h + unit) * h;
                    for (int k = 0; k < h; k++)
                        d[(long)k * nr] = src[k];
                }
                else
                {
                    for (int k = 0; k < h; k++)
                        d[(long)k * nr] = 0f;
                }
            }
        }
    }

    /// <summary>One forward step for unit blocks [first, end) of <see cref="RnnKernels.StepForwardCpu"/>.</summary>
    [ILGPU.Frontend.External("rnngpu_cpu_step_forward")]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void StepForward(int first, int end, ArrayView<float> packed, ArrayView<float> hPrev, ArrayView<float> cPrev,
        ArrayView<float> bhh, ArrayView<float> gx, ArrayView<float> hNext, ArrayView<float> cNext, ArrayView<float> y,
        ArrayView<float> gates, ArrayView<int> lengths, StepArgs p)
    {
        var shape = new StepShape(p.B, p.H, p.Cell, p.LdY);
        float* acc = StepScratch(shape, first, end, out float* tile);
        ForwardStep(shape, p.T, (int*)lengths.LoadEffectiveAddressAsPtr(), first, end, Address(packed), Address(hPrev),
            p.G == 4 ? Address(cPrev) : null, Address(bhh), Address(gx), Address(hNext), p.G == 4 ? Address(cNext) : null,
            Address(y), p.Store != 0 ? Address(gates) : null, acc, tile);
    }

    /// <summary>Runs thread <paramref name="group"/> of <paramref name="groups"/> of <see cref="RnnKernels.PersistentForwardCpu"/>.</summary>
    [ILGPU.Frontend.External("rnngpu_cpu_persistent_forward")]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PersistentForward(int group, int groups, ArrayView<float> packed, ArrayView<float> bhh,
        ArrayView<float> gx, ArrayView<float> hs, ArrayView<float> cs, ArrayView<float> y, ArrayView<float> gates,
        ArrayView<int> lengths, ArrayView<int> sync, PersistentArgs a)
    {
        int H = a.H, B = a.B, G = a.G, GH = G * H;
        var shape = new StepShape(B, H, a.Cell, a.LdY);
        int stored = CellMath.StoredGatesPerUnit(a.Cell) * H;
        long bh = (long)B * H;
        int* counter = (int*)sync.LoadEffectiveAddressAsPtr();
        int* len = (int*)lengths.LoadEffectiveAddressAsPtr();
        BlockRange(H, G, group, groups, out int blk0, out int blk1);
        float* acc = StepScratch(shape, blk0, blk1, out float* tile);
        float* pw = Address(packed), ph = Address(hs), pc = G == 4 ? Address(cs) : null, pgx = Address(gx), py = Address(y), pb = Address(bhh);
        float* pg = a.Store != 0 ? Address(gates) : null;
        for (int s = 0; s < a.Steps; s++)
        {
            int t = a.Reverse != 0 ? a.Steps - 1 - s : s;
            int prev = a.Tape != 0 ? t : s & 1;
            int next = a.Tape != 0 ? (s == a.Steps - 1 ? a.Steps : (a.Reverse != 0 ? t - 1 : t + 1)) : (s + 1) & 1;
            ForwardStep(shape, t, len, blk0, blk1, pw, ph + prev * bh, pc == null ? null : pc + prev * bh, pb,
                pgx + (long)t * B * GH, ph + next * bh, pc == null ? null : pc + next * bh, py + (long)t * B * a.LdY,
                pg == null ? null : pg + (long)t * B * stored, acc, tile);
            if (s < a.Steps - 1)
                Barrier(counter, groups * (s + 1));
        }
    }

    /// <summary>Sizes of a step: batch, hidden size, cell and the row stride of y.</summary>
    internal readonly record struct StepShape(int B, int H, int Cell, int LdY)
    {
        public int G => CellMath.Gates(Cell);
    }

    /// <summary>The calling thread's accumulator rows for blocks [blk0, blk1) (6 rows of their packed columns) and, past
    /// them, a 6 x 32 micro-kernel tile. Pinned and kept per thread.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static float* StepScratch(in StepShape s, int blk0, int blk1, out float* tile)
    {
        int width = Math.Max(0, blk1 - blk0) * s.G * BlockUnits(s.G);
        int need = Mr * width + Mr * MaxNr + 16;
        var acc = stepAcc is { } a && a.Length >= need ? a : stepAcc = GC.AllocateUninitializedArray<float>(need, pinned: true);
        float* p = (float*)(((nint)Unsafe.AsPointer(ref acc[0]) + 63) & ~(nint)63);
        tile = p + Mr * width;
        return p;
    }

    /// <summary>One step of blocks [blk0, blk1) for every batch row (pointers at time t; gates null unless stored).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void ForwardStep(in StepShape s, int t, int* len, int blk0, int blk1, float* packed, float* hPrev, float* cPrev,
        float* bhh, float* gxt, float* hNext, float* cNext, float* yt, float* gt, float* acc, float* tile)
    {
        if (blk1 <= blk0)
            return;
        int G = s.G, ub = BlockUnits(G), nr = 2 * Lanes;
        int width = (blk1 - blk0) * G * ub, panels = width / nr;
        int stored = CellMath.StoredGatesPerUnit(s.Cell) * s.H;
        float* pack = packed + (long)blk0 * G * ub * s.H;
        for (int m = 0; m < s.B;)
        {
            int rows = s.B - m >= 3 ? Math.Min(Mr, s.B - m) : s.B - m;
            StepProduct(hPrev, s.H, m, rows, s.B, pack, panels, nr, acc, width, tile);
            for (int r = 0; r < rows; r++)
            {
                int b = m + r;
                CellBlocks(s, b, t < len[b], blk0, blk1, acc + (long)r * width, hPrev, cPrev, bhh, gxt, hNext, cNext, yt, gt, stored);
            }
            m += rows;
        }
    }

    /// <summary>acc[r, :] = h[m + r, :] times every panel, for rows r &lt; rows (row stride width).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void StepProduct(float* h, int H, int m, int rows, int B, float* pack, int panels, int nr, float* acc, int width, float* tile)
    {
        long last = B - 1;
        float* a0 = h + (long)m * H;
        float* a1 = h + Math.Min(m + 1, last) * H;
        float* a2 = h + Math.Min(m + 2, last) * H;
        float* a3 = h + Math.Min(m + 3, last) * H;
        float* a4 = h + Math.Min(m + 4, last) * H;
        float* a5 = h + Math.Min(m + 5, last) * H;
        for (int j = 0; j < panels; j++)
        {
            float* panel = pack + (long)j * H * nr;
            if (Use512 && rows <= 2)
            {
                if (rows == 2)
                    Micro512x2(H, a0, a1, panel, acc + j * nr, width);
                else
                    Micro512x1(H, a0, panel, acc + j * nr);
                continue;
            }
            if (Use512)
                Micro512(H, a0, a1, a2, a3, a4, a5, 1, panel, nr, tile);
            else if (Use256)
                Micro256(H, a0, a1, a2, a3, a4, a5, 1, panel, nr, tile);
            else
                MicroScalar(H, a0, a1, a2, a3, a4, a5, 1, panel, nr, nr, tile);
            for (int r = 0; r < rows; r++)
                new ReadOnlySpan<float>(tile + r * nr, nr).CopyTo(new Span<float>(acc + (long)r * width + j * nr, nr));
        }
    }

    /// <summary>2 x 32 tile straight into acc (row stride ld).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void Micro512x2(int kc, float* a0, float* a1, float* bp, float* acc, int ld)
    {
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default;
        for (int k = 0; k < kc; k++)
        {
            var b0 = Vector512.Load(bp);
            var b1 = Vector512.Load(bp + 16);
            bp += 32;
            var x = Vector512.Create(a0[k]); c00 = Avx512F.FusedMultiplyAdd(x, b0, c00); c01 = Avx512F.FusedMultiplyAdd(x, b1, c01);
            x = Vector512.Create(a1[k]); c10 = Avx512F.FusedMultiplyAdd(x, b0, c10); c11 = Avx512F.FusedMultiplyAdd(x, b1, c11);
        }
        c00.Store(acc); c01.Store(acc + 16);
        c10.Store(acc + ld); c11.Store(acc + ld + 16);
    }

    /// <summary>1 x 32 tile straight into acc, four accumulators (two k in flight).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void Micro512x1(int kc, float* a0, float* bp, float* acc)
    {
        Vector512<float> c0 = default, c1 = default, d0 = default, d1 = default;
        int k = 0;
        for (; k + 2 <= kc; k += 2)
        {
            var x = Vector512.Create(a0[k]);
            c0 = Avx512F.FusedMultiplyAdd(x, Vector512.Load(bp), c0);
            c1 = Avx512F.FusedMultiplyAdd(x, Vector512.Load(bp + 16), c1);
            x = Vector512.Create(a0[k + 1]);
            d0 = Avx512F.FusedMultiplyAdd(x, Vector512.Load(bp + 32), d0);
            d1 = Avx512F.FusedMultiplyAdd(x, Vector512.Load(bp + 48), d1);
            bp += 64;
        }
        if (k < kc)
        {
            var x = Vector512.Create(a0[k]);
            c0 = Avx512F.FusedMultiplyAdd(x, Vector512.Load(bp), c0);
            c1 = Avx512F.FusedMultiplyAdd(x, Vector512.Load(bp + 16), c1);
        }
        (c0 + d0).Store(acc);
        (c1 + d1).Store(acc + 16);
    }

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
                        float h = s.Cell == (int)CellKind.RnnTanh ? CellMath.Tanh(pre) : Math.Max(pre, 0f);
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
            var h = s.Cell == (int)CellKind.RnnTanh ? Tanh(pre) : Vector512.Max(pre, Vector512<float>.Zero);
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
            var h = s.Cell == (int)CellKind.RnnTanh ? Tanh(pre) : Vector256.Max(pre, Vector256<float>.Zero);
            h.Store(hNext + u0);
            h.Store(yr + u0);
            if (gr != null)
                h.Store(gr + u0);
        }
    }

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
                bool tanh = a.Cell == (int)CellKind.RnnTanh;
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
