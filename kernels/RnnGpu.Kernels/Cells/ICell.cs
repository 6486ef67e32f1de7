using ILGPU;

namespace RnnGpu.Kernels;

/// <summary>
/// A recurrent cell as a type: its counts and its per-unit forward and backward, as static members, so the cell kernels
/// (<see cref="CellKernels"/>) are generic over it the way ILGPU.Algorithms' are over their operations, and its float64
/// step, the reference the kernels are tested against. A cell's gates split in two: the early gates (the first
/// <c>Gates - LateGates</c>) whose recurrent product reads h[t-1], and the late gates whose recurrent product reads an
/// input the early gates make (GRU with the reset gate before its linear map: r * h[t-1]). Every gate's pre-activation is
/// Gx + Rec (the input projection plus the recurrent product, biases included), so one gradient serves both.
/// Kernels call the per-unit members only for (batch row, unit) pairs whose sequence still runs; the kernels handle the
/// rest (state kept, output 0, zero gradients, carries passed on).
/// </summary>
public interface ICell
{
    /// <summary>The cell's row of the cell table.</summary>
    static abstract RnnMode Mode { get; }

    /// <summary>Gates G: rows of W_ih and W_hh per hidden unit.</summary>
    static abstract int Gates { get; }

    /// <summary>The trailing gates whose recurrent product reads the late input (0: every gate reads h[t-1]).</summary>
    static abstract int LateGates { get; }

    /// <summary>Floats per hidden unit a training step stores for backward.</summary>
    static abstract int StoredPerUnit { get; }

    /// <summary>Per-unit parameter vectors of length H beside the weights (peepholes: 3), 0 for none.</summary>
    static abstract int UnitParams { get; }

    /// <summary>Whether the cell carries a cell state c.</summary>
    static abstract bool HasCellState { get; }

    /// <summary>Forward, before the late gates' product: writes the late input of (b, u) (cells with late gates).</summary>
    /// <param name="b">Batch row.</param>
    /// <param name="u">Hidden unit.</param>
    /// <param name="v">The step's views (Rec holds the early gates' products).</param>
    /// <param name="p">Step arguments.</param>
    static abstract void Early(int b, int u, in CellViews v, in CellArgs p);

    /// <summary>Forward of (b, u) from the complete pre-activations: h[t], c[t], y[t] and, when storing, the stored gates.</summary>
    /// <param name="b">Batch row.</param>
    /// <param name="u">Hidden unit.</param>
    /// <param name="v">The step's views.</param>
    /// <param name="p">Step arguments.</param>
    static abstract void Forward(int b, int u, in CellViews v, in CellArgs p);

    /// <summary>Backward of (b, u) given dht = dL/dh[t]: the pre-activation gradients it can give (all but the early gates
    /// that feed the late input), the carries (dh without its dG W_hh term, dc) and the per-unit parameters' partials.</summary>
    /// <param name="b">Batch row.</param>
    /// <param name="u">Hidden unit.</param>
    /// <param name="dht">dL/dh[t] of the pair: the carry plus dy[t].</param>
    /// <param name="v">The step's gradient views.</param>
    /// <param name="p">Step arguments.</param>
    static abstract void Backward(int b, int u, float dht, in CellGradViews v, in CellArgs p);

    /// <summary>Backward after dL/d(late input) is known (cells with late gates): the remaining gate gradients, dh += ....</summary>
    /// <param name="b">Batch row.</param>
    /// <param name="u">Hidden unit.</param>
    /// <param name="v">The step's gradient views (DLate holds dL/d(late input)).</param>
    /// <param name="p">Step arguments.</param>
    static abstract void LateBackward(int b, int u, in CellGradViews v, in CellArgs p);

    /// <summary>The float64 step of one batch row, written from the formulas: the reference (<see cref="CellReference"/>).</summary>
    /// <param name="s">Weights, input and state of the row; receives h[t] and c[t].</param>
    static abstract void ReferenceStep(CellReferenceStep s);
}

/// <summary>Scalar arguments of one step of the cell kernels.</summary>
public readonly struct CellArgs
{
    /// <summary>Batch size B.</summary>
    public readonly int B;
    /// <summary>Hidden size H.</summary>
    public readonly int H;
    /// <summary>Row stride of y and dy (D*H).</summary>
    public readonly int LdY;
    /// <summary>Time index t of the step (compared with the sequence lengths).</summary>
    public readonly int T;
    /// <summary>1 when the step stores what backward needs (training).</summary>
    public readonly int Store;

    /// <summary>Creates the arguments.</summary>
    /// <param name="b">Batch size.</param>
    /// <param name="h">Hidden size.</param>
    /// <param name="ldy">Row stride of y and dy.</param>
    /// <param name="t">Time index.</param>
    /// <param name="store">Store for backward.</param>
    public CellArgs(int b, int h, int ldy, int t, bool store)
    {
        B = b; H = h; LdY = ldy; T = t; Store = store ? 1 : 0;
    }
}

