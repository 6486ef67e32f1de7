namespace RnnGpu.Cli.Training;

/// <summary>
/// The adding problem (Hochreiter and Schmidhuber, 1997): every step carries two inputs, a value drawn uniformly from
/// [0, 1] and a marker; exactly two markers are set per sequence, one in the first half and one in the second half.
/// The target is the sum of the two marked values. Always predicting 1.0 scores an MSE of 1/6 (about 0.167).
/// </summary>
internal static class AddingProblem
{
    /// <summary>Inputs per step: the value and the marker.</summary>
    public const int InputSize = 2;

    /// <summary>MSE of always predicting 1.0 (the variance of the sum of two U(0, 1) values).</summary>
    public const double BaselineMse = 1.0 / 6.0;

    /// <summary>A batch, sequence-major: x (T, B, 2) flattened as (t * B + b) * 2 + feature, y (B).</summary>
    /// <param name="rng">Source of randomness.</param>
    /// <param name="seq">T (at least 2).</param>
    /// <param name="batch">B.</param>
    public static (float[] X, float[] Y) Batch(Random rng, int seq, int batch)
    {
        var x = new float[seq * batch * InputSize];
        var y = new float[batch];
        int half = seq / 2;
        for (int b = 0; b < batch; b++)
        {
            for (int t = 0; t < seq; t++)
                x[(t * batch + b) * InputSize] = (float)rng.NextDouble();
            int first = rng.Next(half), second = half + rng.Next(seq - half);
            x[(first * batch + b) * InputSize + 1] = 1f;
            x[(second * batch + b) * InputSize + 1] = 1f;
            y[b] = x[(first * batch + b) * InputSize] + x[(second * batch + b) * InputSize];
        }
        return (x, y);
    }
}
