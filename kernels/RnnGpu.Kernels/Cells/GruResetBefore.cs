using ILGPU;

namespace RnnGpu.Kernels;

/// <summary>
/// GRU with the reset gate before the recurrent linear map (ONNX's GRU with <c>linear_before_reset = 0</c>, its default;
/// TensorFlow's and Keras' GRU with <c>reset_after = False</c>; Cho et al.'s original): gate rows r, z, n as PyTorch's GRU,
/// r = sigmoid(Gx_r + h[t-1] W_hr^T + b_hr), z likewise, n = tanh(Gx_n + (r h[t-1]) W_hn^T + b_hn),
/// h[t] = (1 - z) n + z h[t-1]. The n gate is the late gate: its recurrent product reads r h[t-1]. Stores r, z, n.
/// </summary>
public struct GruResetBefore : ICell
{
    /// <inheritdoc />
    public static RnnMode Mode => RnnMode.GruResetBefore;
    /// <inheritdoc />
    public static int Gates => 3;
    /// <inheritdoc />
    public static int LateGates => 1;
    /// <inheritdoc />
    public static int StoredPerUnit => 3;
    /// <inheritdoc />
    public static int UnitParams => 0;
    /// <inheritdoc />
    public static bool HasCellState => false;

    /// <inheritdoc />
    public static void Early(int b, int u, in CellViews v, in CellArgs p)
    {
        long bh = (long)b * p.H + u, bg = (long)b * 3 * p.H + u;
        v.Late[bh] = CellMath.Sigmoid(v.Gx[bg] + v.Rec[bg]) * v.HPrev[bh];
    }

    /// <inheritdoc />
    public static void Forward(int b, int u, in CellViews v, in CellArgs p)
    {
        int H = p.H;
        long bh = (long)b * H + u, bg = (long)b * 3 * H + u;
        float r = CellMath.Sigmoid(v.Gx[bg] + v.Rec[bg]);
        float z = CellMath.Sigmoid(v.Gx[bg + H] + v.Rec[bg + H]);
        float n = CellMath.Tanh(v.Gx[bg + 2 * H] + v.Rec[bg + 2 * H]);
        float h = (1f - z) * n + z * v.HPrev[bh];
        v.HNext[bh] = h;
        v.Y[(long)b * p.LdY + u] = h;
        if (p.Store != 0)
        {
            v.Stored[bg] = r;
            v.Stored[bg + H] = z;
            v.Stored[bg + 2 * H] = n;
        }
    }

    /// <inheritdoc />
    public static void Backward(int b, int u, float dht, in CellGradViews v, in CellArgs p)
    {
        int H = p.H;
        long bh = (long)b * H + u, bg = (long)b * 3 * H + u;
        float z = v.Stored[bg + H], n = v.Stored[bg + 2 * H];
        v.DG[bg + H] = dht * (v.HPrev[bh] - n) * z * (1f - z);
        v.DG[bg + 2 * H] = dht * (1f - z) * (1f - n * n);
        v.Dh[bh] = dht * z;
    }

    /// <inheritdoc />
    public static void LateBackward(int b, int u, in CellGradViews v, in CellArgs p)
    {
        long bh = (long)b * p.H + u, bg = (long)b * 3 * p.H + u;
        float r = v.Stored[bg], dLate = v.DLate[bh];
        v.DG[bg] = dLate * v.HPrev[bh] * r * (1f - r);
        v.Dh[bh] += dLate * r;
    }

    /// <inheritdoc />
    public static void ReferenceStep(CellReferenceStep s)
    {
        int H = s.H;
        var rh = new double[H];
        var z = new double[H];
        for (int j = 0; j < H; j++)
        {
            rh[j] = CellReferenceStep.Sigmoid(s.InputRow(j) + s.RecurrentRow(j, s.HPrev)) * s.HPrev[j];
            z[j] = CellReferenceStep.Sigmoid(s.InputRow(H + j) + s.RecurrentRow(H + j, s.HPrev));
        }
        for (int j = 0; j < H; j++)
        {
            double n = Math.Tanh(s.InputRow(2 * H + j) + s.RecurrentRow(2 * H + j, rh));
            s.HOut[j] = (1 - z[j]) * n + z[j] * s.HPrev[j];
        }
    }
}
