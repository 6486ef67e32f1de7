using Google.Protobuf;
using RnnGpu.IO.Onnx.Proto;

namespace RnnGpu.IO;

/// <summary>
/// A whole sequence model read from ONNX as PyTorch exports one: an optional embedding (<c>Gather</c> of an initializer by
/// a graph input of token ids), the recurrent layers (as <see cref="OnnxImport.Load"/> reads them) and an optional linear
/// head (<c>MatMul</c> + <c>Add</c>, or <c>Gemm</c>) producing the graph's one output. <see cref="Build"/> makes RnnGpu's own
/// modules from it, with the weights and PyTorch's module names, so the model runs and trains further.
/// </summary>
/// <param name="Recurrent">The recurrent layers, their input and states.</param>
/// <param name="Tokens">The graph input of token ids when the model starts with an embedding; null when it reads features.</param>
/// <param name="Output">The graph output's name.</param>
/// <param name="Embedding">The embedding table (V, E), named as the file names it, or null.</param>
/// <param name="LinearWeight">The head's weight (C, In) as nn.Linear holds it, or null.</param>
/// <param name="LinearBias">The head's bias (C), or null.</param>
/// <param name="Names">The module names: embedding, recurrent, linear (from the initializers' names, PyTorch's attributes).</param>
/// <param name="FinalActivation">"Softmax" or "LogSoftmax" when the graph ends with one over the last axis, else null.</param>
public sealed record OnnxSequenceModel(OnnxRecurrentModel Recurrent, string? Tokens, string Output, HostTensor? Embedding,
    HostTensor? LinearWeight, HostTensor? LinearBias, (string Embedding, string Recurrent, string Linear) Names,
    string? FinalActivation = null)
{
    /// <summary>The model as a <see cref="Sequential"/> of <see cref="RnnGpu.Embedding"/> (when there is one), the
    /// <see cref="RecurrentLayer"/> and <see cref="Linear"/> (when there is one), with the file's weights; its parameters
    /// are named as PyTorch names them (<c>emb.weight</c>, <c>rnn.weight_ih_l0</c>, <c>fc.weight</c>...).</summary>
    /// <param name="device">Device.</param>
    public Sequential Build(ComputeDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        var modules = new List<(string, IModule)>();
        try
        {
            if (Embedding is not null)
            {
                var emb = new Embedding(device, Embedding.Shape[0], Embedding.Shape[1]);
                modules.Add((Names.Embedding, emb));
                emb.Weight.Value.CopyFromHost(Embedding.Data);
            }
            modules.Add((Names.Recurrent, Recurrent.CreateLayer(device)));
            if (LinearWeight is not null)
            {
                var fc = new Linear(device, LinearWeight.Shape[1], LinearWeight.Shape[0], useBias: LinearBias is not null);
                modules.Add((Names.Linear, fc));
                fc.Weight.Value.CopyFromHost(LinearWeight.Data);
                if (LinearBias is not null)
                    fc.Bias!.Value.CopyFromHost(LinearBias.Data);
            }
            if (FinalActivation is { } act)
                modules.Add((act == "LogSoftmax" ? "log_softmax" : "softmax", new Softmax(device, log: act == "LogSoftmax")));
            return new Sequential(modules.ToArray());
        }
        catch
        {
            foreach (var (_, m) in modules)
                m.Dispose();
            throw;
        }
    }
}

