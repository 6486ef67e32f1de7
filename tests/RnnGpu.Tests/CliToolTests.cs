using RnnGpu.Cli;

namespace RnnGpu.Tests;

/// <summary>The command as a .NET tool: its usage line names <c>rnngpu</c>, and its hints fit how it was started.</summary>
public class CliToolTests
{
    [Fact]
    public void Help_UsageLineSaysRnngpu()
    {
        var r = CliKit.Run("--help");
        Assert.Equal(0, r.Code);
        Assert.Contains("Usage:\n  rnngpu [command] [options]", r.Out.Replace("\r", ""));
        Assert.DoesNotContain("RnnGpu.Cli", r.Out);
        var t = CliKit.Run("train", "adding", "--help");
        Assert.Contains("rnngpu train adding [options]", t.Out);
        var v = CliKit.Run("--version");
        Assert.Equal(0, v.Code);
        Assert.Matches(@"^\d+\.\d+\.\d+", v.Out);
    }

    [Fact]
    public void Hints_FitDotnetRunAndTheInstalledTool()
    {
        var root = Path.Combine(Path.GetTempPath(), "rnngpu-invocation-" + Guid.NewGuid().ToString("N"));
        try
        {
            string project = Path.Combine(root, "src", "RnnGpu.Cli");
            string release = Path.Combine(project, "bin", "Release", "net10.0");
            string debug = Path.Combine(project, "bin", "Debug", "net10.0");
            Directory.CreateDirectory(release);
            Directory.CreateDirectory(debug);
            File.WriteAllText(Path.Combine(project, "RnnGpu.Cli.csproj"), "<Project />");
            // dotnet run from the repository root, or from elsewhere
            Assert.Equal("dotnet run -c Release --project src/RnnGpu.Cli --", Invocation.Detect(release + "/", root));
            Assert.Equal("dotnet run --project src/RnnGpu.Cli --", Invocation.Detect(debug, root));
            Assert.Equal("dotnet run -c Release --project ../RnnGpu.Cli --", Invocation.Detect(release, Path.Combine(root, "src", "x")));
            // the installed tool (its store holds no project), and anything else
            string store = Path.Combine(root, ".store", "rnngpu.cli", "0.1.0", "rnngpu.cli", "0.1.0", "tools", "net10.0", "any");
            Directory.CreateDirectory(store);
            Assert.Equal("rnngpu", Invocation.Detect(store, root));
            Assert.Equal("rnngpu", Invocation.Detect(AppContext.BaseDirectory, root));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
