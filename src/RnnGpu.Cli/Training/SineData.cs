namespace RnnGpu.Cli.Training;

/// <summary>
/// One draw of <see cref="SineData"/>: B sequences of L steps, clean and noisy, sequence-major ((t, b) at t * B + b), and
/// the sinusoids that made each one.
/// </summary>
/// <param name="Length">L, the steps of each sequence (the window T plus what is forecast after it).</param>
/// <param name="Batch">B.</param>
/// <param name="Clean">(L, B): the sum of the sequence's sinusoids.</param>
/// <param name="Noisy">(L, B): <paramref name="Clean"/> plus Gaussian noise; what the models read.</param>
/// <param name="Waves">(B, K): the components of sequence b at b * K + k.</param>
internal sealed record SineBatch(int Length, int Batch, float[] Clean, float[] Noisy, SineWave[] Waves)
{
    /// <summary>The model input (T, B, 1): the noisy values of steps 0 to T - 1.</summary>
    /// <param name="seq">T (at most <see cref="Length"/> - 1).</param>
    public float[] Input(int seq)
    {
        Require(seq, 1);
        return Noisy.AsSpan(0, seq * Batch).ToArray();
    }

    /// <summary>The many-to-many target (T * B, 1), row t * B + b: the clean value of step t + 1, the step after each input.</summary>
    /// <param name="seq">T.</param>
    public float[] NextClean(int seq)
    {
        Require(seq, 1);
        return Clean.AsSpan(Batch, seq * Batch).ToArray();
    }

    /// <summary>The many-to-one target (B, horizon), row-major: the clean values of steps T to T + horizon - 1, after the window.</summary>
    /// <param name="seq">T.</param>
    /// <param name="horizon">Steps forecast.</param>
    public float[] Continuation(int seq, int horizon)
    {
        Require(seq, horizon);
        var y = new float[Batch * horizon];
        for (int b = 0; b < Batch; b++)
            for (int j = 0; j < horizon; j++)
                y[b * horizon + j] = Clean[(seq + j) * Batch + b];
        return y;
    }

    void Require(int seq, int after)
    {
        if (seq < 1 || after < 1 || seq + after > Length)
            throw new ArgumentOutOfRangeException(nameof(seq), $"a window of {seq} and {after} step(s) after it do not fit sequences of {Length}.");
    }
}

/// <summary>One sinusoid: amplitude * sin(2 pi * frequency * t + phase), t in steps.</summary>
/// <param name="Amplitude">Amplitude.</param>
/// <param name="Frequency">Cycles per step.</param>
/// <param name="Phase">Phase in radians.</param>
internal readonly record struct SineWave(double Amplitude, double Frequency, double Phase)
{
    public double At(int t) => Amplitude * Math.Sin(2 * Math.PI * Frequency * t + Phase);
}

/// <summary>
/// Noisy sums of sinusoids: each sequence is the sum of <see cref="Components"/> sinusoids with amplitude, frequency and phase
/// drawn uniformly from <see cref="MinAmplitude"/>..<see cref="MaxAmplitude"/>, <see cref="MinFrequency"/>..<see cref="MaxFrequency"/>
/// cycles per step and 0..2 pi, plus independent Gaussian noise of standard deviation sigma at every step. The clean signal
/// (about 0.5 standard deviation) is what is forecast; the noisy one is all a model sees.
/// </summary>
internal static class SineData
{
    /// <summary>K, sinusoids per sequence.</summary>
    public const int Components = 3;

    public const double MinAmplitude = 0.2, MaxAmplitude = 0.6;

    /// <summary>Slowest frequency (cycles per step): a period of 100 steps.</summary>
    public const double MinFrequency = 0.01;

    /// <summary>Fastest frequency (cycles per step): a period of 10 steps.</summary>
    public const double MaxFrequency = 0.1;

    /// <summary>Draws <paramref name="batch"/> sequences of <paramref name="length"/> steps; depends only on <paramref name="rng"/>'s state.</summary>
    /// <param name="rng">Source of randomness.</param>
    /// <param name="length">L.</param>
    /// <param name="batch">B.</param>
    /// <param name="noise">Standard deviation of the noise (0 for none).</param>
    public static SineBatch Draw(Random rng, int length, int batch, double noise)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (length < 1 || batch < 1 || !(noise >= 0) || !double.IsFinite(noise))
            throw new ArgumentOutOfRangeException(nameof(length), $"length {length} and batch {batch} must be positive, noise {noise} non-negative.");
        var clean = new float[length * batch];
        var noisy = new float[length * batch];
        var waves = new SineWave[batch * Components];
        for (int b = 0; b < batch; b++)
        {
            for (int k = 0; k < Components; k++)
                waves[b * Components + k] = new SineWave(
                    MinAmplitude + (MaxAmplitude - MinAmplitude) * rng.NextDouble(),
                    MinFrequency + (MaxFrequency - MinFrequency) * rng.NextDouble(),
                    2 * Math.PI * rng.NextDouble());
            for (int t = 0; t < length; t++)
            {
                double v = 0;
                for (int k = 0; k < Components; k++)
                    v += waves[b * Components + k].At(t);
                clean[t * batch + b] = (float)v;
                noisy[t * batch + b] = (float)(v + noise * Init.Gaussian(rng));
            }
        }
        return new SineBatch(length, batch, clean, noisy, waves);
    }
}