public static partial class OnnxImport
{
    /// <summary>Reads a whole sequence model: [Embedding ->] recurrent layers [-> Linear], as PyTorch exports
    /// <c>nn.Embedding</c>, <c>nn.LSTM/GRU/RNN</c> and <c>nn.Linear</c> chained in a module's forward.</summary>
    /// <param name="path">The .onnx file.</param>
    /// <exception cref="InvalidDataException">As <see cref="Load"/>; a head or embedding of another form is named.</exception>
    public static OnnxSequenceModel LoadModel(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string name = Path.GetFileName(path);
        var model = ParseModel(InputFile.ReadAllBytes(path, MaxFileBytes, "an ONNX model"), name);
        var graph = model.Graph ?? throw new InvalidDataException($"'{name}' has no graph.");
        var init = graph.Initializer.GroupBy(t => t.Name).ToDictionary(g => g.Key, g => g.First());
        var producer = new Dictionary<string, NodeProto>();
        foreach (var n in graph.Node)
            foreach (var o in n.Output.Where(o => o.Length > 0))
                producer.TryAdd(o, n);
        HostTensor Init(string v, string what)
        {
            if (!init.TryGetValue(v, out var t) || t.DataType != (int)TensorProto.Types.DataType.Float)
                throw new InvalidDataException($"'{name}': the {what} '{v}' is not a float initializer.");
            if (t.Dims.Any(d => d < 0 || d > int.MaxValue) || t.Dims.Count > 4)
                throw new InvalidDataException($"'{name}': the {what} '{v}' has dimensions ({string.Join(", ", t.Dims)}).");
            var dims = t.Dims.Select(d => (int)d).ToArray();
            long count = dims.Aggregate(1L, (a, d) => a * d);
            float[] data;
            if (t.RawData.Length > 0)
            {
                if (t.RawData.Length != count * 4)
                    throw new InvalidDataException($"'{name}': the {what} '{v}' holds {t.RawData.Length} bytes, its shape needs {count * 4}.");
                data = new float[count];
                var raw = t.RawData.Span;
                for (long i = 0; i < count; i++)
                    data[i] = System.Buffers.Binary.BinaryPrimitives.ReadSingleLittleEndian(raw.Slice((int)(i * 4), 4));
            }
            else
            {
                if (t.FloatData.Count != count)
                    throw new InvalidDataException($"'{name}': the {what} '{v}' holds {t.FloatData.Count} values, its shape needs {count}.");
                data = t.FloatData.ToArray();
            }
            return new HostTensor(v, dims, data);
        }
        static string Module(string tensor, string fallback) =>
            tensor.LastIndexOf('.') is > 0 and var dot && !tensor.StartsWith("onnx::", StringComparison.Ordinal) ? tensor[..dot] : fallback;

        var clone = model.Clone();
        var g = clone.Graph;
        // The head: the one graph output = Add(MatMul(x, W), b) (either order), MatMul(x, W) or Gemm(x, W, b, transB = 1).
        if (graph.Output.Count != 1)
            throw new InvalidDataException($"'{name}' has {graph.Output.Count} graph outputs; a whole model has one (its logits or outputs).");
        string output = graph.Output[0].Name;
        HostTensor? weight = null, bias = null;
        string? headInput = null, linearName = null;
        var removed = new HashSet<NodeProto>();
        string? activation = null;
        string headOut = output;
        if (producer.TryGetValue(output, out var last) && last.OpType is "Softmax" or "LogSoftmax")
        {
            // over the last axis of (T, B, C) only: axis -1 or 2 (any opset: for the last axis the opset-11 2-D coercion is the same)
            var axis = last.Attribute.FirstOrDefault(a => a.Name == "axis");
            if (axis is null && model.OpsetImport.Any(o => o.Domain is "" or "ai.onnx" && o.Version < 13) || axis is not null && axis.I is not (-1 or 2))
                throw new InvalidDataException($"'{name}': node '{NodeNameOf(last)}' ({last.OpType}) is not over the last axis (axis -1 or 2); RnnGpu imports a softmax over the classes only.");
            activation = last.OpType;
            headOut = last.Input[0];
            removed.Add(last);
        }
        if (producer.TryGetValue(headOut, out var add) && add.OpType == "Add" && add.Input.Count == 2)
        {
            int m = producer.TryGetValue(add.Input[0], out var a0) && a0.OpType == "MatMul" ? 0 : 1;
            if (producer.TryGetValue(add.Input[m], out var mm) && mm.OpType == "MatMul" && mm.Input.Count == 2 && init.ContainsKey(mm.Input[1]))
            {
                var w = Init(mm.Input[1], "Linear weight");
                bias = Init(add.Input[1 - m], "Linear bias");
                if (w.Shape.Length != 2 || bias.Shape.Length != 1 || bias.Shape[0] != w.Shape[1])
                    throw new InvalidDataException($"'{name}': the Linear head's weight {Shapes.Format(w.Shape)} and bias {Shapes.Format(bias.Shape)} do not match.");
                weight = Transposed(w, $"{Module(add.Input[1 - m], "fc")}.weight");
                bias = bias with { Name = $"{Module(add.Input[1 - m], "fc")}.bias" };
                linearName = Module(add.Input[1 - m], "fc");
                headInput = mm.Input[0];
                removed.Add(add);
                removed.Add(mm);
            }
        }
        else if (producer.TryGetValue(headOut, out var gemm) && gemm.OpType == "Gemm" && gemm.Input.Count >= 2 && init.ContainsKey(gemm.Input[1]))
        {
            bool transB = gemm.Attribute.Any(x => x.Name == "transB" && x.I == 1);
            var w = Init(gemm.Input[1], "Linear weight");
            weight = transB ? w : Transposed(w, w.Name);
            bias = gemm.Input.Count > 2 && gemm.Input[2].Length > 0 ? Init(gemm.Input[2], "Linear bias") : null;
            linearName = Module(gemm.Input.Count > 2 ? gemm.Input[2] : gemm.Input[1], "fc");
            weight = weight with { Name = linearName + ".weight" };
            headInput = gemm.Input[0];
            removed.Add(gemm);
        }
        else if (producer.TryGetValue(headOut, out var mat) && mat.OpType == "MatMul" && mat.Input.Count == 2 && init.ContainsKey(mat.Input[1]))
        {
            var w = Init(mat.Input[1], "Linear weight");
            linearName = Module(mat.Input[1], "fc");
            weight = Transposed(w, linearName + ".weight");
            headInput = mat.Input[0];
            removed.Add(mat);
        }
        // The embedding: the first recurrent node's X = Gather(table, ids) of a graph input.
        var firstRnn = g.Node.FirstOrDefault(n => n.OpType is "LSTM" or "GRU" or "RNN")
            ?? throw new InvalidDataException($"'{name}' has no LSTM, GRU or RNN node.");
        HostTensor? table = null;
        string? tokens = null, embName = null;
        if (producer.TryGetValue(firstRnn.Input[0], out var gather) && gather.OpType == "Gather" && gather.Input.Count == 2 &&
            init.ContainsKey(gather.Input[0]) && graph.Input.Any(i => i.Name == gather.Input[1]) &&
            !gather.Attribute.Any(x => x.Name == "axis" && x.I != 0))
        {
            table = Init(gather.Input[0], "embedding table");
            if (table.Shape.Length != 2)
                throw new InvalidDataException($"'{name}': the embedding table '{gather.Input[0]}' has shape {Shapes.Format(table.Shape)}, expected (V, E).");
            embName = Module(gather.Input[0], "emb");
            table = table with { Name = embName + ".weight" };
            tokens = gather.Input[1];
            removed.Add(gather);
        }
        // The recurrent layers on their own: the embedding's output becomes the token input's name, the head's input the output.
        foreach (var n in g.Node.ToList())
            if (removed.Any(r => r.Output.SequenceEqual(n.Output)))
                g.Node.Remove(n);
        if (tokens is not null)
            foreach (var n in g.Node)
                for (int i = 0; i < n.Input.Count; i++)
                    if (n.Input[i] == gather!.Output[0])
                        n.Input[i] = tokens;
        if (headInput is not null)
        {
            g.Output.Clear();
            g.Output.Add(new ValueInfoProto { Name = headInput });
        }
        foreach (var t in new[] { gather?.Input[0], removed.FirstOrDefault(r => r.OpType is "MatMul" or "Gemm")?.Input[1] })
            if (t is not null && !g.Node.Any(n => n.Input.Contains(t)) && g.Initializer.FirstOrDefault(i => i.Name == t) is { } dead)
                g.Initializer.Remove(dead);
        var recurrent = new Reader(clone, name).Read();
        if (weight is not null && weight.Shape[1] != recurrent.Options.Directions * recurrent.Options.HiddenSize)
            throw new InvalidDataException($"'{name}': the Linear head takes {weight.Shape[1]} features, the recurrent layers give " +
                $"{recurrent.Options.Directions * recurrent.Options.HiddenSize}.");
        if (table is not null && table.Shape[1] != recurrent.Options.InputSize)
            throw new InvalidDataException($"'{name}': the embedding gives {table.Shape[1]} features, the first recurrent layer reads {recurrent.Options.InputSize}.");
        if (activation is not null && headInput is null)
            throw new InvalidDataException($"'{name}': a {activation} ends the model but no Linear head precedes it; RnnGpu imports a softmax after a Linear only.");
        return new OnnxSequenceModel(recurrent, tokens, output, table, weight, bias, (embName ?? "emb", "rnn", linearName ?? "fc"), activation);
    }

