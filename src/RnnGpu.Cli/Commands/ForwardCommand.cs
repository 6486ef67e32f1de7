using System.CommandLine;
using RnnGpu.IO;

namespace RnnGpu.Cli.Commands;

/// <summary>
/// <c>rnngpu forward</c>: runs a PyTorch-layout nn.RNN/LSTM/GRU state_dict (safetensors) on .npy inputs and
/// writes the outputs, and with <c>--grad-output</c> the BPTT gradients, as .npy and safetensors files.
/// </summary>
internal static class ForwardCommand
{
    const string FileFormats =
        ".npy files are little-endian float32 in C order ('<f4', fortran_order False); lengths are int64 ('<i8'). " +
        "Anything else is refused.";

    public static Command Create(TextWriter output)
    {
        var weights = new Option<string>("--weights", "-w")
        {
            Description = "safetensors file with PyTorch state_dict names (weight_ih_l0[_reverse], weight_hh_l0, bias_ih_l0, bias_hh_l0, ...), " +
                "or an .onnx file of LSTM/GRU/RNN nodes as torch.onnx.export writes nn.LSTM/GRU/RNN (or rnngpu export of a layer).",
            Required = true,
        };
        var input = new Option<string>("--input", "-x") { Description = "X.npy: float32 (T, B, I), or (B, T, I) with --batch-first.", Required = true };
        var outDir = new Option<string>("--out", "-o") { Description = "Folder receiving output.npy, h_n.npy (c_n.npy) and the gradients.", Required = true };
        var mode = new Option<string?>("--mode") { Description = "lstm, gru, rnn_tanh or rnn_relu; default: the file's __metadata__ \"mode\", else inferred from the gate count." };
        var batchFirst = new Option<bool>("--batch-first") { Description = "X, the output and DY are (B, T, ...)." };
        var lengths = new Option<string?>("--lengths") { Description = "L.npy: int64 (B), each in 1..T (packed-sequence semantics)." };
        var h0 = new Option<string?>("--h0") { Description = "H0.npy: float32 (L*D, B, H)." };
        var c0 = new Option<string?>("--c0") { Description = "C0.npy: float32 (L*D, B, H) (LSTM)." };
        var gradOutput = new Option<string?>("--grad-output") { Description = "DY.npy, shaped like the output: run BPTT for sum(output*DY) + 0.3*sum(h_n) + 0.7*sum(c_n) and write grad_input.npy, grad_h0.npy / grad_c0.npy (when initial states were given) and grads.safetensors." };
        var force = new Option<bool>("--force") { Description = "Replace result files of the same names already in --out." };
        var accelerator = DeviceOption.Create();
        var cmd = new Command("forward", "Run a recurrent layer saved as safetensors (PyTorch names and layout) or ONNX on .npy inputs. " + FileFormats)
        {
            weights, input, outDir, mode, batchFirst, lengths, h0, c0, gradOutput, force, accelerator,
        };
        cmd.SetAction(p =>
        {
            RnnMode? m = p.GetValue(mode) is { } text ? ParseMode(text) : null;
            string w = p.GetValue(weights)!, x = p.GetValue(input)!;
            foreach (var (path, what) in new[] { (w, "--weights"), (x, "--input"), (p.GetValue(lengths), "--lengths"),
                (p.GetValue(h0), "--h0"), (p.GetValue(c0), "--c0"), (p.GetValue(gradOutput), "--grad-output") })
            {
                if (path is not null && !File.Exists(path))
                    throw new CliException($"{what}: file '{path}' does not exist.");
            }
            string outPath = p.GetValue(outDir)!;
            OutPaths.CheckFolder("--out", outPath);
            if (!p.GetValue(force) && Interop.ResultFiles.Select(f => Path.Combine(outPath, f)).FirstOrDefault(File.Exists) is { } taken)
                throw new CliException($"--out {outPath} already holds {Path.GetFileName(taken)}; choose another folder or pass --force to replace it.");
            using var device = DeviceOption.Open(p.GetValue(accelerator));
            InteropForwardResult result;
            try
            {
                result = Interop.Forward(device, new InteropForwardRequest(w, x, p.GetValue(outDir)!, m,
                    p.GetValue(lengths), p.GetValue(h0), p.GetValue(c0), p.GetValue(gradOutput), p.GetValue(batchFirst)));
            }
            catch (Exception e) when (e is InvalidDataException or ArgumentException or KeyNotFoundException or NotSupportedException)
            {
                throw new CliException(CliApp.OneLine(e.Message));
            }
            var o = result.Options;
            output.WriteLine($"{Interop.ModeName(o.Mode)}: {o.NumLayers} layer(s), {(o.Bidirectional ? 2 : 1)} direction(s), input {o.InputSize}, hidden {o.HiddenSize}" +
                $"{(o.ProjSize > 0 ? $", proj_size {o.ProjSize}" : "")}{(o.Bias ? "" : ", no bias")} on {device.Info.Spec}");
            foreach (var n in result.Notes)
                output.WriteLine(n);
            foreach (var f in result.Files)
                output.WriteLine($"wrote {f}");
            return CliApp.Success;
        });
        return cmd;
    }

    internal static RnnMode ParseMode(string text) => CliCells.Parse(text, "--mode");
}
