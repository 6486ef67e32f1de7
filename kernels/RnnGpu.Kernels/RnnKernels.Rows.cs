// The unrolled body (RowStepM x RowStepN accumulators) is written out in full so the OpenCL compiler can vectorise it.
using ILGPU;
using static RnnGpu.Kernels.CellMath; // CellForward, RnnUnit: the epilogue shared by every forward kernel

namespace RnnGpu.Kernels;

public static partial class RnnKernels
{
    /// <summary>Batch rows per work item of <see cref="StepForwardRows"/>.</summary>
    public const int RowStepM = 12;
    /// <summary>Interleaved columns per work item of <see cref="StepForwardRows"/> (4 LSTM/GRU units or 16 RNN units).</summary>
    public const int RowStepN = 16;
    /// <summary>Work items along the columns in one group of <see cref="StepForwardRows"/>.</summary>
    public const int RowStepGroup = 8;

    /// <summary>Groups of <see cref="StepForwardRows"/> along (columns, batch rows).</summary>
    /// <param name="p">Step arguments.</param>
    public static Index2D RowStepGrid(in StepArgs p)
    {
        int n = p.H * CellSpec.Of((CellKind)p.Cell).InterleavedGates;
        int items = (n + RowStepN - 1) / RowStepN;
        return new Index2D((items + RowStepGroup - 1) / RowStepGroup, (p.B + RowStepM - 1) / RowStepM);
    }

    /// <summary>
    /// W_hh (G*H, H) to the interleaved W_hh^T (H, H*Gi): wi[k, j*Gi + g] = whh[g*H + j, k], zero for g &gt;= G,
    /// with Gi = <see cref="CellSpec.InterleavedGates"/>, so one hidden unit's gates sit in adjacent columns.
    /// </summary>
    /// <param name="items">Number of work items (Work item over wi: k * H * Gi + column); see <see cref="Items"/>.</param>
    /// <param name="whh">W_hh: (G*H, H).</param>
    /// <param name="wi">Interleaved W_hh^T: (H, H*Gi).</param>
    /// <param name="h">Hidden size H.</param>
    /// <param name="g">Gates G.</param>
    /// <param name="gi">Interleaved gate slots Gi.</param>
    public static void InterleaveTranspose(int items, ArrayView<float> whh, ArrayView<float> wi, int h, int g, int gi)
    {
        for (int index = Items.First(items), end = Items.End(items); index < end; index++)
            InterleaveTransposeItem(index, whh, wi, h, g, gi);
    }

    static void InterleaveTransposeItem(int index, ArrayView<float> whh, ArrayView<float> wi, int h, int g, int gi)
    {
        int cols = h * gi;
        int k = index / cols;
        int col = index % cols;
        int j = col / gi;
        int q = col % gi;
        wi[index] = q < g ? whh[((long)q * h + j) * h + k] : 0f;
    }

