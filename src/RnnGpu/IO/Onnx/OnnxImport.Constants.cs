using System.Buffers.Binary;
using Google.Protobuf;
using RnnGpu.IO.Onnx;
using RnnGpu.IO.Onnx.Proto;

namespace RnnGpu.IO;

// The import's constant tensors: initializers and Constant nodes decoded after their declared shapes are checked against
// the bytes they hold, slices and Expand broadcasts of them, integer vectors of the glue's attributes.
public static partial class OnnxImport
{
    sealed partial class Reader
    {
        static TensorProto? ConstantTensor(NodeProto p) => p.Attribute.FirstOrDefault(a => a.Name == "value")?.T;

        /// <summary>A constant tensor (initializer, Constant node, or a Slice along axis 0 of one) as float32.</summary>
        (int[] Dims, float[] Data) FloatConst(string v, NodeProto user, string what, string? otherwise = null, int depth = 0)
        {
            v = Follow(v);
            if (depth > 64)
                throw BadNode(user, $"takes {what} from '{v}' through more than 64 slices (a cycle?)");
            TensorProto? t = init.GetValueOrDefault(v);
            if (t is null && producer.TryGetValue(v, out var p) && p.OpType == "Constant")
                t = ConstantTensor(p);
            if (t is not null)
            {
                if (t.DataType != (int)TensorProto.Types.DataType.Float)
                    throw BadNode(user, $"has {what} '{v}' of data type {(TensorProto.Types.DataType)t.DataType}; RnnGpu reads float32");
                return Decode(t, v);
            }
            if (producer.TryGetValue(v, out var x) && x.OpType == "Expand" && x.Input.Count == 2 && Ints(x.Input[1]) is { } target)
                return Broadcast(FloatConst(x.Input[0], user, what, otherwise, depth + 1), target, user, what);
            if (producer.TryGetValue(v, out var s) && s.OpType == "Slice" && s.Input.Count >= 3)
            {
                var (dims, data) = FloatConst(s.Input[0], user, what, otherwise, depth + 1);
                var axes = s.Input.Count > 3 && s.Input[3].Length > 0 ? Ints(s.Input[3]) : new long[] { 0 };
                if (Ints(s.Input[1]) is [var a] && Ints(s.Input[2]) is [var e] && axes is [0] && dims.Length > 0 && a >= 0 && a < e && e <= dims[0])
                {
                    long row = data.LongLength / dims[0];
                    var sliced = data.AsSpan((int)(a * row), (int)((e - a) * row)).ToArray();
                    return (new[] { (int)(e - a) }.Concat(dims.Skip(1)).ToArray(), sliced);
                }
            }
            throw BadNode(user, otherwise is null ? $"takes {what} from '{v}', which is not a constant tensor" : $"takes {what} from '{v}', which {otherwise}");
        }

        /// <summary>ONNX's Expand of a constant (numpy broadcasting of <paramref name="c"/> to <paramref name="target"/>, up to
        /// rank 4): PyTorch writes a plain-tensor h0 as Expand(Constant, shape).</summary>
        (int[] Dims, float[] Data) Broadcast((int[] Dims, float[] Data) c, long[] target, NodeProto user, string what)
        {
            int rank = Math.Max(c.Dims.Length, target.Length);
            if (rank > 4)
                throw BadNode(user, $"takes {what} from an Expand to rank {rank}; RnnGpu reads states of rank 3");
            var from = Enumerable.Repeat(1, rank - c.Dims.Length).Concat(c.Dims).ToArray();
            var to = Enumerable.Repeat(1L, rank - target.Length).Concat(target).ToArray();
            var dims = new int[rank];
            long count = 1;
            for (int i = 0; i < rank; i++)
            {
                long d = from[i] == 1 ? to[i] : to[i] == 1 || to[i] == from[i] ? from[i] : -1;
                if (d <= 0 || d > int.MaxValue)
                    throw BadNode(user, $"takes {what} from an Expand of shape {Shapes.Format(c.Dims)} to ({string.Join(", ", target)}), which do not broadcast");
                dims[i] = (int)d;
                count *= d;
                if (count > MaxConstantFloats)
                    throw BadNode(user, $"takes {what} from an Expand to more than {MaxConstantFloats:N0} values");
            }
            var data = new float[count];
            var index = new int[rank];
            for (long o = 0; o < count; o++)
            {
                long src = 0;
                for (int i = 0; i < rank; i++)
                    src = src * from[i] + (from[i] == 1 ? 0 : index[i]);
                data[o] = c.Data[src];
                for (int i = rank - 1; i >= 0 && ++index[i] == dims[i]; i--)
                    index[i] = 0;
            }
            return (dims, data);
        }

