using System.Diagnostics;
using RnnGpu.Kernels;

namespace RnnGpu.Bench;

/// <summary>Validate-then-time GEMM harness: GFLOP/s per variant, against a host SIMD peer.</summary>
static class GemmQuick
{
    public static readonly (int M, int N, int K)[] Sizes = { (1024, 1024, 256), (4096, 256, 64) };

    public static void Run(ComputeDevice device, IReadOnlyList<GemmVariant> variants, int reps, TextWriter log)
    {
        foreach (var (m, n, k) in Sizes)
        {
            var rng = new Random(42);
            float[] a = Rand(rng, m * k), b = Rand(rng, k * n);
            using var ta = DeviceTensor.FromHost(device, a, m, k);
            using var tb = DeviceTensor.FromHost(device, b, k, n);
            using var tc = DeviceTensor.Zeros(device, m, n);
            double flops = 2.0 * m * n * k;
            var reference = new double[m * n];
            Reference.Gemm(a, b, reference, default, new GemmArgs(m, n, k, false, k, false, n, n, 1f, 0f, false));
            double peer = Time(() => HostGemm.Multiply(a, b, new float[m * n], m, n, k), reps);
            foreach (var v in variants)
            {
                tc.Fill(float.NaN);
                Blas.Gemm(ta, tb, tc, variant: v);
                double err = Reference.RelativeError(tc.ToArray(), reference);
                if (!(err < 1e-5))
                {
                    log.WriteLine($"{device.Info.Spec} {v} {m}x{n}x{k}: WRONG (rel err {err:E2}); not timed");
                    continue;
                }
                double t = Time(() => { Blas.Gemm(ta, tb, tc, variant: v); device.Synchronize(); }, reps);
                log.WriteLine($"| {device.Info.Spec} | {v} | {m}x{n}x{k} | {flops / t / 1e9:F2} | {flops / peer / 1e9:F2} | {peer / t:F2} |");
            }
        }
    }

    // Same warm-up and median as the variant harness: tiered JIT recompiles large kernels in the background.
    static double Time(Action f, int reps) => GemmVariants.Median(f, reps, out _);

    internal static float[] Rand(Random rng, int n)
    {
        var x = new float[n];
        for (int i = 0; i < n; i++)
            x[i] = (float)(rng.NextDouble() * 2 - 1);
        return x;
    }
}
