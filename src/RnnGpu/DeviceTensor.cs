using ILGPU;
using ILGPU.Runtime;

namespace RnnGpu;

/// <summary>
/// A dense, row-major float32 tensor in device memory. Owns its buffer, or is a view
/// (<see cref="Slice"/>, <see cref="Reshape"/>, <see cref="Row"/>) into another tensor's buffer
/// without a copy. Disposing the owner invalidates its views; disposing a view frees nothing.
/// </summary>
public sealed class DeviceTensor : IDisposable
{
    MemoryBuffer1D<float, Stride1D.Dense>? buffer;
    readonly DeviceTensor? owner;
    readonly ArrayView<float> view;
    readonly int[] shape;
    bool disposed;
    long version;
    DisposeScope? scope;

    DeviceTensor(ComputeDevice device, MemoryBuffer1D<float, Stride1D.Dense>? buffer, DeviceTensor? owner,
        ArrayView<float> view, int[] shape)
    {
        Device = device;
        this.buffer = buffer;
        this.owner = owner;
        this.view = view;
        this.shape = shape;
        scope = DisposeScope.Current?.Track(this);
    }

    /// <summary>The device holding the data.</summary>
    public ComputeDevice Device { get; }

    /// <summary>The shape, outermost dimension first.</summary>
    public IReadOnlyList<int> Shape => shape;

    /// <summary>Number of dimensions.</summary>
    public int Rank => shape.Length;

    /// <summary>Number of elements.</summary>
    public long Length => view.Length;

    /// <summary>Whether this tensor (or the tensor it views) has been disposed.</summary>
    public bool IsDisposed => disposed || (owner?.IsDisposed ?? false) || Device.IsDisposed;

    /// <summary>The shape formatted as <c>(2, 3)</c>.</summary>
    public string ShapeText => Shapes.Format(shape);

    /// <summary>Write counter of the underlying buffer (shared by all views of it): advanced by
    /// <see cref="CopyFromHost"/>, <see cref="CopyFrom"/>, <see cref="Fill"/>, RnnGpu's optimizers and
    /// <see cref="MarkModified"/>. Layers compare it to refresh data they derive from a parameter (e.g. a
    /// transposed W_hh), so nobody has to tell them that a parameter changed.</summary>
    public long Version => Root.version;

    /// <summary>Advances <see cref="Version"/>: call it after writing the buffer by other means than this class's
    /// methods (e.g. a kernel of your own on the same memory).</summary>
    public void MarkModified() => Root.version++;

    internal ArrayView<float> View
    {
        get
        {
            ThrowIfDisposed();
            return view;
        }
    }

    internal void ThrowIfDisposed()
    {
        if (!IsDisposed)
            return;
        string why = Device.IsDisposed ? $"its device {Device.Info.Spec} has been disposed"
            : disposedByScope || owner is { disposedByScope: true }
                ? "it was disposed when the DisposeScope it was created in ended (keep a tensor past its scope with " +
                  "MoveToOuterScope() or DetachFromDisposeScope())"
            : owner is { IsDisposed: true } ? "the tensor it views has been disposed"
            : "it has been disposed";
        throw new ObjectDisposedException(nameof(DeviceTensor), $"The tensor of shape {ShapeText} cannot be used: {why}.");
    }

    bool disposedByScope;

    /// <summary>Disposes the tensor at the end of its <see cref="DisposeScope"/>, remembering why for the message of a later use.</summary>
    internal void DisposeByScope()
    {
        if (!disposed)
            disposedByScope = true;
        Dispose();
    }

    /// <summary>Allocates a tensor of the given shape, filled with zeros.</summary>
    /// <param name="device">The device.</param>
    /// <param name="shape">Dimensions, each positive.</param>
    /// <exception cref="ArgumentException">A dimension is zero or negative, or there is none.</exception>
    public static DeviceTensor Zeros(ComputeDevice device, params int[] shape)
    {
        using var hold = DeviceHold.Of(device);
        var t = Uninitialized(device, shape);
        t.view.MemSetToZero();
        return t;
    }

    /// <summary>Allocates a tensor whose contents are undefined until written.</summary>
    /// <param name="device">The device.</param>
    /// <param name="shape">Dimensions, each positive.</param>
    public static DeviceTensor Uninitialized(ComputeDevice device, params int[] shape)
    {
        using var hold = DeviceHold.Of(device);
        ArgumentNullException.ThrowIfNull(device);
        long length = Shapes.CheckedLength(shape, nameof(shape));
        var buf = device.RentBuffer(length);
        return new DeviceTensor(device, buf, null, buf.View, (int[])shape.Clone());
    }

