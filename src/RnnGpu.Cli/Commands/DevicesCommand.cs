using System.CommandLine;
using System.Globalization;

namespace RnnGpu.Cli.Commands;

/// <summary><c>rnngpu devices</c>: the accelerators found and which one is the default.</summary>
internal static class DevicesCommand
{
    public static Command Create(TextWriter output)
    {
        var cmd = new Command("devices", "List the accelerators found (CUDA, OpenCL, the CPU accelerator) and mark the default.");
        cmd.SetAction(_ =>
        {
            var devices = ComputeDevice.ListDevices();
            DeviceInfo? chosen = null;
            try
            {
                using var d = ComputeDevice.Create();
                chosen = d.Info;
            }
            catch (ArgumentException)
            {
                // RNNGPU_ACCELERATOR names an absent device: list anyway, mark nothing.
            }
            output.Write(Table(devices, chosen));
            string? env = Environment.GetEnvironmentVariable(ComputeDevice.EnvironmentVariable);
            output.WriteLine(chosen is null
                ? $"default: none ({ComputeDevice.EnvironmentVariable}={env} is not among them)"
                : $"default: {chosen.Spec}" + (string.IsNullOrWhiteSpace(env) ? "" : $" (from {ComputeDevice.EnvironmentVariable}={env})"));
            return CliApp.Success;
        });
        return cmd;
    }

    /// <summary>A markdown table of the devices, the default marked with '*'.</summary>
    internal static string Table(IReadOnlyList<DeviceInfo> devices, DeviceInfo? chosen)
    {
        var ci = CultureInfo.InvariantCulture;
        var rows = new List<string[]> { new[] { "default", "spec", "name", "memory", "warp", "max group", "on host CPU" } };
        foreach (var d in devices)
            rows.Add(new[]
            {
                chosen is not null && d.Spec == chosen.Spec ? "*" : "",
                d.Spec,
                d.Name,
                string.Format(ci, "{0:F1} GiB", d.MemoryBytes / (1024.0 * 1024 * 1024)),
                d.WarpSize.ToString(ci),
                d.MaxGroupSize.ToString(ci),
                d.IsCpuDevice ? "yes" : "no",
            });
        return Markdown.Table(rows);
    }
}
