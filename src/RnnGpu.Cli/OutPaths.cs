namespace RnnGpu.Cli;

/// <summary>
/// Checks of where a command will write (<c>--out</c>, <c>--json</c>), made before any model is built or run: an empty path, a
/// folder where a file is wanted (or the reverse), a missing parent, a file that exists without <c>--force</c>, and a folder
/// that cannot be written (read-only, <c>/sys</c>) are each one line naming the flag and the path (exit 2).
/// </summary>
internal static class OutPaths
{
    /// <summary>A file the command will create or (with <paramref name="force"/>) replace.</summary>
    /// <param name="flag">The option, for messages ("--out").</param>
    /// <param name="path">Its value.</param>
    /// <param name="force">Whether an existing file may be replaced.</param>
    /// <param name="createsFolder">The command creates the file's folder when it is missing (its nearest existing parent must
    /// then be writable).</param>
    public static void CheckFile(string flag, string path, bool force, bool createsFolder = false)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new CliException($"{flag} must name a file, got an empty path.");
        if (Directory.Exists(path))
            throw new CliException($"{flag} {path} is a folder; give the path of a file.");
        string full = Full(flag, path);
        string dir = Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(dir))
        {
            if (!createsFolder)
                throw new CliException($"{flag} {path}: folder {dir} does not exist.");
            CheckFolder(flag, dir);
            return;
        }
        if (File.Exists(full) && !force)
            throw new CliException($"{flag} {path} exists; choose another file or pass --force to replace it.");
        CheckWritable(flag, path, dir);
    }

    /// <summary>A folder the command writes files into; it is created if it does not exist (its nearest existing parent must
    /// be writable).</summary>
    /// <param name="flag">The option, for messages.</param>
    /// <param name="path">Its value.</param>
    public static void CheckFolder(string flag, string path)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new CliException($"{flag} must name a folder, got an empty path.");
        string full = Full(flag, path);
        if (File.Exists(full))
            throw new CliException($"{flag} {path} is a file; give the path of a folder.");
        string? existing = full;
        while (existing is not null && !Directory.Exists(existing))
        {
            if (File.Exists(existing))
                throw new CliException($"{flag} {path}: {existing} is a file, so the folder cannot be created.");
            existing = Path.GetDirectoryName(existing);
        }
        CheckWritable(flag, path, existing ?? ".");
    }

    static string Full(string flag, string path)
    {
        try
        {
            return Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new CliException($"{flag} {path} is not a usable path: {CliApp.OneLine(e.Message)}");
        }
    }

    /// <summary>Creates (and at once deletes) a temporary file in <paramref name="dir"/>: the only sure test that the folder can
    /// be written by this process.</summary>
    static void CheckWritable(string flag, string path, string dir)
    {
        string probe = Path.Combine(dir, ".rnngpu-write-test." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{flag} {path}: cannot write in {dir}: {CliApp.OneLine(e.Message)}");
        }
    }
}
