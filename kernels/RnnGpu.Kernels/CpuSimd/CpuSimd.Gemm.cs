using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using ILGPU;
using ILGPU.Runtime;

namespace RnnGpu.Kernels;

/// <summary>
/// Inner loops of the CPU accelerator's kernels as plain .NET: every method here is marked
/// <see cref="ILGPU.Frontend.ExternalAttribute"/>, so ILGPU's frontend leaves it opaque and the CPU accelerator runs its
/// original IL, where <see cref="Vector512{T}"/>, <see cref="Vector256{T}"/> and raw pointers work (inside a kernel
/// ILGPU's compiler refuses them, and every <see cref="ArrayView{T}"/> access is a checked call). The views are host
/// memory on the CPU accelerator; <c>LoadEffectiveAddressAsPtr</c> gives their address.
/// Only kernels that <c>KernelCatalog</c> lists for the CPU accelerator alone call these: no GPU backend can compile them.
/// </summary>
/// <remarks>
/// Three tiers, chosen once per process: AVX-512 (<see cref="Vector512{T}"/> with FMA) where the runtime accelerates it,
/// else AVX2 with FMA (<see cref="Vector256{T}"/>), else scalar loops that compute the same sums.
/// </remarks>
internal static unsafe partial class CpuSimd
{
    /// <summary>True when the 512-bit tier runs.</summary>
    internal static readonly bool Use512 = Vector512.IsHardwareAccelerated && Avx512F.IsSupported;
    /// <summary>True when the 256-bit tier runs (and not the 512-bit one).</summary>
    internal static readonly bool Use256 = !Use512 && Vector256.IsHardwareAccelerated && Fma.IsSupported && Avx.IsSupported;

    // ---- GEMM: C = alpha * op(A) op(B) + beta * C (+ bias), after the BLIS/GotoBLAS recipe. A work item is a strip of
    // Mr rows of C within a block of GemmTaskN columns, ordered column-block-major, so a thread's contiguous range of items
    // is, per column block, a run of consecutive strips: per K chunk of GemmChunkK the thread packs op(B) of that block once
    // into panels of Nr columns (k-major, zero-padded past N) and runs an Mr x Nr register-blocked micro-kernel per
    // (strip, panel), broadcasting A's elements from A as stored (any strides: both transposes of A are direct). A run of
    // at most DirectRows rows reads full panels of a row-major op(B) in place instead (packing would not pay).

    /// <summary>Columns of C per column block.</summary>
    internal const int GemmTaskN = 128;
    /// <summary>Depth of one packed K chunk (a 32-column panel of it is 16 KiB: half of L1).</summary>
    internal const int GemmChunkK = 128;
    /// <summary>Rows of the micro-kernel's register tile (one work item).</summary>
    const int Mr = 6;
    /// <summary>Columns of the widest micro-kernel (two 512-bit vectors).</summary>
    const int MaxNr = 32;
    /// <summary>Largest run of rows that reads op(B) in place rather than packed.</summary>
    const int DirectRows = 12;

    /// <summary>Columns of one packed panel: two vectors.</summary>
    static int Nr => Use512 ? 32 : 16;

    /// <summary>GEMM work items of a product: ceil(N / GemmTaskN) column blocks times ceil(M / 6) row strips.</summary>
    internal static int GemmTasks(int m, int n) =>
        ((n + GemmTaskN - 1) / GemmTaskN) * ((m + Mr - 1) / Mr);

    [ThreadStatic] static float[]? packB;

    static float* Address(ArrayView<float> v) => v.Length > 0 ? (float*)v.LoadEffectiveAddressAsPtr() : null;

