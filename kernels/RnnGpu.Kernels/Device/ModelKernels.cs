using ILGPU;
using ILGPU.Algorithms;

namespace RnnGpu.Kernels;

/// <summary>Scalar arguments of one SGD step (PyTorch's torch.optim.SGD semantics).</summary>
public readonly struct SgdArgs
{
    /// <summary>Learning rate.</summary>
    public readonly float Lr;
    /// <summary>Momentum factor (0 disables the buffer).</summary>
    public readonly float Momentum;
    /// <summary>Dampening of the momentum update.</summary>
    public readonly float Dampening;
    /// <summary>L2 weight decay added to the gradient.</summary>
    public readonly float WeightDecay;
    /// <summary>1 for Nesterov momentum.</summary>
    public readonly int Nesterov;
    /// <summary>1 on the first step (the momentum buffer is set to the gradient).</summary>
    public readonly int First;

    /// <summary>Creates the arguments.</summary>
    /// <param name="lr">Learning rate.</param>
    /// <param name="momentum">Momentum.</param>
    /// <param name="dampening">Dampening.</param>
    /// <param name="weightDecay">Weight decay.</param>
    /// <param name="nesterov">Nesterov momentum.</param>
    /// <param name="first">First step of this buffer.</param>
    public SgdArgs(float lr, float momentum, float dampening, float weightDecay, bool nesterov, bool first)
    {
        Lr = lr; Momentum = momentum; Dampening = dampening; WeightDecay = weightDecay;
        Nesterov = nesterov ? 1 : 0; First = first ? 1 : 0;
    }
}

/// <summary>Scalar arguments of one Adam/AdamW step (PyTorch semantics, bias corrections from the step count).</summary>
public readonly struct AdamArgs
{
    /// <summary>Learning rate.</summary>
    public readonly float Lr;
    /// <summary>beta1.</summary>
    public readonly float Beta1;
    /// <summary>beta2.</summary>
    public readonly float Beta2;
    /// <summary>eps.</summary>
    public readonly float Eps;
    /// <summary>Weight decay: L2 added to the gradient (Adam) or decoupled p *= 1 - lr*wd (AdamW).</summary>
    public readonly float WeightDecay;
    /// <summary>1 for AdamW (decoupled decay).</summary>
    public readonly int Decoupled;
    /// <summary>lr / (1 - beta1^step).</summary>
    public readonly float StepSize;
    /// <summary>sqrt(1 - beta2^step).</summary>
    public readonly float Bc2Sqrt;

    /// <summary>Creates the arguments for step number <paramref name="step"/> (1 for the first step);
    /// the bias corrections are computed in float64, as PyTorch does on the host.</summary>
    /// <param name="lr">Learning rate.</param>
    /// <param name="beta1">beta1.</param>
    /// <param name="beta2">beta2.</param>
    /// <param name="eps">eps.</param>
    /// <param name="weightDecay">Weight decay.</param>
    /// <param name="decoupled">AdamW.</param>
    /// <param name="step">Step count, from 1.</param>
    public AdamArgs(float lr, float beta1, float beta2, float eps, float weightDecay, bool decoupled, long step)
    {
        Lr = lr; Beta1 = beta1; Beta2 = beta2; Eps = eps; WeightDecay = weightDecay; Decoupled = decoupled ? 1 : 0;
        double bc1 = 1 - Math.Pow(beta1, step), bc2 = 1 - Math.Pow(beta2, step);
        StepSize = (float)(lr / bc1);
        Bc2Sqrt = (float)Math.Sqrt(bc2);
    }
}

/// <summary>
/// Kernels of the model API: embedding, fused losses, optimizers, gradient clipping. The losses' sums are
/// <see cref="ReductionKernels"/>' chunked sums (fixed order, no float atomics), so results repeat bit for bit.
/// Gradient rule: parameter gradients accumulate (+=), activation gradients are set (=).
/// </summary>
public static partial class ModelKernels
{
    /// <summary>y[n, e] = weight[idx[n], e]. Launch over N*E items.</summary>
    /// <param name="items">Number of work items (n*E + e); see <see cref="Items"/>.</param>
    /// <param name="idx">idx: (N), each in [0, V).</param>
    /// <param name="weight">weight: (V, E).</param>
    /// <param name="y">y: (N, E).</param>
    /// <param name="e">Embedding size E.</param>
    /// <param name="vocabulary">Rows V of the weight; an id outside [0, V) gives a zero row and records its position.</param>
    /// <param name="firstBad">firstBad: (1), lowered (atomic min, deterministic) to the first position n whose id is out of range.</param>
    public static void EmbeddingForward(int items, ArrayView<int> idx, ArrayView<float> weight, ArrayView<float> y, int e, int vocabulary, ArrayView<int> firstBad)
    {
        for (int i = Items.First(items), end = Items.End(items); i < end; i++)
            EmbeddingForwardItem(i, idx, weight, y, e, vocabulary, firstBad);
    }

