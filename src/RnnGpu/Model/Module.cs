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

    /// <summary>Tells the module that parameter values were written directly (optimizer step, checkpoint load),
    /// so cached derived data (e.g. transposed recurrent weights) is refreshed.</summary>
    void ParametersChanged();
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

/// <summary>A bare <see cref="RecurrentLayer"/> as a module: parameter names exactly PyTorch's (<c>weight_ih_l0</c>...),
/// so a state_dict of nn.LSTM/GRU/RNN saved as safetensors loads unchanged. Does not own the layer.</summary>
public sealed class RecurrentModule : IModule
{
    /// <summary>Wraps the layer.</summary>
    /// <param name="layer">The layer (not owned).</param>
    public RecurrentModule(RecurrentLayer layer)
    {
        Layer = layer ?? throw new ArgumentNullException(nameof(layer));
        NamedParameters = layer.Named("").ToArray();
    }

    /// <summary>The layer.</summary>
    public RecurrentLayer Layer { get; }

    /// <inheritdoc />
    public IReadOnlyList<NamedParameter> NamedParameters { get; }

    /// <inheritdoc />
    public void ParametersChanged() => Layer.ParametersChanged();

    /// <summary>Does nothing: the layer belongs to the caller.</summary>
    public void Dispose()
    {
    }
}
