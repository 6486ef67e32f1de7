using RnnGpu.IO;

namespace RnnGpu.Tests;

/// <summary><c>rnngpu export</c> (checkpoint to ONNX, checked by ONNX Runtime) and <c>rnngpu forward --weights model.onnx</c>.</summary>
[Trait(Suites.Key, Suites.CpuOnly)]
public sealed class OnnxCliTests : IDisposable
{
    readonly string dir = Path.Combine(Path.GetTempPath(), "rnngpu-onnx-cli-" + Guid.NewGuid().ToString("N"));

    public OnnxCliTests() => Directory.CreateDirectory(dir);

    public void Dispose() => Directory.Delete(dir, recursive: true);

    string P(string name) => Path.Combine(dir, name);

    [Fact]
    public void Export_CharLmCheckpoint_RunsInOnnxRuntime()
    {
        var dev = TestDevices.Get("cpu");
        const int T = 4, B = 2, V = 7, E = 3, H = 5;
        using var model = new TokenGenerator(dev, V, E, new RnnOptions(RnnMode.Gru, E, H, 2, Seed: 4), seed: 5);
        Directory.CreateDirectory(P("run"));
        Checkpoint.Save(P("run/model.safetensors"), model, new Adam(model), new Dictionary<string, string>
        {
            ["task"] = "charlm", ["step"] = "3", ["setting.cell"] = "gru", ["vocabulary"] = "\"abcdefg\"",
        });
        var r = CliKit.Run("export", "--checkpoint", P("run"), "--out", P("charlm.onnx"));
        Assert.True(r.Code == 0, r.Err);
        Assert.Contains("charlm token model: GRU, 2 layer(s)", r.Out);
        Assert.Contains("tokens int64 (T, B)", r.Out);

        var ids = new[] { 0, 6, 3, 2, 1, 5, 4, 4 };
        using var tokens = DeviceIndices.FromHost(dev, ids, T, B);
        using var y = model.Forward(tokens);
        var ort = Ort.Run(P("charlm.onnx"), ("tokens", ids.Select(i => (long)i).ToArray(), new long[] { T, B }));
        Assert.True(Ort.MaxAbs(y.ToArray(), ort["logits"]) <= 1e-5f);
        var p = ort["probabilities"];
        Assert.Equal(1.0, p.Take(V).Sum(), 5);

        // Refusals: an existing --out, a wrong extension, a missing folder.
        CliKit.AssertOneLineError(CliKit.Run("export", "-c", P("run"), "-o", P("charlm.onnx")), "exists");
        CliKit.AssertOneLineError(CliKit.Run("export", "-c", P("run"), "-o", P("charlm.bin")), "must end in .onnx");
        CliKit.AssertOneLineError(CliKit.Run("export", "-c", P("nowhere"), "-o", P("x.onnx")), "does not exist");
    }

    [Fact]
    public void Export_RunWithTwoModels_NeedsModel_AndWritesAClassifier()
    {
        var dev = TestDevices.Get("cpu");
        Directory.CreateDirectory(P("adding"));
        var meta = new Dictionary<string, string> { ["task"] = "adding", ["step"] = "1", ["setting.cell"] = "lstm" };
        using var rnn = new SequenceClassifier(dev, new RnnOptions(RnnMode.RnnTanh, 2, 4, 1, true), 1);
        using var lstm = new SequenceClassifier(dev, new RnnOptions(RnnMode.Lstm, 2, 4, 1, true), 1);
        Checkpoint.Save(P("adding/rnn.safetensors"), rnn, metadata: meta);
        Checkpoint.Save(P("adding/lstm.safetensors"), lstm, metadata: meta);
        CliKit.AssertOneLineError(CliKit.Run("export", "-c", P("adding"), "-o", P("a.onnx")), "several models (lstm, rnn)");
        CliKit.AssertOneLineError(CliKit.Run("export", "-c", P("adding"), "-o", P("a.onnx"), "--model", "gru"), "--model gru");
        var r = CliKit.Run("export", "-c", P("adding"), "-o", P("a.onnx"), "--model", "rnn", "--lengths");
        Assert.True(r.Code == 0, r.Err);
        Assert.Contains("RNN_TANH", r.Out);
        Assert.Contains("outputs: prediction (B, C)", r.Out); // adding is a regression: its output is no logits
        var x = Numerics.Uniform(new Random(3), 5 * 3 * 2);
        var lengths = new[] { 5, 1, 3 };
        using var tx = DeviceTensor.FromHost(dev, x, 5, 3, 2);
        using var y = rnn.Forward(tx, lengths);
        var ort = Ort.Run(P("a.onnx"), ("input", x, new long[] { 5, 3, 2 }), ("sequence_lens", lengths, new long[] { 3 }));
        Assert.True(Ort.MaxAbs(y.ToArray(), ort["prediction"]) <= 1e-5f);

        Checkpoint.Save(P("s2s.safetensors"), rnn, metadata: new Dictionary<string, string> { ["task"] = "reverse" });
        CliKit.AssertOneLineError(CliKit.Run("export", "-c", P("s2s.safetensors"), "-o", P("b.onnx")), "'reverse' model");
        using var proj = new RecurrentLayer(dev, new RnnOptions(RnnMode.Lstm, 2, 4, ProjSize: 2));
        Checkpoint.Save(P("proj.safetensors"), proj);
        CliKit.AssertOneLineError(CliKit.Run("export", "-c", P("proj.safetensors"), "-o", P("c.onnx")), "proj_size 2");
    }

    [Fact]
    public void Forward_WeightsOnnx_WritesPyTorchsOutputs()
    {
        string f = Path.Combine(AppContext.BaseDirectory, "Fixtures", "onnx", "gru_3layers_states");
        var r = CliKit.Run("forward", "--weights", Path.Combine(f, "model.onnx"), "-x", Path.Combine(f, "X.npy"),
            "--h0", Path.Combine(f, "h0.npy"), "-o", P("out"), "--accelerator", "cpu");
        Assert.True(r.Code == 0, r.Err);
        Assert.Contains("GRU: 3 layer(s), 1 direction(s), input 2, hidden 3", r.Out);
        var (_, want) = Npy.ReadFloat32(Path.Combine(f, "output.npy"));
        var (_, got) = Npy.ReadFloat32(P("out/output.npy"));
        Assert.True(Ort.MaxAbs(want, got) <= 1e-5f);

        File.WriteAllBytes(P("junk.onnx"), new byte[] { 8, 7, 0xff });
        CliKit.AssertOneLineError(CliKit.Run("forward", "--weights", P("junk.onnx"), "-x", Path.Combine(f, "X.npy"), "-o", P("out2"),
            "--accelerator", "cpu"), "'junk.onnx'");
    }
}
