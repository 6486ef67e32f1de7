using System.Buffers.Binary;
using RnnGpu.IO;

namespace RnnGpu.Cli.Speech;

/// <summary>RIFF WAV files: PCM 16-bit or IEEE float32 (plain or WAVE_FORMAT_EXTENSIBLE), any sample rate and channel count,
/// read to mono float samples in [-1, 1] (channels averaged). Anything else is refused naming the file and what it is.</summary>
internal static class Wav
{
    /// <summary>Largest WAV file read (an hour of 16-bit stereo at 48 kHz is about 700 MB).</summary>
    public const long MaxBytes = 1L << 30;

    /// <summary>The samples of <paramref name="path"/> mixed to mono, and its sample rate.</summary>
    /// <exception cref="CliException">Not a RIFF WAV of a supported encoding, empty or truncated; the message names the file.</exception>
    public static (float[] Samples, int SampleRate) Read(string path)
    {
        byte[] data;
        try
        {
            data = InputFile.ReadAllBytes(path, MaxBytes, "WAV file");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new CliException($"{path}: {CliApp.OneLine(e.Message)}");
        }
        return Parse(data, path);
    }

    /// <summary>Parses WAV bytes; <paramref name="name"/> names them in errors.</summary>
    public static (float[] Samples, int SampleRate) Parse(ReadOnlySpan<byte> data, string name)
    {
        if (data.Length == 0)
            throw new CliException($"{name}: the file is empty, not a WAV file.");
        if (data.Length < 12 || !data[..4].SequenceEqual("RIFF"u8) || !data.Slice(8, 4).SequenceEqual("WAVE"u8))
            throw new CliException($"{name}: not a RIFF WAV file (no RIFF/WAVE header); convert it to WAV first (e.g. sox in.mp3 out.wav).");
        int format = -1, channels = 0, rate = 0, bits = 0;
        ReadOnlySpan<byte> samples = default;
        bool haveData = false;
        int pos = 12;
        while (pos + 8 <= data.Length)
        {
            var id = data.Slice(pos, 4);
            long size = BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(pos + 4, 4));
            int body = pos + 8;
            if (id.SequenceEqual("fmt "u8))
            {
                if (size < 16 || body + size > data.Length)
                    throw new CliException($"{name}: truncated WAV file (its fmt chunk is cut short).");
                format = BinaryPrimitives.ReadUInt16LittleEndian(data.Slice(body, 2));
                channels = BinaryPrimitives.ReadUInt16LittleEndian(data.Slice(body + 2, 2));
                rate = BinaryPrimitives.ReadInt32LittleEndian(data.Slice(body + 4, 4));
                bits = BinaryPrimitives.ReadUInt16LittleEndian(data.Slice(body + 14, 2));
                if (format == 0xFFFE && size >= 40)
                    format = BinaryPrimitives.ReadUInt16LittleEndian(data.Slice(body + 24, 2)); // the sub-format GUID's first two bytes
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (format < 0)
                    throw new CliException($"{name}: malformed WAV file (data before its fmt chunk).");
                long avail = data.Length - body;
                // a streaming writer (espeak-ng --stdout, sox to a pipe) leaves the size unknown: 0, 0xFFFFFFFF or 0x7FFFF000
                if (size == 0 || size >= 0x7FFFF000)
                    size = avail;
                if (size > avail)
                    throw new CliException($"{name}: truncated WAV file (its data chunk says {size} bytes, {avail} are there).");
                samples = data.Slice(body, (int)size);
                haveData = true;
                break;
            }
            pos = body + (int)Math.Min(size + (size & 1), int.MaxValue - body);
        }
        if (format < 0)
            throw new CliException($"{name}: truncated or malformed WAV file (no fmt chunk).");
        if (!haveData)
            throw new CliException($"{name}: truncated WAV file (no data chunk).");
        bool pcm16 = format == 1 && bits == 16, float32 = format == 3 && bits == 32;
        if (!pcm16 && !float32)
            throw new CliException($"{name}: WAV encoding {(format == 1 ? "PCM" : format == 3 ? "float" : $"format {format}")} with {bits} bits per sample " +
                "is not supported; use PCM 16-bit or float32 (sox in.wav -b 16 out.wav).");
        if (channels < 1 || rate < 1000 || rate > 384000)
            throw new CliException($"{name}: WAV header says {channels} channels at {rate} Hz; expected 1 or more channels at 1 kHz to 384 kHz.");
        int width = bits / 8 * channels;
        int frames = samples.Length / width;
        if (frames == 0)
            throw new CliException($"{name}: the WAV file holds no samples.");
        var mono = new float[frames];
        for (int f = 0; f < frames; f++)
        {
            float s = 0f;
            for (int c = 0; c < channels; c++)
            {
                var at = samples.Slice(f * width + c * (bits / 8));
                s += pcm16 ? BinaryPrimitives.ReadInt16LittleEndian(at) / 32768f : BinaryPrimitives.ReadSingleLittleEndian(at);
            }
            mono[f] = s / channels;
        }
        return (mono, rate);
    }
}
