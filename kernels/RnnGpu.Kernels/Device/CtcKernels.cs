using ILGPU;
using ILGPU.Algorithms;

namespace RnnGpu.Kernels;

/// <summary>Sizes and options of one CTC loss (<see cref="CtcKernels"/>).</summary>
public readonly struct CtcArgs
{
    /// <summary>Frames T of the logits.</summary>
    public readonly int T;
    /// <summary>Sequences B.</summary>
    public readonly int B;
    /// <summary>Classes C (the blank included).</summary>
    public readonly int C;
    /// <summary>Padded target length S: targets are (B, S).</summary>
    public readonly int S;
    /// <summary>The blank's class.</summary>
    public readonly int Blank;
    /// <summary>1: an infeasible sequence (loss +inf) counts 0 and gets no gradient.</summary>
    public readonly int ZeroInfinity;
    /// <summary>1: each sequence's loss is divided by its target length (an empty one by 1), then by <see cref="Denominator"/>.</summary>
    public readonly int Mean;
    /// <summary>What the mean divides by: B, or the global batch of a data-parallel shard.</summary>
    public readonly float Denominator;

    /// <summary>The extended label length of the padded target: 2S + 1.</summary>
    public int L => 2 * S + 1;

    /// <summary>Creates the arguments.</summary>
    /// <param name="t">Frames.</param>
    /// <param name="b">Sequences.</param>
    /// <param name="c">Classes.</param>
    /// <param name="s">Padded target length.</param>
    /// <param name="blank">Blank class.</param>
    /// <param name="zeroInfinity">Zero infeasible sequences.</param>
    /// <param name="mean">Mean reduction.</param>
    /// <param name="denominator">Mean's batch denominator.</param>
    public CtcArgs(int t, int b, int c, int s, int blank, bool zeroInfinity, bool mean, float denominator)
    {
        T = t; B = b; C = c; S = s; Blank = blank; ZeroInfinity = zeroInfinity ? 1 : 0; Mean = mean ? 1 : 0;
        Denominator = denominator;
    }
}

/// <summary>
/// Connectionist temporal classification (Graves et al. 2006) as PyTorch's <c>ctc_loss</c> defines it, in log space, in
/// three launches: <see cref="LogSumExpRows"/> (the log-softmax's normalizer per frame; log-probabilities are
/// logits - lse, never stored), <see cref="AlphaBeta"/> (one group per sequence, its threads over the extended label
/// positions, every frame inside the launch with a group barrier between frames: the forward variables, the loss, then
/// the backward variables), <see cref="Gradient"/> (per frame: softmax minus the posterior occupancy of each class,
/// scaled by the reduction), and <see cref="Final"/> (the reduced loss, summed in sequence order). No float atomics:
/// every sum runs in a fixed order, so results repeat bit for bit.
/// The extended label sequence of a target l_1..l_n is blank, l_1, blank, ..., l_n, blank (2n + 1 positions); alpha and
/// beta are (T, B, 2S + 1), both including the frame's own log-probability, as in PyTorch, each frame stored up to an offset (see
/// <see cref="AlphaBeta"/>).
/// </summary>
public static class CtcKernels
{
    /// <summary>Largest group <see cref="AlphaBeta"/> is launched with.</summary>
    public const int MaxGroup = 256;

    /// <summary>log(exp(a) + exp(b)) without overflow; -inf when both are.</summary>
    /// <param name="a">a.</param>
    /// <param name="b">b.</param>
    public static float LogAdd(float a, float b)
    {
        float m = XMath.Max(a, b);
        if (m == float.NegativeInfinity)
            return float.NegativeInfinity;
        return m + XMath.Log(XMath.Exp(a - m) + XMath.Exp(b - m));
    }

    /// <summary>log(exp(a) + exp(b) + exp(c)) without overflow; -inf when all are.</summary>
    /// <param name="a">a.</param>
    /// <param name="b">b.</param>
    /// <param name="c">c.</param>
    public static float LogAdd3(float a, float b, float c)
    {
        float m = XMath.Max(a, XMath.Max(b, c));
        if (m == float.NegativeInfinity)
            return float.NegativeInfinity;
        return m + XMath.Log(XMath.Exp(a - m) + XMath.Exp(b - m) + XMath.Exp(c - m));
    }

