using System.Globalization;
using RnnGpu.Kernels;

namespace RnnGpu.Cli.Verification;

/// <summary>One check of <c>rnngpu verify</c>: what was asked for, what actually ran, its relative errors against the float64
/// reference with their bounds, or why it was skipped.</summary>
/// <param name="Check">What was asked for (kernel family and variant or algorithm).</param>
/// <param name="Ran">The kernel variant or recurrence algorithm that ran, and why that one; empty when skipped.</param>
/// <param name="Case">The case (sizes, features), or why the check was skipped.</param>
/// <param name="Forward">Largest relative error ||x - r|| / ||r|| of the outputs (NaN if any output was NaN).</param>
/// <param name="ForwardBound">The bound <paramref name="Forward"/> must stay under.</param>
/// <param name="Backward">Largest relative error of the gradients, or null where the check has none (GEMM).</param>
/// <param name="BackwardBound">The bound <paramref name="Backward"/> must stay under.</param>
/// <param name="Skipped">True when the check cannot run on this device (the reason is in <paramref name="Case"/>).</param>
internal sealed record VerifyResult(string Check, string Ran, string Case, double Forward, double ForwardBound,
    double? Backward = null, double BackwardBound = 0, bool Skipped = false)
{
    /// <summary>Passed: skipped, or every error under its bound.</summary>
    public bool Ok => Skipped || (Forward < ForwardBound && (Backward is not double b || b < BackwardBound));

    /// <summary>A skipped check and why.</summary>
    public static VerifyResult Skip(string check, string why) => new(check, "", why, 0, 0, Skipped: true);
}

/// <summary>
/// The kernels of one device against their float64 references (<see cref="Reference"/>, <see cref="RnnReference"/>):
/// every GEMM variant whose groups fit the device, over odd sizes, all four transposes, bias and accumulate epilogues;
/// every recurrence algorithm that can run here (fused, row and tiled steps, the persistent kernel where a grid
/// barrier is safe), for each of PyTorch's cells, and the generic cell kernels of each cell that is a type, stacked, bidirectional, with variable lengths and initial states, forward and
/// backward (input, state and parameter gradients); the CTC loss and its gradient (<see cref="CtcReference"/>).
/// Deterministic inputs (fixed seeds); nothing is timed.
/// </summary>
internal static class Verifier
{
    const double ForwardTolerance = 1e-5, GradientTolerance = 1e-4;

    static readonly (int M, int N, int K)[] GemmSizes = { (1, 1, 1), (33, 7, 129), (130, 257, 9), (257, 130, 300) };

    /// <summary>Runs every check on the device.</summary>
    public static List<VerifyResult> Run(ComputeDevice device, Action<VerifyResult>? progress = null)
    {
        var results = new List<VerifyResult>();
        void Add(VerifyResult r)
        {
            results.Add(r);
            progress?.Invoke(r);
        }
        int maxGroup = device.Info.MaxGroupSize;
        foreach (var (variant, group) in new[] { (GemmVariant.CpuBlocked, 1), (GemmVariant.RowBlocked, GemmKernels.RowGroupN), (GemmVariant.Tiled, GemmKernels.TiledGroupSize) })
        {
            if (!device.Policy.GemmCandidates.Contains(variant) && variant == GemmVariant.CpuBlocked)
                continue; // shaped for the CPU accelerator's workers only
            if (maxGroup < group)
            {
                Add(VerifyResult.Skip($"gemm {variant}", $"groups of {group} threads; this device allows {maxGroup}"));
                continue;
            }
            Add(Gemm(device, variant));
        }
        var algorithms = new[] { RecurrenceAlgorithm.FusedStep, RecurrenceAlgorithm.RowStep, RecurrenceAlgorithm.TiledStep, RecurrenceAlgorithm.Persistent };
        foreach (var spec in CellSpec.PyTorch)
            foreach (var algorithm in algorithms)
                Add(Recurrence(device, spec, algorithm));
        foreach (var spec in CellSpec.All.Where(c => c.CellType is not null))
            Add(CellType(device, spec));
        Add(Ctc(device));
        return results;
    }

