using System.Diagnostics;
using System.Runtime.CompilerServices;
using ILGPU;
using ILGPU.Runtime;
using RnnGpu.Kernels;

namespace RnnGpu.Bench;

/// <summary>Eight consecutive floats, read through one checked view access.</summary>
struct F8
{
    public float V0, V1, V2, V3, V4, V5, V6, V7;
}

/// <summary>Four consecutive floats, read through one checked view access.</summary>
struct F4
{
    public float V0, V1, V2, V3;
}

/// <summary>
/// Numbered GEMM experiments (losers and ancestors of the promoted kernels), timed next to
/// the promoted variants by <c>RnnGpu.Bench variants</c>. Same contract as
/// <see cref="GemmKernels"/>: any M, N, K, strides, alpha, beta, bias.
/// </summary>
static class GemmVariants
{
    // Tuning results, GFLOP/s on a 2-core machine at 1024x1024x256 / 4096x256x64.
    // Only v1, v3, v9, v20 and v30 are kept below; the rest were deleted once the winners were
    // promoted into GemmKernels (v10 -> CpuBlocked, v34 -> RowBlocked, both timed here by name).
    //
    // CPU accelerator
    //   v1       naive, one output per work item                        ~1.3
    //   v3       2x8, B row of 8 through one F8 access                  ~9
    //   v4-v9    K chunks via struct refs: v4 2x8 KC8, v5 M-fastest,    12-14
    //            v6 3x8, v7 KC4, v8 1x16, v9 4x4 (worst of the group);
    //            tile shape and KC 4 vs 8 made little difference
    //   v10-v14  8x8 per item (4 row pairs of 2x8), F8 epilogue         15-17
    //            (v11 2x8 + F8 epilogue, v12 scalar C stores: lost on
    //            4096x256x64, v13 16x8: tied v10, v14 KC8)
    //   v10 promoted as CpuBlocked                                      ~15.7 / 16.4
    //
    // OpenCL (PoCL)
    //   v20-v25  one column x 8 or 16 rows per work item, barrier per   12-14
    //            K chunk (v21 unclamped fast path, v22 16 rows, v23
    //            groups of 256, v24 KC8, v25 16 rows KC8 groups of 128):
    //            B/A reads become gathers, loops not vectorised
    //   v30      8x16 per work item, groups of 8 along N                ~93
    //   v31      4x16                                                   66-87
    //   v32      8x8, groups of 16                                      68-76
    //   v33      8x16, groups of 32                                     (not recorded)
    //   v35      16x16                                                  ~95
    //   v34/36/37 12x16, groups of 8 / 16 / 4                           88-104 (within noise)
    //   v34 promoted as RowBlocked; later retiled to 4x32 with a straight-line
    //   full-tile epilogue (125-135 GFLOP/s; see GemmKernels.RowBlocked)

    internal delegate void Launch(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c,
        ArrayView<float> bias, GemmArgs p);

    internal sealed record Variant(string Name, AcceleratorKind? Only, string Note, Func<ComputeDevice, Launch> Load);

    static Launch Items(ComputeDevice d, Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, GemmArgs> k,
        Func<GemmArgs, int> items)
    {
        var f = d.Policy.ElementwiseThreads is not null
            ? d.Accelerator.LoadImplicitlyGroupedStreamKernel(k, 1)
            : d.Accelerator.LoadAutoGroupedStreamKernel(k);
        return (a, b, c, bias, p) => f(items(p), a, b, c, bias, p);
    }

    static Launch Groups(ComputeDevice d, Action<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, GemmArgs> k,
        Func<GemmArgs, Index2D> grid, Index2D group)
    {
        var f = d.Accelerator.LoadStreamKernel(k);
        return (a, b, c, bias, p) => f(new KernelConfig(grid(p), group), a, b, c, bias, p);
    }

    static Launch Builtin(ComputeDevice d, GemmVariant v) =>
        (a, b, c, bias, p) => d.Kernels.Gemm(a, b, c, bias, p, v);

    static int Cdiv(int x, int y) => (x + y - 1) / y;

    internal static readonly Variant[] All =
    {
        new("Tiled", null, "promoted: GPU tiles", d => Builtin(d, GemmVariant.Tiled)),
        new("CpuBlocked", AcceleratorKind.Cpu, "promoted: CPU accelerator (host SIMD)", d => Builtin(d, GemmVariant.CpuBlocked)),
        new("RowBlocked", null, "promoted: OpenCL on CPUs", d => Builtin(d, GemmVariant.RowBlocked)),
        new("v1", null, "naive, one output per work item", d => Items(d, V1Naive, p => p.M * p.N)),
        new("v3", AcceleratorKind.Cpu, "2x8 per item, B row of 8 through one F8 access", d => Items(d, V3Cpu2x8, p => Cdiv(p.M, 2) * Cdiv(p.N, 8))),
        new("v9", AcceleratorKind.Cpu, "4x4, KC 8", d => Items(d, V9, p => Cdiv(p.M, 4) * Cdiv(p.N, 4))),
        new("v20", AcceleratorKind.OpenCL, "8 rows x 1 column per work item, K chunks of 16 unrolled, barrier per chunk", d => Groups(d, V20, p => new Index2D(Cdiv(p.N, 64), Cdiv(p.M, 8)), new Index2D(64, 1))),
        new("v40", null, "64x64 tiles, 4x4 per thread, scalar shared loads (the tiled GPU kernel before the 128x128 one)", d => Groups(d, V40Tiled64, p => new Index2D(Cdiv(p.N, 64), Cdiv(p.M, 64)), new Index2D(256, 1))),
        new("v30", AcceleratorKind.OpenCL, "8x16 per work item (one vector row per tile row once the compiler vectorises), groups of 8 along N", d => Groups(d, V30, p => new Index2D(Cdiv(p.N, 16 * 8), Cdiv(p.M, 8)), new Index2D(8, 1))),
    };

    // ---- helpers shared by the variants

    static void Store(ArrayView<float> c, ArrayView<float> bias, in GemmArgs p, int m, int n, float acc)
    {
        if (m >= p.M || n >= p.N)
            return;
        long idx = (long)m * p.Ldc + n;
        float v = p.Alpha * acc;
        if (p.Beta != 0f)
            v += p.Beta * c[idx];
        if (p.HasBias != 0)
            v += bias[n];
        c[idx] = v;
    }

    static float Dot(ArrayView<float> a, ArrayView<float> b, in GemmArgs p, int m, int n)
    {
        float acc = 0;
        long ai = (long)m * p.StrideAm, bi = (long)n * p.StrideBn;
        for (int k = 0; k < p.K; k++)
        {
            acc += a[ai] * b[bi];
            ai += p.StrideAk;
            bi += p.StrideBk;
        }
        return acc;
    }

    /// <summary>v1: one output per work item (the floor).</summary>
    static void V1Naive(Index1D i, ArrayView<float> a, ArrayView<float> b, ArrayView<float> c,
        ArrayView<float> bias, GemmArgs p)
    {
        int m = i / p.N, n = i % p.N;
        Store(c, bias, p, m, n, Dot(a, b, p, m, n));
    }

    /// <summary>v3: 2x8 per item; B's 8 columns through one F8 access per k.</summary>
    static void V3Cpu2x8(Index1D index, ArrayView<float> a, ArrayView<float> b, ArrayView<float> c,
        ArrayView<float> bias, GemmArgs p)
    {
        const int TM = 2, TN = 8;
        int blocksN = (p.N + TN - 1) / TN;
        int m0 = index / blocksN * TM;
        int n0 = index % blocksN * TN;
        if (p.StrideBn != 1 || n0 + TN > p.N)
        {
            for (int m = m0; m < m0 + TM; m++)
                for (int n = n0; n < n0 + TN; n++)
                    if (m < p.M && n < p.N)
                        Store(c, bias, p, m, n, Dot(a, b, p, m, n));
            return;
        }
        long ra0 = (long)m0 * p.StrideAm;
        long ra1 = (long)IntrinsicMath.Min(m0 + 1, p.M - 1) * p.StrideAm;
        float c00 = 0, c01 = 0, c02 = 0, c03 = 0, c04 = 0, c05 = 0, c06 = 0, c07 = 0;
        float c10 = 0, c11 = 0, c12 = 0, c13 = 0, c14 = 0, c15 = 0, c16 = 0, c17 = 0;
        long ak = 0, bk = n0;
        for (int k = 0; k < p.K; k++)
        {
            float a0 = a[ra0 + ak], a1 = a[ra1 + ak];
            ref F8 br = ref Unsafe.As<float, F8>(ref b[bk]);
            float b0 = br.V0, b1 = br.V1, b2 = br.V2, b3 = br.V3, b4 = br.V4, b5 = br.V5, b6 = br.V6, b7 = br.V7;
            c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
            c04 += a0 * b4; c05 += a0 * b5; c06 += a0 * b6; c07 += a0 * b7;
            c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
            c14 += a1 * b4; c15 += a1 * b5; c16 += a1 * b6; c17 += a1 * b7;
            ak += p.StrideAk;
            bk += p.StrideBk;
        }
        Store(c, bias, p, m0, n0, c00); Store(c, bias, p, m0, n0 + 1, c01);
        Store(c, bias, p, m0, n0 + 2, c02); Store(c, bias, p, m0, n0 + 3, c03);
        Store(c, bias, p, m0, n0 + 4, c04); Store(c, bias, p, m0, n0 + 5, c05);
        Store(c, bias, p, m0, n0 + 6, c06); Store(c, bias, p, m0, n0 + 7, c07);
        Store(c, bias, p, m0 + 1, n0, c10); Store(c, bias, p, m0 + 1, n0 + 1, c11);
        Store(c, bias, p, m0 + 1, n0 + 2, c12); Store(c, bias, p, m0 + 1, n0 + 3, c13);
        Store(c, bias, p, m0 + 1, n0 + 4, c14); Store(c, bias, p, m0 + 1, n0 + 5, c15);
        Store(c, bias, p, m0 + 1, n0 + 6, c16); Store(c, bias, p, m0 + 1, n0 + 7, c17);
    }

