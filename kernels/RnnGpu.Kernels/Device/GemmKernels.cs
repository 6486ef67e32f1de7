using ILGPU;

namespace RnnGpu.Kernels;

/// <summary>Four consecutive floats, fetched through one view access (from 16-byte aligned shared memory: one 128-bit
/// load on GPUs).</summary>
internal struct Floats4
{
    public float V0, V1, V2, V3;

    /// <summary>c += a * b, four lanes.</summary>
    public static void Fma(ref Floats4 c, float a, in Floats4 b)
    {
        c.V0 += a * b.V0;
        c.V1 += a * b.V1;
        c.V2 += a * b.V2;
        c.V3 += a * b.V3;
    }
}

/// <summary>
/// GEMM kernels: C = alpha * op(A) * op(B) + beta * C (+ bias[n]), row-major, any M, N, K.
/// Three variants, one per accelerator shape; the host picks one per accelerator kind.
/// </summary>
/// <remarks>
/// Shapes: op(A): (M, K), op(B): (K, N), C: (M, N) with row stride Ldc, bias: (N).
/// When <see cref="GemmArgs.Beta"/> is 0, C is write-only and never read.
/// </remarks>
public static partial class GemmKernels
{
    // ---- Tiled variant (GPUs): 128x128 block tiles, 8x8 outputs per thread, 128-bit shared-memory reads.

    /// <summary>Rows of C computed by one group of the tiled kernel.</summary>
    public const int BlockTileM = 128;
    /// <summary>Columns of C computed by one group of the tiled kernel.</summary>
    public const int BlockTileN = 128;
    /// <summary>Depth of one shared-memory K slice of the tiled kernel (two slices are double-buffered).</summary>
    public const int BlockTileK = 8;
    /// <summary>Threads in one group of the tiled kernel (16 x 16, each owning 8 x 8 outputs of C).</summary>
    public const int TiledGroupSize = 256;
    /// <summary>Floats per K row of a shared tile: 128 plus 4 of padding, so the transposing stores of a row-major
    /// A (or a transposed B) hit eight different banks and every row start stays 16-byte aligned.</summary>
    const int TileStride = BlockTileN + 4;
    /// <summary>Floats of one shared K slice (A or B).</summary>
    const int TileFloats = BlockTileK * TileStride;


    // ---- OpenCL-on-CPU variant: each work item owns a RowTileM x RowTileN tile, RowTileN contiguous.

    /// <summary>Rows of C computed by one work item of the row-blocked kernel.</summary>
    public const int RowTileM = 4;
    /// <summary>Contiguous columns of C computed by one work item of the row-blocked kernel.</summary>
    public const int RowTileN = 32;
    /// <summary>Work items along N in one group of the row-blocked kernel.</summary>
    public const int RowGroupN = 8;

    /// <summary>Number of groups of the tiled kernel along (N, M).</summary>
    public static Index2D TiledGrid(int m, int n) =>
        new((n + BlockTileN - 1) / BlockTileN, (m + BlockTileM - 1) / BlockTileM);

    /// <summary>Number of work items (tasks: blocks of C) of the CPU-accelerator kernel.</summary>
    public static int CpuItems(int m, int n) => CpuSimd.GemmTasks(m, n);

    /// <summary>Number of groups of the row-blocked kernel along (N, M).</summary>
    public static Index2D RowGrid(int m, int n) =>
        new((n + RowGroupN * RowTileN - 1) / (RowGroupN * RowTileN), (m + RowTileM - 1) / RowTileM);

    /// <summary>Writes one element of C through the epilogue.</summary>
    static void Store(ArrayView<float> c, ArrayView<float> bias, in GemmArgs p, int m, int n, float acc)
    {
        long idx = (long)m * p.Ldc + n;
        float v = p.Alpha * acc;
        if (p.Beta != 0f)
            v += p.Beta * c[idx];
        if (p.HasBias != 0)
            v += bias[n];
        c[idx] = v;
    }

