using System.CommandLine;
using System.Globalization;
using RnnGpu.Cli.Speech;
using RnnGpu.Cli.Training;
using RnnGpu.IO;

namespace RnnGpu.Cli.Commands;

/// <summary>
/// <c>rnngpu transcribe --checkpoint DIR [--beam K] FILE.wav...</c>: the spoken digits of each WAV file by a checkpoint of
/// <c>rnngpu train speech</c>, one line per file in order: "FILE: DIGITS". Every file is read and checked before the model
/// runs: a file that is not a RIFF WAV of PCM 16-bit or float32, or is empty or truncated, is refused with one line naming it.
/// </summary>
internal static class TranscribeCommand
{
    public static Command Create(TextWriter output)
    {
        var checkpoint = new Option<string>("--checkpoint", "-c") { Description = "A speech run folder (or its speech.safetensors).", Required = true };
        var beam = CliNumbers.Strict(new Option<int>("--beam", "-k") { Description = "Beam width of the decoding (1: greedy, best path).", DefaultValueFactory = _ => 1 });
        var accelerator = DeviceOption.Create();
        var files = new Argument<string[]>("files") { Description = "WAV files (PCM 16-bit or float32, any sample rate, mono or more channels).", Arity = ArgumentArity.OneOrMore };
        var cmd = new Command("transcribe", "Transcribe spoken digit strings in WAV files with a checkpoint of rnngpu train speech.")
        {
            checkpoint, beam, accelerator, files,
        };
        cmd.SetAction(p =>
        {
            int k = p.GetValue(beam);
            if (k < 1 || k > 256)
                throw new CliException($"--beam must be in 1..256, got {k}.");
            string path = GenerateCommand.ResolveCheckpoint(p.GetValue(checkpoint)!, SpeechTask.CheckpointFile, "speech", "transcribe");
            var (cell, hidden, layers, stride) = Shape(path);
            var names = p.GetValue(files)!;
            // every file read and turned into features first: a bad one is refused before anything runs
            var feats = new List<(float[] Features, int Frames)>();
            foreach (var f in names)
            {
                var (samples, rate) = Wav.Read(f);
                var x = Audio.Resample(samples, rate, Audio.SampleRate);
                var m = Audio.LogMel(x, out int frames);
                feats.Add((m, frames));
            }
            using var device = DeviceOption.Open(p.GetValue(accelerator));
            using var model = SpeechTask.Build(device, cell, stride, hidden, layers, 0);
            try
            {
                Checkpoint.Load(path, model);
            }
            catch (InvalidDataException e)
            {
                throw new CliException($"cannot load checkpoint {path}: {CliApp.OneLine(e.Message)}");
            }
            for (int i = 0; i < names.Length; i++)
            {
                var (x, t, lengths) = SpeechTask.Stack(new[] { feats[i].Features }, new[] { feats[i].Frames }, stride);
                using var scope = DeviceTensor.NewDisposeScope();
                var tx = DeviceTensor.FromHost(device, x, t, 1, Audio.Bands * stride);
                var logits = model.Forward(tx, new ForwardContext(false, lengths));
                var labels = k == 1 ? CtcDecoder.Greedy(logits, lengths)[0].Labels : CtcDecoder.BeamSearch(logits, lengths, k)[0][0].Labels;
                output.WriteLine($"{names[i]}: {SpeechTask.Digits(labels)}");
            }
            return CliApp.Success;
        });
        return cmd;
    }

    /// <summary>The recognizer's sizes, from the checkpoint's tensors (the metadata's cell and task checked).</summary>
    static (RnnMode Cell, int Hidden, int Layers, int Stride) Shape(string path)
    {
        var file = GenerateCommand.ReadHeader(path);
        if (!file.Metadata.TryGetValue("task", out var task) || task != "speech")
            throw new CliException($"checkpoint {path} is not a speech checkpoint (task '{task ?? "none"}').");
        var cell = CliCells.Parse(file.Metadata.GetValueOrDefault("setting.cell", "gru"), "the checkpoint's cell");
        int gates = Kernels.CellSpec.Of((RnnMode)cell).Gates;
        var ih = file.Find("rnn.weight_ih_l0") ?? throw new CliException($"checkpoint {path} has no rnn.weight_ih_l0.");
        int hidden = ih.Shape[0] / gates, input = ih.Shape[1];
        int layers = 0;
        while (file.Find($"rnn.weight_ih_l{layers}") is not null)
            layers++;
        if (input % Audio.Bands != 0 || input == 0 || hidden <= 0 || ih.Shape[0] % gates != 0)
            throw new CliException($"checkpoint {path}: rnn.weight_ih_l0 has shape ({string.Join(", ", ih.Shape)}), not a {cell} over stacked {Audio.Bands}-band frames.");
        var fc = file.Find("fc.weight");
        if (fc is null || fc.Shape[0] != SpeechTask.Classes || fc.Shape[1] != 2 * hidden)
            throw new CliException($"checkpoint {path}: fc.weight must be ({SpeechTask.Classes}, {2 * hidden}).");
        return (cell, hidden, layers, input / Audio.Bands);
    }
}
