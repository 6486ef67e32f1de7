using ILGPU;
using ILGPU.Algorithms;

namespace RnnGpu.Kernels;

/// <summary>
/// The cell math of every recurrent kernel, written once: the gate nonlinearities, the per-unit forward epilogue
/// that the fused step (<see cref="RnnKernels.StepForward"/>), the row step's cell (<see cref="RnnKernels.StepCell"/>)
/// and the persistent kernel (<see cref="RnnKernels.PersistentForward"/>) apply after their recurrent products,
/// and the per-unit backward of <see cref="RnnKernels.StepBackward"/>. Also the gate counts in the cheap integer
/// form kernels need (ILGPU cannot read <see cref="CellSpec"/>'s objects on a device); they mirror
/// <see cref="CellSpec"/>, which host code uses. The float64 references (<see cref="RnnReference"/>) stay
/// separate on purpose: they are the check.
/// </summary>
public static class CellMath
{
    /// <summary>Gates G of a cell (<see cref="CellSpec.Gates"/>): 4 LSTM, 3 GRU, 1 RNN.</summary>
    /// <param name="cell">Cell kind as an int (<see cref="RnnMode"/>).</param>
    public static int Gates(int cell) => cell == (int)RnnMode.Lstm ? 4 : cell == (int)RnnMode.Gru ? 3 : 1;

    /// <summary>Stored gate floats per hidden unit (<see cref="CellSpec.StoredGatesPerUnit"/>): 4 LSTM and GRU, 1 RNN.</summary>
    /// <param name="cell">Cell kind as an int (<see cref="RnnMode"/>).</param>
    public static int StoredGatesPerUnit(int cell) => cell == (int)RnnMode.Lstm || cell == (int)RnnMode.Gru ? 4 : 1;

    /// <summary>Gate columns per hidden unit of the tiled step's interleaved W_hh^T (<see cref="CellSpec.InterleavedGates"/>):
    /// 4 LSTM and GRU (GRU's fourth is zero), 1 RNN.</summary>
    /// <param name="cell">Cell kind as an int (<see cref="RnnMode"/>).</param>
    public static int InterleavedGates(int cell) => cell == (int)RnnMode.Lstm || cell == (int)RnnMode.Gru ? 4 : 1;

    /// <summary>Logistic sigmoid, 1 / (1 + exp(-x)).</summary>
    /// <param name="x">Input.</param>
    public static float Sigmoid(float x) => 1f / (1f + XMath.Exp(-x));

    /// <summary>
    /// Hyperbolic tangent from exp, accurate to a few ulp on every accelerator: ILGPU compiles XMath.Tanh to PTX's
    /// tanh.approx.f32 (relative error about 2^-11) on sm_75 and later, too coarse for the float64 reference's 1e-5.
    /// For |x| &lt; 1/8 an odd Taylor polynomial to x^9 (truncation below 1e-11 relative), else
    /// sign(x) (1 - e) / (1 + e) with e = exp(-2|x|) (no cancellation worse than 1 - exp(-1/4)). NaN stays NaN,
    /// infinities give +-1.
    /// </summary>
    /// <param name="x">Input.</param>
    public static float Tanh(float x)
    {
        float a = IntrinsicMath.Abs(x);
        float x2 = x * x;
        float poly = x + x * x2 * (-1f / 3f + x2 * (2f / 15f + x2 * (-17f / 315f + x2 * (62f / 2835f))));
        float e = XMath.Exp(-2f * a);
        float t = (1f - e) / (1f + e);
        return a < 0.125f ? poly : (x < 0f ? -t : t);
    }

    /// <summary>The LSTM cell from its four pre-activations: i = sigmoid(pi), f = sigmoid(pf), g = tanh(pg),
    /// o = sigmoid(po), c = f*cPrev + i*g, h = o*tanh(c) (with a projection, h is m before W_hr).</summary>
    /// <param name="pi">Pre-activation of i.</param>
    /// <param name="pf">Pre-activation of f.</param>
    /// <param name="pg">Pre-activation of g.</param>
    /// <param name="po">Pre-activation of o.</param>
    /// <param name="cPrev">c[t-1].</param>
    /// <param name="i">Input gate.</param>
    /// <param name="f">Forget gate.</param>
    /// <param name="g">Cell candidate.</param>
    /// <param name="o">Output gate.</param>
    /// <param name="c">c[t].</param>
    /// <param name="h">o*tanh(c[t]).</param>
    public static void Lstm(float pi, float pf, float pg, float po, float cPrev,
        out float i, out float f, out float g, out float o, out float c, out float h)
    {
        i = Sigmoid(pi);
        f = Sigmoid(pf);
        g = Tanh(pg);
        o = Sigmoid(po);
        c = f * cPrev + i * g;
        h = o * Tanh(c);
    }