    /// <summary>Runs GEMM work items [first, end) of <see cref="GemmTasks"/>.</summary>
    [ILGPU.Frontend.External("rnngpu_cpu_gemm")]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Gemm(int first, int end, ArrayView<float> a, ArrayView<float> b, ArrayView<float> c,
        ArrayView<float> bias, GemmArgs p)
    {
        var pack = packB ??= GC.AllocateUninitializedArray<float>(GemmChunkK * GemmTaskN + 16, pinned: true);
        float* pa = Address(a), pb = Address(b), pc = Address(c), pbias = p.HasBias != 0 ? Address(bias) : null;
        int strips = (p.M + Mr - 1) / Mr;
        fixed (float* pp = pack)
        {
            float* aligned = (float*)(((nint)pp + 63) & ~(nint)63); // the array keeps 16 floats of slack
            for (int nb = first / strips; nb * strips < end; nb++)
            {
                int s0 = Math.Max(first, nb * strips) - nb * strips, s1 = Math.Min(end, (nb + 1) * strips) - nb * strips;
                int n0 = nb * GemmTaskN;
                GemmRun(pa, pb, pc, pbias, p, s0 * Mr, Math.Min(s1 * Mr, p.M), n0, Math.Min(GemmTaskN, p.N - n0), aligned);
            }
        }
    }

    /// <summary>Rows [m0, m1) x columns [n0, n0 + nc) of C.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void GemmRun(float* a, float* b, float* c, float* bias, in GemmArgs p, int m0, int m1, int n0, int nc, float* pack)
    {
        int nr = Nr;
        int panels = (nc + nr - 1) / nr;
        bool direct = p.StrideBn == 1 && m1 - m0 <= DirectRows;
        float* tile = stackalloc float[Mr * MaxNr];
        long last = p.M - 1;
        int K = p.K;
        int k0 = 0;
        do
        {
            int kc = Math.Min(GemmChunkK, K - k0);
            for (int j = 0; j < panels; j++)
            {
                int n = n0 + j * nr;
                if (!direct || n + nr > n0 + nc)
                    PackPanel(b, p, k0, kc, n, Math.Min(nr, n0 + nc - n), nr, pack + (long)j * kc * nr);
            }
            bool first = k0 == 0;
            for (int m = m0; m < m1; m += Mr)
            {
                int nrows = Math.Min(Mr, m1 - m);
                // Row pointers of A at k0, clamped to the last valid row (their results are not stored).
                long ak = (long)k0 * p.StrideAk;
                float* a0 = a + m * (long)p.StrideAm + ak;
                float* a1 = a + Math.Min(m + 1, last) * p.StrideAm + ak;
                float* a2 = a + Math.Min(m + 2, last) * p.StrideAm + ak;
                float* a3 = a + Math.Min(m + 3, last) * p.StrideAm + ak;
                float* a4 = a + Math.Min(m + 4, last) * p.StrideAm + ak;
                float* a5 = a + Math.Min(m + 5, last) * p.StrideAm + ak;
                for (int j = 0; j < panels; j++)
                {
                    int n = n0 + j * nr, ncols = Math.Min(nr, n0 + nc - n);
                    float* panel;
                    long bs;
                    if (direct && ncols == nr)
                    {
                        panel = b + (long)k0 * p.StrideBk + n;
                        bs = p.StrideBk;
                    }
                    else
                    {
                        panel = pack + (long)j * kc * nr;
                        bs = nr;
                    }
                    if (Use512)
                        Micro512(kc, a0, a1, a2, a3, a4, a5, p.StrideAk, panel, bs, tile);
                    else if (Use256)
                        Micro256(kc, a0, a1, a2, a3, a4, a5, p.StrideAk, panel, bs, tile);
                    else
                        MicroScalar(kc, a0, a1, a2, a3, a4, a5, p.StrideAk, panel, bs, nr, tile);
                    Epilogue(tile, nr, c, bias, p, m, nrows, n, ncols, first);
                }
            }
            k0 += kc;
        } while (k0 < K);
    }

