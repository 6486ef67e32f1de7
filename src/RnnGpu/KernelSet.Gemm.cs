using ILGPU;
using ILGPU.Runtime;
using RnnGpu.Kernels;

namespace RnnGpu;

internal sealed partial class KernelSet
{
    /// <summary>The CPU accelerator's GEMM on the calling thread, no launch (a streaming step below
    /// <see cref="KernelPolicy.CallingThreadStepMaxFlops"/>): the same code and bits as the launched one.</summary>
    public void GemmOnCallingThread(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c, ArrayView<float> bias, in GemmArgs p)
    {
        if (policy.CallingThreadStepMaxFlops == 0)
            throw new InvalidOperationException($"A GEMM on the calling thread needs host memory; this device is {policy.Kind}.");
        GemmKernels.CpuBlockedOnCallingThread(a, b, c, bias, p);
    }

    public void Gemm(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c, ArrayView<float> bias,
        in GemmArgs p, GemmVariant variant = GemmVariant.Auto)
    {
        if (p.M == 0 || p.N == 0)
            return;
        if (variant == GemmVariant.Auto)
            variant = policy.GemmVariant;
        switch (variant)
        {
            case GemmVariant.Tiled:
                RequireGroup(GemmKernels.TiledGroupSize, "GEMM variant Tiled");
                Get(KernelCatalog.GemmTiled, () => accel.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, GemmArgs>(GemmKernels.Tiled))
                    (new KernelConfig(GemmKernels.TiledGrid(p.M, p.N), new Index2D(GemmKernels.TiledGroupSize, 1)), a, b, c, bias, p);
                break;
            case GemmVariant.CpuBlocked:
                if (!policy.GemmCandidates.Contains(GemmVariant.CpuBlocked))
                    throw new ArgumentException($"GEMM variant CpuBlocked runs on the CPU accelerator only (its inner loop is host SIMD code); " +
                        $"this device is {policy.Kind}: use Auto, Tiled or RowBlocked.", nameof(variant));
                Load1D<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, GemmArgs>(KernelCatalog.GemmCpu, GemmKernels.CpuBlocked)
                    (GemmKernels.CpuItems(p.M, p.N), a, b, c, bias, p);
                break;
            case GemmVariant.RowBlocked when p.StrideAm == 1 && p.StrideAk == p.M && (long)p.M * p.K >= TransposeAMinFloats:
            {
                // A^T B (the weight gradients, dW += dG^T X over all T*B rows): RowBlocked reads a column of A per output
                // row, strided by M, which ran at a quarter of its A B speed on PoCL (25 against 85 GFLOP/s at
                // 1024x256x6400). One transpose of A into pooled memory, then A B.
                RequireGroup(GemmKernels.RowGroupN, "GEMM variant RowBlocked");
                using var at = DeviceTensor.Uninitialized(device, p.M, p.K);
                Transpose(a.SubView(0, (long)p.K * p.M), at.View, p.K, p.M);
                Gemm(at.View, b, c, bias, p.WithRowMajorA(), GemmVariant.RowBlocked);
                break;
            }
            case GemmVariant.RowBlocked:
                RequireGroup(GemmKernels.RowGroupN, "GEMM variant RowBlocked");
                Get(KernelCatalog.GemmRows, () => accel.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, GemmArgs>(GemmKernels.RowBlocked))
                    (new KernelConfig(GemmKernels.RowGrid(p.M, p.N), new Index2D(GemmKernels.RowGroupN, 1)), a, b, c, bias, p);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(variant), variant, "Unknown GEMM variant.");
        }
    }

    /// <summary>Smallest A (floats) that RowBlocked transposes before an A^T B product: below it the extra launch costs
    /// more than the strided reads.</summary>
    const long TransposeAMinFloats = 1 << 16;

    /// <summary>Refuses a launch whose groups the device does not run (<see cref="ComputeDevice.MaxGroupSize"/>), before
    /// anything is compiled or launched.</summary>
    void RequireGroup(int threads, string what, string instead = "use GemmVariant.Auto", string? paramName = "variant")
    {
        if (threads > device.MaxGroupSize)
            throw new ArgumentException($"{what} launches groups of {threads} threads; {device.Info.Spec} runs groups of at most " +
                $"{device.MaxGroupSize} (the CPU accelerator: groups of one): {instead}.", paramName);
    }
}
