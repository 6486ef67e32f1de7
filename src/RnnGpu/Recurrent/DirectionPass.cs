using ILGPU;
using ILGPU.Runtime;
using RnnGpu.Kernels;

namespace RnnGpu;

/// <summary>Scratch shared by the directions of a backward: the BPTT carries and the gate gradients of all steps.</summary>
internal sealed class BackwardScratch : IDisposable
{
    public BackwardScratch(ComputeDevice device, RnnOptions o, int steps, int batch)
    {
        int gh = o.Cell.Gates * o.HiddenSize;
        Dh = DeviceTensor.Uninitialized(device, batch, o.StateSize);
        Dc = DeviceTensor.Uninitialized(device, batch, o.HiddenSize);
        DGx = DeviceTensor.Uninitialized(device, steps * batch, gh);
        // GRU: the n gate's recurrent part (r * (W_hn h + b_hn)) has its own gradient; other cells share dGx.
        DGh = o.Cell.SeparateRecurrentGradient ? DeviceTensor.Uninitialized(device, steps * batch, gh) : DGx;
        if (o.Cell.LateGates > 0)
            DLate = DeviceTensor.Uninitialized(device, batch, o.HiddenSize);
        if (o.Cell.UnitParams > 0)
            DUnit = DeviceTensor.Uninitialized(device, steps * batch, o.Cell.UnitParams * o.HiddenSize);
        if (o.ProjSize > 0)
        {
            DHp = DeviceTensor.Uninitialized(device, steps * batch, o.ProjSize);
            Dm = DeviceTensor.Uninitialized(device, batch, o.HiddenSize);
            DhCell = DeviceTensor.Zeros(device, batch, o.HiddenSize);
        }
    }

    public DeviceTensor Dh { get; }    // dh carry: (B, R)
    public DeviceTensor Dc { get; }    // dc carry: (B, H)
    public DeviceTensor DGx { get; }   // dGx: (T*B, G*H), gradient of the input projection's output
    public DeviceTensor DGh { get; }   // dGh: (T*B, G*H), gradient of h[t-1] W_hh^T + b_hh
    public DeviceTensor? DHp { get; }  // projection: dL/dh[t] of valid rows, (T*B, P)
    public DeviceTensor? Dm { get; }   // projection: dL/dm = dHp[t] W_hr, (B, H)
    public DeviceTensor? DhCell { get; } // projection: the cell backward's dh, (B, H), zero (StepBackward keeps it zero)
    public DeviceTensor? DLate { get; }  // cells with late gates: dL/d(late input) of a step, (B, H)
    public DeviceTensor? DUnit { get; }  // cells with per-unit parameters: their partials per step and row, (T*B, U*H)

    public void Dispose()
    {
        Dh.Dispose();
        Dc.Dispose();
        DGx.Dispose();
        if (DGh != DGx)
            DGh.Dispose();
        DHp?.Dispose();
        Dm?.Dispose();
        DhCell?.Dispose();
        DLate?.Dispose();
        DUnit?.Dispose();
    }
}

/// <summary>
/// Forward and backward of one layer and direction, in the cuDNN recipe (docs/ARCHITECTURE.md, "One training step, as data
/// flows"), around what every recurrence algorithm shares. Forward: Gx = X W_ih^T + b_ih in one GEMM, then the recurrence
/// algorithm's T steps (<see cref="Recurrence.Run"/>). Backward: the algorithm's dh chain (<see cref="Recurrence.Backward"/>:
/// the gate gradients of every step), then the weight gradients as GEMMs over all T*B rows, the bias gradients as column
/// sums and dX = dGx W_ih.
/// </summary>
internal static class DirectionPass
{
    /// <summary>Forward of direction <paramref name="w"/>: fills its states, its output columns of
    /// <paramref name="y"/> and (training) its stored gates in <paramref name="tape"/>; copies the final states into
    /// hN/cN.</summary>
    /// <param name="device">Device.</param>
    /// <param name="o">Layer options.</param>
    /// <param name="w">Weights of the layer and direction.</param>
    /// <param name="tape">The forward's tape (sizes, lengths, the direction's states).</param>
    /// <param name="x">Layer input (T*B, In).</param>
    /// <param name="gx">Scratch (T*B, G*H).</param>
    /// <param name="y">Layer output (T*B, D*R).</param>
    /// <param name="recurrence">The algorithm for the steps.</param>
    /// <param name="h0">Initial h (L*D, B, R) or null for zeros.</param>
    /// <param name="c0">Initial c (L*D, B, H) or null.</param>
    /// <param name="hN">Final h (L*D, B, R).</param>
    /// <param name="cN">Final c (L*D, B, H) or null.</param>
    public static void Forward(ComputeDevice device, RnnOptions o, DirectionWeights w, RnnTape tape, DeviceTensor x,
        DeviceTensor gx, DeviceTensor y, Recurrence recurrence, DeviceTensor? h0, DeviceTensor? c0, DeviceTensor hN, DeviceTensor? cN)
    {
        var k = device.Kernels;
        int T = tape.T, B = tape.B;
        int ld = w.Layer * o.Directions + w.Direction, gh = o.Cell.Gates * o.HiddenSize;
        var dir = tape.Dirs[ld];
        // Gx = X W_ih^T + b_ih, all T steps in one GEMM.
        Gemm.AB(k, Mat.Of(x, T * B, w.InSize), Mat.Of(w.WihT(device), w.InSize, gh), Mat.Of(gx, T * B, gh), bias: w.Bih?.Value.View);
        LoadState(k, h0, ld, dir.H.Initial);
        if (dir.C is not null)
            LoadState(k, c0, ld, dir.C.Initial);
        recurrence.Run(new DirectionRun(w, gx, dir, y, tape.Lengths!.View, T, B, tape.Training));
        tape.Recurrence = recurrence;
        StateOf(hN, ld).CopyFrom(dir.H.Final);
        if (dir.C is not null)
            StateOf(cN!, ld).CopyFrom(dir.C.Final);
    }

