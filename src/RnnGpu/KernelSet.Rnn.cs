using ILGPU;
using ILGPU.Runtime;
using RnnGpu.Kernels;

namespace RnnGpu;

internal sealed partial class KernelSet
{
    public void StepForward(ArrayView<float> hPrev, ArrayView<float> cPrev, ArrayView<float> whhT, ArrayView<float> bhh,
        ArrayView<float> gx, ArrayView<float> hNext, ArrayView<float> cNext, ArrayView<float> y, ArrayView<float> gates,
        ArrayView<int> lengths, in StepArgs p) =>
        Load1D<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>,
            ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, StepArgs>(KernelCatalog.RnnStepFwd, RnnKernels.StepForward)
            (RnnKernels.StepItems(p), hPrev, cPrev, whhT, bhh, gx, hNext, cNext, y, gates, lengths, p);

    /// <summary>Packs W_hh for the CPU accelerator's recurrences (<see cref="RnnKernels.PackRecurrentCpu"/>).</summary>
    public void PackRecurrentCpu(ArrayView<float> whh, ArrayView<float> packed, int h, RnnMode cell) =>
        Load1D<ArrayView<float>, ArrayView<float>, int, int>(KernelCatalog.RnnPackCpu, RnnKernels.PackRecurrentCpu)
            (RnnKernels.StepItemsCpu(h, cell), whh, packed, h, (int)cell);

    /// <summary><see cref="StepForwardCpu"/> on the calling thread (no launch; the same bits).</summary>
    public void StepForwardCpuOnCallingThread(ArrayView<float> packed, ArrayView<float> hPrev, ArrayView<float> cPrev, ArrayView<float> bhh,
        ArrayView<float> gx, ArrayView<float> hNext, ArrayView<float> cNext, ArrayView<float> y, ArrayView<float> gates,
        ArrayView<int> lengths, in StepArgs p)
    {
        if (!policy.CpuRecurrence)
            throw new InvalidOperationException($"The CPU step on the calling thread needs host memory; this device is {policy.Kind}.");
        RnnKernels.StepForwardCpuOnCallingThread(packed, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);
    }

    public void StepForwardCpu(ArrayView<float> packed, ArrayView<float> hPrev, ArrayView<float> cPrev, ArrayView<float> bhh,
        ArrayView<float> gx, ArrayView<float> hNext, ArrayView<float> cNext, ArrayView<float> y, ArrayView<float> gates,
        ArrayView<int> lengths, in StepArgs p) =>
        Load1D<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>,
            ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, StepArgs>(KernelCatalog.RnnStepCpu, RnnKernels.StepForwardCpu)
            (RnnKernels.StepItemsCpu(p.H, (RnnMode)p.Cell), packed, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);

    public void StepBackward(ArrayView<float> gates, ArrayView<float> hPrev, ArrayView<float> cPrev, ArrayView<float> cCur,
        ArrayView<float> dy, ArrayView<float> dh, ArrayView<float> dc, ArrayView<float> dgx, ArrayView<float> dgh,
        ArrayView<int> lengths, in StepArgs p)
    {
        if (policy.HostRowKernels)
            Load1D<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>,
                ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, StepArgs>(KernelCatalog.RnnStepBwdCpu, RnnKernels.StepBackwardCpu)
                (p.B, gates, hPrev, cPrev, cCur, dy, dh, dc, dgx, dgh, lengths, p);
        else
            StepBackwardItems(gates, hPrev, cPrev, cCur, dy, dh, dc, dgx, dgh, lengths, p);
    }

    void StepBackwardItems(ArrayView<float> gates, ArrayView<float> hPrev, ArrayView<float> cPrev, ArrayView<float> cCur,
        ArrayView<float> dy, ArrayView<float> dh, ArrayView<float> dc, ArrayView<float> dgx, ArrayView<float> dgh,
        ArrayView<int> lengths, in StepArgs p) =>
        Load1D<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>,
            ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, StepArgs>(KernelCatalog.RnnStepBwd, RnnKernels.StepBackward)
            (p.B * p.H, gates, hPrev, cPrev, cCur, dy, dh, dc, dgx, dgh, lengths, p);

    public void StepForwardTiled(ArrayView<float> hPrev, ArrayView<float> cPrev, ArrayView<float> wi, ArrayView<float> bhh,
        ArrayView<float> gx, ArrayView<float> hNext, ArrayView<float> cNext, ArrayView<float> y, ArrayView<float> gates,
        ArrayView<int> lengths, in StepArgs p)
    {
        RequireGroup(RnnKernels.TiledStepGroup, "The tiled step", "use RecurrenceAlgorithm.Auto", null);
        GroupedStep(KernelCatalog.RnnStepTiled, RnnKernels.StepForwardTiled)
            (new KernelConfig(RnnKernels.TiledStepGrid(p), new Index2D(RnnKernels.TiledStepGroup, 1)),
                hPrev, cPrev, wi, bhh, gx, hNext, cNext, y, gates, lengths, p);
    }

    public void InterleaveTranspose(ArrayView<float> whh, ArrayView<float> wi, int h, int g, int gi) =>
        Load1D<ArrayView<float>, ArrayView<float>, int, int, int>(KernelCatalog.RnnInterleave, RnnKernels.InterleaveTranspose)
            ((int)wi.Length, whh, wi, h, g, gi);

    public void StepCell(ArrayView<float> gh, ArrayView<float> hPrev, ArrayView<float> cPrev, ArrayView<float> bhh,
        ArrayView<float> gx, ArrayView<float> hNext, ArrayView<float> cNext, ArrayView<float> y, ArrayView<float> gates,
        ArrayView<int> lengths, in StepArgs p) =>
        Load1D<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>,
            ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, StepArgs>(KernelCatalog.RnnStepCell, RnnKernels.StepCell)
            (RnnKernels.StepCellItems(p), gh, hPrev, cPrev, bhh, gx, hNext, cNext, y, gates, lengths, p);

    /// <summary>An explicitly grouped forward step kernel (the row and tiled steps share one signature), loaded once.</summary>
    Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>,
        ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, StepArgs> GroupedStep(KernelCatalog.Entry key,
        Action<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>,
            ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, StepArgs> kernel) =>
        Get(key, () => accel.LoadStreamKernel(kernel));
}
