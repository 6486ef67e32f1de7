namespace RnnGpu.Kernels;

/// <summary>
/// Scalar arguments of a GEMM launch: C = alpha * op(A) * op(B) + beta * C (+ bias),
/// all operands row-major with explicit leading dimensions.
/// </summary>
/// <remarks>
/// Element (m, k) of op(A) lives at <c>a[m * StrideAm + k * StrideAk]</c> and element
/// (k, n) of op(B) at <c>b[k * StrideBk + n * StrideBn]</c>, so the transposition is
/// folded into two strides and the inner loops carry no branch.
/// </remarks>
public readonly struct GemmArgs
{
    /// <summary>Rows of op(A) and C.</summary>
    public readonly int M;
    /// <summary>Columns of op(B) and C.</summary>
    public readonly int N;
    /// <summary>Columns of op(A), rows of op(B).</summary>
    public readonly int K;
    /// <summary>Stride between rows of op(A).</summary>
    public readonly int StrideAm;
    /// <summary>Stride between columns of op(A).</summary>
    public readonly int StrideAk;
    /// <summary>Stride between rows of op(B).</summary>
    public readonly int StrideBk;
    /// <summary>Stride between columns of op(B).</summary>
    public readonly int StrideBn;
    /// <summary>Leading dimension (row stride) of C.</summary>
    public readonly int Ldc;
    /// <summary>Scale of the product.</summary>
    public readonly float Alpha;
    /// <summary>Scale of the previous C; when 0, C is never read (it may hold NaN).</summary>
    public readonly float Beta;
    /// <summary>1 when a bias vector of length N is added to every row of C.</summary>
    public readonly int HasBias;

    /// <summary>Creates the arguments from shapes, transpositions and leading dimensions.</summary>
    /// <param name="m">Rows of op(A) and C.</param>
    /// <param name="n">Columns of op(B) and C.</param>
    /// <param name="k">Inner dimension.</param>
    /// <param name="transA">Whether A is stored as (K, M) and used transposed.</param>
    /// <param name="lda">Row stride of A as stored.</param>
    /// <param name="transB">Whether B is stored as (N, K) and used transposed.</param>
    /// <param name="ldb">Row stride of B as stored.</param>
    /// <param name="ldc">Row stride of C.</param>
    /// <param name="alpha">Scale of the product.</param>
    /// <param name="beta">Scale of the previous C (0: C is write-only).</param>
    /// <param name="hasBias">Whether a bias of length N is added.</param>
    public GemmArgs(int m, int n, int k, bool transA, int lda, bool transB, int ldb, int ldc,
        float alpha, float beta, bool hasBias)
    {
        M = m;
        N = n;
        K = k;
        StrideAm = transA ? 1 : lda;
        StrideAk = transA ? lda : 1;
        StrideBk = transB ? 1 : ldb;
        StrideBn = transB ? ldb : 1;
        Ldc = ldc;
        Alpha = alpha;
        Beta = beta;
        HasBias = hasBias ? 1 : 0;
    }

    /// <summary>The same product with A read from a contiguous row-major (M, K) copy of op(A) (lda = K): every other
    /// argument unchanged.</summary>
    public GemmArgs WithRowMajorA() => new(this, strideAm: K, strideAk: 1);

    GemmArgs(in GemmArgs p, int strideAm, int strideAk)
    {
        M = p.M;
        N = p.N;
        K = p.K;
        StrideAm = strideAm;
        StrideAk = strideAk;
        StrideBk = p.StrideBk;
        StrideBn = p.StrideBn;
        Ldc = p.Ldc;
        Alpha = p.Alpha;
        Beta = p.Beta;
        HasBias = p.HasBias;
    }
}
