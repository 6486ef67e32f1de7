using ILGPU;
using ILGPU.Algorithms;

namespace RnnGpu.Kernels;

/// <summary>How <see cref="AttentionKernels"/> scores a (query, key) pair.</summary>
public enum AttentionScoreKind
{
    /// <summary>Additive (Bahdanau): score = v' . tanh(q' + k' + bias), q' and k' the projected query and key.</summary>
    Additive = 0,
    /// <summary>Multiplicative (Luong's dot and general): score = q' . k, q' the query (dot) or its projection (general).</summary>
    Dot = 1,
}

/// <summary>Sizes and the score of one attention launch (<see cref="AttentionKernels"/>).</summary>
public readonly struct AttentionArgs
{
    /// <summary>Query positions Tq (decoder steps; 1 when decoding a step).</summary>
    public readonly int Tq;
    /// <summary>Key positions Tk (source positions).</summary>
    public readonly int Tk;
    /// <summary>Sequences B.</summary>
    public readonly int B;
    /// <summary>Width N of the scored vectors: the attention units (additive) or the key width (dot).</summary>
    public readonly int N;
    /// <summary>Width Nv of the values (the keys as the encoder wrote them; the context has this width).</summary>
    public readonly int Nv;
    /// <summary><see cref="AttentionScoreKind"/> as an int.</summary>
    public readonly int Score;

    /// <summary>Creates the arguments.</summary>
    /// <param name="tq">Query positions.</param>
    /// <param name="tk">Key positions.</param>
    /// <param name="b">Sequences.</param>
    /// <param name="n">Scored width.</param>
    /// <param name="nv">Value width.</param>
    /// <param name="score">Score kind.</param>
    public AttentionArgs(int tq, int tk, int b, int n, int nv, AttentionScoreKind score)
    {
        Tq = tq; Tk = tk; B = b; N = n; Nv = nv; Score = (int)score;
    }
}

/// <summary>The views of one attention's kernels (one struct for the family instead of long view lists): a kernel reads and
/// writes the fields its documentation names; the others may hold any small view (never an empty one: OpenCL refuses
/// those).</summary>
public struct AttentionViews
{
    /// <summary>pq: (Tq, B, N), the projected queries (dot: the queries).</summary>
    public ArrayView<float> Pq;
    /// <summary>sk: (Tk, B, N), the scored keys (additive: projected; dot: the keys).</summary>
    public ArrayView<float> Sk;
    /// <summary>skT: (B, N, Tk), sk transposed (GPU-shaped kernels).</summary>
    public ArrayView<float> SkT;
    /// <summary>values: (Tk, B, Nv).</summary>
    public ArrayView<float> Values;
    /// <summary>valuesT: (B, Nv, Tk), the values transposed (GPU-shaped kernels).</summary>
    public ArrayView<float> ValuesT;
    /// <summary>v': (N), the effective score vector (additive).</summary>
    public ArrayView<float> VEff;
    /// <summary>bias: (N) (additive).</summary>
    public ArrayView<float> Bias;
    /// <summary>lengths: (B), each in [1, Tk].</summary>
    public ArrayView<int> Lengths;
    /// <summary>weights: (Tq, B, Tk), the attention weights (0 past each length).</summary>
    public ArrayView<float> Weights;
    /// <summary>context: (Tq, B, Nv).</summary>
    public ArrayView<float> Context;
    /// <summary>dcontext: (Tq, B, Nv).</summary>
    public ArrayView<float> DContext;
    /// <summary>dscore: (Tq, B, Tk), the score gradients.</summary>
    public ArrayView<float> DScore;
    /// <summary>dpq: (Tq, B, N).</summary>
    public ArrayView<float> DPq;
    /// <summary>dvPart: (Tq, B, N), each query row's share of dv' (additive).</summary>
    public ArrayView<float> DvPart;
    /// <summary>dsk: (Tk, B, N) (additive).</summary>
    public ArrayView<float> DSk;
    /// <summary>dvalues: (Tk, B, Nv).</summary>
    public ArrayView<float> DValues;
}

/// <summary>
/// Attention over a (Tk, B, ·) memory for all (Tq, B) queries at once (training: the decoder's steps in parallel) or one
/// step (Tq = 1), masked past each sequence's key length: scores (additive: v' . tanh(pq + sk + bias) summed over the N units
/// per pair, the tanh recomputed on chip and never stored; dot: pq . sk), a softmax over the key positions, and the context
/// (sum of weights x values). Inputs: pq (Tq, B, N) the projected queries, sk (Tk, B, N) the scored keys (additive: the
/// projected keys; dot: the keys), values (Tk, B, Nv), vEff (N) the effective score vector v', bias (N), lengths (B).
/// GPU-shaped kernels here take one group per row (query row for the forward and the query gradients, key row for the key
/// gradients), their threads over key positions (reading transposed (B, N, Tk) copies, so neighbouring threads read
/// neighbouring words) and then over units; the CPU accelerator runs host variants (<c>CpuSimd.Attention*</c>, a row per
/// item, 16 units per step). No float atomics: every sum runs in a fixed order.
/// </summary>
public static class AttentionKernels
{
    /// <summary>Largest group the grouped kernels are launched with.</summary>
    public const int MaxGroup = 256;

