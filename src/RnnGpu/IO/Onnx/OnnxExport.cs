using Google.Protobuf;
using RnnGpu.IO.Onnx;
using RnnGpu.IO.Onnx.Proto;

namespace RnnGpu.IO;

/// <summary>What an exported ONNX model computes.</summary>
public enum OnnxModelKind
{
    /// <summary>A bare recurrent layer (<see cref="RecurrentLayer"/>): input (T, B, I) to output (T, B, D*H), h_n and c_n
    /// (L*D, B, H). Parameter names as PyTorch's nn.LSTM/GRU/RNN (<c>weight_ih_l0</c>, ...).</summary>
    Recurrent,
    /// <summary>Many-to-one (<see cref="SequenceClassifier"/>): input (T, B, I) to logits (B, C) from the last layer's h_n.
    /// Names <c>rnn.*</c>, <c>fc.weight</c>, <c>fc.bias</c>.</summary>
    Classifier,
    /// <summary>Many-to-many (<see cref="SequenceTagger"/>): input (T, B, I) to logits (T, B, C). Names <c>rnn.*</c>, <c>fc.*</c>.</summary>
    Tagger,
    /// <summary>Token model (<see cref="TokenGenerator"/>): tokens int64 (T, B) through the embedding (Gather), the layer and
    /// the head to logits (T, B, V). Names <c>embedding.weight</c>, <c>rnn.*</c>, <c>fc.*</c>.</summary>
    TokenModel,
}

/// <summary>What a head's exported graph outputs besides its logits.</summary>
public enum OnnxHeadOutput
{
    /// <summary>Only <c>logits</c>.</summary>
    Logits,
    /// <summary><c>logits</c> and <c>probabilities</c> = Softmax(logits) over the last axis.</summary>
    Softmax,
    /// <summary><c>logits</c> and <c>probabilities</c> = Sigmoid(logits).</summary>
    Sigmoid,
}

/// <summary>Options of <see cref="OnnxExport"/>.</summary>
/// <param name="SequenceLengths">Add the graph input <c>sequence_lens</c>, int32 (B), each in 1..T (PyTorch's packed-sequence
/// semantics: steps past a length output zero; h_n is the state at the last valid step). Without it every sequence has T steps.</param>
/// <param name="InitialStates">Add the graph inputs <c>h0</c> (L*D, B, H) and, for LSTM, <c>c0</c> (L*D, B, H). Without them the
/// initial states are zeros.</param>
/// <param name="HeadOutput">For heads: also output <c>probabilities</c> (softmax or sigmoid of the logits).</param>
/// <param name="Metadata">Extra <c>metadata_props</c> of the model.</param>
/// <param name="OutputName">The name of a many-to-one or many-to-many head's output: <c>logits</c> (default) for a
/// classifier, e.g. <c>prediction</c> for a regression head.</param>
public sealed record OnnxExportOptions(bool SequenceLengths = false, bool InitialStates = false,
    OnnxHeadOutput HeadOutput = OnnxHeadOutput.Logits, IReadOnlyDictionary<string, string>? Metadata = null, string OutputName = "logits");

/// <summary>A model to export, as host tensors: the recurrent layer's options and every parameter under the names of
/// <see cref="OnnxModelKind"/> (checkpoint names: what <see cref="Checkpoint.Save"/> writes for the module).</summary>
/// <param name="Kind">What the graph computes.</param>
/// <param name="Rnn">The recurrent layer's configuration (ProjSize must be 0: ONNX's LSTM has no projection).</param>
/// <param name="Tensors">Parameters by name.</param>
public sealed record OnnxExportModel(OnnxModelKind Kind, RnnOptions Rnn, IReadOnlyList<HostTensor> Tensors);

