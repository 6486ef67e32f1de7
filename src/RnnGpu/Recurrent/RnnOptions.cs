using RnnGpu.Kernels;

namespace RnnGpu;

/// <summary>Configuration of a <see cref="RecurrentLayer"/>, PyTorch's nn.RNN/LSTM/GRU arguments.</summary>
/// <param name="Mode">Cell kind.</param>
/// <param name="InputSize">Features I of the input.</param>
/// <param name="HiddenSize">Hidden size H (of the cell state and of the gates).</param>
/// <param name="NumLayers">Stacked layers L (default 1).</param>
/// <param name="Bidirectional">Run a reverse direction too (D = 2); outputs are concatenated [forward, reverse].</param>
/// <param name="BatchFirst">Input and output are (B, T, features) instead of (T, B, features); states are not affected.</param>
/// <param name="Dropout">Dropout probability on the outputs of every layer but the last, in training only (default 0).</param>
/// <param name="Seed">Seed of the default initialisation U(-1/sqrt(H), 1/sqrt(H)) and of dropout masks.</param>
/// <param name="CheckFinite">Opt-in: report NaN or Inf in inputs, states, outputs and gradients with the layer and step
/// where it first appears (costs a synchronisation per layer).</param>
/// <param name="ProjSize">LSTM only: PyTorch's <c>proj_size</c> P, 0 for none. With P &gt; 0 each layer and direction has
/// <c>weight_hr_l{k}</c> (P, H), h = W_hr (o * tanh(c)) has size P (so do the output and h0/h_n; W_hh is (4H, P)),
/// and c keeps size H. Must be below H.</param>
/// <param name="Bias">PyTorch's <c>bias</c>: false leaves out b_ih and b_hh (the cell sees zeros).</param>
/// <param name="Algorithm">How the forward recurrence runs (default: the device policy's choice).</param>
public sealed record RnnOptions(RnnMode Mode, int InputSize, int HiddenSize, int NumLayers = 1, bool Bidirectional = false,
    bool BatchFirst = false, float Dropout = 0f, ulong Seed = 0, bool CheckFinite = false, int ProjSize = 0, bool Bias = true,
    RecurrenceAlgorithm Algorithm = RecurrenceAlgorithm.Auto)
{
    /// <summary>What the cell is: gates, stored gates, cell state, names.</summary>
    public CellSpec Cell => CellSpec.Of(Mode);

    /// <summary>Directions D (2 when bidirectional).</summary>
    public int Directions => Bidirectional ? 2 : 1;

    /// <summary>Size of h, of each direction's output columns and of h0/h_n: <see cref="ProjSize"/> when set, else H.</summary>
    public int StateSize => ProjSize > 0 ? ProjSize : HiddenSize;

    /// <summary>Input features of layer <paramref name="layer"/>: I for layer 0, D * <see cref="StateSize"/> above.</summary>
    /// <param name="layer">Layer index.</param>
    public int LayerInputSize(int layer) => layer == 0 ? InputSize : Directions * StateSize;

    /// <summary>Throws when a size, the dropout or the projection does not make sense, naming the option.</summary>
    /// <exception cref="ArgumentException">The option and its value.</exception>
    public void Validate()
    {
        if (InputSize <= 0 || HiddenSize <= 0 || NumLayers <= 0)
            throw new ArgumentException(
                $"InputSize ({InputSize}), HiddenSize ({HiddenSize}) and NumLayers ({NumLayers}) must be positive.", "options");
        if (!(Dropout >= 0f && Dropout < 1f))
            throw new ArgumentException($"Dropout must be in [0, 1), got {Dropout}.", "options");
        if (!Enum.IsDefined(Mode))
            throw new ArgumentException($"Mode {(int)Mode} is not a cell: expected {CellSpec.NameList}.", "options");
        if (!Enum.IsDefined(Algorithm))
            throw new ArgumentException($"Algorithm {(int)Algorithm} is not a recurrence algorithm.", "options");
        if (ProjSize < 0)
            throw new ArgumentException($"ProjSize must be 0 (none) or positive, got {ProjSize}.", "options");
        if (ProjSize > 0 && Mode != RnnMode.Lstm)
            throw new ArgumentException($"ProjSize ({ProjSize}) applies to LSTM only, this layer is {Cell.Name}.", "options");
        if (ProjSize >= HiddenSize)
            throw new ArgumentException($"ProjSize ({ProjSize}) must be smaller than HiddenSize ({HiddenSize}), as in PyTorch.", "options");
        // Tensor dimensions are 32-bit: the gate width G*H and the output width D*H must each fit one.
        if ((long)Cell.Gates * HiddenSize > int.MaxValue || (long)Directions * StateSize > int.MaxValue)
            throw new ArgumentException($"HiddenSize ({HiddenSize}) is too large: the gate width {Cell.Gates} x {HiddenSize} or the output width " +
                $"{Directions} x {StateSize} exceeds {int.MaxValue:N0}.", "options");
    }
}
