using ILGPU;
using ILGPU.Runtime.CPU;
using RnnGpu.Kernels;

namespace RnnGpu.Tests;

/// <summary>
/// The device policy's answers: on the CPU accelerator in its configurations (plain, GPU-simulating with one and
/// with four multiprocessors, sequential), on every OpenCL and CUDA device present, and for described devices
/// (<see cref="KernelPolicy.For"/>) that need no hardware. Plus: the host's kernel set and GEMM follow it.
/// </summary>
public class KernelPolicyTests
{
    static readonly RnnMode[] Cells = CellSpec.PyTorch.Select(c => c.Kind).ToArray(); // the cell table's cells the int-cell kernels run

    [Theory]
    [InlineData("cpu")]
    [InlineData(TestDevices.CpuSim)]
    [InlineData(TestDevices.CpuSim4)]
    public void CpuAccelerator_BlockedGemm_PersistentForEveryBatch_ThreadPerWorker_BarrierOverItsMultiprocessors(string name)
    {
        var device = TestDevices.Get(name);
        var policy = device.Policy;
        Assert.Equal(AcceleratorKind.Cpu, policy.Kind);
        Assert.True(policy.IsCpuDevice);
        Assert.Equal(GemmVariant.CpuBlocked, policy.GemmVariant);
        Assert.Equal(new[] { GemmVariant.CpuBlocked }, policy.GemmCandidates);
        Assert.Equal(RecurrenceAlgorithm.FusedStep, policy.StepAlgorithm);
        int workers = name switch { TestDevices.CpuSim => 1, TestDevices.CpuSim4 => 4, _ => Environment.ProcessorCount };
        Assert.Equal(workers, policy.ElementwiseThreads);
        Assert.True(policy.GridBarrierSafe);
        Assert.Equal(workers, policy.MaxResidentGroups);
        Assert.Equal(int.MaxValue, policy.PersistentAutoMaxBatch);
        foreach (var cell in Cells)
            foreach (int b in new[] { 1, 16, 17, 4096 })
                Assert.Equal(RecurrenceAlgorithm.Persistent, policy.Recurrence(cell, b));
        AssertHostFollows(device);
    }

    [Fact]
    public void SequentialCpuAccelerator_OneResidentGroup()
    {
        using var context = Context.Create(b => b.CPU(new CPUDevice(2, 1, 4)));
        using var accel = context.GetCPUDevice(0).CreateCPUAccelerator(context, CPUAcceleratorMode.Sequential);
        var policy = KernelPolicy.Of(accel, new DeviceInfo(AcceleratorKind.Cpu, 0, "sequential", 1 << 30, 2, 2, true));
        Assert.True(policy.GridBarrierSafe);
        Assert.Equal(1, policy.MaxResidentGroups);
    }

    /// <summary>Every OpenCL and CUDA device of this run (none on a CPU-only machine).</summary>
    [Fact]
    public void OpenClAndCudaDevicesPresent()
    {
        foreach (var name in TestDevices.Real.Select(d => (string)d[0]).Where(n => !n.StartsWith("cpu", StringComparison.Ordinal)))
        {
            var device = TestDevices.Get(name);
            var policy = device.Policy;
            Assert.Equal(device.Kind, policy.Kind);
            Assert.Equal(device.Info.IsCpuDevice, policy.IsCpuDevice);
            Assert.Null(policy.ElementwiseThreads);
            Assert.Equal(policy.GemmVariant, policy.GemmCandidates[0]);
            if (device.Kind == AcceleratorKind.OpenCL)
                AssertOpenCl(policy, device.Info.IsCpuDevice);
            else
                AssertCuda(policy, device.Accelerator.NumMultiprocessors);
            AssertHostFollows(device);
        }
    }

    [Fact]
    public void DescribedDevices_OpenClNeverBarrier_CudaPersistentUpTo16()
    {
        AssertOpenCl(KernelPolicy.For(AcceleratorKind.OpenCL, isCpuDevice: true, 2), cpuDevice: true);
        AssertOpenCl(KernelPolicy.For(AcceleratorKind.OpenCL, isCpuDevice: false, 60), cpuDevice: false);
        AssertCuda(KernelPolicy.For(AcceleratorKind.Cuda, isCpuDevice: false, 132), 132);
        var cpu = KernelPolicy.For(AcceleratorKind.Cpu, isCpuDevice: true, 3);
        Assert.Equal(3, cpu.MaxResidentGroups);
        Assert.Equal(RecurrenceAlgorithm.Persistent, cpu.Recurrence(RnnMode.Lstm, 1));
        Assert.Equal(RecurrenceAlgorithm.FusedStep, cpu.StepAlgorithm);
        Assert.Contains("persistent for every batch", cpu.ToString());
        Assert.Contains("no grid barrier", KernelPolicy.For(AcceleratorKind.OpenCL, true, 2).ToString());
        Assert.Contains("persistent for B <= 16", KernelPolicy.For(AcceleratorKind.Cuda, false, 132).ToString());
        // The cells that are types run their generic per-step recurrence on every accelerator, as RecurrenceChoice does.
        foreach (var policy in new[] { cpu, KernelPolicy.For(AcceleratorKind.Cuda, false, 132), KernelPolicy.For(AcceleratorKind.OpenCL, true, 2) })
            foreach (var spec in CellSpec.All.Where(c => c.CellType is not null))
                Assert.Equal(RecurrenceAlgorithm.FusedStep, policy.Recurrence(spec.Kind, 1));
    }

