using ScottPlot;

namespace RnnGpu.Cli.Speech;

/// <summary>The speech task's picture of one held-out utterance: its log-mel spectrogram over time, under it the frame-wise
/// posteriors of the blank and of each digit, and the decoded string in the title.</summary>
internal static class SpeechPlots
{
    /// <summary>Writes the picture; false when there is nothing to draw.</summary>
    /// <param name="path">PNG to write.</param>
    /// <param name="u">The utterance.</param>
    /// <param name="stride">Frames per recurrent step.</param>
    /// <param name="posteriors">(steps, 11) softmax of the model's outputs, blank first.</param>
    /// <param name="steps">Recurrent steps of the utterance.</param>
    /// <param name="decoded">The greedy transcript.</param>
    public static bool Utterance(string path, Utterance u, int stride, float[] posteriors, int steps, string decoded)
    {
        if (steps == 0 || u.Frames == 0)
            return false;
        var plot = new Plot();
        // spectrogram: rows are bands (low frequencies at the bottom), columns frames; drawn over y in [0, 40]
        var z = new double[Audio.Bands, u.Frames];
        for (int f = 0; f < u.Frames; f++)
            for (int m = 0; m < Audio.Bands; m++)
                z[Audio.Bands - 1 - m, f] = u.Features[f * Audio.Bands + m];
        var hm = plot.Add.Heatmap(z);
        hm.Colormap = new ScottPlot.Colormaps.Viridis();
        hm.Extent = new CoordinateRect(0, u.Frames / 100.0, 0, Audio.Bands);
        // posteriors: one line per class over y in [-24, -2] (probability 0 to 1), at each step's centre time
        double[] t = Enumerable.Range(0, steps).Select(s => (s + 0.5) * stride / 100.0).ToArray();
        for (int c = 0; c < 11; c++)
        {
            var ys = Enumerable.Range(0, steps).Select(s => -24 + 22 * (double)posteriors[s * 11 + c]).ToArray();
            var line = plot.Add.ScatterLine(t, ys);
            line.LegendText = c == 0 ? "blank" : ((char)('0' + c - 1)).ToString();
            line.LineWidth = c == 0 ? 1 : 2;
            line.LineColor = c == 0 ? Colors.Gray.WithAlpha(0.6) : new ScottPlot.Palettes.Category10().GetColor(c - 1);
        }
        plot.Title($"held-out {u.Language} utterance ({u.Voice}): spoken {u.Digits}, decoded {decoded}");
        plot.XLabel("time (s)");
        plot.YLabel("log-mel band (top) / frame posterior (bottom)");
        plot.Axes.SetLimits(0, u.Frames / 100.0, -25, Audio.Bands + 1);
        plot.Legend.IsVisible = true;
        plot.Legend.Alignment = Alignment.LowerRight;
        plot.Legend.BackgroundColor = Colors.White.WithAlpha(0.8);
        plot.SavePng(path, 1000, 600);
        return true;
    }
}
