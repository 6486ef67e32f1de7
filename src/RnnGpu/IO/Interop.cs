using System.Globalization;
using System.Text.RegularExpressions;
using RnnGpu.Kernels;

namespace RnnGpu.IO;

/// <summary>Inputs of <see cref="Interop.Forward"/> (the <c>rnngpu forward</c> command).</summary>
/// <param name="Weights">safetensors file with a PyTorch nn.RNN/LSTM/GRU state_dict (names weight_ih_l0...), or an .onnx file
/// of LSTM/GRU/RNN nodes as torch.onnx.export writes those modules (read by <see cref="OnnxImport"/>).</param>
/// <param name="Input">X.npy: float32 (T, B, I), sequence-major.</param>
/// <param name="OutputDirectory">Folder receiving the results (created if missing).</param>
/// <param name="Mode">Cell kind; null: from <c>__metadata__</c> "mode" (LSTM, GRU, RNN_TANH, RNN_RELU), else from the gate
/// count of weight_hh_l0 (4 LSTM, 3 GRU, 1 RNN_TANH).</param>
/// <param name="Lengths">Optional lengths.npy: int64 (B).</param>
/// <param name="H0">Optional h0.npy: float32 (L*D, B, R), R = proj_size when the weights have weight_hr, else H.</param>
/// <param name="C0">Optional c0.npy: float32 (L*D, B, H) (LSTM).</param>
/// <param name="GradOutput">Optional DY.npy: float32, shaped like the output. When given, BPTT runs for the loss
/// sum(output * DY) + 0.3 * sum(h_n) + 0.7 * sum(c_n), and the gradients are written; otherwise only the forward.</param>
/// <param name="BatchFirst">X and DY are (B, T, ...) and the output is written (B, T, D*H).</param>
public sealed record InteropForwardRequest(string Weights, string Input, string OutputDirectory, RnnMode? Mode = null,
    string? Lengths = null, string? H0 = null, string? C0 = null, string? GradOutput = null, bool BatchFirst = false);

/// <summary>What <see cref="Interop.Forward"/> inferred and wrote.</summary>
/// <param name="Options">The layer configuration inferred from the weights.</param>
/// <param name="Files">Paths written.</param>
public sealed record InteropForwardResult(RnnOptions Options, IReadOnlyList<string> Files)
{
    /// <summary>Notes for the user (an ONNX graph that declares a fixed sequence length or batch the input does not have).</summary>
    public IReadOnlyList<string> Notes { get; init; } = Array.Empty<string>();
}

/// <summary>Runs PyTorch-trained recurrent weights from files (the library side of <c>rnngpu forward</c>).</summary>
public static partial class Interop
{
    static readonly Regex WeightIh = new(@"^weight_ih_l(\d+)(_reverse)?$", RegexOptions.CultureInvariant);

