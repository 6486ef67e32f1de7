namespace RnnGpu.Cli.Training;

/// <summary>One model of the sine task with its optimizer, held-out targets and baselines.</summary>
internal sealed class SineForecaster : IDisposable
{
    /// <summary>Takes ownership of <paramref name="model"/> (a <see cref="SequenceTagger"/> or a <see cref="SequenceClassifier"/>).</summary>
    public SineForecaster(string name, string label, string what, IModule<DeviceTensor> model, float lr,
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
            Opt = new Adam(Module, new AdamOptions(lr));
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    public string Name { get; }

    public string Label { get; }

    public string What { get; }

    public SequenceTagger? Tagger { get; }

    public SequenceClassifier? Classifier { get; }

    /// <summary>The model: a <see cref="SequenceTagger"/> (many-to-many) or a <see cref="SequenceClassifier"/> (many-to-one).</summary>
    public IModule<DeviceTensor> Module { get; }

    public RecurrentLayer Rnn => Tagger?.Rnn ?? Classifier!.Rnn;

    public Linear Head => Tagger?.Fc ?? Classifier!.Fc;

    public Adam Opt { get; }

    public float[] TestTarget { get; }

    public float[] Persistence { get; }

    public float[] Linear { get; }

    public double PersistenceMse { get; }

    public double LinearMse { get; }

    /// <summary>The held-out forecasts of the last validation.</summary>
    public float[]? TestPrediction { get; set; }

    public void Dispose()
    {
        Opt.Dispose();
        Module.Dispose();
    }
}
