using ILGPU;
using ILGPU.Runtime;
using RnnGpu.Kernels;

namespace RnnGpu;

internal sealed partial class KernelSet
{
    /// <summary>
    /// One persistent forward launch (<see cref="RnnKernels.PersistentForward"/>) of a layer and direction over all
    /// steps: zeroes the grid barrier's counter, then launches <see cref="PersistentPlan.Groups"/> groups of
    /// <see cref="PersistentPlan.GroupSize"/> threads with the plan's dynamic shared memory.
    /// </summary>
    public void PersistentForward(PersistentPlan plan, ArrayView<float> whh, ArrayView<float> bhh, ArrayView<float> gx,
        ArrayView<float> hs, ArrayView<float> cs, ArrayView<float> y, ArrayView<float> gates, ArrayView<int> lengths,
        in PersistentArgs a)
    {
        if (!plan.Persistent)
            throw new InvalidOperationException($"The persistent kernel was not planned: {plan.Reason}.");
        if (policy.CpuRecurrence)
            throw new InvalidOperationException("The CPU accelerator's persistent forward is CpuRecurrence's (PersistentForwardCpu).");
        var counter = ZeroedBarrierCounter();
        int floats = checked((int)a.SharedFloats(plan.GroupSize));
        Get(KernelCatalog.RnnPersistentFwd, () => accel.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>,
                ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<int>, PersistentArgs>(
                RnnKernels.PersistentForward))
            (new KernelConfig(new Index1D(plan.Groups), new Index1D(plan.GroupSize), SharedMemoryConfig.RequestDynamic<float>(floats)),
                whh, bhh, gx, hs, cs, y, gates, lengths, counter, a);
    }

    /// <summary>
    /// One persistent forward launch of the CPU accelerator (<see cref="RnnKernels.PersistentForwardCpu"/>) over all steps
    /// of a layer and direction: zeroes the barrier's counter, then launches <paramref name="a"/>.Groups groups of one thread.
    /// <paramref name="packed"/> is W_hh packed by <see cref="PackRecurrentCpu"/>.
    /// </summary>
    public void PersistentForwardCpu(ArrayView<float> packed, ArrayView<float> bhh, ArrayView<float> gx,
        ArrayView<float> hs, ArrayView<float> cs, ArrayView<float> y, ArrayView<float> gates, ArrayView<int> lengths,
        in PersistentArgs a)
    {
        var counter = ZeroedBarrierCounter();
        Get(KernelCatalog.RnnPersistentCpu, () => accel.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>,
                ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<int>, PersistentArgs>(
                RnnKernels.PersistentForwardCpu))
            (new KernelConfig(new Index1D(a.Groups), new Index1D(1)), packed, bhh, gx, hs, cs, y, gates, lengths, counter, a);
    }

    /// <summary>
    /// One persistent BPTT launch of the CPU accelerator (<see cref="RnnKernels.PersistentBackwardCpu"/>) over all steps
    /// of a layer and direction: zeroes the barrier's counter, then launches <paramref name="a"/>.Groups groups of one thread.
    /// </summary>
    public void PersistentBackwardCpu(ArrayView<float> whh, ArrayView<float> gates, ArrayView<float> hs, ArrayView<float> cs,
        ArrayView<float> dy, ArrayView<float> dh, ArrayView<float> dc, ArrayView<float> dgx, ArrayView<float> dgh,
        ArrayView<int> lengths, in PersistentArgs a)
    {
        var counter = ZeroedBarrierCounter();
        Get(KernelCatalog.RnnPersistentBwdCpu, () => accel.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>,
                ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<int>,
                PersistentArgs>(RnnKernels.PersistentBackwardCpu))
            (new KernelConfig(new Index1D(a.Groups), new Index1D(1)), whh, gates, hs, cs, dy, dh, dc, dgx, dgh, lengths, counter, a);
    }

    /// <summary>The device's grid-barrier arrival counter, zeroed on the stream before the persistent launch that uses it.</summary>
    ArrayView<int> ZeroedBarrierCounter()
    {
        var counter = device.BarrierCounter();
        FillInt(counter, 0);
        return counter;
    }
}
