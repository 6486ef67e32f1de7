namespace RnnGpu.Kernels;

/// <summary>
/// Float64 CPU references of <see cref="ModelKernels"/> and of the linear layer, in the same vocabulary.
/// Inputs are the float32 values the kernels see; every computation is carried in double.
/// </summary>
public static class ModelReference
{
    /// <summary>y = x W^T + b. x: (N, In), w: (Out, In), b: (Out) or empty; returns (N, Out).</summary>
    /// <param name="x">x: (N, In).</param>
    /// <param name="w">w: (Out, In).</param>
    /// <param name="b">b: (Out), or empty for none.</param>
    /// <param name="n">N.</param>
    /// <param name="inSize">In.</param>
    /// <param name="outSize">Out.</param>
    public static double[] LinearForward(ReadOnlySpan<double> x, ReadOnlySpan<double> w, ReadOnlySpan<double> b, int n, int inSize, int outSize)
    {
        var y = new double[n * outSize];
        for (int r = 0; r < n; r++)
            for (int o = 0; o < outSize; o++)
            {
                double s = b.IsEmpty ? 0 : b[o];
                for (int k = 0; k < inSize; k++)
                    s += x[r * inSize + k] * w[o * inSize + k];
                y[r * outSize + o] = s;
            }
        return y;
    }

    /// <summary>Linear backward: dx = dy W (returned), dW += dy^T x, db += column sums of dy.</summary>
    /// <param name="x">x: (N, In).</param>
    /// <param name="w">w: (Out, In).</param>
    /// <param name="dy">dy: (N, Out).</param>
    /// <param name="dw">dw: (Out, In), accumulated.</param>
    /// <param name="db">db: (Out), accumulated; empty for none.</param>
    /// <param name="n">N.</param>
    /// <param name="inSize">In.</param>
    /// <param name="outSize">Out.</param>
    public static double[] LinearBackward(ReadOnlySpan<double> x, ReadOnlySpan<double> w, ReadOnlySpan<double> dy, Span<double> dw,
        Span<double> db, int n, int inSize, int outSize)
    {
        var dx = new double[n * inSize];
        for (int r = 0; r < n; r++)
            for (int o = 0; o < outSize; o++)
            {
                double g = dy[r * outSize + o];
                if (!db.IsEmpty) db[o] += g;
                for (int k = 0; k < inSize; k++)
                {
                    dx[r * inSize + k] += g * w[o * inSize + k];
                    dw[o * inSize + k] += g * x[r * inSize + k];
                }
            }
        return dx;
    }

    /// <summary>y[n] = weight[idx[n]]. weight: (V, E); returns (N, E).</summary>
    /// <param name="idx">idx: (N).</param>
    /// <param name="weight">weight: (V, E).</param>
    /// <param name="e">E.</param>
    public static double[] EmbeddingForward(ReadOnlySpan<int> idx, ReadOnlySpan<double> weight, int e)
    {
        var y = new double[idx.Length * e];
        for (int n = 0; n < idx.Length; n++)
            for (int j = 0; j < e; j++)
                y[n * e + j] = weight[idx[n] * e + j];
        return y;
    }

    /// <summary>dWeight[idx[n]] += dy[n].</summary>
    /// <param name="idx">idx: (N).</param>
    /// <param name="dy">dy: (N, E).</param>
    /// <param name="dWeight">dWeight: (V, E).</param>
    /// <param name="e">E.</param>
    public static void EmbeddingBackward(ReadOnlySpan<int> idx, ReadOnlySpan<double> dy, Span<double> dWeight, int e)
    {
        for (int n = 0; n < idx.Length; n++)
            for (int j = 0; j < e; j++)
                dWeight[idx[n] * e + j] += dy[n * e + j];
    }

