using static RnnGpu.Tests.CliKit;

namespace RnnGpu.Tests;

/// <summary><c>rnngpu verify</c> passes on every accelerator the suite runs on (the CPU accelerator, the GPU simulator,
/// OpenCL and CUDA when present): every GEMM variant and recurrence algorithm that can run there, against the float64
/// reference, and it names what it skipped and why.</summary>
public class CliVerifyTests
{
    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void Verify_PassesOnEveryAccelerator(string deviceName)
    {
        var r = deviceName == TestDevices.CpuSim ? Run("verify", "--gpu-simulator") : Run("verify", "--accelerator", deviceName);
        Assert.True(r.Code == 0, r.Out + r.Err);
        Assert.Contains(" 0 failed", r.Out);
        Assert.DoesNotContain("FAIL", r.Out);
        Assert.Contains("| lstm FusedStep ", r.Out);
        Assert.Matches(@"\| ctc loss +\| ok +\| ctc: ", r.Out); // the CTC kernels against their float64 reference too
        if (deviceName == TestDevices.CpuSim)
        {
            // The GPU kernels run on the simulator: the tiled GEMM, the tiled and row steps, the persistent kernel.
            Assert.Contains("0 skipped", r.Out);
            Assert.Matches(@"\| gemm Tiled +\| ok ", r.Out);
            Assert.Matches(@"\| gru TiledStep +\| ok ", r.Out);
        }
    }

    [Fact]
    public void VerifyTable_OneBoundPerError_StatusAndWhatRan_OneNumberFormat()
    {
        var r = Run("verify", "--accelerator", "cpu");
        var lines = r.Out.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("| check ", StringComparison.Ordinal) && l.Contains("| status ") && l.Contains("| ran ")
            && l.Contains("| forward error ") && l.Contains("| backward error "));
        // Both CPU forms ran and say so; a skipped row names what runs instead, in the case column only.
        Assert.Matches(@"\| lstm FusedStep +\| ok +\| FusedStep +\| \d\.\d\dE-\d +\| 1\.00E-5 +\| \d\.\d\dE-\d +\| 1\.00E-4 ", r.Out);
        Assert.Matches(@"\| lstm Persistent +\| ok +\| Persistent +\|", r.Out);
        Assert.Matches(@"\| lstm RowStep +\| skipped +\| - +\| - ", r.Out);
        Assert.DoesNotContain("E-00", r.Out); // one format, as rnngpu bench writes errors (2.75E-7)
        Assert.DoesNotContain("(bound", r.Out);
        Assert.DoesNotContain("1 workers", r.Out);
    }

    [Fact]
    public void Verify_RefusesSimulatorWithAccelerator() =>
        AssertOneLineError(Run("verify", "--gpu-simulator", "--accelerator", "cpu"), "--gpu-simulator is the CPU accelerator");
}