    /// <summary>
    /// Tiled GEMM for GPUs, after the structure of CUTLASS's SGEMM: each group of <see cref="TiledGroupSize"/> threads
    /// computes a 128 x 128 tile of C from K slices of 8 held in shared memory, A stored transposed (k-major) so that
    /// both operands are read as rows; each thread owns 8 x 8 outputs (rows ty*4..+3 and 64+ty*4..+3, columns
    /// tx*4..+3 and 64+tx*4..+3) and per k reads two 128-bit fragments of A and two of B for 64 FMAs. The next slice
    /// is fetched from global memory into registers while the current one is multiplied, then stored into the other
    /// shared buffer: one barrier per slice. Out-of-range elements load as zeros, so any M, N, K and all four
    /// transpose combinations work. Launch with <see cref="TiledGrid"/> groups of <see cref="TiledGroupSize"/> threads.
    /// </summary>
    /// <param name="a">A as stored: (M, K) or (K, M) when transposed.</param>
    /// <param name="b">B as stored: (K, N) or (N, K) when transposed.</param>
    /// <param name="c">C: (M, Ldc).</param>
    /// <param name="bias">bias: (N), read only when <see cref="GemmArgs.HasBias"/> is set.</param>
    /// <param name="p">Shapes, strides and epilogue.</param>
    public static void Tiled(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c,
        ArrayView<float> bias, GemmArgs p)
    {
        var tiles = SharedMemory.Allocate<float>(4 * TileFloats); // A slices 0, 1 then B slices 0, 1: (BK, TileStride)
        var tiles4 = tiles.Cast<Floats4>();
        int tid = Group.IdxX;
        int tx = tid % 16;
        int ty = tid / 16;
        int m0 = Grid.IdxY * BlockTileM;
        int n0 = Grid.IdxX * BlockTileN;

        Floats4 c0L = default, c0R = default, c1L = default, c1R = default, c2L = default, c2R = default;
        Floats4 c3L = default, c3R = default, c4L = default, c4R = default, c5L = default, c5R = default;
        Floats4 c6L = default, c6R = default, c7L = default, c7R = default;

        LoadSlice(a, b, p, m0, n0, 0, tid, out Floats4 pa, out Floats4 pb);
        StoreSlice(tiles, p, 0, tid, pa, pb);
        Group.Barrier();

        int slices = (p.K + BlockTileK - 1) / BlockTileK;
        for (int s = 0; s < slices; s++)
        {
            int cur = s & 1;
            bool next = s + 1 < slices;
            if (next)
                LoadSlice(a, b, p, m0, n0, (s + 1) * BlockTileK, tid, out pa, out pb);
            int aRow = cur * TileFloats / 4 + ty;
            int bRow = (2 + cur) * TileFloats / 4 + tx;
            for (int kk = 0; kk < BlockTileK; kk++)
            {
                Floats4 a0 = tiles4[aRow + kk * (TileStride / 4)];
                Floats4 a1 = tiles4[aRow + kk * (TileStride / 4) + 16];
                Floats4 b0 = tiles4[bRow + kk * (TileStride / 4)];
                Floats4 b1 = tiles4[bRow + kk * (TileStride / 4) + 16];
                Floats4.Fma(ref c0L, a0.V0, b0); Floats4.Fma(ref c0R, a0.V0, b1);
                Floats4.Fma(ref c1L, a0.V1, b0); Floats4.Fma(ref c1R, a0.V1, b1);
                Floats4.Fma(ref c2L, a0.V2, b0); Floats4.Fma(ref c2R, a0.V2, b1);
                Floats4.Fma(ref c3L, a0.V3, b0); Floats4.Fma(ref c3R, a0.V3, b1);
                Floats4.Fma(ref c4L, a1.V0, b0); Floats4.Fma(ref c4R, a1.V0, b1);
                Floats4.Fma(ref c5L, a1.V1, b0); Floats4.Fma(ref c5R, a1.V1, b1);
                Floats4.Fma(ref c6L, a1.V2, b0); Floats4.Fma(ref c6R, a1.V2, b1);
                Floats4.Fma(ref c7L, a1.V3, b0); Floats4.Fma(ref c7R, a1.V3, b1);
            }
            if (next)
                StoreSlice(tiles, p, cur ^ 1, tid, pa, pb);
            Group.Barrier();
        }

        int r0 = m0 + ty * 4, r4 = m0 + 64 + ty * 4;
        int qL = n0 + tx * 4, qR = n0 + 64 + tx * 4;
        StoreFragment(c, bias, p, r0, qL, qR, c0L, c0R);
        StoreFragment(c, bias, p, r0 + 1, qL, qR, c1L, c1R);
        StoreFragment(c, bias, p, r0 + 2, qL, qR, c2L, c2R);
        StoreFragment(c, bias, p, r0 + 3, qL, qR, c3L, c3R);
        StoreFragment(c, bias, p, r4, qL, qR, c4L, c4R);
        StoreFragment(c, bias, p, r4 + 1, qL, qR, c5L, c5R);
        StoreFragment(c, bias, p, r4 + 2, qL, qR, c6L, c6R);
        StoreFragment(c, bias, p, r4 + 3, qL, qR, c7L, c7R);
    }

