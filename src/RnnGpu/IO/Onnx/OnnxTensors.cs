using System.Buffers.Binary;
using Google.Protobuf;
using RnnGpu.IO.Onnx.Proto;

namespace RnnGpu.IO.Onnx;

/// <summary>
/// What ONNX and PyTorch disagree on, in one place: which cell an ONNX node is, gate order (LSTM torch i,f,g,o vs ONNX i,o,f,c;
/// GRU torch r,z,n vs ONNX z,r,h; RNN one gate; peepholes RnnGpu p_i,p_f,p_o vs ONNX P's i,o,f) and the tensor encodings
/// (little-endian raw_data, float_data, int64_data).
/// </summary>
internal static class OnnxTensors
{
    /// <summary>ONNX gate block j holds PyTorch gate block <c>TorchBlock(mode)[j]</c>.</summary>
    public static int[] TorchBlock(RnnMode mode) => OpType(mode) switch
    {
        "LSTM" => new[] { 0, 3, 1, 2 }, // ONNX i, o, f, c  <-  torch i(0), o(3), f(1), g(2)
        "GRU" => new[] { 1, 0, 2 },     // ONNX z, r, h     <-  torch z(1), r(0), n(2)
        _ => new[] { 0 },
    };

    /// <summary>ONNX's peephole block j (P: i, o, f) holds RnnGpu's per-unit block <c>PeepholeBlock[j]</c> (p_i, p_f, p_o).</summary>
    public static readonly int[] PeepholeBlock = { 0, 2, 1 };

    /// <summary>The ONNX op type of a cell: LSTM, GRU or RNN (the cell table's <see cref="Kernels.CellSpec.OnnxOp"/>).</summary>
    public static string OpType(RnnMode mode) => Kernels.CellSpec.Of(mode).OnnxOp;

    /// <summary>The cell an ONNX node is, from its op type, whether it has peepholes (LSTM's input P), its
    /// <c>linear_before_reset</c> (GRU) and its activations (RNN: Tanh or Relu).</summary>
    public static RnnMode CellOf(string opType, bool peepholes, bool linearBeforeReset, bool relu) => opType switch
    {
        "LSTM" => peepholes ? RnnMode.LstmPeephole : RnnMode.Lstm,
        "GRU" => linearBeforeReset ? RnnMode.Gru : RnnMode.GruResetBefore,
        _ => relu ? RnnMode.RnnRelu : RnnMode.RnnTanh,
    };

    /// <summary>The <c>linear_before_reset</c> an exported GRU node carries: 1 for PyTorch's GRU, 0 for the reset-first one.</summary>
    public static long LinearBeforeReset(RnnMode mode) => mode == RnnMode.GruResetBefore ? 0 : 1;

    /// <summary>Blocks of h floats of <paramref name="from"/>, where block j of the result is block map[j] of the source.</summary>
    public static float[] Blocks(int[] map, int h, ReadOnlySpan<float> from, bool inverse = false)
    {
        var to = new float[map.Length * h];
        for (int j = 0; j < map.Length; j++)
        {
            if (inverse)
                from.Slice(j * h, h).CopyTo(to.AsSpan(map[j] * h, h));
            else
                from.Slice(map[j] * h, h).CopyTo(to.AsSpan(j * h, h));
        }
        return to;
    }

    /// <summary>Rows of <paramref name="torch"/> (G*H, cols), gate blocks in PyTorch order, written in ONNX order into
    /// <paramref name="onnx"/>.</summary>
    public static void ToOnnx(RnnMode mode, int h, int cols, ReadOnlySpan<float> torch, Span<float> onnx)
    {
        var map = TorchBlock(mode);
        int block = h * cols;
        for (int j = 0; j < map.Length; j++)
            torch.Slice(map[j] * block, block).CopyTo(onnx.Slice(j * block, block));
    }

    /// <summary>The inverse of <see cref="ToOnnx"/>.</summary>
    public static void ToTorch(RnnMode mode, int h, int cols, ReadOnlySpan<float> onnx, Span<float> torch)
    {
        var map = TorchBlock(mode);
        int block = h * cols;
        for (int j = 0; j < map.Length; j++)
            onnx.Slice(j * block, block).CopyTo(torch.Slice(map[j] * block, block));
    }

    /// <summary>A float32 initializer (raw little-endian data).</summary>
    public static TensorProto Float(string name, int[] dims, ReadOnlySpan<float> data)
    {
        if (dims.Aggregate(1L, (a, b) => a * b) != data.Length)
            throw new ArgumentException($"Tensor '{name}' of shape {Shapes.Format(dims)} got {data.Length} values.", nameof(data));
        var bytes = new byte[data.Length * 4L];
        for (int i = 0; i < data.Length; i++)
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), data[i]);
        var t = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float, RawData = ByteString.CopyFrom(bytes) };
        t.Dims.AddRange(dims.Select(d => (long)d));
        return t;
    }

    /// <summary>An int64 initializer of shape (n).</summary>
    public static TensorProto Int64(string name, params long[] values)
    {
        var t = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        t.Dims.Add(values.Length);
        t.Int64Data.AddRange(values);
        return t;
    }
}
