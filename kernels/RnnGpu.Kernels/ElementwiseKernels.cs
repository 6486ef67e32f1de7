using ILGPU;

namespace RnnGpu.Kernels;

/// <summary>Small elementwise kernels used by the host API.</summary>
public static class ElementwiseKernels
{
    /// <summary>x[i] = value.</summary>
    /// <param name="i">Element index.</param>
    /// <param name="x">x: (n).</param>
    /// <param name="value">The value.</param>
    public static void Fill(Index1D i, ArrayView<float> x, float value) => x[i] = value;
}
