namespace RnnGpu
{
    /// <summary>The recurrent cell of a recurrent layer (PyTorch's <c>mode</c>, and the cells ONNX defines beside
    /// PyTorch's); <see cref="RnnGpu.Kernels.CellSpec.Of"/> gives its row of the cell table. The one enum of the cell kind: kernels
    /// take it as an int.</summary>
    public enum RnnMode
    {
        /// <summary>Vanilla RNN with tanh (nn.RNN, nonlinearity='tanh'): h' = tanh(W_ih x + b_ih + W_hh h + b_hh); G = 1.</summary>
        RnnTanh = 0,
        /// <summary>Vanilla RNN with ReLU (nn.RNN, nonlinearity='relu'); G = 1.</summary>
        RnnRelu = 1,
        /// <summary>LSTM (nn.LSTM), gate rows i, f, g, o: c' = f*c + i*g, h' = o*tanh(c'); G = 4.</summary>
        Lstm = 2,
        /// <summary>GRU (nn.GRU), gate rows r, z, n: n = tanh(Gx_n + r*(W_hn h + b_hn)), h' = (1-z)*n + z*h; G = 3.</summary>
        Gru = 3,
    }
}

namespace RnnGpu.Kernels
{

/// <summary>
/// Everything that differs between the recurrent cells, in one table: gate count, what a training step
/// stores, whether there is a cell state, PyTorch's mode string and the names the command line accepts.
/// Nothing else in RnnGpu computes a gate count or parses a cell name.
/// </summary>
public sealed class CellSpec
{
    CellSpec(RnnMode kind, string name, string pyTorchMode, int gates, int storedGates, int interleavedGates,
        bool hasCellState, string gateNames, string description, params string[] aliases)
    {
        Kind = kind;
        Name = name;
        PyTorchMode = pyTorchMode;
        // The counts come from CellMath, the one place the kernels and the host compute them.
        Gates = CellMath.Gates((int)kind);
        StoredGatesPerUnit = CellMath.StoredGatesPerUnit((int)kind);
        InterleavedGates = CellMath.InterleavedGates((int)kind);
        if ((Gates, StoredGatesPerUnit, InterleavedGates) != (gates, storedGates, interleavedGates))
            throw new InvalidOperationException($"CellSpec {name} disagrees with CellMath.");
        HasCellState = hasCellState;
        GateNames = gateNames;
        Description = description;
        Aliases = aliases;
    }

    /// <summary>Vanilla RNN with tanh.</summary>
    public static readonly CellSpec RnnTanh = new(RnnMode.RnnTanh, "rnn_tanh", "RNN_TANH", 1, 1, 1, false, "h",
        "h' = tanh(W_ih x + b_ih + W_hh h + b_hh)", "rnn", "tanh");

    /// <summary>Vanilla RNN with ReLU.</summary>
    public static readonly CellSpec RnnRelu = new(RnnMode.RnnRelu, "rnn_relu", "RNN_RELU", 1, 1, 1, false, "h",
        "h' = relu(W_ih x + b_ih + W_hh h + b_hh)", "relu");

    /// <summary>LSTM: gates i, f, g, o; stores i, f, g, o.</summary>
    public static readonly CellSpec Lstm = new(RnnMode.Lstm, "lstm", "LSTM", 4, 4, 4, true, "i,f,g,o",
        "c' = f*c + i*g, h' = o*tanh(c')");

    /// <summary>GRU: gates r, z, n; stores r, z, n and W_hn h + b_hn (b_hn stays inside the r product).</summary>
    public static readonly CellSpec Gru = new(RnnMode.Gru, "gru", "GRU", 3, 4, 4, false, "r,z,n",
        "n = tanh(Gx_n + r*(W_hn h + b_hn)), h' = (1-z)*n + z*h");