    /// <summary>The CTC loss and its gradient (<see cref="Losses.Ctc"/>, the device's own kernels) against
    /// <see cref="CtcReference"/>: repeated labels, variable lengths, a blank other than 0, an infeasible sequence under
    /// zeroInfinity, both reductions, long targets (more extended positions than a GPU group has threads).</summary>
    static VerifyResult Ctc(ComputeDevice device)
    {
        var rng = new Random(4321);
        double loss = 0, grad = 0;
        foreach (var (T, B, C, S, blank, reduction) in new[] { (60, 3, 9, 20, 0, Reduction.Mean), (300, 2, 30, 140, 29, Reduction.Sum) })
        {
            var x = Uniform(rng, T * B * C);
            for (int i = 0; i < x.Length; i++) x[i] *= 3f;
            var targets = new int[B * S];
            for (int i = 0; i < targets.Length; i++)
            {
                int v = rng.Next(C - 1);
                targets[i] = v >= blank ? v + 1 : v;
            }
            targets[1] = targets[0]; // a repeat
            var inLen = Enumerable.Range(0, B).Select(b => b == B - 1 ? S / 2 : T - b).ToArray(); // the last: infeasible
            var tgLen = Enumerable.Range(0, B).Select(b => S - b).ToArray();
            using var tx = DeviceTensor.FromHost(device, x, T, B, C);
            using var tt = DeviceIndices.FromHost(device, targets, B, S);
            using var l = Losses.Ctc(tx, tt, inLen, tgLen, blank: blank, reduction: reduction, zeroInfinity: true);
            var (rl, _, rg) = CtcReference.Loss(x, targets, inLen, tgLen, new CtcArgs(T, B, C, S, blank, true, reduction == Reduction.Mean, B));
            loss = Worst(loss, Math.Abs(l.Read() - rl) / Math.Abs(rl));
            grad = Worst(grad, Reference.RelativeError(l.Gradient.ToArray(), rg));
        }
        string ran = device.Policy.HostRowKernels ? "ctc: one fused pass per sequence range (host SIMD)" : "ctc: lse rows, grouped alpha/beta, gradient rows";
        return new VerifyResult("ctc loss", ran, "T 60 and 300, S 20 and 140, blank 0 and C-1, zeroInfinity, mean and sum", loss, ForwardTolerance,
            grad, GradientTolerance);
    }

    static VerifyResult Gemm(ComputeDevice device, GemmVariant variant)
    {
        var rng = new Random(1234);
        double worst = 0;
        foreach (var (m, n, k) in GemmSizes)
        foreach (bool ta in new[] { false, true })
        foreach (bool tb in new[] { false, true })
        foreach (int epilogue in new[] { 0, 1 })
        {
            // 0: plain product (C write-only, poisoned with NaN); 1: alpha 0.75, beta 1 (accumulate) and bias.
            float alpha = epilogue == 1 ? 0.75f : 1f, beta = epilogue;
            float[] a = Uniform(rng, m * k), b = Uniform(rng, k * n), c0 = Uniform(rng, m * n), bias = Uniform(rng, n);
            using var ta_ = DeviceTensor.FromHost(device, a, ta ? k : m, ta ? m : k);
            using var tb_ = DeviceTensor.FromHost(device, b, tb ? n : k, tb ? k : n);
            using var tc = DeviceTensor.FromHost(device, c0, m, n);
            using var tbias = DeviceTensor.FromHost(device, bias, n);
            if (beta == 0f)
                tc.Fill(float.NaN);
            Blas.Gemm(ta_, tb_, tc, ta, tb, alpha, beta, epilogue == 1 ? tbias : null, variant);
            var reference = Array.ConvertAll(c0, v => (double)v);
            Reference.Gemm(a, b, reference, bias, new GemmArgs(m, n, k, ta, ta ? m : k, tb, tb ? k : n, n, alpha, beta, epilogue == 1));
            worst = Worst(worst, Reference.RelativeError(tc.ToArray(), reference));
        }
        return new VerifyResult($"gemm {variant}", $"gemm {variant}", $"{GemmSizes.Length} sizes x 4 transposes x 2 epilogues", worst, ForwardTolerance);
    }

