using ILGPU;
using ILGPU.Runtime;
using RnnGpu.Kernels;

namespace RnnGpu;

/// <summary>
/// The compiled kernels of one device. Each is compiled on first use and kept for the
/// device's lifetime; nothing is compiled on a hot path after warm-up.
/// </summary>
internal sealed partial class KernelSet
{
    readonly ComputeDevice device;
    readonly Accelerator accel;
    readonly Dictionary<string, Delegate> cache = new();

    public KernelSet(ComputeDevice device)
    {
        this.device = device;
        accel = device.Accelerator;
    }

    /// <summary>Group size for one-dimensional elementwise kernels: 1 on the CPU accelerator
    /// (each worker runs a contiguous chunk), automatic elsewhere.</summary>
    bool IsCpuAccelerator => device.Kind == AcceleratorKind.Cpu;

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

    // Implicitly grouped 1-D kernels: on the CPU accelerator with groups of one thread,
    // elsewhere with ILGPU's occupancy-based group size.
    Action<Index1D, T1, T2> Load1D<T1, T2>(string name, Action<Index1D, T1, T2> k)
        where T1 : struct where T2 : struct =>
        Get(name, () => IsCpuAccelerator ? accel.LoadImplicitlyGroupedStreamKernel(k, 1) : accel.LoadAutoGroupedStreamKernel(k));

    Action<Index1D, T1, T2, T3> Load1D<T1, T2, T3>(string name, Action<Index1D, T1, T2, T3> k)
        where T1 : struct where T2 : struct where T3 : struct =>
        Get(name, () => IsCpuAccelerator ? accel.LoadImplicitlyGroupedStreamKernel(k, 1) : accel.LoadAutoGroupedStreamKernel(k));

    Action<Index1D, T1, T2, T3, T4> Load1D<T1, T2, T3, T4>(string name, Action<Index1D, T1, T2, T3, T4> k)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct =>
        Get(name, () => IsCpuAccelerator ? accel.LoadImplicitlyGroupedStreamKernel(k, 1) : accel.LoadAutoGroupedStreamKernel(k));

    Action<Index1D, T1, T2, T3, T4, T5> Load1D<T1, T2, T3, T4, T5>(string name, Action<Index1D, T1, T2, T3, T4, T5> k)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct =>
        Get(name, () => IsCpuAccelerator ? accel.LoadImplicitlyGroupedStreamKernel(k, 1) : accel.LoadAutoGroupedStreamKernel(k));

    Action<Index1D, T1, T2, T3, T4, T5, T6> Load1D<T1, T2, T3, T4, T5, T6>(string name, Action<Index1D, T1, T2, T3, T4, T5, T6> k)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where T6 : struct =>
        Get(name, () => IsCpuAccelerator ? accel.LoadImplicitlyGroupedStreamKernel(k, 1) : accel.LoadAutoGroupedStreamKernel(k));

    Action<Index1D, T1, T2, T3, T4, T5, T6, T7> Load1D<T1, T2, T3, T4, T5, T6, T7>(string name, Action<Index1D, T1, T2, T3, T4, T5, T6, T7> k)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where T6 : struct where T7 : struct =>
        Get(name, () => IsCpuAccelerator ? accel.LoadImplicitlyGroupedStreamKernel(k, 1) : accel.LoadAutoGroupedStreamKernel(k));

    // ---- GEMM

    /// <summary>The GEMM variant the host uses on this device when none is forced.</summary>
    public GemmVariant DefaultGemmVariant => device.Kind switch
    {
        AcceleratorKind.Cpu => GemmVariant.CpuBlocked,
        AcceleratorKind.OpenCL when device.Info.IsCpuDevice => GemmVariant.RowBlocked,
        _ => GemmVariant.Tiled,
    };

    public void Gemm(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c, ArrayView<float> bias,
        in GemmArgs p, GemmVariant variant = GemmVariant.Auto)
    {
        if (p.M == 0 || p.N == 0)
            return;
        if (variant == GemmVariant.Auto)
            variant = DefaultGemmVariant;
        switch (variant)
        {
            case GemmVariant.Tiled:
                Get("gemm.tiled", () => accel.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, GemmArgs>(GemmKernels.Tiled))
                    (new KernelConfig(GemmKernels.TiledGrid(p.M, p.N), new Index2D(GemmKernels.TiledGroupSize, 1)), a, b, c, bias, p);
                break;
            case GemmVariant.CpuBlocked:
                Load1D<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, GemmArgs>("gemm.cpu", GemmKernels.CpuBlocked)
                    (GemmKernels.CpuItems(p.M, p.N), a, b, c, bias, p);
                break;
            case GemmVariant.RowBlocked:
                Get("gemm.rows", () => accel.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, GemmArgs>(GemmKernels.RowBlocked))
                    (new KernelConfig(GemmKernels.RowGrid(p.M, p.N), new Index2D(GemmKernels.RowGroupN, 1)), a, b, c, bias, p);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(variant), variant, "Unknown GEMM variant.");
        }
    }

    // ---- Reductions

    public void ColumnSum(ArrayView<float> x, int rows, int cols, int ld, ArrayView<float> dst, bool accumulate)
    {
        if (cols == 0)
            return;
        int chunks = ReductionKernels.ColumnChunks(rows);
        if (chunks == 0)
        {
            if (!accumulate)
                Fill(dst.SubView(0, cols), 0f);
            return;
        }
        var partial = device.Scratch((long)chunks * cols);
        Load1D<ArrayView<float>, ArrayView<float>, int, int, int>("colsum.partial", ReductionKernels.ColumnSumPartial)
            (chunks * cols, x, partial, rows, cols, ld);
        Load1D<ArrayView<float>, ArrayView<float>, int, int, int>("colsum.final", ReductionKernels.ColumnSumFinal)
            (cols, partial, dst, chunks, cols, accumulate ? 1 : 0);
    }

    public void SumOfSquares(ArrayView<float> x, ArrayView<float> result, int slot, bool accumulate)
    {
        int chunks = Math.Max(1, ReductionKernels.SquaresChunks(x.Length));
        var partial = device.Scratch(chunks);
        if (x.Length == 0)
            Fill(partial, 0f);
        else
            Load1D<ArrayView<float>, ArrayView<float>>("sumsq.partial", ReductionKernels.SumSquaresPartial)
                (chunks, x, partial);
        Load1D<ArrayView<float>, ArrayView<float>, int, int>("sum.final", ReductionKernels.SumFinal)
            (1, partial, result, slot, accumulate ? 1 : 0);
    }
}

