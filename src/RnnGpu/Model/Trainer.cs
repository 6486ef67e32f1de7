namespace RnnGpu;

/// <summary>A loss between a module's output and targets the function holds: it returns the loss and writes
/// dLoss/doutput into <paramref name="dOutput"/> (set, =). <see cref="Losses"/> fits as is:
/// <c>(y, dy) =&gt; Losses.CrossEntropy(y, targets, dy)</c>.</summary>
/// <param name="output">The module's output.</param>
/// <param name="dOutput">Shaped like <paramref name="output"/>, to be written.</param>
/// <returns>The loss on the device.</returns>
public delegate LossValue LossFunction(DeviceTensor output, DeviceTensor dOutput);

/// <summary>What one <see cref="Trainer.Step"/> measured.</summary>
/// <param name="Loss">The loss of the step's forward (before the update).</param>
/// <param name="GradNorm">The global L2 norm of the gradients before clipping; null when the step did not clip.</param>
public readonly record struct StepResult(float Loss, float? GradNorm);

/// <summary>The training step every model shares, so no caller writes the zero-grad / forward / loss / backward / clip / update
/// recipe again.</summary>
public static class Trainer
{
    /// <summary>
    /// One training step, in this order: zero every gradient; forward in training mode; the loss and dLoss/doutput; backward
    /// (parameter gradients); clip the gradients by global norm when <paramref name="clip"/> is given (reading the norm before
    /// clipping); one optimizer update; read the loss. Every tensor the step creates (output, gradients, loss scalars, the
    /// modules' tapes) is freed at its end by a <see cref="DisposeScope"/>. Set <see cref="Optimizer.LearningRate"/> before the
    /// call to follow a schedule.
    /// </summary>
    /// <typeparam name="TInput">The model's input type.</typeparam>
    /// <param name="model">The model.</param>
    /// <param name="input">The batch's input (not freed).</param>
    /// <param name="loss">The loss against the batch's targets.</param>
    /// <param name="optimizer">An optimizer over the model's parameters.</param>
    /// <param name="clip">Largest global gradient norm (torch.nn.utils.clip_grad_norm_), or null for no clipping.</param>
    /// <param name="lengths">Per-sequence lengths for the forward, or null for full length.</param>
    /// <returns>The loss and the gradient norm before clipping.</returns>
    /// <exception cref="ArgumentException">The optimizer updates other parameters than the model's, or the clip is not positive.</exception>
    public static StepResult Step<TInput>(IModule<TInput> model, TInput input, LossFunction loss, Optimizer optimizer, float? clip = null,
        IReadOnlyList<int>? lengths = null) =>
        StepWith(model, input, loss, optimizer, clip, lengths, reduce: null);

    /// <summary>As the public <see cref="Step{TInput}(IModule{TInput}, TInput, LossFunction, Optimizer, float?, IReadOnlyList{int}?)"/>;
    /// <paramref name="reduce"/>, when given, runs between backward and clipping: it may replace the parameter gradients (a
    /// data-parallel sum over replicas) and returns the loss to report.</summary>
    internal static StepResult StepWith<TInput>(IModule<TInput> model, TInput input, LossFunction loss, Optimizer optimizer, float? clip,
        IReadOnlyList<int>? lengths, Func<Parameter[], LossValue, float>? reduce)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(optimizer);
        var parameters = model.NamedParameters.Select(p => p.Parameter).ToArray();
        if (!ReferenceEquals(optimizer.Module, model)
            && !optimizer.Module.NamedParameters.Select(p => p.Parameter).SequenceEqual(parameters, ReferenceEqualityComparer.Instance))
            throw new ArgumentException($"The optimizer updates the parameters of another module ({optimizer.Module.GetType().Name}) than the model's ({model.GetType().Name}).", nameof(optimizer));
        if (clip is { } c && !(c > 0 && float.IsFinite(c)))
            throw new ArgumentException($"clip must be positive and finite, got {c}.", nameof(clip));

        using var scope = DeviceTensor.NewDisposeScope();
        model.ZeroGrad();
        var output = model.Forward(input, new ForwardContext(Training: true, Lengths: lengths));
        var dOutput = DeviceTensor.Uninitialized(output.Device, output.Shape.ToArray());
        using var value = loss(output, dOutput) ?? throw new InvalidOperationException("The loss function returned null."); // its index check goes back to the pool
        model.Backward(dOutput);
        float? reduced = reduce?.Invoke(parameters, value);
        float? norm = clip is { } maxNorm ? GradClip.ByNormAndRead(parameters, maxNorm) : null;
        optimizer.Step();
        return new StepResult(reduced ?? value.Read(), norm);
    }
}