    // ---- CPU accelerator: 4x4 (lost to 2x8 micro-tiles)
    /// <summary>v9: 4x4 per item, K chunks of 8</summary>
    static void V9(Index1D index, ArrayView<float> a, ArrayView<float> b, ArrayView<float> c,
        ArrayView<float> bias, GemmArgs p)
    {
        const int TM = 4, TN = 4, KC = 8;
        int blocksN = (p.N + TN - 1) / TN;
        int m0 = index / blocksN * TM;
        int n0 = index % blocksN * TN;
        int lastM = p.M - 1, lastN = p.N - 1;
        long ra0 = (long)IntrinsicMath.Min(m0 + 0, lastM) * p.StrideAm;
        long ra1 = (long)IntrinsicMath.Min(m0 + 1, lastM) * p.StrideAm;
        long ra2 = (long)IntrinsicMath.Min(m0 + 2, lastM) * p.StrideAm;
        long ra3 = (long)IntrinsicMath.Min(m0 + 3, lastM) * p.StrideAm;
        float c0_0 = 0, c0_1 = 0, c0_2 = 0, c0_3 = 0;
        float c1_0 = 0, c1_1 = 0, c1_2 = 0, c1_3 = 0;
        float c2_0 = 0, c2_1 = 0, c2_2 = 0, c2_3 = 0;
        float c3_0 = 0, c3_1 = 0, c3_2 = 0, c3_3 = 0;
        int k0 = 0;
        if (n0 + TN <= p.N)
        {
            for (; k0 + KC <= p.K; k0 += KC)
            {
                float a0_0, a0_1, a0_2, a0_3, a0_4, a0_5, a0_6, a0_7, a1_0, a1_1, a1_2, a1_3, a1_4, a1_5, a1_6, a1_7, a2_0, a2_1, a2_2, a2_3, a2_4, a2_5, a2_6, a2_7, a3_0, a3_1, a3_2, a3_3, a3_4, a3_5, a3_6, a3_7;
                if (p.StrideAk == 1)
                {
                    ref F8 ar0 = ref Unsafe.As<float, F8>(ref a[ra0 + k0]);
                    a0_0 = ar0.V0; a0_1 = ar0.V1; a0_2 = ar0.V2; a0_3 = ar0.V3; a0_4 = ar0.V4; a0_5 = ar0.V5; a0_6 = ar0.V6; a0_7 = ar0.V7;
                    ref F8 ar1 = ref Unsafe.As<float, F8>(ref a[ra1 + k0]);
                    a1_0 = ar1.V0; a1_1 = ar1.V1; a1_2 = ar1.V2; a1_3 = ar1.V3; a1_4 = ar1.V4; a1_5 = ar1.V5; a1_6 = ar1.V6; a1_7 = ar1.V7;
                    ref F8 ar2 = ref Unsafe.As<float, F8>(ref a[ra2 + k0]);
                    a2_0 = ar2.V0; a2_1 = ar2.V1; a2_2 = ar2.V2; a2_3 = ar2.V3; a2_4 = ar2.V4; a2_5 = ar2.V5; a2_6 = ar2.V6; a2_7 = ar2.V7;
                    ref F8 ar3 = ref Unsafe.As<float, F8>(ref a[ra3 + k0]);
                    a3_0 = ar3.V0; a3_1 = ar3.V1; a3_2 = ar3.V2; a3_3 = ar3.V3; a3_4 = ar3.V4; a3_5 = ar3.V5; a3_6 = ar3.V6; a3_7 = ar3.V7;
                }
                else
                {
                    long ak = (long)k0 * p.StrideAk;
                    a0_0 = a[ra0 + ak]; a1_0 = a[ra1 + ak]; a2_0 = a[ra2 + ak]; a3_0 = a[ra3 + ak]; ak += p.StrideAk;
                    a0_1 = a[ra0 + ak]; a1_1 = a[ra1 + ak]; a2_1 = a[ra2 + ak]; a3_1 = a[ra3 + ak]; ak += p.StrideAk;
                    a0_2 = a[ra0 + ak]; a1_2 = a[ra1 + ak]; a2_2 = a[ra2 + ak]; a3_2 = a[ra3 + ak]; ak += p.StrideAk;
                    a0_3 = a[ra0 + ak]; a1_3 = a[ra1 + ak]; a2_3 = a[ra2 + ak]; a3_3 = a[ra3 + ak]; ak += p.StrideAk;
                    a0_4 = a[ra0 + ak]; a1_4 = a[ra1 + ak]; a2_4 = a[ra2 + ak]; a3_4 = a[ra3 + ak]; ak += p.StrideAk;
                    a0_5 = a[ra0 + ak]; a1_5 = a[ra1 + ak]; a2_5 = a[ra2 + ak]; a3_5 = a[ra3 + ak]; ak += p.StrideAk;
                    a0_6 = a[ra0 + ak]; a1_6 = a[ra1 + ak]; a2_6 = a[ra2 + ak]; a3_6 = a[ra3 + ak]; ak += p.StrideAk;
                    a0_7 = a[ra0 + ak]; a1_7 = a[ra1 + ak]; a2_7 = a[ra2 + ak]; a3_7 = a[ra3 + ak]; ak += p.StrideAk;
                }
                if (p.StrideBn == 1)
                {
                    ref F4 b0 = ref Unsafe.As<float, F4>(ref b[(long)(k0 + 0) * p.StrideBk + n0]);
                    ref F4 b1 = ref Unsafe.As<float, F4>(ref b[(long)(k0 + 1) * p.StrideBk + n0]);
                    ref F4 b2 = ref Unsafe.As<float, F4>(ref b[(long)(k0 + 2) * p.StrideBk + n0]);
                    ref F4 b3 = ref Unsafe.As<float, F4>(ref b[(long)(k0 + 3) * p.StrideBk + n0]);
                    ref F4 b4 = ref Unsafe.As<float, F4>(ref b[(long)(k0 + 4) * p.StrideBk + n0]);
                    ref F4 b5 = ref Unsafe.As<float, F4>(ref b[(long)(k0 + 5) * p.StrideBk + n0]);
                    ref F4 b6 = ref Unsafe.As<float, F4>(ref b[(long)(k0 + 6) * p.StrideBk + n0]);
                    ref F4 b7 = ref Unsafe.As<float, F4>(ref b[(long)(k0 + 7) * p.StrideBk + n0]);
                    float t0_0 = 0, t0_1 = 0, t0_2 = 0, t0_3 = 0;
                    float t1_0 = 0, t1_1 = 0, t1_2 = 0, t1_3 = 0;
                    float t2_0 = 0, t2_1 = 0, t2_2 = 0, t2_3 = 0;
                    float t3_0 = 0, t3_1 = 0, t3_2 = 0, t3_3 = 0;
                    { float bv = b0.V0; t0_0 += a0_0 * bv; t1_0 += a1_0 * bv; t2_0 += a2_0 * bv; t3_0 += a3_0 * bv; }
                    { float bv = b0.V1; t0_1 += a0_0 * bv; t1_1 += a1_0 * bv; t2_1 += a2_0 * bv; t3_1 += a3_0 * bv; }
                    { float bv = b0.V2; t0_2 += a0_0 * bv; t1_2 += a1_0 * bv; t2_2 += a2_0 * bv; t3_2 += a3_0 * bv; }
                    { float bv = b0.V3; t0_3 += a0_0 * bv; t1_3 += a1_0 * bv; t2_3 += a2_0 * bv; t3_3 += a3_0 * bv; }
                    { float bv = b1.V0; t0_0 += a0_1 * bv; t1_0 += a1_1 * bv; t2_0 += a2_1 * bv; t3_0 += a3_1 * bv; }
                    { float bv = b1.V1; t0_1 += a0_1 * bv; t1_1 += a1_1 * bv; t2_1 += a2_1 * bv; t3_1 += a3_1 * bv; }
                    { float bv = b1.V2; t0_2 += a0_1 * bv; t1_2 += a1_1 * bv; t2_2 += a2_1 * bv; t3_2 += a3_1 * bv; }
                    { float bv = b1.V3; t0_3 += a0_1 * bv; t1_3 += a1_1 * bv; t2_3 += a2_1 * bv; t3_3 += a3_1 * bv; }
                    { float bv = b2.V0; t0_0 += a0_2 * bv; t1_0 += a1_2 * bv; t2_0 += a2_2 * bv; t3_0 += a3_2 * bv; }
                    { float bv = b2.V1; t0_1 += a0_2 * bv; t1_1 += a1_2 * bv; t2_1 += a2_2 * bv; t3_1 += a3_2 * bv; }
                    { float bv = b2.V2; t0_2 += a0_2 * bv; t1_2 += a1_2 * bv; t2_2 += a2_2 * bv; t3_2 += a3_2 * bv; }
                    { float bv = b2.V3; t0_3 += a0_2 * bv; t1_3 += a1_2 * bv; t2_3 += a2_2 * bv; t3_3 += a3_2 * bv; }
                    { float bv = b3.V0; t0_0 += a0_3 * bv; t1_0 += a1_3 * bv; t2_0 += a2_3 * bv; t3_0 += a3_3 * bv; }
                    { float bv = b3.V1; t0_1 += a0_3 * bv; t1_1 += a1_3 * bv; t2_1 += a2_3 * bv; t3_1 += a3_3 * bv; }
                    { float bv = b3.V2; t0_2 += a0_3 * bv; t1_2 += a1_3 * bv; t2_2 += a2_3 * bv; t3_2 += a3_3 * bv; }
                    { float bv = b3.V3; t0_3 += a0_3 * bv; t1_3 += a1_3 * bv; t2_3 += a2_3 * bv; t3_3 += a3_3 * bv; }
                    { float bv = b4.V0; t0_0 += a0_4 * bv; t1_0 += a1_4 * bv; t2_0 += a2_4 * bv; t3_0 += a3_4 * bv; }
                    { float bv = b4.V1; t0_1 += a0_4 * bv; t1_1 += a1_4 * bv; t2_1 += a2_4 * bv; t3_1 += a3_4 * bv; }
                    { float bv = b4.V2; t0_2 += a0_4 * bv; t1_2 += a1_4 * bv; t2_2 += a2_4 * bv; t3_2 += a3_4 * bv; }
                    { float bv = b4.V3; t0_3 += a0_4 * bv; t1_3 += a1_4 * bv; t2_3 += a2_4 * bv; t3_3 += a3_4 * bv; }
                    { float bv = b5.V0; t0_0 += a0_5 * bv; t1_0 += a1_5 * bv; t2_0 += a2_5 * bv; t3_0 += a3_5 * bv; }
                    { float bv = b5.V1; t0_1 += a0_5 * bv; t1_1 += a1_5 * bv; t2_1 += a2_5 * bv; t3_1 += a3_5 * bv; }
                    { float bv = b5.V2; t0_2 += a0_5 * bv; t1_2 += a1_5 * bv; t2_2 += a2_5 * bv; t3_2 += a3_5 * bv; }
                    { float bv = b5.V3; t0_3 += a0_5 * bv; t1_3 += a1_5 * bv; t2_3 += a2_5 * bv; t3_3 += a3_5 * bv; }
                    { float bv = b6.V0; t0_0 += a0_6 * bv; t1_0 += a1_6 * bv; t2_0 += a2_6 * bv; t3_0 += a3_6 * bv; }
                    { float bv = b6.V1; t0_1 += a0_6 * bv; t1_1 += a1_6 * bv; t2_1 += a2_6 * bv; t3_1 += a3_6 * bv; }
                    { float bv = b6.V2; t0_2 += a0_6 * bv; t1_2 += a1_6 * bv; t2_2 += a2_6 * bv; t3_2 += a3_6 * bv; }
                    { float bv = b6.V3; t0_3 += a0_6 * bv; t1_3 += a1_6 * bv; t2_3 += a2_6 * bv; t3_3 += a3_6 * bv; }
                    { float bv = b7.V0; t0_0 += a0_7 * bv; t1_0 += a1_7 * bv; t2_0 += a2_7 * bv; t3_0 += a3_7 * bv; }
                    { float bv = b7.V1; t0_1 += a0_7 * bv; t1_1 += a1_7 * bv; t2_1 += a2_7 * bv; t3_1 += a3_7 * bv; }
                    { float bv = b7.V2; t0_2 += a0_7 * bv; t1_2 += a1_7 * bv; t2_2 += a2_7 * bv; t3_2 += a3_7 * bv; }
                    { float bv = b7.V3; t0_3 += a0_7 * bv; t1_3 += a1_7 * bv; t2_3 += a2_7 * bv; t3_3 += a3_7 * bv; }
                    c0_0 += t0_0; c0_1 += t0_1; c0_2 += t0_2; c0_3 += t0_3;
                    c1_0 += t1_0; c1_1 += t1_1; c1_2 += t1_2; c1_3 += t1_3;
                    c2_0 += t2_0; c2_1 += t2_1; c2_2 += t2_2; c2_3 += t2_3;
                    c3_0 += t3_0; c3_1 += t3_1; c3_2 += t3_2; c3_3 += t3_3;
                }
                else
                {
                    ref F8 b0 = ref Unsafe.As<float, F8>(ref b[(long)(n0 + 0) * p.StrideBn + k0]);
                    ref F8 b1 = ref Unsafe.As<float, F8>(ref b[(long)(n0 + 1) * p.StrideBn + k0]);
                    ref F8 b2 = ref Unsafe.As<float, F8>(ref b[(long)(n0 + 2) * p.StrideBn + k0]);
                    ref F8 b3 = ref Unsafe.As<float, F8>(ref b[(long)(n0 + 3) * p.StrideBn + k0]);
                    float t0_0 = 0, t0_1 = 0, t0_2 = 0, t0_3 = 0;
                    float t1_0 = 0, t1_1 = 0, t1_2 = 0, t1_3 = 0;
                    float t2_0 = 0, t2_1 = 0, t2_2 = 0, t2_3 = 0;
                    float t3_0 = 0, t3_1 = 0, t3_2 = 0, t3_3 = 0;
                    { float bv = b0.V0; t0_0 += a0_0 * bv; t1_0 += a1_0 * bv; t2_0 += a2_0 * bv; t3_0 += a3_0 * bv; }
                    { float bv = b1.V0; t0_1 += a0_0 * bv; t1_1 += a1_0 * bv; t2_1 += a2_0 * bv; t3_1 += a3_0 * bv; }
                    { float bv = b2.V0; t0_2 += a0_0 * bv; t1_2 += a1_0 * bv; t2_2 += a2_0 * bv; t3_2 += a3_0 * bv; }
                    { float bv = b3.V0; t0_3 += a0_0 * bv; t1_3 += a1_0 * bv; t2_3 += a2_0 * bv; t3_3 += a3_0 * bv; }
                    { float bv = b0.V1; t0_0 += a0_1 * bv; t1_0 += a1_1 * bv; t2_0 += a2_1 * bv; t3_0 += a3_1 * bv; }
                    { float bv = b1.V1; t0_1 += a0_1 * bv; t1_1 += a1_1 * bv; t2_1 += a2_1 * bv; t3_1 += a3_1 * bv; }
                    { float bv = b2.V1; t0_2 += a0_1 * bv; t1_2 += a1_1 * bv; t2_2 += a2_1 * bv; t3_2 += a3_1 * bv; }
                    { float bv = b3.V1; t0_3 += a0_1 * bv; t1_3 += a1_1 * bv; t2_3 += a2_1 * bv; t3_3 += a3_1 * bv; }
                    { float bv = b0.V2; t0_0 += a0_2 * bv; t1_0 += a1_2 * bv; t2_0 += a2_2 * bv; t3_0 += a3_2 * bv; }
                    { float bv = b1.V2; t0_1 += a0_2 * bv; t1_1 += a1_2 * bv; t2_1 += a2_2 * bv; t3_1 += a3_2 * bv; }
                    { float bv = b2.V2; t0_2 += a0_2 * bv; t1_2 += a1_2 * bv; t2_2 += a2_2 * bv; t3_2 += a3_2 * bv; }
                    { float bv = b3.V2; t0_3 += a0_2 * bv; t1_3 += a1_2 * bv; t2_3 += a2_2 * bv; t3_3 += a3_2 * bv; }
                    { float bv = b0.V3; t0_0 += a0_3 * bv; t1_0 += a1_3 * bv; t2_0 += a2_3 * bv; t3_0 += a3_3 * bv; }
                    { float bv = b1.V3; t0_1 += a0_3 * bv; t1_1 += a1_3 * bv; t2_1 += a2_3 * bv; t3_1 += a3_3 * bv; }
                    { float bv = b2.V3; t0_2 += a0_3 * bv; t1_2 += a1_3 * bv; t2_2 += a2_3 * bv; t3_2 += a3_3 * bv; }
                    { float bv = b3.V3; t0_3 += a0_3 * bv; t1_3 += a1_3 * bv; t2_3 += a2_3 * bv; t3_3 += a3_3 * bv; }
                    { float bv = b0.V4; t0_0 += a0_4 * bv; t1_0 += a1_4 * bv; t2_0 += a2_4 * bv; t3_0 += a3_4 * bv; }
                    { float bv = b1.V4; t0_1 += a0_4 * bv; t1_1 += a1_4 * bv; t2_1 += a2_4 * bv; t3_1 += a3_4 * bv; }
                    { float bv = b2.V4; t0_2 += a0_4 * bv; t1_2 += a1_4 * bv; t2_2 += a2_4 * bv; t3_2 += a3_4 * bv; }
                    { float bv = b3.V4; t0_3 += a0_4 * bv; t1_3 += a1_4 * bv; t2_3 += a2_4 * bv; t3_3 += a3_4 * bv; }
                    { float bv = b0.V5; t0_0 += a0_5 * bv; t1_0 += a1_5 * bv; t2_0 += a2_5 * bv; t3_0 += a3_5 * bv; }
                    { float bv = b1.V5; t0_1 += a0_5 * bv; t1_1 += a1_5 * bv; t2_1 += a2_5 * bv; t3_1 += a3_5 * bv; }
                    { float bv = b2.V5; t0_2 += a0_5 * bv; t1_2 += a1_5 * bv; t2_2 += a2_5 * bv; t3_2 += a3_5 * bv; }
                    { float bv = b3.V5; t0_3 += a0_5 * bv; t1_3 += a1_5 * bv; t2_3 += a2_5 * bv; t3_3 += a3_5 * bv; }
                    { float bv = b0.V6; t0_0 += a0_6 * bv; t1_0 += a1_6 * bv; t2_0 += a2_6 * bv; t3_0 += a3_6 * bv; }
                    { float bv = b1.V6; t0_1 += a0_6 * bv; t1_1 += a1_6 * bv; t2_1 += a2_6 * bv; t3_1 += a3_6 * bv; }
                    { float bv = b2.V6; t0_2 += a0_6 * bv; t1_2 += a1_6 * bv; t2_2 += a2_6 * bv; t3_2 += a3_6 * bv; }
                    { float bv = b3.V6; t0_3 += a0_6 * bv; t1_3 += a1_6 * bv; t2_3 += a2_6 * bv; t3_3 += a3_6 * bv; }
                    { float bv = b0.V7; t0_0 += a0_7 * bv; t1_0 += a1_7 * bv; t2_0 += a2_7 * bv; t3_0 += a3_7 * bv; }
                    { float bv = b1.V7; t0_1 += a0_7 * bv; t1_1 += a1_7 * bv; t2_1 += a2_7 * bv; t3_1 += a3_7 * bv; }
                    { float bv = b2.V7; t0_2 += a0_7 * bv; t1_2 += a1_7 * bv; t2_2 += a2_7 * bv; t3_2 += a3_7 * bv; }
                    { float bv = b3.V7; t0_3 += a0_7 * bv; t1_3 += a1_7 * bv; t2_3 += a2_7 * bv; t3_3 += a3_7 * bv; }
                    c0_0 += t0_0; c0_1 += t0_1; c0_2 += t0_2; c0_3 += t0_3;
                    c1_0 += t1_0; c1_1 += t1_1; c1_2 += t1_2; c1_3 += t1_3;
                    c2_0 += t2_0; c2_1 += t2_1; c2_2 += t2_2; c2_3 += t2_3;
                    c3_0 += t3_0; c3_1 += t3_1; c3_2 += t3_2; c3_3 += t3_3;
                }
            }
        }
        long cb0 = (long)IntrinsicMath.Min(n0 + 0, lastN) * p.StrideBn;
        long cb1 = (long)IntrinsicMath.Min(n0 + 1, lastN) * p.StrideBn;
        long cb2 = (long)IntrinsicMath.Min(n0 + 2, lastN) * p.StrideBn;
        long cb3 = (long)IntrinsicMath.Min(n0 + 3, lastN) * p.StrideBn;
        long akt = (long)k0 * p.StrideAk, bkt = (long)k0 * p.StrideBk;
        for (int k = k0; k < p.K; k++)
        {
            float a0 = a[ra0 + akt]; float a1 = a[ra1 + akt]; float a2 = a[ra2 + akt]; float a3 = a[ra3 + akt];
            { float bv = b[bkt + cb0]; c0_0 += a0 * bv; c1_0 += a1 * bv; c2_0 += a2 * bv; c3_0 += a3 * bv; }
            { float bv = b[bkt + cb1]; c0_1 += a0 * bv; c1_1 += a1 * bv; c2_1 += a2 * bv; c3_1 += a3 * bv; }
            { float bv = b[bkt + cb2]; c0_2 += a0 * bv; c1_2 += a1 * bv; c2_2 += a2 * bv; c3_2 += a3 * bv; }
            { float bv = b[bkt + cb3]; c0_3 += a0 * bv; c1_3 += a1 * bv; c2_3 += a2 * bv; c3_3 += a3 * bv; }
            akt += p.StrideAk;
            bkt += p.StrideBk;
        }
        if (m0 + 0 < p.M)
        {
            Store(c, bias, p, m0 + 0, n0 + 0, c0_0);
            Store(c, bias, p, m0 + 0, n0 + 1, c0_1);
            Store(c, bias, p, m0 + 0, n0 + 2, c0_2);
            Store(c, bias, p, m0 + 0, n0 + 3, c0_3);
        }
        if (m0 + 1 < p.M)
        {
            Store(c, bias, p, m0 + 1, n0 + 0, c1_0);
            Store(c, bias, p, m0 + 1, n0 + 1, c1_1);
            Store(c, bias, p, m0 + 1, n0 + 2, c1_2);
            Store(c, bias, p, m0 + 1, n0 + 3, c1_3);
        }
        if (m0 + 2 < p.M)
        {
            Store(c, bias, p, m0 + 2, n0 + 0, c2_0);
            Store(c, bias, p, m0 + 2, n0 + 1, c2_1);
            Store(c, bias, p, m0 + 2, n0 + 2, c2_2);
            Store(c, bias, p, m0 + 2, n0 + 3, c2_3);
        }
        if (m0 + 3 < p.M)
        {
            Store(c, bias, p, m0 + 3, n0 + 0, c3_0);
            Store(c, bias, p, m0 + 3, n0 + 1, c3_1);
            Store(c, bias, p, m0 + 3, n0 + 2, c3_2);
            Store(c, bias, p, m0 + 3, n0 + 3, c3_3);
        }
    }

