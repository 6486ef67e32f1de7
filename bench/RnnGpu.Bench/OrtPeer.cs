using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using RnnGpu.Cli;
using RnnGpu.Cli.Benchmarking;
using RnnGpu.Cli.Commands;
using RnnGpu.IO;

namespace RnnGpu.Bench;

/// <summary>
/// <c>RnnGpu.Bench ort</c>: ONNX Runtime (CPU execution provider) as a peer of <c>rnngpu bench</c>, forward only, on the
/// same model: a one-layer recurrent layer built as <c>rnngpu bench</c> builds it (weights seed 3, input from
/// <c>Random(11)</c>), exported with RnnGpu's own exporter (<see cref="OnnxExport.ToBytes"/>), run once in ONNX Runtime and
/// compared with RnnGpu's inference forward on the same input (output, h_n, c_n). Only when every output agrees within
/// <see cref="Tolerance"/> (relative) is ONNX Runtime timed: warm-up, then the median of the repetitions, each a full
/// <c>InferenceSession.Run</c> into preallocated outputs. Lives in the bench project so that <c>rnngpu</c> does not depend on
/// ONNX Runtime.
/// </summary>
internal static class OrtPeer
{
    /// <summary>Largest relative difference accepted between ONNX Runtime's and RnnGpu's outputs (max-norm and L2).</summary>
    public const double Tolerance = 1e-4;

    /// <summary>Exit code when ONNX Runtime's outputs disagree with RnnGpu's (nothing is timed), as <c>rnngpu bench</c>'s.</summary>
    public const int ValidationFailed = CliApp.ValidationFailed;