        /// <summary>The most values an expanded constant state may have (a state of 16 M floats).</summary>
        const long MaxConstantFloats = 1 << 24;

        /// <summary>A constant integer vector (initializer or Constant node, int64 or int32), or null.</summary>
        long[]? Ints(string v)
        {
            v = Follow(v);
            TensorProto? t = init.GetValueOrDefault(v);
            if (t is null && producer.TryGetValue(v, out var p) && p.OpType == "Constant")
                t = ConstantTensor(p);
            if (t is null || t.DataType is not ((int)TensorProto.Types.DataType.Int64 or (int)TensorProto.Types.DataType.Int32))
                return null;
            return DecodeAny(t, v);
        }

        /// <summary>Checks the declared shape against the data the tensor holds, then decodes float32.</summary>
        (int[] Dims, float[] Data) Decode(TensorProto t, string name)
        {
            var (dims, count) = Checked(t, name, 4, t.FloatData.Count);
            var data = new float[count];
            if (t.HasRawData)
                for (int i = 0; i < count; i++)
                    data[i] = BinaryPrimitives.ReadSingleLittleEndian(t.RawData.Span.Slice(i * 4));
            else
                t.FloatData.CopyTo(data, 0);
            return (dims, data);
        }

        /// <summary>An int64/int32/float tensor as int64 values (small constants only: at most 65,536 values).</summary>
        long[] DecodeAny(TensorProto t, string name)
        {
            switch ((TensorProto.Types.DataType)t.DataType)
            {
                case TensorProto.Types.DataType.Int64:
                {
                    var (_, n) = Checked(t, name, 8, t.Int64Data.Count, 1 << 16);
                    return t.HasRawData ? Enumerable.Range(0, n).Select(i => BinaryPrimitives.ReadInt64LittleEndian(t.RawData.Span.Slice(i * 8))).ToArray() : t.Int64Data.ToArray();
                }
                case TensorProto.Types.DataType.Int32:
                {
                    var (_, n) = Checked(t, name, 4, t.Int32Data.Count, 1 << 16);
                    return t.HasRawData ? Enumerable.Range(0, n).Select(i => (long)BinaryPrimitives.ReadInt32LittleEndian(t.RawData.Span.Slice(i * 4))).ToArray() : t.Int32Data.Select(x => (long)x).ToArray();
                }
                case TensorProto.Types.DataType.Float:
                {
                    Checked(t, name, 4, t.FloatData.Count, 1 << 16);
                    var (_, f) = Decode(t, name);
                    return f.Select(x => x == 0f ? 0L : 1L).ToArray(); // only used to ask "all zeros?"
                }
                default:
                    throw Bad($"has the constant '{name}' of data type {(TensorProto.Types.DataType)t.DataType}; RnnGpu reads float32, int32 and int64 constants");
            }
        }

        /// <summary>The tensor's dims and element count, once they agree with the bytes (or typed values) it holds.</summary>
        (int[] Dims, int Count) Checked(TensorProto t, string name, int elementBytes, int typedCount, long max = int.MaxValue / 8)
        {
            if (t.DataLocation == TensorProto.Types.DataLocation.External || t.ExternalData.Count > 0)
                throw Bad($"keeps tensor '{name}' in external data; RnnGpu reads tensors stored in the .onnx file");
            long count = 1;
            foreach (var d in t.Dims)
            {
                if (d < 0 || d > int.MaxValue)
                    throw Bad($"declares tensor '{name}' with dimension {d}");
                count = d == 0 ? 0 : count > max / d ? max + 1 : count * d;
            }
            if (count > max)
                throw Bad($"declares tensor '{name}' of shape ({string.Join(", ", t.Dims)}), beyond the {max} values RnnGpu reads");
            long held = t.HasRawData ? t.RawData.Length : (long)typedCount * elementBytes;
            if (held != count * elementBytes)
                throw Bad($"declares tensor '{name}' of shape ({string.Join(", ", t.Dims)}) ({count} values, {count * elementBytes} bytes), but it holds {held} bytes");
            return (t.Dims.Select(d => (int)d).ToArray(), (int)count);
        }
    }
}