    /// <summary>Where element e (0..1023) of an A slice lives: row mm of the 128-row tile, column kk of the 8-deep
    /// slice. Consecutive threads read consecutive addresses of A as stored (k-contiguous or m-contiguous).</summary>
    static void SliceA(in GemmArgs p, int e, out int mm, out int kk)
    {
        if (p.StrideAk == 1) { mm = e / BlockTileK; kk = e % BlockTileK; }
        else { kk = e / BlockTileM; mm = e % BlockTileM; }
    }

    /// <summary>Where element e (0..1023) of a B slice lives: column nn of the tile, row kk of the slice.</summary>
    static void SliceB(in GemmArgs p, int e, out int nn, out int kk)
    {
        if (p.StrideBn == 1) { kk = e / BlockTileN; nn = e % BlockTileN; }
        else { nn = e / BlockTileK; kk = e % BlockTileK; }
    }

    static float LoadA(ArrayView<float> a, in GemmArgs p, int m0, int k0, int e)
    {
        SliceA(p, e, out int mm, out int kk);
        int gm = m0 + mm, gk = k0 + kk;
        return gm < p.M && gk < p.K ? a[(long)gm * p.StrideAm + (long)gk * p.StrideAk] : 0f;
    }

    static float LoadB(ArrayView<float> b, in GemmArgs p, int n0, int k0, int e)
    {
        SliceB(p, e, out int nn, out int kk);
        int gn = n0 + nn, gk = k0 + kk;
        return gn < p.N && gk < p.K ? b[(long)gk * p.StrideBk + (long)gn * p.StrideBn] : 0f;
    }

    /// <summary>This thread's four elements of the A and B slices starting at k0, from global memory.</summary>
    static void LoadSlice(ArrayView<float> a, ArrayView<float> b, in GemmArgs p, int m0, int n0, int k0, int tid,
        out Floats4 pa, out Floats4 pb)
    {
        pa.V0 = LoadA(a, p, m0, k0, tid);
        pa.V1 = LoadA(a, p, m0, k0, tid + TiledGroupSize);
        pa.V2 = LoadA(a, p, m0, k0, tid + 2 * TiledGroupSize);
        pa.V3 = LoadA(a, p, m0, k0, tid + 3 * TiledGroupSize);
        pb.V0 = LoadB(b, p, n0, k0, tid);
        pb.V1 = LoadB(b, p, n0, k0, tid + TiledGroupSize);
        pb.V2 = LoadB(b, p, n0, k0, tid + 2 * TiledGroupSize);
        pb.V3 = LoadB(b, p, n0, k0, tid + 3 * TiledGroupSize);
    }

    static void StoreA(ArrayView<float> tiles, in GemmArgs p, int buffer, int e, float v)
    {
        SliceA(p, e, out int mm, out int kk);
        tiles[buffer * TileFloats + kk * TileStride + mm] = v;
    }

    static void StoreB(ArrayView<float> tiles, in GemmArgs p, int buffer, int e, float v)
    {
        SliceB(p, e, out int nn, out int kk);
        tiles[(2 + buffer) * TileFloats + kk * TileStride + nn] = v;
    }

