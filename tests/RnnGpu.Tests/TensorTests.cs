namespace RnnGpu.Tests;

public class TensorTests
{
    [Theory]
    [MemberData(nameof(TestDevices.Real), MemberType = typeof(TestDevices))]
    public void HostRoundTrip_PreservesData(string deviceName)
    {
        var device = TestDevices.Get(deviceName);
        float[] x = Numerics.Uniform(new Random(1), 2 * 3 * 5);
        using var t = DeviceTensor.FromHost(device, x, 2, 3, 5);
        Assert.Equal(new[] { 2, 3, 5 }, t.Shape);
        Assert.Equal(30, t.Length);
        Assert.Equal(x, t.ToArray());
        Assert.Equal("(2, 3, 5)", t.ShapeText);
    }

    [Theory]
    [MemberData(nameof(TestDevices.Real), MemberType = typeof(TestDevices))]
    public void SliceRowAndReshape_AreViewsSharingMemory(string deviceName)
    {
        var device = TestDevices.Get(deviceName);
        float[] x = Enumerable.Range(0, 24).Select(i => (float)i).ToArray();
        using var t = DeviceTensor.FromHost(device, x, 4, 6);
        var s = t.Slice(1, 2);
        Assert.Equal(new[] { 2, 6 }, s.Shape);
        Assert.Equal(x[6..18], s.ToArray());
        var r = t.Row(3);
        Assert.Equal(new[] { 6 }, r.Shape);
        Assert.Equal(x[18..24], r.ToArray());
        var flat = t.Reshape(3, 8);
        Assert.Equal(x, flat.ToArray());

        // Writing through a view changes the parent: no copy was made.
        s.Fill(-1f);
        var after = t.ToArray();
        Assert.All(after[6..18], v => Assert.Equal(-1f, v));
        Assert.Equal(x[..6], after[..6]);
        Assert.Equal(x[18..], after[18..]);
        r.CopyFromHost(new float[] { 9, 9, 9, 9, 9, 9 });
        Assert.All(t.ToArray()[18..], v => Assert.Equal(9f, v));
    }

    [Theory]
    [MemberData(nameof(TestDevices.Real), MemberType = typeof(TestDevices))]
    public void CopyFrom_AndFill(string deviceName)
    {
        var device = TestDevices.Get(deviceName);
        using var a = DeviceTensor.FromHost(device, new float[] { 1, 2, 3, 4, 5, 6 }, 2, 3);
        using var b = DeviceTensor.Zeros(device, 2, 3);
        Assert.All(b.ToArray(), v => Assert.Equal(0f, v));
        b.CopyFrom(a);
        Assert.Equal(a.ToArray(), b.ToArray());
        b.Fill(2.5f);
        Assert.All(b.ToArray(), v => Assert.Equal(2.5f, v));
    }

    [Fact]
    public void WrongDataLength_Throws_NamingShape()
    {
        var device = TestDevices.Get("cpu");
        var ex = Assert.Throws<ArgumentException>(() => DeviceTensor.FromHost(device, new float[5], 2, 3));
        Assert.Contains("(2, 3)", ex.Message);
        Assert.Contains("length 5", ex.Message);
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(2, -1)]
    public void NonPositiveDimensions_Throw(int d0, int d1)
    {
        var device = TestDevices.Get("cpu");
        var ex = Assert.Throws<ArgumentException>(() => DeviceTensor.Zeros(device, d0, d1));
        Assert.Contains($"({d0}, {d1})", ex.Message);
        Assert.Contains("not positive", ex.Message);
    }

    [Fact]
    public void EmptyShape_Throws()
    {
        var device = TestDevices.Get("cpu");
        Assert.Throws<ArgumentException>(() => DeviceTensor.Zeros(device));
    }

    [Fact]
    public void BadSliceAndReshape_Throw_NamingShape()
    {
        var device = TestDevices.Get("cpu");
        using var t = DeviceTensor.Zeros(device, 4, 6);
        var ex = Assert.Throws<ArgumentException>(() => t.Slice(3, 2));
        Assert.Contains("(4, 6)", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => t.Reshape(5, 5));
        Assert.Contains("(4, 6)", ex.Message);
        Assert.Contains("(5, 5)", ex.Message);
    }

    [Fact]
    public void CopyFrom_ShapeMismatch_Throws_NamingBothShapes()
    {
        var device = TestDevices.Get("cpu");
        using var a = DeviceTensor.Zeros(device, 2, 3);
        using var b = DeviceTensor.Zeros(device, 3, 2);
        var ex = Assert.Throws<ArgumentException>(() => a.CopyFrom(b));
        Assert.Contains("(3, 2)", ex.Message);
        Assert.Contains("(2, 3)", ex.Message);
    }

    [Fact]
    public void UseAfterDispose_Throws_ForOwnerAndViews()
    {
        var device = TestDevices.Get("cpu");
        var t = DeviceTensor.Zeros(device, 4, 6);
        var view = t.Slice(0, 2);
        t.Dispose();
        Assert.True(t.IsDisposed);
        Assert.True(view.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => t.ToArray());
        Assert.Throws<ObjectDisposedException>(() => view.ToArray());
        Assert.Throws<ObjectDisposedException>(() => t.Fill(1f));
        Assert.Throws<ObjectDisposedException>(() => t.Slice(0, 1));
        t.Dispose(); // idempotent
    }

    [Fact]
    public void DisposingAView_LeavesTheOwnerUsable()
    {
        var device = TestDevices.Get("cpu");
        using var t = DeviceTensor.FromHost(device, new float[] { 1, 2, 3, 4 }, 2, 2);
        var view = t.Row(0);
        view.Dispose();
        Assert.Throws<ObjectDisposedException>(() => view.ToArray());
        Assert.Equal(new float[] { 1, 2, 3, 4 }, t.ToArray());
    }

    [Fact]
    public void AllocationsAreTracked()
    {
        using var device = ComputeDevice.Create(new DeviceOptions(AcceleratorKind.Cpu, IgnoreEnvironment: true));
        long before = device.AllocatedBytes;
        var t = DeviceTensor.Zeros(device, 10, 10);
        Assert.Equal(before + 400, device.AllocatedBytes);
        t.Dispose();
        Assert.Equal(before, device.AllocatedBytes);
    }
}
