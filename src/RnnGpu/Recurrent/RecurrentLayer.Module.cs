namespace RnnGpu;

/// <summary>The layer as a module (<see cref="IModule{TInput}"/>): what <see cref="Sequential"/> and
/// <see cref="Trainer.Step"/> call. Built on the layer's public API only.</summary>
public sealed partial class RecurrentLayer : IModule<DeviceTensor>
{
    NamedParameter[]? namedParameters;

    /// <summary>The parameters under PyTorch's names exactly (<c>weight_ih_l0</c>, <c>bias_hh_l1_reverse</c>...), as in
    /// <see cref="Parameters"/>.</summary>
    public IReadOnlyList<NamedParameter> NamedParameters => namedParameters ??= Parameters.Select(p => new NamedParameter(p.Name, p)).ToArray();

    /// <summary>Module forward: the output ((T, B, D*H), or (B, T, D*H) batch-first) of <see cref="Forward(DeviceTensor,
    /// DeviceTensor, DeviceTensor, IReadOnlyList{int}, bool)"/> from zero initial states with the context's lengths; the
    /// final states are dropped (use that overload for them). In training mode the layer keeps its own copy of
    /// <paramref name="input"/> for backward.</summary>
    DeviceTensor IModule<DeviceTensor>.Forward(DeviceTensor input, ForwardContext context)
    {
        var o = Forward(input, lengths: context.Lengths, training: context.Training);
        o.HN.Dispose();
        o.CN?.Dispose();
        return o.Output;
    }

    /// <summary>Module backward: dL/dinput for dL/doutput, with no gradient flowing into the final states; the initial-state
    /// gradients are dropped.</summary>
    DeviceTensor? IModule<DeviceTensor>.Backward(DeviceTensor dOutput)
    {
        ArgumentNullException.ThrowIfNull(dOutput);
        var g = Backward(dOutput);
        g.DH0.Dispose();
        g.DC0?.Dispose();
        return g.DInput;
    }
}
