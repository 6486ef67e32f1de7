using System.Globalization;
using RnnGpu.IO;

namespace RnnGpu.Cli.Training;

/// <summary>
/// <c>rnngpu train sine</c>: forecasting noisy sums of sinusoids (<see cref="SineData"/>). Many-to-many: at every step of the
/// window predict the next clean value; many-to-one: read the window, then forecast the next --horizon clean values at once.
/// Both are measured on held-out sequences against persistence and a fitted linear predictor (<see cref="SineBaselines"/>).
/// </summary>
internal sealed class SineSpec : TaskSpec
{
    /// <summary>A model counts as forecasting when its validation MSE is at most this fraction of persistence's.</summary>
    public const double LearnedRatio = 0.5;

    public const string ManyToMany = "many-to-many", ManyToOne = "many-to-one", Both = "both";

    public override string Name => "sine";

    public override string Description =>
        "Forecasting noisy sums of sinusoids: many-to-many (the next clean value at every step) and many-to-one (the next "
        + "--horizon values after a window), measured against persistence and a linear predictor on held-out sequences.";

    public override void Declare(TaskOptions o)
    {
        o.Common(cell: "lstm", hidden: 32, layers: 1, steps: 800, batch: 32, lr: 0.01f, clip: 1f, bidirectional: true);
        o.Int("seq", "Window length T: noisy values read.", 50, "-t");
        o.Int("horizon", "Many-to-one: clean values forecast after the window.", 20);
        o.Float("noise", "Standard deviation of the Gaussian noise on the inputs (the signal's is about 0.5).", 0.1f);
        o.Choice("mode", "many-to-many, many-to-one, or both side by side.", Both, ManyToMany, ManyToOne, Both);
    }

    public override void Validate(TaskSettings s)
    {
        s.CheckCommon();
        s.AtLeast("seq", 1);
        s.AtLeast("horizon", 1);
        float noise = s.Float("noise");
        if (!(noise >= 0) || !float.IsFinite(noise))
            throw new CliException($"--noise must be zero or positive and finite, got {noise.ToString(CultureInfo.InvariantCulture)}.");
        string mode = Mode(s);
        if (s.Bool("bidirectional") && mode != ManyToOne)
            throw new CliException($"--bidirectional needs --mode {ManyToOne}: a bidirectional many-to-many model would see the future values it has to predict.");
    }

    /// <summary>The --mode setting, checked (run.json is edited by hand sometimes).</summary>
    public static string Mode(TaskSettings s) => s.String("mode") switch
    {
        ManyToMany or ManyToOne or Both => s.String("mode"),
        var other => throw new CliException($"--mode must be {ManyToMany}, {ManyToOne} or {Both}, got '{other}'."),
    };

    public override TrainingTask Create(ComputeDevice device, TaskSettings settings) => new SineTask(device, settings);
}

/// <summary>The sine task's models (one per mode), optimizers, held-out data and baselines.</summary>
internal sealed class SineTask : TrainingTask
{
    /// <summary>Sequences in the fixed validation set.</summary>
    public const int TestSize = 256;

    /// <summary>Sequences the linear baseline is fitted on (drawn apart from the training and validation data).</summary>
    public const int FitSize = 2048;

    /// <summary>Held-out sequences drawn in the prediction plots.</summary>
    public const int PlotSequences = 3;


    readonly int seq, horizon, batch;
    readonly float clip, lr, noise;
    readonly Forecaster[] models;
    readonly SineBatch test;
    readonly DeviceTensor testInput;

    public SineTask(ComputeDevice device, TaskSettings s) : base(device, s)
    {
        seq = s.Int("seq");
        horizon = s.Int("horizon");
        batch = s.Int("batch");
        clip = s.Float("clip");
        lr = s.Float("lr");
        noise = s.Float("noise");
        string mode = SineSpec.Mode(s);
        int hidden = s.Int("hidden"), layers = s.Int("layers");
        bool bi = s.Bool("bidirectional");
        var cell = s.Cell();
        ulong seed = (ulong)Seed;

        test = SineData.Draw(HeldOutRandom(), seq + horizon, TestSize, noise);
        var fit = SineData.Draw(HeldOutRandom(1), seq + horizon, FitSize, noise);
        var list = new List<Forecaster>();
        try
        {
            testInput = DeviceTensor.FromHost(device, test.Input(seq), seq, TestSize, 1);
            if (mode != SineSpec.ManyToOne)
            {
                var target = test.NextClean(seq);
                var persistence = SineBaselines.PersistenceNext(test, seq);
                var linear = SineBaselines.LinearNext(fit, test, seq);
                list.Add(new Forecaster("m2m", SineSpec.ManyToMany, "the next clean value at every step",
                    new SequenceTagger(device, new RnnOptions(cell, 1, hidden, layers, false, Seed: seed), 1, seed: seed + 1),
                    lr, seq * batch, 1, target, persistence, linear));
            }
            if (mode != SineSpec.ManyToMany)
            {
                var target = test.Continuation(seq, horizon);
                var persistence = SineBaselines.PersistenceContinuation(test, seq, horizon);
                var linear = SineBaselines.LinearContinuation(fit, test, seq, horizon);
                list.Add(new Forecaster("m2o", SineSpec.ManyToOne, $"the next {horizon} clean values after the window",
                    new SequenceClassifier(device, new RnnOptions(cell, 1, hidden, layers, bi, Seed: seed + 2), horizon, seed: seed + 3),
                    lr, batch, horizon, target, persistence, linear));
            }
            models = list.ToArray();
        }
        catch
        {
            foreach (var f in list)
                f.Dispose();
            testInput?.Dispose();
            throw;
        }
        TrainColumns = models.Select(m => m.Name + "_loss").Concat(models.Select(m => m.Name + "_grad_norm")).ToArray();
        ValidColumns = models.Select(m => m.Name + "_valid_mse").ToArray();
        FlopsPerStep = models.Sum(m => RecurrentFlops(m.Rnn.Options, seq, batch)
            + (m.Tagger is not null ? LinearFlops(seq * batch, m.Head.InFeatures, 1) : LinearFlops(batch, m.Head.InFeatures, horizon)));
    }

