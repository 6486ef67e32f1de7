using ILGPU;

namespace RnnGpu.Kernels;

/// <summary>
/// LSTM with peepholes (ONNX's LSTM with input P; Gers and Schmidhuber): gate rows i, f, g, o as PyTorch's LSTM, and per
/// unit the peephole weights p_i, p_f, p_o (parameter <c>weight_peephole_l{k}</c>, (3H), in that order):
/// i = sigmoid(pre_i + p_i c[t-1]), f = sigmoid(pre_f + p_f c[t-1]), g = tanh(pre_g), c[t] = f c[t-1] + i g,
/// o = sigmoid(pre_o + p_o c[t]), h[t] = o tanh(c[t]), pre = Gx + h[t-1] W_hh^T + b_hh. Stores i, f, g, o.
/// </summary>
public struct PeepholeLstm : ICell
{
    /// <inheritdoc />
    public static RnnMode Mode => RnnMode.LstmPeephole;
    /// <inheritdoc />
    public static int Gates => 4;
    /// <inheritdoc />
    public static int LateGates => 0;
    /// <inheritdoc />
    public static int StoredPerUnit => 4;
    /// <inheritdoc />
    public static int UnitParams => 3;
    /// <inheritdoc />
    public static bool HasCellState => true;

    /// <inheritdoc />
    public static void Early(int b, int u, in CellViews v, in CellArgs p)
    {
    }

    /// <inheritdoc />
    public static void Forward(int b, int u, in CellViews v, in CellArgs p)
    {
        int H = p.H;
        long bh = (long)b * H + u, bg = (long)b * 4 * H + u;
        float cPrev = v.CPrev[bh];
        float i = CellMath.Sigmoid(v.Gx[bg] + v.Rec[bg] + v.Unit[u] * cPrev);
        float f = CellMath.Sigmoid(v.Gx[bg + H] + v.Rec[bg + H] + v.Unit[H + u] * cPrev);
        float g = CellMath.Tanh(v.Gx[bg + 2 * H] + v.Rec[bg + 2 * H]);
        float c = f * cPrev + i * g;
        float o = CellMath.Sigmoid(v.Gx[bg + 3 * H] + v.Rec[bg + 3 * H] + v.Unit[2 * H + u] * c);
        float h = o * CellMath.Tanh(c);
        v.CNext[bh] = c;
        v.HNext[bh] = h;
        v.Y[(long)b * p.LdY + u] = h;
        if (p.Store != 0)
        {
            v.Stored[bg] = i;
            v.Stored[bg + H] = f;
            v.Stored[bg + 2 * H] = g;
            v.Stored[bg + 3 * H] = o;
        }
    }

    /// <inheritdoc />
    public static void Backward(int b, int u, float dht, in CellGradViews v, in CellArgs p)
    {
        int H = p.H;
        long bh = (long)b * H + u, bg = (long)b * 4 * H + u, bu = (long)b * 3 * H + u;
        float i = v.Stored[bg], f = v.Stored[bg + H], g = v.Stored[bg + 2 * H], o = v.Stored[bg + 3 * H];
        float c = v.CCur[bh], cPrev = v.CPrev[bh];
        float tc = CellMath.Tanh(c);
        float dO = dht * tc * o * (1f - o);
        float dc = v.Dc[bh] + dht * o * (1f - tc * tc) + dO * v.Unit[2 * H + u];
        float di = dc * g * i * (1f - i);
        float df = dc * cPrev * f * (1f - f);
        float dg = dc * i * (1f - g * g);
        v.DG[bg] = di;
        v.DG[bg + H] = df;
        v.DG[bg + 2 * H] = dg;
        v.DG[bg + 3 * H] = dO;
        v.DUnit[bu] = di * cPrev;
        v.DUnit[bu + H] = df * cPrev;
        v.DUnit[bu + 2 * H] = dO * c;
        v.Dc[bh] = dc * f + di * v.Unit[u] + df * v.Unit[H + u];
        v.Dh[bh] = 0f;
    }

    /// <inheritdoc />
    public static void LateBackward(int b, int u, in CellGradViews v, in CellArgs p)
    {
    }

    /// <inheritdoc />
    public static void ReferenceStep(CellReferenceStep s)
    {
        int H = s.H;
        for (int j = 0; j < H; j++)
        {
            double Pre(int gate) => s.InputRow(gate * H + j) + s.RecurrentRow(gate * H + j, s.HPrev);
            double i = CellReferenceStep.Sigmoid(Pre(0) + s.Unit[j] * s.CPrev[j]);
            double f = CellReferenceStep.Sigmoid(Pre(1) + s.Unit[H + j] * s.CPrev[j]);
            double g = Math.Tanh(Pre(2));
            double c = f * s.CPrev[j] + i * g;
            double o = CellReferenceStep.Sigmoid(Pre(3) + s.Unit[2 * H + j] * c);
            s.COut[j] = c;
            s.HOut[j] = o * Math.Tanh(c);
        }
    }
}