    /// <summary>Backward of direction <paramref name="w"/>: accumulates (+=) its parameter gradients, writes dh0/dc0
    /// of the direction and dX (= for the forward direction, += for the reverse one).</summary>
    /// <param name="device">Device.</param>
    /// <param name="o">Layer options.</param>
    /// <param name="w">Weights and gradients of the layer and direction.</param>
    /// <param name="tape">The forward's tape.</param>
    /// <param name="dy">dL/dy of the layer (T*B, D*R).</param>
    /// <param name="s">Scratch.</param>
    /// <param name="dIn">dL/dX of the layer (T*B, In).</param>
    /// <param name="dhN">dL/dh_n (L*D, B, R) or null.</param>
    /// <param name="dcN">dL/dc_n (L*D, B, H) or null.</param>
    /// <param name="dh0">dL/dh0 (L*D, B, R).</param>
    /// <param name="dc0">dL/dc0 (L*D, B, H) or null.</param>
    public static void Backward(ComputeDevice device, RnnOptions o, DirectionWeights w, RnnTape tape, DeviceTensor dy,
        BackwardScratch s, DeviceTensor dIn, DeviceTensor? dhN, DeviceTensor? dcN, DeviceTensor dh0, DeviceTensor? dc0)
    {
        var k = device.Kernels;
        int T = tape.T, B = tape.B, H = o.HiddenSize, D = o.Directions, G = o.Cell.Gates, GH = G * H, d = w.Direction;
        int ld = w.Layer * D + d, inSize = w.InSize;
        var dir = tape.Dirs[ld];
        var lengths = tape.Lengths!.View;
        LoadState(k, dhN, ld, s.Dh.View);
        LoadState(k, dcN, ld, s.Dc.View);
        var hs = dir.H;
        int R = o.StateSize;
        // BPTT's dh chain: the algorithm that ran the forward fills the gate gradients and leaves dh0 (dc0) in the carries.
        (tape.Recurrence ?? throw new InvalidOperationException("The tape records no recurrence."))
            .Backward(new DirectionBackwardRun(w, dir, dy, s, lengths, T, B));
        StateOf(dh0, ld).CopyFrom(s.Dh.View);
        if (dc0 is not null)
            StateOf(dc0, ld).CopyFrom(s.Dc.View);

        // Weight gradients over all T*B rows: dW_ih += dGx^T X, dW_hh += dGh^T Hprev (masked rows have dG = 0); biases:
        // column sums.
        var dGxAll = Mat.Of(s.DGx, T * B, GH);
        var dGhAll = Mat.Of(s.DGh, T * B, GH);
        Gemm.AtB(k, dGxAll, Mat.Of(tape.LayerIn[w.Layer], T * B, inSize), Mat.Of(w.Wih.Grad, GH, inSize), accumulate: true);
        // The early gates' recurrent product read h[t-1] (every gate but a cell's late ones), the late gates' the late input
        // the tape kept.
        var dWhh = Mat.Of(w.Whh.Grad, GH, R);
        int eh = (G - o.Cell.LateGates) * H;
        Gemm.AtB(k, dGhAll.Columns(0, eh), Mat.Of(hs.EnteringAll, T * B, R), dWhh.RowBlock(0, eh), accumulate: true);
        if (eh < GH)
            Gemm.AtB(k, dGhAll.Columns(eh, GH - eh), Mat.Of(dir.Late!, T * B, H), dWhh.RowBlock(eh, GH - eh), accumulate: true);
        if (w.Unit is not null)  // a cell's per-unit parameters: their partials summed over all T*B rows
            k.ColumnSum(s.DUnit!.View, T * B, o.Cell.UnitParams * H, o.Cell.UnitParams * H, w.Unit.Grad.View, accumulate: true);
        if (w.Whr is not null)  // dW_hr += dHp^T M
            Gemm.AtB(k, Mat.Of(s.DHp!, T * B, R), Mat.Of(dir.M!, T * B, H), Mat.Of(w.Whr.Grad, R, H), accumulate: true);
        if (w.Bih is not null)
            k.ColumnSum(s.DGx.View, T * B, GH, GH, w.Bih.Grad.View, accumulate: true);
        if (w.Bhh is not null)
            k.ColumnSum(s.DGh.View, T * B, GH, GH, w.Bhh.Grad.View, accumulate: true);
        // dX (=, then += for the reverse direction) = dGx W_ih
        Gemm.AB(k, dGxAll, Mat.Of(w.Wih.Value, GH, inSize), Mat.Of(dIn, T * B, inSize), accumulate: d == 1);
    }

    /// <summary>Copies the direction's slice of a state tensor (L*D, B, W) into <paramref name="slot"/>, or zeros.</summary>
    static void LoadState(KernelSet k, DeviceTensor? states, int ld, ArrayView<float> slot)
    {
        if (states is null)
            k.Fill(slot, 0f);
        else
            states.View.SubView((long)ld * slot.Length, slot.Length).CopyTo(slot);
    }

    /// <summary>The (B, W) slice of direction ld in a state tensor (L*D, B, W).</summary>
    static ArrayView<float> StateOf(DeviceTensor states, int ld)
    {
        long n = states.Length / states.Shape[0];
        return states.View.SubView(ld * n, n);
    }

    static void CopyFrom(this ArrayView<float> dst, ArrayView<float> src) => src.CopyTo(dst);
}
