using System.Diagnostics;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;

namespace RnnGpu.Bench;

/// <summary>
/// `RnnGpu.Bench launch [--launches N]`: the cost of one kernel launch on the ILGPU CPU accelerator in the
/// configurations RnnGpu could use, measured with a kernel that writes one float (launch + wait, median of 5 runs of N).
/// The configuration RnnGpu uses (64 threads per warp, one warp per worker: threads start lazily, as many as the largest
/// group so far) is timed with groups of one, then again after one launch of 64-thread groups, which starts every
/// thread for good (why RnnGpu launches nothing but groups of one there); the smallest eager configuration (two threads
/// per worker) for comparison.
/// </summary>
static class LaunchProbe
{
    static void Touch(Index1D i, ArrayView<float> x) => x[i % x.IntLength] = i;

    public static int Run(string[] args)
    {
        int launches = args.Length >= 2 && args[0] == "--launches" ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 2000;
        int cores = Environment.ProcessorCount;
        Console.WriteLine($"ILGPU CPU accelerator, {cores} workers (one per core), a one-float kernel, median of 5 x {launches} launches:");
        Console.WriteLine("| configuration | groups | us per launch |");
        Console.WriteLine("|---|---|---:|");
        Time($"CPUDevice({ComputeDevice.PlainCpuWarp}, 1, {cores}) (RnnGpu)", ComputeDevice.PlainCpuWarp, launches, cores, poison: false);
        Time($"CPUDevice({ComputeDevice.PlainCpuWarp}, 1, {cores}) after one 64-thread launch", ComputeDevice.PlainCpuWarp, launches, cores, poison: true);
        Time($"CPUDevice(2, 1, {cores}) (eager, two threads per worker)", 2, launches, cores, poison: false);
        return 0;
    }

    static void Time(string name, int warp, int launches, int cores, bool poison)
    {
        using var ctx = Context.Create(b => b.CPU(new CPUDevice(warp, 1, cores)));
        using var accel = ((CPUDevice)ctx.Devices.First(d => d is CPUDevice)).CreateCPUAccelerator(ctx, CPUAcceleratorMode.Parallel);
        var kernel = accel.LoadStreamKernel<ArrayView<float>>((ArrayView<float> x) => Touch(Grid.GlobalIndex.X, x));
        using var buf = accel.Allocate1D<float>(64);
        var one = new KernelConfig(cores, 1);
        kernel(one, buf.View);
        accel.Synchronize();
        if (poison)
        {
            kernel(new KernelConfig(cores, 64), buf.View);
            accel.Synchronize();
        }
        var runs = new double[5];
        for (int r = 0; r < runs.Length; r++)
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < launches; i++)
            {
                kernel(one, buf.View);
                accel.Synchronize();
            }
            runs[r] = Stopwatch.GetElapsedTime(start).TotalMicroseconds / launches;
        }
        Array.Sort(runs);
        Console.WriteLine($"| {name} | {cores} x 1 | {runs[2]:F1} |");
    }
}