    static VerifyResult Recurrence(ComputeDevice device, CellSpec spec, RecurrenceAlgorithm algorithm)
    {
        const int layers = 2, T = 5, B = 33, I = 6, H = 13;
        var rng = new Random(100 + (int)spec.Kind);
        var mode = spec.Kind;
        bool lstm = spec.Kind == RnnMode.Lstm;
        int D = 2, LD = layers * D;
        using var layer = new RecurrentLayer(device, new RnnOptions(mode, I, H, layers, Bidirectional: true, Seed: 7, Algorithm: algorithm));
        using var io = new LayerCase(device, rng, T, B, I, H, LD, D);
        var (x, lengths, h0, c0, dy, dhN, dcN) = (io.X, io.Lengths, io.H0, io.C0, io.Dy, io.DhN, io.DcN);
        var (tx, th0, tc0, tdy, tdhN, tdcN) = (io.TX, io.TH0, io.TC0, io.TDy, io.TDhN, io.TDcN);
        layer.ZeroGrad();
        using var output = layer.Forward(tx, th0, lstm ? tc0 : null, lengths, training: true);
        string check = $"{spec.Name} {algorithm}";
        if (layer.LastAlgorithm != algorithm)
        {
            string why = System.Text.RegularExpressions.Regex.Replace(layer.LastAlgorithmReason, @"; ran \w+$", "");
            return VerifyResult.Skip(check, $"{why}; the device runs {layer.LastAlgorithm} instead (its own row)");
        }
        string ran = layer.LastAlgorithm.ToString();
        using var grads = layer.Backward(tdy, tdhN, lstm ? tdcN : null);

        var weights = new RnnRefWeights[LD];
        for (int l = 0; l < layers; l++)
            for (int d = 0; d < D; d++)
            {
                string s = $"_l{l}" + (d == 1 ? "_reverse" : "");
                weights[l * D + d] = new RnnRefWeights(Doubles(layer["weight_ih" + s].Value.ToArray()), Doubles(layer["weight_hh" + s].Value.ToArray()),
                    Doubles(layer["bias_ih" + s].Value.ToArray()), Doubles(layer["bias_hh" + s].Value.ToArray()));
            }
        var reference = new RnnReference(spec.Kind, layers, true, I, H, weights);
        var (rOut, rHN, rCN) = reference.Forward(Doubles(x), T, B, lengths, Doubles(h0), lstm ? Doubles(c0) : null);
        var (rDX, rDH0, rDC0, rDW) = reference.Backward(Doubles(dy), Doubles(dhN), lstm ? Doubles(dcN) : null);

        double forward = Worst(Reference.RelativeError(output.Output.ToArray(), rOut), Reference.RelativeError(output.HN.ToArray(), rHN));
        if (lstm)
            forward = Worst(forward, Reference.RelativeError(output.CN!.ToArray(), rCN));
        double backward = Worst(Reference.RelativeError(grads.DInput.ToArray(), rDX), Reference.RelativeError(grads.DH0.ToArray(), rDH0));
        if (lstm)
            backward = Worst(backward, Reference.RelativeError(grads.DC0!.ToArray(), rDC0));
        for (int ld = 0; ld < LD; ld++)
        {
            string s = $"_l{ld / D}" + (ld % D == 1 ? "_reverse" : "");
            backward = Worst(backward, Reference.RelativeError(layer["weight_ih" + s].Grad.ToArray(), rDW[ld].Wih));
            backward = Worst(backward, Reference.RelativeError(layer["weight_hh" + s].Grad.ToArray(), rDW[ld].Whh));
            backward = Worst(backward, Reference.RelativeError(layer["bias_ih" + s].Grad.ToArray(), rDW[ld].Bih));
            backward = Worst(backward, Reference.RelativeError(layer["bias_hh" + s].Grad.ToArray(), rDW[ld].Bhh));
        }
        string what = $"L = {layers}, bidirectional, T = {T}, B = {B}, H = {H}, variable lengths, initial states";
        if (device.Policy.CpuRecurrence && algorithm is RecurrenceAlgorithm.FusedStep or RecurrenceAlgorithm.Persistent)
            what += "; here FusedStep and Persistent run the same step code, so their errors agree bit for bit";
        return new VerifyResult(check, ran, what, forward, ForwardTolerance, backward, GradientTolerance);
    }

