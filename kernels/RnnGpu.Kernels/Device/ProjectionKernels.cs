using ILGPU;
using ILGPU.Algorithms;

namespace RnnGpu.Kernels;

/// <summary>Scalar arguments of one step of a projected LSTM (PyTorch's <c>proj_size</c>).</summary>
public readonly struct ProjectionArgs
{
    /// <summary>Batch size B.</summary>
    public readonly int B;
    /// <summary>Hidden (cell) size H: c and m have H columns, the gates 4H.</summary>
    public readonly int H;
    /// <summary>Projection size P: h and each direction's output have P columns.</summary>
    public readonly int P;
    /// <summary>Row stride of the output y and of its gradient dy (D*P).</summary>
    public readonly int LdY;
    /// <summary>Time index t of this step (compared with the sequence lengths).</summary>
    public readonly int T;
    /// <summary>1 when the step stores the gate activations backward needs (training).</summary>
    public readonly int Store;

    /// <summary>Creates the arguments.</summary>
    /// <param name="b">Batch size.</param>
    /// <param name="h">Hidden size.</param>
    /// <param name="p">Projection size.</param>
    /// <param name="ldy">Row stride of y and dy.</param>
    /// <param name="t">Time index of the step.</param>
    /// <param name="store">Store the gate activations for backward.</param>
    public ProjectionArgs(int b, int h, int p, int ldy, int t, bool store)
    {
        B = b; H = h; P = p; LdY = ldy; T = t; Store = store ? 1 : 0;
    }
}

/// <summary>
/// Elementwise kernels of an LSTM with a projection (PyTorch's <c>proj_size</c> P &lt; H): the host computes the
/// pre-activations pre = Gx[t] + h[t-1] W_hh^T + b_hh and the projection hp = m W_hr^T with GEMMs, and these
/// kernels do the rest of a step. Forward, per step: <see cref="LstmCellForward"/> (c, m = o * tanh(c), stored
/// gates), GEMM hp = m W_hr^T, <see cref="ProjectedUpdate"/> (h, y). Backward, per step in reverse time:
/// <see cref="ProjectedBackward"/> (dhp), GEMM dm = dhp W_hr, then the existing <see cref="RnnKernels.StepBackward"/>
/// for the cell with dm as its output gradient (LdY = H) and a zeroed (B, H) dh it only ever writes zeros to,
/// then GEMM dh += dG W_hh. The stored gates have exactly <see cref="RnnKernels.StepBackward"/>'s LSTM layout.
/// Rows past a sequence's length (t &gt;= lengths[b]) keep h and c, output 0 and get zero gradients.
/// Gradient rule: activation gradients are set (=); the carried dh is replaced by its carry.
/// </summary>
public static class ProjectionKernels
{
    /// <summary>
    /// The LSTM cell without its output projection, elementwise over (b, j): i, f, g, o from the pre-activations,
    /// c' = f*c + i*g, m = o*tanh(c'). Masked rows: c' = c, m = 0 (and stored gates 0).
    /// </summary>
    /// <param name="items">Number of work items (Work item: b * H + j, B*H items); see <see cref="Items"/>.</param>
    /// <param name="pre">pre[t] = Gx[t] + h[t-1] W_hh^T + b_hh: (B, 4H), gate blocks i, f, g, o.</param>
    /// <param name="cPrev">c[t-1]: (B, H).</param>
    /// <param name="cNext">c[t]: (B, H); may alias cPrev.</param>
    /// <param name="m">m[t] = o * tanh(c[t]): (B, H).</param>
    /// <param name="gates">gates[t]: (B, 4H), activations i, f, g, o, written when Store is set.</param>
    /// <param name="lengths">lengths: (B), each in 1..T.</param>
    /// <param name="p">Step arguments (B, H, T, Store).</param>
    public static void LstmCellForward(int items, ArrayView<float> pre, ArrayView<float> cPrev, ArrayView<float> cNext, ArrayView<float> m, ArrayView<float> gates, ArrayView<int> lengths, ProjectionArgs p)
    {
        for (int index = Items.First(items), end = Items.End(items); index < end; index++)
            LstmCellForwardItem(index, pre, cPrev, cNext, m, gates, lengths, p);
    }

