namespace RnnGpu;

/// <summary>
/// Classification metrics: the predicted class of each row (argmax, on the device) and the fraction of rows predicted right.
/// Rows are the last dimension's vectors, as in <see cref="Losses.CrossEntropy(DeviceTensor, DeviceIndices, DeviceTensor?, int, Reduction, float?, float)"/>:
/// logits (N, C), or (..., C) counted as N rows in order.
/// </summary>
public static class Metrics
{
    /// <summary>The index of the largest logit of each row (the first one on ties), computed on the device.</summary>
    /// <param name="logits">(N, C), or (..., C).</param>
    /// <returns>(N) class indices in [0, C), owned by the caller (shaped like the logits less their last dimension).</returns>
    /// <exception cref="ArgumentException">The logits have rank below 2.</exception>
    public static DeviceIndices Argmax(DeviceTensor logits)
    {
        using var hold = DeviceHold.Of(logits);
        ArgumentNullException.ThrowIfNull(logits);
        logits.ThrowIfDisposed();
        if (logits.Rank < 2)
            throw new ArgumentException($"logits must have rank 2 or more, (N, C) or (..., C), got shape {logits.ShapeText}.", nameof(logits));
        int c = logits.Shape[^1];
        var shape = logits.Shape.Take(logits.Rank - 1).ToArray();
        var idx = DeviceIndices.Uninitialized(logits.Device, shape);
        logits.Device.Kernels.ArgmaxRows(logits.View, idx.View, c);
        return idx;
    }

    /// <summary>The index of the largest value of each row of a host array (the first one on ties).</summary>
    /// <param name="logits">(N, C), row-major.</param>
    /// <param name="classes">C.</param>
    /// <returns>(N) class indices.</returns>
    /// <exception cref="ArgumentException">C is not positive or does not divide the length.</exception>
    public static int[] Argmax(ReadOnlySpan<float> logits, int classes)
    {
        if (classes <= 0 || logits.Length % classes != 0)
            throw new ArgumentException($"{logits.Length} values do not form rows of {classes} classes.", nameof(classes));
        var idx = new int[logits.Length / classes];
        for (int n = 0; n < idx.Length; n++)
        {
            var row = logits.Slice(n * classes, classes);
            int best = 0;
            for (int j = 1; j < classes; j++)
                if (row[j] > row[best])
                    best = j;
            idx[n] = best;
        }
        return idx;
    }

    /// <summary>The fraction of rows whose argmax equals the target, over the rows whose target is not
    /// <paramref name="ignoreIndex"/> (0 when all are ignored). Reads N ints from the device.</summary>
    /// <param name="logits">(N, C), or (..., C).</param>
    /// <param name="targets">N class indices (or <paramref name="ignoreIndex"/>), in the rows' order.</param>
    /// <param name="ignoreIndex">Targets with this value are not counted (default -100, as the loss).</param>
    /// <returns>Accuracy in [0, 1].</returns>
    /// <exception cref="ArgumentException">The targets do not hold one value per row, or live on another device.</exception>
    public static double Accuracy(DeviceTensor logits, DeviceIndices targets, int ignoreIndex = Losses.DefaultIgnoreIndex)
    {
        using var hold = DeviceHold.Of(logits);
        ArgumentNullException.ThrowIfNull(targets);
        return Accuracy(logits, (ReadOnlySpan<int>)Targets(logits, targets), ignoreIndex);

        static int[] Targets(DeviceTensor logits, DeviceIndices targets)
        {
            ArgumentNullException.ThrowIfNull(logits);
            if (!ReferenceEquals(logits.Device, targets.Device))
                throw new ArgumentException("logits and targets live on different devices.", nameof(targets));
            return targets.ToArray();
        }
    }

    /// <summary>The fraction of rows whose argmax equals the host target (see the other overload).</summary>
    /// <param name="logits">(N, C), or (..., C).</param>
    /// <param name="targets">N class indices (or <paramref name="ignoreIndex"/>).</param>
    /// <param name="ignoreIndex">Targets with this value are not counted.</param>
    /// <returns>Accuracy in [0, 1].</returns>
    /// <exception cref="ArgumentException">The targets do not hold one value per row.</exception>
    public static double Accuracy(DeviceTensor logits, ReadOnlySpan<int> targets, int ignoreIndex = Losses.DefaultIgnoreIndex)
    {
        using var predicted = Argmax(logits);
        if (predicted.Length != targets.Length)
            throw new ArgumentException($"targets holds {targets.Length} values, expected {predicted.Length} (one per row of logits {logits.ShapeText}).", nameof(targets));
        return Accuracy(predicted.ToArray(), targets, ignoreIndex);
    }

