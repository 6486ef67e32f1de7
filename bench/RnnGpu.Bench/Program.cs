namespace RnnGpu.Bench;

static class Program
{
    // No arguments: the promoted variants (the device policy's GemmCandidates) on every accelerator present (RNNGPU_ACCELERATOR narrows them),
    // validated against the float64 reference, then timed next to the host SIMD peer.
    // "variants [name...]": also the numbered experiments of GemmVariants (validated, then timed).
    // "check [name...]": odd sizes, transposes, beta and bias against the float64 reference.
    // "bdn [BenchmarkDotNet arguments]": the BenchmarkDotNet suite (RnnBenchmarks.cs) on every accelerator present.
    // "ort --cell lstm --input I --hidden H --batch B --seq T [--reps N] [--threads N] [--accelerator ...] [--json FILE]": ONNX Runtime's
    //   forward (CPU provider) on RnnGpu's exported model, checked against RnnGpu's forward, then timed (OrtPeer.cs).
    // "stream [--cell lstm] [--input I] [--hidden H] [--batch B] [--layers L] [--calls N]": RnnStream.Step per call (host copies in
    //   and out) beside ONNX Runtime's one step per Run, both checked first (StreamPeer.cs).
    // "launch [--launches N]": microseconds per kernel launch on the CPU accelerator's configurations (LaunchProbe.cs).
    // "ptx --out DIR [--arch sm_90,sm_70] [--isa 7.8] [--all]": PTX of the kernels CUDA launches, without a GPU (PtxDump.cs).
    static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "bdn")
            return BdnSuite.Run(args[1..]);
        if (args.Length > 0 && args[0] == "ort")
            return OrtPeer.Run(args[1..]);
        if (args.Length > 0 && args[0] == "stream")
            return StreamPeer.Run(args[1..]);
        if (args.Length > 0 && args[0] == "ptx")
            return PtxDump.Run(args[1..]);
        if (args.Length > 0 && args[0] == "launch")
            return LaunchProbe.Run(args[1..]);
        if (args.Length == 0)
        {
            Console.WriteLine("| accelerator | variant | M x N x K | GFLOP/s | host SIMD GFLOP/s | ratio |");
            Console.WriteLine("|---|---|---|---:|---:|---:|");
            foreach (var info in ComputeDevice.ListDevices())
            {
                string? env = Environment.GetEnvironmentVariable(ComputeDevice.EnvironmentVariable);
                if (!string.IsNullOrWhiteSpace(env) && ComputeDevice.ParseSpec(env).Kind != info.Kind)
                    continue;
                using var d = ComputeDevice.Create(new DeviceOptions(info.Kind, info.Index, IgnoreEnvironment: true));
                GemmQuick.Run(d, d.Policy.GemmCandidates, 5, Console.Out);
            }
            return 0;
        }
        using var device = ComputeDevice.Create();
        Console.WriteLine(device.Info);
        if (args[0] == "variants")
        {
            GemmVariants.Time(device, args[1..], 7, Console.Out);
            return 0;
        }
        if (args[0] == "check")
            return GemmVariants.Check(device, args[1..], Console.Out);
        Console.Error.WriteLine($"unknown argument '{args[0]}': expected none, variants, check, bdn, ort, launch or ptx.");
        return 2;
    }
}
