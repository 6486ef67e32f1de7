namespace RnnGpu.Bench;

static class Program
{
    static int Main(string[] args)
    {
        using var device = ComputeDevice.Create();
        Console.WriteLine(device.Info);
        var variants = device.Kind == AcceleratorKind.Cpu
            ? new[] { GemmVariant.CpuBlocked }
            : new[] { GemmVariant.RowBlocked, GemmVariant.Tiled };
        GemmQuick.Run(device, variants, 5, Console.Out);
        return 0;
    }
}
