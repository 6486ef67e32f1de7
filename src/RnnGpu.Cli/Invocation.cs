namespace RnnGpu.Cli;

/// <summary>How the user started this command, so that a hint ("continue with: ... resume DIR", "see ... --help") can be typed
/// back as it is: <c>rnngpu</c> for the installed .NET tool, or <c>dotnet run -c Release --project src/RnnGpu.Cli --</c> when the
/// process runs from a build folder of the project (as <c>dotnet run</c> starts it), with the project's path relative to the
/// working directory.</summary>
internal static class Invocation
{
    /// <summary>The tool's command name (the usage line's).</summary>
    public const string ToolName = "rnngpu";

    /// <summary>The command to type for this process's hints.</summary>
    public static string Command { get; } = Detect(AppContext.BaseDirectory, Environment.CurrentDirectory);

    /// <summary>The hint command for an application folder and working directory: a project build folder
    /// <c>PROJECT/bin/CONFIG/TFM/</c> next to <c>PROJECT/RnnGpu.Cli.csproj</c> gives <c>dotnet run [-c CONFIG] --project PATH --</c>;
    /// anything else (the installed tool, the test host) gives <see cref="ToolName"/>.</summary>
    /// <param name="baseDirectory">The folder of the running application.</param>
    /// <param name="workingDirectory">The current directory.</param>
    public static string Detect(string baseDirectory, string workingDirectory)
    {
        var tfm = new DirectoryInfo(Path.TrimEndingDirectorySeparator(baseDirectory));
        var config = tfm.Parent;
        var bin = config?.Parent;
        var project = bin?.Parent;
        if (config is null || project is null || bin!.Name != "bin" || !File.Exists(Path.Combine(project.FullName, "RnnGpu.Cli.csproj")))
            return ToolName;
        string path = Path.GetRelativePath(workingDirectory, project.FullName);
        if (path.Contains(' ', StringComparison.Ordinal))
            path = $"\"{path}\"";
        string configuration = config.Name.Equals("Debug", StringComparison.OrdinalIgnoreCase) ? "" : $"-c {config.Name} ";
        return $"dotnet run {configuration}--project {path} --";
    }
}
