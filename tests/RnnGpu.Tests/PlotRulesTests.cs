using RnnGpu.Cli.Training;

namespace RnnGpu.Tests;

/// <summary>The rules of the run plots (TrainingPlots): when a log axis is used, how its ticks read, one colour per model.</summary>
[Trait(Suites.Key, Suites.CpuOnly)]
public class PlotRulesTests
{
    [Fact]
    public void LogAxis_OnlyWhenValuesSpanADecade()
    {
        Assert.True(TrainingPlots.SpansDecades(new[] { 0.0004, 0.2, 0.17 }));
        Assert.True(TrainingPlots.SpansDecades(new[] { 0.1, 1.0 }));
        Assert.False(TrainingPlots.SpansDecades(new[] { 2.4, 4.5, 3.1 }));
        Assert.False(TrainingPlots.SpansDecades(new[] { 0.0, -1, double.NaN, 5 }));
    }

    [Fact]
    public void LogTicks_ArePlainNumbers()
    {
        string[] Labels(double bottom, double top) =>
            TrainingPlots.LogTickList(bottom, top).Where(t => t.Label is not null).OrderBy(t => t.Position).Select(t => t.Label!).ToArray();
        // about 1.3 decades: 1-2-5 labels
        Assert.Equal(new[] { "0.02", "0.05", "0.1", "0.2", "0.5" }, Labels(Math.Log10(0.015), Math.Log10(0.6)));
        // four decades: powers of ten only
        Assert.Equal(new[] { "0.001", "0.01", "0.1", "1", "10" }, Labels(-3.2, 1.1));
        // less than a decade: every digit
        Assert.Equal(new[] { "2", "3", "4", "5" }, Labels(Math.Log10(1.5), Math.Log10(5.5)));
    }

    [Fact]
    public void Lines_WritesPng_LogOnlyWhereValuesSpanDecades()
    {
        string dir = Path.Combine(Path.GetTempPath(), "rnngpu-plot-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            double[] x = { 1, 2, 3, 4 };
            var wide = new[]
            {
                new PlotSeries("a train", x, new[] { 1.0, 0.1, 0.01, 0.001 }, 0, LineKind.Train),
                new PlotSeries("a validation", new[] { 2.0, 4 }, new[] { 0.1, 0.002 }, 0, LineKind.Validation),
            };
            Assert.True(TrainingPlots.Lines(Path.Combine(dir, "wide.png"), "t", "step", "loss", wide, logY: true, reference: (0.5, "baseline")));
            CliKit.AssertPng(Path.Combine(dir, "wide.png"));
            var narrow = new[] { new PlotSeries("b", x, new[] { 2.0, 2.5, 3, 2.2 }, 1, LineKind.Train) };
            Assert.False(TrainingPlots.Lines(Path.Combine(dir, "narrow.png"), "t", "step", "bpc", narrow, logY: true));
            CliKit.AssertPng(Path.Combine(dir, "narrow.png"));
            Assert.NotEqual(TrainingPlots.ModelColour(0), TrainingPlots.ModelColour(1));
            Assert.Equal(TrainingPlots.ModelColour(1), TrainingPlots.ModelColour(1));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