/// <summary>The views of one forward step of the cell kernels (one struct instead of a list of views).</summary>
public struct CellViews
{
    /// <summary>Gx[t] = x W_ih^T + b_ih: (B, G*H).</summary>
    public ArrayView<float> Gx;
    /// <summary>The recurrent products with b_hh: (B, G*H); early gates' columns from h[t-1], late gates' from the late input.</summary>
    public ArrayView<float> Rec;
    /// <summary>h[t-1]: (B, H).</summary>
    public ArrayView<float> HPrev;
    /// <summary>c[t-1]: (B, H) (cells with a cell state).</summary>
    public ArrayView<float> CPrev;
    /// <summary>h[t]: (B, H).</summary>
    public ArrayView<float> HNext;
    /// <summary>c[t]: (B, H) (cells with a cell state).</summary>
    public ArrayView<float> CNext;
    /// <summary>y[t]: (B, LdY), this direction's columns.</summary>
    public ArrayView<float> Y;
    /// <summary>Stored gates[t]: (B, StoredPerUnit*H), written when storing.</summary>
    public ArrayView<float> Stored;
    /// <summary>The late input: (B, H) (cells with late gates).</summary>
    public ArrayView<float> Late;
    /// <summary>Per-unit parameters: (UnitParams*H).</summary>
    public ArrayView<float> Unit;
    /// <summary>Sequence lengths: (B).</summary>
    public ArrayView<int> Lengths;
}

/// <summary>The views of one backward step of the cell kernels.</summary>
public struct CellGradViews
{
    /// <summary>Stored gates[t]: (B, StoredPerUnit*H).</summary>
    public ArrayView<float> Stored;
    /// <summary>h[t-1]: (B, H).</summary>
    public ArrayView<float> HPrev;
    /// <summary>c[t-1]: (B, H) (cells with a cell state).</summary>
    public ArrayView<float> CPrev;
    /// <summary>c[t]: (B, H) (cells with a cell state).</summary>
    public ArrayView<float> CCur;
    /// <summary>dL/dy[t]: (B, LdY), this direction's columns.</summary>
    public ArrayView<float> Dy;
    /// <summary>The dh carry: in dL/dh[t] less dy[t]; out the carry to h[t-1] less its dG W_hh terms. (B, H).</summary>
    public ArrayView<float> Dh;
    /// <summary>The dc carry: (B, H) (cells with a cell state).</summary>
    public ArrayView<float> Dc;
    /// <summary>dL/d(pre-activations)[t]: (B, G*H), both of Gx and of Rec.</summary>
    public ArrayView<float> DG;
    /// <summary>dL/d(late input): (B, H) (cells with late gates).</summary>
    public ArrayView<float> DLate;
    /// <summary>The per-unit parameters' partials of the step: (B, UnitParams*H), summed over rows and steps afterwards.</summary>
    public ArrayView<float> DUnit;
    /// <summary>Per-unit parameters: (UnitParams*H).</summary>
    public ArrayView<float> Unit;
    /// <summary>Sequence lengths: (B).</summary>
    public ArrayView<int> Lengths;
}

/// <summary>One float64 step of one batch row for <see cref="ICell.ReferenceStep"/>: weights as stored (PyTorch layouts), the
/// row's input and state; the step writes <see cref="HOut"/> and <see cref="COut"/>.</summary>
/// <param name="I">Input size.</param>
/// <param name="H">Hidden size.</param>
/// <param name="Wih">W_ih: (G*H, I).</param>
/// <param name="Whh">W_hh: (G*H, H).</param>
/// <param name="Bih">b_ih: (G*H), zeros without bias.</param>
/// <param name="Bhh">b_hh: (G*H), zeros without bias.</param>
/// <param name="Unit">Per-unit parameters: (UnitParams*H).</param>
/// <param name="X">x[t] of the row: (I).</param>
/// <param name="HPrev">h[t-1]: (H).</param>
/// <param name="CPrev">c[t-1]: (H), zeros without a cell state.</param>
/// <param name="HOut">h[t]: (H).</param>
/// <param name="COut">c[t]: (H).</param>
public sealed record CellReferenceStep(int I, int H, double[] Wih, double[] Whh, double[] Bih, double[] Bhh, double[] Unit,
    double[] X, double[] HPrev, double[] CPrev, double[] HOut, double[] COut)
{
    /// <summary>Row q of x W_ih^T + b_ih.</summary>
    /// <param name="q">Gate row.</param>
    public double InputRow(int q)
    {
        double s = Bih[q];
        for (int i = 0; i < I; i++)
            s += Wih[(long)q * I + i] * X[i];
        return s;
    }

    /// <summary>Row q of v W_hh^T + b_hh for a vector v of length H (h[t-1], or a late input).</summary>
    /// <param name="q">Gate row.</param>
    /// <param name="v">(H).</param>
    public double RecurrentRow(int q, double[] v)
    {
        double s = Bhh[q];
        for (int j = 0; j < H; j++)
            s += Whh[(long)q * H + j] * v[j];
        return s;
    }

    /// <summary>The logistic sigmoid in float64.</summary>
    /// <param name="x">Input.</param>
    public static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));
}
