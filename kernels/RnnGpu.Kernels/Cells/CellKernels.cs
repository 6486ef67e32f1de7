using ILGPU;

namespace RnnGpu.Kernels;

/// <summary>
/// The cell kernels, generic over the cell (<see cref="ICell"/>): elementwise over (batch row, hidden unit), B*H items
/// (<see cref="Items"/>). A step of the generic per-step recurrence: the host's GEMM Rec = h[t-1] W_hh^T + b_hh for the early
/// gates, <see cref="Early"/> and a second GEMM for the late gates (cells that have them), then <see cref="Forward"/>. In
/// reverse time: <see cref="Backward"/>, for cells with late gates a GEMM dLate = dG_late W_hh_late and
/// <see cref="LateBackward"/>, then the host's GEMM dh += dG_early W_hh_early. Rows whose sequence has ended keep h and c,
/// output 0, write a zero late input and get zero gradients; their carries pass on unchanged.
/// </summary>
public static class CellKernels
{
    /// <summary>The late input of every active pair; inactive pairs write 0 (it feeds a weight-gradient GEMM).</summary>
    /// <typeparam name="TCell">The cell.</typeparam>
    /// <param name="items">B*H.</param>
    /// <param name="v">Step views.</param>
    /// <param name="p">Step arguments.</param>
    public static void Early<TCell>(int items, CellViews v, CellArgs p) where TCell : struct, ICell
    {
        for (int index = Items.First(items), end = Items.End(items); index < end; index++)
        {
            int b = index / p.H, u = index % p.H;
            if (p.T < v.Lengths[b])
                TCell.Early(b, u, v, p);
            else
                v.Late[(long)b * p.H + u] = 0f;
        }
    }

    /// <summary>The cell's forward of every active pair; inactive pairs keep their state and output 0.</summary>
    /// <typeparam name="TCell">The cell.</typeparam>
    /// <param name="items">B*H.</param>
    /// <param name="v">Step views.</param>
    /// <param name="p">Step arguments.</param>
    public static void Forward<TCell>(int items, CellViews v, CellArgs p) where TCell : struct, ICell
    {
        for (int index = Items.First(items), end = Items.End(items); index < end; index++)
        {
            int b = index / p.H, u = index % p.H;
            if (p.T < v.Lengths[b])
            {
                TCell.Forward(b, u, v, p);
                continue;
            }
            long bh = (long)b * p.H + u;
            v.HNext[bh] = v.HPrev[bh];
            if (TCell.HasCellState)
                v.CNext[bh] = v.CPrev[bh];
            v.Y[(long)b * p.LdY + u] = 0f;
        }
    }

    /// <summary>The cell's backward of every active pair, from dL/dh[t] = carry + dy[t]; inactive pairs get zero gate and
    /// per-unit gradients and keep their carries.</summary>
    /// <typeparam name="TCell">The cell.</typeparam>
    /// <param name="items">B*H.</param>
    /// <param name="v">Gradient views.</param>
    /// <param name="p">Step arguments.</param>
    public static void Backward<TCell>(int items, CellGradViews v, CellArgs p) where TCell : struct, ICell
    {
        int H = p.H;
        for (int index = Items.First(items), end = Items.End(items); index < end; index++)
        {
            int b = index / H, u = index % H;
            if (p.T < v.Lengths[b])
            {
                TCell.Backward(b, u, v.Dh[(long)b * H + u] + v.Dy[(long)b * p.LdY + u], v, p);
                continue;
            }
            long bg = (long)b * TCell.Gates * H + u;
            for (int q = 0; q < TCell.Gates; q++)
                v.DG[bg + (long)q * H] = 0f;
            long bu = (long)b * TCell.UnitParams * H + u;
            for (int q = 0; q < TCell.UnitParams; q++)
                v.DUnit[bu + (long)q * H] = 0f;
        }
    }

    /// <summary>The cell's backward after dL/d(late input) (cells with late gates); inactive pairs are left as
    /// <see cref="Backward"/> wrote them.</summary>
    /// <typeparam name="TCell">The cell.</typeparam>
    /// <param name="items">B*H.</param>
    /// <param name="v">Gradient views.</param>
    /// <param name="p">Step arguments.</param>
    public static void LateBackward<TCell>(int items, CellGradViews v, CellArgs p) where TCell : struct, ICell
    {
        for (int index = Items.First(items), end = Items.End(items); index < end; index++)
        {
            int b = index / p.H, u = index % p.H;
            if (p.T < v.Lengths[b])
                TCell.LateBackward(b, u, v, p);
        }
    }
}
