using System.CommandLine;
using System.Globalization;
using RnnGpu.Cli.Verification;

namespace RnnGpu.Cli.Commands;

/// <summary>
/// <c>rnngpu verify</c>: every kernel variant and recurrence algorithm that can run on the accelerator, against the
/// float64 references, before anything is timed or trained there. Exit 0 when all pass, 3 when any does not.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create(TextWriter output)
    {
        var accelerator = DeviceOption.Create();
        var simulator = new Option<bool>("--gpu-simulator")
        {
            Description = "Run on the CPU accelerator configured as a GPU simulator (groups of 256 threads, shared memory, barriers), " +
                "so the GPU kernels are checked where no GPU is present.",
        };
        var cmd = new Command("verify", "Check every GEMM variant and recurrence algorithm that can run on the accelerator against the " +
            "float64 reference (forward and backward, every cell); exit 3 if any misses its bound.")
        {
            accelerator,
            simulator,
        };
        cmd.SetAction(parse =>
        {
            string? spec = parse.GetValue(accelerator);
            bool sim = parse.GetValue(simulator);
            if (sim && spec is not null)
                throw new CliException("--gpu-simulator is the CPU accelerator; give it or --accelerator, not both");
            using var device = sim
                ? ComputeDevice.Create(new DeviceOptions(AcceleratorKind.Cpu, CpuGpuSimulation: true, IgnoreEnvironment: true))
                : DeviceOption.Open(spec);
            output.WriteLine($"verify on {device.Info}{(sim ? " (GPU simulator)" : "")}");
            output.WriteLine($"policy: {device.Policy}");
            var rows = new List<string[]> { new[] { "check", "status", "ran", "forward error", "bound", "backward error", "bound", "case" } };
            var results = Verifier.Run(device);
            static string Sci(double x) => x.ToString("0.00E+0", CultureInfo.InvariantCulture); // as rnngpu bench writes errors
            foreach (var r in results)
                rows.Add(new[]
                {
                    r.Check,
                    r.Skipped ? "skipped" : r.Ok ? "ok" : "FAIL",
                    r.Skipped ? "-" : r.Ran,
                    r.Skipped ? "-" : Sci(r.Forward),
                    r.Skipped ? "-" : Sci(r.ForwardBound),
                    r.Skipped || r.Backward is not double b ? "-" : Sci(b),
                    r.Skipped || r.Backward is null ? "-" : Sci(r.BackwardBound),
                    r.Case,
                });
            output.Write(Markdown.Table(rows));
            int failed = results.Count(r => !r.Ok), ran = results.Count(r => !r.Skipped);
            output.WriteLine($"verify: {ran - failed} of {ran} {(ran == 1 ? "check" : "checks")} passed, {failed} failed, {results.Count - ran} skipped (cannot run on this device)");
            return failed == 0 ? CliApp.Success : CliApp.ValidationFailed;
        });
        return cmd;
    }
}
