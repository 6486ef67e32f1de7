using System.Globalization;
using ScottPlot;

namespace RnnGpu.Cli.Training;

/// <summary>How a line is drawn. The hue comes from <see cref="PlotSeries.Model"/>; the kind sets shade, width and pattern.</summary>
internal enum LineKind
{
    /// <summary>Per-step training values: the model's colour, thin and translucent (they are noisy).</summary>
    Train,
    /// <summary>Held-out values: the model's colour darkened, thick, with a marker at each validation.</summary>
    Validation,
    /// <summary>A second held-out measure of the same model: darkened, dashed, with markers.</summary>
    ValidationAlt,
    /// <summary>A baseline of the model (persistence, a fitted predictor): the model's colour, dotted.</summary>
    Baseline,
    /// <summary>A second baseline of the model: the model's colour, dash-dotted (densely dashed).</summary>
    BaselineAlt,
    /// <summary>Data the model is measured against (a clean signal): black, not a model's colour.</summary>
    Data,
    /// <summary>Data the model reads (a noisy input): thin grey.</summary>
    Input,
}

/// <summary>A named line of a plot: x and y values of the same length.</summary>
/// <param name="Name">Legend text.</param>
/// <param name="X">X values.</param>
/// <param name="Y">Y values (NaN breaks the line).</param>
/// <param name="Model">Index of the run's model the line belongs to (its colour in every plot of the run); -1 for data.</param>
/// <param name="Kind">How it is drawn.</param>
internal readonly record struct PlotSeries(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y, int Model, LineKind Kind);

/// <summary>
/// PNG plots of training runs (ScottPlot), drawn to be read at a glance: each model of a run has one colour in all the run's
/// plots (<see cref="ModelColour"/>), its training and held-out lines share that hue (held-out darker, thicker, with markers),
/// values that span decades get a log10 y axis labelled in plain numbers, and the legend sits inside the plot area in the
/// corner the lines leave freest.
/// </summary>
internal static class TrainingPlots
{
    /// <summary>Width and height of every plot, in pixels.</summary>
    public const int Width = 900, Height = 520;

    /// <summary>A log axis is used when the positive values span at least this ratio (max / min).</summary>
    public const double LogSpan = 10;

    static readonly Color[] Palette =
    {
        Color.FromHex("#1f77b4"), // blue
        Color.FromHex("#ff7f0e"), // orange
        Color.FromHex("#2ca02c"), // green
        Color.FromHex("#9467bd"), // purple
        Color.FromHex("#8c564b"), // brown
    };

    /// <summary>The colour of the run's model number <paramref name="model"/> (0-based), the same in every plot of a run.</summary>
    public static Color ModelColour(int model) => Palette[((model % Palette.Length) + Palette.Length) % Palette.Length];