    static void EmbeddingForwardItem(int i, ArrayView<int> idx, ArrayView<float> weight, ArrayView<float> y, int e,
        int vocabulary, ArrayView<int> firstBad)
    {
        int n = i / e, col = i % e;
        int id = idx[n];
        if (id < 0 || id >= vocabulary)
        {
            y[i] = 0f;
            Atomic.Min(ref firstBad[0], n);
            return;
        }
        y[i] = weight[(long)id * e + col];
    }

    /// <summary>dWeight[v, e] += sum over n with idx[n] == v of dy[n, e], in order of n (deterministic, no atomics). An item
    /// owns a column e: it walks the indices once, adding dy[n, e] to row idx[n] (neighbouring items read neighbouring
    /// words of dy), so the work is N*E whatever the vocabulary. Launch over E items.</summary>
    /// <param name="items">Number of work items (columns E); see <see cref="Items"/>.</param>
    /// <param name="idx">idx: (N), each in [0, V) (checked by the forward; others are skipped).</param>
    /// <param name="dy">dy: (N, E).</param>
    /// <param name="dWeight">dWeight: (V, E).</param>
    /// <param name="e">Embedding size E.</param>
    /// <param name="padding">The padding row, which gets no gradient; -1 for none.</param>
    public static void EmbeddingBackward(int items, ArrayView<int> idx, ArrayView<float> dy, ArrayView<float> dWeight, int e, int padding)
    {
        for (int i = Items.First(items), end = Items.End(items); i < end; i++)
            EmbeddingBackwardItem(i, idx, dy, dWeight, e, padding);
    }

    static void EmbeddingBackwardItem(int col, ArrayView<int> idx, ArrayView<float> dy, ArrayView<float> dWeight, int e, int padding)
    {
        long rows = dWeight.Length / e;
        for (long n = 0; n < idx.Length; n++)
        {
            int v = idx[n];
            if (v == padding || (uint)v >= (ulong)rows)
                continue;
            dWeight[(long)v * e + col] += dy[n * e + col];
        }
    }

    /// <summary>
    /// Softmax cross-entropy with label smoothing e (PyTorch's label_smoothing: the target distribution is (1 - e) onehot + e / C),
    /// per row n of logits (N, C): rowLoss[n] = logsumexp(x[n]) - (1 - e) x[n, t[n]] - e mean_j x[n, j] and
    /// dlogits[n] = softmax(x[n]) - (1 - e) onehot(t[n]) - e / C (unscaled); rows with t[n] == ignoreIndex get 0 loss,
    /// 0 gradient and count[n] = 0, others count[n] = 1. Launch over N items.
    /// </summary>
    /// <param name="items">Number of work items (Row); see <see cref="Items"/>.</param>
    /// <param name="logits">logits: (N, C).</param>
    /// <param name="targets">targets: (N).</param>
    /// <param name="rowLoss">rowLoss: (2N): loss in [0, N), count in [N, 2N).</param>
    /// <param name="dlogits">dlogits: (N, C).</param>
    /// <param name="c">Classes C.</param>
    /// <param name="ignoreIndex">Target value whose rows are ignored.</param>
    /// <param name="firstBad">firstBad: (1), lowered (atomic min, deterministic) to the first row whose target is neither in
    /// [0, C) nor the ignore index; such a row counts for nothing, like an ignored one.</param>
    /// <param name="smoothing">Label smoothing e in [0, 1].</param>
    public static void CrossEntropyRows(int items, ArrayView<float> logits, ArrayView<int> targets, ArrayView<float> rowLoss, ArrayView<float> dlogits, int c, int ignoreIndex, ArrayView<int> firstBad,
        float smoothing)
    {
        for (int n = Items.First(items), end = Items.End(items); n < end; n++)
            CrossEntropyRowsItem(n, logits, targets, rowLoss, dlogits, c, ignoreIndex, firstBad, smoothing);
    }

