using ILGPU;
using ILGPU.Runtime;
using RnnGpu.Kernels;

namespace RnnGpu;

/// <summary>Sizes of one projected LSTM layer and direction: T steps, B batch rows, In inputs, H hidden (cell), P projection.</summary>
/// <param name="T">Steps T.</param>
/// <param name="B">Batch size B.</param>
/// <param name="In">Input size (I for layer 0, D*P above).</param>
/// <param name="H">Hidden size H (c, m, gates 4H).</param>
/// <param name="P">Projection size P, 0 &lt; P &lt; H (h and outputs).</param>
internal readonly record struct ProjectedLstmShape(int T, int B, int In, int H, int P);

/// <summary>
/// Views of one layer and direction's parameters, or of their gradients, laid out as PyTorch stores them:
/// W_ih (4H, In), W_hh (4H, P), W_hr (P, H), b_ih and b_hh (4H). A default (empty) bias view is an absent bias
/// (<c>bias=False</c>); a gradient view for an absent bias is ignored.
/// </summary>
/// <param name="Wih">weight_ih: (4H, In).</param>
/// <param name="Whh">weight_hh: (4H, P).</param>
/// <param name="Whr">weight_hr: (P, H).</param>
/// <param name="Bih">bias_ih: (4H), or default for none.</param>
/// <param name="Bhh">bias_hh: (4H), or default for none.</param>
internal readonly record struct ProjectedLstmParams(ArrayView<float> Wih, ArrayView<float> Whh, ArrayView<float> Whr,
    ArrayView<float> Bih = default, ArrayView<float> Bhh = default)
{
    /// <summary>Whether b_ih is present.</summary>
    public bool HasBih => Bih.Length > 0;

    /// <summary>Whether b_hh is present.</summary>
    public bool HasBhh => Bhh.Length > 0;
}

/// <summary>
/// What a projected LSTM layer and direction keeps between <see cref="ProjectedLstm.Forward"/> and
/// <see cref="ProjectedLstm.Backward"/>. Training: h slots (T+1, B, P), c slots (T+1, B, H), gates (T, B, 4H)
/// (activations i, f, g, o, <see cref="RnnKernels.StepBackward"/>'s layout) and m = o*tanh(c) (T, B, H);
/// 4*B*(P + 6H) bytes per step (plus one slot of h and c). Slot t holds the state entering time step t (for the
/// reverse direction: the state after step t+1), slot T the final state, exactly like RecurrentLayer's tape, so
/// slots 0..T-1 are the time-ordered h[t-1] rows that dW_hh needs. Inference: two ping-pong slots of h and c and
/// one of m, no gates.
/// </summary>
internal sealed class ProjectedLstmTape : IDisposable
{
    /// <summary>Allocates the tape (contents undefined until <see cref="ProjectedLstm.Forward"/> writes them).</summary>
    /// <param name="device">The device.</param>
    /// <param name="shape">Sizes; T, B, H and P are used.</param>
    /// <param name="training">Keep all steps for backward (else two slots, no gates).</param>
    public ProjectedLstmTape(ComputeDevice device, in ProjectedLstmShape shape, bool training)
    {
        Shape = shape;
        Training = training;
        int slots = training ? shape.T + 1 : 2;
        Hs = DeviceTensor.Uninitialized(device, slots, shape.B, shape.P);
        Cs = DeviceTensor.Uninitialized(device, slots, shape.B, shape.H);
        M = DeviceTensor.Uninitialized(device, training ? shape.T : 1, shape.B, shape.H);
        Gates = training ? DeviceTensor.Uninitialized(device, shape.T, shape.B, 4 * shape.H) : null;
    }

    /// <summary>The sizes it was allocated for.</summary>
    public ProjectedLstmShape Shape { get; }

    /// <summary>Whether all steps are kept (backward possible).</summary>
    public bool Training { get; }

    /// <summary>h slots: (T+1, B, P) training, (2, B, P) inference.</summary>
    public DeviceTensor Hs { get; }

