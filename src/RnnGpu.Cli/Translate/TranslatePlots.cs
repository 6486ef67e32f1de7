using ScottPlot;

namespace RnnGpu.Cli.Translate;

/// <summary>One translation's attention for the picture: source text, output text, and the weights (output chars x Ts).</summary>
/// <param name="Source">Source text.</param>
/// <param name="Output">Output text.</param>
/// <param name="Rows">Output tokens (rows of <paramref name="Weights"/>).</param>
/// <param name="Weights">(Rows, Ts) row-major.</param>
/// <param name="Ts">Columns of the weights (the padded source length).</param>
/// <param name="SourceLength">Source characters (the columns drawn).</param>
internal sealed record AttentionPicture(string Source, string Output, int Rows, float[] Weights, int Ts, int SourceLength);

/// <summary>The translation task's attention heat maps: for each pictured sentence, output characters (rows) against source
/// characters (columns), darker where the decoder looked, the characters written along the edges.</summary>
internal static class TranslatePlots
{
    /// <summary>Writes the picture (atomically: a reader sees the old file or the whole new one); false when there is nothing
    /// to draw.</summary>
    /// <param name="path">PNG to write.</param>
    /// <param name="pictures">The sentences.</param>
    public static bool Attention(string path, IReadOnlyList<AttentionPicture> pictures)
    {
        var drawn = pictures.Where(p => p.Rows > 0 && p.SourceLength > 0).ToArray();
        if (drawn.Length == 0)
            return false;
        var plot = new Plot();
        double top = 0, width = drawn.Max(p => p.SourceLength) + 2;
        foreach (var p in drawn)
        {
            var src = p.Source.EnumerateRunes().Select(r => r.ToString()).ToArray();
            var outChars = p.Output.EnumerateRunes().Select(r => r.ToString()).ToArray();
            var z = new double[p.Rows, p.SourceLength];
            for (int r = 0; r < p.Rows; r++)
                for (int c = 0; c < p.SourceLength; c++)
                    z[r, c] = p.Weights[r * p.Ts + c];
            var hm = plot.Add.Heatmap(z);
            hm.Colormap = new ScottPlot.Colormaps.Grayscale().Reversed();
            hm.Extent = new CoordinateRect(0, p.SourceLength, top - p.Rows, top);
            for (int c = 0; c < p.SourceLength && c < src.Length; c++)
                Label(plot, src[c], c + 0.5, top - p.Rows - 0.6);
            for (int r = 0; r < p.Rows && r < outChars.Length; r++)
                Label(plot, outChars[r], -0.6, top - r - 0.5);
            var caption = plot.Add.Text(p.Source + "  ->  " + p.Output, 0, top + 0.9);
            caption.LabelFontName = Fonts.Detect(p.Source); // a font with the script's glyphs (Hangul) where one is installed
            caption.LabelFontSize = 13;
            caption.LabelBold = true;
            top -= p.Rows + 3.5;
        }
        plot.Title("Attention of held-out dates: output characters (rows) over source characters (columns)");
        plot.Axes.SetLimits(-1.5, width, top + 1.5, 2);
        plot.HideGrid();
        plot.Layout.Frameless();
        var png = plot.GetImageBytes(1100, (int)Math.Min(2400, 60 + 34 * (2 - top)), ImageFormat.Png);
        RnnGpu.IO.AtomicFile.Write(path, s => s.Write(png));
        return true;
    }

    static void Label(Plot plot, string text, double x, double y)
    {
        var t = plot.Add.Text(text, x, y);
        t.LabelFontName = Fonts.Detect(text);
        t.LabelFontSize = 14;
        t.LabelAlignment = Alignment.MiddleCenter;
    }
}
