namespace RnnGpu.IO;

/// <summary>
/// Atomic file replacement: the content is written to a temporary file in the destination's folder (named
/// <c>.NAME.GUID.tmp</c>), flushed to disk, then moved over the destination. Readers see the old file or the whole new one,
/// never a partial write; on failure the temporary file is deleted and the destination is left as it was.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> atomically with what <paramref name="write"/> puts into the stream.</summary>
    /// <param name="path">Destination; its folder must exist.</param>
    /// <param name="write">Writes the whole content into the (temporary file's) stream.</param>
    /// <exception cref="IOException">The folder is missing or the file cannot be written or moved.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        string full = Path.GetFullPath(path);
        string dir = Path.GetDirectoryName(full) ?? ".";
        string tmp = Path.Combine(dir, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            using (var s = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(s);
                s.Flush(flushToDisk: true);
            }
            File.Move(tmp, full, overwrite: true);
        }
        catch
        {
            try { File.Delete(tmp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw;
        }
    }

    /// <summary>The intent file of a group commit in progress (<see cref="WriteGroup"/>).</summary>
    public const string IntentFile = ".rnngpu-commit";

    /// <summary>
    /// Replaces several files of one folder as one commit: each new content goes to its own flushed temporary file; then an
    /// intent file listing (temporary, destination) pairs is written atomically (the commit point); then the temporaries are
    /// moved over their destinations and the intent is deleted. A crash before the commit point leaves every old file (and
    /// temporaries that <see cref="RecoverGroup"/>'s caller may delete); after it, <see cref="RecoverGroup"/> finishes the moves,
    /// so the folder never shows files of two commits.
    /// </summary>
    /// <param name="dir">The folder (must exist).</param>
    /// <param name="files">Destination file names (in <paramref name="dir"/>, no folders) and what to write into each.</param>
    /// <exception cref="ArgumentException">A name with a folder part, or a name given twice.</exception>
    public static void WriteGroup(string dir, IReadOnlyList<(string Name, Action<Stream> Write)> files)
    {
        ArgumentNullException.ThrowIfNull(dir);
        ArgumentNullException.ThrowIfNull(files);
        if (files.Any(f => f.Name != Path.GetFileName(f.Name) || f.Name.Length == 0) || files.Select(f => f.Name).Distinct().Count() != files.Count)
            throw new ArgumentException("Group commit file names must be distinct plain names inside the folder.", nameof(files));
        RecoverGroup(dir); // an earlier commit that was interrupted after its commit point comes first
        var pairs = new List<(string Tmp, string Name)>();
        try
        {
            foreach (var (name, write) in files)
            {
                string tmp = "." + name + "." + Guid.NewGuid().ToString("N") + ".tmp";
                pairs.Add((tmp, name));
                using var s = new FileStream(Path.Combine(dir, tmp), FileMode.CreateNew, FileAccess.Write, FileShare.None);
                write(s);
                s.Flush(flushToDisk: true);
            }
            string intent = string.Join("\n", pairs.Select(p => p.Tmp + "\t" + p.Name)) + "\n";
            Write(Path.Combine(dir, IntentFile), s => s.Write(System.Text.Encoding.UTF8.GetBytes(intent)));
        }
        catch
        {
            foreach (var (tmp, _) in pairs)
            {
                try { File.Delete(Path.Combine(dir, tmp)); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
            throw;
        }
        RecoverGroup(dir);
    }

    /// <summary>Finishes a group commit whose intent file exists (moves the temporaries it lists that are still there over their
    /// destinations, then deletes the intent); does nothing when there is none. Call it before reading a folder that
    /// <see cref="WriteGroup"/> writes, and before deleting leftover temporaries.</summary>
    /// <param name="dir">The folder.</param>
    /// <param name="isGroupFile">Which destination names a commit in this folder may replace (e.g. the checkpoint files of a
    /// run), or null for any plain name. An intent naming another destination is refused and nothing is moved.</param>
    /// <exception cref="InvalidDataException">The intent file is not one this class wrote: a line that is not
    /// <c>.NAME.GUID.tmp</c>, a tab and <c>NAME</c> (a plain name that <paramref name="isGroupFile"/> accepts), or a name
    /// given twice. Nothing is moved or deleted then.</exception>
    public static void RecoverGroup(string dir, Func<string, bool>? isGroupFile = null)
    {
        ArgumentNullException.ThrowIfNull(dir);
        string intent = Path.Combine(dir, IntentFile);
        if (!File.Exists(intent))
            return;
        byte[] bytes = InputFile.ReadAllBytes(intent, MaxIntentBytes, "a commit intent");
        var moves = new List<(string Tmp, string Name)>();
        foreach (var line in System.Text.Encoding.UTF8.GetString(bytes).ReplaceLineEndings("\n").Split('\n').Where(l => l.Length > 0))
        {
            var parts = line.Split('\t');
            bool ours = parts.Length == 2 && parts[1].Length > 0 && parts[1] == Path.GetFileName(parts[1]) && parts[1] != IntentFile
                && IsTemporaryOf(parts[0], parts[1]) && (isGroupFile?.Invoke(parts[1]) ?? true)
                && moves.All(m => m.Name != parts[1]);
            if (!ours)
                throw new InvalidDataException($"'{intent}' is not a commit intent of RnnGpu (line '{line}'); nothing was moved. " +
                    "Delete it if no RnnGpu process wrote it.");
            moves.Add((parts[0], parts[1]));
        }
        foreach (var (tmp, name) in moves)
            if (File.Exists(Path.Combine(dir, tmp)))
                File.Move(Path.Combine(dir, tmp), Path.Combine(dir, name), overwrite: true);
        File.Delete(intent);
    }

    /// <summary>The largest intent file read (RnnGpu writes a line of about 60 bytes per file).</summary>
    const long MaxIntentBytes = 1 << 16;

    /// <summary>Whether <paramref name="file"/> is a temporary this class names for <paramref name="name"/>:
    /// <c>.NAME.</c>, 32 lower-case hex digits, <c>.tmp</c>.</summary>
    /// <param name="file">A file name.</param>
    /// <param name="name">The destination's file name.</param>
    public static bool IsTemporaryOf(string file, string name)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(name);
        int hex = name.Length + 2;
        return file.Length == hex + 32 + 4 && file[0] == '.' && file.AsSpan(1, name.Length).SequenceEqual(name)
            && file[hex - 1] == '.' && file.AsSpan(hex, 32).IndexOfAnyExcept("0123456789abcdef") < 0 && file.EndsWith(".tmp", StringComparison.Ordinal);
    }

    /// <summary>Deletes the temporaries (<c>.NAME.GUID.tmp</c>) that interrupted writes left in a folder, where no commit is
    /// in progress (call <see cref="RecoverGroup"/> first); a temporary another process is writing at that moment is not
    /// touched by the callers, which hold the folder's lock or own the destination.</summary>
    /// <param name="dir">The folder.</param>
    /// <param name="name">Only the temporaries of this destination name, or null for all.</param>
    public static void DeleteTemporaries(string dir, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(dir);
        foreach (var f in Directory.EnumerateFiles(dir, ".*.tmp"))
        {
            string file = Path.GetFileName(f);
            if (name is null ? IsTemporary(file) : IsTemporaryOf(file, name))
            {
                try { File.Delete(f); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
        }
    }

    /// <summary>Whether <paramref name="file"/> is a temporary this class names for some destination (<c>.NAME.GUID.tmp</c>).</summary>
    /// <param name="file">A file name.</param>
    public static bool IsTemporary(string file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return file.Length > 38 && IsTemporaryOf(file, file[1..^37]); // "." NAME "." 32 hex ".tmp"
    }
}