    // ---- OpenCL (PoCL)
    /// <summary>v20: 8 rows x 1 column per work item, K chunks of 16 unrolled, barrier per chunk</summary>
    static void V20(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c,
        ArrayView<float> bias, GemmArgs p)
    {
        const int TM = 8, KC = 16, GN = 64;
        int n = Grid.IdxX * GN + Group.IdxX;
        int m0 = Grid.IdxY * TM;
        int lastM = p.M - 1;
        long cb = (long)IntrinsicMath.Min(n, p.N - 1) * p.StrideBn;
        long ra0 = (long)IntrinsicMath.Min(m0 + 0, lastM) * p.StrideAm;
        long ra1 = (long)IntrinsicMath.Min(m0 + 1, lastM) * p.StrideAm;
        long ra2 = (long)IntrinsicMath.Min(m0 + 2, lastM) * p.StrideAm;
        long ra3 = (long)IntrinsicMath.Min(m0 + 3, lastM) * p.StrideAm;
        long ra4 = (long)IntrinsicMath.Min(m0 + 4, lastM) * p.StrideAm;
        long ra5 = (long)IntrinsicMath.Min(m0 + 5, lastM) * p.StrideAm;
        long ra6 = (long)IntrinsicMath.Min(m0 + 6, lastM) * p.StrideAm;
        long ra7 = (long)IntrinsicMath.Min(m0 + 7, lastM) * p.StrideAm;
        float c0 = 0, c1 = 0, c2 = 0, c3 = 0, c4 = 0, c5 = 0, c6 = 0, c7 = 0;
        int k0 = 0;
        for (; k0 + KC <= p.K; k0 += KC)
        {
            long ak = (long)k0 * p.StrideAk;
            long bk = (long)k0 * p.StrideBk + cb;
            { float bv = b[bk + 0 * (long)p.StrideBk]; long q = ak + 0 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; }
            { float bv = b[bk + 1 * (long)p.StrideBk]; long q = ak + 1 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; }
            { float bv = b[bk + 2 * (long)p.StrideBk]; long q = ak + 2 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; }
            { float bv = b[bk + 3 * (long)p.StrideBk]; long q = ak + 3 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; }
            { float bv = b[bk + 4 * (long)p.StrideBk]; long q = ak + 4 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; }
            { float bv = b[bk + 5 * (long)p.StrideBk]; long q = ak + 5 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; }
            { float bv = b[bk + 6 * (long)p.StrideBk]; long q = ak + 6 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; }
            { float bv = b[bk + 7 * (long)p.StrideBk]; long q = ak + 7 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; }
            { float bv = b[bk + 8 * (long)p.StrideBk]; long q = ak + 8 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; }
            { float bv = b[bk + 9 * (long)p.StrideBk]; long q = ak + 9 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; }
            { float bv = b[bk + 10 * (long)p.StrideBk]; long q = ak + 10 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; }
            { float bv = b[bk + 11 * (long)p.StrideBk]; long q = ak + 11 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; }
            { float bv = b[bk + 12 * (long)p.StrideBk]; long q = ak + 12 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; }
            { float bv = b[bk + 13 * (long)p.StrideBk]; long q = ak + 13 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; }
            { float bv = b[bk + 14 * (long)p.StrideBk]; long q = ak + 14 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; }
            { float bv = b[bk + 15 * (long)p.StrideBk]; long q = ak + 15 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; }
            // The barrier makes each chunk a parallel region of its own: PoCL wraps the work-item
            // loop around the unrolled chunk, where its vectoriser can reach it.
            Group.Barrier();
        }
        for (; k0 < p.K; k0++)
        {
            float bv = b[(long)k0 * p.StrideBk + cb];
            long q = (long)k0 * p.StrideAk;
            c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv;
        }
        if (n >= p.N)
            return;
        Store(c, bias, p, m0 + 0, n, c0);
        Store(c, bias, p, m0 + 1, n, c1);
        Store(c, bias, p, m0 + 2, n, c2);
        Store(c, bias, p, m0 + 3, n, c3);
        Store(c, bias, p, m0 + 4, n, c4);
        Store(c, bias, p, m0 + 5, n, c5);
        Store(c, bias, p, m0 + 6, n, c6);
        Store(c, bias, p, m0 + 7, n, c7);
    }

