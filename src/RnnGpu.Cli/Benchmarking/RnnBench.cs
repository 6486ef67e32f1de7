using System.Diagnostics;
using RnnGpu.Kernels;

namespace RnnGpu.Cli.Benchmarking;

/// <summary>Timings of one configuration on one device.</summary>
/// <param name="Accelerator">Device spec, e.g. <c>cuda:0</c>.</param>
/// <param name="DeviceName">Device name.</param>
/// <param name="Cell">lstm, gru, rnn_tanh or rnn_relu.</param>
/// <param name="Input">I.</param>
/// <param name="Hidden">H.</param>
/// <param name="Batch">B.</param>
/// <param name="Seq">T.</param>
/// <param name="Layers">L.</param>
/// <param name="Bidirectional">D = 2.</param>
/// <param name="Reps">Timed repetitions (the median is reported).</param>
/// <param name="ValidationRelError">Largest relative error against the float64 reference at the validation size.</param>
/// <param name="ValidationSize">T and B of the validation run.</param>
/// <param name="ForwardMs">Median inference forward, milliseconds.</param>
/// <param name="ForwardGflops">Forward GFLOP/s.</param>
/// <param name="TrainMs">Median training step (forward, backward, weight gradients), milliseconds.</param>
/// <param name="TrainGflops">Training step GFLOP/s.</param>
/// <param name="ForwardFlops">FLOPs of one forward.</param>
/// <param name="TrainFlops">FLOPs of one training step (3x forward).</param>
/// <param name="PeakBytes">Largest device allocation seen during a training step (inputs, parameters, tape, transients).</param>
/// <param name="EstimatedBytes">The estimate checked against device memory before allocating.</param>
/// <param name="Step">The <c>--step</c> asked for: auto, persistent or per-step.</param>
/// <param name="Path">The forward recurrence that ran: persistent or per-step.</param>
/// <param name="PathReason">Why that one (e.g. why a forced persistent kernel fell back).</param>
internal sealed record BenchResult(string Accelerator, string DeviceName, string Cell, int Input, int Hidden, int Batch, int Seq,
    int Layers, bool Bidirectional, int Reps, double ValidationRelError, string ValidationSize,
    double ForwardMs, double ForwardGflops, double TrainMs, double TrainGflops,
    double ForwardFlops, double TrainFlops, long PeakBytes, long EstimatedBytes,
    string Step = "auto", string Path = "per-step", string PathReason = "");

/// <summary>
/// Validate-then-time for recurrent layers: a kernel (the forward recurrence the step mode picks) is checked against <see cref="RnnReference"/>
/// (float64) before it is timed; compilation happens in warm-up, never on the clock; the device is
/// synchronised before each clock stops; medians of several repetitions.
/// </summary>
internal static class RnnBench
{
    /// <summary>Largest relative error accepted against the float64 reference.</summary>
    public const double Tolerance = 1e-4;

