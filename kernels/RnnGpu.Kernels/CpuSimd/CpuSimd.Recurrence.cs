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
}
