using ILGPU;
using ILGPU.Algorithms;

namespace RnnGpu.Kernels;

/// <summary>
/// Deterministic reductions, the one chunked-sum family of RnnGpu: a first pass of partial sums over fixed
/// chunks (column sums, sums, sums of squares), then a final pass in index order (<see cref="SumInOrder"/>).
/// Every sum runs in a fixed order that depends only on the sizes, never on scheduling, so the same inputs
/// give the same bits on every run (no float atomics).
/// </summary>
public static class ReductionKernels
{
    /// <summary>Rows summed sequentially by one work item of the column-sum first pass.</summary>
    public const int ColumnChunkRows = 128;
    /// <summary>Elements summed by one work item of the first pass of a flat sum (<see cref="SumPartial"/>,
    /// <see cref="SumSquaresPartial"/>).</summary>
    public const int Chunk = 1024;

    /// <summary>Number of row chunks (partial sums per column) for a column sum.</summary>
    /// <param name="rows">Rows summed.</param>
    public static int ColumnChunks(int rows) => (rows + ColumnChunkRows - 1) / ColumnChunkRows;

    /// <summary>Number of partial sums of a flat sum over <paramref name="length"/> elements (chunks of <see cref="Chunk"/>).</summary>
    /// <param name="length">Elements.</param>
    public static int Chunks(long length) => (int)((length + Chunk - 1) / Chunk);

    /// <summary>x[start] + x[start+1] + ... + x[start+count-1], summed from 0 in index order: the one sequential
    /// sum every final pass uses, so a total does not depend on which kernel computed it.</summary>
    /// <param name="x">x: at least start + count elements.</param>
    /// <param name="start">First element.</param>
    /// <param name="count">Elements summed.</param>
    public static float SumInOrder(ArrayView<float> x, long start, long count)
    {
        float s = 0f;
        for (long i = 0; i < count; i++)
            s += x[start + i];
        return s;
    }

    /// <summary>
    /// First pass of a column sum: partial[chunk, col] = sum of x[r, col] over the rows of
    /// the chunk, in row order. Launch over chunks * cols work items.
    /// </summary>
    /// <param name="items">Number of work items (Work item: chunk * cols + col); see <see cref="Items"/>.</param>
    /// <param name="x">x: (rows, ld), columns [0, cols) used.</param>
    /// <param name="partial">partial: (chunks, cols).</param>
    /// <param name="rows">Rows of x.</param>
    /// <param name="cols">Columns summed.</param>
    /// <param name="ld">Row stride of x.</param>
    public static void ColumnSumPartial(int items, ArrayView<float> x, ArrayView<float> partial, int rows, int cols, int ld)
    {
        for (int index = Items.First(items), end = Items.End(items); index < end; index++)
            ColumnSumPartialItem(index, x, partial, rows, cols, ld);
    }

    /// <summary>
    /// <see cref="ColumnSumPartial"/> for the CPU accelerator: the same items and bit-identical sums, computed a row at a
    /// time by <c>CpuSimd.ColumnSumPartial</c> (an <see cref="ILGPU.Frontend.ExternalAttribute"/> SIMD helper), so x is
    /// read in order. CPU accelerator only.
    /// </summary>
    /// <param name="items">Number of work items (chunks * cols); see <see cref="Items"/>.</param>
    /// <param name="x">x: (rows, ld).</param>
    /// <param name="partial">partial: (chunks, cols).</param>
    /// <param name="rows">Rows.</param>
    /// <param name="cols">Columns.</param>
    /// <param name="ld">Row stride of x.</param>
    public static void ColumnSumPartialCpu(int items, ArrayView<float> x, ArrayView<float> partial, int rows, int cols, int ld)
    {
        int first = Items.First(items), end = Items.End(items);
        if (first < end)
            CpuSimd.ColumnSumPartial(first, end, x, partial, rows, cols, ld);
    }

    static void ColumnSumPartialItem(int index, ArrayView<float> x, ArrayView<float> partial,
        int rows, int cols, int ld)
    {
        int col = index % cols;
        int chunk = index / cols;
        int r0 = chunk * ColumnChunkRows;
        int r1 = IntrinsicMath.Min(r0 + ColumnChunkRows, rows);
        float s = 0f;
        for (int r = r0; r < r1; r++)
            s += x[(long)r * ld + col];
        partial[index] = s;
    }

    /// <summary>
    /// Second pass of a column sum: dst[col] = (accumulate ? dst[col] : 0) + sum over chunks
    /// of partial[chunk, col], in chunk order. Launch over cols work items.
    /// </summary>
    /// <param name="items">Number of work items (Work item: the column); see <see cref="Items"/>.</param>
    /// <param name="partial">partial: (chunks, cols).</param>
    /// <param name="dst">dst: (cols).</param>
    /// <param name="chunks">Number of row chunks.</param>
    /// <param name="cols">Columns.</param>
    /// <param name="accumulate">1 to add to dst, 0 to overwrite it.</param>
    public static void ColumnSumFinal(int items, ArrayView<float> partial, ArrayView<float> dst, int chunks, int cols, int accumulate)
    {
        for (int col = Items.First(items), end = Items.End(items); col < end; col++)
            ColumnSumFinalItem(col, partial, dst, chunks, cols, accumulate);
    }

    static void ColumnSumFinalItem(int col, ArrayView<float> partial, ArrayView<float> dst,
        int chunks, int cols, int accumulate)
    {
        float s = 0f;
        for (int i = 0; i < chunks; i++)
            s += partial[(long)i * cols + col];
        dst[col] = accumulate != 0 ? dst[col] + s : s;
    }

