using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace RnnGpu.IO;

/// <summary>A host tensor read from or written to a file: name, shape and row-major float32 data.</summary>
/// <param name="Name">Tensor name.</param>
/// <param name="Shape">Dimensions (empty for a scalar).</param>
/// <param name="Data">Row-major values.</param>
public sealed record HostTensor(string Name, int[] Shape, float[] Data);

/// <summary>The contents of a safetensors file.</summary>
/// <param name="Tensors">Tensors in file order.</param>
/// <param name="Metadata">The <c>__metadata__</c> strings (empty when absent).</param>
public sealed record SafetensorsFile(IReadOnlyList<HostTensor> Tensors, IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>The tensor with this name, or null.</summary>
    /// <param name="name">Name.</param>
    public HostTensor? Find(string name) => Tensors.FirstOrDefault(t => t.Name == name);
}

/// <summary>
/// safetensors read/write, F32 only: 8-byte little-endian header length N, N bytes of JSON
/// <c>{name: {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {string: string}}</c>, then the raw
/// little-endian data (offsets relative to its start). Writes are atomic: a temporary file in the same folder is written,
/// flushed to disk and moved over the destination.
/// </summary>
public static class Safetensors
{
    const long MaxHeader = 100L * 1024 * 1024;

    /// <summary>Writes the tensors (in the given order) and metadata atomically.</summary>
    /// <param name="path">Destination; replaced only when the whole file has been written.</param>
    /// <param name="tensors">Tensors; names unique, data lengths matching the shapes.</param>
    /// <param name="metadata">Optional <c>__metadata__</c>.</param>
    /// <exception cref="ArgumentException">Duplicate names, or data that does not fill a shape.</exception>
    public static void Write(string path, IEnumerable<HostTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        AtomicFile.Write(path, Writer(tensors, metadata));
    }

    /// <summary>What <see cref="Write"/> puts into a file, as a writer for <see cref="AtomicFile.Write"/> or
    /// <see cref="AtomicFile.WriteGroup"/> (the tensors are checked now, written later).</summary>
    /// <param name="tensors">Tensors; names unique, data lengths matching the shapes.</param>
    /// <param name="metadata">Optional <c>__metadata__</c>.</param>
    /// <exception cref="ArgumentException">Duplicate names, or data that does not fill a shape.</exception>
    public static Action<Stream> Writer(IEnumerable<HostTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var list = tensors.ToList();
        var seen = new HashSet<string>();
        foreach (var t in list)
        {
            if (!seen.Add(t.Name))
                throw new ArgumentException($"Tensor '{t.Name}' appears twice.", nameof(tensors));
            if (t.Name == "__metadata__")
                throw new ArgumentException("A tensor cannot be named '__metadata__'.", nameof(tensors));
            long n = t.Shape.Aggregate(1L, (a, b) => a * b);
            if (t.Shape.Any(d => d < 0) || n != t.Data.Length)
                throw new ArgumentException($"Tensor '{t.Name}' has {t.Data.Length} values for shape {Shapes.Format(t.Shape)}.", nameof(tensors));
        }
        using var header = new MemoryStream();
        using (var w = new Utf8JsonWriter(header))
        {
            w.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                w.WriteStartObject("__metadata__");
                foreach (var kv in metadata)
                    w.WriteString(kv.Key, kv.Value);
                w.WriteEndObject();
            }
            long offset = 0;
            foreach (var t in list)
            {
                w.WriteStartObject(t.Name);
                w.WriteString("dtype", "F32");
                w.WriteStartArray("shape");
                foreach (int d in t.Shape) w.WriteNumberValue(d);
                w.WriteEndArray();
                w.WriteStartArray("data_offsets");
                w.WriteNumberValue(offset);
                offset += 4L * t.Data.Length;
                w.WriteNumberValue(offset);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        var hb = header.ToArray().ToList();
        while (hb.Count % 8 != 0) hb.Add((byte)' ');
        return s =>
        {
            Span<byte> len = stackalloc byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(len, hb.Count);
            s.Write(len);
            s.Write(hb.ToArray());
            foreach (var t in list)
                s.Write(FloatBytes(t.Data));
        };
    }

    internal static byte[] FloatBytes(float[] data)
    {
        var b = new byte[data.Length * 4L];
        for (int i = 0; i < data.Length; i++)
            BinaryPrimitives.WriteSingleLittleEndian(b.AsSpan(i * 4), data[i]);
        return b;
    }

    /// <summary>Reads and validates a whole file. Only F32 tensors are accepted. Everything the header says is checked
    /// before any tensor's data is allocated: a UTF-8 JSON object of bounded size, unique names, overflow-checked shapes, and
    /// data_offsets that cover the data exactly, in order, without overlaps or holes (the safetensors spec), so a small
    /// hostile file cannot make it allocate more than the file's own size.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="InvalidDataException">Truncated or corrupt header or data, another dtype, duplicate names, bad offsets;
    /// the message names the file and, where it applies, the tensor.</exception>
    public static SafetensorsFile Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes = InputFile.ReadAllBytes(path, InputFile.MaxBytes, "a safetensors file");
        var (entries, meta, dataStart) = ParseHeader(path, bytes.AsSpan(0, Math.Min(bytes.Length, 8)),
            n => bytes.AsMemory(8, (int)n), bytes.Length);
        var tensors = new List<HostTensor>(entries.Count);
        foreach (var e in entries)
        {
            var data = new float[e.Count];
            var src = bytes.AsSpan((int)(dataStart + e.Begin), (int)(e.End - e.Begin));
            for (int j = 0; j < data.Length; j++)
                data[j] = BinaryPrimitives.ReadSingleLittleEndian(src.Slice(j * 4, 4));
            tensors.Add(new HostTensor(e.Name, e.Shape, data));
        }
        return new SafetensorsFile(tensors, meta);
    }