    /// <summary>Softmax cross-entropy over rows of logits (N, C) with ignore_index; mean over non-ignored rows or sum.
    /// Returns the loss and fills dlogits (N, C) with dLoss/dlogits.</summary>
    /// <param name="logits">logits: (N, C).</param>
    /// <param name="targets">targets: (N).</param>
    /// <param name="c">C.</param>
    /// <param name="ignoreIndex">Ignored target value.</param>
    /// <param name="mean">Mean (true) or sum reduction.</param>
    /// <param name="dlogits">dlogits: (N, C), written.</param>
    public static double CrossEntropy(ReadOnlySpan<double> logits, ReadOnlySpan<int> targets, int c, int ignoreIndex, bool mean, Span<double> dlogits) =>
        CrossEntropy(logits, targets, c, ignoreIndex, mean, dlogits, 0);

    /// <summary>Softmax cross-entropy against the smoothed target distribution q = (1 - e) onehot(t) + e / C (PyTorch's
    /// label_smoothing), computed as the cross-entropy of two distributions: loss_n = -sum_j q_j log p_j, dlogits = p - q
    /// (scaled like the loss); rows whose target is the ignore index count for nothing.</summary>
    /// <param name="logits">(N, C).</param>
    /// <param name="targets">(N).</param>
    /// <param name="c">Classes C.</param>
    /// <param name="ignoreIndex">Ignored target.</param>
    /// <param name="mean">Mean over the rows not ignored (true) or sum.</param>
    /// <param name="dlogits">dLoss/dlogits, written.</param>
    /// <param name="smoothing">e.</param>
    public static double CrossEntropy(ReadOnlySpan<double> logits, ReadOnlySpan<int> targets, int c, int ignoreIndex, bool mean, Span<double> dlogits,
        double smoothing)
    {
        if (smoothing != 0)
        {
            int rowsKept = 0;
            for (int r = 0; r < targets.Length; r++)
                if (targets[r] != ignoreIndex) rowsKept++;
            double sc = mean ? (rowsKept > 0 ? 1.0 / rowsKept : 0) : 1, sum = 0;
            dlogits.Clear();
            for (int r = 0; r < targets.Length; r++)
            {
                int t = targets[r];
                if (t == ignoreIndex)
                    continue;
                double m = double.NegativeInfinity, z = 0;
                for (int j = 0; j < c; j++) m = Math.Max(m, logits[r * c + j]);
                for (int j = 0; j < c; j++) z += Math.Exp(logits[r * c + j] - m);
                for (int j = 0; j < c; j++)
                {
                    double q = (j == t ? 1 - smoothing : 0) + smoothing / c;
                    double logp = logits[r * c + j] - m - Math.Log(z);
                    sum -= q * logp;
                    dlogits[r * c + j] = sc * (Math.Exp(logp) - q);
                }
            }
            return sum * sc;
        }
        int n = targets.Length, count = 0;
        double total = 0;
        dlogits.Clear();
        for (int r = 0; r < n; r++)
            if (targets[r] != ignoreIndex) count++;
        double scale = mean ? (count > 0 ? 1.0 / count : 0) : 1;
        for (int r = 0; r < n; r++)
        {
            int t = targets[r];
            if (t == ignoreIndex)
                continue;
            double m = double.NegativeInfinity;
            for (int j = 0; j < c; j++) m = Math.Max(m, logits[r * c + j]);
            double s = 0;
            for (int j = 0; j < c; j++) s += Math.Exp(logits[r * c + j] - m);
            total += m + Math.Log(s) - logits[r * c + t];
            for (int j = 0; j < c; j++)
                dlogits[r * c + j] = scale * (Math.Exp(logits[r * c + j] - m) / s - (j == t ? 1 : 0));
        }
        return total * scale;
    }

    /// <summary>Binary cross-entropy with logits, mean or sum; fills dx.</summary>
    /// <param name="x">Logits.</param>
    /// <param name="y">Targets in [0, 1].</param>
    /// <param name="mean">Mean (true) or sum.</param>
    /// <param name="dx">dLoss/dx, written.</param>
    public static double BceWithLogits(ReadOnlySpan<double> x, ReadOnlySpan<double> y, bool mean, Span<double> dx)
    {
        double total = 0, scale = mean ? 1.0 / x.Length : 1;
        for (int i = 0; i < x.Length; i++)
        {
            total += Math.Max(x[i], 0) - x[i] * y[i] + Math.Log(1 + Math.Exp(-Math.Abs(x[i])));
            dx[i] = scale * (1 / (1 + Math.Exp(-x[i])) - y[i]);
        }
        return total * scale;
    }

