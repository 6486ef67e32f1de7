using ILGPU;

namespace RnnGpu.Kernels;

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
    // ---- Tiled variant (GPUs): shared-memory block tiles, 4x4 register tiles per thread.

    /// <summary>Rows of C computed by one group of the tiled kernel.</summary>
    public const int BlockTileM = 64;
    /// <summary>Columns of C computed by one group of the tiled kernel.</summary>
    public const int BlockTileN = 64;
    /// <summary>Depth of one shared-memory K slice of the tiled kernel.</summary>
    public const int BlockTileK = 16;
    /// <summary>Rows of C held in registers by one thread of the tiled kernel.</summary>
    public const int ThreadTileM = 4;
    /// <summary>Columns of C held in registers by one thread of the tiled kernel.</summary>
    public const int ThreadTileN = 4;
    /// <summary>Threads along N in one group of the tiled kernel.</summary>
    public const int TiledThreadsN = BlockTileN / ThreadTileN;
    /// <summary>Threads along M in one group of the tiled kernel.</summary>
    public const int TiledThreadsM = BlockTileM / ThreadTileM;
    /// <summary>Threads in one group of the tiled kernel.</summary>
    public const int TiledGroupSize = TiledThreadsN * TiledThreadsM;

    const int ALoadsPerThread = BlockTileM * BlockTileK / TiledGroupSize;
    const int BLoadsPerThread = BlockTileN * BlockTileK / TiledGroupSize;

    // ---- CPU-accelerator variant: one work item computes a CpuTileM x CpuTileN block.

    /// <summary>Rows of C computed by one work item of the CPU-accelerator kernel.</summary>
    public const int CpuTileM = 4;
    /// <summary>Columns of C computed by one work item of the CPU-accelerator kernel.</summary>
    public const int CpuTileN = 4;

    // ---- OpenCL-on-CPU variant: work items run along contiguous N, each owns RowTileM rows.

    /// <summary>Rows of C computed by one work item of the row-blocked kernel.</summary>
    public const int RowTileM = 8;
    /// <summary>Work items along N in one group of the row-blocked kernel.</summary>
    public const int RowGroupN = 64;

    /// <summary>Number of groups of the tiled kernel along (N, M).</summary>
    public static Index2D TiledGrid(int m, int n) =>
        new((n + BlockTileN - 1) / BlockTileN, (m + BlockTileM - 1) / BlockTileM);

    /// <summary>Number of work items of the CPU-accelerator kernel.</summary>
    public static int CpuItems(int m, int n) =>
        ((m + CpuTileM - 1) / CpuTileM) * ((n + CpuTileN - 1) / CpuTileN);

    /// <summary>Number of groups of the row-blocked kernel along (N, M).</summary>
    public static Index2D RowGrid(int m, int n) =>
        new((n + RowGroupN - 1) / RowGroupN, (m + RowTileM - 1) / RowTileM);

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
    /// Tiled GEMM for GPUs. Launch with <see cref="TiledGrid"/> groups of
    /// <see cref="TiledGroupSize"/> threads.
    /// </summary>
    /// <param name="a">A as stored: (M, K) or (K, M) when transposed.</param>
    /// <param name="b">B as stored: (K, N) or (N, K) when transposed.</param>
    /// <param name="c">C: (M, Ldc).</param>
    /// <param name="bias">bias: (N), read only when <see cref="GemmArgs.HasBias"/> is set.</param>
    /// <param name="p">Shapes, strides and epilogue.</param>
    public static void Tiled(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c,
        ArrayView<float> bias, GemmArgs p)
    {
        var aTile = SharedMemory.Allocate<float>(BlockTileK * BlockTileM); // (BK, BM)
        var bTile = SharedMemory.Allocate<float>(BlockTileK * BlockTileN); // (BK, BN)
        int tid = Group.IdxX;
        int tx = tid % TiledThreadsN;
        int ty = tid / TiledThreadsN;
        int m0 = Grid.IdxY * BlockTileM;
        int n0 = Grid.IdxX * BlockTileN;

        float c00 = 0, c01 = 0, c02 = 0, c03 = 0;
        float c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        float c20 = 0, c21 = 0, c22 = 0, c23 = 0;
        float c30 = 0, c31 = 0, c32 = 0, c33 = 0;

        for (int k0 = 0; k0 < p.K; k0 += BlockTileK)
        {
            for (int i = 0; i < ALoadsPerThread; i++)
            {
                int e = tid + i * TiledGroupSize;
                int mm, kk;
                if (p.StrideAk == 1) { mm = e / BlockTileK; kk = e % BlockTileK; }
                else { kk = e / BlockTileM; mm = e % BlockTileM; }
                int gm = m0 + mm, gk = k0 + kk;
                aTile[kk * BlockTileM + mm] = gm < p.M && gk < p.K
                    ? a[(long)gm * p.StrideAm + (long)gk * p.StrideAk] : 0f;
            }
            for (int i = 0; i < BLoadsPerThread; i++)
            {
                int e = tid + i * TiledGroupSize;
                int nn, kk;
                if (p.StrideBn == 1) { kk = e / BlockTileN; nn = e % BlockTileN; }
                else { nn = e / BlockTileK; kk = e % BlockTileK; }
                int gn = n0 + nn, gk = k0 + kk;
                bTile[kk * BlockTileN + nn] = gn < p.N && gk < p.K
                    ? b[(long)gk * p.StrideBk + (long)gn * p.StrideBn] : 0f;
            }
            Group.Barrier();
            for (int kk = 0; kk < BlockTileK; kk++)
            {
                int ab = kk * BlockTileM + ty;
                float a0 = aTile[ab];
                float a1 = aTile[ab + TiledThreadsM];
                float a2 = aTile[ab + 2 * TiledThreadsM];
                float a3 = aTile[ab + 3 * TiledThreadsM];
                int bb = kk * BlockTileN + tx;
                float b0 = bTile[bb];
                float b1 = bTile[bb + TiledThreadsN];
                float b2 = bTile[bb + 2 * TiledThreadsN];
                float b3 = bTile[bb + 3 * TiledThreadsN];
                c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
                c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
                c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
                c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
            }
            Group.Barrier();
        }

        // Thread (ty, tx) owns rows ty + i * TiledThreadsM and columns tx + j * TiledThreadsN.
        int r0 = m0 + ty, r1 = r0 + TiledThreadsM, r2 = r1 + TiledThreadsM, r3 = r2 + TiledThreadsM;
        int q0 = n0 + tx, q1 = q0 + TiledThreadsN, q2 = q1 + TiledThreadsN, q3 = q2 + TiledThreadsN;
        StoreRow(c, bias, p, r0, q0, q1, q2, q3, c00, c01, c02, c03);
        StoreRow(c, bias, p, r1, q0, q1, q2, q3, c10, c11, c12, c13);
        StoreRow(c, bias, p, r2, q0, q1, q2, q3, c20, c21, c22, c23);
        StoreRow(c, bias, p, r3, q0, q1, q2, q3, c30, c31, c32, c33);
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
    /// GEMM shaped for the ILGPU CPU accelerator: no shared memory and no barriers; one work
    /// item computes a <see cref="CpuTileM"/> x <see cref="CpuTileN"/> block of C over all of K
    /// in registers. Launch over <see cref="CpuItems"/> work items.
    /// </summary>
    /// <param name="index">Work item: block row-major over (M / CpuTileM, N / CpuTileN).</param>
    /// <param name="a">A as stored: (M, K) or (K, M) when transposed.</param>
    /// <param name="b">B as stored: (K, N) or (N, K) when transposed.</param>
    /// <param name="c">C: (M, Ldc).</param>
    /// <param name="bias">bias: (N), read only when <see cref="GemmArgs.HasBias"/> is set.</param>
    /// <param name="p">Shapes, strides and epilogue.</param>
    public static void CpuBlocked(Index1D index, ArrayView<float> a, ArrayView<float> b,
        ArrayView<float> c, ArrayView<float> bias, GemmArgs p)
    {
        int blocksN = (p.N + CpuTileN - 1) / CpuTileN;
        int m0 = index / blocksN * CpuTileM;
        int n0 = index % blocksN * CpuTileN;
        // Clamp out-of-range rows/columns to the last valid one: loads stay in bounds and the
        // inner loop stays branch-free; their results are simply not stored.
        int lastM = p.M - 1, lastN = p.N - 1;
        long ra0 = (long)m0 * p.StrideAm;
        long ra1 = (long)IntrinsicMath.Min(m0 + 1, lastM) * p.StrideAm;
        long ra2 = (long)IntrinsicMath.Min(m0 + 2, lastM) * p.StrideAm;
        long ra3 = (long)IntrinsicMath.Min(m0 + 3, lastM) * p.StrideAm;
        long cb0 = (long)n0 * p.StrideBn;
        long cb1 = (long)IntrinsicMath.Min(n0 + 1, lastN) * p.StrideBn;
        long cb2 = (long)IntrinsicMath.Min(n0 + 2, lastN) * p.StrideBn;
        long cb3 = (long)IntrinsicMath.Min(n0 + 3, lastN) * p.StrideBn;

        float c00 = 0, c01 = 0, c02 = 0, c03 = 0;
        float c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        float c20 = 0, c21 = 0, c22 = 0, c23 = 0;
        float c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        long ak = 0, bk = 0;
        for (int k = 0; k < p.K; k++)
        {
            float a0 = a[ra0 + ak], a1 = a[ra1 + ak], a2 = a[ra2 + ak], a3 = a[ra3 + ak];
            float b0 = b[bk + cb0], b1 = b[bk + cb1], b2 = b[bk + cb2], b3 = b[bk + cb3];
            c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
            c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
            c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
            c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
            ak += p.StrideAk;
            bk += p.StrideBk;
        }
        StoreRow(c, bias, p, m0, n0, n0 + 1, n0 + 2, n0 + 3, c00, c01, c02, c03);
        StoreRow(c, bias, p, m0 + 1, n0, n0 + 1, n0 + 2, n0 + 3, c10, c11, c12, c13);
        StoreRow(c, bias, p, m0 + 2, n0, n0 + 1, n0 + 2, n0 + 3, c20, c21, c22, c23);
        StoreRow(c, bias, p, m0 + 3, n0, n0 + 1, n0 + 2, n0 + 3, c30, c31, c32, c33);
    }

    /// <summary>
    /// GEMM shaped for OpenCL on CPUs (PoCL): work items run along the contiguous N
    /// dimension so the OpenCL compiler vectorises across them, and each work item keeps
    /// <see cref="RowTileM"/> rows of one column of C in registers. Launch with
    /// <see cref="RowGrid"/> groups of (<see cref="RowGroupN"/>, 1).
    /// </summary>
    /// <param name="a">A as stored: (M, K) or (K, M) when transposed.</param>
    /// <param name="b">B as stored: (K, N) or (N, K) when transposed.</param>
    /// <param name="c">C: (M, Ldc).</param>
    /// <param name="bias">bias: (N), read only when <see cref="GemmArgs.HasBias"/> is set.</param>
    /// <param name="p">Shapes, strides and epilogue.</param>
    public static void RowBlocked(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c,
        ArrayView<float> bias, GemmArgs p)
    {
        int n = Grid.IdxX * RowGroupN + Group.IdxX;
        int m0 = Grid.IdxY * RowTileM;
        int lastM = p.M - 1;
        long cb = (long)IntrinsicMath.Min(n, p.N - 1) * p.StrideBn;
        long ra0 = (long)m0 * p.StrideAm;
        long ra1 = (long)IntrinsicMath.Min(m0 + 1, lastM) * p.StrideAm;
        long ra2 = (long)IntrinsicMath.Min(m0 + 2, lastM) * p.StrideAm;
        long ra3 = (long)IntrinsicMath.Min(m0 + 3, lastM) * p.StrideAm;
        long ra4 = (long)IntrinsicMath.Min(m0 + 4, lastM) * p.StrideAm;
        long ra5 = (long)IntrinsicMath.Min(m0 + 5, lastM) * p.StrideAm;
        long ra6 = (long)IntrinsicMath.Min(m0 + 6, lastM) * p.StrideAm;
        long ra7 = (long)IntrinsicMath.Min(m0 + 7, lastM) * p.StrideAm;
        float c0 = 0, c1 = 0, c2 = 0, c3 = 0, c4 = 0, c5 = 0, c6 = 0, c7 = 0;
        long ak = 0, bk = 0;
        for (int k = 0; k < p.K; k++)
        {
            float bv = b[bk + cb];
            c0 += a[ra0 + ak] * bv;
            c1 += a[ra1 + ak] * bv;
            c2 += a[ra2 + ak] * bv;
            c3 += a[ra3 + ak] * bv;
            c4 += a[ra4 + ak] * bv;
            c5 += a[ra5 + ak] * bv;
            c6 += a[ra6 + ak] * bv;
            c7 += a[ra7 + ak] * bv;
            ak += p.StrideAk;
            bk += p.StrideBk;
        }
        if (n >= p.N)
            return;
        if (m0 < p.M) Store(c, bias, p, m0, n, c0);
        if (m0 + 1 < p.M) Store(c, bias, p, m0 + 1, n, c1);
        if (m0 + 2 < p.M) Store(c, bias, p, m0 + 2, n, c2);
        if (m0 + 3 < p.M) Store(c, bias, p, m0 + 3, n, c3);
        if (m0 + 4 < p.M) Store(c, bias, p, m0 + 4, n, c4);
        if (m0 + 5 < p.M) Store(c, bias, p, m0 + 5, n, c5);
        if (m0 + 6 < p.M) Store(c, bias, p, m0 + 6, n, c6);
        if (m0 + 7 < p.M) Store(c, bias, p, m0 + 7, n, c7);
    }
}
