using RnnGpu.Cli;

namespace RnnGpu.Tests;

/// <summary>What the in-process tests of the <c>rnngpu</c> commands share: running a command line, checking a one-line
/// error, checking a PNG, cleaning up folders.</summary>
internal static class CliKit
{
    /// <summary>Runs the command line in-process; returns the exit code, stdout and stderr.</summary>
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CliApp.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>A non-zero exit with exactly one "rnngpu: " line on stderr containing <paramref name="contains"/>, no stack trace.</summary>
    public static void AssertOneLineError((int Code, string Out, string Err) r, string contains)
    {
        Assert.NotEqual(0, r.Code);
        var lines = r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"expected one line on stderr, got: {r.Err}");
        Assert.StartsWith("rnngpu: ", lines[0]);
        Assert.Contains(contains, lines[0]);
        Assert.DoesNotContain("   at ", r.Err);
    }

    /// <summary>The file is a non-trivial PNG that decodes to the given size.</summary>
    public static void AssertPng(string path, int width = 900, int height = 520)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 1000, path);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
        using var bitmap = SkiaSharp.SKBitmap.Decode(bytes);
        Assert.NotNull(bitmap);
        Assert.Equal(width, bitmap.Width);
        Assert.Equal(height, bitmap.Height);
    }

    /// <summary>
    /// The clean stop and resume of a train command line (<paramref name="args"/> without --out): run to the end in
    /// <paramref name="whole"/>; run in <paramref name="split"/> with a stop after step 3 (as Ctrl+C would), which must say so,
    /// keep a metrics row per step done and write <paramref name="plot"/>; then <c>rnngpu resume</c> it. Both metrics.csv must be
    /// identical. <paramref name="steps"/> is the run's total.
    /// </summary>
    public static void AssertStopAndResumeMatch(string[] args, string whole, string split, int steps, string plot)
    {
        var a = Run(args.Concat(new[] { "--out", whole }).ToArray());
        Assert.True(a.Code == 0, a.Err);

        var b = Run(args.Concat(new[] { "--out", split, "--stop-after", "3" }).ToArray());
        Assert.True(b.Code == RnnGpu.Cli.Training.TrainingRunner.StoppedExitCode, b.Err);
        Assert.Contains($"stopped after step 3 of {steps}", b.Out);
        Assert.Contains("rnngpu resume " + split, b.Out);
        Assert.Equal(4, File.ReadAllLines(Path.Combine(split, "metrics.csv")).Length);
        AssertPng(Path.Combine(split, plot));

        var c = Run("resume", split, "--accelerator", "cpu");
        Assert.True(c.Code == 0, c.Err);
        Assert.Contains($"resuming {split} at step 3 of {steps}", c.Out);
        Assert.Equal(File.ReadAllText(Path.Combine(whole, "metrics.csv")), File.ReadAllText(Path.Combine(split, "metrics.csv")));
    }

    /// <summary>
    /// metrics.csv of a run in <paramref name="dir"/> of fewer than 20 steps (so every step validates and no cell is blank): the
    /// header, one row per step numbered from 1, every value finite and not negative. Returns the rows' values after the step.
    /// </summary>
    public static List<double[]> AssertMetrics(string dir, string header, int steps)
    {
        var lines = File.ReadAllLines(Path.Combine(dir, "metrics.csv"));
        Assert.Equal(header, lines[0]);
        Assert.Equal(steps + 1, lines.Length);
        int columns = header.Split(',').Length;
        var rows = new List<double[]>();
        for (int i = 1; i < lines.Length; i++)
        {
            var cells = lines[i].Split(',');
            Assert.Equal(columns, cells.Length);
            Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), cells[0]);
            var values = new double[columns - 1];
            for (int c = 1; c < columns; c++)
            {
                Assert.True(double.TryParse(cells[c], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture,
                    out values[c - 1]) && double.IsFinite(values[c - 1]) && values[c - 1] >= 0, cells[c]);
            }
            rows.Add(values);
        }
        return rows;
    }

    /// <summary>Deletes the folders that exist.</summary>
    public static void Delete(params string[] dirs)
    {
        foreach (var d in dirs)
            if (Directory.Exists(d))
                Directory.Delete(d, true);
    }
}