    public override string Describe()
    {
        var lines = new List<string>
        {
            $"rnngpu train sine on {Device.Info}",
            FormattableString.Invariant(
                $"{Settings.String("cell")} H={Settings.Int("hidden")} T={seq} horizon={horizon} noise={noise} B={batch} steps={Steps} lr={Settings.String("lr")} (cosine to {FinalLrFraction * lr:G3}) clip={Settings.String("clip")} seed={Seed}"),
        };
        foreach (var m in models)
            lines.Add(FormattableString.Invariant(
                $"{m.Label}: {m.What}; held-out MSE of persistence {m.PersistenceMse:G4}, linear predictor {m.LinearMse:G4}; forecasting below {SineSpec.LearnedRatio} x persistence"));
        return string.Join('\n', lines);
    }

    public override IReadOnlyList<string> TrainColumns { get; }

    public override IReadOnlyList<string> ValidColumns { get; }

    public override int SequencesPerStep => batch * models.Length;

    public override double FlopsPerStep { get; }

    public override IReadOnlyList<string> CheckpointFiles => models.Select(m => m.Name + ".safetensors").ToArray();


    public override StepStats Step(int step)
    {
        var data = SineData.Draw(StepRandom(step), seq + horizon, batch, noise);
        using var tx = DeviceTensor.FromHost(Device, data.Input(seq), seq, batch, 1);
        var values = new double[2 * models.Length];
        float rate = CosineLr(step, lr);
        for (int i = 0; i < models.Length; i++)
        {
            var m = models[i];
            using var ty = m.Tagger is not null
                ? DeviceTensor.FromHost(Device, data.NextClean(seq), seq * batch, 1)
                : DeviceTensor.FromHost(Device, data.Continuation(seq, horizon), batch, horizon);
            m.Module.ZeroGrad();
            using (var pred = m.Forward(tx, training: true))
            using (var loss = Losses.Mse(pred, ty, m.DPred))
            {
                m.Backward();
                values[models.Length + i] = GradClip.ByNormAndRead(m.Module.NamedParameters.Select(q => q.Parameter), clip);
                m.Opt.LearningRate = rate;
                m.Opt.Step();
                values[i] = loss.Read();
            }
        }
        return StepStats.SideBySide(models.Select(m => m.Name).ToArray(), values);
    }

    public override double[] Validate()
    {
        var mse = new double[models.Length];
        for (int i = 0; i < models.Length; i++)
        {
            var m = models[i];
            using var pred = m.Forward(testInput, training: false);
            m.TestPrediction = pred.ToArray();
            mse[i] = Mse(m.TestPrediction, m.TestTarget);
        }
        return mse;
    }

    public override void Save(string dir, int step)
    {
        foreach (var m in models)
            Checkpoint.Save(Path.Combine(dir, m.Name + ".safetensors"), m.Module, m.Opt, Metadata("sine", step));
    }

    public override int Load(string dir)
    {
        var steps = models.Select(m => LoadFile(Path.Combine(dir, m.Name + ".safetensors"), m.Module, m.Opt, "sine")).Distinct().ToArray();
        if (steps.Length != 1)
            throw new CliException($"the checkpoints in {dir} are of different steps ({string.Join(", ", steps)}); the run was interrupted while saving.");
        return steps[0];
    }

