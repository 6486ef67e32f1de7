using ILGPU;
using RnnGpu.Kernels;

namespace RnnGpu;

/// <summary>
/// The recurrence of a cell that is a type (<see cref="CellSpec.CellType"/>: LSTM with peepholes, GRU with the reset gate
/// first), on every accelerator: per step the GEMM Rec = h[t-1] W_hh^T + b_hh over the early gates, for cells with late
/// gates the cell's <see cref="CellKernels.Early"/> (the late input, e.g. r * h[t-1]) and the GEMM of the late gates over it,
/// then the cell's <see cref="CellKernels.Forward"/>. Its backward, in reverse time: <see cref="CellKernels.Backward"/>, for
/// late gates the GEMM dLate = dG_late W_hh_late and <see cref="CellKernels.LateBackward"/>, then dh += dG_early W_hh_early.
/// A training forward keeps the late inputs (the tape's <c>Late</c>): the late gates' weight gradient reads them where the
/// early gates' reads h[t-1] (<see cref="DirectionPass"/>).
/// </summary>
internal sealed class CellStepRecurrence : Recurrence
{
    readonly CellSpec spec;

    public CellStepRecurrence(ComputeDevice device, RnnOptions options) : base(device, options)
    {
        spec = options.Cell;
        if (spec.CellType is null)
            throw new InvalidOperationException($"The {spec.Name} cell is not a cell type.");
    }

    /// <summary>Reported as <see cref="RecurrenceAlgorithm.FusedStep"/>: launches per step.</summary>
    public override RecurrenceAlgorithm Algorithm => RecurrenceAlgorithm.FusedStep;

    int GH => spec.Gates * H;
    int EH => (spec.Gates - spec.LateGates) * H;

    /// <summary>One step of (batch) rows: the recurrent products, the late input and the cell.</summary>
    void StepForward(DirectionWeights w, in CellViews v, in CellArgs p, int batch)
    {
        var k = Device.Kernels;
        var whh = Mat.Of(w.Whh.Value, GH, H);
        var rec = Mat.Of(v.Rec, batch, GH);
        var bias = w.BhhOrZero;
        Gemm.ABt(k, Mat.Of(v.HPrev, batch, H), whh.RowBlock(0, EH), rec.Columns(0, EH), bias: bias.SubView(0, EH));
        if (spec.LateGates > 0)
        {
            k.CellEarly(spec, v, p);
            Gemm.ABt(k, Mat.Of(v.Late, batch, H), whh.RowBlock(EH, GH - EH), rec.Columns(EH, GH - EH), bias: bias.SubView(EH, GH - EH));
        }
        k.CellForward(spec, v, p);
    }

    public override void Run(in DirectionRun r)
    {
        int B = r.B, D = Options.Directions, d = r.W.Direction;
        var hs = r.Tape.H;
        var cs = r.Tape.C;
        using var rec = DeviceTensor.Uninitialized(Device, B, GH);
        using var lateStep = spec.LateGates > 0 && !r.Store ? DeviceTensor.Uninitialized(Device, B, H) : null;
        var dummy = rec.View.SubView(0, 1);
        for (int s = 0; s < r.T; s++)
        {
            int t = hs.Time(s);
            var v = new CellViews
            {
                Gx = Steps.Rows(r.Gx, t, B),
                Rec = rec.View,
                HPrev = hs.Entering(s),
                CPrev = cs?.Entering(s) ?? dummy,
                HNext = hs.Leaving(s),
                CNext = cs?.Leaving(s) ?? dummy,
                Y = Steps.Columns(r.Y, t, B, d, H),
                Stored = r.Store ? r.Tape.GatesAt(t, B) : dummy,
                Late = spec.LateGates == 0 ? dummy : r.Store ? r.Tape.LateAt(t, B) : lateStep!.View,
                Unit = r.W.Unit?.Value.View ?? dummy,
                Lengths = r.Lengths,
            };
            StepForward(r.W, v, new CellArgs(B, H, D * H, t, r.Store), B);
        }
    }

    /// <summary>One step of a unidirectional layer for streaming: the state moves from (hPrev, cPrev) to (hNext, cNext).</summary>
    public void Step(DirectionWeights w, ArrayView<float> hPrev, ArrayView<float> cPrev, ArrayView<float> gx,
        ArrayView<float> hNext, ArrayView<float> cNext, ArrayView<float> y, ArrayView<int> ones, int batch,
        DeviceTensor rec, DeviceTensor late)
    {
        var dummy = hPrev.SubView(0, 1);
        var v = new CellViews
        {
            Gx = gx, Rec = rec.View, HPrev = hPrev, CPrev = cPrev, HNext = hNext, CNext = cNext, Y = y, Stored = dummy,
            Late = late.View, Unit = w.Unit?.Value.View ?? dummy, Lengths = ones,
        };
        StepForward(w, v, new CellArgs(batch, H, H, 0, false), batch);
    }

    public override void Backward(in DirectionBackwardRun r)
    {
        var k = Device.Kernels;
        var s = r.S;
        int B = r.B, D = Options.Directions, d = r.W.Direction, U = spec.UnitParams;
        var hs = r.Tape.H;
        var cs = r.Tape.C;
        var dummy = s.Dh.View.SubView(0, 1);
        var whh = Mat.Of(r.W.Whh.Value, GH, H);
        for (int step = r.T - 1; step >= 0; step--)
        {
            int t = hs.Time(step);
            var dG = Mat.Of(Steps.Rows(s.DGx, t, B), B, GH);
            var v = new CellGradViews
            {
                Stored = r.Tape.GatesAt(t, B),
                HPrev = hs.Entering(step),
                CPrev = cs?.Entering(step) ?? dummy,
                CCur = cs?.Leaving(step) ?? dummy,
                Dy = Steps.Columns(r.Dy, t, B, d, H),
                Dh = s.Dh.View,
                Dc = s.Dc.View,
                DG = dG.Data,
                DLate = s.DLate?.View ?? dummy,
                DUnit = U > 0 ? Steps.Rows(s.DUnit!, t, B) : dummy,
                Unit = r.W.Unit?.Value.View ?? dummy,
                Lengths = r.Lengths,
            };
            var p = new CellArgs(B, H, D * H, t, true);
            k.CellBackward(spec, v, p);
            if (spec.LateGates > 0)
            {
                // dL/d(late input) = dG_late W_hh_late, then the early gates that made the late input.
                Gemm.AB(k, dG.Columns(EH, GH - EH), whh.RowBlock(EH, GH - EH), Mat.Of(s.DLate!, B, H));
                k.CellLateBackward(spec, v, p);
            }
            // dh[t-1] += dG_early W_hh_early
            Gemm.AB(k, dG.Columns(0, EH), whh.RowBlock(0, EH), Mat.Of(s.Dh, B, H), accumulate: true);
        }
    }
}
