namespace RnnGpu;

/// <summary>
/// Softmax or log-softmax over the last axis as a module (<c>nn.Softmax(dim=-1)</c>, <c>nn.LogSoftmax(dim=-1)</c>): the output
/// of a model that ends with one, e.g. an imported ONNX model's <c>Softmax</c> / <c>LogSoftmax</c>. No parameters. For
/// training with cross-entropy or CTC give the losses the logits before it (they are fused with their own log-softmax).
/// </summary>
public sealed class Softmax : IModule<DeviceTensor>
{
    readonly ComputeDevice device;
    DeviceTensor? saved; // the last training-mode output, which the backward reads

    /// <summary>Creates the module.</summary>
    /// <param name="device">Device.</param>
    /// <param name="log">Log-softmax instead of softmax.</param>
    public Softmax(ComputeDevice device, bool log = false)
    {
        ArgumentNullException.ThrowIfNull(device);
        this.device = device;
        Log = log;
    }

    /// <summary>Log-softmax.</summary>
    public bool Log { get; }

    /// <summary>None.</summary>
    public IReadOnlyList<NamedParameter> NamedParameters => Array.Empty<NamedParameter>();

    /// <summary>y = softmax(x) (or log-softmax) over the last axis; a new tensor shaped like x.</summary>
    /// <param name="x">(..., C).</param>
    /// <param name="training">Keep y for <see cref="Backward"/>.</param>
    public DeviceTensor Forward(DeviceTensor x, bool training = false)
    {
        using var hold = device.Hold();
        ArgumentNullException.ThrowIfNull(x);
        if (!ReferenceEquals(x.Device, device))
            throw new ArgumentException("x lives on another device than the Softmax module.", nameof(x));
        var y = DeviceTensor.Uninitialized(device, x.Shape.ToArray());
        device.Kernels.SoftmaxRows(x.View, y.View, x.Shape[^1], Log);
        saved?.Dispose();
        saved = null;
        if (training)
        {
            saved = DeviceTensor.Uninitialized(device, y.Shape.ToArray());
            saved.CopyFrom(y);
        }
        return y;
    }

    /// <inheritdoc cref="IModule{TInput}.Forward" />
    public DeviceTensor Forward(DeviceTensor input, ForwardContext context) => Forward(input, context.Training);

    /// <summary>dx from dy through the last training-mode forward (its output kept); a new tensor.</summary>
    /// <param name="dy">Shaped like the forward's output.</param>
    public DeviceTensor Backward(DeviceTensor dy)
    {
        using var hold = device.Hold();
        ArgumentNullException.ThrowIfNull(dy);
        if (saved is null)
            throw new InvalidOperationException(BackwardRule.NoTrainingForward(Log ? "LogSoftmax" : "Softmax"));
        Shapes.RequireShape(dy, saved.Shape, nameof(dy));
        var dx = DeviceTensor.Uninitialized(device, dy.Shape.ToArray());
        device.Kernels.SoftmaxRowsBackward(saved.View, dy.View, dx.View, dy.Shape[^1], Log);
        saved.Dispose();
        saved = null;
        return dx;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        saved?.Dispose();
        saved = null;
    }
}
