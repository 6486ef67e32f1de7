using ILGPU;
using ILGPU.Algorithms;

namespace RnnGpu.Kernels;

// The heads' row kernels: the two directions' states concatenated and split again, argmax per row, and sampling per row
// (Gumbel-max over a counter-based uniform). Embedding and losses are in ModelKernels.cs, optimizers in
// ModelKernels.Optimizers.cs.
public static partial class ModelKernels
{
    /// <summary>out[b, 0:h] = a[b], out[b, h:2h] = c[b] (the two directions of a bidirectional final state). Launch over B*2H.</summary>
    /// <param name="items">Number of work items (b*2H + j); see <see cref="Items"/>.</param>
    /// <param name="a">a: (B, H).</param>
    /// <param name="c">c: (B, H).</param>
    /// <param name="y">y: (B, 2H).</param>
    /// <param name="h">H.</param>
    public static void Concat2(int items, ArrayView<float> a, ArrayView<float> c, ArrayView<float> y, int h)
    {
        for (int i = Items.First(items), end = Items.End(items); i < end; i++)
            Concat2Item(i, a, c, y, h);
    }

    static void Concat2Item(int i, ArrayView<float> a, ArrayView<float> c, ArrayView<float> y, int h)
    {
        int b = i / (2 * h), j = i % (2 * h);
        y[i] = j < h ? a[(long)b * h + j] : c[(long)b * h + j - h];
    }

    /// <summary>Backward of <see cref="Concat2"/>: da[b] = dy[b, 0:h], dc[b] = dy[b, h:2h]. Launch over B*2H.</summary>
    /// <param name="items">Number of work items (b*2H + j); see <see cref="Items"/>.</param>
    /// <param name="dy">dy: (B, 2H).</param>
    /// <param name="da">da: (B, H).</param>
    /// <param name="dc">dc: (B, H).</param>
    /// <param name="h">H.</param>
    public static void Split2(int items, ArrayView<float> dy, ArrayView<float> da, ArrayView<float> dc, int h)
    {
        for (int i = Items.First(items), end = Items.End(items); i < end; i++)
            Split2Item(i, dy, da, dc, h);
    }

    static void Split2Item(int i, ArrayView<float> dy, ArrayView<float> da, ArrayView<float> dc, int h)
    {
        int b = i / (2 * h), j = i % (2 * h);
        if (j < h) da[(long)b * h + j] = dy[i];
        else dc[(long)b * h + j - h] = dy[i];
    }

    /// <summary>idx[n] = argmax over c of x[n, c] (first maximum). Launch over N items.</summary>
    /// <param name="items">Number of work items (Row); see <see cref="Items"/>.</param>
    /// <param name="x">x: (N, C).</param>
    /// <param name="idx">idx: (N).</param>
    /// <param name="c">C.</param>
    public static void ArgmaxRows(int items, ArrayView<float> x, ArrayView<int> idx, int c)
    {
        for (int n = Items.First(items), end = Items.End(items); n < end; n++)
            ArgmaxRowsItem(n, x, idx, c);
    }

    static void ArgmaxRowsItem(int n, ArrayView<float> x, ArrayView<int> idx, int c)
    {
        long o = (long)n * c;
        int best = 0;
        float bv = x[o];
        for (int j = 1; j < c; j++)
        {
            if (x[o + j] > bv)
            {
                bv = x[o + j];
                best = j;
            }
        }
        idx[n] = best;
    }

    /// <summary>
    /// The uniform draw u in (0, 1) of temperature sampling for (seed, step, row, j): two rounds of the dropout hash
    /// (<see cref="ElementwiseKernels.Hash"/>), key = Hash(row, seed_lo, step), h = Hash(j, key, seed_hi), then
    /// u = ((h &gt;&gt; 9) + 0.5) / 2^23, which float32 holds exactly, so the float64 reference sees the same u.
    /// u never is 0 or 1 (it lies in [2^-24, 1 - 2^-24]), so the Gumbel noise -log(-log u) is finite.
    /// </summary>
    /// <param name="seed">Seed (all 64 bits are used).</param>
    /// <param name="step">Generation step.</param>
    /// <param name="row">Row of the logits (sequence in the batch).</param>
    /// <param name="j">Column (token id).</param>
    public static float SampleUniform(ulong seed, int step, int row, int j)
    {
        uint key = ElementwiseKernels.Hash((uint)row, (uint)seed, (uint)step);
        uint h = ElementwiseKernels.Hash((uint)j, key, (uint)(seed >> 32));
        return ((h >> 9) + 0.5f) * (1f / 8388608f);
    }