    /// <summary>lse[r] = log sum_c exp(x[r, c]) for each row r of x (rows, C). Launch over the rows.</summary>
    /// <param name="items">Rows (T*B); see <see cref="Items"/>.</param>
    /// <param name="x">x: (rows, C).</param>
    /// <param name="lse">lse: (rows).</param>
    /// <param name="c">Classes C.</param>
    public static void LogSumExpRows(int items, ArrayView<float> x, ArrayView<float> lse, int c)
    {
        for (int r = Items.First(items), end = Items.End(items); r < end; r++)
            lse[r] = ModelKernels.RowLogSumExp(x, (long)r * c, c);
    }

    /// <summary>The class at extended position <paramref name="s"/> of sequence <paramref name="b"/>'s target.</summary>
    static int Label(ArrayView<int> targets, int b, int s, in CtcArgs a) =>
        (s & 1) == 0 ? a.Blank : targets[(long)b * a.S + (s >> 1)];

    static float LogProb(ArrayView<float> x, ArrayView<float> lse, int t, int b, int c, in CtcArgs a)
    {
        long r = (long)t * a.B + b;
        return x[r * a.C + c] - lse[r];
    }

    /// <summary>
    /// Forward and backward variables of one sequence per group (grid B, any group size up to <see cref="MaxGroup"/>;
    /// one on the CPU accelerator): thread k of the group computes positions k, k + G, ... of each frame, then a group
    /// barrier. alpha[0] = (lp(blank), lp(l_1), -inf, ...); alpha[t, s] = lp(l'_s) + logadd(alpha[t-1, s], alpha[t-1, s-1],
    /// alpha[t-1, s-2] when l'_s is a label other than l'_{s-2}); beta mirrors it from frame T_b - 1. Each frame is stored
    /// relative to the running maximum of the frames before it (frame t reads frame t-1 less that frame's maximum, found by
    /// a group reduction in shared memory, double-buffered so one barrier per frame suffices): stored values stay near 0,
    /// where float32 keeps their differences exact over thousands of frames, and any per-frame offset cancels in
    /// <see cref="Gradient"/>'s normalised occupancies. nll[b] = -(sum of the maxima of frames 0..T_b-2, Kahan-summed, +
    /// logadd(alpha[T_b-1, L_b-1], alpha[T_b-1, L_b-2])), +inf when no alignment exists. Frames at and past the sequence's
    /// input length T_b are not written.
    /// </summary>
    /// <param name="x">logits: (T, B, C).</param>
    /// <param name="lse">lse: (T*B), from <see cref="LogSumExpRows"/>.</param>
    /// <param name="targets">targets: (B, S), padded.</param>
    /// <param name="inputLengths">inputLengths: (B), each in [0, T].</param>
    /// <param name="targetLengths">targetLengths: (B), each in [0, S].</param>
    /// <param name="alpha">alpha: (T, B, 2S + 1), each frame up to its own offset.</param>
    /// <param name="beta">beta: (T, B, 2S + 1), each frame up to its own offset.</param>
    /// <param name="nll">nll: (B), -log p(target | x); +inf when no alignment exists.</param>
    /// <param name="a">Sizes and options.</param>
    public static void AlphaBeta(ArrayView<float> x, ArrayView<float> lse, ArrayView<int> targets, ArrayView<int> inputLengths,
        ArrayView<int> targetLengths, ArrayView<float> alpha, ArrayView<float> beta, ArrayView<float> nll, CtcArgs a)
    {
        var red = SharedMemory.Allocate<float>(2 * MaxGroup);
        int b = Grid.IdxX, k = Group.IdxX, g = Group.DimX;
        int tb = inputLengths[b], n = targetLengths[b];
        int lb = 2 * n + 1, l = a.L;
        if (tb == 0)
        {
            if (k == 0)
                nll[b] = n == 0 ? 0f : float.PositiveInfinity;
            return;
        }
        // alpha, frame 0
        float mine = float.NegativeInfinity;
        for (int s = k; s < lb; s += g)
        {
            float v = float.NegativeInfinity;
            if (s < 2)
                v = LogProb(x, lse, 0, b, Label(targets, b, s, a), a);
            alpha[(long)b * l + s] = v;
            mine = XMath.Max(mine, v);
        }
        float sum = 0f, carry = 0f; // Kahan sum of the offsets
        for (int t = 1; t < tb; t++)
        {
            float m = FrameOffset(red, t, k, g, mine);
            KahanAdd(ref sum, ref carry, m);
            long prev = ((long)(t - 1) * a.B + b) * l, cur = ((long)t * a.B + b) * l;
            mine = float.NegativeInfinity;
            for (int s = k; s < lb; s += g)
            {
                int c = Label(targets, b, s, a);
                float a0 = alpha[prev + s] - m;
                float a1 = s >= 1 ? alpha[prev + s - 1] - m : float.NegativeInfinity;
                float a2 = s >= 2 && (s & 1) == 1 && c != Label(targets, b, s - 2, a) ? alpha[prev + s - 2] - m : float.NegativeInfinity;
                float v = LogProb(x, lse, t, b, c, a) + LogAdd3(a0, a1, a2);
                alpha[cur + s] = v;
                mine = XMath.Max(mine, v);
            }
        }
        Group.Barrier();
        long last = ((long)(tb - 1) * a.B + b) * l;
        if (k == 0)
        {
            float end = LogAdd(alpha[last + lb - 1], lb > 1 ? alpha[last + lb - 2] : float.NegativeInfinity);
            nll[b] = end == float.NegativeInfinity ? float.PositiveInfinity : -(sum + (end - carry));
        }
        // beta, frame T_b - 1
        mine = float.NegativeInfinity;
        for (int s = k; s < lb; s += g)
        {
            float v = float.NegativeInfinity;
            if (s >= lb - 2)
                v = LogProb(x, lse, tb - 1, b, Label(targets, b, s, a), a);
            beta[last + s] = v;
            mine = XMath.Max(mine, v);
        }
        for (int t = tb - 2; t >= 0; t--)
        {
            float m = FrameOffset(red, t, k, g, mine);
            long next = ((long)(t + 1) * a.B + b) * l, cur = ((long)t * a.B + b) * l;
            mine = float.NegativeInfinity;
            for (int s = k; s < lb; s += g)
            {
                int c = Label(targets, b, s, a);
                float b0 = beta[next + s] - m;
                float b1 = s + 1 < lb ? beta[next + s + 1] - m : float.NegativeInfinity;
                float b2 = s + 2 < lb && (s & 1) == 1 && c != Label(targets, b, s + 2, a) ? beta[next + s + 2] - m : float.NegativeInfinity;
                float v = LogProb(x, lse, t, b, c, a) + LogAdd3(b0, b1, b2);
                beta[cur + s] = v;
                mine = XMath.Max(mine, v);
            }
        }
    }

