using Google.Protobuf;
using RnnGpu.IO.Onnx;
using RnnGpu.IO.Onnx.Proto;

namespace RnnGpu.IO;

// The export's graph builder: the model's host tensors by name (each used exactly once), initializers, constants, value
// infos and nodes; and the attribute helpers. What each model becomes is in OnnxExport.cs.
public static partial class OnnxExport
{
    static AttributeProto Int(string name, long v) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = v };

    static AttributeProto Str(string name, string v) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(v) };

    static AttributeProto Ints(string name, params long[] v)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        a.Ints.AddRange(v);
        return a;
    }

    static AttributeProto Strs(string name, params string[] v)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Strings };
        a.Strings.AddRange(v.Select(ByteString.CopyFromUtf8));
        return a;
    }

    /// <summary>Collects nodes, initializers, inputs and outputs; looks parameters up and checks their shapes.</summary>
    sealed class GraphBuilder(IReadOnlyList<HostTensor> tensors, string rnnPrefix)
    {
        readonly Dictionary<string, HostTensor> byName = ByName(tensors);
        readonly HashSet<string> used = new();
        readonly HashSet<string> consts = new();

        public GraphProto Graph { get; } = new();

        static Dictionary<string, HostTensor> ByName(IReadOnlyList<HostTensor> tensors)
        {
            var d = new Dictionary<string, HostTensor>();
            foreach (var t in tensors)
                if (!d.TryAdd(t.Name, t))
                    throw new ArgumentException($"Tensor '{t.Name}' is given twice.", nameof(tensors));
            return d;
        }

        /// <summary>A parameter of this shape (-1: any positive size); <paramref name="rnn"/>: a recurrent name, prefixed.</summary>
        public HostTensor Param(string name, int rows, int cols = 0, bool rnn = false) =>
            TryParam(name, rows, cols, rnn) ?? throw new ArgumentException($"The model has no tensor '{(rnn ? rnnPrefix : "") + name}'.", nameof(tensors));

        public HostTensor? TryParam(string name, int rows, int cols = 0, bool rnn = false)
        {
            string full = (rnn ? rnnPrefix : "") + name;
            if (!byName.TryGetValue(full, out var t))
                return null;
            used.Add(full);
            bool ok = cols == 0
                ? t.Shape.Length == 1 && (rows < 0 ? t.Shape[0] > 0 : t.Shape[0] == rows)
                : t.Shape.Length == 2 && (rows < 0 ? t.Shape[0] > 0 : t.Shape[0] == rows) && t.Shape[1] == cols;
            if (!ok || t.Data.LongLength != t.Shape.Aggregate(1L, (a, b) => a * b))
                throw new ArgumentException($"Tensor '{full}' has shape {Shapes.Format(t.Shape)} ({t.Data.Length} values), expected " +
                    (cols == 0 ? $"({(rows < 0 ? "N" : rows)})" : $"({(rows < 0 ? "N" : rows)}, {cols})") + ".", nameof(tensors));
            return t;
        }

        public void CheckAllUsed()
        {
            var extra = byName.Keys.Where(k => !used.Contains(k)).ToList();
            if (extra.Count > 0)
                throw new ArgumentException($"The model has tensors the export does not use: {string.Join(", ", extra)}.", nameof(tensors));
        }

        public void Initializer(TensorProto t) => Graph.Initializer.Add(t);

        public string Const(string name, params long[] values)
        {
            if (consts.Add(name))
                Graph.Initializer.Add(OnnxTensors.Int64(name, values));
            return name;
        }

        public void Input(string name, TensorProto.Types.DataType type, params object[] dims) =>
            Graph.Input.Add(Value(name, type, dims));

        public void Output(string name, params object[] dims) => Graph.Output.Add(Value(name, TensorProto.Types.DataType.Float, dims));

        static ValueInfoProto Value(string name, TensorProto.Types.DataType type, object[] dims)
        {
            var shape = new TensorShapeProto();
            foreach (var d in dims)
                shape.Dim.Add(d is int v ? new TensorShapeProto.Types.Dimension { DimValue = v } : new TensorShapeProto.Types.Dimension { DimParam = (string)d });
            return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } } };
        }

        /// <summary>Adds a node with one output (named <paramref name="output"/>, else <paramref name="name"/>) and returns it.</summary>
        public string Node(string op, string name, string[] inputs, AttributeProto[]? attrs = null, string? output = null)
        {
            output ??= name;
            Add(new NodeProto { Name = name, OpType = op }, inputs, new[] { output }, attrs ?? Array.Empty<AttributeProto>());
            return output;
        }

        public void Add(NodeProto node, IEnumerable<string> inputs, IEnumerable<string> outputs, IEnumerable<AttributeProto> attrs)
        {
            node.Input.AddRange(inputs);
            node.Output.AddRange(outputs);
            node.Attribute.AddRange(attrs);
            Graph.Node.Add(node);
        }
    }
}
