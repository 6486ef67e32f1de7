using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using RnnGpu.Cli.Benchmarking;
using RnnGpu.Kernels;

namespace RnnGpu.Bench;

// BenchmarkDotNet suite ("RnnGpu.Bench bdn"): GEMM, inference forward and training step, for every cell kind
// and every accelerator present. Each [GlobalSetup] checks its kernel against the float64 reference and
// throws (BenchmarkDotNet then reports the case as failed instead of timing it). Every benchmark synchronises
// the device before returning, so the time is the device's, not the launch queue's.

/// <summary>A short in-process job (2 warm-ups, 5 iterations, 1 launch) and a GFLOP/s column.</summary>
public sealed class RnnBenchConfig : ManualConfig
{
    /// <summary>The configuration every suite here uses.</summary>
    public RnnBenchConfig()
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(2)
            .WithIterationCount(5)
            .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(250))
            .WithId("Short"));
        AddColumn(new GflopsColumn());
    }
}

/// <summary>The accelerators found on this machine, as <c>cpu:0</c>, <c>opencl:0</c>, <c>cuda:0</c>.</summary>
public static class BenchDevices
{
    /// <summary>Specs of every accelerator present (RNNGPU_ACCELERATOR narrows them to one).</summary>
    public static IEnumerable<string> Specs()
    {
        string? env = Environment.GetEnvironmentVariable(ComputeDevice.EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(env))
        {
            var (kind, index) = ComputeDevice.ParseSpec(env);
            return new[] { $"{kind.ToString().ToLowerInvariant()}:{index}" };
        }
        return ComputeDevice.ListDevices().Select(d => d.Spec).ToList();
    }

    /// <summary>Creates the device a spec names.</summary>
    public static ComputeDevice Open(string spec)
    {
        var (kind, index) = ComputeDevice.ParseSpec(spec);
        return ComputeDevice.Create(new DeviceOptions(kind, index, IgnoreEnvironment: true));
    }
}

/// <summary>C (M, N) = A (M, K) B (K, N) with the default variant of each accelerator.</summary>
[Config(typeof(RnnBenchConfig))]
public class GemmBenchmarks
{
    ComputeDevice? device;
    DeviceTensor? a, b, c;

    /// <summary>Accelerator spec.</summary>
    [ParamsSource(typeof(BenchDevices), nameof(BenchDevices.Specs))]
    public string Accelerator { get; set; } = "cpu:0";

    /// <summary>M x N x K.</summary>
    [Params("1024x1024x256", "4096x256x64")]
    public string Shape { get; set; } = "1024x1024x256";

    internal static (int M, int N, int K) Parse(string shape)
    {
        var p = shape.Split('x').Select(int.Parse).ToArray();
        return (p[0], p[1], p[2]);
    }

    /// <summary>Allocates, runs once (compiles) and validates against the float64 reference.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var (m, n, k) = Parse(Shape);
        device = BenchDevices.Open(Accelerator);
        var rng = new Random(42);
        float[] ha = GemmQuick.Rand(rng, m * k), hb = GemmQuick.Rand(rng, k * n);
        a = DeviceTensor.FromHost(device, ha, m, k);
        b = DeviceTensor.FromHost(device, hb, k, n);
        c = DeviceTensor.Zeros(device, m, n);
        c.Fill(float.NaN);
        Blas.Gemm(a, b, c);
        var reference = new double[m * n];
        Reference.Gemm(ha, hb, reference, default, new GemmArgs(m, n, k, false, k, false, n, n, 1f, 0f, false));
        double err = Reference.RelativeError(c.ToArray(), reference);
        if (!(err < 1e-5))
            throw new InvalidOperationException($"GEMM {Shape} on {Accelerator} disagrees with the float64 reference (relative error {err:E2}); not timed.");
    }

    /// <summary>One GEMM, synchronised.</summary>
    [Benchmark]
    public void Gemm()
    {
        Blas.Gemm(a!, b!, c!);
        device!.Synchronize();
    }

    /// <summary>Frees the tensors and the device.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        a?.Dispose();
        b?.Dispose();
        c?.Dispose();
        device?.Dispose();
    }
}

/// <summary>One recurrent layer (I = H = 128, B = 32, T = 10): inference forward and a training step.</summary>
[Config(typeof(RnnBenchConfig))]
public class RnnBenchmarks
{
    /// <summary>The size timed (small enough for the CPU accelerator in a short job).</summary>
    public const int I = 128, H = 128, B = 32, T = 10;

    ComputeDevice? device;
    RecurrentLayer? layer;
    DeviceTensor? x, dy;

