using System.Globalization;

namespace RnnGpu;

/// <summary>
/// Modules run one after another, PyTorch's nn.Sequential: <see cref="Forward(DeviceTensor, ForwardContext)"/> feeds each
/// module's output to the next, <see cref="Backward"/> runs their backward passes in reverse order, so a model built from
/// modules needs no backward of its own. The first module takes a <see cref="DeviceTensor"/> or token ids
/// (<see cref="DeviceIndices"/>, e.g. an <see cref="Embedding"/>); every later one takes a tensor (<see cref="IModule{TInput}"/>
/// of <see cref="DeviceTensor"/>). Parameter names are PyTorch's: the module's name, a dot, its own name (<c>0.weight</c>,
/// <c>1.weight_ih_l0</c>), so a state_dict of the same nn.Sequential loads unchanged. Owns its modules.
/// </summary>
/// <example>
/// <code>
/// using var model = new Sequential(
///     new Embedding(device, vocabulary, 16),
///     new RecurrentLayer(device, new RnnOptions(RnnMode.Gru, 16, 32, NumLayers: 2, Bidirectional: true)),
///     new Linear(device, 64, classes));
/// using var logits = model.Forward(tokens, new ForwardContext(Training: true));   // tokens (T, B): logits (T, B, classes)
/// </code>
/// </example>
public sealed class Sequential : IModule<DeviceTensor>, IModule<DeviceIndices>
{
    readonly Child[] children;

    readonly record struct Child(string Name, IModule Module, Func<DeviceTensor, DeviceTensor?> Backward);

    /// <summary>Chains the modules under the names <c>0</c>, <c>1</c>, ... (nn.Sequential(*modules)).</summary>
    /// <param name="modules">At least one; each appears once.</param>
    /// <exception cref="ArgumentException">No module, a null or repeated one, or one whose input type does not fit its place.</exception>
    public Sequential(params IModule[] modules)
        : this((modules ?? throw new ArgumentNullException(nameof(modules)))
            .Select((m, i) => (i.ToString(CultureInfo.InvariantCulture), m)).ToArray())
    {
    }

    /// <summary>Chains the modules under the given names (nn.Sequential(OrderedDict(...))): parameters are named
    /// <c>name.parameter</c>.</summary>
    /// <param name="modules">At least one; names non-empty, unique and without dots; each module appears once.</param>
    /// <exception cref="ArgumentException">No module, a bad or repeated name, a null or repeated module, or one whose input type
    /// does not fit its place.</exception>
    public Sequential(params (string Name, IModule Module)[] modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        if (modules.Length == 0)
            throw new ArgumentException("A Sequential needs at least one module.", nameof(modules));
        var names = new HashSet<string>();
        var seen = new HashSet<IModule>(ReferenceEqualityComparer.Instance);
        children = new Child[modules.Length];
        for (int i = 0; i < modules.Length; i++)
        {
            var (name, m) = modules[i];
            if (m is null)
                throw new ArgumentException($"Module {i} is null.", nameof(modules));
            if (string.IsNullOrEmpty(name) || name.Contains('.', StringComparison.Ordinal) || !names.Add(name))
                throw new ArgumentException($"Module {i} ({m.GetType().Name}) has the name '{name}': names must be non-empty, unique and without dots.", nameof(modules));
            if (!seen.Add(m))
                throw new ArgumentException($"Module {i} ('{name}', {m.GetType().Name}) appears twice: a module keeps the tape of one forward only.", nameof(modules));
            Func<DeviceTensor, DeviceTensor?> backward = m switch
            {
                IModule<DeviceTensor> t => t.Backward,
                IModule<DeviceIndices> x when i == 0 => x.Backward,
                _ => throw new ArgumentException(
                    $"Module {i} ('{name}', {m.GetType().Name}) does not take a DeviceTensor: the first module takes a DeviceTensor or DeviceIndices, every later one a DeviceTensor (IModule<DeviceTensor>).",
                    nameof(modules)),
            };
            children[i] = new Child(name, m, backward);
        }
        NamedParameters = children.SelectMany(c => c.Module.Named(c.Name)).ToArray();
    }

    /// <summary>Number of modules.</summary>
    public int Count => children.Length;

    /// <summary>The module at <paramref name="index"/>.</summary>
    /// <param name="index">0-based position.</param>
    public IModule this[int index] => children[index].Module;

    /// <summary>The module names, in order.</summary>
    public IReadOnlyList<string> Names => children.Select(c => c.Name).ToArray();

