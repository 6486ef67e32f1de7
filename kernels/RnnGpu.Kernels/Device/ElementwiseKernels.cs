using ILGPU;

namespace RnnGpu.Kernels;

/// <summary>
/// Elementwise and layout kernels shared by the host API: fills, transposes, dropout, products, the
/// non-finite check. One work item per element (launch over the element count); nothing here reduces.
/// </summary>
public static class ElementwiseKernels
{
    /// <summary>x[i] = value.</summary>
    /// <param name="items">Number of work items (Element index); see <see cref="Items"/>.</param>
    /// <param name="x">x: (n).</param>
    /// <param name="value">The value.</param>
    public static void Fill(int items, ArrayView<float> x, float value)
    {
        for (int i = Items.First(items), end = Items.End(items); i < end; i++)
            FillItem(i, x, value);
    }

    static void FillItem(int i, ArrayView<float> x, float value) => x[i] = value;

    /// <summary>x[i] = value (ints; e.g. the grid barrier's counter before a persistent launch).</summary>
    /// <param name="items">Number of work items (Element index); see <see cref="Items"/>.</param>
    /// <param name="x">x: (n).</param>
    /// <param name="value">The value.</param>
    public static void FillInt(int items, ArrayView<int> x, int value)
    {
        for (int i = Items.First(items), end = Items.End(items); i < end; i++)
            FillIntItem(i, x, value);
    }

    static void FillIntItem(int i, ArrayView<int> x, int value) => x[i] = value;

    /// <summary>dst (cols, rows) = src (rows, cols) transposed.</summary>
    /// <param name="items">Number of work items (Work item: r * cols + c over src); see <see cref="Items"/>.</param>
    /// <param name="src">src: (rows, cols).</param>
    /// <param name="dst">dst: (cols, rows).</param>
    /// <param name="rows">Rows of src.</param>
    /// <param name="cols">Columns of src.</param>
    public static void Transpose(int items, ArrayView<float> src, ArrayView<float> dst, int rows, int cols)
    {
        for (int index = Items.First(items), end = Items.End(items); index < end; index++)
            TransposeItem(index, src, dst, rows, cols);
    }

    static void TransposeItem(int index, ArrayView<float> src, ArrayView<float> dst, int rows, int cols)
    {
        int r = index / cols;
        int c = index % cols;
        dst[(long)c * rows + r] = src[index];
    }

    /// <summary>Side of the square blocks of <see cref="TransposeBlocks"/>.</summary>
    public const int TransposeBlock = 16;

    /// <summary>Work items of <see cref="TransposeBlocks"/>: one per <see cref="TransposeBlock"/>-square block of src.</summary>
    /// <param name="rows">Rows of src.</param>
    /// <param name="cols">Columns of src.</param>
    public static int TransposeBlockItems(int rows, int cols) =>
        ((rows + TransposeBlock - 1) / TransposeBlock) * ((cols + TransposeBlock - 1) / TransposeBlock);

    /// <summary>dst (cols, rows) = src (rows, cols) transposed, a 16 x 16 block per work item, for OpenCL on CPUs: each item
    /// reads 16 rows of 64 contiguous bytes and writes 16 such rows, where one element per item (<see cref="Transpose"/>)
    /// scatters every write a row apart and ran at a fifth of the memory speed under PoCL.</summary>
    /// <param name="items">Number of work items, <see cref="TransposeBlockItems"/>; see <see cref="Items"/>.</param>
    /// <param name="src">src: (rows, cols).</param>
    /// <param name="dst">dst: (cols, rows).</param>
    /// <param name="rows">Rows of src.</param>
    /// <param name="cols">Columns of src.</param>
    public static void TransposeBlocks(int items, ArrayView<float> src, ArrayView<float> dst, int rows, int cols)
    {
        for (int index = Items.First(items), end = Items.End(items); index < end; index++)
            TransposeBlockItem(index, src, dst, rows, cols);
    }

    static void TransposeBlockItem(int index, ArrayView<float> src, ArrayView<float> dst, int rows, int cols)
    {
        const int S = TransposeBlock;
        int blockCols = (cols + S - 1) / S;
        int r0 = index / blockCols * S, c0 = index % blockCols * S;
        int r1 = IntrinsicMath.Min(r0 + S, rows), c1 = IntrinsicMath.Min(c0 + S, cols);
        for (int c = c0; c < c1; c++)
        {
            long d = (long)c * rows;
            for (int r = r0; r < r1; r++)
                dst[d + r] = src[(long)r * cols + c];
        }
    }

    /// <summary>Swaps the two outer dimensions: dst (d1, d0, inner) = src (d0, d1, inner)
    /// (batch-first to sequence-major and back).</summary>
    /// <param name="items">Number of work items (Work item over src elements); see <see cref="Items"/>.</param>
    /// <param name="src">src: (d0, d1, inner).</param>
    /// <param name="dst">dst: (d1, d0, inner).</param>
    /// <param name="d0">Outer dimension of src.</param>
    /// <param name="d1">Middle dimension of src.</param>
    /// <param name="inner">Contiguous inner dimension.</param>
    public static void SwapOuter(int items, ArrayView<float> src, ArrayView<float> dst, int d0, int d1, int inner)
    {
        for (int index = Items.First(items), end = Items.End(items); index < end; index++)
            SwapOuterItem(index, src, dst, d0, d1, inner);
    }