internal sealed partial class KernelSet
{
    public void Fill(ArrayView<float> x, float value) =>
        Load1D<ArrayView<float>, float>("fill", ElementwiseKernels.Fill)((int)x.Length, x, value);
}

internal sealed partial class KernelSet
{
    Action<Index1D, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11> Load1D<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11>(
        string name, Action<Index1D, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11> k)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where T6 : struct
        where T7 : struct where T8 : struct where T9 : struct where T10 : struct where T11 : struct =>
        Get(name, () => IsCpuAccelerator ? accel.LoadImplicitlyGroupedStreamKernel(k, 1) : accel.LoadAutoGroupedStreamKernel(k));

    public void StepForward(ArrayView<float> hPrev, ArrayView<float> cPrev, ArrayView<float> whhT, ArrayView<float> bhh,
        ArrayView<float> gx, ArrayView<float> hNext, ArrayView<float> cNext, ArrayView<float> y, ArrayView<float> gates,
        ArrayView<int> lengths, in StepArgs p) =>
        Load1D<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>,
            ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, StepArgs>("rnn.step.fwd", RnnKernels.StepForward)
            (RnnKernels.StepItems(p), hPrev, cPrev, whhT, bhh, gx, hNext, cNext, y, gates, lengths, p);

    public void StepBackward(ArrayView<float> gates, ArrayView<float> hPrev, ArrayView<float> cPrev, ArrayView<float> cCur,
        ArrayView<float> dy, ArrayView<float> dh, ArrayView<float> dc, ArrayView<float> dgx, ArrayView<float> dgh,
        ArrayView<int> lengths, in StepArgs p) =>
        Load1D<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>,
            ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, StepArgs>("rnn.step.bwd", RnnKernels.StepBackward)
            (p.B * p.H, gates, hPrev, cPrev, cCur, dy, dh, dc, dgx, dgh, lengths, p);

    public void Transpose(ArrayView<float> src, ArrayView<float> dst, int rows, int cols) =>
        Load1D<ArrayView<float>, ArrayView<float>, int, int>("transpose", RnnKernels.Transpose)(rows * cols, src, dst, rows, cols);

    public void SwapOuter(ArrayView<float> src, ArrayView<float> dst, int d0, int d1, int inner) =>
        Load1D<ArrayView<float>, ArrayView<float>, int, int, int>("swap.outer", RnnKernels.SwapOuter)
            ((int)src.Length, src, dst, d0, d1, inner);

    public void DropoutForward(ArrayView<float> x, ArrayView<float> y, ArrayView<float> mask, float p, uint seed, uint stream) =>
        Load1D<ArrayView<float>, ArrayView<float>, ArrayView<float>, float, uint, uint>("dropout.fwd", RnnKernels.DropoutForward)
            ((int)x.Length, x, y, mask, p, seed, stream);

    public void Multiply(ArrayView<float> a, ArrayView<float> b, ArrayView<float> dst) =>
        Load1D<ArrayView<float>, ArrayView<float>, ArrayView<float>>("mul", RnnKernels.MultiplyInto)((int)a.Length, a, b, dst);

    public void NonFiniteFlag(ArrayView<float> x, ArrayView<int> flag) =>
        Load1D<ArrayView<float>, ArrayView<int>>("nonfinite", RnnKernels.NonFiniteFlag)((int)x.Length, x, flag);
}

internal sealed partial class KernelSet
{
    /// <summary>Whether the recurrent step uses <see cref="RnnKernels.StepForwardRows"/> (OpenCL on CPUs).</summary>
    public bool PrefersRowStep => DefaultGemmVariant == GemmVariant.RowBlocked;

    public void InterleaveTranspose(ArrayView<float> whh, ArrayView<float> wi, int h, int g, int gi) =>
        Load1D<ArrayView<float>, ArrayView<float>, int, int, int>("rnn.interleave", RnnKernels.InterleaveTranspose)
            ((int)wi.Length, whh, wi, h, g, gi);

    public void StepForwardRows(ArrayView<float> hPrev, ArrayView<float> cPrev, ArrayView<float> wi, ArrayView<float> bhh,
        ArrayView<float> gx, ArrayView<float> hNext, ArrayView<float> cNext, ArrayView<float> y, ArrayView<float> gates,
        ArrayView<int> lengths, in StepArgs p) =>
        Get("rnn.step.rows", () => accel.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>,
                ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, StepArgs>(
                RnnKernels.StepForwardRows))
            (new KernelConfig(RnnKernels.RowStepGrid(p), new Index2D(RnnKernels.RowStepGroup, 1)),
                hPrev, cPrev, wi, bhh, gx, hNext, cNext, y, gates, lengths, p);
}