    static void CrossEntropyRowsItem(int n, ArrayView<float> logits, ArrayView<int> targets, ArrayView<float> rowLoss,
        ArrayView<float> dlogits, int c, int ignoreIndex, ArrayView<int> firstBad, float smoothing)
    {
        int rows = (int)targets.Length;
        long o = (long)n * c;
        int t = targets[n];
        bool bad = t != ignoreIndex && (t < 0 || t >= c);
        if (bad)
            Atomic.Min(ref firstBad[0], n);
        if (t == ignoreIndex || bad)
        {
            for (int j = 0; j < c; j++)
                dlogits[o + j] = 0f;
            rowLoss[n] = 0f;
            rowLoss[rows + n] = 0f;
            return;
        }
        float m = logits[o];
        for (int j = 1; j < c; j++)
            m = XMath.Max(m, logits[o + j]);
        float s = 0f;
        for (int j = 0; j < c; j++)
            s += XMath.Exp(logits[o + j] - m);
        float lse = m + XMath.Log(s);
        float inv = 1f / s;
        if (smoothing == 0f)
        {
            for (int j = 0; j < c; j++)
                dlogits[o + j] = XMath.Exp(logits[o + j] - m) * inv - (j == t ? 1f : 0f);
            rowLoss[n] = lse - logits[o + t];
        }
        else
        {
            float each = smoothing / c, hit = 1f - smoothing, sum = 0f;
            for (int j = 0; j < c; j++)
            {
                float x = logits[o + j];
                sum += x;
                dlogits[o + j] = XMath.Exp(x - m) * inv - each - (j == t ? hit : 0f);
            }
            rowLoss[n] = lse - hit * logits[o + t] - smoothing * (sum / c);
        }
        rowLoss[rows + n] = 1f;
    }

    /// <summary>Binary cross-entropy with logits, per element: loss[i] = max(x,0) - x*y + log(1 + exp(-|x|)),
    /// dx[i] = sigmoid(x) - y (unscaled). Launch over n items.</summary>
    /// <param name="items">Number of work items (Element); see <see cref="Items"/>.</param>
    /// <param name="x">x: (n) logits.</param>
    /// <param name="y">y: (n) targets in [0, 1].</param>
    /// <param name="loss">loss: (n).</param>
    /// <param name="dx">dx: (n).</param>
    public static void BceWithLogits(int items, ArrayView<float> x, ArrayView<float> y, ArrayView<float> loss, ArrayView<float> dx)
    {
        for (int i = Items.First(items), end = Items.End(items); i < end; i++)
            BceWithLogitsItem(i, x, y, loss, dx);
    }

    static void BceWithLogitsItem(int i, ArrayView<float> x, ArrayView<float> y, ArrayView<float> loss, ArrayView<float> dx)
    {
        float v = x[i], t = y[i];
        float e = XMath.Exp(-XMath.Abs(v));
        loss[i] = XMath.Max(v, 0f) - v * t + XMath.Log(1f + e);
        float sig = v >= 0f ? 1f / (1f + e) : e / (1f + e);
        dx[i] = sig - t;
    }

    /// <summary>Squared error per element: loss[i] = (x - y)^2, dx[i] = 2 (x - y) (unscaled). Launch over n items.</summary>
    /// <param name="items">Number of work items (Element); see <see cref="Items"/>.</param>
    /// <param name="x">x: (n).</param>
    /// <param name="y">y: (n).</param>
    /// <param name="loss">loss: (n).</param>
    /// <param name="dx">dx: (n).</param>
    public static void SquaredError(int items, ArrayView<float> x, ArrayView<float> y, ArrayView<float> loss, ArrayView<float> dx)
    {
        for (int i = Items.First(items), end = Items.End(items); i < end; i++)
            SquaredErrorItem(i, x, y, loss, dx);
    }

    static void SquaredErrorItem(int i, ArrayView<float> x, ArrayView<float> y, ArrayView<float> loss, ArrayView<float> dx)
    {
        float d = x[i] - y[i];
        loss[i] = d * d;
        dx[i] = 2f * d;
    }

    /// <summary>x[i] *= scalars[slot] (the factor read on the device). Launch over n items.</summary>
    /// <param name="items">Number of work items (Element); see <see cref="Items"/>.</param>
    /// <param name="x">x: (n).</param>
    /// <param name="scalars">Device scalars.</param>
    /// <param name="slot">Slot holding the factor.</param>
    public static void ScaleByDevice(int items, ArrayView<float> x, ArrayView<float> scalars, int slot)
    {
        for (int i = Items.First(items), end = Items.End(items); i < end; i++)
            ScaleByDeviceItem(i, x, scalars, slot);
    }

    static void ScaleByDeviceItem(int i, ArrayView<float> x, ArrayView<float> scalars, int slot) => x[i] *= scalars[slot];
}
