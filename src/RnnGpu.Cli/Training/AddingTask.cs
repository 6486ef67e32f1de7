using System.Globalization;
using RnnGpu.IO;

namespace RnnGpu.Cli.Training;

/// <summary>
/// <c>rnngpu train adding</c>: a tanh RNN and a gated cell (LSTM by default) of the same size learn the adding problem side by
/// side on the same batches; at long sequences the RNN's gradient vanishes and only the gated cell solves it.
/// </summary>
internal sealed class AddingSpec : TaskSpec
{
    /// <summary>Validation MSE below which a model counts as having solved the adding problem.</summary>
    public const double SolvedMse = 0.01;

    public override string Name => "adding";

    public override string Description =>
        "The adding problem: a tanh RNN and an LSTM (or GRU) of the same size learn to sum the two marked values of a sequence; "
        + "shows the vanishing gradient at long sequences.";

    public override void Declare(TaskOptions o)
    {
        o.Common(cell: "lstm", hidden: 32, layers: 1, steps: 1500, batch: 32, lr: 0.01f, clip: 1f, bidirectional: true,
            cellDescription: "Gated cell trained beside the tanh RNN: lstm or gru.", cells: new[] { "lstm", "gru" });
        o.Int("seq", "Sequence length T (at least 2).", 50, "-t");
    }

    public override void Validate(TaskSettings s)
    {
        s.CheckCommon();
        if (s.Cell() is not (RnnMode.Lstm or RnnMode.Gru))
            throw new CliException($"--cell of adding must be lstm or gru (the tanh RNN is always trained beside it), got '{s.String("cell")}'.");
        if (s.Int("seq") < 2)
            throw new CliException($"--seq must be at least 2 (one marker in each half), got {s.Int("seq")}.");
    }

    public override TrainingTask Create(ComputeDevice device, TaskSettings settings) => new AddingTask(device, settings);

    /// <summary>The validation set (host and device) and a batch (host and device), each (T, B, 2) floats with its targets.</summary>
    public override (long Bytes, string What) DataBytes(TaskSettings s)
    {
        int seq = s.Int("seq"), batch = s.Int("batch");
        long rows = AddingTask.TestSize + (long)batch;
        var models = new[] { RnnMode.RnnTanh, s.Cell() }.Select(m => new RnnOptions(m, AddingProblem.InputSize, s.Int("hidden"), s.Int("layers"), s.Bool("bidirectional")));
        return (2 * 4 * rows * ((long)seq * AddingProblem.InputSize + 1) + Forwards(models, seq, batch, AddingTask.TestSize),
            $"the validation set of {AddingTask.TestSize} sequences and a batch of --batch {batch}, at --seq {seq}, with the models' forwards over them");
    }
}

/// <summary>The adding task's two models, optimizers and data.</summary>
internal sealed class AddingTask : TrainingTask
{
    /// <summary>Sequences in the fixed validation set.</summary>
    public const int TestSize = 512;

    readonly int seq, batch;
    readonly float clip;
    readonly (string Name, string Label, SequenceClassifier Model, Adam Opt)[] models;
    readonly float[] testX, testY;
    readonly DeviceTensor testInput;
    readonly double[] lastValid;

    public AddingTask(ComputeDevice device, TaskSettings s) : base(device, s)
    {
        seq = s.Int("seq");
        batch = s.Int("batch");
        clip = s.Float("clip");
        int hidden = s.Int("hidden"), layers = s.Int("layers");
        bool bi = s.Bool("bidirectional");
        var gated = s.Cell();
        ulong seed = (ulong)Seed;
        var list = new List<(string, string, SequenceClassifier, Adam)>();
        try
        {
            var kinds = new[] { (RnnMode.RnnTanh, "rnn", "RNN (tanh)"), (gated, gated == RnnMode.Lstm ? "lstm" : "gru", gated == RnnMode.Lstm ? "LSTM" : "GRU") };
            // Both models must fit before either is built (Adam keeps two floats per parameter).
            RecurrentLayer.EnsureFits(device, kinds.Select(k => new RnnOptions(k.Item1, AddingProblem.InputSize, hidden, layers, bi)).ToArray(), 2);
            foreach (var (mode, name, label) in kinds)
            {
                var model = new SequenceClassifier(device, new RnnOptions(mode, AddingProblem.InputSize, hidden, layers, bi, Seed: seed), 1, seed: seed + 1);
                if (mode == RnnMode.Lstm)
                    Init.Apply(model.Rnn, new RnnInit(ForgetBias: 1f, Seed: seed)); // the usual forget-gate bias of 1
                list.Add((name, label, model, new Adam(model, new AdamOptions(s.Float("lr")))));
            }
            models = list.ToArray();
            (testX, testY) = AddingProblem.Batch(HeldOutRandom(), seq, TestSize);
            testInput = DeviceTensor.FromHost(device, testX, seq, TestSize, AddingProblem.InputSize);
            lastValid = new double[models.Length];
        }
        catch
        {
            foreach (var (_, _, m, o) in list)
            {
                o.Dispose();
                m.Dispose();
            }
            throw;
        }
        TrainColumns = models.Select(m => m.Name + "_loss").Concat(models.Select(m => m.Name + "_grad_norm")).ToArray();
        ValidColumns = models.Select(m => m.Name + "_valid_mse").ToArray();
        FlopsPerStep = models.Sum(m => RecurrentFlops(m.Model.Rnn.Options, seq, batch) + LinearFlops(batch, m.Model.Fc.InFeatures, 1));
    }

    public override string Describe() =>
        $"rnngpu train adding on {Device.Info}\n"
        + $"T={seq} H={Settings.Int("hidden")} B={batch} steps={Steps} lr={Settings.String("lr")} clip={Settings.String("clip")} seed={Seed}; "
        + $"baseline MSE (always 1.0) {AddingProblem.BaselineMse:F3}, solved below {AddingSpec.SolvedMse}";

