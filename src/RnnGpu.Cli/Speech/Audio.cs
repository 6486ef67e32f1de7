using System.Numerics;

namespace RnnGpu.Cli.Speech;

/// <summary>Resampling and the log-mel filterbank features of the speech recognizer.</summary>
internal static class Audio
{
    /// <summary>The features' sample rate.</summary>
    public const int SampleRate = 16000;
    /// <summary>Window: 25 ms.</summary>
    public const int Window = 400;
    /// <summary>Hop: 10 ms.</summary>
    public const int Hop = 160;
    /// <summary>FFT size (the window zero-padded).</summary>
    public const int FftSize = 512;
    /// <summary>Mel bands.</summary>
    public const int Bands = 40;

    const int Zeros = 16, TableSteps = 512;

    /// <summary>sinc(d) * Hann(d / Zeros) for d in [0, Zeros], TableSteps points per zero crossing (linearly interpolated).</summary>
    static readonly float[] Kernel = Enumerable.Range(0, Zeros * TableSteps + 2).Select(i =>
    {
        double d = (double)i / TableSteps;
        if (d >= Zeros) return 0f;
        double sinc = d == 0 ? 1 : Math.Sin(Math.PI * d) / (Math.PI * d);
        return (float)(sinc * (0.5 + 0.5 * Math.Cos(Math.PI * d / Zeros)));
    }).ToArray();

    /// <summary>Band-limited resampling by a Hann-windowed sinc (16 zero crossings each side, cutoff at 0.95 of the lower
    /// Nyquist frequency; the kernel tabulated).</summary>
    public static float[] Resample(float[] x, int from, int to)
    {
        if (from == to)
            return (float[])x.Clone();
        double ratio = (double)to / from, cutoff = 0.95 * Math.Min(1.0, ratio);
        int n = (int)Math.Max(1, Math.Round(x.Length * ratio));
        var y = new float[n];
        double halfWidth = Zeros / cutoff; // in input samples
        for (int i = 0; i < n; i++)
        {
            double center = i / ratio;
            int lo = Math.Max(0, (int)Math.Ceiling(center - halfWidth)), hi = Math.Min(x.Length - 1, (int)Math.Floor(center + halfWidth));
            double s = 0;
            for (int j = lo; j <= hi; j++)
            {
                double d = Math.Abs(j - center) * cutoff * TableSteps;
                int k = (int)d;
                double frac = d - k;
                s += x[j] * (Kernel[k] + frac * (Kernel[k + 1] - Kernel[k]));
            }
            y[i] = (float)(s * cutoff);
        }
        return y;
    }

    static readonly double[] Hann = Enumerable.Range(0, Window).Select(i => 0.5 - 0.5 * Math.Cos(2 * Math.PI * i / Window)).ToArray();
    static readonly double[][] MelFilters = BuildMel();

    static double Mel(double hz) => 2595 * Math.Log10(1 + hz / 700);
    static double Hz(double mel) => 700 * (Math.Pow(10, mel / 2595) - 1);

    /// <summary>Triangular filters on the HTK mel scale from 20 Hz to 8 kHz over the FFT's bins.</summary>
    static double[][] BuildMel()
    {
        int bins = FftSize / 2 + 1;
        double lo = Mel(20), hi = Mel(SampleRate / 2.0);
        var edges = Enumerable.Range(0, Bands + 2).Select(i => Hz(lo + (hi - lo) * i / (Bands + 1)) * FftSize / SampleRate).ToArray();
        var f = new double[Bands][];
        for (int m = 0; m < Bands; m++)
        {
            f[m] = new double[bins];
            for (int k = 0; k < bins; k++)
            {
                double up = (k - edges[m]) / (edges[m + 1] - edges[m]), down = (edges[m + 2] - k) / (edges[m + 2] - edges[m + 1]);
                f[m][k] = Math.Max(0, Math.Min(up, down));
            }
        }
        return f;
    }

    /// <summary>Frames of 16 kHz audio: (frames, <see cref="Bands"/>) log-mel energies (floored 80 dB below the utterance's
    /// peak), row-major, normalised per utterance (each band to mean 0 and standard deviation 1).</summary>
    public static float[] LogMel(float[] x, out int frames)
    {
        frames = Math.Max(1, 1 + (x.Length - Window) / Hop);
        var feats = new float[frames * Bands];
        var buf = new Complex[FftSize];
        int bins = FftSize / 2 + 1;
        var power = new double[bins];
        for (int f = 0; f < frames; f++)
        {
            for (int i = 0; i < FftSize; i++)
            {
                int at = f * Hop + i;
                buf[i] = i < Window && at < x.Length ? new Complex(x[at] * Hann[i], 0) : Complex.Zero;
            }
            FftSharp.FFT.Forward(buf.AsSpan());
            for (int k = 0; k < bins; k++)
                power[k] = buf[k].Real * buf[k].Real + buf[k].Imaginary * buf[k].Imaginary;
            for (int m = 0; m < Bands; m++)
            {
                double e = 0;
                var filt = MelFilters[m];
                for (int k = 0; k < bins; k++)
                    e += filt[k] * power[k];
                feats[f * Bands + m] = (float)e;
            }
        }
        // energies floored 80 dB below the utterance's loudest band (digital silence and a quiet noise floor look alike), logged
        double peak = 1e-20;
        foreach (var e in feats) peak = Math.Max(peak, e);
        for (int i = 0; i < feats.Length; i++)
            feats[i] = (float)Math.Log(Math.Max(feats[i], peak * 1e-8));
        for (int m = 0; m < Bands; m++)
        {
            double mean = 0, sq = 0;
            for (int f = 0; f < frames; f++) mean += feats[f * Bands + m];
            mean /= frames;
            for (int f = 0; f < frames; f++) sq += Math.Pow(feats[f * Bands + m] - mean, 2);
            double sd = Math.Sqrt(sq / frames) + 1e-5;
            for (int f = 0; f < frames; f++) feats[f * Bands + m] = (float)((feats[f * Bands + m] - mean) / sd);
        }
        return feats;
    }
}