    /// <summary>
    /// Runs forward (training) and backward at <paramref name="cfg"/> on the device and on the float64 reference;
    /// returns the largest relative error ||out - ref|| / ||ref|| over output, h_n, c_n, dx, dh0, dc0 and every
    /// parameter gradient, and which tensor it was.
    /// </summary>
    public static (double Error, string Worst) Validate(ComputeDevice device, BenchConfig cfg, int seed = 7, RecurrenceAlgorithm step = RecurrenceAlgorithm.Auto)
    {
        var rng = new Random(seed);
        int T = cfg.Seq, B = cfg.Batch, I = cfg.Input, H = cfg.Hidden, D = cfg.Directions, LD = cfg.Layers * D;
        bool lstm = cfg.Mode == RnnMode.Lstm;
        using var layer = new RecurrentLayer(device, new RnnOptions(cfg.Mode, I, H, cfg.Layers, cfg.Bidirectional, Seed: (ulong)seed))
        {
            Algorithm = step,
        };
        float[] x = Uniform(rng, (long)T * B * I), dy = Uniform(rng, (long)T * B * D * H);
        float[] dhN = Uniform(rng, (long)LD * B * H), dcN = Uniform(rng, (long)LD * B * H);
        using var tx = DeviceTensor.FromHost(device, x, T, B, I);
        using var tdy = DeviceTensor.FromHost(device, dy, T, B, D * H);
        using var tdhN = DeviceTensor.FromHost(device, dhN, LD, B, H);
        using var tdcN = DeviceTensor.FromHost(device, dcN, LD, B, H);
        layer.ZeroGrad();
        using var outp = layer.Forward(tx, training: true);
        using var grads = layer.Backward(tdy, tdhN, lstm ? tdcN : null);

        var weights = new RnnRefWeights[LD];
        for (int ld = 0; ld < LD; ld++)
        {
            string s = Suffix(ld, D);
            weights[ld] = new RnnRefWeights(ToDouble(layer["weight_ih" + s].Value.ToArray()), ToDouble(layer["weight_hh" + s].Value.ToArray()),
                ToDouble(layer["bias_ih" + s].Value.ToArray()), ToDouble(layer["bias_hh" + s].Value.ToArray()));
        }
        var reference = new RnnReference(cfg.Cell, cfg.Layers, cfg.Bidirectional, I, H, weights);
        var (rOut, rHN, rCN) = reference.Forward(ToDouble(x), T, B, null, null, null);
        var (rDX, rDH0, rDC0, rDW) = reference.Backward(ToDouble(dy), ToDouble(dhN), lstm ? ToDouble(dcN) : null);

        double worst = 0;
        string worstName = "output";
        void Check(string name, DeviceTensor t, double[] r)
        {
            double e = Reference.RelativeError(t.ToArray(), r);
            if (!(e <= worst)) // NaN counts as worst
            {
                worst = double.IsNaN(e) ? double.PositiveInfinity : e;
                worstName = name;
            }
        }
        Check("output", outp.Output, rOut);
        Check("h_n", outp.HN, rHN);
        if (lstm) Check("c_n", outp.CN!, rCN);
        Check("dx", grads.DInput, rDX);
        Check("dh0", grads.DH0, rDH0);
        if (lstm) Check("dc0", grads.DC0!, rDC0);
        for (int ld = 0; ld < LD; ld++)
        {
            string s = Suffix(ld, D);
            Check("grad weight_ih" + s, layer["weight_ih" + s].Grad, rDW[ld].Wih);
            Check("grad weight_hh" + s, layer["weight_hh" + s].Grad, rDW[ld].Whh);
            Check("grad bias_ih" + s, layer["bias_ih" + s].Grad, rDW[ld].Bih);
            Check("grad bias_hh" + s, layer["bias_hh" + s].Grad, rDW[ld].Bhh);
        }
        return (worst, worstName);
    }

    /// <summary>Throws <see cref="CliException"/> (exit code 3) when the kernels disagree with the reference.</summary>
    public static double ValidateOrThrow(ComputeDevice device, BenchConfig cfg, RecurrenceAlgorithm step = RecurrenceAlgorithm.Auto)
    {
        var small = cfg.ValidationSize;
        var (err, worst) = Validate(device, small, step: step);
        if (!(err <= Tolerance))
            throw new CliException(
                $"{small.CellName} on {device.Info.Spec} disagrees with the float64 reference at {small} " +
                $"(relative error {err:0.00E+0} in {worst} > {Tolerance:0E+0}); not timed.", CliApp.ValidationFailed);
        return err;
    }

    /// <summary>Throws <see cref="CliException"/> when the estimated training footprint exceeds device memory.</summary>
    public static void CheckMemory(ComputeDevice device, BenchConfig cfg)
    {
        double need = cfg.EstimatedTrainingBytes;
        if (need > device.Info.MemoryBytes)
            throw new CliException(
                $"{cfg} needs about {need / (1 << 30):F1} GiB for a training step, more than the {device.Info.MemoryBytes / (double)(1 << 30):F1} GiB of {device.Info.Spec}; use smaller sizes.");
    }

