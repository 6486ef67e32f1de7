using System.Runtime.CompilerServices;
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

    // ---- CPU-accelerator variant: one work item computes a CpuTileM x CpuTileN block.

    /// <summary>Rows of C computed by one work item of the CPU-accelerator kernel.</summary>
    public const int CpuTileM = 8;
    /// <summary>Columns of C computed by one work item of the CPU-accelerator kernel.</summary>
    public const int CpuTileN = 8;
    /// <summary>Rows of C held in registers at a time by the CPU-accelerator kernel.</summary>
    public const int CpuMicroM = 2;
    /// <summary>Steps of K fetched per chunk by the CPU-accelerator kernel.</summary>
    public const int CpuTileK = 4;


    /// <summary>Eight consecutive floats, fetched through one view access.</summary>
    struct Floats8
    {
        public float V0, V1, V2, V3, V4, V5, V6, V7;
    }

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

    /// <summary>Number of work items of the CPU-accelerator kernel.</summary>
    public static int CpuItems(int m, int n) =>
        ((m + CpuTileM - 1) / CpuTileM) * ((n + CpuTileN - 1) / CpuTileN);

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

    /// <summary>Epilogue of eight contiguous elements of C, written through one view access;
    /// C is read only when beta is not 0 (it may hold NaN otherwise).</summary>
    static void Store8(ref Floats8 cr, in GemmArgs p, float v0, float v1, float v2, float v3, float v4, float v5,
        float v6, float v7, float s0, float s1, float s2, float s3, float s4, float s5, float s6, float s7)
    {
        float alpha = p.Alpha, beta = p.Beta;
        bool keep = beta != 0f;
        cr.V0 = alpha * v0 + (keep ? beta * cr.V0 : 0f) + s0;
        cr.V1 = alpha * v1 + (keep ? beta * cr.V1 : 0f) + s1;
        cr.V2 = alpha * v2 + (keep ? beta * cr.V2 : 0f) + s2;
        cr.V3 = alpha * v3 + (keep ? beta * cr.V3 : 0f) + s3;
        cr.V4 = alpha * v4 + (keep ? beta * cr.V4 : 0f) + s4;
        cr.V5 = alpha * v5 + (keep ? beta * cr.V5 : 0f) + s5;
        cr.V6 = alpha * v6 + (keep ? beta * cr.V6 : 0f) + s6;
        cr.V7 = alpha * v7 + (keep ? beta * cr.V7 : 0f) + s7;
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
    /// GEMM shaped for the ILGPU CPU accelerator: no shared memory and no barriers. One work
    /// item computes a <see cref="CpuTileM"/> x <see cref="CpuTileN"/> block of C, as
    /// <see cref="CpuMicroM"/> x <see cref="CpuTileN"/> register tiles over all of K. Launch over
    /// <see cref="CpuItems"/> work items.
    /// </summary>
    /// <remarks>
    /// On the CPU accelerator every view access is a checked call site, and values live across
    /// one are spilled. So where the operand is contiguous, one access fetches a whole
    /// <see cref="Floats8"/> (8 columns of a row of B or C) or <see cref="Floats4"/> (4 steps of K
    /// along a row of A or a column of B^T), all accesses of a K chunk come first, and the
    /// chunk's products go to fresh partial sums that stay in registers. Partial column blocks
    /// and the K remainder use clamped scalar loads.
    /// </remarks>
    /// <param name="items">Number of work items (Work item: block row-major over (M / CpuTileM, N / CpuTileN)); see <see cref="Items"/>.</param>
    /// <param name="a">A as stored: (M, K) or (K, M) when transposed.</param>
    /// <param name="b">B as stored: (K, N) or (N, K) when transposed.</param>
    /// <param name="c">C: (M, Ldc).</param>
    /// <param name="bias">bias: (N), read only when <see cref="GemmArgs.HasBias"/> is set.</param>
    /// <param name="p">Shapes, strides and epilogue.</param>
    public static void CpuBlocked(int items, ArrayView<float> a, ArrayView<float> b, ArrayView<float> c, ArrayView<float> bias, GemmArgs p)
    {
        for (int index = Items.First(items), end = Items.End(items); index < end; index++)
            CpuBlockedItem(index, a, b, c, bias, p);
    }

    static void CpuBlockedItem(int index, ArrayView<float> a, ArrayView<float> b,
        ArrayView<float> c, ArrayView<float> bias, GemmArgs p)
    {
        // The body below is unrolled for CpuMicroM = 2, CpuTileN = 8, CpuTileK = 4.
        const int TM = CpuMicroM, TN = CpuTileN, KC = CpuTileK, R = CpuTileM / CpuMicroM;
        int blocksN = (p.N + TN - 1) / TN;
        int mBase = index / blocksN * (TM * R);
        int n0 = index % blocksN * TN;
        int lastM = p.M - 1, lastN = p.N - 1;
        bool fullN = n0 + TN <= p.N;
        for (int r = 0; r < R; r++)
        {
            int m0 = mBase + r * TM;
            if (m0 >= p.M)
                return;
            long ra0 = (long)IntrinsicMath.Min(m0 + 0, lastM) * p.StrideAm;
            long ra1 = (long)IntrinsicMath.Min(m0 + 1, lastM) * p.StrideAm;
            float c00 = 0, c01 = 0, c02 = 0, c03 = 0, c04 = 0, c05 = 0, c06 = 0, c07 = 0;
            float c10 = 0, c11 = 0, c12 = 0, c13 = 0, c14 = 0, c15 = 0, c16 = 0, c17 = 0;
            int k0 = 0;
            if (fullN)
            {
                for (; k0 + KC <= p.K; k0 += KC)
                {
                    float a00, a01, a02, a03, a10, a11, a12, a13;
                    if (p.StrideAk == 1)
                    {
                        ref Floats4 ar0 = ref Unsafe.As<float, Floats4>(ref a[ra0 + k0]);
                        ref Floats4 ar1 = ref Unsafe.As<float, Floats4>(ref a[ra1 + k0]);
                        a00 = ar0.V0; a01 = ar0.V1; a02 = ar0.V2; a03 = ar0.V3;
                        a10 = ar1.V0; a11 = ar1.V1; a12 = ar1.V2; a13 = ar1.V3;
                    }
                    else
                    {
                        long ak = (long)k0 * p.StrideAk;
                        a00 = a[ra0 + ak]; a10 = a[ra1 + ak]; ak += p.StrideAk;
                        a01 = a[ra0 + ak]; a11 = a[ra1 + ak]; ak += p.StrideAk;
                        a02 = a[ra0 + ak]; a12 = a[ra1 + ak]; ak += p.StrideAk;
                        a03 = a[ra0 + ak]; a13 = a[ra1 + ak];
                    }
                    if (p.StrideBn == 1)
                    {
                        long bk = (long)k0 * p.StrideBk + n0;
                        ref Floats8 b0 = ref Unsafe.As<float, Floats8>(ref b[bk]);
                        ref Floats8 b1 = ref Unsafe.As<float, Floats8>(ref b[bk + 1 * (long)p.StrideBk]);
                        ref Floats8 b2 = ref Unsafe.As<float, Floats8>(ref b[bk + 2 * (long)p.StrideBk]);
                        ref Floats8 b3 = ref Unsafe.As<float, Floats8>(ref b[bk + 3 * (long)p.StrideBk]);
                        // Partial sums of this chunk: not live across the checked loads above, so they stay in registers.
                        float t00 = 0, t01 = 0, t02 = 0, t03 = 0, t04 = 0, t05 = 0, t06 = 0, t07 = 0;
                        float t10 = 0, t11 = 0, t12 = 0, t13 = 0, t14 = 0, t15 = 0, t16 = 0, t17 = 0;
                        { float bv = b0.V0; t00 += a00 * bv; t10 += a10 * bv; }
                        { float bv = b0.V1; t01 += a00 * bv; t11 += a10 * bv; }
                        { float bv = b0.V2; t02 += a00 * bv; t12 += a10 * bv; }
                        { float bv = b0.V3; t03 += a00 * bv; t13 += a10 * bv; }
                        { float bv = b0.V4; t04 += a00 * bv; t14 += a10 * bv; }
                        { float bv = b0.V5; t05 += a00 * bv; t15 += a10 * bv; }
                        { float bv = b0.V6; t06 += a00 * bv; t16 += a10 * bv; }
                        { float bv = b0.V7; t07 += a00 * bv; t17 += a10 * bv; }
                        { float bv = b1.V0; t00 += a01 * bv; t10 += a11 * bv; }
                        { float bv = b1.V1; t01 += a01 * bv; t11 += a11 * bv; }
                        { float bv = b1.V2; t02 += a01 * bv; t12 += a11 * bv; }
                        { float bv = b1.V3; t03 += a01 * bv; t13 += a11 * bv; }
                        { float bv = b1.V4; t04 += a01 * bv; t14 += a11 * bv; }
                        { float bv = b1.V5; t05 += a01 * bv; t15 += a11 * bv; }
                        { float bv = b1.V6; t06 += a01 * bv; t16 += a11 * bv; }
                        { float bv = b1.V7; t07 += a01 * bv; t17 += a11 * bv; }
                        { float bv = b2.V0; t00 += a02 * bv; t10 += a12 * bv; }
                        { float bv = b2.V1; t01 += a02 * bv; t11 += a12 * bv; }
                        { float bv = b2.V2; t02 += a02 * bv; t12 += a12 * bv; }
                        { float bv = b2.V3; t03 += a02 * bv; t13 += a12 * bv; }
                        { float bv = b2.V4; t04 += a02 * bv; t14 += a12 * bv; }
                        { float bv = b2.V5; t05 += a02 * bv; t15 += a12 * bv; }
                        { float bv = b2.V6; t06 += a02 * bv; t16 += a12 * bv; }
                        { float bv = b2.V7; t07 += a02 * bv; t17 += a12 * bv; }
                        { float bv = b3.V0; t00 += a03 * bv; t10 += a13 * bv; }
                        { float bv = b3.V1; t01 += a03 * bv; t11 += a13 * bv; }
                        { float bv = b3.V2; t02 += a03 * bv; t12 += a13 * bv; }
                        { float bv = b3.V3; t03 += a03 * bv; t13 += a13 * bv; }
                        { float bv = b3.V4; t04 += a03 * bv; t14 += a13 * bv; }
                        { float bv = b3.V5; t05 += a03 * bv; t15 += a13 * bv; }
                        { float bv = b3.V6; t06 += a03 * bv; t16 += a13 * bv; }
                        { float bv = b3.V7; t07 += a03 * bv; t17 += a13 * bv; }
                        c00 += t00; c01 += t01; c02 += t02; c03 += t03; c04 += t04; c05 += t05; c06 += t06; c07 += t07;
                        c10 += t10; c11 += t11; c12 += t12; c13 += t13; c14 += t14; c15 += t15; c16 += t16; c17 += t17;
                    }
                    else
                    {
                        long bn = (long)n0 * p.StrideBn + k0;
                        ref Floats4 b0 = ref Unsafe.As<float, Floats4>(ref b[bn]);
                        ref Floats4 b1 = ref Unsafe.As<float, Floats4>(ref b[bn + 1 * (long)p.StrideBn]);
                        ref Floats4 b2 = ref Unsafe.As<float, Floats4>(ref b[bn + 2 * (long)p.StrideBn]);
                        ref Floats4 b3 = ref Unsafe.As<float, Floats4>(ref b[bn + 3 * (long)p.StrideBn]);
                        ref Floats4 b4 = ref Unsafe.As<float, Floats4>(ref b[bn + 4 * (long)p.StrideBn]);
                        ref Floats4 b5 = ref Unsafe.As<float, Floats4>(ref b[bn + 5 * (long)p.StrideBn]);
                        ref Floats4 b6 = ref Unsafe.As<float, Floats4>(ref b[bn + 6 * (long)p.StrideBn]);
                        ref Floats4 b7 = ref Unsafe.As<float, Floats4>(ref b[bn + 7 * (long)p.StrideBn]);
                        // Partial sums of this chunk: not live across the checked loads above, so they stay in registers.
                        float t00 = 0, t01 = 0, t02 = 0, t03 = 0, t04 = 0, t05 = 0, t06 = 0, t07 = 0;
                        float t10 = 0, t11 = 0, t12 = 0, t13 = 0, t14 = 0, t15 = 0, t16 = 0, t17 = 0;
                        { float bv = b0.V0; t00 += a00 * bv; t10 += a10 * bv; }
                        { float bv = b1.V0; t01 += a00 * bv; t11 += a10 * bv; }
                        { float bv = b2.V0; t02 += a00 * bv; t12 += a10 * bv; }
                        { float bv = b3.V0; t03 += a00 * bv; t13 += a10 * bv; }
                        { float bv = b4.V0; t04 += a00 * bv; t14 += a10 * bv; }
                        { float bv = b5.V0; t05 += a00 * bv; t15 += a10 * bv; }
                        { float bv = b6.V0; t06 += a00 * bv; t16 += a10 * bv; }
                        { float bv = b7.V0; t07 += a00 * bv; t17 += a10 * bv; }
                        { float bv = b0.V1; t00 += a01 * bv; t10 += a11 * bv; }
                        { float bv = b1.V1; t01 += a01 * bv; t11 += a11 * bv; }
                        { float bv = b2.V1; t02 += a01 * bv; t12 += a11 * bv; }
                        { float bv = b3.V1; t03 += a01 * bv; t13 += a11 * bv; }
                        { float bv = b4.V1; t04 += a01 * bv; t14 += a11 * bv; }
                        { float bv = b5.V1; t05 += a01 * bv; t15 += a11 * bv; }
                        { float bv = b6.V1; t06 += a01 * bv; t16 += a11 * bv; }
                        { float bv = b7.V1; t07 += a01 * bv; t17 += a11 * bv; }
                        { float bv = b0.V2; t00 += a02 * bv; t10 += a12 * bv; }
                        { float bv = b1.V2; t01 += a02 * bv; t11 += a12 * bv; }
                        { float bv = b2.V2; t02 += a02 * bv; t12 += a12 * bv; }
                        { float bv = b3.V2; t03 += a02 * bv; t13 += a12 * bv; }
                        { float bv = b4.V2; t04 += a02 * bv; t14 += a12 * bv; }
                        { float bv = b5.V2; t05 += a02 * bv; t15 += a12 * bv; }
                        { float bv = b6.V2; t06 += a02 * bv; t16 += a12 * bv; }
                        { float bv = b7.V2; t07 += a02 * bv; t17 += a12 * bv; }
                        { float bv = b0.V3; t00 += a03 * bv; t10 += a13 * bv; }
                        { float bv = b1.V3; t01 += a03 * bv; t11 += a13 * bv; }
                        { float bv = b2.V3; t02 += a03 * bv; t12 += a13 * bv; }
                        { float bv = b3.V3; t03 += a03 * bv; t13 += a13 * bv; }
                        { float bv = b4.V3; t04 += a03 * bv; t14 += a13 * bv; }
                        { float bv = b5.V3; t05 += a03 * bv; t15 += a13 * bv; }
                        { float bv = b6.V3; t06 += a03 * bv; t16 += a13 * bv; }
                        { float bv = b7.V3; t07 += a03 * bv; t17 += a13 * bv; }
                        c00 += t00; c01 += t01; c02 += t02; c03 += t03; c04 += t04; c05 += t05; c06 += t06; c07 += t07;
                        c10 += t10; c11 += t11; c12 += t12; c13 += t13; c14 += t14; c15 += t15; c16 += t16; c17 += t17;
                    }
                }
            }
            // K remainder, or all of K for a partial column block: clamped scalar loads.
            long cb0 = (long)IntrinsicMath.Min(n0 + 0, lastN) * p.StrideBn;
            long cb1 = (long)IntrinsicMath.Min(n0 + 1, lastN) * p.StrideBn;
            long cb2 = (long)IntrinsicMath.Min(n0 + 2, lastN) * p.StrideBn;
            long cb3 = (long)IntrinsicMath.Min(n0 + 3, lastN) * p.StrideBn;
            long cb4 = (long)IntrinsicMath.Min(n0 + 4, lastN) * p.StrideBn;
            long cb5 = (long)IntrinsicMath.Min(n0 + 5, lastN) * p.StrideBn;
            long cb6 = (long)IntrinsicMath.Min(n0 + 6, lastN) * p.StrideBn;
            long cb7 = (long)IntrinsicMath.Min(n0 + 7, lastN) * p.StrideBn;
            long akt = (long)k0 * p.StrideAk, bkt = (long)k0 * p.StrideBk;
            for (int k = k0; k < p.K; k++)
            {
                float a0 = a[ra0 + akt]; float a1 = a[ra1 + akt];
                { float bv = b[bkt + cb0]; c00 += a0 * bv; c10 += a1 * bv; }
                { float bv = b[bkt + cb1]; c01 += a0 * bv; c11 += a1 * bv; }
                { float bv = b[bkt + cb2]; c02 += a0 * bv; c12 += a1 * bv; }
                { float bv = b[bkt + cb3]; c03 += a0 * bv; c13 += a1 * bv; }
                { float bv = b[bkt + cb4]; c04 += a0 * bv; c14 += a1 * bv; }
                { float bv = b[bkt + cb5]; c05 += a0 * bv; c15 += a1 * bv; }
                { float bv = b[bkt + cb6]; c06 += a0 * bv; c16 += a1 * bv; }
                { float bv = b[bkt + cb7]; c07 += a0 * bv; c17 += a1 * bv; }
                akt += p.StrideAk;
                bkt += p.StrideBk;
            }
            if (fullN)
            {
                float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
                if (p.HasBias != 0)
                {
                    ref Floats8 bb = ref Unsafe.As<float, Floats8>(ref bias[n0]);
                    s0 = bb.V0; s1 = bb.V1; s2 = bb.V2; s3 = bb.V3; s4 = bb.V4; s5 = bb.V5; s6 = bb.V6; s7 = bb.V7;
                }
                if (m0 + 0 < p.M)
                    Store8(ref Unsafe.As<float, Floats8>(ref c[(long)(m0 + 0) * p.Ldc + n0]), p,
                        c00, c01, c02, c03, c04, c05, c06, c07, s0, s1, s2, s3, s4, s5, s6, s7);
                if (m0 + 1 < p.M)
                    Store8(ref Unsafe.As<float, Floats8>(ref c[(long)(m0 + 1) * p.Ldc + n0]), p,
                        c10, c11, c12, c13, c14, c15, c16, c17, s0, s1, s2, s3, s4, s5, s6, s7);
            }
            else
            {
                StoreRow(c, bias, p, m0 + 0, n0, n0 + 1, n0 + 2, n0 + 3, c00, c01, c02, c03);
                StoreRow(c, bias, p, m0 + 0, n0 + 4, n0 + 5, n0 + 6, n0 + 7, c04, c05, c06, c07);
                StoreRow(c, bias, p, m0 + 1, n0, n0 + 1, n0 + 2, n0 + 3, c10, c11, c12, c13);
                StoreRow(c, bias, p, m0 + 1, n0 + 4, n0 + 5, n0 + 6, n0 + 7, c14, c15, c16, c17);
            }
        }
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
