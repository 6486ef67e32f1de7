namespace RnnGpu.Cli.Training;

/// <summary>The sine task's end of run: the summary lines against the baselines and the plots (loss, predictions, error by
/// step ahead).</summary>
internal sealed partial class SineTask
{
    public override IEnumerable<string> Finish(string dir, MetricsLog log, bool finished, double[] validation)
    {
        var mse = validation;
        var files = new List<string> { "loss.png" };
        PlotLoss(Path.Combine(dir, "loss.png"), log);
        for (int i = 0; i < models.Length; i++)
        {
            var m = models[i];
            string png = "prediction_" + m.Name + ".png";
            PlotPrediction(Path.Combine(dir, png), m, i);
            files.Add(png);
        }
        var m2o = models.FirstOrDefault(m => m.Tagger is null);
        if (m2o is not null && horizon > 1)
        {
            PlotHorizon(Path.Combine(dir, "horizon_mse.png"), m2o, Array.IndexOf(models, m2o));
            files.Add("horizon_mse.png");
        }
        yield return RunFolder.Listing(dir, CheckpointFiles, files);
        int done = log.Rows.Count;
        var learned = new bool[models.Length];
        var beatsLinear = new bool[models.Length];
        for (int i = 0; i < models.Length; i++)
        {
            var m = models[i];
            double ratio = mse[i] / m.PersistenceMse, linear = mse[i] / m.LinearMse;
            learned[i] = ratio <= SineSpec.LearnedRatio;
            beatsLinear[i] = mse[i] < m.LinearMse;
            string status = (learned[i] ? "FORECASTS" : "does not forecast") + (beatsLinear[i] ? ", beats the linear predictor" : "");
            yield return FormattableString.Invariant(
                $"{m.Label,-12} validation MSE {mse[i]:G4} = {ratio:F2} x persistence ({m.PersistenceMse:G4}), {linear:F2} x linear predictor ({m.LinearMse:G4}): {status} (threshold {SineSpec.LearnedRatio} x persistence)");
            if (m.Tagger is not null && seq >= 2)
            {
                // The first steps of a window carry little history; the last ones show what the model makes of it.
                int k = Math.Clamp(seq / 5, 1, 10);
                string Part(int from, int to) => FormattableString.Invariant(
                    $"{(to - from == 1 ? $"step {to}" : $"steps {from + 1}-{to}")}: {Mse(m.TestPrediction!, m.TestTarget, from, to):G3} (persistence {Mse(m.Persistence, m.TestTarget, from, to):G3}, linear {Mse(m.Linear, m.TestTarget, from, to):G3})");
                yield return $"  MSE over the window: {Part(0, k)}, {Part(seq - k, seq)}";
            }
            if (m.Tagger is null && horizon > 1)
            {
                var model = ByStep(m.TestPrediction!, m.TestTarget);
                var persistence = ByStep(m.Persistence, m.TestTarget);
                var fitted = ByStep(m.Linear, m.TestTarget);
                var shown = new[] { 1, (horizon + 1) / 2, horizon }.Distinct();
                yield return "  MSE by step ahead: " + string.Join(", ", shown.Select(j => FormattableString.Invariant(
                    $"{j}: {model[j - 1]:G3} (persistence {persistence[j - 1]:G3}, linear {fitted[j - 1]:G3})")));
            }
        }
        bool one = models.Length == 1;
        string what = one ? $"the {models[0].Label} model forecasts" : "both models forecast";
        string linearToo = beatsLinear.All(x => x) ? (one ? " and beats" : " and beat") + " the linear predictor" : "";
        yield return "verdict: " + (learned.All(x => x)
            ? $"{what} the clean signal from noisy input (at most {SineSpec.LearnedRatio} x the persistence MSE){linearToo} in {done} steps."
            : learned.Any(x => x)
                ? $"only the {models[Array.IndexOf(learned, true)].Label} model forecasts in {done} steps; try more --steps."
                : $"no model reached {SineSpec.LearnedRatio} x the persistence MSE in {done} steps; try more --steps or a larger --hidden.");
    }

    /// <summary>Per-step-ahead MSE of a (B, horizon) forecast.</summary>
    double[] ByStep(float[] pred, float[] target)
    {
        var r = new double[horizon];
        int n = pred.Length / horizon;
        for (int b = 0; b < n; b++)
            for (int j = 0; j < horizon; j++)
            {
                double e = pred[b * horizon + j] - (double)target[b * horizon + j];
                r[j] += e * e;
            }
        for (int j = 0; j < horizon; j++)
            r[j] /= n;
        return r;
    }

