using ILGPU;

namespace RnnGpu.Kernels;

/// <summary>Scalar arguments of one recurrent time step.</summary>
public readonly struct StepArgs
{
    /// <summary>Batch size B.</summary>
    public readonly int B;
    /// <summary>Hidden size H.</summary>
    public readonly int H;
    /// <summary>Cell kind as an int (<see cref="RnnMode"/>).</summary>
    public readonly int Cell;
    /// <summary>Row stride of the output y (D*H).</summary>
    public readonly int LdY;
    /// <summary>Time index t of this step (compared with the sequence lengths).</summary>
    public readonly int T;
    /// <summary>1 when the step stores what backward needs (training).</summary>
    public readonly int Store;

    /// <summary>Creates the arguments.</summary>
    /// <param name="b">Batch size.</param>
    /// <param name="h">Hidden size.</param>
    /// <param name="cell">Cell kind.</param>
    /// <param name="ldy">Row stride of y.</param>
    /// <param name="t">Time index of the step.</param>
    /// <param name="store">Store the gate activations for backward.</param>
    public StepArgs(int b, int h, RnnMode cell, int ldy, int t, bool store)
    {
        B = b; H = h; Cell = (int)cell; LdY = ldy; T = t; Store = store ? 1 : 0;
    }

    /// <summary>Gates G of the cell (rows of W_hh per hidden unit).</summary>
    public int G => CellMath.Gates(Cell);

    /// <summary>Column groups per row block: a work item owns 4 hidden units (RNN) or one
    /// hidden unit and all its gates (LSTM, GRU).</summary>
    public int ColumnGroups => G == 1 ? (H + 3) / 4 : H;
}

/// <summary>
/// Kernels of the recurrent layers. Forward per step: one fused kernel computes the recurrent
/// product h[t-1] W_hh^T for a block of batch rows and all gates of a hidden unit, then applies
/// the cell (nonlinearities, Hadamard updates) in its epilogue. Backward per step: one elementwise
/// kernel turns (dh, dc) into gate gradients; the host then runs one GEMM for dh[t-1].
/// Gradient rule: parameter gradients accumulate (+=), activation gradients are set (=),
/// except dh and dc, which BPTT carries (the step kernel overwrites them with the carry).
/// </summary>
public static partial class RnnKernels
{
    /// <summary>Batch rows computed by one work item of the fused step kernel.</summary>
    public const int StepRows = 4;

    /// <summary>Work items of the fused forward step.</summary>
    /// <param name="p">Step arguments.</param>
    public static int StepItems(in StepArgs p) => (p.B + StepRows - 1) / StepRows * p.ColumnGroups;

    /// <summary>
    /// Fused forward step: acc = h[t-1] W_hh^T for 4 batch rows and 4 columns, then the cell.
    /// Rows past a sequence's length keep their state and output 0.
    /// </summary>
    /// <param name="items">Number of work items (Work item: rowBlock * ColumnGroups + columnGroup); see <see cref="Items"/>.</param>
    /// <param name="hPrev">hPrev: (B, H).</param>
    /// <param name="cPrev">cPrev: (B, H) (LSTM; otherwise unused).</param>
    /// <param name="whhT">W_hh^T: (H, G*H).</param>
    /// <param name="bhh">b_hh: (G*H).</param>
    /// <param name="gx">Gx[t] = x[t] W_ih^T + b_ih: (B, G*H).</param>
    /// <param name="hNext">hNext: (B, H), must not alias hPrev.</param>
    /// <param name="cNext">cNext: (B, H) (LSTM).</param>
    /// <param name="y">y[t]: (B, LdY), this direction's H columns.</param>
    /// <param name="gates">gates[t]: (B, StoredGates), written when Store is set.</param>
    /// <param name="lengths">lengths: (B), each in 1..T.</param>
    /// <param name="p">Step arguments.</param>
    public static void StepForward(int items, ArrayView<float> hPrev, ArrayView<float> cPrev, ArrayView<float> whhT, ArrayView<float> bhh, ArrayView<float> gx, ArrayView<float> hNext, ArrayView<float> cNext, ArrayView<float> y, ArrayView<float> gates, ArrayView<int> lengths, StepArgs p)
    {
        for (int index = Items.First(items), end = Items.End(items); index < end; index++)
            StepForwardItem(index, hPrev, cPrev, whhT, bhh, gx, hNext, cNext, y, gates, lengths, p);
    }

