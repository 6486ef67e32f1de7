using System.Runtime.InteropServices;

namespace RnnGpu.IO;

/// <summary>
/// The one way RnnGpu reads a file it is given: only a regular file (a symbolic link is followed to its target), and no
/// more bytes than its format allows. A device (<c>/dev/zero</c>, <c>/dev/urandom</c>), a FIFO, a socket or a folder is
/// refused by name before it is opened, so nothing blocks on a pipe or reads an endless stream; a regular file larger than
/// the bound is refused before its content is read.
/// </summary>
public static class InputFile
{
    /// <summary>The largest file any reader here accepts: the largest .NET byte array.</summary>
    public static long MaxBytes => Array.MaxLength;

    /// <summary>Reads the whole of a regular file of at most <paramref name="maxBytes"/> bytes.</summary>
    /// <param name="path">The file.</param>
    /// <param name="maxBytes">The most bytes its format allows (at most <see cref="MaxBytes"/>).</param>
    /// <param name="what">What the file is, for messages (e.g. "an ONNX model", "--text").</param>
    /// <returns>The file's bytes.</returns>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">Not a regular file, or larger than the bound; the message names the path.</exception>
    public static byte[] ReadAllBytes(string path, long maxBytes, string what)
    {
        using var stream = OpenRead(path, maxBytes, what);
        var bytes = new byte[stream.Length];
        int got = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        if (got != bytes.Length)
            throw new InvalidDataException($"{path} ({what}) shrank while it was read ({got} of {bytes.Length} bytes).");
        return bytes;
    }

    /// <summary>Opens a regular file of at most <paramref name="maxBytes"/> bytes for reading (see <see cref="ReadAllBytes"/>).</summary>
    /// <param name="path">The file.</param>
    /// <param name="maxBytes">The most bytes its format allows.</param>
    /// <param name="what">What the file is, for messages.</param>
    /// <returns>The open stream; its <see cref="Stream.Length"/> is within the bound.</returns>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">Not a regular file, or larger than the bound.</exception>
    public static FileStream OpenRead(string path, long maxBytes, string what)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(what);
        if (path.Length == 0)
            throw new ArgumentException($"The path of {what} is empty.", nameof(path));
        CheckRegular(path, what);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        try
        {
            long limit = Math.Min(maxBytes, MaxBytes);
            if (stream.Length > limit)
                throw new InvalidDataException($"{path} ({what}) is {stream.Length:N0} bytes; at most {limit:N0} are read for {what}.");
            return stream;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Refuses anything but a regular file (after following symbolic links), naming what it is.</summary>
    /// <param name="path">The path.</param>
    /// <param name="what">What the file is, for messages.</param>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">A folder, device, FIFO or socket.</exception>
    public static void CheckRegular(string path, string what)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
            throw new InvalidDataException($"{path} ({what}) is a folder, not a file.");
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path} ({what}) does not exist.", path);
        if (Kind(path) is { } kind)
            throw new InvalidDataException($"{path} ({what}) is {kind}, not a regular file; RnnGpu reads only regular files.");
    }

    /// <summary>What a non-regular file is ("a character device", ...), or null for a regular file (or where the platform
    /// cannot tell: there the size bound still holds).</summary>
    static string? Kind(string path)
    {
        if (!OperatingSystem.IsLinux())
            return null;
        var buffer = new byte[256]; // struct statx: its layout is the same on every Linux architecture
        int rc;
        try
        {
            rc = Statx(AtFdCwd, path, 0, StatxType, buffer);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
        if (rc != 0)
            return null; // the open that follows reports what is wrong
        int mode = BitConverter.ToUInt16(buffer, 28) & 0xF000;
        return mode switch
        {
            0x8000 => null,
            0x4000 => "a folder",
            0x2000 => "a character device",
            0x6000 => "a block device",
            0x1000 => "a FIFO (named pipe)",
            0xC000 => "a socket",
            _ => "not a regular file",
        };
    }

    const int AtFdCwd = -100;
    const uint StatxType = 1;

    [DllImport("libc.so.6", EntryPoint = "statx", SetLastError = true)] // glibc 2.28+; elsewhere the size bound alone holds
    static extern int Statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);
}