    /// <summary>Stores a unit's four gate values in the stored-gates layout (four blocks of H per batch row), the layout
    /// <see cref="RnnKernels.StepBackward"/> reads: LSTM i, f, g, o; GRU r, z, n, W_hn h + b_hn.</summary>
    /// <param name="gates">gates: (B, 4H).</param>
    /// <param name="row">Offset of the batch row, b * 4H.</param>
    /// <param name="h">H.</param>
    /// <param name="u">Hidden unit.</param>
    /// <param name="v0">Gate value 0.</param>
    /// <param name="v1">Gate value 1.</param>
    /// <param name="v2">Gate value 2.</param>
    /// <param name="v3">Gate value 3.</param>
    public static void StoreGates(ArrayView<float> gates, long row, int h, int u, float v0, float v1, float v2, float v3)
    {
        gates[row + u] = v0;
        gates[row + h + u] = v1;
        gates[row + 2 * h + u] = v2;
        gates[row + 3 * h + u] = v3;
    }

    /// <summary>
    /// The forward epilogue of a gated cell (LSTM, GRU) for batch row <paramref name="b"/> and hidden unit
    /// <paramref name="u"/>, given the recurrent products a_q = (h[t-1] W_hh^T)[b, q_q] of the unit's gate columns:
    /// LSTM i = sigmoid(a0 + b_hh + Gx), f, g = tanh(..), o likewise, c = f*c[t-1] + i*g, h = o*tanh(c);
    /// GRU r = sigmoid(Gx_r + a0 + b_hh), z likewise, n = tanh(Gx_n + r*(a2 + b_hn)), h = (1-z)*n + z*h[t-1].
    /// Writes h[t] (and c[t]), y[t] and, when storing, the stored gates (LSTM i, f, g, o; GRU r, z, n, a2 + b_hn).
    /// Rows past their sequence's length keep their state and output 0; rows past B do nothing.
    /// </summary>
    /// <param name="b">Batch row.</param>
    /// <param name="u">Hidden unit.</param>
    /// <param name="q0">Column of gate 0 (i or r) in (G*H).</param>
    /// <param name="q1">Column of gate 1 (f or z).</param>
    /// <param name="q2">Column of gate 2 (g or n).</param>
    /// <param name="q3">Column of gate 3 (o; unused for GRU).</param>
    /// <param name="a0">Recurrent product of gate 0.</param>
    /// <param name="a1">Recurrent product of gate 1.</param>
    /// <param name="a2">Recurrent product of gate 2.</param>
    /// <param name="a3">Recurrent product of gate 3 (LSTM).</param>
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
    public static void CellForward(int b, int u, int q0, int q1, int q2, int q3, float a0, float a1, float a2, float a3,
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
            Lstm(a0 + bhh[q0] + gx[bg + q0], a1 + bhh[q1] + gx[bg + q1], a2 + bhh[q2] + gx[bg + q2], a3 + bhh[q3] + gx[bg + q3],
                cPrev[bh + u], out float i, out float f, out float g, out float o, out float c, out float h);
            cNext[bh + u] = c;
            hNext[bh + u] = h;
            y[by + u] = h;
            if (p.Store != 0)
                StoreGates(gates, bs, H, u, i, f, g, o);
        }
        else
        {
            float ghn = a2 + bhh[q2];
            float r = Sigmoid(gx[bg + q0] + a0 + bhh[q0]);
            float z = Sigmoid(gx[bg + q1] + a1 + bhh[q1]);
            float n = Tanh(gx[bg + q2] + r * ghn);
            float h = (1f - z) * n + z * hPrev[bh + u];
            hNext[bh + u] = h;
            y[by + u] = h;
            if (p.Store != 0)
                StoreGates(gates, bs, H, u, r, z, n, ghn);
        }
    }

    /// <summary>
    /// The forward epilogue of a vanilla RNN unit: h = tanh or relu(acc + b_hh[j] + Gx[j]), written to h[t], y[t]
    /// and, when storing, the stored gates (h itself). An inactive row keeps its state and outputs 0.
    /// </summary>
    /// <param name="active">Whether the row's sequence is still running at this step.</param>
    /// <param name="j">Hidden unit (= gate column).</param>
    /// <param name="acc">Recurrent product (h[t-1] W_hh^T)[b, j].</param>
    /// <param name="bh">Offset of the row in (B, H).</param>
    /// <param name="bg">Offset of the row in Gx (B, H).</param>
    /// <param name="by">Offset of the row in y (B, LdY).</param>
    /// <param name="bs">Offset of the row in the stored gates (B, H).</param>
    /// <param name="hPrev">hPrev: (B, H).</param>
    /// <param name="bhh">b_hh: (H).</param>
    /// <param name="gx">Gx[t]: (B, H).</param>
    /// <param name="hNext">hNext: (B, H).</param>
    /// <param name="y">y[t]: (B, LdY).</param>
    /// <param name="gates">gates[t]: (B, H) when Store is set.</param>
    /// <param name="p">Step arguments.</param>
    public static void RnnUnit(bool active, int j, float acc, long bh, long bg, long by, long bs,
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
        float h = p.Cell == (int)RnnMode.RnnTanh ? Tanh(pre) : IntrinsicMath.Max(pre, 0f);
        hNext[bh + j] = h;
        y[by + j] = h;
        if (p.Store != 0)
            gates[bs + j] = h;
    }

    /// <summary>
    /// The backward of one active (batch row, hidden unit) pair at step t, given dht = dh[t] (carried) + dy[t]:
    /// LSTM dc = dc + dht*o*(1 - tanh(c)^2), di = dc*g*i(1-i), df = dc*c[t-1]*f(1-f), dg = dc*i*(1-g^2),
    /// do = dht*tanh(c)*o(1-o), carries dc*f and dh = 0; GRU dn = dht*(1-z)*(1-n^2), dz = dht*(h[t-1]-n)*z(1-z),
    /// dr = dn*ghn*r(1-r), dGh_n = dn*r, carries dh = dht*z; RNN d = dht*(1-h^2) (tanh) or dht*[h &gt; 0] (relu),
    /// carries dh = 0. The carried dh lacks the dGh W_hh term, which the host adds by GEMM.
    /// </summary>
    /// <param name="b">Batch row.</param>
    /// <param name="j">Hidden unit.</param>
    /// <param name="dht">Gradient w.r.t. h[t] of the row and unit.</param>
    /// <param name="gates">gates[t]: (B, StoredGates).</param>
    /// <param name="hPrev">h[t-1]: (B, H) (GRU).</param>
    /// <param name="cPrev">c[t-1]: (B, H) (LSTM).</param>
    /// <param name="cCur">c[t]: (B, H) (LSTM).</param>
    /// <param name="dh">dh: (B, H), set to the carry to h[t-1].</param>
    /// <param name="dc">dc: (B, H), in: carried; out: the carry to c[t-1] (LSTM).</param>
    /// <param name="dgx">dGx[t]: (B, G*H).</param>
    /// <param name="dgh">dGh[t]: (B, G*H) (GRU).</param>
    /// <param name="p">Step arguments.</param>
    public static void Backward(int b, int j, float dht, ArrayView<float> gates, ArrayView<float> hPrev,
        ArrayView<float> cPrev, ArrayView<float> cCur, ArrayView<float> dh, ArrayView<float> dc,
        ArrayView<float> dgx, ArrayView<float> dgh, in StepArgs p)
    {
        int H = p.H;
        int G = p.G;
        long bh = (long)b * H;
        long bg = (long)b * G * H;
        if (G == 4)
        {
            long bs = (long)b * 4 * H;
            float i = gates[bs + j], f = gates[bs + H + j], g = gates[bs + 2 * H + j], o = gates[bs + 3 * H + j];
            float tc = Tanh(cCur[bh + j]);
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
            float d = p.Cell == (int)RnnMode.RnnTanh ? dht * (1f - h * h) : (h > 0f ? dht : 0f);
            dgx[bg + j] = d;
            dh[bh + j] = 0f;
        }
    }
}