    /// <summary>The offset of the frame before frame t, as every thread of the group sees it: thread k's maximum
    /// <paramref name="mine"/> into the shared buffer half of t's parity (double-buffered: one barrier per frame suffices),
    /// a barrier, the group's maximum (<see cref="Offset"/>).</summary>
    static float FrameOffset(ArrayView<float> red, int t, int k, int g, float mine)
    {
        int half = (t & 1) * MaxGroup;
        red[half + k] = mine;
        Group.Barrier();
        float m = red[half];
        for (int i = 1; i < g; i++)
            m = XMath.Max(m, red[half + i]);
        return Offset(m);
    }

    /// <summary>What a frame is stored relative to: its maximum, or 0 when every position is -inf (no alignment reaches it).</summary>
    /// <param name="max">The frame's maximum.</param>
    public static float Offset(float max) => max == float.NegativeInfinity ? 0f : max;

    /// <summary>sum += v with Kahan's compensation (carry holds the low-order part lost so far, to subtract).</summary>
    /// <param name="sum">The running sum.</param>
    /// <param name="carry">The compensation.</param>
    /// <param name="v">The term.</param>
    public static void KahanAdd(ref float sum, ref float carry, float v)
    {
        float y = v - carry;
        float t = sum + y;
        carry = (t - sum) - y;
        sum = t;
    }

    /// <summary>The factor sequence b's loss and gradient are scaled by: Mean: 1 / (max(n_b, 1) * denominator); Sum: 1.</summary>
    static float Weight(int n, in CtcArgs a) => a.Mean != 0 ? 1f / (XMath.Max(n, 1) * a.Denominator) : 1f;