    /// <summary>Mean (or summed) squared error; fills dx.</summary>
    /// <param name="x">Predictions.</param>
    /// <param name="y">Targets.</param>
    /// <param name="mean">Mean (true) or sum.</param>
    /// <param name="dx">dLoss/dx, written.</param>
    public static double Mse(ReadOnlySpan<double> x, ReadOnlySpan<double> y, bool mean, Span<double> dx)
    {
        double total = 0, scale = mean ? 1.0 / x.Length : 1;
        for (int i = 0; i < x.Length; i++)
        {
            double d = x[i] - y[i];
            total += d * d;
            dx[i] = scale * 2 * d;
        }
        return total * scale;
    }

    /// <summary>One SGD step in place (see <see cref="ModelKernels.SgdStep"/>).</summary>
    /// <param name="p">Parameters.</param>
    /// <param name="grad">Gradients.</param>
    /// <param name="buf">Momentum buffer.</param>
    /// <param name="lr">Learning rate.</param>
    /// <param name="momentum">Momentum.</param>
    /// <param name="dampening">Dampening.</param>
    /// <param name="weightDecay">Weight decay.</param>
    /// <param name="nesterov">Nesterov.</param>
    /// <param name="first">First step.</param>
    public static void SgdStep(Span<double> p, ReadOnlySpan<double> grad, Span<double> buf, double lr, double momentum, double dampening,
        double weightDecay, bool nesterov, bool first)
    {
        for (int i = 0; i < p.Length; i++)
        {
            double g = grad[i] + weightDecay * p[i];
            if (momentum != 0)
            {
                buf[i] = first ? g : momentum * buf[i] + (1 - dampening) * g;
                g = nesterov ? g + momentum * buf[i] : buf[i];
            }
            p[i] -= lr * g;
        }
    }

    /// <summary>One Adam/AdamW step in place at step number <paramref name="step"/> (from 1).</summary>
    /// <param name="p">Parameters.</param>
    /// <param name="grad">Gradients.</param>
    /// <param name="m">exp_avg.</param>
    /// <param name="v">exp_avg_sq.</param>
    /// <param name="lr">Learning rate.</param>
    /// <param name="beta1">beta1.</param>
    /// <param name="beta2">beta2.</param>
    /// <param name="eps">eps.</param>
    /// <param name="weightDecay">Weight decay.</param>
    /// <param name="decoupled">AdamW.</param>
    /// <param name="step">Step count.</param>
    public static void AdamStep(Span<double> p, ReadOnlySpan<double> grad, Span<double> m, Span<double> v, double lr, double beta1,
        double beta2, double eps, double weightDecay, bool decoupled, long step)
    {
        double bc1 = 1 - Math.Pow(beta1, step), bc2 = 1 - Math.Pow(beta2, step);
        for (int i = 0; i < p.Length; i++)
        {
            double g = grad[i];
            if (decoupled) p[i] *= 1 - lr * weightDecay;
            else g += weightDecay * p[i];
            m[i] = beta1 * m[i] + (1 - beta1) * g;
            v[i] = beta2 * v[i] + (1 - beta2) * g * g;
            p[i] -= lr / bc1 * m[i] / (Math.Sqrt(v[i]) / Math.Sqrt(bc2) + eps);
        }
    }

    /// <summary>First index of the largest value of each row of x (N, C) (see <see cref="ModelKernels.ArgmaxRows"/>).</summary>
    /// <param name="x">x: (N, C).</param>
    /// <param name="c">C.</param>
    public static int[] ArgmaxRows(ReadOnlySpan<double> x, int c)
    {
        var idx = new int[x.Length / c];
        for (int n = 0; n < idx.Length; n++)
        {
            int best = 0;
            for (int j = 1; j < c; j++)
                if (x[n * c + j] > x[n * c + best])
                    best = j;
            idx[n] = best;
        }
        return idx;
    }

