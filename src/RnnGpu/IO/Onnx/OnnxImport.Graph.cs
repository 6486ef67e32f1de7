using System.Buffers.Binary;
using Google.Protobuf;
using RnnGpu.IO.Onnx;
using RnnGpu.IO.Onnx.Proto;

namespace RnnGpu.IO;

// The import's graph reading: following glue nodes back to the recurrent nodes' values, stacked layers' outputs, and the
// initial states (graph inputs, slices of them, zeros, constants). The model's assembly is in OnnxImport.cs, the recurrent nodes' checks in
// OnnxImport.Nodes.cs,
// constant tensors in OnnxImport.Constants.cs.
public static partial class OnnxImport
{
    sealed partial class Reader
    {
        /// <summary>Follows Identity nodes (and <paramref name="through"/>, e.g. Cast) back to the value they copy.</summary>
        string Follow(string v, string? through = null)
        {
            for (int i = 0; i < 1000 && producer.TryGetValue(v, out var p) && (p.OpType == "Identity" || p.OpType == through) && p.Input.Count > 0; i++)
                v = p.Input[0];
            return v;
        }

        /// <summary>The recurrent output (T, D, B, H) that <paramref name="v"/> turns into (T, B, D*H), or an error.</summary>
        string Glue(string v, NodeProto user, int d, int h) =>
            TryGlue(Follow(v), d, h) ?? throw BadNode(user, $"reads '{v}', which is not the layer below's output turned from (T, D, B, H) into (T, B, D*H) " +
                "by Squeeze (one direction) or Transpose [0, 2, 1, 3] + Reshape [0, 0, -1] (two)");

        string? TryGlue(string v, int d, int h)
        {
            if (!producer.TryGetValue(v, out var p) || p.Input.Count == 0)
                return null;
            if (d == 1 && p.OpType == "Squeeze")
                return SqueezeAxes(p) is [1] ? Follow(p.Input[0]) : null;
            if (p.OpType == "Reshape" && p.Input.Count == 2 && Ints(p.Input[1]) is [0, 0, var last] && (last == -1 || last == d * h))
            {
                string src = Follow(p.Input[0]);
                if (d == 1)
                    return src; // (T, 1, B, H) -> (T, B, H) is the same memory
                if (producer.TryGetValue(src, out var t) && t.OpType == "Transpose" &&
                    t.Attribute.FirstOrDefault(a => a.Name == "perm")?.Ints.SequenceEqual(new long[] { 0, 2, 1, 3 }) == true)
                    return Follow(t.Input[0]);
            }
            return null;
        }

        long[]? SqueezeAxes(NodeProto p)
        {
            if (p.Input.Count >= 2 && p.Input[1].Length > 0)
                return Ints(p.Input[1]);
            var a = p.Attribute.FirstOrDefault(x => x.Name == "axes");
            return a?.Ints.ToArray();
        }

        /// <summary>True when <paramref name="v"/> is output <paramref name="slot"/> (Y_h 1, Y_c 2) of every layer, concatenated
        /// along axis 0 in layer order (or that output itself for one layer).</summary>
        bool IsStates(string v, List<Cell> cells, int slot)
        {
            string Out(Cell c) => slot < c.Node.Output.Count ? c.Node.Output[slot] : "";
            if (cells.Count == 1 && Out(cells[0]) is { Length: > 0 } only && v == only)
                return true;
            if (!producer.TryGetValue(v, out var p) || p.OpType != "Concat")
                return false;
            var axis = p.Attribute.FirstOrDefault(a => a.Name == "axis");
            if (axis is null || axis.I != 0 || p.Input.Count != cells.Count)
                return false;
            return p.Input.Select((x, i) => Follow(x) == Out(cells[i]) && Out(cells[i]).Length > 0).All(b => b);
        }