    static void SwapOuterItem(int index, ArrayView<float> src, ArrayView<float> dst, int d0, int d1, int inner)
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
    /// <param name="items">Number of work items (Element); see <see cref="Items"/>.</param>
    /// <param name="x">x: (n).</param>
    /// <param name="y">y: (n), may alias x.</param>
    /// <param name="mask">mask: (n), the scale applied to each element.</param>
    /// <param name="p">Drop probability in [0, 1).</param>
    /// <param name="seed">Seed (low 32 bits).</param>
    /// <param name="stream">Stream id mixed into the hash (layer, call counter).</param>
    public static void DropoutForward(int items, ArrayView<float> x, ArrayView<float> y, ArrayView<float> mask, float p, uint seed, uint stream)
    {
        for (int index = Items.First(items), end = Items.End(items); index < end; index++)
            DropoutForwardItem(index, x, y, mask, p, seed, stream);
    }

    static void DropoutForwardItem(int index, ArrayView<float> x, ArrayView<float> y, ArrayView<float> mask,
        float p, uint seed, uint stream)
    {
        uint hsh = Hash((uint)index, seed, stream);
        float u = (hsh >> 8) * (1f / 16777216f);
        float m = u < p ? 0f : 1f / (1f - p);
        mask[index] = m;
        y[index] = x[index] * m;
    }

    /// <summary>y[i] = a[i] + b[i] (y may be a or b).</summary>
    /// <param name="items">Number of work items (Element); see <see cref="Items"/>.</param>
    /// <param name="a">a: (n).</param>
    /// <param name="b">b: (n).</param>
    /// <param name="y">y: (n).</param>
    public static void Add(int items, ArrayView<float> a, ArrayView<float> b, ArrayView<float> y)
    {
        for (int index = Items.First(items), end = Items.End(items); index < end; index++)
            y[index] = a[index] + b[index];
    }

    /// <summary>dx[i] = dy[i] * mask[i] (in place allowed).</summary>
    /// <param name="items">Number of work items (Element); see <see cref="Items"/>.</param>
    /// <param name="dy">dy: (n).</param>
    /// <param name="mask">mask: (n).</param>
    /// <param name="dx">dx: (n).</param>
    public static void MultiplyInto(int items, ArrayView<float> dy, ArrayView<float> mask, ArrayView<float> dx)
    {
        for (int index = Items.First(items), end = Items.End(items); index < end; index++)
            MultiplyIntoItem(index, dy, mask, dx);
    }

    static void MultiplyIntoItem(int index, ArrayView<float> dy, ArrayView<float> mask, ArrayView<float> dx) => dx[index] = dy[index] * mask[index];

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
    /// <param name="items">Number of work items (Element); see <see cref="Items"/>.</param>
    /// <param name="x">x: (n).</param>
    /// <param name="flags">flags: (1).</param>
    public static void NonFiniteFlag(int items, ArrayView<float> x, ArrayView<int> flags)
    {
        for (int index = Items.First(items), end = Items.End(items); index < end; index++)
            NonFiniteFlagItem(index, x, flags);
    }

    static void NonFiniteFlagItem(int index, ArrayView<float> x, ArrayView<int> flags)
    {
        float v = x[index];
        if (!(v - v == 0f))
            flags[0] = 1;
    }

    /// <summary>index_select: dst (outer, k, inner)[o, j, e] = src (outer, n, inner)[o, index[j], e]; an index outside [0, n)
    /// gives zeros and lowers firstBad[0] to its position j (atomic min: deterministic). Launch over outer*k*inner items.</summary>
    /// <param name="items">Number of work items (one per element of dst); see <see cref="Items"/>.</param>
    /// <param name="src">src: (outer, n, inner).</param>
    /// <param name="index">index: (k).</param>
    /// <param name="dst">dst: (outer, k, inner).</param>
    /// <param name="n">Size of the selected dimension in src.</param>
    /// <param name="inner">Elements after the selected dimension.</param>
    /// <param name="firstBad">firstBad: (1).</param>
    public static void IndexSelect(int items, ArrayView<float> src, ArrayView<int> index, ArrayView<float> dst, int n, int inner, ArrayView<int> firstBad)
    {
        int k = (int)index.Length;
        for (int i = Items.First(items), end = Items.End(items); i < end; i++)
        {
            int e = i % inner, rest = i / inner, j = rest % k, o = rest / k, at = index[j];
            if (at < 0 || at >= n)
            {
                dst[i] = 0f;
                Atomic.Min(ref firstBad[0], j);
                continue;
            }
            dst[i] = src[((long)o * n + at) * inner + e];
        }
    }

    /// <summary><see cref="IndexSelect"/> of int values (token ids, class targets).</summary>
    /// <param name="items">Number of work items (one per element of dst); see <see cref="Items"/>.</param>
    /// <param name="src">src: (outer, n, inner).</param>
    /// <param name="index">index: (k).</param>
    /// <param name="dst">dst: (outer, k, inner).</param>
    /// <param name="n">Size of the selected dimension in src.</param>
    /// <param name="inner">Elements after the selected dimension.</param>
    /// <param name="firstBad">firstBad: (1).</param>
    public static void IndexSelectInt(int items, ArrayView<int> src, ArrayView<int> index, ArrayView<int> dst, int n, int inner, ArrayView<int> firstBad)
    {
        int k = (int)index.Length;
        for (int i = Items.First(items), end = Items.End(items); i < end; i++)
        {
            int e = i % inner, rest = i / inner, j = rest % k, o = rest / k, at = index[j];
            if (at < 0 || at >= n)
            {
                dst[i] = 0;
                Atomic.Min(ref firstBad[0], j);
                continue;
            }
            dst[i] = src[((long)o * n + at) * inner + e];
        }
    }
}
