namespace RnnGpu;

/// <summary>A parameter with its full state_dict name (e.g. <c>rnn.weight_ih_l0</c>, <c>fc.bias</c>).</summary>
/// <param name="Name">Full name.</param>
/// <param name="Parameter">Value and gradient.</param>
public readonly record struct NamedParameter(string Name, Parameter Parameter);

/// <summary>Something with trainable parameters: a layer or a model built from layers.</summary>
public interface IModule : IDisposable
{
    /// <summary>Every parameter with its full PyTorch state_dict name, in a fixed order.</summary>
    IReadOnlyList<NamedParameter> NamedParameters { get; }

}

/// <summary>What a forward pass needs besides its input.</summary>
/// <param name="Training">Keep what <see cref="IModule{TInput}.Backward"/> needs and apply dropout (default false: inference,
/// nothing kept).</param>
/// <param name="Lengths">Per-sequence lengths (B values in 1..T) for modules that read (T, B, F) sequences (recurrent layers, the
/// heads); null for all T. Modules that work row by row (Linear, Embedding, Dropout) ignore it.</param>
public readonly record struct ForwardContext(bool Training = false, IReadOnlyList<int>? Lengths = null);

/// <summary>
/// The training contract every module keeps (PyTorch's nn.Module with its backward written out): <see cref="Forward"/> maps
/// an input to a new tensor, <see cref="Backward"/> turns dL/doutput into dL/dinput. Sequence modules take and return
/// (T, B, F) tensors; <see cref="Sequential"/> chains them and <see cref="Trainer.Step"/> runs one training step of any of them.
/// </summary>
/// <typeparam name="TInput"><see cref="DeviceTensor"/> for features, <see cref="DeviceIndices"/> for token ids
/// (<see cref="Embedding"/>, <see cref="TokenGenerator"/>), <see cref="Seq2SeqInput"/> for <see cref="Seq2Seq"/>.</typeparam>
public interface IModule<in TInput> : IModule
{
    /// <summary>Runs the module. In training mode it keeps what <see cref="Backward"/> needs, replacing what the previous
    /// training-mode call kept.</summary>
    /// <param name="input">The input; see each module for its shape (sequence modules: (T, B, F)).</param>
    /// <param name="context">Training or inference, and per-sequence lengths.</param>
    /// <returns>The output, a new tensor owned by the caller.</returns>
    DeviceTensor Forward(TInput input, ForwardContext context);

    /// <summary>Backpropagates dL/doutput of the last training-mode <see cref="Forward"/>: parameter gradients accumulate (+=),
    /// the input gradient is returned fresh (=).</summary>
    /// <param name="dOutput">dL/doutput, shaped like that forward's output.</param>
    /// <returns>dL/dinput shaped like the input, owned by the caller; null when the input has no gradient (token ids).</returns>
    /// <exception cref="InvalidOperationException">No training-mode forward to differentiate.</exception>
    DeviceTensor? Backward(DeviceTensor dOutput);
}

/// <summary>Helpers over <see cref="IModule"/>.</summary>
public static class ModuleExtensions
{
    /// <summary>Sets every parameter gradient to zero.</summary>
    /// <param name="module">The module.</param>
    public static void ZeroGrad(this IModule module)
    {
        ArgumentNullException.ThrowIfNull(module);
        foreach (var p in module.NamedParameters)
            p.Parameter.Grad.Fill(0f);
    }

    /// <summary>Number of trainable scalars.</summary>
    /// <param name="module">The module.</param>
    public static long ParameterCount(this IModule module) => module.NamedParameters.Sum(p => p.Parameter.Value.Length);

    /// <summary>A <see cref="RecurrentLayer"/>'s parameters under a prefix (<c>prefix.weight_ih_l0</c>; no prefix when empty).</summary>
    /// <param name="layer">The layer.</param>
    /// <param name="prefix">Prefix without the dot.</param>
    public static IEnumerable<NamedParameter> Named(this RecurrentLayer layer, string prefix) =>
        layer.Parameters.Select(p => new NamedParameter(prefix.Length == 0 ? p.Name : prefix + "." + p.Name, p));

    /// <summary>A module's parameters under a prefix.</summary>
    /// <param name="module">The module.</param>
    /// <param name="prefix">Prefix without the dot.</param>
    public static IEnumerable<NamedParameter> Named(this IModule module, string prefix) =>
        module.NamedParameters.Select(p => new NamedParameter(prefix.Length == 0 ? p.Name : prefix + "." + p.Name, p.Parameter));
}
