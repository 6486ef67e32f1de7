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

    T Get<T>(string name, Func<T> load) where T : Delegate
    {
        if (!cache.TryGetValue(name, out var d))
        {
            d = load();
            cache[name] = d;
        }
        return (T)d;
    }

    // Implicitly grouped 1-D kernels with the policy's group size (KernelPolicy.ElementwiseGroupSize:
    // groups of one thread on the CPU accelerator), else ILGPU's occupancy-based group size.
    Action<Index1D, T1, T2> Load1D<T1, T2>(string name, Action<Index1D, T1, T2> k)
        where T1 : struct where T2 : struct =>
        Get(name, () => policy.ElementwiseGroupSize is int g ? accel.LoadImplicitlyGroupedStreamKernel(k, g) : accel.LoadAutoGroupedStreamKernel(k));

    Action<Index1D, T1, T2, T3> Load1D<T1, T2, T3>(string name, Action<Index1D, T1, T2, T3> k)
        where T1 : struct where T2 : struct where T3 : struct =>
        Get(name, () => policy.ElementwiseGroupSize is int g ? accel.LoadImplicitlyGroupedStreamKernel(k, g) : accel.LoadAutoGroupedStreamKernel(k));

    Action<Index1D, T1, T2, T3, T4> Load1D<T1, T2, T3, T4>(string name, Action<Index1D, T1, T2, T3, T4> k)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct =>
        Get(name, () => policy.ElementwiseGroupSize is int g ? accel.LoadImplicitlyGroupedStreamKernel(k, g) : accel.LoadAutoGroupedStreamKernel(k));

    Action<Index1D, T1, T2, T3, T4, T5> Load1D<T1, T2, T3, T4, T5>(string name, Action<Index1D, T1, T2, T3, T4, T5> k)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct =>
        Get(name, () => policy.ElementwiseGroupSize is int g ? accel.LoadImplicitlyGroupedStreamKernel(k, g) : accel.LoadAutoGroupedStreamKernel(k));

    Action<Index1D, T1, T2, T3, T4, T5, T6> Load1D<T1, T2, T3, T4, T5, T6>(string name, Action<Index1D, T1, T2, T3, T4, T5, T6> k)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where T6 : struct =>
        Get(name, () => policy.ElementwiseGroupSize is int g ? accel.LoadImplicitlyGroupedStreamKernel(k, g) : accel.LoadAutoGroupedStreamKernel(k));

    Action<Index1D, T1, T2, T3, T4, T5, T6, T7> Load1D<T1, T2, T3, T4, T5, T6, T7>(string name, Action<Index1D, T1, T2, T3, T4, T5, T6, T7> k)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where T6 : struct where T7 : struct =>
        Get(name, () => policy.ElementwiseGroupSize is int g ? accel.LoadImplicitlyGroupedStreamKernel(k, g) : accel.LoadAutoGroupedStreamKernel(k));

    Action<Index1D, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11> Load1D<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11>(
        string name, Action<Index1D, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11> k)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where T6 : struct
        where T7 : struct where T8 : struct where T9 : struct where T10 : struct where T11 : struct =>
        Get(name, () => policy.ElementwiseGroupSize is int g ? accel.LoadImplicitlyGroupedStreamKernel(k, g) : accel.LoadAutoGroupedStreamKernel(k));
}
