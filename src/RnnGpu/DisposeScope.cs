namespace RnnGpu;

/// <summary>
/// Frees, when disposed, every <see cref="DeviceTensor"/> created on this thread while it was the innermost open scope and
/// not disposed, moved out (<see cref="DeviceTensor.MoveToOuterScope"/>) or detached
/// (<see cref="DeviceTensor.DetachFromDisposeScope"/>) since: TorchSharp's <c>torch.NewDisposeScope()</c>. Open one with
/// <see cref="DeviceTensor.NewDisposeScope"/> in a <c>using</c> around a training step, so the step's activations, gradients,
/// loss scalars and the modules' tapes are freed at its end.
/// </summary>
/// <remarks>Scopes nest per thread and must be disposed innermost first (as <c>using</c> does). Only tensors are tracked, not
/// <see cref="DeviceIndices"/>. Create models and optimizers outside a scope: their parameters and state are tensors too.
/// A module's Forward and Backward of one step belong in the same scope, since the tape Forward keeps is freed with it.</remarks>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic]
    static DisposeScope? current;

    readonly HashSet<DeviceTensor> tensors = new(ReferenceEqualityComparer.Instance);
    bool disposed;

    internal DisposeScope()
    {
        Outer = current;
        current = this;
    }

    /// <summary>The innermost open scope of this thread, or null.</summary>
    internal static DisposeScope? Current => current;

    /// <summary>The scope that was innermost when this one opened, or null.</summary>
    public DisposeScope? Outer { get; }

    /// <summary>Tensors this scope will free (created in it and neither disposed nor moved out yet).</summary>
    public int Count
    {
        get
        {
            lock (tensors)
                return tensors.Count;
        }
    }

    /// <summary>Adds a tensor; a closed scope hands it to the nearest open outer scope (or to none).</summary>
    internal DisposeScope? Track(DeviceTensor tensor)
    {
        var s = this;
        while (s is not null && s.disposed)
            s = s.Outer;
        if (s is not null)
            lock (s.tensors)
                s.tensors.Add(tensor);
        return s;
    }

    internal void Forget(DeviceTensor tensor)
    {
        lock (tensors)
            tensors.Remove(tensor);
    }

    /// <summary>Disposes every tensor still tracked and makes <see cref="Outer"/> the innermost scope again.</summary>
    public void Dispose()
    {
        if (disposed)
            return;
        disposed = true;
        if (ReferenceEquals(current, this))
            current = Outer;
        DeviceTensor[] left;
        lock (tensors)
        {
            left = tensors.ToArray();
            tensors.Clear();
        }
        foreach (var t in left)
            t.DisposeByScope();
    }
}