    /// <summary>
    /// dlogits[t, b, :] = w_b (softmax(x[t, b]) - gamma[t, b, :]), gamma[t, b, c] = sum over extended positions s with
    /// l'_s = c of the posterior occupancy exp(u_s) / sum_s' exp(u_s'), u_s = alpha[t, b, s] + beta[t, b, s] - lp(t, b, l'_s)
    /// (normalised per frame: every alignment passes one position per frame; summed in order of s), w_b the reduction's
    /// weight; zero for frames at and past T_b and, under zeroInfinity, for infeasible sequences; NaN for an infeasible
    /// sequence's frames otherwise (as PyTorch's). Launch over the T*B rows.
    /// </summary>
    /// <param name="items">Rows (T*B); see <see cref="Items"/>.</param>
    /// <param name="x">logits: (T, B, C).</param>
    /// <param name="lse">lse: (T*B).</param>
    /// <param name="targets">targets: (B, S).</param>
    /// <param name="inputLengths">inputLengths: (B).</param>
    /// <param name="targetLengths">targetLengths: (B).</param>
    /// <param name="alpha">alpha: (T, B, 2S + 1).</param>
    /// <param name="beta">beta: (T, B, 2S + 1).</param>
    /// <param name="nll">nll: (B).</param>
    /// <param name="dx">dlogits: (T, B, C), written.</param>
    /// <param name="a">Sizes and options.</param>
    public static void Gradient(int items, ArrayView<float> x, ArrayView<float> lse, ArrayView<int> targets, ArrayView<int> inputLengths,
        ArrayView<int> targetLengths, ArrayView<float> alpha, ArrayView<float> beta, ArrayView<float> nll, ArrayView<float> dx, CtcArgs a)
    {
        for (int r = Items.First(items), end = Items.End(items); r < end; r++)
            GradientRow(r, x, lse, targets, inputLengths, targetLengths, alpha, beta, nll, dx, a);
    }

    static void GradientRow(int r, ArrayView<float> x, ArrayView<float> lse, ArrayView<int> targets, ArrayView<int> inputLengths,
        ArrayView<int> targetLengths, ArrayView<float> alpha, ArrayView<float> beta, ArrayView<float> nll, ArrayView<float> dx, in CtcArgs a)
    {
        int t = r / a.B, b = r % a.B;
        long o = (long)r * a.C;
        int n = targetLengths[b];
        float loss = nll[b];
        bool infeasible = loss == float.PositiveInfinity;
        if (t >= inputLengths[b] || (infeasible && a.ZeroInfinity != 0))
        {
            for (int j = 0; j < a.C; j++)
                dx[o + j] = 0f;
            return;
        }
        if (infeasible)
        {
            for (int j = 0; j < a.C; j++)
                dx[o + j] = float.NaN;
            return;
        }
        float w = Weight(n, a), m = lse[r];
        for (int j = 0; j < a.C; j++)
            dx[o + j] = w * XMath.Exp(x[o + j] - m);
        // occupancy of position s: exp(u_s) / sum exp(u), u_s = alpha + beta - lp(l'_s) (each frame's offsets cancel)
        long ab = (long)r * a.L;
        int lb = 2 * n + 1;
        float umax = float.NegativeInfinity;
        for (int s = 0; s < lb; s++)
            umax = XMath.Max(umax, alpha[ab + s] + beta[ab + s] - (x[o + Label(targets, b, s, a)] - m));
        float z = 0f;
        for (int s = 0; s < lb; s++)
            z += XMath.Exp(alpha[ab + s] + beta[ab + s] - (x[o + Label(targets, b, s, a)] - m) - umax);
        float wz = w / z;
        for (int s = 0; s < lb; s++)
        {
            int c = Label(targets, b, s, a);
            dx[o + c] -= wz * XMath.Exp(alpha[ab + s] + beta[ab + s] - (x[o + c] - m) - umax);
        }
    }

    /// <summary>scalars[0] = sum over b in order of w_b nll[b] (an infeasible one counts 0 under zeroInfinity; else the
    /// loss is +inf), scalars[1] = the mean's 1 / denominator (1 for Sum). One item.</summary>
    /// <param name="items">1; see <see cref="Items"/>.</param>
    /// <param name="nll">nll: (B).</param>
    /// <param name="targetLengths">targetLengths: (B).</param>
    /// <param name="scalars">scalars: (2), written.</param>
    /// <param name="a">Sizes and options.</param>
    public static void Final(int items, ArrayView<float> nll, ArrayView<int> targetLengths, ArrayView<float> scalars, CtcArgs a)
    {
        if (Items.First(items) >= Items.End(items))
            return;
        float s = 0f;
        for (int b = 0; b < a.B; b++)
        {
            float v = nll[b];
            if (v == float.PositiveInfinity && a.ZeroInfinity != 0)
                continue;
            s += Weight(targetLengths[b], a) * v;
        }
        scalars[0] = s;
        scalars[1] = a.Mean != 0 ? 1f / a.Denominator : 1f;
    }

