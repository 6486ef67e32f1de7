using ILGPU;

namespace RnnGpu.Kernels;

/// <summary>
/// Elementwise and layout kernels shared by the host API: fills, transposes, dropout, products, the
/// non-finite check. One work item per element (launch over the element count); nothing here reduces.
/// </summary>
public static class ElementwiseKernels
{
    /// <summary>x[i] = value.</summary>
    /// <param name="i">Element index.</param>
    /// <param name="x">x: (n).</param>
    /// <param name="value">The value.</param>
    public static void Fill(Index1D i, ArrayView<float> x, float value) => x[i] = value;

    /// <summary>x[i] = value (ints; e.g. the grid barrier's counter before a persistent launch).</summary>
    /// <param name="i">Element index.</param>
    /// <param name="x">x: (n).</param>
    /// <param name="value">The value.</param>
    public static void FillInt(Index1D i, ArrayView<int> x, int value) => x[i] = value;

    /// <summary>dst (cols, rows) = src (rows, cols) transposed.</summary>
    /// <param name="index">Work item: r * cols + c over src.</param>
    /// <param name="src">src: (rows, cols).</param>
    /// <param name="dst">dst: (cols, rows).</param>
    /// <param name="rows">Rows of src.</param>
    /// <param name="cols">Columns of src.</param>
    public static void Transpose(Index1D index, ArrayView<float> src, ArrayView<float> dst, int rows, int cols)
    {
        int r = index / cols;
        int c = index % cols;
        dst[(long)c * rows + r] = src[index];
    }

    /// <summary>Swaps the two outer dimensions: dst (d1, d0, inner) = src (d0, d1, inner)
    /// (batch-first to sequence-major and back).</summary>
    /// <param name="index">Work item over src elements.</param>
    /// <param name="src">src: (d0, d1, inner).</param>
    /// <param name="dst">dst: (d1, d0, inner).</param>
    /// <param name="d0">Outer dimension of src.</param>
    /// <param name="d1">Middle dimension of src.</param>
    /// <param name="inner">Contiguous inner dimension.</param>
    public static void SwapOuter(Index1D index, ArrayView<float> src, ArrayView<float> dst, int d0, int d1, int inner)
    {
        int e = index % inner;
        int rest = index / inner;
        int i1 = rest % d1;
        int i0 = rest / d1;
        dst[((long)i1 * d0 + i0) * inner + e] = src[index];
    }

    /// <summary>
    /// Inverted dropout with a counter-based hash: y = x * mask / (1 - p), mask[i] in {0, 1/(1-p)} is
    /// stored for backward. The same seed gives the same mask on every accelerator.
    /// </summary>
    /// <param name="index">Element.</param>
    /// <param name="x">x: (n).</param>
    /// <param name="y">y: (n), may alias x.</param>
    /// <param name="mask">mask: (n), the scale applied to each element.</param>
    /// <param name="p">Drop probability in [0, 1).</param>
    /// <param name="seed">Seed (low 32 bits).</param>
    /// <param name="stream">Stream id mixed into the hash (layer, call counter).</param>
    public static void DropoutForward(Index1D index, ArrayView<float> x, ArrayView<float> y, ArrayView<float> mask,
        float p, uint seed, uint stream)
    {
        uint hsh = Hash((uint)index.X, seed, stream);
        float u = (hsh >> 8) * (1f / 16777216f);
        float m = u < p ? 0f : 1f / (1f - p);
        mask[index] = m;
        y[index] = x[index] * m;
    }

    /// <summary>dx[i] = dy[i] * mask[i] (in place allowed).</summary>
    /// <param name="index">Element.</param>
    /// <param name="dy">dy: (n).</param>
    /// <param name="mask">mask: (n).</param>
    /// <param name="dx">dx: (n).</param>
    public static void MultiplyInto(Index1D index, ArrayView<float> dy, ArrayView<float> mask, ArrayView<float> dx) =>
        dx[index] = dy[index] * mask[index];

    /// <summary>A 32-bit avalanche hash of (i, seed, stream) (lowbias32 rounds).</summary>
    /// <param name="i">Counter.</param>
    /// <param name="seed">Seed.</param>
    /// <param name="stream">Stream.</param>
    public static uint Hash(uint i, uint seed, uint stream)
    {
        uint x = i * 0x9E3779B9u ^ seed ^ (stream * 0x85EBCA6Bu);
        x ^= x >> 16; x *= 0x7FEB352Du;
        x ^= x >> 15; x *= 0x846CA68Bu;
        x ^= x >> 16;
        x += seed * 0xC2B2AE35u;
        x ^= x >> 16; x *= 0x7FEB352Du;
        x ^= x >> 15; x *= 0x846CA68Bu;
        x ^= x >> 16;
        return x;
    }

    /// <summary>flags[0] = 1 if any element of x is NaN or infinite (never cleared here).</summary>
    /// <param name="index">Element.</param>
    /// <param name="x">x: (n).</param>
    /// <param name="flags">flags: (1).</param>
    public static void NonFiniteFlag(Index1D index, ArrayView<float> x, ArrayView<int> flags)
    {
        float v = x[index];
        if (!(v - v == 0f))
            flags[0] = 1;
    }
}
