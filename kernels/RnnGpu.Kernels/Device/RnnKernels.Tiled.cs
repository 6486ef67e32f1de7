using ILGPU;

namespace RnnGpu.Kernels;

public static partial class RnnKernels
{
    /// <summary>Batch rows of one group of the tiled step kernel.</summary>
    public const int TiledStepRows = 32;
    /// <summary>Columns of the interleaved W_hh^T in one group of the tiled step kernel (16 LSTM/GRU units with all
    /// their gates, or 64 RNN units).</summary>
    public const int TiledStepColumns = 64;
    /// <summary>Depth of one shared-memory K slice of the tiled step kernel (two are double-buffered).</summary>
    public const int TiledStepK = 8;
    /// <summary>Threads of one group of the tiled step kernel (8 x 8, each owning 4 rows x 8 columns).</summary>
    public const int TiledStepGroup = 64;
    const int StepAStride = TiledStepRows + 4;    // floats per K row of the h slice (padding: conflict-free, 16-byte rows)
    const int StepBStride = TiledStepColumns + 4; // floats per K row of the W slice
    const int StepAFloats = TiledStepK * StepAStride;
    const int StepBFloats = TiledStepK * StepBStride;

    /// <summary>Groups of the tiled step kernel along (columns of the interleaved W_hh^T, batch rows).</summary>
    /// <param name="p">Step arguments.</param>
    public static Index2D TiledStepGrid(in StepArgs p) =>
        new((p.H * CellMath.InterleavedGates(p.Cell) + TiledStepColumns - 1) / TiledStepColumns, (p.B + TiledStepRows - 1) / TiledStepRows);

