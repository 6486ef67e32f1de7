using RnnGpu.Kernels;

namespace RnnGpu;

/// <summary>Which GEMM kernel runs; <see cref="Auto"/> takes the device policy's (<see cref="KernelPolicy.GemmVariant"/>).</summary>
public enum GemmVariant
{
    /// <summary>CPU accelerator: <see cref="CpuBlocked"/>; OpenCL on a CPU: <see cref="RowBlocked"/>;
    /// GPUs: <see cref="Tiled"/>.</summary>
    Auto,
    /// <summary>128x128 block tiles in shared memory, 8x8 outputs per thread, 128-bit shared-memory reads (GPUs).</summary>
    Tiled,
    /// <summary>Host SIMD (ILGPU CPU accelerator only): 6-row strips within 128-column blocks per work item, op(B) packed into
    /// 32-column panels per K chunk, a 6x32 register-blocked micro-kernel (6x16 on the AVX2 tier).</summary>
    CpuBlocked,
    /// <summary>4x32 blocks of C per work item, 32 contiguous columns the OpenCL compiler vectorises (OpenCL on CPUs).</summary>
    RowBlocked,
}

/// <summary>Dense linear algebra on device tensors.</summary>
public static class Blas
{
    /// <summary>
    /// C = alpha * op(A) * op(B) + beta * C (+ bias broadcast over rows), row-major.
    /// op(A) is (M, K): A is (M, K), or (K, M) with <paramref name="transA"/>; op(B) is (K, N):
    /// B is (K, N), or (N, K) with <paramref name="transB"/>; C is (M, N); bias is (N).
    /// With beta = 0, C is write-only (its old contents, NaN included, are ignored).
    /// </summary>
    /// <param name="a">A, rank 2.</param>
    /// <param name="b">B, rank 2.</param>
    /// <param name="c">C, rank 2, (M, N).</param>
    /// <param name="transA">Use A transposed.</param>
    /// <param name="transB">Use B transposed.</param>
    /// <param name="alpha">Scale of the product.</param>
    /// <param name="beta">Scale of the previous C; 1 accumulates.</param>
    /// <param name="bias">Optional bias (N) added to every row.</param>
    /// <param name="variant">Kernel variant; <see cref="GemmVariant.Auto"/> by default.</param>
    /// <exception cref="ArgumentException">Ranks, shapes or devices do not match; the message names the shapes.</exception>
    public static void Gemm(DeviceTensor a, DeviceTensor b, DeviceTensor c, bool transA = false, bool transB = false,
        float alpha = 1f, float beta = 0f, DeviceTensor? bias = null, GemmVariant variant = GemmVariant.Auto)
    {
        using var hold = DeviceHold.Of(a);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(c);
        Shapes.RequireRank(a, 2, nameof(a));
        Shapes.RequireRank(b, 2, nameof(b));
        Shapes.RequireRank(c, 2, nameof(c));
        Shapes.RequireSameDevice(a, b);
        Shapes.RequireSameDevice(a, c);
        int m = transA ? a.Shape[1] : a.Shape[0];
        int k = transA ? a.Shape[0] : a.Shape[1];
        int kb = transB ? b.Shape[1] : b.Shape[0];
        int n = transB ? b.Shape[0] : b.Shape[1];
        string opA = transA ? "A^T" : "A", opB = transB ? "B^T" : "B";
        if (k != kb)
            throw new ArgumentException(
                $"GEMM inner dimensions differ: {opA} is ({m}, {k}) from A {a.ShapeText}, {opB} is ({kb}, {n}) from B {b.ShapeText}.",
                nameof(b));
        if (c.Shape[0] != m || c.Shape[1] != n)
            throw new ArgumentException(
                $"GEMM output C has shape {c.ShapeText}, expected ({m}, {n}) for {opA} {a.ShapeText} times {opB} {b.ShapeText}.",
                nameof(c));
        if (bias is not null)
        {
            Shapes.RequireSameDevice(a, bias);
            Shapes.RequireShape(bias, new[] { n }, nameof(bias));
        }
        if (!float.IsFinite(alpha) || !float.IsFinite(beta))
            throw new ArgumentException($"alpha ({alpha}) and beta ({beta}) must be finite.", nameof(alpha));
        var p = new GemmArgs(m, n, k, transA, a.Shape[1], transB, b.Shape[1], n, alpha, beta, bias is not null);
        var biasView = bias?.View ?? c.View.SubView(0, 1);
        a.Device.Kernels.Gemm(a.View, b.View, c.View, biasView, p, variant);
    }

    /// <summary>The GEMM variant <see cref="GemmVariant.Auto"/> resolves to on <paramref name="device"/>.</summary>
    /// <param name="device">The device.</param>
    public static GemmVariant DefaultVariant(ComputeDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return device.Policy.GemmVariant;
    }
}

/// <summary>Deterministic reductions: fixed summation order, same bits on every run on the same device.</summary>
public static class Reductions
{
    /// <summary>dst[j] = (accumulate ? dst[j] : 0) + sum over rows i of x[i, j]. x: (rows, cols), dst: (cols).</summary>
    /// <param name="x">Input, rank 2.</param>
    /// <param name="dst">Output, (cols).</param>
    /// <param name="accumulate">Add to dst (bias gradients accumulate) instead of overwriting it.</param>
    public static void ColumnSum(DeviceTensor x, DeviceTensor dst, bool accumulate = false)
    {
        using var hold = DeviceHold.Of(x);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(dst);
        Shapes.RequireRank(x, 2, nameof(x));
        Shapes.RequireSameDevice(x, dst);
        if (dst.Rank != 1 || dst.Shape[0] != x.Shape[1])
            throw new ArgumentException($"dst has shape {dst.ShapeText}, expected ({x.Shape[1]}) for the column sums of x {x.ShapeText}.", nameof(dst));
        x.Device.Kernels.ColumnSum(x.View, x.Shape[0], x.Shape[1], x.Shape[1], dst.View, accumulate);
    }

    /// <summary>Sum of x[i]^2 over all elements, read back to the host (synchronises).</summary>
    /// <param name="x">Any tensor.</param>
    public static float SumOfSquares(DeviceTensor x)
    {
        using var hold = DeviceHold.Of(x);
        ArgumentNullException.ThrowIfNull(x);
        using var result = DeviceTensor.Uninitialized(x.Device, 1);
        SumOfSquares(x, result, 0, accumulate: false);
        return result.ToArray()[0];
    }

    /// <summary>result[slot] = (accumulate ? result[slot] : 0) + sum of x[i]^2, on the device (no host round trip).</summary>
    /// <param name="x">Any tensor.</param>
    /// <param name="result">Rank-1 tensor receiving the sum.</param>
    /// <param name="slot">Element of <paramref name="result"/> written.</param>
    /// <param name="accumulate">Add to result[slot] (global norms over many tensors).</param>
    public static void SumOfSquares(DeviceTensor x, DeviceTensor result, int slot, bool accumulate)
    {
        using var hold = DeviceHold.Of(x);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(result);
        Shapes.RequireSameDevice(x, result);
        Shapes.RequireRank(result, 1, nameof(result));
        if (slot < 0 || slot >= result.Shape[0])
            throw new ArgumentException($"slot {slot} is outside result of shape {result.ShapeText}.", nameof(slot));
        x.Device.Kernels.SumOfSquares(x.View, result.View, slot, accumulate);
    }
}
