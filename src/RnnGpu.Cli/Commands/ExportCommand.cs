using System.CommandLine;
using RnnGpu.Cli.Training;
using RnnGpu.IO;
using RnnGpu.Kernels;

namespace RnnGpu.Cli.Commands;

/// <summary>
/// <c>rnngpu export --checkpoint DIR --out model.onnx</c>: writes a checkpoint as ONNX (opset 14) for ONNX Runtime. A charlm
/// run becomes a token model (tokens int64 (T, B) to logits and softmax probabilities (T, B, V)); adding and sine's m2o
/// models many-to-one models (input (T, B, I) to (B, C)); sine's m2m model a per-step model ((T, B, C)); a safetensors
/// state_dict of a bare nn.LSTM/GRU/RNN a recurrent layer (output, h_n, c_n). Reads host tensors only: no accelerator.
/// </summary>
internal static class ExportCommand
{
    public static Command Create(TextWriter output)
    {
        var checkpoint = new Option<string>("--checkpoint", "-c")
        {
            Description = "A run folder of rnngpu train (or one of its .safetensors checkpoints), or a safetensors state_dict of nn.LSTM/GRU/RNN.",
            Required = true,
        };
        var outPath = new Option<string>("--out", "-o") { Description = "The .onnx file to write.", Required = true };
        var modelName = new Option<string?>("--model", "-m") { Description = "Which model of a run with several (adding: rnn, lstm/gru; sine: m2m, m2o)." };
        var lengths = new Option<bool>("--lengths") { Description = "Add the graph input sequence_lens, int32 (B), each in 1..T (packed-sequence semantics)." };
        var states = new Option<bool>("--initial-states") { Description = "Add the graph inputs h0 (and c0 for LSTM), float32 (L*D, B, H); without them the initial states are zeros." };
        var force = new Option<bool>("--force") { Description = "Replace --out if it exists." };
        var cmd = new Command("export", "Write a checkpoint as ONNX (opset 14: LSTM, GRU and RNN nodes as PyTorch exports them) for ONNX Runtime.")
        {
            checkpoint, outPath, modelName, lengths, states, force,
        };
        cmd.SetAction(p =>
        {
            string dest = p.GetValue(outPath)!;
            OutPaths.CheckFile("--out", dest, p.GetValue(force));
            if (!Path.GetExtension(dest).Equals(".onnx", StringComparison.OrdinalIgnoreCase))
                throw new CliException($"--out {dest} must end in .onnx.");
            string path = Resolve(p.GetValue(checkpoint)!, p.GetValue(modelName));
            SafetensorsFile file;
            try
            {
                file = Safetensors.Read(path);
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                throw new CliException($"cannot read checkpoint {path}: {CliApp.OneLine(e.Message)}");
            }
            var (model, what) = Describe(file, path);
            var meta = file.Metadata.Where(kv => kv.Key is "task" or "step" or "vocabulary" || kv.Key.StartsWith("setting.", StringComparison.Ordinal))
                .ToDictionary(kv => "rnngpu." + kv.Key, kv => kv.Value);
            // adding and sine are regressions: their head's output is a prediction, not logits
            bool regression = file.Metadata.GetValueOrDefault("task") is "adding" or "sine";
            var options = new OnnxExportOptions(p.GetValue(lengths), p.GetValue(states),
                model.Kind == OnnxModelKind.TokenModel ? OnnxHeadOutput.Softmax : OnnxHeadOutput.Logits, meta,
                regression ? "prediction" : "logits");
            try
            {
                // Temporaries an interrupted export to this file left (.NAME.GUID.tmp beside it) go first.
                AtomicFile.DeleteTemporaries(Path.GetDirectoryName(Path.GetFullPath(dest)) ?? ".", Path.GetFileName(dest));
                OnnxExport.Save(dest, model, options);
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException)
            {
                throw new CliException($"cannot export {path}: {CliApp.OneLine(e.Message)}");
            }
            var o = model.Rnn;
            output.WriteLine($"{what}: {Interop.ModeName(o.Mode)}, {o.NumLayers} layer(s), {o.Directions} direction(s), input {o.InputSize}, hidden {o.HiddenSize}");
            output.WriteLine($"inputs: {Inputs(model.Kind, options, o)}; outputs: {Outputs(model.Kind, o, options.OutputName)}");
            output.WriteLine($"wrote {dest}");
            return CliApp.Success;
        });
        return cmd;
    }

    static string Inputs(OnnxModelKind kind, OnnxExportOptions options, RnnOptions o)
    {
        var list = new List<string> { kind == OnnxModelKind.TokenModel ? "tokens int64 (T, B)" : $"input float32 (T, B, {o.InputSize})" };
        if (options.SequenceLengths) list.Add("sequence_lens int32 (B)");
        if (options.InitialStates) list.Add($"h0{(o.Cell.HasCellState ? ", c0" : "")} float32 ({o.NumLayers * o.Directions}, B, {o.HiddenSize})");
        return string.Join(", ", list);
    }