    public override IEnumerable<string> Finish(string dir, MetricsLog log, bool finished, double[] validation)
    {
        var mse = validation;
        var files = new List<string> { "loss.png" };
        PlotLoss(Path.Combine(dir, "loss.png"), log);
        foreach (var m in models)
        {
            string png = "prediction_" + m.Name + ".png";
            PlotPrediction(Path.Combine(dir, png), m);
            files.Add(png);
        }
        var m2o = models.FirstOrDefault(m => m.Tagger is null);
        if (m2o is not null && horizon > 1)
        {
            PlotHorizon(Path.Combine(dir, "horizon_mse.png"), m2o);
            files.Add("horizon_mse.png");
        }
        yield return $"wrote {Path.Combine(dir, RunFolder.MetricsFile)}, {string.Join(", ", CheckpointFiles)}, {string.Join(", ", files)}";
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

    static double Mse(float[] pred, float[] target)
    {
        double sum = 0;
        for (int i = 0; i < pred.Length; i++)
        {
            double e = pred[i] - (double)target[i];
            sum += e * e;
        }
        return sum / pred.Length;
    }

    void PlotLoss(string path, MetricsLog log)
    {
        var series = new List<PlotSeries>();
        double last = Math.Max(1, log.Rows.Count);
        foreach (var m in models)
        {
            var (ts, tl) = log.Series(m.Name + "_loss");
            var (vs, vl) = log.Series(m.Name + "_valid_mse");
            series.Add(new PlotSeries($"{m.Label} train", ts, tl));
            series.Add(new PlotSeries($"{m.Label} validation", vs, vl, Dashed: true));
            series.Add(new PlotSeries($"{m.Label} persistence", new[] { 1.0, last }, new[] { m.PersistenceMse, m.PersistenceMse }, Dashed: true));
            series.Add(new PlotSeries($"{m.Label} linear predictor", new[] { 1.0, last }, new[] { m.LinearMse, m.LinearMse }, Dashed: true));
        }
        TrainingPlots.Lines(path, FormattableString.Invariant($"Noisy sinusoids, T = {seq}, noise {noise}: MSE against the clean signal"),
            "step", "MSE", series, logY: true);
    }

    /// <summary>A few held-out sequences side by side: the noisy input, the clean signal, and the model's forecasts.</summary>
    void PlotPrediction(string path, Forecaster m)
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
            new PlotSeries("noisy input", nx, ny),
            new PlotSeries("clean signal", cx, cy),
            new PlotSeries(m.Tagger is not null ? "prediction of the next value" : "forecast", px, py, Dashed: true),
        }, logY: false);
    }

    void PlotHorizon(string path, Forecaster m)
    {
        var steps = Enumerable.Range(1, horizon).Select(j => (double)j).ToArray();
        TrainingPlots.Lines(path, FormattableString.Invariant($"Many-to-one: held-out MSE by step ahead (T = {seq}, noise {noise})"),
            "steps ahead", "MSE", new[]
            {
                new PlotSeries("model", steps, ByStep(m.TestPrediction!, m.TestTarget)),
                new PlotSeries("persistence", steps, ByStep(m.Persistence, m.TestTarget), Dashed: true),
                new PlotSeries("linear predictor", steps, ByStep(m.Linear, m.TestTarget), Dashed: true),
            }, logY: true);
    }

    public override void Dispose()
    {
        foreach (var m in models)
            m.Dispose();
        testInput.Dispose();
    }

    /// <summary>One model with its optimizer, gradient buffer, held-out targets and baselines.</summary>
    sealed class Forecaster : IDisposable
    {
        /// <summary>Takes ownership of <paramref name="model"/> (a <see cref="SequenceTagger"/> or a <see cref="SequenceClassifier"/>).</summary>
        public Forecaster(string name, string label, string what, IModule model, float lr, int rows, int outputs,
            float[] testTarget, float[] persistence, float[] linear)
        {
            Name = name;
            Label = label;
            What = what;
            Module = model;
            Tagger = model as SequenceTagger;
            Classifier = model as SequenceClassifier;
            TestTarget = testTarget;
            Persistence = persistence;
            Linear = linear;
            PersistenceMse = Mse(persistence, testTarget);
            LinearMse = Mse(linear, testTarget);
            try
            {
                if (Rnn.Options.Mode == RnnMode.Lstm)
                    Init.Apply(Rnn, new RnnInit(ForgetBias: 1f, Seed: Rnn.Options.Seed)); // the usual forget-gate bias of 1
                DPred = DeviceTensor.Uninitialized(Rnn.Device, rows, outputs);
                Opt = new Adam(Module, new AdamOptions(lr));
            }
            catch
            {
                DPred?.Dispose();
                model.Dispose();
                throw;
            }
        }

        public string Name { get; }

        public string Label { get; }

        public string What { get; }

        public SequenceTagger? Tagger { get; }

        public SequenceClassifier? Classifier { get; }

        public IModule Module { get; }

        public RecurrentLayer Rnn => Tagger?.Rnn ?? Classifier!.Rnn;

        public Linear Head => Tagger?.Fc ?? Classifier!.Fc;

        public Adam Opt { get; }

        public DeviceTensor DPred { get; }

        public float[] TestTarget { get; }

        public float[] Persistence { get; }

        public float[] Linear { get; }

        public double PersistenceMse { get; }

        public double LinearMse { get; }

        /// <summary>The held-out forecasts of the last validation.</summary>
        public float[]? TestPrediction { get; set; }

        public DeviceTensor Forward(DeviceTensor x, bool training) =>
            Tagger is not null ? Tagger.Forward(x, training: training) : Classifier!.Forward(x, training: training);

        public void Backward()
        {
            if (Tagger is not null)
                Tagger.Backward(DPred).Dispose();
            else
                Classifier!.Backward(DPred);
        }

        public void Dispose()
        {
            Opt.Dispose();
            Module.Dispose();
            DPred.Dispose();
        }
    }
}
