using System.Globalization;
using RnnGpu.Cli.Translate;

namespace RnnGpu.Tests;

/// <summary>
/// The translation task's data (every form writes the date it claims, held-out years and forms never in a training batch,
/// the vocabulary covers every form), <c>rnngpu train translate</c> at a tiny size, its stop and resume, and
/// <c>rnngpu translate</c> on its checkpoint (one line per text, the attention picture, refusals naming the character).
/// </summary>
[Trait(Suites.Key, Suites.CpuOnly)]
public class CliTranslateTests
{
    [Fact]
    public void Data_FormsWriteTheirDate_HeldOutYearsAndFormsNeverTrain()
    {
        var held = DateData.HeldOut(new Random(5), 3000);
        Assert.Equal(3000, held.Select(p => p.Source).Distinct().Count());
        Assert.Contains(held, p => DateData.HeldOutForms.Contains(p.Form));
        Assert.Contains(held, p => DateData.HeldOutYears.Contains(p.Year));
        var sources = held.Select(p => p.Source).ToHashSet();
        var forms = new HashSet<string>();
        for (int step = 0; step < 200; step++)
            foreach (var p in DateData.TrainingBatch(new Random(step), 64, sources))
            {
                Assert.DoesNotContain(p.Year, DateData.HeldOutYears);
                Assert.DoesNotContain(p.Form, DateData.HeldOutForms);
                Assert.DoesNotContain(p.Source, sources);
                DateData.Encode(p.Source, out var unknown);
                Assert.Empty(unknown);
                forms.Add(p.Form);
                var d = DateTime.ParseExact(p.Target, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                Assert.Contains(d.Year.ToString(CultureInfo.InvariantCulture), p.Source);
            }
        Assert.Equal(DateData.AllForms.Count - DateData.HeldOutForms.Length, forms.Count);
        // a few written out: the weekday is the date's own
        var t = DateData.HeldOut(new Random(1), 2000).Concat(DateData.TrainingBatch(new Random(9), 4000, new HashSet<string>()))
            .Where(p => p.Form.StartsWith("en-weekday-ordinal/as-is", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(t);
        foreach (var p in t)
        {
            var d = DateTime.ParseExact(p.Target, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            Assert.StartsWith(d.DayOfWeek.ToString() + ", ", p.Source);
        }
        var (src, ts, lengths, input, target, td) = DateData.Ids(new[] { new DatePair("5 mars 2024", "2024-03-05", "fr-day-month/as-is", 2024) });
        Assert.Equal(11, ts);
        Assert.Equal(new[] { 11 }, lengths);
        Assert.Equal("5 mars 2024", DateData.Decode(src));
        Assert.Equal(DateData.Bos, input[0]);
        Assert.Equal("2024-03-05", DateData.Decode(target));
        Assert.Equal(DateData.Eos, target[td - 1]);
    }

    [Fact]
    public void TrainTranslate_WritesItsRun_TranslateReadsTheCheckpoint()
    {
        string dir = Path.Combine(Path.GetTempPath(), "rnngpu-translate-" + Guid.NewGuid().ToString("N"));
        try
        {
            var r = CliKit.Run("train", "translate", "--steps", "4", "--hidden", "16", "--layers", "2", "--batch", "8", "--valid-size", "12",
                "--beam", "2", "--accelerator", "cpu", "--out", dir);
            Assert.True(r.Code == 0, r.Err);
            Assert.Contains("GNMT v2 H=16 layers=2", r.Out);
            Assert.Contains("held-out exact match", r.Out);
            Assert.Contains("attention.png", r.Out);
            Assert.Equal("step,loss,grad_norm,valid_loss,valid_token_acc,valid_exact,valid_exact_beam", File.ReadLines(Path.Combine(dir, "metrics.csv")).First());
            foreach (var f in new[] { "run.json", "gnmt.safetensors", "loss.png", "exact.png", "attention.png" })
                Assert.True(File.Exists(Path.Combine(dir, f)), f);
            CliKit.AssertPng(Path.Combine(dir, "loss.png"));

            string png = Path.Combine(dir, "mine.png");
            var t = CliKit.Run("translate", "--checkpoint", dir, "--beam", "3", "--attention", png, "--accelerator", "cpu",
                "Tuesday, March 5th 2024", "5. März 2024", "2024년 3월 5일");
            Assert.True(t.Code == 0, t.Err);
            var lines = t.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(3, lines.Length);
            Assert.True(File.Exists(png));
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(png)[..4]);

            CliKit.AssertOneLineError(CliKit.Run("translate", "--checkpoint", dir, "--accelerator", "cpu", "5 mars 2024", "le 5 ☃ 2024"),
                "text 2 'le 5 ☃ 2024' has characters outside the model's vocabulary: '☃' (U+2603)");
            CliKit.AssertOneLineError(CliKit.Run("translate", "--checkpoint", dir, "--beam", "0", "x"), "--beam must be in 1..64");
            CliKit.AssertOneLineError(CliKit.Run("translate", "--checkpoint", dir, "--attention", Path.Combine(dir, "a.jpg"), "5 mars 2024"),
                "give a file name ending in .png");
        }
        finally
        {
            if (Directory.Exists(dir))
                Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void TrainTranslate_StopsAndResumesBitForBit()
    {
        string root = Path.Combine(Path.GetTempPath(), "rnngpu-translate-resume-" + Guid.NewGuid().ToString("N"));
        try
        {
            CliKit.AssertStopAndResumeMatch(new[] { "train", "translate", "--steps", "5", "--hidden", "12", "--layers", "2", "--batch", "6",
                "--valid-size", "8", "--beam", "2", "--accelerator", "cpu" }, Path.Combine(root, "whole"), Path.Combine(root, "split"), 5, "loss.png");
        }
        finally
        {
            if (Directory.Exists(root))
                Directory.Delete(root, recursive: true);
        }
    }
}
