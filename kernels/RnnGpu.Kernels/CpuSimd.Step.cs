using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using ILGPU;
using ILGPU.Runtime;

namespace RnnGpu.Kernels;

internal static unsafe partial class CpuSimd
{
    // ---- Backward step (gate gradients and BPTT carries): the same formulas as CellMath.Backward, over raw pointers.
    // Items are batch rows: each thread runs whole rows, so every array is walked contiguously.

    /// <summary>Runs backward-step rows [first, end) of <see cref="RnnKernels.StepBackwardCpu"/>.</summary>
    [ILGPU.Frontend.External("rnngpu_cpu_step_backward")]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void StepBackward(int first, int end, ArrayView<float> gates, ArrayView<float> hPrev, ArrayView<float> cPrev,
        ArrayView<float> cCur, ArrayView<float> dy, ArrayView<float> dh, ArrayView<float> dc, ArrayView<float> dgx,
        ArrayView<float> dgh, ArrayView<int> lengths, StepArgs p)
    {
        int H = p.H, G = p.G;
        float* pg = Address(gates), ph = Address(hPrev), pcp = Address(cPrev), pcc = Address(cCur), pdy = Address(dy);
        float* pdh = Address(dh), pdc = Address(dc), pgx = Address(dgx), pgh = Address(dgh);
        int* len = lengths.Length > 0 ? (int*)lengths.LoadEffectiveAddressAsPtr() : null;
        for (int b = first; b < end; b++)
        {
            long bh = (long)b * H, bg = (long)b * G * H, bs = (long)b * CellMath.StoredGatesPerUnit(p.Cell) * H;
            float* gx = pgx + bg, gh = pgh + bg;
            if (!(p.T < len[b]))
            {
                for (int q = 0; q < G * H; q++)
                {
                    gx[q] = 0f;
                    gh[q] = 0f;
                }
                continue; // dh, dc pass through unchanged
            }
            float* dyr = pdy + (long)b * p.LdY, dhr = pdh + bh, s = pg + bs;
            if (G == 4)
            {
                float* dcr = pdc + bh, cp = pcp + bh, cc = pcc + bh;
                for (int j = 0; j < H; j++)
                {
                    float dht = dhr[j] + dyr[j];
                    float i = s[j], f = s[H + j], g = s[2 * H + j], o = s[3 * H + j];
                    float tc = CellMath.Tanh(cc[j]);
                    float dct = dcr[j] + dht * o * (1f - tc * tc);
                    gx[j] = dct * g * i * (1f - i);
                    gx[H + j] = dct * cp[j] * f * (1f - f);
                    gx[2 * H + j] = dct * i * (1f - g * g);
                    gx[3 * H + j] = dht * tc * o * (1f - o);
                    dcr[j] = dct * f;
                    dhr[j] = 0f;
                }
            }
            else if (G == 3)
            {
                float* hp = ph + bh;
                for (int j = 0; j < H; j++)
                {
                    float dht = dhr[j] + dyr[j];
                    float r = s[j], z = s[H + j], n = s[2 * H + j], ghn = s[3 * H + j];
                    float dn = dht * (1f - z) * (1f - n * n);
                    float dz = dht * (hp[j] - n) * z * (1f - z);
                    float dr = dn * ghn * r * (1f - r);
                    gx[j] = dr;
                    gx[H + j] = dz;
                    gx[2 * H + j] = dn;
                    gh[j] = dr;
                    gh[H + j] = dz;
                    gh[2 * H + j] = dn * r;
                    dhr[j] = dht * z;
                }
            }
            else
            {
                bool tanh = p.Cell == (int)CellKind.RnnTanh;
                for (int j = 0; j < H; j++)
                {
                    float dht = dhr[j] + dyr[j];
                    float h = s[j];
                    gx[j] = tanh ? dht * (1f - h * h) : (h > 0f ? dht : 0f);
                    dhr[j] = 0f;
                }
            }
        }
    }
}

internal static unsafe partial class CpuSimd
{
    /// <summary>Arrives at a monotonic counter and waits until it reaches <paramref name="target"/>: spins a few
    /// iterations, then yields the core (<see cref="SpinWait"/> without its Sleep(1) stage, which would cost a
    /// millisecond per step), so a competing process or a descheduled partner costs a time slice, not a spinning core. The interlocked add is a full fence: this step's stores are visible first.</summary>
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