    /// <summary>
    /// Temperature sampling of one id per row of x (N, C), the formula of <see cref="ModelKernels.SampleRows"/> in float64:
    /// idx[n] = argmax over j of (x[n, j] - max_k x[n, k]) / temperature - log(-log u_j), u_j =
    /// <see cref="ModelKernels.SampleUniform"/>(seed, step, n, j) (the same hash, hence the same draws); temperature 0 is
    /// <see cref="ArgmaxRows"/>.
    /// </summary>
    /// <param name="x">x: (N, C) logits.</param>
    /// <param name="c">C.</param>
    /// <param name="temperature">T &gt;= 0.</param>
    /// <param name="seed">Seed.</param>
    /// <param name="step">Generation step.</param>
    public static int[] SampleRows(ReadOnlySpan<double> x, int c, double temperature, ulong seed, int step)
    {
        if (temperature == 0)
            return ArgmaxRows(x, c);
        var idx = new int[x.Length / c];
        for (int n = 0; n < idx.Length; n++)
        {
            double m = double.NegativeInfinity;
            for (int j = 0; j < c; j++)
                m = Math.Max(m, x[n * c + j]);
            int best = 0;
            double bv = double.NegativeInfinity;
            for (int j = 0; j < c; j++)
            {
                double u = ModelKernels.SampleUniform(seed, step, n, j);
                double v = (x[n * c + j] - m) / temperature - Math.Log(-Math.Log(u));
                if (j == 0 || v > bv)
                {
                    bv = v;
                    best = j;
                }
            }
            idx[n] = best;
        }
        return idx;
    }

    /// <summary>Clips all gradients together by their global L2 norm; returns the norm before clipping.</summary>
    /// <param name="grads">Gradient arrays, scaled in place.</param>
    /// <param name="maxNorm">Largest allowed norm.</param>
    public static double ClipByNorm(IReadOnlyList<double[]> grads, double maxNorm)
    {
        double s = 0;
        foreach (var g in grads)
            foreach (double v in g)
                s += v * v;
        double norm = Math.Sqrt(s), coef = maxNorm / (norm + 1e-6);
        if (coef < 1)
            foreach (var g in grads)
                for (int i = 0; i < g.Length; i++)
                    g[i] *= coef;
        return norm;
    }

    /// <summary>Softmax or log-softmax over each row of x (N, C), and its backward dx for dy (float64).</summary>
    /// <param name="x">x: (N, C).</param>
    /// <param name="dy">dy: (N, C).</param>
    /// <param name="c">C.</param>
    /// <param name="log">Log-softmax.</param>
    /// <returns>y (N, C) and dx (N, C).</returns>
    public static (double[] Y, double[] Dx) Softmax(ReadOnlySpan<double> x, ReadOnlySpan<double> dy, int c, bool log)
    {
        int n = x.Length / c;
        var y = new double[x.Length];
        var dx = new double[x.Length];
        for (int r = 0; r < n; r++)
        {
            double m = double.NegativeInfinity, z = 0;
            for (int j = 0; j < c; j++) m = Math.Max(m, x[r * c + j]);
            for (int j = 0; j < c; j++) z += Math.Exp(x[r * c + j] - m);
            double lse = m + Math.Log(z);
            for (int j = 0; j < c; j++)
            {
                double p = Math.Exp(x[r * c + j] - lse);
                y[r * c + j] = log ? x[r * c + j] - lse : p;
            }
            // dx_j = sum_k dy_k dy_k/dx_j: softmax: p_j (dy_j - sum_k dy_k p_k); log-softmax: dy_j - p_j sum_k dy_k
            double dot = 0, sum = 0;
            for (int k = 0; k < c; k++)
            {
                double p = Math.Exp(x[r * c + k] - lse);
                dot += dy[r * c + k] * p;
                sum += dy[r * c + k];
            }
            for (int j = 0; j < c; j++)
            {
                double p = Math.Exp(x[r * c + j] - lse);
                dx[r * c + j] = log ? dy[r * c + j] - p * sum : p * (dy[r * c + j] - dot);
            }
        }
        return (y, dx);
    }
}
