namespace RnnGpu.IO;

public static partial class Interop
{
    /// <summary><c>rnngpu forward</c> of a whole ONNX model ([Embedding ->] recurrent layers [-> Linear],
    /// <see cref="OnnxImport.LoadModel"/>): the input is token ids (T, B) int64 when the model starts with an embedding,
    /// else features (T, B, I) (or (B, T, I) for a batch-first graph); writes <c>OUTPUT.npy</c>, named as the graph's output.</summary>
    static InteropForwardResult ForwardWholeModel(ComputeDevice device, InteropForwardRequest request)
    {
        var m = OnnxImport.LoadModel(request.Weights);
        string file = Path.GetFileName(request.Weights);
        if (request.H0 is not null || request.C0 is not null || request.GradOutput is not null)
            throw new InvalidDataException($"'{file}' is a whole model (embedding or linear head around the recurrent layers); " +
                "--h0, --c0 and --grad-output are for a bare recurrent layer.");
        if (request.BatchFirst && !m.Recurrent.Options.BatchFirst)
            throw new InvalidDataException($"--batch-first was given, but '{file}' reads its input sequence-major; drop the flag (an ONNX graph declares its layout).");
        if (request.Mode is { } given && given != m.Recurrent.Options.Mode)
            throw new InvalidDataException($"--mode {ModeName(given)} was given, but '{file}' holds {ModeName(m.Recurrent.Options.Mode)} nodes.");
        using var model = m.Build(device);
        bool batchFirst = m.Recurrent.Options.BatchFirst;
        int T, B;
        DeviceTensor y;
        int[]? lengths;
        if (m.Tokens is not null)
        {
            var (shape, ids) = Npy.ReadInt64(request.Input);
            if (shape.Length != 2)
                throw new InvalidDataException($"{request.Input}: the token ids have shape {Shapes.Format(shape)}, expected ({(batchFirst ? "B, T" : "T, B")}) int64 for '{m.Tokens}'.");
            (T, B) = batchFirst ? (shape[1], shape[0]) : (shape[0], shape[1]);
            lengths = ReadLengths(request.Lengths, B, T);
            var v = m.Embedding!.Shape[0];
            var bad = Array.FindIndex(ids, i => i < 0 || i >= v);
            if (bad >= 0)
                throw new InvalidDataException($"{request.Input}: token id {ids[bad]} at flat position {bad} is outside the vocabulary [0, {v}).");
            using var tokens = DeviceIndices.FromHost(device, ids.Select(i => (int)i).ToArray(), shape);
            y = model.Forward(tokens, new ForwardContext(false, lengths));
        }
        else
        {
            var (shape, x) = Npy.ReadFloat32(request.Input);
            int i = m.Recurrent.Options.InputSize;
            if (shape.Length != 3 || shape[2] != i)
                throw new InvalidDataException($"{request.Input}: X has shape {Shapes.Format(shape)}, expected ({(batchFirst ? "B, T" : "T, B")}, {i}).");
            (T, B) = batchFirst ? (shape[1], shape[0]) : (shape[0], shape[1]);
            lengths = ReadLengths(request.Lengths, B, T);
            using var tx = DeviceTensor.FromHost(device, x, shape);
            y = model.Forward(tx, new ForwardContext(false, lengths));
        }
        using (y)
        {
            Directory.CreateDirectory(request.OutputDirectory);
            string path = Path.Combine(request.OutputDirectory, SafeName(m.Output) + ".npy");
            Npy.WriteFloat32(path, y.Shape, y.ToArray());
            return new InteropForwardResult(m.Recurrent.Options, new[] { path });
        }
    }

    /// <summary>A graph output's name as a file name: characters other than letters, digits, '-' and '_' become '_'.</summary>
    static string SafeName(string name)
    {
        var s = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
        return s.Length == 0 ? "output" : s;
    }
}