    /// <summary>
    /// First pass of a sum of squares: partial[i] = sum of x[j]^2 over chunk i, as a
    /// four-way interleaved sum in fixed order. Launch over <see cref="Chunks"/> items.
    /// </summary>
    /// <param name="items">Number of work items (Work item: the chunk); see <see cref="Items"/>.</param>
    /// <param name="x">x: (length).</param>
    /// <param name="partial">partial: (chunks).</param>
    public static void SumSquaresPartial(int items, ArrayView<float> x, ArrayView<float> partial)
    {
        for (int index = Items.First(items), end = Items.End(items); index < end; index++)
            SumSquaresPartialItem(index, x, partial);
    }

    static void SumSquaresPartialItem(int index, ArrayView<float> x, ArrayView<float> partial)
    {
        long start = (long)index * Chunk;
        long end = start + Chunk;
        if (end > x.Length)
            end = x.Length;
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
        long j = start;
        for (; j + 3 < end; j += 4)
        {
            float v0 = x[j], v1 = x[j + 1], v2 = x[j + 2], v3 = x[j + 3];
            s0 += v0 * v0; s1 += v1 * v1; s2 += v2 * v2; s3 += v3 * v3;
        }
        for (; j < end; j++)
            s0 += x[j] * x[j];
        partial[index] = (s0 + s1) + (s2 + s3);
    }

    /// <summary>
    /// Final pass of a sum of squares, run by one work item: result[slot] =
    /// (accumulate ? result[slot] : 0) + sum of partial in order. Launch over 1 work item.
    /// </summary>
    /// <param name="items">Number of work items (Work item (only 0 exists)); see <see cref="Items"/>.</param>
    /// <param name="partial">partial: (chunks).</param>
    /// <param name="result">result: at least slot + 1 elements.</param>
    /// <param name="slot">Element of result written.</param>
    /// <param name="accumulate">1 to add to result[slot], 0 to overwrite it.</param>
    public static void SumFinal(int items, ArrayView<float> partial, ArrayView<float> result, int slot, int accumulate)
    {
        for (int index = Items.First(items), end = Items.End(items); index < end; index++)
            SumFinalItem(index, partial, result, slot, accumulate);
    }

    static void SumFinalItem(int index, ArrayView<float> partial, ArrayView<float> result,
        int slot, int accumulate)
    {
        float s = SumInOrder(partial, 0, partial.Length);
        result[slot] = accumulate != 0 ? result[slot] + s : s;
    }

    /// <summary>First pass of a flat sum: partial[k] = sum of x[j] over chunk k, in order. Launch over
    /// <see cref="Chunks"/> items.</summary>
    /// <param name="items">Number of work items (Chunk); see <see cref="Items"/>.</param>
    /// <param name="x">x: (n).</param>
    /// <param name="partial">partial: (chunks).</param>
    public static void SumPartial(int items, ArrayView<float> x, ArrayView<float> partial)
    {
        for (int k = Items.First(items), end = Items.End(items); k < end; k++)
            SumPartialItem(k, x, partial);
    }

    static void SumPartialItem(int k, ArrayView<float> x, ArrayView<float> partial)
    {
        long start = (long)k * Chunk, end = XMath.Min(start + Chunk, x.Length);
        float s = 0f;
        for (long j = start; j < end; j++)
            s += x[j];
        partial[k] = s;
    }

    /// <summary>
    /// Final pass of a loss, one work item: total = sum of partial[0, chunks); count = sum of
    /// partial[chunks, 2*chunks) when <paramref name="countChunks"/> is 1, else <paramref name="fixedCount"/>
    /// (both by <see cref="SumInOrder"/>).
    /// scalars[0] = mean ? total / count : total (0 when count is 0); scalars[1] = the factor the unscaled
    /// gradient is multiplied by (1/count or 1).
    /// </summary>
    /// <param name="items">Number of work items (Only 0); see <see cref="Items"/>.</param>
    /// <param name="partial">partial: (chunks) or (2*chunks), from <see cref="SumPartial"/>.</param>
    /// <param name="scalars">scalars: (2) loss, gradient scale.</param>
    /// <param name="chunks">Partial sums of the loss.</param>
    /// <param name="countChunks">1 when the count is summed from partial too.</param>
    /// <param name="fixedCount">The count otherwise.</param>
    /// <param name="mean">1 for mean reduction, 0 for sum.</param>
    public static void LossFinal(int items, ArrayView<float> partial, ArrayView<float> scalars, int chunks, int countChunks, float fixedCount, int mean)
    {
        for (int index = Items.First(items), end = Items.End(items); index < end; index++)
            LossFinalItem(index, partial, scalars, chunks, countChunks, fixedCount, mean);
    }

    static void LossFinalItem(int index, ArrayView<float> partial, ArrayView<float> scalars, int chunks,
        int countChunks, float fixedCount, int mean)
    {
        float total = SumInOrder(partial, 0, chunks);
        float count = fixedCount;
        if (countChunks != 0)
            count = SumInOrder(partial, chunks, chunks);
        // Branches, not selects: the select form made PoCL 6.0's LLVM 18.1.8 fail on this kernel ("Instruction Combining
        // did not reach a fixpoint").
        float loss = total, inv = 1f;
        if (mean != 0)
        {
            if (count > 0f)
            {
                loss = total / count;
                inv = 1f / count;
            }
            else
            {
                loss = 0f;
                inv = 0f;
            }
        }
        scalars[0] = loss;
        scalars[1] = inv;
    }
}
