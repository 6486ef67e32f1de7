using System.CommandLine;

namespace RnnGpu.Cli.Commands;

/// <summary>
/// <c>--accelerator</c>, taken by every command that runs kernels (train, resume, generate, bench, forward), and opening the
/// device it names: <c>cpu</c>, <c>opencl</c> or <c>cuda</c>, optionally with <c>:index</c>; absent or unknown devices are bad
/// input (<see cref="CliException"/>), never a stack trace.
/// </summary>
internal static class DeviceOption
{
    /// <summary>A new <c>--accelerator</c> / <c>-a</c> option (System.CommandLine options belong to one command each).</summary>
    public static Option<string?> Create() => new("--accelerator", "-a")
    {
        Description = "cpu, opencl or cuda, optionally with :index (default: RNNGPU_ACCELERATOR, else the best found).",
    };

    /// <summary>Opens the requested accelerator, or the default; absent devices are bad input.</summary>
    public static ComputeDevice Open(string? spec)
    {
        if (spec is null)
        {
            try
            {
                return ComputeDevice.Create();
            }
            catch (ArgumentException e)
            {
                // RNNGPU_ACCELERATOR names an absent or unknown device.
                throw new CliException(CliApp.OneLine(e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal)));
            }
        }
        AcceleratorKind kind;
        int index;
        try
        {
            (kind, index) = ComputeDevice.ParseSpec(spec);
        }
        catch (ArgumentException)
        {
            throw new CliException($"unknown accelerator '{spec}': expected cpu, opencl or cuda, optionally with :index.");
        }
        var found = ComputeDevice.ListDevices();
        if (!found.Any(d => d.Kind == kind && d.Index == index))
            throw new CliException($"accelerator {kind.ToString().ToLowerInvariant()}:{index} not found; found: {string.Join(", ", found.Select(d => $"{d.Spec} ({d.Name})"))}.");
        return ComputeDevice.Create(new DeviceOptions(kind, index, IgnoreEnvironment: true));
    }
}
