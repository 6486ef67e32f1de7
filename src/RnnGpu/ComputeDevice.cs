using System.Globalization;
using ILGPU;
using ILGPU.Algorithms;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;

namespace RnnGpu;

/// <summary>The kinds of accelerator RnnGpu dispatches to.</summary>
public enum AcceleratorKind
{
    /// <summary>ILGPU's CPU accelerator (always present).</summary>
    Cpu,
    /// <summary>An OpenCL device (GPU or CPU, e.g. PoCL).</summary>
    OpenCL,
    /// <summary>An NVIDIA GPU through CUDA.</summary>
    Cuda,
}

/// <summary>How a <see cref="ComputeDevice"/> is chosen and configured.</summary>
/// <param name="Kind">
/// Force this kind of accelerator. Null: the <c>RNNGPU_ACCELERATOR</c> environment variable if set,
/// else CUDA, then OpenCL, then the CPU accelerator.
/// </param>
/// <param name="Index">Index among the devices of the forced kind (default 0).</param>
/// <param name="CpuThreads">
/// Multiprocessors (worker threads) of the CPU accelerator; null means one per logical core
/// (one multiprocessor in the GPU simulation).
/// </param>
/// <param name="CpuGpuSimulation">
/// Configure the CPU accelerator as a GPU simulator (large groups, shared memory, barriers)
/// so GPU-shaped kernels can run on it. Slow; for tests of GPU kernels only. Each simulated
/// multiprocessor runs one group at a time on its own threads, so up to <c>CpuThreads</c>
/// groups run concurrently (what a grid-wide barrier needs).
/// </param>
/// <param name="IgnoreEnvironment">Do not read <c>RNNGPU_ACCELERATOR</c>.</param>
public sealed record DeviceOptions(
    AcceleratorKind? Kind = null,
    int? Index = null,
    int? CpuThreads = null,
    bool CpuGpuSimulation = false,
    bool IgnoreEnvironment = false);

/// <summary>What RnnGpu found about one accelerator.</summary>
/// <param name="Kind">Accelerator kind.</param>
/// <param name="Index">Index among the devices of that kind.</param>
/// <param name="Name">Device name as the driver reports it.</param>
/// <param name="MemoryBytes">Device memory in bytes (the host's for the CPU accelerator).</param>
/// <param name="WarpSize">Warp (SIMD group) size.</param>
/// <param name="MaxGroupSize">Largest number of threads in one group.</param>
/// <param name="IsCpuDevice">True when the device computes on the host CPU (CPU accelerator, PoCL).</param>
public sealed record DeviceInfo(AcceleratorKind Kind, int Index, string Name, long MemoryBytes,
    int WarpSize, int MaxGroupSize, bool IsCpuDevice)
{
    /// <summary>The specification that selects this device, e.g. <c>cuda:0</c>.</summary>
    public string Spec => $"{Kind.ToString().ToLowerInvariant()}:{Index}";

    /// <inheritdoc />
    public override string ToString() =>
        $"{Spec} {Name} ({MemoryBytes / (1024.0 * 1024 * 1024):F1} GiB, warp {WarpSize}, max group {MaxGroupSize})";
}

/// <summary>
/// One accelerator with RnnGpu's kernels loaded on it. Kernels are compiled once per device,
/// on first use, and cached; every tensor and layer belongs to one device.
/// Launches are queued in order on the device's default stream; a device is not thread-safe.
/// </summary>
public sealed partial class ComputeDevice : IDisposable
{
    /// <summary>Environment variable that forces the accelerator: <c>cpu</c>, <c>opencl</c>,
    /// <c>cuda</c>, optionally with a device index (<c>cuda:1</c>).</summary>
    public const string EnvironmentVariable = "RNNGPU_ACCELERATOR";

    readonly Context context;
    readonly Accelerator accelerator;
    KernelSet? kernels;
    MemoryBuffer1D<float, Stride1D.Dense>? scratch;
    MemoryBuffer1D<int, Stride1D.Dense>? barrierCounter;
    bool disposed;

    ComputeDevice(Context context, Accelerator accelerator, DeviceInfo info)
    {
        this.context = context;
        this.accelerator = accelerator;
        Info = info;
        Policy = KernelPolicy.Of(accelerator, info);
    }

