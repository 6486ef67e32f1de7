using ILGPU;
using ILGPU.Runtime;
using RnnGpu.Kernels;

namespace RnnGpu;

/// <summary>
/// The compiled kernels of one device. Each is compiled on first use and kept for the
/// device's lifetime; nothing is compiled on a hot path after warm-up. One partial file per
/// kernel file of kernels/: KernelSet.Gemm.cs (GemmKernels), KernelSet.Elementwise.cs
/// (ElementwiseKernels), KernelSet.Rnn.cs (RnnKernels, RnnKernels.Rows), KernelSet.Persistent.cs
/// (RnnKernels.Persistent), KernelSet.Reduction.cs (ReductionKernels), KernelSet.Model.cs (ModelKernels).
/// How kernels are launched here (variants, group sizes) is the device's <see cref="KernelPolicy"/>.
/// </summary>
internal sealed partial class KernelSet
{
    readonly ComputeDevice device;
    readonly Accelerator accel;
    readonly KernelPolicy policy;
    readonly Dictionary<string, Delegate> cache = new();

    public KernelSet(ComputeDevice device)
    {
        this.device = device;
        accel = device.Accelerator;
        policy = device.Policy;
    }

    /// <summary>Number of kernels compiled so far on this device.</summary>
    public int LoadedCount => cache.Count;

    T Get<T>(KernelCatalog.Entry entry, Func<T> load) where T : Delegate
    {
        if (!cache.TryGetValue(entry.Key, out var d))
        {
            d = load();
            cache[entry.Key] = d;
        }
        return (T)d;
    }

    /// <summary>The kernel method a launch loads must be its catalog entry's (what the PTX check compiled).</summary>
    static void Require(KernelCatalog.Entry entry, Delegate kernel)
    {
        if (kernel.Method != entry.Method)
            throw new InvalidOperationException($"Kernel '{entry.Key}' is {entry.Method.DeclaringType?.Name}.{entry.Method.Name} in KernelCatalog, " +
                $"but {kernel.Method.DeclaringType?.Name}.{kernel.Method.Name} was loaded under it.");
    }

    // One-dimensional kernels (first parameter: the item count; RnnGpu.Kernels.Items shares the items among the threads),
    // explicitly grouped everywhere: ILGPU's PTX backend treats an implicitly grouped kernel's index as uniform and marks
    // its thread-dependent branches bra.uni. The CPU accelerator gets one thread per worker (KernelPolicy.ElementwiseThreads),
    // each running a contiguous chunk; elsewhere one thread per item in groups of ILGPU's occupancy estimate.
    int GroupSize(Delegate launch) => policy.ElementwiseThreads is null ? accel.EstimateGroupSize(launch.GetKernel()) : 1;

    KernelConfig Items(int n, int groupSize) => policy.ElementwiseThreads is int t
        ? new KernelConfig(Math.Min(t, n), 1)
        : new KernelConfig((n + groupSize - 1) / groupSize, groupSize);

    Action<int, T1, T2> Load1D<T1, T2>(KernelCatalog.Entry name, Action<int, T1, T2> k)
        where T1 : struct where T2 : struct =>
        Get(name, () =>
        {
            Require(name, k);
            var launch = accel.LoadStreamKernel(k);
            int g = GroupSize(launch);
            return (Action<int, T1, T2>)((n, a1, a2) =>
            {
                if (n > 0)
                    launch(Items(n, g), n, a1, a2);
            });
        });

    Action<int, T1, T2, T3> Load1D<T1, T2, T3>(KernelCatalog.Entry name, Action<int, T1, T2, T3> k)
        where T1 : struct where T2 : struct where T3 : struct =>
        Get(name, () =>
        {
            Require(name, k);
            var launch = accel.LoadStreamKernel(k);
            int g = GroupSize(launch);
            return (Action<int, T1, T2, T3>)((n, a1, a2, a3) =>
            {
                if (n > 0)
                    launch(Items(n, g), n, a1, a2, a3);
            });
        });

    Action<int, T1, T2, T3, T4> Load1D<T1, T2, T3, T4>(KernelCatalog.Entry name, Action<int, T1, T2, T3, T4> k)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct =>
        Get(name, () =>
        {
            Require(name, k);
            var launch = accel.LoadStreamKernel(k);
            int g = GroupSize(launch);
            return (Action<int, T1, T2, T3, T4>)((n, a1, a2, a3, a4) =>
            {
                if (n > 0)
                    launch(Items(n, g), n, a1, a2, a3, a4);
            });
        });