    /// <summary>The score of query row <paramref name="r"/> and key position <paramref name="tk"/>, reading the transposed
    /// scored keys skT (B, N, Tk).</summary>
    static float ScoreT(ArrayView<float> pq, ArrayView<float> skT, ArrayView<float> vEff, ArrayView<float> bias, int r, int b, int tk,
        in AttentionArgs a)
    {
        long pr = (long)r * a.N, kr = (long)b * a.N * a.Tk + tk;
        float s = 0f;
        if (a.Score == (int)AttentionScoreKind.Additive)
        {
            for (int u = 0; u < a.N; u++)
                s += vEff[u] * CellMath.Tanh(pq[pr + u] + bias[u] + skT[kr + (long)u * a.Tk]);
        }
        else
        {
            for (int u = 0; u < a.N; u++)
                s += pq[pr + u] * skT[kr + (long)u * a.Tk];
        }
        return s;
    }

    /// <summary>The group's maximum (<paramref name="max"/> true) or sum of each thread's value, as every thread sees it:
    /// the values into shared memory, a barrier, each thread reads them all in order (so every thread gets the same bits), a
    /// barrier before the buffer is reused.</summary>
    static float GroupReduce(ArrayView<float> red, int k, int g, float mine, bool max)
    {
        red[k] = mine;
        Group.Barrier();
        float v = red[0];
        for (int i = 1; i < g; i++)
            v = max ? XMath.Max(v, red[i]) : v + red[i];
        Group.Barrier();
        return v;
    }

    /// <summary>
    /// Forward of one query row per group (grid Tq*B): its scores over the key positions below its sequence's length (threads
    /// over positions), the masked softmax (group maximum and sum), weights (Tq, B, Tk) written (0 past the length); then the
    /// context row (threads over the Nv value columns): context[r] = sum_tk weights[r, tk] values[tk, b].
    /// </summary>
    /// <param name="v">Views: reads Pq, SkT, Values, VEff, Bias, Lengths; writes Weights, Context.</param>
    /// <param name="a">Sizes and score.</param>
    public static void Forward(AttentionViews v, AttentionArgs a)
    {
        ArrayView<float> pq = v.Pq, skT = v.SkT, values = v.Values, vEff = v.VEff, bias = v.Bias, weights = v.Weights, context = v.Context;
        ArrayView<int> lengths = v.Lengths;
        var red = SharedMemory.Allocate<float>(MaxGroup);
        int r = Grid.IdxX, k = Group.IdxX, g = Group.DimX;
        int b = r % a.B, len = lengths[b];
        long wr = (long)r * a.Tk;
        float mine = float.NegativeInfinity;
        for (int tk = k; tk < len; tk += g)
        {
            float s = ScoreT(pq, skT, vEff, bias, r, b, tk, a);
            weights[wr + tk] = s;
            mine = XMath.Max(mine, s);
        }
        float m = GroupReduce(red, k, g, mine, true);
        float part = 0f;
        for (int tk = k; tk < len; tk += g)
        {
            float e = XMath.Exp(weights[wr + tk] - m);
            weights[wr + tk] = e;
            part += e;
        }
        float inv = 1f / GroupReduce(red, k, g, part, false);
        for (int tk = k; tk < a.Tk; tk += g)
            weights[wr + tk] = tk < len ? weights[wr + tk] * inv : 0f;
        Group.Barrier();
        for (int u = k; u < a.Nv; u += g)
        {
            float acc = 0f;
            for (int tk = 0; tk < len; tk++)
                acc += weights[wr + tk] * values[((long)tk * a.B + b) * a.Nv + u];
            context[(long)r * a.Nv + u] = acc;
        }
    }

