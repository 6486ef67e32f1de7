using System.Globalization;
using RnnGpu.Kernels;

namespace RnnGpu.Cli.Benchmarking;

/// <summary>One CTC size: frames T, batch B, classes C (the blank included), padded target length S.</summary>
/// <param name="T">Frames.</param>
/// <param name="B">Sequences.</param>
/// <param name="C">Classes.</param>
/// <param name="S">Target length.</param>
internal sealed record CtcSize(int T, int B, int C, int S)
{
    /// <summary>The sizes the CTC benchmark runs by default: a small speech model's, a character model's over long
    /// utterances, and a large vocabulary's.</summary>
    public static readonly CtcSize[] Defaults = { new(200, 32, 11, 8), new(1000, 8, 29, 150), new(2000, 4, 5000, 100) };

    /// <summary>Parses "T,B,C,S".</summary>
    /// <exception cref="CliException">Not four positive integers, or C below 2, or T below the target.</exception>
    public static CtcSize Parse(string text)
    {
        var parts = text.Split(',');
        if (parts.Length != 4 || !parts.All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v > 0))
            throw new CliException($"--size takes T,B,C,S (four positive integers, e.g. 200,32,11,8), got '{text}'.");
        var v = parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        var size = new CtcSize(v[0], v[1], v[2], v[3]);
        if (size.C < 2)
            throw new CliException($"--size {text}: C = {size.C} leaves no label beside the blank.");
        if (size.T < 2 * size.S)
            throw new CliException($"--size {text}: T = {size.T} frames are too few for targets of {size.S} labels (at least 2S, for repeats).");
        if ((long)size.T * size.B * (2L * size.S + 1) > 1L << 28 || (long)size.T * size.B * size.C > 1L << 28)
            throw new CliException($"--size {text} is too large for the benchmark (at most 2^28 logits or forward variables).");
        return size;
    }

    /// <summary>Floating-point operations of one loss and gradient, counting a transcendental as one: per logit the
    /// log-sum-exp (max, subtract, exp, add) and the gradient (subtract, exp, multiply); per forward or backward variable a
    /// three-term log-add (max of three, three subtractions and exps, two adds, a log, an add) and the log-probability,
    /// twice (alpha and beta); per occupancy three passes of an add and an exp.</summary>
    public double Flops => (double)T * B * (C * 7.0 + (2 * S + 1) * (2 * 14.0 + 9.0));

    /// <inheritdoc />
    public override string ToString() => $"T={T} B={B} C={C} S={S}";
}

/// <summary>One CTC benchmark row.</summary>
internal sealed record CtcResult(int T, int B, int C, int S, int Reps, double ValidationLossRelError, double ValidationGradRelError,
    double Ms, double BestMs, double Gflops);

/// <summary>
/// <c>rnngpu bench ctc</c>: <see cref="Losses.Ctc"/> (loss and gradient together, as a training step needs them) validated
/// against the float64 reference (<see cref="CtcReference"/>) on the same data, then timed: median of the repetitions after
/// a warm-up that compiles every kernel.
/// </summary>
internal static class CtcBench
{
    /// <summary>Relative error validation must stay under (loss, and the gradient's norm-wise error).</summary>
    public const double Tolerance = 1e-4;

    /// <summary>The benchmark's data: logits uniform in [-3, 3], targets of S - (b mod 3) random labels (no blank, so some
    /// repeats), every sequence T frames; the same for every run.</summary>
    public static (float[] Logits, int[] Targets, int[] InputLengths, int[] TargetLengths) Data(CtcSize z)
    {
        var rng = new Random(7);
        var x = new float[(long)z.T * z.B * z.C];
        for (long i = 0; i < x.Length; i++)
            x[i] = (float)(rng.NextDouble() * 6 - 3);
        var targets = new int[z.B * z.S];
        for (int i = 0; i < targets.Length; i++)
            targets[i] = 1 + rng.Next(z.C - 1);
        var inLen = Enumerable.Repeat(z.T, z.B).ToArray();
        var tgLen = Enumerable.Range(0, z.B).Select(b => Math.Max(1, z.S - b % 3)).ToArray();
        return (x, targets, inLen, tgLen);
    }

    /// <summary>Validates, then times; <paramref name="log"/> gets one line per stage.</summary>
    /// <exception cref="CliException">The kernels disagree with the reference.</exception>
    public static CtcResult Run(ComputeDevice device, CtcSize z, int reps, TextWriter log)
    {
        var (xs, ts, inLen, tgLen) = Data(z);
        using var x = DeviceTensor.FromHost(device, xs, z.T, z.B, z.C);
        using var targets = DeviceIndices.FromHost(device, ts, z.B, z.S);
        using var dx = DeviceTensor.Uninitialized(device, z.T, z.B, z.C);
        float loss;
        using (var l = Losses.Ctc(x, targets, inLen, tgLen, dx))
            loss = l.Read();
        var (rl, _, rg) = CtcReference.Loss(xs, ts, inLen, tgLen, new CtcArgs(z.T, z.B, z.C, z.S, 0, false, true, z.B));
        double lossErr = Math.Abs(loss - rl) / Math.Abs(rl);
        double gradErr = Reference.RelativeError(dx.ToArray(), rg);
        if (!(lossErr <= Tolerance && gradErr <= Tolerance))
            throw new CliException($"CTC at {z} disagrees with the float64 reference: loss {loss} against {rl} (relative {lossErr:E2}), " +
                $"gradient relative error {gradErr:E2}; limit {Tolerance:E0}.", CliApp.Failure);
        log.WriteLine($"validated {z}: loss relative error {lossErr:0.0E+0}, gradient {gradErr:0.0E+0} <= {Tolerance:0E+0}");
        void Step()
        {
            using var l = Losses.Ctc(x, targets, inLen, tgLen, dx);
            l.Read();
        }
        Step();
        var times = new double[reps];
        for (int i = 0; i < reps; i++)
        {
            long start = System.Diagnostics.Stopwatch.GetTimestamp();
            Step();
            times[i] = System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
        Array.Sort(times);
        double s = reps % 2 == 1 ? times[reps / 2] : 0.5 * (times[reps / 2 - 1] + times[reps / 2]);
        return new CtcResult(z.T, z.B, z.C, z.S, reps, lossErr, gradErr, s * 1e3, times[0] * 1e3, z.Flops / s / 1e9);
    }
}
