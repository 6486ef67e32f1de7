namespace RnnGpu;

/// <summary>How per-element losses are combined.</summary>
public enum Reduction
{
    /// <summary>Mean over the counted elements (for cross-entropy: the rows whose target is not ignored).</summary>
    Mean,
    /// <summary>Sum.</summary>
    Sum,
}

/// <summary>A loss value kept on the device (two floats: the loss and the gradient scale); read it only when needed. It also
/// holds the gradient the loss wrote (<see cref="Gradient"/>).</summary>
public sealed class LossValue : IDisposable
{
    readonly IndexCheck? check;
    readonly bool ownsGradient;

    internal LossValue(DeviceTensor scalars, DeviceTensor gradient, bool ownsGradient, IndexCheck? check = null)
    {
        Scalars = scalars;
        Gradient = gradient;
        this.ownsGradient = ownsGradient;
        this.check = check;
    }

    /// <summary>dLoss/dinput, shaped like the loss's input: the tensor the caller gave, or the one the loss allocated when the
    /// caller gave none (then it is freed with this value, or with the <see cref="DisposeScope"/> it was created in).</summary>
    public DeviceTensor Gradient { get; }

    /// <summary>Device scalars (2): [0] the loss, [1] the factor the gradient was scaled by.</summary>
    public DeviceTensor Scalars { get; }

    /// <summary>Copies the loss to the host (synchronises the device). For cross-entropy, first checks the targets: the device
    /// recorded the first one outside [0, C) that is not the ignore index (that row counted for nothing).</summary>
    /// <exception cref="ArgumentException">A target is out of range; the message names its position and value.</exception>
    public float Read()
    {
        using var hold = DeviceHold.Of(Scalars.Device);
        check?.ThrowIfBad();
        return Scalars.ToArray()[0];
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Scalars.Dispose();
        if (ownsGradient)
            Gradient.Dispose();
        check?.Dispose();
    }
}

/// <summary>
/// Fused losses: each writes its loss into a device scalar and dLoss/dinput into a gradient tensor in one pass
/// (the gradient is set, =). Give the gradient tensor (e.g. one reused across steps), or none: the loss then allocates it
/// and <see cref="LossValue.Gradient"/> holds it. Reductions run in a fixed order, so results repeat bit for bit.
/// </summary>
public static partial class Losses
{
    /// <summary>PyTorch's default ignore_index.</summary>
    public const int DefaultIgnoreIndex = -100;

    /// <summary>
    /// Softmax cross-entropy over the rows of <paramref name="logits"/> (N, C) with class targets (N) (logits (..., C), e.g.
    /// a sequence model's (T, B, C), count as N = T*B rows of C; the targets then hold N ids in the same order):
    /// loss_n = logsumexp(x_n) - x_n[t_n], or with label smoothing e (PyTorch's <c>label_smoothing</c>: the target distribution
    /// (1 - e) onehot(t_n) + e / C) loss_n = logsumexp(x_n) - (1 - e) x_n[t_n] - e mean_j x_n[j]; rows whose target is
    /// <paramref name="ignoreIndex"/> count for nothing.
    /// Mean divides by the number of rows not ignored (0 when all are). dlogits (N, C) = dLoss/dlogits.
    /// </summary>
    /// <param name="logits">(N, C), or (..., C).</param>
    /// <param name="targets">N class indices in [0, C), or ignoreIndex. Any other value is found on the device (the row counts
    /// for nothing) and <see cref="LossValue.Read"/> raises an ArgumentException naming its position and value.</param>
    /// <param name="dlogits">Shaped like the logits, written; null (default): allocated (<see cref="LossValue.Gradient"/>).</param>
    /// <param name="ignoreIndex">Target value to ignore (default -100).</param>
    /// <param name="reduction">Mean (default) or sum.</param>
    /// <param name="meanOver">Mean only: divide by this count instead of the rows not ignored here. A data-parallel replica
    /// holding a shard of a global batch passes the global batch's count, so that its loss and gradient are its share of the
    /// global mean (<see cref="Distributed.DataParallel"/>); null (default): this tensor's own count.</param>
    /// <param name="labelSmoothing">Label smoothing e in [0, 1] (default 0: none; GNMT trains with 0.1).</param>
    /// <exception cref="ArgumentException">Shapes or devices do not match, <paramref name="meanOver"/> is not positive or
    /// <paramref name="labelSmoothing"/> is outside [0, 1]; the message names them.</exception>
    public static LossValue CrossEntropy(DeviceTensor logits, DeviceIndices targets, DeviceTensor? dlogits = null,
        int ignoreIndex = DefaultIgnoreIndex, Reduction reduction = Reduction.Mean, float? meanOver = null, float labelSmoothing = 0f)
    {
        using var hold = DeviceHold.Of(logits);
        CheckMeanOver(meanOver);
        if (!(labelSmoothing >= 0f && labelSmoothing <= 1f))
            throw new ArgumentException($"labelSmoothing must lie in [0, 1], got {labelSmoothing}.", nameof(labelSmoothing));
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(targets);
        logits.ThrowIfDisposed();
        if (logits.Rank < 2)
            throw new ArgumentException($"logits must have rank 2 or more, (N, C) or (..., C), got shape {logits.ShapeText}.", nameof(logits));
        if (dlogits is not null)
            Shapes.RequireSameDevice(logits, dlogits);
        if (!ReferenceEquals(logits.Device, targets.Device))
            throw new ArgumentException("logits and targets live on different devices.", nameof(targets));
        int c = logits.Shape[^1], n = checked((int)(logits.Length / c));
        if (targets.Length != n)
            throw new ArgumentException($"targets has shape {targets.ShapeText}, expected ({n}) for logits {logits.ShapeText}.", nameof(targets));
        if (dlogits is not null)
            Shapes.RequireShape(dlogits, logits.Shape, nameof(dlogits));
        bool owns = dlogits is null;
        dlogits ??= DeviceTensor.Uninitialized(logits.Device, logits.Shape.ToArray());
        var dev = logits.Device;
        var k = dev.Kernels;
        int chunks = Kernels.ReductionKernels.Chunks(n);
        using var rows = DeviceTensor.Uninitialized(dev, 2 * n);
        using var partial = DeviceTensor.Uninitialized(dev, 2 * chunks);
        var scalars = DeviceTensor.Uninitialized(dev, 2);
        var check = new IndexCheck(dev, targets, "targets", $"[0, {c}) and not the ignore index {ignoreIndex}");
        k.CrossEntropyRows(logits.View, targets.View, rows.View, dlogits.View, c, ignoreIndex, check.View, labelSmoothing);
        k.SumPartial(rows.View.SubView(0, n), partial.View.SubView(0, chunks));
        k.SumPartial(rows.View.SubView(n, n), partial.View.SubView(chunks, chunks));
        k.LossFinal(partial.View, scalars.View, chunks, meanOver is null, meanOver ?? 0f, reduction == Reduction.Mean);
        if (reduction == Reduction.Mean)
            k.ScaleByDevice(dlogits.View, scalars.View, 1);
        return new LossValue(scalars, dlogits, owns, check);
    }