    /// <summary>v30: 8x16 per work item (one vector row per tile row once the compiler vectorises), groups of 8 along N</summary>
    static void V30(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c,
        ArrayView<float> bias, GemmArgs p)
    {
        const int TM = 8, TN = 16, GN = 8;
        int n0 = (Grid.IdxX * GN + Group.IdxX) * TN;
        int m0 = Grid.IdxY * TM;
        if (m0 >= p.M || n0 >= p.N)
            return;
        int lastM = p.M - 1, lastN = p.N - 1;
        long ra0 = (long)IntrinsicMath.Min(m0 + 0, lastM) * p.StrideAm;
        long ra1 = (long)IntrinsicMath.Min(m0 + 1, lastM) * p.StrideAm;
        long ra2 = (long)IntrinsicMath.Min(m0 + 2, lastM) * p.StrideAm;
        long ra3 = (long)IntrinsicMath.Min(m0 + 3, lastM) * p.StrideAm;
        long ra4 = (long)IntrinsicMath.Min(m0 + 4, lastM) * p.StrideAm;
        long ra5 = (long)IntrinsicMath.Min(m0 + 5, lastM) * p.StrideAm;
        long ra6 = (long)IntrinsicMath.Min(m0 + 6, lastM) * p.StrideAm;
        long ra7 = (long)IntrinsicMath.Min(m0 + 7, lastM) * p.StrideAm;
        float c0_0 = 0, c0_1 = 0, c0_2 = 0, c0_3 = 0, c0_4 = 0, c0_5 = 0, c0_6 = 0, c0_7 = 0, c0_8 = 0, c0_9 = 0, c0_10 = 0, c0_11 = 0, c0_12 = 0, c0_13 = 0, c0_14 = 0, c0_15 = 0;
        float c1_0 = 0, c1_1 = 0, c1_2 = 0, c1_3 = 0, c1_4 = 0, c1_5 = 0, c1_6 = 0, c1_7 = 0, c1_8 = 0, c1_9 = 0, c1_10 = 0, c1_11 = 0, c1_12 = 0, c1_13 = 0, c1_14 = 0, c1_15 = 0;
        float c2_0 = 0, c2_1 = 0, c2_2 = 0, c2_3 = 0, c2_4 = 0, c2_5 = 0, c2_6 = 0, c2_7 = 0, c2_8 = 0, c2_9 = 0, c2_10 = 0, c2_11 = 0, c2_12 = 0, c2_13 = 0, c2_14 = 0, c2_15 = 0;
        float c3_0 = 0, c3_1 = 0, c3_2 = 0, c3_3 = 0, c3_4 = 0, c3_5 = 0, c3_6 = 0, c3_7 = 0, c3_8 = 0, c3_9 = 0, c3_10 = 0, c3_11 = 0, c3_12 = 0, c3_13 = 0, c3_14 = 0, c3_15 = 0;
        float c4_0 = 0, c4_1 = 0, c4_2 = 0, c4_3 = 0, c4_4 = 0, c4_5 = 0, c4_6 = 0, c4_7 = 0, c4_8 = 0, c4_9 = 0, c4_10 = 0, c4_11 = 0, c4_12 = 0, c4_13 = 0, c4_14 = 0, c4_15 = 0;
        float c5_0 = 0, c5_1 = 0, c5_2 = 0, c5_3 = 0, c5_4 = 0, c5_5 = 0, c5_6 = 0, c5_7 = 0, c5_8 = 0, c5_9 = 0, c5_10 = 0, c5_11 = 0, c5_12 = 0, c5_13 = 0, c5_14 = 0, c5_15 = 0;
        float c6_0 = 0, c6_1 = 0, c6_2 = 0, c6_3 = 0, c6_4 = 0, c6_5 = 0, c6_6 = 0, c6_7 = 0, c6_8 = 0, c6_9 = 0, c6_10 = 0, c6_11 = 0, c6_12 = 0, c6_13 = 0, c6_14 = 0, c6_15 = 0;
        float c7_0 = 0, c7_1 = 0, c7_2 = 0, c7_3 = 0, c7_4 = 0, c7_5 = 0, c7_6 = 0, c7_7 = 0, c7_8 = 0, c7_9 = 0, c7_10 = 0, c7_11 = 0, c7_12 = 0, c7_13 = 0, c7_14 = 0, c7_15 = 0;
        long ak = 0;
        if (p.StrideBn == 1 && n0 + TN <= p.N)
        {
            // Contiguous columns: the OpenCL compiler turns each row of the tile into one vector.
            long bk = n0;
            for (int k = 0; k < p.K; k++)
            {
                float b0 = b[bk + 0]; float b1 = b[bk + 1]; float b2 = b[bk + 2]; float b3 = b[bk + 3]; float b4 = b[bk + 4]; float b5 = b[bk + 5]; float b6 = b[bk + 6]; float b7 = b[bk + 7]; float b8 = b[bk + 8]; float b9 = b[bk + 9]; float b10 = b[bk + 10]; float b11 = b[bk + 11]; float b12 = b[bk + 12]; float b13 = b[bk + 13]; float b14 = b[bk + 14]; float b15 = b[bk + 15];
                { float av = a[ra0 + ak]; c0_0 += av * b0; c0_1 += av * b1; c0_2 += av * b2; c0_3 += av * b3; c0_4 += av * b4; c0_5 += av * b5; c0_6 += av * b6; c0_7 += av * b7; c0_8 += av * b8; c0_9 += av * b9; c0_10 += av * b10; c0_11 += av * b11; c0_12 += av * b12; c0_13 += av * b13; c0_14 += av * b14; c0_15 += av * b15; }
                { float av = a[ra1 + ak]; c1_0 += av * b0; c1_1 += av * b1; c1_2 += av * b2; c1_3 += av * b3; c1_4 += av * b4; c1_5 += av * b5; c1_6 += av * b6; c1_7 += av * b7; c1_8 += av * b8; c1_9 += av * b9; c1_10 += av * b10; c1_11 += av * b11; c1_12 += av * b12; c1_13 += av * b13; c1_14 += av * b14; c1_15 += av * b15; }
                { float av = a[ra2 + ak]; c2_0 += av * b0; c2_1 += av * b1; c2_2 += av * b2; c2_3 += av * b3; c2_4 += av * b4; c2_5 += av * b5; c2_6 += av * b6; c2_7 += av * b7; c2_8 += av * b8; c2_9 += av * b9; c2_10 += av * b10; c2_11 += av * b11; c2_12 += av * b12; c2_13 += av * b13; c2_14 += av * b14; c2_15 += av * b15; }
                { float av = a[ra3 + ak]; c3_0 += av * b0; c3_1 += av * b1; c3_2 += av * b2; c3_3 += av * b3; c3_4 += av * b4; c3_5 += av * b5; c3_6 += av * b6; c3_7 += av * b7; c3_8 += av * b8; c3_9 += av * b9; c3_10 += av * b10; c3_11 += av * b11; c3_12 += av * b12; c3_13 += av * b13; c3_14 += av * b14; c3_15 += av * b15; }
                { float av = a[ra4 + ak]; c4_0 += av * b0; c4_1 += av * b1; c4_2 += av * b2; c4_3 += av * b3; c4_4 += av * b4; c4_5 += av * b5; c4_6 += av * b6; c4_7 += av * b7; c4_8 += av * b8; c4_9 += av * b9; c4_10 += av * b10; c4_11 += av * b11; c4_12 += av * b12; c4_13 += av * b13; c4_14 += av * b14; c4_15 += av * b15; }
                { float av = a[ra5 + ak]; c5_0 += av * b0; c5_1 += av * b1; c5_2 += av * b2; c5_3 += av * b3; c5_4 += av * b4; c5_5 += av * b5; c5_6 += av * b6; c5_7 += av * b7; c5_8 += av * b8; c5_9 += av * b9; c5_10 += av * b10; c5_11 += av * b11; c5_12 += av * b12; c5_13 += av * b13; c5_14 += av * b14; c5_15 += av * b15; }
                { float av = a[ra6 + ak]; c6_0 += av * b0; c6_1 += av * b1; c6_2 += av * b2; c6_3 += av * b3; c6_4 += av * b4; c6_5 += av * b5; c6_6 += av * b6; c6_7 += av * b7; c6_8 += av * b8; c6_9 += av * b9; c6_10 += av * b10; c6_11 += av * b11; c6_12 += av * b12; c6_13 += av * b13; c6_14 += av * b14; c6_15 += av * b15; }
                { float av = a[ra7 + ak]; c7_0 += av * b0; c7_1 += av * b1; c7_2 += av * b2; c7_3 += av * b3; c7_4 += av * b4; c7_5 += av * b5; c7_6 += av * b6; c7_7 += av * b7; c7_8 += av * b8; c7_9 += av * b9; c7_10 += av * b10; c7_11 += av * b11; c7_12 += av * b12; c7_13 += av * b13; c7_14 += av * b14; c7_15 += av * b15; }
                ak += p.StrideAk;
                bk += p.StrideBk;
            }
        }
        else
        {
            long cb0 = (long)IntrinsicMath.Min(n0 + 0, lastN) * p.StrideBn;
            long cb1 = (long)IntrinsicMath.Min(n0 + 1, lastN) * p.StrideBn;
            long cb2 = (long)IntrinsicMath.Min(n0 + 2, lastN) * p.StrideBn;
            long cb3 = (long)IntrinsicMath.Min(n0 + 3, lastN) * p.StrideBn;
            long cb4 = (long)IntrinsicMath.Min(n0 + 4, lastN) * p.StrideBn;
            long cb5 = (long)IntrinsicMath.Min(n0 + 5, lastN) * p.StrideBn;
            long cb6 = (long)IntrinsicMath.Min(n0 + 6, lastN) * p.StrideBn;
            long cb7 = (long)IntrinsicMath.Min(n0 + 7, lastN) * p.StrideBn;
            long cb8 = (long)IntrinsicMath.Min(n0 + 8, lastN) * p.StrideBn;
            long cb9 = (long)IntrinsicMath.Min(n0 + 9, lastN) * p.StrideBn;
            long cb10 = (long)IntrinsicMath.Min(n0 + 10, lastN) * p.StrideBn;
            long cb11 = (long)IntrinsicMath.Min(n0 + 11, lastN) * p.StrideBn;
            long cb12 = (long)IntrinsicMath.Min(n0 + 12, lastN) * p.StrideBn;
            long cb13 = (long)IntrinsicMath.Min(n0 + 13, lastN) * p.StrideBn;
            long cb14 = (long)IntrinsicMath.Min(n0 + 14, lastN) * p.StrideBn;
            long cb15 = (long)IntrinsicMath.Min(n0 + 15, lastN) * p.StrideBn;
            long bk = 0;
            for (int k = 0; k < p.K; k++)
            {
                float b0 = b[bk + cb0]; float b1 = b[bk + cb1]; float b2 = b[bk + cb2]; float b3 = b[bk + cb3]; float b4 = b[bk + cb4]; float b5 = b[bk + cb5]; float b6 = b[bk + cb6]; float b7 = b[bk + cb7]; float b8 = b[bk + cb8]; float b9 = b[bk + cb9]; float b10 = b[bk + cb10]; float b11 = b[bk + cb11]; float b12 = b[bk + cb12]; float b13 = b[bk + cb13]; float b14 = b[bk + cb14]; float b15 = b[bk + cb15];
                { float av = a[ra0 + ak]; c0_0 += av * b0; c0_1 += av * b1; c0_2 += av * b2; c0_3 += av * b3; c0_4 += av * b4; c0_5 += av * b5; c0_6 += av * b6; c0_7 += av * b7; c0_8 += av * b8; c0_9 += av * b9; c0_10 += av * b10; c0_11 += av * b11; c0_12 += av * b12; c0_13 += av * b13; c0_14 += av * b14; c0_15 += av * b15; }
                { float av = a[ra1 + ak]; c1_0 += av * b0; c1_1 += av * b1; c1_2 += av * b2; c1_3 += av * b3; c1_4 += av * b4; c1_5 += av * b5; c1_6 += av * b6; c1_7 += av * b7; c1_8 += av * b8; c1_9 += av * b9; c1_10 += av * b10; c1_11 += av * b11; c1_12 += av * b12; c1_13 += av * b13; c1_14 += av * b14; c1_15 += av * b15; }
                { float av = a[ra2 + ak]; c2_0 += av * b0; c2_1 += av * b1; c2_2 += av * b2; c2_3 += av * b3; c2_4 += av * b4; c2_5 += av * b5; c2_6 += av * b6; c2_7 += av * b7; c2_8 += av * b8; c2_9 += av * b9; c2_10 += av * b10; c2_11 += av * b11; c2_12 += av * b12; c2_13 += av * b13; c2_14 += av * b14; c2_15 += av * b15; }
                { float av = a[ra3 + ak]; c3_0 += av * b0; c3_1 += av * b1; c3_2 += av * b2; c3_3 += av * b3; c3_4 += av * b4; c3_5 += av * b5; c3_6 += av * b6; c3_7 += av * b7; c3_8 += av * b8; c3_9 += av * b9; c3_10 += av * b10; c3_11 += av * b11; c3_12 += av * b12; c3_13 += av * b13; c3_14 += av * b14; c3_15 += av * b15; }
                { float av = a[ra4 + ak]; c4_0 += av * b0; c4_1 += av * b1; c4_2 += av * b2; c4_3 += av * b3; c4_4 += av * b4; c4_5 += av * b5; c4_6 += av * b6; c4_7 += av * b7; c4_8 += av * b8; c4_9 += av * b9; c4_10 += av * b10; c4_11 += av * b11; c4_12 += av * b12; c4_13 += av * b13; c4_14 += av * b14; c4_15 += av * b15; }
                { float av = a[ra5 + ak]; c5_0 += av * b0; c5_1 += av * b1; c5_2 += av * b2; c5_3 += av * b3; c5_4 += av * b4; c5_5 += av * b5; c5_6 += av * b6; c5_7 += av * b7; c5_8 += av * b8; c5_9 += av * b9; c5_10 += av * b10; c5_11 += av * b11; c5_12 += av * b12; c5_13 += av * b13; c5_14 += av * b14; c5_15 += av * b15; }
                { float av = a[ra6 + ak]; c6_0 += av * b0; c6_1 += av * b1; c6_2 += av * b2; c6_3 += av * b3; c6_4 += av * b4; c6_5 += av * b5; c6_6 += av * b6; c6_7 += av * b7; c6_8 += av * b8; c6_9 += av * b9; c6_10 += av * b10; c6_11 += av * b11; c6_12 += av * b12; c6_13 += av * b13; c6_14 += av * b14; c6_15 += av * b15; }
                { float av = a[ra7 + ak]; c7_0 += av * b0; c7_1 += av * b1; c7_2 += av * b2; c7_3 += av * b3; c7_4 += av * b4; c7_5 += av * b5; c7_6 += av * b6; c7_7 += av * b7; c7_8 += av * b8; c7_9 += av * b9; c7_10 += av * b10; c7_11 += av * b11; c7_12 += av * b12; c7_13 += av * b13; c7_14 += av * b14; c7_15 += av * b15; }
                ak += p.StrideAk;
                bk += p.StrideBk;
            }
        }
        Store(c, bias, p, m0 + 0, n0 + 0, c0_0);
        Store(c, bias, p, m0 + 0, n0 + 1, c0_1);
        Store(c, bias, p, m0 + 0, n0 + 2, c0_2);
        Store(c, bias, p, m0 + 0, n0 + 3, c0_3);
        Store(c, bias, p, m0 + 0, n0 + 4, c0_4);
        Store(c, bias, p, m0 + 0, n0 + 5, c0_5);
        Store(c, bias, p, m0 + 0, n0 + 6, c0_6);
        Store(c, bias, p, m0 + 0, n0 + 7, c0_7);
        Store(c, bias, p, m0 + 0, n0 + 8, c0_8);
        Store(c, bias, p, m0 + 0, n0 + 9, c0_9);
        Store(c, bias, p, m0 + 0, n0 + 10, c0_10);
        Store(c, bias, p, m0 + 0, n0 + 11, c0_11);
        Store(c, bias, p, m0 + 0, n0 + 12, c0_12);
        Store(c, bias, p, m0 + 0, n0 + 13, c0_13);
        Store(c, bias, p, m0 + 0, n0 + 14, c0_14);
        Store(c, bias, p, m0 + 0, n0 + 15, c0_15);
        Store(c, bias, p, m0 + 1, n0 + 0, c1_0);
        Store(c, bias, p, m0 + 1, n0 + 1, c1_1);
        Store(c, bias, p, m0 + 1, n0 + 2, c1_2);
        Store(c, bias, p, m0 + 1, n0 + 3, c1_3);
        Store(c, bias, p, m0 + 1, n0 + 4, c1_4);
        Store(c, bias, p, m0 + 1, n0 + 5, c1_5);
        Store(c, bias, p, m0 + 1, n0 + 6, c1_6);
        Store(c, bias, p, m0 + 1, n0 + 7, c1_7);
        Store(c, bias, p, m0 + 1, n0 + 8, c1_8);
        Store(c, bias, p, m0 + 1, n0 + 9, c1_9);
        Store(c, bias, p, m0 + 1, n0 + 10, c1_10);
        Store(c, bias, p, m0 + 1, n0 + 11, c1_11);
        Store(c, bias, p, m0 + 1, n0 + 12, c1_12);
        Store(c, bias, p, m0 + 1, n0 + 13, c1_13);
        Store(c, bias, p, m0 + 1, n0 + 14, c1_14);
        Store(c, bias, p, m0 + 1, n0 + 15, c1_15);
        Store(c, bias, p, m0 + 2, n0 + 0, c2_0);
        Store(c, bias, p, m0 + 2, n0 + 1, c2_1);
        Store(c, bias, p, m0 + 2, n0 + 2, c2_2);
        Store(c, bias, p, m0 + 2, n0 + 3, c2_3);
        Store(c, bias, p, m0 + 2, n0 + 4, c2_4);
        Store(c, bias, p, m0 + 2, n0 + 5, c2_5);
        Store(c, bias, p, m0 + 2, n0 + 6, c2_6);
        Store(c, bias, p, m0 + 2, n0 + 7, c2_7);
        Store(c, bias, p, m0 + 2, n0 + 8, c2_8);
        Store(c, bias, p, m0 + 2, n0 + 9, c2_9);
        Store(c, bias, p, m0 + 2, n0 + 10, c2_10);
        Store(c, bias, p, m0 + 2, n0 + 11, c2_11);
        Store(c, bias, p, m0 + 2, n0 + 12, c2_12);
        Store(c, bias, p, m0 + 2, n0 + 13, c2_13);
        Store(c, bias, p, m0 + 2, n0 + 14, c2_14);
        Store(c, bias, p, m0 + 2, n0 + 15, c2_15);
        Store(c, bias, p, m0 + 3, n0 + 0, c3_0);
        Store(c, bias, p, m0 + 3, n0 + 1, c3_1);
        Store(c, bias, p, m0 + 3, n0 + 2, c3_2);
        Store(c, bias, p, m0 + 3, n0 + 3, c3_3);
        Store(c, bias, p, m0 + 3, n0 + 4, c3_4);
        Store(c, bias, p, m0 + 3, n0 + 5, c3_5);
        Store(c, bias, p, m0 + 3, n0 + 6, c3_6);
        Store(c, bias, p, m0 + 3, n0 + 7, c3_7);
        Store(c, bias, p, m0 + 3, n0 + 8, c3_8);
        Store(c, bias, p, m0 + 3, n0 + 9, c3_9);
        Store(c, bias, p, m0 + 3, n0 + 10, c3_10);
        Store(c, bias, p, m0 + 3, n0 + 11, c3_11);
        Store(c, bias, p, m0 + 3, n0 + 12, c3_12);
        Store(c, bias, p, m0 + 3, n0 + 13, c3_13);
        Store(c, bias, p, m0 + 3, n0 + 14, c3_14);
        Store(c, bias, p, m0 + 3, n0 + 15, c3_15);
        Store(c, bias, p, m0 + 4, n0 + 0, c4_0);
        Store(c, bias, p, m0 + 4, n0 + 1, c4_1);
        Store(c, bias, p, m0 + 4, n0 + 2, c4_2);
        Store(c, bias, p, m0 + 4, n0 + 3, c4_3);
        Store(c, bias, p, m0 + 4, n0 + 4, c4_4);
        Store(c, bias, p, m0 + 4, n0 + 5, c4_5);
        Store(c, bias, p, m0 + 4, n0 + 6, c4_6);
        Store(c, bias, p, m0 + 4, n0 + 7, c4_7);
        Store(c, bias, p, m0 + 4, n0 + 8, c4_8);
        Store(c, bias, p, m0 + 4, n0 + 9, c4_9);
        Store(c, bias, p, m0 + 4, n0 + 10, c4_10);
        Store(c, bias, p, m0 + 4, n0 + 11, c4_11);
        Store(c, bias, p, m0 + 4, n0 + 12, c4_12);
        Store(c, bias, p, m0 + 4, n0 + 13, c4_13);
        Store(c, bias, p, m0 + 4, n0 + 14, c4_14);
        Store(c, bias, p, m0 + 4, n0 + 15, c4_15);
        Store(c, bias, p, m0 + 5, n0 + 0, c5_0);
        Store(c, bias, p, m0 + 5, n0 + 1, c5_1);
        Store(c, bias, p, m0 + 5, n0 + 2, c5_2);
        Store(c, bias, p, m0 + 5, n0 + 3, c5_3);
        Store(c, bias, p, m0 + 5, n0 + 4, c5_4);
        Store(c, bias, p, m0 + 5, n0 + 5, c5_5);
        Store(c, bias, p, m0 + 5, n0 + 6, c5_6);
        Store(c, bias, p, m0 + 5, n0 + 7, c5_7);
        Store(c, bias, p, m0 + 5, n0 + 8, c5_8);
        Store(c, bias, p, m0 + 5, n0 + 9, c5_9);
        Store(c, bias, p, m0 + 5, n0 + 10, c5_10);
        Store(c, bias, p, m0 + 5, n0 + 11, c5_11);
        Store(c, bias, p, m0 + 5, n0 + 12, c5_12);
        Store(c, bias, p, m0 + 5, n0 + 13, c5_13);
        Store(c, bias, p, m0 + 5, n0 + 14, c5_14);
        Store(c, bias, p, m0 + 5, n0 + 15, c5_15);
        Store(c, bias, p, m0 + 6, n0 + 0, c6_0);
        Store(c, bias, p, m0 + 6, n0 + 1, c6_1);
        Store(c, bias, p, m0 + 6, n0 + 2, c6_2);
        Store(c, bias, p, m0 + 6, n0 + 3, c6_3);
        Store(c, bias, p, m0 + 6, n0 + 4, c6_4);
        Store(c, bias, p, m0 + 6, n0 + 5, c6_5);
        Store(c, bias, p, m0 + 6, n0 + 6, c6_6);
        Store(c, bias, p, m0 + 6, n0 + 7, c6_7);
        Store(c, bias, p, m0 + 6, n0 + 8, c6_8);
        Store(c, bias, p, m0 + 6, n0 + 9, c6_9);
        Store(c, bias, p, m0 + 6, n0 + 10, c6_10);
        Store(c, bias, p, m0 + 6, n0 + 11, c6_11);
        Store(c, bias, p, m0 + 6, n0 + 12, c6_12);
        Store(c, bias, p, m0 + 6, n0 + 13, c6_13);
        Store(c, bias, p, m0 + 6, n0 + 14, c6_14);
        Store(c, bias, p, m0 + 6, n0 + 15, c6_15);
        Store(c, bias, p, m0 + 7, n0 + 0, c7_0);
        Store(c, bias, p, m0 + 7, n0 + 1, c7_1);
        Store(c, bias, p, m0 + 7, n0 + 2, c7_2);
        Store(c, bias, p, m0 + 7, n0 + 3, c7_3);
        Store(c, bias, p, m0 + 7, n0 + 4, c7_4);
        Store(c, bias, p, m0 + 7, n0 + 5, c7_5);
        Store(c, bias, p, m0 + 7, n0 + 6, c7_6);
        Store(c, bias, p, m0 + 7, n0 + 7, c7_7);
        Store(c, bias, p, m0 + 7, n0 + 8, c7_8);
        Store(c, bias, p, m0 + 7, n0 + 9, c7_9);
        Store(c, bias, p, m0 + 7, n0 + 10, c7_10);
        Store(c, bias, p, m0 + 7, n0 + 11, c7_11);
        Store(c, bias, p, m0 + 7, n0 + 12, c7_12);
        Store(c, bias, p, m0 + 7, n0 + 13, c7_13);
        Store(c, bias, p, m0 + 7, n0 + 14, c7_14);
        Store(c, bias, p, m0 + 7, n0 + 15, c7_15);
    }