/// <summary>
/// Writes RnnGpu models as ONNX (opset 14, ONNX's LSTM, GRU and RNN operators), the way PyTorch's exporter lays them out:
/// one recurrent node per layer (both directions in one node when bidirectional), gates reordered to ONNX's order
/// (LSTM i,o,f,c; GRU z,r,h with <c>linear_before_reset = 1</c>), the biases as [W_b, R_b], and between layers the output
/// (T, D, B, H) back to (T, B, D*H) by Squeeze (one direction) or Transpose + Reshape (two). h_n and c_n are the nodes'
/// final states concatenated over layers. Heads: Gemm (classifier) or MatMul + Add (per step), Embedding as Gather.
/// ONNX Runtime runs the files; <see cref="OnnxImport"/> reads the recurrent part back.
/// </summary>
public static partial class OnnxExport
{
    /// <summary>The operator set the files use.</summary>
    public const int Opset = 14;

    /// <summary>Exports a recurrent layer (graph inputs <c>input</c>, optional <c>sequence_lens</c>, <c>h0</c>, <c>c0</c>;
    /// outputs <c>output</c>, <c>h_n</c>, <c>c_n</c> (LSTM)).</summary>
    /// <param name="path">Destination, written atomically.</param>
    /// <param name="layer">The layer.</param>
    /// <param name="options">Inputs to add; null for none.</param>
    /// <exception cref="NotSupportedException">A projection (proj_size): ONNX's LSTM has none.</exception>
    public static void Save(string path, RecurrentLayer layer, OnnxExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(layer);
        Save(path, new OnnxExportModel(OnnxModelKind.Recurrent, layer.Options, Host(layer.Parameters.Select(p => (p.Name, p)))), options);
    }

    /// <summary>Exports a many-to-one model: <c>input</c> (T, B, I) to <c>logits</c> (B, C).</summary>
    /// <param name="path">Destination, written atomically.</param>
    /// <param name="model">The model.</param>
    /// <param name="options">Inputs to add and the head's output; null for the defaults.</param>
    public static void Save(string path, SequenceClassifier model, OnnxExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        Save(path, new OnnxExportModel(OnnxModelKind.Classifier, model.Rnn.Options, Host(model.NamedParameters)), options);
    }

    /// <summary>Exports a many-to-many model: <c>input</c> (T, B, I) to <c>logits</c> (T, B, C), as RnnGpu's forward returns
    /// them.</summary>
    /// <param name="path">Destination, written atomically.</param>
    /// <param name="model">The model.</param>
    /// <param name="options">Inputs to add and the head's output; null for the defaults.</param>
    public static void Save(string path, SequenceTagger model, OnnxExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        Save(path, new OnnxExportModel(OnnxModelKind.Tagger, model.Rnn.Options, Host(model.NamedParameters)), options);
    }

    /// <summary>Exports a token model: <c>tokens</c> int64 (T, B) to <c>logits</c> (T, B, V) (RnnGpu's forward returns the same
    /// values as (T*B, V)).</summary>
    /// <param name="path">Destination, written atomically.</param>
    /// <param name="model">The model.</param>
    /// <param name="options">Inputs to add and the head's output; null for the defaults.</param>
    public static void Save(string path, TokenGenerator model, OnnxExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        Save(path, new OnnxExportModel(OnnxModelKind.TokenModel, model.Rnn.Options, Host(model.NamedParameters)), options);
    }

    /// <summary>Exports a model given as host tensors (what <c>rnngpu export</c> uses: no device needed).</summary>
    /// <param name="path">Destination, written atomically.</param>
    /// <param name="model">Kind, layer options and parameters.</param>
    /// <param name="options">Inputs to add and the head's output; null for the defaults.</param>
    /// <exception cref="ArgumentException">A parameter is missing or has the wrong shape, naming it.</exception>
    /// <exception cref="NotSupportedException">A projection (proj_size), or batch-first heads.</exception>
    public static void Save(string path, OnnxExportModel model, OnnxExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var proto = Build(model, options ?? new OnnxExportOptions());
        AtomicFile.Write(path, s => proto.WriteTo(s));
    }

    /// <summary>The file's bytes, as <see cref="Save(string, OnnxExportModel, OnnxExportOptions?)"/> writes them.</summary>
    /// <param name="model">Kind, layer options and parameters.</param>
    /// <param name="options">Inputs to add and the head's output; null for the defaults.</param>
    public static byte[] ToBytes(OnnxExportModel model, OnnxExportOptions? options = null) =>
        Build(model, options ?? new OnnxExportOptions()).ToByteArray();