    /// <summary>
    /// Fused forward step shaped for OpenCL on CPUs: each work item computes the recurrent product
    /// h[t-1] W_hh^T for <see cref="RowStepM"/> batch rows and <see cref="RowStepN"/> adjacent columns of the
    /// interleaved W_hh^T (all gates of 4 units, or 16 RNN units), which the OpenCL compiler vectorises, then
    /// applies the cell in its epilogue, exactly as <see cref="StepForward"/>. Launch with
    /// <see cref="RowStepGrid"/> groups of (<see cref="RowStepGroup"/>, 1).
    /// </summary>
    /// <param name="hPrev">hPrev: (B, H).</param>
    /// <param name="cPrev">cPrev: (B, H) (LSTM).</param>
    /// <param name="wi">Interleaved W_hh^T: (H, H*Gi).</param>
    /// <param name="bhh">b_hh: (G*H).</param>
    /// <param name="gx">Gx[t]: (B, G*H).</param>
    /// <param name="hNext">hNext: (B, H).</param>
    /// <param name="cNext">cNext: (B, H) (LSTM).</param>
    /// <param name="y">y[t]: (B, LdY).</param>
    /// <param name="gates">gates[t]: (B, StoredGates) when Store is set.</param>
    /// <param name="lengths">lengths: (B).</param>
    /// <param name="p">Step arguments.</param>
    public static void StepForwardRows(ArrayView<float> hPrev, ArrayView<float> cPrev, ArrayView<float> wi,
        ArrayView<float> bhh, ArrayView<float> gx, ArrayView<float> hNext, ArrayView<float> cNext, ArrayView<float> y,
        ArrayView<float> gates, ArrayView<int> lengths, StepArgs p)
    {
        int H = p.H;
        int gi = CellMath.InterleavedGates(p.Cell);
        int n = H * gi;
        int n0 = (Grid.IdxX * RowStepGroup + Group.IdxX) * RowStepN;
        int m0 = Grid.IdxY * RowStepM;
        if (m0 >= p.B || n0 >= n)
            return;
        int lastM = p.B - 1, lastN = n - 1;
        long ra0 = (long)IntrinsicMath.Min(m0 + 0, lastM) * H;
        long ra1 = (long)IntrinsicMath.Min(m0 + 1, lastM) * H;
        long ra2 = (long)IntrinsicMath.Min(m0 + 2, lastM) * H;
        long ra3 = (long)IntrinsicMath.Min(m0 + 3, lastM) * H;
        long ra4 = (long)IntrinsicMath.Min(m0 + 4, lastM) * H;
        long ra5 = (long)IntrinsicMath.Min(m0 + 5, lastM) * H;
        long ra6 = (long)IntrinsicMath.Min(m0 + 6, lastM) * H;
        long ra7 = (long)IntrinsicMath.Min(m0 + 7, lastM) * H;
        long ra8 = (long)IntrinsicMath.Min(m0 + 8, lastM) * H;
        long ra9 = (long)IntrinsicMath.Min(m0 + 9, lastM) * H;
        long ra10 = (long)IntrinsicMath.Min(m0 + 10, lastM) * H;
        long ra11 = (long)IntrinsicMath.Min(m0 + 11, lastM) * H;
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
        if (n0 + RowStepN <= n)
        {
            long bk = n0;
            for (int k = 0; k < H; k++)
            {
                float b0 = wi[bk + 0]; float b1 = wi[bk + 1]; float b2 = wi[bk + 2]; float b3 = wi[bk + 3]; float b4 = wi[bk + 4]; float b5 = wi[bk + 5]; float b6 = wi[bk + 6]; float b7 = wi[bk + 7]; float b8 = wi[bk + 8]; float b9 = wi[bk + 9]; float b10 = wi[bk + 10]; float b11 = wi[bk + 11]; float b12 = wi[bk + 12]; float b13 = wi[bk + 13]; float b14 = wi[bk + 14]; float b15 = wi[bk + 15];
                { float av = hPrev[ra0 + k]; c0_0 += av * b0; c0_1 += av * b1; c0_2 += av * b2; c0_3 += av * b3; c0_4 += av * b4; c0_5 += av * b5; c0_6 += av * b6; c0_7 += av * b7; c0_8 += av * b8; c0_9 += av * b9; c0_10 += av * b10; c0_11 += av * b11; c0_12 += av * b12; c0_13 += av * b13; c0_14 += av * b14; c0_15 += av * b15; }
                { float av = hPrev[ra1 + k]; c1_0 += av * b0; c1_1 += av * b1; c1_2 += av * b2; c1_3 += av * b3; c1_4 += av * b4; c1_5 += av * b5; c1_6 += av * b6; c1_7 += av * b7; c1_8 += av * b8; c1_9 += av * b9; c1_10 += av * b10; c1_11 += av * b11; c1_12 += av * b12; c1_13 += av * b13; c1_14 += av * b14; c1_15 += av * b15; }
                { float av = hPrev[ra2 + k]; c2_0 += av * b0; c2_1 += av * b1; c2_2 += av * b2; c2_3 += av * b3; c2_4 += av * b4; c2_5 += av * b5; c2_6 += av * b6; c2_7 += av * b7; c2_8 += av * b8; c2_9 += av * b9; c2_10 += av * b10; c2_11 += av * b11; c2_12 += av * b12; c2_13 += av * b13; c2_14 += av * b14; c2_15 += av * b15; }
                { float av = hPrev[ra3 + k]; c3_0 += av * b0; c3_1 += av * b1; c3_2 += av * b2; c3_3 += av * b3; c3_4 += av * b4; c3_5 += av * b5; c3_6 += av * b6; c3_7 += av * b7; c3_8 += av * b8; c3_9 += av * b9; c3_10 += av * b10; c3_11 += av * b11; c3_12 += av * b12; c3_13 += av * b13; c3_14 += av * b14; c3_15 += av * b15; }
                { float av = hPrev[ra4 + k]; c4_0 += av * b0; c4_1 += av * b1; c4_2 += av * b2; c4_3 += av * b3; c4_4 += av * b4; c4_5 += av * b5; c4_6 += av * b6; c4_7 += av * b7; c4_8 += av * b8; c4_9 += av * b9; c4_10 += av * b10; c4_11 += av * b11; c4_12 += av * b12; c4_13 += av * b13; c4_14 += av * b14; c4_15 += av * b15; }
                { float av = hPrev[ra5 + k]; c5_0 += av * b0; c5_1 += av * b1; c5_2 += av * b2; c5_3 += av * b3; c5_4 += av * b4; c5_5 += av * b5; c5_6 += av * b6; c5_7 += av * b7; c5_8 += av * b8; c5_9 += av * b9; c5_10 += av * b10; c5_11 += av * b11; c5_12 += av * b12; c5_13 += av * b13; c5_14 += av * b14; c5_15 += av * b15; }
                { float av = hPrev[ra6 + k]; c6_0 += av * b0; c6_1 += av * b1; c6_2 += av * b2; c6_3 += av * b3; c6_4 += av * b4; c6_5 += av * b5; c6_6 += av * b6; c6_7 += av * b7; c6_8 += av * b8; c6_9 += av * b9; c6_10 += av * b10; c6_11 += av * b11; c6_12 += av * b12; c6_13 += av * b13; c6_14 += av * b14; c6_15 += av * b15; }
                { float av = hPrev[ra7 + k]; c7_0 += av * b0; c7_1 += av * b1; c7_2 += av * b2; c7_3 += av * b3; c7_4 += av * b4; c7_5 += av * b5; c7_6 += av * b6; c7_7 += av * b7; c7_8 += av * b8; c7_9 += av * b9; c7_10 += av * b10; c7_11 += av * b11; c7_12 += av * b12; c7_13 += av * b13; c7_14 += av * b14; c7_15 += av * b15; }
                { float av = hPrev[ra8 + k]; c8_0 += av * b0; c8_1 += av * b1; c8_2 += av * b2; c8_3 += av * b3; c8_4 += av * b4; c8_5 += av * b5; c8_6 += av * b6; c8_7 += av * b7; c8_8 += av * b8; c8_9 += av * b9; c8_10 += av * b10; c8_11 += av * b11; c8_12 += av * b12; c8_13 += av * b13; c8_14 += av * b14; c8_15 += av * b15; }
                { float av = hPrev[ra9 + k]; c9_0 += av * b0; c9_1 += av * b1; c9_2 += av * b2; c9_3 += av * b3; c9_4 += av * b4; c9_5 += av * b5; c9_6 += av * b6; c9_7 += av * b7; c9_8 += av * b8; c9_9 += av * b9; c9_10 += av * b10; c9_11 += av * b11; c9_12 += av * b12; c9_13 += av * b13; c9_14 += av * b14; c9_15 += av * b15; }
                { float av = hPrev[ra10 + k]; c10_0 += av * b0; c10_1 += av * b1; c10_2 += av * b2; c10_3 += av * b3; c10_4 += av * b4; c10_5 += av * b5; c10_6 += av * b6; c10_7 += av * b7; c10_8 += av * b8; c10_9 += av * b9; c10_10 += av * b10; c10_11 += av * b11; c10_12 += av * b12; c10_13 += av * b13; c10_14 += av * b14; c10_15 += av * b15; }
                { float av = hPrev[ra11 + k]; c11_0 += av * b0; c11_1 += av * b1; c11_2 += av * b2; c11_3 += av * b3; c11_4 += av * b4; c11_5 += av * b5; c11_6 += av * b6; c11_7 += av * b7; c11_8 += av * b8; c11_9 += av * b9; c11_10 += av * b10; c11_11 += av * b11; c11_12 += av * b12; c11_13 += av * b13; c11_14 += av * b14; c11_15 += av * b15; }
                bk += n;
            }
        }
        else
        {
            long cb0 = IntrinsicMath.Min(n0 + 0, lastN);
            long cb1 = IntrinsicMath.Min(n0 + 1, lastN);
            long cb2 = IntrinsicMath.Min(n0 + 2, lastN);
            long cb3 = IntrinsicMath.Min(n0 + 3, lastN);
            long cb4 = IntrinsicMath.Min(n0 + 4, lastN);
            long cb5 = IntrinsicMath.Min(n0 + 5, lastN);
            long cb6 = IntrinsicMath.Min(n0 + 6, lastN);
            long cb7 = IntrinsicMath.Min(n0 + 7, lastN);
            long cb8 = IntrinsicMath.Min(n0 + 8, lastN);
            long cb9 = IntrinsicMath.Min(n0 + 9, lastN);
            long cb10 = IntrinsicMath.Min(n0 + 10, lastN);
            long cb11 = IntrinsicMath.Min(n0 + 11, lastN);
            long cb12 = IntrinsicMath.Min(n0 + 12, lastN);
            long cb13 = IntrinsicMath.Min(n0 + 13, lastN);
            long cb14 = IntrinsicMath.Min(n0 + 14, lastN);
            long cb15 = IntrinsicMath.Min(n0 + 15, lastN);
            long bk = 0;
            for (int k = 0; k < H; k++)
            {
                float b0 = wi[bk + cb0]; float b1 = wi[bk + cb1]; float b2 = wi[bk + cb2]; float b3 = wi[bk + cb3]; float b4 = wi[bk + cb4]; float b5 = wi[bk + cb5]; float b6 = wi[bk + cb6]; float b7 = wi[bk + cb7]; float b8 = wi[bk + cb8]; float b9 = wi[bk + cb9]; float b10 = wi[bk + cb10]; float b11 = wi[bk + cb11]; float b12 = wi[bk + cb12]; float b13 = wi[bk + cb13]; float b14 = wi[bk + cb14]; float b15 = wi[bk + cb15];
                { float av = hPrev[ra0 + k]; c0_0 += av * b0; c0_1 += av * b1; c0_2 += av * b2; c0_3 += av * b3; c0_4 += av * b4; c0_5 += av * b5; c0_6 += av * b6; c0_7 += av * b7; c0_8 += av * b8; c0_9 += av * b9; c0_10 += av * b10; c0_11 += av * b11; c0_12 += av * b12; c0_13 += av * b13; c0_14 += av * b14; c0_15 += av * b15; }
                { float av = hPrev[ra1 + k]; c1_0 += av * b0; c1_1 += av * b1; c1_2 += av * b2; c1_3 += av * b3; c1_4 += av * b4; c1_5 += av * b5; c1_6 += av * b6; c1_7 += av * b7; c1_8 += av * b8; c1_9 += av * b9; c1_10 += av * b10; c1_11 += av * b11; c1_12 += av * b12; c1_13 += av * b13; c1_14 += av * b14; c1_15 += av * b15; }
                { float av = hPrev[ra2 + k]; c2_0 += av * b0; c2_1 += av * b1; c2_2 += av * b2; c2_3 += av * b3; c2_4 += av * b4; c2_5 += av * b5; c2_6 += av * b6; c2_7 += av * b7; c2_8 += av * b8; c2_9 += av * b9; c2_10 += av * b10; c2_11 += av * b11; c2_12 += av * b12; c2_13 += av * b13; c2_14 += av * b14; c2_15 += av * b15; }
                { float av = hPrev[ra3 + k]; c3_0 += av * b0; c3_1 += av * b1; c3_2 += av * b2; c3_3 += av * b3; c3_4 += av * b4; c3_5 += av * b5; c3_6 += av * b6; c3_7 += av * b7; c3_8 += av * b8; c3_9 += av * b9; c3_10 += av * b10; c3_11 += av * b11; c3_12 += av * b12; c3_13 += av * b13; c3_14 += av * b14; c3_15 += av * b15; }
                { float av = hPrev[ra4 + k]; c4_0 += av * b0; c4_1 += av * b1; c4_2 += av * b2; c4_3 += av * b3; c4_4 += av * b4; c4_5 += av * b5; c4_6 += av * b6; c4_7 += av * b7; c4_8 += av * b8; c4_9 += av * b9; c4_10 += av * b10; c4_11 += av * b11; c4_12 += av * b12; c4_13 += av * b13; c4_14 += av * b14; c4_15 += av * b15; }
                { float av = hPrev[ra5 + k]; c5_0 += av * b0; c5_1 += av * b1; c5_2 += av * b2; c5_3 += av * b3; c5_4 += av * b4; c5_5 += av * b5; c5_6 += av * b6; c5_7 += av * b7; c5_8 += av * b8; c5_9 += av * b9; c5_10 += av * b10; c5_11 += av * b11; c5_12 += av * b12; c5_13 += av * b13; c5_14 += av * b14; c5_15 += av * b15; }
                { float av = hPrev[ra6 + k]; c6_0 += av * b0; c6_1 += av * b1; c6_2 += av * b2; c6_3 += av * b3; c6_4 += av * b4; c6_5 += av * b5; c6_6 += av * b6; c6_7 += av * b7; c6_8 += av * b8; c6_9 += av * b9; c6_10 += av * b10; c6_11 += av * b11; c6_12 += av * b12; c6_13 += av * b13; c6_14 += av * b14; c6_15 += av * b15; }
                { float av = hPrev[ra7 + k]; c7_0 += av * b0; c7_1 += av * b1; c7_2 += av * b2; c7_3 += av * b3; c7_4 += av * b4; c7_5 += av * b5; c7_6 += av * b6; c7_7 += av * b7; c7_8 += av * b8; c7_9 += av * b9; c7_10 += av * b10; c7_11 += av * b11; c7_12 += av * b12; c7_13 += av * b13; c7_14 += av * b14; c7_15 += av * b15; }
                { float av = hPrev[ra8 + k]; c8_0 += av * b0; c8_1 += av * b1; c8_2 += av * b2; c8_3 += av * b3; c8_4 += av * b4; c8_5 += av * b5; c8_6 += av * b6; c8_7 += av * b7; c8_8 += av * b8; c8_9 += av * b9; c8_10 += av * b10; c8_11 += av * b11; c8_12 += av * b12; c8_13 += av * b13; c8_14 += av * b14; c8_15 += av * b15; }
                { float av = hPrev[ra9 + k]; c9_0 += av * b0; c9_1 += av * b1; c9_2 += av * b2; c9_3 += av * b3; c9_4 += av * b4; c9_5 += av * b5; c9_6 += av * b6; c9_7 += av * b7; c9_8 += av * b8; c9_9 += av * b9; c9_10 += av * b10; c9_11 += av * b11; c9_12 += av * b12; c9_13 += av * b13; c9_14 += av * b14; c9_15 += av * b15; }
                { float av = hPrev[ra10 + k]; c10_0 += av * b0; c10_1 += av * b1; c10_2 += av * b2; c10_3 += av * b3; c10_4 += av * b4; c10_5 += av * b5; c10_6 += av * b6; c10_7 += av * b7; c10_8 += av * b8; c10_9 += av * b9; c10_10 += av * b10; c10_11 += av * b11; c10_12 += av * b12; c10_13 += av * b13; c10_14 += av * b14; c10_15 += av * b15; }
                { float av = hPrev[ra11 + k]; c11_0 += av * b0; c11_1 += av * b1; c11_2 += av * b2; c11_3 += av * b3; c11_4 += av * b4; c11_5 += av * b5; c11_6 += av * b6; c11_7 += av * b7; c11_8 += av * b8; c11_9 += av * b9; c11_10 += av * b10; c11_11 += av * b11; c11_12 += av * b12; c11_13 += av * b13; c11_14 += av * b14; c11_15 += av * b15; }
                bk += n;
            }
        }
        if (gi == 4)
        {
            int u0 = n0 / 4;
            if (u0 + 0 < H) CellForward(m0 + 0, u0 + 0, u0 + 0, H + u0 + 0, 2 * H + u0 + 0, (p.G == 4 ? 3 : 2) * H + u0 + 0, c0_0, c0_1, c0_2, c0_3, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
            if (u0 + 1 < H) CellForward(m0 + 0, u0 + 1, u0 + 1, H + u0 + 1, 2 * H + u0 + 1, (p.G == 4 ? 3 : 2) * H + u0 + 1, c0_4, c0_5, c0_6, c0_7, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
            if (u0 + 2 < H) CellForward(m0 + 0, u0 + 2, u0 + 2, H + u0 + 2, 2 * H + u0 + 2, (p.G == 4 ? 3 : 2) * H + u0 + 2, c0_8, c0_9, c0_10, c0_11, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
            if (u0 + 3 < H) CellForward(m0 + 0, u0 + 3, u0 + 3, H + u0 + 3, 2 * H + u0 + 3, (p.G == 4 ? 3 : 2) * H + u0 + 3, c0_12, c0_13, c0_14, c0_15, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
            if (u0 + 0 < H) CellForward(m0 + 1, u0 + 0, u0 + 0, H + u0 + 0, 2 * H + u0 + 0, (p.G == 4 ? 3 : 2) * H + u0 + 0, c1_0, c1_1, c1_2, c1_3, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
            if (u0 + 1 < H) CellForward(m0 + 1, u0 + 1, u0 + 1, H + u0 + 1, 2 * H + u0 + 1, (p.G == 4 ? 3 : 2) * H + u0 + 1, c1_4, c1_5, c1_6, c1_7, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
            if (u0 + 2 < H) CellForward(m0 + 1, u0 + 2, u0 + 2, H + u0 + 2, 2 * H + u0 + 2, (p.G == 4 ? 3 : 2) * H + u0 + 2, c1_8, c1_9, c1_10, c1_11, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
            if (u0 + 3 < H) CellForward(m0 + 1, u0 + 3, u0 + 3, H + u0 + 3, 2 * H + u0 + 3, (p.G == 4 ? 3 : 2) * H + u0 + 3, c1_12, c1_13, c1_14, c1_15, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
            if (u0 + 0 < H) CellForward(m0 + 2, u0 + 0, u0 + 0, H + u0 + 0, 2 * H + u0 + 0, (p.G == 4 ? 3 : 2) * H + u0 + 0, c2_0, c2_1, c2_2, c2_3, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
            if (u0 + 1 < H) CellForward(m0 + 2, u0 + 1, u0 + 1, H + u0 + 1, 2 * H + u0 + 1, (p.G == 4 ? 3 : 2) * H + u0 + 1, c2_4, c2_5, c2_6, c2_7, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
            if (u0 + 2 < H) CellForward(m0 + 2, u0 + 2, u0 + 2, H + u0 + 2, 2 * H + u0 + 2, (p.G == 4 ? 3 : 2) * H + u0 + 2, c2_8, c2_9, c2_10, c2_11, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
            if (u0 + 3 < H) CellForward(m0 + 2, u0 + 3, u0 + 3, H + u0 + 3, 2 * H + u0 + 3, (p.G == 4 ? 3 : 2) * H + u0 + 3, c2_12, c2_13, c2_14, c2_15, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
            if (u0 + 0 < H) CellForward(m0 + 3, u0 + 0, u0 + 0, H + u0 + 0, 2 * H + u0 + 0, (p.G == 4 ? 3 : 2) * H + u0 + 0, c3_0, c3_1, c3_2, c3_3, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
            if (u0 + 1 < H) CellForward(m0 + 3, u0 + 1, u0 + 1, H + u0 + 1, 2 * H + u0 + 1, (p.G == 4 ? 3 : 2) * H + u0 + 1, c3_4, c3_5, c3_6, c3_7, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
            if (u0 + 2 < H) CellForward(m0 + 3, u0 + 2, u0 + 2, H + u0 + 2, 2 * H + u0 + 2, (p.G == 4 ? 3 : 2) * H + u0 + 2, c3_8, c3_9, c3_10, c3_11, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
            if (u0 + 3 < H) CellForward(m0 + 3, u0 + 3, u0 + 3, H + u0 + 3, 2 * H + u0 + 3, (p.G == 4 ? 3 : 2) * H + u0 + 3, c3_12, c3_13, c3_14, c3_15, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
            if (u0 + 0 < H) CellForward(m0 + 4, u0 + 0, u0 + 0, H + u0 + 0, 2 * H + u0 + 0, (p.G == 4 ? 3 : 2) * H + u0 + 0, c4_0, c4_1, c4_2, c4_3, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
            if (u0 + 1 < H) CellForward(m0 + 4, u0 + 1, u0 + 1, H + u0 + 1, 2 * H + u0 + 1, (p.G == 4 ? 3 : 2) * H + u0 + 1, c4_4, c4_5, c4_6, c4_7, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
            if (u0 + 2 < H) CellForward(m0 + 4, u0 + 2, u0 + 2, H + u0 + 2, 2 * H + u0 + 2, (p.G == 4 ? 3 : 2) * H + u0 + 2, c4_8, c4_9, c4_10, c4_11, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
            if (u0 + 3 < H) CellForward(m0 + 4, u0 + 3, u0 + 3, H + u0 + 3, 2 * H + u0 + 3, (p.G == 4 ? 3 : 2) * H + u0 + 3, c4_12, c4_13, c4_14, c4_15, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
            if (u0 + 0 < H) CellForward(m0 + 5, u0 + 0, u0 + 0, H + u0 + 0, 2 * H + u0 + 0, (p.G == 4 ? 3 : 2) * H + u0 + 0, c5_0, c5_1, c5_2, c5_3, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
            if (u0 + 1 < H) CellForward(m0 + 5, u0 + 1, u0 + 1, H + u0 + 1, 2 * H + u0 + 1, (p.G == 4 ? 3 : 2) * H + u0 + 1, c5_4, c5_5, c5_6, c5_7, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
            if (u0 + 2 < H) CellForward(m0 + 5, u0 + 2, u0 + 2, H + u0 + 2, 2 * H + u0 + 2, (p.G == 4 ? 3 : 2) * H + u0 + 2, c5_8, c5_9, c5_10, c5_11, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
            if (u0 + 3 < H) CellForward(m0 + 5, u0 + 3, u0 + 3, H + u0 + 3, 2 * H + u0 + 3, (p.G == 4 ? 3 : 2) * H + u0 + 3, c5_12, c5_13, c5_14, c5_15, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
            if (u0 + 0 < H) CellForward(m0 + 6, u0 + 0, u0 + 0, H + u0 + 0, 2 * H + u0 + 0, (p.G == 4 ? 3 : 2) * H + u0 + 0, c6_0, c6_1, c6_2, c6_3, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
            if (u0 + 1 < H) CellForward(m0 + 6, u0 + 1, u0 + 1, H + u0 + 1, 2 * H + u0 + 1, (p.G == 4 ? 3 : 2) * H + u0 + 1, c6_4, c6_5, c6_6, c6_7, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
            if (u0 + 2 < H) CellForward(m0 + 6, u0 + 2, u0 + 2, H + u0 + 2, 2 * H + u0 + 2, (p.G == 4 ? 3 : 2) * H + u0 + 2, c6_8, c6_9, c6_10, c6_11, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
            if (u0 + 3 < H) CellForward(m0 + 6, u0 + 3, u0 + 3, H + u0 + 3, 2 * H + u0 + 3, (p.G == 4 ? 3 : 2) * H + u0 + 3, c6_12, c6_13, c6_14, c6_15, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
            if (u0 + 0 < H) CellForward(m0 + 7, u0 + 0, u0 + 0, H + u0 + 0, 2 * H + u0 + 0, (p.G == 4 ? 3 : 2) * H + u0 + 0, c7_0, c7_1, c7_2, c7_3, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
            if (u0 + 1 < H) CellForward(m0 + 7, u0 + 1, u0 + 1, H + u0 + 1, 2 * H + u0 + 1, (p.G == 4 ? 3 : 2) * H + u0 + 1, c7_4, c7_5, c7_6, c7_7, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
            if (u0 + 2 < H) CellForward(m0 + 7, u0 + 2, u0 + 2, H + u0 + 2, 2 * H + u0 + 2, (p.G == 4 ? 3 : 2) * H + u0 + 2, c7_8, c7_9, c7_10, c7_11, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
            if (u0 + 3 < H) CellForward(m0 + 7, u0 + 3, u0 + 3, H + u0 + 3, 2 * H + u0 + 3, (p.G == 4 ? 3 : 2) * H + u0 + 3, c7_12, c7_13, c7_14, c7_15, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
            if (u0 + 0 < H) CellForward(m0 + 8, u0 + 0, u0 + 0, H + u0 + 0, 2 * H + u0 + 0, (p.G == 4 ? 3 : 2) * H + u0 + 0, c8_0, c8_1, c8_2, c8_3, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
            if (u0 + 1 < H) CellForward(m0 + 8, u0 + 1, u0 + 1, H + u0 + 1, 2 * H + u0 + 1, (p.G == 4 ? 3 : 2) * H + u0 + 1, c8_4, c8_5, c8_6, c8_7, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
            if (u0 + 2 < H) CellForward(m0 + 8, u0 + 2, u0 + 2, H + u0 + 2, 2 * H + u0 + 2, (p.G == 4 ? 3 : 2) * H + u0 + 2, c8_8, c8_9, c8_10, c8_11, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
            if (u0 + 3 < H) CellForward(m0 + 8, u0 + 3, u0 + 3, H + u0 + 3, 2 * H + u0 + 3, (p.G == 4 ? 3 : 2) * H + u0 + 3, c8_12, c8_13, c8_14, c8_15, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
            if (u0 + 0 < H) CellForward(m0 + 9, u0 + 0, u0 + 0, H + u0 + 0, 2 * H + u0 + 0, (p.G == 4 ? 3 : 2) * H + u0 + 0, c9_0, c9_1, c9_2, c9_3, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
            if (u0 + 1 < H) CellForward(m0 + 9, u0 + 1, u0 + 1, H + u0 + 1, 2 * H + u0 + 1, (p.G == 4 ? 3 : 2) * H + u0 + 1, c9_4, c9_5, c9_6, c9_7, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
            if (u0 + 2 < H) CellForward(m0 + 9, u0 + 2, u0 + 2, H + u0 + 2, 2 * H + u0 + 2, (p.G == 4 ? 3 : 2) * H + u0 + 2, c9_8, c9_9, c9_10, c9_11, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
            if (u0 + 3 < H) CellForward(m0 + 9, u0 + 3, u0 + 3, H + u0 + 3, 2 * H + u0 + 3, (p.G == 4 ? 3 : 2) * H + u0 + 3, c9_12, c9_13, c9_14, c9_15, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
            if (u0 + 0 < H) CellForward(m0 + 10, u0 + 0, u0 + 0, H + u0 + 0, 2 * H + u0 + 0, (p.G == 4 ? 3 : 2) * H + u0 + 0, c10_0, c10_1, c10_2, c10_3, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
            if (u0 + 1 < H) CellForward(m0 + 10, u0 + 1, u0 + 1, H + u0 + 1, 2 * H + u0 + 1, (p.G == 4 ? 3 : 2) * H + u0 + 1, c10_4, c10_5, c10_6, c10_7, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
            if (u0 + 2 < H) CellForward(m0 + 10, u0 + 2, u0 + 2, H + u0 + 2, 2 * H + u0 + 2, (p.G == 4 ? 3 : 2) * H + u0 + 2, c10_8, c10_9, c10_10, c10_11, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
            if (u0 + 3 < H) CellForward(m0 + 10, u0 + 3, u0 + 3, H + u0 + 3, 2 * H + u0 + 3, (p.G == 4 ? 3 : 2) * H + u0 + 3, c10_12, c10_13, c10_14, c10_15, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
            if (u0 + 0 < H) CellForward(m0 + 11, u0 + 0, u0 + 0, H + u0 + 0, 2 * H + u0 + 0, (p.G == 4 ? 3 : 2) * H + u0 + 0, c11_0, c11_1, c11_2, c11_3, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
            if (u0 + 1 < H) CellForward(m0 + 11, u0 + 1, u0 + 1, H + u0 + 1, 2 * H + u0 + 1, (p.G == 4 ? 3 : 2) * H + u0 + 1, c11_4, c11_5, c11_6, c11_7, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
            if (u0 + 2 < H) CellForward(m0 + 11, u0 + 2, u0 + 2, H + u0 + 2, 2 * H + u0 + 2, (p.G == 4 ? 3 : 2) * H + u0 + 2, c11_8, c11_9, c11_10, c11_11, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
            if (u0 + 3 < H) CellForward(m0 + 11, u0 + 3, u0 + 3, H + u0 + 3, 2 * H + u0 + 3, (p.G == 4 ? 3 : 2) * H + u0 + 3, c11_12, c11_13, c11_14, c11_15, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
        }
        else
        {
            if (m0 + 0 < p.B)
            {
                bool act0 = p.T < lengths[m0 + 0];
                long bh0 = (long)(m0 + 0) * H, by0 = (long)(m0 + 0) * p.LdY;
                if (n0 + 0 < H) RnnUnit(act0, n0 + 0, c0_0, bh0, bh0, by0, bh0, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 1 < H) RnnUnit(act0, n0 + 1, c0_1, bh0, bh0, by0, bh0, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 2 < H) RnnUnit(act0, n0 + 2, c0_2, bh0, bh0, by0, bh0, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 3 < H) RnnUnit(act0, n0 + 3, c0_3, bh0, bh0, by0, bh0, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 4 < H) RnnUnit(act0, n0 + 4, c0_4, bh0, bh0, by0, bh0, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 5 < H) RnnUnit(act0, n0 + 5, c0_5, bh0, bh0, by0, bh0, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 6 < H) RnnUnit(act0, n0 + 6, c0_6, bh0, bh0, by0, bh0, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 7 < H) RnnUnit(act0, n0 + 7, c0_7, bh0, bh0, by0, bh0, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 8 < H) RnnUnit(act0, n0 + 8, c0_8, bh0, bh0, by0, bh0, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 9 < H) RnnUnit(act0, n0 + 9, c0_9, bh0, bh0, by0, bh0, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 10 < H) RnnUnit(act0, n0 + 10, c0_10, bh0, bh0, by0, bh0, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 11 < H) RnnUnit(act0, n0 + 11, c0_11, bh0, bh0, by0, bh0, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 12 < H) RnnUnit(act0, n0 + 12, c0_12, bh0, bh0, by0, bh0, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 13 < H) RnnUnit(act0, n0 + 13, c0_13, bh0, bh0, by0, bh0, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 14 < H) RnnUnit(act0, n0 + 14, c0_14, bh0, bh0, by0, bh0, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 15 < H) RnnUnit(act0, n0 + 15, c0_15, bh0, bh0, by0, bh0, hPrev, bhh, gx, hNext, y, gates, p);
            }
            if (m0 + 1 < p.B)
            {
                bool act1 = p.T < lengths[m0 + 1];
                long bh1 = (long)(m0 + 1) * H, by1 = (long)(m0 + 1) * p.LdY;
                if (n0 + 0 < H) RnnUnit(act1, n0 + 0, c1_0, bh1, bh1, by1, bh1, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 1 < H) RnnUnit(act1, n0 + 1, c1_1, bh1, bh1, by1, bh1, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 2 < H) RnnUnit(act1, n0 + 2, c1_2, bh1, bh1, by1, bh1, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 3 < H) RnnUnit(act1, n0 + 3, c1_3, bh1, bh1, by1, bh1, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 4 < H) RnnUnit(act1, n0 + 4, c1_4, bh1, bh1, by1, bh1, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 5 < H) RnnUnit(act1, n0 + 5, c1_5, bh1, bh1, by1, bh1, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 6 < H) RnnUnit(act1, n0 + 6, c1_6, bh1, bh1, by1, bh1, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 7 < H) RnnUnit(act1, n0 + 7, c1_7, bh1, bh1, by1, bh1, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 8 < H) RnnUnit(act1, n0 + 8, c1_8, bh1, bh1, by1, bh1, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 9 < H) RnnUnit(act1, n0 + 9, c1_9, bh1, bh1, by1, bh1, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 10 < H) RnnUnit(act1, n0 + 10, c1_10, bh1, bh1, by1, bh1, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 11 < H) RnnUnit(act1, n0 + 11, c1_11, bh1, bh1, by1, bh1, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 12 < H) RnnUnit(act1, n0 + 12, c1_12, bh1, bh1, by1, bh1, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 13 < H) RnnUnit(act1, n0 + 13, c1_13, bh1, bh1, by1, bh1, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 14 < H) RnnUnit(act1, n0 + 14, c1_14, bh1, bh1, by1, bh1, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 15 < H) RnnUnit(act1, n0 + 15, c1_15, bh1, bh1, by1, bh1, hPrev, bhh, gx, hNext, y, gates, p);
            }
            if (m0 + 2 < p.B)
            {
                bool act2 = p.T < lengths[m0 + 2];
                long bh2 = (long)(m0 + 2) * H, by2 = (long)(m0 + 2) * p.LdY;
                if (n0 + 0 < H) RnnUnit(act2, n0 + 0, c2_0, bh2, bh2, by2, bh2, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 1 < H) RnnUnit(act2, n0 + 1, c2_1, bh2, bh2, by2, bh2, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 2 < H) RnnUnit(act2, n0 + 2, c2_2, bh2, bh2, by2, bh2, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 3 < H) RnnUnit(act2, n0 + 3, c2_3, bh2, bh2, by2, bh2, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 4 < H) RnnUnit(act2, n0 + 4, c2_4, bh2, bh2, by2, bh2, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 5 < H) RnnUnit(act2, n0 + 5, c2_5, bh2, bh2, by2, bh2, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 6 < H) RnnUnit(act2, n0 + 6, c2_6, bh2, bh2, by2, bh2, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 7 < H) RnnUnit(act2, n0 + 7, c2_7, bh2, bh2, by2, bh2, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 8 < H) RnnUnit(act2, n0 + 8, c2_8, bh2, bh2, by2, bh2, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 9 < H) RnnUnit(act2, n0 + 9, c2_9, bh2, bh2, by2, bh2, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 10 < H) RnnUnit(act2, n0 + 10, c2_10, bh2, bh2, by2, bh2, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 11 < H) RnnUnit(act2, n0 + 11, c2_11, bh2, bh2, by2, bh2, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 12 < H) RnnUnit(act2, n0 + 12, c2_12, bh2, bh2, by2, bh2, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 13 < H) RnnUnit(act2, n0 + 13, c2_13, bh2, bh2, by2, bh2, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 14 < H) RnnUnit(act2, n0 + 14, c2_14, bh2, bh2, by2, bh2, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 15 < H) RnnUnit(act2, n0 + 15, c2_15, bh2, bh2, by2, bh2, hPrev, bhh, gx, hNext, y, gates, p);
            }
            if (m0 + 3 < p.B)
            {
                bool act3 = p.T < lengths[m0 + 3];
                long bh3 = (long)(m0 + 3) * H, by3 = (long)(m0 + 3) * p.LdY;
                if (n0 + 0 < H) RnnUnit(act3, n0 + 0, c3_0, bh3, bh3, by3, bh3, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 1 < H) RnnUnit(act3, n0 + 1, c3_1, bh3, bh3, by3, bh3, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 2 < H) RnnUnit(act3, n0 + 2, c3_2, bh3, bh3, by3, bh3, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 3 < H) RnnUnit(act3, n0 + 3, c3_3, bh3, bh3, by3, bh3, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 4 < H) RnnUnit(act3, n0 + 4, c3_4, bh3, bh3, by3, bh3, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 5 < H) RnnUnit(act3, n0 + 5, c3_5, bh3, bh3, by3, bh3, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 6 < H) RnnUnit(act3, n0 + 6, c3_6, bh3, bh3, by3, bh3, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 7 < H) RnnUnit(act3, n0 + 7, c3_7, bh3, bh3, by3, bh3, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 8 < H) RnnUnit(act3, n0 + 8, c3_8, bh3, bh3, by3, bh3, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 9 < H) RnnUnit(act3, n0 + 9, c3_9, bh3, bh3, by3, bh3, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 10 < H) RnnUnit(act3, n0 + 10, c3_10, bh3, bh3, by3, bh3, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 11 < H) RnnUnit(act3, n0 + 11, c3_11, bh3, bh3, by3, bh3, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 12 < H) RnnUnit(act3, n0 + 12, c3_12, bh3, bh3, by3, bh3, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 13 < H) RnnUnit(act3, n0 + 13, c3_13, bh3, bh3, by3, bh3, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 14 < H) RnnUnit(act3, n0 + 14, c3_14, bh3, bh3, by3, bh3, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 15 < H) RnnUnit(act3, n0 + 15, c3_15, bh3, bh3, by3, bh3, hPrev, bhh, gx, hNext, y, gates, p);
            }
            if (m0 + 4 < p.B)
            {
                bool act4 = p.T < lengths[m0 + 4];
                long bh4 = (long)(m0 + 4) * H, by4 = (long)(m0 + 4) * p.LdY;
                if (n0 + 0 < H) RnnUnit(act4, n0 + 0, c4_0, bh4, bh4, by4, bh4, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 1 < H) RnnUnit(act4, n0 + 1, c4_1, bh4, bh4, by4, bh4, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 2 < H) RnnUnit(act4, n0 + 2, c4_2, bh4, bh4, by4, bh4, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 3 < H) RnnUnit(act4, n0 + 3, c4_3, bh4, bh4, by4, bh4, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 4 < H) RnnUnit(act4, n0 + 4, c4_4, bh4, bh4, by4, bh4, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 5 < H) RnnUnit(act4, n0 + 5, c4_5, bh4, bh4, by4, bh4, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 6 < H) RnnUnit(act4, n0 + 6, c4_6, bh4, bh4, by4, bh4, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 7 < H) RnnUnit(act4, n0 + 7, c4_7, bh4, bh4, by4, bh4, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 8 < H) RnnUnit(act4, n0 + 8, c4_8, bh4, bh4, by4, bh4, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 9 < H) RnnUnit(act4, n0 + 9, c4_9, bh4, bh4, by4, bh4, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 10 < H) RnnUnit(act4, n0 + 10, c4_10, bh4, bh4, by4, bh4, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 11 < H) RnnUnit(act4, n0 + 11, c4_11, bh4, bh4, by4, bh4, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 12 < H) RnnUnit(act4, n0 + 12, c4_12, bh4, bh4, by4, bh4, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 13 < H) RnnUnit(act4, n0 + 13, c4_13, bh4, bh4, by4, bh4, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 14 < H) RnnUnit(act4, n0 + 14, c4_14, bh4, bh4, by4, bh4, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 15 < H) RnnUnit(act4, n0 + 15, c4_15, bh4, bh4, by4, bh4, hPrev, bhh, gx, hNext, y, gates, p);
            }
            if (m0 + 5 < p.B)
            {
                bool act5 = p.T < lengths[m0 + 5];
                long bh5 = (long)(m0 + 5) * H, by5 = (long)(m0 + 5) * p.LdY;
                if (n0 + 0 < H) RnnUnit(act5, n0 + 0, c5_0, bh5, bh5, by5, bh5, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 1 < H) RnnUnit(act5, n0 + 1, c5_1, bh5, bh5, by5, bh5, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 2 < H) RnnUnit(act5, n0 + 2, c5_2, bh5, bh5, by5, bh5, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 3 < H) RnnUnit(act5, n0 + 3, c5_3, bh5, bh5, by5, bh5, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 4 < H) RnnUnit(act5, n0 + 4, c5_4, bh5, bh5, by5, bh5, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 5 < H) RnnUnit(act5, n0 + 5, c5_5, bh5, bh5, by5, bh5, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 6 < H) RnnUnit(act5, n0 + 6, c5_6, bh5, bh5, by5, bh5, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 7 < H) RnnUnit(act5, n0 + 7, c5_7, bh5, bh5, by5, bh5, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 8 < H) RnnUnit(act5, n0 + 8, c5_8, bh5, bh5, by5, bh5, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 9 < H) RnnUnit(act5, n0 + 9, c5_9, bh5, bh5, by5, bh5, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 10 < H) RnnUnit(act5, n0 + 10, c5_10, bh5, bh5, by5, bh5, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 11 < H) RnnUnit(act5, n0 + 11, c5_11, bh5, bh5, by5, bh5, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 12 < H) RnnUnit(act5, n0 + 12, c5_12, bh5, bh5, by5, bh5, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 13 < H) RnnUnit(act5, n0 + 13, c5_13, bh5, bh5, by5, bh5, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 14 < H) RnnUnit(act5, n0 + 14, c5_14, bh5, bh5, by5, bh5, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 15 < H) RnnUnit(act5, n0 + 15, c5_15, bh5, bh5, by5, bh5, hPrev, bhh, gx, hNext, y, gates, p);
            }
            if (m0 + 6 < p.B)
            {
                bool act6 = p.T < lengths[m0 + 6];
                long bh6 = (long)(m0 + 6) * H, by6 = (long)(m0 + 6) * p.LdY;
                if (n0 + 0 < H) RnnUnit(act6, n0 + 0, c6_0, bh6, bh6, by6, bh6, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 1 < H) RnnUnit(act6, n0 + 1, c6_1, bh6, bh6, by6, bh6, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 2 < H) RnnUnit(act6, n0 + 2, c6_2, bh6, bh6, by6, bh6, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 3 < H) RnnUnit(act6, n0 + 3, c6_3, bh6, bh6, by6, bh6, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 4 < H) RnnUnit(act6, n0 + 4, c6_4, bh6, bh6, by6, bh6, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 5 < H) RnnUnit(act6, n0 + 5, c6_5, bh6, bh6, by6, bh6, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 6 < H) RnnUnit(act6, n0 + 6, c6_6, bh6, bh6, by6, bh6, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 7 < H) RnnUnit(act6, n0 + 7, c6_7, bh6, bh6, by6, bh6, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 8 < H) RnnUnit(act6, n0 + 8, c6_8, bh6, bh6, by6, bh6, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 9 < H) RnnUnit(act6, n0 + 9, c6_9, bh6, bh6, by6, bh6, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 10 < H) RnnUnit(act6, n0 + 10, c6_10, bh6, bh6, by6, bh6, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 11 < H) RnnUnit(act6, n0 + 11, c6_11, bh6, bh6, by6, bh6, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 12 < H) RnnUnit(act6, n0 + 12, c6_12, bh6, bh6, by6, bh6, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 13 < H) RnnUnit(act6, n0 + 13, c6_13, bh6, bh6, by6, bh6, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 14 < H) RnnUnit(act6, n0 + 14, c6_14, bh6, bh6, by6, bh6, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 15 < H) RnnUnit(act6, n0 + 15, c6_15, bh6, bh6, by6, bh6, hPrev, bhh, gx, hNext, y, gates, p);
            }
            if (m0 + 7 < p.B)
            {
                bool act7 = p.T < lengths[m0 + 7];
                long bh7 = (long)(m0 + 7) * H, by7 = (long)(m0 + 7) * p.LdY;
                if (n0 + 0 < H) RnnUnit(act7, n0 + 0, c7_0, bh7, bh7, by7, bh7, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 1 < H) RnnUnit(act7, n0 + 1, c7_1, bh7, bh7, by7, bh7, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 2 < H) RnnUnit(act7, n0 + 2, c7_2, bh7, bh7, by7, bh7, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 3 < H) RnnUnit(act7, n0 + 3, c7_3, bh7, bh7, by7, bh7, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 4 < H) RnnUnit(act7, n0 + 4, c7_4, bh7, bh7, by7, bh7, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 5 < H) RnnUnit(act7, n0 + 5, c7_5, bh7, bh7, by7, bh7, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 6 < H) RnnUnit(act7, n0 + 6, c7_6, bh7, bh7, by7, bh7, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 7 < H) RnnUnit(act7, n0 + 7, c7_7, bh7, bh7, by7, bh7, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 8 < H) RnnUnit(act7, n0 + 8, c7_8, bh7, bh7, by7, bh7, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 9 < H) RnnUnit(act7, n0 + 9, c7_9, bh7, bh7, by7, bh7, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 10 < H) RnnUnit(act7, n0 + 10, c7_10, bh7, bh7, by7, bh7, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 11 < H) RnnUnit(act7, n0 + 11, c7_11, bh7, bh7, by7, bh7, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 12 < H) RnnUnit(act7, n0 + 12, c7_12, bh7, bh7, by7, bh7, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 13 < H) RnnUnit(act7, n0 + 13, c7_13, bh7, bh7, by7, bh7, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 14 < H) RnnUnit(act7, n0 + 14, c7_14, bh7, bh7, by7, bh7, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 15 < H) RnnUnit(act7, n0 + 15, c7_15, bh7, bh7, by7, bh7, hPrev, bhh, gx, hNext, y, gates, p);
            }
            if (m0 + 8 < p.B)
            {
                bool act8 = p.T < lengths[m0 + 8];
                long bh8 = (long)(m0 + 8) * H, by8 = (long)(m0 + 8) * p.LdY;
                if (n0 + 0 < H) RnnUnit(act8, n0 + 0, c8_0, bh8, bh8, by8, bh8, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 1 < H) RnnUnit(act8, n0 + 1, c8_1, bh8, bh8, by8, bh8, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 2 < H) RnnUnit(act8, n0 + 2, c8_2, bh8, bh8, by8, bh8, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 3 < H) RnnUnit(act8, n0 + 3, c8_3, bh8, bh8, by8, bh8, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 4 < H) RnnUnit(act8, n0 + 4, c8_4, bh8, bh8, by8, bh8, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 5 < H) RnnUnit(act8, n0 + 5, c8_5, bh8, bh8, by8, bh8, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 6 < H) RnnUnit(act8, n0 + 6, c8_6, bh8, bh8, by8, bh8, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 7 < H) RnnUnit(act8, n0 + 7, c8_7, bh8, bh8, by8, bh8, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 8 < H) RnnUnit(act8, n0 + 8, c8_8, bh8, bh8, by8, bh8, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 9 < H) RnnUnit(act8, n0 + 9, c8_9, bh8, bh8, by8, bh8, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 10 < H) RnnUnit(act8, n0 + 10, c8_10, bh8, bh8, by8, bh8, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 11 < H) RnnUnit(act8, n0 + 11, c8_11, bh8, bh8, by8, bh8, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 12 < H) RnnUnit(act8, n0 + 12, c8_12, bh8, bh8, by8, bh8, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 13 < H) RnnUnit(act8, n0 + 13, c8_13, bh8, bh8, by8, bh8, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 14 < H) RnnUnit(act8, n0 + 14, c8_14, bh8, bh8, by8, bh8, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 15 < H) RnnUnit(act8, n0 + 15, c8_15, bh8, bh8, by8, bh8, hPrev, bhh, gx, hNext, y, gates, p);
            }
            if (m0 + 9 < p.B)
            {
                bool act9 = p.T < lengths[m0 + 9];
                long bh9 = (long)(m0 + 9) * H, by9 = (long)(m0 + 9) * p.LdY;
                if (n0 + 0 < H) RnnUnit(act9, n0 + 0, c9_0, bh9, bh9, by9, bh9, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 1 < H) RnnUnit(act9, n0 + 1, c9_1, bh9, bh9, by9, bh9, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 2 < H) RnnUnit(act9, n0 + 2, c9_2, bh9, bh9, by9, bh9, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 3 < H) RnnUnit(act9, n0 + 3, c9_3, bh9, bh9, by9, bh9, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 4 < H) RnnUnit(act9, n0 + 4, c9_4, bh9, bh9, by9, bh9, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 5 < H) RnnUnit(act9, n0 + 5, c9_5, bh9, bh9, by9, bh9, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 6 < H) RnnUnit(act9, n0 + 6, c9_6, bh9, bh9, by9, bh9, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 7 < H) RnnUnit(act9, n0 + 7, c9_7, bh9, bh9, by9, bh9, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 8 < H) RnnUnit(act9, n0 + 8, c9_8, bh9, bh9, by9, bh9, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 9 < H) RnnUnit(act9, n0 + 9, c9_9, bh9, bh9, by9, bh9, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 10 < H) RnnUnit(act9, n0 + 10, c9_10, bh9, bh9, by9, bh9, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 11 < H) RnnUnit(act9, n0 + 11, c9_11, bh9, bh9, by9, bh9, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 12 < H) RnnUnit(act9, n0 + 12, c9_12, bh9, bh9, by9, bh9, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 13 < H) RnnUnit(act9, n0 + 13, c9_13, bh9, bh9, by9, bh9, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 14 < H) RnnUnit(act9, n0 + 14, c9_14, bh9, bh9, by9, bh9, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 15 < H) RnnUnit(act9, n0 + 15, c9_15, bh9, bh9, by9, bh9, hPrev, bhh, gx, hNext, y, gates, p);
            }
            if (m0 + 10 < p.B)
            {
                bool act10 = p.T < lengths[m0 + 10];
                long bh10 = (long)(m0 + 10) * H, by10 = (long)(m0 + 10) * p.LdY;
                if (n0 + 0 < H) RnnUnit(act10, n0 + 0, c10_0, bh10, bh10, by10, bh10, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 1 < H) RnnUnit(act10, n0 + 1, c10_1, bh10, bh10, by10, bh10, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 2 < H) RnnUnit(act10, n0 + 2, c10_2, bh10, bh10, by10, bh10, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 3 < H) RnnUnit(act10, n0 + 3, c10_3, bh10, bh10, by10, bh10, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 4 < H) RnnUnit(act10, n0 + 4, c10_4, bh10, bh10, by10, bh10, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 5 < H) RnnUnit(act10, n0 + 5, c10_5, bh10, bh10, by10, bh10, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 6 < H) RnnUnit(act10, n0 + 6, c10_6, bh10, bh10, by10, bh10, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 7 < H) RnnUnit(act10, n0 + 7, c10_7, bh10, bh10, by10, bh10, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 8 < H) RnnUnit(act10, n0 + 8, c10_8, bh10, bh10, by10, bh10, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 9 < H) RnnUnit(act10, n0 + 9, c10_9, bh10, bh10, by10, bh10, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 10 < H) RnnUnit(act10, n0 + 10, c10_10, bh10, bh10, by10, bh10, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 11 < H) RnnUnit(act10, n0 + 11, c10_11, bh10, bh10, by10, bh10, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 12 < H) RnnUnit(act10, n0 + 12, c10_12, bh10, bh10, by10, bh10, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 13 < H) RnnUnit(act10, n0 + 13, c10_13, bh10, bh10, by10, bh10, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 14 < H) RnnUnit(act10, n0 + 14, c10_14, bh10, bh10, by10, bh10, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 15 < H) RnnUnit(act10, n0 + 15, c10_15, bh10, bh10, by10, bh10, hPrev, bhh, gx, hNext, y, gates, p);
            }
            if (m0 + 11 < p.B)
            {
                bool act11 = p.T < lengths[m0 + 11];
                long bh11 = (long)(m0 + 11) * H, by11 = (long)(m0 + 11) * p.LdY;
                if (n0 + 0 < H) RnnUnit(act11, n0 + 0, c11_0, bh11, bh11, by11, bh11, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 1 < H) RnnUnit(act11, n0 + 1, c11_1, bh11, bh11, by11, bh11, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 2 < H) RnnUnit(act11, n0 + 2, c11_2, bh11, bh11, by11, bh11, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 3 < H) RnnUnit(act11, n0 + 3, c11_3, bh11, bh11, by11, bh11, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 4 < H) RnnUnit(act11, n0 + 4, c11_4, bh11, bh11, by11, bh11, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 5 < H) RnnUnit(act11, n0 + 5, c11_5, bh11, bh11, by11, bh11, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 6 < H) RnnUnit(act11, n0 + 6, c11_6, bh11, bh11, by11, bh11, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 7 < H) RnnUnit(act11, n0 + 7, c11_7, bh11, bh11, by11, bh11, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 8 < H) RnnUnit(act11, n0 + 8, c11_8, bh11, bh11, by11, bh11, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 9 < H) RnnUnit(act11, n0 + 9, c11_9, bh11, bh11, by11, bh11, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 10 < H) RnnUnit(act11, n0 + 10, c11_10, bh11, bh11, by11, bh11, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 11 < H) RnnUnit(act11, n0 + 11, c11_11, bh11, bh11, by11, bh11, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 12 < H) RnnUnit(act11, n0 + 12, c11_12, bh11, bh11, by11, bh11, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 13 < H) RnnUnit(act11, n0 + 13, c11_13, bh11, bh11, by11, bh11, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 14 < H) RnnUnit(act11, n0 + 14, c11_14, bh11, bh11, by11, bh11, hPrev, bhh, gx, hNext, y, gates, p);
                if (n0 + 15 < H) RnnUnit(act11, n0 + 15, c11_15, bh11, bh11, by11, bh11, hPrev, bhh, gx, hNext, y, gates, p);
            }
        }
    }
}