    // ---- harness

    // Columns: device | variant | size | GFLOP/s (median) | GFLOP/s (best) | host SIMD peer GFLOP/s | median / peer | note
    /// <summary>Times the named variants (all that apply when none named) at <see cref="GemmQuick.Sizes"/>,
    /// each validated first.</summary>
    internal static void Time(ComputeDevice device, IReadOnlyList<string> names, int reps, TextWriter log)
    {
        var picked = Pick(device, names);
        // GEMM_SIZES="MxNxK,MxNxK" overrides the sizes (exploration only).
        var sizes = Environment.GetEnvironmentVariable("GEMM_SIZES") is { Length: > 0 } env
            ? env.Split(',').Select(t => t.Split('x').Select(int.Parse).ToArray()).Select(d => (d[0], d[1], d[2])).ToArray()
            : GemmQuick.Sizes;
        foreach (var (m, n, k) in sizes)
        {
            var rng = new Random(42);
            float[] ha = GemmQuick.Rand(rng, m * k), hb = GemmQuick.Rand(rng, k * n);
            using var ta = DeviceTensor.FromHost(device, ha, m, k);
            using var tb = DeviceTensor.FromHost(device, hb, k, n);
            using var tc = DeviceTensor.Zeros(device, m, n);
            var p = new GemmArgs(m, n, k, false, k, false, n, n, 1f, 0f, false);
            var reference = new double[m * n];
            Reference.Gemm(ha, hb, reference, default, p);
            double flops = 2.0 * m * n * k;
            double peer = Median(() => HostGemm.Multiply(ha, hb, new float[m * n], m, n, k), reps, out _);
            foreach (var v in picked)
            {
                var launch = v.Load(device);
                tc.Fill(float.NaN);
                try
                {
                    launch(ta.View, tb.View, tc.View, tc.View.SubView(0, 1), p);
                }
                catch (ArgumentOutOfRangeException e)
                {
                    log.WriteLine($"| {device.Info.Spec} | {v.Name} | {m}x{n}x{k} | cannot launch here ({e.Message.Split('\n')[0]}) | | | {v.Note} |");
                    continue;
                }
                double err = Reference.RelativeError(tc.ToArray(), reference);
                if (!(err < 1e-5))
                {
                    log.WriteLine($"| {device.Info.Spec} | {v.Name} | {m}x{n}x{k} | WRONG {err:E2} | | | {v.Note} |");
                    continue;
                }
                double t = Median(() => { launch(ta.View, tb.View, tc.View, tc.View.SubView(0, 1), p); device.Synchronize(); }, reps, out double best);
                log.WriteLine($"| {device.Info.Spec} | {v.Name} | {m}x{n}x{k} | {flops / t / 1e9:F2} | {flops / best / 1e9:F2} | {flops / peer / 1e9:F2} | {peer / t:F2} | {v.Note} |");
            }
        }
    }