    /// <summary>All cells, in <see cref="RnnMode"/> order.</summary>
    public static IReadOnlyList<CellSpec> All { get; } = new[] { RnnTanh, RnnRelu, Lstm, Gru };

    /// <summary>The canonical names, comma-separated, for messages and help texts.</summary>
    public static string NameList { get; } = string.Join(", ", All.Select(c => c.Name));

    /// <summary>The spec of a cell kind.</summary>
    /// <param name="kind">Cell kind.</param>
    public static CellSpec Of(RnnMode kind) => All[(int)kind];

    /// <summary>The cell kind.</summary>
    public RnnMode Kind { get; }

    /// <summary>Canonical command-line name: lstm, gru, rnn_tanh, rnn_relu.</summary>
    public string Name { get; }

    /// <summary>PyTorch's mode string (<c>nn.RNNBase.mode</c>): LSTM, GRU, RNN_TANH, RNN_RELU.</summary>
    public string PyTorchMode { get; }

    /// <summary>Gates G: rows of W_ih and W_hh per hidden unit (1 RNN, 4 LSTM, 3 GRU).</summary>
    public int Gates { get; }

    /// <summary>Floats per hidden unit that a training step stores for backward (1 RNN, 4 LSTM, 4 GRU).</summary>
    public int StoredGatesPerUnit { get; }

    /// <summary>Gate columns per hidden unit in the interleaved W_hh layout of the tiled step (1 RNN, 4 LSTM and GRU; GRU's
    /// fourth column is zero).</summary>
    public int InterleavedGates { get; }

    /// <summary>Whether the cell carries a cell state c (LSTM).</summary>
    public bool HasCellState { get; }

    /// <summary>Gate row names in PyTorch's order, e.g. <c>i,f,g,o</c>.</summary>
    public string GateNames { get; }

    /// <summary>The update, as a formula.</summary>
    public string Description { get; }

    /// <summary>Other names accepted by <see cref="Parse"/> (e.g. <c>rnn</c> for rnn_tanh).</summary>
    public IReadOnlyList<string> Aliases { get; }

    /// <summary>Gate-activation floats stored per batch row and step for hidden size H.</summary>
    /// <param name="hidden">Hidden size H.</param>
    public int StoredGates(int hidden) => StoredGatesPerUnit * hidden;

    /// <summary>Parses a canonical name, an alias or PyTorch's mode string, ignoring case.</summary>
    /// <param name="text">e.g. <c>lstm</c>, <c>LSTM</c>, <c>rnn</c>.</param>
    /// <param name="what">What the text is, for the message (e.g. <c>--cell</c>).</param>
    /// <exception cref="ArgumentException">Not a cell name; the message lists the names.</exception>
    public static CellSpec Parse(string text, string what = "cell")
    {
        if (TryParse(text, out var spec))
            return spec;
        throw new ArgumentException($"{what} '{text}' is not a cell: expected {NameList}.");
    }

    /// <summary>Parses like <see cref="Parse"/> without throwing.</summary>
    /// <param name="text">The name.</param>
    /// <param name="spec">The cell, when found.</param>
    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CellSpec? spec)
    {
        string t = (text ?? "").Trim();
        spec = All.FirstOrDefault(c => string.Equals(c.Name, t, StringComparison.OrdinalIgnoreCase)
            || string.Equals(c.PyTorchMode, t, StringComparison.OrdinalIgnoreCase)
            || c.Aliases.Any(a => string.Equals(a, t, StringComparison.OrdinalIgnoreCase)));
        return spec is not null;
    }

    /// <summary>The cell with G gates when only the weight shapes are known: 4 LSTM, 3 GRU, 1 RNN (tanh).</summary>
    /// <param name="gates">Rows of W_hh divided by H.</param>
    public static CellSpec? FromGateCount(int gates) => gates switch { 4 => Lstm, 3 => Gru, 1 => RnnTanh, _ => null };

    /// <inheritdoc />
    public override string ToString() => Name;
}
}
