namespace RnnGpu;

/// <summary>
/// Token choice on the device: greedy argmax or temperature sampling by the Gumbel-max trick, with the random draws taken
/// from a counter-based hash of (seed, step, row, token), so a generation loop needs no host round trip and repeats
/// bit for bit for a given seed.
/// </summary>
public static class Sampling
{
    /// <summary>
    /// Writes one id per row of <paramref name="logits"/> (N, C) into <paramref name="ids"/> (N):
    /// temperature T = 0 takes the argmax (the first on ties); T &gt; 0 draws id j with probability softmax(logits[n] / T)_j,
    /// as argmax over j of logits[n, j] / T + g_j with Gumbel noise g_j = -log(-log u_j), u_j in (0, 1) hashed from
    /// (<paramref name="seed"/>, <paramref name="step"/>, n, j). Low T approaches the argmax, high T the uniform choice.
    /// </summary>
    /// <param name="logits">(N, C).</param>
    /// <param name="ids">(N) or any shape of N elements, written.</param>
    /// <param name="temperature">T, finite and &gt;= 0.</param>
    /// <param name="seed">Seed of the draws.</param>
    /// <param name="step">Step counter mixed into the draws (&gt;= 0); give each step of a loop its own.</param>
    /// <exception cref="ArgumentException">Shapes or devices do not match, the temperature is negative or not finite, or the step is negative.</exception>
    public static void Sample(DeviceTensor logits, DeviceIndices ids, float temperature, ulong seed, int step = 0)
    {
        using var hold = DeviceHold.Of(logits);
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(ids);
        Shapes.RequireRank(logits, 2, nameof(logits));
        if (!ReferenceEquals(logits.Device, ids.Device))
            throw new ArgumentException("logits and ids live on different devices.", nameof(ids));
        if (ids.Length != logits.Shape[0])
            throw new ArgumentException($"ids has shape {ids.ShapeText}, expected ({logits.Shape[0]}) for logits {logits.ShapeText}.", nameof(ids));
        CheckTemperature(temperature);
        if (step < 0)
            throw new ArgumentException($"step must be >= 0, got {step}.", nameof(step));
        logits.Device.Kernels.SampleRows(logits.View, ids.View, logits.Shape[1], temperature, seed, step);
    }

    internal static void CheckTemperature(float temperature)
    {
        if (!float.IsFinite(temperature) || temperature < 0f)
            throw new ArgumentException($"temperature must be a finite number >= 0 (0 = greedy argmax), got {temperature}.", nameof(temperature));
    }

    /// <summary>Throws unless every id lies in [0, vocabulary); the message names the position, the id and the vocabulary size.</summary>
    internal static void CheckIds(IReadOnlyList<int> ids, int vocabulary, string paramName)
    {
        for (int i = 0; i < ids.Count; i++)
            if ((uint)ids[i] >= (uint)vocabulary)
                throw new ArgumentException(
                    $"{paramName}[{i}] = {ids[i]} is not a token id: ids must lie in [0, {vocabulary}) for a vocabulary of size {vocabulary}.", paramName);
    }
}