    /// <summary>Odd sizes x transposes x beta x bias against the float64 reference.</summary>
    internal static int Check(ComputeDevice device, IReadOnlyList<string> names, TextWriter log)
    {
        int[] sizes = { 1, 7, 33, 129 };
        int failures = 0, cases = 0;
        foreach (var v in Pick(device, names))
        {
            var launch = v.Load(device);
            double worst = 0;
            foreach (int m in sizes)
            foreach (int n in sizes)
            foreach (int k in sizes)
            foreach (bool ta in new[] { false, true })
            foreach (bool tb in new[] { false, true })
            foreach (float beta in new[] { 0f, 1f })
            foreach (bool hasBias in new[] { false, true })
            {
                var rng = new Random(m * 1000003 + n * 1009 + k * 7 + (ta ? 1 : 0) + (tb ? 2 : 0));
                float[] ha = GemmQuick.Rand(rng, m * k), hb = GemmQuick.Rand(rng, k * n);
                float[] hc = GemmQuick.Rand(rng, m * n), hbias = GemmQuick.Rand(rng, n);
                int lda = ta ? m : k, ldb = tb ? k : n;
                var p = new GemmArgs(m, n, k, ta, lda, tb, ldb, n, 0.75f, beta, hasBias);
                var reference = new double[m * n];
                for (int i = 0; i < hc.Length; i++)
                    reference[i] = hc[i];
                Reference.Gemm(ha, hb, reference, hbias, p);
                using var da = DeviceTensor.FromHost(device, ha, ha.Length);
                using var db = DeviceTensor.FromHost(device, hb, hb.Length);
                using var dc = DeviceTensor.FromHost(device, hc, hc.Length);
                using var dbias = DeviceTensor.FromHost(device, hbias, n);
                if (beta == 0f)
                    dc.Fill(float.NaN);
                try
                {
                    launch(da.View, db.View, dc.View, dbias.View, p);
                }
                catch (ArgumentOutOfRangeException e)
                {
                    log.WriteLine($"{device.Info.Spec} {v.Name}: cannot launch here ({e.Message.Split('\n')[0]})");
                    goto nextVariant;
                }
                double err = Reference.RelativeError(dc.ToArray(), reference);
                cases++;
                worst = Math.Max(worst, double.IsNaN(err) ? double.PositiveInfinity : err);
                if (!(err < 1e-5))
                {
                    failures++;
                    if (failures < 20)
                        log.WriteLine($"{v.Name} FAIL m={m} n={n} k={k} tA={ta} tB={tb} beta={beta} bias={hasBias}: {err:E2}");
                }
            }
            log.WriteLine($"{device.Info.Spec} {v.Name}: worst rel err {worst:E2}");
        nextVariant:;
        }
        log.WriteLine($"{cases} cases, {failures} failures");
        return failures == 0 ? 0 : 1;
    }