    /// <summary>Reads and validates only the header (the same checks as <see cref="Read"/>, against the file's size): names,
    /// shapes and metadata, without reading or allocating any tensor data. The returned tensors have empty data.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="InvalidDataException">As <see cref="Read"/>, for everything the header says.</exception>
    public static SafetensorsFile ReadHeader(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = InputFile.OpenRead(path, InputFile.MaxBytes, "a safetensors file");
        var prefix = new byte[8];
        int got = stream.ReadAtLeast(prefix, 8, throwOnEndOfStream: false);
        var (entries, meta, _) = ParseHeader(path, prefix.AsSpan(0, got), n =>
        {
            var header = new byte[n];
            stream.ReadExactly(header);
            return header;
        }, stream.Length);
        return new SafetensorsFile(entries.Select(e => new HostTensor(e.Name, e.Shape, Array.Empty<float>())).ToList(), meta);
    }

    /// <summary>Parses and checks the header: <paramref name="prefix"/> holds the file's first (up to 8) bytes,
    /// <paramref name="header"/> gives the n header bytes once n is known to fit a file of <paramref name="fileLength"/>.</summary>
    static (List<Entry> Entries, Dictionary<string, string> Metadata, long DataStart) ParseHeader(string path, ReadOnlySpan<byte> prefix,
        Func<long, ReadOnlyMemory<byte>> header, long fileLength)
    {
        string file = Path.GetFileName(path);
        if (prefix.Length < 8)
            throw new InvalidDataException($"'{file}' is not a safetensors file: {fileLength} bytes, shorter than the 8-byte header length.");
        long n = BinaryPrimitives.ReadInt64LittleEndian(prefix);
        if (n <= 0 || n > MaxHeader || n > fileLength - 8)
            throw new InvalidDataException($"'{file}': header length {n} does not fit the file of {fileLength} bytes (truncated or not safetensors).");
        var headerBytes = header(n);
        if (!System.Text.Unicode.Utf8.IsValid(headerBytes.Span))
            throw new InvalidDataException($"'{file}': the header is not valid UTF-8 (corrupt or not safetensors).");
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(headerBytes, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{file}': the JSON header is corrupt: {e.Message}", e);
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new InvalidDataException($"'{file}': the JSON header is not an object.");
            long dataStart = 8 + n;
            var entries = new List<Entry>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            var meta = new Dictionary<string, string>();
            foreach (var prop in doc.RootElement.EnumerateObject())
            {
                if (!names.Add(prop.Name))
                    throw new InvalidDataException($"'{file}': the header names '{prop.Name}' twice (names must be unique).");
                if (prop.Name == "__metadata__")
                {
                    if (prop.Value.ValueKind != JsonValueKind.Object)
                        throw new InvalidDataException($"'{file}': __metadata__ is not an object.");
                    foreach (var m in prop.Value.EnumerateObject())
                    {
                        if (m.Value.ValueKind != JsonValueKind.String)
                            throw new InvalidDataException($"'{file}': __metadata__ entry '{m.Name}' is not a string.");
                        if (!meta.TryAdd(m.Name, m.Value.GetString()!))
                            throw new InvalidDataException($"'{file}': __metadata__ names '{m.Name}' twice.");
                    }
                    continue;
                }
                entries.Add(ReadEntry(file, prop));
            }
            CheckLayout(file, entries, fileLength - dataStart);
            return (entries, meta, dataStart);
        }
    }

