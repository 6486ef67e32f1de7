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
/// run this; the backward is <see cref="DirectionPass"/>'s projected loop.
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
}