    static List<Variant> Pick(ComputeDevice device, IReadOnlyList<string> names) =>
        names.Count == 0
            ? All.Where(v => v.Only is null || v.Only == device.Kind).ToList()
            : names.Select(n => All.FirstOrDefault(v => v.Name == n)
                ?? throw new ArgumentException($"Unknown variant {n}; known: {string.Join(", ", All.Select(v => v.Name))}.")).ToList();

    internal static double Median(Action f, int reps, out double best)
    {
        // Warm up for half a second: tiered JIT recompiles the large kernels in the background.
        var warm = Stopwatch.StartNew();
        for (int i = 0; i < 3 || warm.Elapsed.TotalSeconds < 0.5; i++)
            f();
        var ts = new List<double>();
        for (int i = 0; i < reps; i++)
        {
            var sw = Stopwatch.StartNew();
            f();
            ts.Add(sw.Elapsed.TotalSeconds);
        }
        ts.Sort();
        best = ts[0];
        return ts[ts.Count / 2];
    }

    // ---- v40: the tiled GPU kernel before the 128x128 one (64x64 block tiles, 4x4 outputs per thread, scalar
    // shared-memory reads: 32 FFMA for 8 shared loads per k in its SASS). Launch (N/64, M/64) groups of 256.
    const int T40M = 64, T40N = 64, T40K = 16, T40ThreadsN = 16, T40ThreadsM = 16, T40Group = 256;
    const int T40LoadsA = T40M * T40K / T40Group, T40LoadsB = T40N * T40K / T40Group;

