using RnnGpu.IO;

namespace RnnGpu.Cli.Training;

/// <summary>The sine task's models (one per mode), optimizers, held-out data and baselines.</summary>
internal sealed partial class SineTask : TrainingTask
{
    /// <summary>Sequences in the fixed validation set.</summary>
    public const int TestSize = 256;

    /// <summary>Sequences the linear baseline is fitted on (drawn apart from the training and validation data).</summary>
    public const int FitSize = 2048;

    /// <summary>Held-out sequences drawn in the prediction plots.</summary>
    public const int PlotSequences = 3;


    readonly int seq, horizon, batch;
    readonly float clip, lr, noise;
    readonly SineForecaster[] models;
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
        var list = new List<SineForecaster>();
        try
        {
            testInput = DeviceTensor.FromHost(device, test.Input(seq), seq, TestSize, 1);
            if (mode != SineSpec.ManyToOne)
            {
                var target = test.NextClean(seq);
                var persistence = SineBaselines.PersistenceNext(test, seq);
                var linear = SineBaselines.LinearNext(fit, test, seq);
                list.Add(new SineForecaster("m2m", SineSpec.ManyToMany, "the next clean value at every step",
                    new SequenceTagger(device, new RnnOptions(cell, 1, hidden, layers, false, Seed: seed), 1, seed: seed + 1),
                    lr, target, persistence, linear));
            }
            if (mode != SineSpec.ManyToMany)
            {
                var target = test.Continuation(seq, horizon);
                var persistence = SineBaselines.PersistenceContinuation(test, seq, horizon);
                var linear = SineBaselines.LinearContinuation(fit, test, seq, horizon);
                list.Add(new SineForecaster("m2o", SineSpec.ManyToOne, $"the next {horizon} clean values after the window",
                    new SequenceClassifier(device, new RnnOptions(cell, 1, hidden, layers, bi, Seed: seed + 2), horizon, seed: seed + 3),
                    lr, target, persistence, linear));
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

    public override string? ThroughputText => PerModelThroughput(models.Select(m => m.Name));

    public override double FlopsPerStep { get; }

    public override IReadOnlyList<string> CheckpointFiles => models.Select(m => m.Name + ".safetensors").ToArray();

    public override IEnumerable<(IModule Module, Optimizer Optimizer)> Replicated => models.Select(m => ((IModule)m.Module, (Optimizer)m.Opt));


    public override StepStats Step(int step)
    {
        var data = SineData.Draw(StepRandom(step), seq + horizon, batch, noise);
        var shard = Shard(batch);
        using var tx = DeviceTensor.FromHost(Device, BatchShard.Columns(data.Input(seq), seq, batch, 1, shard), seq, shard.Count, 1);
        var values = new double[2 * models.Length];
        float rate = CosineLr(step, lr);
        for (int i = 0; i < models.Length; i++)
        {
            var m = models[i];
            using var ty = m.Tagger is not null
                ? DeviceTensor.FromHost(Device, BatchShard.Columns(data.NextClean(seq), seq, batch, 1, shard), seq, shard.Count, 1)
                : DeviceTensor.FromHost(Device, BatchShard.Rows(data.Continuation(seq, horizon), horizon, shard), shard.Count, horizon);
            var meanOver = MeanOver(m.Tagger is not null ? (long)seq * batch : (long)batch * horizon);
            m.Opt.LearningRate = rate;
            var r = Timed(m.Name, batch, () => TrainStep(m.Module, tx, (pred, dpred) => Losses.Mse(pred, ty, dpred, meanOver: meanOver), m.Opt, clip));
            values[i] = r.Loss;
            values[models.Length + i] = r.GradNorm!.Value;
        }
        return StepStats.SideBySide(models.Select(m => m.Name).ToArray(), values);
    }

    public override double[] Validate()
    {
        var mse = new double[models.Length];
        for (int i = 0; i < models.Length; i++)
        {
            var m = models[i];
            using var pred = m.Module.Forward(testInput, new ForwardContext(Training: false));
            m.TestPrediction = pred.ToArray();
            mse[i] = Mse(m.TestPrediction, m.TestTarget);
        }
        return mse;
    }

    public override void Save(string dir, int step)
    {
        // Both models' checkpoints become current together (a kill between two files leaves no mix of steps).
        Checkpoint.SaveAll(dir, models.Select(m => (m.Name + ".safetensors", (IModule)m.Module, (Optimizer?)m.Opt,
            (IReadOnlyDictionary<string, string>?)Metadata("sine", step))));
    }

    public override int Load(string dir)
    {
        var steps = models.Select(m => LoadFile(Path.Combine(dir, m.Name + ".safetensors"), m.Module, m.Opt, "sine")).Distinct().ToArray();
        if (steps.Length != 1)
            throw new CliException($"the checkpoints in {dir} are of different steps ({string.Join(", ", steps)}); the run was interrupted while saving.");
        return steps[0];
    }

    public override void Dispose()
    {
        foreach (var m in models)
            m.Dispose();
        testInput.Dispose();
    }

    /// <summary>Mean squared error of a prediction against its target.</summary>
    internal static double Mse(float[] pred, float[] target)
    {
        double sum = 0;
        for (int i = 0; i < pred.Length; i++)
        {
            double e = pred[i] - (double)target[i];
            sum += e * e;
        }
        return sum / pred.Length;
    }
}
