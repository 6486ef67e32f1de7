using ILGPU;

namespace RnnGpu.Kernels;

// The GEMM variant for OpenCL on CPUs (PoCL): RowTileM x RowTileN tiles per work item. The GPU tiled variant and the CPU
// accelerator's host-SIMD one are in GemmKernels.cs.
public static partial class GemmKernels
{
    /// <summary>
    /// GEMM shaped for OpenCL on CPUs (PoCL): each work item keeps a <see cref="RowTileM"/> x
    /// <see cref="RowTileN"/> tile of C in registers and runs the whole K loop. With contiguous
    /// columns (B not transposed, a full tile) the OpenCL compiler's SLP vectoriser turns each
    /// tile row into vectors: per step of K, vector loads of B, RowTileM broadcasts of A and
    /// RowTileM x RowTileN / 8 vector multiply-adds. A full tile stores through straight-line code
    /// (one of four epilogues, picked by a uniform branch): a per-element epilogue with branches
    /// kept the accumulators from staying vectors and cost a third of the throughput. Under PoCL 6
    /// this 4 x 32 tile ran at 125-135 GFLOP/s where the former 12 x 16 tile ran at 80 (its A reads
    /// became gathers). (PoCL does not vectorise across the work items of a kernel with an inner
    /// loop.) Other layouts and edge tiles use clamped scalar loads and the per-element epilogue.
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
        // The body below is unrolled for RowTileM = 4, RowTileN = 32.
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
        float c0_0 = 0, c0_1 = 0, c0_2 = 0, c0_3 = 0, c0_4 = 0, c0_5 = 0, c0_6 = 0, c0_7 = 0, c0_8 = 0, c0_9 = 0, c0_10 = 0, c0_11 = 0, c0_12 = 0, c0_13 = 0, c0_14 = 0, c0_15 = 0, c0_16 = 0, c0_17 = 0, c0_18 = 0, c0_19 = 0, c0_20 = 0, c0_21 = 0, c0_22 = 0, c0_23 = 0, c0_24 = 0, c0_25 = 0, c0_26 = 0, c0_27 = 0, c0_28 = 0, c0_29 = 0, c0_30 = 0, c0_31 = 0;
        float c1_0 = 0, c1_1 = 0, c1_2 = 0, c1_3 = 0, c1_4 = 0, c1_5 = 0, c1_6 = 0, c1_7 = 0, c1_8 = 0, c1_9 = 0, c1_10 = 0, c1_11 = 0, c1_12 = 0, c1_13 = 0, c1_14 = 0, c1_15 = 0, c1_16 = 0, c1_17 = 0, c1_18 = 0, c1_19 = 0, c1_20 = 0, c1_21 = 0, c1_22 = 0, c1_23 = 0, c1_24 = 0, c1_25 = 0, c1_26 = 0, c1_27 = 0, c1_28 = 0, c1_29 = 0, c1_30 = 0, c1_31 = 0;
        float c2_0 = 0, c2_1 = 0, c2_2 = 0, c2_3 = 0, c2_4 = 0, c2_5 = 0, c2_6 = 0, c2_7 = 0, c2_8 = 0, c2_9 = 0, c2_10 = 0, c2_11 = 0, c2_12 = 0, c2_13 = 0, c2_14 = 0, c2_15 = 0, c2_16 = 0, c2_17 = 0, c2_18 = 0, c2_19 = 0, c2_20 = 0, c2_21 = 0, c2_22 = 0, c2_23 = 0, c2_24 = 0, c2_25 = 0, c2_26 = 0, c2_27 = 0, c2_28 = 0, c2_29 = 0, c2_30 = 0, c2_31 = 0;
        float c3_0 = 0, c3_1 = 0, c3_2 = 0, c3_3 = 0, c3_4 = 0, c3_5 = 0, c3_6 = 0, c3_7 = 0, c3_8 = 0, c3_9 = 0, c3_10 = 0, c3_11 = 0, c3_12 = 0, c3_13 = 0, c3_14 = 0, c3_15 = 0, c3_16 = 0, c3_17 = 0, c3_18 = 0, c3_19 = 0, c3_20 = 0, c3_21 = 0, c3_22 = 0, c3_23 = 0, c3_24 = 0, c3_25 = 0, c3_26 = 0, c3_27 = 0, c3_28 = 0, c3_29 = 0, c3_30 = 0, c3_31 = 0;
        long ak = 0;
        if (p.StrideBn == 1 && n0 + TN <= p.N)
        {
            // Contiguous columns: the OpenCL compiler turns each row of the tile into vectors.
            long bk = n0;
            for (int k = 0; k < p.K; k++)
            {
            {
                float b0 = b[bk + 0]; float b1 = b[bk + 1]; float b2 = b[bk + 2]; float b3 = b[bk + 3]; float b4 = b[bk + 4]; float b5 = b[bk + 5]; float b6 = b[bk + 6]; float b7 = b[bk + 7];
                float b8 = b[bk + 8]; float b9 = b[bk + 9]; float b10 = b[bk + 10]; float b11 = b[bk + 11]; float b12 = b[bk + 12]; float b13 = b[bk + 13]; float b14 = b[bk + 14]; float b15 = b[bk + 15];
                float b16 = b[bk + 16]; float b17 = b[bk + 17]; float b18 = b[bk + 18]; float b19 = b[bk + 19]; float b20 = b[bk + 20]; float b21 = b[bk + 21]; float b22 = b[bk + 22]; float b23 = b[bk + 23];
                float b24 = b[bk + 24]; float b25 = b[bk + 25]; float b26 = b[bk + 26]; float b27 = b[bk + 27]; float b28 = b[bk + 28]; float b29 = b[bk + 29]; float b30 = b[bk + 30]; float b31 = b[bk + 31];
                float a0 = a[ra0 + ak];
                c0_0 += a0 * b0; c0_1 += a0 * b1; c0_2 += a0 * b2; c0_3 += a0 * b3; c0_4 += a0 * b4; c0_5 += a0 * b5; c0_6 += a0 * b6; c0_7 += a0 * b7; c0_8 += a0 * b8; c0_9 += a0 * b9; c0_10 += a0 * b10; c0_11 += a0 * b11; c0_12 += a0 * b12; c0_13 += a0 * b13; c0_14 += a0 * b14; c0_15 += a0 * b15;
                c0_16 += a0 * b16; c0_17 += a0 * b17; c0_18 += a0 * b18; c0_19 += a0 * b19; c0_20 += a0 * b20; c0_21 += a0 * b21; c0_22 += a0 * b22; c0_23 += a0 * b23; c0_24 += a0 * b24; c0_25 += a0 * b25; c0_26 += a0 * b26; c0_27 += a0 * b27; c0_28 += a0 * b28; c0_29 += a0 * b29; c0_30 += a0 * b30; c0_31 += a0 * b31;
                float a1 = a[ra1 + ak];
                c1_0 += a1 * b0; c1_1 += a1 * b1; c1_2 += a1 * b2; c1_3 += a1 * b3; c1_4 += a1 * b4; c1_5 += a1 * b5; c1_6 += a1 * b6; c1_7 += a1 * b7; c1_8 += a1 * b8; c1_9 += a1 * b9; c1_10 += a1 * b10; c1_11 += a1 * b11; c1_12 += a1 * b12; c1_13 += a1 * b13; c1_14 += a1 * b14; c1_15 += a1 * b15;
                c1_16 += a1 * b16; c1_17 += a1 * b17; c1_18 += a1 * b18; c1_19 += a1 * b19; c1_20 += a1 * b20; c1_21 += a1 * b21; c1_22 += a1 * b22; c1_23 += a1 * b23; c1_24 += a1 * b24; c1_25 += a1 * b25; c1_26 += a1 * b26; c1_27 += a1 * b27; c1_28 += a1 * b28; c1_29 += a1 * b29; c1_30 += a1 * b30; c1_31 += a1 * b31;
                float a2 = a[ra2 + ak];
                c2_0 += a2 * b0; c2_1 += a2 * b1; c2_2 += a2 * b2; c2_3 += a2 * b3; c2_4 += a2 * b4; c2_5 += a2 * b5; c2_6 += a2 * b6; c2_7 += a2 * b7; c2_8 += a2 * b8; c2_9 += a2 * b9; c2_10 += a2 * b10; c2_11 += a2 * b11; c2_12 += a2 * b12; c2_13 += a2 * b13; c2_14 += a2 * b14; c2_15 += a2 * b15;
                c2_16 += a2 * b16; c2_17 += a2 * b17; c2_18 += a2 * b18; c2_19 += a2 * b19; c2_20 += a2 * b20; c2_21 += a2 * b21; c2_22 += a2 * b22; c2_23 += a2 * b23; c2_24 += a2 * b24; c2_25 += a2 * b25; c2_26 += a2 * b26; c2_27 += a2 * b27; c2_28 += a2 * b28; c2_29 += a2 * b29; c2_30 += a2 * b30; c2_31 += a2 * b31;
                float a3 = a[ra3 + ak];
                c3_0 += a3 * b0; c3_1 += a3 * b1; c3_2 += a3 * b2; c3_3 += a3 * b3; c3_4 += a3 * b4; c3_5 += a3 * b5; c3_6 += a3 * b6; c3_7 += a3 * b7; c3_8 += a3 * b8; c3_9 += a3 * b9; c3_10 += a3 * b10; c3_11 += a3 * b11; c3_12 += a3 * b12; c3_13 += a3 * b13; c3_14 += a3 * b14; c3_15 += a3 * b15;
                c3_16 += a3 * b16; c3_17 += a3 * b17; c3_18 += a3 * b18; c3_19 += a3 * b19; c3_20 += a3 * b20; c3_21 += a3 * b21; c3_22 += a3 * b22; c3_23 += a3 * b23; c3_24 += a3 * b24; c3_25 += a3 * b25; c3_26 += a3 * b26; c3_27 += a3 * b27; c3_28 += a3 * b28; c3_29 += a3 * b29; c3_30 += a3 * b30; c3_31 += a3 * b31;
            }
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
            long cb16 = (long)IntrinsicMath.Min(n0 + 16, lastN) * p.StrideBn;
            long cb17 = (long)IntrinsicMath.Min(n0 + 17, lastN) * p.StrideBn;
            long cb18 = (long)IntrinsicMath.Min(n0 + 18, lastN) * p.StrideBn;
            long cb19 = (long)IntrinsicMath.Min(n0 + 19, lastN) * p.StrideBn;
            long cb20 = (long)IntrinsicMath.Min(n0 + 20, lastN) * p.StrideBn;
            long cb21 = (long)IntrinsicMath.Min(n0 + 21, lastN) * p.StrideBn;
            long cb22 = (long)IntrinsicMath.Min(n0 + 22, lastN) * p.StrideBn;
            long cb23 = (long)IntrinsicMath.Min(n0 + 23, lastN) * p.StrideBn;
            long cb24 = (long)IntrinsicMath.Min(n0 + 24, lastN) * p.StrideBn;
            long cb25 = (long)IntrinsicMath.Min(n0 + 25, lastN) * p.StrideBn;
            long cb26 = (long)IntrinsicMath.Min(n0 + 26, lastN) * p.StrideBn;
            long cb27 = (long)IntrinsicMath.Min(n0 + 27, lastN) * p.StrideBn;
            long cb28 = (long)IntrinsicMath.Min(n0 + 28, lastN) * p.StrideBn;
            long cb29 = (long)IntrinsicMath.Min(n0 + 29, lastN) * p.StrideBn;
            long cb30 = (long)IntrinsicMath.Min(n0 + 30, lastN) * p.StrideBn;
            long cb31 = (long)IntrinsicMath.Min(n0 + 31, lastN) * p.StrideBn;
            long bk = 0;
            for (int k = 0; k < p.K; k++)
            {
            {
                float b0 = b[bk + cb0]; float b1 = b[bk + cb1]; float b2 = b[bk + cb2]; float b3 = b[bk + cb3]; float b4 = b[bk + cb4]; float b5 = b[bk + cb5]; float b6 = b[bk + cb6]; float b7 = b[bk + cb7];
                float b8 = b[bk + cb8]; float b9 = b[bk + cb9]; float b10 = b[bk + cb10]; float b11 = b[bk + cb11]; float b12 = b[bk + cb12]; float b13 = b[bk + cb13]; float b14 = b[bk + cb14]; float b15 = b[bk + cb15];
                float b16 = b[bk + cb16]; float b17 = b[bk + cb17]; float b18 = b[bk + cb18]; float b19 = b[bk + cb19]; float b20 = b[bk + cb20]; float b21 = b[bk + cb21]; float b22 = b[bk + cb22]; float b23 = b[bk + cb23];
                float b24 = b[bk + cb24]; float b25 = b[bk + cb25]; float b26 = b[bk + cb26]; float b27 = b[bk + cb27]; float b28 = b[bk + cb28]; float b29 = b[bk + cb29]; float b30 = b[bk + cb30]; float b31 = b[bk + cb31];
                float a0 = a[ra0 + ak];
                c0_0 += a0 * b0; c0_1 += a0 * b1; c0_2 += a0 * b2; c0_3 += a0 * b3; c0_4 += a0 * b4; c0_5 += a0 * b5; c0_6 += a0 * b6; c0_7 += a0 * b7; c0_8 += a0 * b8; c0_9 += a0 * b9; c0_10 += a0 * b10; c0_11 += a0 * b11; c0_12 += a0 * b12; c0_13 += a0 * b13; c0_14 += a0 * b14; c0_15 += a0 * b15;
                c0_16 += a0 * b16; c0_17 += a0 * b17; c0_18 += a0 * b18; c0_19 += a0 * b19; c0_20 += a0 * b20; c0_21 += a0 * b21; c0_22 += a0 * b22; c0_23 += a0 * b23; c0_24 += a0 * b24; c0_25 += a0 * b25; c0_26 += a0 * b26; c0_27 += a0 * b27; c0_28 += a0 * b28; c0_29 += a0 * b29; c0_30 += a0 * b30; c0_31 += a0 * b31;
                float a1 = a[ra1 + ak];
                c1_0 += a1 * b0; c1_1 += a1 * b1; c1_2 += a1 * b2; c1_3 += a1 * b3; c1_4 += a1 * b4; c1_5 += a1 * b5; c1_6 += a1 * b6; c1_7 += a1 * b7; c1_8 += a1 * b8; c1_9 += a1 * b9; c1_10 += a1 * b10; c1_11 += a1 * b11; c1_12 += a1 * b12; c1_13 += a1 * b13; c1_14 += a1 * b14; c1_15 += a1 * b15;
                c1_16 += a1 * b16; c1_17 += a1 * b17; c1_18 += a1 * b18; c1_19 += a1 * b19; c1_20 += a1 * b20; c1_21 += a1 * b21; c1_22 += a1 * b22; c1_23 += a1 * b23; c1_24 += a1 * b24; c1_25 += a1 * b25; c1_26 += a1 * b26; c1_27 += a1 * b27; c1_28 += a1 * b28; c1_29 += a1 * b29; c1_30 += a1 * b30; c1_31 += a1 * b31;
                float a2 = a[ra2 + ak];
                c2_0 += a2 * b0; c2_1 += a2 * b1; c2_2 += a2 * b2; c2_3 += a2 * b3; c2_4 += a2 * b4; c2_5 += a2 * b5; c2_6 += a2 * b6; c2_7 += a2 * b7; c2_8 += a2 * b8; c2_9 += a2 * b9; c2_10 += a2 * b10; c2_11 += a2 * b11; c2_12 += a2 * b12; c2_13 += a2 * b13; c2_14 += a2 * b14; c2_15 += a2 * b15;
                c2_16 += a2 * b16; c2_17 += a2 * b17; c2_18 += a2 * b18; c2_19 += a2 * b19; c2_20 += a2 * b20; c2_21 += a2 * b21; c2_22 += a2 * b22; c2_23 += a2 * b23; c2_24 += a2 * b24; c2_25 += a2 * b25; c2_26 += a2 * b26; c2_27 += a2 * b27; c2_28 += a2 * b28; c2_29 += a2 * b29; c2_30 += a2 * b30; c2_31 += a2 * b31;
                float a3 = a[ra3 + ak];
                c3_0 += a3 * b0; c3_1 += a3 * b1; c3_2 += a3 * b2; c3_3 += a3 * b3; c3_4 += a3 * b4; c3_5 += a3 * b5; c3_6 += a3 * b6; c3_7 += a3 * b7; c3_8 += a3 * b8; c3_9 += a3 * b9; c3_10 += a3 * b10; c3_11 += a3 * b11; c3_12 += a3 * b12; c3_13 += a3 * b13; c3_14 += a3 * b14; c3_15 += a3 * b15;
                c3_16 += a3 * b16; c3_17 += a3 * b17; c3_18 += a3 * b18; c3_19 += a3 * b19; c3_20 += a3 * b20; c3_21 += a3 * b21; c3_22 += a3 * b22; c3_23 += a3 * b23; c3_24 += a3 * b24; c3_25 += a3 * b25; c3_26 += a3 * b26; c3_27 += a3 * b27; c3_28 += a3 * b28; c3_29 += a3 * b29; c3_30 += a3 * b30; c3_31 += a3 * b31;
            }
                ak += p.StrideAk;
                bk += p.StrideBk;
            }
        }
        if (m0 + TM <= p.M && n0 + TN <= p.N)
        {
            // Full tile: straight-line stores the compiler keeps vectorised (a per-element branchy epilogue cost a third
            // of the throughput). One uniform branch picks the epilogue.
            float alpha = p.Alpha, beta = p.Beta;
            long r0 = (long)(m0 + 0) * p.Ldc + n0;
            long r1 = (long)(m0 + 1) * p.Ldc + n0;
            long r2 = (long)(m0 + 2) * p.Ldc + n0;
            long r3 = (long)(m0 + 3) * p.Ldc + n0;
            if (p.Beta == 0f && p.HasBias == 0)
            {
                c[r0 + 0] = alpha * c0_0; c[r0 + 1] = alpha * c0_1; c[r0 + 2] = alpha * c0_2; c[r0 + 3] = alpha * c0_3; c[r0 + 4] = alpha * c0_4; c[r0 + 5] = alpha * c0_5; c[r0 + 6] = alpha * c0_6; c[r0 + 7] = alpha * c0_7;
                c[r0 + 8] = alpha * c0_8; c[r0 + 9] = alpha * c0_9; c[r0 + 10] = alpha * c0_10; c[r0 + 11] = alpha * c0_11; c[r0 + 12] = alpha * c0_12; c[r0 + 13] = alpha * c0_13; c[r0 + 14] = alpha * c0_14; c[r0 + 15] = alpha * c0_15;
                c[r0 + 16] = alpha * c0_16; c[r0 + 17] = alpha * c0_17; c[r0 + 18] = alpha * c0_18; c[r0 + 19] = alpha * c0_19; c[r0 + 20] = alpha * c0_20; c[r0 + 21] = alpha * c0_21; c[r0 + 22] = alpha * c0_22; c[r0 + 23] = alpha * c0_23;
                c[r0 + 24] = alpha * c0_24; c[r0 + 25] = alpha * c0_25; c[r0 + 26] = alpha * c0_26; c[r0 + 27] = alpha * c0_27; c[r0 + 28] = alpha * c0_28; c[r0 + 29] = alpha * c0_29; c[r0 + 30] = alpha * c0_30; c[r0 + 31] = alpha * c0_31;
                c[r1 + 0] = alpha * c1_0; c[r1 + 1] = alpha * c1_1; c[r1 + 2] = alpha * c1_2; c[r1 + 3] = alpha * c1_3; c[r1 + 4] = alpha * c1_4; c[r1 + 5] = alpha * c1_5; c[r1 + 6] = alpha * c1_6; c[r1 + 7] = alpha * c1_7;
                c[r1 + 8] = alpha * c1_8; c[r1 + 9] = alpha * c1_9; c[r1 + 10] = alpha * c1_10; c[r1 + 11] = alpha * c1_11; c[r1 + 12] = alpha * c1_12; c[r1 + 13] = alpha * c1_13; c[r1 + 14] = alpha * c1_14; c[r1 + 15] = alpha * c1_15;
                c[r1 + 16] = alpha * c1_16; c[r1 + 17] = alpha * c1_17; c[r1 + 18] = alpha * c1_18; c[r1 + 19] = alpha * c1_19; c[r1 + 20] = alpha * c1_20; c[r1 + 21] = alpha * c1_21; c[r1 + 22] = alpha * c1_22; c[r1 + 23] = alpha * c1_23;
                c[r1 + 24] = alpha * c1_24; c[r1 + 25] = alpha * c1_25; c[r1 + 26] = alpha * c1_26; c[r1 + 27] = alpha * c1_27; c[r1 + 28] = alpha * c1_28; c[r1 + 29] = alpha * c1_29; c[r1 + 30] = alpha * c1_30; c[r1 + 31] = alpha * c1_31;
                c[r2 + 0] = alpha * c2_0; c[r2 + 1] = alpha * c2_1; c[r2 + 2] = alpha * c2_2; c[r2 + 3] = alpha * c2_3; c[r2 + 4] = alpha * c2_4; c[r2 + 5] = alpha * c2_5; c[r2 + 6] = alpha * c2_6; c[r2 + 7] = alpha * c2_7;
                c[r2 + 8] = alpha * c2_8; c[r2 + 9] = alpha * c2_9; c[r2 + 10] = alpha * c2_10; c[r2 + 11] = alpha * c2_11; c[r2 + 12] = alpha * c2_12; c[r2 + 13] = alpha * c2_13; c[r2 + 14] = alpha * c2_14; c[r2 + 15] = alpha * c2_15;
                c[r2 + 16] = alpha * c2_16; c[r2 + 17] = alpha * c2_17; c[r2 + 18] = alpha * c2_18; c[r2 + 19] = alpha * c2_19; c[r2 + 20] = alpha * c2_20; c[r2 + 21] = alpha * c2_21; c[r2 + 22] = alpha * c2_22; c[r2 + 23] = alpha * c2_23;
                c[r2 + 24] = alpha * c2_24; c[r2 + 25] = alpha * c2_25; c[r2 + 26] = alpha * c2_26; c[r2 + 27] = alpha * c2_27; c[r2 + 28] = alpha * c2_28; c[r2 + 29] = alpha * c2_29; c[r2 + 30] = alpha * c2_30; c[r2 + 31] = alpha * c2_31;
                c[r3 + 0] = alpha * c3_0; c[r3 + 1] = alpha * c3_1; c[r3 + 2] = alpha * c3_2; c[r3 + 3] = alpha * c3_3; c[r3 + 4] = alpha * c3_4; c[r3 + 5] = alpha * c3_5; c[r3 + 6] = alpha * c3_6; c[r3 + 7] = alpha * c3_7;
                c[r3 + 8] = alpha * c3_8; c[r3 + 9] = alpha * c3_9; c[r3 + 10] = alpha * c3_10; c[r3 + 11] = alpha * c3_11; c[r3 + 12] = alpha * c3_12; c[r3 + 13] = alpha * c3_13; c[r3 + 14] = alpha * c3_14; c[r3 + 15] = alpha * c3_15;
                c[r3 + 16] = alpha * c3_16; c[r3 + 17] = alpha * c3_17; c[r3 + 18] = alpha * c3_18; c[r3 + 19] = alpha * c3_19; c[r3 + 20] = alpha * c3_20; c[r3 + 21] = alpha * c3_21; c[r3 + 22] = alpha * c3_22; c[r3 + 23] = alpha * c3_23;
                c[r3 + 24] = alpha * c3_24; c[r3 + 25] = alpha * c3_25; c[r3 + 26] = alpha * c3_26; c[r3 + 27] = alpha * c3_27; c[r3 + 28] = alpha * c3_28; c[r3 + 29] = alpha * c3_29; c[r3 + 30] = alpha * c3_30; c[r3 + 31] = alpha * c3_31;
            }
            else if (p.Beta == 0f)
            {
                c[r0 + 0] = alpha * c0_0 + bias[n0 + 0]; c[r0 + 1] = alpha * c0_1 + bias[n0 + 1]; c[r0 + 2] = alpha * c0_2 + bias[n0 + 2]; c[r0 + 3] = alpha * c0_3 + bias[n0 + 3]; c[r0 + 4] = alpha * c0_4 + bias[n0 + 4]; c[r0 + 5] = alpha * c0_5 + bias[n0 + 5]; c[r0 + 6] = alpha * c0_6 + bias[n0 + 6]; c[r0 + 7] = alpha * c0_7 + bias[n0 + 7];
                c[r0 + 8] = alpha * c0_8 + bias[n0 + 8]; c[r0 + 9] = alpha * c0_9 + bias[n0 + 9]; c[r0 + 10] = alpha * c0_10 + bias[n0 + 10]; c[r0 + 11] = alpha * c0_11 + bias[n0 + 11]; c[r0 + 12] = alpha * c0_12 + bias[n0 + 12]; c[r0 + 13] = alpha * c0_13 + bias[n0 + 13]; c[r0 + 14] = alpha * c0_14 + bias[n0 + 14]; c[r0 + 15] = alpha * c0_15 + bias[n0 + 15];
                c[r0 + 16] = alpha * c0_16 + bias[n0 + 16]; c[r0 + 17] = alpha * c0_17 + bias[n0 + 17]; c[r0 + 18] = alpha * c0_18 + bias[n0 + 18]; c[r0 + 19] = alpha * c0_19 + bias[n0 + 19]; c[r0 + 20] = alpha * c0_20 + bias[n0 + 20]; c[r0 + 21] = alpha * c0_21 + bias[n0 + 21]; c[r0 + 22] = alpha * c0_22 + bias[n0 + 22]; c[r0 + 23] = alpha * c0_23 + bias[n0 + 23];
                c[r0 + 24] = alpha * c0_24 + bias[n0 + 24]; c[r0 + 25] = alpha * c0_25 + bias[n0 + 25]; c[r0 + 26] = alpha * c0_26 + bias[n0 + 26]; c[r0 + 27] = alpha * c0_27 + bias[n0 + 27]; c[r0 + 28] = alpha * c0_28 + bias[n0 + 28]; c[r0 + 29] = alpha * c0_29 + bias[n0 + 29]; c[r0 + 30] = alpha * c0_30 + bias[n0 + 30]; c[r0 + 31] = alpha * c0_31 + bias[n0 + 31];
                c[r1 + 0] = alpha * c1_0 + bias[n0 + 0]; c[r1 + 1] = alpha * c1_1 + bias[n0 + 1]; c[r1 + 2] = alpha * c1_2 + bias[n0 + 2]; c[r1 + 3] = alpha * c1_3 + bias[n0 + 3]; c[r1 + 4] = alpha * c1_4 + bias[n0 + 4]; c[r1 + 5] = alpha * c1_5 + bias[n0 + 5]; c[r1 + 6] = alpha * c1_6 + bias[n0 + 6]; c[r1 + 7] = alpha * c1_7 + bias[n0 + 7];
                c[r1 + 8] = alpha * c1_8 + bias[n0 + 8]; c[r1 + 9] = alpha * c1_9 + bias[n0 + 9]; c[r1 + 10] = alpha * c1_10 + bias[n0 + 10]; c[r1 + 11] = alpha * c1_11 + bias[n0 + 11]; c[r1 + 12] = alpha * c1_12 + bias[n0 + 12]; c[r1 + 13] = alpha * c1_13 + bias[n0 + 13]; c[r1 + 14] = alpha * c1_14 + bias[n0 + 14]; c[r1 + 15] = alpha * c1_15 + bias[n0 + 15];
                c[r1 + 16] = alpha * c1_16 + bias[n0 + 16]; c[r1 + 17] = alpha * c1_17 + bias[n0 + 17]; c[r1 + 18] = alpha * c1_18 + bias[n0 + 18]; c[r1 + 19] = alpha * c1_19 + bias[n0 + 19]; c[r1 + 20] = alpha * c1_20 + bias[n0 + 20]; c[r1 + 21] = alpha * c1_21 + bias[n0 + 21]; c[r1 + 22] = alpha * c1_22 + bias[n0 + 22]; c[r1 + 23] = alpha * c1_23 + bias[n0 + 23];
                c[r1 + 24] = alpha * c1_24 + bias[n0 + 24]; c[r1 + 25] = alpha * c1_25 + bias[n0 + 25]; c[r1 + 26] = alpha * c1_26 + bias[n0 + 26]; c[r1 + 27] = alpha * c1_27 + bias[n0 + 27]; c[r1 + 28] = alpha * c1_28 + bias[n0 + 28]; c[r1 + 29] = alpha * c1_29 + bias[n0 + 29]; c[r1 + 30] = alpha * c1_30 + bias[n0 + 30]; c[r1 + 31] = alpha * c1_31 + bias[n0 + 31];
                c[r2 + 0] = alpha * c2_0 + bias[n0 + 0]; c[r2 + 1] = alpha * c2_1 + bias[n0 + 1]; c[r2 + 2] = alpha * c2_2 + bias[n0 + 2]; c[r2 + 3] = alpha * c2_3 + bias[n0 + 3]; c[r2 + 4] = alpha * c2_4 + bias[n0 + 4]; c[r2 + 5] = alpha * c2_5 + bias[n0 + 5]; c[r2 + 6] = alpha * c2_6 + bias[n0 + 6]; c[r2 + 7] = alpha * c2_7 + bias[n0 + 7];
                c[r2 + 8] = alpha * c2_8 + bias[n0 + 8]; c[r2 + 9] = alpha * c2_9 + bias[n0 + 9]; c[r2 + 10] = alpha * c2_10 + bias[n0 + 10]; c[r2 + 11] = alpha * c2_11 + bias[n0 + 11]; c[r2 + 12] = alpha * c2_12 + bias[n0 + 12]; c[r2 + 13] = alpha * c2_13 + bias[n0 + 13]; c[r2 + 14] = alpha * c2_14 + bias[n0 + 14]; c[r2 + 15] = alpha * c2_15 + bias[n0 + 15];
                c[r2 + 16] = alpha * c2_16 + bias[n0 + 16]; c[r2 + 17] = alpha * c2_17 + bias[n0 + 17]; c[r2 + 18] = alpha * c2_18 + bias[n0 + 18]; c[r2 + 19] = alpha * c2_19 + bias[n0 + 19]; c[r2 + 20] = alpha * c2_20 + bias[n0 + 20]; c[r2 + 21] = alpha * c2_21 + bias[n0 + 21]; c[r2 + 22] = alpha * c2_22 + bias[n0 + 22]; c[r2 + 23] = alpha * c2_23 + bias[n0 + 23];
                c[r2 + 24] = alpha * c2_24 + bias[n0 + 24]; c[r2 + 25] = alpha * c2_25 + bias[n0 + 25]; c[r2 + 26] = alpha * c2_26 + bias[n0 + 26]; c[r2 + 27] = alpha * c2_27 + bias[n0 + 27]; c[r2 + 28] = alpha * c2_28 + bias[n0 + 28]; c[r2 + 29] = alpha * c2_29 + bias[n0 + 29]; c[r2 + 30] = alpha * c2_30 + bias[n0 + 30]; c[r2 + 31] = alpha * c2_31 + bias[n0 + 31];
                c[r3 + 0] = alpha * c3_0 + bias[n0 + 0]; c[r3 + 1] = alpha * c3_1 + bias[n0 + 1]; c[r3 + 2] = alpha * c3_2 + bias[n0 + 2]; c[r3 + 3] = alpha * c3_3 + bias[n0 + 3]; c[r3 + 4] = alpha * c3_4 + bias[n0 + 4]; c[r3 + 5] = alpha * c3_5 + bias[n0 + 5]; c[r3 + 6] = alpha * c3_6 + bias[n0 + 6]; c[r3 + 7] = alpha * c3_7 + bias[n0 + 7];
                c[r3 + 8] = alpha * c3_8 + bias[n0 + 8]; c[r3 + 9] = alpha * c3_9 + bias[n0 + 9]; c[r3 + 10] = alpha * c3_10 + bias[n0 + 10]; c[r3 + 11] = alpha * c3_11 + bias[n0 + 11]; c[r3 + 12] = alpha * c3_12 + bias[n0 + 12]; c[r3 + 13] = alpha * c3_13 + bias[n0 + 13]; c[r3 + 14] = alpha * c3_14 + bias[n0 + 14]; c[r3 + 15] = alpha * c3_15 + bias[n0 + 15];
                c[r3 + 16] = alpha * c3_16 + bias[n0 + 16]; c[r3 + 17] = alpha * c3_17 + bias[n0 + 17]; c[r3 + 18] = alpha * c3_18 + bias[n0 + 18]; c[r3 + 19] = alpha * c3_19 + bias[n0 + 19]; c[r3 + 20] = alpha * c3_20 + bias[n0 + 20]; c[r3 + 21] = alpha * c3_21 + bias[n0 + 21]; c[r3 + 22] = alpha * c3_22 + bias[n0 + 22]; c[r3 + 23] = alpha * c3_23 + bias[n0 + 23];
                c[r3 + 24] = alpha * c3_24 + bias[n0 + 24]; c[r3 + 25] = alpha * c3_25 + bias[n0 + 25]; c[r3 + 26] = alpha * c3_26 + bias[n0 + 26]; c[r3 + 27] = alpha * c3_27 + bias[n0 + 27]; c[r3 + 28] = alpha * c3_28 + bias[n0 + 28]; c[r3 + 29] = alpha * c3_29 + bias[n0 + 29]; c[r3 + 30] = alpha * c3_30 + bias[n0 + 30]; c[r3 + 31] = alpha * c3_31 + bias[n0 + 31];
            }
            else if (p.HasBias == 0)
            {
                c[r0 + 0] = alpha * c0_0 + beta * c[r0 + 0]; c[r0 + 1] = alpha * c0_1 + beta * c[r0 + 1]; c[r0 + 2] = alpha * c0_2 + beta * c[r0 + 2]; c[r0 + 3] = alpha * c0_3 + beta * c[r0 + 3]; c[r0 + 4] = alpha * c0_4 + beta * c[r0 + 4]; c[r0 + 5] = alpha * c0_5 + beta * c[r0 + 5]; c[r0 + 6] = alpha * c0_6 + beta * c[r0 + 6]; c[r0 + 7] = alpha * c0_7 + beta * c[r0 + 7];
                c[r0 + 8] = alpha * c0_8 + beta * c[r0 + 8]; c[r0 + 9] = alpha * c0_9 + beta * c[r0 + 9]; c[r0 + 10] = alpha * c0_10 + beta * c[r0 + 10]; c[r0 + 11] = alpha * c0_11 + beta * c[r0 + 11]; c[r0 + 12] = alpha * c0_12 + beta * c[r0 + 12]; c[r0 + 13] = alpha * c0_13 + beta * c[r0 + 13]; c[r0 + 14] = alpha * c0_14 + beta * c[r0 + 14]; c[r0 + 15] = alpha * c0_15 + beta * c[r0 + 15];
                c[r0 + 16] = alpha * c0_16 + beta * c[r0 + 16]; c[r0 + 17] = alpha * c0_17 + beta * c[r0 + 17]; c[r0 + 18] = alpha * c0_18 + beta * c[r0 + 18]; c[r0 + 19] = alpha * c0_19 + beta * c[r0 + 19]; c[r0 + 20] = alpha * c0_20 + beta * c[r0 + 20]; c[r0 + 21] = alpha * c0_21 + beta * c[r0 + 21]; c[r0 + 22] = alpha * c0_22 + beta * c[r0 + 22]; c[r0 + 23] = alpha * c0_23 + beta * c[r0 + 23];
                c[r0 + 24] = alpha * c0_24 + beta * c[r0 + 24]; c[r0 + 25] = alpha * c0_25 + beta * c[r0 + 25]; c[r0 + 26] = alpha * c0_26 + beta * c[r0 + 26]; c[r0 + 27] = alpha * c0_27 + beta * c[r0 + 27]; c[r0 + 28] = alpha * c0_28 + beta * c[r0 + 28]; c[r0 + 29] = alpha * c0_29 + beta * c[r0 + 29]; c[r0 + 30] = alpha * c0_30 + beta * c[r0 + 30]; c[r0 + 31] = alpha * c0_31 + beta * c[r0 + 31];
                c[r1 + 0] = alpha * c1_0 + beta * c[r1 + 0]; c[r1 + 1] = alpha * c1_1 + beta * c[r1 + 1]; c[r1 + 2] = alpha * c1_2 + beta * c[r1 + 2]; c[r1 + 3] = alpha * c1_3 + beta * c[r1 + 3]; c[r1 + 4] = alpha * c1_4 + beta * c[r1 + 4]; c[r1 + 5] = alpha * c1_5 + beta * c[r1 + 5]; c[r1 + 6] = alpha * c1_6 + beta * c[r1 + 6]; c[r1 + 7] = alpha * c1_7 + beta * c[r1 + 7];
                c[r1 + 8] = alpha * c1_8 + beta * c[r1 + 8]; c[r1 + 9] = alpha * c1_9 + beta * c[r1 + 9]; c[r1 + 10] = alpha * c1_10 + beta * c[r1 + 10]; c[r1 + 11] = alpha * c1_11 + beta * c[r1 + 11]; c[r1 + 12] = alpha * c1_12 + beta * c[r1 + 12]; c[r1 + 13] = alpha * c1_13 + beta * c[r1 + 13]; c[r1 + 14] = alpha * c1_14 + beta * c[r1 + 14]; c[r1 + 15] = alpha * c1_15 + beta * c[r1 + 15];
                c[r1 + 16] = alpha * c1_16 + beta * c[r1 + 16]; c[r1 + 17] = alpha * c1_17 + beta * c[r1 + 17]; c[r1 + 18] = alpha * c1_18 + beta * c[r1 + 18]; c[r1 + 19] = alpha * c1_19 + beta * c[r1 + 19]; c[r1 + 20] = alpha * c1_20 + beta * c[r1 + 20]; c[r1 + 21] = alpha * c1_21 + beta * c[r1 + 21]; c[r1 + 22] = alpha * c1_22 + beta * c[r1 + 22]; c[r1 + 23] = alpha * c1_23 + beta * c[r1 + 23];
                c[r1 + 24] = alpha * c1_24 + beta * c[r1 + 24]; c[r1 + 25] = alpha * c1_25 + beta * c[r1 + 25]; c[r1 + 26] = alpha * c1_26 + beta * c[r1 + 26]; c[r1 + 27] = alpha * c1_27 + beta * c[r1 + 27]; c[r1 + 28] = alpha * c1_28 + beta * c[r1 + 28]; c[r1 + 29] = alpha * c1_29 + beta * c[r1 + 29]; c[r1 + 30] = alpha * c1_30 + beta * c[r1 + 30]; c[r1 + 31] = alpha * c1_31 + beta * c[r1 + 31];
                c[r2 + 0] = alpha * c2_0 + beta * c[r2 + 0]; c[r2 + 1] = alpha * c2_1 + beta * c[r2 + 1]; c[r2 + 2] = alpha * c2_2 + beta * c[r2 + 2]; c[r2 + 3] = alpha * c2_3 + beta * c[r2 + 3]; c[r2 + 4] = alpha * c2_4 + beta * c[r2 + 4]; c[r2 + 5] = alpha * c2_5 + beta * c[r2 + 5]; c[r2 + 6] = alpha * c2_6 + beta * c[r2 + 6]; c[r2 + 7] = alpha * c2_7 + beta * c[r2 + 7];
                c[r2 + 8] = alpha * c2_8 + beta * c[r2 + 8]; c[r2 + 9] = alpha * c2_9 + beta * c[r2 + 9]; c[r2 + 10] = alpha * c2_10 + beta * c[r2 + 10]; c[r2 + 11] = alpha * c2_11 + beta * c[r2 + 11]; c[r2 + 12] = alpha * c2_12 + beta * c[r2 + 12]; c[r2 + 13] = alpha * c2_13 + beta * c[r2 + 13]; c[r2 + 14] = alpha * c2_14 + beta * c[r2 + 14]; c[r2 + 15] = alpha * c2_15 + beta * c[r2 + 15];
                c[r2 + 16] = alpha * c2_16 + beta * c[r2 + 16]; c[r2 + 17] = alpha * c2_17 + beta * c[r2 + 17]; c[r2 + 18] = alpha * c2_18 + beta * c[r2 + 18]; c[r2 + 19] = alpha * c2_19 + beta * c[r2 + 19]; c[r2 + 20] = alpha * c2_20 + beta * c[r2 + 20]; c[r2 + 21] = alpha * c2_21 + beta * c[r2 + 21]; c[r2 + 22] = alpha * c2_22 + beta * c[r2 + 22]; c[r2 + 23] = alpha * c2_23 + beta * c[r2 + 23];
                c[r2 + 24] = alpha * c2_24 + beta * c[r2 + 24]; c[r2 + 25] = alpha * c2_25 + beta * c[r2 + 25]; c[r2 + 26] = alpha * c2_26 + beta * c[r2 + 26]; c[r2 + 27] = alpha * c2_27 + beta * c[r2 + 27]; c[r2 + 28] = alpha * c2_28 + beta * c[r2 + 28]; c[r2 + 29] = alpha * c2_29 + beta * c[r2 + 29]; c[r2 + 30] = alpha * c2_30 + beta * c[r2 + 30]; c[r2 + 31] = alpha * c2_31 + beta * c[r2 + 31];
                c[r3 + 0] = alpha * c3_0 + beta * c[r3 + 0]; c[r3 + 1] = alpha * c3_1 + beta * c[r3 + 1]; c[r3 + 2] = alpha * c3_2 + beta * c[r3 + 2]; c[r3 + 3] = alpha * c3_3 + beta * c[r3 + 3]; c[r3 + 4] = alpha * c3_4 + beta * c[r3 + 4]; c[r3 + 5] = alpha * c3_5 + beta * c[r3 + 5]; c[r3 + 6] = alpha * c3_6 + beta * c[r3 + 6]; c[r3 + 7] = alpha * c3_7 + beta * c[r3 + 7];
                c[r3 + 8] = alpha * c3_8 + beta * c[r3 + 8]; c[r3 + 9] = alpha * c3_9 + beta * c[r3 + 9]; c[r3 + 10] = alpha * c3_10 + beta * c[r3 + 10]; c[r3 + 11] = alpha * c3_11 + beta * c[r3 + 11]; c[r3 + 12] = alpha * c3_12 + beta * c[r3 + 12]; c[r3 + 13] = alpha * c3_13 + beta * c[r3 + 13]; c[r3 + 14] = alpha * c3_14 + beta * c[r3 + 14]; c[r3 + 15] = alpha * c3_15 + beta * c[r3 + 15];
                c[r3 + 16] = alpha * c3_16 + beta * c[r3 + 16]; c[r3 + 17] = alpha * c3_17 + beta * c[r3 + 17]; c[r3 + 18] = alpha * c3_18 + beta * c[r3 + 18]; c[r3 + 19] = alpha * c3_19 + beta * c[r3 + 19]; c[r3 + 20] = alpha * c3_20 + beta * c[r3 + 20]; c[r3 + 21] = alpha * c3_21 + beta * c[r3 + 21]; c[r3 + 22] = alpha * c3_22 + beta * c[r3 + 22]; c[r3 + 23] = alpha * c3_23 + beta * c[r3 + 23];
                c[r3 + 24] = alpha * c3_24 + beta * c[r3 + 24]; c[r3 + 25] = alpha * c3_25 + beta * c[r3 + 25]; c[r3 + 26] = alpha * c3_26 + beta * c[r3 + 26]; c[r3 + 27] = alpha * c3_27 + beta * c[r3 + 27]; c[r3 + 28] = alpha * c3_28 + beta * c[r3 + 28]; c[r3 + 29] = alpha * c3_29 + beta * c[r3 + 29]; c[r3 + 30] = alpha * c3_30 + beta * c[r3 + 30]; c[r3 + 31] = alpha * c3_31 + beta * c[r3 + 31];
            }
            else
            {
                c[r0 + 0] = alpha * c0_0 + beta * c[r0 + 0] + bias[n0 + 0]; c[r0 + 1] = alpha * c0_1 + beta * c[r0 + 1] + bias[n0 + 1]; c[r0 + 2] = alpha * c0_2 + beta * c[r0 + 2] + bias[n0 + 2]; c[r0 + 3] = alpha * c0_3 + beta * c[r0 + 3] + bias[n0 + 3]; c[r0 + 4] = alpha * c0_4 + beta * c[r0 + 4] + bias[n0 + 4]; c[r0 + 5] = alpha * c0_5 + beta * c[r0 + 5] + bias[n0 + 5]; c[r0 + 6] = alpha * c0_6 + beta * c[r0 + 6] + bias[n0 + 6]; c[r0 + 7] = alpha * c0_7 + beta * c[r0 + 7] + bias[n0 + 7];
                c[r0 + 8] = alpha * c0_8 + beta * c[r0 + 8] + bias[n0 + 8]; c[r0 + 9] = alpha * c0_9 + beta * c[r0 + 9] + bias[n0 + 9]; c[r0 + 10] = alpha * c0_10 + beta * c[r0 + 10] + bias[n0 + 10]; c[r0 + 11] = alpha * c0_11 + beta * c[r0 + 11] + bias[n0 + 11]; c[r0 + 12] = alpha * c0_12 + beta * c[r0 + 12] + bias[n0 + 12]; c[r0 + 13] = alpha * c0_13 + beta * c[r0 + 13] + bias[n0 + 13]; c[r0 + 14] = alpha * c0_14 + beta * c[r0 + 14] + bias[n0 + 14]; c[r0 + 15] = alpha * c0_15 + beta * c[r0 + 15] + bias[n0 + 15];
                c[r0 + 16] = alpha * c0_16 + beta * c[r0 + 16] + bias[n0 + 16]; c[r0 + 17] = alpha * c0_17 + beta * c[r0 + 17] + bias[n0 + 17]; c[r0 + 18] = alpha * c0_18 + beta * c[r0 + 18] + bias[n0 + 18]; c[r0 + 19] = alpha * c0_19 + beta * c[r0 + 19] + bias[n0 + 19]; c[r0 + 20] = alpha * c0_20 + beta * c[r0 + 20] + bias[n0 + 20]; c[r0 + 21] = alpha * c0_21 + beta * c[r0 + 21] + bias[n0 + 21]; c[r0 + 22] = alpha * c0_22 + beta * c[r0 + 22] + bias[n0 + 22]; c[r0 + 23] = alpha * c0_23 + beta * c[r0 + 23] + bias[n0 + 23];
                c[r0 + 24] = alpha * c0_24 + beta * c[r0 + 24] + bias[n0 + 24]; c[r0 + 25] = alpha * c0_25 + beta * c[r0 + 25] + bias[n0 + 25]; c[r0 + 26] = alpha * c0_26 + beta * c[r0 + 26] + bias[n0 + 26]; c[r0 + 27] = alpha * c0_27 + beta * c[r0 + 27] + bias[n0 + 27]; c[r0 + 28] = alpha * c0_28 + beta * c[r0 + 28] + bias[n0 + 28]; c[r0 + 29] = alpha * c0_29 + beta * c[r0 + 29] + bias[n0 + 29]; c[r0 + 30] = alpha * c0_30 + beta * c[r0 + 30] + bias[n0 + 30]; c[r0 + 31] = alpha * c0_31 + beta * c[r0 + 31] + bias[n0 + 31];
                c[r1 + 0] = alpha * c1_0 + beta * c[r1 + 0] + bias[n0 + 0]; c[r1 + 1] = alpha * c1_1 + beta * c[r1 + 1] + bias[n0 + 1]; c[r1 + 2] = alpha * c1_2 + beta * c[r1 + 2] + bias[n0 + 2]; c[r1 + 3] = alpha * c1_3 + beta * c[r1 + 3] + bias[n0 + 3]; c[r1 + 4] = alpha * c1_4 + beta * c[r1 + 4] + bias[n0 + 4]; c[r1 + 5] = alpha * c1_5 + beta * c[r1 + 5] + bias[n0 + 5]; c[r1 + 6] = alpha * c1_6 + beta * c[r1 + 6] + bias[n0 + 6]; c[r1 + 7] = alpha * c1_7 + beta * c[r1 + 7] + bias[n0 + 7];
                c[r1 + 8] = alpha * c1_8 + beta * c[r1 + 8] + bias[n0 + 8]; c[r1 + 9] = alpha * c1_9 + beta * c[r1 + 9] + bias[n0 + 9]; c[r1 + 10] = alpha * c1_10 + beta * c[r1 + 10] + bias[n0 + 10]; c[r1 + 11] = alpha * c1_11 + beta * c[r1 + 11] + bias[n0 + 11]; c[r1 + 12] = alpha * c1_12 + beta * c[r1 + 12] + bias[n0 + 12]; c[r1 + 13] = alpha * c1_13 + beta * c[r1 + 13] + bias[n0 + 13]; c[r1 + 14] = alpha * c1_14 + beta * c[r1 + 14] + bias[n0 + 14]; c[r1 + 15] = alpha * c1_15 + beta * c[r1 + 15] + bias[n0 + 15];
                c[r1 + 16] = alpha * c1_16 + beta * c[r1 + 16] + bias[n0 + 16]; c[r1 + 17] = alpha * c1_17 + beta * c[r1 + 17] + bias[n0 + 17]; c[r1 + 18] = alpha * c1_18 + beta * c[r1 + 18] + bias[n0 + 18]; c[r1 + 19] = alpha * c1_19 + beta * c[r1 + 19] + bias[n0 + 19]; c[r1 + 20] = alpha * c1_20 + beta * c[r1 + 20] + bias[n0 + 20]; c[r1 + 21] = alpha * c1_21 + beta * c[r1 + 21] + bias[n0 + 21]; c[r1 + 22] = alpha * c1_22 + beta * c[r1 + 22] + bias[n0 + 22]; c[r1 + 23] = alpha * c1_23 + beta * c[r1 + 23] + bias[n0 + 23];
                c[r1 + 24] = alpha * c1_24 + beta * c[r1 + 24] + bias[n0 + 24]; c[r1 + 25] = alpha * c1_25 + beta * c[r1 + 25] + bias[n0 + 25]; c[r1 + 26] = alpha * c1_26 + beta * c[r1 + 26] + bias[n0 + 26]; c[r1 + 27] = alpha * c1_27 + beta * c[r1 + 27] + bias[n0 + 27]; c[r1 + 28] = alpha * c1_28 + beta * c[r1 + 28] + bias[n0 + 28]; c[r1 + 29] = alpha * c1_29 + beta * c[r1 + 29] + bias[n0 + 29]; c[r1 + 30] = alpha * c1_30 + beta * c[r1 + 30] + bias[n0 + 30]; c[r1 + 31] = alpha * c1_31 + beta * c[r1 + 31] + bias[n0 + 31];
                c[r2 + 0] = alpha * c2_0 + beta * c[r2 + 0] + bias[n0 + 0]; c[r2 + 1] = alpha * c2_1 + beta * c[r2 + 1] + bias[n0 + 1]; c[r2 + 2] = alpha * c2_2 + beta * c[r2 + 2] + bias[n0 + 2]; c[r2 + 3] = alpha * c2_3 + beta * c[r2 + 3] + bias[n0 + 3]; c[r2 + 4] = alpha * c2_4 + beta * c[r2 + 4] + bias[n0 + 4]; c[r2 + 5] = alpha * c2_5 + beta * c[r2 + 5] + bias[n0 + 5]; c[r2 + 6] = alpha * c2_6 + beta * c[r2 + 6] + bias[n0 + 6]; c[r2 + 7] = alpha * c2_7 + beta * c[r2 + 7] + bias[n0 + 7];
                c[r2 + 8] = alpha * c2_8 + beta * c[r2 + 8] + bias[n0 + 8]; c[r2 + 9] = alpha * c2_9 + beta * c[r2 + 9] + bias[n0 + 9]; c[r2 + 10] = alpha * c2_10 + beta * c[r2 + 10] + bias[n0 + 10]; c[r2 + 11] = alpha * c2_11 + beta * c[r2 + 11] + bias[n0 + 11]; c[r2 + 12] = alpha * c2_12 + beta * c[r2 + 12] + bias[n0 + 12]; c[r2 + 13] = alpha * c2_13 + beta * c[r2 + 13] + bias[n0 + 13]; c[r2 + 14] = alpha * c2_14 + beta * c[r2 + 14] + bias[n0 + 14]; c[r2 + 15] = alpha * c2_15 + beta * c[r2 + 15] + bias[n0 + 15];
                c[r2 + 16] = alpha * c2_16 + beta * c[r2 + 16] + bias[n0 + 16]; c[r2 + 17] = alpha * c2_17 + beta * c[r2 + 17] + bias[n0 + 17]; c[r2 + 18] = alpha * c2_18 + beta * c[r2 + 18] + bias[n0 + 18]; c[r2 + 19] = alpha * c2_19 + beta * c[r2 + 19] + bias[n0 + 19]; c[r2 + 20] = alpha * c2_20 + beta * c[r2 + 20] + bias[n0 + 20]; c[r2 + 21] = alpha * c2_21 + beta * c[r2 + 21] + bias[n0 + 21]; c[r2 + 22] = alpha * c2_22 + beta * c[r2 + 22] + bias[n0 + 22]; c[r2 + 23] = alpha * c2_23 + beta * c[r2 + 23] + bias[n0 + 23];
                c[r2 + 24] = alpha * c2_24 + beta * c[r2 + 24] + bias[n0 + 24]; c[r2 + 25] = alpha * c2_25 + beta * c[r2 + 25] + bias[n0 + 25]; c[r2 + 26] = alpha * c2_26 + beta * c[r2 + 26] + bias[n0 + 26]; c[r2 + 27] = alpha * c2_27 + beta * c[r2 + 27] + bias[n0 + 27]; c[r2 + 28] = alpha * c2_28 + beta * c[r2 + 28] + bias[n0 + 28]; c[r2 + 29] = alpha * c2_29 + beta * c[r2 + 29] + bias[n0 + 29]; c[r2 + 30] = alpha * c2_30 + beta * c[r2 + 30] + bias[n0 + 30]; c[r2 + 31] = alpha * c2_31 + beta * c[r2 + 31] + bias[n0 + 31];
                c[r3 + 0] = alpha * c3_0 + beta * c[r3 + 0] + bias[n0 + 0]; c[r3 + 1] = alpha * c3_1 + beta * c[r3 + 1] + bias[n0 + 1]; c[r3 + 2] = alpha * c3_2 + beta * c[r3 + 2] + bias[n0 + 2]; c[r3 + 3] = alpha * c3_3 + beta * c[r3 + 3] + bias[n0 + 3]; c[r3 + 4] = alpha * c3_4 + beta * c[r3 + 4] + bias[n0 + 4]; c[r3 + 5] = alpha * c3_5 + beta * c[r3 + 5] + bias[n0 + 5]; c[r3 + 6] = alpha * c3_6 + beta * c[r3 + 6] + bias[n0 + 6]; c[r3 + 7] = alpha * c3_7 + beta * c[r3 + 7] + bias[n0 + 7];
                c[r3 + 8] = alpha * c3_8 + beta * c[r3 + 8] + bias[n0 + 8]; c[r3 + 9] = alpha * c3_9 + beta * c[r3 + 9] + bias[n0 + 9]; c[r3 + 10] = alpha * c3_10 + beta * c[r3 + 10] + bias[n0 + 10]; c[r3 + 11] = alpha * c3_11 + beta * c[r3 + 11] + bias[n0 + 11]; c[r3 + 12] = alpha * c3_12 + beta * c[r3 + 12] + bias[n0 + 12]; c[r3 + 13] = alpha * c3_13 + beta * c[r3 + 13] + bias[n0 + 13]; c[r3 + 14] = alpha * c3_14 + beta * c[r3 + 14] + bias[n0 + 14]; c[r3 + 15] = alpha * c3_15 + beta * c[r3 + 15] + bias[n0 + 15];
                c[r3 + 16] = alpha * c3_16 + beta * c[r3 + 16] + bias[n0 + 16]; c[r3 + 17] = alpha * c3_17 + beta * c[r3 + 17] + bias[n0 + 17]; c[r3 + 18] = alpha * c3_18 + beta * c[r3 + 18] + bias[n0 + 18]; c[r3 + 19] = alpha * c3_19 + beta * c[r3 + 19] + bias[n0 + 19]; c[r3 + 20] = alpha * c3_20 + beta * c[r3 + 20] + bias[n0 + 20]; c[r3 + 21] = alpha * c3_21 + beta * c[r3 + 21] + bias[n0 + 21]; c[r3 + 22] = alpha * c3_22 + beta * c[r3 + 22] + bias[n0 + 22]; c[r3 + 23] = alpha * c3_23 + beta * c[r3 + 23] + bias[n0 + 23];
                c[r3 + 24] = alpha * c3_24 + beta * c[r3 + 24] + bias[n0 + 24]; c[r3 + 25] = alpha * c3_25 + beta * c[r3 + 25] + bias[n0 + 25]; c[r3 + 26] = alpha * c3_26 + beta * c[r3 + 26] + bias[n0 + 26]; c[r3 + 27] = alpha * c3_27 + beta * c[r3 + 27] + bias[n0 + 27]; c[r3 + 28] = alpha * c3_28 + beta * c[r3 + 28] + bias[n0 + 28]; c[r3 + 29] = alpha * c3_29 + beta * c[r3 + 29] + bias[n0 + 29]; c[r3 + 30] = alpha * c3_30 + beta * c[r3 + 30] + bias[n0 + 30]; c[r3 + 31] = alpha * c3_31 + beta * c[r3 + 31] + bias[n0 + 31];
            }
            return;
        }
        StoreRow(c, bias, p, m0 + 0, n0, n0 + 1, n0 + 2, n0 + 3, c0_0, c0_1, c0_2, c0_3);
        StoreRow(c, bias, p, m0 + 0, n0 + 4, n0 + 5, n0 + 6, n0 + 7, c0_4, c0_5, c0_6, c0_7);
        StoreRow(c, bias, p, m0 + 0, n0 + 8, n0 + 9, n0 + 10, n0 + 11, c0_8, c0_9, c0_10, c0_11);
        StoreRow(c, bias, p, m0 + 0, n0 + 12, n0 + 13, n0 + 14, n0 + 15, c0_12, c0_13, c0_14, c0_15);
        StoreRow(c, bias, p, m0 + 0, n0 + 16, n0 + 17, n0 + 18, n0 + 19, c0_16, c0_17, c0_18, c0_19);
        StoreRow(c, bias, p, m0 + 0, n0 + 20, n0 + 21, n0 + 22, n0 + 23, c0_20, c0_21, c0_22, c0_23);
        StoreRow(c, bias, p, m0 + 0, n0 + 24, n0 + 25, n0 + 26, n0 + 27, c0_24, c0_25, c0_26, c0_27);
        StoreRow(c, bias, p, m0 + 0, n0 + 28, n0 + 29, n0 + 30, n0 + 31, c0_28, c0_29, c0_30, c0_31);
        StoreRow(c, bias, p, m0 + 1, n0, n0 + 1, n0 + 2, n0 + 3, c1_0, c1_1, c1_2, c1_3);
        StoreRow(c, bias, p, m0 + 1, n0 + 4, n0 + 5, n0 + 6, n0 + 7, c1_4, c1_5, c1_6, c1_7);
        StoreRow(c, bias, p, m0 + 1, n0 + 8, n0 + 9, n0 + 10, n0 + 11, c1_8, c1_9, c1_10, c1_11);
        StoreRow(c, bias, p, m0 + 1, n0 + 12, n0 + 13, n0 + 14, n0 + 15, c1_12, c1_13, c1_14, c1_15);
        StoreRow(c, bias, p, m0 + 1, n0 + 16, n0 + 17, n0 + 18, n0 + 19, c1_16, c1_17, c1_18, c1_19);
        StoreRow(c, bias, p, m0 + 1, n0 + 20, n0 + 21, n0 + 22, n0 + 23, c1_20, c1_21, c1_22, c1_23);
        StoreRow(c, bias, p, m0 + 1, n0 + 24, n0 + 25, n0 + 26, n0 + 27, c1_24, c1_25, c1_26, c1_27);
        StoreRow(c, bias, p, m0 + 1, n0 + 28, n0 + 29, n0 + 30, n0 + 31, c1_28, c1_29, c1_30, c1_31);
        StoreRow(c, bias, p, m0 + 2, n0, n0 + 1, n0 + 2, n0 + 3, c2_0, c2_1, c2_2, c2_3);
        StoreRow(c, bias, p, m0 + 2, n0 + 4, n0 + 5, n0 + 6, n0 + 7, c2_4, c2_5, c2_6, c2_7);
        StoreRow(c, bias, p, m0 + 2, n0 + 8, n0 + 9, n0 + 10, n0 + 11, c2_8, c2_9, c2_10, c2_11);
        StoreRow(c, bias, p, m0 + 2, n0 + 12, n0 + 13, n0 + 14, n0 + 15, c2_12, c2_13, c2_14, c2_15);
        StoreRow(c, bias, p, m0 + 2, n0 + 16, n0 + 17, n0 + 18, n0 + 19, c2_16, c2_17, c2_18, c2_19);
        StoreRow(c, bias, p, m0 + 2, n0 + 20, n0 + 21, n0 + 22, n0 + 23, c2_20, c2_21, c2_22, c2_23);
        StoreRow(c, bias, p, m0 + 2, n0 + 24, n0 + 25, n0 + 26, n0 + 27, c2_24, c2_25, c2_26, c2_27);
        StoreRow(c, bias, p, m0 + 2, n0 + 28, n0 + 29, n0 + 30, n0 + 31, c2_28, c2_29, c2_30, c2_31);
        StoreRow(c, bias, p, m0 + 3, n0, n0 + 1, n0 + 2, n0 + 3, c3_0, c3_1, c3_2, c3_3);
        StoreRow(c, bias, p, m0 + 3, n0 + 4, n0 + 5, n0 + 6, n0 + 7, c3_4, c3_5, c3_6, c3_7);
        StoreRow(c, bias, p, m0 + 3, n0 + 8, n0 + 9, n0 + 10, n0 + 11, c3_8, c3_9, c3_10, c3_11);
        StoreRow(c, bias, p, m0 + 3, n0 + 12, n0 + 13, n0 + 14, n0 + 15, c3_12, c3_13, c3_14, c3_15);
        StoreRow(c, bias, p, m0 + 3, n0 + 16, n0 + 17, n0 + 18, n0 + 19, c3_16, c3_17, c3_18, c3_19);
        StoreRow(c, bias, p, m0 + 3, n0 + 20, n0 + 21, n0 + 22, n0 + 23, c3_20, c3_21, c3_22, c3_23);
        StoreRow(c, bias, p, m0 + 3, n0 + 24, n0 + 25, n0 + 26, n0 + 27, c3_24, c3_25, c3_26, c3_27);
        StoreRow(c, bias, p, m0 + 3, n0 + 28, n0 + 29, n0 + 30, n0 + 31, c3_28, c3_29, c3_30, c3_31);
    }
}
