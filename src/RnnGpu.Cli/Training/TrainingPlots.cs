namespace RnnGpu.Cli.Training;

/// <summary>PNG plots of a side-by-side training run (ScottPlot).</summary>
internal static class TrainingPlots
{
    /// <summary>Writes a line plot of two series over the steps, optionally on a log10 y axis.</summary>
    /// <param name="path">Destination PNG.</param>
    /// <param name="title">Title.</param>
    /// <param name="yLabel">Y axis label.</param>
    /// <param name="steps">X values.</param>
    /// <param name="series">Named series, each as long as <paramref name="steps"/>.</param>
    /// <param name="logY">Plot log10 of the values (non-positive values are clamped to a tiny positive number).</param>
    /// <param name="reference">Optional horizontal reference line (value, label).</param>
    public static void Lines(string path, string title, string yLabel, IReadOnlyList<double> steps,
        IReadOnlyList<(string Name, IReadOnlyList<double> Values)> series, bool logY, (double Value, string Label)? reference = null)
    {
        var plot = new ScottPlot.Plot();
        double[] xs = steps.ToArray();
        foreach (var (name, values) in series)
        {
            double[] ys = values.Select(v => logY ? Math.Log10(Math.Max(v, 1e-12)) : v).ToArray();
            var line = plot.Add.ScatterLine(xs, ys);
            line.LegendText = name;
            line.LineWidth = 1.5f;
        }
        if (reference is { } r)
        {
            var h = plot.Add.HorizontalLine(logY ? Math.Log10(r.Value) : r.Value);
            h.LegendText = r.Label;
            h.LinePattern = ScottPlot.LinePattern.Dashed;
        }
        plot.Title(title);
        plot.XLabel("step");
        plot.YLabel(logY ? $"log10({yLabel})" : yLabel);
        plot.ShowLegend();
        plot.SavePng(path, 800, 500);
    }
}
