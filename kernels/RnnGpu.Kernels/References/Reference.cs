namespace RnnGpu.Kernels;

/// <summary>
/// Plain float64 CPU references of the kernels, in the same vocabulary. Inputs are the
/// float32 arrays the kernels see; every sum is carried in double.
/// </summary>
public static class Reference
{
    /// <summary>
    /// C = alpha * op(A) * op(B) + beta * C (+ bias[n]), row-major, as <see cref="GemmKernels"/>.
    /// </summary>
    /// <param name="a">A as stored: (M, lda) or (K, lda) when transposed.</param>
    /// <param name="b">B as stored: (K, ldb) or (N, ldb) when transposed.</param>
    /// <param name="c">C: (M, ldc), updated in place (read only when beta is not 0).</param>
    /// <param name="bias">bias: (N) or null.</param>
    /// <param name="p">Shapes, strides and epilogue.</param>
    public static void Gemm(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<double> c,
        ReadOnlySpan<float> bias, in GemmArgs p)
    {
        for (int m = 0; m < p.M; m++)
        {
            for (int n = 0; n < p.N; n++)
            {
                double acc = 0;
                for (int k = 0; k < p.K; k++)
                    acc += (double)a[m * p.StrideAm + k * p.StrideAk] * b[k * p.StrideBk + n * p.StrideBn];
                long idx = (long)m * p.Ldc + n;
                double v = p.Alpha * acc;
                if (p.Beta != 0f)
                    v += p.Beta * c[(int)idx];
                if (p.HasBias != 0)
                    v += bias[n];
                c[(int)idx] = v;
            }
        }
    }

    /// <summary>dst[col] (+)= sum over rows of x[r, col].</summary>
    /// <param name="x">x: (rows, ld).</param>
    /// <param name="rows">Rows.</param>
    /// <param name="cols">Columns summed.</param>
    /// <param name="ld">Row stride of x.</param>
    /// <param name="dst">dst: (cols).</param>
    /// <param name="accumulate">Add to dst rather than overwrite it.</param>
    public static void ColumnSum(ReadOnlySpan<float> x, int rows, int cols, int ld, Span<double> dst,
        bool accumulate)
    {
        for (int col = 0; col < cols; col++)
        {
            double s = 0;
            for (int r = 0; r < rows; r++)
                s += x[r * ld + col];
            dst[col] = accumulate ? dst[col] + s : s;
        }
    }

    /// <summary>
    /// ||x - r|| / ||r||, the measure every comparison with a reference uses (the absolute norm ||x - r|| when r
    /// is all zeros). NaN anywhere in x gives NaN, which fails any "&lt;" check.
    /// </summary>
    /// <param name="x">Result of a kernel.</param>
    /// <param name="r">float64 reference of the same length.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static double RelativeError(ReadOnlySpan<float> x, ReadOnlySpan<double> r)
    {
        if (x.Length != r.Length)
            throw new ArgumentException($"Result of length {x.Length} compared with a reference of length {r.Length}.", nameof(r));
        double num = 0, den = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double d = x[i] - r[i];
            num += d * d;
            den += r[i] * r[i];
        }
        return den == 0 ? Math.Sqrt(num) : Math.Sqrt(num / den);
    }

    /// <summary>Sum of x[i]^2 over all elements.</summary>
    /// <param name="x">x: any shape, flat.</param>
    public static double SumOfSquares(ReadOnlySpan<float> x)
    {
        double s = 0;
        foreach (float v in x)
            s += (double)v * v;
        return s;
    }
}