    /// <summary>Packs op(B)[k0..k0+kc, n..n+cols) as one (kc, nr) k-major panel, zero past cols.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void PackPanel(float* b, in GemmArgs p, int k0, int kc, int n, int cols, int nr, float* dst)
    {
        if (p.StrideBn == 1)
        {
            for (int k = 0; k < kc; k++)
            {
                float* src = b + (long)(k0 + k) * p.StrideBk + n;
                float* d = dst + (long)k * nr;
                if (cols == nr)
                {
                    if (Use512)
                    {
                        Vector512.Store(Vector512.Load(src), d);
                        Vector512.Store(Vector512.Load(src + 16), d + 16);
                    }
                    else
                    {
                        for (int q = 0; q < nr; q++) d[q] = src[q];
                    }
                }
                else
                {
                    int q = 0;
                    for (; q < cols; q++) d[q] = src[q];
                    for (; q < nr; q++) d[q] = 0f;
                }
            }
        }
        else
        {
            // op(B) column n is a contiguous row of B as stored (transposed B): read along k, write strided.
            for (int q = 0; q < nr; q++)
            {
                if (q < cols)
                {
                    float* src = b + (long)(n + q) * p.StrideBn + (long)k0 * p.StrideBk;
                    for (int k = 0; k < kc; k++)
                        dst[(long)k * nr + q] = src[(long)k * p.StrideBk];
                }
                else
                {
                    for (int k = 0; k < kc; k++)
                        dst[(long)k * nr + q] = 0f;
                }
            }
        }
    }