    static List<HostTensor> Host(IEnumerable<NamedParameter> named) => Host(named.Select(p => (p.Name, p.Parameter)));

    static List<HostTensor> Host(IEnumerable<(string Name, Parameter P)> named) =>
        named.Select(p => new HostTensor(p.Name, p.P.Value.Shape.ToArray(), p.P.Value.ToArray())).ToList();

    internal static ModelProto Build(OnnxExportModel model, OnnxExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(model.Rnn);
        ArgumentNullException.ThrowIfNull(model.Tensors);
        var o = model.Rnn;
        o.Validate();
        if (o.ProjSize > 0)
            throw new NotSupportedException($"An LSTM with proj_size {o.ProjSize} cannot be exported: ONNX's LSTM operator has no projection.");
        if (o.BatchFirst && model.Kind != OnnxModelKind.Recurrent)
            throw new NotSupportedException("Batch-first heads are not exported; the heads are sequence-major.");
        var g = new GraphBuilder(model.Tensors, model.Kind == OnnxModelKind.Recurrent ? "" : "rnn.");
        int L = o.NumLayers, D = o.Directions, H = o.HiddenSize, G = o.Cell.Gates;
        var mode = o.Mode;
        bool lstm = o.Cell.HasCellState;

        // Inputs.
        string x;
        if (model.Kind == OnnxModelKind.TokenModel)
        {
            var emb = g.Param("embedding.weight", -1, o.InputSize);
            g.Input("tokens", TensorProto.Types.DataType.Int64, "T", "B");
            g.Initializer(OnnxTensors.Float("embedding.weight", emb.Shape, emb.Data));
            x = g.Node("Gather", "embedding", new[] { "embedding.weight", "tokens" }, attrs: new[] { Int("axis", 0) });
        }
        else if (o.BatchFirst)
        {
            g.Input("input", TensorProto.Types.DataType.Float, "B", "T", o.InputSize);
            x = g.Node("Transpose", "input_to_sequence_major", new[] { "input" }, attrs: new[] { Ints("perm", 1, 0, 2) });
        }
        else
        {
            g.Input("input", TensorProto.Types.DataType.Float, "T", "B", o.InputSize);
            x = "input";
        }
        string lens = "";
        if (options.SequenceLengths)
        {
            g.Input("sequence_lens", TensorProto.Types.DataType.Int32, "B");
            lens = "sequence_lens";
        }
        if (options.InitialStates)
        {
            g.Input("h0", TensorProto.Types.DataType.Float, L * D, "B", H);
            if (lstm) g.Input("c0", TensorProto.Types.DataType.Float, L * D, "B", H);
        }

        // One node per layer.
        var hs = new List<string>();
        var cs = new List<string>();
        for (int l = 0; l < L; l++)
        {
            int inSize = o.LayerInputSize(l);
            var w = new float[(long)D * G * H * inSize];
            var r = new float[(long)D * G * H * H];
            var b = o.Bias ? new float[(long)D * 2 * G * H] : null;
            var pv = o.Cell.UnitParamName is null ? null : new float[(long)D * 3 * H]; // peepholes: P (D, 3H), ONNX's blocks i, o, f
            for (int d = 0; d < D; d++)
            {
                string sfx = $"_l{l}" + (d == 1 ? "_reverse" : "");
                OnnxTensors.ToOnnx(mode, H, inSize, g.Param("weight_ih" + sfx, G * H, inSize, rnn: true).Data, w.AsSpan(d * G * H * inSize, G * H * inSize));
                OnnxTensors.ToOnnx(mode, H, H, g.Param("weight_hh" + sfx, G * H, H, rnn: true).Data, r.AsSpan(d * G * H * H, G * H * H));
                if (b is not null)
                {
                    OnnxTensors.ToOnnx(mode, H, 1, g.Param("bias_ih" + sfx, G * H, rnn: true).Data, b.AsSpan(d * 2 * G * H, G * H));
                    OnnxTensors.ToOnnx(mode, H, 1, g.Param("bias_hh" + sfx, G * H, rnn: true).Data, b.AsSpan(d * 2 * G * H + G * H, G * H));
                }
                if (pv is not null)
                    OnnxTensors.Blocks(OnnxTensors.PeepholeBlock, H, g.Param(o.Cell.UnitParamName + sfx, 3 * H, rnn: true).Data)
                        .CopyTo(pv.AsSpan(d * 3 * H, 3 * H));
            }
            string wName = $"W_l{l}", rName = $"R_l{l}", bName = b is null ? "" : $"B_l{l}";
            g.Initializer(OnnxTensors.Float(wName, new[] { D, G * H, inSize }, w));
            g.Initializer(OnnxTensors.Float(rName, new[] { D, G * H, H }, r));
            if (b is not null) g.Initializer(OnnxTensors.Float(bName, new[] { D, 2 * G * H }, b));
            string pName = pv is null ? "" : $"P_l{l}";
            if (pv is not null) g.Initializer(OnnxTensors.Float(pName, new[] { D, 3 * H }, pv));
            string h0 = "", c0 = "";
            if (options.InitialStates)
            {
                var starts = g.Const($"state_start_l{l}", l * D);
                var ends = g.Const($"state_end_l{l}", (l + 1) * D);
                var axes = g.Const("axis_0", 0);
                h0 = g.Node("Slice", $"h0_l{l}", new[] { "h0", starts, ends, axes });
                if (lstm) c0 = g.Node("Slice", $"c0_l{l}", new[] { "c0", starts, ends, axes });
            }
            var inputs = new List<string> { x, wName, rName, bName, lens, h0 };
            if (lstm) inputs.Add(c0);
            if (pName.Length > 0) inputs.Add(pName);
            while (inputs[^1].Length == 0) inputs.RemoveAt(inputs.Count - 1);
            var attrs = new List<AttributeProto> { Int("hidden_size", H), Str("direction", D == 2 ? "bidirectional" : "forward") };
            if (OnnxTensors.OpType(mode) == "GRU") attrs.Add(Int("linear_before_reset", OnnxTensors.LinearBeforeReset(mode)));
            if (mode is RnnMode.RnnTanh or RnnMode.RnnRelu)
                attrs.Add(Strs("activations", Enumerable.Repeat(mode == RnnMode.RnnTanh ? "Tanh" : "Relu", D).ToArray()));
            string name = $"{OnnxTensors.OpType(mode)}_l{l}";
            var outs = new List<string> { $"{name}_Y", $"{name}_Y_h" };
            if (lstm) outs.Add($"{name}_Y_c");
            g.Add(new NodeProto { Name = name, OpType = OnnxTensors.OpType(mode) }, inputs, outs, attrs);
            hs.Add(outs[1]);
            if (lstm) cs.Add(outs[2]);
            // (T, D, B, H) -> (T, B, D*H)
            if (D == 1)
                x = g.Node("Squeeze", $"{name}_output", new[] { outs[0], g.Const("axis_1", 1) });
            else
            {
                var t = g.Node("Transpose", $"{name}_Y_TBDH", new[] { outs[0] }, attrs: new[] { Ints("perm", 0, 2, 1, 3) });
                x = g.Node("Reshape", $"{name}_output", new[] { t, g.Const("shape_TB_minus1", 0, 0, -1) });
            }
        }

        // Outputs.
        string top = hs[^1];
        switch (model.Kind)
        {
            case OnnxModelKind.Recurrent:
                string y = x;
                if (o.BatchFirst)
                    y = g.Node("Transpose", "output_to_batch_first", new[] { x }, attrs: new[] { Ints("perm", 1, 0, 2) });
                g.Node("Identity", "output", new[] { y }, output: "output");
                g.Output("output", o.BatchFirst ? new object[] { "B", "T", D * H } : new object[] { "T", "B", D * H });
                Concat(g, hs, "h_n", L * D, H);
                if (lstm) Concat(g, cs, "c_n", L * D, H);
                break;
            case OnnxModelKind.Classifier:
            {
                var (fw, fb, classes) = Head(g, D * H);
                // Y_h of the top layer (D, B, H) -> (B, D, H) -> (B, D*H): [forward, reverse] as SequenceClassifier.
                var t = g.Node("Transpose", "features_BDH", new[] { top }, attrs: new[] { Ints("perm", 1, 0, 2) });
                var feat = g.Node("Reshape", "features", new[] { t, g.Const("shape_B_minus1", 0, -1) });
                var gemmIn = new List<string> { feat, fw };
                if (fb is not null) gemmIn.Add(fb);
                g.Node("Gemm", "fc", gemmIn.ToArray(), attrs: new[] { Int("transB", 1) }, output: options.OutputName);
                g.Output(options.OutputName, "B", classes);
                Probabilities(g, options.HeadOutput, "B", classes);
                break;
            }
            case OnnxModelKind.Tagger or OnnxModelKind.TokenModel:
            {
                var (fw, fb, classes) = Head(g, D * H, transposed: true);
                string logits = fb is null ? options.OutputName : "fc_matmul";
                g.Node("MatMul", "fc_matmul", new[] { x, fw }, output: logits);
                if (fb is not null) g.Node("Add", "fc", new[] { logits, fb }, output: options.OutputName);
                g.Output(options.OutputName, "T", "B", classes);
                Probabilities(g, options.HeadOutput, "T", "B", classes);
                break;
            }
            default:
                throw new ArgumentException($"Unknown model kind {model.Kind}.", nameof(model));
        }
        g.CheckAllUsed();

        var m = new ModelProto
        {
            IrVersion = 7, // opset 14's IR version
            ProducerName = "RnnGpu",
            ProducerVersion = typeof(OnnxExport).Assembly.GetName().Version?.ToString() ?? "",
            Graph = g.Graph,
        };
        m.Graph.Name = model.Kind.ToString();
        m.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        m.MetadataProps.Add(new StringStringEntryProto { Key = "rnngpu.kind", Value = model.Kind.ToString() });
        m.MetadataProps.Add(new StringStringEntryProto { Key = "rnngpu.mode", Value = CellSpecName(mode) });
        foreach (var kv in options.Metadata ?? new Dictionary<string, string>())
            m.MetadataProps.Add(new StringStringEntryProto { Key = kv.Key, Value = kv.Value });
        return m;
    }

