using System.Buffers.Binary;
using System.Text;
using Google.Protobuf;
using RnnGpu.IO.Onnx;
using RnnGpu.IO.Onnx.Proto;

namespace RnnGpu.IO;

/// <summary>A recurrent layer read from an ONNX file (<see cref="OnnxImport.Load"/>).</summary>
/// <param name="Options">The layer configuration (mode, sizes, layers, directions, bias).</param>
/// <param name="StateDict">Parameters under PyTorch's names and in its gate order (<c>weight_ih_l0</c>, ...).</param>
/// <param name="Input">Name of the graph input holding the sequence (T, B, I).</param>
/// <param name="Lengths">Name of the graph input holding the sequence lengths, or null.</param>
/// <param name="H0">Name of the graph input holding h0 (L*D, B, H), or null.</param>
/// <param name="C0">Name of the graph input holding c0 (L*D, B, H), or null.</param>
/// <param name="ConstantH0">Initial hidden states stored in the file (L*D, B, H) when they are constants other than zeros.</param>
/// <param name="ConstantC0">Initial cell states stored in the file, likewise.</param>
/// <param name="Outputs">Graph output names by role: <c>output</c> (T, B, D*H, as PyTorch's glue makes it), <c>Y</c> (the
/// node's own output, (T, D, B, H), or (B, T, D, H) when <paramref name="BatchMajor"/>), <c>h_n</c>, <c>c_n</c>.</param>
/// <param name="BatchMajor">The graph's node has <c>layout = 1</c>: X (B, T, I), Y (B, T, D, H), Y_h and Y_c (B, D, H).</param>
public sealed record OnnxRecurrentModel(RnnOptions Options, IReadOnlyList<HostTensor> StateDict, string Input, string? Lengths,
    string? H0, string? C0, HostTensor? ConstantH0, HostTensor? ConstantC0, IReadOnlyDictionary<string, string> Outputs,
    bool BatchMajor = false)
{
    /// <summary>The sequence input's shape as the graph declares it (null entries: symbolic or absent dimensions), or null
    /// when the graph declares none. A fixed T or B there does not bind RnnGpu, which runs any (<see cref="Interop"/> notes a
    /// mismatch).</summary>
    public IReadOnlyList<long?>? DeclaredInputShape { get; init; }

    /// <summary>Builds a <see cref="RecurrentLayer"/> with these weights on a device.</summary>
    /// <param name="device">Device.</param>
    public RecurrentLayer CreateLayer(ComputeDevice device)
    {
        var layer = new RecurrentLayer(device, Options);
        try
        {
            foreach (var t in StateDict)
                layer.LoadParameter(t.Name, t.Data, t.Shape);
            return layer;
        }
        catch
        {
            layer.Dispose();
            throw;
        }
    }
}

/// <summary>
/// Reads recurrent layers from ONNX files as PyTorch's <c>torch.onnx.export</c> writes nn.LSTM / nn.GRU / nn.RNN (and as
/// <see cref="OnnxExport"/> writes <see cref="OnnxModelKind.Recurrent"/>): one LSTM, GRU or RNN node per layer, the
/// Squeeze or Transpose + Reshape glue between them, h_n / c_n as a Concat of the nodes' final states, initial states from
/// graph inputs (sliced per layer) or constants (ConstantOfShape, Expand, initializers), lengths through sequence_lens;
/// batch_first as PyTorch exports it (a Transpose [1, 0, 2] of the input and of the output: the layer is read BatchFirst)
/// and one node of layout = 1. Anything else is refused before anything is allocated for it, naming the node and attribute:
/// peepholes, clip, input_forget, activations other than PyTorch's, GRU with linear_before_reset = 0, a reverse-only
/// direction, other operators. Tensors are checked against the bytes the file holds before they are decoded.
/// </summary>
public static partial class OnnxImport
{
    /// <summary>Largest file read (protobuf's own limit is 2 GiB).</summary>
    public const long MaxFileBytes = int.MaxValue;

    /// <summary>The inputs each glue operator needs (ONNX's own minimum), checked before the graph is read.</summary>
    static readonly Dictionary<string, int> MinInputs = new(StringComparer.Ordinal)
    {
        ["Identity"] = 1, ["Squeeze"] = 1, ["Unsqueeze"] = 1, ["Transpose"] = 1, ["Reshape"] = 2, ["Slice"] = 1, ["Concat"] = 1,
        ["Shape"] = 1, ["Gather"] = 2, ["Constant"] = 0, ["ConstantOfShape"] = 1, ["Expand"] = 2, ["Cast"] = 1,
    };

