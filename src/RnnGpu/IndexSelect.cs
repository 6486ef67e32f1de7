namespace RnnGpu;

/// <summary>
/// <c>torch.index_select</c> on the device, for tensors and index tensors: a shuffled batch out of a dataset uploaded once
/// (<c>features.IndexSelect(0, batchRows)</c> of an (N, T, I) set gives (B, T, I); <c>IndexSelect(1, ...)</c> of a
/// sequence-major (T, N, I) one gives (T, B, I); ids and targets alike). Indices are checked on the device: one out of range
/// raises an ArgumentException naming its position and value (one int is read back).
/// </summary>
public static class IndexSelectExtensions
{
    static (int Outer, int N, int Inner) Split(IReadOnlyList<int> shape, int dim, string shapeText, DeviceIndices index)
    {
        ArgumentNullException.ThrowIfNull(index);
        if (dim < 0 || dim >= shape.Count)
            throw new ArgumentOutOfRangeException(nameof(dim), dim, $"dim must be in [0, {shape.Count}) for shape {shapeText}.");
        if (index.Shape.Count != 1)
            throw new ArgumentException($"index must be one-dimensional, got shape {index.ShapeText}.", nameof(index));
        int outer = 1, inner = 1;
        for (int d = 0; d < dim; d++) outer *= shape[d];
        for (int d = dim + 1; d < shape.Count; d++) inner *= shape[d];
        return (outer, shape[dim], inner);
    }

    static T Checked<T>(IndexCheck check, T y) where T : IDisposable
    {
        try
        {
            check.ThrowIfBad();
        }
        catch
        {
            y.Dispose();
            throw;
        }
        return y;
    }

    static int[] Shape(IReadOnlyList<int> shape, int dim, DeviceIndices index)
    {
        var s = shape.ToArray();
        s[dim] = (int)index.Length;
        return s;
    }

    /// <summary>The slices <paramref name="index"/> names along <paramref name="dim"/>, in that order (repeats allowed):
    /// shape as the tensor's with dimension dim of index.Length. A new tensor, owned by the caller.</summary>
    /// <param name="source">The tensor.</param>
    /// <param name="dim">The dimension selected along.</param>
    /// <param name="index">(K) positions, each in [0, source.Shape[dim]).</param>
    /// <exception cref="ArgumentException">An index is out of range (named with its position and value), the index is not
    /// one-dimensional, or the devices differ.</exception>
    public static DeviceTensor IndexSelect(this DeviceTensor source, int dim, DeviceIndices index)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var hold = DeviceHold.Of(source);
        source.ThrowIfDisposed();
        var (_, n, inner) = Split(source.Shape, dim, source.ShapeText, index);
        if (!ReferenceEquals(source.Device, index.Device))
            throw new ArgumentException("the tensor and the index live on different devices.", nameof(index));
        var y = DeviceTensor.Uninitialized(source.Device, Shape(source.Shape, dim, index));
        using var check = new IndexCheck(source.Device, index, "index", $"[0, {n}) (dimension {dim} of {source.ShapeText})");
        source.Device.Kernels.IndexSelect(source.View, index.View, y.View, n, inner, check.View);
        return Checked(check, y);
    }

    /// <summary><see cref="IndexSelect(DeviceTensor, int, DeviceIndices)"/> of an index tensor (token ids, class targets).</summary>
    /// <param name="source">The index tensor.</param>
    /// <param name="dim">The dimension selected along.</param>
    /// <param name="index">(K) positions, each in [0, source.Shape[dim]).</param>
    /// <exception cref="ArgumentException">An index is out of range (named with its position and value), the index is not
    /// one-dimensional, or the devices differ.</exception>
    public static DeviceIndices IndexSelect(this DeviceIndices source, int dim, DeviceIndices index)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var hold = DeviceHold.Of(source.Device);
        var (_, n, inner) = Split(source.Shape, dim, source.ShapeText, index);
        if (!ReferenceEquals(source.Device, index.Device))
            throw new ArgumentException("the index tensors live on different devices.", nameof(index));
        var y = DeviceIndices.Uninitialized(source.Device, Shape(source.Shape, dim, index));
        using var check = new IndexCheck(source.Device, index, "index", $"[0, {n}) (dimension {dim} of {source.ShapeText})");
        source.Device.Kernels.IndexSelectInt(source.View, index.View, y.View, n, inner, check.View);
        return Checked(check, y);
    }
}
