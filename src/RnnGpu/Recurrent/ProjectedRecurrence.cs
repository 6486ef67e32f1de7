using ILGPU;
using ILGPU.Runtime;
using RnnGpu.Kernels;

namespace RnnGpu;

/// <summary>
/// The forward recurrence of an LSTM with a projection (PyTorch's <c>proj_size</c> P): per step a GEMM
/// pre = Gx[t] + h[t-1] W_hh^T + b_hh (W_hh is (4H, P), read as stored), <see cref="ProjectionKernels.LstmCellForward"/>
/// (c, m = o*tanh(c), stored gates), a GEMM h[t] = m W_hr^T straight into the next h slot and
/// <see cref="ProjectionKernels.ProjectedUpdate"/> (masked rows keep h, output 0). The fused, row and persistent
/// kernels compute h from the cell in their epilogue, which a projection does not allow, so projected layers always
/// run this, on every accelerator; its backward (<see cref="Backward"/>) is the projected per-step chain.
/// </summary>
internal sealed class ProjectedRecurrence : Recurrence
{
    public ProjectedRecurrence(ComputeDevice device, RnnOptions options) : base(device, options)
    {
    }

    /// <summary>Reported as <see cref="RecurrenceAlgorithm.FusedStep"/>: launches per step, the cell fused into one kernel.</summary>
    public override RecurrenceAlgorithm Algorithm => RecurrenceAlgorithm.FusedStep;

    public override void Run(in DirectionRun r)
    {
        var k = Device.Kernels;
        int B = r.B, T = r.T, P = Options.ProjSize, G4 = 4 * H, D = Options.Directions, d = r.W.Direction;
        var hs = r.Tape.H;
        var cs = r.Tape.C!;
        var whh = Mat.Of(r.W.Whh.Value, G4, P);
        var whr = Mat.Of(r.W.Whr!.Value, P, H);
        var dummy = hs.Tensor.View.SubView(0, 1);
        for (int s = 0; s < T; s++)
        {
            int t = hs.Time(s);
            var pre = Mat.Of(Steps.Rows(r.Gx, t, B), B, G4);
            var hNext = Mat.Of(hs.Leaving(s), B, P);
            var m = Mat.Of(r.Store ? r.Tape.MAt(t, B) : r.Tape.MAt(0, B), B, H);
            var p = new ProjectionArgs(B, H, P, D * P, t, r.Store);
            Gemm.ABt(k, Mat.Of(hs.Entering(s), B, P), whh, pre, accumulate: true, bias: r.W.Bhh?.Value.View);
            k.LstmCellForward(pre.Data, cs.Entering(s), cs.Leaving(s), m.Data, r.Store ? r.Tape.GatesAt(t, B) : dummy, r.Lengths, p);
            Gemm.ABt(k, m, whr, hNext);
            k.ProjectedUpdate(hNext.Data, hs.Entering(s), hNext.Data, Steps.Columns(r.Y, t, B, d, P), r.Lengths, p);
        }
    }

    /// <summary>Per step, in reverse time: dHp[t] = dh + dy[t] on valid rows (dh carried on masked ones), dm = dHp[t] W_hr,
    /// the LSTM cell backward with dm as its output gradient, then dh[t-1] += dGh[t] W_hh (W_hh is (4H, P)).</summary>
    public override void Backward(in DirectionBackwardRun r)
    {
        var k = Device.Kernels;
        var s = r.S;
        int B = r.B, P = Options.ProjSize, G4 = 4 * H, D = Options.Directions, d = r.W.Direction;
        var cs = r.Tape.C!;
        var whh = Mat.Of(r.W.Whh.Value, G4, P);
        for (int step = r.T - 1; step >= 0; step--)
        {
            int t = r.Tape.H.Time(step);
            var dGx = Mat.Of(Steps.Rows(s.DGx, t, B), B, G4);
            var dGh = Mat.Of(Steps.Rows(s.DGh, t, B), B, G4);
            var dHp = Mat.Of(Steps.Rows(s.DHp!, t, B), B, P);
            k.ProjectedBackward(Steps.Columns(r.Dy, t, B, d, P), s.Dh.View, dHp.Data, r.Lengths, new ProjectionArgs(B, H, P, D * P, t, true));
            Gemm.AB(k, dHp, Mat.Of(r.W.Whr!.Value, P, H), Mat.Of(s.Dm!, B, H));
            k.StepBackward(r.Tape.GatesAt(t, B), s.Dm!.View, cs.Entering(step), cs.Leaving(step), s.Dm.View, s.DhCell!.View,
                s.Dc.View, dGx.Data, dGh.Data, r.Lengths, new StepArgs(B, H, Cell, H, t, true));
            Gemm.AB(k, dGh, whh, Mat.Of(s.Dh, B, P), accumulate: true);
        }
    }
}