    /// <summary>Warm-up (kernels compile here), then the median of <paramref name="reps"/> inference forwards and training steps,
    /// with the forward recurrence <paramref name="step"/> asks for (the result names the one that ran, and why).</summary>
    public static BenchResult Time(ComputeDevice device, BenchConfig cfg, int reps, double validationError, RecurrenceAlgorithm step = RecurrenceAlgorithm.Auto,
        string? stepName = null)
    {
        var rng = new Random(11);
        int T = cfg.Seq, B = cfg.Batch, D = cfg.Directions;
        using var layer = new RecurrentLayer(device, new RnnOptions(cfg.Mode, cfg.Input, cfg.Hidden, cfg.Layers, cfg.Bidirectional, Seed: 3))
        {
            Algorithm = step,
        };
        using var x = DeviceTensor.FromHost(device, Uniform(rng, (long)T * B * cfg.Input), T, B, cfg.Input);
        using var dy = DeviceTensor.FromHost(device, Uniform(rng, (long)T * B * D * cfg.Hidden), T, B, D * cfg.Hidden);
        layer.ZeroGrad();

        void Forward()
        {
            using var o = layer.Forward(x, training: false);
            device.Synchronize();
        }
        void Train()
        {
            using var o = layer.Forward(x, training: true);
            using var g = layer.Backward(dy);
            device.Synchronize();
        }

        // Warm-up: compiles every kernel of both paths; the training step is watched for peak memory.
        Forward();
        long peak = PeakDuring(device, Train);
        Forward();

        double fwd = Median(Forward, reps);
        double train = Median(Train, reps);
        return new BenchResult(device.Info.Spec, device.Info.Name, cfg.CellName, cfg.Input, cfg.Hidden, B, T, cfg.Layers,
            cfg.Bidirectional, reps, validationError, $"T={cfg.ValidationSize.Seq} B={cfg.ValidationSize.Batch}",
            fwd * 1e3, cfg.ForwardFlops / fwd / 1e9, train * 1e3, cfg.TrainFlops / train / 1e9,
            cfg.ForwardFlops, cfg.TrainFlops, peak, (long)cfg.EstimatedTrainingBytes,
            stepName ?? StepName(step), PathName(layer.LastAlgorithm), layer.LastAlgorithmReason);
    }

    /// <summary>The <c>--step</c> names and the algorithms they request; "per-step" is the device's own per-step algorithm.</summary>
    public static readonly (string Name, Func<ComputeDevice, RecurrenceAlgorithm> Algorithm)[] Steps =
    {
        ("auto", _ => RecurrenceAlgorithm.Auto),
        ("persistent", _ => RecurrenceAlgorithm.Persistent),
        ("per-step", d => d.Policy.StepAlgorithm),
        ("fused-step", _ => RecurrenceAlgorithm.FusedStep),
        ("row-step", _ => RecurrenceAlgorithm.RowStep),
    };

    /// <summary>The <c>--step</c> spelling of a request.</summary>
    public static string StepName(RecurrenceAlgorithm step) => step switch
    {
        RecurrenceAlgorithm.Persistent => "persistent",
        RecurrenceAlgorithm.FusedStep => "per-step",
        RecurrenceAlgorithm.RowStep => "per-step",
        RecurrenceAlgorithm.TiledStep => "per-step",
        _ => "auto",
    };

    /// <summary>How the report names the algorithm that ran: persistent or per-step.</summary>
    public static string PathName(RecurrenceAlgorithm ran) => ran == RecurrenceAlgorithm.Persistent ? "persistent" : "per-step";

    /// <summary>Median wall time in seconds of <paramref name="reps"/> calls (each synchronises before returning).</summary>
    public static double Median(Action run, int reps)
    {
        var times = new double[reps];
        for (int i = 0; i < reps; i++)
        {
            long start = Stopwatch.GetTimestamp();
            run();
            times[i] = Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
        Array.Sort(times);
        return reps % 2 == 1 ? times[reps / 2] : 0.5 * (times[reps / 2 - 1] + times[reps / 2]);
    }

    /// <summary>Runs <paramref name="run"/> while a background thread samples <see cref="ComputeDevice.AllocatedBytes"/>.</summary>
    static long PeakDuring(ComputeDevice device, Action run)
    {
        long peak = device.AllocatedBytes;
        bool stop = false;
        var sampler = new Thread(() =>
        {
            while (!Volatile.Read(ref stop))
            {
                long now = device.AllocatedBytes;
                if (now > Interlocked.Read(ref peak))
                    Interlocked.Exchange(ref peak, now);
                Thread.Yield();
            }
        }) { IsBackground = true, Name = "rnngpu memory sampler" };
        sampler.Start();
        try
        {
            run();
        }
        finally
        {
            Volatile.Write(ref stop, true);
            sampler.Join();
        }
        return Interlocked.Read(ref peak);
    }

    static string Suffix(int ld, int d) => $"_l{ld / d}" + (ld % d == 1 ? "_reverse" : "");

    internal static float[] Uniform(Random rng, long n)
    {
        var a = new float[n];
        for (long i = 0; i < n; i++)
            a[i] = (float)(rng.NextDouble() * 2 - 1);
        return a;
    }

    internal static double[] ToDouble(float[] x) => Array.ConvertAll(x, v => (double)v);
}