    /// <summary>
    /// Temperature sampling by the Gumbel-max trick, one id per row of x (N, C):
    /// idx[n] = argmax over j of x[n, j] / temperature + g_j with g_j = -log(-log u_j) and u_j =
    /// <see cref="SampleUniform"/>(seed, step, n, j), which draws j with probability softmax(x[n] / temperature)_j.
    /// Computed as (x[n, j] - max_k x[n, k]) / temperature + g_j (the same argmax; no overflow for tiny temperatures).
    /// Ties keep the first. The temperature must be positive (0, greedy, is <see cref="ArgmaxRows"/>). Launch over N items.
    /// </summary>
    /// <param name="items">Number of work items (Row); see <see cref="Items"/>.</param>
    /// <param name="x">x: (N, C) logits.</param>
    /// <param name="idx">idx: (N), the sampled ids.</param>
    /// <param name="c">C.</param>
    /// <param name="temperature">Temperature T &gt; 0.</param>
    /// <param name="seed">Seed.</param>
    /// <param name="step">Generation step, mixed into the hash so that every step draws afresh.</param>
    public static void SampleRows(int items, ArrayView<float> x, ArrayView<int> idx, int c, float temperature, ulong seed, int step)
    {
        for (int n = Items.First(items), end = Items.End(items); n < end; n++)
            SampleRowsItem(n, x, idx, c, temperature, seed, step);
    }

    static void SampleRowsItem(int n, ArrayView<float> x, ArrayView<int> idx, int c, float temperature, ulong seed, int step)
    {
        long o = (long)n * c;
        float m = x[o];
        for (int j = 1; j < c; j++)
            m = XMath.Max(m, x[o + j]);
        int best = 0;
        float bv = float.NegativeInfinity;
        for (int j = 0; j < c; j++)
        {
            float u = SampleUniform(seed, step, n, j);
            float v = (x[o + j] - m) / temperature - XMath.Log(-XMath.Log(u));
            if (j == 0 || v > bv)
            {
                bv = v;
                best = j;
            }
        }
        idx[n] = best;
    }

    /// <summary>Softmax (log = 0) or log-softmax (log = 1) over each row of x (N, C): y = exp(x - lse) or x - lse, lse the
    /// row's log-sum-exp (max first). Launch over the N rows.</summary>
    /// <param name="items">Rows N; see <see cref="Items"/>.</param>
    /// <param name="x">x: (N, C).</param>
    /// <param name="y">y: (N, C).</param>
    /// <param name="c">C.</param>
    /// <param name="log">1: log-softmax.</param>
    public static void SoftmaxRows(int items, ArrayView<float> x, ArrayView<float> y, int c, int log)
    {
        for (int r = Items.First(items), end = Items.End(items); r < end; r++)
        {
            long o = (long)r * c;
            float lse = RowLogSumExp(x, o, c);
            for (int j = 0; j < c; j++)
                y[o + j] = log != 0 ? x[o + j] - lse : XMath.Exp(x[o + j] - lse);
        }
    }

    /// <summary>log sum_j exp(x[o + j]) over a row of c, the maximum first (one pass for it, one for the sum).</summary>
    /// <param name="x">x.</param>
    /// <param name="o">The row's first element.</param>
    /// <param name="c">Row length.</param>
    public static float RowLogSumExp(ArrayView<float> x, long o, int c)
    {
        float m = x[o];
        for (int j = 1; j < c; j++)
            m = XMath.Max(m, x[o + j]);
        float s = 0f;
        for (int j = 0; j < c; j++)
            s += XMath.Exp(x[o + j] - m);
        return m + XMath.Log(s);
    }

    /// <summary>Backward of <see cref="SoftmaxRows"/> from its output y: softmax dx = y (dy - sum(dy y)); log-softmax
    /// dx = dy - exp(y) sum(dy) (sums over the row, in order). Launch over the N rows.</summary>
    /// <param name="items">Rows N; see <see cref="Items"/>.</param>
    /// <param name="y">y: (N, C), the forward's output.</param>
    /// <param name="dy">dy: (N, C).</param>
    /// <param name="dx">dx: (N, C), written.</param>
    /// <param name="c">C.</param>
    /// <param name="log">1: log-softmax.</param>
    public static void SoftmaxRowsBackward(int items, ArrayView<float> y, ArrayView<float> dy, ArrayView<float> dx, int c, int log)
    {
        for (int r = Items.First(items), end = Items.End(items); r < end; r++)
        {
            long o = (long)r * c;
            float s = 0f;
            for (int j = 0; j < c; j++)
                s += log != 0 ? dy[o + j] : dy[o + j] * y[o + j];
            for (int j = 0; j < c; j++)
                dx[o + j] = log != 0 ? dy[o + j] - XMath.Exp(y[o + j]) * s : y[o + j] * (dy[o + j] - s);
        }
    }
}
