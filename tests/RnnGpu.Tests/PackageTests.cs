using System.Diagnostics;

namespace RnnGpu.Tests;

/// <summary>
/// The packages as their users get them: scripts/check-package.sh packs RnnGpu.Kernels, RnnGpu and the RnnGpu.Cli tool into a
/// local feed under artifacts/package-check/, builds tests/RnnGpu.PackageTests against it for net8.0 and net10.0 and runs both
/// (on a machine with only the .NET 10 runtime the net8.0 build rolls forward to it), then installs the rnngpu tool and runs it.
/// It restores from NuGet (ILGPU, the net8.0 reference pack) where the NuGet cache lacks them, so .ci/run leaves this class
/// out of its offline OpenCL pass. About two minutes on two cores.
/// </summary>
[Trait(Suites.Key, Suites.Packaging)]
public class PackageTests
{
    [Fact]
    public async Task PackedLibrary_BuildsAndRuns_OnNet8AndNet10_ToolInstalls()
    {
        var psi = new ProcessStartInfo("bash", new[] { RepoFiles.Combine("scripts/check-package.sh") })
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoFiles.Root,
        };
        // A build started from inside `dotnet test` must not inherit the test run's MSBuild settings.
        foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)
                     || k.StartsWith("MSBUILD", StringComparison.Ordinal) || k == "DOTNET_HOST_PATH" || k.StartsWith("VSTEST", StringComparison.Ordinal)).ToList())
            psi.Environment.Remove(key);
        psi.Environment.Remove(ComputeDevice.EnvironmentVariable);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdoutTask = p.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await p.WaitForExitAsync(timeout.Token);
        string stdout = await stdoutTask;
        string all = stdout + "\n" + await stderr;
        Assert.True(p.ExitCode == 0, all);
        Assert.Contains("consumer .NETCoreApp,Version=v8.0, RnnGpu .NETCoreApp,Version=v8.0", stdout);
        Assert.Contains("consumer .NETCoreApp,Version=v10.0, RnnGpu .NETCoreApp,Version=v10.0", stdout);
        Assert.Contains("package check passed in", stdout);
    }
}
