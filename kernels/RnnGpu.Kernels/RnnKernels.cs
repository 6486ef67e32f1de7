using ILGPU;
using ILGPU.Algorithms;

namespace RnnGpu.Kernels;

/// <summary>Recurrent cell kinds, in PyTorch's semantics.</summary>
public enum CellKind
{
    /// <summary>h' = tanh(W_ih x + b_ih + W_hh h + b_hh); G = 1.</summary>
    RnnTanh = 0,
    /// <summary>h' = relu(W_ih x + b_ih + W_hh h + b_hh); G = 1.</summary>
    RnnRelu = 1,
    /// <summary>Gates i, f, g, o; c' = f*c + i*g; h' = o*tanh(c'); G = 4.</summary>
    Lstm = 2,
    /// <summary>Gates r, z, n; n = tanh(Gx_n + r*(W_hn h + b_hn)); h' = (1-z)*n + z*h; G = 3.</summary>
    Gru = 3,
}

/// <summary>Scalar arguments of one recurrent time step.</summary>
public readonly struct StepArgs
{
    /// <summary>Batch size B.</summary>
    public readonly int B;
    /// <summary>Hidden size H.</summary>
    public readonly int H;
    /// <summary>Cell kind as an int (<see cref="CellKind"/>).</summary>
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
    public StepArgs(int b, int h, CellKind cell, int ldy, int t, bool store)
    {
        B = b; H = h; Cell = (int)cell; LdY = ldy; T = t; Store = store ? 1 : 0;
    }

    /// <summary>Gates G of the cell (rows of W_hh per hidden unit).</summary>
    public int G => Cell == (int)CellKind.Lstm ? 4 : Cell == (int)CellKind.Gru ? 3 : 1;

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

    /// <summary>Gate-activation floats stored per batch row and step: RNN H, LSTM 4H (i, f, g, o),
    /// GRU 4H (r, z, n, and W_hn h + b_hn).</summary>
    /// <param name="cell">Cell kind.</param>
    /// <param name="h">Hidden size.</param>
    public static int StoredGates(CellKind cell, int h) => cell is CellKind.Lstm or CellKind.Gru ? 4 * h : h;

    /// <summary>Logistic sigmoid.</summary>
    /// <param name="x">Input.</param>
    public static float Sigmoid(float x) => 1f / (1f + XMath.Exp(-x));

    /// <summary>
    /// Fused forward step: acc = h[t-1] W_hh^T for 4 batch rows and 4 columns, then the cell.
    /// Rows past a sequence's length keep their state and output 0.
    /// </summary>
    /// <param name="index">Work item: rowBlock * ColumnGroups + columnGroup.</param>
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
    public static void StepForward(Index1D index, ArrayView<float> hPrev, ArrayView<float> cPrev,
        ArrayView<float> whhT, ArrayView<float> bhh, ArrayView<float> gx, ArrayView<float> hNext,
        ArrayView<float> cNext, ArrayView<float> y, ArrayView<float> gates, ArrayView<int> lengths, StepArgs p)
    {
        int groups = p.ColumnGroups;
        int u = index % groups;
        int b0 = index / groups * StepRows;
        int H = p.H, G = p.G, GH = G * H;
        // The four columns of W_hh^T this item computes.
        int q0, q1, q2, q3;
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
        CellForward(b0, u, q0, q1, q2, q3, a00, a01, a02, a03, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
        CellForward(b0 + 1, u, q0, q1, q2, q3, a10, a11, a12, a13, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
        CellForward(b0 + 2, u, q0, q1, q2, q3, a20, a21, a22, a23, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
        CellForward(b0 + 3, u, q0, q1, q2, q3, a30, a31, a32, a33, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
    }

    static void CellForward(int b, int u, int q0, int q1, int q2, int q3, float a0, float a1, float a2, float a3,
        ArrayView<float> hPrev, ArrayView<float> cPrev, ArrayView<float> bhh, ArrayView<float> gx,
        ArrayView<float> hNext, ArrayView<float> cNext, ArrayView<float> y, ArrayView<float> gates,
        ArrayView<int> lengths, in StepArgs p)
    {
        if (b >= p.B)
            return;
        int H = p.H;
        int GH = p.G * H;
        bool active = p.T < lengths[b];
        long bh = (long)b * H;
        long bg = (long)b * GH;
        long by = (long)b * p.LdY;
        if (p.G == 1)
        {
            int gs = H;
            RnnUnit(active, q0, a0, bh, bg, by, (long)b * gs, hPrev, bhh, gx, hNext, y, gates, p);
            if (4 * u + 1 < H) RnnUnit(active, q1, a1, bh, bg, by, (long)b * gs, hPrev, bhh, gx, hNext, y, gates, p);
            if (4 * u + 2 < H) RnnUnit(active, q2, a2, bh, bg, by, (long)b * gs, hPrev, bhh, gx, hNext, y, gates, p);
            if (4 * u + 3 < H) RnnUnit(active, q3, a3, bh, bg, by, (long)b * gs, hPrev, bhh, gx, hNext, y, gates, p);
            return;
        }
        long bs = (long)b * 4 * H; // stored gates row
        if (!active)
        {
            hNext[bh + u] = hPrev[bh + u];
            if (p.G == 4)
                cNext[bh + u] = cPrev[bh + u];
            y[by + u] = 0f;
            return;
        }
        if (p.G == 4)
        {
            float i = Sigmoid(a0 + bhh[q0] + gx[bg + q0]);
            float f = Sigmoid(a1 + bhh[q1] + gx[bg + q1]);
            float g = XMath.Tanh(a2 + bhh[q2] + gx[bg + q2]);
            float o = Sigmoid(a3 + bhh[q3] + gx[bg + q3]);
            float c = f * cPrev[bh + u] + i * g;
            float h = o * XMath.Tanh(c);
            cNext[bh + u] = c;
            hNext[bh + u] = h;
            y[by + u] = h;
            if (p.Store != 0)
            {
                gates[bs + u] = i;
                gates[bs + H + u] = f;
                gates[bs + 2 * H + u] = g;
                gates[bs + 3 * H + u] = o;
            }
        }
        else
        {
            float ghn = a2 + bhh[q2];
            float r = Sigmoid(gx[bg + q0] + a0 + bhh[q0]);
            float z = Sigmoid(gx[bg + q1] + a1 + bhh[q1]);
            float n = XMath.Tanh(gx[bg + q2] + r * ghn);
            float h = (1f - z) * n + z * hPrev[bh + u];
            hNext[bh + u] = h;
            y[by + u] = h;
            if (p.Store != 0)
            {
                gates[bs + u] = r;
                gates[bs + H + u] = z;
                gates[bs + 2 * H + u] = n;
                gates[bs + 3 * H + u] = ghn;
            }
        }
    }

    static void RnnUnit(bool active, int j, float acc, long bh, long bg, long by, long bs,
        ArrayView<float> hPrev, ArrayView<float> bhh, ArrayView<float> gx, ArrayView<float> hNext,
        ArrayView<float> y, ArrayView<float> gates, in StepArgs p)
    {
        if (!active)
        {
            hNext[bh + j] = hPrev[bh + j];
            y[by + j] = 0f;
            return;
        }
        float pre = acc + bhh[j] + gx[bg + j];
        float h = p.Cell == (int)CellKind.RnnTanh ? XMath.Tanh(pre) : IntrinsicMath.Max(pre, 0f);
        hNext[bh + j] = h;
        y[by + j] = h;
        if (p.Store != 0)
            gates[bs + j] = h;
    }

    /// <summary>
    /// Backward step, elementwise over (b, j): from the carried dh, dc and this step's output
    /// gradient, writes the gate gradients of the pre-activations dGx[t] (w.r.t. x W_ih^T + b_ih)
    /// and dGh[t] (w.r.t. h W_hh^T + b_hh; differs from dGx only for GRU's n gate), and replaces
    /// dh, dc by their carry to step t-1 (dh without the dGh W_hh term, which the host adds by GEMM).
    /// Rows past a sequence's length pass dh and dc through and get zero gate gradients.
    /// </summary>
    /// <param name="index">Work item: b * H + j.</param>
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
    public static void StepBackward(Index1D index, ArrayView<float> gates, ArrayView<float> hPrev,
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
        if (G == 4)
        {
            long bs = (long)b * 4 * H;
            float i = gates[bs + j], f = gates[bs + H + j], g = gates[bs + 2 * H + j], o = gates[bs + 3 * H + j];
            float tc = XMath.Tanh(cCur[bh + j]);
            float dct = dc[bh + j] + dht * o * (1f - tc * tc);
            float di = dct * g * i * (1f - i);
            float df = dct * cPrev[bh + j] * f * (1f - f);
            float dg = dct * i * (1f - g * g);
            float dO = dht * tc * o * (1f - o);
            dgx[bg + j] = di;
            dgx[bg + H + j] = df;
            dgx[bg + 2 * H + j] = dg;
            dgx[bg + 3 * H + j] = dO;
            dc[bh + j] = dct * f;
            dh[bh + j] = 0f;
        }
        else if (G == 3)
        {
            long bs = (long)b * 4 * H;
            float r = gates[bs + j], z = gates[bs + H + j], n = gates[bs + 2 * H + j], ghn = gates[bs + 3 * H + j];
            float hp = hPrev[bh + j];
            float dn = dht * (1f - z) * (1f - n * n);
            float dz = dht * (hp - n) * z * (1f - z);
            float dr = dn * ghn * r * (1f - r);
            dgx[bg + j] = dr;
            dgx[bg + H + j] = dz;
            dgx[bg + 2 * H + j] = dn;
            dgh[bg + j] = dr;
            dgh[bg + H + j] = dz;
            dgh[bg + 2 * H + j] = dn * r;
            dh[bh + j] = dht * z;
        }
        else
        {
            float h = gates[bh + j];
            float d = p.Cell == (int)CellKind.RnnTanh ? dht * (1f - h * h) : (h > 0f ? dht : 0f);
            dgx[bg + j] = d;
            dh[bh + j] = 0f;
        }
    }

    /// <summary>dst (cols, rows) = src (rows, cols) transposed.</summary>
    /// <param name="index">Work item: r * cols + c over src.</param>
    /// <param name="src">src: (rows, cols).</param>
    /// <param name="dst">dst: (cols, rows).</param>
    /// <param name="rows">Rows of src.</param>
    /// <param name="cols">Columns of src.</param>
    public static void Transpose(Index1D index, ArrayView<float> src, ArrayView<float> dst, int rows, int cols)
    {
        int r = index / cols;
        int c = index % cols;
        dst[(long)c * rows + r] = src[index];
    }

    /// <summary>Swaps the two outer dimensions: dst (d1, d0, inner) = src (d0, d1, inner)
    /// (batch-first to sequence-major and back).</summary>
    /// <param name="index">Work item over src elements.</param>
    /// <param name="src">src: (d0, d1, inner).</param>
    /// <param name="dst">dst: (d1, d0, inner).</param>
    /// <param name="d0">Outer dimension of src.</param>
    /// <param name="d1">Middle dimension of src.</param>
    /// <param name="inner">Contiguous inner dimension.</param>
    public static void SwapOuter(Index1D index, ArrayView<float> src, ArrayView<float> dst, int d0, int d1, int inner)
    {
        int e = index % inner;
        int rest = index / inner;
        int i1 = rest % d1;
        int i0 = rest / d1;
        dst[((long)i1 * d0 + i0) * inner + e] = src[index];
    }

    /// <summary>
    /// Inverted dropout with a counter-based hash: y = x * mask / (1 - p), mask[i] in {0, 1/(1-p)} is
    /// stored for backward. The same seed gives the same mask on every accelerator.
    /// </summary>
    /// <param name="index">Element.</param>
    /// <param name="x">x: (n).</param>
    /// <param name="y">y: (n), may alias x.</param>
    /// <param name="mask">mask: (n), the scale applied to each element.</param>
    /// <param name="p">Drop probability in [0, 1).</param>
    /// <param name="seed">Seed (low 32 bits).</param>
    /// <param name="stream">Stream id mixed into the hash (layer, call counter).</param>
    public static void DropoutForward(Index1D index, ArrayView<float> x, ArrayView<float> y, ArrayView<float> mask,
        float p, uint seed, uint stream)
    {
        uint hsh = Hash((uint)index.X, seed, stream);
        float u = (hsh >> 8) * (1f / 16777216f);
        float m = u < p ? 0f : 1f / (1f - p);
        mask[index] = m;
        y[index] = x[index] * m;
    }

    /// <summary>dx[i] = dy[i] * mask[i] (in place allowed).</summary>
    /// <param name="index">Element.</param>
    /// <param name="dy">dy: (n).</param>
    /// <param name="mask">mask: (n).</param>
    /// <param name="dx">dx: (n).</param>
    public static void MultiplyInto(Index1D index, ArrayView<float> dy, ArrayView<float> mask, ArrayView<float> dx) =>
        dx[index] = dy[index] * mask[index];

    /// <summary>A 32-bit avalanche hash of (i, seed, stream) (lowbias32 rounds).</summary>
    /// <param name="i">Counter.</param>
    /// <param name="seed">Seed.</param>
    /// <param name="stream">Stream.</param>
    public static uint Hash(uint i, uint seed, uint stream)
    {
        uint x = i * 0x9E3779B9u ^ seed ^ (stream * 0x85EBCA6Bu);
        x ^= x >> 16; x *= 0x7FEB352Du;
        x ^= x >> 15; x *= 0x846CA68Bu;
        x ^= x >> 16;
        x += seed * 0xC2B2AE35u;
        x ^= x >> 16; x *= 0x7FEB352Du;
        x ^= x >> 15; x *= 0x846CA68Bu;
        x ^= x >> 16;
        return x;
    }

    /// <summary>flags[0] = 1 if any element of x is NaN or infinite (never cleared here).</summary>
    /// <param name="index">Element.</param>
    /// <param name="x">x: (n).</param>
    /// <param name="flags">flags: (1).</param>
    public static void NonFiniteFlag(Index1D index, ArrayView<float> x, ArrayView<int> flags)
    {
        float v = x[index];
        if (!(v - v == 0f))
            flags[0] = 1;
    }
}
