using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using RnnGpu.Cli;
using RnnGpu.Cli.Benchmarking;
using RnnGpu.IO;
using RnnGpu.IO.Onnx;

namespace RnnGpu.Bench;

/// <summary>
/// "stream [--cell lstm] [--input I] [--hidden H] [--batch B] [--layers L] [--calls N]": the per-call cost of a streaming step,
/// host copies in and out, RnnGpu's <see cref="RnnStream.Step"/> beside ONNX Runtime running one step per
/// <c>InferenceSession.Run</c> (RnnGpu's exported model with T = 1 and h0/c0 inputs, its h_n/c_n fed back; OrtValues over
/// preallocated buffers; 1 and 2 intra-op threads). Both are first checked: the stream's outputs step by step against
/// RnnGpu's own full-sequence forward, ONNX Runtime's against the stream's. Then the median over rounds of the mean per
/// call, and the same step inside a full-sequence forward (forward / T) for comparison. Nothing compiles while timed.
/// </summary>
static class StreamPeer
{
    public static int Run(string[] args)
    {
        string cell = "lstm";
        int I = 256, H = 256, B = 1, L = 1, calls = 2000;
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new CliException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--cell": cell = Next(); break;
                case "--input": I = int.Parse(Next()); break;
                case "--hidden": H = int.Parse(Next()); break;
                case "--batch": B = int.Parse(Next()); break;
                case "--layers": L = int.Parse(Next()); break;
                case "--calls": calls = int.Parse(Next()); break;
                default:
                    Console.Error.WriteLine($"stream: unknown argument '{args[i]}'");
                    return 2;
            }
        }
        var mode = CliCells.Parse(cell, "--cell");
        using var device = ComputeDevice.Create();
        bool hasC = Kernels.CellSpec.Of(mode).HasCellState;
        const int T = 16;
        var rng = new Random(11);
        var x = new float[T * B * I];
        for (int k = 0; k < x.Length; k++)
            x[k] = (float)(rng.NextDouble() * 2 - 1);
        using var layer = new RecurrentLayer(device, new RnnOptions(mode, I, H, L, Seed: 3));

        // The full-sequence forward, and the stream step by step against it.
        float[] full;
        double forwardPerStep;
        using (var tx = DeviceTensor.FromHost(device, x, T, B, I))
        {
            using (var o = layer.Forward(tx))
                full = o.Output.ToArray();
            void Forward() { using var o = layer.Forward(tx); }
            Forward(); // warm-up
            forwardPerStep = RnnBench.Median(Forward, 21) / T;
        }
        using var stream = layer.CreateStream(B);
        using var xt = DeviceTensor.Zeros(device, B, I);
        using var yt = DeviceTensor.Zeros(device, B, H);
        var y = new float[B * H];
        double worst = 0;
        for (int t = 0; t < T; t++)
        {
            xt.CopyFromHost(x.AsSpan(t * B * I, B * I));
            stream.Step(xt, yt);
            yt.CopyToHost(y);
            for (int k = 0; k < y.Length; k++)
                worst = Math.Max(worst, Math.Abs(y[k] - full[t * B * H + k]));
        }
        if (!(worst <= 1e-6))
            throw new CliException($"the stream disagrees with the forward by {worst:E2}; not timed.");
        var xs = x.AsSpan(0, B * I).ToArray();
        void Call()
        {
            xt.CopyFromHost(xs);
            stream.Step(xt, yt);
            yt.CopyToHost(y);
        }
        bool policy = stream.OnCallingThread;
        // Both forms where the device has both (the CPU accelerator), alternated; Step itself runs the policy's choice.
        var forms = new Dictionary<bool, List<double>> { [true] = new(), [false] = new() };
        for (int round = 0; round < 3; round++)
            foreach (bool caller in new[] { true, false })
            {
                stream.OnCallingThread = caller;
                if (stream.OnCallingThread == caller)
                    forms[caller].Add(PerCall(Call, calls));
            }
        stream.OnCallingThread = policy;
        static double MedianOf(List<double> v) => v.Count == 0 ? double.NaN : v.OrderBy(t => t).ElementAt(v.Count / 2);
        double callerUs = MedianOf(forms[true]) * 1e6, launchedUs = MedianOf(forms[false]) * 1e6;
        double ours = PerCall(Call, calls);
        double copiesOnly = PerCall(() =>
        {
            xt.CopyFromHost(xs);
            yt.CopyToHost(y);
        }, calls);

        // ONNX Runtime: the same weights, T = 1, h0/c0 in, h_n/c_n fed back.
        var tensors = layer.Parameters.Select(p => new HostTensor(p.Name, p.Value.Shape.ToArray(), p.Value.ToArray())).ToList();
        byte[] onnx = OnnxExport.ToBytes(new OnnxExportModel(OnnxModelKind.Recurrent, layer.Options, tensors), new OnnxExportOptions(InitialStates: true));
        var ort = new Dictionary<int, double>();
        foreach (int threads in new[] { 1, 2 })
        {
            using var options = OrtPeer.Options(threads);
            using var session = new InferenceSession(onnx, options);
            var xo = new float[B * I];
            var h = new float[L * B * H];
            var c = new float[L * B * H];
            var yo = new float[B * H];
            var hn = new float[L * B * H];
            var cn = new float[L * B * H];
            long[] state = { L, B, H };
            using var xv = OrtValue.CreateTensorValueFromMemory(xo, new long[] { 1, B, I });
            using var hv = OrtValue.CreateTensorValueFromMemory(h, state);
            using var cv = OrtValue.CreateTensorValueFromMemory(c, state);
            using var yv = OrtValue.CreateTensorValueFromMemory(yo, new long[] { 1, B, H });
            using var hnv = OrtValue.CreateTensorValueFromMemory(hn, state);
            using var cnv = OrtValue.CreateTensorValueFromMemory(cn, state);
            var inNames = hasC ? new[] { "input", "h0", "c0" } : new[] { "input", "h0" };
            var inValues = hasC ? new[] { xv, hv, cv } : new[] { xv, hv };
            var outNames = hasC ? new[] { "output", "h_n", "c_n" } : new[] { "output", "h_n" };
            var outValues = hasC ? new[] { yv, hnv, cnv } : new[] { yv, hnv };
            using var run = new RunOptions();
            void Step()
            {
                session.Run(run, inNames, inValues, outNames, outValues);
                hn.CopyTo(h, 0);
                cn.CopyTo(c, 0);
            }
            double ortWorst = 0;
            for (int t = 0; t < T; t++)
            {
                x.AsSpan(t * B * I, B * I).CopyTo(xo);
                Step();
                for (int k = 0; k < yo.Length; k++)
                    ortWorst = Math.Max(ortWorst, Math.Abs(yo[k] - full[t * B * H + k]));
            }
            if (!(ortWorst <= 1e-5))
                throw new CliException($"ONNX Runtime's stream disagrees with RnnGpu's by {ortWorst:E2}; not timed.");
            ort[threads] = PerCall(Step, calls);
        }
        double best = Math.Min(ort[1], ort[2]);
        Console.WriteLine($"stream {cell} I={I} H={H} B={B} L={L} on {device.Info.Name}: checked (stream vs forward {worst:E1})");
        Console.WriteLine($"RnnGpu per call: the two host copies alone {copiesOnly * 1e6:F1} us; Step runs {(policy ? "on the calling thread" : "in launches")}");
        Console.WriteLine("| cell | I/H/B/L | RnnGpu us/call | on the calling thread | launched | in a forward us/step | ORT 1 thread us/call | ORT 2 threads us/call | ORT best / RnnGpu |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine($"| {cell} | {I}/{H}/{B}/{L} | {ours * 1e6:F1} | {callerUs:F1} | {launchedUs:F1} | {forwardPerStep * 1e6:F1} | {ort[1] * 1e6:F1} | {ort[2] * 1e6:F1} | {best / ours:F2} |");
        return 0;
    }

    /// <summary>Median over 9 rounds of the mean time per call of <paramref name="calls"/> calls (after as many to warm up).</summary>
    static double PerCall(Action step, int calls)
    {
        for (int i = 0; i < calls; i++)
            step();
        var rounds = new double[9];
        for (int r = 0; r < rounds.Length; r++)
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < calls / 9 + 1; i++)
                step();
            rounds[r] = Stopwatch.GetElapsedTime(start).TotalSeconds / (calls / 9 + 1);
        }
        Array.Sort(rounds);
        return rounds[rounds.Length / 2];
    }
}