    Action<int, T1, T2, T3, T4, T5> Load1D<T1, T2, T3, T4, T5>(KernelCatalog.Entry name, Action<int, T1, T2, T3, T4, T5> k)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct =>
        Get(name, () =>
        {
            Require(name, k);
            var launch = accel.LoadStreamKernel(k);
            int g = GroupSize(launch);
            return (Action<int, T1, T2, T3, T4, T5>)((n, a1, a2, a3, a4, a5) =>
            {
                if (n > 0)
                    launch(Items(n, g), n, a1, a2, a3, a4, a5);
            });
        });

    Action<int, T1, T2, T3, T4, T5, T6> Load1D<T1, T2, T3, T4, T5, T6>(KernelCatalog.Entry name, Action<int, T1, T2, T3, T4, T5, T6> k)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where T6 : struct =>
        Get(name, () =>
        {
            Require(name, k);
            var launch = accel.LoadStreamKernel(k);
            int g = GroupSize(launch);
            return (Action<int, T1, T2, T3, T4, T5, T6>)((n, a1, a2, a3, a4, a5, a6) =>
            {
                if (n > 0)
                    launch(Items(n, g), n, a1, a2, a3, a4, a5, a6);
            });
        });

    Action<int, T1, T2, T3, T4, T5, T6, T7> Load1D<T1, T2, T3, T4, T5, T6, T7>(KernelCatalog.Entry name, Action<int, T1, T2, T3, T4, T5, T6, T7> k)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where T6 : struct where T7 : struct =>
        Get(name, () =>
        {
            Require(name, k);
            var launch = accel.LoadStreamKernel(k);
            int g = GroupSize(launch);
            return (Action<int, T1, T2, T3, T4, T5, T6, T7>)((n, a1, a2, a3, a4, a5, a6, a7) =>
            {
                if (n > 0)
                    launch(Items(n, g), n, a1, a2, a3, a4, a5, a6, a7);
            });
        });

    Action<int, T1, T2, T3, T4, T5, T6, T7, T8> Load1D<T1, T2, T3, T4, T5, T6, T7, T8>(KernelCatalog.Entry name, Action<int, T1, T2, T3, T4, T5, T6, T7, T8> k)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where T6 : struct where T7 : struct where T8 : struct =>
        Get(name, () =>
        {
            Require(name, k);
            var launch = accel.LoadStreamKernel(k);
            int g = GroupSize(launch);
            return (Action<int, T1, T2, T3, T4, T5, T6, T7, T8>)((n, a1, a2, a3, a4, a5, a6, a7, a8) =>
            {
                if (n > 0)
                    launch(Items(n, g), n, a1, a2, a3, a4, a5, a6, a7, a8);
            });
        });

    Action<int, T1, T2, T3, T4, T5, T6, T7, T8, T9> Load1D<T1, T2, T3, T4, T5, T6, T7, T8, T9>(KernelCatalog.Entry name, Action<int, T1, T2, T3, T4, T5, T6, T7, T8, T9> k)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where T6 : struct where T7 : struct where T8 : struct where T9 : struct =>
        Get(name, () =>
        {
            Require(name, k);
            var launch = accel.LoadStreamKernel(k);
            int g = GroupSize(launch);
            return (Action<int, T1, T2, T3, T4, T5, T6, T7, T8, T9>)((n, a1, a2, a3, a4, a5, a6, a7, a8, a9) =>
            {
                if (n > 0)
                    launch(Items(n, g), n, a1, a2, a3, a4, a5, a6, a7, a8, a9);
            });
        });

    Action<int, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10> Load1D<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10>(KernelCatalog.Entry name, Action<int, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10> k)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where T6 : struct where T7 : struct where T8 : struct where T9 : struct where T10 : struct =>
        Get(name, () =>
        {
            Require(name, k);
            var launch = accel.LoadStreamKernel(k);
            int g = GroupSize(launch);
            return (Action<int, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10>)((n, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10) =>
            {
                if (n > 0)
                    launch(Items(n, g), n, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10);
            });
        });

    Action<int, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11> Load1D<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11>(KernelCatalog.Entry name, Action<int, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11> k)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where T6 : struct where T7 : struct where T8 : struct where T9 : struct where T10 : struct where T11 : struct =>
        Get(name, () =>
        {
            Require(name, k);
            var launch = accel.LoadStreamKernel(k);
            int g = GroupSize(launch);
            return (Action<int, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11>)((n, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11) =>
            {
                if (n > 0)
                    launch(Items(n, g), n, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11);
            });
        });
}
