using System.Globalization;
using RnnGpu.Kernels;

namespace RnnGpu.Cli.Benchmarking;

/// <summary>One recurrent-layer size to validate and time.</summary>
/// <param name="Mode">Cell kind.</param>
/// <param name="Input">Input size I of layer 0.</param>
/// <param name="Hidden">Hidden size H.</param>
/// <param name="Batch">Batch size B.</param>
/// <param name="Seq">Sequence length T.</param>
/// <param name="Layers">Stacked layers L.</param>
/// <param name="Bidirectional">Two directions (D = 2).</param>
internal sealed record BenchConfig(RnnMode Mode, int Input, int Hidden, int Batch, int Seq, int Layers = 1, bool Bidirectional = false)
{
    /// <summary>Parses a cell name or alias (<see cref="CellSpec.Parse"/>).</summary>
    public static RnnMode ParseCell(string name) => CliCells.Parse(name, "--cell");

    /// <summary>The cell's name as <c>--cell</c> spells it.</summary>
    public string CellName => CellSpec.Of(Cell).Name;

    /// <summary>The kernels' cell kind.</summary>
    public RnnMode Cell => Mode;

    /// <summary>Gates G: 1 RNN, 3 GRU, 4 LSTM.</summary>
    public int Gates => CellSpec.Of(Cell).Gates;

    /// <summary>Directions D.</summary>
    public int Directions => Bidirectional ? 2 : 1;

    int InSize(int layer) => layer == 0 ? Input : Directions * Hidden;

    /// <summary>FLOPs of one inference forward: per layer and direction 2*T*B*(In+H)*G*H.</summary>
    public double ForwardFlops
    {
        get
        {
            double f = 0;
            for (int l = 0; l < Layers; l++)
                f += Directions * 2.0 * Seq * Batch * (InSize(l) + (double)Hidden) * Gates * Hidden;
            return f;
        }
    }

    /// <summary>FLOPs of a training step (forward, backward, weight gradients): 3x <see cref="ForwardFlops"/>.</summary>
    public double TrainFlops => 3 * ForwardFlops;

    /// <summary>
    /// Upper estimate of the device bytes a training step needs, before anything is allocated:
    /// parameters with gradients and cached transposes; per layer and direction the training tape,
    /// T*B*(StoredGates + H (+ H for LSTM)) plus one state slot; per layer its input; the caller's
    /// x, dy and dx; and the largest transients (Gx, dG, output, dy, d input).
    /// </summary>
    public double EstimatedTrainingBytes
    {
        get
        {
            double tb = (double)Seq * Batch, g = Gates, h = Hidden, d = Directions;
            double stored = CellSpec.Of(Cell).StoredGatesPerUnit * h;
            double statePlanes = CellSpec.Of(Cell).HasCellState ? 2 : 1;
            double floats = 0, maxIn = Input;
            for (int l = 0; l < Layers; l++)
            {
                double inSize = InSize(l);
                maxIn = Math.Max(maxIn, inSize);
                double param = g * h * (inSize + h) + 2 * g * h;
                floats += d * (4 * param + tb * stored + (Seq + 1.0) * Batch * h * statePlanes);
                if (l > 0)
                    floats += tb * inSize; // stored layer input
            }
            floats += tb * Input * 2 + tb * d * h * 3;             // x, dx; dy, output, internal dy
            floats += tb * g * h * (Mode == RnnMode.Gru ? 3 : 2);  // Gx, dG (+ dG_h for GRU)
            floats += tb * maxIn;                                  // d input of a layer
            return 4 * floats + 16.0 * 1024 * 1024;                // + scratch
        }
    }

    /// <summary>Throws <see cref="CliException"/> when a size is not positive.</summary>
    public void Check()
    {
        Positive(Input, "--input");
        Positive(Hidden, "--hidden");
        Positive(Batch, "--batch");
        Positive(Seq, "--seq");
        Positive(Layers, "--layers");
    }

    static void Positive(int value, string name)
    {
        if (value <= 0)
            throw new CliException($"{name} must be a positive integer, got {value.ToString(CultureInfo.InvariantCulture)}.");
    }

    /// <summary>The same configuration at a size the float64 reference checks in about a second.</summary>
    public BenchConfig ValidationSize => this with { Seq = Math.Min(Seq, 3), Batch = Math.Min(Batch, 8) };

    /// <inheritdoc />
    public override string ToString() =>
        $"{CellName} I={Input} H={Hidden} B={Batch} T={Seq} L={Layers}{(Bidirectional ? " bidirectional" : "")}";
}