    public override IReadOnlyList<string> TrainColumns { get; }

    public override IReadOnlyList<string> ValidColumns { get; }

    public override int SequencesPerStep => batch * models.Length;

    public override string? ThroughputText => PerModelThroughput(models.Select(m => m.Name));

    public override double FlopsPerStep { get; }

    public override IReadOnlyList<string> CheckpointFiles => models.Select(m => m.Name + ".safetensors").ToArray();

    public override IEnumerable<(IModule Module, Optimizer Optimizer)> Replicated => models.Select(m => ((IModule)m.Model, (Optimizer)m.Opt));

    public override StepStats Step(int step)
    {
        // The global batch is drawn whole on every replica (the same random sequence); each trains on its shard.
        var (x, y) = AddingProblem.Batch(StepRandom(step), seq, batch);
        var shard = Shard(batch);
        using var tx = DeviceTensor.FromHost(Device, BatchShard.Columns(x, seq, batch, AddingProblem.InputSize, shard), seq, shard.Count, AddingProblem.InputSize);
        using var ty = DeviceTensor.FromHost(Device, BatchShard.Rows(y, 1, shard), shard.Count, 1);
        var meanOver = MeanOver(batch);
        var values = new double[2 * models.Length];
        for (int m = 0; m < models.Length; m++)
        {
            var (model, opt) = (models[m].Model, models[m].Opt);
            var r = Timed(models[m].Name, batch, () => TrainStep(model, tx, (pred, dpred) => Losses.Mse(pred, ty, dpred, meanOver: meanOver), opt, clip));
            values[m] = r.Loss;
            values[models.Length + m] = r.GradNorm!.Value;
        }
        return StepStats.SideBySide(models.Select(m => m.Name).ToArray(), values);
    }

    public override double[] Validate()
    {
        for (int m = 0; m < models.Length; m++)
        {
            using var pred = models[m].Model.Forward(testInput);
            var p = pred.ToArray();
            double sum = 0;
            for (int b = 0; b < TestSize; b++)
                sum += (p[b] - testY[b]) * (double)(p[b] - testY[b]);
            lastValid[m] = sum / TestSize;
        }
        return (double[])lastValid.Clone();
    }

    public override void Save(string dir, int step)
    {
        // Both models' checkpoints become current together (a kill between two files leaves no mix of steps).
        Checkpoint.SaveAll(dir, models.Select(m => (m.Name + ".safetensors", (IModule)m.Model, (Optimizer?)m.Opt,
            (IReadOnlyDictionary<string, string>?)Metadata("adding", step))));
    }

    public override int Load(string dir)
    {
        var steps = models.Select(m => LoadFile(Path.Combine(dir, m.Name + ".safetensors"), m.Model, m.Opt, "adding")).Distinct().ToArray();
        if (steps.Length != 1)
            throw new CliException($"the checkpoints in {dir} are of different steps ({string.Join(", ", steps)}); the run was interrupted while saving.");
        return steps[0];
    }

    public override IEnumerable<string> Finish(string dir, MetricsLog log, bool finished, double[] validation)
    {
        var mse = validation;
        TrainingPlots.LossCurves(Path.Combine(dir, "loss.png"), $"Adding problem, T = {seq}, H = {Settings.Int("hidden")}: MSE", "MSE", log,
            models.SelectMany((m, i) => new[]
            {
                (m.Name + "_loss", m.Label + " train" + TrainingPlots.Throughput(SequencesPerSecond(m.Name)), i, LineKind.Train),
                (m.Name + "_valid_mse", m.Label + " validation", i, LineKind.Validation),
            }),
            logY: true, reference: (AddingProblem.BaselineMse, "baseline (predict 1.0)"));
        TrainingPlots.LossCurves(Path.Combine(dir, "grad_norm.png"), $"Adding problem, T = {seq}: gradient norm before clipping", "gradient norm", log,
            models.Select((m, i) => (m.Name + "_grad_norm", m.Label + TrainingPlots.Throughput(SequencesPerSecond(m.Name)), i, LineKind.Train)), logY: true,
            reference: (Settings.Float("clip"), FormattableString.Invariant($"clip level ({Settings.Float("clip"):G3}): norms above it are scaled to it")));
        yield return RunFolder.Listing(dir, CheckpointFiles, new[] { "loss.png", "grad_norm.png" });
        for (int m = 0; m < models.Length; m++)
            yield return FormattableString.Invariant(
                $"{models[m].Label,-10} validation MSE {mse[m]:F4} (baseline {AddingProblem.BaselineMse:F3}): {(mse[m] < AddingSpec.SolvedMse ? "SOLVED" : "not solved")}");
        bool rnnSolved = mse[0] < AddingSpec.SolvedMse, gatedSolved = mse[1] < AddingSpec.SolvedMse;
        string g = models[1].Label;
        int done = log.Rows.Count;
        yield return "verdict: " + (rnnSolved, gatedSolved) switch
        {
            (false, true) => $"the {g} solved the adding problem at T = {seq} and the RNN did not (vanishing gradient).",
            (true, true) => $"both solved it at T = {seq}; try a longer --seq to see the RNN fail.",
            (false, false) => $"neither solved it at T = {seq} in {done} steps; try more --steps or a shorter --seq.",
            (true, false) => $"the RNN solved it at T = {seq} and the {g} did not; try more --steps.",
        };
    }

    public override void Dispose()
    {
        foreach (var (_, _, model, opt) in models)
        {
            opt.Dispose();
            model.Dispose();
        }
        testInput.Dispose();
    }
}