    static string Outputs(OnnxModelKind kind, RnnOptions o, string head) => kind switch
    {
        OnnxModelKind.TokenModel => "logits, probabilities (T, B, V)",
        OnnxModelKind.Classifier => $"{head} (B, C)",
        OnnxModelKind.Tagger => $"{head} (T, B, C)",
        _ => $"output (T, B, {o.Directions * o.HiddenSize}), h_n{(o.Cell.HasCellState ? ", c_n" : "")} ({o.NumLayers * o.Directions}, B, {o.HiddenSize})",
    };

    /// <summary>The checkpoint file: a run folder's only (or --model's) .safetensors, or the file itself.</summary>
    static string Resolve(string value, string? model)
    {
        if (File.Exists(value))
            return model is null ? value : throw new CliException("--model chooses a model of a run folder; --checkpoint names a file.");
        if (!Directory.Exists(value))
            throw new CliException($"--checkpoint {value} does not exist.");
        var files = Directory.EnumerateFiles(value, "*.safetensors").Select(Path.GetFileNameWithoutExtension).OfType<string>()
            .Where(n => !n.StartsWith('.')).Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
            throw new CliException($"--checkpoint {value} holds no .safetensors checkpoint.");
        if (model is not null)
            return files.Contains(model) ? Path.Combine(value, model + ".safetensors")
                : throw new CliException($"--model {model}: {value} holds {string.Join(", ", files)}.");
        if (files.Count > 1)
            throw new CliException($"--checkpoint {value} holds several models ({string.Join(", ", files)}); choose one with --model.");
        return Path.Combine(value, files[0] + ".safetensors");
    }

    /// <summary>What the checkpoint holds: the model to export and a description.</summary>
    static (OnnxExportModel Model, string What) Describe(SafetensorsFile file, string path)
    {
        file.Metadata.TryGetValue("task", out var task);
        if (task == "charlm")
            CharLmCheckpoint.Check(path, file, buildsModel: false); // vocabulary, sizes and metadata as generate checks them
        var tensors = file.Tensors.Where(t => !t.Name.StartsWith("optimizer.", StringComparison.Ordinal)).ToList();
        bool head = tensors.Any(t => t.Name.StartsWith("rnn.", StringComparison.Ordinal));
        OnnxModelKind kind;
        string name = Path.GetFileNameWithoutExtension(path);
        switch (task)
        {
            case "charlm": kind = OnnxModelKind.TokenModel; break;
            case "adding": kind = OnnxModelKind.Classifier; break;
            case "sine": kind = name == "m2m" ? OnnxModelKind.Tagger : OnnxModelKind.Classifier; break;
            case null when !head: kind = OnnxModelKind.Recurrent; break;
            case null: throw new CliException($"checkpoint {path} has rnn.* tensors but no task in its metadata; export reads runs of rnngpu train or a bare layer's state_dict.");
            default: throw new CliException($"checkpoint {path} is a '{task}' model; export writes charlm, adding and sine models and bare recurrent layers (the seq2seq decoder loop has no ONNX form here).");
        }
        string prefix = kind == OnnxModelKind.Recurrent ? "" : "rnn.";
        var rnnTensors = tensors.Where(t => t.Name.StartsWith(prefix, StringComparison.Ordinal))
            .Select(t => t with { Name = t.Name[prefix.Length..] }).ToList();
        var meta = new Dictionary<string, string>();
        if (file.Metadata.TryGetValue("mode", out var mode))
            meta["mode"] = mode;
        else if (file.Metadata.TryGetValue("setting.cell", out var cell) && CellSpec.TryParse(cell, out var spec)
            && rnnTensors.FirstOrDefault(t => t.Name == "weight_hh_l0") is { Shape: [var gh, var h] } && gh == spec.Gates * h)
            meta["mode"] = spec.PyTorchMode; // the run's cell (tells RNN_RELU from RNN_TANH; adding's companion RNN is tanh)
        RnnOptions options;
        try
        {
            options = Interop.InferOptions(new SafetensorsFile(rnnTensors, meta));
        }
        catch (InvalidDataException e)
        {
            throw new CliException($"checkpoint {path}: {CliApp.OneLine(e.Message)}");
        }
        string what = kind switch
        {
            OnnxModelKind.TokenModel => "charlm token model",
            OnnxModelKind.Classifier => $"{task} many-to-one model {name}",
            OnnxModelKind.Tagger => $"{task} many-to-many model {name}",
            _ => "recurrent layer",
        };
        return (new OnnxExportModel(kind, options, tensors), what);
    }
}
