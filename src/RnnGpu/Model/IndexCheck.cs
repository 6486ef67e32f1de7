using ILGPU;
using ILGPU.Runtime;

namespace RnnGpu;

/// <summary>
/// Device-side range check of indices (class targets, token ids): the kernel that reads them skips an out-of-range one and
/// lowers a device int to the first such position (atomic min, so the answer does not depend on timing); the host reads that
/// int when it next needs the device anyway and raises an exception naming the position and value. Never an out-of-bounds read.
/// </summary>
internal sealed class IndexCheck : IDisposable
{
    static readonly int[] None = { int.MaxValue };
    readonly MemoryBuffer1D<int, Stride1D.Dense> first;
    readonly string what, range;
    readonly ComputeDevice device;
    bool returned;
    DeviceIndices? indices;

    /// <summary>A check armed for <paramref name="indices"/> (null: armed later by <see cref="Arm"/>).</summary>
    public IndexCheck(ComputeDevice device, DeviceIndices? indices, string what, string range)
    {
        this.device = device;
        first = device.RentBuffer<int>(1);
        first.View.CopyFromCPU(None);
        this.indices = indices;
        this.what = what;
        this.range = range;
    }

    /// <summary>Re-arms the check for another launch (an owner reuses one check across calls instead of allocating).</summary>
    public void Arm(DeviceIndices next)
    {
        first.View.CopyFromCPU(None);
        indices = next;
    }

    /// <summary>The (1) int the kernel lowers.</summary>
    public ArrayView<int> View => first.View;

    /// <summary>Reads the first bad position (synchronises) and throws if there is one.</summary>
    /// <exception cref="ArgumentException">Names the position, the value (when the indices are still alive) and the range.</exception>
    public void ThrowIfBad()
    {
        var at = new int[1];
        first.View.CopyToCPU(at);
        if (at[0] == int.MaxValue)
            return;
        string value = "?";
        if (indices is { IsDisposed: false })
        {
            var v = new int[1];
            indices.View.SubView(at[0], 1).CopyToCPU(v);
            value = v[0].ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        throw new ArgumentException($"{what}[{at[0]}] = {value} is outside {range}.", what);
    }

    public void Dispose()
    {
        if (returned)
            return;
        returned = true;
        if (!device.IsDisposed)
            device.ReturnBuffer(first);
    }
}
