namespace RnnGpu;

/// <summary>How the weights of a <see cref="RecurrentLayer"/> are initialised by <see cref="Init.Apply(RecurrentLayer, RnnInit)"/>.</summary>
public enum WeightInit
{
    /// <summary>Keep PyTorch's default U(-1/sqrt(H), 1/sqrt(H)) (what the layer was created with).</summary>
    PyTorchDefault,
    /// <summary>Xavier (Glorot) uniform per gate block: U(-a, a), a = sqrt(6 / (fan_in + fan_out)), fan_out = H.</summary>
    XavierUniform,
}

/// <summary>Initialisation options of a recurrent layer.</summary>
/// <param name="Weights">Scheme for weight_ih (and weight_hh unless <paramref name="OrthogonalRecurrent"/>).</param>
/// <param name="OrthogonalRecurrent">Make each (H, H) gate block of weight_hh orthogonal (Gram-Schmidt of a seeded Gaussian matrix).</param>
/// <param name="ForgetBias">LSTM only: set the forget-gate slice [H, 2H) of bias_ih to this value and of bias_hh to 0
/// (so the effective forget bias is this value). Null leaves the biases alone.</param>
/// <param name="ZeroBiases">Set all biases to zero first.</param>
/// <param name="Seed">Seed of the random draws.</param>
public sealed record RnnInit(WeightInit Weights = WeightInit.PyTorchDefault, bool OrthogonalRecurrent = false,
    float? ForgetBias = null, bool ZeroBiases = false, ulong Seed = 0);

/// <summary>Host-side initialisation helpers (seeded, reproducible).</summary>
public static class Init
{
    internal static Random Rng(ulong seed) => new(unchecked((int)seed ^ (int)(seed >> 32) ^ 0x5bd1e995));

    internal static float[] Uniform(Random rng, long n, float bound)
    {
        var r = new float[n];
        for (long i = 0; i < n; i++)
            r[i] = (float)((rng.NextDouble() * 2 - 1) * bound);
        return r;
    }

    /// <summary>One standard normal draw N(0, 1) by the Box-Muller transform (two uniform draws from <paramref name="rng"/>, the
    /// cosine branch only), so the same generator state gives the same value on every platform.</summary>
    /// <param name="rng">The generator.</param>
    public static double Gaussian(Random rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>An (n, n) orthogonal matrix, row-major: modified Gram-Schmidt on the rows of a seeded Gaussian matrix.</summary>
    /// <param name="n">Size.</param>
    /// <param name="rng">Random source.</param>
    public static double[] Orthogonal(int n, Random rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var a = new double[n * n];
        while (true)
        {
            for (int i = 0; i < a.Length; i++)
                a[i] = Gaussian(rng);
            bool ok = true;
            for (int r = 0; r < n && ok; r++)
            {
                for (int q = 0; q < r; q++)
                {
                    double dot = 0;
                    for (int j = 0; j < n; j++) dot += a[r * n + j] * a[q * n + j];
                    for (int j = 0; j < n; j++) a[r * n + j] -= dot * a[q * n + j];
                }
                double norm = 0;
                for (int j = 0; j < n; j++) norm += a[r * n + j] * a[r * n + j];
                norm = Math.Sqrt(norm);
                if (norm < 1e-8) ok = false; // degenerate draw: draw again
                else for (int j = 0; j < n; j++) a[r * n + j] /= norm;
            }
            if (ok)
                return a;
        }
    }

    /// <summary>Xavier uniform for a <see cref="Linear"/> weight (bias set to zero).</summary>
    /// <param name="linear">The layer.</param>
    /// <param name="seed">Seed.</param>
    public static void Xavier(Linear linear, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(linear);
        var rng = Rng(seed);
        float a = MathF.Sqrt(6f / (linear.InFeatures + linear.OutFeatures));
        linear.Weight.Value.CopyFromHost(Uniform(rng, linear.Weight.Value.Length, a));
        linear.Bias?.Value.Fill(0f);
    }

    /// <summary>Re-initialises a recurrent layer's parameters as <paramref name="init"/> says (their versions advance, so
    /// the layer refreshes what it derives from them).</summary>
    /// <param name="layer">The layer.</param>
    /// <param name="init">Options.</param>
    /// <exception cref="ArgumentException">A forget bias for a layer that is not an LSTM or has no biases; orthogonal
    /// recurrent weights for a layer with a projection (W_hh is (4H, P), not square blocks).</exception>
    public static void Apply(RecurrentLayer layer, RnnInit init)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(init);
        if (init.ForgetBias is not null && layer.Options.Mode != RnnMode.Lstm)
            throw new ArgumentException($"ForgetBias applies to LSTM layers only, this layer is {layer.Options.Mode}.", nameof(init));
        if (init.ForgetBias is not null && !layer.Options.Bias)
            throw new ArgumentException("ForgetBias needs biases, but this layer was built with Bias: false.", nameof(init));
        if (init.OrthogonalRecurrent && layer.Options.ProjSize > 0)
            throw new ArgumentException(
                $"OrthogonalRecurrent needs square (H, H) blocks of W_hh, but with ProjSize {layer.Options.ProjSize} W_hh is (4H, P).", nameof(init));
        var rng = Rng(init.Seed);
        int h = layer.Options.HiddenSize, g = layer.Gates;
        foreach (var p in layer.Parameters)
        {
            bool isWeight = p.Name.StartsWith("weight", StringComparison.Ordinal);
            bool isHh = p.Name.StartsWith("weight_hh", StringComparison.Ordinal);
            if (isWeight)
            {
                int fanIn = p.Value.Shape[1];
                if (isHh && init.OrthogonalRecurrent)
                {
                    var w = new float[p.Value.Length];
                    for (int k = 0; k < g; k++)
                    {
                        var q = Orthogonal(h, rng);
                        for (int i = 0; i < h * h; i++)
                            w[k * h * h + i] = (float)q[i];
                    }
                    p.Value.CopyFromHost(w);
                }
                else if (init.Weights == WeightInit.XavierUniform)
                {
                    float a = MathF.Sqrt(6f / (fanIn + h));
                    p.Value.CopyFromHost(Uniform(rng, p.Value.Length, a));
                }
            }
            else
            {
                var b = p.Value.ToArray();
                if (init.ZeroBiases)
                    Array.Clear(b);
                if (init.ForgetBias is { } fb)
                    for (int i = h; i < 2 * h; i++)
                        b[i] = p.Name.StartsWith("bias_ih", StringComparison.Ordinal) ? fb : 0f;
                p.Value.CopyFromHost(b);
            }
        }
    }
}
