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