        /// <summary>Initial states of every layer from input <paramref name="slot"/>: a graph input (whole or sliced per layer),
        /// zeros, or constants assembled into (L*D, B, H).</summary>
        (string? Input, HostTensor? Constant) States(List<Cell> cells, int slot, string what, int L, int D, int H)
        {
            string? input = null;
            var consts = new float[]?[L];
            int[]? shape = null;
            int kinds = 0; // 1 input, 2 constant
            for (int k = 0; k < L; k++)
            {
                var n = cells[k].Node;
                if (Optional(n, slot) is not { } v || IsZeros(v, 0))
                    continue;
                string f = Follow(v);
                string? src = null;
                if (inputs.Contains(f))
                {
                    if (L != 1)
                        throw BadNode(n, $"takes {what} from the whole graph input '{f}'; a stack slices it per layer");
                    src = f;
                }
                else if (producer.TryGetValue(f, out var p) && p.OpType == "Slice" && p.Input.Count >= 3 && inputs.Contains(Follow(p.Input[0])))
                {
                    var starts = Ints(p.Input[1]);
                    var ends = Ints(p.Input[2]);
                    var axes = p.Input.Count > 3 && p.Input[3].Length > 0 ? Ints(p.Input[3]) : new long[] { 0 };
                    var steps = p.Input.Count > 4 && p.Input[4].Length > 0 ? Ints(p.Input[4]) : new long[] { 1 };
                    if (starts is not [var s] || ends is not [var e] || axes is not [0] || steps is not [1] || s != k * D || e != (k + 1) * D)
                        throw BadNode(n, $"takes {what} from a slice of '{Follow(p.Input[0])}' other than rows {k * D}..{(k + 1) * D - 1} (its layer's)");
                    src = Follow(p.Input[0]);
                }
                if (src is not null)
                {
                    if (input is not null && input != src)
                        throw BadNode(n, $"takes {what} from '{src}', other layers from '{input}'");
                    input = src;
                    kinds |= 1;
                    continue;
                }
                var (dims, data) = FloatConst(f, n, what, $"is neither a graph input, a slice of one, zeros nor a constant");
                if (dims.Length != 3 || dims[0] != D || dims[2] != H || (shape is not null && shape[1] != dims[1]))
                    throw BadNode(n, $"has a constant {what} of shape {Shapes.Format(dims)}, expected ({D}, B, {H})");
                shape = dims;
                consts[k] = data;
                kinds |= 2;
            }
            if (kinds == 3)
                throw Bad($"mixes graph inputs and constants for {what}");
            if (kinds != 2)
                return (input, null);
            int b = shape![1];
            var all = new float[(long)L * D * b * H];
            for (int k = 0; k < L; k++)
                consts[k]?.CopyTo(all, (long)k * D * b * H);
            return (null, new HostTensor(what, new[] { L * D, b, H }, all));
        }

        /// <summary>True when <paramref name="v"/> is all zeros whatever its shape: ConstantOfShape with value 0, a zero
        /// constant, or Expand/Slice/Reshape/... of one.</summary>
        bool IsZeros(string v, int depth)
        {
            if (depth > 64) return false;
            v = Follow(v, "Cast");
            if (init.TryGetValue(v, out var t))
                return t.DataType == (int)TensorProto.Types.DataType.Float && Decode(t, v).Data.All(x => x == 0f);
            if (!producer.TryGetValue(v, out var p))
                return false;
            switch (p.OpType)
            {
                case "ConstantOfShape":
                    var value = p.Attribute.FirstOrDefault(a => a.Name == "value");
                    return value is null || (value.T is { } vt && DecodeAny(vt, v).All(x => x == 0));
                case "Constant":
                    return ConstantTensor(p) is { } c && (c.DataType == (int)TensorProto.Types.DataType.Float
                        ? Decode(c, v).Data.All(x => x == 0f) : DecodeAny(c, v).All(x => x == 0));
                case "Expand" or "Slice" or "Reshape" or "Squeeze" or "Unsqueeze" or "Transpose":
                    return p.Input.Count > 0 && IsZeros(p.Input[0], depth + 1);
                default:
                    return false;
            }
        }
    }
}