    /// <summary>Parses the arguments after <c>ort</c>, runs, and returns the exit code (0 success, 1 failure, 2 bad input,
    /// 3 disagreement).</summary>
    /// <param name="args">Arguments after the word <c>ort</c>.</param>
    public static int Run(string[] args)
    {
        var cell = new Option<string>("--cell") { Description = "Cell: lstm, gru, rnn_tanh or rnn_relu.", DefaultValueFactory = _ => "lstm" };
        cell.AcceptOnlyFromAmong(CliCells.Names);
        var input = new Option<int>("--input", "-i") { Description = "Input size I.", Required = true };
        var hidden = new Option<int>("--hidden", "-H") { Description = "Hidden size H.", Required = true };
        var batch = new Option<int>("--batch", "-b") { Description = "Batch size B.", Required = true };
        var seq = new Option<int>("--seq", "-t") { Description = "Sequence length T.", Required = true };
        var reps = new Option<int>("--reps", "-r") { Description = "Timed repetitions; the median is reported.", DefaultValueFactory = _ => 10 };
        var threads = new Option<int>("--threads")
        {
            Description = "ONNX Runtime's intra-op threads (SessionOptions.IntraOpNumThreads).",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        var accelerator = DeviceOption.Create();
        accelerator.Description = "Where RnnGpu computes the outputs ONNX Runtime is checked against: cpu, opencl or cuda (default: the best found).";
        var json = new Option<string?>("--json") { Description = "Write the result as JSON to this file." };
        var cmd = new Command("ort",
            "ONNX Runtime (CPU provider) forward on RnnGpu's exported model: checked against RnnGpu's own forward, then timed.")
        {
            new System.CommandLine.Help.HelpOption(), cell, input, hidden, batch, seq, reps, threads, accelerator, json,
        };
        cmd.SetAction(p =>
        {
            var cfg = new BenchConfig(BenchConfig.ParseCell(p.GetValue(cell)!), p.GetValue(input), p.GetValue(hidden),
                p.GetValue(batch), p.GetValue(seq));
            cfg.Check();
            int n = p.GetValue(reps), t = p.GetValue(threads);
            if (n <= 0)
                throw new CliException($"--reps must be a positive integer, got {n}.");
            if (t <= 0)
                throw new CliException($"--threads must be a positive integer, got {t}.");
            using var device = DeviceOption.Open(p.GetValue(accelerator));
            var report = Measure(device, cfg, n, t, Console.Out);
            if (p.GetValue(json) is { } path)
            {
                string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
                if (dir is not null)
                    Directory.CreateDirectory(dir);
                File.WriteAllText(path, report.ToJson() + "\n");
            }
            return CliApp.Success;
        });
        var parse = cmd.Parse(args);
        if (parse.Errors.Count > 0)
        {
            Console.Error.WriteLine($"ort: {CliApp.OneLine(parse.Errors[0].Message)} (see ort --help)");
            return CliApp.BadInput;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (CliException e)
        {
            Console.Error.WriteLine($"ort: {e.Message}");
            return e.ExitCode;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Console.Error.WriteLine($"ort: error: {e}");
            return CliApp.Failure;
        }
    }

    /// <summary>Builds the model, checks ONNX Runtime against RnnGpu's forward and times ONNX Runtime.</summary>
    /// <param name="device">Where RnnGpu's reference forward runs.</param>
    /// <param name="cfg">The size (one layer, one direction).</param>
    /// <param name="reps">Timed repetitions.</param>
    /// <param name="threads">ONNX Runtime's intra-op threads.</param>
    /// <param name="log">Progress lines.</param>
    /// <exception cref="CliException">More than one layer or direction; or ONNX Runtime disagrees (exit code 3).</exception>
    public static OrtReport Measure(ComputeDevice device, BenchConfig cfg, int reps, int threads, TextWriter log)
    {
        if (cfg.Layers != 1 || cfg.Bidirectional)
            throw new CliException("ort times one layer, one direction.");
        int T = cfg.Seq, B = cfg.Batch, I = cfg.Input, H = cfg.Hidden;
        bool lstm = cfg.Mode == RnnMode.Lstm;
        string version = OrtEnv.Instance().GetVersionString();
        log.WriteLine($"ort: ONNX Runtime {version}, CPU provider, {threads} intra-op threads; checked against RnnGpu on {device.Info}");

        // The model and input of `rnngpu bench` (RnnBench.Time): weights seed 3, input drawn from Random(11).
        var rng = new Random(11);
        float[] x = RnnBench.Uniform(rng, (long)T * B * I);
        byte[] onnx;
        float[] rOut, rHN;
        float[]? rCN;
        using (var layer = new RecurrentLayer(device, new RnnOptions(cfg.Mode, I, H, Seed: 3)))
        {
            using var tx = DeviceTensor.FromHost(device, x, T, B, I);
            using (var o = layer.Forward(tx, training: false))
            {
                rOut = o.Output.ToArray();
                rHN = o.HN.ToArray();
                rCN = o.CN?.ToArray();
            }
            var tensors = layer.Parameters.Select(p => new HostTensor(p.Name, p.Value.Shape.ToArray(), p.Value.ToArray())).ToList();
            onnx = OnnxExport.ToBytes(new OnnxExportModel(OnnxModelKind.Recurrent, layer.Options, tensors));
        }

        using var options = Options(threads);
        using var session = new InferenceSession(onnx, options);
        var outNames = lstm ? new[] { "output", "h_n", "c_n" } : new[] { "output", "h_n" };
        var outShapes = new[] { new long[] { T, B, H }, new long[] { 1, B, H }, new long[] { 1, B, H } };
        var outData = outNames.Select((_, k) => new float[outShapes[k].Aggregate(1L, (a, b) => a * b)]).ToArray();
        using var xValue = OrtValue.CreateTensorValueFromMemory(x, new long[] { T, B, I });
        var outValues = outNames.Select((_, k) => OrtValue.CreateTensorValueFromMemory(outData[k], outShapes[k])).ToArray();
        try
        {
            using var run = new RunOptions();
            var inNames = new[] { "input" };
            var inValues = new[] { xValue };
            void Forward() => session.Run(run, inNames, inValues, outNames, outValues);

            // Check before timing: ONNX Runtime's first run against RnnGpu's forward.
            Array.Fill(outData[0], float.NaN);
            Forward();
            var refs = lstm ? new[] { rOut, rHN, rCN! } : new[] { rOut, rHN };
            double maxAbs = 0, maxRel = 0, l2Rel = 0, worstRel = -1;
            string worst = outNames[0];
            for (int k = 0; k < outNames.Length; k++)
            {
                var (a, m, l2) = Compare(outData[k], refs[k]);
                log.WriteLine($"ort: {outNames[k],-6} max |ORT - RnnGpu| {a:0.00E+0}, that / max |RnnGpu| {m:0.00E+0}, L2 relative {l2:0.00E+0}");
                (maxAbs, maxRel, l2Rel) = (Math.Max(maxAbs, a), Math.Max(maxRel, m), Math.Max(l2Rel, l2));
                if (Math.Max(m, l2) > worstRel)
                    (worstRel, worst) = (Math.Max(m, l2), outNames[k]);
            }
            if (!(maxRel <= Tolerance && l2Rel <= Tolerance))
                throw new CliException(
                    $"ONNX Runtime disagrees with RnnGpu at {cfg} (relative difference {Math.Max(maxRel, l2Rel):0.00E+0} in {worst} > {Tolerance:0E+0}); not timed.",
                    ValidationFailed);
            log.WriteLine($"ort: agrees with RnnGpu (relative difference {Math.Max(maxRel, l2Rel):0.00E+0} <= {Tolerance:0E+0})");

            // Warm-up, then the median.
            Forward();
            Forward();
            double fwd = RnnBench.Median(Forward, reps);
            var result = new OrtResult(cfg.CellName, I, H, B, T, reps, threads, fwd * 1e3, cfg.ForwardFlops / fwd / 1e9, cfg.ForwardFlops,
                maxAbs, maxRel, l2Rel);
            log.WriteLine($"ort: {cfg}: forward {result.ForwardMs:F2} ms ({result.ForwardGflops:F1} GFLOP/s), median of {reps}");
            return new OrtReport("RnnGpu.Bench ort", DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                $"{RuntimeInformation.OSDescription}, {Environment.ProcessorCount} logical cores, {RuntimeInformation.FrameworkDescription}",
                version, "CPUExecutionProvider", device.Info.Spec, device.Info.Name, new[] { result });
        }
        finally
        {
            foreach (var v in outValues)
                v.Dispose();
        }
    }

    /// <summary>The session options every ONNX Runtime peer here runs with: CPU provider, <paramref name="threads"/> intra-op
    /// threads, sequential execution, all graph optimizations.</summary>
    internal static SessionOptions Options(int threads) => new()
    {
        LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        IntraOpNumThreads = threads,
        InterOpNumThreads = 1,
        ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
    };

    /// <summary>max |a - r|, that over max |r|, and ||a - r||_2 / ||r||_2 (NaN anywhere in <paramref name="a"/> gives infinity).</summary>
    static (double MaxAbs, double MaxRel, double L2Rel) Compare(float[] a, float[] r)
    {
        double maxAbs = 0, maxRef = 0, num = 0, den = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double d = Math.Abs((double)a[i] - r[i]);
            if (double.IsNaN(d))
                return (double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity);
            maxAbs = Math.Max(maxAbs, d);
            maxRef = Math.Max(maxRef, Math.Abs((double)r[i]));
            num += d * d;
            den += (double)r[i] * r[i];
        }
        return (maxAbs, maxRef > 0 ? maxAbs / maxRef : maxAbs, den > 0 ? Math.Sqrt(num / den) : Math.Sqrt(num));
    }
}

/// <summary>What <c>RnnGpu.Bench ort --json</c> writes.</summary>
/// <param name="Tool">Always "RnnGpu.Bench ort".</param>
/// <param name="Date">UTC time of the run, ISO 8601.</param>
/// <param name="Machine">OS, processor count and .NET version.</param>
/// <param name="OrtVersion">ONNX Runtime's version string.</param>
/// <param name="Provider">The execution provider (CPUExecutionProvider).</param>
/// <param name="CheckedAgainst">The RnnGpu device whose forward the outputs were compared with.</param>
/// <param name="CheckedAgainstName">That device's name.</param>
/// <param name="Results">One row (one size).</param>
internal sealed record OrtReport(string Tool, string Date, string Machine, string OrtVersion, string Provider,
    string CheckedAgainst, string CheckedAgainstName, IReadOnlyList<OrtResult> Results)
{
    static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>The report as indented JSON (snake_case names, as <c>rnngpu bench --json</c>).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);
}