    /// <summary>
    /// Backward to the queries, one query row per group (grid Tq*B), given dcontext: dw[tk] = dcontext[r] . values[tk, b]
    /// (threads over positions, reading valuesT), dscore = w (dw - sum_tk w dw) written to dscore (Tq, B, Tk) (0 past the
    /// length); then per unit u (threads over units) additive: t = tanh(pq + sk + bias), dpq[r, u] = v'_u sum_tk dscore (1 - t^2),
    /// dvPart[r, u] = sum_tk dscore t (the score vector's gradient, summed over rows afterwards); dot: dpq[r, u] =
    /// sum_tk dscore sk[tk, b, u].
    /// </summary>
    /// <param name="v">Views: reads Pq, Sk, ValuesT, VEff, Bias, Lengths, Weights, DContext; writes DScore, DPq, DvPart (additive).</param>
    /// <param name="a">Sizes and score.</param>
    public static void BackwardQueries(AttentionViews v, AttentionArgs a)
    {
        ArrayView<float> pq = v.Pq, sk = v.Sk, valuesT = v.ValuesT, vEff = v.VEff, bias = v.Bias, weights = v.Weights;
        ArrayView<float> dcontext = v.DContext, dscore = v.DScore, dpq = v.DPq, dvPart = v.DvPart;
        ArrayView<int> lengths = v.Lengths;
        var red = SharedMemory.Allocate<float>(MaxGroup);
        int r = Grid.IdxX, k = Group.IdxX, g = Group.DimX;
        int b = r % a.B, len = lengths[b];
        long wr = (long)r * a.Tk, cr = (long)r * a.Nv, vr = (long)b * a.Nv * a.Tk;
        float part = 0f;
        for (int tk = k; tk < len; tk += g)
        {
            float dw = 0f;
            for (int u = 0; u < a.Nv; u++)
                dw += dcontext[cr + u] * valuesT[vr + (long)u * a.Tk + tk];
            dscore[wr + tk] = dw;
            part += weights[wr + tk] * dw;
        }
        float sum = GroupReduce(red, k, g, part, false);
        for (int tk = k; tk < a.Tk; tk += g)
            dscore[wr + tk] = tk < len ? weights[wr + tk] * (dscore[wr + tk] - sum) : 0f;
        Group.Barrier();
        long pr = (long)r * a.N;
        for (int u = k; u < a.N; u += g)
        {
            float acc = 0f, accT = 0f;
            if (a.Score == (int)AttentionScoreKind.Additive)
            {
                float x = pq[pr + u] + bias[u];
                for (int tk = 0; tk < len; tk++)
                {
                    float ds = dscore[wr + tk];
                    float t = CellMath.Tanh(x + sk[((long)tk * a.B + b) * a.N + u]);
                    acc += ds * (1f - t * t);
                    accT += ds * t;
                }
                dpq[pr + u] = vEff[u] * acc;
                dvPart[pr + u] = accT;
            }
            else
            {
                for (int tk = 0; tk < len; tk++)
                    acc += dscore[wr + tk] * sk[((long)tk * a.B + b) * a.N + u];
                dpq[pr + u] = acc;
            }
        }
    }

    /// <summary>
    /// Backward to the keys and values, one key row c = tk*B + b per group (grid Tk*B), threads over units: dvalues[c] =
    /// sum_tq weights[tq, b, tk] dcontext[tq, b]; additive: dsk[c, u] = v'_u sum_tq dscore (1 - tanh(pq + sk + bias)^2); dot
    /// (sk is the values): dvalues[c, u] += sum_tq dscore pq[tq, b, u]. Rows past the length get zeros.
    /// </summary>
    /// <param name="v">Views: reads Pq, Sk, VEff, Bias, Lengths, Weights, DContext, DScore; writes DSk (additive), DValues.</param>
    /// <param name="a">Sizes and score.</param>
    public static void BackwardKeys(AttentionViews v, AttentionArgs a)
    {
        ArrayView<float> pq = v.Pq, sk = v.Sk, vEff = v.VEff, bias = v.Bias, weights = v.Weights, dcontext = v.DContext;
        ArrayView<float> dscore = v.DScore, dsk = v.DSk, dvalues = v.DValues;
        ArrayView<int> lengths = v.Lengths;
        int c = Grid.IdxX, k = Group.IdxX, g = Group.DimX;
        int tk = c / a.B, b = c % a.B;
        bool active = tk < lengths[b];
        long kr = (long)c * a.N, vr = (long)c * a.Nv;
        if (a.Score == (int)AttentionScoreKind.Additive)
        {
            for (int u = k; u < a.N; u += g)
            {
                float acc = 0f;
                if (active)
                {
                    float x = sk[kr + u] + bias[u];
                    for (int tq = 0; tq < a.Tq; tq++)
                    {
                        long r = (long)tq * a.B + b;
                        float t = CellMath.Tanh(pq[r * a.N + u] + x);
                        acc += dscore[r * a.Tk + tk] * (1f - t * t);
                    }
                }
                dsk[kr + u] = vEff[u] * acc;
            }
        }
        for (int u = k; u < a.Nv; u += g)
        {
            float acc = 0f;
            if (active)
            {
                for (int tq = 0; tq < a.Tq; tq++)
                {
                    long r = (long)tq * a.B + b;
                    acc += weights[r * a.Tk + tk] * dcontext[r * a.Nv + u];
                    if (a.Score == (int)AttentionScoreKind.Dot)
                        acc += dscore[r * a.Tk + tk] * pq[r * a.N + u];
                }
            }
            dvalues[vr + u] = acc;
        }
    }

