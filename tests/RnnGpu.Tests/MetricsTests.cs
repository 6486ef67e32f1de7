namespace RnnGpu.Tests;

/// <summary><see cref="Metrics"/> (argmax and accuracy) and the losses that allocate their own gradient.</summary>
public class MetricsTests
{
    [Theory]
    [MemberData(nameof(TestDevices.Real), MemberType = typeof(TestDevices))]
    public void Argmax_MatchesHost_FirstMaximumOnTies(string deviceName)
    {
        var dev = TestDevices.Get(deviceName);
        var rng = new Random(51);
        foreach (var (n, c) in new[] { (1, 1), (7, 5), (129, 33) })
        {
            float[] x = Numerics.Uniform(rng, n * c);
            using var tx = DeviceTensor.FromHost(dev, x, n, c);
            using var idx = Metrics.Argmax(tx);
            Assert.Equal(new[] { n }, idx.Shape);
            var expected = Enumerable.Range(0, n).Select(r => Array.IndexOf(x, x.Skip(r * c).Take(c).Max(), r * c) - r * c).ToArray();
            Assert.Equal(expected, idx.ToArray());
            Assert.Equal(expected, Metrics.Argmax(x, c));
        }
        // (T, B, C) counts T*B rows; ties keep the first index
        using var t3 = DeviceTensor.FromHost(dev, new float[] { 1, 3, 3, 0, 0, 0, -1, -2, 5, 5, 5, 5 }, 2, 2, 3);
        using var i3 = Metrics.Argmax(t3);
        Assert.Equal(new[] { 2, 2 }, i3.Shape);
        Assert.Equal(new[] { 1, 0, 2, 0 }, i3.ToArray());
        using var flat = DeviceTensor.Zeros(dev, 4);
        var ex = Assert.Throws<ArgumentException>(() => Metrics.Argmax(flat));
        Assert.Contains("(4)", ex.Message);
        Assert.Throws<ArgumentException>(() => Metrics.Argmax(new float[5], 2));
    }

    [Theory]
    [MemberData(nameof(TestDevices.Real), MemberType = typeof(TestDevices))]
    public void Accuracy_CountsRightRows_SkipsIgnored(string deviceName)
    {
        var dev = TestDevices.Get(deviceName);
        // argmax per row: 1, 0, 2, 2
        using var logits = DeviceTensor.FromHost(dev, new float[] { 0, 9, 1, 4, 2, 3, 0, 0, 7, 1, 1, 8 }, 4, 3);
        using var targets = DeviceIndices.FromHost(dev, new[] { 1, 2, 2, -100 }, 4);
        Assert.Equal(2.0 / 3, Metrics.Accuracy(logits, targets), 12);
        Assert.Equal(0.5, Metrics.Accuracy(logits, new[] { 1, 2, 2, 0 }), 12);
        Assert.Equal(1.0, Metrics.Accuracy(logits, new[] { 1, 0, 2, 2 }, ignoreIndex: 0), 12);
        Assert.Equal(0.0, Metrics.Accuracy(new[] { 1, 2 }, new[] { -100, -100 }));
        Assert.Equal(0.75, Metrics.Accuracy(new[] { 1, 2, 3, 4 }, new[] { 1, 2, 3, 0 }), 12);
        var ex = Assert.Throws<ArgumentException>(() => Metrics.Accuracy(logits, new[] { 1, 2, 2 }));
        Assert.Contains("expected 4", ex.Message);
        Assert.Throws<ArgumentException>(() => Metrics.Accuracy(new[] { 1 }, new[] { 1, 2 }));
    }

    [Theory]
    [MemberData(nameof(TestDevices.Real), MemberType = typeof(TestDevices))]
    public void Losses_WithoutGradient_AllocateIt_SameValues(string deviceName)
    {
        var dev = TestDevices.Get(deviceName);
        var rng = new Random(52);
        const int n = 7, c = 5;
        float[] x = Numerics.Uniform(rng, n * c, 4f), y = Numerics.Uniform(rng, n * c);
        var t = Enumerable.Range(0, n).Select(i => i == 3 ? -100 : rng.Next(c)).ToArray();
        using var tx = DeviceTensor.FromHost(dev, x, n, c);
        using var ty = DeviceTensor.FromHost(dev, y, n, c);
        using var tt = DeviceIndices.FromHost(dev, t, n);
        using var given = DeviceTensor.Uninitialized(dev, n, c);
        foreach (var loss in new Func<DeviceTensor?, LossValue>[]
                 {
                     d => Losses.CrossEntropy(tx, tt, d),
                     d => Losses.BceWithLogits(tx, ty, d, Reduction.Sum),
                     d => Losses.Mse(tx, ty, d),
                 })
        {
            DeviceTensor allocated;
            using (var withGiven = loss(given))
            using (var withNone = loss(null))
            {
                Assert.Same(given, withGiven.Gradient);
                allocated = withNone.Gradient;
                Assert.NotSame(given, allocated);
                Assert.Equal(new[] { n, c }, allocated.Shape);
                Assert.Equal(withGiven.Read(), withNone.Read());
                Assert.Equal(given.ToArray(), allocated.ToArray());
            }
            Assert.True(allocated.IsDisposed, "the loss frees the gradient it allocated");
            Assert.False(given.IsDisposed, "the loss leaves the caller's gradient alone");
        }
        // Inside a dispose scope the allocated gradient goes with the scope too.
        DeviceTensor inScope;
        using (DeviceTensor.NewDisposeScope())
            inScope = Losses.Mse(tx, ty).Gradient;
        Assert.True(inScope.IsDisposed);
    }
}

/// <summary>Accuracy over an evaluation set run in chunks.</summary>
public class AccuracyMeterTests
{
    [Fact]
    public void ChunkedAccuracy_EqualsTheWholeSetsAccuracy_WithIgnoredTargets()
    {
        var dev = TestDevices.Get("cpu");
        var rng = new Random(5);
        const int N = 37, C = 4;
        var logits = Numerics.Uniform(rng, N * C);
        var targets = Enumerable.Range(0, N).Select(i => i % 9 == 0 ? Losses.DefaultIgnoreIndex : rng.Next(C)).ToArray();
        using var all = DeviceTensor.FromHost(dev, logits, N, C);
        using var allTargets = DeviceIndices.FromHost(dev, targets, N);
        double whole = Metrics.Accuracy(all, allTargets);
        var meter = new AccuracyMeter();
        foreach (var (start, count) in new[] { (0, 10), (10, 1), (11, 26) })
        {
            using var chunk = DeviceTensor.FromHost(dev, logits.AsSpan(start * C, count * C), count, C);
            using var t = DeviceIndices.FromHost(dev, targets.AsSpan(start, count), count);
            meter.Add(chunk, t);
        }
        Assert.Equal(whole, meter.Accuracy, 12);
        Assert.Equal(targets.Count(t => t != Losses.DefaultIgnoreIndex), meter.Counted);
        meter.Reset();
        Assert.Equal(0, meter.Accuracy);
        Assert.Throws<ArgumentException>(() => meter.Add(all, new int[N - 1]));
    }
}