    /// <summary>Infers the layer configuration from a state_dict's names and shapes (and metadata "mode").</summary>
    /// <param name="file">The weights.</param>
    /// <param name="mode">Explicit mode, or null.</param>
    /// <exception cref="InvalidDataException">Names or shapes that are not a PyTorch recurrent layer, naming the tensor.</exception>
    public static RnnOptions InferOptions(SafetensorsFile file, RnnMode? mode = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        var whh = file.Find("weight_hh_l0") ?? throw new InvalidDataException("The weights have no tensor 'weight_hh_l0': not a PyTorch RNN/LSTM/GRU state_dict.");
        var wih = file.Find("weight_ih_l0") ?? throw new InvalidDataException("The weights have no tensor 'weight_ih_l0'.");
        // With a projection (LSTM proj_size), weight_hr_l0 is (P, H) and W_hh is (4H, P).
        var whr = file.Find("weight_hr_l0");
        if (whr is not null && (whr.Shape.Length != 2 || whr.Shape[0] <= 0 || whr.Shape[1] <= whr.Shape[0]))
            throw new InvalidDataException($"'weight_hr_l0' has shape {Shapes.Format(whr.Shape)}: expected (P, H) with P < H.");
        int proj = whr?.Shape[0] ?? 0;
        int h = whr?.Shape[1] ?? (whh.Shape.Length == 2 ? whh.Shape[1] : 0);
        if (whh.Shape.Length != 2 || wih.Shape.Length != 2 || h <= 0 || whh.Shape[0] % h != 0 || whh.Shape[1] != (proj > 0 ? proj : h))
            throw new InvalidDataException($"'weight_hh_l0' has shape {Shapes.Format(whh.Shape)}: expected (G*H, {(proj > 0 ? $"P) with P = {proj} from 'weight_hr_l0'" : "H)")}.");
        int g = whh.Shape[0] / h;
        int layers = 0;
        bool reverse = false;
        foreach (var t in file.Tensors)
        {
            var m = WeightIh.Match(t.Name);
            if (!m.Success) continue;
            if (!int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int index) || index >= 1 << 16)
                throw new InvalidDataException($"Tensor '{t.Name}' names layer {m.Groups[1].Value}, beyond any real stack.");
            layers = Math.Max(layers, index + 1);
            reverse |= m.Groups[2].Success;
        }
        CellSpec? cell = mode is { } given ? CellSpec.Of(given) : null;
        if (cell is null && file.Metadata.TryGetValue("mode", out var text) && !CellSpec.TryParse(text, out cell))
            throw new InvalidDataException($"__metadata__ mode '{text}' is not a cell: expected {string.Join(", ", CellSpec.All.Select(c => c.PyTorchMode))}.");
        // Peepholes name the cell PyTorch lacks (a file of RnnGpu's own); otherwise the gate count tells PyTorch's cells apart.
        if (cell is null && file.Find(CellSpec.LstmPeephole.UnitParamName + "_l0") is not null)
            cell = CellSpec.LstmPeephole;
        cell ??= CellSpec.FromGateCount(g) ?? throw new InvalidDataException(
            $"'weight_hh_l0' has shape {Shapes.Format(whh.Shape)}: {g} gates is not RNN (1), GRU (3) or LSTM (4).");
        if (cell.Gates != g)
            throw new InvalidDataException($"Mode {cell.Kind} needs {cell.Gates} gates, but 'weight_hh_l0' {Shapes.Format(whh.Shape)} has {g}.");
        if (proj > 0 && cell.Kind != RnnMode.Lstm)
            throw new InvalidDataException($"'weight_hr_l0' (a projection) is for LSTM only, but the mode is {cell.PyTorchMode}.");
        bool bias = file.Find("bias_ih_l0") is not null || file.Find("bias_hh_l0") is not null;
        return new RnnOptions(cell.Kind, wih.Shape[1], h, layers, reverse, ProjSize: proj, Bias: bias);
    }

    /// <summary>
    /// Loads the weights, reads X (and the optional inputs), runs forward and BPTT for the loss
    /// sum(output * DY) + 0.3 * sum(h_n) + 0.7 * sum(c_n) (DY = ones when not given; the c_n term for LSTM only), and writes
    /// output.npy (T, B, D*H), h_n.npy, c_n.npy (LSTM), grad_input.npy, grad_h0.npy, grad_c0.npy (LSTM) and grads.safetensors
    /// (parameter gradients under their PyTorch names) into the output folder, each atomically.
    /// </summary>
    /// <param name="device">Device to run on.</param>
    /// <param name="request">Files.</param>
    /// <exception cref="InvalidDataException">A file is malformed or does not fit the weights; the message names it.</exception>
    public static InteropForwardResult Forward(ComputeDevice device, InteropForwardRequest request)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(request);
        SafetensorsFile weights;
        RnnOptions options;
        OnnxRecurrentModel? onnx = null;
        if (IsOnnx(request.Weights) && OnnxImport.IsWholeModel(request.Weights))
            return ForwardWholeModel(device, request);
        if (IsOnnx(request.Weights))
        {
            // An ONNX file as PyTorch exports nn.LSTM/GRU/RNN: the same layer, its weights back in PyTorch's names and order.
            onnx = OnnxImport.Load(request.Weights);
            if (request.Mode is { } given && given != onnx.Options.Mode)
                throw new InvalidDataException($"--mode {ModeName(given)} was given, but '{Path.GetFileName(request.Weights)}' holds {ModeName(onnx.Options.Mode)} nodes.");
            weights = new SafetensorsFile(onnx.StateDict, new Dictionary<string, string> { ["mode"] = ModeName(onnx.Options.Mode) });
            // The graph declares its layout itself (layout = 1, or PyTorch's batch_first Transpose: (B, T, I); else (T, B, I)):
            // no flag needed, and a --batch-first that contradicts it is refused.
            bool graphBatchFirst = onnx.Options.BatchFirst || onnx.BatchMajor;
            if (request.BatchFirst && !graphBatchFirst)
                throw new InvalidDataException($"--batch-first was given, but '{Path.GetFileName(request.Weights)}' reads its input '{onnx.Input}' " +
                    "sequence-major (T, B, I); drop the flag (an ONNX graph declares its layout).");
            options = onnx.Options with { BatchFirst = graphBatchFirst };
        }
        else
        {
            weights = Safetensors.Read(request.Weights);
            options = InferOptions(weights, request.Mode) with { BatchFirst = request.BatchFirst };
        }
        var (xs, x) = Npy.ReadFloat32(request.Input);
        bool batchFirst = options.BatchFirst;
        string order = batchFirst ? "B, T" : "T, B";
        if (xs.Length != 3 || xs[2] != options.InputSize)
            throw new InvalidDataException($"{request.Input}: X has shape {Shapes.Format(xs)}, expected ({order}, {options.InputSize}) for the weights' input size.");
        int T = batchFirst ? xs[1] : xs[0], B = batchFirst ? xs[0] : xs[1];
        var notes = new List<string>();
        if (onnx?.DeclaredInputShape is { Count: 3 } decl && Enumerable.Range(0, 3).Any(k => decl[k] is { } v && v != xs[k]))
            notes.Add($"note: '{Path.GetFileName(request.Weights)}' declares its input '{onnx.Input}' as " +
                $"({string.Join(", ", decl.Select(v => v?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"))}); X is {Shapes.Format(xs)}: " +
                "RnnGpu runs it at X's sequence length and batch (the weights fix only the input size).");
        int[] outShape = batchFirst ? new[] { B, T, 0 } : new[] { T, B, 0 };
        int LD = options.NumLayers * options.Directions, H = options.HiddenSize, R = options.StateSize, DH = options.Directions * R;
        int[]? lengths = ReadLengths(request.Lengths, B, T);
        float[]? ReadState(string? path, string what, int width)
        {
            if (path is null) return null;
            var (s, d) = Npy.ReadFloat32(path);
            if (!s.SequenceEqual(new[] { LD, B, width }))
                throw new InvalidDataException($"{what} has shape {Shapes.Format(s)}, expected ({LD}, {B}, {width}).");
            return d;
        }
        float[]? Constant(HostTensor? t, string what)
        {
            if (t is null) return null;
            if (t.Shape[1] != B)
                throw new InvalidDataException($"'{Path.GetFileName(request.Weights)}' holds a constant {what} for batch {t.Shape[1]}, but X has batch {B}; pass --{(what == "initial_h" ? "h0" : "c0")} to replace it.");
            return t.Data;
        }
        var h0 = ReadState(request.H0, "h0", R) ?? Constant(onnx?.ConstantH0, "initial_h");
        var c0 = ReadState(request.C0, "c0", H) ?? Constant(onnx?.ConstantC0, "initial_c");
        if (c0 is not null && !options.Cell.HasCellState)
            throw new InvalidDataException($"c0 was given, but the weights are {options.Mode}, which has no cell state.");
        outShape[2] = DH;
        float[]? dy = null;
        if (request.GradOutput is not null)
        {
            var (s, d) = Npy.ReadFloat32(request.GradOutput);
            if (!s.SequenceEqual(outShape))
                throw new InvalidDataException($"{request.GradOutput}: the output gradient has shape {Shapes.Format(s)}, expected {Shapes.Format(outShape)}.");
            dy = d;
        }

        using var layer = new RecurrentLayer(device, options);
        LoadValidated(weights, layer, request.Weights);

        using var tx = DeviceTensor.FromHost(device, x, xs);
        using var th0 = h0 is null ? null : DeviceTensor.FromHost(device, h0, LD, B, R);
        using var tc0 = c0 is null ? null : DeviceTensor.FromHost(device, c0, LD, B, H);
        using var o = layer.Forward(tx, th0, tc0, lengths, training: dy is not null);

        Directory.CreateDirectory(request.OutputDirectory);
        var files = new List<string>();
        void Save(string name, DeviceTensor t)
        {
            string p = Path.Combine(request.OutputDirectory, name);
            Npy.WriteFloat32(p, t.Shape, t.ToArray());
            files.Add(p);
        }
        bool onnxY = onnx?.Outputs.ContainsKey("Y") == true, batchMajor = onnx?.BatchMajor == true;
        int D = options.Directions;
        if (onnxY)
        {
            // The node's own Y, as the graph declares it: (T, D, B, H) from (T, B, D*H); batch-major (B, T, D, H) is the
            // batch-first output as it is.
            string p = Path.Combine(request.OutputDirectory, "output.npy");
            var y = o.Output.ToArray();
            if (batchMajor)
                Npy.WriteFloat32(p, new[] { B, T, D, R }, y);
            else
                Npy.WriteFloat32(p, new[] { T, D, B, R }, Transpose12(y, T, B, D, R));
            files.Add(p);
        }
        else
        {
            Save("output.npy", o.Output);
        }
        void SaveState(string name, DeviceTensor t, int width)
        {
            if (!batchMajor)
            {
                Save(name, t);
                return;
            }
            // layout = 1: Y_h and Y_c are (B, D, H).
            string p = Path.Combine(request.OutputDirectory, name);
            Npy.WriteFloat32(p, new[] { B, LD, width }, Transpose01(t.ToArray(), LD, B, width));
            files.Add(p);
        }
        SaveState("h_n.npy", o.HN, R);
        if (o.CN is not null) SaveState("c_n.npy", o.CN, H);
        if (dy is null)
            return new InteropForwardResult(options, files) { Notes = notes };

        using var tdy = DeviceTensor.FromHost(device, dy, outShape);
        using var dhN = DeviceTensor.Uninitialized(device, LD, B, R);
        dhN.Fill(0.3f);
        using var dcN = options.Cell.HasCellState ? DeviceTensor.Uninitialized(device, LD, B, H) : null;
        dcN?.Fill(0.7f);
        layer.ZeroGrad();
        using var g = layer.Backward(tdy, dhN, dcN);
        Save("grad_input.npy", g.DInput);
        if (h0 is not null) Save("grad_h0.npy", g.DH0);
        if (c0 is not null && g.DC0 is not null) Save("grad_c0.npy", g.DC0);
        string grads = Path.Combine(request.OutputDirectory, "grads.safetensors");
        Safetensors.Write(grads, layer.Parameters.Select(p => new HostTensor(p.Name, p.Grad.Shape.ToArray(), p.Grad.ToArray())),
            new Dictionary<string, string> { ["format"] = "pt", ["mode"] = ModeName(options.Mode) });
        files.Add(grads);
        return new InteropForwardResult(options, files) { Notes = notes };
    }

    /// <summary>y (T, B, D*W) as (T, D, B, W).</summary>
    static float[] Transpose12(float[] y, int t, int b, int d, int w)
    {
        var r = new float[y.Length];
        for (int i = 0; i < t; i++)
            for (int j = 0; j < b; j++)
                for (int k = 0; k < d; k++)
                    Array.Copy(y, (((long)i * b + j) * d + k) * w, r, (((long)i * d + k) * b + j) * w, w);
        return r;
    }

    /// <summary>(B, A, W) from (A, B, W).</summary>
    static float[] Transpose01(float[] x, int a, int b, int w)
    {
        var r = new float[x.Length];
        for (int i = 0; i < a; i++)
            for (int j = 0; j < b; j++)
                Array.Copy(x, ((long)i * b + j) * w, r, ((long)j * a + i) * w, w);
        return r;
    }

    /// <summary>The lengths file (int64 (B), each in 1..T), or null when none was given.</summary>
    static int[]? ReadLengths(string? path, int B, int T)
    {
        if (path is null)
            return null;
        var (ls, l) = Npy.ReadInt64(path);
        if (ls.Length != 1 || ls[0] != B)
            throw new InvalidDataException($"lengths has shape {Shapes.Format(ls)}, expected ({B}).");
        return l.Select(v => v < 1 || v > T ? throw new InvalidDataException($"lengths value {v} is outside 1..{T}.") : (int)v).ToArray();
    }

    /// <summary>True when <paramref name="path"/> names an ONNX file (extension .onnx), which <see cref="Forward"/> reads with
    /// <see cref="OnnxImport"/> instead of as safetensors.</summary>
    /// <param name="path">The weights' path.</param>
    public static bool IsOnnx(string path) => Path.GetExtension(path).Equals(".onnx", StringComparison.OrdinalIgnoreCase);

    /// <summary>Every file <see cref="Forward"/> may write into the output folder.</summary>
    public static IReadOnlyList<string> ResultFiles { get; } = new[]
    {
        "output.npy", "h_n.npy", "c_n.npy", "grad_input.npy", "grad_h0.npy", "grad_c0.npy", "grads.safetensors", "logits.npy",
    };

    /// <summary>PyTorch's mode string: LSTM, GRU, RNN_TANH, RNN_RELU.</summary>
    /// <param name="mode">The mode.</param>
    public static string ModeName(RnnMode mode) => CellSpec.Of(mode).PyTorchMode;

    static void LoadValidated(SafetensorsFile file, RecurrentLayer layer, string path)
    {
        string name = Path.GetFileName(path);
        var known = layer.NamedParameters.Select(p => p.Name).ToHashSet();
        foreach (var p in layer.NamedParameters)
        {
            var t = file.Find(p.Name) ?? throw new InvalidDataException($"'{name}' has no tensor '{p.Name}' (missing), expected shape {p.Parameter.Value.ShapeText}.");
            if (!t.Shape.SequenceEqual(p.Parameter.Value.Shape))
                throw new InvalidDataException($"'{name}': tensor '{p.Name}' has shape {Shapes.Format(t.Shape)}, expected {p.Parameter.Value.ShapeText}.");
        }
        foreach (var t in file.Tensors)
            if (!known.Contains(t.Name))
                throw new InvalidDataException($"'{name}' has an unexpected tensor '{t.Name}' {Shapes.Format(t.Shape)}.");
        foreach (var p in layer.NamedParameters)
            p.Parameter.Value.CopyFromHost(file.Find(p.Name)!.Data);
    }
}
