using System.Buffers.Binary;
using Google.Protobuf;
using RnnGpu.IO.Onnx;
using RnnGpu.IO.Onnx.Proto;

namespace RnnGpu.IO;

public static partial class OnnxImport
{
    // One recurrent node, checked attribute by attribute and input by input: which cell it is (OnnxTensors.CellOf), its
    // weights' shapes, and its tensors back in PyTorch's gate order.
    sealed partial class Reader
    {
        HostTensor Torch(string name, RnnMode mode, int h, int cols, float[] onnx, int d)
        {
            int g = OnnxTensors.TorchBlock(mode).Length;
            var t = new float[g * h * cols];
            OnnxTensors.ToTorch(mode, h, cols, onnx.AsSpan(d * g * h * cols, g * h * cols), t);
            return new HostTensor(name, new[] { g * h, cols }, t);
        }

        sealed record Cell(NodeProto Node, RnnMode Mode, int D, int H, int G, int In, float[] W, float[] R, float[]? B, int Layout)
        {
            /// <summary>Peepholes (D, 3H) in ONNX's block order i, o, f (LSTM with input P), else null.</summary>
            public float[]? P { get; init; }
        }

        Cell ReadCell(NodeProto n)
        {
            int d = 1, layout = 0;
            long? hidden = null;
            bool lbr = false;
            string[]? acts = null;
            foreach (var a in n.Attribute)
            {
                switch (a.Name)
                {
                    case "hidden_size": hidden = IntAttr(n, a); break;
                    case "direction":
                        string dir = StrAttr(n, a);
                        d = dir switch
                        {
                            "forward" => 1,
                            "bidirectional" => 2,
                            _ => throw BadNode(n, $"has direction '{dir}'; RnnGpu runs forward and bidirectional layers (PyTorch has no reverse-only layer)"),
                        };
                        break;
                    case "layout":
                        layout = IntAttr(n, a) switch
                        {
                            0 => 0,
                            1 => 1,
                            var other => throw BadNode(n, $"has layout = {other}; ONNX defines 0 (sequence-major) and 1 (batch-major)"),
                        };
                        break;
                    case "clip":
                        throw BadNode(n, "has the attribute clip (cell clipping); PyTorch's cells do not clip");
                    case "input_forget" when n.OpType == "LSTM":
                        if (IntAttr(n, a) != 0) throw BadNode(n, "has input_forget = 1 (coupled input and forget gates); PyTorch's LSTM has no such coupling");
                        break;
                    case "linear_before_reset" when n.OpType == "GRU":
                        lbr = IntAttr(n, a) != 0;
                        break;
                    case "activations":
                        if (a.Type != AttributeProto.Types.AttributeType.Strings)
                            throw BadNode(n, "has an attribute activations that is not a list of strings");
                        acts = a.Strings.Select(s => s.ToStringUtf8()).ToArray();
                        break;
                    case "activation_alpha" or "activation_beta":
                        throw BadNode(n, $"has the attribute {a.Name}; PyTorch's activations take no parameters");
                    default:
                        throw BadNode(n, $"has the attribute {a.Name}, which RnnGpu does not know for {n.OpType}");
                }
            }
            string? peepholes = n.OpType == "LSTM" ? Optional(n, 7) : null;
            RnnMode mode = OnnxTensors.CellOf(n.OpType, peepholes is not null, lbr, relu: false);
            string[] want = n.OpType switch { "LSTM" => new[] { "Sigmoid", "Tanh", "Tanh" }, "GRU" => new[] { "Sigmoid", "Tanh" }, _ => new[] { "Tanh" } };
            if (acts is not null)
            {
                if (n.OpType == "RNN" && acts.Length > 0 && acts.All(s => s.Equals("Relu", StringComparison.OrdinalIgnoreCase)))
                    mode = RnnMode.RnnRelu;
                else
                {
                    if (n.OpType == "RNN" && acts.Length > 0 && !acts.All(s => s.Equals(acts[0], StringComparison.OrdinalIgnoreCase)))
                        throw BadNode(n, $"has activations [{string.Join(", ", acts)}]; both directions must use the same one");
                    bool ok = (acts.Length == want.Length || acts.Length == want.Length * d) &&
                        acts.Select((s, i) => s.Equals(want[i % want.Length], StringComparison.OrdinalIgnoreCase)).All(b => b);
                    if (!ok)
                        throw BadNode(n, $"has activations [{string.Join(", ", acts)}]; RnnGpu runs PyTorch's " +
                            (n.OpType == "RNN" ? "Tanh or Relu" : $"[{string.Join(", ", want)}]"));
                }
            }
            int maxInputs = n.OpType == "LSTM" ? 8 : 6;
            if (n.Input.Count > maxInputs)
                throw BadNode(n, $"has {n.Input.Count} inputs; {n.OpType} takes at most {maxInputs}");
            if (n.Input.Count < 3 || n.Input.Take(3).Any(i => i.Length == 0))
                throw BadNode(n, "lacks X, W or R");
            if (n.Output.All(o => o.Length == 0))
                throw BadNode(n, "has no output (Y, Y_h or Y_c)");
            int g = OnnxTensors.TorchBlock(mode).Length;
            var (wd, w) = FloatConst(n.Input[1], n, "W");
            var (rd, r) = FloatConst(n.Input[2], n, "R");
            if (rd.Length != 3 || rd[0] != d || rd[1] <= 0 || rd[1] % g != 0 || rd[2] != rd[1] / g)
                throw BadNode(n, $"has R of shape {Shapes.Format(rd)}, expected ({d}, {g}*H, H)");
            int h = rd[2];
            if (hidden is { } hs && hs != h)
                throw BadNode(n, $"has hidden_size {hs}, but R {Shapes.Format(rd)} is for hidden size {h}");
            if (wd.Length != 3 || wd[0] != d || wd[1] != g * h || wd[2] <= 0)
                throw BadNode(n, $"has W of shape {Shapes.Format(wd)}, expected ({d}, {g * h}, I)");
            float[]? b = null;
            if (Optional(n, 3) is { } bn)
            {
                var (bd, bv) = FloatConst(bn, n, "B");
                if (bd.Length != 2 || bd[0] != d || bd[1] != 2 * g * h)
                    throw BadNode(n, $"has B of shape {Shapes.Format(bd)}, expected ({d}, {2 * g * h})");
                b = bv;
            }
            float[]? p = null;
            if (peepholes is not null)
            {
                var (pd, pv) = FloatConst(peepholes, n, "P");
                if (pd.Length != 2 || pd[0] != d || pd[1] != 3 * h)
                    throw BadNode(n, $"has P of shape {Shapes.Format(pd)}, expected ({d}, {3 * h})");
                p = pv;
            }
            return new Cell(n, mode, d, h, g, wd[2], w, r, b, layout) { P = p };
        }

        long IntAttr(NodeProto n, AttributeProto a) => a.Type == AttributeProto.Types.AttributeType.Int || (a.Type == 0 && a.HasI)
            ? a.I : throw BadNode(n, $"has an attribute {a.Name} that is not an integer");

        string StrAttr(NodeProto n, AttributeProto a) => a.Type == AttributeProto.Types.AttributeType.String || (a.Type == 0 && a.HasS)
            ? a.S.ToStringUtf8() : throw BadNode(n, $"has an attribute {a.Name} that is not a string");

        static string? Optional(NodeProto n, int i) => i < n.Input.Count && n.Input[i].Length > 0 ? n.Input[i] : null;
    }
}
