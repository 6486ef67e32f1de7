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

/// <summary>Sixteen consecutive floats, read through one checked view access.</summary>
struct F16
{
    public float V0, V1, V2, V3, V4, V5, V6, V7, V8, V9, V10, V11, V12, V13, V14, V15;
}

/// <summary>
/// Numbered GEMM experiments (losers and ancestors of the promoted kernels), timed next to
/// the promoted variants by <c>RnnGpu.Bench variants</c>. Same contract as
/// <see cref="GemmKernels"/>: any M, N, K, strides, alpha, beta, bias.
/// </summary>
static class GemmVariants
{
    internal delegate void Launch(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c,
        ArrayView<float> bias, GemmArgs p);

    internal sealed record Variant(string Name, AcceleratorKind? Only, string Note, Func<ComputeDevice, Launch> Load);

    static Launch Items(ComputeDevice d, Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, GemmArgs> k,
        Func<GemmArgs, int> items)
    {
        var f = d.Kind == AcceleratorKind.Cpu
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
        new("CpuBlocked", null, "promoted: CPU accelerator", d => Builtin(d, GemmVariant.CpuBlocked)),
        new("RowBlocked", null, "promoted: OpenCL on CPUs", d => Builtin(d, GemmVariant.RowBlocked)),
        new("v1", null, "naive, one output per work item", d => Items(d, V1Naive, p => p.M * p.N)),
        new("v3", AcceleratorKind.Cpu, "2x8 per item, B row of 8 through one F8 access", d => Items(d, V3Cpu2x8, p => Cdiv(p.M, 2) * Cdiv(p.N, 8))),
        new("v4", AcceleratorKind.Cpu, "2x8, K chunks of 8 via struct refs", d => Items(d, V4, p => Cdiv(p.M, 2) * Cdiv(p.N, 8))),
        new("v5", AcceleratorKind.Cpu, "v4, M-fastest order", d => Items(d, V5, p => Cdiv(p.M, 2) * Cdiv(p.N, 8))),
        new("v6", AcceleratorKind.Cpu, "3x8, KC 8", d => Items(d, V6, p => Cdiv(p.M, 3) * Cdiv(p.N, 8))),
        new("v7", AcceleratorKind.Cpu, "2x8, KC 4", d => Items(d, V7, p => Cdiv(p.M, 2) * Cdiv(p.N, 8))),
        new("v8", AcceleratorKind.Cpu, "1x16, KC 8", d => Items(d, V8, p => Cdiv(p.M, 1) * Cdiv(p.N, 16))),
        new("v9", AcceleratorKind.Cpu, "4x4, KC 8", d => Items(d, V9, p => Cdiv(p.M, 4) * Cdiv(p.N, 4))),
        new("v10", AcceleratorKind.Cpu, "2x8 micro-tile, 8x8 per item, F8 epilogue", d => Items(d, V10, p => Cdiv(p.M, 8) * Cdiv(p.N, 8))),
        new("v11", AcceleratorKind.Cpu, "2x8, KC 4, F8 epilogue", d => Items(d, V11, p => Cdiv(p.M, 2) * Cdiv(p.N, 8))),
        new("v12", AcceleratorKind.Cpu, "8x8 per item, scalar epilogue", d => Items(d, V12, p => Cdiv(p.M, 8) * Cdiv(p.N, 8))),
        new("v13", AcceleratorKind.Cpu, "16x8 per item", d => Items(d, V13, p => Cdiv(p.M, 16) * Cdiv(p.N, 8))),
        new("v14", AcceleratorKind.Cpu, "8x8 per item, KC 8", d => Items(d, V14, p => Cdiv(p.M, 8) * Cdiv(p.N, 8))),
        new("v20", AcceleratorKind.OpenCL, "8 rows x 1 column per work item, K chunks of 16 unrolled, barrier per chunk", d => Groups(d, V20, p => new Index2D(Cdiv(p.N, 64), Cdiv(p.M, 8)), new Index2D(64, 1))),
        new("v21", AcceleratorKind.OpenCL, "v20 with an unclamped branch for full groups with StrideBn == 1", d => Groups(d, V21, p => new Index2D(Cdiv(p.N, 64), Cdiv(p.M, 8)), new Index2D(64, 1))),
        new("v22", AcceleratorKind.OpenCL, "v21 with 16 rows per work item", d => Groups(d, V22, p => new Index2D(Cdiv(p.N, 64), Cdiv(p.M, 16)), new Index2D(64, 1))),
        new("v23", AcceleratorKind.OpenCL, "v21 with 256 work items per group", d => Groups(d, V23, p => new Index2D(Cdiv(p.N, 256), Cdiv(p.M, 8)), new Index2D(256, 1))),
        new("v24", AcceleratorKind.OpenCL, "v21 with K chunks of 8", d => Groups(d, V24, p => new Index2D(Cdiv(p.N, 64), Cdiv(p.M, 8)), new Index2D(64, 1))),
        new("v25", AcceleratorKind.OpenCL, "16 rows, KC 8, groups of 128", d => Groups(d, V25, p => new Index2D(Cdiv(p.N, 128), Cdiv(p.M, 16)), new Index2D(128, 1))),
        new("v30", AcceleratorKind.OpenCL, "8x16 per work item (one vector row per tile row once the compiler vectorises), groups of 8 along N", d => Groups(d, V30, p => new Index2D(Cdiv(p.N, 16 * 8), Cdiv(p.M, 8)), new Index2D(8, 1))),
        new("v31", AcceleratorKind.OpenCL, "v30 with 4x16", d => Groups(d, V31, p => new Index2D(Cdiv(p.N, 16 * 8), Cdiv(p.M, 4)), new Index2D(8, 1))),
        new("v32", AcceleratorKind.OpenCL, "v30 with 8x8, groups of 16", d => Groups(d, V32, p => new Index2D(Cdiv(p.N, 8 * 16), Cdiv(p.M, 8)), new Index2D(16, 1))),
        new("v33", AcceleratorKind.OpenCL, "v30 with groups of 32", d => Groups(d, V33, p => new Index2D(Cdiv(p.N, 16 * 32), Cdiv(p.M, 8)), new Index2D(32, 1))),
        new("v34", AcceleratorKind.OpenCL, "v30 with 12x16", d => Groups(d, V34, p => new Index2D(Cdiv(p.N, 16 * 8), Cdiv(p.M, 12)), new Index2D(8, 1))),
        new("v35", AcceleratorKind.OpenCL, "v30 with 16x16", d => Groups(d, V35, p => new Index2D(Cdiv(p.N, 16 * 8), Cdiv(p.M, 16)), new Index2D(8, 1))),
        new("v36", AcceleratorKind.OpenCL, "v34 with groups of 16", d => Groups(d, V36, p => new Index2D(Cdiv(p.N, 16 * 16), Cdiv(p.M, 12)), new Index2D(16, 1))),
        new("v37", AcceleratorKind.OpenCL, "v34 with groups of 4", d => Groups(d, V37, p => new Index2D(Cdiv(p.N, 16 * 4), Cdiv(p.M, 12)), new Index2D(4, 1))),
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

    // ---- generated CPU variants (begin)
    /// <summary>v4: 2x8 per item, K chunks of 8 through struct refs (no calls in the FMA block), partial sums per chunk</summary>
    static void V4(Index1D index, ArrayView<float> a, ArrayView<float> b, ArrayView<float> c,
        ArrayView<float> bias, GemmArgs p)
    {
        const int TM = 2, TN = 8, KC = 8;
        int blocksN = (p.N + TN - 1) / TN;
        int m0 = index / blocksN * TM;
        int n0 = index % blocksN * TN;
        int lastM = p.M - 1, lastN = p.N - 1;
        long ra0 = (long)IntrinsicMath.Min(m0 + 0, lastM) * p.StrideAm;
        long ra1 = (long)IntrinsicMath.Min(m0 + 1, lastM) * p.StrideAm;
        float c0_0 = 0, c0_1 = 0, c0_2 = 0, c0_3 = 0, c0_4 = 0, c0_5 = 0, c0_6 = 0, c0_7 = 0;
        float c1_0 = 0, c1_1 = 0, c1_2 = 0, c1_3 = 0, c1_4 = 0, c1_5 = 0, c1_6 = 0, c1_7 = 0;
        int k0 = 0;
        if (n0 + TN <= p.N)
        {
            for (; k0 + KC <= p.K; k0 += KC)
            {
                float a0_0, a0_1, a0_2, a0_3, a0_4, a0_5, a0_6, a0_7, a1_0, a1_1, a1_2, a1_3, a1_4, a1_5, a1_6, a1_7;
                if (p.StrideAk == 1)
                {
                    ref F8 ar0 = ref Unsafe.As<float, F8>(ref a[ra0 + k0]);
                    a0_0 = ar0.V0; a0_1 = ar0.V1; a0_2 = ar0.V2; a0_3 = ar0.V3; a0_4 = ar0.V4; a0_5 = ar0.V5; a0_6 = ar0.V6; a0_7 = ar0.V7;
                    ref F8 ar1 = ref Unsafe.As<float, F8>(ref a[ra1 + k0]);
                    a1_0 = ar1.V0; a1_1 = ar1.V1; a1_2 = ar1.V2; a1_3 = ar1.V3; a1_4 = ar1.V4; a1_5 = ar1.V5; a1_6 = ar1.V6; a1_7 = ar1.V7;
                }
                else
                {
                    long ak = (long)k0 * p.StrideAk;
                    a0_0 = a[ra0 + ak]; a1_0 = a[ra1 + ak]; ak += p.StrideAk;
                    a0_1 = a[ra0 + ak]; a1_1 = a[ra1 + ak]; ak += p.StrideAk;
                    a0_2 = a[ra0 + ak]; a1_2 = a[ra1 + ak]; ak += p.StrideAk;
                    a0_3 = a[ra0 + ak]; a1_3 = a[ra1 + ak]; ak += p.StrideAk;
                    a0_4 = a[ra0 + ak]; a1_4 = a[ra1 + ak]; ak += p.StrideAk;
                    a0_5 = a[ra0 + ak]; a1_5 = a[ra1 + ak]; ak += p.StrideAk;
                    a0_6 = a[ra0 + ak]; a1_6 = a[ra1 + ak]; ak += p.StrideAk;
                    a0_7 = a[ra0 + ak]; a1_7 = a[ra1 + ak]; ak += p.StrideAk;
                }
                if (p.StrideBn == 1)
                {
                    ref F8 b0 = ref Unsafe.As<float, F8>(ref b[(long)(k0 + 0) * p.StrideBk + n0]);
                    ref F8 b1 = ref Unsafe.As<float, F8>(ref b[(long)(k0 + 1) * p.StrideBk + n0]);
                    ref F8 b2 = ref Unsafe.As<float, F8>(ref b[(long)(k0 + 2) * p.StrideBk + n0]);
                    ref F8 b3 = ref Unsafe.As<float, F8>(ref b[(long)(k0 + 3) * p.StrideBk + n0]);
                    ref F8 b4 = ref Unsafe.As<float, F8>(ref b[(long)(k0 + 4) * p.StrideBk + n0]);
                    ref F8 b5 = ref Unsafe.As<float, F8>(ref b[(long)(k0 + 5) * p.StrideBk + n0]);
                    ref F8 b6 = ref Unsafe.As<float, F8>(ref b[(long)(k0 + 6) * p.StrideBk + n0]);
                    ref F8 b7 = ref Unsafe.As<float, F8>(ref b[(long)(k0 + 7) * p.StrideBk + n0]);
                    float t0_0 = 0, t0_1 = 0, t0_2 = 0, t0_3 = 0, t0_4 = 0, t0_5 = 0, t0_6 = 0, t0_7 = 0;
                    float t1_0 = 0, t1_1 = 0, t1_2 = 0, t1_3 = 0, t1_4 = 0, t1_5 = 0, t1_6 = 0, t1_7 = 0;
                    { float bv = b0.V0; t0_0 += a0_0 * bv; t1_0 += a1_0 * bv; }
                    { float bv = b0.V1; t0_1 += a0_0 * bv; t1_1 += a1_0 * bv; }
                    { float bv = b0.V2; t0_2 += a0_0 * bv; t1_2 += a1_0 * bv; }
                    { float bv = b0.V3; t0_3 += a0_0 * bv; t1_3 += a1_0 * bv; }
                    { float bv = b0.V4; t0_4 += a0_0 * bv; t1_4 += a1_0 * bv; }
                    { float bv = b0.V5; t0_5 += a0_0 * bv; t1_5 += a1_0 * bv; }
                    { float bv = b0.V6; t0_6 += a0_0 * bv; t1_6 += a1_0 * bv; }
                    { float bv = b0.V7; t0_7 += a0_0 * bv; t1_7 += a1_0 * bv; }
                    { float bv = b1.V0; t0_0 += a0_1 * bv; t1_0 += a1_1 * bv; }
                    { float bv = b1.V1; t0_1 += a0_1 * bv; t1_1 += a1_1 * bv; }
                    { float bv = b1.V2; t0_2 += a0_1 * bv; t1_2 += a1_1 * bv; }
                    { float bv = b1.V3; t0_3 += a0_1 * bv; t1_3 += a1_1 * bv; }
                    { float bv = b1.V4; t0_4 += a0_1 * bv; t1_4 += a1_1 * bv; }
                    { float bv = b1.V5; t0_5 += a0_1 * bv; t1_5 += a1_1 * bv; }
                    { float bv = b1.V6; t0_6 += a0_1 * bv; t1_6 += a1_1 * bv; }
                    { float bv = b1.V7; t0_7 += a0_1 * bv; t1_7 += a1_1 * bv; }
                    { float bv = b2.V0; t0_0 += a0_2 * bv; t1_0 += a1_2 * bv; }
                    { float bv = b2.V1; t0_1 += a0_2 * bv; t1_1 += a1_2 * bv; }
                    { float bv = b2.V2; t0_2 += a0_2 * bv; t1_2 += a1_2 * bv; }
                    { float bv = b2.V3; t0_3 += a0_2 * bv; t1_3 += a1_2 * bv; }
                    { float bv = b2.V4; t0_4 += a0_2 * bv; t1_4 += a1_2 * bv; }
                    { float bv = b2.V5; t0_5 += a0_2 * bv; t1_5 += a1_2 * bv; }
                    { float bv = b2.V6; t0_6 += a0_2 * bv; t1_6 += a1_2 * bv; }
                    { float bv = b2.V7; t0_7 += a0_2 * bv; t1_7 += a1_2 * bv; }
                    { float bv = b3.V0; t0_0 += a0_3 * bv; t1_0 += a1_3 * bv; }
                    { float bv = b3.V1; t0_1 += a0_3 * bv; t1_1 += a1_3 * bv; }
                    { float bv = b3.V2; t0_2 += a0_3 * bv; t1_2 += a1_3 * bv; }
                    { float bv = b3.V3; t0_3 += a0_3 * bv; t1_3 += a1_3 * bv; }
                    { float bv = b3.V4; t0_4 += a0_3 * bv; t1_4 += a1_3 * bv; }
                    { float bv = b3.V5; t0_5 += a0_3 * bv; t1_5 += a1_3 * bv; }
                    { float bv = b3.V6; t0_6 += a0_3 * bv; t1_6 += a1_3 * bv; }
                    { float bv = b3.V7; t0_7 += a0_3 * bv; t1_7 += a1_3 * bv; }
                    { float bv = b4.V0; t0_0 += a0_4 * bv; t1_0 += a1_4 * bv; }
                    { float bv = b4.V1; t0_1 += a0_4 * bv; t1_1 += a1_4 * bv; }
                    { float bv = b4.V2; t0_2 += a0_4 * bv; t1_2 += a1_4 * bv; }
                    { float bv = b4.V3; t0_3 += a0_4 * bv; t1_3 += a1_4 * bv; }
                    { float bv = b4.V4; t0_4 += a0_4 * bv; t1_4 += a1_4 * bv; }
                    { float bv = b4.V5; t0_5 += a0_4 * bv; t1_5 += a1_4 * bv; }
                    { float bv = b4.V6; t0_6 += a0_4 * bv; t1_6 += a1_4 * bv; }
                    { float bv = b4.V7; t0_7 += a0_4 * bv; t1_7 += a1_4 * bv; }
                    { float bv = b5.V0; t0_0 += a0_5 * bv; t1_0 += a1_5 * bv; }
                    { float bv = b5.V1; t0_1 += a0_5 * bv; t1_1 += a1_5 * bv; }
                    { float bv = b5.V2; t0_2 += a0_5 * bv; t1_2 += a1_5 * bv; }
                    { float bv = b5.V3; t0_3 += a0_5 * bv; t1_3 += a1_5 * bv; }
                    { float bv = b5.V4; t0_4 += a0_5 * bv; t1_4 += a1_5 * bv; }
                    { float bv = b5.V5; t0_5 += a0_5 * bv; t1_5 += a1_5 * bv; }
                    { float bv = b5.V6; t0_6 += a0_5 * bv; t1_6 += a1_5 * bv; }
                    { float bv = b5.V7; t0_7 += a0_5 * bv; t1_7 += a1_5 * bv; }
                    { float bv = b6.V0; t0_0 += a0_6 * bv; t1_0 += a1_6 * bv; }
                    { float bv = b6.V1; t0_1 += a0_6 * bv; t1_1 += a1_6 * bv; }
                    { float bv = b6.V2; t0_2 += a0_6 * bv; t1_2 += a1_6 * bv; }
                    { float bv = b6.V3; t0_3 += a0_6 * bv; t1_3 += a1_6 * bv; }
                    { float bv = b6.V4; t0_4 += a0_6 * bv; t1_4 += a1_6 * bv; }
                    { float bv = b6.V5; t0_5 += a0_6 * bv; t1_5 += a1_6 * bv; }
                    { float bv = b6.V6; t0_6 += a0_6 * bv; t1_6 += a1_6 * bv; }
                    { float bv = b6.V7; t0_7 += a0_6 * bv; t1_7 += a1_6 * bv; }
                    { float bv = b7.V0; t0_0 += a0_7 * bv; t1_0 += a1_7 * bv; }
                    { float bv = b7.V1; t0_1 += a0_7 * bv; t1_1 += a1_7 * bv; }
                    { float bv = b7.V2; t0_2 += a0_7 * bv; t1_2 += a1_7 * bv; }
                    { float bv = b7.V3; t0_3 += a0_7 * bv; t1_3 += a1_7 * bv; }
                    { float bv = b7.V4; t0_4 += a0_7 * bv; t1_4 += a1_7 * bv; }
                    { float bv = b7.V5; t0_5 += a0_7 * bv; t1_5 += a1_7 * bv; }
                    { float bv = b7.V6; t0_6 += a0_7 * bv; t1_6 += a1_7 * bv; }
                    { float bv = b7.V7; t0_7 += a0_7 * bv; t1_7 += a1_7 * bv; }
                    c0_0 += t0_0; c0_1 += t0_1; c0_2 += t0_2; c0_3 += t0_3; c0_4 += t0_4; c0_5 += t0_5; c0_6 += t0_6; c0_7 += t0_7;
                    c1_0 += t1_0; c1_1 += t1_1; c1_2 += t1_2; c1_3 += t1_3; c1_4 += t1_4; c1_5 += t1_5; c1_6 += t1_6; c1_7 += t1_7;
                }
                else
                {
                    ref F8 b0 = ref Unsafe.As<float, F8>(ref b[(long)(n0 + 0) * p.StrideBn + k0]);
                    ref F8 b1 = ref Unsafe.As<float, F8>(ref b[(long)(n0 + 1) * p.StrideBn + k0]);
                    ref F8 b2 = ref Unsafe.As<float, F8>(ref b[(long)(n0 + 2) * p.StrideBn + k0]);
                    ref F8 b3 = ref Unsafe.As<float, F8>(ref b[(long)(n0 + 3) * p.StrideBn + k0]);
                    ref F8 b4 = ref Unsafe.As<float, F8>(ref b[(long)(n0 + 4) * p.StrideBn + k0]);
                    ref F8 b5 = ref Unsafe.As<float, F8>(ref b[(long)(n0 + 5) * p.StrideBn + k0]);
                    ref F8 b6 = ref Unsafe.As<float, F8>(ref b[(long)(n0 + 6) * p.StrideBn + k0]);
                    ref F8 b7 = ref Unsafe.As<float, F8>(ref b[(long)(n0 + 7) * p.StrideBn + k0]);
                    float t0_0 = 0, t0_1 = 0, t0_2 = 0, t0_3 = 0, t0_4 = 0, t0_5 = 0, t0_6 = 0, t0_7 = 0;
                    float t1_0 = 0, t1_1 = 0, t1_2 = 0, t1_3 = 0, t1_4 = 0, t1_5 = 0, t1_6 = 0, t1_7 = 0;
                    { float bv = b0.V0; t0_0 += a0_0 * bv; t1_0 += a1_0 * bv; }
                    { float bv = b1.V0; t0_1 += a0_0 * bv; t1_1 += a1_0 * bv; }
                    { float bv = b2.V0; t0_2 += a0_0 * bv; t1_2 += a1_0 * bv; }
                    { float bv = b3.V0; t0_3 += a0_0 * bv; t1_3 += a1_0 * bv; }
                    { float bv = b4.V0; t0_4 += a0_0 * bv; t1_4 += a1_0 * bv; }
                    { float bv = b5.V0; t0_5 += a0_0 * bv; t1_5 += a1_0 * bv; }
                    { float bv = b6.V0; t0_6 += a0_0 * bv; t1_6 += a1_0 * bv; }
                    { float bv = b7.V0; t0_7 += a0_0 * bv; t1_7 += a1_0 * bv; }
                    { float bv = b0.V1; t0_0 += a0_1 * bv; t1_0 += a1_1 * bv; }
                    { float bv = b1.V1; t0_1 += a0_1 * bv; t1_1 += a1_1 * bv; }
                    { float bv = b2.V1; t0_2 += a0_1 * bv; t1_2 += a1_1 * bv; }
                    { float bv = b3.V1; t0_3 += a0_1 * bv; t1_3 += a1_1 * bv; }
                    { float bv = b4.V1; t0_4 += a0_1 * bv; t1_4 += a1_1 * bv; }
                    { float bv = b5.V1; t0_5 += a0_1 * bv; t1_5 += a1_1 * bv; }
                    { float bv = b6.V1; t0_6 += a0_1 * bv; t1_6 += a1_1 * bv; }
                    { float bv = b7.V1; t0_7 += a0_1 * bv; t1_7 += a1_1 * bv; }
                    { float bv = b0.V2; t0_0 += a0_2 * bv; t1_0 += a1_2 * bv; }
                    { float bv = b1.V2; t0_1 += a0_2 * bv; t1_1 += a1_2 * bv; }
                    { float bv = b2.V2; t0_2 += a0_2 * bv; t1_2 += a1_2 * bv; }
                    { float bv = b3.V2; t0_3 += a0_2 * bv; t1_3 += a1_2 * bv; }
                    { float bv = b4.V2; t0_4 += a0_2 * bv; t1_4 += a1_2 * bv; }
                    { float bv = b5.V2; t0_5 += a0_2 * bv; t1_5 += a1_2 * bv; }
                    { float bv = b6.V2; t0_6 += a0_2 * bv; t1_6 += a1_2 * bv; }
                    { float bv = b7.V2; t0_7 += a0_2 * bv; t1_7 += a1_2 * bv; }
                    { float bv = b0.V3; t0_0 += a0_3 * bv; t1_0 += a1_3 * bv; }
                    { float bv = b1.V3; t0_1 += a0_3 * bv; t1_1 += a1_3 * bv; }
                    { float bv = b2.V3; t0_2 += a0_3 * bv; t1_2 += a1_3 * bv; }
                    { float bv = b3.V3; t0_3 += a0_3 * bv; t1_3 += a1_3 * bv; }
                    { float bv = b4.V3; t0_4 += a0_3 * bv; t1_4 += a1_3 * bv; }
                    { float bv = b5.V3; t0_5 += a0_3 * bv; t1_5 += a1_3 * bv; }
                    { float bv = b6.V3; t0_6 += a0_3 * bv; t1_6 += a1_3 * bv; }
                    { float bv = b7.V3; t0_7 += a0_3 * bv; t1_7 += a1_3 * bv; }
                    { float bv = b0.V4; t0_0 += a0_4 * bv; t1_0 += a1_4 * bv; }
                    { float bv = b1.V4; t0_1 += a0_4 * bv; t1_1 += a1_4 * bv; }
                    { float bv = b2.V4; t0_2 += a0_4 * bv; t1_2 += a1_4 * bv; }
                    { float bv = b3.V4; t0_3 += a0_4 * bv; t1_3 += a1_4 * bv; }
                    { float bv = b4.V4; t0_4 += a0_4 * bv; t1_4 += a1_4 * bv; }
                    { float bv = b5.V4; t0_5 += a0_4 * bv; t1_5 += a1_4 * bv; }
                    { float bv = b6.V4; t0_6 += a0_4 * bv; t1_6 += a1_4 * bv; }
                    { float bv = b7.V4; t0_7 += a0_4 * bv; t1_7 += a1_4 * bv; }
                    { float bv = b0.V5; t0_0 += a0_5 * bv; t1_0 += a1_5 * bv; }
                    { float bv = b1.V5; t0_1 += a0_5 * bv; t1_1 += a1_5 * bv; }
                    { float bv = b2.V5; t0_2 += a0_5 * bv; t1_2 += a1_5 * bv; }
                    { float bv = b3.V5; t0_3 += a0_5 * bv; t1_3 += a1_5 * bv; }
                    { float bv = b4.V5; t0_4 += a0_5 * bv; t1_4 += a1_5 * bv; }
                    { float bv = b5.V5; t0_5 += a0_5 * bv; t1_5 += a1_5 * bv; }
                    { float bv = b6.V5; t0_6 += a0_5 * bv; t1_6 += a1_5 * bv; }
                    { float bv = b7.V5; t0_7 += a0_5 * bv; t1_7 += a1_5 * bv; }
                    { float bv = b0.V6; t0_0 += a0_6 * bv; t1_0 += a1_6 * bv; }
                    { float bv = b1.V6; t0_1 += a0_6 * bv; t1_1 += a1_6 * bv; }
                    { float bv = b2.V6; t0_2 += a0_6 * bv; t1_2 += a1_6 * bv; }
                    { float bv = b3.V6; t0_3 += a0_6 * bv; t1_3 += a1_6 * bv; }
                    { float bv = b4.V6; t0_4 += a0_6 * bv; t1_4 += a1_6 * bv; }
                    { float bv = b5.V6; t0_5 += a0_6 * bv; t1_5 += a1_6 * bv; }
                    { float bv = b6.V6; t0_6 += a0_6 * bv; t1_6 += a1_6 * bv; }
                    { float bv = b7.V6; t0_7 += a0_6 * bv; t1_7 += a1_6 * bv; }
                    { float bv = b0.V7; t0_0 += a0_7 * bv; t1_0 += a1_7 * bv; }
                    { float bv = b1.V7; t0_1 += a0_7 * bv; t1_1 += a1_7 * bv; }
                    { float bv = b2.V7; t0_2 += a0_7 * bv; t1_2 += a1_7 * bv; }
                    { float bv = b3.V7; t0_3 += a0_7 * bv; t1_3 += a1_7 * bv; }
                    { float bv = b4.V7; t0_4 += a0_7 * bv; t1_4 += a1_7 * bv; }
                    { float bv = b5.V7; t0_5 += a0_7 * bv; t1_5 += a1_7 * bv; }
                    { float bv = b6.V7; t0_6 += a0_7 * bv; t1_6 += a1_7 * bv; }
                    { float bv = b7.V7; t0_7 += a0_7 * bv; t1_7 += a1_7 * bv; }
                    c0_0 += t0_0; c0_1 += t0_1; c0_2 += t0_2; c0_3 += t0_3; c0_4 += t0_4; c0_5 += t0_5; c0_6 += t0_6; c0_7 += t0_7;
                    c1_0 += t1_0; c1_1 += t1_1; c1_2 += t1_2; c1_3 += t1_3; c1_4 += t1_4; c1_5 += t1_5; c1_6 += t1_6; c1_7 += t1_7;
                }
            }
        }
        long cb0 = (long)IntrinsicMath.Min(n0 + 0, lastN) * p.StrideBn;
        long cb1 = (long)IntrinsicMath.Min(n0 + 1, lastN) * p.StrideBn;
        long cb2 = (long)IntrinsicMath.Min(n0 + 2, lastN) * p.StrideBn;
        long cb3 = (long)IntrinsicMath.Min(n0 + 3, lastN) * p.StrideBn;
        long cb4 = (long)IntrinsicMath.Min(n0 + 4, lastN) * p.StrideBn;
        long cb5 = (long)IntrinsicMath.Min(n0 + 5, lastN) * p.StrideBn;
        long cb6 = (long)IntrinsicMath.Min(n0 + 6, lastN) * p.StrideBn;
        long cb7 = (long)IntrinsicMath.Min(n0 + 7, lastN) * p.StrideBn;
        long akt = (long)k0 * p.StrideAk, bkt = (long)k0 * p.StrideBk;
        for (int k = k0; k < p.K; k++)
        {
            float a0 = a[ra0 + akt]; float a1 = a[ra1 + akt];
            { float bv = b[bkt + cb0]; c0_0 += a0 * bv; c1_0 += a1 * bv; }
            { float bv = b[bkt + cb1]; c0_1 += a0 * bv; c1_1 += a1 * bv; }
            { float bv = b[bkt + cb2]; c0_2 += a0 * bv; c1_2 += a1 * bv; }
            { float bv = b[bkt + cb3]; c0_3 += a0 * bv; c1_3 += a1 * bv; }
            { float bv = b[bkt + cb4]; c0_4 += a0 * bv; c1_4 += a1 * bv; }
            { float bv = b[bkt + cb5]; c0_5 += a0 * bv; c1_5 += a1 * bv; }
            { float bv = b[bkt + cb6]; c0_6 += a0 * bv; c1_6 += a1 * bv; }
            { float bv = b[bkt + cb7]; c0_7 += a0 * bv; c1_7 += a1 * bv; }
            akt += p.StrideAk;
            bkt += p.StrideBk;
        }
        if (m0 + 0 < p.M)
        {
            Store(c, bias, p, m0 + 0, n0 + 0, c0_0);
            Store(c, bias, p, m0 + 0, n0 + 1, c0_1);
            Store(c, bias, p, m0 + 0, n0 + 2, c0_2);
            Store(c, bias, p, m0 + 0, n0 + 3, c0_3);
            Store(c, bias, p, m0 + 0, n0 + 4, c0_4);
            Store(c, bias, p, m0 + 0, n0 + 5, c0_5);
            Store(c, bias, p, m0 + 0, n0 + 6, c0_6);
            Store(c, bias, p, m0 + 0, n0 + 7, c0_7);
        }
        if (m0 + 1 < p.M)
        {
            Store(c, bias, p, m0 + 1, n0 + 0, c1_0);
            Store(c, bias, p, m0 + 1, n0 + 1, c1_1);
            Store(c, bias, p, m0 + 1, n0 + 2, c1_2);
            Store(c, bias, p, m0 + 1, n0 + 3, c1_3);
            Store(c, bias, p, m0 + 1, n0 + 4, c1_4);
            Store(c, bias, p, m0 + 1, n0 + 5, c1_5);
            Store(c, bias, p, m0 + 1, n0 + 6, c1_6);
            Store(c, bias, p, m0 + 1, n0 + 7, c1_7);
        }
    }

    /// <summary>v5: v4 with items ordered M-fastest (B strip stays in L1)</summary>
    static void V5(Index1D index, ArrayView<float> a, ArrayView<float> b, ArrayView<float> c,
        ArrayView<float> bias, GemmArgs p)
    {
        const int TM = 2, TN = 8, KC = 8;
        int blocksM = (p.M + TM - 1) / TM;
        int m0 = index % blocksM * TM;
        int n0 = index / blocksM * TN;
        int lastM = p.M - 1, lastN = p.N - 1;
        long ra0 = (long)IntrinsicMath.Min(m0 + 0, lastM) * p.StrideAm;
        long ra1 = (long)IntrinsicMath.Min(m0 + 1, lastM) * p.StrideAm;
        float c0_0 = 0, c0_1 = 0, c0_2 = 0, c0_3 = 0, c0_4 = 0, c0_5 = 0, c0_6 = 0, c0_7 = 0;
        float c1_0 = 0, c1_1 = 0, c1_2 = 0, c1_3 = 0, c1_4 = 0, c1_5 = 0, c1_6 = 0, c1_7 = 0;
        int k0 = 0;
        if (n0 + TN <= p.N)
        {
            for (; k0 + KC <= p.K; k0 += KC)
            {
                float a0_0, a0_1, a0_2, a0_3, a0_4, a0_5, a0_6, a0_7, a1_0, a1_1, a1_2, a1_3, a1_4, a1_5, a1_6, a1_7;
                if (p.StrideAk == 1)
                {
                    ref F8 ar0 = ref Unsafe.As<float, F8>(ref a[ra0 + k0]);
                    a0_0 = ar0.V0; a0_1 = ar0.V1; a0_2 = ar0.V2; a0_3 = ar0.V3; a0_4 = ar0.V4; a0_5 = ar0.V5; a0_6 = ar0.V6; a0_7 = ar0.V7;
                    ref F8 ar1 = ref Unsafe.As<float, F8>(ref a[ra1 + k0]);
                    a1_0 = ar1.V0; a1_1 = ar1.V1; a1_2 = ar1.V2; a1_3 = ar1.V3; a1_4 = ar1.V4; a1_5 = ar1.V5; a1_6 = ar1.V6; a1_7 = ar1.V7;
                }
                else
                {
                    long ak = (long)k0 * p.StrideAk;
                    a0_0 = a[ra0 + ak]; a1_0 = a[ra1 + ak]; ak += p.StrideAk;
                    a0_1 = a[ra0 + ak]; a1_1 = a[ra1 + ak]; ak += p.StrideAk;
                    a0_2 = a[ra0 + ak]; a1_2 = a[ra1 + ak]; ak += p.StrideAk;
                    a0_3 = a[ra0 + ak]; a1_3 = a[ra1 + ak]; ak += p.StrideAk;
                    a0_4 = a[ra0 + ak]; a1_4 = a[ra1 + ak]; ak += p.StrideAk;
                    a0_5 = a[ra0 + ak]; a1_5 = a[ra1 + ak]; ak += p.StrideAk;
                    a0_6 = a[ra0 + ak]; a1_6 = a[ra1 + ak]; ak += p.StrideAk;
                    a0_7 = a[ra0 + ak]; a1_7 = a[ra1 + ak]; ak += p.StrideAk;
                }
                if (p.StrideBn == 1)
                {
                    ref F8 b0 = ref Unsafe.As<float, F8>(ref b[(long)(k0 + 0) * p.StrideBk + n0]);
                    ref F8 b1 = ref Unsafe.As<float, F8>(ref b[(long)(k0 + 1) * p.StrideBk + n0]);
                    ref F8 b2 = ref Unsafe.As<float, F8>(ref b[(long)(k0 + 2) * p.StrideBk + n0]);
                    ref F8 b3 = ref Unsafe.As<float, F8>(ref b[(long)(k0 + 3) * p.StrideBk + n0]);
                    ref F8 b4 = ref Unsafe.As<float, F8>(ref b[(long)(k0 + 4) * p.StrideBk + n0]);
                    ref F8 b5 = ref Unsafe.As<float, F8>(ref b[(long)(k0 + 5) * p.StrideBk + n0]);
                    ref F8 b6 = ref Unsafe.As<float, F8>(ref b[(long)(k0 + 6) * p.StrideBk + n0]);
                    ref F8 b7 = ref Unsafe.As<float, F8>(ref b[(long)(k0 + 7) * p.StrideBk + n0]);
                    float t0_0 = 0, t0_1 = 0, t0_2 = 0, t0_3 = 0, t0_4 = 0, t0_5 = 0, t0_6 = 0, t0_7 = 0;
                    float t1_0 = 0, t1_1 = 0, t1_2 = 0, t1_3 = 0, t1_4 = 0, t1_5 = 0, t1_6 = 0, t1_7 = 0;
                    { float bv = b0.V0; t0_0 += a0_0 * bv; t1_0 += a1_0 * bv; }
                    { float bv = b0.V1; t0_1 += a0_0 * bv; t1_1 += a1_0 * bv; }
                    { float bv = b0.V2; t0_2 += a0_0 * bv; t1_2 += a1_0 * bv; }
                    { float bv = b0.V3; t0_3 += a0_0 * bv; t1_3 += a1_0 * bv; }
                    { float bv = b0.V4; t0_4 += a0_0 * bv; t1_4 += a1_0 * bv; }
                    { float bv = b0.V5; t0_5 += a0_0 * bv; t1_5 += a1_0 * bv; }
                    { float bv = b0.V6; t0_6 += a0_0 * bv; t1_6 += a1_0 * bv; }
                    { float bv = b0.V7; t0_7 += a0_0 * bv; t1_7 += a1_0 * bv; }
                    { float bv = b1.V0; t0_0 += a0_1 * bv; t1_0 += a1_1 * bv; }
                    { float bv = b1.V1; t0_1 += a0_1 * bv; t1_1 += a1_1 * bv; }
                    { float bv = b1.V2; t0_2 += a0_1 * bv; t1_2 += a1_1 * bv; }
                    { float bv = b1.V3; t0_3 += a0_1 * bv; t1_3 += a1_1 * bv; }
                    { float bv = b1.V4; t0_4 += a0_1 * bv; t1_4 += a1_1 * bv; }
                    { float bv = b1.V5; t0_5 += a0_1 * bv; t1_5 += a1_1 * bv; }
                    { float bv = b1.V6; t0_6 += a0_1 * bv; t1_6 += a1_1 * bv; }
                    { float bv = b1.V7; t0_7 += a0_1 * bv; t1_7 += a1_1 * bv; }
                    { float bv = b2.V0; t0_0 += a0_2 * bv; t1_0 += a1_2 * bv; }
                    { float bv = b2.V1; t0_1 += a0_2 * bv; t1_1 += a1_2 * bv; }
                    { float bv = b2.V2; t0_2 += a0_2 * bv; t1_2 += a1_2 * bv; }
                    { float bv = b2.V3; t0_3 += a0_2 * bv; t1_3 += a1_2 * bv; }
                    { float bv = b2.V4; t0_4 += a0_2 * bv; t1_4 += a1_2 * bv; }
                    { float bv = b2.V5; t0_5 += a0_2 * bv; t1_5 += a1_2 * bv; }
                    { float bv = b2.V6; t0_6 += a0_2 * bv; t1_6 += a1_2 * bv; }
                    { float bv = b2.V7; t0_7 += a0_2 * bv; t1_7 += a1_2 * bv; }
                    { float bv = b3.V0; t0_0 += a0_3 * bv; t1_0 += a1_3 * bv; }
                    { float bv = b3.V1; t0_1 += a0_3 * bv; t1_1 += a1_3 * bv; }
                    { float bv = b3.V2; t0_2 += a0_3 * bv; t1_2 += a1_3 * bv; }
                    { float bv = b3.V3; t0_3 += a0_3 * bv; t1_3 += a1_3 * bv; }
                    { float bv = b3.V4; t0_4 += a0_3 * bv; t1_4 += a1_3 * bv; }
                    { float bv = b3.V5; t0_5 += a0_3 * bv; t1_5 += a1_3 * bv; }
                    { float bv = b3.V6; t0_6 += a0_3 * bv; t1_6 += a1_3 * bv; }
                    { float bv = b3.V7; t0_7 += a0_3 * bv; t1_7 += a1_3 * bv; }
                    { float bv = b4.V0; t0_0 += a0_4 * bv; t1_0 += a1_4 * bv; }
                    { float bv = b4.V1; t0_1 += a0_4 * bv; t1_1 += a1_4 * bv; }
                    { float bv = b4.V2; t0_2 += a0_4 * bv; t1_2 += a1_4 * bv; }
                    { float bv = b4.V3; t0_3 += a0_4 * bv; t1_3 += a1_4 * bv; }
                    { float bv = b4.V4; t0_4 += a0_4 * bv; t1_4 += a1_4 * bv; }
                    { float bv = b4.V5; t0_5 += a0_4 * bv; t1_5 += a1_4 * bv; }
                    { float bv = b4.V6; t0_6 += a0_4 * bv; t1_6 += a1_4 * bv; }
                    { float bv = b4.V7; t0_7 += a0_4 * bv; t1_7 += a1_4 * bv; }
                    { float bv = b5.V0; t0_0 += a0_5 * bv; t1_0 += a1_5 * bv; }
                    { float bv = b5.V1; t0_1 += a0_5 * bv; t1_1 += a1_5 * bv; }
                    { float bv = b5.V2; t0_2 += a0_5 * bv; t1_2 += a1_5 * bv; }
                    { float bv = b5.V3; t0_3 += a0_5 * bv; t1_3 += a1_5 * bv; }
                    { float bv = b5.V4; t0_4 += a0_5 * bv; t1_4 += a1_5 * bv; }
                    { float bv = b5.V5; t0_5 += a0_5 * bv; t1_5 += a1_5 * bv; }
                    { float bv = b5.V6; t0_6 += a0_5 * bv; t1_6 += a1_5 * bv; }
                    { float bv = b5.V7; t0_7 += a0_5 * bv; t1_7 += a1_5 * bv; }
                    { float bv = b6.V0; t0_0 += a0_6 * bv; t1_0 += a1_6 * bv; }
                    { float bv = b6.V1; t0_1 += a0_6 * bv; t1_1 += a1_6 * bv; }
                    { float bv = b6.V2; t0_2 += a0_6 * bv; t1_2 += a1_6 * bv; }
                    { float bv = b6.V3; t0_3 += a0_6 * bv; t1_3 += a1_6 * bv; }
                    { float bv = b6.V4; t0_4 += a0_6 * bv; t1_4 += a1_6 * bv; }
                    { float bv = b6.V5; t0_5 += a0_6 * bv; t1_5 += a1_6 * bv; }
                    { float bv = b6.V6; t0_6 += a0_6 * bv; t1_6 += a1_6 * bv; }
                    { float bv = b6.V7; t0_7 += a0_6 * bv; t1_7 += a1_6 * bv; }
                    { float bv = b7.V0; t0_0 += a0_7 * bv; t1_0 += a1_7 * bv; }
                    { float bv = b7.V1; t0_1 += a0_7 * bv; t1_1 += a1_7 * bv; }
                    { float bv = b7.V2; t0_2 += a0_7 * bv; t1_2 += a1_7 * bv; }
                    { float bv = b7.V3; t0_3 += a0_7 * bv; t1_3 += a1_7 * bv; }
                    { float bv = b7.V4; t0_4 += a0_7 * bv; t1_4 += a1_7 * bv; }
                    { float bv = b7.V5; t0_5 += a0_7 * bv; t1_5 += a1_7 * bv; }
                    { float bv = b7.V6; t0_6 += a0_7 * bv; t1_6 += a1_7 * bv; }
                    { float bv = b7.V7; t0_7 += a0_7 * bv; t1_7 += a1_7 * bv; }
                    c0_0 += t0_0; c0_1 += t0_1; c0_2 += t0_2; c0_3 += t0_3; c0_4 += t0_4; c0_5 += t0_5; c0_6 += t0_6; c0_7 += t0_7;
                    c1_0 += t1_0; c1_1 += t1_1; c1_2 += t1_2; c1_3 += t1_3; c1_4 += t1_4; c1_5 += t1_5; c1_6 += t1_6; c1_7 += t1_7;
                }
                else
                {
                    ref F8 b0 = ref Unsafe.As<float, F8>(ref b[(long)(n0 + 0) * p.StrideBn + k0]);
                    ref F8 b1 = ref Unsafe.As<float, F8>(ref b[(long)(n0 + 1) * p.StrideBn + k0]);
                    ref F8 b2 = ref Unsafe.As<float, F8>(ref b[(long)(n0 + 2) * p.StrideBn + k0]);
                    ref F8 b3 = ref Unsafe.As<float, F8>(ref b[(long)(n0 + 3) * p.StrideBn + k0]);
                    ref F8 b4 = ref Unsafe.As<float, F8>(ref b[(long)(n0 + 4) * p.StrideBn + k0]);
                    ref F8 b5 = ref Unsafe.As<float, F8>(ref b[(long)(n0 + 5) * p.StrideBn + k0]);
                    ref F8 b6 = ref Unsafe.As<float, F8>(ref b[(long)(n0 + 6) * p.StrideBn + k0]);
                    ref F8 b7 = ref Unsafe.As<float, F8>(ref b[(long)(n0 + 7) * p.StrideBn + k0]);
                    float t0_0 = 0, t0_1 = 0, t0_2 = 0, t0_3 = 0, t0_4 = 0, t0_5 = 0, t0_6 = 0, t0_7 = 0;
                    float t1_0 = 0, t1_1 = 0, t1_2 = 0, t1_3 = 0, t1_4 = 0, t1_5 = 0, t1_6 = 0, t1_7 = 0;
                    { float bv = b0.V0; t0_0 += a0_0 * bv; t1_0 += a1_0 * bv; }
                    { float bv = b1.V0; t0_1 += a0_0 * bv; t1_1 += a1_0 * bv; }
                    { float bv = b2.V0; t0_2 += a0_0 * bv; t1_2 += a1_0 * bv; }
                    { float bv = b3.V0; t0_3 += a0_0 * bv; t1_3 += a1_0 * bv; }
                    { float bv = b4.V0; t0_4 += a0_0 * bv; t1_4 += a1_0 * bv; }
                    { float bv = b5.V0; t0_5 += a0_0 * bv; t1_5 += a1_0 * bv; }
                    { float bv = b6.V0; t0_6 += a0_0 * bv; t1_6 += a1_0 * bv; }
                    { float bv = b7.V0; t0_7 += a0_0 * bv; t1_7 += a1_0 * bv; }
                    { float bv = b0.V1; t0_0 += a0_1 * bv; t1_0 += a1_1 * bv; }
                    { float bv = b1.V1; t0_1 += a0_1 * bv; t1_1 += a1_1 * bv; }
                    { float bv = b2.V1; t0_2 += a0_1 * bv; t1_2 += a1_1 * bv; }
                    { float bv = b3.V1; t0_3 += a0_1 * bv; t1_3 += a1_1 * bv; }
                    { float bv = b4.V1; t0_4 += a0_1 * bv; t1_4 += a1_1 * bv; }
                    { float bv = b5.V1; t0_5 += a0_1 * bv; t1_5 += a1_1 * bv; }
                    { float bv = b6.V1; t0_6 += a0_1 * bv; t1_6 += a1_1 * bv; }
                    { float bv = b7.V1; t0_7 += a0_1 * bv; t1_7 += a1_1 * bv; }
                    { float bv = b0.V2; t0_0 += a0_2 * bv; t1_0 += a1_2 * bv; }
                    { float bv = b1.V2; t0_1 += a0_2 * bv; t1_1 += a1_2 * bv; }
                    { float bv = b2.V2; t0_2 += a0_2 * bv; t1_2 += a1_2 * bv; }
                    { float bv = b3.V2; t0_3 += a0_2 * bv; t1_3 += a1_2 * bv; }
                    { float bv = b4.V2; t0_4 += a0_2 * bv; t1_4 += a1_2 * bv; }
                    { float bv = b5.V2; t0_5 += a0_2 * bv; t1_5 += a1_2 * bv; }
                    { float bv = b6.V2; t0_6 += a0_2 * bv; t1_6 += a1_2 * bv; }
                    { float bv = b7.V2; t0_7 += a0_2 * bv; t1_7 += a1_2 * bv; }
                    { float bv = b0.V3; t0_0 += a0_3 * bv; t1_0 += a1_3 * bv; }
                    { float bv = b1.V3; t0_1 += a0_3 * bv; t1_1 += a1_3 * bv; }
                    { float bv = b2.V3; t0_2 += a0_3 * bv; t1_2 += a1_3 * bv; }
                    { float bv = b3.V3; t0_3 += a0_3 * bv; t1_3 += a1_3 * bv; }
                    { float bv = b4.V3; t0_4 += a0_3 * bv; t1_4 += a1_3 * bv; }
                    { float bv = b5.V3; t0_5 += a0_3 * bv; t1_5 += a1_3 * bv; }
                    { float bv = b6.V3; t0_6 += a0_3 * bv; t1_6 += a1_3 * bv; }
                    { float bv = b7.V3; t0_7 += a0_3 * bv; t1_7 += a1_3 * bv; }
                    { float bv = b0.V4; t0_0 += a0_4 * bv; t1_0 += a1_4 * bv; }
                    { float bv = b1.V4; t0_1 += a0_4 * bv; t1_1 += a1_4 * bv; }
                    { float bv = b2.V4; t0_2 += a0_4 * bv; t1_2 += a1_4 * bv; }
                    { float bv = b3.V4; t0_3 += a0_4 * bv; t1_3 += a1_4 * bv; }
                    { float bv = b4.V4; t0_4 += a0_4 * bv; t1_4 += a1_4 * bv; }
                    { float bv = b5.V4; t0_5 += a0_4 * bv; t1_5 += a1_4 * bv; }
                    { float bv = b6.V4; t0_6 += a0_4 * bv; t1_6 += a1_4 * bv; }
                    { float bv = b7.V4; t0_7 += a0_4 * bv; t1_7 += a1_4 * bv; }
                    { float bv = b0.V5; t0_0 += a0_5 * bv; t1_0 += a1_5 * bv; }
                    { float bv = b1.V5; t0_1 += a0_5 * bv; t1_1 += a1_5 * bv; }
                    { float bv = b2.V5; t0_2 += a0_5 * bv; t1_2 += a1_5 * bv; }
                    { float bv = b3.V5; t0_3 += a0_5 * bv; t1_3 += a1_5 * bv; }
                    { float bv = b4.V5; t0_4 += a0_5 * bv; t1_4 += a1_5 * bv; }
                    { float bv = b5.V5; t0_5 += a0_5 * bv; t1_5 += a1_5 * bv; }
                    { float bv = b6.V5; t0_6 += a0_5 * bv; t1_6 += a1_5 * bv; }
                    { float bv = b7.V5; t0_7 += a0_5 * bv; t1_7 += a1_5 * bv; }
                    { float bv = b0.V6; t0_0 += a0_6 * bv; t1_0 += a1_6 * bv; }
                    { float bv = b1.V6; t0_1 += a0_6 * bv; t1_1 += a1_6 * bv; }
                    { float bv = b2.V6; t0_2 += a0_6 * bv; t1_2 += a1_6 * bv; }
                    { float bv = b3.V6; t0_3 += a0_6 * bv; t1_3 += a1_6 * bv; }
                    { float bv = b4.V6; t0_4 += a0_6 * bv; t1_4 += a1_6 * bv; }
                    { float bv = b5.V6; t0_5 += a0_6 * bv; t1_5 += a1_6 * bv; }
                    { float bv = b6.V6; t0_6 += a0_6 * bv; t1_6 += a1_6 * bv; }
                    { float bv = b7.V6; t0_7 += a0_6 * bv; t1_7 += a1_6 * bv; }
                    { float bv = b0.V7; t0_0 += a0_7 * bv; t1_0 += a1_7 * bv; }
                    { float bv = b1.V7; t0_1 += a0_7 * bv; t1_1 += a1_7 * bv; }
                    { float bv = b2.V7; t0_2 += a0_7 * bv; t1_2 += a1_7 * bv; }
                    { float bv = b3.V7; t0_3 += a0_7 * bv; t1_3 += a1_7 * bv; }
                    { float bv = b4.V7; t0_4 += a0_7 * bv; t1_4 += a1_7 * bv; }
                    { float bv = b5.V7; t0_5 += a0_7 * bv; t1_5 += a1_7 * bv; }
                    { float bv = b6.V7; t0_6 += a0_7 * bv; t1_6 += a1_7 * bv; }
                    { float bv = b7.V7; t0_7 += a0_7 * bv; t1_7 += a1_7 * bv; }
                    c0_0 += t0_0; c0_1 += t0_1; c0_2 += t0_2; c0_3 += t0_3; c0_4 += t0_4; c0_5 += t0_5; c0_6 += t0_6; c0_7 += t0_7;
                    c1_0 += t1_0; c1_1 += t1_1; c1_2 += t1_2; c1_3 += t1_3; c1_4 += t1_4; c1_5 += t1_5; c1_6 += t1_6; c1_7 += t1_7;
                }
            }
        }
        long cb0 = (long)IntrinsicMath.Min(n0 + 0, lastN) * p.StrideBn;
        long cb1 = (long)IntrinsicMath.Min(n0 + 1, lastN) * p.StrideBn;
        long cb2 = (long)IntrinsicMath.Min(n0 + 2, lastN) * p.StrideBn;
        long cb3 = (long)IntrinsicMath.Min(n0 + 3, lastN) * p.StrideBn;
        long cb4 = (long)IntrinsicMath.Min(n0 + 4, lastN) * p.StrideBn;
        long cb5 = (long)IntrinsicMath.Min(n0 + 5, lastN) * p.StrideBn;
        long cb6 = (long)IntrinsicMath.Min(n0 + 6, lastN) * p.StrideBn;
        long cb7 = (long)IntrinsicMath.Min(n0 + 7, lastN) * p.StrideBn;
        long akt = (long)k0 * p.StrideAk, bkt = (long)k0 * p.StrideBk;
        for (int k = k0; k < p.K; k++)
        {
            float a0 = a[ra0 + akt]; float a1 = a[ra1 + akt];
            { float bv = b[bkt + cb0]; c0_0 += a0 * bv; c1_0 += a1 * bv; }
            { float bv = b[bkt + cb1]; c0_1 += a0 * bv; c1_1 += a1 * bv; }
            { float bv = b[bkt + cb2]; c0_2 += a0 * bv; c1_2 += a1 * bv; }
            { float bv = b[bkt + cb3]; c0_3 += a0 * bv; c1_3 += a1 * bv; }
            { float bv = b[bkt + cb4]; c0_4 += a0 * bv; c1_4 += a1 * bv; }
            { float bv = b[bkt + cb5]; c0_5 += a0 * bv; c1_5 += a1 * bv; }
            { float bv = b[bkt + cb6]; c0_6 += a0 * bv; c1_6 += a1 * bv; }
            { float bv = b[bkt + cb7]; c0_7 += a0 * bv; c1_7 += a1 * bv; }
            akt += p.StrideAk;
            bkt += p.StrideBk;
        }
        if (m0 + 0 < p.M)
        {
            Store(c, bias, p, m0 + 0, n0 + 0, c0_0);
            Store(c, bias, p, m0 + 0, n0 + 1, c0_1);
            Store(c, bias, p, m0 + 0, n0 + 2, c0_2);
            Store(c, bias, p, m0 + 0, n0 + 3, c0_3);
            Store(c, bias, p, m0 + 0, n0 + 4, c0_4);
            Store(c, bias, p, m0 + 0, n0 + 5, c0_5);
            Store(c, bias, p, m0 + 0, n0 + 6, c0_6);
            Store(c, bias, p, m0 + 0, n0 + 7, c0_7);
        }
        if (m0 + 1 < p.M)
        {
            Store(c, bias, p, m0 + 1, n0 + 0, c1_0);
            Store(c, bias, p, m0 + 1, n0 + 1, c1_1);
            Store(c, bias, p, m0 + 1, n0 + 2, c1_2);
            Store(c, bias, p, m0 + 1, n0 + 3, c1_3);
            Store(c, bias, p, m0 + 1, n0 + 4, c1_4);
            Store(c, bias, p, m0 + 1, n0 + 5, c1_5);
            Store(c, bias, p, m0 + 1, n0 + 6, c1_6);
            Store(c, bias, p, m0 + 1, n0 + 7, c1_7);
        }
    }

    /// <summary>v6: v4 with 3x8 per item</summary>
    static void V6(Index1D index, ArrayView<float> a, ArrayView<float> b, ArrayView<float> c,
        ArrayView<float> bias, GemmArgs p)
    {
        const int TM = 3, TN = 8, KC = 8;
        int blocksN = (p.N + TN - 1) / TN;
        int m0 = index / blocksN * TM;
        int n0 = index % blocksN * TN;
        int lastM = p.M - 1, lastN = p.N - 1;
        long ra0 = (long)IntrinsicMath.Min(m0 + 0, lastM) * p.StrideAm;
        long ra1 = (long)IntrinsicMath.Min(m0 + 1, lastM) * p.StrideAm;
        long ra2 = (long)IntrinsicMath.Min(m0 + 2, lastM) * p.StrideAm;
        float c0_0 = 0, c0_1 = 0, c0_2 = 0, c0_3 = 0, c0_4 = 0, c0_5 = 0, c0_6 = 0, c0_7 = 0;
        float c1_0 = 0, c1_1 = 0, c1_2 = 0, c1_3 = 0, c1_4 = 0, c1_5 = 0, c1_6 = 0, c1_7 = 0;
        float c2_0 = 0, c2_1 = 0, c2_2 = 0, c2_3 = 0, c2_4 = 0, c2_5 = 0, c2_6 = 0, c2_7 = 0;
        int k0 = 0;
        if (n0 + TN <= p.N)
        {
            for (; k0 + KC <= p.K; k0 += KC)
            {
                float a0_0, a0_1, a0_2, a0_3, a0_4, a0_5, a0_6, a0_7, a1_0, a1_1, a1_2, a1_3, a1_4, a1_5, a1_6, a1_7, a2_0, a2_1, a2_2, a2_3, a2_4, a2_5, a2_6, a2_7;
                if (p.StrideAk == 1)
                {
                    ref F8 ar0 = ref Unsafe.As<float, F8>(ref a[ra0 + k0]);
                    a0_0 = ar0.V0; a0_1 = ar0.V1; a0_2 = ar0.V2; a0_3 = ar0.V3; a0_4 = ar0.V4; a0_5 = ar0.V5; a0_6 = ar0.V6; a0_7 = ar0.V7;
                    ref F8 ar1 = ref Unsafe.As<float, F8>(ref a[ra1 + k0]);
                    a1_0 = ar1.V0; a1_1 = ar1.V1; a1_2 = ar1.V2; a1_3 = ar1.V3; a1_4 = ar1.V4; a1_5 = ar1.V5; a1_6 = ar1.V6; a1_7 = ar1.V7;
                    ref F8 ar2 = ref Unsafe.As<float, F8>(ref a[ra2 + k0]);
                    a2_0 = ar2.V0; a2_1 = ar2.V1; a2_2 = ar2.V2; a2_3 = ar2.V3; a2_4 = ar2.V4; a2_5 = ar2.V5; a2_6 = ar2.V6; a2_7 = ar2.V7;
                }
                else
                {
                    long ak = (long)k0 * p.StrideAk;
                    a0_0 = a[ra0 + ak]; a1_0 = a[ra1 + ak]; a2_0 = a[ra2 + ak]; ak += p.StrideAk;
                    a0_1 = a[ra0 + ak]; a1_1 = a[ra1 + ak]; a2_1 = a[ra2 + ak]; ak += p.StrideAk;
                    a0_2 = a[ra0 + ak]; a1_2 = a[ra1 + ak]; a2_2 = a[ra2 + ak]; ak += p.StrideAk;
                    a0_3 = a[ra0 + ak]; a1_3 = a[ra1 + ak]; a2_3 = a[ra2 + ak]; ak += p.StrideAk;
                    a0_4 = a[ra0 + ak]; a1_4 = a[ra1 + ak]; a2_4 = a[ra2 + ak]; ak += p.StrideAk;
                    a0_5 = a[ra0 + ak]; a1_5 = a[ra1 + ak]; a2_5 = a[ra2 + ak]; ak += p.StrideAk;
                    a0_6 = a[ra0 + ak]; a1_6 = a[ra1 + ak]; a2_6 = a[ra2 + ak]; ak += p.StrideAk;
                    a0_7 = a[ra0 + ak]; a1_7 = a[ra1 + ak]; a2_7 = a[ra2 + ak]; ak += p.StrideAk;
                }
                if (p.StrideBn == 1)
                {
                    ref F8 b0 = ref Unsafe.As<float, F8>(ref b[(long)(k0 + 0) * p.StrideBk + n0]);
                    ref F8 b1 = ref Unsafe.As<float, F8>(ref b[(long)(k0 + 1) * p.StrideBk + n0]);
                    ref F8 b2 = ref Unsafe.As<float, F8>(ref b[(long)(k0 + 2) * p.StrideBk + n0]);
                    ref F8 b3 = ref Unsafe.As<float, F8>(ref b[(long)(k0 + 3) * p.StrideBk + n0]);
                    ref F8 b4 = ref Unsafe.As<float, F8>(ref b[(long)(k0 + 4) * p.StrideBk + n0]);
                    ref F8 b5 = ref Unsafe.As<float, F8>(ref b[(long)(k0 + 5) * p.StrideBk + n0]);
                    ref F8 b6 = ref Unsafe.As<float, F8>(ref b[(long)(k0 + 6) * p.StrideBk + n0]);
                    ref F8 b7 = ref Unsafe.As<float, F8>(ref b[(long)(k0 + 7) * p.StrideBk + n0]);
                    float t0_0 = 0, t0_1 = 0, t0_2 = 0, t0_3 = 0, t0_4 = 0, t0_5 = 0, t0_6 = 0, t0_7 = 0;
                    float t1_0 = 0, t1_1 = 0, t1_2 = 0, t1_3 = 0, t1_4 = 0, t1_5 = 0, t1_6 = 0, t1_7 = 0;
                    float t2_0 = 0, t2_1 = 0, t2_2 = 0, t2_3 = 0, t2_4 = 0, t2_5 = 0, t2_6 = 0, t2_7 = 0;
                    { float bv = b0.V0; t0_0 += a0_0 * bv; t1_0 += a1_0 * bv; t2_0 += a2_0 * bv; }
                    { float bv = b0.V1; t0_1 += a0_0 * bv; t1_1 += a1_0 * bv; t2_1 += a2_0 * bv; }
                    { float bv = b0.V2; t0_2 += a0_0 * bv; t1_2 += a1_0 * bv; t2_2 += a2_0 * bv; }
                    { float bv = b0.V3; t0_3 += a0_0 * bv; t1_3 += a1_0 * bv; t2_3 += a2_0 * bv; }
                    { float bv = b0.V4; t0_4 += a0_0 * bv; t1_4 += a1_0 * bv; t2_4 += a2_0 * bv; }
                    { float bv = b0.V5; t0_5 += a0_0 * bv; t1_5 += a1_0 * bv; t2_5 += a2_0 * bv; }
                    { float bv = b0.V6; t0_6 += a0_0 * bv; t1_6 += a1_0 * bv; t2_6 += a2_0 * bv; }
                    { float bv = b0.V7; t0_7 += a0_0 * bv; t1_7 += a1_0 * bv; t2_7 += a2_0 * bv; }
                    { float bv = b1.V0; t0_0 += a0_1 * bv; t1_0 += a1_1 * bv; t2_0 += a2_1 * bv; }
                    { float bv = b1.V1; t0_1 += a0_1 * bv; t1_1 += a1_1 * bv; t2_1 += a2_1 * bv; }
                    { float bv = b1.V2; t0_2 += a0_1 * bv; t1_2 += a1_1 * bv; t2_2 += a2_1 * bv; }
                    { float bv = b1.V3; t0_3 += a0_1 * bv; t1_3 += a1_1 * bv; t2_3 += a2_1 * bv; }
                    { float bv = b1.V4; t0_4 += a0_1 * bv; t1_4 += a1_1 * bv; t2_4 += a2_1 * bv; }
                    { float bv = b1.V5; t0_5 += a0_1 * bv; t1_5 += a1_1 * bv; t2_5 += a2_1 * bv; }
                    { float bv = b1.V6; t0_6 += a0_1 * bv; t1_6 += a1_1 * bv; t2_6 += a2_1 * bv; }
                    { float bv = b1.V7; t0_7 += a0_1 * bv; t1_7 += a1_1 * bv; t2_7 += a2_1 * bv; }
                    { float bv = b2.V0; t0_0 += a0_2 * bv; t1_0 += a1_2 * bv; t2_0 += a2_2 * bv; }
                    { float bv = b2.V1; t0_1 += a0_2 * bv; t1_1 += a1_2 * bv; t2_1 += a2_2 * bv; }
                    { float bv = b2.V2; t0_2 += a0_2 * bv; t1_2 += a1_2 * bv; t2_2 += a2_2 * bv; }
                    { float bv = b2.V3; t0_3 += a0_2 * bv; t1_3 += a1_2 * bv; t2_3 += a2_2 * bv; }
                    { float bv = b2.V4; t0_4 += a0_2 * bv; t1_4 += a1_2 * bv; t2_4 += a2_2 * bv; }
                    { float bv = b2.V5; t0_5 += a0_2 * bv; t1_5 += a1_2 * bv; t2_5 += a2_2 * bv; }
                    { float bv = b2.V6; t0_6 += a0_2 * bv; t1_6 += a1_2 * bv; t2_6 += a2_2 * bv; }
                    { float bv = b2.V7; t0_7 += a0_2 * bv; t1_7 += a1_2 * bv; t2_7 += a2_2 * bv; }
                    { float bv = b3.V0; t0_0 += a0_3 * bv; t1_0 += a1_3 * bv; t2_0 += a2_3 * bv; }
                    { float bv = b3.V1; t0_1 += a0_3 * bv; t1_1 += a1_3 * bv; t2_1 += a2_3 * bv; }
                    { float bv = b3.V2; t0_2 += a0_3 * bv; t1_2 += a1_3 * bv; t2_2 += a2_3 * bv; }
                    { float bv = b3.V3; t0_3 += a0_3 * bv; t1_3 += a1_3 * bv; t2_3 += a2_3 * bv; }
                    { float bv = b3.V4; t0_4 += a0_3 * bv; t1_4 += a1_3 * bv; t2_4 += a2_3 * bv; }
                    { float bv = b3.V5; t0_5 += a0_3 * bv; t1_5 += a1_3 * bv; t2_5 += a2_3 * bv; }
                    { float bv = b3.V6; t0_6 += a0_3 * bv; t1_6 += a1_3 * bv; t2_6 += a2_3 * bv; }
                    { float bv = b3.V7; t0_7 += a0_3 * bv; t1_7 += a1_3 * bv; t2_7 += a2_3 * bv; }
                    { float bv = b4.V0; t0_0 += a0_4 * bv; t1_0 += a1_4 * bv; t2_0 += a2_4 * bv; }
                    { float bv = b4.V1; t0_1 += a0_4 * bv; t1_1 += a1_4 * bv; t2_1 += a2_4 * bv; }
                    { float bv = b4.V2; t0_2 += a0_4 * bv; t1_2 += a1_4 * bv; t2_2 += a2_4 * bv; }
                    { float bv = b4.V3; t0_3 += a0_4 * bv; t1_3 += a1_4 * bv; t2_3 += a2_4 * bv; }
                    { float bv = b4.V4; t0_4 += a0_4 * bv; t1_4 += a1_4 * bv; t2_4 += a2_4 * bv; }
                    { float bv = b4.V5; t0_5 += a0_4 * bv; t1_5 += a1_4 * bv; t2_5 += a2_4 * bv; }
                    { float bv = b4.V6; t0_6 += a0_4 * bv; t1_6 += a1_4 * bv; t2_6 += a2_4 * bv; }
                    { float bv = b4.V7; t0_7 += a0_4 * bv; t1_7 += a1_4 * bv; t2_7 += a2_4 * bv; }
                    { float bv = b5.V0; t0_0 += a0_5 * bv; t1_0 += a1_5 * bv; t2_0 += a2_5 * bv; }
                    { float bv = b5.V1; t0_1 += a0_5 * bv; t1_1 += a1_5 * bv; t2_1 += a2_5 * bv; }
                    { float bv = b5.V2; t0_2 += a0_5 * bv; t1_2 += a1_5 * bv; t2_2 += a2_5 * bv; }
                    { float bv = b5.V3; t0_3 += a0_5 * bv; t1_3 += a1_5 * bv; t2_3 += a2_5 * bv; }
                    { float bv = b5.V4; t0_4 += a0_5 * bv; t1_4 += a1_5 * bv; t2_4 += a2_5 * bv; }
                    { float bv = b5.V5; t0_5 += a0_5 * bv; t1_5 += a1_5 * bv; t2_5 += a2_5 * bv; }
                    { float bv = b5.V6; t0_6 += a0_5 * bv; t1_6 += a1_5 * bv; t2_6 += a2_5 * bv; }
                    { float bv = b5.V7; t0_7 += a0_5 * bv; t1_7 += a1_5 * bv; t2_7 += a2_5 * bv; }
                    { float bv = b6.V0; t0_0 += a0_6 * bv; t1_0 += a1_6 * bv; t2_0 += a2_6 * bv; }
                    { float bv = b6.V1; t0_1 += a0_6 * bv; t1_1 += a1_6 * bv; t2_1 += a2_6 * bv; }
                    { float bv = b6.V2; t0_2 += a0_6 * bv; t1_2 += a1_6 * bv; t2_2 += a2_6 * bv; }
                    { float bv = b6.V3; t0_3 += a0_6 * bv; t1_3 += a1_6 * bv; t2_3 += a2_6 * bv; }
                    { float bv = b6.V4; t0_4 += a0_6 * bv; t1_4 += a1_6 * bv; t2_4 += a2_6 * bv; }
                    { float bv = b6.V5; t0_5 += a0_6 * bv; t1_5 += a1_6 * bv; t2_5 += a2_6 * bv; }
                    { float bv = b6.V6; t0_6 += a0_6 * bv; t1_6 += a1_6 * bv; t2_6 += a2_6 * bv; }
                    { float bv = b6.V7; t0_7 += a0_6 * bv; t1_7 += a1_6 * bv; t2_7 += a2_6 * bv; }
                    { float bv = b7.V0; t0_0 += a0_7 * bv; t1_0 += a1_7 * bv; t2_0 += a2_7 * bv; }
                    { float bv = b7.V1; t0_1 += a0_7 * bv; t1_1 += a1_7 * bv; t2_1 += a2_7 * bv; }
                    { float bv = b7.V2; t0_2 += a0_7 * bv; t1_2 += a1_7 * bv; t2_2 += a2_7 * bv; }
                    { float bv = b7.V3; t0_3 += a0_7 * bv; t1_3 += a1_7 * bv; t2_3 += a2_7 * bv; }
                    { float bv = b7.V4; t0_4 += a0_7 * bv; t1_4 += a1_7 * bv; t2_4 += a2_7 * bv; }
                    { float bv = b7.V5; t0_5 += a0_7 * bv; t1_5 += a1_7 * bv; t2_5 += a2_7 * bv; }
                    { float bv = b7.V6; t0_6 += a0_7 * bv; t1_6 += a1_7 * bv; t2_6 += a2_7 * bv; }
                    { float bv = b7.V7; t0_7 += a0_7 * bv; t1_7 += a1_7 * bv; t2_7 += a2_7 * bv; }
                    c0_0 += t0_0; c0_1 += t0_1; c0_2 += t0_2; c0_3 += t0_3; c0_4 += t0_4; c0_5 += t0_5; c0_6 += t0_6; c0_7 += t0_7;
                    c1_0 += t1_0; c1_1 += t1_1; c1_2 += t1_2; c1_3 += t1_3; c1_4 += t1_4; c1_5 += t1_5; c1_6 += t1_6; c1_7 += t1_7;
                    c2_0 += t2_0; c2_1 += t2_1; c2_2 += t2_2; c2_3 += t2_3; c2_4 += t2_4; c2_5 += t2_5; c2_6 += t2_6; c2_7 += t2_7;
                }
                else
                {
                    ref F8 b0 = ref Unsafe.As<float, F8>(ref b[(long)(n0 + 0) * p.StrideBn + k0]);
                    ref F8 b1 = ref Unsafe.As<float, F8>(ref b[(long)(n0 + 1) * p.StrideBn + k0]);
                    ref F8 b2 = ref Unsafe.As<float, F8>(ref b[(long)(n0 + 2) * p.StrideBn + k0]);
                    ref F8 b3 = ref Unsafe.As<float, F8>(ref b[(long)(n0 + 3) * p.StrideBn + k0]);
                    ref F8 b4 = ref Unsafe.As<float, F8>(ref b[(long)(n0 + 4) * p.StrideBn + k0]);
                    ref F8 b5 = ref Unsafe.As<float, F8>(ref b[(long)(n0 + 5) * p.StrideBn + k0]);
                    ref F8 b6 = ref Unsafe.As<float, F8>(ref b[(long)(n0 + 6) * p.StrideBn + k0]);
                    ref F8 b7 = ref Unsafe.As<float, F8>(ref b[(long)(n0 + 7) * p.StrideBn + k0]);
                    float t0_0 = 0, t0_1 = 0, t0_2 = 0, t0_3 = 0, t0_4 = 0, t0_5 = 0, t0_6 = 0, t0_7 = 0;
                    float t1_0 = 0, t1_1 = 0, t1_2 = 0, t1_3 = 0, t1_4 = 0, t1_5 = 0, t1_6 = 0, t1_7 = 0;
                    float t2_0 = 0, t2_1 = 0, t2_2 = 0, t2_3 = 0, t2_4 = 0, t2_5 = 0, t2_6 = 0, t2_7 = 0;
                    { float bv = b0.V0; t0_0 += a0_0 * bv; t1_0 += a1_0 * bv; t2_0 += a2_0 * bv; }
                    { float bv = b1.V0; t0_1 += a0_0 * bv; t1_1 += a1_0 * bv; t2_1 += a2_0 * bv; }
                    { float bv = b2.V0; t0_2 += a0_0 * bv; t1_2 += a1_0 * bv; t2_2 += a2_0 * bv; }
                    { float bv = b3.V0; t0_3 += a0_0 * bv; t1_3 += a1_0 * bv; t2_3 += a2_0 * bv; }
                    { float bv = b4.V0; t0_4 += a0_0 * bv; t1_4 += a1_0 * bv; t2_4 += a2_0 * bv; }
                    { float bv = b5.V0; t0_5 += a0_0 * bv; t1_5 += a1_0 * bv; t2_5 += a2_0 * bv; }
                    { float bv = b6.V0; t0_6 += a0_0 * bv; t1_6 += a1_0 * bv; t2_6 += a2_0 * bv; }
                    { float bv = b7.V0; t0_7 += a0_0 * bv; t1_7 += a1_0 * bv; t2_7 += a2_0 * bv; }
                    { float bv = b0.V1; t0_0 += a0_1 * bv; t1_0 += a1_1 * bv; t2_0 += a2_1 * bv; }
                    { float bv = b1.V1; t0_1 += a0_1 * bv; t1_1 += a1_1 * bv; t2_1 += a2_1 * bv; }
                    { float bv = b2.V1; t0_2 += a0_1 * bv; t1_2 += a1_1 * bv; t2_2 += a2_1 * bv; }
                    { float bv = b3.V1; t0_3 += a0_1 * bv; t1_3 += a1_1 * bv; t2_3 += a2_1 * bv; }
                    { float bv = b4.V1; t0_4 += a0_1 * bv; t1_4 += a1_1 * bv; t2_4 += a2_1 * bv; }
                    { float bv = b5.V1; t0_5 += a0_1 * bv; t1_5 += a1_1 * bv; t2_5 += a2_1 * bv; }
                    { float bv = b6.V1; t0_6 += a0_1 * bv; t1_6 += a1_1 * bv; t2_6 += a2_1 * bv; }
                    { float bv = b7.V1; t0_7 += a0_1 * bv; t1_7 += a1_1 * bv; t2_7 += a2_1 * bv; }
                    { float bv = b0.V2; t0_0 += a0_2 * bv; t1_0 += a1_2 * bv; t2_0 += a2_2 * bv; }
                    { float bv = b1.V2; t0_1 += a0_2 * bv; t1_1 += a1_2 * bv; t2_1 += a2_2 * bv; }
                    { float bv = b2.V2; t0_2 += a0_2 * bv; t1_2 += a1_2 * bv; t2_2 += a2_2 * bv; }
                    { float bv = b3.V2; t0_3 += a0_2 * bv; t1_3 += a1_2 * bv; t2_3 += a2_2 * bv; }
                    { float bv = b4.V2; t0_4 += a0_2 * bv; t1_4 += a1_2 * bv; t2_4 += a2_2 * bv; }
                    { float bv = b5.V2; t0_5 += a0_2 * bv; t1_5 += a1_2 * bv; t2_5 += a2_2 * bv; }
                    { float bv = b6.V2; t0_6 += a0_2 * bv; t1_6 += a1_2 * bv; t2_6 += a2_2 * bv; }
                    { float bv = b7.V2; t0_7 += a0_2 * bv; t1_7 += a1_2 * bv; t2_7 += a2_2 * bv; }
                    { float bv = b0.V3; t0_0 += a0_3 * bv; t1_0 += a1_3 * bv; t2_0 += a2_3 * bv; }
                    { float bv = b1.V3; t0_1 += a0_3 * bv; t1_1 += a1_3 * bv; t2_1 += a2_3 * bv; }
                    { float bv = b2.V3; t0_2 += a0_3 * bv; t1_2 += a1_3 * bv; t2_2 += a2_3 * bv; }
                    { float bv = b3.V3; t0_3 += a0_3 * bv; t1_3 += a1_3 * bv; t2_3 += a2_3 * bv; }
                    { float bv = b4.V3; t0_4 += a0_3 * bv; t1_4 += a1_3 * bv; t2_4 += a2_3 * bv; }
                    { float bv = b5.V3; t0_5 += a0_3 * bv; t1_5 += a1_3 * bv; t2_5 += a2_3 * bv; }
                    { float bv = b6.V3; t0_6 += a0_3 * bv; t1_6 += a1_3 * bv; t2_6 += a2_3 * bv; }
                    { float bv = b7.V3; t0_7 += a0_3 * bv; t1_7 += a1_3 * bv; t2_7 += a2_3 * bv; }
                    { float bv = b0.V4; t0_0 += a0_4 * bv; t1_0 += a1_4 * bv; t2_0 += a2_4 * bv; }
                    { float bv = b1.V4; t0_1 += a0_4 * bv; t1_1 += a1_4 * bv; t2_1 += a2_4 * bv; }
                    { float bv = b2.V4; t0_2 += a0_4 * bv; t1_2 += a1_4 * bv; t2_2 += a2_4 * bv; }
                    { float bv = b3.V4; t0_3 += a0_4 * bv; t1_3 += a1_4 * bv; t2_3 += a2_4 * bv; }
                    { float bv = b4.V4; t0_4 += a0_4 * bv; t1_4 += a1_4 * bv; t2_4 += a2_4 * bv; }
                    { float bv = b5.V4; t0_5 += a0_4 * bv; t1_5 += a1_4 * bv; t2_5 += a2_4 * bv; }
                    { float bv = b6.V4; t0_6 += a0_4 * bv; t1_6 += a1_4 * bv; t2_6 += a2_4 * bv; }
                    { float bv = b7.V4; t0_7 += a0_4 * bv; t1_7 += a1_4 * bv; t2_7 += a2_4 * bv; }
                    { float bv = b0.V5; t0_0 += a0_5 * bv; t1_0 += a1_5 * bv; t2_0 += a2_5 * bv; }
                    { float bv = b1.V5; t0_1 += a0_5 * bv; t1_1 += a1_5 * bv; t2_1 += a2_5 * bv; }
                    { float bv = b2.V5; t0_2 += a0_5 * bv; t1_2 += a1_5 * bv; t2_2 += a2_5 * bv; }
                    { float bv = b3.V5; t0_3 += a0_5 * bv; t1_3 += a1_5 * bv; t2_3 += a2_5 * bv; }
                    { float bv = b4.V5; t0_4 += a0_5 * bv; t1_4 += a1_5 * bv; t2_4 += a2_5 * bv; }
                    { float bv = b5.V5; t0_5 += a0_5 * bv; t1_5 += a1_5 * bv; t2_5 += a2_5 * bv; }
                    { float bv = b6.V5; t0_6 += a0_5 * bv; t1_6 += a1_5 * bv; t2_6 += a2_5 * bv; }
                    { float bv = b7.V5; t0_7 += a0_5 * bv; t1_7 += a1_5 * bv; t2_7 += a2_5 * bv; }
                    { float bv = b0.V6; t0_0 += a0_6 * bv; t1_0 += a1_6 * bv; t2_0 += a2_6 * bv; }
                    { float bv = b1.V6; t0_1 += a0_6 * bv; t1_1 += a1_6 * bv; t2_1 += a2_6 * bv; }
                    { float bv = b2.V6; t0_2 += a0_6 * bv; t1_2 += a1_6 * bv; t2_2 += a2_6 * bv; }
                    { float bv = b3.V6; t0_3 += a0_6 * bv; t1_3 += a1_6 * bv; t2_3 += a2_6 * bv; }
                    { float bv = b4.V6; t0_4 += a0_6 * bv; t1_4 += a1_6 * bv; t2_4 += a2_6 * bv; }
                    { float bv = b5.V6; t0_5 += a0_6 * bv; t1_5 += a1_6 * bv; t2_5 += a2_6 * bv; }
                    { float bv = b6.V6; t0_6 += a0_6 * bv; t1_6 += a1_6 * bv; t2_6 += a2_6 * bv; }
                    { float bv = b7.V6; t0_7 += a0_6 * bv; t1_7 += a1_6 * bv; t2_7 += a2_6 * bv; }
                    { float bv = b0.V7; t0_0 += a0_7 * bv; t1_0 += a1_7 * bv; t2_0 += a2_7 * bv; }
                    { float bv = b1.V7; t0_1 += a0_7 * bv; t1_1 += a1_7 * bv; t2_1 += a2_7 * bv; }
                    { float bv = b2.V7; t0_2 += a0_7 * bv; t1_2 += a1_7 * bv; t2_2 += a2_7 * bv; }
                    { float bv = b3.V7; t0_3 += a0_7 * bv; t1_3 += a1_7 * bv; t2_3 += a2_7 * bv; }
                    { float bv = b4.V7; t0_4 += a0_7 * bv; t1_4 += a1_7 * bv; t2_4 += a2_7 * bv; }
                    { float bv = b5.V7; t0_5 += a0_7 * bv; t1_5 += a1_7 * bv; t2_5 += a2_7 * bv; }
                    { float bv = b6.V7; t0_6 += a0_7 * bv; t1_6 += a1_7 * bv; t2_6 += a2_7 * bv; }
                    { float bv = b7.V7; t0_7 += a0_7 * bv; t1_7 += a1_7 * bv; t2_7 += a2_7 * bv; }
                    c0_0 += t0_0; c0_1 += t0_1; c0_2 += t0_2; c0_3 += t0_3; c0_4 += t0_4; c0_5 += t0_5; c0_6 += t0_6; c0_7 += t0_7;
                    c1_0 += t1_0; c1_1 += t1_1; c1_2 += t1_2; c1_3 += t1_3; c1_4 += t1_4; c1_5 += t1_5; c1_6 += t1_6; c1_7 += t1_7;
                    c2_0 += t2_0; c2_1 += t2_1; c2_2 += t2_2; c2_3 += t2_3; c2_4 += t2_4; c2_5 += t2_5; c2_6 += t2_6; c2_7 += t2_7;
                }
            }
        }
        long cb0 = (long)IntrinsicMath.Min(n0 + 0, lastN) * p.StrideBn;
        long cb1 = (long)IntrinsicMath.Min(n0 + 1, lastN) * p.StrideBn;
        long cb2 = (long)IntrinsicMath.Min(n0 + 2, lastN) * p.StrideBn;
        long cb3 = (long)IntrinsicMath.Min(n0 + 3, lastN) * p.StrideBn;
        long cb4 = (long)IntrinsicMath.Min(n0 + 4, lastN) * p.StrideBn;
        long cb5 = (long)IntrinsicMath.Min(n0 + 5, lastN) * p.StrideBn;
        long cb6 = (long)IntrinsicMath.Min(n0 + 6, lastN) * p.StrideBn;
        long cb7 = (long)IntrinsicMath.Min(n0 + 7, lastN) * p.StrideBn;
        long akt = (long)k0 * p.StrideAk, bkt = (long)k0 * p.StrideBk;
        for (int k = k0; k < p.K; k++)
        {
            float a0 = a[ra0 + akt]; float a1 = a[ra1 + akt]; float a2 = a[ra2 + akt];
            { float bv = b[bkt + cb0]; c0_0 += a0 * bv; c1_0 += a1 * bv; c2_0 += a2 * bv; }
            { float bv = b[bkt + cb1]; c0_1 += a0 * bv; c1_1 += a1 * bv; c2_1 += a2 * bv; }
            { float bv = b[bkt + cb2]; c0_2 += a0 * bv; c1_2 += a1 * bv; c2_2 += a2 * bv; }
            { float bv = b[bkt + cb3]; c0_3 += a0 * bv; c1_3 += a1 * bv; c2_3 += a2 * bv; }
            { float bv = b[bkt + cb4]; c0_4 += a0 * bv; c1_4 += a1 * bv; c2_4 += a2 * bv; }
            { float bv = b[bkt + cb5]; c0_5 += a0 * bv; c1_5 += a1 * bv; c2_5 += a2 * bv; }
            { float bv = b[bkt + cb6]; c0_6 += a0 * bv; c1_6 += a1 * bv; c2_6 += a2 * bv; }
            { float bv = b[bkt + cb7]; c0_7 += a0 * bv; c1_7 += a1 * bv; c2_7 += a2 * bv; }
            akt += p.StrideAk;
            bkt += p.StrideBk;
        }
        if (m0 + 0 < p.M)
        {
            Store(c, bias, p, m0 + 0, n0 + 0, c0_0);
            Store(c, bias, p, m0 + 0, n0 + 1, c0_1);
            Store(c, bias, p, m0 + 0, n0 + 2, c0_2);
            Store(c, bias, p, m0 + 0, n0 + 3, c0_3);
            Store(c, bias, p, m0 + 0, n0 + 4, c0_4);
            Store(c, bias, p, m0 + 0, n0 + 5, c0_5);
            Store(c, bias, p, m0 + 0, n0 + 6, c0_6);
            Store(c, bias, p, m0 + 0, n0 + 7, c0_7);
        }
        if (m0 + 1 < p.M)
        {
            Store(c, bias, p, m0 + 1, n0 + 0, c1_0);
            Store(c, bias, p, m0 + 1, n0 + 1, c1_1);
            Store(c, bias, p, m0 + 1, n0 + 2, c1_2);
            Store(c, bias, p, m0 + 1, n0 + 3, c1_3);
            Store(c, bias, p, m0 + 1, n0 + 4, c1_4);
            Store(c, bias, p, m0 + 1, n0 + 5, c1_5);
            Store(c, bias, p, m0 + 1, n0 + 6, c1_6);
            Store(c, bias, p, m0 + 1, n0 + 7, c1_7);
        }
        if (m0 + 2 < p.M)
        {
            Store(c, bias, p, m0 + 2, n0 + 0, c2_0);
            Store(c, bias, p, m0 + 2, n0 + 1, c2_1);
            Store(c, bias, p, m0 + 2, n0 + 2, c2_2);
            Store(c, bias, p, m0 + 2, n0 + 3, c2_3);
            Store(c, bias, p, m0 + 2, n0 + 4, c2_4);
            Store(c, bias, p, m0 + 2, n0 + 5, c2_5);
            Store(c, bias, p, m0 + 2, n0 + 6, c2_6);
            Store(c, bias, p, m0 + 2, n0 + 7, c2_7);
        }
    }

    /// <summary>v7: v4 with K chunks of 4</summary>
    static void V7(Index1D index, ArrayView<float> a, ArrayView<float> b, ArrayView<float> c,
        ArrayView<float> bias, GemmArgs p)
    {
        const int TM = 2, TN = 8, KC = 4;
        int blocksN = (p.N + TN - 1) / TN;
        int m0 = index / blocksN * TM;
        int n0 = index % blocksN * TN;
        int lastM = p.M - 1, lastN = p.N - 1;
        long ra0 = (long)IntrinsicMath.Min(m0 + 0, lastM) * p.StrideAm;
        long ra1 = (long)IntrinsicMath.Min(m0 + 1, lastM) * p.StrideAm;
        float c0_0 = 0, c0_1 = 0, c0_2 = 0, c0_3 = 0, c0_4 = 0, c0_5 = 0, c0_6 = 0, c0_7 = 0;
        float c1_0 = 0, c1_1 = 0, c1_2 = 0, c1_3 = 0, c1_4 = 0, c1_5 = 0, c1_6 = 0, c1_7 = 0;
        int k0 = 0;
        if (n0 + TN <= p.N)
        {
            for (; k0 + KC <= p.K; k0 += KC)
            {
                float a0_0, a0_1, a0_2, a0_3, a1_0, a1_1, a1_2, a1_3;
                if (p.StrideAk == 1)
                {
                    ref F4 ar0 = ref Unsafe.As<float, F4>(ref a[ra0 + k0]);
                    a0_0 = ar0.V0; a0_1 = ar0.V1; a0_2 = ar0.V2; a0_3 = ar0.V3;
                    ref F4 ar1 = ref Unsafe.As<float, F4>(ref a[ra1 + k0]);
                    a1_0 = ar1.V0; a1_1 = ar1.V1; a1_2 = ar1.V2; a1_3 = ar1.V3;
                }
                else
                {
                    long ak = (long)k0 * p.StrideAk;
                    a0_0 = a[ra0 + ak]; a1_0 = a[ra1 + ak]; ak += p.StrideAk;
                    a0_1 = a[ra0 + ak]; a1_1 = a[ra1 + ak]; ak += p.StrideAk;
                    a0_2 = a[ra0 + ak]; a1_2 = a[ra1 + ak]; ak += p.StrideAk;
                    a0_3 = a[ra0 + ak]; a1_3 = a[ra1 + ak]; ak += p.StrideAk;
                }
                if (p.StrideBn == 1)
                {
                    ref F8 b0 = ref Unsafe.As<float, F8>(ref b[(long)(k0 + 0) * p.StrideBk + n0]);
                    ref F8 b1 = ref Unsafe.As<float, F8>(ref b[(long)(k0 + 1) * p.StrideBk + n0]);
                    ref F8 b2 = ref Unsafe.As<float, F8>(ref b[(long)(k0 + 2) * p.StrideBk + n0]);
                    ref F8 b3 = ref Unsafe.As<float, F8>(ref b[(long)(k0 + 3) * p.StrideBk + n0]);
                    float t0_0 = 0, t0_1 = 0, t0_2 = 0, t0_3 = 0, t0_4 = 0, t0_5 = 0, t0_6 = 0, t0_7 = 0;
                    float t1_0 = 0, t1_1 = 0, t1_2 = 0, t1_3 = 0, t1_4 = 0, t1_5 = 0, t1_6 = 0, t1_7 = 0;
                    { float bv = b0.V0; t0_0 += a0_0 * bv; t1_0 += a1_0 * bv; }
                    { float bv = b0.V1; t0_1 += a0_0 * bv; t1_1 += a1_0 * bv; }
                    { float bv = b0.V2; t0_2 += a0_0 * bv; t1_2 += a1_0 * bv; }
                    { float bv = b0.V3; t0_3 += a0_0 * bv; t1_3 += a1_0 * bv; }
                    { float bv = b0.V4; t0_4 += a0_0 * bv; t1_4 += a1_0 * bv; }
                    { float bv = b0.V5; t0_5 += a0_0 * bv; t1_5 += a1_0 * bv; }
                    { float bv = b0.V6; t0_6 += a0_0 * bv; t1_6 += a1_0 * bv; }
                    { float bv = b0.V7; t0_7 += a0_0 * bv; t1_7 += a1_0 * bv; }
                    { float bv = b1.V0; t0_0 += a0_1 * bv; t1_0 += a1_1 * bv; }
                    { float bv = b1.V1; t0_1 += a0_1 * bv; t1_1 += a1_1 * bv; }
                    { float bv = b1.V2; t0_2 += a0_1 * bv; t1_2 += a1_1 * bv; }
                    { float bv = b1.V3; t0_3 += a0_1 * bv; t1_3 += a1_1 * bv; }
                    { float bv = b1.V4; t0_4 += a0_1 * bv; t1_4 += a1_1 * bv; }
                    { float bv = b1.V5; t0_5 += a0_1 * bv; t1_5 += a1_1 * bv; }
                    { float bv = b1.V6; t0_6 += a0_1 * bv; t1_6 += a1_1 * bv; }
                    { float bv = b1.V7; t0_7 += a0_1 * bv; t1_7 += a1_1 * bv; }
                    { float bv = b2.V0; t0_0 += a0_2 * bv; t1_0 += a1_2 * bv; }
                    { float bv = b2.V1; t0_1 += a0_2 * bv; t1_1 += a1_2 * bv; }
                    { float bv = b2.V2; t0_2 += a0_2 * bv; t1_2 += a1_2 * bv; }
                    { float bv = b2.V3; t0_3 += a0_2 * bv; t1_3 += a1_2 * bv; }
                    { float bv = b2.V4; t0_4 += a0_2 * bv; t1_4 += a1_2 * bv; }
                    { float bv = b2.V5; t0_5 += a0_2 * bv; t1_5 += a1_2 * bv; }
                    { float bv = b2.V6; t0_6 += a0_2 * bv; t1_6 += a1_2 * bv; }
                    { float bv = b2.V7; t0_7 += a0_2 * bv; t1_7 += a1_2 * bv; }
                    { float bv = b3.V0; t0_0 += a0_3 * bv; t1_0 += a1_3 * bv; }
                    { float bv = b3.V1; t0_1 += a0_3 * bv; t1_1 += a1_3 * bv; }
                    { float bv = b3.V2; t0_2 += a0_3 * bv; t1_2 += a1_3 * bv; }
                    { float bv = b3.V3; t0_3 += a0_3 * bv; t1_3 += a1_3 * bv; }
                    { float bv = b3.V4; t0_4 += a0_3 * bv; t1_4 += a1_3 * bv; }
                    { float bv = b3.V5; t0_5 += a0_3 * bv; t1_5 += a1_3 * bv; }
                    { float bv = b3.V6; t0_6 += a0_3 * bv; t1_6 += a1_3 * bv; }
                    { float bv = b3.V7; t0_7 += a0_3 * bv; t1_7 += a1_3 * bv; }
                    c0_0 += t0_0; c0_1 += t0_1; c0_2 += t0_2; c0_3 += t0_3; c0_4 += t0_4; c0_5 += t0_5; c0_6 += t0_6; c0_7 += t0_7;
                    c1_0 += t1_0; c1_1 += t1_1; c1_2 += t1_2; c1_3 += t1_3; c1_4 += t1_4; c1_5 += t1_5; c1_6 += t1_6; c1_7 += t1_7;
                }
                else
                {
                    ref F4 b0 = ref Unsafe.As<float, F4>(ref b[(long)(n0 + 0) * p.StrideBn + k0]);
                    ref F4 b1 = ref Unsafe.As<float, F4>(ref b[(long)(n0 + 1) * p.StrideBn + k0]);
                    ref F4 b2 = ref Unsafe.As<float, F4>(ref b[(long)(n0 + 2) * p.StrideBn + k0]);
                    ref F4 b3 = ref Unsafe.As<float, F4>(ref b[(long)(n0 + 3) * p.StrideBn + k0]);
                    ref F4 b4 = ref Unsafe.As<float, F4>(ref b[(long)(n0 + 4) * p.StrideBn + k0]);
                    ref F4 b5 = ref Unsafe.As<float, F4>(ref b[(long)(n0 + 5) * p.StrideBn + k0]);
                    ref F4 b6 = ref Unsafe.As<float, F4>(ref b[(long)(n0 + 6) * p.StrideBn + k0]);
                    ref F4 b7 = ref Unsafe.As<float, F4>(ref b[(long)(n0 + 7) * p.StrideBn + k0]);
                    float t0_0 = 0, t0_1 = 0, t0_2 = 0, t0_3 = 0, t0_4 = 0, t0_5 = 0, t0_6 = 0, t0_7 = 0;
                    float t1_0 = 0, t1_1 = 0, t1_2 = 0, t1_3 = 0, t1_4 = 0, t1_5 = 0, t1_6 = 0, t1_7 = 0;
                    { float bv = b0.V0; t0_0 += a0_0 * bv; t1_0 += a1_0 * bv; }
                    { float bv = b1.V0; t0_1 += a0_0 * bv; t1_1 += a1_0 * bv; }
                    { float bv = b2.V0; t0_2 += a0_0 * bv; t1_2 += a1_0 * bv; }
                    { float bv = b3.V0; t0_3 += a0_0 * bv; t1_3 += a1_0 * bv; }
                    { float bv = b4.V0; t0_4 += a0_0 * bv; t1_4 += a1_0 * bv; }
                    { float bv = b5.V0; t0_5 += a0_0 * bv; t1_5 += a1_0 * bv; }
                    { float bv = b6.V0; t0_6 += a0_0 * bv; t1_6 += a1_0 * bv; }
                    { float bv = b7.V0; t0_7 += a0_0 * bv; t1_7 += a1_0 * bv; }
                    { float bv = b0.V1; t0_0 += a0_1 * bv; t1_0 += a1_1 * bv; }
                    { float bv = b1.V1; t0_1 += a0_1 * bv; t1_1 += a1_1 * bv; }
                    { float bv = b2.V1; t0_2 += a0_1 * bv; t1_2 += a1_1 * bv; }
                    { float bv = b3.V1; t0_3 += a0_1 * bv; t1_3 += a1_1 * bv; }
                    { float bv = b4.V1; t0_4 += a0_1 * bv; t1_4 += a1_1 * bv; }
                    { float bv = b5.V1; t0_5 += a0_1 * bv; t1_5 += a1_1 * bv; }
                    { float bv = b6.V1; t0_6 += a0_1 * bv; t1_6 += a1_1 * bv; }
                    { float bv = b7.V1; t0_7 += a0_1 * bv; t1_7 += a1_1 * bv; }
                    { float bv = b0.V2; t0_0 += a0_2 * bv; t1_0 += a1_2 * bv; }
                    { float bv = b1.V2; t0_1 += a0_2 * bv; t1_1 += a1_2 * bv; }
                    { float bv = b2.V2; t0_2 += a0_2 * bv; t1_2 += a1_2 * bv; }
                    { float bv = b3.V2; t0_3 += a0_2 * bv; t1_3 += a1_2 * bv; }
                    { float bv = b4.V2; t0_4 += a0_2 * bv; t1_4 += a1_2 * bv; }
                    { float bv = b5.V2; t0_5 += a0_2 * bv; t1_5 += a1_2 * bv; }
                    { float bv = b6.V2; t0_6 += a0_2 * bv; t1_6 += a1_2 * bv; }
                    { float bv = b7.V2; t0_7 += a0_2 * bv; t1_7 += a1_2 * bv; }
                    { float bv = b0.V3; t0_0 += a0_3 * bv; t1_0 += a1_3 * bv; }
                    { float bv = b1.V3; t0_1 += a0_3 * bv; t1_1 += a1_3 * bv; }
                    { float bv = b2.V3; t0_2 += a0_3 * bv; t1_2 += a1_3 * bv; }
                    { float bv = b3.V3; t0_3 += a0_3 * bv; t1_3 += a1_3 * bv; }
                    { float bv = b4.V3; t0_4 += a0_3 * bv; t1_4 += a1_3 * bv; }
                    { float bv = b5.V3; t0_5 += a0_3 * bv; t1_5 += a1_3 * bv; }
                    { float bv = b6.V3; t0_6 += a0_3 * bv; t1_6 += a1_3 * bv; }
                    { float bv = b7.V3; t0_7 += a0_3 * bv; t1_7 += a1_3 * bv; }
                    c0_0 += t0_0; c0_1 += t0_1; c0_2 += t0_2; c0_3 += t0_3; c0_4 += t0_4; c0_5 += t0_5; c0_6 += t0_6; c0_7 += t0_7;
                    c1_0 += t1_0; c1_1 += t1_1; c1_2 += t1_2; c1_3 += t1_3; c1_4 += t1_4; c1_5 += t1_5; c1_6 += t1_6; c1_7 += t1_7;
                }
            }
        }
        long cb0 = (long)IntrinsicMath.Min(n0 + 0, lastN) * p.StrideBn;
        long cb1 = (long)IntrinsicMath.Min(n0 + 1, lastN) * p.StrideBn;
        long cb2 = (long)IntrinsicMath.Min(n0 + 2, lastN) * p.StrideBn;
        long cb3 = (long)IntrinsicMath.Min(n0 + 3, lastN) * p.StrideBn;
        long cb4 = (long)IntrinsicMath.Min(n0 + 4, lastN) * p.StrideBn;
        long cb5 = (long)IntrinsicMath.Min(n0 + 5, lastN) * p.StrideBn;
        long cb6 = (long)IntrinsicMath.Min(n0 + 6, lastN) * p.StrideBn;
        long cb7 = (long)IntrinsicMath.Min(n0 + 7, lastN) * p.StrideBn;
        long akt = (long)k0 * p.StrideAk, bkt = (long)k0 * p.StrideBk;
        for (int k = k0; k < p.K; k++)
        {
            float a0 = a[ra0 + akt]; float a1 = a[ra1 + akt];
            { float bv = b[bkt + cb0]; c0_0 += a0 * bv; c1_0 += a1 * bv; }
            { float bv = b[bkt + cb1]; c0_1 += a0 * bv; c1_1 += a1 * bv; }
            { float bv = b[bkt + cb2]; c0_2 += a0 * bv; c1_2 += a1 * bv; }
            { float bv = b[bkt + cb3]; c0_3 += a0 * bv; c1_3 += a1 * bv; }
            { float bv = b[bkt + cb4]; c0_4 += a0 * bv; c1_4 += a1 * bv; }
            { float bv = b[bkt + cb5]; c0_5 += a0 * bv; c1_5 += a1 * bv; }
            { float bv = b[bkt + cb6]; c0_6 += a0 * bv; c1_6 += a1 * bv; }
            { float bv = b[bkt + cb7]; c0_7 += a0 * bv; c1_7 += a1 * bv; }
            akt += p.StrideAk;
            bkt += p.StrideBk;
        }
        if (m0 + 0 < p.M)
        {
            Store(c, bias, p, m0 + 0, n0 + 0, c0_0);
            Store(c, bias, p, m0 + 0, n0 + 1, c0_1);
            Store(c, bias, p, m0 + 0, n0 + 2, c0_2);
            Store(c, bias, p, m0 + 0, n0 + 3, c0_3);
            Store(c, bias, p, m0 + 0, n0 + 4, c0_4);
            Store(c, bias, p, m0 + 0, n0 + 5, c0_5);
            Store(c, bias, p, m0 + 0, n0 + 6, c0_6);
            Store(c, bias, p, m0 + 0, n0 + 7, c0_7);
        }
        if (m0 + 1 < p.M)
        {
            Store(c, bias, p, m0 + 1, n0 + 0, c1_0);
            Store(c, bias, p, m0 + 1, n0 + 1, c1_1);
            Store(c, bias, p, m0 + 1, n0 + 2, c1_2);
            Store(c, bias, p, m0 + 1, n0 + 3, c1_3);
            Store(c, bias, p, m0 + 1, n0 + 4, c1_4);
            Store(c, bias, p, m0 + 1, n0 + 5, c1_5);
            Store(c, bias, p, m0 + 1, n0 + 6, c1_6);
            Store(c, bias, p, m0 + 1, n0 + 7, c1_7);
        }
    }

    /// <summary>v8: 1x16 per item, K chunks of 8</summary>
    static void V8(Index1D index, ArrayView<float> a, ArrayView<float> b, ArrayView<float> c,
        ArrayView<float> bias, GemmArgs p)
    {
        const int TM = 1, TN = 16, KC = 8;
        int blocksN = (p.N + TN - 1) / TN;
        int m0 = index / blocksN * TM;
        int n0 = index % blocksN * TN;
        int lastM = p.M - 1, lastN = p.N - 1;
        long ra0 = (long)IntrinsicMath.Min(m0 + 0, lastM) * p.StrideAm;
        float c0_0 = 0, c0_1 = 0, c0_2 = 0, c0_3 = 0, c0_4 = 0, c0_5 = 0, c0_6 = 0, c0_7 = 0, c0_8 = 0, c0_9 = 0, c0_10 = 0, c0_11 = 0, c0_12 = 0, c0_13 = 0, c0_14 = 0, c0_15 = 0;
        int k0 = 0;
        if (n0 + TN <= p.N)
        {
            for (; k0 + KC <= p.K; k0 += KC)
            {
                float a0_0, a0_1, a0_2, a0_3, a0_4, a0_5, a0_6, a0_7;
                if (p.StrideAk == 1)
                {
                    ref F8 ar0 = ref Unsafe.As<float, F8>(ref a[ra0 + k0]);
                    a0_0 = ar0.V0; a0_1 = ar0.V1; a0_2 = ar0.V2; a0_3 = ar0.V3; a0_4 = ar0.V4; a0_5 = ar0.V5; a0_6 = ar0.V6; a0_7 = ar0.V7;
                }
                else
                {
                    long ak = (long)k0 * p.StrideAk;
                    a0_0 = a[ra0 + ak]; ak += p.StrideAk;
                    a0_1 = a[ra0 + ak]; ak += p.StrideAk;
                    a0_2 = a[ra0 + ak]; ak += p.StrideAk;
                    a0_3 = a[ra0 + ak]; ak += p.StrideAk;
                    a0_4 = a[ra0 + ak]; ak += p.StrideAk;
                    a0_5 = a[ra0 + ak]; ak += p.StrideAk;
                    a0_6 = a[ra0 + ak]; ak += p.StrideAk;
                    a0_7 = a[ra0 + ak]; ak += p.StrideAk;
                }
                if (p.StrideBn == 1)
                {
                    ref F16 b0 = ref Unsafe.As<float, F16>(ref b[(long)(k0 + 0) * p.StrideBk + n0]);
                    ref F16 b1 = ref Unsafe.As<float, F16>(ref b[(long)(k0 + 1) * p.StrideBk + n0]);
                    ref F16 b2 = ref Unsafe.As<float, F16>(ref b[(long)(k0 + 2) * p.StrideBk + n0]);
                    ref F16 b3 = ref Unsafe.As<float, F16>(ref b[(long)(k0 + 3) * p.StrideBk + n0]);
                    ref F16 b4 = ref Unsafe.As<float, F16>(ref b[(long)(k0 + 4) * p.StrideBk + n0]);
                    ref F16 b5 = ref Unsafe.As<float, F16>(ref b[(long)(k0 + 5) * p.StrideBk + n0]);
                    ref F16 b6 = ref Unsafe.As<float, F16>(ref b[(long)(k0 + 6) * p.StrideBk + n0]);
                    ref F16 b7 = ref Unsafe.As<float, F16>(ref b[(long)(k0 + 7) * p.StrideBk + n0]);
                    float t0_0 = 0, t0_1 = 0, t0_2 = 0, t0_3 = 0, t0_4 = 0, t0_5 = 0, t0_6 = 0, t0_7 = 0, t0_8 = 0, t0_9 = 0, t0_10 = 0, t0_11 = 0, t0_12 = 0, t0_13 = 0, t0_14 = 0, t0_15 = 0;
                    { float bv = b0.V0; t0_0 += a0_0 * bv; }
                    { float bv = b0.V1; t0_1 += a0_0 * bv; }
                    { float bv = b0.V2; t0_2 += a0_0 * bv; }
                    { float bv = b0.V3; t0_3 += a0_0 * bv; }
                    { float bv = b0.V4; t0_4 += a0_0 * bv; }
                    { float bv = b0.V5; t0_5 += a0_0 * bv; }
                    { float bv = b0.V6; t0_6 += a0_0 * bv; }
                    { float bv = b0.V7; t0_7 += a0_0 * bv; }
                    { float bv = b0.V8; t0_8 += a0_0 * bv; }
                    { float bv = b0.V9; t0_9 += a0_0 * bv; }
                    { float bv = b0.V10; t0_10 += a0_0 * bv; }
                    { float bv = b0.V11; t0_11 += a0_0 * bv; }
                    { float bv = b0.V12; t0_12 += a0_0 * bv; }
                    { float bv = b0.V13; t0_13 += a0_0 * bv; }
                    { float bv = b0.V14; t0_14 += a0_0 * bv; }
                    { float bv = b0.V15; t0_15 += a0_0 * bv; }
                    { float bv = b1.V0; t0_0 += a0_1 * bv; }
                    { float bv = b1.V1; t0_1 += a0_1 * bv; }
                    { float bv = b1.V2; t0_2 += a0_1 * bv; }
                    { float bv = b1.V3; t0_3 += a0_1 * bv; }
                    { float bv = b1.V4; t0_4 += a0_1 * bv; }
                    { float bv = b1.V5; t0_5 += a0_1 * bv; }
                    { float bv = b1.V6; t0_6 += a0_1 * bv; }
                    { float bv = b1.V7; t0_7 += a0_1 * bv; }
                    { float bv = b1.V8; t0_8 += a0_1 * bv; }
                    { float bv = b1.V9; t0_9 += a0_1 * bv; }
                    { float bv = b1.V10; t0_10 += a0_1 * bv; }
                    { float bv = b1.V11; t0_11 += a0_1 * bv; }
                    { float bv = b1.V12; t0_12 += a0_1 * bv; }
                    { float bv = b1.V13; t0_13 += a0_1 * bv; }
                    { float bv = b1.V14; t0_14 += a0_1 * bv; }
                    { float bv = b1.V15; t0_15 += a0_1 * bv; }
                    { float bv = b2.V0; t0_0 += a0_2 * bv; }
                    { float bv = b2.V1; t0_1 += a0_2 * bv; }
                    { float bv = b2.V2; t0_2 += a0_2 * bv; }
                    { float bv = b2.V3; t0_3 += a0_2 * bv; }
                    { float bv = b2.V4; t0_4 += a0_2 * bv; }
                    { float bv = b2.V5; t0_5 += a0_2 * bv; }
                    { float bv = b2.V6; t0_6 += a0_2 * bv; }
                    { float bv = b2.V7; t0_7 += a0_2 * bv; }
                    { float bv = b2.V8; t0_8 += a0_2 * bv; }
                    { float bv = b2.V9; t0_9 += a0_2 * bv; }
                    { float bv = b2.V10; t0_10 += a0_2 * bv; }
                    { float bv = b2.V11; t0_11 += a0_2 * bv; }
                    { float bv = b2.V12; t0_12 += a0_2 * bv; }
                    { float bv = b2.V13; t0_13 += a0_2 * bv; }
                    { float bv = b2.V14; t0_14 += a0_2 * bv; }
                    { float bv = b2.V15; t0_15 += a0_2 * bv; }
                    { float bv = b3.V0; t0_0 += a0_3 * bv; }
                    { float bv = b3.V1; t0_1 += a0_3 * bv; }
                    { float bv = b3.V2; t0_2 += a0_3 * bv; }
                    { float bv = b3.V3; t0_3 += a0_3 * bv; }
                    { float bv = b3.V4; t0_4 += a0_3 * bv; }
                    { float bv = b3.V5; t0_5 += a0_3 * bv; }
                    { float bv = b3.V6; t0_6 += a0_3 * bv; }
                    { float bv = b3.V7; t0_7 += a0_3 * bv; }
                    { float bv = b3.V8; t0_8 += a0_3 * bv; }
                    { float bv = b3.V9; t0_9 += a0_3 * bv; }
                    { float bv = b3.V10; t0_10 += a0_3 * bv; }
                    { float bv = b3.V11; t0_11 += a0_3 * bv; }
                    { float bv = b3.V12; t0_12 += a0_3 * bv; }
                    { float bv = b3.V13; t0_13 += a0_3 * bv; }
                    { float bv = b3.V14; t0_14 += a0_3 * bv; }
                    { float bv = b3.V15; t0_15 += a0_3 * bv; }
                    { float bv = b4.V0; t0_0 += a0_4 * bv; }
                    { float bv = b4.V1; t0_1 += a0_4 * bv; }
                    { float bv = b4.V2; t0_2 += a0_4 * bv; }
                    { float bv = b4.V3; t0_3 += a0_4 * bv; }
                    { float bv = b4.V4; t0_4 += a0_4 * bv; }
                    { float bv = b4.V5; t0_5 += a0_4 * bv; }
                    { float bv = b4.V6; t0_6 += a0_4 * bv; }
                    { float bv = b4.V7; t0_7 += a0_4 * bv; }
                    { float bv = b4.V8; t0_8 += a0_4 * bv; }
                    { float bv = b4.V9; t0_9 += a0_4 * bv; }
                    { float bv = b4.V10; t0_10 += a0_4 * bv; }
                    { float bv = b4.V11; t0_11 += a0_4 * bv; }
                    { float bv = b4.V12; t0_12 += a0_4 * bv; }
                    { float bv = b4.V13; t0_13 += a0_4 * bv; }
                    { float bv = b4.V14; t0_14 += a0_4 * bv; }
                    { float bv = b4.V15; t0_15 += a0_4 * bv; }
                    { float bv = b5.V0; t0_0 += a0_5 * bv; }
                    { float bv = b5.V1; t0_1 += a0_5 * bv; }
                    { float bv = b5.V2; t0_2 += a0_5 * bv; }
                    { float bv = b5.V3; t0_3 += a0_5 * bv; }
                    { float bv = b5.V4; t0_4 += a0_5 * bv; }
                    { float bv = b5.V5; t0_5 += a0_5 * bv; }
                    { float bv = b5.V6; t0_6 += a0_5 * bv; }
                    { float bv = b5.V7; t0_7 += a0_5 * bv; }
                    { float bv = b5.V8; t0_8 += a0_5 * bv; }
                    { float bv = b5.V9; t0_9 += a0_5 * bv; }
                    { float bv = b5.V10; t0_10 += a0_5 * bv; }
                    { float bv = b5.V11; t0_11 += a0_5 * bv; }
                    { float bv = b5.V12; t0_12 += a0_5 * bv; }
                    { float bv = b5.V13; t0_13 += a0_5 * bv; }
                    { float bv = b5.V14; t0_14 += a0_5 * bv; }
                    { float bv = b5.V15; t0_15 += a0_5 * bv; }
                    { float bv = b6.V0; t0_0 += a0_6 * bv; }
                    { float bv = b6.V1; t0_1 += a0_6 * bv; }
                    { float bv = b6.V2; t0_2 += a0_6 * bv; }
                    { float bv = b6.V3; t0_3 += a0_6 * bv; }
                    { float bv = b6.V4; t0_4 += a0_6 * bv; }
                    { float bv = b6.V5; t0_5 += a0_6 * bv; }
                    { float bv = b6.V6; t0_6 += a0_6 * bv; }
                    { float bv = b6.V7; t0_7 += a0_6 * bv; }
                    { float bv = b6.V8; t0_8 += a0_6 * bv; }
                    { float bv = b6.V9; t0_9 += a0_6 * bv; }
                    { float bv = b6.V10; t0_10 += a0_6 * bv; }
                    { float bv = b6.V11; t0_11 += a0_6 * bv; }
                    { float bv = b6.V12; t0_12 += a0_6 * bv; }
                    { float bv = b6.V13; t0_13 += a0_6 * bv; }
                    { float bv = b6.V14; t0_14 += a0_6 * bv; }
                    { float bv = b6.V15; t0_15 += a0_6 * bv; }
                    { float bv = b7.V0; t0_0 += a0_7 * bv; }
                    { float bv = b7.V1; t0_1 += a0_7 * bv; }
                    { float bv = b7.V2; t0_2 += a0_7 * bv; }
                    { float bv = b7.V3; t0_3 += a0_7 * bv; }
                    { float bv = b7.V4; t0_4 += a0_7 * bv; }
                    { float bv = b7.V5; t0_5 += a0_7 * bv; }
                    { float bv = b7.V6; t0_6 += a0_7 * bv; }
                    { float bv = b7.V7; t0_7 += a0_7 * bv; }
                    { float bv = b7.V8; t0_8 += a0_7 * bv; }
                    { float bv = b7.V9; t0_9 += a0_7 * bv; }
                    { float bv = b7.V10; t0_10 += a0_7 * bv; }
                    { float bv = b7.V11; t0_11 += a0_7 * bv; }
                    { float bv = b7.V12; t0_12 += a0_7 * bv; }
                    { float bv = b7.V13; t0_13 += a0_7 * bv; }
                    { float bv = b7.V14; t0_14 += a0_7 * bv; }
                    { float bv = b7.V15; t0_15 += a0_7 * bv; }
                    c0_0 += t0_0; c0_1 += t0_1; c0_2 += t0_2; c0_3 += t0_3; c0_4 += t0_4; c0_5 += t0_5; c0_6 += t0_6; c0_7 += t0_7; c0_8 += t0_8; c0_9 += t0_9; c0_10 += t0_10; c0_11 += t0_11; c0_12 += t0_12; c0_13 += t0_13; c0_14 += t0_14; c0_15 += t0_15;
                }
                else
                {
                    ref F8 b0 = ref Unsafe.As<float, F8>(ref b[(long)(n0 + 0) * p.StrideBn + k0]);
                    ref F8 b1 = ref Unsafe.As<float, F8>(ref b[(long)(n0 + 1) * p.StrideBn + k0]);
                    ref F8 b2 = ref Unsafe.As<float, F8>(ref b[(long)(n0 + 2) * p.StrideBn + k0]);
                    ref F8 b3 = ref Unsafe.As<float, F8>(ref b[(long)(n0 + 3) * p.StrideBn + k0]);
                    ref F8 b4 = ref Unsafe.As<float, F8>(ref b[(long)(n0 + 4) * p.StrideBn + k0]);
                    ref F8 b5 = ref Unsafe.As<float, F8>(ref b[(long)(n0 + 5) * p.StrideBn + k0]);
                    ref F8 b6 = ref Unsafe.As<float, F8>(ref b[(long)(n0 + 6) * p.StrideBn + k0]);
                    ref F8 b7 = ref Unsafe.As<float, F8>(ref b[(long)(n0 + 7) * p.StrideBn + k0]);
                    ref F8 b8 = ref Unsafe.As<float, F8>(ref b[(long)(n0 + 8) * p.StrideBn + k0]);
                    ref F8 b9 = ref Unsafe.As<float, F8>(ref b[(long)(n0 + 9) * p.StrideBn + k0]);
                    ref F8 b10 = ref Unsafe.As<float, F8>(ref b[(long)(n0 + 10) * p.StrideBn + k0]);
                    ref F8 b11 = ref Unsafe.As<float, F8>(ref b[(long)(n0 + 11) * p.StrideBn + k0]);
                    ref F8 b12 = ref Unsafe.As<float, F8>(ref b[(long)(n0 + 12) * p.StrideBn + k0]);
                    ref F8 b13 = ref Unsafe.As<float, F8>(ref b[(long)(n0 + 13) * p.StrideBn + k0]);
                    ref F8 b14 = ref Unsafe.As<float, F8>(ref b[(long)(n0 + 14) * p.StrideBn + k0]);
                    ref F8 b15 = ref Unsafe.As<float, F8>(ref b[(long)(n0 + 15) * p.StrideBn + k0]);
                    float t0_0 = 0, t0_1 = 0, t0_2 = 0, t0_3 = 0, t0_4 = 0, t0_5 = 0, t0_6 = 0, t0_7 = 0, t0_8 = 0, t0_9 = 0, t0_10 = 0, t0_11 = 0, t0_12 = 0, t0_13 = 0, t0_14 = 0, t0_15 = 0;
                    { float bv = b0.V0; t0_0 += a0_0 * bv; }
                    { float bv = b1.V0; t0_1 += a0_0 * bv; }
                    { float bv = b2.V0; t0_2 += a0_0 * bv; }
                    { float bv = b3.V0; t0_3 += a0_0 * bv; }
                    { float bv = b4.V0; t0_4 += a0_0 * bv; }
                    { float bv = b5.V0; t0_5 += a0_0 * bv; }
                    { float bv = b6.V0; t0_6 += a0_0 * bv; }
                    { float bv = b7.V0; t0_7 += a0_0 * bv; }
                    { float bv = b8.V0; t0_8 += a0_0 * bv; }
                    { float bv = b9.V0; t0_9 += a0_0 * bv; }
                    { float bv = b10.V0; t0_10 += a0_0 * bv; }
                    { float bv = b11.V0; t0_11 += a0_0 * bv; }
                    { float bv = b12.V0; t0_12 += a0_0 * bv; }
                    { float bv = b13.V0; t0_13 += a0_0 * bv; }
                    { float bv = b14.V0; t0_14 += a0_0 * bv; }
                    { float bv = b15.V0; t0_15 += a0_0 * bv; }
                    { float bv = b0.V1; t0_0 += a0_1 * bv; }
                    { float bv = b1.V1; t0_1 += a0_1 * bv; }
                    { float bv = b2.V1; t0_2 += a0_1 * bv; }
                    { float bv = b3.V1; t0_3 += a0_1 * bv; }
                    { float bv = b4.V1; t0_4 += a0_1 * bv; }
                    { float bv = b5.V1; t0_5 += a0_1 * bv; }
                    { float bv = b6.V1; t0_6 += a0_1 * bv; }
                    { float bv = b7.V1; t0_7 += a0_1 * bv; }
                    { float bv = b8.V1; t0_8 += a0_1 * bv; }
                    { float bv = b9.V1; t0_9 += a0_1 * bv; }
                    { float bv = b10.V1; t0_10 += a0_1 * bv; }
                    { float bv = b11.V1; t0_11 += a0_1 * bv; }
                    { float bv = b12.V1; t0_12 += a0_1 * bv; }
                    { float bv = b13.V1; t0_13 += a0_1 * bv; }
                    { float bv = b14.V1; t0_14 += a0_1 * bv; }
                    { float bv = b15.V1; t0_15 += a0_1 * bv; }
                    { float bv = b0.V2; t0_0 += a0_2 * bv; }
                    { float bv = b1.V2; t0_1 += a0_2 * bv; }
                    { float bv = b2.V2; t0_2 += a0_2 * bv; }
                    { float bv = b3.V2; t0_3 += a0_2 * bv; }
                    { float bv = b4.V2; t0_4 += a0_2 * bv; }
                    { float bv = b5.V2; t0_5 += a0_2 * bv; }
                    { float bv = b6.V2; t0_6 += a0_2 * bv; }
                    { float bv = b7.V2; t0_7 += a0_2 * bv; }
                    { float bv = b8.V2; t0_8 += a0_2 * bv; }
                    { float bv = b9.V2; t0_9 += a0_2 * bv; }
                    { float bv = b10.V2; t0_10 += a0_2 * bv; }
                    { float bv = b11.V2; t0_11 += a0_2 * bv; }
                    { float bv = b12.V2; t0_12 += a0_2 * bv; }
                    { float bv = b13.V2; t0_13 += a0_2 * bv; }
                    { float bv = b14.V2; t0_14 += a0_2 * bv; }
                    { float bv = b15.V2; t0_15 += a0_2 * bv; }
                    { float bv = b0.V3; t0_0 += a0_3 * bv; }
                    { float bv = b1.V3; t0_1 += a0_3 * bv; }
                    { float bv = b2.V3; t0_2 += a0_3 * bv; }
                    { float bv = b3.V3; t0_3 += a0_3 * bv; }
                    { float bv = b4.V3; t0_4 += a0_3 * bv; }
                    { float bv = b5.V3; t0_5 += a0_3 * bv; }
                    { float bv = b6.V3; t0_6 += a0_3 * bv; }
                    { float bv = b7.V3; t0_7 += a0_3 * bv; }
                    { float bv = b8.V3; t0_8 += a0_3 * bv; }
                    { float bv = b9.V3; t0_9 += a0_3 * bv; }
                    { float bv = b10.V3; t0_10 += a0_3 * bv; }
                    { float bv = b11.V3; t0_11 += a0_3 * bv; }
                    { float bv = b12.V3; t0_12 += a0_3 * bv; }
                    { float bv = b13.V3; t0_13 += a0_3 * bv; }
                    { float bv = b14.V3; t0_14 += a0_3 * bv; }
                    { float bv = b15.V3; t0_15 += a0_3 * bv; }
                    { float bv = b0.V4; t0_0 += a0_4 * bv; }
                    { float bv = b1.V4; t0_1 += a0_4 * bv; }
                    { float bv = b2.V4; t0_2 += a0_4 * bv; }
                    { float bv = b3.V4; t0_3 += a0_4 * bv; }
                    { float bv = b4.V4; t0_4 += a0_4 * bv; }
                    { float bv = b5.V4; t0_5 += a0_4 * bv; }
                    { float bv = b6.V4; t0_6 += a0_4 * bv; }
                    { float bv = b7.V4; t0_7 += a0_4 * bv; }
                    { float bv = b8.V4; t0_8 += a0_4 * bv; }
                    { float bv = b9.V4; t0_9 += a0_4 * bv; }
                    { float bv = b10.V4; t0_10 += a0_4 * bv; }
                    { float bv = b11.V4; t0_11 += a0_4 * bv; }
                    { float bv = b12.V4; t0_12 += a0_4 * bv; }
                    { float bv = b13.V4; t0_13 += a0_4 * bv; }
                    { float bv = b14.V4; t0_14 += a0_4 * bv; }
                    { float bv = b15.V4; t0_15 += a0_4 * bv; }
                    { float bv = b0.V5; t0_0 += a0_5 * bv; }
                    { float bv = b1.V5; t0_1 += a0_5 * bv; }
                    { float bv = b2.V5; t0_2 += a0_5 * bv; }
                    { float bv = b3.V5; t0_3 += a0_5 * bv; }
                    { float bv = b4.V5; t0_4 += a0_5 * bv; }
                    { float bv = b5.V5; t0_5 += a0_5 * bv; }
                    { float bv = b6.V5; t0_6 += a0_5 * bv; }
                    { float bv = b7.V5; t0_7 += a0_5 * bv; }
                    { float bv = b8.V5; t0_8 += a0_5 * bv; }
                    { float bv = b9.V5; t0_9 += a0_5 * bv; }
                    { float bv = b10.V5; t0_10 += a0_5 * bv; }
                    { float bv = b11.V5; t0_11 += a0_5 * bv; }
                    { float bv = b12.V5; t0_12 += a0_5 * bv; }
                    { float bv = b13.V5; t0_13 += a0_5 * bv; }
                    { float bv = b14.V5; t0_14 += a0_5 * bv; }
                    { float bv = b15.V5; t0_15 += a0_5 * bv; }
                    { float bv = b0.V6; t0_0 += a0_6 * bv; }
                    { float bv = b1.V6; t0_1 += a0_6 * bv; }
                    { float bv = b2.V6; t0_2 += a0_6 * bv; }
                    { float bv = b3.V6; t0_3 += a0_6 * bv; }
                    { float bv = b4.V6; t0_4 += a0_6 * bv; }
                    { float bv = b5.V6; t0_5 += a0_6 * bv; }
                    { float bv = b6.V6; t0_6 += a0_6 * bv; }
                    { float bv = b7.V6; t0_7 += a0_6 * bv; }
                    { float bv = b8.V6; t0_8 += a0_6 * bv; }
                    { float bv = b9.V6; t0_9 += a0_6 * bv; }
                    { float bv = b10.V6; t0_10 += a0_6 * bv; }
                    { float bv = b11.V6; t0_11 += a0_6 * bv; }
                    { float bv = b12.V6; t0_12 += a0_6 * bv; }
                    { float bv = b13.V6; t0_13 += a0_6 * bv; }
                    { float bv = b14.V6; t0_14 += a0_6 * bv; }
                    { float bv = b15.V6; t0_15 += a0_6 * bv; }
                    { float bv = b0.V7; t0_0 += a0_7 * bv; }
                    { float bv = b1.V7; t0_1 += a0_7 * bv; }
                    { float bv = b2.V7; t0_2 += a0_7 * bv; }
                    { float bv = b3.V7; t0_3 += a0_7 * bv; }
                    { float bv = b4.V7; t0_4 += a0_7 * bv; }
                    { float bv = b5.V7; t0_5 += a0_7 * bv; }
                    { float bv = b6.V7; t0_6 += a0_7 * bv; }
                    { float bv = b7.V7; t0_7 += a0_7 * bv; }
                    { float bv = b8.V7; t0_8 += a0_7 * bv; }
                    { float bv = b9.V7; t0_9 += a0_7 * bv; }
                    { float bv = b10.V7; t0_10 += a0_7 * bv; }
                    { float bv = b11.V7; t0_11 += a0_7 * bv; }
                    { float bv = b12.V7; t0_12 += a0_7 * bv; }
                    { float bv = b13.V7; t0_13 += a0_7 * bv; }
                    { float bv = b14.V7; t0_14 += a0_7 * bv; }
                    { float bv = b15.V7; t0_15 += a0_7 * bv; }
                    c0_0 += t0_0; c0_1 += t0_1; c0_2 += t0_2; c0_3 += t0_3; c0_4 += t0_4; c0_5 += t0_5; c0_6 += t0_6; c0_7 += t0_7; c0_8 += t0_8; c0_9 += t0_9; c0_10 += t0_10; c0_11 += t0_11; c0_12 += t0_12; c0_13 += t0_13; c0_14 += t0_14; c0_15 += t0_15;
                }
            }
        }
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
        long akt = (long)k0 * p.StrideAk, bkt = (long)k0 * p.StrideBk;
        for (int k = k0; k < p.K; k++)
        {
            float a0 = a[ra0 + akt];
            { float bv = b[bkt + cb0]; c0_0 += a0 * bv; }
            { float bv = b[bkt + cb1]; c0_1 += a0 * bv; }
            { float bv = b[bkt + cb2]; c0_2 += a0 * bv; }
            { float bv = b[bkt + cb3]; c0_3 += a0 * bv; }
            { float bv = b[bkt + cb4]; c0_4 += a0 * bv; }
            { float bv = b[bkt + cb5]; c0_5 += a0 * bv; }
            { float bv = b[bkt + cb6]; c0_6 += a0 * bv; }
            { float bv = b[bkt + cb7]; c0_7 += a0 * bv; }
            { float bv = b[bkt + cb8]; c0_8 += a0 * bv; }
            { float bv = b[bkt + cb9]; c0_9 += a0 * bv; }
            { float bv = b[bkt + cb10]; c0_10 += a0 * bv; }
            { float bv = b[bkt + cb11]; c0_11 += a0 * bv; }
            { float bv = b[bkt + cb12]; c0_12 += a0 * bv; }
            { float bv = b[bkt + cb13]; c0_13 += a0 * bv; }
            { float bv = b[bkt + cb14]; c0_14 += a0 * bv; }
            { float bv = b[bkt + cb15]; c0_15 += a0 * bv; }
            akt += p.StrideAk;
            bkt += p.StrideBk;
        }
        if (m0 + 0 < p.M)
        {
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
        }
    }

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

    /// <summary>v10: v7 with 4 row pairs per item (8x8) and one F8 access per row of C in the epilogue</summary>
    static void V10(Index1D index, ArrayView<float> a, ArrayView<float> b, ArrayView<float> c,
        ArrayView<float> bias, GemmArgs p)
    {
        const int TM = 2, TN = 8, KC = 4, R = 4;
        int blocksN = (p.N + TN - 1) / TN;
        int mBase = index / blocksN * (TM * R);
        int n0 = index % blocksN * TN;
        int lastM = p.M - 1, lastN = p.N - 1;
        bool fullN = n0 + TN <= p.N;
        for (int r = 0; r < R; r++)
        {
            int m0 = mBase + r * TM;
            if (m0 >= p.M)
                return;
            long ra0 = (long)IntrinsicMath.Min(m0 + 0, lastM) * p.StrideAm;
            long ra1 = (long)IntrinsicMath.Min(m0 + 1, lastM) * p.StrideAm;
            float c00 = 0, c01 = 0, c02 = 0, c03 = 0, c04 = 0, c05 = 0, c06 = 0, c07 = 0;
            float c10 = 0, c11 = 0, c12 = 0, c13 = 0, c14 = 0, c15 = 0, c16 = 0, c17 = 0;
            int k0 = 0;
            if (fullN)
            {
                for (; k0 + KC <= p.K; k0 += KC)
                {
                    float a00, a01, a02, a03, a10, a11, a12, a13;
                    if (p.StrideAk == 1)
                    {
                        ref F4 ar0 = ref Unsafe.As<float, F4>(ref a[ra0 + k0]);
                        ref F4 ar1 = ref Unsafe.As<float, F4>(ref a[ra1 + k0]);
                        a00 = ar0.V0; a01 = ar0.V1; a02 = ar0.V2; a03 = ar0.V3;
                        a10 = ar1.V0; a11 = ar1.V1; a12 = ar1.V2; a13 = ar1.V3;
                    }
                    else
                    {
                        long ak = (long)k0 * p.StrideAk;
                        a00 = a[ra0 + ak]; a10 = a[ra1 + ak]; ak += p.StrideAk;
                        a01 = a[ra0 + ak]; a11 = a[ra1 + ak]; ak += p.StrideAk;
                        a02 = a[ra0 + ak]; a12 = a[ra1 + ak]; ak += p.StrideAk;
                        a03 = a[ra0 + ak]; a13 = a[ra1 + ak];
                    }
                    if (p.StrideBn == 1)
                    {
                        long bk = (long)k0 * p.StrideBk + n0;
                        ref F8 b0 = ref Unsafe.As<float, F8>(ref b[bk]);
                        ref F8 b1 = ref Unsafe.As<float, F8>(ref b[bk + 1 * (long)p.StrideBk]);
                        ref F8 b2 = ref Unsafe.As<float, F8>(ref b[bk + 2 * (long)p.StrideBk]);
                        ref F8 b3 = ref Unsafe.As<float, F8>(ref b[bk + 3 * (long)p.StrideBk]);
                        // Partial sums of this chunk: not live across the checked loads above, so they stay in registers.
                        float t00 = 0, t01 = 0, t02 = 0, t03 = 0, t04 = 0, t05 = 0, t06 = 0, t07 = 0;
                        float t10 = 0, t11 = 0, t12 = 0, t13 = 0, t14 = 0, t15 = 0, t16 = 0, t17 = 0;
                        { float bv = b0.V0; t00 += a00 * bv; t10 += a10 * bv; }
                        { float bv = b0.V1; t01 += a00 * bv; t11 += a10 * bv; }
                        { float bv = b0.V2; t02 += a00 * bv; t12 += a10 * bv; }
                        { float bv = b0.V3; t03 += a00 * bv; t13 += a10 * bv; }
                        { float bv = b0.V4; t04 += a00 * bv; t14 += a10 * bv; }
                        { float bv = b0.V5; t05 += a00 * bv; t15 += a10 * bv; }
                        { float bv = b0.V6; t06 += a00 * bv; t16 += a10 * bv; }
                        { float bv = b0.V7; t07 += a00 * bv; t17 += a10 * bv; }
                        { float bv = b1.V0; t00 += a01 * bv; t10 += a11 * bv; }
                        { float bv = b1.V1; t01 += a01 * bv; t11 += a11 * bv; }
                        { float bv = b1.V2; t02 += a01 * bv; t12 += a11 * bv; }
                        { float bv = b1.V3; t03 += a01 * bv; t13 += a11 * bv; }
                        { float bv = b1.V4; t04 += a01 * bv; t14 += a11 * bv; }
                        { float bv = b1.V5; t05 += a01 * bv; t15 += a11 * bv; }
                        { float bv = b1.V6; t06 += a01 * bv; t16 += a11 * bv; }
                        { float bv = b1.V7; t07 += a01 * bv; t17 += a11 * bv; }
                        { float bv = b2.V0; t00 += a02 * bv; t10 += a12 * bv; }
                        { float bv = b2.V1; t01 += a02 * bv; t11 += a12 * bv; }
                        { float bv = b2.V2; t02 += a02 * bv; t12 += a12 * bv; }
                        { float bv = b2.V3; t03 += a02 * bv; t13 += a12 * bv; }
                        { float bv = b2.V4; t04 += a02 * bv; t14 += a12 * bv; }
                        { float bv = b2.V5; t05 += a02 * bv; t15 += a12 * bv; }
                        { float bv = b2.V6; t06 += a02 * bv; t16 += a12 * bv; }
                        { float bv = b2.V7; t07 += a02 * bv; t17 += a12 * bv; }
                        { float bv = b3.V0; t00 += a03 * bv; t10 += a13 * bv; }
                        { float bv = b3.V1; t01 += a03 * bv; t11 += a13 * bv; }
                        { float bv = b3.V2; t02 += a03 * bv; t12 += a13 * bv; }
                        { float bv = b3.V3; t03 += a03 * bv; t13 += a13 * bv; }
                        { float bv = b3.V4; t04 += a03 * bv; t14 += a13 * bv; }
                        { float bv = b3.V5; t05 += a03 * bv; t15 += a13 * bv; }
                        { float bv = b3.V6; t06 += a03 * bv; t16 += a13 * bv; }
                        { float bv = b3.V7; t07 += a03 * bv; t17 += a13 * bv; }
                        c00 += t00; c01 += t01; c02 += t02; c03 += t03; c04 += t04; c05 += t05; c06 += t06; c07 += t07;
                        c10 += t10; c11 += t11; c12 += t12; c13 += t13; c14 += t14; c15 += t15; c16 += t16; c17 += t17;
                    }
                    else
                    {
                        long bn = (long)n0 * p.StrideBn + k0;
                        ref F4 b0 = ref Unsafe.As<float, F4>(ref b[bn]);
                        ref F4 b1 = ref Unsafe.As<float, F4>(ref b[bn + 1 * (long)p.StrideBn]);
                        ref F4 b2 = ref Unsafe.As<float, F4>(ref b[bn + 2 * (long)p.StrideBn]);
                        ref F4 b3 = ref Unsafe.As<float, F4>(ref b[bn + 3 * (long)p.StrideBn]);
                        ref F4 b4 = ref Unsafe.As<float, F4>(ref b[bn + 4 * (long)p.StrideBn]);
                        ref F4 b5 = ref Unsafe.As<float, F4>(ref b[bn + 5 * (long)p.StrideBn]);
                        ref F4 b6 = ref Unsafe.As<float, F4>(ref b[bn + 6 * (long)p.StrideBn]);
                        ref F4 b7 = ref Unsafe.As<float, F4>(ref b[bn + 7 * (long)p.StrideBn]);
                        // Partial sums of this chunk: not live across the checked loads above, so they stay in registers.
                        float t00 = 0, t01 = 0, t02 = 0, t03 = 0, t04 = 0, t05 = 0, t06 = 0, t07 = 0;
                        float t10 = 0, t11 = 0, t12 = 0, t13 = 0, t14 = 0, t15 = 0, t16 = 0, t17 = 0;
                        { float bv = b0.V0; t00 += a00 * bv; t10 += a10 * bv; }
                        { float bv = b1.V0; t01 += a00 * bv; t11 += a10 * bv; }
                        { float bv = b2.V0; t02 += a00 * bv; t12 += a10 * bv; }
                        { float bv = b3.V0; t03 += a00 * bv; t13 += a10 * bv; }
                        { float bv = b4.V0; t04 += a00 * bv; t14 += a10 * bv; }
                        { float bv = b5.V0; t05 += a00 * bv; t15 += a10 * bv; }
                        { float bv = b6.V0; t06 += a00 * bv; t16 += a10 * bv; }
                        { float bv = b7.V0; t07 += a00 * bv; t17 += a10 * bv; }
                        { float bv = b0.V1; t00 += a01 * bv; t10 += a11 * bv; }
                        { float bv = b1.V1; t01 += a01 * bv; t11 += a11 * bv; }
                        { float bv = b2.V1; t02 += a01 * bv; t12 += a11 * bv; }
                        { float bv = b3.V1; t03 += a01 * bv; t13 += a11 * bv; }
                        { float bv = b4.V1; t04 += a01 * bv; t14 += a11 * bv; }
                        { float bv = b5.V1; t05 += a01 * bv; t15 += a11 * bv; }
                        { float bv = b6.V1; t06 += a01 * bv; t16 += a11 * bv; }
                        { float bv = b7.V1; t07 += a01 * bv; t17 += a11 * bv; }
                        { float bv = b0.V2; t00 += a02 * bv; t10 += a12 * bv; }
                        { float bv = b1.V2; t01 += a02 * bv; t11 += a12 * bv; }
                        { float bv = b2.V2; t02 += a02 * bv; t12 += a12 * bv; }
                        { float bv = b3.V2; t03 += a02 * bv; t13 += a12 * bv; }
                        { float bv = b4.V2; t04 += a02 * bv; t14 += a12 * bv; }
                        { float bv = b5.V2; t05 += a02 * bv; t15 += a12 * bv; }
                        { float bv = b6.V2; t06 += a02 * bv; t16 += a12 * bv; }
                        { float bv = b7.V2; t07 += a02 * bv; t17 += a12 * bv; }
                        { float bv = b0.V3; t00 += a03 * bv; t10 += a13 * bv; }
                        { float bv = b1.V3; t01 += a03 * bv; t11 += a13 * bv; }
                        { float bv = b2.V3; t02 += a03 * bv; t12 += a13 * bv; }
                        { float bv = b3.V3; t03 += a03 * bv; t13 += a13 * bv; }
                        { float bv = b4.V3; t04 += a03 * bv; t14 += a13 * bv; }
                        { float bv = b5.V3; t05 += a03 * bv; t15 += a13 * bv; }
                        { float bv = b6.V3; t06 += a03 * bv; t16 += a13 * bv; }
                        { float bv = b7.V3; t07 += a03 * bv; t17 += a13 * bv; }
                        c00 += t00; c01 += t01; c02 += t02; c03 += t03; c04 += t04; c05 += t05; c06 += t06; c07 += t07;
                        c10 += t10; c11 += t11; c12 += t12; c13 += t13; c14 += t14; c15 += t15; c16 += t16; c17 += t17;
                    }
                }
            }
            // K remainder, or all of K for a partial column block: clamped scalar loads.
            long cb0 = (long)IntrinsicMath.Min(n0 + 0, lastN) * p.StrideBn;
            long cb1 = (long)IntrinsicMath.Min(n0 + 1, lastN) * p.StrideBn;
            long cb2 = (long)IntrinsicMath.Min(n0 + 2, lastN) * p.StrideBn;
            long cb3 = (long)IntrinsicMath.Min(n0 + 3, lastN) * p.StrideBn;
            long cb4 = (long)IntrinsicMath.Min(n0 + 4, lastN) * p.StrideBn;
            long cb5 = (long)IntrinsicMath.Min(n0 + 5, lastN) * p.StrideBn;
            long cb6 = (long)IntrinsicMath.Min(n0 + 6, lastN) * p.StrideBn;
            long cb7 = (long)IntrinsicMath.Min(n0 + 7, lastN) * p.StrideBn;
            long akt = (long)k0 * p.StrideAk, bkt = (long)k0 * p.StrideBk;
            for (int k = k0; k < p.K; k++)
            {
                float a0 = a[ra0 + akt]; float a1 = a[ra1 + akt];
                { float bv = b[bkt + cb0]; c00 += a0 * bv; c10 += a1 * bv; }
                { float bv = b[bkt + cb1]; c01 += a0 * bv; c11 += a1 * bv; }
                { float bv = b[bkt + cb2]; c02 += a0 * bv; c12 += a1 * bv; }
                { float bv = b[bkt + cb3]; c03 += a0 * bv; c13 += a1 * bv; }
                { float bv = b[bkt + cb4]; c04 += a0 * bv; c14 += a1 * bv; }
                { float bv = b[bkt + cb5]; c05 += a0 * bv; c15 += a1 * bv; }
                { float bv = b[bkt + cb6]; c06 += a0 * bv; c16 += a1 * bv; }
                { float bv = b[bkt + cb7]; c07 += a0 * bv; c17 += a1 * bv; }
                akt += p.StrideAk;
                bkt += p.StrideBk;
            }
            if (fullN)
            {
                float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
                if (p.HasBias != 0)
                {
                    ref F8 bb = ref Unsafe.As<float, F8>(ref bias[n0]);
                    s0 = bb.V0; s1 = bb.V1; s2 = bb.V2; s3 = bb.V3; s4 = bb.V4; s5 = bb.V5; s6 = bb.V6; s7 = bb.V7;
                }
                if (m0 + 0 < p.M)
                {
                    ref F8 cr = ref Unsafe.As<float, F8>(ref c[(long)(m0 + 0) * p.Ldc + n0]);
                    if (p.Beta != 0f)
                    {
                        cr.V0 = p.Alpha * c00 + p.Beta * cr.V0 + s0;
                        cr.V1 = p.Alpha * c01 + p.Beta * cr.V1 + s1;
                        cr.V2 = p.Alpha * c02 + p.Beta * cr.V2 + s2;
                        cr.V3 = p.Alpha * c03 + p.Beta * cr.V3 + s3;
                        cr.V4 = p.Alpha * c04 + p.Beta * cr.V4 + s4;
                        cr.V5 = p.Alpha * c05 + p.Beta * cr.V5 + s5;
                        cr.V6 = p.Alpha * c06 + p.Beta * cr.V6 + s6;
                        cr.V7 = p.Alpha * c07 + p.Beta * cr.V7 + s7;
                    }
                    else
                    {
                        cr.V0 = p.Alpha * c00 + s0;
                        cr.V1 = p.Alpha * c01 + s1;
                        cr.V2 = p.Alpha * c02 + s2;
                        cr.V3 = p.Alpha * c03 + s3;
                        cr.V4 = p.Alpha * c04 + s4;
                        cr.V5 = p.Alpha * c05 + s5;
                        cr.V6 = p.Alpha * c06 + s6;
                        cr.V7 = p.Alpha * c07 + s7;
                    }
                }
                if (m0 + 1 < p.M)
                {
                    ref F8 cr = ref Unsafe.As<float, F8>(ref c[(long)(m0 + 1) * p.Ldc + n0]);
                    if (p.Beta != 0f)
                    {
                        cr.V0 = p.Alpha * c10 + p.Beta * cr.V0 + s0;
                        cr.V1 = p.Alpha * c11 + p.Beta * cr.V1 + s1;
                        cr.V2 = p.Alpha * c12 + p.Beta * cr.V2 + s2;
                        cr.V3 = p.Alpha * c13 + p.Beta * cr.V3 + s3;
                        cr.V4 = p.Alpha * c14 + p.Beta * cr.V4 + s4;
                        cr.V5 = p.Alpha * c15 + p.Beta * cr.V5 + s5;
                        cr.V6 = p.Alpha * c16 + p.Beta * cr.V6 + s6;
                        cr.V7 = p.Alpha * c17 + p.Beta * cr.V7 + s7;
                    }
                    else
                    {
                        cr.V0 = p.Alpha * c10 + s0;
                        cr.V1 = p.Alpha * c11 + s1;
                        cr.V2 = p.Alpha * c12 + s2;
                        cr.V3 = p.Alpha * c13 + s3;
                        cr.V4 = p.Alpha * c14 + s4;
                        cr.V5 = p.Alpha * c15 + s5;
                        cr.V6 = p.Alpha * c16 + s6;
                        cr.V7 = p.Alpha * c17 + s7;
                    }
                }
            }
            else
            {
                Store(c, bias, p, m0 + 0, n0 + 0, c00);
                Store(c, bias, p, m0 + 0, n0 + 1, c01);
                Store(c, bias, p, m0 + 0, n0 + 2, c02);
                Store(c, bias, p, m0 + 0, n0 + 3, c03);
                Store(c, bias, p, m0 + 0, n0 + 4, c04);
                Store(c, bias, p, m0 + 0, n0 + 5, c05);
                Store(c, bias, p, m0 + 0, n0 + 6, c06);
                Store(c, bias, p, m0 + 0, n0 + 7, c07);
                Store(c, bias, p, m0 + 1, n0 + 0, c10);
                Store(c, bias, p, m0 + 1, n0 + 1, c11);
                Store(c, bias, p, m0 + 1, n0 + 2, c12);
                Store(c, bias, p, m0 + 1, n0 + 3, c13);
                Store(c, bias, p, m0 + 1, n0 + 4, c14);
                Store(c, bias, p, m0 + 1, n0 + 5, c15);
                Store(c, bias, p, m0 + 1, n0 + 6, c16);
                Store(c, bias, p, m0 + 1, n0 + 7, c17);
            }
        }
    }

    /// <summary>v11: v7 with the F8 epilogue only</summary>
    static void V11(Index1D index, ArrayView<float> a, ArrayView<float> b, ArrayView<float> c,
        ArrayView<float> bias, GemmArgs p)
    {
        const int TM = 2, TN = 8, KC = 4, R = 1;
        int blocksN = (p.N + TN - 1) / TN;
        int mBase = index / blocksN * (TM * R);
        int n0 = index % blocksN * TN;
        int lastM = p.M - 1, lastN = p.N - 1;
        bool fullN = n0 + TN <= p.N;
        for (int r = 0; r < R; r++)
        {
            int m0 = mBase + r * TM;
            if (m0 >= p.M)
                return;
            long ra0 = (long)IntrinsicMath.Min(m0 + 0, lastM) * p.StrideAm;
            long ra1 = (long)IntrinsicMath.Min(m0 + 1, lastM) * p.StrideAm;
            float c00 = 0, c01 = 0, c02 = 0, c03 = 0, c04 = 0, c05 = 0, c06 = 0, c07 = 0;
            float c10 = 0, c11 = 0, c12 = 0, c13 = 0, c14 = 0, c15 = 0, c16 = 0, c17 = 0;
            int k0 = 0;
            if (fullN)
            {
                for (; k0 + KC <= p.K; k0 += KC)
                {
                    float a00, a01, a02, a03, a10, a11, a12, a13;
                    if (p.StrideAk == 1)
                    {
                        ref F4 ar0 = ref Unsafe.As<float, F4>(ref a[ra0 + k0]);
                        ref F4 ar1 = ref Unsafe.As<float, F4>(ref a[ra1 + k0]);
                        a00 = ar0.V0; a01 = ar0.V1; a02 = ar0.V2; a03 = ar0.V3;
                        a10 = ar1.V0; a11 = ar1.V1; a12 = ar1.V2; a13 = ar1.V3;
                    }
                    else
                    {
                        long ak = (long)k0 * p.StrideAk;
                        a00 = a[ra0 + ak]; a10 = a[ra1 + ak]; ak += p.StrideAk;
                        a01 = a[ra0 + ak]; a11 = a[ra1 + ak]; ak += p.StrideAk;
                        a02 = a[ra0 + ak]; a12 = a[ra1 + ak]; ak += p.StrideAk;
                        a03 = a[ra0 + ak]; a13 = a[ra1 + ak];
                    }
                    if (p.StrideBn == 1)
                    {
                        long bk = (long)k0 * p.StrideBk + n0;
                        ref F8 b0 = ref Unsafe.As<float, F8>(ref b[bk]);
                        ref F8 b1 = ref Unsafe.As<float, F8>(ref b[bk + 1 * (long)p.StrideBk]);
                        ref F8 b2 = ref Unsafe.As<float, F8>(ref b[bk + 2 * (long)p.StrideBk]);
                        ref F8 b3 = ref Unsafe.As<float, F8>(ref b[bk + 3 * (long)p.StrideBk]);
                        // Partial sums of this chunk: not live across the checked loads above, so they stay in registers.
                        float t00 = 0, t01 = 0, t02 = 0, t03 = 0, t04 = 0, t05 = 0, t06 = 0, t07 = 0;
                        float t10 = 0, t11 = 0, t12 = 0, t13 = 0, t14 = 0, t15 = 0, t16 = 0, t17 = 0;
                        { float bv = b0.V0; t00 += a00 * bv; t10 += a10 * bv; }
                        { float bv = b0.V1; t01 += a00 * bv; t11 += a10 * bv; }
                        { float bv = b0.V2; t02 += a00 * bv; t12 += a10 * bv; }
                        { float bv = b0.V3; t03 += a00 * bv; t13 += a10 * bv; }
                        { float bv = b0.V4; t04 += a00 * bv; t14 += a10 * bv; }
                        { float bv = b0.V5; t05 += a00 * bv; t15 += a10 * bv; }
                        { float bv = b0.V6; t06 += a00 * bv; t16 += a10 * bv; }
                        { float bv = b0.V7; t07 += a00 * bv; t17 += a10 * bv; }
                        { float bv = b1.V0; t00 += a01 * bv; t10 += a11 * bv; }
                        { float bv = b1.V1; t01 += a01 * bv; t11 += a11 * bv; }
                        { float bv = b1.V2; t02 += a01 * bv; t12 += a11 * bv; }
                        { float bv = b1.V3; t03 += a01 * bv; t13 += a11 * bv; }
                        { float bv = b1.V4; t04 += a01 * bv; t14 += a11 * bv; }
                        { float bv = b1.V5; t05 += a01 * bv; t15 += a11 * bv; }
                        { float bv = b1.V6; t06 += a01 * bv; t16 += a11 * bv; }
                        { float bv = b1.V7; t07 += a01 * bv; t17 += a11 * bv; }
                        { float bv = b2.V0; t00 += a02 * bv; t10 += a12 * bv; }
                        { float bv = b2.V1; t01 += a02 * bv; t11 += a12 * bv; }
                        { float bv = b2.V2; t02 += a02 * bv; t12 += a12 * bv; }
                        { float bv = b2.V3; t03 += a02 * bv; t13 += a12 * bv; }
                        { float bv = b2.V4; t04 += a02 * bv; t14 += a12 * bv; }
                        { float bv = b2.V5; t05 += a02 * bv; t15 += a12 * bv; }
                        { float bv = b2.V6; t06 += a02 * bv; t16 += a12 * bv; }
                        { float bv = b2.V7; t07 += a02 * bv; t17 += a12 * bv; }
                        { float bv = b3.V0; t00 += a03 * bv; t10 += a13 * bv; }
                        { float bv = b3.V1; t01 += a03 * bv; t11 += a13 * bv; }
                        { float bv = b3.V2; t02 += a03 * bv; t12 += a13 * bv; }
                        { float bv = b3.V3; t03 += a03 * bv; t13 += a13 * bv; }
                        { float bv = b3.V4; t04 += a03 * bv; t14 += a13 * bv; }
                        { float bv = b3.V5; t05 += a03 * bv; t15 += a13 * bv; }
                        { float bv = b3.V6; t06 += a03 * bv; t16 += a13 * bv; }
                        { float bv = b3.V7; t07 += a03 * bv; t17 += a13 * bv; }
                        c00 += t00; c01 += t01; c02 += t02; c03 += t03; c04 += t04; c05 += t05; c06 += t06; c07 += t07;
                        c10 += t10; c11 += t11; c12 += t12; c13 += t13; c14 += t14; c15 += t15; c16 += t16; c17 += t17;
                    }
                    else
                    {
                        long bn = (long)n0 * p.StrideBn + k0;
                        ref F4 b0 = ref Unsafe.As<float, F4>(ref b[bn]);
                        ref F4 b1 = ref Unsafe.As<float, F4>(ref b[bn + 1 * (long)p.StrideBn]);
                        ref F4 b2 = ref Unsafe.As<float, F4>(ref b[bn + 2 * (long)p.StrideBn]);
                        ref F4 b3 = ref Unsafe.As<float, F4>(ref b[bn + 3 * (long)p.StrideBn]);
                        ref F4 b4 = ref Unsafe.As<float, F4>(ref b[bn + 4 * (long)p.StrideBn]);
                        ref F4 b5 = ref Unsafe.As<float, F4>(ref b[bn + 5 * (long)p.StrideBn]);
                        ref F4 b6 = ref Unsafe.As<float, F4>(ref b[bn + 6 * (long)p.StrideBn]);
                        ref F4 b7 = ref Unsafe.As<float, F4>(ref b[bn + 7 * (long)p.StrideBn]);
                        // Partial sums of this chunk: not live across the checked loads above, so they stay in registers.
                        float t00 = 0, t01 = 0, t02 = 0, t03 = 0, t04 = 0, t05 = 0, t06 = 0, t07 = 0;
                        float t10 = 0, t11 = 0, t12 = 0, t13 = 0, t14 = 0, t15 = 0, t16 = 0, t17 = 0;
                        { float bv = b0.V0; t00 += a00 * bv; t10 += a10 * bv; }
                        { float bv = b1.V0; t01 += a00 * bv; t11 += a10 * bv; }
                        { float bv = b2.V0; t02 += a00 * bv; t12 += a10 * bv; }
                        { float bv = b3.V0; t03 += a00 * bv; t13 += a10 * bv; }
                        { float bv = b4.V0; t04 += a00 * bv; t14 += a10 * bv; }
                        { float bv = b5.V0; t05 += a00 * bv; t15 += a10 * bv; }
                        { float bv = b6.V0; t06 += a00 * bv; t16 += a10 * bv; }
                        { float bv = b7.V0; t07 += a00 * bv; t17 += a10 * bv; }
                        { float bv = b0.V1; t00 += a01 * bv; t10 += a11 * bv; }
                        { float bv = b1.V1; t01 += a01 * bv; t11 += a11 * bv; }
                        { float bv = b2.V1; t02 += a01 * bv; t12 += a11 * bv; }
                        { float bv = b3.V1; t03 += a01 * bv; t13 += a11 * bv; }
                        { float bv = b4.V1; t04 += a01 * bv; t14 += a11 * bv; }
                        { float bv = b5.V1; t05 += a01 * bv; t15 += a11 * bv; }
                        { float bv = b6.V1; t06 += a01 * bv; t16 += a11 * bv; }
                        { float bv = b7.V1; t07 += a01 * bv; t17 += a11 * bv; }
                        { float bv = b0.V2; t00 += a02 * bv; t10 += a12 * bv; }
                        { float bv = b1.V2; t01 += a02 * bv; t11 += a12 * bv; }
                        { float bv = b2.V2; t02 += a02 * bv; t12 += a12 * bv; }
                        { float bv = b3.V2; t03 += a02 * bv; t13 += a12 * bv; }
                        { float bv = b4.V2; t04 += a02 * bv; t14 += a12 * bv; }
                        { float bv = b5.V2; t05 += a02 * bv; t15 += a12 * bv; }
                        { float bv = b6.V2; t06 += a02 * bv; t16 += a12 * bv; }
                        { float bv = b7.V2; t07 += a02 * bv; t17 += a12 * bv; }
                        { float bv = b0.V3; t00 += a03 * bv; t10 += a13 * bv; }
                        { float bv = b1.V3; t01 += a03 * bv; t11 += a13 * bv; }
                        { float bv = b2.V3; t02 += a03 * bv; t12 += a13 * bv; }
                        { float bv = b3.V3; t03 += a03 * bv; t13 += a13 * bv; }
                        { float bv = b4.V3; t04 += a03 * bv; t14 += a13 * bv; }
                        { float bv = b5.V3; t05 += a03 * bv; t15 += a13 * bv; }
                        { float bv = b6.V3; t06 += a03 * bv; t16 += a13 * bv; }
                        { float bv = b7.V3; t07 += a03 * bv; t17 += a13 * bv; }
                        c00 += t00; c01 += t01; c02 += t02; c03 += t03; c04 += t04; c05 += t05; c06 += t06; c07 += t07;
                        c10 += t10; c11 += t11; c12 += t12; c13 += t13; c14 += t14; c15 += t15; c16 += t16; c17 += t17;
                    }
                }
            }
            // K remainder, or all of K for a partial column block: clamped scalar loads.
            long cb0 = (long)IntrinsicMath.Min(n0 + 0, lastN) * p.StrideBn;
            long cb1 = (long)IntrinsicMath.Min(n0 + 1, lastN) * p.StrideBn;
            long cb2 = (long)IntrinsicMath.Min(n0 + 2, lastN) * p.StrideBn;
            long cb3 = (long)IntrinsicMath.Min(n0 + 3, lastN) * p.StrideBn;
            long cb4 = (long)IntrinsicMath.Min(n0 + 4, lastN) * p.StrideBn;
            long cb5 = (long)IntrinsicMath.Min(n0 + 5, lastN) * p.StrideBn;
            long cb6 = (long)IntrinsicMath.Min(n0 + 6, lastN) * p.StrideBn;
            long cb7 = (long)IntrinsicMath.Min(n0 + 7, lastN) * p.StrideBn;
            long akt = (long)k0 * p.StrideAk, bkt = (long)k0 * p.StrideBk;
            for (int k = k0; k < p.K; k++)
            {
                float a0 = a[ra0 + akt]; float a1 = a[ra1 + akt];
                { float bv = b[bkt + cb0]; c00 += a0 * bv; c10 += a1 * bv; }
                { float bv = b[bkt + cb1]; c01 += a0 * bv; c11 += a1 * bv; }
                { float bv = b[bkt + cb2]; c02 += a0 * bv; c12 += a1 * bv; }
                { float bv = b[bkt + cb3]; c03 += a0 * bv; c13 += a1 * bv; }
                { float bv = b[bkt + cb4]; c04 += a0 * bv; c14 += a1 * bv; }
                { float bv = b[bkt + cb5]; c05 += a0 * bv; c15 += a1 * bv; }
                { float bv = b[bkt + cb6]; c06 += a0 * bv; c16 += a1 * bv; }
                { float bv = b[bkt + cb7]; c07 += a0 * bv; c17 += a1 * bv; }
                akt += p.StrideAk;
                bkt += p.StrideBk;
            }
            if (fullN)
            {
                float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
                if (p.HasBias != 0)
                {
                    ref F8 bb = ref Unsafe.As<float, F8>(ref bias[n0]);
                    s0 = bb.V0; s1 = bb.V1; s2 = bb.V2; s3 = bb.V3; s4 = bb.V4; s5 = bb.V5; s6 = bb.V6; s7 = bb.V7;
                }
                if (m0 + 0 < p.M)
                {
                    ref F8 cr = ref Unsafe.As<float, F8>(ref c[(long)(m0 + 0) * p.Ldc + n0]);
                    if (p.Beta != 0f)
                    {
                        cr.V0 = p.Alpha * c00 + p.Beta * cr.V0 + s0;
                        cr.V1 = p.Alpha * c01 + p.Beta * cr.V1 + s1;
                        cr.V2 = p.Alpha * c02 + p.Beta * cr.V2 + s2;
                        cr.V3 = p.Alpha * c03 + p.Beta * cr.V3 + s3;
                        cr.V4 = p.Alpha * c04 + p.Beta * cr.V4 + s4;
                        cr.V5 = p.Alpha * c05 + p.Beta * cr.V5 + s5;
                        cr.V6 = p.Alpha * c06 + p.Beta * cr.V6 + s6;
                        cr.V7 = p.Alpha * c07 + p.Beta * cr.V7 + s7;
                    }
                    else
                    {
                        cr.V0 = p.Alpha * c00 + s0;
                        cr.V1 = p.Alpha * c01 + s1;
                        cr.V2 = p.Alpha * c02 + s2;
                        cr.V3 = p.Alpha * c03 + s3;
                        cr.V4 = p.Alpha * c04 + s4;
                        cr.V5 = p.Alpha * c05 + s5;
                        cr.V6 = p.Alpha * c06 + s6;
                        cr.V7 = p.Alpha * c07 + s7;
                    }
                }
                if (m0 + 1 < p.M)
                {
                    ref F8 cr = ref Unsafe.As<float, F8>(ref c[(long)(m0 + 1) * p.Ldc + n0]);
                    if (p.Beta != 0f)
                    {
                        cr.V0 = p.Alpha * c10 + p.Beta * cr.V0 + s0;
                        cr.V1 = p.Alpha * c11 + p.Beta * cr.V1 + s1;
                        cr.V2 = p.Alpha * c12 + p.Beta * cr.V2 + s2;
                        cr.V3 = p.Alpha * c13 + p.Beta * cr.V3 + s3;
                        cr.V4 = p.Alpha * c14 + p.Beta * cr.V4 + s4;
                        cr.V5 = p.Alpha * c15 + p.Beta * cr.V5 + s5;
                        cr.V6 = p.Alpha * c16 + p.Beta * cr.V6 + s6;
                        cr.V7 = p.Alpha * c17 + p.Beta * cr.V7 + s7;
                    }
                    else
                    {
                        cr.V0 = p.Alpha * c10 + s0;
                        cr.V1 = p.Alpha * c11 + s1;
                        cr.V2 = p.Alpha * c12 + s2;
                        cr.V3 = p.Alpha * c13 + s3;
                        cr.V4 = p.Alpha * c14 + s4;
                        cr.V5 = p.Alpha * c15 + s5;
                        cr.V6 = p.Alpha * c16 + s6;
                        cr.V7 = p.Alpha * c17 + s7;
                    }
                }
            }
            else
            {
                Store(c, bias, p, m0 + 0, n0 + 0, c00);
                Store(c, bias, p, m0 + 0, n0 + 1, c01);
                Store(c, bias, p, m0 + 0, n0 + 2, c02);
                Store(c, bias, p, m0 + 0, n0 + 3, c03);
                Store(c, bias, p, m0 + 0, n0 + 4, c04);
                Store(c, bias, p, m0 + 0, n0 + 5, c05);
                Store(c, bias, p, m0 + 0, n0 + 6, c06);
                Store(c, bias, p, m0 + 0, n0 + 7, c07);
                Store(c, bias, p, m0 + 1, n0 + 0, c10);
                Store(c, bias, p, m0 + 1, n0 + 1, c11);
                Store(c, bias, p, m0 + 1, n0 + 2, c12);
                Store(c, bias, p, m0 + 1, n0 + 3, c13);
                Store(c, bias, p, m0 + 1, n0 + 4, c14);
                Store(c, bias, p, m0 + 1, n0 + 5, c15);
                Store(c, bias, p, m0 + 1, n0 + 6, c16);
                Store(c, bias, p, m0 + 1, n0 + 7, c17);
            }
        }
    }

    /// <summary>v12: v10 with the scalar epilogue</summary>
    static void V12(Index1D index, ArrayView<float> a, ArrayView<float> b, ArrayView<float> c,
        ArrayView<float> bias, GemmArgs p)
    {
        const int TM = 2, TN = 8, KC = 4, R = 4;
        int blocksN = (p.N + TN - 1) / TN;
        int mBase = index / blocksN * (TM * R);
        int n0 = index % blocksN * TN;
        int lastM = p.M - 1, lastN = p.N - 1;
        bool fullN = n0 + TN <= p.N;
        for (int r = 0; r < R; r++)
        {
            int m0 = mBase + r * TM;
            if (m0 >= p.M)
                return;
            long ra0 = (long)IntrinsicMath.Min(m0 + 0, lastM) * p.StrideAm;
            long ra1 = (long)IntrinsicMath.Min(m0 + 1, lastM) * p.StrideAm;
            float c00 = 0, c01 = 0, c02 = 0, c03 = 0, c04 = 0, c05 = 0, c06 = 0, c07 = 0;
            float c10 = 0, c11 = 0, c12 = 0, c13 = 0, c14 = 0, c15 = 0, c16 = 0, c17 = 0;
            int k0 = 0;
            if (fullN)
            {
                for (; k0 + KC <= p.K; k0 += KC)
                {
                    float a00, a01, a02, a03, a10, a11, a12, a13;
                    if (p.StrideAk == 1)
                    {
                        ref F4 ar0 = ref Unsafe.As<float, F4>(ref a[ra0 + k0]);
                        ref F4 ar1 = ref Unsafe.As<float, F4>(ref a[ra1 + k0]);
                        a00 = ar0.V0; a01 = ar0.V1; a02 = ar0.V2; a03 = ar0.V3;
                        a10 = ar1.V0; a11 = ar1.V1; a12 = ar1.V2; a13 = ar1.V3;
                    }
                    else
                    {
                        long ak = (long)k0 * p.StrideAk;
                        a00 = a[ra0 + ak]; a10 = a[ra1 + ak]; ak += p.StrideAk;
                        a01 = a[ra0 + ak]; a11 = a[ra1 + ak]; ak += p.StrideAk;
                        a02 = a[ra0 + ak]; a12 = a[ra1 + ak]; ak += p.StrideAk;
                        a03 = a[ra0 + ak]; a13 = a[ra1 + ak];
                    }
                    if (p.StrideBn == 1)
                    {
                        long bk = (long)k0 * p.StrideBk + n0;
                        ref F8 b0 = ref Unsafe.As<float, F8>(ref b[bk]);
                        ref F8 b1 = ref Unsafe.As<float, F8>(ref b[bk + 1 * (long)p.StrideBk]);
                        ref F8 b2 = ref Unsafe.As<float, F8>(ref b[bk + 2 * (long)p.StrideBk]);
                        ref F8 b3 = ref Unsafe.As<float, F8>(ref b[bk + 3 * (long)p.StrideBk]);
                        // Partial sums of this chunk: not live across the checked loads above, so they stay in registers.
                        float t00 = 0, t01 = 0, t02 = 0, t03 = 0, t04 = 0, t05 = 0, t06 = 0, t07 = 0;
                        float t10 = 0, t11 = 0, t12 = 0, t13 = 0, t14 = 0, t15 = 0, t16 = 0, t17 = 0;
                        { float bv = b0.V0; t00 += a00 * bv; t10 += a10 * bv; }
                        { float bv = b0.V1; t01 += a00 * bv; t11 += a10 * bv; }
                        { float bv = b0.V2; t02 += a00 * bv; t12 += a10 * bv; }
                        { float bv = b0.V3; t03 += a00 * bv; t13 += a10 * bv; }
                        { float bv = b0.V4; t04 += a00 * bv; t14 += a10 * bv; }
                        { float bv = b0.V5; t05 += a00 * bv; t15 += a10 * bv; }
                        { float bv = b0.V6; t06 += a00 * bv; t16 += a10 * bv; }
                        { float bv = b0.V7; t07 += a00 * bv; t17 += a10 * bv; }
                        { float bv = b1.V0; t00 += a01 * bv; t10 += a11 * bv; }
                        { float bv = b1.V1; t01 += a01 * bv; t11 += a11 * bv; }
                        { float bv = b1.V2; t02 += a01 * bv; t12 += a11 * bv; }
                        { float bv = b1.V3; t03 += a01 * bv; t13 += a11 * bv; }
                        { float bv = b1.V4; t04 += a01 * bv; t14 += a11 * bv; }
                        { float bv = b1.V5; t05 += a01 * bv; t15 += a11 * bv; }
                        { float bv = b1.V6; t06 += a01 * bv; t16 += a11 * bv; }
                        { float bv = b1.V7; t07 += a01 * bv; t17 += a11 * bv; }
                        { float bv = b2.V0; t00 += a02 * bv; t10 += a12 * bv; }
                        { float bv = b2.V1; t01 += a02 * bv; t11 += a12 * bv; }
                        { float bv = b2.V2; t02 += a02 * bv; t12 += a12 * bv; }
                        { float bv = b2.V3; t03 += a02 * bv; t13 += a12 * bv; }
                        { float bv = b2.V4; t04 += a02 * bv; t14 += a12 * bv; }
                        { float bv = b2.V5; t05 += a02 * bv; t15 += a12 * bv; }
                        { float bv = b2.V6; t06 += a02 * bv; t16 += a12 * bv; }
                        { float bv = b2.V7; t07 += a02 * bv; t17 += a12 * bv; }
                        { float bv = b3.V0; t00 += a03 * bv; t10 += a13 * bv; }
                        { float bv = b3.V1; t01 += a03 * bv; t11 += a13 * bv; }
                        { float bv = b3.V2; t02 += a03 * bv; t12 += a13 * bv; }
                        { float bv = b3.V3; t03 += a03 * bv; t13 += a13 * bv; }
                        { float bv = b3.V4; t04 += a03 * bv; t14 += a13 * bv; }
                        { float bv = b3.V5; t05 += a03 * bv; t15 += a13 * bv; }
                        { float bv = b3.V6; t06 += a03 * bv; t16 += a13 * bv; }
                        { float bv = b3.V7; t07 += a03 * bv; t17 += a13 * bv; }
                        c00 += t00; c01 += t01; c02 += t02; c03 += t03; c04 += t04; c05 += t05; c06 += t06; c07 += t07;
                        c10 += t10; c11 += t11; c12 += t12; c13 += t13; c14 += t14; c15 += t15; c16 += t16; c17 += t17;
                    }
                    else
                    {
                        long bn = (long)n0 * p.StrideBn + k0;
                        ref F4 b0 = ref Unsafe.As<float, F4>(ref b[bn]);
                        ref F4 b1 = ref Unsafe.As<float, F4>(ref b[bn + 1 * (long)p.StrideBn]);
                        ref F4 b2 = ref Unsafe.As<float, F4>(ref b[bn + 2 * (long)p.StrideBn]);
                        ref F4 b3 = ref Unsafe.As<float, F4>(ref b[bn + 3 * (long)p.StrideBn]);
                        ref F4 b4 = ref Unsafe.As<float, F4>(ref b[bn + 4 * (long)p.StrideBn]);
                        ref F4 b5 = ref Unsafe.As<float, F4>(ref b[bn + 5 * (long)p.StrideBn]);
                        ref F4 b6 = ref Unsafe.As<float, F4>(ref b[bn + 6 * (long)p.StrideBn]);
                        ref F4 b7 = ref Unsafe.As<float, F4>(ref b[bn + 7 * (long)p.StrideBn]);
                        // Partial sums of this chunk: not live across the checked loads above, so they stay in registers.
                        float t00 = 0, t01 = 0, t02 = 0, t03 = 0, t04 = 0, t05 = 0, t06 = 0, t07 = 0;
                        float t10 = 0, t11 = 0, t12 = 0, t13 = 0, t14 = 0, t15 = 0, t16 = 0, t17 = 0;
                        { float bv = b0.V0; t00 += a00 * bv; t10 += a10 * bv; }
                        { float bv = b1.V0; t01 += a00 * bv; t11 += a10 * bv; }
                        { float bv = b2.V0; t02 += a00 * bv; t12 += a10 * bv; }
                        { float bv = b3.V0; t03 += a00 * bv; t13 += a10 * bv; }
                        { float bv = b4.V0; t04 += a00 * bv; t14 += a10 * bv; }
                        { float bv = b5.V0; t05 += a00 * bv; t15 += a10 * bv; }
                        { float bv = b6.V0; t06 += a00 * bv; t16 += a10 * bv; }
                        { float bv = b7.V0; t07 += a00 * bv; t17 += a10 * bv; }
                        { float bv = b0.V1; t00 += a01 * bv; t10 += a11 * bv; }
                        { float bv = b1.V1; t01 += a01 * bv; t11 += a11 * bv; }
                        { float bv = b2.V1; t02 += a01 * bv; t12 += a11 * bv; }
                        { float bv = b3.V1; t03 += a01 * bv; t13 += a11 * bv; }
                        { float bv = b4.V1; t04 += a01 * bv; t14 += a11 * bv; }
                        { float bv = b5.V1; t05 += a01 * bv; t15 += a11 * bv; }
                        { float bv = b6.V1; t06 += a01 * bv; t16 += a11 * bv; }
                        { float bv = b7.V1; t07 += a01 * bv; t17 += a11 * bv; }
                        { float bv = b0.V2; t00 += a02 * bv; t10 += a12 * bv; }
                        { float bv = b1.V2; t01 += a02 * bv; t11 += a12 * bv; }
                        { float bv = b2.V2; t02 += a02 * bv; t12 += a12 * bv; }
                        { float bv = b3.V2; t03 += a02 * bv; t13 += a12 * bv; }
                        { float bv = b4.V2; t04 += a02 * bv; t14 += a12 * bv; }
                        { float bv = b5.V2; t05 += a02 * bv; t15 += a12 * bv; }
                        { float bv = b6.V2; t06 += a02 * bv; t16 += a12 * bv; }
                        { float bv = b7.V2; t07 += a02 * bv; t17 += a12 * bv; }
                        { float bv = b0.V3; t00 += a03 * bv; t10 += a13 * bv; }
                        { float bv = b1.V3; t01 += a03 * bv; t11 += a13 * bv; }
                        { float bv = b2.V3; t02 += a03 * bv; t12 += a13 * bv; }
                        { float bv = b3.V3; t03 += a03 * bv; t13 += a13 * bv; }
                        { float bv = b4.V3; t04 += a03 * bv; t14 += a13 * bv; }
                        { float bv = b5.V3; t05 += a03 * bv; t15 += a13 * bv; }
                        { float bv = b6.V3; t06 += a03 * bv; t16 += a13 * bv; }
                        { float bv = b7.V3; t07 += a03 * bv; t17 += a13 * bv; }
                        c00 += t00; c01 += t01; c02 += t02; c03 += t03; c04 += t04; c05 += t05; c06 += t06; c07 += t07;
                        c10 += t10; c11 += t11; c12 += t12; c13 += t13; c14 += t14; c15 += t15; c16 += t16; c17 += t17;
                    }
                }
            }
            // K remainder, or all of K for a partial column block: clamped scalar loads.
            long cb0 = (long)IntrinsicMath.Min(n0 + 0, lastN) * p.StrideBn;
            long cb1 = (long)IntrinsicMath.Min(n0 + 1, lastN) * p.StrideBn;
            long cb2 = (long)IntrinsicMath.Min(n0 + 2, lastN) * p.StrideBn;
            long cb3 = (long)IntrinsicMath.Min(n0 + 3, lastN) * p.StrideBn;
            long cb4 = (long)IntrinsicMath.Min(n0 + 4, lastN) * p.StrideBn;
            long cb5 = (long)IntrinsicMath.Min(n0 + 5, lastN) * p.StrideBn;
            long cb6 = (long)IntrinsicMath.Min(n0 + 6, lastN) * p.StrideBn;
            long cb7 = (long)IntrinsicMath.Min(n0 + 7, lastN) * p.StrideBn;
            long akt = (long)k0 * p.StrideAk, bkt = (long)k0 * p.StrideBk;
            for (int k = k0; k < p.K; k++)
            {
                float a0 = a[ra0 + akt]; float a1 = a[ra1 + akt];
                { float bv = b[bkt + cb0]; c00 += a0 * bv; c10 += a1 * bv; }
                { float bv = b[bkt + cb1]; c01 += a0 * bv; c11 += a1 * bv; }
                { float bv = b[bkt + cb2]; c02 += a0 * bv; c12 += a1 * bv; }
                { float bv = b[bkt + cb3]; c03 += a0 * bv; c13 += a1 * bv; }
                { float bv = b[bkt + cb4]; c04 += a0 * bv; c14 += a1 * bv; }
                { float bv = b[bkt + cb5]; c05 += a0 * bv; c15 += a1 * bv; }
                { float bv = b[bkt + cb6]; c06 += a0 * bv; c16 += a1 * bv; }
                { float bv = b[bkt + cb7]; c07 += a0 * bv; c17 += a1 * bv; }
                akt += p.StrideAk;
                bkt += p.StrideBk;
            }
            Store(c, bias, p, m0 + 0, n0 + 0, c00);
            Store(c, bias, p, m0 + 0, n0 + 1, c01);
            Store(c, bias, p, m0 + 0, n0 + 2, c02);
            Store(c, bias, p, m0 + 0, n0 + 3, c03);
            Store(c, bias, p, m0 + 0, n0 + 4, c04);
            Store(c, bias, p, m0 + 0, n0 + 5, c05);
            Store(c, bias, p, m0 + 0, n0 + 6, c06);
            Store(c, bias, p, m0 + 0, n0 + 7, c07);
            Store(c, bias, p, m0 + 1, n0 + 0, c10);
            Store(c, bias, p, m0 + 1, n0 + 1, c11);
            Store(c, bias, p, m0 + 1, n0 + 2, c12);
            Store(c, bias, p, m0 + 1, n0 + 3, c13);
            Store(c, bias, p, m0 + 1, n0 + 4, c14);
            Store(c, bias, p, m0 + 1, n0 + 5, c15);
            Store(c, bias, p, m0 + 1, n0 + 6, c16);
            Store(c, bias, p, m0 + 1, n0 + 7, c17);
        }
    }

    /// <summary>v13: v10 with 8 row pairs per item (16x8)</summary>
    static void V13(Index1D index, ArrayView<float> a, ArrayView<float> b, ArrayView<float> c,
        ArrayView<float> bias, GemmArgs p)
    {
        const int TM = 2, TN = 8, KC = 4, R = 8;
        int blocksN = (p.N + TN - 1) / TN;
        int mBase = index / blocksN * (TM * R);
        int n0 = index % blocksN * TN;
        int lastM = p.M - 1, lastN = p.N - 1;
        bool fullN = n0 + TN <= p.N;
        for (int r = 0; r < R; r++)
        {
            int m0 = mBase + r * TM;
            if (m0 >= p.M)
                return;
            long ra0 = (long)IntrinsicMath.Min(m0 + 0, lastM) * p.StrideAm;
            long ra1 = (long)IntrinsicMath.Min(m0 + 1, lastM) * p.StrideAm;
            float c00 = 0, c01 = 0, c02 = 0, c03 = 0, c04 = 0, c05 = 0, c06 = 0, c07 = 0;
            float c10 = 0, c11 = 0, c12 = 0, c13 = 0, c14 = 0, c15 = 0, c16 = 0, c17 = 0;
            int k0 = 0;
            if (fullN)
            {
                for (; k0 + KC <= p.K; k0 += KC)
                {
                    float a00, a01, a02, a03, a10, a11, a12, a13;
                    if (p.StrideAk == 1)
                    {
                        ref F4 ar0 = ref Unsafe.As<float, F4>(ref a[ra0 + k0]);
                        ref F4 ar1 = ref Unsafe.As<float, F4>(ref a[ra1 + k0]);
                        a00 = ar0.V0; a01 = ar0.V1; a02 = ar0.V2; a03 = ar0.V3;
                        a10 = ar1.V0; a11 = ar1.V1; a12 = ar1.V2; a13 = ar1.V3;
                    }
                    else
                    {
                        long ak = (long)k0 * p.StrideAk;
                        a00 = a[ra0 + ak]; a10 = a[ra1 + ak]; ak += p.StrideAk;
                        a01 = a[ra0 + ak]; a11 = a[ra1 + ak]; ak += p.StrideAk;
                        a02 = a[ra0 + ak]; a12 = a[ra1 + ak]; ak += p.StrideAk;
                        a03 = a[ra0 + ak]; a13 = a[ra1 + ak];
                    }
                    if (p.StrideBn == 1)
                    {
                        long bk = (long)k0 * p.StrideBk + n0;
                        ref F8 b0 = ref Unsafe.As<float, F8>(ref b[bk]);
                        ref F8 b1 = ref Unsafe.As<float, F8>(ref b[bk + 1 * (long)p.StrideBk]);
                        ref F8 b2 = ref Unsafe.As<float, F8>(ref b[bk + 2 * (long)p.StrideBk]);
                        ref F8 b3 = ref Unsafe.As<float, F8>(ref b[bk + 3 * (long)p.StrideBk]);
                        // Partial sums of this chunk: not live across the checked loads above, so they stay in registers.
                        float t00 = 0, t01 = 0, t02 = 0, t03 = 0, t04 = 0, t05 = 0, t06 = 0, t07 = 0;
                        float t10 = 0, t11 = 0, t12 = 0, t13 = 0, t14 = 0, t15 = 0, t16 = 0, t17 = 0;
                        { float bv = b0.V0; t00 += a00 * bv; t10 += a10 * bv; }
                        { float bv = b0.V1; t01 += a00 * bv; t11 += a10 * bv; }
                        { float bv = b0.V2; t02 += a00 * bv; t12 += a10 * bv; }
                        { float bv = b0.V3; t03 += a00 * bv; t13 += a10 * bv; }
                        { float bv = b0.V4; t04 += a00 * bv; t14 += a10 * bv; }
                        { float bv = b0.V5; t05 += a00 * bv; t15 += a10 * bv; }
                        { float bv = b0.V6; t06 += a00 * bv; t16 += a10 * bv; }
                        { float bv = b0.V7; t07 += a00 * bv; t17 += a10 * bv; }
                        { float bv = b1.V0; t00 += a01 * bv; t10 += a11 * bv; }
                        { float bv = b1.V1; t01 += a01 * bv; t11 += a11 * bv; }
                        { float bv = b1.V2; t02 += a01 * bv; t12 += a11 * bv; }
                        { float bv = b1.V3; t03 += a01 * bv; t13 += a11 * bv; }
                        { float bv = b1.V4; t04 += a01 * bv; t14 += a11 * bv; }
                        { float bv = b1.V5; t05 += a01 * bv; t15 += a11 * bv; }
                        { float bv = b1.V6; t06 += a01 * bv; t16 += a11 * bv; }
                        { float bv = b1.V7; t07 += a01 * bv; t17 += a11 * bv; }
                        { float bv = b2.V0; t00 += a02 * bv; t10 += a12 * bv; }
                        { float bv = b2.V1; t01 += a02 * bv; t11 += a12 * bv; }
                        { float bv = b2.V2; t02 += a02 * bv; t12 += a12 * bv; }
                        { float bv = b2.V3; t03 += a02 * bv; t13 += a12 * bv; }
                        { float bv = b2.V4; t04 += a02 * bv; t14 += a12 * bv; }
                        { float bv = b2.V5; t05 += a02 * bv; t15 += a12 * bv; }
                        { float bv = b2.V6; t06 += a02 * bv; t16 += a12 * bv; }
                        { float bv = b2.V7; t07 += a02 * bv; t17 += a12 * bv; }
                        { float bv = b3.V0; t00 += a03 * bv; t10 += a13 * bv; }
                        { float bv = b3.V1; t01 += a03 * bv; t11 += a13 * bv; }
                        { float bv = b3.V2; t02 += a03 * bv; t12 += a13 * bv; }
                        { float bv = b3.V3; t03 += a03 * bv; t13 += a13 * bv; }
                        { float bv = b3.V4; t04 += a03 * bv; t14 += a13 * bv; }
                        { float bv = b3.V5; t05 += a03 * bv; t15 += a13 * bv; }
                        { float bv = b3.V6; t06 += a03 * bv; t16 += a13 * bv; }
                        { float bv = b3.V7; t07 += a03 * bv; t17 += a13 * bv; }
                        c00 += t00; c01 += t01; c02 += t02; c03 += t03; c04 += t04; c05 += t05; c06 += t06; c07 += t07;
                        c10 += t10; c11 += t11; c12 += t12; c13 += t13; c14 += t14; c15 += t15; c16 += t16; c17 += t17;
                    }
                    else
                    {
                        long bn = (long)n0 * p.StrideBn + k0;
                        ref F4 b0 = ref Unsafe.As<float, F4>(ref b[bn]);
                        ref F4 b1 = ref Unsafe.As<float, F4>(ref b[bn + 1 * (long)p.StrideBn]);
                        ref F4 b2 = ref Unsafe.As<float, F4>(ref b[bn + 2 * (long)p.StrideBn]);
                        ref F4 b3 = ref Unsafe.As<float, F4>(ref b[bn + 3 * (long)p.StrideBn]);
                        ref F4 b4 = ref Unsafe.As<float, F4>(ref b[bn + 4 * (long)p.StrideBn]);
                        ref F4 b5 = ref Unsafe.As<float, F4>(ref b[bn + 5 * (long)p.StrideBn]);
                        ref F4 b6 = ref Unsafe.As<float, F4>(ref b[bn + 6 * (long)p.StrideBn]);
                        ref F4 b7 = ref Unsafe.As<float, F4>(ref b[bn + 7 * (long)p.StrideBn]);
                        // Partial sums of this chunk: not live across the checked loads above, so they stay in registers.
                        float t00 = 0, t01 = 0, t02 = 0, t03 = 0, t04 = 0, t05 = 0, t06 = 0, t07 = 0;
                        float t10 = 0, t11 = 0, t12 = 0, t13 = 0, t14 = 0, t15 = 0, t16 = 0, t17 = 0;
                        { float bv = b0.V0; t00 += a00 * bv; t10 += a10 * bv; }
                        { float bv = b1.V0; t01 += a00 * bv; t11 += a10 * bv; }
                        { float bv = b2.V0; t02 += a00 * bv; t12 += a10 * bv; }
                        { float bv = b3.V0; t03 += a00 * bv; t13 += a10 * bv; }
                        { float bv = b4.V0; t04 += a00 * bv; t14 += a10 * bv; }
                        { float bv = b5.V0; t05 += a00 * bv; t15 += a10 * bv; }
                        { float bv = b6.V0; t06 += a00 * bv; t16 += a10 * bv; }
                        { float bv = b7.V0; t07 += a00 * bv; t17 += a10 * bv; }
                        { float bv = b0.V1; t00 += a01 * bv; t10 += a11 * bv; }
                        { float bv = b1.V1; t01 += a01 * bv; t11 += a11 * bv; }
                        { float bv = b2.V1; t02 += a01 * bv; t12 += a11 * bv; }
                        { float bv = b3.V1; t03 += a01 * bv; t13 += a11 * bv; }
                        { float bv = b4.V1; t04 += a01 * bv; t14 += a11 * bv; }
                        { float bv = b5.V1; t05 += a01 * bv; t15 += a11 * bv; }
                        { float bv = b6.V1; t06 += a01 * bv; t16 += a11 * bv; }
                        { float bv = b7.V1; t07 += a01 * bv; t17 += a11 * bv; }
                        { float bv = b0.V2; t00 += a02 * bv; t10 += a12 * bv; }
                        { float bv = b1.V2; t01 += a02 * bv; t11 += a12 * bv; }
                        { float bv = b2.V2; t02 += a02 * bv; t12 += a12 * bv; }
                        { float bv = b3.V2; t03 += a02 * bv; t13 += a12 * bv; }
                        { float bv = b4.V2; t04 += a02 * bv; t14 += a12 * bv; }
                        { float bv = b5.V2; t05 += a02 * bv; t15 += a12 * bv; }
                        { float bv = b6.V2; t06 += a02 * bv; t16 += a12 * bv; }
                        { float bv = b7.V2; t07 += a02 * bv; t17 += a12 * bv; }
                        { float bv = b0.V3; t00 += a03 * bv; t10 += a13 * bv; }
                        { float bv = b1.V3; t01 += a03 * bv; t11 += a13 * bv; }
                        { float bv = b2.V3; t02 += a03 * bv; t12 += a13 * bv; }
                        { float bv = b3.V3; t03 += a03 * bv; t13 += a13 * bv; }
                        { float bv = b4.V3; t04 += a03 * bv; t14 += a13 * bv; }
                        { float bv = b5.V3; t05 += a03 * bv; t15 += a13 * bv; }
                        { float bv = b6.V3; t06 += a03 * bv; t16 += a13 * bv; }
                        { float bv = b7.V3; t07 += a03 * bv; t17 += a13 * bv; }
                        c00 += t00; c01 += t01; c02 += t02; c03 += t03; c04 += t04; c05 += t05; c06 += t06; c07 += t07;
                        c10 += t10; c11 += t11; c12 += t12; c13 += t13; c14 += t14; c15 += t15; c16 += t16; c17 += t17;
                    }
                }
            }
            // K remainder, or all of K for a partial column block: clamped scalar loads.
            long cb0 = (long)IntrinsicMath.Min(n0 + 0, lastN) * p.StrideBn;
            long cb1 = (long)IntrinsicMath.Min(n0 + 1, lastN) * p.StrideBn;
            long cb2 = (long)IntrinsicMath.Min(n0 + 2, lastN) * p.StrideBn;
            long cb3 = (long)IntrinsicMath.Min(n0 + 3, lastN) * p.StrideBn;
            long cb4 = (long)IntrinsicMath.Min(n0 + 4, lastN) * p.StrideBn;
            long cb5 = (long)IntrinsicMath.Min(n0 + 5, lastN) * p.StrideBn;
            long cb6 = (long)IntrinsicMath.Min(n0 + 6, lastN) * p.StrideBn;
            long cb7 = (long)IntrinsicMath.Min(n0 + 7, lastN) * p.StrideBn;
            long akt = (long)k0 * p.StrideAk, bkt = (long)k0 * p.StrideBk;
            for (int k = k0; k < p.K; k++)
            {
                float a0 = a[ra0 + akt]; float a1 = a[ra1 + akt];
                { float bv = b[bkt + cb0]; c00 += a0 * bv; c10 += a1 * bv; }
                { float bv = b[bkt + cb1]; c01 += a0 * bv; c11 += a1 * bv; }
                { float bv = b[bkt + cb2]; c02 += a0 * bv; c12 += a1 * bv; }
                { float bv = b[bkt + cb3]; c03 += a0 * bv; c13 += a1 * bv; }
                { float bv = b[bkt + cb4]; c04 += a0 * bv; c14 += a1 * bv; }
                { float bv = b[bkt + cb5]; c05 += a0 * bv; c15 += a1 * bv; }
                { float bv = b[bkt + cb6]; c06 += a0 * bv; c16 += a1 * bv; }
                { float bv = b[bkt + cb7]; c07 += a0 * bv; c17 += a1 * bv; }
                akt += p.StrideAk;
                bkt += p.StrideBk;
            }
            if (fullN)
            {
                float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
                if (p.HasBias != 0)
                {
                    ref F8 bb = ref Unsafe.As<float, F8>(ref bias[n0]);
                    s0 = bb.V0; s1 = bb.V1; s2 = bb.V2; s3 = bb.V3; s4 = bb.V4; s5 = bb.V5; s6 = bb.V6; s7 = bb.V7;
                }
                if (m0 + 0 < p.M)
                {
                    ref F8 cr = ref Unsafe.As<float, F8>(ref c[(long)(m0 + 0) * p.Ldc + n0]);
                    if (p.Beta != 0f)
                    {
                        cr.V0 = p.Alpha * c00 + p.Beta * cr.V0 + s0;
                        cr.V1 = p.Alpha * c01 + p.Beta * cr.V1 + s1;
                        cr.V2 = p.Alpha * c02 + p.Beta * cr.V2 + s2;
                        cr.V3 = p.Alpha * c03 + p.Beta * cr.V3 + s3;
                        cr.V4 = p.Alpha * c04 + p.Beta * cr.V4 + s4;
                        cr.V5 = p.Alpha * c05 + p.Beta * cr.V5 + s5;
                        cr.V6 = p.Alpha * c06 + p.Beta * cr.V6 + s6;
                        cr.V7 = p.Alpha * c07 + p.Beta * cr.V7 + s7;
                    }
                    else
                    {
                        cr.V0 = p.Alpha * c00 + s0;
                        cr.V1 = p.Alpha * c01 + s1;
                        cr.V2 = p.Alpha * c02 + s2;
                        cr.V3 = p.Alpha * c03 + s3;
                        cr.V4 = p.Alpha * c04 + s4;
                        cr.V5 = p.Alpha * c05 + s5;
                        cr.V6 = p.Alpha * c06 + s6;
                        cr.V7 = p.Alpha * c07 + s7;
                    }
                }
                if (m0 + 1 < p.M)
                {
                    ref F8 cr = ref Unsafe.As<float, F8>(ref c[(long)(m0 + 1) * p.Ldc + n0]);
                    if (p.Beta != 0f)
                    {
                        cr.V0 = p.Alpha * c10 + p.Beta * cr.V0 + s0;
                        cr.V1 = p.Alpha * c11 + p.Beta * cr.V1 + s1;
                        cr.V2 = p.Alpha * c12 + p.Beta * cr.V2 + s2;
                        cr.V3 = p.Alpha * c13 + p.Beta * cr.V3 + s3;
                        cr.V4 = p.Alpha * c14 + p.Beta * cr.V4 + s4;
                        cr.V5 = p.Alpha * c15 + p.Beta * cr.V5 + s5;
                        cr.V6 = p.Alpha * c16 + p.Beta * cr.V6 + s6;
                        cr.V7 = p.Alpha * c17 + p.Beta * cr.V7 + s7;
                    }
                    else
                    {
                        cr.V0 = p.Alpha * c10 + s0;
                        cr.V1 = p.Alpha * c11 + s1;
                        cr.V2 = p.Alpha * c12 + s2;
                        cr.V3 = p.Alpha * c13 + s3;
                        cr.V4 = p.Alpha * c14 + s4;
                        cr.V5 = p.Alpha * c15 + s5;
                        cr.V6 = p.Alpha * c16 + s6;
                        cr.V7 = p.Alpha * c17 + s7;
                    }
                }
            }
            else
            {
                Store(c, bias, p, m0 + 0, n0 + 0, c00);
                Store(c, bias, p, m0 + 0, n0 + 1, c01);
                Store(c, bias, p, m0 + 0, n0 + 2, c02);
                Store(c, bias, p, m0 + 0, n0 + 3, c03);
                Store(c, bias, p, m0 + 0, n0 + 4, c04);
                Store(c, bias, p, m0 + 0, n0 + 5, c05);
                Store(c, bias, p, m0 + 0, n0 + 6, c06);
                Store(c, bias, p, m0 + 0, n0 + 7, c07);
                Store(c, bias, p, m0 + 1, n0 + 0, c10);
                Store(c, bias, p, m0 + 1, n0 + 1, c11);
                Store(c, bias, p, m0 + 1, n0 + 2, c12);
                Store(c, bias, p, m0 + 1, n0 + 3, c13);
                Store(c, bias, p, m0 + 1, n0 + 4, c14);
                Store(c, bias, p, m0 + 1, n0 + 5, c15);
                Store(c, bias, p, m0 + 1, n0 + 6, c16);
                Store(c, bias, p, m0 + 1, n0 + 7, c17);
            }
        }
    }

    /// <summary>v14: v10 with K chunks of 8</summary>
    static void V14(Index1D index, ArrayView<float> a, ArrayView<float> b, ArrayView<float> c,
        ArrayView<float> bias, GemmArgs p)
    {
        const int TM = 2, TN = 8, KC = 8, R = 4;
        int blocksN = (p.N + TN - 1) / TN;
        int mBase = index / blocksN * (TM * R);
        int n0 = index % blocksN * TN;
        int lastM = p.M - 1, lastN = p.N - 1;
        bool fullN = n0 + TN <= p.N;
        for (int r = 0; r < R; r++)
        {
            int m0 = mBase + r * TM;
            if (m0 >= p.M)
                return;
            long ra0 = (long)IntrinsicMath.Min(m0 + 0, lastM) * p.StrideAm;
            long ra1 = (long)IntrinsicMath.Min(m0 + 1, lastM) * p.StrideAm;
            float c00 = 0, c01 = 0, c02 = 0, c03 = 0, c04 = 0, c05 = 0, c06 = 0, c07 = 0;
            float c10 = 0, c11 = 0, c12 = 0, c13 = 0, c14 = 0, c15 = 0, c16 = 0, c17 = 0;
            int k0 = 0;
            if (fullN)
            {
                for (; k0 + KC <= p.K; k0 += KC)
                {
                    float a00, a01, a02, a03, a04, a05, a06, a07, a10, a11, a12, a13, a14, a15, a16, a17;
                    if (p.StrideAk == 1)
                    {
                        ref F8 ar0 = ref Unsafe.As<float, F8>(ref a[ra0 + k0]);
                        ref F8 ar1 = ref Unsafe.As<float, F8>(ref a[ra1 + k0]);
                        a00 = ar0.V0; a01 = ar0.V1; a02 = ar0.V2; a03 = ar0.V3; a04 = ar0.V4; a05 = ar0.V5; a06 = ar0.V6; a07 = ar0.V7;
                        a10 = ar1.V0; a11 = ar1.V1; a12 = ar1.V2; a13 = ar1.V3; a14 = ar1.V4; a15 = ar1.V5; a16 = ar1.V6; a17 = ar1.V7;
                    }
                    else
                    {
                        long ak = (long)k0 * p.StrideAk;
                        a00 = a[ra0 + ak]; a10 = a[ra1 + ak]; ak += p.StrideAk;
                        a01 = a[ra0 + ak]; a11 = a[ra1 + ak]; ak += p.StrideAk;
                        a02 = a[ra0 + ak]; a12 = a[ra1 + ak]; ak += p.StrideAk;
                        a03 = a[ra0 + ak]; a13 = a[ra1 + ak]; ak += p.StrideAk;
                        a04 = a[ra0 + ak]; a14 = a[ra1 + ak]; ak += p.StrideAk;
                        a05 = a[ra0 + ak]; a15 = a[ra1 + ak]; ak += p.StrideAk;
                        a06 = a[ra0 + ak]; a16 = a[ra1 + ak]; ak += p.StrideAk;
                        a07 = a[ra0 + ak]; a17 = a[ra1 + ak];
                    }
                    if (p.StrideBn == 1)
                    {
                        long bk = (long)k0 * p.StrideBk + n0;
                        ref F8 b0 = ref Unsafe.As<float, F8>(ref b[bk]);
                        ref F8 b1 = ref Unsafe.As<float, F8>(ref b[bk + 1 * (long)p.StrideBk]);
                        ref F8 b2 = ref Unsafe.As<float, F8>(ref b[bk + 2 * (long)p.StrideBk]);
                        ref F8 b3 = ref Unsafe.As<float, F8>(ref b[bk + 3 * (long)p.StrideBk]);
                        ref F8 b4 = ref Unsafe.As<float, F8>(ref b[bk + 4 * (long)p.StrideBk]);
                        ref F8 b5 = ref Unsafe.As<float, F8>(ref b[bk + 5 * (long)p.StrideBk]);
                        ref F8 b6 = ref Unsafe.As<float, F8>(ref b[bk + 6 * (long)p.StrideBk]);
                        ref F8 b7 = ref Unsafe.As<float, F8>(ref b[bk + 7 * (long)p.StrideBk]);
                        // Partial sums of this chunk: not live across the checked loads above, so they stay in registers.
                        float t00 = 0, t01 = 0, t02 = 0, t03 = 0, t04 = 0, t05 = 0, t06 = 0, t07 = 0;
                        float t10 = 0, t11 = 0, t12 = 0, t13 = 0, t14 = 0, t15 = 0, t16 = 0, t17 = 0;
                        { float bv = b0.V0; t00 += a00 * bv; t10 += a10 * bv; }
                        { float bv = b0.V1; t01 += a00 * bv; t11 += a10 * bv; }
                        { float bv = b0.V2; t02 += a00 * bv; t12 += a10 * bv; }
                        { float bv = b0.V3; t03 += a00 * bv; t13 += a10 * bv; }
                        { float bv = b0.V4; t04 += a00 * bv; t14 += a10 * bv; }
                        { float bv = b0.V5; t05 += a00 * bv; t15 += a10 * bv; }
                        { float bv = b0.V6; t06 += a00 * bv; t16 += a10 * bv; }
                        { float bv = b0.V7; t07 += a00 * bv; t17 += a10 * bv; }
                        { float bv = b1.V0; t00 += a01 * bv; t10 += a11 * bv; }
                        { float bv = b1.V1; t01 += a01 * bv; t11 += a11 * bv; }
                        { float bv = b1.V2; t02 += a01 * bv; t12 += a11 * bv; }
                        { float bv = b1.V3; t03 += a01 * bv; t13 += a11 * bv; }
                        { float bv = b1.V4; t04 += a01 * bv; t14 += a11 * bv; }
                        { float bv = b1.V5; t05 += a01 * bv; t15 += a11 * bv; }
                        { float bv = b1.V6; t06 += a01 * bv; t16 += a11 * bv; }
                        { float bv = b1.V7; t07 += a01 * bv; t17 += a11 * bv; }
                        { float bv = b2.V0; t00 += a02 * bv; t10 += a12 * bv; }
                        { float bv = b2.V1; t01 += a02 * bv; t11 += a12 * bv; }
                        { float bv = b2.V2; t02 += a02 * bv; t12 += a12 * bv; }
                        { float bv = b2.V3; t03 += a02 * bv; t13 += a12 * bv; }
                        { float bv = b2.V4; t04 += a02 * bv; t14 += a12 * bv; }
                        { float bv = b2.V5; t05 += a02 * bv; t15 += a12 * bv; }
                        { float bv = b2.V6; t06 += a02 * bv; t16 += a12 * bv; }
                        { float bv = b2.V7; t07 += a02 * bv; t17 += a12 * bv; }
                        { float bv = b3.V0; t00 += a03 * bv; t10 += a13 * bv; }
                        { float bv = b3.V1; t01 += a03 * bv; t11 += a13 * bv; }
                        { float bv = b3.V2; t02 += a03 * bv; t12 += a13 * bv; }
                        { float bv = b3.V3; t03 += a03 * bv; t13 += a13 * bv; }
                        { float bv = b3.V4; t04 += a03 * bv; t14 += a13 * bv; }
                        { float bv = b3.V5; t05 += a03 * bv; t15 += a13 * bv; }
                        { float bv = b3.V6; t06 += a03 * bv; t16 += a13 * bv; }
                        { float bv = b3.V7; t07 += a03 * bv; t17 += a13 * bv; }
                        { float bv = b4.V0; t00 += a04 * bv; t10 += a14 * bv; }
                        { float bv = b4.V1; t01 += a04 * bv; t11 += a14 * bv; }
                        { float bv = b4.V2; t02 += a04 * bv; t12 += a14 * bv; }
                        { float bv = b4.V3; t03 += a04 * bv; t13 += a14 * bv; }
                        { float bv = b4.V4; t04 += a04 * bv; t14 += a14 * bv; }
                        { float bv = b4.V5; t05 += a04 * bv; t15 += a14 * bv; }
                        { float bv = b4.V6; t06 += a04 * bv; t16 += a14 * bv; }
                        { float bv = b4.V7; t07 += a04 * bv; t17 += a14 * bv; }
                        { float bv = b5.V0; t00 += a05 * bv; t10 += a15 * bv; }
                        { float bv = b5.V1; t01 += a05 * bv; t11 += a15 * bv; }
                        { float bv = b5.V2; t02 += a05 * bv; t12 += a15 * bv; }
                        { float bv = b5.V3; t03 += a05 * bv; t13 += a15 * bv; }
                        { float bv = b5.V4; t04 += a05 * bv; t14 += a15 * bv; }
                        { float bv = b5.V5; t05 += a05 * bv; t15 += a15 * bv; }
                        { float bv = b5.V6; t06 += a05 * bv; t16 += a15 * bv; }
                        { float bv = b5.V7; t07 += a05 * bv; t17 += a15 * bv; }
                        { float bv = b6.V0; t00 += a06 * bv; t10 += a16 * bv; }
                        { float bv = b6.V1; t01 += a06 * bv; t11 += a16 * bv; }
                        { float bv = b6.V2; t02 += a06 * bv; t12 += a16 * bv; }
                        { float bv = b6.V3; t03 += a06 * bv; t13 += a16 * bv; }
                        { float bv = b6.V4; t04 += a06 * bv; t14 += a16 * bv; }
                        { float bv = b6.V5; t05 += a06 * bv; t15 += a16 * bv; }
                        { float bv = b6.V6; t06 += a06 * bv; t16 += a16 * bv; }
                        { float bv = b6.V7; t07 += a06 * bv; t17 += a16 * bv; }
                        { float bv = b7.V0; t00 += a07 * bv; t10 += a17 * bv; }
                        { float bv = b7.V1; t01 += a07 * bv; t11 += a17 * bv; }
                        { float bv = b7.V2; t02 += a07 * bv; t12 += a17 * bv; }
                        { float bv = b7.V3; t03 += a07 * bv; t13 += a17 * bv; }
                        { float bv = b7.V4; t04 += a07 * bv; t14 += a17 * bv; }
                        { float bv = b7.V5; t05 += a07 * bv; t15 += a17 * bv; }
                        { float bv = b7.V6; t06 += a07 * bv; t16 += a17 * bv; }
                        { float bv = b7.V7; t07 += a07 * bv; t17 += a17 * bv; }
                        c00 += t00; c01 += t01; c02 += t02; c03 += t03; c04 += t04; c05 += t05; c06 += t06; c07 += t07;
                        c10 += t10; c11 += t11; c12 += t12; c13 += t13; c14 += t14; c15 += t15; c16 += t16; c17 += t17;
                    }
                    else
                    {
                        long bn = (long)n0 * p.StrideBn + k0;
                        ref F8 b0 = ref Unsafe.As<float, F8>(ref b[bn]);
                        ref F8 b1 = ref Unsafe.As<float, F8>(ref b[bn + 1 * (long)p.StrideBn]);
                        ref F8 b2 = ref Unsafe.As<float, F8>(ref b[bn + 2 * (long)p.StrideBn]);
                        ref F8 b3 = ref Unsafe.As<float, F8>(ref b[bn + 3 * (long)p.StrideBn]);
                        ref F8 b4 = ref Unsafe.As<float, F8>(ref b[bn + 4 * (long)p.StrideBn]);
                        ref F8 b5 = ref Unsafe.As<float, F8>(ref b[bn + 5 * (long)p.StrideBn]);
                        ref F8 b6 = ref Unsafe.As<float, F8>(ref b[bn + 6 * (long)p.StrideBn]);
                        ref F8 b7 = ref Unsafe.As<float, F8>(ref b[bn + 7 * (long)p.StrideBn]);
                        // Partial sums of this chunk: not live across the checked loads above, so they stay in registers.
                        float t00 = 0, t01 = 0, t02 = 0, t03 = 0, t04 = 0, t05 = 0, t06 = 0, t07 = 0;
                        float t10 = 0, t11 = 0, t12 = 0, t13 = 0, t14 = 0, t15 = 0, t16 = 0, t17 = 0;
                        { float bv = b0.V0; t00 += a00 * bv; t10 += a10 * bv; }
                        { float bv = b1.V0; t01 += a00 * bv; t11 += a10 * bv; }
                        { float bv = b2.V0; t02 += a00 * bv; t12 += a10 * bv; }
                        { float bv = b3.V0; t03 += a00 * bv; t13 += a10 * bv; }
                        { float bv = b4.V0; t04 += a00 * bv; t14 += a10 * bv; }
                        { float bv = b5.V0; t05 += a00 * bv; t15 += a10 * bv; }
                        { float bv = b6.V0; t06 += a00 * bv; t16 += a10 * bv; }
                        { float bv = b7.V0; t07 += a00 * bv; t17 += a10 * bv; }
                        { float bv = b0.V1; t00 += a01 * bv; t10 += a11 * bv; }
                        { float bv = b1.V1; t01 += a01 * bv; t11 += a11 * bv; }
                        { float bv = b2.V1; t02 += a01 * bv; t12 += a11 * bv; }
                        { float bv = b3.V1; t03 += a01 * bv; t13 += a11 * bv; }
                        { float bv = b4.V1; t04 += a01 * bv; t14 += a11 * bv; }
                        { float bv = b5.V1; t05 += a01 * bv; t15 += a11 * bv; }
                        { float bv = b6.V1; t06 += a01 * bv; t16 += a11 * bv; }
                        { float bv = b7.V1; t07 += a01 * bv; t17 += a11 * bv; }
                        { float bv = b0.V2; t00 += a02 * bv; t10 += a12 * bv; }
                        { float bv = b1.V2; t01 += a02 * bv; t11 += a12 * bv; }
                        { float bv = b2.V2; t02 += a02 * bv; t12 += a12 * bv; }
                        { float bv = b3.V2; t03 += a02 * bv; t13 += a12 * bv; }
                        { float bv = b4.V2; t04 += a02 * bv; t14 += a12 * bv; }
                        { float bv = b5.V2; t05 += a02 * bv; t15 += a12 * bv; }
                        { float bv = b6.V2; t06 += a02 * bv; t16 += a12 * bv; }
                        { float bv = b7.V2; t07 += a02 * bv; t17 += a12 * bv; }
                        { float bv = b0.V3; t00 += a03 * bv; t10 += a13 * bv; }
                        { float bv = b1.V3; t01 += a03 * bv; t11 += a13 * bv; }
                        { float bv = b2.V3; t02 += a03 * bv; t12 += a13 * bv; }
                        { float bv = b3.V3; t03 += a03 * bv; t13 += a13 * bv; }
                        { float bv = b4.V3; t04 += a03 * bv; t14 += a13 * bv; }
                        { float bv = b5.V3; t05 += a03 * bv; t15 += a13 * bv; }
                        { float bv = b6.V3; t06 += a03 * bv; t16 += a13 * bv; }
                        { float bv = b7.V3; t07 += a03 * bv; t17 += a13 * bv; }
                        { float bv = b0.V4; t00 += a04 * bv; t10 += a14 * bv; }
                        { float bv = b1.V4; t01 += a04 * bv; t11 += a14 * bv; }
                        { float bv = b2.V4; t02 += a04 * bv; t12 += a14 * bv; }
                        { float bv = b3.V4; t03 += a04 * bv; t13 += a14 * bv; }
                        { float bv = b4.V4; t04 += a04 * bv; t14 += a14 * bv; }
                        { float bv = b5.V4; t05 += a04 * bv; t15 += a14 * bv; }
                        { float bv = b6.V4; t06 += a04 * bv; t16 += a14 * bv; }
                        { float bv = b7.V4; t07 += a04 * bv; t17 += a14 * bv; }
                        { float bv = b0.V5; t00 += a05 * bv; t10 += a15 * bv; }
                        { float bv = b1.V5; t01 += a05 * bv; t11 += a15 * bv; }
                        { float bv = b2.V5; t02 += a05 * bv; t12 += a15 * bv; }
                        { float bv = b3.V5; t03 += a05 * bv; t13 += a15 * bv; }
                        { float bv = b4.V5; t04 += a05 * bv; t14 += a15 * bv; }
                        { float bv = b5.V5; t05 += a05 * bv; t15 += a15 * bv; }
                        { float bv = b6.V5; t06 += a05 * bv; t16 += a15 * bv; }
                        { float bv = b7.V5; t07 += a05 * bv; t17 += a15 * bv; }
                        { float bv = b0.V6; t00 += a06 * bv; t10 += a16 * bv; }
                        { float bv = b1.V6; t01 += a06 * bv; t11 += a16 * bv; }
                        { float bv = b2.V6; t02 += a06 * bv; t12 += a16 * bv; }
                        { float bv = b3.V6; t03 += a06 * bv; t13 += a16 * bv; }
                        { float bv = b4.V6; t04 += a06 * bv; t14 += a16 * bv; }
                        { float bv = b5.V6; t05 += a06 * bv; t15 += a16 * bv; }
                        { float bv = b6.V6; t06 += a06 * bv; t16 += a16 * bv; }
                        { float bv = b7.V6; t07 += a06 * bv; t17 += a16 * bv; }
                        { float bv = b0.V7; t00 += a07 * bv; t10 += a17 * bv; }
                        { float bv = b1.V7; t01 += a07 * bv; t11 += a17 * bv; }
                        { float bv = b2.V7; t02 += a07 * bv; t12 += a17 * bv; }
                        { float bv = b3.V7; t03 += a07 * bv; t13 += a17 * bv; }
                        { float bv = b4.V7; t04 += a07 * bv; t14 += a17 * bv; }
                        { float bv = b5.V7; t05 += a07 * bv; t15 += a17 * bv; }
                        { float bv = b6.V7; t06 += a07 * bv; t16 += a17 * bv; }
                        { float bv = b7.V7; t07 += a07 * bv; t17 += a17 * bv; }
                        c00 += t00; c01 += t01; c02 += t02; c03 += t03; c04 += t04; c05 += t05; c06 += t06; c07 += t07;
                        c10 += t10; c11 += t11; c12 += t12; c13 += t13; c14 += t14; c15 += t15; c16 += t16; c17 += t17;
                    }
                }
            }
            // K remainder, or all of K for a partial column block: clamped scalar loads.
            long cb0 = (long)IntrinsicMath.Min(n0 + 0, lastN) * p.StrideBn;
            long cb1 = (long)IntrinsicMath.Min(n0 + 1, lastN) * p.StrideBn;
            long cb2 = (long)IntrinsicMath.Min(n0 + 2, lastN) * p.StrideBn;
            long cb3 = (long)IntrinsicMath.Min(n0 + 3, lastN) * p.StrideBn;
            long cb4 = (long)IntrinsicMath.Min(n0 + 4, lastN) * p.StrideBn;
            long cb5 = (long)IntrinsicMath.Min(n0 + 5, lastN) * p.StrideBn;
            long cb6 = (long)IntrinsicMath.Min(n0 + 6, lastN) * p.StrideBn;
            long cb7 = (long)IntrinsicMath.Min(n0 + 7, lastN) * p.StrideBn;
            long akt = (long)k0 * p.StrideAk, bkt = (long)k0 * p.StrideBk;
            for (int k = k0; k < p.K; k++)
            {
                float a0 = a[ra0 + akt]; float a1 = a[ra1 + akt];
                { float bv = b[bkt + cb0]; c00 += a0 * bv; c10 += a1 * bv; }
                { float bv = b[bkt + cb1]; c01 += a0 * bv; c11 += a1 * bv; }
                { float bv = b[bkt + cb2]; c02 += a0 * bv; c12 += a1 * bv; }
                { float bv = b[bkt + cb3]; c03 += a0 * bv; c13 += a1 * bv; }
                { float bv = b[bkt + cb4]; c04 += a0 * bv; c14 += a1 * bv; }
                { float bv = b[bkt + cb5]; c05 += a0 * bv; c15 += a1 * bv; }
                { float bv = b[bkt + cb6]; c06 += a0 * bv; c16 += a1 * bv; }
                { float bv = b[bkt + cb7]; c07 += a0 * bv; c17 += a1 * bv; }
                akt += p.StrideAk;
                bkt += p.StrideBk;
            }
            if (fullN)
            {
                float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
                if (p.HasBias != 0)
                {
                    ref F8 bb = ref Unsafe.As<float, F8>(ref bias[n0]);
                    s0 = bb.V0; s1 = bb.V1; s2 = bb.V2; s3 = bb.V3; s4 = bb.V4; s5 = bb.V5; s6 = bb.V6; s7 = bb.V7;
                }
                if (m0 + 0 < p.M)
                {
                    ref F8 cr = ref Unsafe.As<float, F8>(ref c[(long)(m0 + 0) * p.Ldc + n0]);
                    if (p.Beta != 0f)
                    {
                        cr.V0 = p.Alpha * c00 + p.Beta * cr.V0 + s0;
                        cr.V1 = p.Alpha * c01 + p.Beta * cr.V1 + s1;
                        cr.V2 = p.Alpha * c02 + p.Beta * cr.V2 + s2;
                        cr.V3 = p.Alpha * c03 + p.Beta * cr.V3 + s3;
                        cr.V4 = p.Alpha * c04 + p.Beta * cr.V4 + s4;
                        cr.V5 = p.Alpha * c05 + p.Beta * cr.V5 + s5;
                        cr.V6 = p.Alpha * c06 + p.Beta * cr.V6 + s6;
                        cr.V7 = p.Alpha * c07 + p.Beta * cr.V7 + s7;
                    }
                    else
                    {
                        cr.V0 = p.Alpha * c00 + s0;
                        cr.V1 = p.Alpha * c01 + s1;
                        cr.V2 = p.Alpha * c02 + s2;
                        cr.V3 = p.Alpha * c03 + s3;
                        cr.V4 = p.Alpha * c04 + s4;
                        cr.V5 = p.Alpha * c05 + s5;
                        cr.V6 = p.Alpha * c06 + s6;
                        cr.V7 = p.Alpha * c07 + s7;
                    }
                }
                if (m0 + 1 < p.M)
                {
                    ref F8 cr = ref Unsafe.As<float, F8>(ref c[(long)(m0 + 1) * p.Ldc + n0]);
                    if (p.Beta != 0f)
                    {
                        cr.V0 = p.Alpha * c10 + p.Beta * cr.V0 + s0;
                        cr.V1 = p.Alpha * c11 + p.Beta * cr.V1 + s1;
                        cr.V2 = p.Alpha * c12 + p.Beta * cr.V2 + s2;
                        cr.V3 = p.Alpha * c13 + p.Beta * cr.V3 + s3;
                        cr.V4 = p.Alpha * c14 + p.Beta * cr.V4 + s4;
                        cr.V5 = p.Alpha * c15 + p.Beta * cr.V5 + s5;
                        cr.V6 = p.Alpha * c16 + p.Beta * cr.V6 + s6;
                        cr.V7 = p.Alpha * c17 + p.Beta * cr.V7 + s7;
                    }
                    else
                    {
                        cr.V0 = p.Alpha * c10 + s0;
                        cr.V1 = p.Alpha * c11 + s1;
                        cr.V2 = p.Alpha * c12 + s2;
                        cr.V3 = p.Alpha * c13 + s3;
                        cr.V4 = p.Alpha * c14 + s4;
                        cr.V5 = p.Alpha * c15 + s5;
                        cr.V6 = p.Alpha * c16 + s6;
                        cr.V7 = p.Alpha * c17 + s7;
                    }
                }
            }
            else
            {
                Store(c, bias, p, m0 + 0, n0 + 0, c00);
                Store(c, bias, p, m0 + 0, n0 + 1, c01);
                Store(c, bias, p, m0 + 0, n0 + 2, c02);
                Store(c, bias, p, m0 + 0, n0 + 3, c03);
                Store(c, bias, p, m0 + 0, n0 + 4, c04);
                Store(c, bias, p, m0 + 0, n0 + 5, c05);
                Store(c, bias, p, m0 + 0, n0 + 6, c06);
                Store(c, bias, p, m0 + 0, n0 + 7, c07);
                Store(c, bias, p, m0 + 1, n0 + 0, c10);
                Store(c, bias, p, m0 + 1, n0 + 1, c11);
                Store(c, bias, p, m0 + 1, n0 + 2, c12);
                Store(c, bias, p, m0 + 1, n0 + 3, c13);
                Store(c, bias, p, m0 + 1, n0 + 4, c14);
                Store(c, bias, p, m0 + 1, n0 + 5, c15);
                Store(c, bias, p, m0 + 1, n0 + 6, c16);
                Store(c, bias, p, m0 + 1, n0 + 7, c17);
            }
        }
    }

    // ---- generated CPU variants (end)

    // ---- generated OpenCL variants (begin)
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

        /// <summary>v21: v20 with an unclamped branch for full groups with StrideBn == 1</summary>
        static void V21(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c,
            ArrayView<float> bias, GemmArgs p)
        {
            const int TM = 8, KC = 16, GN = 64;
            int n = Grid.IdxX * GN + Group.IdxX;
            int m0 = Grid.IdxY * TM;
            int lastM = p.M - 1;
            long cb = (long)IntrinsicMath.Min(n, p.N - 1) * p.StrideBn;
            bool fast = p.StrideBn == 1 && Grid.IdxX * GN + GN <= p.N;
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
                if (fast)
                {
                    long bk = (long)k0 * p.StrideBk + n;
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
                }
                else
                {
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
                }
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

        /// <summary>v22: v21 with 16 rows per work item</summary>
        static void V22(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c,
            ArrayView<float> bias, GemmArgs p)
        {
            const int TM = 16, KC = 16, GN = 64;
            int n = Grid.IdxX * GN + Group.IdxX;
            int m0 = Grid.IdxY * TM;
            int lastM = p.M - 1;
            long cb = (long)IntrinsicMath.Min(n, p.N - 1) * p.StrideBn;
            bool fast = p.StrideBn == 1 && Grid.IdxX * GN + GN <= p.N;
            long ra0 = (long)IntrinsicMath.Min(m0 + 0, lastM) * p.StrideAm;
            long ra1 = (long)IntrinsicMath.Min(m0 + 1, lastM) * p.StrideAm;
            long ra2 = (long)IntrinsicMath.Min(m0 + 2, lastM) * p.StrideAm;
            long ra3 = (long)IntrinsicMath.Min(m0 + 3, lastM) * p.StrideAm;
            long ra4 = (long)IntrinsicMath.Min(m0 + 4, lastM) * p.StrideAm;
            long ra5 = (long)IntrinsicMath.Min(m0 + 5, lastM) * p.StrideAm;
            long ra6 = (long)IntrinsicMath.Min(m0 + 6, lastM) * p.StrideAm;
            long ra7 = (long)IntrinsicMath.Min(m0 + 7, lastM) * p.StrideAm;
            long ra8 = (long)IntrinsicMath.Min(m0 + 8, lastM) * p.StrideAm;
            long ra9 = (long)IntrinsicMath.Min(m0 + 9, lastM) * p.StrideAm;
            long ra10 = (long)IntrinsicMath.Min(m0 + 10, lastM) * p.StrideAm;
            long ra11 = (long)IntrinsicMath.Min(m0 + 11, lastM) * p.StrideAm;
            long ra12 = (long)IntrinsicMath.Min(m0 + 12, lastM) * p.StrideAm;
            long ra13 = (long)IntrinsicMath.Min(m0 + 13, lastM) * p.StrideAm;
            long ra14 = (long)IntrinsicMath.Min(m0 + 14, lastM) * p.StrideAm;
            long ra15 = (long)IntrinsicMath.Min(m0 + 15, lastM) * p.StrideAm;
            float c0 = 0, c1 = 0, c2 = 0, c3 = 0, c4 = 0, c5 = 0, c6 = 0, c7 = 0, c8 = 0, c9 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0, c14 = 0, c15 = 0;
            int k0 = 0;
            for (; k0 + KC <= p.K; k0 += KC)
            {
                long ak = (long)k0 * p.StrideAk;
                if (fast)
                {
                    long bk = (long)k0 * p.StrideBk + n;
                    { float bv = b[bk + 0 * (long)p.StrideBk]; long q = ak + 0 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; c8 += a[ra8 + q] * bv; c9 += a[ra9 + q] * bv; c10 += a[ra10 + q] * bv; c11 += a[ra11 + q] * bv; c12 += a[ra12 + q] * bv; c13 += a[ra13 + q] * bv; c14 += a[ra14 + q] * bv; c15 += a[ra15 + q] * bv; }
                    { float bv = b[bk + 1 * (long)p.StrideBk]; long q = ak + 1 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; c8 += a[ra8 + q] * bv; c9 += a[ra9 + q] * bv; c10 += a[ra10 + q] * bv; c11 += a[ra11 + q] * bv; c12 += a[ra12 + q] * bv; c13 += a[ra13 + q] * bv; c14 += a[ra14 + q] * bv; c15 += a[ra15 + q] * bv; }
                    { float bv = b[bk + 2 * (long)p.StrideBk]; long q = ak + 2 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; c8 += a[ra8 + q] * bv; c9 += a[ra9 + q] * bv; c10 += a[ra10 + q] * bv; c11 += a[ra11 + q] * bv; c12 += a[ra12 + q] * bv; c13 += a[ra13 + q] * bv; c14 += a[ra14 + q] * bv; c15 += a[ra15 + q] * bv; }
                    { float bv = b[bk + 3 * (long)p.StrideBk]; long q = ak + 3 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; c8 += a[ra8 + q] * bv; c9 += a[ra9 + q] * bv; c10 += a[ra10 + q] * bv; c11 += a[ra11 + q] * bv; c12 += a[ra12 + q] * bv; c13 += a[ra13 + q] * bv; c14 += a[ra14 + q] * bv; c15 += a[ra15 + q] * bv; }
                    { float bv = b[bk + 4 * (long)p.StrideBk]; long q = ak + 4 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; c8 += a[ra8 + q] * bv; c9 += a[ra9 + q] * bv; c10 += a[ra10 + q] * bv; c11 += a[ra11 + q] * bv; c12 += a[ra12 + q] * bv; c13 += a[ra13 + q] * bv; c14 += a[ra14 + q] * bv; c15 += a[ra15 + q] * bv; }
                    { float bv = b[bk + 5 * (long)p.StrideBk]; long q = ak + 5 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; c8 += a[ra8 + q] * bv; c9 += a[ra9 + q] * bv; c10 += a[ra10 + q] * bv; c11 += a[ra11 + q] * bv; c12 += a[ra12 + q] * bv; c13 += a[ra13 + q] * bv; c14 += a[ra14 + q] * bv; c15 += a[ra15 + q] * bv; }
                    { float bv = b[bk + 6 * (long)p.StrideBk]; long q = ak + 6 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; c8 += a[ra8 + q] * bv; c9 += a[ra9 + q] * bv; c10 += a[ra10 + q] * bv; c11 += a[ra11 + q] * bv; c12 += a[ra12 + q] * bv; c13 += a[ra13 + q] * bv; c14 += a[ra14 + q] * bv; c15 += a[ra15 + q] * bv; }
                    { float bv = b[bk + 7 * (long)p.StrideBk]; long q = ak + 7 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; c8 += a[ra8 + q] * bv; c9 += a[ra9 + q] * bv; c10 += a[ra10 + q] * bv; c11 += a[ra11 + q] * bv; c12 += a[ra12 + q] * bv; c13 += a[ra13 + q] * bv; c14 += a[ra14 + q] * bv; c15 += a[ra15 + q] * bv; }
                    { float bv = b[bk + 8 * (long)p.StrideBk]; long q = ak + 8 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; c8 += a[ra8 + q] * bv; c9 += a[ra9 + q] * bv; c10 += a[ra10 + q] * bv; c11 += a[ra11 + q] * bv; c12 += a[ra12 + q] * bv; c13 += a[ra13 + q] * bv; c14 += a[ra14 + q] * bv; c15 += a[ra15 + q] * bv; }
                    { float bv = b[bk + 9 * (long)p.StrideBk]; long q = ak + 9 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; c8 += a[ra8 + q] * bv; c9 += a[ra9 + q] * bv; c10 += a[ra10 + q] * bv; c11 += a[ra11 + q] * bv; c12 += a[ra12 + q] * bv; c13 += a[ra13 + q] * bv; c14 += a[ra14 + q] * bv; c15 += a[ra15 + q] * bv; }
                    { float bv = b[bk + 10 * (long)p.StrideBk]; long q = ak + 10 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; c8 += a[ra8 + q] * bv; c9 += a[ra9 + q] * bv; c10 += a[ra10 + q] * bv; c11 += a[ra11 + q] * bv; c12 += a[ra12 + q] * bv; c13 += a[ra13 + q] * bv; c14 += a[ra14 + q] * bv; c15 += a[ra15 + q] * bv; }
                    { float bv = b[bk + 11 * (long)p.StrideBk]; long q = ak + 11 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; c8 += a[ra8 + q] * bv; c9 += a[ra9 + q] * bv; c10 += a[ra10 + q] * bv; c11 += a[ra11 + q] * bv; c12 += a[ra12 + q] * bv; c13 += a[ra13 + q] * bv; c14 += a[ra14 + q] * bv; c15 += a[ra15 + q] * bv; }
                    { float bv = b[bk + 12 * (long)p.StrideBk]; long q = ak + 12 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; c8 += a[ra8 + q] * bv; c9 += a[ra9 + q] * bv; c10 += a[ra10 + q] * bv; c11 += a[ra11 + q] * bv; c12 += a[ra12 + q] * bv; c13 += a[ra13 + q] * bv; c14 += a[ra14 + q] * bv; c15 += a[ra15 + q] * bv; }
                    { float bv = b[bk + 13 * (long)p.StrideBk]; long q = ak + 13 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; c8 += a[ra8 + q] * bv; c9 += a[ra9 + q] * bv; c10 += a[ra10 + q] * bv; c11 += a[ra11 + q] * bv; c12 += a[ra12 + q] * bv; c13 += a[ra13 + q] * bv; c14 += a[ra14 + q] * bv; c15 += a[ra15 + q] * bv; }
                    { float bv = b[bk + 14 * (long)p.StrideBk]; long q = ak + 14 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; c8 += a[ra8 + q] * bv; c9 += a[ra9 + q] * bv; c10 += a[ra10 + q] * bv; c11 += a[ra11 + q] * bv; c12 += a[ra12 + q] * bv; c13 += a[ra13 + q] * bv; c14 += a[ra14 + q] * bv; c15 += a[ra15 + q] * bv; }
                    { float bv = b[bk + 15 * (long)p.StrideBk]; long q = ak + 15 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; c8 += a[ra8 + q] * bv; c9 += a[ra9 + q] * bv; c10 += a[ra10 + q] * bv; c11 += a[ra11 + q] * bv; c12 += a[ra12 + q] * bv; c13 += a[ra13 + q] * bv; c14 += a[ra14 + q] * bv; c15 += a[ra15 + q] * bv; }
                }
                else
                {
                    long bk = (long)k0 * p.StrideBk + cb;
                    { float bv = b[bk + 0 * (long)p.StrideBk]; long q = ak + 0 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; c8 += a[ra8 + q] * bv; c9 += a[ra9 + q] * bv; c10 += a[ra10 + q] * bv; c11 += a[ra11 + q] * bv; c12 += a[ra12 + q] * bv; c13 += a[ra13 + q] * bv; c14 += a[ra14 + q] * bv; c15 += a[ra15 + q] * bv; }
                    { float bv = b[bk + 1 * (long)p.StrideBk]; long q = ak + 1 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; c8 += a[ra8 + q] * bv; c9 += a[ra9 + q] * bv; c10 += a[ra10 + q] * bv; c11 += a[ra11 + q] * bv; c12 += a[ra12 + q] * bv; c13 += a[ra13 + q] * bv; c14 += a[ra14 + q] * bv; c15 += a[ra15 + q] * bv; }
                    { float bv = b[bk + 2 * (long)p.StrideBk]; long q = ak + 2 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; c8 += a[ra8 + q] * bv; c9 += a[ra9 + q] * bv; c10 += a[ra10 + q] * bv; c11 += a[ra11 + q] * bv; c12 += a[ra12 + q] * bv; c13 += a[ra13 + q] * bv; c14 += a[ra14 + q] * bv; c15 += a[ra15 + q] * bv; }
                    { float bv = b[bk + 3 * (long)p.StrideBk]; long q = ak + 3 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; c8 += a[ra8 + q] * bv; c9 += a[ra9 + q] * bv; c10 += a[ra10 + q] * bv; c11 += a[ra11 + q] * bv; c12 += a[ra12 + q] * bv; c13 += a[ra13 + q] * bv; c14 += a[ra14 + q] * bv; c15 += a[ra15 + q] * bv; }
                    { float bv = b[bk + 4 * (long)p.StrideBk]; long q = ak + 4 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; c8 += a[ra8 + q] * bv; c9 += a[ra9 + q] * bv; c10 += a[ra10 + q] * bv; c11 += a[ra11 + q] * bv; c12 += a[ra12 + q] * bv; c13 += a[ra13 + q] * bv; c14 += a[ra14 + q] * bv; c15 += a[ra15 + q] * bv; }
                    { float bv = b[bk + 5 * (long)p.StrideBk]; long q = ak + 5 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; c8 += a[ra8 + q] * bv; c9 += a[ra9 + q] * bv; c10 += a[ra10 + q] * bv; c11 += a[ra11 + q] * bv; c12 += a[ra12 + q] * bv; c13 += a[ra13 + q] * bv; c14 += a[ra14 + q] * bv; c15 += a[ra15 + q] * bv; }
                    { float bv = b[bk + 6 * (long)p.StrideBk]; long q = ak + 6 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; c8 += a[ra8 + q] * bv; c9 += a[ra9 + q] * bv; c10 += a[ra10 + q] * bv; c11 += a[ra11 + q] * bv; c12 += a[ra12 + q] * bv; c13 += a[ra13 + q] * bv; c14 += a[ra14 + q] * bv; c15 += a[ra15 + q] * bv; }
                    { float bv = b[bk + 7 * (long)p.StrideBk]; long q = ak + 7 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; c8 += a[ra8 + q] * bv; c9 += a[ra9 + q] * bv; c10 += a[ra10 + q] * bv; c11 += a[ra11 + q] * bv; c12 += a[ra12 + q] * bv; c13 += a[ra13 + q] * bv; c14 += a[ra14 + q] * bv; c15 += a[ra15 + q] * bv; }
                    { float bv = b[bk + 8 * (long)p.StrideBk]; long q = ak + 8 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; c8 += a[ra8 + q] * bv; c9 += a[ra9 + q] * bv; c10 += a[ra10 + q] * bv; c11 += a[ra11 + q] * bv; c12 += a[ra12 + q] * bv; c13 += a[ra13 + q] * bv; c14 += a[ra14 + q] * bv; c15 += a[ra15 + q] * bv; }
                    { float bv = b[bk + 9 * (long)p.StrideBk]; long q = ak + 9 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; c8 += a[ra8 + q] * bv; c9 += a[ra9 + q] * bv; c10 += a[ra10 + q] * bv; c11 += a[ra11 + q] * bv; c12 += a[ra12 + q] * bv; c13 += a[ra13 + q] * bv; c14 += a[ra14 + q] * bv; c15 += a[ra15 + q] * bv; }
                    { float bv = b[bk + 10 * (long)p.StrideBk]; long q = ak + 10 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; c8 += a[ra8 + q] * bv; c9 += a[ra9 + q] * bv; c10 += a[ra10 + q] * bv; c11 += a[ra11 + q] * bv; c12 += a[ra12 + q] * bv; c13 += a[ra13 + q] * bv; c14 += a[ra14 + q] * bv; c15 += a[ra15 + q] * bv; }
                    { float bv = b[bk + 11 * (long)p.StrideBk]; long q = ak + 11 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; c8 += a[ra8 + q] * bv; c9 += a[ra9 + q] * bv; c10 += a[ra10 + q] * bv; c11 += a[ra11 + q] * bv; c12 += a[ra12 + q] * bv; c13 += a[ra13 + q] * bv; c14 += a[ra14 + q] * bv; c15 += a[ra15 + q] * bv; }
                    { float bv = b[bk + 12 * (long)p.StrideBk]; long q = ak + 12 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; c8 += a[ra8 + q] * bv; c9 += a[ra9 + q] * bv; c10 += a[ra10 + q] * bv; c11 += a[ra11 + q] * bv; c12 += a[ra12 + q] * bv; c13 += a[ra13 + q] * bv; c14 += a[ra14 + q] * bv; c15 += a[ra15 + q] * bv; }
                    { float bv = b[bk + 13 * (long)p.StrideBk]; long q = ak + 13 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; c8 += a[ra8 + q] * bv; c9 += a[ra9 + q] * bv; c10 += a[ra10 + q] * bv; c11 += a[ra11 + q] * bv; c12 += a[ra12 + q] * bv; c13 += a[ra13 + q] * bv; c14 += a[ra14 + q] * bv; c15 += a[ra15 + q] * bv; }
                    { float bv = b[bk + 14 * (long)p.StrideBk]; long q = ak + 14 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; c8 += a[ra8 + q] * bv; c9 += a[ra9 + q] * bv; c10 += a[ra10 + q] * bv; c11 += a[ra11 + q] * bv; c12 += a[ra12 + q] * bv; c13 += a[ra13 + q] * bv; c14 += a[ra14 + q] * bv; c15 += a[ra15 + q] * bv; }
                    { float bv = b[bk + 15 * (long)p.StrideBk]; long q = ak + 15 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; c8 += a[ra8 + q] * bv; c9 += a[ra9 + q] * bv; c10 += a[ra10 + q] * bv; c11 += a[ra11 + q] * bv; c12 += a[ra12 + q] * bv; c13 += a[ra13 + q] * bv; c14 += a[ra14 + q] * bv; c15 += a[ra15 + q] * bv; }
                }
                // The barrier makes each chunk a parallel region of its own: PoCL wraps the work-item
                // loop around the unrolled chunk, where its vectoriser can reach it.
                Group.Barrier();
            }
            for (; k0 < p.K; k0++)
            {
                float bv = b[(long)k0 * p.StrideBk + cb];
                long q = (long)k0 * p.StrideAk;
                c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; c8 += a[ra8 + q] * bv; c9 += a[ra9 + q] * bv; c10 += a[ra10 + q] * bv; c11 += a[ra11 + q] * bv; c12 += a[ra12 + q] * bv; c13 += a[ra13 + q] * bv; c14 += a[ra14 + q] * bv; c15 += a[ra15 + q] * bv;
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
            Store(c, bias, p, m0 + 8, n, c8);
            Store(c, bias, p, m0 + 9, n, c9);
            Store(c, bias, p, m0 + 10, n, c10);
            Store(c, bias, p, m0 + 11, n, c11);
            Store(c, bias, p, m0 + 12, n, c12);
            Store(c, bias, p, m0 + 13, n, c13);
            Store(c, bias, p, m0 + 14, n, c14);
            Store(c, bias, p, m0 + 15, n, c15);
        }

        /// <summary>v23: v21 with 256 work items per group</summary>
        static void V23(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c,
            ArrayView<float> bias, GemmArgs p)
        {
            const int TM = 8, KC = 16, GN = 256;
            int n = Grid.IdxX * GN + Group.IdxX;
            int m0 = Grid.IdxY * TM;
            int lastM = p.M - 1;
            long cb = (long)IntrinsicMath.Min(n, p.N - 1) * p.StrideBn;
            bool fast = p.StrideBn == 1 && Grid.IdxX * GN + GN <= p.N;
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
                if (fast)
                {
                    long bk = (long)k0 * p.StrideBk + n;
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
                }
                else
                {
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
                }
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

        /// <summary>v24: v21 with K chunks of 8</summary>
        static void V24(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c,
            ArrayView<float> bias, GemmArgs p)
        {
            const int TM = 8, KC = 8, GN = 64;
            int n = Grid.IdxX * GN + Group.IdxX;
            int m0 = Grid.IdxY * TM;
            int lastM = p.M - 1;
            long cb = (long)IntrinsicMath.Min(n, p.N - 1) * p.StrideBn;
            bool fast = p.StrideBn == 1 && Grid.IdxX * GN + GN <= p.N;
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
                if (fast)
                {
                    long bk = (long)k0 * p.StrideBk + n;
                    { float bv = b[bk + 0 * (long)p.StrideBk]; long q = ak + 0 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; }
                    { float bv = b[bk + 1 * (long)p.StrideBk]; long q = ak + 1 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; }
                    { float bv = b[bk + 2 * (long)p.StrideBk]; long q = ak + 2 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; }
                    { float bv = b[bk + 3 * (long)p.StrideBk]; long q = ak + 3 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; }
                    { float bv = b[bk + 4 * (long)p.StrideBk]; long q = ak + 4 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; }
                    { float bv = b[bk + 5 * (long)p.StrideBk]; long q = ak + 5 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; }
                    { float bv = b[bk + 6 * (long)p.StrideBk]; long q = ak + 6 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; }
                    { float bv = b[bk + 7 * (long)p.StrideBk]; long q = ak + 7 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; }
                }
                else
                {
                    long bk = (long)k0 * p.StrideBk + cb;
                    { float bv = b[bk + 0 * (long)p.StrideBk]; long q = ak + 0 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; }
                    { float bv = b[bk + 1 * (long)p.StrideBk]; long q = ak + 1 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; }
                    { float bv = b[bk + 2 * (long)p.StrideBk]; long q = ak + 2 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; }
                    { float bv = b[bk + 3 * (long)p.StrideBk]; long q = ak + 3 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; }
                    { float bv = b[bk + 4 * (long)p.StrideBk]; long q = ak + 4 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; }
                    { float bv = b[bk + 5 * (long)p.StrideBk]; long q = ak + 5 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; }
                    { float bv = b[bk + 6 * (long)p.StrideBk]; long q = ak + 6 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; }
                    { float bv = b[bk + 7 * (long)p.StrideBk]; long q = ak + 7 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; }
                }
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

        /// <summary>v25: 16 rows, KC 8, groups of 128</summary>
        static void V25(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c,
            ArrayView<float> bias, GemmArgs p)
        {
            const int TM = 16, KC = 8, GN = 128;
            int n = Grid.IdxX * GN + Group.IdxX;
            int m0 = Grid.IdxY * TM;
            int lastM = p.M - 1;
            long cb = (long)IntrinsicMath.Min(n, p.N - 1) * p.StrideBn;
            bool fast = p.StrideBn == 1 && Grid.IdxX * GN + GN <= p.N;
            long ra0 = (long)IntrinsicMath.Min(m0 + 0, lastM) * p.StrideAm;
            long ra1 = (long)IntrinsicMath.Min(m0 + 1, lastM) * p.StrideAm;
            long ra2 = (long)IntrinsicMath.Min(m0 + 2, lastM) * p.StrideAm;
            long ra3 = (long)IntrinsicMath.Min(m0 + 3, lastM) * p.StrideAm;
            long ra4 = (long)IntrinsicMath.Min(m0 + 4, lastM) * p.StrideAm;
            long ra5 = (long)IntrinsicMath.Min(m0 + 5, lastM) * p.StrideAm;
            long ra6 = (long)IntrinsicMath.Min(m0 + 6, lastM) * p.StrideAm;
            long ra7 = (long)IntrinsicMath.Min(m0 + 7, lastM) * p.StrideAm;
            long ra8 = (long)IntrinsicMath.Min(m0 + 8, lastM) * p.StrideAm;
            long ra9 = (long)IntrinsicMath.Min(m0 + 9, lastM) * p.StrideAm;
            long ra10 = (long)IntrinsicMath.Min(m0 + 10, lastM) * p.StrideAm;
            long ra11 = (long)IntrinsicMath.Min(m0 + 11, lastM) * p.StrideAm;
            long ra12 = (long)IntrinsicMath.Min(m0 + 12, lastM) * p.StrideAm;
            long ra13 = (long)IntrinsicMath.Min(m0 + 13, lastM) * p.StrideAm;
            long ra14 = (long)IntrinsicMath.Min(m0 + 14, lastM) * p.StrideAm;
            long ra15 = (long)IntrinsicMath.Min(m0 + 15, lastM) * p.StrideAm;
            float c0 = 0, c1 = 0, c2 = 0, c3 = 0, c4 = 0, c5 = 0, c6 = 0, c7 = 0, c8 = 0, c9 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0, c14 = 0, c15 = 0;
            int k0 = 0;
            for (; k0 + KC <= p.K; k0 += KC)
            {
                long ak = (long)k0 * p.StrideAk;
                if (fast)
                {
                    long bk = (long)k0 * p.StrideBk + n;
                    { float bv = b[bk + 0 * (long)p.StrideBk]; long q = ak + 0 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; c8 += a[ra8 + q] * bv; c9 += a[ra9 + q] * bv; c10 += a[ra10 + q] * bv; c11 += a[ra11 + q] * bv; c12 += a[ra12 + q] * bv; c13 += a[ra13 + q] * bv; c14 += a[ra14 + q] * bv; c15 += a[ra15 + q] * bv; }
                    { float bv = b[bk + 1 * (long)p.StrideBk]; long q = ak + 1 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; c8 += a[ra8 + q] * bv; c9 += a[ra9 + q] * bv; c10 += a[ra10 + q] * bv; c11 += a[ra11 + q] * bv; c12 += a[ra12 + q] * bv; c13 += a[ra13 + q] * bv; c14 += a[ra14 + q] * bv; c15 += a[ra15 + q] * bv; }
                    { float bv = b[bk + 2 * (long)p.StrideBk]; long q = ak + 2 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; c8 += a[ra8 + q] * bv; c9 += a[ra9 + q] * bv; c10 += a[ra10 + q] * bv; c11 += a[ra11 + q] * bv; c12 += a[ra12 + q] * bv; c13 += a[ra13 + q] * bv; c14 += a[ra14 + q] * bv; c15 += a[ra15 + q] * bv; }
                    { float bv = b[bk + 3 * (long)p.StrideBk]; long q = ak + 3 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; c8 += a[ra8 + q] * bv; c9 += a[ra9 + q] * bv; c10 += a[ra10 + q] * bv; c11 += a[ra11 + q] * bv; c12 += a[ra12 + q] * bv; c13 += a[ra13 + q] * bv; c14 += a[ra14 + q] * bv; c15 += a[ra15 + q] * bv; }
                    { float bv = b[bk + 4 * (long)p.StrideBk]; long q = ak + 4 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; c8 += a[ra8 + q] * bv; c9 += a[ra9 + q] * bv; c10 += a[ra10 + q] * bv; c11 += a[ra11 + q] * bv; c12 += a[ra12 + q] * bv; c13 += a[ra13 + q] * bv; c14 += a[ra14 + q] * bv; c15 += a[ra15 + q] * bv; }
                    { float bv = b[bk + 5 * (long)p.StrideBk]; long q = ak + 5 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; c8 += a[ra8 + q] * bv; c9 += a[ra9 + q] * bv; c10 += a[ra10 + q] * bv; c11 += a[ra11 + q] * bv; c12 += a[ra12 + q] * bv; c13 += a[ra13 + q] * bv; c14 += a[ra14 + q] * bv; c15 += a[ra15 + q] * bv; }
                    { float bv = b[bk + 6 * (long)p.StrideBk]; long q = ak + 6 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; c8 += a[ra8 + q] * bv; c9 += a[ra9 + q] * bv; c10 += a[ra10 + q] * bv; c11 += a[ra11 + q] * bv; c12 += a[ra12 + q] * bv; c13 += a[ra13 + q] * bv; c14 += a[ra14 + q] * bv; c15 += a[ra15 + q] * bv; }
                    { float bv = b[bk + 7 * (long)p.StrideBk]; long q = ak + 7 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; c8 += a[ra8 + q] * bv; c9 += a[ra9 + q] * bv; c10 += a[ra10 + q] * bv; c11 += a[ra11 + q] * bv; c12 += a[ra12 + q] * bv; c13 += a[ra13 + q] * bv; c14 += a[ra14 + q] * bv; c15 += a[ra15 + q] * bv; }
                }
                else
                {
                    long bk = (long)k0 * p.StrideBk + cb;
                    { float bv = b[bk + 0 * (long)p.StrideBk]; long q = ak + 0 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; c8 += a[ra8 + q] * bv; c9 += a[ra9 + q] * bv; c10 += a[ra10 + q] * bv; c11 += a[ra11 + q] * bv; c12 += a[ra12 + q] * bv; c13 += a[ra13 + q] * bv; c14 += a[ra14 + q] * bv; c15 += a[ra15 + q] * bv; }
                    { float bv = b[bk + 1 * (long)p.StrideBk]; long q = ak + 1 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; c8 += a[ra8 + q] * bv; c9 += a[ra9 + q] * bv; c10 += a[ra10 + q] * bv; c11 += a[ra11 + q] * bv; c12 += a[ra12 + q] * bv; c13 += a[ra13 + q] * bv; c14 += a[ra14 + q] * bv; c15 += a[ra15 + q] * bv; }
                    { float bv = b[bk + 2 * (long)p.StrideBk]; long q = ak + 2 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; c8 += a[ra8 + q] * bv; c9 += a[ra9 + q] * bv; c10 += a[ra10 + q] * bv; c11 += a[ra11 + q] * bv; c12 += a[ra12 + q] * bv; c13 += a[ra13 + q] * bv; c14 += a[ra14 + q] * bv; c15 += a[ra15 + q] * bv; }
                    { float bv = b[bk + 3 * (long)p.StrideBk]; long q = ak + 3 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; c8 += a[ra8 + q] * bv; c9 += a[ra9 + q] * bv; c10 += a[ra10 + q] * bv; c11 += a[ra11 + q] * bv; c12 += a[ra12 + q] * bv; c13 += a[ra13 + q] * bv; c14 += a[ra14 + q] * bv; c15 += a[ra15 + q] * bv; }
                    { float bv = b[bk + 4 * (long)p.StrideBk]; long q = ak + 4 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; c8 += a[ra8 + q] * bv; c9 += a[ra9 + q] * bv; c10 += a[ra10 + q] * bv; c11 += a[ra11 + q] * bv; c12 += a[ra12 + q] * bv; c13 += a[ra13 + q] * bv; c14 += a[ra14 + q] * bv; c15 += a[ra15 + q] * bv; }
                    { float bv = b[bk + 5 * (long)p.StrideBk]; long q = ak + 5 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; c8 += a[ra8 + q] * bv; c9 += a[ra9 + q] * bv; c10 += a[ra10 + q] * bv; c11 += a[ra11 + q] * bv; c12 += a[ra12 + q] * bv; c13 += a[ra13 + q] * bv; c14 += a[ra14 + q] * bv; c15 += a[ra15 + q] * bv; }
                    { float bv = b[bk + 6 * (long)p.StrideBk]; long q = ak + 6 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; c8 += a[ra8 + q] * bv; c9 += a[ra9 + q] * bv; c10 += a[ra10 + q] * bv; c11 += a[ra11 + q] * bv; c12 += a[ra12 + q] * bv; c13 += a[ra13 + q] * bv; c14 += a[ra14 + q] * bv; c15 += a[ra15 + q] * bv; }
                    { float bv = b[bk + 7 * (long)p.StrideBk]; long q = ak + 7 * (long)p.StrideAk; c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; c8 += a[ra8 + q] * bv; c9 += a[ra9 + q] * bv; c10 += a[ra10 + q] * bv; c11 += a[ra11 + q] * bv; c12 += a[ra12 + q] * bv; c13 += a[ra13 + q] * bv; c14 += a[ra14 + q] * bv; c15 += a[ra15 + q] * bv; }
                }
                // The barrier makes each chunk a parallel region of its own: PoCL wraps the work-item
                // loop around the unrolled chunk, where its vectoriser can reach it.
                Group.Barrier();
            }
            for (; k0 < p.K; k0++)
            {
                float bv = b[(long)k0 * p.StrideBk + cb];
                long q = (long)k0 * p.StrideAk;
                c0 += a[ra0 + q] * bv; c1 += a[ra1 + q] * bv; c2 += a[ra2 + q] * bv; c3 += a[ra3 + q] * bv; c4 += a[ra4 + q] * bv; c5 += a[ra5 + q] * bv; c6 += a[ra6 + q] * bv; c7 += a[ra7 + q] * bv; c8 += a[ra8 + q] * bv; c9 += a[ra9 + q] * bv; c10 += a[ra10 + q] * bv; c11 += a[ra11 + q] * bv; c12 += a[ra12 + q] * bv; c13 += a[ra13 + q] * bv; c14 += a[ra14 + q] * bv; c15 += a[ra15 + q] * bv;
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
            Store(c, bias, p, m0 + 8, n, c8);
            Store(c, bias, p, m0 + 9, n, c9);
            Store(c, bias, p, m0 + 10, n, c10);
            Store(c, bias, p, m0 + 11, n, c11);
            Store(c, bias, p, m0 + 12, n, c12);
            Store(c, bias, p, m0 + 13, n, c13);
            Store(c, bias, p, m0 + 14, n, c14);
            Store(c, bias, p, m0 + 15, n, c15);
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

        /// <summary>v31: v30 with 4x16</summary>
        static void V31(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c,
            ArrayView<float> bias, GemmArgs p)
        {
            const int TM = 4, TN = 16, GN = 8;
            int n0 = (Grid.IdxX * GN + Group.IdxX) * TN;
            int m0 = Grid.IdxY * TM;
            if (m0 >= p.M || n0 >= p.N)
                return;
            int lastM = p.M - 1, lastN = p.N - 1;
            long ra0 = (long)IntrinsicMath.Min(m0 + 0, lastM) * p.StrideAm;
            long ra1 = (long)IntrinsicMath.Min(m0 + 1, lastM) * p.StrideAm;
            long ra2 = (long)IntrinsicMath.Min(m0 + 2, lastM) * p.StrideAm;
            long ra3 = (long)IntrinsicMath.Min(m0 + 3, lastM) * p.StrideAm;
            float c0_0 = 0, c0_1 = 0, c0_2 = 0, c0_3 = 0, c0_4 = 0, c0_5 = 0, c0_6 = 0, c0_7 = 0, c0_8 = 0, c0_9 = 0, c0_10 = 0, c0_11 = 0, c0_12 = 0, c0_13 = 0, c0_14 = 0, c0_15 = 0;
            float c1_0 = 0, c1_1 = 0, c1_2 = 0, c1_3 = 0, c1_4 = 0, c1_5 = 0, c1_6 = 0, c1_7 = 0, c1_8 = 0, c1_9 = 0, c1_10 = 0, c1_11 = 0, c1_12 = 0, c1_13 = 0, c1_14 = 0, c1_15 = 0;
            float c2_0 = 0, c2_1 = 0, c2_2 = 0, c2_3 = 0, c2_4 = 0, c2_5 = 0, c2_6 = 0, c2_7 = 0, c2_8 = 0, c2_9 = 0, c2_10 = 0, c2_11 = 0, c2_12 = 0, c2_13 = 0, c2_14 = 0, c2_15 = 0;
            float c3_0 = 0, c3_1 = 0, c3_2 = 0, c3_3 = 0, c3_4 = 0, c3_5 = 0, c3_6 = 0, c3_7 = 0, c3_8 = 0, c3_9 = 0, c3_10 = 0, c3_11 = 0, c3_12 = 0, c3_13 = 0, c3_14 = 0, c3_15 = 0;
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
        }

        /// <summary>v32: v30 with 8x8, groups of 16</summary>
        static void V32(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c,
            ArrayView<float> bias, GemmArgs p)
        {
            const int TM = 8, TN = 8, GN = 16;
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
            float c0_0 = 0, c0_1 = 0, c0_2 = 0, c0_3 = 0, c0_4 = 0, c0_5 = 0, c0_6 = 0, c0_7 = 0;
            float c1_0 = 0, c1_1 = 0, c1_2 = 0, c1_3 = 0, c1_4 = 0, c1_5 = 0, c1_6 = 0, c1_7 = 0;
            float c2_0 = 0, c2_1 = 0, c2_2 = 0, c2_3 = 0, c2_4 = 0, c2_5 = 0, c2_6 = 0, c2_7 = 0;
            float c3_0 = 0, c3_1 = 0, c3_2 = 0, c3_3 = 0, c3_4 = 0, c3_5 = 0, c3_6 = 0, c3_7 = 0;
            float c4_0 = 0, c4_1 = 0, c4_2 = 0, c4_3 = 0, c4_4 = 0, c4_5 = 0, c4_6 = 0, c4_7 = 0;
            float c5_0 = 0, c5_1 = 0, c5_2 = 0, c5_3 = 0, c5_4 = 0, c5_5 = 0, c5_6 = 0, c5_7 = 0;
            float c6_0 = 0, c6_1 = 0, c6_2 = 0, c6_3 = 0, c6_4 = 0, c6_5 = 0, c6_6 = 0, c6_7 = 0;
            float c7_0 = 0, c7_1 = 0, c7_2 = 0, c7_3 = 0, c7_4 = 0, c7_5 = 0, c7_6 = 0, c7_7 = 0;
            long ak = 0;
            if (p.StrideBn == 1 && n0 + TN <= p.N)
            {
                // Contiguous columns: the OpenCL compiler turns each row of the tile into one vector.
                long bk = n0;
                for (int k = 0; k < p.K; k++)
                {
                    float b0 = b[bk + 0]; float b1 = b[bk + 1]; float b2 = b[bk + 2]; float b3 = b[bk + 3]; float b4 = b[bk + 4]; float b5 = b[bk + 5]; float b6 = b[bk + 6]; float b7 = b[bk + 7];
                    { float av = a[ra0 + ak]; c0_0 += av * b0; c0_1 += av * b1; c0_2 += av * b2; c0_3 += av * b3; c0_4 += av * b4; c0_5 += av * b5; c0_6 += av * b6; c0_7 += av * b7; }
                    { float av = a[ra1 + ak]; c1_0 += av * b0; c1_1 += av * b1; c1_2 += av * b2; c1_3 += av * b3; c1_4 += av * b4; c1_5 += av * b5; c1_6 += av * b6; c1_7 += av * b7; }
                    { float av = a[ra2 + ak]; c2_0 += av * b0; c2_1 += av * b1; c2_2 += av * b2; c2_3 += av * b3; c2_4 += av * b4; c2_5 += av * b5; c2_6 += av * b6; c2_7 += av * b7; }
                    { float av = a[ra3 + ak]; c3_0 += av * b0; c3_1 += av * b1; c3_2 += av * b2; c3_3 += av * b3; c3_4 += av * b4; c3_5 += av * b5; c3_6 += av * b6; c3_7 += av * b7; }
                    { float av = a[ra4 + ak]; c4_0 += av * b0; c4_1 += av * b1; c4_2 += av * b2; c4_3 += av * b3; c4_4 += av * b4; c4_5 += av * b5; c4_6 += av * b6; c4_7 += av * b7; }
                    { float av = a[ra5 + ak]; c5_0 += av * b0; c5_1 += av * b1; c5_2 += av * b2; c5_3 += av * b3; c5_4 += av * b4; c5_5 += av * b5; c5_6 += av * b6; c5_7 += av * b7; }
                    { float av = a[ra6 + ak]; c6_0 += av * b0; c6_1 += av * b1; c6_2 += av * b2; c6_3 += av * b3; c6_4 += av * b4; c6_5 += av * b5; c6_6 += av * b6; c6_7 += av * b7; }
                    { float av = a[ra7 + ak]; c7_0 += av * b0; c7_1 += av * b1; c7_2 += av * b2; c7_3 += av * b3; c7_4 += av * b4; c7_5 += av * b5; c7_6 += av * b6; c7_7 += av * b7; }
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
                long bk = 0;
                for (int k = 0; k < p.K; k++)
                {
                    float b0 = b[bk + cb0]; float b1 = b[bk + cb1]; float b2 = b[bk + cb2]; float b3 = b[bk + cb3]; float b4 = b[bk + cb4]; float b5 = b[bk + cb5]; float b6 = b[bk + cb6]; float b7 = b[bk + cb7];
                    { float av = a[ra0 + ak]; c0_0 += av * b0; c0_1 += av * b1; c0_2 += av * b2; c0_3 += av * b3; c0_4 += av * b4; c0_5 += av * b5; c0_6 += av * b6; c0_7 += av * b7; }
                    { float av = a[ra1 + ak]; c1_0 += av * b0; c1_1 += av * b1; c1_2 += av * b2; c1_3 += av * b3; c1_4 += av * b4; c1_5 += av * b5; c1_6 += av * b6; c1_7 += av * b7; }
                    { float av = a[ra2 + ak]; c2_0 += av * b0; c2_1 += av * b1; c2_2 += av * b2; c2_3 += av * b3; c2_4 += av * b4; c2_5 += av * b5; c2_6 += av * b6; c2_7 += av * b7; }
                    { float av = a[ra3 + ak]; c3_0 += av * b0; c3_1 += av * b1; c3_2 += av * b2; c3_3 += av * b3; c3_4 += av * b4; c3_5 += av * b5; c3_6 += av * b6; c3_7 += av * b7; }
                    { float av = a[ra4 + ak]; c4_0 += av * b0; c4_1 += av * b1; c4_2 += av * b2; c4_3 += av * b3; c4_4 += av * b4; c4_5 += av * b5; c4_6 += av * b6; c4_7 += av * b7; }
                    { float av = a[ra5 + ak]; c5_0 += av * b0; c5_1 += av * b1; c5_2 += av * b2; c5_3 += av * b3; c5_4 += av * b4; c5_5 += av * b5; c5_6 += av * b6; c5_7 += av * b7; }
                    { float av = a[ra6 + ak]; c6_0 += av * b0; c6_1 += av * b1; c6_2 += av * b2; c6_3 += av * b3; c6_4 += av * b4; c6_5 += av * b5; c6_6 += av * b6; c6_7 += av * b7; }
                    { float av = a[ra7 + ak]; c7_0 += av * b0; c7_1 += av * b1; c7_2 += av * b2; c7_3 += av * b3; c7_4 += av * b4; c7_5 += av * b5; c7_6 += av * b6; c7_7 += av * b7; }
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
            Store(c, bias, p, m0 + 1, n0 + 0, c1_0);
            Store(c, bias, p, m0 + 1, n0 + 1, c1_1);
            Store(c, bias, p, m0 + 1, n0 + 2, c1_2);
            Store(c, bias, p, m0 + 1, n0 + 3, c1_3);
            Store(c, bias, p, m0 + 1, n0 + 4, c1_4);
            Store(c, bias, p, m0 + 1, n0 + 5, c1_5);
            Store(c, bias, p, m0 + 1, n0 + 6, c1_6);
            Store(c, bias, p, m0 + 1, n0 + 7, c1_7);
            Store(c, bias, p, m0 + 2, n0 + 0, c2_0);
            Store(c, bias, p, m0 + 2, n0 + 1, c2_1);
            Store(c, bias, p, m0 + 2, n0 + 2, c2_2);
            Store(c, bias, p, m0 + 2, n0 + 3, c2_3);
            Store(c, bias, p, m0 + 2, n0 + 4, c2_4);
            Store(c, bias, p, m0 + 2, n0 + 5, c2_5);
            Store(c, bias, p, m0 + 2, n0 + 6, c2_6);
            Store(c, bias, p, m0 + 2, n0 + 7, c2_7);
            Store(c, bias, p, m0 + 3, n0 + 0, c3_0);
            Store(c, bias, p, m0 + 3, n0 + 1, c3_1);
            Store(c, bias, p, m0 + 3, n0 + 2, c3_2);
            Store(c, bias, p, m0 + 3, n0 + 3, c3_3);
            Store(c, bias, p, m0 + 3, n0 + 4, c3_4);
            Store(c, bias, p, m0 + 3, n0 + 5, c3_5);
            Store(c, bias, p, m0 + 3, n0 + 6, c3_6);
            Store(c, bias, p, m0 + 3, n0 + 7, c3_7);
            Store(c, bias, p, m0 + 4, n0 + 0, c4_0);
            Store(c, bias, p, m0 + 4, n0 + 1, c4_1);
            Store(c, bias, p, m0 + 4, n0 + 2, c4_2);
            Store(c, bias, p, m0 + 4, n0 + 3, c4_3);
            Store(c, bias, p, m0 + 4, n0 + 4, c4_4);
            Store(c, bias, p, m0 + 4, n0 + 5, c4_5);
            Store(c, bias, p, m0 + 4, n0 + 6, c4_6);
            Store(c, bias, p, m0 + 4, n0 + 7, c4_7);
            Store(c, bias, p, m0 + 5, n0 + 0, c5_0);
            Store(c, bias, p, m0 + 5, n0 + 1, c5_1);
            Store(c, bias, p, m0 + 5, n0 + 2, c5_2);
            Store(c, bias, p, m0 + 5, n0 + 3, c5_3);
            Store(c, bias, p, m0 + 5, n0 + 4, c5_4);
            Store(c, bias, p, m0 + 5, n0 + 5, c5_5);
            Store(c, bias, p, m0 + 5, n0 + 6, c5_6);
            Store(c, bias, p, m0 + 5, n0 + 7, c5_7);
            Store(c, bias, p, m0 + 6, n0 + 0, c6_0);
            Store(c, bias, p, m0 + 6, n0 + 1, c6_1);
            Store(c, bias, p, m0 + 6, n0 + 2, c6_2);
            Store(c, bias, p, m0 + 6, n0 + 3, c6_3);
            Store(c, bias, p, m0 + 6, n0 + 4, c6_4);
            Store(c, bias, p, m0 + 6, n0 + 5, c6_5);
            Store(c, bias, p, m0 + 6, n0 + 6, c6_6);
            Store(c, bias, p, m0 + 6, n0 + 7, c6_7);
            Store(c, bias, p, m0 + 7, n0 + 0, c7_0);
            Store(c, bias, p, m0 + 7, n0 + 1, c7_1);
            Store(c, bias, p, m0 + 7, n0 + 2, c7_2);
            Store(c, bias, p, m0 + 7, n0 + 3, c7_3);
            Store(c, bias, p, m0 + 7, n0 + 4, c7_4);
            Store(c, bias, p, m0 + 7, n0 + 5, c7_5);
            Store(c, bias, p, m0 + 7, n0 + 6, c7_6);
            Store(c, bias, p, m0 + 7, n0 + 7, c7_7);
        }

        /// <summary>v33: v30 with groups of 32</summary>
        static void V33(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c,
            ArrayView<float> bias, GemmArgs p)
        {
            const int TM = 8, TN = 16, GN = 32;
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

        /// <summary>v34: v30 with 12x16</summary>
        static void V34(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c,
            ArrayView<float> bias, GemmArgs p)
        {
            const int TM = 12, TN = 16, GN = 8;
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
            long ra8 = (long)IntrinsicMath.Min(m0 + 8, lastM) * p.StrideAm;
            long ra9 = (long)IntrinsicMath.Min(m0 + 9, lastM) * p.StrideAm;
            long ra10 = (long)IntrinsicMath.Min(m0 + 10, lastM) * p.StrideAm;
            long ra11 = (long)IntrinsicMath.Min(m0 + 11, lastM) * p.StrideAm;
            float c0_0 = 0, c0_1 = 0, c0_2 = 0, c0_3 = 0, c0_4 = 0, c0_5 = 0, c0_6 = 0, c0_7 = 0, c0_8 = 0, c0_9 = 0, c0_10 = 0, c0_11 = 0, c0_12 = 0, c0_13 = 0, c0_14 = 0, c0_15 = 0;
            float c1_0 = 0, c1_1 = 0, c1_2 = 0, c1_3 = 0, c1_4 = 0, c1_5 = 0, c1_6 = 0, c1_7 = 0, c1_8 = 0, c1_9 = 0, c1_10 = 0, c1_11 = 0, c1_12 = 0, c1_13 = 0, c1_14 = 0, c1_15 = 0;
            float c2_0 = 0, c2_1 = 0, c2_2 = 0, c2_3 = 0, c2_4 = 0, c2_5 = 0, c2_6 = 0, c2_7 = 0, c2_8 = 0, c2_9 = 0, c2_10 = 0, c2_11 = 0, c2_12 = 0, c2_13 = 0, c2_14 = 0, c2_15 = 0;
            float c3_0 = 0, c3_1 = 0, c3_2 = 0, c3_3 = 0, c3_4 = 0, c3_5 = 0, c3_6 = 0, c3_7 = 0, c3_8 = 0, c3_9 = 0, c3_10 = 0, c3_11 = 0, c3_12 = 0, c3_13 = 0, c3_14 = 0, c3_15 = 0;
            float c4_0 = 0, c4_1 = 0, c4_2 = 0, c4_3 = 0, c4_4 = 0, c4_5 = 0, c4_6 = 0, c4_7 = 0, c4_8 = 0, c4_9 = 0, c4_10 = 0, c4_11 = 0, c4_12 = 0, c4_13 = 0, c4_14 = 0, c4_15 = 0;
            float c5_0 = 0, c5_1 = 0, c5_2 = 0, c5_3 = 0, c5_4 = 0, c5_5 = 0, c5_6 = 0, c5_7 = 0, c5_8 = 0, c5_9 = 0, c5_10 = 0, c5_11 = 0, c5_12 = 0, c5_13 = 0, c5_14 = 0, c5_15 = 0;
            float c6_0 = 0, c6_1 = 0, c6_2 = 0, c6_3 = 0, c6_4 = 0, c6_5 = 0, c6_6 = 0, c6_7 = 0, c6_8 = 0, c6_9 = 0, c6_10 = 0, c6_11 = 0, c6_12 = 0, c6_13 = 0, c6_14 = 0, c6_15 = 0;
            float c7_0 = 0, c7_1 = 0, c7_2 = 0, c7_3 = 0, c7_4 = 0, c7_5 = 0, c7_6 = 0, c7_7 = 0, c7_8 = 0, c7_9 = 0, c7_10 = 0, c7_11 = 0, c7_12 = 0, c7_13 = 0, c7_14 = 0, c7_15 = 0;
            float c8_0 = 0, c8_1 = 0, c8_2 = 0, c8_3 = 0, c8_4 = 0, c8_5 = 0, c8_6 = 0, c8_7 = 0, c8_8 = 0, c8_9 = 0, c8_10 = 0, c8_11 = 0, c8_12 = 0, c8_13 = 0, c8_14 = 0, c8_15 = 0;
            float c9_0 = 0, c9_1 = 0, c9_2 = 0, c9_3 = 0, c9_4 = 0, c9_5 = 0, c9_6 = 0, c9_7 = 0, c9_8 = 0, c9_9 = 0, c9_10 = 0, c9_11 = 0, c9_12 = 0, c9_13 = 0, c9_14 = 0, c9_15 = 0;
            float c10_0 = 0, c10_1 = 0, c10_2 = 0, c10_3 = 0, c10_4 = 0, c10_5 = 0, c10_6 = 0, c10_7 = 0, c10_8 = 0, c10_9 = 0, c10_10 = 0, c10_11 = 0, c10_12 = 0, c10_13 = 0, c10_14 = 0, c10_15 = 0;
            float c11_0 = 0, c11_1 = 0, c11_2 = 0, c11_3 = 0, c11_4 = 0, c11_5 = 0, c11_6 = 0, c11_7 = 0, c11_8 = 0, c11_9 = 0, c11_10 = 0, c11_11 = 0, c11_12 = 0, c11_13 = 0, c11_14 = 0, c11_15 = 0;
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
                    { float av = a[ra8 + ak]; c8_0 += av * b0; c8_1 += av * b1; c8_2 += av * b2; c8_3 += av * b3; c8_4 += av * b4; c8_5 += av * b5; c8_6 += av * b6; c8_7 += av * b7; c8_8 += av * b8; c8_9 += av * b9; c8_10 += av * b10; c8_11 += av * b11; c8_12 += av * b12; c8_13 += av * b13; c8_14 += av * b14; c8_15 += av * b15; }
                    { float av = a[ra9 + ak]; c9_0 += av * b0; c9_1 += av * b1; c9_2 += av * b2; c9_3 += av * b3; c9_4 += av * b4; c9_5 += av * b5; c9_6 += av * b6; c9_7 += av * b7; c9_8 += av * b8; c9_9 += av * b9; c9_10 += av * b10; c9_11 += av * b11; c9_12 += av * b12; c9_13 += av * b13; c9_14 += av * b14; c9_15 += av * b15; }
                    { float av = a[ra10 + ak]; c10_0 += av * b0; c10_1 += av * b1; c10_2 += av * b2; c10_3 += av * b3; c10_4 += av * b4; c10_5 += av * b5; c10_6 += av * b6; c10_7 += av * b7; c10_8 += av * b8; c10_9 += av * b9; c10_10 += av * b10; c10_11 += av * b11; c10_12 += av * b12; c10_13 += av * b13; c10_14 += av * b14; c10_15 += av * b15; }
                    { float av = a[ra11 + ak]; c11_0 += av * b0; c11_1 += av * b1; c11_2 += av * b2; c11_3 += av * b3; c11_4 += av * b4; c11_5 += av * b5; c11_6 += av * b6; c11_7 += av * b7; c11_8 += av * b8; c11_9 += av * b9; c11_10 += av * b10; c11_11 += av * b11; c11_12 += av * b12; c11_13 += av * b13; c11_14 += av * b14; c11_15 += av * b15; }
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
                    { float av = a[ra8 + ak]; c8_0 += av * b0; c8_1 += av * b1; c8_2 += av * b2; c8_3 += av * b3; c8_4 += av * b4; c8_5 += av * b5; c8_6 += av * b6; c8_7 += av * b7; c8_8 += av * b8; c8_9 += av * b9; c8_10 += av * b10; c8_11 += av * b11; c8_12 += av * b12; c8_13 += av * b13; c8_14 += av * b14; c8_15 += av * b15; }
                    { float av = a[ra9 + ak]; c9_0 += av * b0; c9_1 += av * b1; c9_2 += av * b2; c9_3 += av * b3; c9_4 += av * b4; c9_5 += av * b5; c9_6 += av * b6; c9_7 += av * b7; c9_8 += av * b8; c9_9 += av * b9; c9_10 += av * b10; c9_11 += av * b11; c9_12 += av * b12; c9_13 += av * b13; c9_14 += av * b14; c9_15 += av * b15; }
                    { float av = a[ra10 + ak]; c10_0 += av * b0; c10_1 += av * b1; c10_2 += av * b2; c10_3 += av * b3; c10_4 += av * b4; c10_5 += av * b5; c10_6 += av * b6; c10_7 += av * b7; c10_8 += av * b8; c10_9 += av * b9; c10_10 += av * b10; c10_11 += av * b11; c10_12 += av * b12; c10_13 += av * b13; c10_14 += av * b14; c10_15 += av * b15; }
                    { float av = a[ra11 + ak]; c11_0 += av * b0; c11_1 += av * b1; c11_2 += av * b2; c11_3 += av * b3; c11_4 += av * b4; c11_5 += av * b5; c11_6 += av * b6; c11_7 += av * b7; c11_8 += av * b8; c11_9 += av * b9; c11_10 += av * b10; c11_11 += av * b11; c11_12 += av * b12; c11_13 += av * b13; c11_14 += av * b14; c11_15 += av * b15; }
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
            Store(c, bias, p, m0 + 8, n0 + 0, c8_0);
            Store(c, bias, p, m0 + 8, n0 + 1, c8_1);
            Store(c, bias, p, m0 + 8, n0 + 2, c8_2);
            Store(c, bias, p, m0 + 8, n0 + 3, c8_3);
            Store(c, bias, p, m0 + 8, n0 + 4, c8_4);
            Store(c, bias, p, m0 + 8, n0 + 5, c8_5);
            Store(c, bias, p, m0 + 8, n0 + 6, c8_6);
            Store(c, bias, p, m0 + 8, n0 + 7, c8_7);
            Store(c, bias, p, m0 + 8, n0 + 8, c8_8);
            Store(c, bias, p, m0 + 8, n0 + 9, c8_9);
            Store(c, bias, p, m0 + 8, n0 + 10, c8_10);
            Store(c, bias, p, m0 + 8, n0 + 11, c8_11);
            Store(c, bias, p, m0 + 8, n0 + 12, c8_12);
            Store(c, bias, p, m0 + 8, n0 + 13, c8_13);
            Store(c, bias, p, m0 + 8, n0 + 14, c8_14);
            Store(c, bias, p, m0 + 8, n0 + 15, c8_15);
            Store(c, bias, p, m0 + 9, n0 + 0, c9_0);
            Store(c, bias, p, m0 + 9, n0 + 1, c9_1);
            Store(c, bias, p, m0 + 9, n0 + 2, c9_2);
            Store(c, bias, p, m0 + 9, n0 + 3, c9_3);
            Store(c, bias, p, m0 + 9, n0 + 4, c9_4);
            Store(c, bias, p, m0 + 9, n0 + 5, c9_5);
            Store(c, bias, p, m0 + 9, n0 + 6, c9_6);
            Store(c, bias, p, m0 + 9, n0 + 7, c9_7);
            Store(c, bias, p, m0 + 9, n0 + 8, c9_8);
            Store(c, bias, p, m0 + 9, n0 + 9, c9_9);
            Store(c, bias, p, m0 + 9, n0 + 10, c9_10);
            Store(c, bias, p, m0 + 9, n0 + 11, c9_11);
            Store(c, bias, p, m0 + 9, n0 + 12, c9_12);
            Store(c, bias, p, m0 + 9, n0 + 13, c9_13);
            Store(c, bias, p, m0 + 9, n0 + 14, c9_14);
            Store(c, bias, p, m0 + 9, n0 + 15, c9_15);
            Store(c, bias, p, m0 + 10, n0 + 0, c10_0);
            Store(c, bias, p, m0 + 10, n0 + 1, c10_1);
            Store(c, bias, p, m0 + 10, n0 + 2, c10_2);
            Store(c, bias, p, m0 + 10, n0 + 3, c10_3);
            Store(c, bias, p, m0 + 10, n0 + 4, c10_4);
            Store(c, bias, p, m0 + 10, n0 + 5, c10_5);
            Store(c, bias, p, m0 + 10, n0 + 6, c10_6);
            Store(c, bias, p, m0 + 10, n0 + 7, c10_7);
            Store(c, bias, p, m0 + 10, n0 + 8, c10_8);
            Store(c, bias, p, m0 + 10, n0 + 9, c10_9);
            Store(c, bias, p, m0 + 10, n0 + 10, c10_10);
            Store(c, bias, p, m0 + 10, n0 + 11, c10_11);
            Store(c, bias, p, m0 + 10, n0 + 12, c10_12);
            Store(c, bias, p, m0 + 10, n0 + 13, c10_13);
            Store(c, bias, p, m0 + 10, n0 + 14, c10_14);
            Store(c, bias, p, m0 + 10, n0 + 15, c10_15);
            Store(c, bias, p, m0 + 11, n0 + 0, c11_0);
            Store(c, bias, p, m0 + 11, n0 + 1, c11_1);
            Store(c, bias, p, m0 + 11, n0 + 2, c11_2);
            Store(c, bias, p, m0 + 11, n0 + 3, c11_3);
            Store(c, bias, p, m0 + 11, n0 + 4, c11_4);
            Store(c, bias, p, m0 + 11, n0 + 5, c11_5);
            Store(c, bias, p, m0 + 11, n0 + 6, c11_6);
            Store(c, bias, p, m0 + 11, n0 + 7, c11_7);
            Store(c, bias, p, m0 + 11, n0 + 8, c11_8);
            Store(c, bias, p, m0 + 11, n0 + 9, c11_9);
            Store(c, bias, p, m0 + 11, n0 + 10, c11_10);
            Store(c, bias, p, m0 + 11, n0 + 11, c11_11);
            Store(c, bias, p, m0 + 11, n0 + 12, c11_12);
            Store(c, bias, p, m0 + 11, n0 + 13, c11_13);
            Store(c, bias, p, m0 + 11, n0 + 14, c11_14);
            Store(c, bias, p, m0 + 11, n0 + 15, c11_15);
        }

        /// <summary>v35: v30 with 16x16</summary>
        static void V35(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c,
            ArrayView<float> bias, GemmArgs p)
        {
            const int TM = 16, TN = 16, GN = 8;
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
            long ra8 = (long)IntrinsicMath.Min(m0 + 8, lastM) * p.StrideAm;
            long ra9 = (long)IntrinsicMath.Min(m0 + 9, lastM) * p.StrideAm;
            long ra10 = (long)IntrinsicMath.Min(m0 + 10, lastM) * p.StrideAm;
            long ra11 = (long)IntrinsicMath.Min(m0 + 11, lastM) * p.StrideAm;
            long ra12 = (long)IntrinsicMath.Min(m0 + 12, lastM) * p.StrideAm;
            long ra13 = (long)IntrinsicMath.Min(m0 + 13, lastM) * p.StrideAm;
            long ra14 = (long)IntrinsicMath.Min(m0 + 14, lastM) * p.StrideAm;
            long ra15 = (long)IntrinsicMath.Min(m0 + 15, lastM) * p.StrideAm;
            float c0_0 = 0, c0_1 = 0, c0_2 = 0, c0_3 = 0, c0_4 = 0, c0_5 = 0, c0_6 = 0, c0_7 = 0, c0_8 = 0, c0_9 = 0, c0_10 = 0, c0_11 = 0, c0_12 = 0, c0_13 = 0, c0_14 = 0, c0_15 = 0;
            float c1_0 = 0, c1_1 = 0, c1_2 = 0, c1_3 = 0, c1_4 = 0, c1_5 = 0, c1_6 = 0, c1_7 = 0, c1_8 = 0, c1_9 = 0, c1_10 = 0, c1_11 = 0, c1_12 = 0, c1_13 = 0, c1_14 = 0, c1_15 = 0;
            float c2_0 = 0, c2_1 = 0, c2_2 = 0, c2_3 = 0, c2_4 = 0, c2_5 = 0, c2_6 = 0, c2_7 = 0, c2_8 = 0, c2_9 = 0, c2_10 = 0, c2_11 = 0, c2_12 = 0, c2_13 = 0, c2_14 = 0, c2_15 = 0;
            float c3_0 = 0, c3_1 = 0, c3_2 = 0, c3_3 = 0, c3_4 = 0, c3_5 = 0, c3_6 = 0, c3_7 = 0, c3_8 = 0, c3_9 = 0, c3_10 = 0, c3_11 = 0, c3_12 = 0, c3_13 = 0, c3_14 = 0, c3_15 = 0;
            float c4_0 = 0, c4_1 = 0, c4_2 = 0, c4_3 = 0, c4_4 = 0, c4_5 = 0, c4_6 = 0, c4_7 = 0, c4_8 = 0, c4_9 = 0, c4_10 = 0, c4_11 = 0, c4_12 = 0, c4_13 = 0, c4_14 = 0, c4_15 = 0;
            float c5_0 = 0, c5_1 = 0, c5_2 = 0, c5_3 = 0, c5_4 = 0, c5_5 = 0, c5_6 = 0, c5_7 = 0, c5_8 = 0, c5_9 = 0, c5_10 = 0, c5_11 = 0, c5_12 = 0, c5_13 = 0, c5_14 = 0, c5_15 = 0;
            float c6_0 = 0, c6_1 = 0, c6_2 = 0, c6_3 = 0, c6_4 = 0, c6_5 = 0, c6_6 = 0, c6_7 = 0, c6_8 = 0, c6_9 = 0, c6_10 = 0, c6_11 = 0, c6_12 = 0, c6_13 = 0, c6_14 = 0, c6_15 = 0;
            float c7_0 = 0, c7_1 = 0, c7_2 = 0, c7_3 = 0, c7_4 = 0, c7_5 = 0, c7_6 = 0, c7_7 = 0, c7_8 = 0, c7_9 = 0, c7_10 = 0, c7_11 = 0, c7_12 = 0, c7_13 = 0, c7_14 = 0, c7_15 = 0;
            float c8_0 = 0, c8_1 = 0, c8_2 = 0, c8_3 = 0, c8_4 = 0, c8_5 = 0, c8_6 = 0, c8_7 = 0, c8_8 = 0, c8_9 = 0, c8_10 = 0, c8_11 = 0, c8_12 = 0, c8_13 = 0, c8_14 = 0, c8_15 = 0;
            float c9_0 = 0, c9_1 = 0, c9_2 = 0, c9_3 = 0, c9_4 = 0, c9_5 = 0, c9_6 = 0, c9_7 = 0, c9_8 = 0, c9_9 = 0, c9_10 = 0, c9_11 = 0, c9_12 = 0, c9_13 = 0, c9_14 = 0, c9_15 = 0;
            float c10_0 = 0, c10_1 = 0, c10_2 = 0, c10_3 = 0, c10_4 = 0, c10_5 = 0, c10_6 = 0, c10_7 = 0, c10_8 = 0, c10_9 = 0, c10_10 = 0, c10_11 = 0, c10_12 = 0, c10_13 = 0, c10_14 = 0, c10_15 = 0;
            float c11_0 = 0, c11_1 = 0, c11_2 = 0, c11_3 = 0, c11_4 = 0, c11_5 = 0, c11_6 = 0, c11_7 = 0, c11_8 = 0, c11_9 = 0, c11_10 = 0, c11_11 = 0, c11_12 = 0, c11_13 = 0, c11_14 = 0, c11_15 = 0;
            float c12_0 = 0, c12_1 = 0, c12_2 = 0, c12_3 = 0, c12_4 = 0, c12_5 = 0, c12_6 = 0, c12_7 = 0, c12_8 = 0, c12_9 = 0, c12_10 = 0, c12_11 = 0, c12_12 = 0, c12_13 = 0, c12_14 = 0, c12_15 = 0;
            float c13_0 = 0, c13_1 = 0, c13_2 = 0, c13_3 = 0, c13_4 = 0, c13_5 = 0, c13_6 = 0, c13_7 = 0, c13_8 = 0, c13_9 = 0, c13_10 = 0, c13_11 = 0, c13_12 = 0, c13_13 = 0, c13_14 = 0, c13_15 = 0;
            float c14_0 = 0, c14_1 = 0, c14_2 = 0, c14_3 = 0, c14_4 = 0, c14_5 = 0, c14_6 = 0, c14_7 = 0, c14_8 = 0, c14_9 = 0, c14_10 = 0, c14_11 = 0, c14_12 = 0, c14_13 = 0, c14_14 = 0, c14_15 = 0;
            float c15_0 = 0, c15_1 = 0, c15_2 = 0, c15_3 = 0, c15_4 = 0, c15_5 = 0, c15_6 = 0, c15_7 = 0, c15_8 = 0, c15_9 = 0, c15_10 = 0, c15_11 = 0, c15_12 = 0, c15_13 = 0, c15_14 = 0, c15_15 = 0;
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
                    { float av = a[ra8 + ak]; c8_0 += av * b0; c8_1 += av * b1; c8_2 += av * b2; c8_3 += av * b3; c8_4 += av * b4; c8_5 += av * b5; c8_6 += av * b6; c8_7 += av * b7; c8_8 += av * b8; c8_9 += av * b9; c8_10 += av * b10; c8_11 += av * b11; c8_12 += av * b12; c8_13 += av * b13; c8_14 += av * b14; c8_15 += av * b15; }
                    { float av = a[ra9 + ak]; c9_0 += av * b0; c9_1 += av * b1; c9_2 += av * b2; c9_3 += av * b3; c9_4 += av * b4; c9_5 += av * b5; c9_6 += av * b6; c9_7 += av * b7; c9_8 += av * b8; c9_9 += av * b9; c9_10 += av * b10; c9_11 += av * b11; c9_12 += av * b12; c9_13 += av * b13; c9_14 += av * b14; c9_15 += av * b15; }
                    { float av = a[ra10 + ak]; c10_0 += av * b0; c10_1 += av * b1; c10_2 += av * b2; c10_3 += av * b3; c10_4 += av * b4; c10_5 += av * b5; c10_6 += av * b6; c10_7 += av * b7; c10_8 += av * b8; c10_9 += av * b9; c10_10 += av * b10; c10_11 += av * b11; c10_12 += av * b12; c10_13 += av * b13; c10_14 += av * b14; c10_15 += av * b15; }
                    { float av = a[ra11 + ak]; c11_0 += av * b0; c11_1 += av * b1; c11_2 += av * b2; c11_3 += av * b3; c11_4 += av * b4; c11_5 += av * b5; c11_6 += av * b6; c11_7 += av * b7; c11_8 += av * b8; c11_9 += av * b9; c11_10 += av * b10; c11_11 += av * b11; c11_12 += av * b12; c11_13 += av * b13; c11_14 += av * b14; c11_15 += av * b15; }
                    { float av = a[ra12 + ak]; c12_0 += av * b0; c12_1 += av * b1; c12_2 += av * b2; c12_3 += av * b3; c12_4 += av * b4; c12_5 += av * b5; c12_6 += av * b6; c12_7 += av * b7; c12_8 += av * b8; c12_9 += av * b9; c12_10 += av * b10; c12_11 += av * b11; c12_12 += av * b12; c12_13 += av * b13; c12_14 += av * b14; c12_15 += av * b15; }
                    { float av = a[ra13 + ak]; c13_0 += av * b0; c13_1 += av * b1; c13_2 += av * b2; c13_3 += av * b3; c13_4 += av * b4; c13_5 += av * b5; c13_6 += av * b6; c13_7 += av * b7; c13_8 += av * b8; c13_9 += av * b9; c13_10 += av * b10; c13_11 += av * b11; c13_12 += av * b12; c13_13 += av * b13; c13_14 += av * b14; c13_15 += av * b15; }
                    { float av = a[ra14 + ak]; c14_0 += av * b0; c14_1 += av * b1; c14_2 += av * b2; c14_3 += av * b3; c14_4 += av * b4; c14_5 += av * b5; c14_6 += av * b6; c14_7 += av * b7; c14_8 += av * b8; c14_9 += av * b9; c14_10 += av * b10; c14_11 += av * b11; c14_12 += av * b12; c14_13 += av * b13; c14_14 += av * b14; c14_15 += av * b15; }
                    { float av = a[ra15 + ak]; c15_0 += av * b0; c15_1 += av * b1; c15_2 += av * b2; c15_3 += av * b3; c15_4 += av * b4; c15_5 += av * b5; c15_6 += av * b6; c15_7 += av * b7; c15_8 += av * b8; c15_9 += av * b9; c15_10 += av * b10; c15_11 += av * b11; c15_12 += av * b12; c15_13 += av * b13; c15_14 += av * b14; c15_15 += av * b15; }
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
                    { float av = a[ra8 + ak]; c8_0 += av * b0; c8_1 += av * b1; c8_2 += av * b2; c8_3 += av * b3; c8_4 += av * b4; c8_5 += av * b5; c8_6 += av * b6; c8_7 += av * b7; c8_8 += av * b8; c8_9 += av * b9; c8_10 += av * b10; c8_11 += av * b11; c8_12 += av * b12; c8_13 += av * b13; c8_14 += av * b14; c8_15 += av * b15; }
                    { float av = a[ra9 + ak]; c9_0 += av * b0; c9_1 += av * b1; c9_2 += av * b2; c9_3 += av * b3; c9_4 += av * b4; c9_5 += av * b5; c9_6 += av * b6; c9_7 += av * b7; c9_8 += av * b8; c9_9 += av * b9; c9_10 += av * b10; c9_11 += av * b11; c9_12 += av * b12; c9_13 += av * b13; c9_14 += av * b14; c9_15 += av * b15; }
                    { float av = a[ra10 + ak]; c10_0 += av * b0; c10_1 += av * b1; c10_2 += av * b2; c10_3 += av * b3; c10_4 += av * b4; c10_5 += av * b5; c10_6 += av * b6; c10_7 += av * b7; c10_8 += av * b8; c10_9 += av * b9; c10_10 += av * b10; c10_11 += av * b11; c10_12 += av * b12; c10_13 += av * b13; c10_14 += av * b14; c10_15 += av * b15; }
                    { float av = a[ra11 + ak]; c11_0 += av * b0; c11_1 += av * b1; c11_2 += av * b2; c11_3 += av * b3; c11_4 += av * b4; c11_5 += av * b5; c11_6 += av * b6; c11_7 += av * b7; c11_8 += av * b8; c11_9 += av * b9; c11_10 += av * b10; c11_11 += av * b11; c11_12 += av * b12; c11_13 += av * b13; c11_14 += av * b14; c11_15 += av * b15; }
                    { float av = a[ra12 + ak]; c12_0 += av * b0; c12_1 += av * b1; c12_2 += av * b2; c12_3 += av * b3; c12_4 += av * b4; c12_5 += av * b5; c12_6 += av * b6; c12_7 += av * b7; c12_8 += av * b8; c12_9 += av * b9; c12_10 += av * b10; c12_11 += av * b11; c12_12 += av * b12; c12_13 += av * b13; c12_14 += av * b14; c12_15 += av * b15; }
                    { float av = a[ra13 + ak]; c13_0 += av * b0; c13_1 += av * b1; c13_2 += av * b2; c13_3 += av * b3; c13_4 += av * b4; c13_5 += av * b5; c13_6 += av * b6; c13_7 += av * b7; c13_8 += av * b8; c13_9 += av * b9; c13_10 += av * b10; c13_11 += av * b11; c13_12 += av * b12; c13_13 += av * b13; c13_14 += av * b14; c13_15 += av * b15; }
                    { float av = a[ra14 + ak]; c14_0 += av * b0; c14_1 += av * b1; c14_2 += av * b2; c14_3 += av * b3; c14_4 += av * b4; c14_5 += av * b5; c14_6 += av * b6; c14_7 += av * b7; c14_8 += av * b8; c14_9 += av * b9; c14_10 += av * b10; c14_11 += av * b11; c14_12 += av * b12; c14_13 += av * b13; c14_14 += av * b14; c14_15 += av * b15; }
                    { float av = a[ra15 + ak]; c15_0 += av * b0; c15_1 += av * b1; c15_2 += av * b2; c15_3 += av * b3; c15_4 += av * b4; c15_5 += av * b5; c15_6 += av * b6; c15_7 += av * b7; c15_8 += av * b8; c15_9 += av * b9; c15_10 += av * b10; c15_11 += av * b11; c15_12 += av * b12; c15_13 += av * b13; c15_14 += av * b14; c15_15 += av * b15; }
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
            Store(c, bias, p, m0 + 8, n0 + 0, c8_0);
            Store(c, bias, p, m0 + 8, n0 + 1, c8_1);
            Store(c, bias, p, m0 + 8, n0 + 2, c8_2);
            Store(c, bias, p, m0 + 8, n0 + 3, c8_3);
            Store(c, bias, p, m0 + 8, n0 + 4, c8_4);
            Store(c, bias, p, m0 + 8, n0 + 5, c8_5);
            Store(c, bias, p, m0 + 8, n0 + 6, c8_6);
            Store(c, bias, p, m0 + 8, n0 + 7, c8_7);
            Store(c, bias, p, m0 + 8, n0 + 8, c8_8);
            Store(c, bias, p, m0 + 8, n0 + 9, c8_9);
            Store(c, bias, p, m0 + 8, n0 + 10, c8_10);
            Store(c, bias, p, m0 + 8, n0 + 11, c8_11);
            Store(c, bias, p, m0 + 8, n0 + 12, c8_12);
            Store(c, bias, p, m0 + 8, n0 + 13, c8_13);
            Store(c, bias, p, m0 + 8, n0 + 14, c8_14);
            Store(c, bias, p, m0 + 8, n0 + 15, c8_15);
            Store(c, bias, p, m0 + 9, n0 + 0, c9_0);
            Store(c, bias, p, m0 + 9, n0 + 1, c9_1);
            Store(c, bias, p, m0 + 9, n0 + 2, c9_2);
            Store(c, bias, p, m0 + 9, n0 + 3, c9_3);
            Store(c, bias, p, m0 + 9, n0 + 4, c9_4);
            Store(c, bias, p, m0 + 9, n0 + 5, c9_5);
            Store(c, bias, p, m0 + 9, n0 + 6, c9_6);
            Store(c, bias, p, m0 + 9, n0 + 7, c9_7);
            Store(c, bias, p, m0 + 9, n0 + 8, c9_8);
            Store(c, bias, p, m0 + 9, n0 + 9, c9_9);
            Store(c, bias, p, m0 + 9, n0 + 10, c9_10);
            Store(c, bias, p, m0 + 9, n0 + 11, c9_11);
            Store(c, bias, p, m0 + 9, n0 + 12, c9_12);
            Store(c, bias, p, m0 + 9, n0 + 13, c9_13);
            Store(c, bias, p, m0 + 9, n0 + 14, c9_14);
            Store(c, bias, p, m0 + 9, n0 + 15, c9_15);
            Store(c, bias, p, m0 + 10, n0 + 0, c10_0);
            Store(c, bias, p, m0 + 10, n0 + 1, c10_1);
            Store(c, bias, p, m0 + 10, n0 + 2, c10_2);
            Store(c, bias, p, m0 + 10, n0 + 3, c10_3);
            Store(c, bias, p, m0 + 10, n0 + 4, c10_4);
            Store(c, bias, p, m0 + 10, n0 + 5, c10_5);
            Store(c, bias, p, m0 + 10, n0 + 6, c10_6);
            Store(c, bias, p, m0 + 10, n0 + 7, c10_7);
            Store(c, bias, p, m0 + 10, n0 + 8, c10_8);
            Store(c, bias, p, m0 + 10, n0 + 9, c10_9);
            Store(c, bias, p, m0 + 10, n0 + 10, c10_10);
            Store(c, bias, p, m0 + 10, n0 + 11, c10_11);
            Store(c, bias, p, m0 + 10, n0 + 12, c10_12);
            Store(c, bias, p, m0 + 10, n0 + 13, c10_13);
            Store(c, bias, p, m0 + 10, n0 + 14, c10_14);
            Store(c, bias, p, m0 + 10, n0 + 15, c10_15);
            Store(c, bias, p, m0 + 11, n0 + 0, c11_0);
            Store(c, bias, p, m0 + 11, n0 + 1, c11_1);
            Store(c, bias, p, m0 + 11, n0 + 2, c11_2);
            Store(c, bias, p, m0 + 11, n0 + 3, c11_3);
            Store(c, bias, p, m0 + 11, n0 + 4, c11_4);
            Store(c, bias, p, m0 + 11, n0 + 5, c11_5);
            Store(c, bias, p, m0 + 11, n0 + 6, c11_6);
            Store(c, bias, p, m0 + 11, n0 + 7, c11_7);
            Store(c, bias, p, m0 + 11, n0 + 8, c11_8);
            Store(c, bias, p, m0 + 11, n0 + 9, c11_9);
            Store(c, bias, p, m0 + 11, n0 + 10, c11_10);
            Store(c, bias, p, m0 + 11, n0 + 11, c11_11);
            Store(c, bias, p, m0 + 11, n0 + 12, c11_12);
            Store(c, bias, p, m0 + 11, n0 + 13, c11_13);
            Store(c, bias, p, m0 + 11, n0 + 14, c11_14);
            Store(c, bias, p, m0 + 11, n0 + 15, c11_15);
            Store(c, bias, p, m0 + 12, n0 + 0, c12_0);
            Store(c, bias, p, m0 + 12, n0 + 1, c12_1);
            Store(c, bias, p, m0 + 12, n0 + 2, c12_2);
            Store(c, bias, p, m0 + 12, n0 + 3, c12_3);
            Store(c, bias, p, m0 + 12, n0 + 4, c12_4);
            Store(c, bias, p, m0 + 12, n0 + 5, c12_5);
            Store(c, bias, p, m0 + 12, n0 + 6, c12_6);
            Store(c, bias, p, m0 + 12, n0 + 7, c12_7);
            Store(c, bias, p, m0 + 12, n0 + 8, c12_8);
            Store(c, bias, p, m0 + 12, n0 + 9, c12_9);
            Store(c, bias, p, m0 + 12, n0 + 10, c12_10);
            Store(c, bias, p, m0 + 12, n0 + 11, c12_11);
            Store(c, bias, p, m0 + 12, n0 + 12, c12_12);
            Store(c, bias, p, m0 + 12, n0 + 13, c12_13);
            Store(c, bias, p, m0 + 12, n0 + 14, c12_14);
            Store(c, bias, p, m0 + 12, n0 + 15, c12_15);
            Store(c, bias, p, m0 + 13, n0 + 0, c13_0);
            Store(c, bias, p, m0 + 13, n0 + 1, c13_1);
            Store(c, bias, p, m0 + 13, n0 + 2, c13_2);
            Store(c, bias, p, m0 + 13, n0 + 3, c13_3);
            Store(c, bias, p, m0 + 13, n0 + 4, c13_4);
            Store(c, bias, p, m0 + 13, n0 + 5, c13_5);
            Store(c, bias, p, m0 + 13, n0 + 6, c13_6);
            Store(c, bias, p, m0 + 13, n0 + 7, c13_7);
            Store(c, bias, p, m0 + 13, n0 + 8, c13_8);
            Store(c, bias, p, m0 + 13, n0 + 9, c13_9);
            Store(c, bias, p, m0 + 13, n0 + 10, c13_10);
            Store(c, bias, p, m0 + 13, n0 + 11, c13_11);
            Store(c, bias, p, m0 + 13, n0 + 12, c13_12);
            Store(c, bias, p, m0 + 13, n0 + 13, c13_13);
            Store(c, bias, p, m0 + 13, n0 + 14, c13_14);
            Store(c, bias, p, m0 + 13, n0 + 15, c13_15);
            Store(c, bias, p, m0 + 14, n0 + 0, c14_0);
            Store(c, bias, p, m0 + 14, n0 + 1, c14_1);
            Store(c, bias, p, m0 + 14, n0 + 2, c14_2);
            Store(c, bias, p, m0 + 14, n0 + 3, c14_3);
            Store(c, bias, p, m0 + 14, n0 + 4, c14_4);
            Store(c, bias, p, m0 + 14, n0 + 5, c14_5);
            Store(c, bias, p, m0 + 14, n0 + 6, c14_6);
            Store(c, bias, p, m0 + 14, n0 + 7, c14_7);
            Store(c, bias, p, m0 + 14, n0 + 8, c14_8);
            Store(c, bias, p, m0 + 14, n0 + 9, c14_9);
            Store(c, bias, p, m0 + 14, n0 + 10, c14_10);
            Store(c, bias, p, m0 + 14, n0 + 11, c14_11);
            Store(c, bias, p, m0 + 14, n0 + 12, c14_12);
            Store(c, bias, p, m0 + 14, n0 + 13, c14_13);
            Store(c, bias, p, m0 + 14, n0 + 14, c14_14);
            Store(c, bias, p, m0 + 14, n0 + 15, c14_15);
            Store(c, bias, p, m0 + 15, n0 + 0, c15_0);
            Store(c, bias, p, m0 + 15, n0 + 1, c15_1);
            Store(c, bias, p, m0 + 15, n0 + 2, c15_2);
            Store(c, bias, p, m0 + 15, n0 + 3, c15_3);
            Store(c, bias, p, m0 + 15, n0 + 4, c15_4);
            Store(c, bias, p, m0 + 15, n0 + 5, c15_5);
            Store(c, bias, p, m0 + 15, n0 + 6, c15_6);
            Store(c, bias, p, m0 + 15, n0 + 7, c15_7);
            Store(c, bias, p, m0 + 15, n0 + 8, c15_8);
            Store(c, bias, p, m0 + 15, n0 + 9, c15_9);
            Store(c, bias, p, m0 + 15, n0 + 10, c15_10);
            Store(c, bias, p, m0 + 15, n0 + 11, c15_11);
            Store(c, bias, p, m0 + 15, n0 + 12, c15_12);
            Store(c, bias, p, m0 + 15, n0 + 13, c15_13);
            Store(c, bias, p, m0 + 15, n0 + 14, c15_14);
            Store(c, bias, p, m0 + 15, n0 + 15, c15_15);
        }

        /// <summary>v36: v34 with groups of 16</summary>
        static void V36(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c,
            ArrayView<float> bias, GemmArgs p)
        {
            const int TM = 12, TN = 16, GN = 16;
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
            long ra8 = (long)IntrinsicMath.Min(m0 + 8, lastM) * p.StrideAm;
            long ra9 = (long)IntrinsicMath.Min(m0 + 9, lastM) * p.StrideAm;
            long ra10 = (long)IntrinsicMath.Min(m0 + 10, lastM) * p.StrideAm;
            long ra11 = (long)IntrinsicMath.Min(m0 + 11, lastM) * p.StrideAm;
            float c0_0 = 0, c0_1 = 0, c0_2 = 0, c0_3 = 0, c0_4 = 0, c0_5 = 0, c0_6 = 0, c0_7 = 0, c0_8 = 0, c0_9 = 0, c0_10 = 0, c0_11 = 0, c0_12 = 0, c0_13 = 0, c0_14 = 0, c0_15 = 0;
            float c1_0 = 0, c1_1 = 0, c1_2 = 0, c1_3 = 0, c1_4 = 0, c1_5 = 0, c1_6 = 0, c1_7 = 0, c1_8 = 0, c1_9 = 0, c1_10 = 0, c1_11 = 0, c1_12 = 0, c1_13 = 0, c1_14 = 0, c1_15 = 0;
            float c2_0 = 0, c2_1 = 0, c2_2 = 0, c2_3 = 0, c2_4 = 0, c2_5 = 0, c2_6 = 0, c2_7 = 0, c2_8 = 0, c2_9 = 0, c2_10 = 0, c2_11 = 0, c2_12 = 0, c2_13 = 0, c2_14 = 0, c2_15 = 0;
            float c3_0 = 0, c3_1 = 0, c3_2 = 0, c3_3 = 0, c3_4 = 0, c3_5 = 0, c3_6 = 0, c3_7 = 0, c3_8 = 0, c3_9 = 0, c3_10 = 0, c3_11 = 0, c3_12 = 0, c3_13 = 0, c3_14 = 0, c3_15 = 0;
            float c4_0 = 0, c4_1 = 0, c4_2 = 0, c4_3 = 0, c4_4 = 0, c4_5 = 0, c4_6 = 0, c4_7 = 0, c4_8 = 0, c4_9 = 0, c4_10 = 0, c4_11 = 0, c4_12 = 0, c4_13 = 0, c4_14 = 0, c4_15 = 0;
            float c5_0 = 0, c5_1 = 0, c5_2 = 0, c5_3 = 0, c5_4 = 0, c5_5 = 0, c5_6 = 0, c5_7 = 0, c5_8 = 0, c5_9 = 0, c5_10 = 0, c5_11 = 0, c5_12 = 0, c5_13 = 0, c5_14 = 0, c5_15 = 0;
            float c6_0 = 0, c6_1 = 0, c6_2 = 0, c6_3 = 0, c6_4 = 0, c6_5 = 0, c6_6 = 0, c6_7 = 0, c6_8 = 0, c6_9 = 0, c6_10 = 0, c6_11 = 0, c6_12 = 0, c6_13 = 0, c6_14 = 0, c6_15 = 0;
            float c7_0 = 0, c7_1 = 0, c7_2 = 0, c7_3 = 0, c7_4 = 0, c7_5 = 0, c7_6 = 0, c7_7 = 0, c7_8 = 0, c7_9 = 0, c7_10 = 0, c7_11 = 0, c7_12 = 0, c7_13 = 0, c7_14 = 0, c7_15 = 0;
            float c8_0 = 0, c8_1 = 0, c8_2 = 0, c8_3 = 0, c8_4 = 0, c8_5 = 0, c8_6 = 0, c8_7 = 0, c8_8 = 0, c8_9 = 0, c8_10 = 0, c8_11 = 0, c8_12 = 0, c8_13 = 0, c8_14 = 0, c8_15 = 0;
            float c9_0 = 0, c9_1 = 0, c9_2 = 0, c9_3 = 0, c9_4 = 0, c9_5 = 0, c9_6 = 0, c9_7 = 0, c9_8 = 0, c9_9 = 0, c9_10 = 0, c9_11 = 0, c9_12 = 0, c9_13 = 0, c9_14 = 0, c9_15 = 0;
            float c10_0 = 0, c10_1 = 0, c10_2 = 0, c10_3 = 0, c10_4 = 0, c10_5 = 0, c10_6 = 0, c10_7 = 0, c10_8 = 0, c10_9 = 0, c10_10 = 0, c10_11 = 0, c10_12 = 0, c10_13 = 0, c10_14 = 0, c10_15 = 0;
            float c11_0 = 0, c11_1 = 0, c11_2 = 0, c11_3 = 0, c11_4 = 0, c11_5 = 0, c11_6 = 0, c11_7 = 0, c11_8 = 0, c11_9 = 0, c11_10 = 0, c11_11 = 0, c11_12 = 0, c11_13 = 0, c11_14 = 0, c11_15 = 0;
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
                    { float av = a[ra8 + ak]; c8_0 += av * b0; c8_1 += av * b1; c8_2 += av * b2; c8_3 += av * b3; c8_4 += av * b4; c8_5 += av * b5; c8_6 += av * b6; c8_7 += av * b7; c8_8 += av * b8; c8_9 += av * b9; c8_10 += av * b10; c8_11 += av * b11; c8_12 += av * b12; c8_13 += av * b13; c8_14 += av * b14; c8_15 += av * b15; }
                    { float av = a[ra9 + ak]; c9_0 += av * b0; c9_1 += av * b1; c9_2 += av * b2; c9_3 += av * b3; c9_4 += av * b4; c9_5 += av * b5; c9_6 += av * b6; c9_7 += av * b7; c9_8 += av * b8; c9_9 += av * b9; c9_10 += av * b10; c9_11 += av * b11; c9_12 += av * b12; c9_13 += av * b13; c9_14 += av * b14; c9_15 += av * b15; }
                    { float av = a[ra10 + ak]; c10_0 += av * b0; c10_1 += av * b1; c10_2 += av * b2; c10_3 += av * b3; c10_4 += av * b4; c10_5 += av * b5; c10_6 += av * b6; c10_7 += av * b7; c10_8 += av * b8; c10_9 += av * b9; c10_10 += av * b10; c10_11 += av * b11; c10_12 += av * b12; c10_13 += av * b13; c10_14 += av * b14; c10_15 += av * b15; }
                    { float av = a[ra11 + ak]; c11_0 += av * b0; c11_1 += av * b1; c11_2 += av * b2; c11_3 += av * b3; c11_4 += av * b4; c11_5 += av * b5; c11_6 += av * b6; c11_7 += av * b7; c11_8 += av * b8; c11_9 += av * b9; c11_10 += av * b10; c11_11 += av * b11; c11_12 += av * b12; c11_13 += av * b13; c11_14 += av * b14; c11_15 += av * b15; }
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
                    { float av = a[ra8 + ak]; c8_0 += av * b0; c8_1 += av * b1; c8_2 += av * b2; c8_3 += av * b3; c8_4 += av * b4; c8_5 += av * b5; c8_6 += av * b6; c8_7 += av * b7; c8_8 += av * b8; c8_9 += av * b9; c8_10 += av * b10; c8_11 += av * b11; c8_12 += av * b12; c8_13 += av * b13; c8_14 += av * b14; c8_15 += av * b15; }
                    { float av = a[ra9 + ak]; c9_0 += av * b0; c9_1 += av * b1; c9_2 += av * b2; c9_3 += av * b3; c9_4 += av * b4; c9_5 += av * b5; c9_6 += av * b6; c9_7 += av * b7; c9_8 += av * b8; c9_9 += av * b9; c9_10 += av * b10; c9_11 += av * b11; c9_12 += av * b12; c9_13 += av * b13; c9_14 += av * b14; c9_15 += av * b15; }
                    { float av = a[ra10 + ak]; c10_0 += av * b0; c10_1 += av * b1; c10_2 += av * b2; c10_3 += av * b3; c10_4 += av * b4; c10_5 += av * b5; c10_6 += av * b6; c10_7 += av * b7; c10_8 += av * b8; c10_9 += av * b9; c10_10 += av * b10; c10_11 += av * b11; c10_12 += av * b12; c10_13 += av * b13; c10_14 += av * b14; c10_15 += av * b15; }
                    { float av = a[ra11 + ak]; c11_0 += av * b0; c11_1 += av * b1; c11_2 += av * b2; c11_3 += av * b3; c11_4 += av * b4; c11_5 += av * b5; c11_6 += av * b6; c11_7 += av * b7; c11_8 += av * b8; c11_9 += av * b9; c11_10 += av * b10; c11_11 += av * b11; c11_12 += av * b12; c11_13 += av * b13; c11_14 += av * b14; c11_15 += av * b15; }
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
            Store(c, bias, p, m0 + 8, n0 + 0, c8_0);
            Store(c, bias, p, m0 + 8, n0 + 1, c8_1);
            Store(c, bias, p, m0 + 8, n0 + 2, c8_2);
            Store(c, bias, p, m0 + 8, n0 + 3, c8_3);
            Store(c, bias, p, m0 + 8, n0 + 4, c8_4);
            Store(c, bias, p, m0 + 8, n0 + 5, c8_5);
            Store(c, bias, p, m0 + 8, n0 + 6, c8_6);
            Store(c, bias, p, m0 + 8, n0 + 7, c8_7);
            Store(c, bias, p, m0 + 8, n0 + 8, c8_8);
            Store(c, bias, p, m0 + 8, n0 + 9, c8_9);
            Store(c, bias, p, m0 + 8, n0 + 10, c8_10);
            Store(c, bias, p, m0 + 8, n0 + 11, c8_11);
            Store(c, bias, p, m0 + 8, n0 + 12, c8_12);
            Store(c, bias, p, m0 + 8, n0 + 13, c8_13);
            Store(c, bias, p, m0 + 8, n0 + 14, c8_14);
            Store(c, bias, p, m0 + 8, n0 + 15, c8_15);
            Store(c, bias, p, m0 + 9, n0 + 0, c9_0);
            Store(c, bias, p, m0 + 9, n0 + 1, c9_1);
            Store(c, bias, p, m0 + 9, n0 + 2, c9_2);
            Store(c, bias, p, m0 + 9, n0 + 3, c9_3);
            Store(c, bias, p, m0 + 9, n0 + 4, c9_4);
            Store(c, bias, p, m0 + 9, n0 + 5, c9_5);
            Store(c, bias, p, m0 + 9, n0 + 6, c9_6);
            Store(c, bias, p, m0 + 9, n0 + 7, c9_7);
            Store(c, bias, p, m0 + 9, n0 + 8, c9_8);
            Store(c, bias, p, m0 + 9, n0 + 9, c9_9);
            Store(c, bias, p, m0 + 9, n0 + 10, c9_10);
            Store(c, bias, p, m0 + 9, n0 + 11, c9_11);
            Store(c, bias, p, m0 + 9, n0 + 12, c9_12);
            Store(c, bias, p, m0 + 9, n0 + 13, c9_13);
            Store(c, bias, p, m0 + 9, n0 + 14, c9_14);
            Store(c, bias, p, m0 + 9, n0 + 15, c9_15);
            Store(c, bias, p, m0 + 10, n0 + 0, c10_0);
            Store(c, bias, p, m0 + 10, n0 + 1, c10_1);
            Store(c, bias, p, m0 + 10, n0 + 2, c10_2);
            Store(c, bias, p, m0 + 10, n0 + 3, c10_3);
            Store(c, bias, p, m0 + 10, n0 + 4, c10_4);
            Store(c, bias, p, m0 + 10, n0 + 5, c10_5);
            Store(c, bias, p, m0 + 10, n0 + 6, c10_6);
            Store(c, bias, p, m0 + 10, n0 + 7, c10_7);
            Store(c, bias, p, m0 + 10, n0 + 8, c10_8);
            Store(c, bias, p, m0 + 10, n0 + 9, c10_9);
            Store(c, bias, p, m0 + 10, n0 + 10, c10_10);
            Store(c, bias, p, m0 + 10, n0 + 11, c10_11);
            Store(c, bias, p, m0 + 10, n0 + 12, c10_12);
            Store(c, bias, p, m0 + 10, n0 + 13, c10_13);
            Store(c, bias, p, m0 + 10, n0 + 14, c10_14);
            Store(c, bias, p, m0 + 10, n0 + 15, c10_15);
            Store(c, bias, p, m0 + 11, n0 + 0, c11_0);
            Store(c, bias, p, m0 + 11, n0 + 1, c11_1);
            Store(c, bias, p, m0 + 11, n0 + 2, c11_2);
            Store(c, bias, p, m0 + 11, n0 + 3, c11_3);
            Store(c, bias, p, m0 + 11, n0 + 4, c11_4);
            Store(c, bias, p, m0 + 11, n0 + 5, c11_5);
            Store(c, bias, p, m0 + 11, n0 + 6, c11_6);
            Store(c, bias, p, m0 + 11, n0 + 7, c11_7);
            Store(c, bias, p, m0 + 11, n0 + 8, c11_8);
            Store(c, bias, p, m0 + 11, n0 + 9, c11_9);
            Store(c, bias, p, m0 + 11, n0 + 10, c11_10);
            Store(c, bias, p, m0 + 11, n0 + 11, c11_11);
            Store(c, bias, p, m0 + 11, n0 + 12, c11_12);
            Store(c, bias, p, m0 + 11, n0 + 13, c11_13);
            Store(c, bias, p, m0 + 11, n0 + 14, c11_14);
            Store(c, bias, p, m0 + 11, n0 + 15, c11_15);
        }

        /// <summary>v37: v34 with groups of 4</summary>
        static void V37(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c,
            ArrayView<float> bias, GemmArgs p)
        {
            const int TM = 12, TN = 16, GN = 4;
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
            long ra8 = (long)IntrinsicMath.Min(m0 + 8, lastM) * p.StrideAm;
            long ra9 = (long)IntrinsicMath.Min(m0 + 9, lastM) * p.StrideAm;
            long ra10 = (long)IntrinsicMath.Min(m0 + 10, lastM) * p.StrideAm;
            long ra11 = (long)IntrinsicMath.Min(m0 + 11, lastM) * p.StrideAm;
            float c0_0 = 0, c0_1 = 0, c0_2 = 0, c0_3 = 0, c0_4 = 0, c0_5 = 0, c0_6 = 0, c0_7 = 0, c0_8 = 0, c0_9 = 0, c0_10 = 0, c0_11 = 0, c0_12 = 0, c0_13 = 0, c0_14 = 0, c0_15 = 0;
            float c1_0 = 0, c1_1 = 0, c1_2 = 0, c1_3 = 0, c1_4 = 0, c1_5 = 0, c1_6 = 0, c1_7 = 0, c1_8 = 0, c1_9 = 0, c1_10 = 0, c1_11 = 0, c1_12 = 0, c1_13 = 0, c1_14 = 0, c1_15 = 0;
            float c2_0 = 0, c2_1 = 0, c2_2 = 0, c2_3 = 0, c2_4 = 0, c2_5 = 0, c2_6 = 0, c2_7 = 0, c2_8 = 0, c2_9 = 0, c2_10 = 0, c2_11 = 0, c2_12 = 0, c2_13 = 0, c2_14 = 0, c2_15 = 0;
            float c3_0 = 0, c3_1 = 0, c3_2 = 0, c3_3 = 0, c3_4 = 0, c3_5 = 0, c3_6 = 0, c3_7 = 0, c3_8 = 0, c3_9 = 0, c3_10 = 0, c3_11 = 0, c3_12 = 0, c3_13 = 0, c3_14 = 0, c3_15 = 0;
            float c4_0 = 0, c4_1 = 0, c4_2 = 0, c4_3 = 0, c4_4 = 0, c4_5 = 0, c4_6 = 0, c4_7 = 0, c4_8 = 0, c4_9 = 0, c4_10 = 0, c4_11 = 0, c4_12 = 0, c4_13 = 0, c4_14 = 0, c4_15 = 0;
            float c5_0 = 0, c5_1 = 0, c5_2 = 0, c5_3 = 0, c5_4 = 0, c5_5 = 0, c5_6 = 0, c5_7 = 0, c5_8 = 0, c5_9 = 0, c5_10 = 0, c5_11 = 0, c5_12 = 0, c5_13 = 0, c5_14 = 0, c5_15 = 0;
            float c6_0 = 0, c6_1 = 0, c6_2 = 0, c6_3 = 0, c6_4 = 0, c6_5 = 0, c6_6 = 0, c6_7 = 0, c6_8 = 0, c6_9 = 0, c6_10 = 0, c6_11 = 0, c6_12 = 0, c6_13 = 0, c6_14 = 0, c6_15 = 0;
            float c7_0 = 0, c7_1 = 0, c7_2 = 0, c7_3 = 0, c7_4 = 0, c7_5 = 0, c7_6 = 0, c7_7 = 0, c7_8 = 0, c7_9 = 0, c7_10 = 0, c7_11 = 0, c7_12 = 0, c7_13 = 0, c7_14 = 0, c7_15 = 0;
            float c8_0 = 0, c8_1 = 0, c8_2 = 0, c8_3 = 0, c8_4 = 0, c8_5 = 0, c8_6 = 0, c8_7 = 0, c8_8 = 0, c8_9 = 0, c8_10 = 0, c8_11 = 0, c8_12 = 0, c8_13 = 0, c8_14 = 0, c8_15 = 0;
            float c9_0 = 0, c9_1 = 0, c9_2 = 0, c9_3 = 0, c9_4 = 0, c9_5 = 0, c9_6 = 0, c9_7 = 0, c9_8 = 0, c9_9 = 0, c9_10 = 0, c9_11 = 0, c9_12 = 0, c9_13 = 0, c9_14 = 0, c9_15 = 0;
            float c10_0 = 0, c10_1 = 0, c10_2 = 0, c10_3 = 0, c10_4 = 0, c10_5 = 0, c10_6 = 0, c10_7 = 0, c10_8 = 0, c10_9 = 0, c10_10 = 0, c10_11 = 0, c10_12 = 0, c10_13 = 0, c10_14 = 0, c10_15 = 0;
            float c11_0 = 0, c11_1 = 0, c11_2 = 0, c11_3 = 0, c11_4 = 0, c11_5 = 0, c11_6 = 0, c11_7 = 0, c11_8 = 0, c11_9 = 0, c11_10 = 0, c11_11 = 0, c11_12 = 0, c11_13 = 0, c11_14 = 0, c11_15 = 0;
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
                    { float av = a[ra8 + ak]; c8_0 += av * b0; c8_1 += av * b1; c8_2 += av * b2; c8_3 += av * b3; c8_4 += av * b4; c8_5 += av * b5; c8_6 += av * b6; c8_7 += av * b7; c8_8 += av * b8; c8_9 += av * b9; c8_10 += av * b10; c8_11 += av * b11; c8_12 += av * b12; c8_13 += av * b13; c8_14 += av * b14; c8_15 += av * b15; }
                    { float av = a[ra9 + ak]; c9_0 += av * b0; c9_1 += av * b1; c9_2 += av * b2; c9_3 += av * b3; c9_4 += av * b4; c9_5 += av * b5; c9_6 += av * b6; c9_7 += av * b7; c9_8 += av * b8; c9_9 += av * b9; c9_10 += av * b10; c9_11 += av * b11; c9_12 += av * b12; c9_13 += av * b13; c9_14 += av * b14; c9_15 += av * b15; }
                    { float av = a[ra10 + ak]; c10_0 += av * b0; c10_1 += av * b1; c10_2 += av * b2; c10_3 += av * b3; c10_4 += av * b4; c10_5 += av * b5; c10_6 += av * b6; c10_7 += av * b7; c10_8 += av * b8; c10_9 += av * b9; c10_10 += av * b10; c10_11 += av * b11; c10_12 += av * b12; c10_13 += av * b13; c10_14 += av * b14; c10_15 += av * b15; }
                    { float av = a[ra11 + ak]; c11_0 += av * b0; c11_1 += av * b1; c11_2 += av * b2; c11_3 += av * b3; c11_4 += av * b4; c11_5 += av * b5; c11_6 += av * b6; c11_7 += av * b7; c11_8 += av * b8; c11_9 += av * b9; c11_10 += av * b10; c11_11 += av * b11; c11_12 += av * b12; c11_13 += av * b13; c11_14 += av * b14; c11_15 += av * b15; }
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
                    { float av = a[ra8 + ak]; c8_0 += av * b0; c8_1 += av * b1; c8_2 += av * b2; c8_3 += av * b3; c8_4 += av * b4; c8_5 += av * b5; c8_6 += av * b6; c8_7 += av * b7; c8_8 += av * b8; c8_9 += av * b9; c8_10 += av * b10; c8_11 += av * b11; c8_12 += av * b12; c8_13 += av * b13; c8_14 += av * b14; c8_15 += av * b15; }
                    { float av = a[ra9 + ak]; c9_0 += av * b0; c9_1 += av * b1; c9_2 += av * b2; c9_3 += av * b3; c9_4 += av * b4; c9_5 += av * b5; c9_6 += av * b6; c9_7 += av * b7; c9_8 += av * b8; c9_9 += av * b9; c9_10 += av * b10; c9_11 += av * b11; c9_12 += av * b12; c9_13 += av * b13; c9_14 += av * b14; c9_15 += av * b15; }
                    { float av = a[ra10 + ak]; c10_0 += av * b0; c10_1 += av * b1; c10_2 += av * b2; c10_3 += av * b3; c10_4 += av * b4; c10_5 += av * b5; c10_6 += av * b6; c10_7 += av * b7; c10_8 += av * b8; c10_9 += av * b9; c10_10 += av * b10; c10_11 += av * b11; c10_12 += av * b12; c10_13 += av * b13; c10_14 += av * b14; c10_15 += av * b15; }
                    { float av = a[ra11 + ak]; c11_0 += av * b0; c11_1 += av * b1; c11_2 += av * b2; c11_3 += av * b3; c11_4 += av * b4; c11_5 += av * b5; c11_6 += av * b6; c11_7 += av * b7; c11_8 += av * b8; c11_9 += av * b9; c11_10 += av * b10; c11_11 += av * b11; c11_12 += av * b12; c11_13 += av * b13; c11_14 += av * b14; c11_15 += av * b15; }
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
            Store(c, bias, p, m0 + 8, n0 + 0, c8_0);
            Store(c, bias, p, m0 + 8, n0 + 1, c8_1);
            Store(c, bias, p, m0 + 8, n0 + 2, c8_2);
            Store(c, bias, p, m0 + 8, n0 + 3, c8_3);
            Store(c, bias, p, m0 + 8, n0 + 4, c8_4);
            Store(c, bias, p, m0 + 8, n0 + 5, c8_5);
            Store(c, bias, p, m0 + 8, n0 + 6, c8_6);
            Store(c, bias, p, m0 + 8, n0 + 7, c8_7);
            Store(c, bias, p, m0 + 8, n0 + 8, c8_8);
            Store(c, bias, p, m0 + 8, n0 + 9, c8_9);
            Store(c, bias, p, m0 + 8, n0 + 10, c8_10);
            Store(c, bias, p, m0 + 8, n0 + 11, c8_11);
            Store(c, bias, p, m0 + 8, n0 + 12, c8_12);
            Store(c, bias, p, m0 + 8, n0 + 13, c8_13);
            Store(c, bias, p, m0 + 8, n0 + 14, c8_14);
            Store(c, bias, p, m0 + 8, n0 + 15, c8_15);
            Store(c, bias, p, m0 + 9, n0 + 0, c9_0);
            Store(c, bias, p, m0 + 9, n0 + 1, c9_1);
            Store(c, bias, p, m0 + 9, n0 + 2, c9_2);
            Store(c, bias, p, m0 + 9, n0 + 3, c9_3);
            Store(c, bias, p, m0 + 9, n0 + 4, c9_4);
            Store(c, bias, p, m0 + 9, n0 + 5, c9_5);
            Store(c, bias, p, m0 + 9, n0 + 6, c9_6);
            Store(c, bias, p, m0 + 9, n0 + 7, c9_7);
            Store(c, bias, p, m0 + 9, n0 + 8, c9_8);
            Store(c, bias, p, m0 + 9, n0 + 9, c9_9);
            Store(c, bias, p, m0 + 9, n0 + 10, c9_10);
            Store(c, bias, p, m0 + 9, n0 + 11, c9_11);
            Store(c, bias, p, m0 + 9, n0 + 12, c9_12);
            Store(c, bias, p, m0 + 9, n0 + 13, c9_13);
            Store(c, bias, p, m0 + 9, n0 + 14, c9_14);
            Store(c, bias, p, m0 + 9, n0 + 15, c9_15);
            Store(c, bias, p, m0 + 10, n0 + 0, c10_0);
            Store(c, bias, p, m0 + 10, n0 + 1, c10_1);
            Store(c, bias, p, m0 + 10, n0 + 2, c10_2);
            Store(c, bias, p, m0 + 10, n0 + 3, c10_3);
            Store(c, bias, p, m0 + 10, n0 + 4, c10_4);
            Store(c, bias, p, m0 + 10, n0 + 5, c10_5);
            Store(c, bias, p, m0 + 10, n0 + 6, c10_6);
            Store(c, bias, p, m0 + 10, n0 + 7, c10_7);
            Store(c, bias, p, m0 + 10, n0 + 8, c10_8);
            Store(c, bias, p, m0 + 10, n0 + 9, c10_9);
            Store(c, bias, p, m0 + 10, n0 + 10, c10_10);
            Store(c, bias, p, m0 + 10, n0 + 11, c10_11);
            Store(c, bias, p, m0 + 10, n0 + 12, c10_12);
            Store(c, bias, p, m0 + 10, n0 + 13, c10_13);
            Store(c, bias, p, m0 + 10, n0 + 14, c10_14);
            Store(c, bias, p, m0 + 10, n0 + 15, c10_15);
            Store(c, bias, p, m0 + 11, n0 + 0, c11_0);
            Store(c, bias, p, m0 + 11, n0 + 1, c11_1);
            Store(c, bias, p, m0 + 11, n0 + 2, c11_2);
            Store(c, bias, p, m0 + 11, n0 + 3, c11_3);
            Store(c, bias, p, m0 + 11, n0 + 4, c11_4);
            Store(c, bias, p, m0 + 11, n0 + 5, c11_5);
            Store(c, bias, p, m0 + 11, n0 + 6, c11_6);
            Store(c, bias, p, m0 + 11, n0 + 7, c11_7);
            Store(c, bias, p, m0 + 11, n0 + 8, c11_8);
            Store(c, bias, p, m0 + 11, n0 + 9, c11_9);
            Store(c, bias, p, m0 + 11, n0 + 10, c11_10);
            Store(c, bias, p, m0 + 11, n0 + 11, c11_11);
            Store(c, bias, p, m0 + 11, n0 + 12, c11_12);
            Store(c, bias, p, m0 + 11, n0 + 13, c11_13);
            Store(c, bias, p, m0 + 11, n0 + 14, c11_14);
            Store(c, bias, p, m0 + 11, n0 + 15, c11_15);
        }

    // ---- generated OpenCL variants (end)

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
                launch(ta.View, tb.View, tc.View, tc.View.SubView(0, 1), p);
                double err = GemmQuick.RelErr(tc.ToArray(), reference);
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
                double err = GemmQuick.RelErr(dc.ToArray(), reference);
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

    static double Median(Action f, int reps, out double best)
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
}