    static string CellSpecName(RnnMode mode) => Kernels.CellSpec.Of(mode).PyTorchMode;

    static void Concat(GraphBuilder g, List<string> states, string output, int rows, int h)
    {
        if (states.Count == 1)
            g.Node("Identity", output, new[] { states[0] }, output: output);
        else
            g.Node("Concat", output, states.ToArray(), attrs: new[] { Int("axis", 0) }, output: output);
        g.Output(output, rows, "B", h);
    }

    /// <summary>fc.weight (C, In) as an initializer (or its transpose (In, C) for MatMul), fc.bias when present, and C.</summary>
    static (string Weight, string? Bias, int Classes) Head(GraphBuilder g, int inFeatures, bool transposed = false)
    {
        var w = g.Param("fc.weight", -1, inFeatures);
        int c = w.Shape[0];
        if (transposed)
        {
            var t = new float[w.Data.Length];
            for (int i = 0; i < c; i++)
                for (int j = 0; j < inFeatures; j++)
                    t[(long)j * c + i] = w.Data[(long)i * inFeatures + j];
            g.Initializer(OnnxTensors.Float("fc.weight_t", new[] { inFeatures, c }, t));
        }
        else
            g.Initializer(OnnxTensors.Float("fc.weight", w.Shape, w.Data));
        var b = g.TryParam("fc.bias", c);
        if (b is not null) g.Initializer(OnnxTensors.Float("fc.bias", b.Shape, b.Data));
        return (transposed ? "fc.weight_t" : "fc.weight", b is null ? null : "fc.bias", c);
    }

    static void Probabilities(GraphBuilder g, OnnxHeadOutput output, params object[] dims)
    {
        if (output == OnnxHeadOutput.Logits) return;
        if (output == OnnxHeadOutput.Softmax)
            g.Node("Softmax", "probabilities", new[] { "logits" }, attrs: new[] { Int("axis", -1) }, output: "probabilities");
        else
            g.Node("Sigmoid", "probabilities", new[] { "logits" }, output: "probabilities");
        g.Output("probabilities", dims);
    }
}
