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
        /// <summary>LSTM with peepholes (ONNX's LSTM with P): per-unit p_i, p_f, p_o read c[t-1] (i, f) and c[t] (o); G = 4.</summary>
        LstmPeephole = 4,
        /// <summary>GRU with the reset gate before the recurrent map (ONNX's default <c>linear_before_reset = 0</c>, Keras'
        /// <c>reset_after = False</c>): n = tanh(Gx_n + (r h) W_hn^T + b_hn); G = 3.</summary>
        GruResetBefore = 5,
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
        bool hasCellState, string gateNames, string description, Type? cellType = null, string? unitParamName = null,
        string? onnxOp = null, params string[] aliases)
    {
        Kind = kind;
        Name = name;
        PyTorchMode = pyTorchMode;
        CellType = cellType;
        if (cellType is null)
        {
            // The counts come from CellMath, the one place the int-cell kernels and the host compute them.
            Gates = CellMath.Gates((int)kind);
            StoredGatesPerUnit = CellMath.StoredGatesPerUnit((int)kind);
            InterleavedGates = CellMath.InterleavedGates((int)kind);
        }
        else
        {
            // A cell that is a type (ICell) states its own counts.
            T Read<T>(string member) => (T)cellType.GetProperty(member)!.GetValue(null)!;
            if (Read<RnnMode>(nameof(ICell.Mode)) != kind)
                throw new InvalidOperationException($"CellSpec {name}: {cellType.Name}.Mode is not {kind}.");
            Gates = Read<int>(nameof(ICell.Gates));
            StoredGatesPerUnit = Read<int>(nameof(ICell.StoredPerUnit));
            InterleavedGates = interleavedGates;
            LateGates = Read<int>(nameof(ICell.LateGates));
            UnitParams = Read<int>(nameof(ICell.UnitParams));
            if (Read<bool>(nameof(ICell.HasCellState)) != hasCellState)
                throw new InvalidOperationException($"CellSpec {name} disagrees with {cellType.Name} on the cell state.");
        }
        if ((Gates, StoredGatesPerUnit, InterleavedGates) != (gates, storedGates, interleavedGates))
            throw new InvalidOperationException($"CellSpec {name} disagrees with its counts' source.");
        if ((UnitParams > 0) != (unitParamName is not null))
            throw new InvalidOperationException($"CellSpec {name}: per-unit parameters need a name, and only they.");
        HasCellState = hasCellState;
        GateNames = gateNames;
        Description = description;
        UnitParamName = unitParamName;
        OnnxOp = onnxOp ?? (kind is RnnMode.Lstm ? "LSTM" : kind is RnnMode.Gru ? "GRU" : "RNN");
        Aliases = aliases;
    }

    /// <summary>Vanilla RNN with tanh.</summary>
    public static readonly CellSpec RnnTanh = new(RnnMode.RnnTanh, "rnn_tanh", "RNN_TANH", 1, 1, 1, false, "h",
        "h' = tanh(W_ih x + b_ih + W_hh h + b_hh)", aliases: new[] { "rnn", "tanh" });

    /// <summary>Vanilla RNN with ReLU.</summary>
    public static readonly CellSpec RnnRelu = new(RnnMode.RnnRelu, "rnn_relu", "RNN_RELU", 1, 1, 1, false, "h",
        "h' = relu(W_ih x + b_ih + W_hh h + b_hh)", aliases: new[] { "relu" });

    /// <summary>LSTM: gates i, f, g, o; stores i, f, g, o.</summary>
    public static readonly CellSpec Lstm = new(RnnMode.Lstm, "lstm", "LSTM", 4, 4, 4, true, "i,f,g,o",
        "c' = f*c + i*g, h' = o*tanh(c')");

    /// <summary>GRU: gates r, z, n; stores r, z, n and W_hn h + b_hn (b_hn stays inside the r product).</summary>
    public static readonly CellSpec Gru = new(RnnMode.Gru, "gru", "GRU", 3, 4, 4, false, "r,z,n",
        "n = tanh(Gx_n + r*(W_hn h + b_hn)), h' = (1-z)*n + z*h");

    /// <summary>LSTM with peepholes (ONNX's LSTM with input P): gates i, f, g, o, per-unit peepholes p_i, p_f, p_o.</summary>
    public static readonly CellSpec LstmPeephole = new(RnnMode.LstmPeephole, "lstm_peephole", "LSTM_PEEPHOLE", 4, 4, 0, true,
        "i,f,g,o", "i = s(.. + p_i*c), f = s(.. + p_f*c), c' = f*c + i*g, o = s(.. + p_o*c'), h' = o*tanh(c')",
        typeof(PeepholeLstm), unitParamName: "weight_peephole", onnxOp: "LSTM", aliases: new[] { "peephole" });

    /// <summary>GRU with the reset gate before the recurrent map (ONNX's <c>linear_before_reset = 0</c>).</summary>
    public static readonly CellSpec GruResetBefore = new(RnnMode.GruResetBefore, "gru_reset_before", "GRU_RESET_BEFORE", 3, 3, 0,
        false, "r,z,n", "n = tanh(Gx_n + (r*h) W_hn^T + b_hn), h' = (1-z)*n + z*h", typeof(Kernels.GruResetBefore), onnxOp: "GRU");

    /// <summary>All cells, in <see cref="RnnMode"/> order.</summary>
    public static IReadOnlyList<CellSpec> All { get; } = new[] { RnnTanh, RnnRelu, Lstm, Gru, LstmPeephole, GruResetBefore };

    /// <summary>PyTorch's cells (nn.RNN, nn.LSTM, nn.GRU): the ones every algorithm runs and the training tasks offer.</summary>
    public static IReadOnlyList<CellSpec> PyTorch { get; } = All.Where(c => c.CellType is null).ToArray();

    /// <summary>The canonical names, comma-separated, for messages and help texts.</summary>
    public static string NameList { get; } = string.Join(", ", All.Select(c => c.Name));

    /// <summary>The spec of a cell kind.</summary>
    /// <param name="kind">Cell kind.</param>
    public static CellSpec Of(RnnMode kind) => All[(int)kind];

    /// <summary>The cell kind.</summary>
    public RnnMode Kind { get; }

    /// <summary>The cell as a type (<see cref="ICell"/>), for cells the generic cell kernels run (<see cref="CellKernels"/>: one
    /// per-step recurrence on every accelerator); null for PyTorch's four, which the fused, tiled, row and persistent kernels
    /// and the CPU recurrence run.</summary>
    public Type? CellType { get; }

    /// <summary>Trailing gates whose recurrent product reads the late input (<see cref="ICell.LateGates"/>).</summary>
    public int LateGates { get; }

    /// <summary>Per-unit parameter vectors of length H (<see cref="ICell.UnitParams"/>), one parameter of (UnitParams*H).</summary>
    public int UnitParams { get; }

    /// <summary>The per-unit parameter's name stem (<c>weight_peephole</c>, then <c>_l{k}[_reverse]</c>), null for none.</summary>
    public string? UnitParamName { get; }

    /// <summary>The ONNX operator of the cell: LSTM, GRU or RNN.</summary>
    public string OnnxOp { get; }

    /// <summary>Whether the cell's recurrent product of the n gate has its own gradient (PyTorch's GRU, whose b_hn sits inside the
    /// r product); every other cell's pre-activation is Gx + Rec and shares one gradient.</summary>
    public bool SeparateRecurrentGradient => Kind == RnnMode.Gru;

    /// <summary>Canonical command-line name: lstm, gru, rnn_tanh, rnn_relu.</summary>
    public string Name { get; }

    /// <summary>PyTorch's mode string (<c>nn.RNNBase.mode</c>): LSTM, GRU, RNN_TANH, RNN_RELU; for cells PyTorch lacks a string
    /// of the same form (LSTM_PEEPHOLE, GRU_RESET_BEFORE), which RnnGpu's files record.</summary>
    public string PyTorchMode { get; }

    /// <summary>Gates G: rows of W_ih and W_hh per hidden unit (1 RNN, 4 LSTM, 3 GRU).</summary>
    public int Gates { get; }

    /// <summary>Floats per hidden unit that a training step stores for backward (1 RNN, 4 LSTM, 4 GRU).</summary>
    public int StoredGatesPerUnit { get; }

    /// <summary>Gate columns per hidden unit in the interleaved W_hh layout of the tiled step (1 RNN, 4 LSTM and GRU; GRU's
    /// fourth column is zero; 0 for cells the tiled step does not run).</summary>
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
