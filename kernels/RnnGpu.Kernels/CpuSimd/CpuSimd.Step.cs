using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using ILGPU;
using ILGPU.Runtime;

namespace RnnGpu.Kernels;

internal static unsafe partial class CpuSimd
{
    // ---- Backward step (gate gradients and BPTT carries): the persistent BPTT chain's GateGradients over whole batch
    // rows. Items are batch rows: each thread runs whole rows, so every array is walked contiguously.

    /// <summary>Runs backward-step rows [first, end) of <see cref="RnnKernels.StepBackwardCpu"/>.</summary>
    [ILGPU.Frontend.External("rnngpu_cpu_step_backward")]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void StepBackward(int first, int end, ArrayView<float> gates, ArrayView<float> hPrev, ArrayView<float> cPrev,
        ArrayView<float> cCur, ArrayView<float> dy, ArrayView<float> dh, ArrayView<float> dc, ArrayView<float> dgx,
        ArrayView<float> dgh, ArrayView<int> lengths, StepArgs p) =>
        GateGradients(new StepShape(p.B, p.H, p.Cell, p.LdY), p.T, (int*)lengths.LoadEffectiveAddressAsPtr(), first, end, 0, p.H,
            Address(gates), Address(hPrev), p.G == 4 ? Address(cPrev) : null, p.G == 4 ? Address(cCur) : null, Address(dy),
            Address(dh), p.G == 4 ? Address(dc) : null, Address(dgx), Address(dgh));
}

internal static unsafe partial class CpuSimd
{
    /// <summary>Arrives at a monotonic counter and waits until it reaches <paramref name="target"/>: spins a few
    /// iterations, then yields the core (<see cref="SpinWait"/> without its Sleep(1) stage, which would cost a
    /// millisecond per step), so a competing process or a descheduled partner costs a time slice, not a spinning core.
    /// The interlocked add is a full fence: this step's stores are visible first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void Barrier(int* counter, int target)
    {
        Interlocked.Increment(ref *counter);
        var spin = new SpinWait();
        while (Volatile.Read(ref *counter) < target)
            spin.SpinOnce(sleep1Threshold: -1);
        Interlocked.MemoryBarrier();
    }
}

internal static unsafe partial class CpuSimd
{
    /// <summary>
    /// Items [first, end) of <see cref="ReductionKernels.ColumnSumPartialCpu"/> (item = chunk * cols + col): for each
    /// chunk the items cover, its columns are summed down the chunk's rows a whole row at a time, so x is read in order
    /// (the GPU kernel walks one column per item, one float per cache line here). Each column's sum is still
    /// 0 + x[r0] + x[r0 + 1] + ... in row order, without FMA: bit-identical to <see cref="ReductionKernels.ColumnSumPartial"/>.
    /// </summary>
    [ILGPU.Frontend.External("rnngpu_cpu_colsum_partial")]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ColumnSumPartial(int first, int end, ArrayView<float> x, ArrayView<float> partial, int rows, int cols, int ld)
    {
        float* px = Address(x), pp = Address(partial);
        for (int index = first; index < end;)
        {
            int chunk = index / cols, c0 = index % cols, c1 = Math.Min(cols, c0 + (end - index));
            int r0 = chunk * ReductionKernels.ColumnChunkRows, r1 = Math.Min(r0 + ReductionKernels.ColumnChunkRows, rows);
            float* dst = pp + (long)chunk * cols;
            new Span<float>(dst + c0, c1 - c0).Clear();
            for (int r = r0; r < r1; r++)
            {
                float* row = px + (long)r * ld;
                int c = c0;
                if (Use512)
                {
                    for (; c + 16 <= c1; c += 16)
                        (Vector512.Load(dst + c) + Vector512.Load(row + c)).Store(dst + c);
                }
                else if (Use256)
                {
                    for (; c + 8 <= c1; c += 8)
                        (Vector256.Load(dst + c) + Vector256.Load(row + c)).Store(dst + c);
                }
                for (; c < c1; c++)
                    dst[c] += row[c];
            }
            index += c1 - c0;
        }
    }
}