    /// <inheritdoc />
    public IReadOnlyList<NamedParameter> NamedParameters { get; }


    /// <summary>Runs every module in order, from a tensor input (the first module must take one).</summary>
    /// <param name="input">The first module's input, e.g. (T, B, F).</param>
    /// <param name="context">Training or inference, and per-sequence lengths, given to every module.</param>
    /// <returns>The last module's output, owned by the caller.</returns>
    public DeviceTensor Forward(DeviceTensor input, ForwardContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (children[0].Module is not IModule<DeviceTensor> first)
            throw new ArgumentException($"The first module ('{children[0].Name}', {children[0].Module.GetType().Name}) takes token ids (DeviceIndices), not a tensor of shape {input.ShapeText}.", nameof(input));
        return Run(first.Forward(input, context), context);
    }

    /// <summary>Runs every module in order, from token ids (the first module must take them, e.g. an <see cref="Embedding"/>).</summary>
    /// <param name="input">Token ids, e.g. (T, B).</param>
    /// <param name="context">Training or inference, and per-sequence lengths, given to every module.</param>
    /// <returns>The last module's output, owned by the caller.</returns>
    public DeviceTensor Forward(DeviceIndices input, ForwardContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (children[0].Module is not IModule<DeviceIndices> first)
            throw new ArgumentException($"The first module ('{children[0].Name}', {children[0].Module.GetType().Name}) takes a tensor, not token ids of shape {input.ShapeText}.", nameof(input));
        return Run(first.Forward(input, context), context);
    }

    /// <summary>Runs every module in order from a tensor input, as the heads' Forward is called: <c>Forward(x, training: true,
    /// lengths: ...)</c> is <c>Forward(x, new ForwardContext(true, lengths))</c>.</summary>
    /// <param name="input">The first module's input.</param>
    /// <param name="training">Keep what backward needs.</param>
    /// <param name="lengths">Per-sequence lengths, or null.</param>
    /// <returns>The last module's output, owned by the caller.</returns>
    public DeviceTensor Forward(DeviceTensor input, bool training = false, IReadOnlyList<int>? lengths = null) =>
        Forward(input, new ForwardContext(training, lengths));

    /// <summary>Runs every module in order from token ids: <c>Forward(ids, new ForwardContext(training, lengths))</c>.</summary>
    /// <param name="input">Token ids.</param>
    /// <param name="training">Keep what backward needs.</param>
    /// <param name="lengths">Per-sequence lengths, or null.</param>
    /// <returns>The last module's output, owned by the caller.</returns>
    public DeviceTensor Forward(DeviceIndices input, bool training = false, IReadOnlyList<int>? lengths = null) =>
        Forward(input, new ForwardContext(training, lengths));

    /// <summary>Feeds <paramref name="y"/>, the first module's output, through the rest, freeing each intermediate as soon as
    /// the next module has run: modules keep what their backward needs themselves.</summary>
    DeviceTensor Run(DeviceTensor y, ForwardContext context)
    {
        for (int i = 1; i < children.Length; i++)
        {
            using var x = y;
            y = ((IModule<DeviceTensor>)children[i].Module).Forward(x, context);
        }
        return y;
    }

    /// <summary>Runs every module's backward in reverse order, each one's input gradient being the previous one's output
    /// gradient; parameter gradients accumulate (+=).</summary>
    /// <param name="dOutput">dL/doutput of the last training-mode forward (not disposed here).</param>
    /// <returns>dL/dinput of the first module, owned by the caller; null when it takes token ids.</returns>
    public DeviceTensor? Backward(DeviceTensor dOutput)
    {
        ArgumentNullException.ThrowIfNull(dOutput);
        var d = dOutput; // the gradient being passed down; owned here unless it is dOutput
        try
        {
            for (int i = children.Length - 1; ; i--)
            {
                var next = children[i].Backward(d);
                if (!ReferenceEquals(d, dOutput))
                    d.Dispose();
                d = dOutput;
                if (i == 0)
                    return next;
                d = next ?? throw new InvalidOperationException(
                    $"Module {i} ('{children[i].Name}', {children[i].Module.GetType().Name}) returned no input gradient for module {i - 1}.");
            }
        }
        catch
        {
            if (!ReferenceEquals(d, dOutput))
                d.Dispose();
            throw;
        }
    }

    /// <summary>Disposes every module.</summary>
    public void Dispose()
    {
        foreach (var c in children)
            c.Module.Dispose();
    }
}