    /// <summary>The fraction of positions where <paramref name="predicted"/> equals <paramref name="targets"/>, over the
    /// positions whose target is not <paramref name="ignoreIndex"/> (0 when all are ignored).</summary>
    /// <param name="predicted">Predicted classes.</param>
    /// <param name="targets">Target classes, the same length.</param>
    /// <param name="ignoreIndex">Targets with this value are not counted.</param>
    /// <returns>Accuracy in [0, 1].</returns>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static double Accuracy(ReadOnlySpan<int> predicted, ReadOnlySpan<int> targets, int ignoreIndex = Losses.DefaultIgnoreIndex)
    {
        var (right, counted) = Count(predicted, targets, ignoreIndex);
        return counted == 0 ? 0 : (double)right / counted;
    }

    /// <summary>How many positions of <paramref name="predicted"/> equal <paramref name="targets"/>, and how many were counted
    /// (targets other than <paramref name="ignoreIndex"/>): what <see cref="AccuracyMeter"/> adds up over chunks.</summary>
    /// <param name="predicted">Predicted classes.</param>
    /// <param name="targets">Target classes, the same length.</param>
    /// <param name="ignoreIndex">Targets with this value are not counted.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static (long Correct, long Counted) Count(ReadOnlySpan<int> predicted, ReadOnlySpan<int> targets, int ignoreIndex = Losses.DefaultIgnoreIndex)
    {
        if (predicted.Length != targets.Length)
            throw new ArgumentException($"predicted holds {predicted.Length} values and targets {targets.Length}.", nameof(targets));
        long counted = 0, right = 0;
        for (int i = 0; i < targets.Length; i++)
        {
            if (targets[i] == ignoreIndex)
                continue;
            counted++;
            if (predicted[i] == targets[i])
                right++;
        }
        return (right, counted);
    }
}

/// <summary>Accuracy accumulated over chunks (an evaluation set run in batches): <see cref="Add(DeviceTensor, DeviceIndices)"/>
/// each chunk's logits and targets, then read <see cref="Accuracy"/>; the same number as one
/// <see cref="Metrics.Accuracy(DeviceTensor, DeviceIndices, int)"/> over the whole set.</summary>
/// <param name="ignoreIndex">Targets with this value are not counted (default -100, as the loss).</param>
public sealed class AccuracyMeter(int ignoreIndex = Losses.DefaultIgnoreIndex)
{
    /// <summary>Rows whose argmax equals the target, so far.</summary>
    public long Correct { get; private set; }

    /// <summary>Rows counted so far (targets other than the ignore index).</summary>
    public long Counted { get; private set; }

    /// <summary>Correct / Counted, or 0 before any row was counted.</summary>
    public double Accuracy => Counted == 0 ? 0 : (double)Correct / Counted;

    /// <summary>Adds a chunk: logits (N, C) or (..., C) and N targets on the same device.</summary>
    /// <param name="logits">The chunk's logits.</param>
    /// <param name="targets">Its targets, one per row.</param>
    /// <exception cref="ArgumentException">The targets do not hold one value per row, or live on another device.</exception>
    public void Add(DeviceTensor logits, DeviceIndices targets)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(targets);
        if (!ReferenceEquals(logits.Device, targets.Device))
            throw new ArgumentException("logits and targets live on different devices.", nameof(targets));
        Add(logits, targets.ToArray());
    }

    /// <summary>Adds a chunk with host targets.</summary>
    /// <param name="logits">The chunk's logits, (N, C) or (..., C).</param>
    /// <param name="targets">Its N targets.</param>
    /// <exception cref="ArgumentException">The targets do not hold one value per row.</exception>
    public void Add(DeviceTensor logits, ReadOnlySpan<int> targets)
    {
        ArgumentNullException.ThrowIfNull(logits);
        using var predicted = Metrics.Argmax(logits);
        if (predicted.Length != targets.Length)
            throw new ArgumentException($"targets holds {targets.Length} values, expected {predicted.Length} (one per row of logits {logits.ShapeText}).", nameof(targets));
        var (right, counted) = Metrics.Count(predicted.ToArray(), targets, ignoreIndex);
        Correct += right;
        Counted += counted;
    }

    /// <summary>Starts over.</summary>
    public void Reset() => (Correct, Counted) = (0, 0);
}