    /// <summary>Whether values span enough decades for a log axis (see <see cref="LogSpan"/>).</summary>
    public static bool SpansDecades(IEnumerable<double> values)
    {
        double min = double.PositiveInfinity, max = 0;
        foreach (var v in values)
        {
            if (!(v > 0) || double.IsInfinity(v))
                continue;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        return max > 0 && max / min >= LogSpan;
    }

    /// <summary>Writes a line plot of the series.</summary>
    /// <param name="path">Destination PNG.</param>
    /// <param name="title">Title.</param>
    /// <param name="xLabel">X axis label.</param>
    /// <param name="yLabel">Y axis label.</param>
    /// <param name="series">The lines.</param>
    /// <param name="logY">Allow a log10 y axis: used when the values span decades (<see cref="SpansDecades"/>); non-positive
    /// values are then left out.</param>
    /// <param name="reference">Optional horizontal reference line (value, label), grey and dotted.</param>
    /// <param name="yMax">The bound of a bounded quantity (1 for an accuracy): the y axis ends there.</param>
    /// <returns>Whether the y axis is logarithmic.</returns>
    public static bool Lines(string path, string title, string xLabel, string yLabel, IEnumerable<PlotSeries> series, bool logY,
        (double Value, string Label)? reference = null, double? yMax = null)
    {
        var all = series.ToList();
        foreach (var s in all)
            if (s.X.Count != s.Y.Count)
                throw new ArgumentException($"series '{s.Name}' has {s.X.Count} x values and {s.Y.Count} y values.", nameof(series));
        var values = all.SelectMany(s => s.Y).Concat(reference is { } rv ? new[] { rv.Value } : Array.Empty<double>());
        bool log = logY && SpansDecades(values);
        double Y(double v) => log ? (v > 0 ? Math.Log10(v) : double.NaN) : v;

        var plot = new Plot();
        var points = new List<(double X, double Y)>();
        foreach (var s in all)
        {
            if (s.X.Count == 0)
                continue;
            double[] xs = s.X.ToArray(), ys = s.Y.Select(Y).ToArray();
            var line = plot.Add.ScatterLine(xs, ys);
            line.LegendText = s.Name;
            Style(line, s);
            if (s.X.Count == 1)
                line.MarkerSize = Math.Max(line.MarkerSize, 6);
            Trace(xs, ys, points);
        }
        if (reference is { } r && (!log || r.Value > 0))
        {
            var h = plot.Add.HorizontalLine(Y(r.Value));
            h.LegendText = r.Label;
            h.LinePattern = LinePattern.Dotted;
            h.LineWidth = 1.5f;
            h.LineColor = Colors.Black.WithAlpha(0.6);
            if (points.Count > 0)
                Trace(new[] { points.Min(p => p.X), points.Max(p => p.X) }, new[] { Y(r.Value), Y(r.Value) }, points);
        }
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(log ? yLabel + " (log scale)" : yLabel);
        plot.Axes.AutoScale();
        var limits = plot.Axes.GetLimits();
        // The legend goes inside the data area, in the corner where it covers the fewest points of the lines; when every
        // corner would cover some, the y axis grows at the top to make room for it there.
        int entries = all.Count(s => s.X.Count > 0) + (reference is null ? 0 : 1);
        int longest = all.Select(s => s.Name.Length).Append(reference?.Label.Length ?? 0).Max();
        double boxW = Math.Min(0.9, (longest * 7.5 + 50) / (Width - 100.0)), boxH = Math.Min(0.9, (entries * 20 + 16) / (Height - 110.0));
        var (corner, covered) = FreestCorner(points, limits, boxW, boxH);
        if (covered > 0 && yMax is null)
        {
            double h = limits.Top - limits.Bottom;
            double top = limits.Bottom + h / (1 - boxH - 0.03);
            plot.Axes.SetLimitsY(limits.Bottom, top);
            corner = FreestCorner(points, new AxisLimits(limits.Left, limits.Right, limits.Bottom, top), boxW, boxH).Where;
            limits = new AxisLimits(limits.Left, limits.Right, limits.Bottom, top);
        }
        if (yMax is { } cap && !log)
        {
            // a bounded quantity (accuracy): the axis ends at its bound (and a sliver above it), never beyond
            double top = Math.Min(limits.Top, cap + 0.03 * (cap - Math.Min(limits.Bottom, cap - 1e-9)));
            plot.Axes.SetLimitsY(limits.Bottom, top);
        }
        if (log)
        {
            plot.Axes.Left.TickGenerator = LogTicks(limits.Bottom, limits.Top);
            plot.Grid.MinorLineColor = Colors.Black.WithOpacity(0.05);
            plot.Grid.MinorLineWidth = 1;
        }
        plot.Legend.IsVisible = true;
        plot.Legend.Alignment = corner;
        plot.Legend.BackgroundColor = Colors.White.WithAlpha(0.85);
        plot.SavePng(path, Width, Height);
        return log;
    }

    /// <summary>Training values per step and held-out values per validation of the given columns of metrics.csv.</summary>
    /// <returns>Whether the y axis is logarithmic.</returns>
    public static bool LossCurves(string path, string title, string yLabel, MetricsLog log,
        IEnumerable<(string Column, string Name, int Model, LineKind Kind)> columns, bool logY, (double Value, string Label)? reference = null,
        double? yMax = null)
    {
        var series = columns.Select(c =>
        {
            var (xs, ys) = log.Series(c.Column);
            return new PlotSeries(c.Name, xs, ys, c.Model, c.Kind);
        });
        return Lines(path, title, "step", yLabel, series, logY, reference, yMax);
    }

    /// <summary>" (1,234 seq/s, run mean)" for a legend, or "" when nothing was timed: the mean over the whole run of the
    /// model's own steps (the first, which compiles, left out), where the progress line shows the recent steps of all models.</summary>
    public static string Throughput(double? sequencesPerSecond) =>
        sequencesPerSecond is { } s && double.IsFinite(s) && s > 0
            ? string.Create(CultureInfo.InvariantCulture, $" ({s:N0} seq/s, run mean)")
            : "";

    static void Style(ScottPlot.Plottables.Scatter line, PlotSeries s)
    {
        var colour = s.Model < 0 ? Colors.Black : ModelColour(s.Model);
        var dark = colour.Darken(0.35);
        line.MarkerSize = 0;
        switch (s.Kind)
        {
            case LineKind.Train:
                line.Color = colour.WithAlpha(0.55);
                line.LineWidth = 1.2f;
                break;
            case LineKind.Validation:
                line.Color = dark;
                line.LineWidth = 2.5f;
                line.MarkerSize = 6;
                line.MarkerShape = MarkerShape.FilledCircle;
                break;
            case LineKind.ValidationAlt:
                line.Color = dark;
                line.LineWidth = 2.5f;
                line.LinePattern = LinePattern.Dashed;
                line.MarkerSize = 6;
                line.MarkerShape = MarkerShape.FilledSquare;
                break;
            case LineKind.Baseline:
                line.Color = colour;
                line.LineWidth = 1.8f;
                line.LinePattern = LinePattern.Dotted;
                break;
            case LineKind.BaselineAlt:
                line.Color = colour;
                line.LineWidth = 1.5f;
                line.LinePattern = LinePattern.DenselyDashed;
                break;
            case LineKind.Data:
                line.Color = Colors.Black;
                line.LineWidth = 1.8f;
                break;
            case LineKind.Input:
                line.Color = Colors.Gray.WithAlpha(0.8);
                line.LineWidth = 1f;
                break;
        }
    }

    /// <summary>Ticks of a log10 axis from <paramref name="bottom"/> to <paramref name="top"/> (in log10 units), labelled in
    /// plain numbers: every power of ten, and 2 and 5 times it when the axis spans fewer than three decades (every digit when
    /// it spans less than one); unlabelled minor ticks at the other digits.</summary>
    static ScottPlot.TickGenerators.NumericManual LogTicks(double bottom, double top)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        foreach (var (y, label) in LogTickList(bottom, top))
        {
            if (label is null)
                ticks.AddMinor(y);
            else
                ticks.AddMajor(y, label);
        }
        return ticks;
    }

