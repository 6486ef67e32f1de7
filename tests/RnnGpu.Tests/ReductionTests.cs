using RnnGpu.Kernels;

namespace RnnGpu.Tests;

[Trait(Suites.Tier, Suites.Kernels)]
public class ReductionTests
{
    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void ColumnSum_MatchesReference_OddSizes(string deviceName)
    {
        var device = TestDevices.Get(deviceName);
        var rng = new Random(11);
        foreach (var (rows, cols) in new[] { (1, 1), (7, 33), (129, 7), (1000, 3), (33, 129) })
        foreach (bool accumulate in new[] { false, true })
        {
            float[] x = Numerics.Uniform(rng, rows * cols), d0 = Numerics.Uniform(rng, cols);
            using var tx = DeviceTensor.FromHost(device, x, rows, cols);
            using var td = DeviceTensor.FromHost(device, d0, cols);
            if (!accumulate)
                td.Fill(float.NaN);
            Reductions.ColumnSum(tx, td, accumulate);
            var reference = Numerics.ToDouble(d0);
            Reference.ColumnSum(x, rows, cols, cols, reference, accumulate);
            Numerics.AssertClose(td.ToArray(), reference, 1e-6, $"{deviceName} {rows}x{cols} accumulate={accumulate}");
        }
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void SumOfSquares_MatchesReference_OddSizes(string deviceName)
    {
        var device = TestDevices.Get(deviceName);
        var rng = new Random(12);
        foreach (int n in new[] { 1, 7, 33, 129, 1025, 100_003 })
        {
            float[] x = Numerics.Uniform(rng, n);
            using var tx = DeviceTensor.FromHost(device, x, n);
            float got = Reductions.SumOfSquares(tx);
            double want = Reference.SumOfSquares(x);
            Assert.True(Math.Abs(got - want) / want < 1e-5, $"{deviceName} n={n}: {got} vs {want}");
        }
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void SumOfSquares_AccumulatesIntoSlot_OnDevice(string deviceName)
    {
        var device = TestDevices.Get(deviceName);
        var rng = new Random(13);
        float[] x = Numerics.Uniform(rng, 777), y = Numerics.Uniform(rng, 5000);
        using var tx = DeviceTensor.FromHost(device, x, 777);
        using var ty = DeviceTensor.FromHost(device, y, 50, 100);
        using var result = DeviceTensor.FromHost(device, new[] { float.NaN, 0f, float.NaN }, 3);
        Reductions.SumOfSquares(tx, result, 1, accumulate: false);
        Reductions.SumOfSquares(ty, result, 1, accumulate: true);
        var r = result.ToArray();
        double want = Reference.SumOfSquares(x) + Reference.SumOfSquares(y);
        Assert.True(Math.Abs(r[1] - want) / want < 1e-5, $"{r[1]} vs {want}");
        Assert.True(float.IsNaN(r[0]) && float.IsNaN(r[2]), "neighbouring slots must be untouched");
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void Reductions_AreBitForBitDeterministic(string deviceName)
    {
        var device = TestDevices.Get(deviceName);
        var rng = new Random(14);
        const int rows = 6400, cols = 37;
        float[] x = Numerics.Uniform(rng, rows * cols, 100f);
        using var tx = DeviceTensor.FromHost(device, x, rows, cols);
        using var td = DeviceTensor.Zeros(device, cols);
        Reductions.ColumnSum(tx, td);
        float[] first = td.ToArray();
        float firstSq = Reductions.SumOfSquares(tx);
        for (int run = 0; run < 5; run++)
        {
            Reductions.ColumnSum(tx, td);
            Assert.Equal(first.Select(BitConverter.SingleToInt32Bits), td.ToArray().Select(BitConverter.SingleToInt32Bits));
            Assert.Equal(BitConverter.SingleToInt32Bits(firstSq), BitConverter.SingleToInt32Bits(Reductions.SumOfSquares(tx)));
        }
    }

    [Fact]
    public void ColumnSum_WrongDestination_Throws_NamingShapes()
    {
        var device = TestDevices.Get("cpu");
        using var x = DeviceTensor.Zeros(device, 4, 5);
        using var d = DeviceTensor.Zeros(device, 4);
        var ex = Assert.Throws<ArgumentException>(() => Reductions.ColumnSum(x, d));
        Assert.Contains("(4)", ex.Message);
        Assert.Contains("(4, 5)", ex.Message);
    }

    [Fact]
    public void SumOfSquares_BadSlot_Throws()
    {
        var device = TestDevices.Get("cpu");
        using var x = DeviceTensor.Zeros(device, 4);
        using var r = DeviceTensor.Zeros(device, 2);
        var ex = Assert.Throws<ArgumentException>(() => Reductions.SumOfSquares(x, r, 2, false));
        Assert.Contains("slot 2", ex.Message);
    }
}