    /// <summary>c slots: (T+1, B, H) training, (2, B, H) inference.</summary>
    public DeviceTensor Cs { get; }

    /// <summary>m = o*tanh(c): (T, B, H) training, (1, B, H) inference; 0 on masked rows.</summary>
    public DeviceTensor M { get; }

    /// <summary>Gate activations i, f, g, o: (T, B, 4H), training only.</summary>
    public DeviceTensor? Gates { get; }

    /// <summary>The state slot entering processing step s (s = 0 first processed).</summary>
    internal int PrevSlot(int s, bool reverse) => Training ? (reverse ? Shape.T - 1 - s : s) : s % 2;

    /// <summary>The state slot processing step s writes.</summary>
    internal int NextSlot(int s, bool reverse) =>
        Training ? (s == Shape.T - 1 ? Shape.T : (reverse ? Shape.T - 2 - s : s + 1)) : (s + 1) % 2;

    /// <inheritdoc />
    public void Dispose()
    {
        Hs.Dispose();
        Cs.Dispose();
        M.Dispose();
        Gates?.Dispose();
    }
}

/// <summary>
/// One layer and direction of PyTorch's LSTM with <c>proj_size</c> P, forward over all T steps and its BPTT,
/// composed from GEMMs, <see cref="ProjectionKernels"/> and the existing <see cref="RnnKernels.StepBackward"/>.
/// Step: gates = x W_ih^T + b_ih + h[t-1] W_hh^T + b_hh; c = f*c + i*g; m = o*tanh(c); h = m W_hr^T.
/// Steps t &gt;= lengths[b] output 0 and keep h and c; the reverse direction starts at each sequence's own last step.
/// All views are row-major and sequence-major (row t*B + b); nothing is copied to the host, nothing synchronises.
/// </summary>
/// <remarks>
/// Forward: one GEMM Gx = X W_ih^T + b_ih for all steps (into a (T*B, 4H) scratch); per step a GEMM
/// Gx[t] += h[t-1] W_hh^T + b_hh (in place), <see cref="ProjectionKernels.LstmCellForward"/>, a GEMM
/// h[t] = m[t] W_hr^T straight into the next h slot and <see cref="ProjectionKernels.ProjectedUpdate"/> in place.
/// Backward, reverse time: <see cref="ProjectionKernels.ProjectedBackward"/> (dHP[t]), GEMM dm = dHP[t] W_hr,
/// <see cref="RnnKernels.StepBackward"/> with dm as its dy (LdY = H) and a zeroed (B, H) dh (for LSTM it reads only
/// gates, c[t-1], c[t], dy, dh, dc; writes dG, dc = dc_t*f and dh = 0 on valid rows; leaves dc, dh on masked rows),
/// GEMM dh += dG[t] W_hh. After the loop: dW_hr += dHP^T M, dW_hh += dG^T H[0..T-1], dW_ih += dG^T X,
/// db_ih, db_hh += column sums of dG, dX (=, or += for a second direction) = dG W_ih.
/// W_hh and W_hr are read as stored (transposed operands of the GEMM); a caller that caches W_hh^T can swap it in later.
/// </remarks>
internal static class ProjectedLstm
{
    /// <summary>
    /// Runs the layer and direction over all T steps, writing y, h_n, c_n and the tape.
    /// </summary>
    /// <param name="device">The device of every view.</param>
    /// <param name="s">Sizes.</param>
    /// <param name="w">Parameters.</param>
    /// <param name="x">x: (T*B, In), row stride In.</param>
    /// <param name="lengths">lengths: (B), each in 1..T.</param>
    /// <param name="h0">h0: (B, P), or default for zeros.</param>
    /// <param name="c0">c0: (B, H), or default for zeros.</param>
    /// <param name="reverse">Reverse direction (t = T-1 down to 0).</param>
    /// <param name="y">y: (T*B, ldY) starting at this direction's first column (e.g. y.SubView(d*P)); P columns written per row.</param>
    /// <param name="ldY">Row stride of y (D*P).</param>
    /// <param name="hN">h_n: (B, P), each sequence's state after its last step; or default to skip.</param>
    /// <param name="cN">c_n: (B, H); or default to skip.</param>
    /// <param name="tape">Tape of these sizes; training tapes keep what <see cref="Backward"/> needs.</param>
    /// <param name="gx">Scratch (T*B, 4H) overwritten, or default to allocate one for this call.</param>
    /// <exception cref="ArgumentException">A view is too short for its shape, or the tape has other sizes.</exception>
    public static void Forward(ComputeDevice device, in ProjectedLstmShape s, in ProjectedLstmParams w, ArrayView<float> x,
        ArrayView<int> lengths, ArrayView<float> h0, ArrayView<float> c0, bool reverse, ArrayView<float> y, int ldY,
        ArrayView<float> hN, ArrayView<float> cN, ProjectedLstmTape tape, ArrayView<float> gx = default)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(tape);
        Check(s, w, lengths);
        int T = s.T, B = s.B, H = s.H, P = s.P, G4 = 4 * H;
        if (tape.Shape != s)
            throw new ArgumentException($"The tape was allocated for {tape.Shape}, not {s}.", nameof(tape));
        Require(x, (long)T * B * s.In, nameof(x), $"(T*B, In) = ({T * B}, {s.In})");
        if (ldY < P)
            throw new ArgumentException($"ldY ({ldY}) is smaller than the projection size P ({P}).", nameof(ldY));
        Require(y, (long)(T * B - 1) * ldY + P, nameof(y), $"(T*B, ldY) = ({T * B}, {ldY}) from this direction's column");
        if (h0.Length > 0) Require(h0, (long)B * P, nameof(h0), $"(B, P) = ({B}, {P})");
        if (c0.Length > 0) Require(c0, (long)B * H, nameof(c0), $"(B, H) = ({B}, {H})");
        if (hN.Length > 0) Require(hN, (long)B * P, nameof(hN), $"(B, P) = ({B}, {P})");
        if (cN.Length > 0) Require(cN, (long)B * H, nameof(cN), $"(B, H) = ({B}, {H})");
        DeviceTensor? ownGx = null;
        if (gx.Length == 0)
        {
            ownGx = DeviceTensor.Uninitialized(device, T * B, G4);
            gx = ownGx.View;
        }
        else
        {
            Require(gx, (long)T * B * G4, nameof(gx), $"(T*B, 4H) = ({T * B}, {G4})");
        }
        try
        {
            var k = device.Kernels;
            // Gx = X W_ih^T + b_ih, all T steps in one GEMM.
            k.Gemm(x, w.Wih, gx, w.HasBih ? w.Bih : gx.SubView(0, 1),
                new GemmArgs(T * B, G4, s.In, false, s.In, true, s.In, G4, 1f, 0f, w.HasBih));
            var first = HSlot(tape, tape.PrevSlot(0, reverse));
            if (h0.Length > 0) h0.SubView(0, (long)B * P).CopyTo(first); else k.Fill(first, 0f);
            var cFirst = CSlot(tape, tape.PrevSlot(0, reverse));
            if (c0.Length > 0) c0.SubView(0, (long)B * H).CopyTo(cFirst); else k.Fill(cFirst, 0f);
            var dummy = tape.M.View.SubView(0, 1);
            long yRow = (long)(B - 1) * ldY + P;
            for (int step = 0; step < T; step++)
            {
                int t = reverse ? T - 1 - step : step;
                int prev = tape.PrevSlot(step, reverse), next = tape.NextSlot(step, reverse);
                var hPrev = HSlot(tape, prev);
                var hNext = HSlot(tape, next);
                var pre = gx.SubView((long)t * B * G4, (long)B * G4);
                var m = tape.M.View.SubView(tape.Training ? (long)t * B * H : 0, (long)B * H);
                var gates = tape.Gates is null ? dummy : tape.Gates.View.SubView((long)t * B * G4, (long)B * G4);
                var p = new ProjectionArgs(B, H, P, ldY, t, tape.Training);
                // pre = Gx[t] + h[t-1] W_hh^T + b_hh
                k.Gemm(hPrev, w.Whh, pre, w.HasBhh ? w.Bhh : pre.SubView(0, 1),
                    new GemmArgs(B, G4, P, false, P, true, P, G4, 1f, 1f, w.HasBhh));
                k.LstmCellForward(pre, CSlot(tape, prev), CSlot(tape, next), m, gates, lengths, p);
                // hp = m W_hr^T, written into the next h slot; ProjectedUpdate then restores masked rows in place.
                k.Gemm(m, w.Whr, hNext, hNext.SubView(0, 1), new GemmArgs(B, P, H, false, H, true, H, P, 1f, 0f, false));
                k.ProjectedUpdate(hNext, hPrev, hNext, y.SubView((long)t * B * ldY, yRow), lengths, p);
            }
            int last = tape.NextSlot(T - 1, reverse);
            if (hN.Length > 0) HSlot(tape, last).CopyTo(hN.SubView(0, (long)B * P));
            if (cN.Length > 0) CSlot(tape, last).CopyTo(cN.SubView(0, (long)B * H));
        }
        finally
        {
            ownGx?.Dispose();
        }
    }

    /// <summary>
    /// BPTT through the last training <see cref="Forward"/> recorded in <paramref name="tape"/>. Parameter gradients
    /// accumulate (+=); dX is set (=) or accumulated; dh0 and dc0 are set.
    /// </summary>
    /// <param name="device">The device of every view.</param>
    /// <param name="s">Sizes (those of the forward).</param>
    /// <param name="w">Parameters (those of the forward).</param>
    /// <param name="grads">Gradient views, same shapes; bias gradients are used where <paramref name="w"/> has the bias.</param>
    /// <param name="x">x: (T*B, In), the forward's input.</param>
    /// <param name="lengths">lengths: (B), the forward's.</param>
    /// <param name="reverse">The forward's direction.</param>
    /// <param name="tape">The training tape the forward wrote.</param>
    /// <param name="dy">dy: (T*B, ldY) starting at this direction's first column, or default for zero.</param>
    /// <param name="ldY">Row stride of dy (D*P).</param>
    /// <param name="dhN">dL/dh_n: (B, P), or default for zero.</param>
    /// <param name="dcN">dL/dc_n: (B, H), or default for zero.</param>
    /// <param name="dx">dX: (T*B, In).</param>
    /// <param name="accumulateDx">Add into dX (the second direction of a layer) instead of overwriting it.</param>
    /// <param name="dh0">dL/dh0: (B, P); or default to skip.</param>
    /// <param name="dc0">dL/dc0: (B, H); or default to skip.</param>
    /// <exception cref="ArgumentException">A view is too short, or the tape is not a training tape of these sizes.</exception>
    public static void Backward(ComputeDevice device, in ProjectedLstmShape s, in ProjectedLstmParams w, in ProjectedLstmParams grads,
        ArrayView<float> x, ArrayView<int> lengths, bool reverse, ProjectedLstmTape tape, ArrayView<float> dy, int ldY,
        ArrayView<float> dhN, ArrayView<float> dcN, ArrayView<float> dx, bool accumulateDx, ArrayView<float> dh0, ArrayView<float> dc0)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(tape);
        Check(s, w, lengths);
        int T = s.T, B = s.B, H = s.H, P = s.P, G4 = 4 * H;
        if (tape.Shape != s || !tape.Training || tape.Gates is null)
            throw new ArgumentException($"Backward needs the training tape of {s}; got {(tape.Training ? "" : "an inference tape of ")}{tape.Shape}.", nameof(tape));
        Require(grads.Wih, (long)G4 * s.In, "grads.Wih", $"(4H, In) = ({G4}, {s.In})");
        Require(grads.Whh, (long)G4 * P, "grads.Whh", $"(4H, P) = ({G4}, {P})");
        Require(grads.Whr, (long)P * H, "grads.Whr", $"(P, H) = ({P}, {H})");
        if (w.HasBih) Require(grads.Bih, G4, "grads.Bih", $"({G4})");
        if (w.HasBhh) Require(grads.Bhh, G4, "grads.Bhh", $"({G4})");
        Require(x, (long)T * B * s.In, nameof(x), $"(T*B, In) = ({T * B}, {s.In})");
        Require(dx, (long)T * B * s.In, nameof(dx), $"(T*B, In) = ({T * B}, {s.In})");
        if (dy.Length > 0)
        {
            if (ldY < P)
                throw new ArgumentException($"ldY ({ldY}) is smaller than the projection size P ({P}).", nameof(ldY));
            Require(dy, (long)(T * B - 1) * ldY + P, nameof(dy), $"(T*B, ldY) = ({T * B}, {ldY}) from this direction's column");
        }
        if (dhN.Length > 0) Require(dhN, (long)B * P, nameof(dhN), $"(B, P) = ({B}, {P})");
        if (dcN.Length > 0) Require(dcN, (long)B * H, nameof(dcN), $"(B, H) = ({B}, {H})");
        if (dh0.Length > 0) Require(dh0, (long)B * P, nameof(dh0), $"(B, P) = ({B}, {P})");
        if (dc0.Length > 0) Require(dc0, (long)B * H, nameof(dc0), $"(B, H) = ({B}, {H})");

        var k = device.Kernels;
        // Scratch: dG (T*B, 4H) | dHP (T*B, P) | dm (B, H) | dh (B, P) | dc (B, H) | zero dh of the cell (B, H).
        long nG = (long)T * B * G4, nHP = (long)T * B * P, bh = (long)B * H, bp = (long)B * P;
        using var scratch = DeviceTensor.Uninitialized(device, checked((int)(nG + nHP + 3 * bh + bp)));
        var all = scratch.View;
        var dG = all.SubView(0, nG);
        var dHP = all.SubView(nG, nHP);
        var dm = all.SubView(nG + nHP, bh);
        var dh = all.SubView(nG + nHP + bh, bp);
        var dc = all.SubView(nG + nHP + bh + bp, bh);
        var dhCell = all.SubView(nG + nHP + 2 * bh + bp, bh);
        DeviceTensor? zeroDy = null;
        try
        {
            if (dy.Length == 0)
            {
                zeroDy = DeviceTensor.Zeros(device, T * B, P);
                dy = zeroDy.View;
                ldY = P;
            }
            if (dhN.Length > 0) dhN.SubView(0, bp).CopyTo(dh); else k.Fill(dh, 0f);
            if (dcN.Length > 0) dcN.SubView(0, bh).CopyTo(dc); else k.Fill(dc, 0f);
            k.Fill(dhCell, 0f); // StepBackward only ever writes zeros into it
            long yRow = (long)(B - 1) * ldY + P;
            for (int step = T - 1; step >= 0; step--)
            {
                int t = reverse ? T - 1 - step : step;
                int prev = tape.PrevSlot(step, reverse), next = tape.NextSlot(step, reverse);
                var p = new ProjectionArgs(B, H, P, ldY, t, true);
                var dhpT = dHP.SubView((long)t * bp, bp);
                var dgT = dG.SubView((long)t * B * G4, (long)B * G4);
                k.ProjectedBackward(dy.SubView((long)t * B * ldY, yRow), dh, dhpT, lengths, p);
                // dm = dhp W_hr
                k.Gemm(dhpT, w.Whr, dm, dm.SubView(0, 1), new GemmArgs(B, H, P, false, P, false, H, H, 1f, 0f, false));
                k.StepBackward(tape.Gates.View.SubView((long)t * B * G4, (long)B * G4), dm, CSlot(tape, prev), CSlot(tape, next),
                    dm, dhCell, dc, dgT, dgT, lengths, new StepArgs(B, H, CellKind.Lstm, H, t, true));
                // dh[t-1] += dG[t] W_hh
                k.Gemm(dgT, w.Whh, dh, dh.SubView(0, 1), new GemmArgs(B, P, G4, false, G4, false, P, P, 1f, 1f, false));
            }
            if (dh0.Length > 0) dh.CopyTo(dh0.SubView(0, bp));
            if (dc0.Length > 0) dc.CopyTo(dc0.SubView(0, bh));

            // Weight gradients over all T*B rows (masked rows have dG = 0 and dHP = 0).
            int rows = T * B;
            var hPrev = tape.Hs.View.SubView(0, (long)rows * P); // slots 0..T-1: h[t-1] in time order
            k.Gemm(dHP, tape.M.View, grads.Whr, dHP.SubView(0, 1), new GemmArgs(P, H, rows, true, P, false, H, H, 1f, 1f, false));
            k.Gemm(dG, hPrev, grads.Whh, dG.SubView(0, 1), new GemmArgs(G4, P, rows, true, G4, false, P, P, 1f, 1f, false));
            k.Gemm(dG, x, grads.Wih, dG.SubView(0, 1), new GemmArgs(G4, s.In, rows, true, G4, false, s.In, s.In, 1f, 1f, false));
            if (w.HasBih) k.ColumnSum(dG, rows, G4, G4, grads.Bih, accumulate: true);
            if (w.HasBhh) k.ColumnSum(dG, rows, G4, G4, grads.Bhh, accumulate: true);
            // dX (= or +=) dG W_ih
            k.Gemm(dG, w.Wih, dx, dG.SubView(0, 1),
                new GemmArgs(rows, s.In, G4, false, G4, false, s.In, s.In, 1f, accumulateDx ? 1f : 0f, false));
        }
        finally
        {
            zeroDy?.Dispose();
        }
    }

    static ArrayView<float> HSlot(ProjectedLstmTape tape, int slot)
    {
        long n = (long)tape.Shape.B * tape.Shape.P;
        return tape.Hs.View.SubView(slot * n, n);
    }

    static ArrayView<float> CSlot(ProjectedLstmTape tape, int slot)
    {
        long n = (long)tape.Shape.B * tape.Shape.H;
        return tape.Cs.View.SubView(slot * n, n);
    }

    static void Check(in ProjectedLstmShape s, in ProjectedLstmParams w, ArrayView<int> lengths)
    {
        if (s.T <= 0 || s.B <= 0 || s.In <= 0 || s.H <= 0)
            throw new ArgumentException($"Sizes must be positive: {s}.", nameof(s));
        if (s.P <= 0 || s.P >= s.H)
            throw new ArgumentException($"The projection size P ({s.P}) must be in 1..H-1 (H = {s.H}).", nameof(s));
        int g4 = 4 * s.H;
        Require(w.Wih, (long)g4 * s.In, "w.Wih", $"(4H, In) = ({g4}, {s.In})");
        Require(w.Whh, (long)g4 * s.P, "w.Whh", $"(4H, P) = ({g4}, {s.P})");
        Require(w.Whr, (long)s.P * s.H, "w.Whr", $"(P, H) = ({s.P}, {s.H})");
        if (w.HasBih) Require(w.Bih, g4, "w.Bih", $"({g4})");
        if (w.HasBhh) Require(w.Bhh, g4, "w.Bhh", $"({g4})");
        if (lengths.Length < s.B)
            throw new ArgumentException($"lengths has {lengths.Length} entries, expected B = {s.B}.", nameof(lengths));
    }

    static void Require<T>(ArrayView<T> v, long n, string name, string shape) where T : unmanaged
    {
        if (v.Length < n)
            throw new ArgumentException($"{name} has {v.Length} elements, fewer than {shape} = {n}.", name);
    }
}