    /// <summary>A cell that is a type (its generic cell kernels, per step with the device's GEMM) against
    /// <see cref="CellReference"/>: the forward's outputs and states, and the gradient along random directions (of all
    /// parameters, of the input, of the initial states) against the reference's central differences along them.</summary>
    static VerifyResult CellType(ComputeDevice device, CellSpec spec)
    {
        const int layers = 2, T = 5, B = 33, I = 6, H = 13;
        var rng = new Random(300 + (int)spec.Kind);
        int D = 2, LD = layers * D;
        bool hasC = spec.HasCellState;
        using var layer = new RecurrentLayer(device, new RnnOptions(spec.Kind, I, H, layers, Bidirectional: true, Seed: 7));
        if (spec.UnitParamName is { } unitName) // per-unit parameters start at zero: give them values that matter
            foreach (var p in layer.NamedParameters.Where(n => n.Name.StartsWith(unitName, StringComparison.Ordinal)).Select(n => n.Parameter))
                p.Value.CopyFromHost(Uniform(rng, (int)p.Value.Length));
        using var io = new LayerCase(device, rng, T, B, I, H, LD, D);
        var (x, lengths, h0, c0, dy, dhN, dcN) = (io.X, io.Lengths, io.H0, io.C0, io.Dy, io.DhN, io.DcN);
        var (tx, th0, tc0, tdy, tdhN, tdcN) = (io.TX, io.TH0, io.TC0, io.TDy, io.TDhN, io.TDcN);
        layer.ZeroGrad();
        using var output = layer.Forward(tx, th0, hasC ? tc0 : null, lengths, training: true);
        using var grads = layer.Backward(tdy, tdhN, hasC ? tdcN : null);

        var reference = new CellReference(spec.Kind, layers, true, I, H);
        string Name(string stem, int ld) => stem + $"_l{ld / D}" + (ld % D == 1 ? "_reverse" : "");
        var stems = new[] { "weight_ih", "weight_hh", "bias_ih", "bias_hh", spec.UnitParamName ?? "" };
        var weights = stems.Select(stem => Enumerable.Range(0, LD).Select(ld => stem.Length == 0 ? Array.Empty<double>()
            : Doubles(layer[Name(stem, ld)].Value.ToArray())).ToArray()).ToArray();
        double[] xd = Doubles(x), h0d = Doubles(h0), c0d = hasC ? Doubles(c0) : new double[LD * B * H];
        (double[], double[], double[]) Run() => reference.Forward(weights[0], weights[1], weights[2], weights[3], weights[4], xd, T, B, lengths, h0d, c0d);
        var (rOut, rHN, rCN) = Run();
        double forward = Worst(Reference.RelativeError(output.Output.ToArray(), rOut), Reference.RelativeError(output.HN.ToArray(), rHN));
        if (hasC)
            forward = Worst(forward, Reference.RelativeError(output.CN!.ToArray(), rCN));

        double Loss()
        {
            var (o, hn, cn) = Run();
            double sum = 0;
            for (int i = 0; i < o.Length; i++) sum += o[i] * dy[i];
            for (int i = 0; i < hn.Length; i++) sum += hn[i] * dhN[i];
            if (hasC) for (int i = 0; i < cn.Length; i++) sum += cn[i] * dcN[i];
            return sum;
        }
        // (values, the kernels' gradient) of each group a direction moves together.
        var groups = new List<(double[][] Values, float[][] Grads)>
        {
            (weights.SelectMany(w => w).Where(w => w.Length > 0).ToArray(),
             stems.Where(st => st.Length > 0).SelectMany(st => Enumerable.Range(0, LD).Select(ld => layer[Name(st, ld)].Grad.ToArray())).ToArray()),
            (new[] { xd }, new[] { grads.DInput.ToArray() }),
            (new[] { h0d }, new[] { grads.DH0.ToArray() }),
        };
        if (hasC)
            groups.Add((new[] { c0d }, new[] { grads.DC0!.ToArray() }));
        double backward = 0;
        foreach (var (values, g) in groups)
        {
            var dir = values.Select(v => Array.ConvertAll(Uniform(rng, v.Length), f => (double)f)).ToArray();
            double analytic = 0;
            for (int a = 0; a < values.Length; a++)
                for (int i = 0; i < values[a].Length; i++)
                    analytic += g[a][i] * dir[a][i];
            double Shifted(double e)
            {
                var keep = values.Select(v => (double[])v.Clone()).ToArray();
                for (int a = 0; a < values.Length; a++)
                    for (int i = 0; i < values[a].Length; i++)
                        values[a][i] += e * dir[a][i];
                double loss = Loss();
                for (int a = 0; a < values.Length; a++)
                    keep[a].CopyTo(values[a], 0);
                return loss;
            }
            const double eps = 1e-5;
            double numeric = (Shifted(eps) - Shifted(-eps)) / (2 * eps);
            backward = Worst(backward, Math.Abs(numeric - analytic) / Math.Max(Math.Abs(numeric), 1e-30));
        }
        return new VerifyResult($"{spec.Name} cell kernels", "the generic cell kernels, per step with the device's GEMM",
            $"L = {layers}, bidirectional, T = {T}, B = {B}, H = {H}, variable lengths, initial states; gradients along random " +
            "directions against the float64 reference's central differences", forward, ForwardTolerance, backward, GradientTolerance);
    }