    /// <summary>Whether an ONNX file is a whole model (<see cref="LoadModel"/>): an embedding (a Gather of an initializer
    /// feeding the first recurrent node) or a MatMul / Gemm head; else a bare recurrent graph (<see cref="Load"/>).</summary>
    /// <param name="path">The .onnx file.</param>
    public static bool IsWholeModel(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        ModelProto model;
        try
        {
            model = ParseModel(InputFile.ReadAllBytes(path, MaxFileBytes, "an ONNX model"), Path.GetFileName(path));
        }
        catch (InvalidDataException)
        {
            return false; // Load names the problem
        }
        var g = model.Graph;
        if (g is null)
            return false;
        var inits = g.Initializer.Select(t => t.Name).ToHashSet();
        var rnn = g.Node.FirstOrDefault(n => n.OpType is "LSTM" or "GRU" or "RNN");
        return g.Node.Any(n => n.OpType is "MatMul" or "Gemm" or "Softmax" or "LogSoftmax")
            || (rnn is not null && g.Node.Any(n => n.OpType == "Gather" && n.Output.Contains(rnn.Input[0]) && n.Input.Count == 2 && inits.Contains(n.Input[0])));
    }

    static string NodeNameOf(NodeProto n) => n.Name.Length > 0 ? n.Name : n.Output.FirstOrDefault() ?? "?";

    /// <summary>(In, C) as MatMul holds it, to (C, In) as nn.Linear does.</summary>
    static HostTensor Transposed(HostTensor w, string newName)
    {
        int rows = w.Shape[0], cols = w.Shape[1];
        var t = new float[w.Data.Length];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
                t[c * rows + r] = w.Data[r * cols + c];
        return new HostTensor(newName, new[] { cols, rows }, t);
    }
}
