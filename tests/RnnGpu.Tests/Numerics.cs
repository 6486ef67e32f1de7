using RnnGpu.Kernels;

namespace RnnGpu.Tests;

/// <summary>Seeded random inputs and error measures shared by the suites.</summary>
public static class Numerics
{
    public static float[] Uniform(Random rng, long n, float scale = 1f)
    {
        var x = new float[n];
        for (long i = 0; i < n; i++)
            x[i] = (float)((rng.NextDouble() * 2 - 1) * scale);
        return x;
    }

    /// <summary>||x - r|| / ||r||; NaN anywhere in x gives NaN (fails any "&lt;" check).</summary>
    public static double RelErr(ReadOnlySpan<float> x, ReadOnlySpan<double> r)
    {
        Assert.Equal(r.Length, x.Length);
        return Reference.RelativeError(x, r);
    }

    public static double RelErr(ReadOnlySpan<float> x, ReadOnlySpan<float> r)
    {
        var rd = new double[r.Length];
        for (int i = 0; i < r.Length; i++)
            rd[i] = r[i];
        return RelErr(x, rd);
    }

    public static void AssertClose(ReadOnlySpan<float> x, ReadOnlySpan<double> r, double tol, string what)
    {
        double e = RelErr(x, r);
        Assert.True(e < tol, $"{what}: relative error {e:E3} >= {tol:E1}");
    }

    public static double[] ToDouble(ReadOnlySpan<float> x)
    {
        var r = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
            r[i] = x[i];
        return r;
    }
}