    /// <summary>Copies host data into a new tensor of the given shape.</summary>
    /// <param name="device">The device.</param>
    /// <param name="data">Row-major data; its length must equal the product of the shape.</param>
    /// <param name="shape">Dimensions, each positive.</param>
    /// <exception cref="ArgumentException">The data length does not match the shape.</exception>
    public static DeviceTensor FromHost(ComputeDevice device, ReadOnlySpan<float> data, params int[] shape)
    {
        using var hold = DeviceHold.Of(device);
        long length = Shapes.CheckedLength(shape, nameof(shape));
        if (data.Length != length)
            throw new ArgumentException(
                $"Data of length {data.Length} does not fill a tensor of shape {Shapes.Format(shape)} ({length} elements).",
                nameof(data));
        var t = Uninitialized(device, shape);
        t.CopyFromHost(data);
        return t;
    }

    /// <summary>Copies the whole tensor to a new host array (synchronises the device).</summary>
    public float[] ToArray()
    {
        using var hold = Device.Hold();
        var result = new float[Length];
        CopyToHost(result);
        return result;
    }

    /// <summary>Copies the whole tensor into <paramref name="destination"/> (synchronises the device).</summary>
    /// <param name="destination">Exactly <see cref="Length"/> elements.</param>
    public void CopyToHost(Span<float> destination)
    {
        using var hold = Device.Hold();
        var v = View;
        if (destination.Length != v.Length)
            throw new ArgumentException(
                $"Destination of length {destination.Length} does not match tensor of shape {ShapeText} ({v.Length} elements).",
                nameof(destination));
        Device.Synchronize();
        v.CopyToCPU(destination);
    }

    /// <summary>Overwrites the tensor with host data (same length, row-major).</summary>
    /// <param name="source">Exactly <see cref="Length"/> elements.</param>
    public void CopyFromHost(ReadOnlySpan<float> source)
    {
        using var hold = Device.Hold();
        var v = View;
        if (source.Length != v.Length)
            throw new ArgumentException(
                $"Source of length {source.Length} does not match tensor of shape {ShapeText} ({v.Length} elements).",
                nameof(source));
        v.CopyFromCPU(source);
        MarkModified();
    }

    /// <summary>Copies another tensor of the same shape into this one, on the device.</summary>
    /// <param name="source">A tensor with the same shape on the same device.</param>
    public void CopyFrom(DeviceTensor source)
    {
        using var hold = Device.Hold();
        ArgumentNullException.ThrowIfNull(source);
        Shapes.RequireSameDevice(this, source);
        Shapes.RequireShape(source, shape, nameof(source));
        source.View.CopyTo(View);
        MarkModified();
    }

    /// <summary>Sets every element to <paramref name="value"/>.</summary>
    /// <param name="value">The value.</param>
    public void Fill(float value)
    {
        using var hold = Device.Hold();
        // A kernel rather than a driver memset: OpenCL fills of small sub-buffers fail on some drivers.
        Device.Kernels.Fill(View, value);
        MarkModified();
    }

    /// <summary>A view of <paramref name="count"/> entries of the first dimension starting at
    /// <paramref name="start"/>; shares memory with this tensor.</summary>
    /// <param name="start">First index along dimension 0.</param>
    /// <param name="count">Number of entries, at least 1.</param>
    public DeviceTensor Slice(int start, int count)
    {
        ThrowIfDisposed();
        if (start < 0 || count <= 0 || start + (long)count > shape[0])
            throw new ArgumentException(
                $"Slice [{start}, {start + (long)count}) is outside dimension 0 of a tensor of shape {ShapeText}.",
                nameof(start));
        long inner = view.Length / shape[0];
        var s = (int[])shape.Clone();
        s[0] = count;
        return new DeviceTensor(Device, null, Root, view.SubView(start * inner, count * inner), s);
    }

    /// <summary>A view of entry <paramref name="index"/> of dimension 0, with that dimension removed
    /// (a rank-1 tensor yields a one-element tensor of shape (1)).</summary>
    /// <param name="index">Index along dimension 0.</param>
    public DeviceTensor Row(int index)
    {
        var s = Slice(index, 1);
        return shape.Length == 1 ? s : s.Reshape(shape[1..]);
    }

    /// <summary>A view with another shape of the same number of elements.</summary>
    /// <param name="newShape">Dimensions, each positive, with the same product.</param>
    public DeviceTensor Reshape(params int[] newShape)
    {
        ThrowIfDisposed();
        long length = Shapes.CheckedLength(newShape, nameof(newShape));
        if (length != view.Length)
            throw new ArgumentException(
                $"Cannot reshape a tensor of shape {ShapeText} ({view.Length} elements) to {Shapes.Format(newShape)} ({length} elements).",
                nameof(newShape));
        return new DeviceTensor(Device, null, Root, view, (int[])newShape.Clone());
    }