    readonly record struct Entry(string Name, int[] Shape, long Count, long Begin, long End);

    static Entry ReadEntry(string file, JsonProperty prop)
    {
        string name = prop.Name;
        var e = prop.Value;
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty("dtype", out var dt) || dt.ValueKind != JsonValueKind.String
            || !e.TryGetProperty("shape", out var sh) || sh.ValueKind != JsonValueKind.Array
            || !e.TryGetProperty("data_offsets", out var off) || off.ValueKind != JsonValueKind.Array || off.GetArrayLength() != 2)
            throw new InvalidDataException($"'{file}': tensor '{name}' lacks a valid dtype, shape or data_offsets entry.");
        string dtype = dt.GetString()!;
        if (dtype != "F32")
            throw new InvalidDataException($"'{file}': tensor '{name}' has dtype {dtype}; only F32 is supported (convert with tensor.float() before saving).");
        if (sh.GetArrayLength() > 8)
            throw new InvalidDataException($"'{file}': tensor '{name}' has {sh.GetArrayLength()} dimensions; at most 8 are supported.");
        var shape = new int[sh.GetArrayLength()];
        int i = 0;
        long count = 1;
        foreach (var d in sh.EnumerateArray())
        {
            if (d.ValueKind != JsonValueKind.Number || !d.TryGetInt32(out int v) || v < 0)
                throw new InvalidDataException($"'{file}': tensor '{name}' has an invalid shape entry {d}.");
            shape[i++] = v;
            // Overflow-checked: no tensor this library loads has more than int.MaxValue elements.
            if (v != 0 && count > int.MaxValue / v)
                throw new InvalidDataException($"'{file}': tensor '{name}' of shape {Shapes.Format(shape.Take(i).ToArray())}... has more elements than any tensor can.");
            count *= v;
        }
        if (off[0].ValueKind != JsonValueKind.Number || off[1].ValueKind != JsonValueKind.Number
            || !off[0].TryGetInt64(out long begin) || !off[1].TryGetInt64(out long end) || begin < 0 || end < begin)
            throw new InvalidDataException($"'{file}': tensor '{name}' has invalid data_offsets.");
        if (end - begin != count * 4)
            throw new InvalidDataException($"'{file}': tensor '{name}' of shape {Shapes.Format(shape)} needs {count * 4} bytes, its data_offsets [{begin}, {end}) span {end - begin}.");
        return new Entry(name, shape, count, begin, end);
    }

    /// <summary>The spec's layout rule: sorted by offset, the tensors tile the data from 0 to its end with no overlap and no hole.</summary>
    static void CheckLayout(string file, List<Entry> entries, long dataLength)
    {
        long at = 0;
        foreach (var e in entries.OrderBy(e => e.Begin).ThenBy(e => e.End))
        {
            if (e.End > dataLength)
                throw new InvalidDataException($"'{file}': tensor '{e.Name}' ends at byte {e.End} of the data, but the file holds only {dataLength} data bytes (truncated).");
            if (e.Begin < at)
                throw new InvalidDataException($"'{file}': tensor '{e.Name}' at data bytes [{e.Begin}, {e.End}) overlaps the tensor before it (ending at {at}).");
            if (e.Begin > at)
                throw new InvalidDataException($"'{file}': data bytes [{at}, {e.Begin}) before tensor '{e.Name}' belong to no tensor (a hole).");
            at = e.End;
        }
        if (at != dataLength)
            throw new InvalidDataException($"'{file}': the data holds {dataLength} bytes, but the tensors cover {at} (trailing bytes).");
    }
}
