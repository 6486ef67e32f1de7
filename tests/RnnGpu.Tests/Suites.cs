namespace RnnGpu.Tests;

/// <summary>The test categories (xunit traits) that scripts and CI select suites by, instead of lists of class names:
/// <c>dotnet test --filter "Suite!=CpuOnly"</c>.</summary>
public static class Suites
{
    /// <summary>The trait that says where a suite can run.</summary>
    public const string Key = "Suite";

    /// <summary>Suites that run on the CPU accelerator whatever <c>RNNGPU_ACCELERATOR</c> says (the command line with
    /// <c>--accelerator cpu</c>, the GPU simulator, ONNX Runtime's CPU provider, devices of their own, drawing): a pass on
    /// another accelerator leaves them out, having nothing of its own to test there.</summary>
    public const string CpuOnly = "CpuOnly";

    /// <summary>Suites that pack and restore NuGet packages: they need a package source (a root without the network, such as
    /// the PoCL root of scripts/test-opencl.sh, cannot run them).</summary>
    public const string Packaging = "Packaging";

    /// <summary>The trait of the kernel suites that CI reruns on each host SIMD tier of the CPU accelerator.</summary>
    public const string Tier = "Tier";

    /// <summary>Kernel suites: the recurrence, GEMM, reductions, model gradients, and the tier check itself.</summary>
    public const string Kernels = "Kernels";
}
