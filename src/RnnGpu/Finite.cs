using ILGPU;
using ILGPU.Runtime;
namespace RnnGpu;

/// <summary>The opt-in NaN/Inf check of the recurrent layers (<see cref="RnnOptions.CheckFinite"/>).</summary>
internal static class Finite
{
    /// <summary>Throws <see cref="ArithmeticException"/> naming <paramref name="what"/> and where the first
    /// non-finite element sits (as <paramref name="locate"/> describes a flat index).</summary>
    public static void Check(ComputeDevice device, DeviceTensor x, string what, Func<long, string> locate)
    {
        var flag = device.RentBuffer<int>(1);
        var f = new int[1];
        try
        {
            device.Kernels.FillInt(flag.View, 0);
            device.Kernels.NonFiniteFlag(x.View, flag.View);
            device.Synchronize();
            flag.View.CopyToCPU(f);
        }
        finally
        {
            device.ReturnBuffer(flag);
        }
        if (f[0] == 0)
            return;
        var host = x.ToArray();
        long i = Array.FindIndex(host, v => !float.IsFinite(v));
        throw new ArithmeticException(
            $"Non-finite value ({host[i]}) in {what} {x.ShapeText}: first at {locate(i)} (flat index {i}).");
    }
}
