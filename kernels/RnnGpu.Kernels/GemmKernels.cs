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
public static class GemmKernels
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
    public const int RowTileM = 12;
    /// <summary>Contiguous columns of C computed by one work item of the row-blocked kernel.</summary>
    public const int RowTileN = 16;
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


    /// <summary>
    /// GEMM shaped for OpenCL on CPUs (PoCL): each work item keeps a <see cref="RowTileM"/> x
    /// <see cref="RowTileN"/> tile of C in registers and runs the whole K loop. With contiguous
    /// columns (B not transposed, a full tile) the OpenCL compiler's SLP vectoriser turns each
    /// tile row into one 16-wide vector: per step of K, one vector load of B, RowTileM broadcasts
    /// of A and RowTileM vector multiply-adds. (PoCL does not vectorise across the work items of
    /// a kernel with an inner loop.) Other layouts and edge tiles use clamped scalar loads.
    /// Launch with <see cref="RowGrid"/> groups of (<see cref="RowGroupN"/>, 1).
    /// </summary>
    /// <param name="a">A as stored: (M, K) or (K, M) when transposed.</param>
    /// <param name="b">B as stored: (K, N) or (N, K) when transposed.</param>
    /// <param name="c">C: (M, Ldc).</param>
    /// <param name="bias">bias: (N), read only when <see cref="GemmArgs.HasBias"/> is set.</param>
    /// <param name="p">Shapes, strides and epilogue.</param>
    public static void RowBlocked(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c,
        ArrayView<float> bias, GemmArgs p)
    {
        // The body below is unrolled for RowTileM = 12, RowTileN = 16.
        const int TM = RowTileM, TN = RowTileN, GN = RowGroupN;
        int n0 = (Grid.IdxX * GN + Group.IdxX) * TN;
        int m0 = Grid.IdxY * TM;
        if (m0 >= p.M || n0 >= p.N)
            return;
        int lastM = p.M - 1, lastN = p.N - 1;
        long ra0 = (long)IntrinsicMath.Min(m0 + 0, lastM) * p.StrideAm;
        long ra1 = (long)IntrinsicMath.Min(m0 + 1, lastM) * p.StrideAm;
        long ra2 = (long)IntrinsicMath.Min(m0 + 2, lastM) * p.StrideAm;
        long ra3 = (long)IntrinsicMath.Min(m0 + 3, lastM) * p.StrideAm;
        long ra4 = (long)IntrinsicMath.Min(m0 + 4, lastM) * p.StrideAm;
        long ra5 = (long)IntrinsicMath.Min(m0 + 5, lastM) * p.StrideAm;
        long ra6 = (long)IntrinsicMath.Min(m0 + 6, lastM) * p.StrideAm;
        long ra7 = (long)IntrinsicMath.Min(m0 + 7, lastM) * p.StrideAm;
        long ra8 = (long)IntrinsicMath.Min(m0 + 8, lastM) * p.StrideAm;
        long ra9 = (long)IntrinsicMath.Min(m0 + 9, lastM) * p.StrideAm;
        long ra10 = (long)IntrinsicMath.Min(m0 + 10, lastM) * p.StrideAm;
        long ra11 = (long)IntrinsicMath.Min(m0 + 11, lastM) * p.StrideAm;
        float c0_0 = 0, c0_1 = 0, c0_2 = 0, c0_3 = 0, c0_4 = 0, c0_5 = 0, c0_6 = 0, c0_7 = 0, c0_8 = 0, c0_9 = 0, c0_10 = 0, c0_11 = 0, c0_12 = 0, c0_13 = 0, c0_14 = 0, c0_15 = 0;
        float c1_0 = 0, c1_1 = 0, c1_2 = 0, c1_3 = 0, c1_4 = 0, c1_5 = 0, c1_6 = 0, c1_7 = 0, c1_8 = 0, c1_9 = 0, c1_10 = 0, c1_11 = 0, c1_12 = 0, c1_13 = 0, c1_14 = 0, c1_15 = 0;
        float c2_0 = 0, c2_1 = 0, c2_2 = 0, c2_3 = 0, c2_4 = 0, c2_5 = 0, c2_6 = 0, c2_7 = 0, c2_8 = 0, c2_9 = 0, c2_10 = 0, c2_11 = 0, c2_12 = 0, c2_13 = 0, c2_14 = 0, c2_15 = 0;
        float c3_0 = 0, c3_1 = 0, c3_2 = 0, c3_3 = 0, c3_4 = 0, c3_5 = 0, c3_6 = 0, c3_7 = 0, c3_8 = 0, c3_9 = 0, c3_10 = 0, c3_11 = 0, c3_12 = 0, c3_13 = 0, c3_14 = 0, c3_15 = 0;
        float c4_0 = 0, c4_1 = 0, c4_2 = 0, c4_3 = 0, c4_4 = 0, c4_5 = 0, c4_6 = 0, c4_7 = 0, c4_8 = 0, c4_9 = 0, c4_10 = 0, c4_11 = 0, c4_12 = 0, c4_13 = 0, c4_14 = 0, c4_15 = 0;
        float c5_0 = 0, c5_1 = 0, c5_2 = 0, c5_3 = 0, c5_4 = 0, c5_5 = 0, c5_6 = 0, c5_7 = 0, c5_8 = 0, c5_9 = 0, c5_10 = 0, c5_11 = 0, c5_12 = 0, c5_13 = 0, c5_14 = 0, c5_15 = 0;
        float c6_0 = 0, c6_1 = 0, c6_2 = 0, c6_3 = 0, c6_4 = 0, c6_5 = 0, c6_6 = 0, c6_7 = 0, c6_8 = 0, c6_9 = 0, c6_10 = 0, c6_11 = 0, c6_12 = 0, c6_13 = 0, c6_14 = 0, c6_15 = 0;
        float c7_0 = 0, c7_1 = 0, c7_2 = 0, c7_3 = 0, c7_4 = 0, c7_5 = 0, c7_6 = 0, c7_7 = 0, c7_8 = 0, c7_9 = 0, c7_10 = 0, c7_11 = 0, c7_12 = 0, c7_13 = 0, c7_14 = 0, c7_15 = 0;
        float c8_0 = 0, c8_1 = 0, c8_2 = 0, c8_3 = 0, c8_4 = 0, c8_5 = 0, c8_6 = 0, c8_7 = 0, c8_8 = 0, c8_9 = 0, c8_10 = 0, c8_11 = 0, c8_12 = 0, c8_13 = 0, c8_14 = 0, c8_15 = 0;
        float c9_0 = 0, c9_1 = 0, c9_2 = 0, c9_3 = 0, c9_4 = 0, c9_5 = 0, c9_6 = 0, c9_7 = 0, c9_8 = 0, c9_9 = 0, c9_10 = 0, c9_11 = 0, c9_12 = 0, c9_13 = 0, c9_14 = 0, c9_15 = 0;
        float c10_0 = 0, c10_1 = 0, c10_2 = 0, c10_3 = 0, c10_4 = 0, c10_5 = 0, c10_6 = 0, c10_7 = 0, c10_8 = 0, c10_9 = 0, c10_10 = 0, c10_11 = 0, c10_12 = 0, c10_13 = 0, c10_14 = 0, c10_15 = 0;
        float c11_0 = 0, c11_1 = 0, c11_2 = 0, c11_3 = 0, c11_4 = 0, c11_5 = 0, c11_6 = 0, c11_7 = 0, c11_8 = 0, c11_9 = 0, c11_10 = 0, c11_11 = 0, c11_12 = 0, c11_13 = 0, c11_14 = 0, c11_15 = 0;
        long ak = 0;
        if (p.StrideBn == 1 && n0 + TN <= p.N)
        {
            // Contiguous columns: the OpenCL compiler turns each row of the tile into one vector.
            long bk = n0;
            for (int k = 0; k < p.K; k++)
            {
                float b0 = b[bk + 0]; float b1 = b[bk + 1]; float b2 = b[bk + 2]; float b3 = b[bk + 3]; float b4 = b[bk + 4]; float b5 = b[bk + 5]; float b6 = b[bk + 6]; float b7 = b[bk + 7]; float b8 = b[bk + 8]; float b9 = b[bk + 9]; float b10 = b[bk + 10]; float b11 = b[bk + 11]; float b12 = b[bk + 12]; float b13 = b[bk + 13]; float b14 = b[bk + 14]; float b15 = b[bk + 15];
                { float av = a[ra0 + ak]; c0_0 += av * b0; c0_1 += av * b1; c0_2 += av * b2; c0_3 += av * b3; c0_4 += av * b4; c0_5 += av * b5; c0_6 += av * b6; c0_7 += av * b7; c0_8 += av * b8; c0_9 += av * b9; c0_10 += av * b10; c0_11 += av * b11; c0_12 += av * b12; c0_13 += av * b13; c0_14 += av * b14; c0_15 += av * b15; }
                { float av = a[ra1 + ak]; c1_0 += av * b0; c1_1 += av * b1; c1_2 += av * b2; c1_3 += av * b3; c1_4 += av * b4; c1_5 += av * b5; c1_6 += av * b6; c1_7 += av * b7; c1_8 += av * b8; c1_9 += av * b9; c1_10 += av * b10; c1_11 += av * b11; c1_12 += av * b12; c1_13 += av * b13; c1_14 += av * b14; c1_15 += av * b15; }
                { float av = a[ra2 + ak]; c2_0 += av * b0; c2_1 += av * b1; c2_2 += av * b2; c2_3 += av * b3; c2_4 += av * b4; c2_5 += av * b5; c2_6 += av * b6; c2_7 += av * b7; c2_8 += av * b8; c2_9 += av * b9; c2_10 += av * b10; c2_11 += av * b11; c2_12 += av * b12; c2_13 += av * b13; c2_14 += av * b14; c2_15 += av * b15; }
                { float av = a[ra3 + ak]; c3_0 += av * b0; c3_1 += av * b1; c3_2 += av * b2; c3_3 += av * b3; c3_4 += av * b4; c3_5 += av * b5; c3_6 += av * b6; c3_7 += av * b7; c3_8 += av * b8; c3_9 += av * b9; c3_10 += av * b10; c3_11 += av * b11; c3_12 += av * b12; c3_13 += av * b13; c3_14 += av * b14; c3_15 += av * b15; }
                { float av = a[ra4 + ak]; c4_0 += av * b0; c4_1 += av * b1; c4_2 += av * b2; c4_3 += av * b3; c4_4 += av * b4; c4_5 += av * b5; c4_6 += av * b6; c4_7 += av * b7; c4_8 += av * b8; c4_9 += av * b9; c4_10 += av * b10; c4_11 += av * b11; c4_12 += av * b12; c4_13 += av * b13; c4_14 += av * b14; c4_15 += av * b15; }
                { float av = a[ra5 + ak]; c5_0 += av * b0; c5_1 += av * b1; c5_2 += av * b2; c5_3 += av * b3; c5_4 += av * b4; c5_5 += av * b5; c5_6 += av * b6; c5_7 += av * b7; c5_8 += av * b8; c5_9 += av * b9; c5_10 += av * b10; c5_11 += av * b11; c5_12 += av * b12; c5_13 += av * b13; c5_14 += av * b14; c5_15 += av * b15; }
                { float av = a[ra6 + ak]; c6_0 += av * b0; c6_1 += av * b1; c6_2 += av * b2; c6_3 += av * b3; c6_4 += av * b4; c6_5 += av * b5; c6_6 += av * b6; c6_7 += av * b7; c6_8 += av * b8; c6_9 += av * b9; c6_10 += av * b10; c6_11 += av * b11; c6_12 += av * b12; c6_13 += av * b13; c6_14 += av * b14; c6_15 += av * b15; }
                { float av = a[ra7 + ak]; c7_0 += av * b0; c7_1 += av * b1; c7_2 += av * b2; c7_3 += av * b3; c7_4 += av * b4; c7_5 += av * b5; c7_6 += av * b6; c7_7 += av * b7; c7_8 += av * b8; c7_9 += av * b9; c7_10 += av * b10; c7_11 += av * b11; c7_12 += av * b12; c7_13 += av * b13; c7_14 += av * b14; c7_15 += av * b15; }
                { float av = a[ra8 + ak]; c8_0 += av * b0; c8_1 += av * b1; c8_2 += av * b2; c8_3 += av * b3; c8_4 += av * b4; c8_5 += av * b5; c8_6 += av * b6; c8_7 += av * b7; c8_8 += av * b8; c8_9 += av * b9; c8_10 += av * b10; c8_11 += av * b11; c8_12 += av * b12; c8_13 += av * b13; c8_14 += av * b14; c8_15 += av * b15; }
                { float av = a[ra9 + ak]; c9_0 += av * b0; c9_1 += av * b1; c9_2 += av * b2; c9_3 += av * b3; c9_4 += av * b4; c9_5 += av * b5; c9_6 += av * b6; c9_7 += av * b7; c9_8 += av * b8; c9_9 += av * b9; c9_10 += av * b10; c9_11 += av * b11; c9_12 += av * b12; c9_13 += av * b13; c9_14 += av * b14; c9_15 += av * b15; }
                { float av = a[ra10 + ak]; c10_0 += av * b0; c10_1 += av * b1; c10_2 += av * b2; c10_3 += av * b3; c10_4 += av * b4; c10_5 += av * b5; c10_6 += av * b6; c10_7 += av * b7; c10_8 += av * b8; c10_9 += av * b9; c10_10 += av * b10; c10_11 += av * b11; c10_12 += av * b12; c10_13 += av * b13; c10_14 += av * b14; c10_15 += av * b15; }
                { float av = a[ra11 + ak]; c11_0 += av * b0; c11_1 += av * b1; c11_2 += av * b2; c11_3 += av * b3; c11_4 += av * b4; c11_5 += av * b5; c11_6 += av * b6; c11_7 += av * b7; c11_8 += av * b8; c11_9 += av * b9; c11_10 += av * b10; c11_11 += av * b11; c11_12 += av * b12; c11_13 += av * b13; c11_14 += av * b14; c11_15 += av * b15; }
                ak += p.StrideAk;
                bk += p.StrideBk;
            }
        }
        else
        {
            long cb0 = (long)IntrinsicMath.Min(n0 + 0, lastN) * p.StrideBn;
            long cb1 = (long)IntrinsicMath.Min(n0 + 1, lastN) * p.StrideBn;
            long cb2 = (long)IntrinsicMath.Min(n0 + 2, lastN) * p.StrideBn;
            long cb3 = (long)IntrinsicMath.Min(n0 + 3, lastN) * p.StrideBn;
            long cb4 = (long)IntrinsicMath.Min(n0 + 4, lastN) * p.StrideBn;
            long cb5 = (long)IntrinsicMath.Min(n0 + 5, lastN) * p.StrideBn;
            long cb6 = (long)IntrinsicMath.Min(n0 + 6, lastN) * p.StrideBn;
            long cb7 = (long)IntrinsicMath.Min(n0 + 7, lastN) * p.StrideBn;
            long cb8 = (long)IntrinsicMath.Min(n0 + 8, lastN) * p.StrideBn;
            long cb9 = (long)IntrinsicMath.Min(n0 + 9, lastN) * p.StrideBn;
            long cb10 = (long)IntrinsicMath.Min(n0 + 10, lastN) * p.StrideBn;
            long cb11 = (long)IntrinsicMath.Min(n0 + 11, lastN) * p.StrideBn;
            long cb12 = (long)IntrinsicMath.Min(n0 + 12, lastN) * p.StrideBn;
            long cb13 = (long)IntrinsicMath.Min(n0 + 13, lastN) * p.StrideBn;
            long cb14 = (long)IntrinsicMath.Min(n0 + 14, lastN) * p.StrideBn;
            long cb15 = (long)IntrinsicMath.Min(n0 + 15, lastN) * p.StrideBn;
            long bk = 0;
            for (int k = 0; k < p.K; k++)
            {
                float b0 = b[bk + cb0]; float b1 = b[bk + cb1]; float b2 = b[bk + cb2]; float b3 = b[bk + cb3]; float b4 = b[bk + cb4]; float b5 = b[bk + cb5]; float b6 = b[bk + cb6]; float b7 = b[bk + cb7]; float b8 = b[bk + cb8]; float b9 = b[bk + cb9]; float b10 = b[bk + cb10]; float b11 = b[bk + cb11]; float b12 = b[bk + cb12]; float b13 = b[bk + cb13]; float b14 = b[bk + cb14]; float b15 = b[bk + cb15];
                { float av = a[ra0 + ak]; c0_0 += av * b0; c0_1 += av * b1; c0_2 += av * b2; c0_3 += av * b3; c0_4 += av * b4; c0_5 += av * b5; c0_6 += av * b6; c0_7 += av * b7; c0_8 += av * b8; c0_9 += av * b9; c0_10 += av * b10; c0_11 += av * b11; c0_12 += av * b12; c0_13 += av * b13; c0_14 += av * b14; c0_15 += av * b15; }
                { float av = a[ra1 + ak]; c1_0 += av * b0; c1_1 += av * b1; c1_2 += av * b2; c1_3 += av * b3; c1_4 += av * b4; c1_5 += av * b5; c1_6 += av * b6; c1_7 += av * b7; c1_8 += av * b8; c1_9 += av * b9; c1_10 += av * b10; c1_11 += av * b11; c1_12 += av * b12; c1_13 += av * b13; c1_14 += av * b14; c1_15 += av * b15; }
                { float av = a[ra2 + ak]; c2_0 += av * b0; c2_1 += av * b1; c2_2 += av * b2; c2_3 += av * b3; c2_4 += av * b4; c2_5 += av * b5; c2_6 += av * b6; c2_7 += av * b7; c2_8 += av * b8; c2_9 += av * b9; c2_10 += av * b10; c2_11 += av * b11; c2_12 += av * b12; c2_13 += av * b13; c2_14 += av * b14; c2_15 += av * b15; }
                { float av = a[ra3 + ak]; c3_0 += av * b0; c3_1 += av * b1; c3_2 += av * b2; c3_3 += av * b3; c3_4 += av * b4; c3_5 += av * b5; c3_6 += av * b6; c3_7 += av * b7; c3_8 += av * b8; c3_9 += av * b9; c3_10 += av * b10; c3_11 += av * b11; c3_12 += av * b12; c3_13 += av * b13; c3_14 += av * b14; c3_15 += av * b15; }
                { float av = a[ra4 + ak]; c4_0 += av * b0; c4_1 += av * b1; c4_2 += av * b2; c4_3 += av * b3; c4_4 += av * b4; c4_5 += av * b5; c4_6 += av * b6; c4_7 += av * b7; c4_8 += av * b8; c4_9 += av * b9; c4_10 += av * b10; c4_11 += av * b11; c4_12 += av * b12; c4_13 += av * b13; c4_14 += av * b14; c4_15 += av * b15; }
                { float av = a[ra5 + ak]; c5_0 += av * b0; c5_1 += av * b1; c5_2 += av * b2; c5_3 += av * b3; c5_4 += av * b4; c5_5 += av * b5; c5_6 += av * b6; c5_7 += av * b7; c5_8 += av * b8; c5_9 += av * b9; c5_10 += av * b10; c5_11 += av * b11; c5_12 += av * b12; c5_13 += av * b13; c5_14 += av * b14; c5_15 += av * b15; }
                { float av = a[ra6 + ak]; c6_0 += av * b0; c6_1 += av * b1; c6_2 += av * b2; c6_3 += av * b3; c6_4 += av * b4; c6_5 += av * b5; c6_6 += av * b6; c6_7 += av * b7; c6_8 += av * b8; c6_9 += av * b9; c6_10 += av * b10; c6_11 += av * b11; c6_12 += av * b12; c6_13 += av * b13; c6_14 += av * b14; c6_15 += av * b15; }
                { float av = a[ra7 + ak]; c7_0 += av * b0; c7_1 += av * b1; c7_2 += av * b2; c7_3 += av * b3; c7_4 += av * b4; c7_5 += av * b5; c7_6 += av * b6; c7_7 += av * b7; c7_8 += av * b8; c7_9 += av * b9; c7_10 += av * b10; c7_11 += av * b11; c7_12 += av * b12; c7_13 += av * b13; c7_14 += av * b14; c7_15 += av * b15; }
                { float av = a[ra8 + ak]; c8_0 += av * b0; c8_1 += av * b1; c8_2 += av * b2; c8_3 += av * b3; c8_4 += av * b4; c8_5 += av * b5; c8_6 += av * b6; c8_7 += av * b7; c8_8 += av * b8; c8_9 += av * b9; c8_10 += av * b10; c8_11 += av * b11; c8_12 += av * b12; c8_13 += av * b13; c8_14 += av * b14; c8_15 += av * b15; }
                { float av = a[ra9 + ak]; c9_0 += av * b0; c9_1 += av * b1; c9_2 += av * b2; c9_3 += av * b3; c9_4 += av * b4; c9_5 += av * b5; c9_6 += av * b6; c9_7 += av * b7; c9_8 += av * b8; c9_9 += av * b9; c9_10 += av * b10; c9_11 += av * b11; c9_12 += av * b12; c9_13 += av * b13; c9_14 += av * b14; c9_15 += av * b15; }
                { float av = a[ra10 + ak]; c10_0 += av * b0; c10_1 += av * b1; c10_2 += av * b2; c10_3 += av * b3; c10_4 += av * b4; c10_5 += av * b5; c10_6 += av * b6; c10_7 += av * b7; c10_8 += av * b8; c10_9 += av * b9; c10_10 += av * b10; c10_11 += av * b11; c10_12 += av * b12; c10_13 += av * b13; c10_14 += av * b14; c10_15 += av * b15; }
                { float av = a[ra11 + ak]; c11_0 += av * b0; c11_1 += av * b1; c11_2 += av * b2; c11_3 += av * b3; c11_4 += av * b4; c11_5 += av * b5; c11_6 += av * b6; c11_7 += av * b7; c11_8 += av * b8; c11_9 += av * b9; c11_10 += av * b10; c11_11 += av * b11; c11_12 += av * b12; c11_13 += av * b13; c11_14 += av * b14; c11_15 += av * b15; }
                ak += p.StrideAk;
                bk += p.StrideBk;
            }
        }
        StoreRow(c, bias, p, m0 + 0, n0, n0 + 1, n0 + 2, n0 + 3, c0_0, c0_1, c0_2, c0_3);
        StoreRow(c, bias, p, m0 + 0, n0 + 4, n0 + 5, n0 + 6, n0 + 7, c0_4, c0_5, c0_6, c0_7);
        StoreRow(c, bias, p, m0 + 0, n0 + 8, n0 + 9, n0 + 10, n0 + 11, c0_8, c0_9, c0_10, c0_11);
        StoreRow(c, bias, p, m0 + 0, n0 + 12, n0 + 13, n0 + 14, n0 + 15, c0_12, c0_13, c0_14, c0_15);
        StoreRow(c, bias, p, m0 + 1, n0, n0 + 1, n0 + 2, n0 + 3, c1_0, c1_1, c1_2, c1_3);
        StoreRow(c, bias, p, m0 + 1, n0 + 4, n0 + 5, n0 + 6, n0 + 7, c1_4, c1_5, c1_6, c1_7);
        StoreRow(c, bias, p, m0 + 1, n0 + 8, n0 + 9, n0 + 10, n0 + 11, c1_8, c1_9, c1_10, c1_11);
        StoreRow(c, bias, p, m0 + 1, n0 + 12, n0 + 13, n0 + 14, n0 + 15, c1_12, c1_13, c1_14, c1_15);
        StoreRow(c, bias, p, m0 + 2, n0, n0 + 1, n0 + 2, n0 + 3, c2_0, c2_1, c2_2, c2_3);
        StoreRow(c, bias, p, m0 + 2, n0 + 4, n0 + 5, n0 + 6, n0 + 7, c2_4, c2_5, c2_6, c2_7);
        StoreRow(c, bias, p, m0 + 2, n0 + 8, n0 + 9, n0 + 10, n0 + 11, c2_8, c2_9, c2_10, c2_11);
        StoreRow(c, bias, p, m0 + 2, n0 + 12, n0 + 13, n0 + 14, n0 + 15, c2_12, c2_13, c2_14, c2_15);
        StoreRow(c, bias, p, m0 + 3, n0, n0 + 1, n0 + 2, n0 + 3, c3_0, c3_1, c3_2, c3_3);
        StoreRow(c, bias, p, m0 + 3, n0 + 4, n0 + 5, n0 + 6, n0 + 7, c3_4, c3_5, c3_6, c3_7);
        StoreRow(c, bias, p, m0 + 3, n0 + 8, n0 + 9, n0 + 10, n0 + 11, c3_8, c3_9, c3_10, c3_11);
        StoreRow(c, bias, p, m0 + 3, n0 + 12, n0 + 13, n0 + 14, n0 + 15, c3_12, c3_13, c3_14, c3_15);
        StoreRow(c, bias, p, m0 + 4, n0, n0 + 1, n0 + 2, n0 + 3, c4_0, c4_1, c4_2, c4_3);
        StoreRow(c, bias, p, m0 + 4, n0 + 4, n0 + 5, n0 + 6, n0 + 7, c4_4, c4_5, c4_6, c4_7);
        StoreRow(c, bias, p, m0 + 4, n0 + 8, n0 + 9, n0 + 10, n0 + 11, c4_8, c4_9, c4_10, c4_11);
        StoreRow(c, bias, p, m0 + 4, n0 + 12, n0 + 13, n0 + 14, n0 + 15, c4_12, c4_13, c4_14, c4_15);
        StoreRow(c, bias, p, m0 + 5, n0, n0 + 1, n0 + 2, n0 + 3, c5_0, c5_1, c5_2, c5_3);
        StoreRow(c, bias, p, m0 + 5, n0 + 4, n0 + 5, n0 + 6, n0 + 7, c5_4, c5_5, c5_6, c5_7);
        StoreRow(c, bias, p, m0 + 5, n0 + 8, n0 + 9, n0 + 10, n0 + 11, c5_8, c5_9, c5_10, c5_11);
        StoreRow(c, bias, p, m0 + 5, n0 + 12, n0 + 13, n0 + 14, n0 + 15, c5_12, c5_13, c5_14, c5_15);
        StoreRow(c, bias, p, m0 + 6, n0, n0 + 1, n0 + 2, n0 + 3, c6_0, c6_1, c6_2, c6_3);
        StoreRow(c, bias, p, m0 + 6, n0 + 4, n0 + 5, n0 + 6, n0 + 7, c6_4, c6_5, c6_6, c6_7);
        StoreRow(c, bias, p, m0 + 6, n0 + 8, n0 + 9, n0 + 10, n0 + 11, c6_8, c6_9, c6_10, c6_11);
        StoreRow(c, bias, p, m0 + 6, n0 + 12, n0 + 13, n0 + 14, n0 + 15, c6_12, c6_13, c6_14, c6_15);
        StoreRow(c, bias, p, m0 + 7, n0, n0 + 1, n0 + 2, n0 + 3, c7_0, c7_1, c7_2, c7_3);
        StoreRow(c, bias, p, m0 + 7, n0 + 4, n0 + 5, n0 + 6, n0 + 7, c7_4, c7_5, c7_6, c7_7);
        StoreRow(c, bias, p, m0 + 7, n0 + 8, n0 + 9, n0 + 10, n0 + 11, c7_8, c7_9, c7_10, c7_11);
        StoreRow(c, bias, p, m0 + 7, n0 + 12, n0 + 13, n0 + 14, n0 + 15, c7_12, c7_13, c7_14, c7_15);
        StoreRow(c, bias, p, m0 + 8, n0, n0 + 1, n0 + 2, n0 + 3, c8_0, c8_1, c8_2, c8_3);
        StoreRow(c, bias, p, m0 + 8, n0 + 4, n0 + 5, n0 + 6, n0 + 7, c8_4, c8_5, c8_6, c8_7);
        StoreRow(c, bias, p, m0 + 8, n0 + 8, n0 + 9, n0 + 10, n0 + 11, c8_8, c8_9, c8_10, c8_11);
        StoreRow(c, bias, p, m0 + 8, n0 + 12, n0 + 13, n0 + 14, n0 + 15, c8_12, c8_13, c8_14, c8_15);
        StoreRow(c, bias, p, m0 + 9, n0, n0 + 1, n0 + 2, n0 + 3, c9_0, c9_1, c9_2, c9_3);
        StoreRow(c, bias, p, m0 + 9, n0 + 4, n0 + 5, n0 + 6, n0 + 7, c9_4, c9_5, c9_6, c9_7);
        StoreRow(c, bias, p, m0 + 9, n0 + 8, n0 + 9, n0 + 10, n0 + 11, c9_8, c9_9, c9_10, c9_11);
        StoreRow(c, bias, p, m0 + 9, n0 + 12, n0 + 13, n0 + 14, n0 + 15, c9_12, c9_13, c9_14, c9_15);
        StoreRow(c, bias, p, m0 + 10, n0, n0 + 1, n0 + 2, n0 + 3, c10_0, c10_1, c10_2, c10_3);
        StoreRow(c, bias, p, m0 + 10, n0 + 4, n0 + 5, n0 + 6, n0 + 7, c10_4, c10_5, c10_6, c10_7);
        StoreRow(c, bias, p, m0 + 10, n0 + 8, n0 + 9, n0 + 10, n0 + 11, c10_8, c10_9, c10_10, c10_11);
        StoreRow(c, bias, p, m0 + 10, n0 + 12, n0 + 13, n0 + 14, n0 + 15, c10_12, c10_13, c10_14, c10_15);
        StoreRow(c, bias, p, m0 + 11, n0, n0 + 1, n0 + 2, n0 + 3, c11_0, c11_1, c11_2, c11_3);
        StoreRow(c, bias, p, m0 + 11, n0 + 4, n0 + 5, n0 + 6, n0 + 7, c11_4, c11_5, c11_6, c11_7);
        StoreRow(c, bias, p, m0 + 11, n0 + 8, n0 + 9, n0 + 10, n0 + 11, c11_8, c11_9, c11_10, c11_11);
        StoreRow(c, bias, p, m0 + 11, n0 + 12, n0 + 13, n0 + 14, n0 + 15, c11_12, c11_13, c11_14, c11_15);
    }
}
