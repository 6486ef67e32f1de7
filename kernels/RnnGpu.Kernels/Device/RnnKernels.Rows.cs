using ILGPU;
using static RnnGpu.Kernels.CellMath; // CellForward, RnnUnit: the epilogue shared by every forward kernel

namespace RnnGpu.Kernels;

public static partial class RnnKernels
{
    /// <summary>Work items along the columns in one group of the row step's GEMM (<see cref="GemmKernels.RowBlocked"/>,
    /// <see cref="GemmKernels.RowGroupN"/>).</summary>
    public const int RowStepGroup = GemmKernels.RowGroupN;

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

    /// <summary>Work items of <see cref="StepCell"/>: one per batch row and hidden unit (four RNN units).</summary>
    /// <param name="p">Step arguments.</param>
    public static int StepCellItems(in StepArgs p) => p.B * p.ColumnGroups;

    /// <summary>
    /// The cell of one step from its recurrent products: the second launch of the row step
    /// (RecurrenceAlgorithm.RowStep), after the row-shaped GEMM gh = h[t-1] W_hh^T
    /// (<see cref="GemmKernels.RowBlocked"/>). Each item reads the gate columns of one unit of one batch row from gh and
    /// applies <see cref="CellMath.CellForward"/>, the epilogue every fused forward kernel shares. Under PoCL a GEMM with
    /// the cell in its epilogue kept its accumulators from staying vectors (a third of the GEMM's throughput); apart,
    /// the GEMM stores straight-line and this kernel vectorises across items.
    /// </summary>
    /// <param name="items">Number of work items, <see cref="StepCellItems"/> (Work item: b * ColumnGroups + unit group); see <see cref="Items"/>.</param>
    /// <param name="gh">Recurrent products h[t-1] W_hh^T: (B, G*H), gate-major columns, without b_hh.</param>
    /// <param name="hPrev">hPrev: (B, H).</param>
    /// <param name="cPrev">cPrev: (B, H) (LSTM).</param>
    /// <param name="bhh">b_hh: (G*H).</param>
    /// <param name="gx">Gx[t]: (B, G*H).</param>
    /// <param name="hNext">hNext: (B, H).</param>
    /// <param name="cNext">cNext: (B, H) (LSTM).</param>
    /// <param name="y">y[t]: (B, LdY).</param>
    /// <param name="gates">gates[t]: (B, StoredGates) when Store is set.</param>
    /// <param name="lengths">lengths: (B).</param>
    /// <param name="p">Step arguments.</param>
    public static void StepCell(int items, ArrayView<float> gh, ArrayView<float> hPrev, ArrayView<float> cPrev,
        ArrayView<float> bhh, ArrayView<float> gx, ArrayView<float> hNext, ArrayView<float> cNext, ArrayView<float> y,
        ArrayView<float> gates, ArrayView<int> lengths, StepArgs p)
    {
        for (int index = Items.First(items), end = Items.End(items); index < end; index++)
            StepCellItem(index, gh, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
    }

    static void StepCellItem(int index, ArrayView<float> gh, ArrayView<float> hPrev, ArrayView<float> cPrev,
        ArrayView<float> bhh, ArrayView<float> gx, ArrayView<float> hNext, ArrayView<float> cNext, ArrayView<float> y,
        ArrayView<float> gates, ArrayView<int> lengths, StepArgs p)
    {
        int groups = p.ColumnGroups;
        int b = index / groups, u = index % groups;
        GateColumns(p, u, out int q0, out int q1, out int q2, out int q3);
        long row = (long)b * p.G * p.H;
        CellForward(b, u, q0, q1, q2, q3, gh[row + q0], gh[row + q1], gh[row + q2], gh[row + q3],
            hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
    }
}
