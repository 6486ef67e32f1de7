using RnnGpu.Kernels;

namespace RnnGpu.Tests;

/// <summary>The <see cref="Softmax"/> module (softmax and log-softmax over the last axis) against its float64 reference on
/// every accelerator, forward and backward; the reference's backward against finite differences.</summary>
[Trait(Suites.Tier, Suites.Kernels)]
public class SoftmaxTests
{
    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void Softmax_And_LogSoftmax_MatchTheReference(string deviceName)
    {
        var dev = TestDevices.Get(deviceName);
        const int T = 4, B = 3, C = 37;
        var rng = new Random(17);
        var x = Numerics.Uniform(rng, T * B * C, 4f);
        var dy = Numerics.Uniform(rng, T * B * C);
        foreach (bool log in new[] { false, true })
        {
            using var m = new Softmax(dev, log);
            using var tx = DeviceTensor.FromHost(dev, x, T, B, C);
            using var y = m.Forward(tx, training: true);
            using var tdy = DeviceTensor.FromHost(dev, dy, T, B, C);
            using var dx = m.Backward(tdy);
            var (ry, rdx) = ModelReference.Softmax(Numerics.ToDouble(x), Numerics.ToDouble(dy), C, log);
            Numerics.AssertClose(y.ToArray(), ry, 1e-6, log ? "log-softmax" : "softmax");
            Numerics.AssertClose(dx.ToArray(), rdx, 1e-5, log ? "log-softmax dx" : "softmax dx");
            Assert.Throws<InvalidOperationException>(() => m.Backward(tdy)); // one backward per training forward
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reference_BackwardMatchesFiniteDifferences(bool log)
    {
        const int C = 6;
        var rng = new Random(3);
        var x = Numerics.ToDouble(Numerics.Uniform(rng, 2 * C, 2f));
        var dy = Numerics.ToDouble(Numerics.Uniform(rng, 2 * C));
        var (_, dx) = ModelReference.Softmax(x, dy, C, log);
        for (int i = 0; i < x.Length; i++)
        {
            const double h = 1e-6;
            var p = (double[])x.Clone();
            var q = (double[])x.Clone();
            p[i] += h;
            q[i] -= h;
            double f(double[] v) => ModelReference.Softmax(v, dy, C, log).Y.Select((y, k) => y * dy[k]).Sum();
            Assert.Equal((f(p) - f(q)) / (2 * h), dx[i], 6);
        }
    }
}
