using System.Diagnostics;
using System.Globalization;
using System.Text;
using RnnGpu.IO;

namespace RnnGpu.Cli.Speech;

/// <summary>One spoken digit string: its language, the espeak-ng voice that spoke it, the digits and its log-mel frames.</summary>
internal sealed record Utterance(string Language, string Voice, string Digits, int Frames, float[] Features);

/// <summary>
/// The spoken-digit corpus of <c>rnngpu train speech</c>: strings of 3 to 8 digits in English and Mandarin, synthesized by
/// espeak-ng at several speeds, pitches, word gaps and voice variants, with background noise and gain, turned into log-mel
/// features (<see cref="Audio"/>). The voice variants of the validation set are never used in training. Generated once per
/// sizes (deterministically: each utterance's settings come from its index) and cached in a folder named in the output.
/// </summary>
internal static class SpeechData
{
    /// <summary>The languages and their espeak-ng voices (training, validation share them; variants differ).</summary>
    public static readonly (string Language, string[] Voices)[] Languages =
    {
        ("en", new[] { "en-us", "en-gb", "en-gb-x-rp" }),
        ("cmn", new[] { "cmn" }),
    };

    /// <summary>Voice variants of the validation set only.</summary>
    public static readonly string[] ValidVariants = { "m5", "f3", "klatt2", "edward", "shelby", "m7" };

    /// <summary>Voice variants spoken in training: espeak-ng's variants but the validation set's.</summary>
    public static readonly string[] TrainVariants =
    {
        "m1", "m2", "m3", "m4", "m6", "m8", "f1", "f2", "f4", "f5", "klatt", "klatt3", "klatt4", "klatt5", "klatt6", "adam", "Alex",
        "Alicia", "Andrea", "Andy", "Annie", "antonio", "aunty", "belinda", "benjamin", "boris", "caleb", "david", "Denis", "Diogo",
        "ed", "edward2", "Gene", "Gene2", "gustave", "Henrique", "Hugo", "iven", "iven2", "iven3", "iven4", "Jacky", "john",
        "kaukovalta", "Lee", "linda", "marcelo", "Marco", "Mario", "max", "Michael", "michel", "miguel", "Mike", "Mr", "Nguyen",
        "pablo", "paul", "pedro", "quincy", "rob", "robert", "steph", "steph2", "steph3", "Storm", "travis", "victor", "zac",
        "anika", "norbert", "sandro", "grandma", "grandpa", "fast", "croak",
    };

    const string Magic = "RNNGPU-SPEECH-4";
    const int DataSeed = 20261202;