    /// <summary>The host SIMD tier follows what the runtime offers: CI runs the CPU kernel tests again with
    /// DOTNET_EnableAVX512=0 (.NET 10's switch; the AVX2 tier) and DOTNET_EnableHWIntrinsic=0 (scalar), and this test
    /// checks the tier really changed there.</summary>
    [Fact]
    [Trait(Suites.Tier, Suites.Kernels)]
    public void HostSimdTier_FollowsTheRuntime()
    {
        string tier = RnnKernels.CpuSimdTier;
        Assert.Contains($"host SIMD {tier}", KernelPolicy.For(AcceleratorKind.Cpu, true, 2).ToString());
        if (Environment.GetEnvironmentVariable("DOTNET_EnableHWIntrinsic") == "0")
            Assert.Equal("scalar", tier);
        else if (Environment.GetEnvironmentVariable("DOTNET_EnableAVX512") == "0")
            Assert.Equal(System.Runtime.Intrinsics.X86.Avx2.IsSupported ? "AVX2" : "scalar", tier);
        else if (System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated)
            Assert.Equal("AVX-512", tier);
    }

    [Fact]
    public void BadArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => KernelPolicy.For(AcceleratorKind.Cuda, false, -1));
        var policy = KernelPolicy.For(AcceleratorKind.Cuda, false, 132);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => policy.Recurrence(RnnMode.Lstm, 0));
        Assert.Equal("batch", ex.ParamName);
        ex = Assert.Throws<ArgumentOutOfRangeException>(() => policy.Recurrence((RnnMode)9, 4));
        Assert.Equal("cell", ex.ParamName);
        Assert.Contains("lstm", ex.Message);
    }

    static void AssertOpenCl(KernelPolicy policy, bool cpuDevice)
    {
        Assert.Equal(AcceleratorKind.OpenCL, policy.Kind);
        Assert.Equal(cpuDevice ? GemmVariant.RowBlocked : GemmVariant.Tiled, policy.GemmVariant);
        Assert.Equal(cpuDevice ? new[] { GemmVariant.RowBlocked, GemmVariant.Tiled } : new[] { GemmVariant.Tiled },
            policy.GemmCandidates);
        var step = cpuDevice ? RecurrenceAlgorithm.RowStep : RecurrenceAlgorithm.TiledStep;
        Assert.Equal(step, policy.StepAlgorithm);
        Assert.Null(policy.ElementwiseThreads);
        Assert.False(policy.GridBarrierSafe);
        Assert.Equal(0, policy.MaxResidentGroups);
        Assert.Contains("forward-progress", policy.GridBarrierReason);
        Assert.Equal(0, policy.PersistentAutoMaxBatch);
        foreach (var cell in Cells)
            foreach (int b in new[] { 1, 16, 17 })
                Assert.Equal(step, policy.Recurrence(cell, b));
    }

    static void AssertCuda(KernelPolicy policy, int multiprocessors)
    {
        Assert.Equal(AcceleratorKind.Cuda, policy.Kind);
        Assert.Equal(GemmVariant.Tiled, policy.GemmVariant);
        Assert.Equal(new[] { GemmVariant.Tiled }, policy.GemmCandidates);
        Assert.Equal(RecurrenceAlgorithm.TiledStep, policy.StepAlgorithm);
        Assert.Null(policy.ElementwiseThreads);
        Assert.True(policy.GridBarrierSafe);
        Assert.Equal(multiprocessors, policy.MaxResidentGroups);
        Assert.Equal(16, policy.PersistentAutoMaxBatch);
        foreach (var cell in Cells)
        {
            Assert.Equal(RecurrenceAlgorithm.Persistent, policy.Recurrence(cell, 1));
            Assert.Equal(RecurrenceAlgorithm.Persistent, policy.Recurrence(cell, 16));
            Assert.Equal(RecurrenceAlgorithm.TiledStep, policy.Recurrence(cell, 17));
        }
    }

    /// <summary>The host asks the policy (Blas's default variant is what GemmVariant.Auto runs).</summary>
    static void AssertHostFollows(ComputeDevice device) =>
        Assert.Equal(device.Policy.GemmVariant, Blas.DefaultVariant(device));
}