    /// <summary>
    /// Forward step for GPUs as a shared-memory tiled GEMM with the cell in its epilogue: a group computes
    /// h[t-1] W_hh^T for 32 batch rows and 64 columns of the gate-interleaved W_hh^T (H, H*Gi) (column 4u + g is gate
    /// g of unit u for LSTM and GRU, so the group holds all gates of its 16 units; for RNN, 64 units), from K slices
    /// of 8 double-buffered in shared memory. Each thread owns 4 batch rows and two 4-column fragments (each one
    /// LSTM/GRU unit with its gates, or 4 RNN units); per k it reads one 128-bit fragment of h and two of W for 32
    /// FMAs, then applies <see cref="CellMath.CellForward"/> to its units, exactly as <see cref="StepForward"/> does
    /// (same epilogue code, same stores). Launch <see cref="TiledStepGrid"/> groups of <see cref="TiledStepGroup"/>.
    /// </summary>
    /// <param name="hPrev">hPrev: (B, H).</param>
    /// <param name="cPrev">cPrev: (B, H) (LSTM; otherwise unused).</param>
    /// <param name="wi">Interleaved W_hh^T: (H, H*Gi) (<see cref="InterleaveTranspose"/>).</param>
    /// <param name="bhh">b_hh: (G*H).</param>
    /// <param name="gx">Gx[t] = x[t] W_ih^T + b_ih: (B, G*H).</param>
    /// <param name="hNext">hNext: (B, H).</param>
    /// <param name="cNext">cNext: (B, H) (LSTM).</param>
    /// <param name="y">y[t]: (B, LdY), this direction's H columns.</param>
    /// <param name="gates">gates[t]: (B, StoredGates) when Store is set.</param>
    /// <param name="lengths">lengths: (B).</param>
    /// <param name="p">Step arguments.</param>
    public static void StepForwardTiled(ArrayView<float> hPrev, ArrayView<float> cPrev, ArrayView<float> wi,
        ArrayView<float> bhh, ArrayView<float> gx, ArrayView<float> hNext, ArrayView<float> cNext, ArrayView<float> y,
        ArrayView<float> gates, ArrayView<int> lengths, StepArgs p)
    {
        var tiles = SharedMemory.Allocate<float>(2 * StepAFloats + 2 * StepBFloats); // h slices 0, 1 then W slices 0, 1
        var tiles4 = tiles.Cast<Floats4>();
        int tid = Group.IdxX;
        int tx = tid % 8;
        int ty = tid / 8;
        int b0 = Grid.IdxY * TiledStepRows;
        int n0 = Grid.IdxX * TiledStepColumns;
        int n = p.H * CellMath.InterleavedGates(p.Cell);

        Floats4 c0L = default, c0R = default, c1L = default, c1R = default;
        Floats4 c2L = default, c2R = default, c3L = default, c3R = default;

        StepSlice(hPrev, wi, p, n, b0, n0, 0, tid, out Floats4 ph, out Floats4 pw0, out Floats4 pw1);
        StoreStepSlice(tiles, 0, tid, ph, pw0, pw1);
        Group.Barrier();

        int slices = (p.H + TiledStepK - 1) / TiledStepK;
        for (int s = 0; s < slices; s++)
        {
            int cur = s & 1;
            bool next = s + 1 < slices;
            if (next)
                StepSlice(hPrev, wi, p, n, b0, n0, (s + 1) * TiledStepK, tid, out ph, out pw0, out pw1);
            int aRow = cur * StepAFloats / 4 + ty;
            int bRow = (2 * StepAFloats + cur * StepBFloats) / 4 + tx;
            for (int kk = 0; kk < TiledStepK; kk++)
            {
                Floats4 a = tiles4[aRow + kk * (StepAStride / 4)];
                Floats4 w0 = tiles4[bRow + kk * (StepBStride / 4)];
                Floats4 w1 = tiles4[bRow + kk * (StepBStride / 4) + 8];
                Floats4.Fma(ref c0L, a.V0, w0); Floats4.Fma(ref c0R, a.V0, w1);
                Floats4.Fma(ref c1L, a.V1, w0); Floats4.Fma(ref c1R, a.V1, w1);
                Floats4.Fma(ref c2L, a.V2, w0); Floats4.Fma(ref c2R, a.V2, w1);
                Floats4.Fma(ref c3L, a.V3, w0); Floats4.Fma(ref c3R, a.V3, w1);
            }
            if (next)
                StoreStepSlice(tiles, cur ^ 1, tid, ph, pw0, pw1);
            Group.Barrier();
        }

        int r = b0 + ty * 4;
        int qL = n0 + tx * 4, qR = n0 + 32 + tx * 4;
        StepEpilogue(r, qL, n, c0L, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
        StepEpilogue(r, qR, n, c0R, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
        StepEpilogue(r + 1, qL, n, c1L, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
        StepEpilogue(r + 1, qR, n, c1R, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
        StepEpilogue(r + 2, qL, n, c2L, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
        StepEpilogue(r + 2, qR, n, c2R, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
        StepEpilogue(r + 3, qL, n, c3L, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
        StepEpilogue(r + 3, qR, n, c3R, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
    }

    /// <summary>This thread's elements of the h and W slices at k0: 4 of the (32 x 8) h slice (element e = tid + 64 i:
    /// row e / 8, k e % 8, k contiguous in hPrev) and 8 of the (8 x 64) W slice (element e: k e / 64, column e % 64).</summary>
    static void StepSlice(ArrayView<float> hPrev, ArrayView<float> wi, in StepArgs p, int n, int b0, int n0, int k0, int tid,
        out Floats4 ph, out Floats4 pw0, out Floats4 pw1)
    {
        ph.V0 = StepH(hPrev, p, b0, k0, tid);
        ph.V1 = StepH(hPrev, p, b0, k0, tid + TiledStepGroup);
        ph.V2 = StepH(hPrev, p, b0, k0, tid + 2 * TiledStepGroup);
        ph.V3 = StepH(hPrev, p, b0, k0, tid + 3 * TiledStepGroup);
        pw0.V0 = StepW(wi, p, n, n0, k0, tid);
        pw0.V1 = StepW(wi, p, n, n0, k0, tid + TiledStepGroup);
        pw0.V2 = StepW(wi, p, n, n0, k0, tid + 2 * TiledStepGroup);
        pw0.V3 = StepW(wi, p, n, n0, k0, tid + 3 * TiledStepGroup);
        pw1.V0 = StepW(wi, p, n, n0, k0, tid + 4 * TiledStepGroup);
        pw1.V1 = StepW(wi, p, n, n0, k0, tid + 5 * TiledStepGroup);
        pw1.V2 = StepW(wi, p, n, n0, k0, tid + 6 * TiledStepGroup);
        pw1.V3 = StepW(wi, p, n, n0, k0, tid + 7 * TiledStepGroup);
    }

    static float StepH(ArrayView<float> hPrev, in StepArgs p, int b0, int k0, int e)
    {
        int b = b0 + e / TiledStepK, k = k0 + e % TiledStepK;
        return b < p.B && k < p.H ? hPrev[(long)b * p.H + k] : 0f;
    }

    static float StepW(ArrayView<float> wi, in StepArgs p, int n, int n0, int k0, int e)
    {
        int k = k0 + e / TiledStepColumns, q = n0 + e % TiledStepColumns;
        return k < p.H && q < n ? wi[(long)k * n + q] : 0f;
    }

    /// <summary>Stores the prefetched elements into shared buffer 0 or 1 (h transposed to k-major).</summary>
    static void StoreStepSlice(ArrayView<float> tiles, int buffer, int tid, in Floats4 ph, in Floats4 pw0, in Floats4 pw1)
    {
        StoreStepH(tiles, buffer, tid, ph.V0);
        StoreStepH(tiles, buffer, tid + TiledStepGroup, ph.V1);
        StoreStepH(tiles, buffer, tid + 2 * TiledStepGroup, ph.V2);
        StoreStepH(tiles, buffer, tid + 3 * TiledStepGroup, ph.V3);
        StoreStepW(tiles, buffer, tid, pw0.V0);
        StoreStepW(tiles, buffer, tid + TiledStepGroup, pw0.V1);
        StoreStepW(tiles, buffer, tid + 2 * TiledStepGroup, pw0.V2);
        StoreStepW(tiles, buffer, tid + 3 * TiledStepGroup, pw0.V3);
        StoreStepW(tiles, buffer, tid + 4 * TiledStepGroup, pw1.V0);
        StoreStepW(tiles, buffer, tid + 5 * TiledStepGroup, pw1.V1);
        StoreStepW(tiles, buffer, tid + 6 * TiledStepGroup, pw1.V2);
        StoreStepW(tiles, buffer, tid + 7 * TiledStepGroup, pw1.V3);
    }

    static void StoreStepH(ArrayView<float> tiles, int buffer, int e, float v) =>
        tiles[buffer * StepAFloats + e % TiledStepK * StepAStride + e / TiledStepK] = v;

    static void StoreStepW(ArrayView<float> tiles, int buffer, int e, float v) =>
        tiles[2 * StepAFloats + buffer * StepBFloats + e / TiledStepColumns * StepBStride + e % TiledStepColumns] = v;

    /// <summary>The cell for one batch row and one 4-column fragment starting at column q of the interleaved layout:
    /// LSTM/GRU unit q / 4 with its gates in the four lanes; RNN units q..q+3.</summary>
    static void StepEpilogue(int b, int q, int n, in Floats4 acc, ArrayView<float> hPrev, ArrayView<float> cPrev,
        ArrayView<float> bhh, ArrayView<float> gx, ArrayView<float> hNext, ArrayView<float> cNext, ArrayView<float> y,
        ArrayView<float> gates, ArrayView<int> lengths, in StepArgs p)
    {
        if (q >= n)
            return;
        int u = q / 4;
        GateColumns(p, u, out int q0, out int q1, out int q2, out int q3);
        CellMath.CellForward(b, u, q0, q1, q2, q3, acc.V0, acc.V1, acc.V2, acc.V3, hPrev, cPrev, bhh, gx, hNext, cNext, y,
            gates, lengths, p);
    }
}
