using System.Collections.Concurrent;

namespace RnnGpu.Tests;

/// <summary>
/// The accelerators the suites run on: the CPU accelerator always, OpenCL and CUDA when found;
/// <c>RNNGPU_ACCELERATOR</c> narrows them to one kind. "cpu-sim" is the CPU accelerator configured
/// as a GPU simulator, used to check GPU-shaped kernels (large groups, shared memory, barriers)
/// where no GPU is present. "cpu-sim-4" is the same simulator with four multiprocessors, so up to
/// four groups run at once (the persistent kernel's grid barrier needs all its groups resident);
/// the persistent suites name it themselves. Devices are created once per test run and shared.
/// </summary>
public static class TestDevices
{
    public const string CpuSim = "cpu-sim";
    public const string CpuSim4 = "cpu-sim-4";
    static readonly ConcurrentDictionary<string, ComputeDevice> Devices = new();
    static readonly Lazy<IReadOnlyList<string>> Names = new(Discover);

    /// <summary>Device names for [MemberData].</summary>
    public static IEnumerable<object[]> All => Names.Value.Select(n => new object[] { n });

    /// <summary>Device names without the GPU simulator (for host-API suites).</summary>
    public static IEnumerable<object[]> Real => Names.Value.Where(n => n != CpuSim).Select(n => new object[] { n });

    static IReadOnlyList<string> Discover()
    {
        string? env = Environment.GetEnvironmentVariable(ComputeDevice.EnvironmentVariable);
        var found = ComputeDevice.ListDevices();
        if (!string.IsNullOrWhiteSpace(env))
        {
            // Narrowed: only that kind. If it is absent, Get throws with the "not found" message,
            // so a run forced onto a missing accelerator fails instead of passing with no tests.
            var (kind, _) = ComputeDevice.ParseSpec(env);
            return kind == AcceleratorKind.Cpu
                ? new[] { env.Trim().ToLowerInvariant(), CpuSim }
                : new[] { env.Trim().ToLowerInvariant() };
        }
        var names = new List<string> { "cpu", CpuSim };
        names.AddRange(found.Where(d => d.Kind != AcceleratorKind.Cpu).Select(d => d.Spec));
        return names;
    }

    /// <summary>The shared device for a name from <see cref="All"/>.</summary>
    public static ComputeDevice Get(string name) => Devices.GetOrAdd(name, n => n switch
    {
        CpuSim => ComputeDevice.Create(new DeviceOptions(AcceleratorKind.Cpu, CpuGpuSimulation: true, IgnoreEnvironment: true)),
        CpuSim4 => ComputeDevice.Create(new DeviceOptions(AcceleratorKind.Cpu, CpuThreads: 4, CpuGpuSimulation: true, IgnoreEnvironment: true)),
        _ => Create(n),
    });

    static ComputeDevice Create(string spec)
    {
        var (kind, index) = ComputeDevice.ParseSpec(spec);
        return ComputeDevice.Create(new DeviceOptions(kind, index, IgnoreEnvironment: true));
    }
}