    static readonly HashSet<string> GlueOps = new(StringComparer.Ordinal)
    {
        "Identity", "Squeeze", "Unsqueeze", "Transpose", "Reshape", "Slice", "Concat", "Shape", "Gather", "Constant",
        "ConstantOfShape", "Expand", "Cast",
    };

    /// <summary>Reads and checks an ONNX file.</summary>
    /// <param name="path">The .onnx file.</param>
    /// <exception cref="InvalidDataException">Not ONNX, corrupt, or a graph RnnGpu does not run; the message names the node,
    /// attribute or tensor.</exception>
    public static OnnxRecurrentModel Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        // At most what an ONNX protobuf can hold; a device or pipe is refused by name before it is opened.
        return Parse(InputFile.ReadAllBytes(path, MaxFileBytes, "an ONNX model"), Path.GetFileName(path));
    }

    /// <summary>Reads and checks an ONNX model held in memory.</summary>
    /// <param name="bytes">The file's bytes.</param>
    /// <param name="name">Name used in messages.</param>
    /// <exception cref="InvalidDataException">As <see cref="Load"/>.</exception>
    public static OnnxRecurrentModel Parse(byte[] bytes, string name = "model.onnx")
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var model = ParseModel(bytes, name);
        try
        {
            return new Reader(model, name).Read();
        }
        catch (Exception e) when (e is ArgumentException or IndexOutOfRangeException or InvalidCastException or OverflowException)
        {
            // A form no check above names: still one line naming the file, never a bare runtime message.
            throw new InvalidDataException($"'{name}' has a graph RnnGpu cannot read: {e.Message}", e);
        }
    }

    /// <summary>The protobuf of an ONNX file, or an InvalidDataException naming it.</summary>
    static ModelProto ParseModel(byte[] bytes, string name)
    {
        if (bytes.Length == 0)
            throw new InvalidDataException($"'{name}' is empty, not an ONNX model.");
        try
        {
            return ModelProto.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidDataException($"'{name}' is not an ONNX model (protobuf: {e.Message})", e);
        }
    }

    sealed partial class Reader
    {
        readonly ModelProto model;
        readonly string file;
        readonly GraphProto graph;
        readonly Dictionary<string, NodeProto> producer = new(StringComparer.Ordinal);
        readonly Dictionary<string, TensorProto> init = new(StringComparer.Ordinal);
        readonly HashSet<string> inputs = new(StringComparer.Ordinal);
        readonly int opset;

        public Reader(ModelProto model, string file)
        {
            this.model = model;
            this.file = file;
            graph = model.Graph ?? throw Bad("has no graph");
            foreach (var o in model.OpsetImport.Where(o => o.Domain is "" or "ai.onnx"))
                opset = (int)Math.Clamp(o.Version, 0, int.MaxValue);
            if (opset < 7 || opset > 22)
                throw Bad(opset == 0 ? "imports no ONNX operator set" : $"uses ONNX opset {opset}; RnnGpu reads opsets 7 to 22");
            foreach (var t in graph.Initializer)
                if (!init.TryAdd(t.Name, t))
                    throw Bad($"has two initializers named '{t.Name}'");
            foreach (var i in graph.Input)
                if (!init.ContainsKey(i.Name))
                    inputs.Add(i.Name);
            foreach (var n in graph.Node)
            {
                if (n.Domain is not ("" or "ai.onnx"))
                    throw Bad($"node '{NodeName(n)}' is {n.OpType} of domain '{n.Domain}'; RnnGpu reads the ONNX domain only");
                if (n.OpType is not ("LSTM" or "GRU" or "RNN") && !GlueOps.Contains(n.OpType))
                    throw Bad($"node '{NodeName(n)}' is a {n.OpType}; RnnGpu imports recurrent layers only (LSTM, GRU, RNN nodes and the " +
                        "Squeeze/Transpose/Reshape/Slice/Concat glue PyTorch puts around them)");
                if (MinInputs.TryGetValue(n.OpType, out int min) && (n.Input.Count < min || n.Input.Take(min).Any(i => i.Length == 0)))
                    throw BadNode(n, $"has {n.Input.Count(i => i.Length > 0)} of the {min} input(s) a {n.OpType} needs");
                if (n.Output.Count == 0 || n.Output.All(o => o.Length == 0))
                    throw BadNode(n, "has no output");
                foreach (var o in n.Output.Where(o => o.Length > 0))
                    if (!producer.TryAdd(o, n) || init.ContainsKey(o) || inputs.Contains(o))
                        throw Bad($"value '{o}' of node '{NodeName(n)}' is defined twice");
            }
        }

        InvalidDataException Bad(string what) => new($"'{file}' {what}.");

        InvalidDataException BadNode(NodeProto n, string what) => new($"'{file}': node '{NodeName(n)}' ({n.OpType}) {what}.");

        static string NodeName(NodeProto n) => n.Name.Length > 0 ? n.Name : n.Output.FirstOrDefault() ?? "?";

        public OnnxRecurrentModel Read()
        {
            var rnns = graph.Node.Where(n => n.OpType is "LSTM" or "GRU" or "RNN").ToList();
            if (rnns.Count == 0)
                throw Bad("has no LSTM, GRU or RNN node");
            var cells = rnns.Select(ReadCell).ToList();
            var first = cells[0];
            foreach (var c in cells.Skip(1))
            {
                if (c.Node.OpType != first.Node.OpType || c.Mode != first.Mode)
                    throw BadNode(c.Node, $"is a {ModeText(c.Mode)} layer after a {ModeText(first.Mode)} layer; a stack must use one cell");
                if (c.D != first.D || c.H != first.H)
                    throw BadNode(c.Node, $"has {c.D} direction(s) and hidden size {c.H}, but the first layer has {first.D} and {first.H}");
            }
            int L = cells.Count, D = first.D, H = first.H, G = first.G;
            var mode = first.Mode;
            // layout = 1 (batch-major X, Y and states, as TensorFlow and Keras converters write): one node, read batch-first.
            bool batchMajor = first.Layout == 1;
            if (cells.Any(c => c.Layout != first.Layout))
                throw BadNode(cells.First(c => c.Layout != first.Layout).Node, "has another layout than the first layer");
            if (batchMajor && L > 1)
                throw BadNode(cells[1].Node, "is a second layer of layout = 1 (batch-major); RnnGpu reads batch-major graphs of one layer");

            // The chain: layer 0 reads a graph input (or, as PyTorch exports batch_first=True, a Transpose [1, 0, 2] of one:
            // batch-first input and output, states sequence-major); layer k reads layer k-1's output through the glue.
            string input = Follow(first.Node.Input[0]);
            bool batchFirst = false;
            if (!inputs.Contains(input) && !batchMajor && producer.TryGetValue(input, out var tr) && IsBatchSwap(tr) && inputs.Contains(Follow(tr.Input[0])))
            {
                input = Follow(tr.Input[0]);
                batchFirst = true;
            }
            if (!inputs.Contains(input))
                throw BadNode(first.Node, $"reads its sequence from '{first.Node.Input[0]}', which is not a graph input (RnnGpu reads (T, B, I) sequence-major input as is, " +
                    "or (B, T, I) through a Transpose [1, 0, 2] as PyTorch exports batch_first)");
            for (int k = 1; k < L; k++)
            {
                string from = Glue(cells[k].Node.Input[0], cells[k].Node, D, H);
                if (from != cells[k - 1].Node.Output[0])
                    throw BadNode(cells[k].Node, $"reads '{cells[k].Node.Input[0]}', which is not the output of the layer before it ('{NodeName(cells[k - 1].Node)}')");
                if (cells[k].In != D * H)
                    throw BadNode(cells[k].Node, $"has input size {cells[k].In}, but the layer below outputs {D * H}");
            }

            // Sequence lengths: all layers the same graph input, or none.
            var lens = cells.Select(c => Optional(c.Node, 4) is { } s ? Follow(s, through: "Cast") : null).ToList();
            if (lens.Distinct().Count() > 1)
                throw BadNode(cells[lens.FindIndex(l => l != lens[0])].Node, "takes other sequence lengths than the first layer");
            if (lens[0] is { } ln && !inputs.Contains(ln))
                throw BadNode(first.Node, $"takes sequence_lens from '{ln}', which is not a graph input");

            // Initial states.
            var (h0, constH) = States(cells, 5, "initial_h", L, D, H);
            string? c0 = null;
            HostTensor? constC = null;
            if (Kernels.CellSpec.Of(mode).HasCellState)
                (c0, constC) = States(cells, 6, "initial_c", L, D, H);

            if (batchMajor && (h0 is not null || constH is not null || c0 is not null || constC is not null))
                throw BadNode(first.Node, "has initial states with layout = 1 (batch-major); RnnGpu reads them only sequence-major (layout 0)");

            // Graph inputs beyond these are not something RnnGpu can feed.
            foreach (var i in inputs)
                if (i != input && i != lens[0] && i != h0 && i != c0)
                    throw Bad($"has the graph input '{i}', which is not the sequence, its lengths or an initial state");

            // Graph outputs: the last layer's output after the glue, h_n and c_n (Concat over layers, or one layer's state).
            var outputs = new Dictionary<string, string>();
            var last = cells[^1].Node;
            foreach (var o in graph.Output)
            {
                string v = Follow(o.Name);
                string role;
                if (!batchFirst && producer.TryGetValue(v, out var p) && p.OpType is "Squeeze" or "Reshape" && TryGlue(v, D, H) == last.Output[0])
                    role = "output";
                else if (batchFirst && producer.TryGetValue(v, out var bt) && IsBatchSwap(bt) && TryGlue(Follow(bt.Input[0]), D, H) == last.Output[0])
                    role = "output"; // batch_first: (B, T, D*H), transposed back from the glue's (T, B, D*H)
                else if (last.Output[0].Length > 0 && v == last.Output[0])
                    role = "Y"; // the node's own Y: (T, D, B, H), or (B, T, D, H) with layout = 1
                else if (IsStates(v, cells, 1))
                    role = "h_n";
                else if (Kernels.CellSpec.Of(mode).HasCellState && IsStates(v, cells, 2))
                    role = "c_n";
                else
                    throw Bad($"has the graph output '{o.Name}', which is not the last layer's output (T, B, D*H), h_n or c_n as PyTorch exports them");
                if (!outputs.TryAdd(role, o.Name))
                    throw Bad($"has two graph outputs for {role} ('{outputs[role]}' and '{o.Name}')");
            }

            // Weights, back to PyTorch's names and gate order.
            var dict = new List<HostTensor>();
            bool bias = cells.Any(c => c.B is not null);
            for (int l = 0; l < L; l++)
            {
                var c = cells[l];
                for (int d = 0; d < D; d++)
                {
                    string sfx = $"_l{l}" + (d == 1 ? "_reverse" : "");
                    dict.Add(Torch("weight_ih" + sfx, mode, H, c.In, c.W, d));
                    dict.Add(Torch("weight_hh" + sfx, mode, H, H, c.R, d));
                    if (bias)
                    {
                        var b = c.B ?? new float[D * 2 * G * H];
                        var bih = new float[G * H];
                        var bhh = new float[G * H];
                        OnnxTensors.ToTorch(mode, H, 1, b.AsSpan(d * 2 * G * H, G * H), bih);
                        OnnxTensors.ToTorch(mode, H, 1, b.AsSpan(d * 2 * G * H + G * H, G * H), bhh);
                        dict.Add(new HostTensor("bias_ih" + sfx, new[] { G * H }, bih));
                        dict.Add(new HostTensor("bias_hh" + sfx, new[] { G * H }, bhh));
                    }
                    if (Kernels.CellSpec.Of(mode).UnitParamName is { } unitName)
                        dict.Add(new HostTensor(unitName + sfx, new[] { 3 * H },
                            OnnxTensors.Blocks(OnnxTensors.PeepholeBlock, H, c.P.AsSpan(d * 3 * H, 3 * H), inverse: true)));
                }
            }
            var options = new RnnOptions(mode, first.In, H, L, D == 2, BatchFirst: batchFirst, Bias: bias);
            var declared = graph.Input.FirstOrDefault(i => i.Name == input)?.Type?.TensorType?.Shape?.Dim
                .Select(d => d.ValueCase == RnnGpu.IO.Onnx.Proto.TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue ? (long?)d.DimValue : null).ToArray();
            return new OnnxRecurrentModel(options, dict, input, lens[0], h0, c0, constH, constC, outputs, batchMajor)
            {
                DeclaredInputShape = declared is { Length: > 0 } ? declared : null,
            };
        }

        /// <summary>A Transpose swapping the first two of three axes (perm [1, 0, 2]): PyTorch's batch_first glue.</summary>
        static bool IsBatchSwap(NodeProto n) => n.OpType == "Transpose" && n.Input.Count > 0 &&
            n.Attribute.FirstOrDefault(a => a.Name == "perm")?.Ints.SequenceEqual(new long[] { 1, 0, 2 }) == true;

        static string ModeText(RnnMode m) => Kernels.CellSpec.Of(m).PyTorchMode;
    }
}
