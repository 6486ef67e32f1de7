using System.Globalization;

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
        o.Common(cell: "lstm", hidden: 32, layers: 1, steps: 800, batch: 32, lr: 0.01f, clip: 1f, bidirectional: true,
            bidirectionalDescription: $"Read each window in both directions (D = 2); only with --mode {ManyToOne} (a bidirectional " +
                "many-to-many model would see the values it predicts).");
        o.Int("seq", "Window length T: noisy values read.", 50, "-t");
        o.Int("horizon", "Many-to-one: clean values forecast after the window.", 20);
        o.Float("noise", "Standard deviation of the Gaussian noise on the inputs (the signal's is about 0.5).", 0.1f);
        o.Choice("mode", "many-to-many, many-to-one, or both side by side.", Both, ManyToMany, ManyToOne, Both);
    }

    public override void Validate(TaskSettings s)
    {
        s.CheckCommon();
        s.AtLeast("horizon", 1, TaskSettings.MaxSequence);
        // The baselines square errors of the noisy values: a noise whose square overflows float32 is refused.
        s.InRange("noise", 0f, MaxNoise);
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

    /// <summary>The largest --noise (100 times the signal's standard deviation).</summary>
    public const float MaxNoise = 50f;

    /// <summary>The held-out sequences and the least-squares fit's (inputs, clean values and predictions on the host and the
    /// device) and a batch of the same.</summary>
    public override (long Bytes, string What) DataBytes(TaskSettings s)
    {
        long rows = SineTask.TestSize + SineTask.FitSize + (long)s.Int("batch"), steps = s.Int("seq") + (long)s.Int("horizon");
        var models = new[] { new RnnOptions(s.Cell(), 1, s.Int("hidden"), s.Int("layers"), false), new RnnOptions(s.Cell(), 1, s.Int("hidden"), s.Int("layers"), s.Bool("bidirectional")) };
        return (rows * steps * 4 * 8 + Forwards(models, s.Int("seq"), s.Int("batch"), SineTask.TestSize),
            $"the {SineTask.TestSize} held-out sequences, the baseline's {SineTask.FitSize} and a batch of --batch {s.Int("batch")}, at --seq {s.Int("seq")} + --horizon {s.Int("horizon")}, with the models' forwards over them");
    }
}