    /// <summary>The inputs of a layer check, drawn in one order from the check's generator: x (T, B, I), lengths (the first
    /// T, the rest in 1..T), h0 and c0 (LD, B, H), and the upstream gradients dy (T, B, D*H), dh_n and dc_n; on the host and on
    /// the device.</summary>
    sealed class LayerCase : IDisposable
    {
        public LayerCase(ComputeDevice device, Random rng, int T, int B, int I, int H, int LD, int D)
        {
            X = Uniform(rng, T * B * I);
            Lengths = Enumerable.Range(0, B).Select(b => b == 0 ? T : 1 + rng.Next(T)).ToArray();
            H0 = Uniform(rng, LD * B * H);
            C0 = Uniform(rng, LD * B * H);
            Dy = Uniform(rng, T * B * D * H);
            DhN = Uniform(rng, LD * B * H);
            DcN = Uniform(rng, LD * B * H);
            TX = DeviceTensor.FromHost(device, X, T, B, I);
            TH0 = DeviceTensor.FromHost(device, H0, LD, B, H);
            TC0 = DeviceTensor.FromHost(device, C0, LD, B, H);
            TDy = DeviceTensor.FromHost(device, Dy, T, B, D * H);
            TDhN = DeviceTensor.FromHost(device, DhN, LD, B, H);
            TDcN = DeviceTensor.FromHost(device, DcN, LD, B, H);
        }

        public float[] X { get; }
        public int[] Lengths { get; }
        public float[] H0 { get; }
        public float[] C0 { get; }
        public float[] Dy { get; }
        public float[] DhN { get; }
        public float[] DcN { get; }
        public DeviceTensor TX { get; }
        public DeviceTensor TH0 { get; }
        public DeviceTensor TC0 { get; }
        public DeviceTensor TDy { get; }
        public DeviceTensor TDhN { get; }
        public DeviceTensor TDcN { get; }

        public void Dispose()
        {
            foreach (var t in new[] { TX, TH0, TC0, TDy, TDhN, TDcN })
                t.Dispose();
        }
    }

    static double Worst(double a, double b) => double.IsNaN(a) || double.IsNaN(b) ? double.NaN : Math.Max(a, b);

    static float[] Uniform(Random rng, int n)
    {
        var x = new float[n];
        for (int i = 0; i < n; i++)
            x[i] = (float)(rng.NextDouble() * 2 - 1);
        return x;
    }

    static double[] Doubles(float[] x) => Array.ConvertAll(x, v => (double)v);
}