    /// <summary>Many-to-many MSE over the window steps [from, to) of (T * B) rows.</summary>
    static double Mse(float[] pred, float[] target, int from, int to)
    {
        double sum = 0;
        for (int i = from * TestSize; i < to * TestSize; i++)
        {
            double e = pred[i] - (double)target[i];
            sum += e * e;
        }
        return sum / ((to - from) * TestSize);
    }

    void PlotLoss(string path, MetricsLog log)
    {
        var series = new List<PlotSeries>();
        double last = Math.Max(1, log.Rows.Count);
        for (int i = 0; i < models.Length; i++)
        {
            var m = models[i];
            var (ts, tl) = log.Series(m.Name + "_loss");
            var (vs, vl) = log.Series(m.Name + "_valid_mse");
            series.Add(new PlotSeries($"{m.Label} train{TrainingPlots.Throughput(SequencesPerSecond(m.Name))}", ts, tl, i, LineKind.Train));
            series.Add(new PlotSeries($"{m.Label} validation", vs, vl, i, LineKind.Validation));
            series.Add(new PlotSeries($"{m.Label} persistence", new[] { 1.0, last }, new[] { m.PersistenceMse, m.PersistenceMse }, i, LineKind.Baseline));
            series.Add(new PlotSeries($"{m.Label} linear predictor", new[] { 1.0, last }, new[] { m.LinearMse, m.LinearMse }, i, LineKind.BaselineAlt));
        }
        TrainingPlots.Lines(path, FormattableString.Invariant($"Noisy sinusoids, T = {seq}, noise {noise}: MSE against the clean signal"),
            "step", "MSE", series, logY: true);
    }

    /// <summary>A few held-out sequences side by side: the noisy input, the clean signal, and the model's forecasts.</summary>
    void PlotPrediction(string path, SineForecaster m, int index)
    {
        int length = seq + horizon, gap = Math.Max(4, length / 8), n = Math.Min(PlotSequences, TestSize);
        var (nx, ny) = (new List<double>(), new List<double>());
        var (cx, cy) = (new List<double>(), new List<double>());
        var (px, py) = (new List<double>(), new List<double>());
        var pred = m.TestPrediction!;
        for (int b = 0; b < n; b++)
        {
            if (b > 0)
            {
                // NaN breaks each line between sequences.
                foreach (var (xs, ys) in new[] { (nx, ny), (cx, cy), (px, py) })
                {
                    xs.Add(double.NaN);
                    ys.Add(double.NaN);
                }
            }
            int x0 = b * (length + gap);
            for (int t = 0; t < seq; t++)
            {
                nx.Add(x0 + t);
                ny.Add(test.Noisy[t * TestSize + b]);
            }
            int cleanEnd = m.Tagger is not null ? seq + 1 : length;
            for (int t = 0; t < cleanEnd; t++)
            {
                cx.Add(x0 + t);
                cy.Add(test.Clean[t * TestSize + b]);
            }
            if (m.Tagger is not null)
                for (int t = 0; t < seq; t++)
                {
                    px.Add(x0 + t + 1);
                    py.Add(pred[t * TestSize + b]);
                }
            else
                for (int j = 0; j < horizon; j++)
                {
                    px.Add(x0 + seq + j);
                    py.Add(pred[b * horizon + j]);
                }
        }
        string title = m.Tagger is not null
            ? FormattableString.Invariant($"Many-to-many: next clean value at every step ({n} held-out sequences)")
            : FormattableString.Invariant($"Many-to-one: the {horizon} clean values after a window of {seq} ({n} held-out sequences)");
        TrainingPlots.Lines(path, title, "step (sequences side by side)", "value", new[]
        {
            new PlotSeries("noisy input", nx, ny, -1, LineKind.Input),
            new PlotSeries("clean signal", cx, cy, -1, LineKind.Data),
            new PlotSeries($"{m.Label}: " + (m.Tagger is not null ? "prediction of the next value" : "forecast"), px, py, index, LineKind.Validation),
        }, logY: false);
    }

    void PlotHorizon(string path, SineForecaster m, int index)
    {
        var steps = Enumerable.Range(1, horizon).Select(j => (double)j).ToArray();
        TrainingPlots.Lines(path, FormattableString.Invariant($"Many-to-one: held-out MSE by step ahead (T = {seq}, noise {noise})"),
            "steps ahead", "MSE", new[]
            {
                new PlotSeries(m.Label, steps, ByStep(m.TestPrediction!, m.TestTarget), index, LineKind.Validation),
                new PlotSeries("persistence", steps, ByStep(m.Persistence, m.TestTarget), index, LineKind.Baseline),
                new PlotSeries("linear predictor", steps, ByStep(m.Linear, m.TestTarget), index, LineKind.BaselineAlt),
            }, logY: true);
    }
}
