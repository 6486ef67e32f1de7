using ILGPU;
using ILGPU.Runtime;

namespace RnnGpu;

/// <summary>A dense, row-major int32 tensor in device memory: token ids, class targets, argmax results.</summary>
public sealed class DeviceIndices : IDisposable
{
    readonly MemoryBuffer1D<int, Stride1D.Dense> buffer;
    readonly int[] shape;
    bool disposed;

    DeviceIndices(ComputeDevice device, MemoryBuffer1D<int, Stride1D.Dense> buffer, int[] shape)
    {
        Device = device;
        this.buffer = buffer;
        this.shape = shape;
    }

    /// <summary>The device holding the data.</summary>
    public ComputeDevice Device { get; }

    /// <summary>The shape, outermost dimension first.</summary>
    public IReadOnlyList<int> Shape => shape;

    /// <summary>Number of elements.</summary>
    public long Length => buffer.Length;

    /// <summary>The shape formatted as <c>(2, 3)</c>.</summary>
    public string ShapeText => Shapes.Format(shape);

    /// <summary>Whether the tensor (or its device) has been disposed.</summary>
    public bool IsDisposed => disposed || Device.IsDisposed;

    internal ArrayView<int> View
    {
        get
        {
            if (disposed || Device.IsDisposed)
                throw new ObjectDisposedException(nameof(DeviceIndices), $"The index tensor of shape {ShapeText} has been disposed.");
            return buffer.View;
        }
    }

    /// <summary>Allocates an index tensor with undefined contents.</summary>
    /// <param name="device">The device.</param>
    /// <param name="shape">Dimensions, each positive.</param>
    public static DeviceIndices Uninitialized(ComputeDevice device, params int[] shape)
    {
        using var hold = DeviceHold.Of(device);
        ArgumentNullException.ThrowIfNull(device);
        long n = Shapes.CheckedLength(shape, nameof(shape));
        var buf = device.RentBuffer<int>(n); // from the device's caching allocator, as tensors are
        return new DeviceIndices(device, buf, (int[])shape.Clone());
    }

    /// <summary>Copies host data into a new index tensor.</summary>
    /// <param name="device">The device.</param>
    /// <param name="data">Row-major values filling the shape.</param>
    /// <param name="shape">Dimensions, each positive.</param>
    /// <exception cref="ArgumentException">The data does not fill the shape.</exception>
    public static DeviceIndices FromHost(ComputeDevice device, ReadOnlySpan<int> data, params int[] shape)
    {
        using var hold = DeviceHold.Of(device);
        long n = Shapes.CheckedLength(shape, nameof(shape));
        if (data.Length != n)
            throw new ArgumentException($"Data of length {data.Length} does not fill an index tensor of shape {Shapes.Format(shape)} ({n} elements).", nameof(data));
        var t = Uninitialized(device, shape);
        t.View.CopyFromCPU(data);
        return t;
    }

    /// <summary>Copies the values to a new host array (synchronises the device).</summary>
    public int[] ToArray()
    {
        using var hold = Device.Hold();
        var v = View;
        var r = new int[v.Length];
        Device.Synchronize();
        v.CopyToCPU(r);
        return r;
    }

    /// <summary>A new index tensor with the same values (copied on the device).</summary>
    /// <summary>Refills the indices in place (a training loop's class targets or token ids, batch after batch, with no
    /// allocation).</summary>
    /// <param name="data">As many values as the tensor holds, row-major.</param>
    /// <exception cref="ArgumentException">The length does not match; the message names both.</exception>
    public void CopyFromHost(ReadOnlySpan<int> data)
    {
        using var hold = Device.Hold();
        if (data.Length != Length)
            throw new ArgumentException($"Data of length {data.Length} does not fill the index tensor of shape {ShapeText} ({Length} elements).", nameof(data));
        View.CopyFromCPU(data);
    }

    /// <summary>A copy on the same device.</summary>
    public DeviceIndices Clone()
    {
        using var hold = Device.Hold();
        var t = Uninitialized(Device, shape);
        View.CopyTo(t.View);
        return t;
    }

    /// <summary>Copies all of this tensor into <paramref name="destination"/> starting at element <paramref name="offset"/>, on the device.</summary>
    internal void CopyInto(DeviceIndices destination, long offset)
    {
        var dst = destination.View.SubView(offset, Length);
        View.CopyTo(dst);
    }

    /// <summary>Frees the buffer.</summary>
    public void Dispose()
    {
        if (disposed)
            return;
        disposed = true;
        if (!Device.IsDisposed)
            Device.ReturnBuffer(buffer);
    }

    /// <summary>Shape and device, e.g. <c>DeviceIndices(50, 32) int32 on cpu:0</c>.</summary>
    public override string ToString() => $"DeviceIndices{ShapeText} int32 on {Device.Info.Spec}{(IsDisposed ? ", disposed" : "")}";
}
