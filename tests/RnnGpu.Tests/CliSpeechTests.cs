using System.Buffers.Binary;
using System.Diagnostics;
using RnnGpu.Cli;
using RnnGpu.Cli.Speech;

namespace RnnGpu.Tests;

/// <summary>
/// The speech front end and commands: RIFF WAV reading (PCM 16-bit and float32, channels mixed, refusals naming the file),
/// resampling and log-mel features; <c>rnngpu train speech</c> at a tiny size (espeak-ng synthesizes the data, cached in the
/// folder the output names) and <c>rnngpu transcribe</c> on its checkpoint, with WAVs at 22.05 kHz mono and 44.1 kHz stereo.
/// </summary>
[Trait(Suites.Key, Suites.CpuOnly)]
public class CliSpeechTests
{
    static byte[] WavBytes(int rate, int channels, int bits, int format, byte[] data, uint? dataSize = null)
    {
        var b = new byte[44 + data.Length];
        "RIFF"u8.CopyTo(b);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(4), (uint)(36 + data.Length));
        "WAVEfmt "u8.CopyTo(b.AsSpan(8));
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(16), 16);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(20), (ushort)format);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(22), (ushort)channels);
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(24), rate);
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(28), rate * channels * bits / 8);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(32), (ushort)(channels * bits / 8));
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(34), (ushort)bits);
        "data"u8.CopyTo(b.AsSpan(36));
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(40), dataSize ?? (uint)data.Length);
        data.CopyTo(b, 44);
        return b;
    }

    [Fact]
    public void Wav_ReadsPcm16AndFloat32_MixesChannels_RefusesOthersNamingTheFile()
    {
        var pcm = new byte[8];
        BinaryPrimitives.WriteInt16LittleEndian(pcm, 16384);
        BinaryPrimitives.WriteInt16LittleEndian(pcm.AsSpan(2), -16384);
        BinaryPrimitives.WriteInt16LittleEndian(pcm.AsSpan(4), 8192);
        BinaryPrimitives.WriteInt16LittleEndian(pcm.AsSpan(6), 8192);
        var (mono, rate) = Wav.Parse(WavBytes(8000, 1, 16, 1, pcm), "a.wav");
        Assert.Equal(8000, rate);
        Assert.Equal(new[] { 0.5f, -0.5f, 0.25f, 0.25f }, mono);
        var f32 = new byte[16];
        BinaryPrimitives.WriteSingleLittleEndian(f32, 1f);
        BinaryPrimitives.WriteSingleLittleEndian(f32.AsSpan(4), 0f);
        BinaryPrimitives.WriteSingleLittleEndian(f32.AsSpan(8), -0.5f);
        BinaryPrimitives.WriteSingleLittleEndian(f32.AsSpan(12), -0.5f);
        var (stereo, r2) = Wav.Parse(WavBytes(44100, 2, 32, 3, f32), "b.wav");
        Assert.Equal(44100, r2);
        Assert.Equal(new[] { 0.5f, -0.5f }, stereo);
        Assert.Equal(new[] { 0.5f, -0.5f, 0.25f, 0.25f }, Wav.Parse(WavBytes(8000, 1, 16, 1, pcm, 0xFFFFFFFF), "pipe.wav").Samples);

        string Refused(byte[] bytes) => Assert.Throws<CliException>(() => Wav.Parse(bytes, "x.wav")).Message;
        Assert.Contains("x.wav: the file is empty", Refused(Array.Empty<byte>()));
        Assert.Contains("x.wav: not a RIFF WAV file", Refused("ID3\u0004 mp3 data here"u8.ToArray()));
        Assert.Contains("x.wav: truncated WAV file", Refused(WavBytes(8000, 1, 16, 1, pcm, 400)));
        Assert.Contains("x.wav: truncated", Refused(WavBytes(8000, 1, 16, 1, pcm)[..30]));
        Assert.Contains("PCM with 8 bits per sample is not supported", Refused(WavBytes(8000, 1, 8, 1, pcm)));
        Assert.Contains("holds no samples", Refused(WavBytes(8000, 1, 16, 1, Array.Empty<byte>(), 0)[..44].Concat(new byte[1]).ToArray()));
    }

    [Fact]
    public void Resample_KeepsFrequencyAndLevel_LogMelFramesAreNormalised()
    {
        const int from = 22050;
        var x = Enumerable.Range(0, from).Select(i => (float)(0.5 * Math.Sin(2 * Math.PI * 1000 * i / from))).ToArray();
        var y = Audio.Resample(x, from, 16000);
        Assert.Equal(16000, y.Length);
        int crossings = 0;
        for (int i = 1; i < y.Length; i++)
            if (y[i - 1] < 0 && y[i] >= 0) crossings++;
        Assert.InRange(crossings, 999, 1001); // 1 kHz for one second
        double rms = Math.Sqrt(y.Skip(1000).Take(14000).Average(v => (double)v * v));
        Assert.InRange(rms, 0.5 / Math.Sqrt(2) * 0.98, 0.5 / Math.Sqrt(2) * 1.02);
        var feats = Audio.LogMel(y, out int frames);
        Assert.Equal(1 + (16000 - Audio.Window) / Audio.Hop, frames);
        for (int m = 0; m < Audio.Bands; m++)
            Assert.InRange(Enumerable.Range(0, frames).Average(f => feats[f * Audio.Bands + m]), -1e-3, 1e-3);
    }

    static bool Have(string tool)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(tool, "--version") { RedirectStandardOutput = true, RedirectStandardError = true });
            p!.WaitForExit();
            return p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    static void Shell(string tool, params string[] args)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"{tool} {string.Join(' ', args)}: {p.StandardError.ReadToEnd()}");
    }

    [Fact]
    public void TrainSpeech_Tiny_ThenTranscribe_WavsOfOtherRatesAndChannels_RefusesBadFiles()
    {
        string dir = Path.Combine(Path.GetTempPath(), "rnngpu-speech-" + Guid.NewGuid().ToString("N"));
        try
        {
            string run = Path.Combine(dir, "run"), cache = Path.Combine(dir, "cache");
            var r = CliKit.Run("train", "speech", "--train-size", "6", "--valid-size", "2", "--steps", "3", "--hidden", "8", "--layers", "1",
                "--batch", "4", "--data-dir", cache, "--out", run, "--accelerator", "cpu");
            if (!Have("espeak-ng"))
            {
                CliKit.AssertOneLineError(r, "sudo apt-get install espeak-ng");
                return;
            }
            Assert.True(r.Code == 0, r.Err + r.Out);
            Assert.Contains("data: generated 16 utterances with espeak-ng in", r.Out);
            Assert.Contains(cache, r.Out);
            foreach (var f in new[] { "metrics.csv", "speech.safetensors", "loss.png", "cer.png" })
                Assert.True(File.Exists(Path.Combine(run, f)), f);
            CliKit.AssertPng(Path.Combine(run, "utterance.png"), 1000, 600);
            Assert.Contains("held-out CER greedy: English", r.Out);
            // the second run reads the cache
            var again = CliKit.Run("train", "speech", "--train-size", "6", "--valid-size", "2", "--steps", "1", "--hidden", "8", "--layers", "1",
                "--batch", "4", "--data-dir", cache, "--out", Path.Combine(dir, "run2"), "--accelerator", "cpu");
            Assert.True(again.Code == 0, again.Err);
            Assert.Contains("read from the cache", again.Out);

            string wav = Path.Combine(dir, "a.wav"), wav44 = Path.Combine(dir, "b.wav");
            Shell("espeak-ng", "-v", "en-us+m7", "-w", wav, "4 2 7");
            if (Have("sox"))
                Shell("sox", wav, "-r", "44100", "-c", "2", wav44);
            else
                File.Copy(wav, wav44);
            var t = CliKit.Run("transcribe", "--checkpoint", run, "--accelerator", "cpu", wav, wav44);
            Assert.True(t.Code == 0, t.Err);
            var lines = t.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(2, lines.Length);
            Assert.Matches($"^{System.Text.RegularExpressions.Regex.Escape(wav)}: [0-9]*$", lines[0]);
            Assert.Matches($"^{System.Text.RegularExpressions.Regex.Escape(wav44)}: [0-9]*$", lines[1]);
            var beam = CliKit.Run("transcribe", "--checkpoint", run, "--beam", "4", "--accelerator", "cpu", wav);
            Assert.True(beam.Code == 0, beam.Err);

            string empty = Path.Combine(dir, "empty.wav"), mp3 = Path.Combine(dir, "song.mp3"), cut = Path.Combine(dir, "cut.wav");
            File.WriteAllBytes(empty, Array.Empty<byte>());
            File.WriteAllBytes(mp3, "ID3\u0004\u0000 not audio"u8.ToArray());
            File.WriteAllBytes(cut, File.ReadAllBytes(wav)[..30]);
            CliKit.AssertOneLineError(CliKit.Run("transcribe", "--checkpoint", run, wav, empty), empty + ": the file is empty");
            CliKit.AssertOneLineError(CliKit.Run("transcribe", "--checkpoint", run, mp3), mp3 + ": not a RIFF WAV file");
            CliKit.AssertOneLineError(CliKit.Run("transcribe", "--checkpoint", run, cut), cut + ": truncated");
            CliKit.AssertOneLineError(CliKit.Run("transcribe", "--checkpoint", dir, wav), "holds no speech.safetensors");
        }
        finally
        {
            if (Directory.Exists(dir))
                Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void TrainSpeech_StoppedAndResumed_EqualsTheUninterruptedRun()
    {
        if (!Have("espeak-ng"))
            return; // the tiny run above checks the refusal without espeak-ng
        string dir = Path.Combine(Path.GetTempPath(), "rnngpu-speech-resume-" + Guid.NewGuid().ToString("N"));
        try
        {
            var args = new[] { "train", "speech", "--train-size", "6", "--valid-size", "2", "--steps", "8", "--hidden", "8", "--layers", "1",
                "--batch", "4", "--data-dir", Path.Combine(dir, "cache"), "--accelerator", "cpu" };
            CliKit.AssertStopAndResumeMatch(args, Path.Combine(dir, "whole"), Path.Combine(dir, "split"), 8, "cer.png");
        }
        finally
        {
            if (Directory.Exists(dir))
                Directory.Delete(dir, recursive: true);
        }
    }
}
