namespace RnnGpu.Tests;

/// <summary>Out-of-range class targets and token ids raise an exception naming the first bad position and value, on every
/// accelerator, instead of reading out of bounds (which used to end the process on the CPU accelerator).</summary>
public class IndexCheckTests
{
    [Theory]
    [MemberData(nameof(TestDevices.Real), MemberType = typeof(TestDevices))]
    public void CrossEntropy_TargetOutOfRange_RaisesNamingPositionAndValue(string deviceName)
    {
        var device = TestDevices.Get(deviceName);
        using var logits = DeviceTensor.FromHost(device, Numerics.Uniform(new Random(1), 5 * 3), 5, 3);
        using var dlogits = DeviceTensor.Uninitialized(device, 5, 3);
        using var targets = DeviceIndices.FromHost(device, new[] { 0, 2, -100, 7, 3 }, 5);
        using var loss = Losses.CrossEntropy(logits, targets, dlogits);
        var ex = Assert.Throws<ArgumentException>(() => loss.Read());
        Assert.Contains("targets[3] = 7 is outside [0, 3)", ex.Message);

        // The same rows with valid targets read normally; the ignore index stays allowed.
        using var ok = DeviceIndices.FromHost(device, new[] { 0, 2, -100, 1, 2 }, 5);
        using var good = Losses.CrossEntropy(logits, ok, dlogits);
        Assert.True(float.IsFinite(good.Read()));
    }

    [Theory]
    [MemberData(nameof(TestDevices.Real), MemberType = typeof(TestDevices))]
    public void Embedding_IdOutOfRange_RaisesNamingPositionAndValue(string deviceName)
    {
        var device = TestDevices.Get(deviceName);
        using var emb = new Embedding(device, 4, 3);
        using var ids = DeviceIndices.FromHost(device, new[] { 1, 3, 0, -1, 9 }, 5);
        var ex = Assert.Throws<ArgumentException>(() => emb.Forward(ids, training: true));
        Assert.Contains("indices[3] = -1 is outside [0, 4)", ex.Message);
        using var good = DeviceIndices.FromHost(device, new[] { 1, 3, 0, 2 }, 4);
        using var y = emb.Forward(good);
        Assert.Equal(new[] { 4, 3 }, y.Shape);
    }
}
