namespace RnnGpu;

/// <summary>A named parameter and its gradient, both on the device.</summary>
public sealed class Parameter
{
    internal Parameter(string name, DeviceTensor value, DeviceTensor grad)
    {
        Name = name;
        // A parameter lives as long as its module, never in a step's DisposeScope.
        Value = value.DetachFromDisposeScope();
        Grad = grad.DetachFromDisposeScope();
    }

    /// <summary>PyTorch state_dict name, e.g. <c>weight_hh_l0_reverse</c>.</summary>
    public string Name { get; }

    /// <summary>The value. Writes through <see cref="DeviceTensor"/>'s methods and RnnGpu's optimizers advance its
    /// <see cref="DeviceTensor.Version"/>, which is how layers know to refresh what they derive from it.</summary>
    public DeviceTensor Value { get; }

    /// <summary>The gradient; backward accumulates into it (+=), <c>ZeroGrad</c> clears it.</summary>
    public DeviceTensor Grad { get; }

    /// <summary>Name, shape and device, e.g. <c>Parameter weight_hh_l0 (512, 128) on cpu:0</c>.</summary>
    public override string ToString() => $"Parameter {Name} {Value.ShapeText} on {Value.Device.Info.Spec}";
}
