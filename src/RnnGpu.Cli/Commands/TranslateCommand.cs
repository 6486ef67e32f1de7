using System.CommandLine;
using RnnGpu.Cli.Training;
using RnnGpu.Cli.Translate;
using RnnGpu.IO;

namespace RnnGpu.Cli.Commands;

/// <summary>
/// <c>rnngpu translate --checkpoint DIR [--beam K] [--attention FILE.png] TEXT...</c>: each date written as people write it,
/// in ISO 8601, by a checkpoint of <c>rnngpu train translate</c>: one line per text, in order; the lines of standard input
/// when no text is given. Every text is checked before the model runs: a character outside the model's vocabulary is refused
/// in one line naming it and the text.
/// </summary>
internal static class TranslateCommand
{
    /// <summary>The longest text accepted (characters).</summary>
    public const int MaxChars = 200;

    public static Command Create(TextWriter output, TextReader input)
    {
        var checkpoint = new Option<string>("--checkpoint", "-c") { Description = "A translate run folder (or its gnmt.safetensors).", Required = true };
        var beam = CliNumbers.Strict(new Option<int>("--beam", "-k") { Description = "Beam width (1: greedy).", DefaultValueFactory = _ => 5 });
        var attention = new Option<string?>("--attention") { Description = "Also draw the attention of the translations into this PNG." };
        var accelerator = DeviceOption.Create();
        var texts = new Argument<string[]>("text") { Description = "Dates to translate (none: one per line of standard input).", Arity = ArgumentArity.ZeroOrMore };
        var cmd = new Command("translate", "Translate dates into ISO 8601 with a checkpoint of rnngpu train translate.")
        {
            checkpoint, beam, attention, accelerator, texts,
        };
        cmd.SetAction(p =>
        {
            int k = p.GetValue(beam);
            if (k < 1 || k > 64)
                throw new CliException($"--beam must be in 1..64, got {k}.");
            string? picture = p.GetValue(attention);
            if (picture is not null && !picture.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
                throw new CliException($"--attention {picture}: the picture is written as PNG; give a file name ending in .png.");
            string path = GenerateCommand.ResolveCheckpoint(p.GetValue(checkpoint)!, TranslateTask.CheckpointFile, "translate", "translate");
            var (hidden, layers) = Shape(path);
            var lines = p.GetValue(texts) is { Length: > 0 } given ? given : ReadLines(input);
            // every text checked first: a bad one is refused before anything runs
            var ids = new List<int[]>();
            for (int i = 0; i < lines.Length; i++)
            {
                string text = lines[i].Trim();
                if (text.Length == 0)
                    throw new CliException($"text {i + 1} is empty.");
                if (text.Length > MaxChars)
                    throw new CliException($"text {i + 1} has {text.Length} characters; at most {MaxChars} are translated.");
                var e = DateData.Encode(text, out var unknown);
                if (unknown.Count > 0)
                    throw new CliException($"text {i + 1} '{text}' has characters outside the model's vocabulary: {string.Join(" ", unknown.Select(u => $"'{u}' (U+{char.ConvertToUtf32(u, 0):X4})"))}.");
                ids.Add(e);
            }
            if (ids.Count == 0)
                return CliApp.Success;
            using var device = DeviceOption.Open(p.GetValue(accelerator));
            using var model = new Gnmt(device, new GnmtOptions(DateData.Vocabulary.Count, hidden, layers, 0f));
            try
            {
                Checkpoint.Load(path, model);
            }
            catch (InvalidDataException e)
            {
                throw new CliException($"cannot load checkpoint {path}: {CliApp.OneLine(e.Message)}");
            }
            int b = ids.Count, ts = ids.Max(x => x.Length);
            var src = new int[ts * b];
            for (int i = 0; i < b; i++)
                for (int t = 0; t < ids[i].Length; t++)
                    src[t * b + i] = ids[i][t];
            using var source = DeviceIndices.FromHost(device, src, ts, b);
            var result = new GnmtTranslator(model, TranslateTask.Search(k)).Translate(source, ids.Select(x => x.Length).ToArray());
            var pictures = new List<AttentionPicture>();
            for (int i = 0; i < b; i++)
            {
                string outText = DateData.Decode(result[i].Tokens);
                output.WriteLine(outText);
                pictures.Add(new AttentionPicture(lines[i].Trim(), outText, result[i].Tokens.Length, result[i].Attention, ts, ids[i].Length));
            }
            if (picture is not null)
                TranslatePlots.Attention(picture, pictures);
            return CliApp.Success;
        });
        return cmd;
    }

    static string[] ReadLines(TextReader input)
    {
        var lines = new List<string>();
        for (string? line; (line = input.ReadLine()) is not null;)
            if (line.Trim().Length > 0)
                lines.Add(line);
        return lines.ToArray();
    }

    /// <summary>The model's sizes from the checkpoint's tensors (the task and vocabulary checked).</summary>
    static (int Hidden, int Layers) Shape(string path)
    {
        var file = GenerateCommand.ReadHeader(path);
        if (!file.Metadata.TryGetValue("task", out var task) || task != "translate")
            throw new CliException($"checkpoint {path} is not a translate checkpoint (task '{task ?? "none"}').");
        var emb = file.Find("encoder.embedder.weight") ?? throw new CliException($"checkpoint {path} has no encoder.embedder.weight.");
        if (emb.Shape.Length != 2 || emb.Shape[0] != DateData.Vocabulary.Count || emb.Shape[1] < 1 || emb.Shape[1] > 65536)
            throw new CliException($"checkpoint {path}: encoder.embedder.weight has shape ({string.Join(", ", emb.Shape)}), expected ({DateData.Vocabulary.Count}, H) for the dates' vocabulary.");
        int layers = 0;
        while (file.Find($"encoder.rnn_layers.{layers}.weight_ih_l0") is not null)
            layers++;
        if (layers < 2)
            throw new CliException($"checkpoint {path} has {layers} encoder layers; a GNMT has at least 2.");
        return (emb.Shape[1], layers);
    }
}
