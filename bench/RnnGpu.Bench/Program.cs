namespace RnnGpu.Bench;

static class Program
{
    // No arguments: the promoted variants of this accelerator against the host SIMD peer.
    // "variants [name...]": also the numbered experiments of GemmVariants (validated, then timed).
    // "check [name...]": odd sizes, transposes, beta and bias against the float64 reference.
    static int Main(string[] args)
    {
        using var device = ComputeDevice.Create();
        Console.WriteLine(device.Info);
        if (args.Length > 0 && args[0] == "variants")
        {
            GemmVariants.Time(device, args[1..], 7, Console.Out);
            return 0;
        }
        if (args.Length > 0 && args[0] == "check")
            return GemmVariants.Check(device, args[1..], Console.Out);
        var variants = device.Kind == AcceleratorKind.Cpu
            ? new[] { GemmVariant.CpuBlocked }
            : new[] { GemmVariant.RowBlocked, GemmVariant.Tiled };
        GemmQuick.Run(device, variants, 5, Console.Out);
        return 0;
    }
}
