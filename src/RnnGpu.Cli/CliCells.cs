using RnnGpu.Kernels;

namespace RnnGpu.Cli;

/// <summary>Cell names on the command line, from <see cref="CellSpec"/> (the one table of names and aliases).</summary>
internal static class CliCells
{
    /// <summary>The cells the training tasks and the benchmarks offer, in <see cref="RnnMode"/> order: PyTorch's rnn_tanh, rnn_relu,
    /// lstm, gru (the cells that are types run from ONNX models and the API).</summary>
    public static readonly string[] Names = CellSpec.PyTorch.Select(c => c.Name).ToArray();

    /// <summary>A cell name, alias or PyTorch mode string as an <see cref="RnnMode"/>; a one-line error naming the option otherwise.</summary>
    /// <param name="text">What the user wrote.</param>
    /// <param name="option">The option, e.g. <c>--cell</c>.</param>
    public static RnnMode Parse(string? text, string option) => CellSpec.TryParse(text, out var spec)
        ? spec.Kind
        : throw new CliException($"{option} '{text}' is not a cell: expected {CellSpec.NameList}.");
}