    /// <summary>
    /// The largest group RnnGpu launches on this device: the accelerator's own limit, except on the plain CPU accelerator,
    /// which runs groups of one thread only. Its workers start their threads lazily, as many per worker as the largest
    /// group launched so far, and every later launch wakes all of them; with groups of one each launch wakes one thread per
    /// core (measured: about 62 us per launch against 110 us with two threads per worker, see CreateContext). A kernel
    /// that needs larger groups is refused there before it launches (the GEMM variants Tiled and RowBlocked; the row and
    /// tiled steps fall back to the fused step). The same number as <see cref="DeviceInfo.MaxGroupSize"/>.
    /// </summary>
    internal int MaxGroupSize => Info.MaxGroupSize;

    /// <summary>The device this instance runs on.</summary>
    public DeviceInfo Info { get; }

    /// <summary>How kernels run on this device: GEMM variant, recurrence algorithm, group sizes, grid-barrier safety.
    /// The one place that decides per accelerator; see <see cref="KernelPolicy"/>.</summary>
    public KernelPolicy Policy { get; }

    /// <summary>The accelerator kind.</summary>
    public AcceleratorKind Kind => Info.Kind;

    internal Accelerator Accelerator
    {
        get
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            return accelerator;
        }
    }

    internal KernelSet Kernels => kernels ??= new KernelSet(this);

    internal bool IsDisposed => disposed;

    /// <summary>Parses a specification such as <c>cpu</c>, <c>opencl</c> or <c>cuda:1</c>.</summary>
    /// <param name="spec">The specification.</param>
    /// <returns>The kind and the device index (0 when omitted).</returns>
    /// <exception cref="ArgumentException">The text is not a known kind or index.</exception>
    public static (AcceleratorKind Kind, int Index) ParseSpec(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        string s = spec.Trim().ToLowerInvariant();
        int index = 0;
        int colon = s.IndexOf(':');
        if (colon >= 0)
        {
            if (!int.TryParse(s[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out index))
                throw new ArgumentException($"Accelerator '{spec}': the device index after ':' must be a non-negative integer.", nameof(spec));
            s = s[..colon];
        }
        AcceleratorKind kind = s switch
        {
            "cpu" => AcceleratorKind.Cpu,
            "opencl" or "cl" => AcceleratorKind.OpenCL,
            "cuda" => AcceleratorKind.Cuda,
            _ => throw new ArgumentException($"Unknown accelerator '{spec}': expected cpu, opencl or cuda, optionally with ':index'.", nameof(spec)),
        };
        return (kind, index);
    }

    /// <summary>Lists every accelerator found, CUDA first, then OpenCL, then the CPU accelerator.</summary>
    public static IReadOnlyList<DeviceInfo> ListDevices()
    {
        using var ctx = CreateContext(new DeviceOptions());
        return Describe(ctx).Select(d => d.Info).ToList();
    }

    /// <summary>
    /// Creates a device: the forced kind (options, then <c>RNNGPU_ACCELERATOR</c>) or the best found
    /// (CUDA, then OpenCL, then the CPU accelerator).
    /// </summary>
    /// <param name="options">Selection and configuration; null for defaults.</param>
    /// <exception cref="ArgumentException">A forced kind or index is absent; the message lists what was found.</exception>
    public static ComputeDevice Create(DeviceOptions? options = null)
    {
        options ??= new DeviceOptions();
        if (options.CpuThreads is <= 0)
            throw new ArgumentException($"CpuThreads must be positive, got {options.CpuThreads}.", nameof(options));
        if (options.Index is < 0)
            throw new ArgumentException($"Index must be non-negative, got {options.Index}.", nameof(options));

        AcceleratorKind? kind = options.Kind;
        int index = options.Index ?? 0;
        string source = "DeviceOptions.Kind";
        if (kind is null && !options.IgnoreEnvironment)
        {
            string? env = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (!string.IsNullOrWhiteSpace(env))
            {
                (kind, int envIndex) = ParseSpec(env);
                index = options.Index ?? envIndex;
                source = $"{EnvironmentVariable}={env}";
            }
        }

        var ctx = CreateContext(options);
        try
        {
            var found = Describe(ctx);
            (Device Device, DeviceInfo Info)? pick;
            if (kind is { } k)
            {
                pick = found.Where(f => f.Info.Kind == k && f.Info.Index == index)
                    .Select(f => ((Device Device, DeviceInfo Info)?)f).FirstOrDefault();
                if (pick is null)
                {
                    string list = found.Count == 0 ? "none" : string.Join("; ", found.Select(f => f.Info.ToString()));
                    throw new ArgumentException(
                        $"Accelerator {k.ToString().ToLowerInvariant()}:{index} (from {source}) was not found. Found: {list}.",
                        nameof(options));
                }
            }
            else
            {
                pick = found.OrderBy(f => f.Info.Kind switch
                {
                    AcceleratorKind.Cuda => 0,
                    AcceleratorKind.OpenCL => f.Info.IsCpuDevice ? 2 : 1,
                    _ => 3,
                }).First();
            }
            var accel = pick.Value.Device is CPUDevice cpu
                ? cpu.CreateCPUAccelerator(ctx, CPUAcceleratorMode.Parallel)
                : pick.Value.Device.CreateAccelerator(ctx);
            return new ComputeDevice(ctx, accel, pick.Value.Info);
        }
        catch
        {
            ctx.Dispose();
            throw;
        }
    }

    /// <summary>Threads per warp of the plain CPU accelerator's configuration (see CreateContext).</summary>
    internal const int PlainCpuWarp = 64;

    static Context CreateContext(DeviceOptions options)
    {
        int cores = options.CpuThreads ?? Environment.ProcessorCount;
        // Throughput configuration: one multiprocessor (worker) per core. RnnGpu launches groups of one thread here
        // (ComputeDevice.MaxGroupSize), so each core runs one work stream. 64 threads per warp is not a group size: ILGPU
        // starts a worker's threads lazily, only as many as the largest group launched, when a worker may hold more than
        // 32, so with groups of one each launch wakes one thread per core and returns in about 62 us here. The smallest
        // eager configuration, two threads per worker, wakes twice the threads and took about 110 us per launch
        // (`RnnGpu.Bench launch` measures both).
        // The GPU simulation mode gives groups large enough for the tiled GPU kernels, on one
        // multiprocessor unless CpuThreads asks for more.
        var cpuDevice = options.CpuGpuSimulation
            ? new CPUDevice(numThreadsPerWarp: 32, numWarpsPerMultiprocessor: 8, numMultiprocessors: options.CpuThreads ?? 1)
            : new CPUDevice(numThreadsPerWarp: PlainCpuWarp, numWarpsPerMultiprocessor: 1, numMultiprocessors: cores);
        return Context.Create(b => b
            .Cuda()
            .OpenCL()
            .CPU(cpuDevice)
            .Optimize(OptimizationLevel.O2)
            .EnableAlgorithms());
    }

    static List<(Device Device, DeviceInfo Info)> Describe(Context ctx)
    {
        var list = new List<(Device, DeviceInfo)>();
        int cuda = 0, cl = 0, cpu = 0;
        foreach (var d in ctx.Devices)
        {
            switch (d)
            {
                case CudaDevice:
                    list.Add((d, new DeviceInfo(AcceleratorKind.Cuda, cuda++, d.Name, d.MemorySize,
                        d.WarpSize, d.MaxNumThreadsPerGroup, false)));
                    break;
                case CLDevice c:
                    list.Add((d, new DeviceInfo(AcceleratorKind.OpenCL, cl++, d.Name, d.MemorySize,
                        d.WarpSize, d.MaxNumThreadsPerGroup, c.DeviceType == CLDeviceType.CL_DEVICE_TYPE_CPU)));
                    break;
                case CPUDevice c:
                    // The plain configuration (warp PlainCpuWarp; the GPU simulation's is 32) runs groups of one thread:
                    // this is where ComputeDevice.MaxGroupSize comes from.
                    bool plain = c.WarpSize == PlainCpuWarp;
                    list.Add((d, new DeviceInfo(AcceleratorKind.Cpu, cpu++,
                        $"CPU accelerator ({c.NumMultiprocessors} {(c.NumMultiprocessors == 1 ? "worker" : "workers")})",
                        (long)GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, plain ? 1 : d.WarpSize, plain ? 1 : d.MaxNumThreadsPerGroup, true)));
                    break;
            }
        }
        return list;
    }

    /// <summary>Waits until every launch queued on this device has finished.</summary>
    public void Synchronize() => Accelerator.Synchronize();

    /// <summary>Releases the accelerator, its kernels and its scratch memory.</summary>
    public void Dispose()
    {
        if (disposed)
            return;
        EmptyCache();
        disposed = true;
        scratch?.Dispose();
        barrierCounter?.Dispose();
        accelerator.Dispose();
        context.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() => Info.ToString();
}
