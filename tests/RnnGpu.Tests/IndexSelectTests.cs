namespace RnnGpu.Tests;

/// <summary><c>IndexSelect</c> (torch.index_select) of tensors and index tensors on every accelerator: a shuffled batch out
/// of a dataset uploaded once, along the first or a middle dimension, repeats allowed; an index out of range is named.</summary>
[Trait(Suites.Tier, Suites.Kernels)]
public class IndexSelectTests
{
    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void IndexSelect_PicksSlicesAlongAnyDimension_NamesABadIndex(string deviceName)
    {
        var dev = TestDevices.Get(deviceName);
        const int n = 7, t = 3, f = 4;
        var data = Enumerable.Range(0, n * t * f).Select(i => (float)i).ToArray();
        using var set = DeviceTensor.FromHost(dev, data, n, t, f);            // (N, T, I), batch-first
        int[] rows = { 5, 0, 5, 2 };
        using var idx = DeviceIndices.FromHost(dev, rows, rows.Length);
        using var batch = set.IndexSelect(0, idx);
        Assert.Equal(new[] { 4, t, f }, batch.Shape);
        var got = batch.ToArray();
        for (int b = 0; b < rows.Length; b++)
            for (int k = 0; k < t * f; k++)
                Assert.Equal(data[rows[b] * t * f + k], got[b * t * f + k]);
        using var mid = set.IndexSelect(1, DeviceIndices.FromHost(dev, new[] { 2, 0 }, 2)); // (N, 2, I)
        var m = mid.ToArray();
        for (int i = 0; i < n; i++)
            for (int e = 0; e < f; e++)
            {
                Assert.Equal(data[(i * t + 2) * f + e], m[(i * 2 + 0) * f + e]);
                Assert.Equal(data[(i * t + 0) * f + e], m[(i * 2 + 1) * f + e]);
            }
        var ids = Enumerable.Range(0, n * t).Select(i => i * 10).ToArray();
        using var tokens = DeviceIndices.FromHost(dev, ids, t, n);              // (T, N) sequence-major ids
        using var picked = tokens.IndexSelect(1, idx);
        Assert.Equal(new[] { t, 4 }, picked.Shape);
        var p = picked.ToArray();
        for (int s = 0; s < t; s++)
            for (int b = 0; b < rows.Length; b++)
                Assert.Equal(ids[s * n + rows[b]], p[s * 4 + b]);
        using var bad = DeviceIndices.FromHost(dev, new[] { 1, 7, 3 }, 3);
        var ex = Assert.Throws<ArgumentException>(() => set.IndexSelect(0, bad));
        Assert.Contains("index[1] = 7 is outside [0, 7) (dimension 0 of (7, 3, 4))", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => set.IndexSelect(3, idx));
    }
}
