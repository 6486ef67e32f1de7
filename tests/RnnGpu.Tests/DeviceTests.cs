namespace RnnGpu.Tests;

public class DeviceTests
{
    [Fact]
    public void ListDevices_AlwaysFindsTheCpuAccelerator()
    {
        var found = ComputeDevice.ListDevices();
        var cpu = Assert.Single(found, d => d.Kind == AcceleratorKind.Cpu);
        Assert.True(cpu.MemoryBytes > 0);
        Assert.Equal("cpu:0", cpu.Spec);
        Assert.Contains($"{Environment.ProcessorCount} workers", cpu.Name);
    }

    [Theory]
    [InlineData("cpu", AcceleratorKind.Cpu, 0)]
    [InlineData("CUDA:1", AcceleratorKind.Cuda, 1)]
    [InlineData(" opencl:0 ", AcceleratorKind.OpenCL, 0)]
    public void ParseSpec_ReadsKindAndIndex(string spec, AcceleratorKind kind, int index)
    {
        Assert.Equal((kind, index), ComputeDevice.ParseSpec(spec));
    }

    [Theory]
    [InlineData("tpu")]
    [InlineData("cuda:x")]
    [InlineData("cuda:-1")]
    public void ParseSpec_RejectsUnknown(string spec)
    {
        var ex = Assert.Throws<ArgumentException>(() => ComputeDevice.ParseSpec(spec));
        Assert.Contains(spec, ex.Message);
    }

    [Fact]
    public void ForcedAbsentAccelerator_Throws_ListingWhatWasFound()
    {
        // An index no machine has, so the test holds on GPU machines too.
        var ex = Assert.Throws<ArgumentException>(() =>
            ComputeDevice.Create(new DeviceOptions(AcceleratorKind.Cuda, 99, IgnoreEnvironment: true)));
        Assert.Contains("cuda:99", ex.Message);
        Assert.Contains("not found", ex.Message);
        Assert.Contains("cpu:0", ex.Message);
    }

    [Fact]
    public void ForcedAbsentAccelerator_FromEnvironment_NamesTheVariable()
    {
        string? old = Environment.GetEnvironmentVariable(ComputeDevice.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(ComputeDevice.EnvironmentVariable, "opencl:42");
            var ex = Assert.Throws<ArgumentException>(() => ComputeDevice.Create());
            Assert.Contains("RNNGPU_ACCELERATOR=opencl:42", ex.Message);
            Assert.Contains("cpu:0", ex.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable(ComputeDevice.EnvironmentVariable, old);
        }
    }

    [Fact]
    public void EnvironmentVariable_SelectsTheCpuAccelerator()
    {
        string? old = Environment.GetEnvironmentVariable(ComputeDevice.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(ComputeDevice.EnvironmentVariable, "cpu");
            using var d = ComputeDevice.Create();
            Assert.Equal(AcceleratorKind.Cpu, d.Kind);
        }
        finally
        {
            Environment.SetEnvironmentVariable(ComputeDevice.EnvironmentVariable, old);
        }
    }

    [Fact]
    public void DefaultDevice_PrefersCudaThenOpenCLThenCpu()
    {
        var found = ComputeDevice.ListDevices();
        using var d = ComputeDevice.Create(new DeviceOptions(IgnoreEnvironment: true));
        var expected = found.Any(f => f.Kind == AcceleratorKind.Cuda) ? AcceleratorKind.Cuda
            : found.Any(f => f.Kind == AcceleratorKind.OpenCL) ? AcceleratorKind.OpenCL : AcceleratorKind.Cpu;
        Assert.Equal(expected, d.Kind);
    }

    [Fact]
    public void CpuThreadsOption_ConfiguresWorkers_AndRejectsZero()
    {
        using var d = ComputeDevice.Create(new DeviceOptions(AcceleratorKind.Cpu, CpuThreads: 3, IgnoreEnvironment: true));
        Assert.Contains("3 workers", d.Info.Name);
        var ex = Assert.Throws<ArgumentException>(() =>
            ComputeDevice.Create(new DeviceOptions(AcceleratorKind.Cpu, CpuThreads: 0, IgnoreEnvironment: true)));
        Assert.Contains("CpuThreads", ex.Message);
    }

    [Fact]
    public void KernelsAreCompiledOnce_PerDevice()
    {
        var device = TestDevices.Get("cpu");
        using var a = DeviceTensor.Zeros(device, 8, 8);
        using var c = DeviceTensor.Zeros(device, 8, 8);
        Blas.Gemm(a, a, c);
        var set = device.Kernels;
        int count = set.LoadedCount;
        Blas.Gemm(a, a, c);
        Assert.Same(set, device.Kernels);
        Assert.Equal(count, set.LoadedCount);
    }

    [Fact]
    public void UseAfterDeviceDispose_Throws()
    {
        var d = ComputeDevice.Create(new DeviceOptions(AcceleratorKind.Cpu, IgnoreEnvironment: true));
        var t = DeviceTensor.Zeros(d, 3);
        d.Dispose();
        Assert.Throws<ObjectDisposedException>(() => t.ToArray());
        Assert.Throws<ObjectDisposedException>(() => DeviceTensor.Zeros(d, 3));
    }
}
