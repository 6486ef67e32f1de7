using RnnGpu.Cli;

namespace RnnGpu.Tests;

/// <summary>Sizes that cannot fit are refused before anything is allocated, naming the sizes and the device's memory:
/// by the layer itself (constructor and forward), and by the train command before it creates a run folder.</summary>
[Trait(Suites.Key, Suites.CpuOnly)]
public sealed class MemoryCheckTests
{
    [Fact]
    public void Layer_TooLargeForTheDevice_IsRefusedBeforeAllocating()
    {
        var device = TestDevices.Get("cpu");
        long before = device.AllocatedBytes;
        var ex = Assert.Throws<ArgumentException>(() => new RecurrentLayer(device, new RnnOptions(RnnMode.Lstm, 2, 60000)));
        Assert.Contains("H = 60000", ex.Message);
        Assert.Contains("GiB free", ex.Message);
        Assert.Equal(before, device.AllocatedBytes);
    }

    [Fact]
    public void Forward_TooLargeABatch_IsRefusedBeforeAllocating()
    {
        var device = TestDevices.Get("cpu");
        using var layer = new RecurrentLayer(device, new RnnOptions(RnnMode.Gru, 1, 512));
        // T = 4096, B = 1024: a 16 MB input, but a training tape of about 60 GiB: refused by size before any allocation.
        using var x = DeviceTensor.Zeros(device, 4096, 1024, 1);
        long before = device.AllocatedBytes;
        var big = Assert.Throws<ArgumentException>(() => layer.Forward(x, training: true));
        Assert.Contains("a training forward of T = 4096, B = 1024", big.Message);
        Assert.Equal(before, device.AllocatedBytes);
        using var small = DeviceTensor.Zeros(device, 3, 2, 1);
        using var o = layer.Forward(small, training: true);
        var opts = new[] { new RnnOptions(RnnMode.Lstm, 2, 40000), new RnnOptions(RnnMode.Lstm, 2, 40000) };
        var ex = Assert.Throws<ArgumentException>(() => RecurrentLayer.EnsureFits(device, opts, 2));
        Assert.Contains("2 such layers", ex.Message);
    }

    [Fact]
    public void Train_HugeHiddenOrBatch_ExitsTwoWithoutARunFolder()
    {
        string dir = Path.Combine(Path.GetTempPath(), "rnngpu-mem-" + Guid.NewGuid().ToString("N"));
        var r = CliKit.Run("train", "adding", "--hidden", "20000", "--steps", "2", "--out", dir, "--accelerator", "cpu");
        Assert.Equal(CliApp.BadInput, r.Code);
        Assert.Contains("GiB", r.Err);
        Assert.False(Directory.Exists(dir));
        r = CliKit.Run("train", "adding", "--batch", "100000000", "--steps", "2", "--out", dir, "--accelerator", "cpu");
        Assert.Equal(CliApp.BadInput, r.Code);
        Assert.Contains("--batch is at most 1,048,576", r.Err);
        Assert.False(Directory.Exists(dir));
        r = CliKit.Run("train", "adding", "--batch", "1000000", "--seq", "100", "--steps", "2", "--out", dir, "--accelerator", "cpu");
        Assert.Equal(CliApp.BadInput, r.Code);
        Assert.Contains("--batch 1000000 x --seq 100", r.Err);
        Assert.False(Directory.Exists(dir));
    }
}