    DeviceTensor Root => owner ?? this;

    /// <summary>Moves ownership of this (owning, view-less) tensor's buffer into a new tensor of another
    /// shape; this instance counts as disposed afterwards.</summary>
    internal DeviceTensor AdoptAs(params int[] newShape)
    {
        ThrowIfDisposed();
        if (buffer is null)
            throw new InvalidOperationException("Only an owning tensor can hand over its buffer.");
        if (Shapes.CheckedLength(newShape, nameof(newShape)) != view.Length)
            throw new ArgumentException($"Cannot adopt {ShapeText} as {Shapes.Format(newShape)}.", nameof(newShape));
        var t = new DeviceTensor(Device, buffer, null, view, (int[])newShape.Clone());
        buffer = null;
        disposed = true;
        return t;
    }

    /// <summary>An uninitialized tensor outside every <see cref="DisposeScope"/>: for what a module keeps across calls
    /// (derived weight layouts, its tape) even when the call that creates it runs inside a scope.</summary>
    internal static DeviceTensor Persistent(ComputeDevice device, params int[] shape) =>
        Uninitialized(device, shape).DetachFromDisposeScope();

    /// <summary>Opens a <see cref="DisposeScope"/>: until it is disposed, every tensor created on this thread belongs to it and is
    /// freed with it, unless disposed, moved out or detached before (TorchSharp's <c>torch.NewDisposeScope()</c>).</summary>
    public static DisposeScope NewDisposeScope() => new();

    /// <summary>Hands this tensor from its <see cref="DisposeScope"/> to the scope around that one (to none when there is no outer
    /// scope, or the tensor is in no scope): the way to keep a result of a scope's work.</summary>
    /// <returns>This tensor.</returns>
    public DeviceTensor MoveToOuterScope()
    {
        var s = scope;
        if (s is not null)
        {
            s.Forget(this);
            scope = s.Outer?.Track(this);
        }
        return this;
    }

    /// <summary>Takes this tensor out of every <see cref="DisposeScope"/>: only <see cref="Dispose"/> frees it.</summary>
    /// <returns>This tensor.</returns>
    public DeviceTensor DetachFromDisposeScope()
    {
        scope?.Forget(this);
        scope = null;
        return this;
    }

    /// <summary>Frees the buffer (owner) or invalidates the view.</summary>
    public void Dispose()
    {
        if (disposed)
            return;
        disposed = true;
        scope?.Forget(this);
        scope = null;
        if (buffer is not null && !Device.IsDisposed)
            Device.ReturnBuffer(buffer);
    }

    /// <inheritdoc />
    public override string ToString() => $"DeviceTensor{ShapeText} float32 on {Device.Info.Spec}{(IsDisposed ? ", disposed" : "")}";
}

/// <summary>Shape helpers shared by the host API.</summary>
internal static class Shapes
{
    public static string Format(IReadOnlyList<int> shape) => "(" + string.Join(", ", shape) + ")";

    public static long CheckedLength(int[] shape, string paramName)
    {
        ArgumentNullException.ThrowIfNull(shape, paramName);
        if (shape.Length == 0)
            throw new ArgumentException("A shape needs at least one dimension.", paramName);
        long n = 1;
        foreach (int d in shape)
        {
            if (d <= 0)
                throw new ArgumentException($"Shape {Format(shape)} has a dimension that is not positive.", paramName);
            // The kernels index elements with 32-bit integers: a larger shape (or one whose product overflows) is refused by name.
            if (n > int.MaxValue / d)
                throw new ArgumentException($"Shape {Format(shape)} has more than the {int.MaxValue:N0} elements a tensor can hold.", paramName);
            n *= d;
        }
        return n;
    }

    public static void RequireShape(DeviceTensor t, IReadOnlyList<int> expected, string paramName)
    {
        t.ThrowIfDisposed();
        if (!t.Shape.SequenceEqual(expected))
            throw new ArgumentException($"{paramName} has shape {t.ShapeText}, expected {Format(expected)}.", paramName);
    }

    public static void RequireRank(DeviceTensor t, int rank, string paramName)
    {
        t.ThrowIfDisposed();
        if (t.Rank != rank)
            throw new ArgumentException($"{paramName} must have rank {rank}, got shape {t.ShapeText}.", paramName);
    }

    public static void RequireSameDevice(DeviceTensor a, DeviceTensor b)
    {
        if (!ReferenceEquals(a.Device, b.Device))
            throw new ArgumentException($"Tensors live on different devices ({a.Device.Info.Spec} and {b.Device.Info.Spec}).");
    }
}