    /// <summary>The ticks of <see cref="LogTicks"/>: position (log10 units) and label, null for a minor tick.</summary>
    internal static List<(double Position, string? Label)> LogTickList(double bottom, double top)
    {
        var ticks = new List<(double, string?)>();
        double span = top - bottom;
        var labelled = span < 1 ? new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 } : span < 3 ? new[] { 1, 2, 5 } : new[] { 1 };
        for (int e = (int)Math.Floor(bottom) - 1; e <= (int)Math.Ceiling(top); e++)
            for (int d = 1; d <= 9; d++)
            {
                double y = e + Math.Log10(d);
                if (y < bottom - 1e-9 || y > top + 1e-9)
                    continue;
                ticks.Add((y, labelled.Contains(d) ? Number(d * Math.Pow(10, e), e) : null));
            }
        return ticks;
    }

    /// <summary>A tick value as a plain number (0.002, 5, 100), or in exponent form beyond 10^±5.</summary>
    static string Number(double v, int exponent) =>
        Math.Abs(exponent) <= 5
            ? v.ToString(exponent < 0 ? "0." + new string('#', -exponent) : "#,0", CultureInfo.InvariantCulture)
            : v.ToString("0e+0", CultureInfo.InvariantCulture);

    /// <summary>Adds the line's vertices and points along its segments (at most 1/200 of the x range apart), so that a long
    /// straight segment counts where it passes.</summary>
    static void Trace(double[] xs, double[] ys, List<(double X, double Y)> points)
    {
        double range = xs.Where(double.IsFinite).DefaultIfEmpty(0).Max() - xs.Where(double.IsFinite).DefaultIfEmpty(0).Min();
        double stepX = range > 0 ? range / 200 : 1;
        for (int i = 0; i < xs.Length; i++)
        {
            if (!double.IsFinite(xs[i]) || !double.IsFinite(ys[i]))
                continue;
            points.Add((xs[i], ys[i]));
            if (i + 1 < xs.Length && double.IsFinite(xs[i + 1]) && double.IsFinite(ys[i + 1]))
            {
                int n = (int)Math.Min(200, Math.Abs(xs[i + 1] - xs[i]) / stepX);
                for (int k = 1; k < n; k++)
                {
                    double f = (double)k / n;
                    points.Add((xs[i] + f * (xs[i + 1] - xs[i]), ys[i] + f * (ys[i + 1] - ys[i])));
                }
            }
        }
    }

    /// <summary>The corner of the data area whose legend-sized box (<paramref name="boxW"/> x <paramref name="boxH"/> of the
    /// area) holds the fewest points, and how many it holds. Upper right wins ties, then upper left, lower right, lower left.</summary>
    static (Alignment Where, int Covered) FreestCorner(List<(double X, double Y)> points, AxisLimits limits, double boxW, double boxH)
    {
        double w = limits.Right - limits.Left, h = limits.Top - limits.Bottom;
        if (!(w > 0) || !(h > 0) || points.Count == 0)
            return (Alignment.UpperRight, 0);
        var corners = new (Alignment Where, double X0, double X1, double Y0, double Y1)[]
        {
            (Alignment.UpperRight, limits.Right - boxW * w, limits.Right, limits.Top - boxH * h, limits.Top),
            (Alignment.UpperLeft, limits.Left, limits.Left + boxW * w, limits.Top - boxH * h, limits.Top),
            (Alignment.LowerRight, limits.Right - boxW * w, limits.Right, limits.Bottom, limits.Bottom + boxH * h),
            (Alignment.LowerLeft, limits.Left, limits.Left + boxW * w, limits.Bottom, limits.Bottom + boxH * h),
        };
        return corners.Select(c => (c.Where, points.Count(p => p.X >= c.X0 && p.X <= c.X1 && p.Y >= c.Y0 && p.Y <= c.Y1)))
            .OrderBy(c => c.Item2).First();
    }
}
