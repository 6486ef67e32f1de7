using ILGPU;
using ILGPU.Algorithms;

namespace RnnGpu.Kernels;

// The optimizers' and gradient clipping's kernels: SGD, Adam(W), clip by norm and by value. Their scalar arguments
// (SgdArgs, AdamArgs) are in ModelKernels.cs.
public static partial class ModelKernels
{
    /// <summary>One SGD step per element, PyTorch's torch.optim.SGD:
    /// g = grad + wd*p; buf = first ? g : momentum*buf + (1 - dampening)*g; g = nesterov ? g + momentum*buf : buf;
    /// p -= lr*g. Launch over n items.</summary>
    /// <param name="items">Number of work items (Element); see <see cref="Items"/>.</param>
    /// <param name="p">p: (n).</param>
    /// <param name="grad">grad: (n).</param>
    /// <param name="buf">Momentum buffer: (n) (unused when momentum is 0).</param>
    /// <param name="a">Scalars.</param>
    public static void SgdStep(int items, ArrayView<float> p, ArrayView<float> grad, ArrayView<float> buf, SgdArgs a)
    {
        for (int i = Items.First(items), end = Items.End(items); i < end; i++)
            SgdStepItem(i, p, grad, buf, a);
    }

    static void SgdStepItem(int i, ArrayView<float> p, ArrayView<float> grad, ArrayView<float> buf, SgdArgs a)
    {
        float g = grad[i];
        if (a.WeightDecay != 0f)
            g += a.WeightDecay * p[i];
        if (a.Momentum != 0f)
        {
            float b = a.First != 0 ? g : a.Momentum * buf[i] + (1f - a.Dampening) * g;
            buf[i] = b;
            g = a.Nesterov != 0 ? g + a.Momentum * b : b;
        }
        p[i] -= a.Lr * g;
    }

    /// <summary>One Adam/AdamW step per element, PyTorch semantics:
    /// AdamW: p *= 1 - lr*wd; Adam: g += wd*p; m = b1*m + (1-b1)*g; v = b2*v + (1-b2)*g^2;
    /// p -= stepSize * m / (sqrt(v)/bc2Sqrt + eps). Launch over n items.</summary>
    /// <param name="items">Number of work items (Element); see <see cref="Items"/>.</param>
    /// <param name="p">p: (n).</param>
    /// <param name="grad">grad: (n).</param>
    /// <param name="m">exp_avg: (n).</param>
    /// <param name="v">exp_avg_sq: (n).</param>
    /// <param name="a">Scalars.</param>
    public static void AdamStep(int items, ArrayView<float> p, ArrayView<float> grad, ArrayView<float> m, ArrayView<float> v, AdamArgs a)
    {
        for (int i = Items.First(items), end = Items.End(items); i < end; i++)
            AdamStepItem(i, p, grad, m, v, a);
    }

    static void AdamStepItem(int i, ArrayView<float> p, ArrayView<float> grad, ArrayView<float> m, ArrayView<float> v, AdamArgs a)
    {
        float w = p[i];
        float g = grad[i];
        if (a.Decoupled != 0)
            w *= 1f - a.Lr * a.WeightDecay;
        else if (a.WeightDecay != 0f)
            g += a.WeightDecay * w;
        float mi = a.Beta1 * m[i] + (1f - a.Beta1) * g;
        float vi = a.Beta2 * v[i] + (1f - a.Beta2) * g * g;
        m[i] = mi;
        v[i] = vi;
        float denom = XMath.Sqrt(vi) / a.Bc2Sqrt + a.Eps;
        p[i] = w - a.StepSize * (mi / denom);
    }

    /// <summary>Clip by global norm: norm = sqrt(sumSq[slot]) read on the device; g[i] *= min(1, maxNorm / (norm + 1e-6)).
    /// Launch over n items.</summary>
    /// <param name="items">Number of work items (Element); see <see cref="Items"/>.</param>
    /// <param name="g">g: (n).</param>
    /// <param name="sumSq">Device scalar holding the sum of squares of all gradients.</param>
    /// <param name="slot">Its slot.</param>
    /// <param name="maxNorm">Largest allowed norm.</param>
    public static void ClipByNorm(int items, ArrayView<float> g, ArrayView<float> sumSq, int slot, float maxNorm)
    {
        for (int i = Items.First(items), end = Items.End(items); i < end; i++)
            ClipByNormItem(i, g, sumSq, slot, maxNorm);
    }

    static void ClipByNormItem(int i, ArrayView<float> g, ArrayView<float> sumSq, int slot, float maxNorm)
    {
        float norm = XMath.Sqrt(sumSq[slot]);
        float coef = maxNorm / (norm + 1e-6f);
        if (coef < 1f)
            g[i] *= coef;
    }

    /// <summary>g[i] = clamp(g[i], -limit, limit). Launch over n items.</summary>
    /// <param name="items">Number of work items (Element); see <see cref="Items"/>.</param>
    /// <param name="g">g: (n).</param>
    /// <param name="limit">Non-negative bound.</param>
    public static void ClipByValue(int items, ArrayView<float> g, float limit)
    {
        for (int i = Items.First(items), end = Items.End(items); i < end; i++)
            ClipByValueItem(i, g, limit);
    }

    static void ClipByValueItem(int i, ArrayView<float> g, float limit) => g[i] = XMath.Min(XMath.Max(g[i], -limit), limit);
}