    /// <summary><see cref="LogSumExpRows"/> on the CPU accelerator: rows [first, end) of each worker in
    /// <c>CpuSimd.CtcLogSumExp</c> (an <see cref="ILGPU.Frontend.ExternalAttribute"/> host helper). CPU accelerator only.</summary>
    /// <param name="items">Rows (T*B); see <see cref="Items"/>.</param>
    /// <param name="x">logits: (T, B, C).</param>
    /// <param name="lse">lse: (T*B).</param>
    /// <param name="c">Classes C.</param>
    public static void LogSumExpRowsCpu(int items, ArrayView<float> x, ArrayView<float> lse, int c)
    {
        int first = Items.First(items), end = Items.End(items);
        if (first < end)
            CpuSimd.CtcLogSumExp(first, end, x, lse, c);
    }

    /// <summary><see cref="LogSumExpRows"/>, <see cref="AlphaBeta"/> and <see cref="Gradient"/> fused for the CPU accelerator:
    /// one sequence per item, the sequences [first, end) of each worker in <c>CpuSimd.CtcSequences</c> (each frame's lse and
    /// forward variables, the loss, then backwards each frame's backward variables and its gradient row; no barriers; beta is
    /// never stored). CPU accelerator only.</summary>
    /// <param name="items">Sequences B; see <see cref="Items"/>.</param>
    /// <param name="x">logits: (T, B, C).</param>
    /// <param name="lse">lse: (T*B), written for the frames within each input length.</param>
    /// <param name="targets">targets: (B, S).</param>
    /// <param name="inputLengths">inputLengths: (B).</param>
    /// <param name="targetLengths">targetLengths: (B).</param>
    /// <param name="alpha">alpha: (T, B, 2S + 1).</param>
    /// <param name="nll">nll: (B).</param>
    /// <param name="dx">dlogits: (T, B, C), written.</param>
    /// <param name="a">Sizes and options.</param>
    public static void SequencesCpu(int items, ArrayView<float> x, ArrayView<float> lse, ArrayView<int> targets, ArrayView<int> inputLengths,
        ArrayView<int> targetLengths, ArrayView<float> alpha, ArrayView<float> nll, ArrayView<float> dx, CtcArgs a)
    {
        int first = Items.First(items), end = Items.End(items);
        if (first < end)
            CpuSimd.CtcSequences(first, end, x, lse, targets, inputLengths, targetLengths, alpha, nll, dx, a);
    }

    /// <summary>Best-path decoding of one sequence per item: over frames t &lt; T_b, the frame's best class (argmax of the
    /// logits, the first on ties: <c>ids</c>, from the argmax rows kernel) with its log-probability; repeats merged, blanks
    /// dropped: labels[b, 0 .. count[b]) and logp[b] = the best path's log-probability. Launch over B.</summary>
    /// <param name="items">Sequences B; see <see cref="Items"/>.</param>
    /// <param name="x">logits: (T, B, C).</param>
    /// <param name="lse">lse: (T*B).</param>
    /// <param name="ids">ids: (T*B), each row's argmax.</param>
    /// <param name="inputLengths">inputLengths: (B).</param>
    /// <param name="labels">labels: (B, T), written up to count.</param>
    /// <param name="count">count: (B).</param>
    /// <param name="logp">logp: (B).</param>
    /// <param name="a">Sizes (T, B, C) and the blank.</param>
    public static void GreedyCollapse(int items, ArrayView<float> x, ArrayView<float> lse, ArrayView<int> ids, ArrayView<int> inputLengths,
        ArrayView<int> labels, ArrayView<int> count, ArrayView<float> logp, CtcArgs a)
    {
        for (int b = Items.First(items), end = Items.End(items); b < end; b++)
        {
            int n = 0, last = -1;
            float sum = 0f;
            for (int t = 0, tb = inputLengths[b]; t < tb; t++)
            {
                long r = (long)t * a.B + b;
                int c = ids[r];
                sum += x[r * a.C + c] - lse[r];
                if (c != a.Blank && c != last)
                    labels[(long)b * a.T + n++] = c;
                last = c;
            }
            count[b] = n;
            logp[b] = sum;
        }
    }
}
