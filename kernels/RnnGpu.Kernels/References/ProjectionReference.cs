namespace RnnGpu.Kernels;

/// <summary>
/// Float64 references of <see cref="ProjectionKernels"/>, one per kernel, same arguments and shapes; outputs are
/// written into the given arrays exactly where the kernel writes.
/// </summary>
public static class ProjectionReference
{
    static double Sig(double x) => 1.0 / (1.0 + Math.Exp(-x));

    /// <summary>Reference of <see cref="ProjectionKernels.LstmCellForward"/>.</summary>
    /// <param name="pre">pre[t]: (B, 4H).</param>
    /// <param name="cPrev">c[t-1]: (B, H).</param>
    /// <param name="cNext">c[t]: (B, H).</param>
    /// <param name="m">m[t]: (B, H).</param>
    /// <param name="gates">gates[t]: (B, 4H), written when Store is set.</param>
    /// <param name="lengths">lengths: (B).</param>
    /// <param name="p">Step arguments.</param>
    public static void LstmCellForward(ReadOnlySpan<float> pre, ReadOnlySpan<float> cPrev, Span<double> cNext, Span<double> m,
        Span<double> gates, ReadOnlySpan<int> lengths, in ProjectionArgs p)
    {
        int H = p.H;
        for (int b = 0; b < p.B; b++)
            for (int j = 0; j < H; j++)
            {
                int bh = b * H + j, bg = b * 4 * H;
                double i = 0, f = 0, g = 0, o = 0;
                if (p.T >= lengths[b])
                {
                    cNext[bh] = cPrev[bh];
                    m[bh] = 0;
                }
                else
                {
                    i = Sig(pre[bg + j]); f = Sig(pre[bg + H + j]); g = Math.Tanh(pre[bg + 2 * H + j]); o = Sig(pre[bg + 3 * H + j]);
                    double c = f * cPrev[bh] + i * g;
                    cNext[bh] = c;
                    m[bh] = o * Math.Tanh(c);
                }
                if (p.Store != 0)
                {
                    gates[bg + j] = i; gates[bg + H + j] = f; gates[bg + 2 * H + j] = g; gates[bg + 3 * H + j] = o;
                }
            }
    }

    /// <summary>Reference of <see cref="ProjectionKernels.ProjectedUpdate"/>.</summary>
    /// <param name="hp">hp: (B, P).</param>
    /// <param name="hPrev">h[t-1]: (B, P).</param>
    /// <param name="hNext">h[t]: (B, P).</param>
    /// <param name="y">y[t]: (B, LdY); only this direction's P columns are written.</param>
    /// <param name="lengths">lengths: (B).</param>
    /// <param name="p">Step arguments.</param>
    public static void ProjectedUpdate(ReadOnlySpan<float> hp, ReadOnlySpan<float> hPrev, Span<double> hNext, Span<double> y,
        ReadOnlySpan<int> lengths, in ProjectionArgs p)
    {
        for (int b = 0; b < p.B; b++)
            for (int r = 0; r < p.P; r++)
            {
                int bp = b * p.P + r, by = b * p.LdY + r;
                bool valid = p.T < lengths[b];
                hNext[bp] = valid ? hp[bp] : hPrev[bp];
                y[by] = valid ? hp[bp] : 0;
            }
    }

    /// <summary>Reference of <see cref="ProjectionKernels.ProjectedBackward"/>.</summary>
    /// <param name="dy">dy[t]: (B, LdY).</param>
    /// <param name="dh">dh: (B, P), updated in place (in: as given to the kernel).</param>
    /// <param name="dhp">dhp[t]: (B, P).</param>
    /// <param name="lengths">lengths: (B).</param>
    /// <param name="p">Step arguments.</param>
    public static void ProjectedBackward(ReadOnlySpan<float> dy, Span<double> dh, Span<double> dhp, ReadOnlySpan<int> lengths,
        in ProjectionArgs p)
    {
        for (int b = 0; b < p.B; b++)
            for (int r = 0; r < p.P; r++)
            {
                int bp = b * p.P + r;
                if (p.T >= lengths[b])
                {
                    dhp[bp] = 0;
                    continue;
                }
                dhp[bp] = dh[bp] + dy[b * p.LdY + r];
                dh[bp] = 0;
            }
    }
}
