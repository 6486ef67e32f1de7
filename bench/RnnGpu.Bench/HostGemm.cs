using System.Numerics;
using System.Runtime.InteropServices;

namespace RnnGpu.Bench;

/// <summary>
/// The peer measured in the same run: a multithreaded host GEMM with .NET SIMD vectors
/// (Parallel.For over row blocks, Vector&lt;float&gt; along N, fused multiply-add).
/// C (M, N) = A (M, K) * B (K, N), row-major.
/// </summary>
static class HostGemm
{
    public static void Multiply(float[] a, float[] b, float[] c, int m, int n, int k)
    {
        const int rowsPerTask = 4;
        Parallel.For(0, (m + rowsPerTask - 1) / rowsPerTask, blk =>
        {
            int w = Vector<float>.Count;
            int r0 = blk * rowsPerTask, r1 = Math.Min(r0 + rowsPerTask, m);
            for (int r = r0; r < r1; r++)
            {
                var cr = c.AsSpan(r * n, n);
                cr.Clear();
                var cv = MemoryMarshal.Cast<float, Vector<float>>(cr);
                for (int kk = 0; kk < k; kk++)
                {
                    var av = new Vector<float>(a[r * k + kk]);
                    var bv = MemoryMarshal.Cast<float, Vector<float>>(b.AsSpan(kk * n, n));
                    for (int j = 0; j < cv.Length; j++)
                        cv[j] = Vector.FusedMultiplyAdd(av, bv[j], cv[j]);
                    for (int j = cv.Length * w; j < n; j++)
                        cr[j] += a[r * k + kk] * b[kk * n + j];
                }
            }
        });
    }
}
