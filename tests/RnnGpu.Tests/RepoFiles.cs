namespace RnnGpu.Tests;

/// <summary>Files of the repository the tests run from (found upward from the test assembly by RnnGpu.sln).</summary>
internal static class RepoFiles
{
    /// <summary>The repository root.</summary>
    public static string Root { get; } = Find();

    static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RnnGpu.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"no RnnGpu.sln above {AppContext.BaseDirectory}");
    }

    /// <summary>The full path of a repository file.</summary>
    public static string Combine(string relative) => Path.Combine(Root, relative);
}