/// <summary>ONNX Runtime's forward at one size.</summary>
/// <param name="Cell">lstm, gru, rnn_tanh or rnn_relu.</param>
/// <param name="Input">I.</param>
/// <param name="Hidden">H.</param>
/// <param name="Batch">B.</param>
/// <param name="Seq">T.</param>
/// <param name="Reps">Timed repetitions (the median is reported).</param>
/// <param name="IntraOpThreads">ONNX Runtime's intra-op threads.</param>
/// <param name="ForwardMs">Median forward (one <c>InferenceSession.Run</c>), milliseconds.</param>
/// <param name="ForwardGflops">Forward GFLOP/s, FLOPs counted as RnnGpu counts them.</param>
/// <param name="ForwardFlops">2*T*B*(I+H)*G*H.</param>
/// <param name="MaxAbsDiff">Largest |ORT - RnnGpu| over output, h_n (and c_n).</param>
/// <param name="MaxRelDiff">Largest of max |ORT - RnnGpu| / max |RnnGpu| per output.</param>
/// <param name="L2RelDiff">Largest of ||ORT - RnnGpu|| / ||RnnGpu|| per output.</param>
internal sealed record OrtResult(string Cell, int Input, int Hidden, int Batch, int Seq, int Reps, int IntraOpThreads,
    double ForwardMs, double ForwardGflops, double ForwardFlops, double MaxAbsDiff, double MaxRelDiff, double L2RelDiff);
