namespace RnnGpu.Cli.Training;

/// <summary>A named line of a plot: x and y values of the same length.</summary>
internal readonly record struct PlotSeries(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y, bool Dashed = false);

/// <summary>PNG plots of training runs (ScottPlot).</summary>
internal static class TrainingPlots
{
    /// <summary>Writes a line plot of the series, optionally on a log10 y axis.</summary>
    /// <param name="path">Destination PNG.</param>
    /// <param name="title">Title.</param>
    /// <param name="xLabel">X axis label.</param>
    /// <param name="yLabel">Y axis label.</param>
    /// <param name="series">The lines.</param>
    /// <param name="logY">Plot log10 of the values (non-positive values are clamped to a tiny positive number).</param>
    /// <param name="reference">Optional horizontal reference line (value, label).</param>
    public static void Lines(string path, string title, string xLabel, string yLabel, IEnumerable<PlotSeries> series, bool logY,
        (double Value, string Label)? reference = null)
    {
        var plot = new ScottPlot.Plot();
        foreach (var s in series)
        {
            if (s.X.Count != s.Y.Count)
                throw new ArgumentException($"series '{s.Name}' has {s.X.Count} x values and {s.Y.Count} y values.", nameof(series));
            if (s.X.Count == 0)
                continue;
            double[] ys = s.Y.Select(v => logY ? Math.Log10(Math.Max(v, 1e-12)) : v).ToArray();
            var line = plot.Add.ScatterLine(s.X.ToArray(), ys);
            line.LegendText = s.Name;
            line.LineWidth = 1.5f;
            if (s.Dashed)
                line.LinePattern = ScottPlot.LinePattern.Dashed;
            if (s.X.Count == 1)
                line.MarkerSize = 5;
        }
        if (reference is { } r)
        {
            var h = plot.Add.HorizontalLine(logY ? Math.Log10(r.Value) : r.Value);
            h.LegendText = r.Label;
            h.LinePattern = ScottPlot.LinePattern.Dotted;
        }
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(logY ? $"log10({yLabel})" : yLabel);
        plot.ShowLegend(ScottPlot.Edge.Right); // beside the data, never over the curves
        plot.SavePng(path, 900, 520);
    }

    /// <summary>Training loss per step and validation loss per validation of the given columns of metrics.csv.</summary>
    public static void LossCurves(string path, string title, string yLabel, MetricsLog log,
        IEnumerable<(string Column, string Name, bool Validation)> columns, bool logY, (double Value, string Label)? reference = null)
    {
        var series = columns.Select(c =>
        {
            var (xs, ys) = log.Series(c.Column);
            return new PlotSeries(c.Name, xs, ys, c.Validation);
        });
        Lines(path, title, "step", yLabel, series, logY, reference);
    }
}