    /// <summary>Stores this thread's prefetched elements into shared slice buffer 0 or 1 (A transposed to k-major).</summary>
    static void StoreSlice(ArrayView<float> tiles, in GemmArgs p, int buffer, int tid, in Floats4 pa, in Floats4 pb)
    {
        StoreA(tiles, p, buffer, tid, pa.V0);
        StoreA(tiles, p, buffer, tid + TiledGroupSize, pa.V1);
        StoreA(tiles, p, buffer, tid + 2 * TiledGroupSize, pa.V2);
        StoreA(tiles, p, buffer, tid + 3 * TiledGroupSize, pa.V3);
        StoreB(tiles, p, buffer, tid, pb.V0);
        StoreB(tiles, p, buffer, tid + TiledGroupSize, pb.V1);
        StoreB(tiles, p, buffer, tid + 2 * TiledGroupSize, pb.V2);
        StoreB(tiles, p, buffer, tid + 3 * TiledGroupSize, pb.V3);
    }

    /// <summary>Epilogue of one row of a thread's outputs: columns qL..qL+3 and qR..qR+3.</summary>
    static void StoreFragment(ArrayView<float> c, ArrayView<float> bias, in GemmArgs p, int m, int qL, int qR,
        in Floats4 l, in Floats4 r)
    {
        StoreRow(c, bias, p, m, qL, qL + 1, qL + 2, qL + 3, l.V0, l.V1, l.V2, l.V3);
        StoreRow(c, bias, p, m, qR, qR + 1, qR + 2, qR + 3, r.V0, r.V1, r.V2, r.V3);
    }

    static void StoreRow(ArrayView<float> c, ArrayView<float> bias, in GemmArgs p, int m,
        int n0, int n1, int n2, int n3, float v0, float v1, float v2, float v3)
    {
        if (m >= p.M)
            return;
        if (n0 < p.N) Store(c, bias, p, m, n0, v0);
        if (n1 < p.N) Store(c, bias, p, m, n1, v1);
        if (n2 < p.N) Store(c, bias, p, m, n2, v2);
        if (n3 < p.N) Store(c, bias, p, m, n3, v3);
    }

    /// <summary>
    /// GEMM of the ILGPU CPU accelerator: the work items are tasks of <see cref="CpuItems"/>, each a block of C, and each
    /// thread hands its contiguous range of tasks to <c>CpuSimd.Gemm</c>, an <see cref="ILGPU.Frontend.ExternalAttribute"/>
    /// helper that ILGPU leaves opaque and the CPU accelerator runs as plain .NET: per K chunk it packs op(B) into panels
    /// and runs a register-blocked SIMD micro-kernel (6 x 32 with AVX-512, 6 x 16 with AVX2, scalar elsewhere) with the
    /// alpha/beta/bias epilogue. Launched on the CPU accelerator only (no GPU backend can compile the helper).
    /// </summary>
    /// <param name="items">Number of work items, <see cref="CpuItems"/> (a strip of 6 rows within a block of 128 columns, column-block-major); see <see cref="Items"/>.</param>
    /// <param name="a">A as stored: (M, K) or (K, M) when transposed.</param>
    /// <param name="b">B as stored: (K, N) or (N, K) when transposed.</param>
    /// <param name="c">C: (M, Ldc).</param>
    /// <param name="bias">bias: (N), read only when <see cref="GemmArgs.HasBias"/> is set.</param>
    /// <param name="p">Shapes, strides and epilogue.</param>
    public static void CpuBlocked(int items, ArrayView<float> a, ArrayView<float> b, ArrayView<float> c, ArrayView<float> bias, GemmArgs p)
    {
        int first = Items.First(items), end = Items.End(items);
        if (first < end)
            CpuSimd.Gemm(first, end, a, b, c, bias, p);
    }

    /// <summary><see cref="CpuBlocked"/>'s work, all of its tasks, on the calling thread instead of in a launch (a GEMM too
    /// small to pay for waking the CPU accelerator's workers): the same code, so the same bits. Host code over CPU
    /// accelerator memory only (not a kernel).</summary>
    /// <param name="a">A as stored.</param>
    /// <param name="b">B as stored.</param>
    /// <param name="c">C: (M, Ldc).</param>
    /// <param name="bias">bias: (N), read only when <see cref="GemmArgs.HasBias"/> is set.</param>
    /// <param name="p">Shapes, strides and epilogue.</param>
    public static void CpuBlockedOnCallingThread(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c, ArrayView<float> bias, GemmArgs p)
    {
        if (p.M > 0 && p.N > 0)
            CpuSimd.Gemm(0, CpuItems(p.M, p.N), a, b, c, bias, p);
    }
}
