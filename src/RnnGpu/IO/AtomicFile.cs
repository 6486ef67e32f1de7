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
}