    /// <summary>Accelerator spec.</summary>
    [ParamsSource(typeof(BenchDevices), nameof(BenchDevices.Specs))]
    public string Accelerator { get; set; } = "cpu:0";

    /// <summary>Cell kind.</summary>
    [Params("lstm", "gru", "rnn_tanh", "rnn_relu")]
    public string Cell { get; set; } = "lstm";

    internal static BenchConfig Config(string cell) => new(BenchConfig.ParseCell(cell), I, H, B, T);

    /// <summary>Validates forward and backward against the float64 reference, then allocates and warms up.</summary>
    [GlobalSetup]
    public void Setup()
    {
        device = BenchDevices.Open(Accelerator);
        var cfg = Config(Cell);
        var (err, worst) = RnnBench.Validate(device, cfg);
        if (!(err <= RnnBench.Tolerance))
            throw new InvalidOperationException(
                $"{cfg} on {Accelerator} disagrees with the float64 reference (relative error {err:E2} in {worst}); not timed.");
        layer = new RecurrentLayer(device, new RnnOptions(cfg.Mode, I, H));
        var rng = new Random(5);
        x = DeviceTensor.FromHost(device, RnnBench.Uniform(rng, T * B * I), T, B, I);
        dy = DeviceTensor.FromHost(device, RnnBench.Uniform(rng, T * B * H), T, B, H);
        Forward();
        TrainingStep();
    }

    /// <summary>Inference forward, synchronised.</summary>
    [Benchmark]
    public void Forward()
    {
        using var o = layer!.Forward(x!, training: false);
        device!.Synchronize();
    }

    /// <summary>Forward (training), backward and weight gradients, synchronised.</summary>
    [Benchmark]
    public void TrainingStep()
    {
        using var o = layer!.Forward(x!, training: true);
        using var g = layer.Backward(dy!);
        device!.Synchronize();
    }

    /// <summary>Frees the layer, tensors and device.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        x?.Dispose();
        dy?.Dispose();
        layer?.Dispose();
        device?.Dispose();
    }
}

/// <summary>GFLOP/s from the mean time: 2MNK for GEMM; 2*T*B*(I+H)*G*H forward, 3x that for a training step.</summary>
public sealed class GflopsColumn : IColumn
{
    /// <inheritdoc />
    public string Id => nameof(GflopsColumn);
    /// <inheritdoc />
    public string ColumnName => "GFLOP/s";
    /// <inheritdoc />
    public bool AlwaysShow => true;
    /// <inheritdoc />
    public ColumnCategory Category => ColumnCategory.Custom;
    /// <inheritdoc />
    public int PriorityInCategory => 0;
    /// <inheritdoc />
    public bool IsNumeric => true;
    /// <inheritdoc />
    public UnitType UnitType => UnitType.Dimensionless;
    /// <inheritdoc />
    public string Legend => "Floating-point operations per second (billions), from the mean time";

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var stats = summary[benchmarkCase]?.ResultStatistics;
        if (stats is null)
            return "-";
        double flops = Flops(benchmarkCase);
        return flops <= 0 ? "-" : (flops / stats.Mean).ToString("F2", System.Globalization.CultureInfo.InvariantCulture); // ns -> GFLOP/s
    }

    static double Flops(BenchmarkCase c)
    {
        string method = c.Descriptor.WorkloadMethod.Name;
        if (c.Descriptor.Type == typeof(GemmBenchmarks))
        {
            var (m, n, k) = GemmBenchmarks.Parse((string)c.Parameters["Shape"]);
            return 2.0 * m * n * k;
        }
        if (c.Descriptor.Type == typeof(RnnBenchmarks))
        {
            var cfg = RnnBenchmarks.Config((string)c.Parameters["Cell"]);
            return method == nameof(RnnBenchmarks.TrainingStep) ? cfg.TrainFlops : cfg.ForwardFlops;
        }
        return 0;
    }

    /// <inheritdoc />
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    /// <inheritdoc />
    public bool IsAvailable(Summary summary) => true;
}

/// <summary>Entry of <c>RnnGpu.Bench bdn [BenchmarkDotNet arguments]</c>.</summary>
static class BdnSuite
{
    public static int Run(string[] args)
    {
        // Without a filter BenchmarkSwitcher asks interactively; run everything instead.
        if (!args.Any(a => a is "--filter" or "-f" or "--list" or "--help" or "-h"))
            args = args.Concat(new[] { "--filter", "*" }).ToArray();
        var summaries = BenchmarkSwitcher.FromTypes(new[] { typeof(GemmBenchmarks), typeof(RnnBenchmarks) }).Run(args);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
