namespace RnnGpu.Kernels;

/// <summary>
/// Float64 reference of <see cref="CtcKernels"/>, computed another way: in linear space with every frame's forward and
/// backward variables rescaled to sum 1 (Graves et al. 2006, section 4.2; the log-likelihood is the sum of the log
/// scales), the softmax in double, the posterior occupancies normalised per frame. Inputs are the float32 values the
/// kernels see.
/// </summary>
public static class CtcReference
{
    /// <summary>Each sequence's -log p(target | x) (+inf when no alignment exists) and the gradient of the reduced loss
    /// with respect to the logits, as <c>torch.nn.functional.ctc_loss(logits.log_softmax(2), ...)</c>.</summary>
    /// <param name="logits">logits: (T, B, C).</param>
    /// <param name="targets">targets: (B, S), padded.</param>
    /// <param name="inputLengths">Frames per sequence.</param>
    /// <param name="targetLengths">Labels per sequence.</param>
    /// <param name="a">Sizes and options (the blank, zeroInfinity, the reduction and its denominator).</param>
    /// <returns>The reduced loss, the per-sequence losses and dlogits (T, B, C).</returns>
    public static (double Loss, double[] Nll, double[] Grad) Loss(ReadOnlySpan<float> logits, ReadOnlySpan<int> targets,
        ReadOnlySpan<int> inputLengths, ReadOnlySpan<int> targetLengths, in CtcArgs a)
    {
        int T = a.T, B = a.B, C = a.C;
        var grad = new double[(long)T * B * C];
        var nll = new double[B];
        double total = 0;
        for (int b = 0; b < B; b++)
        {
            int tb = inputLengths[b], n = targetLengths[b], l = 2 * n + 1;
            var lab = new int[l];
            for (int s = 0; s < l; s++)
                lab[s] = (s & 1) == 0 ? a.Blank : targets[b * a.S + s / 2];
            // softmax per frame
            var y = new double[tb, C];
            for (int t = 0; t < tb; t++)
            {
                int o = (t * B + b) * C;
                double m = double.NegativeInfinity, z = 0;
                for (int c = 0; c < C; c++) m = Math.Max(m, logits[o + c]);
                for (int c = 0; c < C; c++) z += Math.Exp(logits[o + c] - m);
                for (int c = 0; c < C; c++) y[t, c] = Math.Exp(logits[o + c] - m) / z;
            }
            var alpha = new double[tb, l];
            var beta = new double[tb, l];
            double logp = 0;
            bool feasible = tb > 0 || n == 0;
            for (int t = 0; t < tb && feasible; t++)
            {
                double sum = 0;
                for (int s = 0; s < l; s++)
                {
                    double v;
                    if (t == 0) v = s < 2 ? 1 : 0;
                    else
                    {
                        v = alpha[t - 1, s];
                        if (s >= 1) v += alpha[t - 1, s - 1];
                        if (s >= 2 && (s & 1) == 1 && lab[s] != lab[s - 2]) v += alpha[t - 1, s - 2];
                    }
                    alpha[t, s] = v * y[t, lab[s]];
                    sum += alpha[t, s];
                }
                if (sum == 0) { feasible = false; break; }
                for (int s = 0; s < l; s++) alpha[t, s] /= sum;
                logp += Math.Log(sum);
            }
            if (feasible && tb > 0)
            {
                double end = alpha[tb - 1, l - 1] + (l > 1 ? alpha[tb - 1, l - 2] : 0);
                if (end == 0) feasible = false;
                else logp += Math.Log(end);
            }
            double w = a.Mean != 0 ? 1.0 / (Math.Max(n, 1) * (double)a.Denominator) : 1.0;
            nll[b] = feasible ? -logp : double.PositiveInfinity;
            if (!feasible)
            {
                if (a.ZeroInfinity == 0)
                {
                    total = double.PositiveInfinity;
                    for (int t = 0; t < tb; t++)
                        for (int c = 0; c < C; c++) grad[((long)t * B + b) * C + c] = double.NaN;
                }
                continue;
            }
            total += w * nll[b];
            for (int t = tb - 1; t >= 0; t--)
            {
                double sum = 0;
                for (int s = 0; s < l; s++)
                {
                    double v;
                    if (t == tb - 1) v = s >= l - 2 ? 1 : 0;
                    else
                    {
                        v = beta[t + 1, s];
                        if (s + 1 < l) v += beta[t + 1, s + 1];
                        if (s + 2 < l && (s & 1) == 1 && lab[s] != lab[s + 2]) v += beta[t + 1, s + 2];
                    }
                    beta[t, s] = v * y[t, lab[s]];
                    sum += beta[t, s];
                }
                for (int s = 0; s < l; s++) beta[t, s] /= sum;
            }
            for (int t = 0; t < tb; t++)
            {
                double z = 0;
                var occ = new double[l];
                for (int s = 0; s < l; s++) { occ[s] = alpha[t, s] * beta[t, s] / y[t, lab[s]]; z += occ[s]; }
                long o = ((long)t * B + b) * C;
                for (int c = 0; c < C; c++) grad[o + c] = w * y[t, c];
                for (int s = 0; s < l; s++) grad[o + lab[s]] -= w * occ[s] / z;
            }
        }
        return (total, nll, grad);
    }
}