    /// <summary>The effective score vector of one item: normalized, v' = g v / ||v|| (Salimans and Kingma's weight
    /// normalization, as GNMT v2's attention); else v' = v. Launch with 1 item.</summary>
    /// <param name="items">1; see <see cref="Items"/>.</param>
    /// <param name="v">v: (N).</param>
    /// <param name="scalar">g: (1).</param>
    /// <param name="vEff">v': (N), written.</param>
    /// <param name="n">N.</param>
    /// <param name="normalize">1: normalized.</param>
    public static void ScoreVector(int items, ArrayView<float> v, ArrayView<float> scalar, ArrayView<float> vEff, int n, int normalize)
    {
        if (Items.First(items) >= Items.End(items))
            return;
        float f = 1f;
        if (normalize != 0)
        {
            float ss = 0f;
            for (int u = 0; u < n; u++)
                ss += v[u] * v[u];
            f = scalar[0] / XMath.Sqrt(ss);
        }
        for (int u = 0; u < n; u++)
            vEff[u] = f * v[u];
    }

    /// <summary>Backward of <see cref="ScoreVector"/>, accumulating: given dv' (N), normalized: dg += (dv' . v) / ||v||,
    /// dv += (g / ||v||) (dv' - v (v . dv') / ||v||^2); else dv += dv'. Launch with 1 item.</summary>
    /// <param name="items">1; see <see cref="Items"/>.</param>
    /// <param name="v">v: (N).</param>
    /// <param name="scalar">g: (1).</param>
    /// <param name="dvEff">dv': (N).</param>
    /// <param name="dv">dv: (N), accumulated.</param>
    /// <param name="dscalar">dg: (1), accumulated (normalized).</param>
    /// <param name="n">N.</param>
    /// <param name="normalize">1: normalized.</param>
    public static void ScoreVectorBackward(int items, ArrayView<float> v, ArrayView<float> scalar, ArrayView<float> dvEff,
        ArrayView<float> dv, ArrayView<float> dscalar, int n, int normalize)
    {
        if (Items.First(items) >= Items.End(items))
            return;
        if (normalize == 0)
        {
            for (int u = 0; u < n; u++)
                dv[u] += dvEff[u];
            return;
        }
        float ss = 0f, dot = 0f;
        for (int u = 0; u < n; u++)
        {
            ss += v[u] * v[u];
            dot += v[u] * dvEff[u];
        }
        float norm = XMath.Sqrt(ss), gn = scalar[0] / norm;
        dscalar[0] += dot / norm;
        for (int u = 0; u < n; u++)
            dv[u] += gn * (dvEff[u] - v[u] * dot / ss);
    }

    /// <summary><see cref="Forward"/> on the CPU accelerator: query rows [first, end) of each worker in
    /// <c>CpuSimd.AttentionForward</c>, reading Sk as stored (not SkT). CPU accelerator only.</summary>
    /// <param name="items">Query rows Tq*B; see <see cref="Items"/>.</param>
    /// <param name="v">Views: reads Pq, Sk, Values, VEff, Bias, Lengths; writes Weights, Context.</param>
    /// <param name="a">Sizes and score.</param>
    public static void ForwardCpu(int items, AttentionViews v, AttentionArgs a)
    {
        int first = Items.First(items), end = Items.End(items);
        if (first < end)
            CpuSimd.AttentionForward(first, end, v, a);
    }

    /// <summary><see cref="BackwardQueries"/> on the CPU accelerator (<c>CpuSimd.AttentionBackwardQueries</c>), reading Values
    /// as stored (not ValuesT). CPU accelerator only.</summary>
    /// <param name="items">Query rows Tq*B; see <see cref="Items"/>.</param>
    /// <param name="v">Views, as <see cref="BackwardQueries"/> with Values for ValuesT.</param>
    /// <param name="a">Sizes and score.</param>
    public static void BackwardQueriesCpu(int items, AttentionViews v, AttentionArgs a)
    {
        int first = Items.First(items), end = Items.End(items);
        if (first < end)
            CpuSimd.AttentionBackwardQueries(first, end, v, a);
    }

    /// <summary><see cref="BackwardKeys"/> on the CPU accelerator (<c>CpuSimd.AttentionBackwardKeys</c>). CPU accelerator
    /// only.</summary>
    /// <param name="items">Key rows Tk*B; see <see cref="Items"/>.</param>
    /// <param name="v">Views, as <see cref="BackwardKeys"/>.</param>
    /// <param name="a">Sizes and score.</param>
    public static void BackwardKeysCpu(int items, AttentionViews v, AttentionArgs a)
    {
        int first = Items.First(items), end = Items.End(items);
        if (first < end)
            CpuSimd.AttentionBackwardKeys(first, end, v, a);
    }
}