    static void LstmCellForwardItem(int index, ArrayView<float> pre, ArrayView<float> cPrev, ArrayView<float> cNext,
        ArrayView<float> m, ArrayView<float> gates, ArrayView<int> lengths, ProjectionArgs p)
    {
        // pre: (B, 4H), cPrev: (B, H), cNext: (B, H), m: (B, H), gates: (B, 4H), lengths: (B)
        int H = p.H;
        if (index >= p.B * H)
            return;
        int b = index / H;
        int j = index % H;
        long bh = (long)b * H;
        long bg = (long)b * 4 * H;
        if (p.T >= lengths[b])
        {
            cNext[bh + j] = cPrev[bh + j];
            m[bh + j] = 0f;
            if (p.Store != 0)
                CellMath.StoreGates(gates, bg, H, j, 0f, 0f, 0f, 0f);
            return;
        }
        CellMath.Lstm(pre[bg + j], pre[bg + H + j], pre[bg + 2 * H + j], pre[bg + 3 * H + j], cPrev[bh + j],
            out float i, out float f, out float g, out float o, out float c, out float mt);
        cNext[bh + j] = c;
        m[bh + j] = mt;
        if (p.Store != 0)
            CellMath.StoreGates(gates, bg, H, j, i, f, g, o);
    }

    /// <summary>
    /// The state update after the projection, elementwise over (b, r): valid rows h' = hp and y = hp;
    /// masked rows h' = h and y = 0.
    /// </summary>
    /// <param name="items">Number of work items (Work item: b * P + r, B*P items); see <see cref="Items"/>.</param>
    /// <param name="hp">hp = m[t] W_hr^T: (B, P).</param>
    /// <param name="hPrev">h[t-1]: (B, P).</param>
    /// <param name="hNext">h[t]: (B, P); may alias hp (the GEMM may write straight into the next state slot),
    /// must not alias hPrev.</param>
    /// <param name="y">y[t]: (B, LdY), this direction's P columns.</param>
    /// <param name="lengths">lengths: (B).</param>
    /// <param name="p">Step arguments (B, P, LdY, T).</param>
    public static void ProjectedUpdate(int items, ArrayView<float> hp, ArrayView<float> hPrev, ArrayView<float> hNext, ArrayView<float> y, ArrayView<int> lengths, ProjectionArgs p)
    {
        for (int index = Items.First(items), end = Items.End(items); index < end; index++)
            ProjectedUpdateItem(index, hp, hPrev, hNext, y, lengths, p);
    }

    static void ProjectedUpdateItem(int index, ArrayView<float> hp, ArrayView<float> hPrev, ArrayView<float> hNext,
        ArrayView<float> y, ArrayView<int> lengths, ProjectionArgs p)
    {
        // hp: (B, P), hPrev: (B, P), hNext: (B, P), y: (B, LdY) from this direction's column, lengths: (B)
        int P = p.P;
        if (index >= p.B * P)
            return;
        int b = index / P;
        int r = index % P;
        long bp = (long)b * P + r;
        long by = (long)b * p.LdY + r;
        if (p.T >= lengths[b])
        {
            hNext[bp] = hPrev[bp];
            y[by] = 0f;
            return;
        }
        float v = hp[bp];
        hNext[bp] = v;
        y[by] = v;
    }

    /// <summary>
    /// Backward of <see cref="ProjectedUpdate"/>, elementwise over (b, r): valid rows dhp = dh + dy and dh = 0 (the host
    /// then adds dG[t] W_hh for the carry to h[t-1]); masked rows dhp = 0 and dh passes through unchanged.
    /// </summary>
    /// <param name="items">Number of work items (Work item: b * P + r, B*P items); see <see cref="Items"/>.</param>
    /// <param name="dy">dy[t]: (B, LdY), this direction's P columns.</param>
    /// <param name="dh">dh: (B, P), in: gradient w.r.t. h[t] from later steps; out: its carry without the W_hh term.</param>
    /// <param name="dhp">dhp[t]: (B, P), gradient w.r.t. hp = m[t] W_hr^T.</param>
    /// <param name="lengths">lengths: (B).</param>
    /// <param name="p">Step arguments (B, P, LdY, T).</param>
    public static void ProjectedBackward(int items, ArrayView<float> dy, ArrayView<float> dh, ArrayView<float> dhp, ArrayView<int> lengths, ProjectionArgs p)
    {
        for (int index = Items.First(items), end = Items.End(items); index < end; index++)
            ProjectedBackwardItem(index, dy, dh, dhp, lengths, p);
    }

    static void ProjectedBackwardItem(int index, ArrayView<float> dy, ArrayView<float> dh, ArrayView<float> dhp,
        ArrayView<int> lengths, ProjectionArgs p)
    {
        // dy: (B, LdY) from this direction's column, dh: (B, P), dhp: (B, P), lengths: (B)
        int P = p.P;
        if (index >= p.B * P)
            return;
        int b = index / P;
        int r = index % P;
        long bp = (long)b * P + r;
        if (p.T >= lengths[b])
        {
            dhp[bp] = 0f;
            return;
        }
        dhp[bp] = dh[bp] + dy[(long)b * p.LdY + r];
        dh[bp] = 0f;
    }
}
