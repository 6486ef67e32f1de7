using System.Buffers.Binary;
using System.Text;

namespace RnnGpu.IO;

/// <summary>.npy read/write: little-endian float32 (<c>&lt;f4</c>) or int64 (<c>&lt;i8</c>), C order; anything else is refused.</summary>
public static class Npy
{
    static readonly byte[] Magic = { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y' };

    /// <summary>Writes float32 data atomically.</summary>
    /// <param name="path">Destination.</param>
    /// <param name="shape">Dimensions.</param>
    /// <param name="data">Row-major values.</param>
    public static void WriteFloat32(string path, IReadOnlyList<int> shape, ReadOnlySpan<float> data)
    {
        Check(shape, data.Length);
        var body = new byte[data.Length * 4L];
        for (int i = 0; i < data.Length; i++)
            BinaryPrimitives.WriteSingleLittleEndian(body.AsSpan(i * 4), data[i]);
        WriteRaw(path, "<f4", shape, body);
    }

    /// <summary>Writes int64 data atomically (e.g. sequence lengths).</summary>
    /// <param name="path">Destination.</param>
    /// <param name="shape">Dimensions.</param>
    /// <param name="data">Row-major values.</param>
    public static void WriteInt64(string path, IReadOnlyList<int> shape, ReadOnlySpan<long> data)
    {
        Check(shape, data.Length);
        var body = new byte[data.Length * 8L];
        for (int i = 0; i < data.Length; i++)
            BinaryPrimitives.WriteInt64LittleEndian(body.AsSpan(i * 8), data[i]);
        WriteRaw(path, "<i8", shape, body);
    }

    static void Check(IReadOnlyList<int> shape, int length)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Any(d => d < 0) || shape.Aggregate(1L, (a, b) => a * b) != length)
            throw new ArgumentException($"{length} values do not fill shape {Shapes.Format(shape)}.", nameof(shape));
    }

    static void WriteRaw(string path, string descr, IReadOnlyList<int> shape, byte[] body)
    {
        string shapeText = shape.Count == 1 ? $"({shape[0]},)" : "(" + string.Join(", ", shape) + ")";
        string dict = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shapeText}, }}";
        int total = 10 + dict.Length + 1;
        int pad = (64 - total % 64) % 64;
        string header = dict + new string(' ', pad) + "\n";
        AtomicFile.Write(path, s =>
        {
            s.Write(Magic);
            s.WriteByte(1);
            s.WriteByte(0);
            Span<byte> len = stackalloc byte[2];
            BinaryPrimitives.WriteUInt16LittleEndian(len, (ushort)header.Length);
            s.Write(len);
            s.Write(Encoding.ASCII.GetBytes(header));
            s.Write(body);
        });
    }

    /// <summary>Reads a little-endian float32 C-order array.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="InvalidDataException">Not .npy, another dtype or order, or truncated; the message says which.</exception>
    public static (int[] Shape, float[] Data) ReadFloat32(string path)
    {
        var (shape, body, count) = ReadRaw(path, "<f4", 4);
        var data = new float[count];
        for (long i = 0; i < count; i++)
            data[i] = BinaryPrimitives.ReadSingleLittleEndian(body.AsSpan((int)(i * 4), 4));
        return (shape, data);
    }

    /// <summary>Reads a little-endian int64 C-order array.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="InvalidDataException">Not .npy, another dtype or order, or truncated.</exception>
    public static (int[] Shape, long[] Data) ReadInt64(string path)
    {
        var (shape, body, count) = ReadRaw(path, "<i8", 8);
        var data = new long[count];
        for (long i = 0; i < count; i++)
            data[i] = BinaryPrimitives.ReadInt64LittleEndian(body.AsSpan((int)(i * 8), 8));
        return (shape, data);
    }

    static (int[] Shape, byte[] Body, long Count) ReadRaw(string path, string want, int size)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] b = InputFile.ReadAllBytes(path, InputFile.MaxBytes, "a .npy array");
        string file = Path.GetFileName(path);
        if (b.Length < 10 || !b.AsSpan(0, 6).SequenceEqual(Magic))
            throw new InvalidDataException($"'{file}' is not a .npy file (bad magic).");
        int major = b[6];
        long hlen;
        int hstart;
        if (major == 1) { hlen = BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(8)); hstart = 10; }
        else if (major is 2 or 3 && b.Length >= 12) { hlen = BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(8)); hstart = 12; }
        else throw new InvalidDataException($"'{file}': unsupported .npy version {major}.");
        if (hstart + hlen > b.Length)
            throw new InvalidDataException($"'{file}': truncated .npy header ({hlen} bytes announced, {b.Length - hstart} present).");
        string h = Encoding.ASCII.GetString(b, hstart, (int)hlen);
        if (!h.TrimEnd().EndsWith('}'))
            throw new InvalidDataException($"'{file}': the .npy header is cut or corrupt (no closing '}}').");
        string descr = Field(h, "descr", file);
        if (descr != want)
            throw new InvalidDataException($"'{file}' has dtype '{descr}'; expected '{want}' ({(want == "<f4" ? "little-endian float32" : "little-endian int64")}).");
        if (Field(h, "fortran_order", file) != "False")
            throw new InvalidDataException($"'{file}' is in Fortran order; only C order is supported.");
        string shapeText = Field(h, "shape", file).Trim('(', ')');
        var shape = shapeText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.TryParse(s, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int v)
                ? v : throw new InvalidDataException($"'{file}': bad shape entry '{s}'.")).ToArray();
        if (shape.Length > 8)
            throw new InvalidDataException($"'{file}': {shape.Length} dimensions; at most 8 are supported.");
        long start = hstart + hlen, available = (b.Length - start) / size;
        long count = 1;
        foreach (int d in shape)
        {
            // Overflow-checked against what the file can hold: a shape that promises more is refused before any allocation.
            if (d != 0 && count > available / d)
                throw new InvalidDataException($"'{file}': shape {Shapes.Format(shape)} needs more data than the file's {b.Length - start} bytes (truncated or corrupt).");
            count *= d;
        }
        if (b.Length - start != count * size)
            throw new InvalidDataException($"'{file}': shape {Shapes.Format(shape)} needs {count * size} data bytes, the file holds {b.Length - start} (truncated or corrupt).");
        return (shape, b.AsSpan((int)start).ToArray(), count);
    }

    static string Field(string header, string key, string file)
    {
        InvalidDataException Bad() => new($"'{file}': the .npy header's '{key}' entry is missing, cut or corrupt.");
        int k = header.IndexOf("'" + key + "'", StringComparison.Ordinal);
        if (k < 0)
            throw new InvalidDataException($"'{file}': the .npy header has no '{key}'.");
        int colon = header.IndexOf(':', k);
        if (colon < 0)
            throw Bad();
        int i = colon + 1;
        while (i < header.Length && header[i] == ' ') i++;
        if (i >= header.Length)
            throw Bad();
        if (header[i] == '\'')
        {
            int e = header.IndexOf('\'', i + 1);
            return e < 0 ? throw Bad() : header[(i + 1)..e];
        }
        if (header[i] == '(')
        {
            int e = header.IndexOf(')', i);
            return e < 0 ? throw Bad() : header[i..(e + 1)];
        }
        int end = header.IndexOfAny(new[] { ',', '}' }, i);
        return end < 0 ? throw Bad() : header[i..end].Trim();
    }
}