    static void StepForwardItem(int index, ArrayView<float> hPrev, ArrayView<float> cPrev,
        ArrayView<float> whhT, ArrayView<float> bhh, ArrayView<float> gx, ArrayView<float> hNext,
        ArrayView<float> cNext, ArrayView<float> y, ArrayView<float> gates, ArrayView<int> lengths, StepArgs p)
    {
        int groups = p.ColumnGroups;
        int u = index % groups;
        int b0 = index / groups * StepRows;
        int H = p.H, G = p.G, GH = G * H;
        // The four columns of W_hh^T this item computes.
        GateColumns(p, u, out int q0, out int q1, out int q2, out int q3);
        int lastB = p.B - 1;
        long h0 = (long)b0 * H;
        long h1 = (long)IntrinsicMath.Min(b0 + 1, lastB) * H;
        long h2 = (long)IntrinsicMath.Min(b0 + 2, lastB) * H;
        long h3 = (long)IntrinsicMath.Min(b0 + 3, lastB) * H;
        float a00 = 0, a01 = 0, a02 = 0, a03 = 0;
        float a10 = 0, a11 = 0, a12 = 0, a13 = 0;
        float a20 = 0, a21 = 0, a22 = 0, a23 = 0;
        float a30 = 0, a31 = 0, a32 = 0, a33 = 0;
        long wk = 0;
        for (int k = 0; k < H; k++)
        {
            float x0 = hPrev[h0 + k], x1 = hPrev[h1 + k], x2 = hPrev[h2 + k], x3 = hPrev[h3 + k];
            float w0 = whhT[wk + q0], w1 = whhT[wk + q1], w2 = whhT[wk + q2], w3 = whhT[wk + q3];
            a00 += x0 * w0; a01 += x0 * w1; a02 += x0 * w2; a03 += x0 * w3;
            a10 += x1 * w0; a11 += x1 * w1; a12 += x1 * w2; a13 += x1 * w3;
            a20 += x2 * w0; a21 += x2 * w1; a22 += x2 * w2; a23 += x2 * w3;
            a30 += x3 * w0; a31 += x3 * w1; a32 += x3 * w2; a33 += x3 * w3;
            wk += GH;
        }
        CellMath.CellForward(b0, u, q0, q1, q2, q3, a00, a01, a02, a03, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
        CellMath.CellForward(b0 + 1, u, q0, q1, q2, q3, a10, a11, a12, a13, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
        CellMath.CellForward(b0 + 2, u, q0, q1, q2, q3, a20, a21, a22, a23, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
        CellMath.CellForward(b0 + 3, u, q0, q1, q2, q3, a30, a31, a32, a33, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
    }

    /// <summary>The SIMD tier the CPU accelerator's host helpers run on this machine: "AVX-512" (Vector512 with FMA),
    /// "AVX2" (Vector256 with FMA) or "scalar".</summary>
    public static string CpuSimdTier => CpuSimd.Use512 ? "AVX-512" : CpuSimd.Use256 ? "AVX2" : "scalar";

    /// <summary>Work items of the CPU accelerator's step kernels (<see cref="StepForwardCpu"/>, <see cref="PackRecurrentCpu"/>):
    /// one per block of hidden units (16 units with AVX-512, else 8; twice that for cells with an odd gate count).</summary>
    /// <param name="h">Hidden size H.</param>
    /// <param name="cell">Cell kind.</param>
    public static int StepItemsCpu(int h, RnnMode cell) => CpuSimd.Blocks(h, CellMath.Gates((int)cell));

    /// <summary>Floats of W_hh packed by <see cref="PackRecurrentCpu"/> for hidden size <paramref name="h"/>.</summary>
    /// <param name="h">Hidden size H.</param>
    /// <param name="cell">Cell kind.</param>
    public static long PackedRecurrentFloats(int h, RnnMode cell) => CpuSimd.PackedFloats(h, CellMath.Gates((int)cell));

    /// <summary>
    /// Packs W_hh for the CPU accelerator's recurrences (<see cref="StepForwardCpu"/>, <see cref="PersistentForwardCpu"/>):
    /// per block of hidden units (the work items, <see cref="StepItemsCpu"/>) the block's G*Ub rows of W_hh, transposed
    /// into k-major GEMM panels of 32 columns (16 without AVX-512), gate by gate, zero past H. Run by
    /// <c>CpuSimd.PackBlocks</c>, an <see cref="ILGPU.Frontend.ExternalAttribute"/> helper; CPU accelerator only.
    /// </summary>
    /// <param name="items">Number of work items, <see cref="StepItemsCpu"/>; see <see cref="Items"/>.</param>
    /// <param name="whh">W_hh as stored: (G*H, H).</param>
    /// <param name="packed">Packed W_hh: <see cref="PackedRecurrentFloats"/> floats.</param>
    /// <param name="h">Hidden size H.</param>
    /// <param name="cell">Cell kind as an int.</param>
    public static void PackRecurrentCpu(int items, ArrayView<float> whh, ArrayView<float> packed, int h, int cell)
    {
        int first = Items.First(items), end = Items.End(items);
        if (first < end)
            CpuSimd.PackBlocks(first, end, whh, packed, h, cell);
    }

    /// <summary>
    /// Fused forward step of the ILGPU CPU accelerator: each work item is a block of hidden units over every batch row.
    /// Its recurrent products come from the CPU GEMM's register-blocked micro-kernels over W_hh packed by
    /// <see cref="PackRecurrentCpu"/>, and its cell runs on whole vectors of units (exp-based sigmoid and tanh), in
    /// <c>CpuSimd.StepForward</c>, an <see cref="ILGPU.Frontend.ExternalAttribute"/> helper the CPU accelerator runs as
    /// plain .NET. The same step code as <see cref="PersistentForwardCpu"/>, so both give bit-identical results.
    /// Launched on the CPU accelerator only (no GPU backend can compile the helper).
    /// </summary>
    /// <param name="items">Number of work items, <see cref="StepItemsCpu"/>; see <see cref="Items"/>.</param>
    /// <param name="packed">W_hh packed by <see cref="PackRecurrentCpu"/>.</param>
    /// <param name="hPrev">hPrev: (B, H).</param>
    /// <param name="cPrev">cPrev: (B, H) (LSTM; otherwise unused).</param>
    /// <param name="bhh">b_hh: (G*H).</param>
    /// <param name="gx">Gx[t] = x[t] W_ih^T + b_ih: (B, G*H).</param>
    /// <param name="hNext">hNext: (B, H), must not alias hPrev.</param>
    /// <param name="cNext">cNext: (B, H) (LSTM).</param>
    /// <param name="y">y[t]: (B, LdY), this direction's H columns.</param>
    /// <param name="gates">gates[t]: (B, StoredGates), written when Store is set.</param>
    /// <param name="lengths">lengths: (B), each in 1..T.</param>
    /// <param name="p">Step arguments.</param>
    public static void StepForwardCpu(int items, ArrayView<float> packed, ArrayView<float> hPrev, ArrayView<float> cPrev,
        ArrayView<float> bhh, ArrayView<float> gx, ArrayView<float> hNext, ArrayView<float> cNext, ArrayView<float> y,
        ArrayView<float> gates, ArrayView<int> lengths, StepArgs p)
    {
        int first = Items.First(items), end = Items.End(items);
        if (first < end)
            CpuSimd.StepForward(first, end, packed, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
    }

    /// <summary>
    /// <see cref="StepForwardCpu"/>'s work, all of its items, on the calling thread instead of in a launch: a streaming step
    /// too small to pay for waking the CPU accelerator's workers. The same code over the same items, so the same bits.
    /// Host code over CPU accelerator memory only (not a kernel).
    /// </summary>
    /// <param name="packed">W_hh packed by <see cref="PackRecurrentCpu"/>.</param>
    /// <param name="hPrev">hPrev: (B, H).</param>
    /// <param name="cPrev">cPrev: (B, H) (LSTM; otherwise unused).</param>
    /// <param name="bhh">b_hh: (G*H).</param>
    /// <param name="gx">Gx[t]: (B, G*H).</param>
    /// <param name="hNext">hNext: (B, H).</param>
    /// <param name="cNext">cNext: (B, H).</param>
    /// <param name="y">y[t]: (B, LdY).</param>
    /// <param name="gates">Stored gates, when storing.</param>
    /// <param name="lengths">lengths: (B).</param>
    /// <param name="p">Step arguments.</param>
    public static void StepForwardCpuOnCallingThread(ArrayView<float> packed, ArrayView<float> hPrev, ArrayView<float> cPrev,
        ArrayView<float> bhh, ArrayView<float> gx, ArrayView<float> hNext, ArrayView<float> cNext, ArrayView<float> y,
        ArrayView<float> gates, ArrayView<int> lengths, StepArgs p) =>
        CpuSimd.StepForward(0, StepItemsCpu(p.H, (RnnMode)p.Cell), packed, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);

    /// <summary>The four columns of (G*H) that work item column group <paramref name="u"/> of a step computes, as
    /// <see cref="CellMath.CellForward"/> takes them: RNN units 4u..4u+3 (clamped to H-1; CellForward skips those past H),
    /// else unit u's gates g*H + u (GRU's fourth repeats its third and is unused).</summary>
    /// <param name="p">Step arguments.</param>
    /// <param name="u">Column group.</param>
    /// <param name="q0">Column of gate 0 (or unit 4u).</param>
    /// <param name="q1">Column of gate 1 (or unit 4u+1).</param>
    /// <param name="q2">Column of gate 2 (or unit 4u+2).</param>
    /// <param name="q3">Column of gate 3 (or unit 4u+3).</param>
    public static void GateColumns(in StepArgs p, int u, out int q0, out int q1, out int q2, out int q3)
    {
        int H = p.H, G = p.G;
        if (G == 1)
        {
            q0 = 4 * u;
            q1 = IntrinsicMath.Min(q0 + 1, H - 1);
            q2 = IntrinsicMath.Min(q0 + 2, H - 1);
            q3 = IntrinsicMath.Min(q0 + 3, H - 1);
        }
        else
        {
            q0 = u;
            q1 = H + u;
            q2 = 2 * H + u;
            q3 = (G == 4 ? 3 : 2) * H + u;
        }
    }

    /// <summary>
    /// Backward step, elementwise over (b, j): from the carried dh, dc and this step's output
    /// gradient, writes the gate gradients of the pre-activations dGx[t] (w.r.t. x W_ih^T + b_ih)
    /// and dGh[t] (w.r.t. h W_hh^T + b_hh; differs from dGx only for GRU's n gate), and replaces
    /// dh, dc by their carry to step t-1 (dh without the dGh W_hh term, which the host adds by GEMM).
    /// Rows past a sequence's length pass dh and dc through and get zero gate gradients.
    /// </summary>
    /// <param name="items">Number of work items (Work item: b * H + j); see <see cref="Items"/>.</param>
    /// <param name="gates">gates[t]: (B, StoredGates).</param>
    /// <param name="hPrev">h[t-1]: (B, H) (GRU).</param>
    /// <param name="cPrev">c[t-1]: (B, H) (LSTM).</param>
    /// <param name="cCur">c[t]: (B, H) (LSTM).</param>
    /// <param name="dy">dy[t]: (B, LdY), this direction's H columns.</param>
    /// <param name="dh">dh: (B, H), in: gradient w.r.t. h[t] from later steps; out: carry to h[t-1].</param>
    /// <param name="dc">dc: (B, H), in/out likewise (LSTM).</param>
    /// <param name="dgx">dGx[t]: (B, G*H).</param>
    /// <param name="dgh">dGh[t]: (B, G*H) (GRU; may alias dgx otherwise).</param>
    /// <param name="lengths">lengths: (B).</param>
    /// <param name="p">Step arguments.</param>
    public static void StepBackward(int items, ArrayView<float> gates, ArrayView<float> hPrev, ArrayView<float> cPrev, ArrayView<float> cCur, ArrayView<float> dy, ArrayView<float> dh, ArrayView<float> dc, ArrayView<float> dgx, ArrayView<float> dgh, ArrayView<int> lengths, StepArgs p)
    {
        for (int index = Items.First(items), end = Items.End(items); index < end; index++)
            StepBackwardItem(index, gates, hPrev, cPrev, cCur, dy, dh, dc, dgx, dgh, lengths, p);
    }

    /// <summary>
    /// <see cref="StepBackward"/> for the ILGPU CPU accelerator: the work items are batch rows, and each thread hands its
    /// rows to <c>CpuSimd.StepBackward</c>, an <see cref="ILGPU.Frontend.ExternalAttribute"/> helper that the CPU
    /// accelerator runs as plain .NET over raw pointers (the formulas of <see cref="CellMath.Backward"/>). Same arguments
    /// and results as <see cref="StepBackward"/>; launched on the CPU accelerator only.
    /// </summary>
    /// <param name="items">Number of work items: B (work item: batch row); see <see cref="Items"/>.</param>
    /// <param name="gates">gates[t]: (B, StoredGates).</param>
    /// <param name="hPrev">h[t-1]: (B, H) (GRU).</param>
    /// <param name="cPrev">c[t-1]: (B, H) (LSTM).</param>
    /// <param name="cCur">c[t]: (B, H) (LSTM).</param>
    /// <param name="dy">dy[t]: (B, LdY), this direction's H columns.</param>
    /// <param name="dh">dh: (B, H), in: gradient w.r.t. h[t] from later steps; out: carry to h[t-1].</param>
    /// <param name="dc">dc: (B, H), in/out likewise (LSTM).</param>
    /// <param name="dgx">dGx[t]: (B, G*H).</param>
    /// <param name="dgh">dGh[t]: (B, G*H) (GRU; may alias dgx otherwise).</param>
    /// <param name="lengths">lengths: (B).</param>
    /// <param name="p">Step arguments.</param>
    public static void StepBackwardCpu(int items, ArrayView<float> gates, ArrayView<float> hPrev, ArrayView<float> cPrev, ArrayView<float> cCur, ArrayView<float> dy, ArrayView<float> dh, ArrayView<float> dc, ArrayView<float> dgx, ArrayView<float> dgh, ArrayView<int> lengths, StepArgs p)
    {
        int first = Items.First(items), end = Items.End(items);
        if (first < end)
            CpuSimd.StepBackward(first, end, gates, hPrev, cPrev, cCur, dy, dh, dc, dgx, dgh, lengths, p);
    }

    static void StepBackwardItem(int index, ArrayView<float> gates, ArrayView<float> hPrev,
        ArrayView<float> cPrev, ArrayView<float> cCur, ArrayView<float> dy, ArrayView<float> dh,
        ArrayView<float> dc, ArrayView<float> dgx, ArrayView<float> dgh, ArrayView<int> lengths, StepArgs p)
    {
        int H = p.H;
        int b = index / H;
        int j = index % H;
        int G = p.G;
        long bh = (long)b * H;
        long bg = (long)b * G * H;
        bool active = p.T < lengths[b];
        if (!active)
        {
            for (int q = 0; q < G; q++)
            {
                dgx[bg + q * H + j] = 0f;
                dgh[bg + q * H + j] = 0f;
            }
            return; // dh, dc pass through unchanged
        }
        float dht = dh[bh + j] + dy[(long)b * p.LdY + j];
        CellMath.Backward(b, j, dht, gates, hPrev, cPrev, cCur, dh, dc, dgx, dgh, p);
    }
}