    static void Store4(ArrayView<float> c, ArrayView<float> bias, in GemmArgs p, int m, int n0, int n1, int n2, int n3,
        float v0, float v1, float v2, float v3)
    {
        Store(c, bias, p, m, n0, v0);
        Store(c, bias, p, m, n1, v1);
        Store(c, bias, p, m, n2, v2);
        Store(c, bias, p, m, n3, v3);
    }

    static void V40Tiled64(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c,
        ArrayView<float> bias, GemmArgs p)
    {
        var aTile = SharedMemory.Allocate<float>(T40K * T40M); // (BK, BM)
        var bTile = SharedMemory.Allocate<float>(T40K * T40N); // (BK, BN)
        int tid = Group.IdxX;
        int tx = tid % T40ThreadsN;
        int ty = tid / T40ThreadsN;
        int m0 = Grid.IdxY * T40M;
        int n0 = Grid.IdxX * T40N;

        float c00 = 0, c01 = 0, c02 = 0, c03 = 0;
        float c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        float c20 = 0, c21 = 0, c22 = 0, c23 = 0;
        float c30 = 0, c31 = 0, c32 = 0, c33 = 0;

        for (int k0 = 0; k0 < p.K; k0 += T40K)
        {
            for (int i = 0; i < T40LoadsA; i++)
            {
                int e = tid + i * T40Group;
                int mm, kk;
                if (p.StrideAk == 1) { mm = e / T40K; kk = e % T40K; }
                else { kk = e / T40M; mm = e % T40M; }
                int gm = m0 + mm, gk = k0 + kk;
                aTile[kk * T40M + mm] = gm < p.M && gk < p.K
                    ? a[(long)gm * p.StrideAm + (long)gk * p.StrideAk] : 0f;
            }
            for (int i = 0; i < T40LoadsB; i++)
            {
                int e = tid + i * T40Group;
                int nn, kk;
                if (p.StrideBn == 1) { kk = e / T40N; nn = e % T40N; }
                else { nn = e / T40K; kk = e % T40K; }
                int gn = n0 + nn, gk = k0 + kk;
                bTile[kk * T40N + nn] = gn < p.N && gk < p.K
                    ? b[(long)gk * p.StrideBk + (long)gn * p.StrideBn] : 0f;
            }
            Group.Barrier();
            for (int kk = 0; kk < T40K; kk++)
            {
                int ab = kk * T40M + ty;
                float a0 = aTile[ab];
                float a1 = aTile[ab + T40ThreadsM];
                float a2 = aTile[ab + 2 * T40ThreadsM];
                float a3 = aTile[ab + 3 * T40ThreadsM];
                int bb = kk * T40N + tx;
                float b0 = bTile[bb];
                float b1 = bTile[bb + T40ThreadsN];
                float b2 = bTile[bb + 2 * T40ThreadsN];
                float b3 = bTile[bb + 3 * T40ThreadsN];
                c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
                c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
                c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
                c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
            }
            Group.Barrier();
        }

        // Thread (ty, tx) owns rows ty + i * T40ThreadsM and columns tx + j * T40ThreadsN.
        int r0 = m0 + ty, r1 = r0 + T40ThreadsM, r2 = r1 + T40ThreadsM, r3 = r2 + T40ThreadsM;
        int q0 = n0 + tx, q1 = q0 + T40ThreadsN, q2 = q1 + T40ThreadsN, q3 = q2 + T40ThreadsN;
        Store4(c, bias, p, r0, q0, q1, q2, q3, c00, c01, c02, c03);
        Store4(c, bias, p, r1, q0, q1, q2, q3, c10, c11, c12, c13);
        Store4(c, bias, p, r2, q0, q1, q2, q3, c20, c21, c22, c23);
        Store4(c, bias, p, r3, q0, q1, q2, q3, c30, c31, c32, c33);
    }
}