/// <summary>
/// The baselines the models are measured against, on the same held-out sequences: persistence (every forecast repeats the
/// last noisy value seen) and a linear predictor (least squares from the last <see cref="Lags"/> noisy values, fitted on a
/// separate set of draws; the classical autoregressive forecaster). Both see exactly what the models see.
/// </summary>
internal static class SineBaselines
{
    /// <summary>Noisy values the linear predictor reads (fewer when the window is shorter).</summary>
    public const int Lags = 16;

    /// <summary>Persistence for the many-to-many task: at step t, predict x(t + 1) = noisy x(t). (T * B).</summary>
    public static float[] PersistenceNext(SineBatch d, int seq) => d.Input(seq);

    /// <summary>Persistence for the many-to-one task: every step of the horizon repeats the window's last noisy value. (B, horizon).</summary>
    public static float[] PersistenceContinuation(SineBatch d, int seq, int horizon)
    {
        var p = new float[d.Batch * horizon];
        for (int b = 0; b < d.Batch; b++)
            for (int j = 0; j < horizon; j++)
                p[b * horizon + j] = d.Noisy[(seq - 1) * d.Batch + b];
        return p;
    }

    /// <summary>A linear one-step predictor fitted on <paramref name="fit"/>, applied to every step of <paramref name="test"/>'s
    /// window (lags before step 0 read as 0). (T * B).</summary>
    public static float[] LinearNext(SineBatch fit, SineBatch test, int seq)
    {
        int p = Math.Min(Lags, seq);
        var model = new LeastSquares(p + 1, 1);
        var features = new double[p + 1];
        for (int b = 0; b < fit.Batch; b++)
            for (int t = 0; t < seq; t++)
                model.Add(Features(fit, b, t, features), new double[] { fit.Clean[(t + 1) * fit.Batch + b] });
        var w = model.Solve();
        var pred = new float[seq * test.Batch];
        for (int b = 0; b < test.Batch; b++)
            for (int t = 0; t < seq; t++)
                pred[t * test.Batch + b] = (float)Dot(w, 0, Features(test, b, t, features));
        return pred;
    }

    /// <summary>A linear forecaster of the whole horizon from the window's last values, fitted on <paramref name="fit"/>. (B, horizon).</summary>
    public static float[] LinearContinuation(SineBatch fit, SineBatch test, int seq, int horizon)
    {
        int p = Math.Min(Lags, seq);
        var model = new LeastSquares(p + 1, horizon);
        var features = new double[p + 1];
        var target = new double[horizon];
        for (int b = 0; b < fit.Batch; b++)
        {
            for (int j = 0; j < horizon; j++)
                target[j] = fit.Clean[(seq + j) * fit.Batch + b];
            model.Add(Features(fit, b, seq - 1, features), target);
        }
        var w = model.Solve();
        var pred = new float[test.Batch * horizon];
        for (int b = 0; b < test.Batch; b++)
        {
            Features(test, b, seq - 1, features);
            for (int j = 0; j < horizon; j++)
                pred[b * horizon + j] = (float)Dot(w, j, features);
        }
        return pred;
    }

    /// <summary>[1, x(t), x(t - 1), ..., x(t - p + 1)] of sequence b (0 before step 0).</summary>
    static double[] Features(SineBatch d, int b, int t, double[] f)
    {
        f[0] = 1;
        for (int i = 1; i < f.Length; i++)
            f[i] = t - i + 1 >= 0 ? d.Noisy[(t - i + 1) * d.Batch + b] : 0;
        return f;
    }

    static double Dot(double[,] w, int output, double[] f)
    {
        double s = 0;
        for (int i = 0; i < f.Length; i++)
            s += w[i, output] * f[i];
        return s;
    }

    /// <summary>Multi-output least squares by the normal equations with a tiny ridge, solved by Cholesky.</summary>
    sealed class LeastSquares(int features, int outputs)
    {
        readonly double[,] xtx = new double[features, features];
        readonly double[,] xty = new double[features, outputs];

        public void Add(double[] x, double[] y)
        {
            for (int i = 0; i < features; i++)
            {
                for (int j = 0; j <= i; j++)
                    xtx[i, j] += x[i] * x[j];
                for (int o = 0; o < outputs; o++)
                    xty[i, o] += x[i] * y[o];
            }
        }

        /// <summary>W (features, outputs) minimising |XW - Y|^2 + ridge |W|^2.</summary>
        public double[,] Solve()
        {
            int n = features;
            double trace = 0;
            for (int i = 0; i < n; i++)
                trace += xtx[i, i];
            double ridge = 1e-8 * trace / n + 1e-12;
            var l = new double[n, n];
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j <= i; j++)
                {
                    double s = xtx[i, j] + (i == j ? ridge : 0);
                    for (int k = 0; k < j; k++)
                        s -= l[i, k] * l[j, k];
                    l[i, j] = i == j ? Math.Sqrt(Math.Max(s, 1e-300)) : s / l[j, j];
                }
            }
            var w = new double[n, outputs];
            var z = new double[n];
            for (int o = 0; o < outputs; o++)
            {
                for (int i = 0; i < n; i++)
                {
                    double s = xty[i, o];
                    for (int k = 0; k < i; k++)
                        s -= l[i, k] * z[k];
                    z[i] = s / l[i, i];
                }
                for (int i = n - 1; i >= 0; i--)
                {
                    double s = z[i];
                    for (int k = i + 1; k < n; k++)
                        s -= l[k, i] * w[k, o];
                    w[i, o] = s / l[i, i];
                }
            }
            return w;
        }
    }
}