    /// <summary>6 x 32 tile: 12 accumulators of 16 floats, two B vectors and a broadcast per k.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void Micro512(int kc, float* a0, float* a1, float* a2, float* a3, float* a4, float* a5, long sk, float* bp, long bs, float* tile)
    {
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector512<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int k = 0; k < kc; k++)
        {
            var b0 = Vector512.Load(bp);
            var b1 = Vector512.Load(bp + 16);
            bp += bs;
            var x = Vector512.Create(*a0); c00 = Avx512F.FusedMultiplyAdd(x, b0, c00); c01 = Avx512F.FusedMultiplyAdd(x, b1, c01);
            x = Vector512.Create(*a1); c10 = Avx512F.FusedMultiplyAdd(x, b0, c10); c11 = Avx512F.FusedMultiplyAdd(x, b1, c11);
            x = Vector512.Create(*a2); c20 = Avx512F.FusedMultiplyAdd(x, b0, c20); c21 = Avx512F.FusedMultiplyAdd(x, b1, c21);
            x = Vector512.Create(*a3); c30 = Avx512F.FusedMultiplyAdd(x, b0, c30); c31 = Avx512F.FusedMultiplyAdd(x, b1, c31);
            x = Vector512.Create(*a4); c40 = Avx512F.FusedMultiplyAdd(x, b0, c40); c41 = Avx512F.FusedMultiplyAdd(x, b1, c41);
            x = Vector512.Create(*a5); c50 = Avx512F.FusedMultiplyAdd(x, b0, c50); c51 = Avx512F.FusedMultiplyAdd(x, b1, c51);
            a0 += sk; a1 += sk; a2 += sk; a3 += sk; a4 += sk; a5 += sk;
        }
        c00.Store(tile); c01.Store(tile + 16);
        c10.Store(tile + 32); c11.Store(tile + 48);
        c20.Store(tile + 64); c21.Store(tile + 80);
        c30.Store(tile + 96); c31.Store(tile + 112);
        c40.Store(tile + 128); c41.Store(tile + 144);
        c50.Store(tile + 160); c51.Store(tile + 176);
    }

    /// <summary>6 x 16 tile: 12 accumulators of 8 floats, two B vectors and a broadcast per k.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void Micro256(int kc, float* a0, float* a1, float* a2, float* a3, float* a4, float* a5, long sk, float* bp, long bs, float* tile)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int k = 0; k < kc; k++)
        {
            var b0 = Vector256.Load(bp);
            var b1 = Vector256.Load(bp + 8);
            bp += bs;
            var x = Vector256.Create(*a0); c00 = Fma.MultiplyAdd(x, b0, c00); c01 = Fma.MultiplyAdd(x, b1, c01);
            x = Vector256.Create(*a1); c10 = Fma.MultiplyAdd(x, b0, c10); c11 = Fma.MultiplyAdd(x, b1, c11);
            x = Vector256.Create(*a2); c20 = Fma.MultiplyAdd(x, b0, c20); c21 = Fma.MultiplyAdd(x, b1, c21);
            x = Vector256.Create(*a3); c30 = Fma.MultiplyAdd(x, b0, c30); c31 = Fma.MultiplyAdd(x, b1, c31);
            x = Vector256.Create(*a4); c40 = Fma.MultiplyAdd(x, b0, c40); c41 = Fma.MultiplyAdd(x, b1, c41);
            x = Vector256.Create(*a5); c50 = Fma.MultiplyAdd(x, b0, c50); c51 = Fma.MultiplyAdd(x, b1, c51);
            a0 += sk; a1 += sk; a2 += sk; a3 += sk; a4 += sk; a5 += sk;
        }
        c00.Store(tile); c01.Store(tile + 8);
        c10.Store(tile + 16); c11.Store(tile + 24);
        c20.Store(tile + 32); c21.Store(tile + 40);
        c30.Store(tile + 48); c31.Store(tile + 56);
        c40.Store(tile + 64); c41.Store(tile + 72);
        c50.Store(tile + 80); c51.Store(tile + 88);
    }

    /// <summary>6 x nr tile without SIMD (any CPU).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void MicroScalar(int kc, float* a0, float* a1, float* a2, float* a3, float* a4, float* a5, long sk, float* bp, long bs, int nr, float* tile)
    {
        for (int i = 0; i < Mr * nr; i++)
            tile[i] = 0f;
        for (int k = 0; k < kc; k++)
        {
            float x0 = *a0, x1 = *a1, x2 = *a2, x3 = *a3, x4 = *a4, x5 = *a5;
            for (int q = 0; q < nr; q++)
            {
                float bq = bp[q];
                tile[q] += x0 * bq;
                tile[nr + q] += x1 * bq;
                tile[2 * nr + q] += x2 * bq;
                tile[3 * nr + q] += x3 * bq;
                tile[4 * nr + q] += x4 * bq;
                tile[5 * nr + q] += x5 * bq;
            }
            bp += bs;
            a0 += sk; a1 += sk; a2 += sk; a3 += sk; a4 += sk; a5 += sk;
        }
    }

    /// <summary>Writes rows [m, m+nrows) x columns [n, n+ncols) of C from the tile (row stride nr): on the first K chunk
    /// alpha * acc + beta * C (C not read when beta is 0) + bias, on later chunks C + alpha * acc.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void Epilogue(float* tile, int nr, float* c, float* bias, in GemmArgs p, int m, int nrows, int n, int ncols, bool first)
    {
        float alpha = p.Alpha, beta = p.Beta;
        bool readC = !first || beta != 0f;
        float scaleC = first ? beta : 1f;
        float* bn = bias == null || !first ? null : bias + n;
        for (int r = 0; r < nrows; r++)
        {
            float* row = c + (long)(m + r) * p.Ldc + n;
            float* acc = tile + r * nr;
            int q = 0;
            if (Use256 || Use512)
            {
                var va = Vector256.Create(alpha);
                var vs = Vector256.Create(scaleC);
                for (; q + 8 <= ncols; q += 8)
                {
                    var v = Vector256.Load(acc + q) * va;
                    if (readC)
                        v += vs * Vector256.Load(row + q);
                    if (bn != null)
                        v += Vector256.Load(bn + q);
                    Vector256.Store(v, row + q);
                }
            }
            for (; q < ncols; q++)
            {
                float v = alpha * acc[q];
                if (readC)
                    v += scaleC * row[q];
                if (bn != null)
                    v += bn[q];
                row[q] = v;
            }
        }
    }
}