    /// <summary>
    /// Binary cross-entropy with logits, numerically stable: loss_i = max(x,0) - x*y + log(1 + exp(-|x|));
    /// dx = (sigmoid(x) - y) / N for mean.
    /// </summary>
    /// <param name="logits">Any shape.</param>
    /// <param name="targets">Same shape, values in [0, 1].</param>
    /// <param name="dlogits">Same shape, written; null (default): allocated (<see cref="LossValue.Gradient"/>).</param>
    /// <param name="reduction">Mean (default) or sum.</param>
    /// <param name="meanOver">Mean only: divide by this count instead of the element count (a data-parallel shard passes the
    /// global batch's count); null (default): the element count.</param>
    public static LossValue BceWithLogits(DeviceTensor logits, DeviceTensor targets, DeviceTensor? dlogits = null, Reduction reduction = Reduction.Mean,
        float? meanOver = null) =>
        Elementwise(logits, targets, dlogits, reduction, bce: true, meanOver);

    /// <summary>Mean squared error: loss = sum (x - y)^2 (/ N for mean); dx = 2 (x - y) (/ N).</summary>
    /// <param name="predictions">Any shape.</param>
    /// <param name="targets">Same shape.</param>
    /// <param name="dpredictions">Same shape, written; null (default): allocated (<see cref="LossValue.Gradient"/>).</param>
    /// <param name="reduction">Mean (default) or sum.</param>
    /// <param name="meanOver">Mean only: divide by this count instead of the element count (a data-parallel shard passes the
    /// global batch's count); null (default): the element count.</param>
    public static LossValue Mse(DeviceTensor predictions, DeviceTensor targets, DeviceTensor? dpredictions = null, Reduction reduction = Reduction.Mean,
        float? meanOver = null) =>
        Elementwise(predictions, targets, dpredictions, reduction, bce: false, meanOver);

    static void CheckMeanOver(float? meanOver)
    {
        if (meanOver is { } m && !(m > 0 && float.IsFinite(m)))
            throw new ArgumentException($"meanOver must be a positive count, got {m}.", nameof(meanOver));
    }

    static LossValue Elementwise(DeviceTensor x, DeviceTensor y, DeviceTensor? dx, Reduction reduction, bool bce, float? meanOver)
    {
        using var hold = DeviceHold.Of(x);
        CheckMeanOver(meanOver);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        Shapes.RequireSameDevice(x, y);
        Shapes.RequireShape(y, x.Shape, "targets");
        if (dx is not null)
        {
            Shapes.RequireSameDevice(x, dx);
            Shapes.RequireShape(dx, x.Shape, "gradient");
        }
        bool owns = dx is null;
        dx ??= DeviceTensor.Uninitialized(x.Device, x.Shape.ToArray());
        var dev = x.Device;
        var k = dev.Kernels;
        int n = (int)x.Length, chunks = Kernels.ReductionKernels.Chunks(n);
        using var loss = DeviceTensor.Uninitialized(dev, n);
        using var partial = DeviceTensor.Uninitialized(dev, chunks);
        var scalars = DeviceTensor.Uninitialized(dev, 2);
        if (bce) k.BceWithLogits(x.View, y.View, loss.View, dx.View);
        else k.SquaredError(x.View, y.View, loss.View, dx.View);
        k.SumPartial(loss.View, partial.View);
        k.LossFinal(partial.View, scalars.View, chunks, false, meanOver ?? n, reduction == Reduction.Mean);
        if (reduction == Reduction.Mean)
            k.ScaleByDevice(dx.View, scalars.View, 1);
        return new LossValue(scalars, dx, owns);
    }
}
