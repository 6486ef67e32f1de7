namespace RnnGpu.Cli.Training;

/// <summary>One model of the sine task with its optimizer, gradient buffer, held-out targets and baselines.</summary>
internal sealed class SineForecaster : IDisposable
{
    /// <summary>Takes ownership of <paramref name="model"/> (a <see cref="SequenceTagger"/> or a <see cref="SequenceClassifier"/>).</summary>
    public SineForecaster(string name, string label, string what, IModule model, float lr, int rows, int outputs,
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
        PersistenceMse = SineTask.Mse(persistence, testTarget);
        LinearMse = SineTask.Mse(linear, testTarget);
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