    /// <summary>The cache folder: --data-dir, else $XDG_CACHE_HOME/rnngpu, else ~/.cache/rnngpu.</summary>
    public static string CacheRoot(string? dataDir)
    {
        if (!string.IsNullOrEmpty(dataDir))
            return Path.GetFullPath(dataDir);
        string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        string root = !string.IsNullOrEmpty(xdg) ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "rnngpu");
    }

    /// <summary>The cache file of a corpus of these sizes.</summary>
    public static string CacheFile(string root, int trainPerLanguage, int validPerLanguage) =>
        Path.Combine(root, FormattableString.Invariant($"speech-digits-{Magic[^1]}-{trainPerLanguage}-{validPerLanguage}.bin"));

    /// <summary>The corpus: read from the cache, or generated (and cached). <paramref name="log"/> says which, where and how long.</summary>
    public static (Utterance[] Train, Utterance[] Valid) Load(string root, int trainPerLanguage, int validPerLanguage, Action<string> log)
    {
        string file = CacheFile(root, trainPerLanguage, validPerLanguage);
        if (File.Exists(file))
        {
            var sw0 = Stopwatch.StartNew();
            var all = ReadCache(file);
            int n = trainPerLanguage * Languages.Length;
            if (all.Length == n + validPerLanguage * Languages.Length)
            {
                log($"data: {all.Length} utterances read from the cache {file} in {sw0.Elapsed.TotalSeconds:F1} s");
                return (all[..n], all[n..]);
            }
            log($"data: the cache {file} holds {all.Length} utterances, not the {n + validPerLanguage * Languages.Length} expected: generating it again");
        }
        RequireEspeak();
        var sw = Stopwatch.StartNew();
        var train = Generate(trainPerLanguage, valid: false);
        var valid = Generate(validPerLanguage, valid: true);
        Directory.CreateDirectory(root);
        AtomicFile.Write(file, s => WriteCache(s, train.Concat(valid).ToArray()));
        log(FormattableString.Invariant($"data: generated {train.Length + valid.Length} utterances with espeak-ng in {sw.Elapsed.TotalSeconds:F1} s, cached in {file}"));
        return (train, valid);
    }

    /// <summary>Throws the one-line install hint when espeak-ng cannot be run.</summary>
    public static void RequireEspeak()
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("espeak-ng", "--version") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
            p!.WaitForExit();
            if (p.ExitCode == 0)
                return;
        }
        catch (System.ComponentModel.Win32Exception)
        {
        }
        throw new CliException("train speech synthesizes its data with espeak-ng, which was not found: install it (sudo apt-get install espeak-ng).");
    }

    /// <summary>The spoken form espeak-ng is given: the digits separated by spaces, so each is read as a digit.</summary>
    public static string SpokenText(string digits) => string.Join(' ', digits.ToCharArray());

    /// <summary>Generates <paramref name="perLanguage"/> utterances per language, in parallel over the cores; each utterance's
    /// text, voice, speed, pitch, gap, noise and gain come from its own generator, so the result does not depend on timing.</summary>
    static Utterance[] Generate(int perLanguage, bool valid)
    {
        int n = perLanguage * Languages.Length;
        var result = new Utterance[n];
        var variants = valid ? ValidVariants : TrainVariants;
        Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var rng = new Random(unchecked(DataSeed + (valid ? 1_000_003 : 0) + i * 7919));
            var (language, voices) = Languages[i % Languages.Length];
            int length = rng.Next(3, 9);
            var digits = new string(Enumerable.Range(0, length).Select(_ => (char)('0' + rng.Next(10))).ToArray());
            string voice = voices[rng.Next(voices.Length)] + "+" + variants[rng.Next(variants.Length)];
            int speed = rng.Next(120, 211), pitch = rng.Next(20, 81), gap = rng.Next(0, 8);
            var (wav, rate) = Speak(voice, speed, pitch, gap, SpokenText(digits));
            var x = Audio.Resample(wav, rate, Audio.SampleRate);
            // gain, then background noise (white plus a low hum) at 10 to 40 dB SNR, or none for a quarter of the utterances
            // (clean files, as espeak-ng writes them); silence of 0 to 0.3 s around the speech, or none for a third
            float gain = (float)(0.2 + 0.8 * rng.NextDouble());
            bool quiet = rng.Next(4) == 0;
            int lead = rng.Next(3) == 0 ? 0 : rng.Next(0, Audio.SampleRate * 3 / 10), tail = rng.Next(0, Audio.SampleRate * 3 / 10);
            var y = new float[lead + x.Length + tail];
            double power = x.Select(v => (double)v * v).DefaultIfEmpty(0).Average() * gain * gain;
            double snr = 10 + 30 * rng.NextDouble();
            double noise = quiet ? 0 : Math.Sqrt(power / Math.Pow(10, snr / 10));
            double hum = 50 + 100 * rng.NextDouble(), humPhase = rng.NextDouble() * 2 * Math.PI;
            for (int k = 0; k < y.Length; k++)
            {
                double s = k >= lead && k < lead + x.Length ? x[k - lead] * gain : 0;
                double g = quiet ? 0 : Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
                y[k] = (float)(s + noise * (0.8 * g + 0.6 * Math.Sin(2 * Math.PI * hum * k / Audio.SampleRate + humPhase)));
            }
            var feats = Audio.LogMel(y, out int frames);
            // the cache holds float16: round now, so a run that generated the data trains on exactly what a later run reads
            for (int k = 0; k < feats.Length; k++)
                feats[k] = (float)(Half)feats[k];
            result[i] = new Utterance(language, voice, digits, frames, feats);
        });
        return result;
    }

    /// <summary>espeak-ng's WAV output for one text, read from its standard output.</summary>
    static (float[] Samples, int Rate) Speak(string voice, int speed, int pitch, int gap, string text)
    {
        var psi = new ProcessStartInfo("espeak-ng")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in new[] { "-v", voice, "-s", speed.ToString(CultureInfo.InvariantCulture), "-p", pitch.ToString(CultureInfo.InvariantCulture),
                     "-g", gap.ToString(CultureInfo.InvariantCulture), "--stdout", text })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new CliException("cannot start espeak-ng.");
        using var ms = new MemoryStream();
        var err = p.StandardError.ReadToEndAsync();
        p.StandardOutput.BaseStream.CopyTo(ms);
        p.WaitForExit();
        if (p.ExitCode != 0)
            throw new CliException($"espeak-ng -v {voice} failed (exit {p.ExitCode}): {CliApp.OneLine(err.Result)}");
        return Wav.Parse(ms.ToArray(), $"espeak-ng -v {voice} output");
    }

    static void WriteCache(Stream s, Utterance[] all)
    {
        using var w = new BinaryWriter(s, Encoding.UTF8, leaveOpen: true);
        w.Write(Magic);
        w.Write(all.Length);
        foreach (var u in all)
        {
            w.Write(u.Language);
            w.Write(u.Voice);
            w.Write(u.Digits);
            w.Write(u.Frames);
            foreach (var v in u.Features)
                w.Write((Half)v);
        }
    }

    static Utterance[] ReadCache(string file)
    {
        try
        {
            using var s = InputFile.OpenRead(file, 4L << 30, "speech data cache");
            using var r = new BinaryReader(new BufferedStream(s, 1 << 20), Encoding.UTF8);
            if (r.ReadString() != Magic)
                throw new InvalidDataException("not a speech data cache of this version");
            int n = r.ReadInt32();
            if (n < 0 || n > 1 << 22)
                throw new InvalidDataException($"it says it holds {n} utterances");
            var all = new Utterance[n];
            for (int i = 0; i < n; i++)
            {
                string lang = r.ReadString(), voice = r.ReadString(), digits = r.ReadString();
                int frames = r.ReadInt32();
                if (frames < 1 || frames > 1 << 20)
                    throw new InvalidDataException($"utterance {i} says it has {frames} frames");
                var f = new float[frames * Audio.Bands];
                for (int k = 0; k < f.Length; k++)
                    f[k] = (float)r.ReadHalf();
                all[i] = new Utterance(lang, voice, digits, frames, f);
            }
            return all;
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or IOException)
        {
            throw new CliException($"the speech data cache {file} is unreadable ({CliApp.OneLine(e.Message)}); delete it to generate it again.");
        }
    }
}
