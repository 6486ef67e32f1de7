using Microsoft.ML.OnnxRuntime;
using RnnGpu.IO;
using Xunit.Abstractions;

namespace RnnGpu.Tests;

/// <summary>Runs ONNX files in ONNX Runtime (CPU provider) and returns the named outputs.</summary>
internal static class Ort
{
    public static Dictionary<string, float[]> Run(string path, params (string Name, Array Data, long[] Shape)[] inputs)
    {
        using var options = new SessionOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        using var session = new InferenceSession(path, options);
        var values = new List<OrtValue>();
        try
        {
            foreach (var (_, data, shape) in inputs)
                values.Add(data switch
                {
                    float[] f => OrtValue.CreateTensorValueFromMemory(f, shape),
                    int[] i => OrtValue.CreateTensorValueFromMemory(i, shape),
                    long[] l => OrtValue.CreateTensorValueFromMemory(l, shape),
                    _ => throw new ArgumentException("float, int or long inputs"),
                });
            var names = session.OutputNames;
            using var run = new RunOptions();
            using var results = session.Run(run, inputs.Select(i => i.Name).ToArray(), values, names);
            var d = new Dictionary<string, float[]>();
            for (int i = 0; i < names.Count; i++)
                d[names[i]] = results[i].GetTensorDataAsSpan<float>().ToArray();
            return d;
        }
        finally
        {
            foreach (var v in values) v.Dispose();
        }
    }

    public static float MaxAbs(float[] a, float[] b)
    {
        Assert.Equal(a.Length, b.Length);
        float m = 0;
        for (int i = 0; i < a.Length; i++)
        {
            float d = MathF.Abs(a[i] - b[i]);
            if (!(d <= m)) m = float.IsNaN(d) ? float.PositiveInfinity : d;
        }
        return m;
    }
}

/// <summary>
/// Exported models run in ONNX Runtime and agree with RnnGpu's own forward within 1e-5: every cell, 1 to 3 layers, one or two
/// directions, with sequence lengths and initial states, after a few training steps (train, export, ONNX Runtime); the heads
/// (classifier with softmax/sigmoid, tagger, token model with Gather) likewise.
/// </summary>
[Trait(Suites.Key, Suites.CpuOnly)]
public sealed class OnnxRuntimeTests(ITestOutputHelper log) : IDisposable
{
    const float Tol = 1e-5f;
    readonly string dir = Path.Combine(Path.GetTempPath(), "rnngpu-onnx-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }

    string P(string name)
    {
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name);
    }

    public static IEnumerable<object[]> Shapes()
    {
        foreach (var mode in Kernels.CellSpec.All.Select(c => c.Kind)) // the cell table: PyTorch's cells and ONNX's own two
            for (int layers = 1; layers <= 3; layers++)
                foreach (bool bi in new[] { false, true })
                    yield return new object[] { mode, layers, bi };
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void TrainedTagger_ExportedWithLengthsAndStates_MatchesOnnxRuntime(RnnMode mode, int layers, bool bidirectional)
    {
        var dev = TestDevices.Get("cpu");
        const int T = 6, B = 3, I = 4, H = 5, C = 3;
        int D = bidirectional ? 2 : 1, LD = layers * D;
        var rng = new Random(1000 + (int)mode * 10 + layers * 2 + D);
        using var model = new SequenceTagger(dev, new RnnOptions(mode, I, H, layers, bidirectional, Seed: 7), C, seed: 8);
        var x = Numerics.Uniform(rng, T * B * I);
        using var tx = DeviceTensor.FromHost(dev, x, T, B, I);
        // A few training steps, so the exported weights are trained ones (and every bias differs from its initialisation).
        using (var opt = new Adam(model, new AdamOptions(0.05f)))
        using (var target = DeviceTensor.FromHost(dev, Numerics.Uniform(rng, T * B * C), T, B, C))
            for (int s = 0; s < 3; s++)
                Trainer.Step(model, tx, (y, dy) => Losses.Mse(y, target, dy), opt);

        var lengths = new[] { T, 2, 5 };
        var h0 = Numerics.Uniform(rng, LD * B * H);
        var c0 = Numerics.Uniform(rng, LD * B * H);
        using var th0 = DeviceTensor.FromHost(dev, h0, LD, B, H);
        bool hasC = Kernels.CellSpec.Of(mode).HasCellState;
        using var tc0 = hasC ? DeviceTensor.FromHost(dev, c0, LD, B, H) : null;
        float[] logits, output, hn;
        float[]? cn;
        using (var y = model.Forward(tx, th0, tc0, lengths))
            logits = y.ToArray();
        using (var o = model.Rnn.Forward(tx, th0, tc0, lengths))
        {
            output = o.Output.ToArray();
            hn = o.HN.ToArray();
            cn = o.CN?.ToArray();
        }

        var options = new OnnxExportOptions(SequenceLengths: true, InitialStates: true);
        var inputs = new List<(string, Array, long[])>
        {
            ("input", x, new long[] { T, B, I }), ("sequence_lens", lengths, new long[] { B }), ("h0", h0, new long[] { LD, B, H }),
        };
        if (hasC) inputs.Add(("c0", c0, new long[] { LD, B, H }));

        OnnxExport.Save(P("tagger.onnx"), model, options);
        var ort = Ort.Run(P("tagger.onnx"), inputs.ToArray());
        float dLogits = Ort.MaxAbs(logits, ort["logits"]);

        OnnxExport.Save(P("layer.onnx"), model.Rnn, options);
        var ortLayer = Ort.Run(P("layer.onnx"), inputs.ToArray());
        float dOut = Ort.MaxAbs(output, ortLayer["output"]);
        float dH = Ort.MaxAbs(hn, ortLayer["h_n"]);
        float dC = cn is null ? 0 : Ort.MaxAbs(cn, ortLayer["c_n"]);
        log.WriteLine($"{mode} L={layers} D={D}: max |RnnGpu - ORT| logits {dLogits:E2}, output {dOut:E2}, h_n {dH:E2}, c_n {dC:E2}");
        Assert.True(dLogits <= Tol && dOut <= Tol && dH <= Tol && dC <= Tol,
            $"logits {dLogits}, output {dOut}, h_n {dH}, c_n {dC} exceed {Tol}");
    }

    [Theory]
    [InlineData(RnnMode.Lstm, false, OnnxHeadOutput.Softmax)]
    [InlineData(RnnMode.Gru, true, OnnxHeadOutput.Sigmoid)]
    [InlineData(RnnMode.RnnRelu, true, OnnxHeadOutput.Logits)]
    public void Classifier_MatchesOnnxRuntime_WithoutOptionalInputs(RnnMode mode, bool bidirectional, OnnxHeadOutput head)
    {
        var dev = TestDevices.Get("cpu");
        const int T = 7, B = 4, I = 3, H = 6, C = 5;
        var rng = new Random(31);
        using var model = new SequenceClassifier(dev, new RnnOptions(mode, I, H, 2, bidirectional, Seed: 3), C, seed: 4);
        var x = Numerics.Uniform(rng, T * B * I);
        using var tx = DeviceTensor.FromHost(dev, x, T, B, I);
        float[] logits;
        using (var y = model.Forward(tx))
            logits = y.ToArray();
        OnnxExport.Save(P("classifier.onnx"), model, new OnnxExportOptions(HeadOutput: head));
        var ort = Ort.Run(P("classifier.onnx"), ("input", x, new long[] { T, B, I }));
        float d = Ort.MaxAbs(logits, ort["logits"]);
        log.WriteLine($"classifier {mode} bi={bidirectional}: max |RnnGpu - ORT| logits {d:E2}");
        Assert.True(d <= Tol, $"logits differ by {d}");
        if (head == OnnxHeadOutput.Logits)
        {
            Assert.False(ort.ContainsKey("probabilities"));
            return;
        }
        var p = ort["probabilities"];
        for (int b = 0; b < B; b++)
        {
            var row = logits.AsSpan(b * C, C);
            double max = double.NegativeInfinity, sum = 0;
            foreach (var v in row) max = Math.Max(max, v);
            foreach (var v in row) sum += Math.Exp(v - max);
            for (int c = 0; c < C; c++)
            {
                double want = head == OnnxHeadOutput.Softmax ? Math.Exp(row[c] - max) / sum : 1 / (1 + Math.Exp(-row[c]));
                Assert.True(Math.Abs(p[b * C + c] - want) <= Tol, $"probability ({b}, {c}) {p[b * C + c]} vs {want}");
            }
        }
    }

    [Fact]
    public void TokenModel_EmbeddingAsGather_MatchesOnnxRuntime()
    {
        var dev = TestDevices.Get("cpu");
        const int T = 5, B = 3, V = 11, E = 4, H = 6;
        var rng = new Random(5);
        using var model = new TokenGenerator(dev, V, E, new RnnOptions(RnnMode.Lstm, E, H, 2, Seed: 9), seed: 10);
        var ids = Enumerable.Range(0, T * B).Select(_ => rng.Next(V)).ToArray();
        using var tokens = DeviceIndices.FromHost(dev, ids, T, B);
        using (var opt = new Adam(model, new AdamOptions(0.05f)))
        using (var target = DeviceIndices.FromHost(dev, ids.Select(i => (i + 1) % V).ToArray(), T * B))
            for (int s = 0; s < 2; s++)
                Trainer.Step(model, tokens, (y, dy) => Losses.CrossEntropy(y, target, dy), opt);
        float[] logits;
        using (var y = model.Forward(tokens))
            logits = y.ToArray();
        OnnxExport.Save(P("charlm.onnx"), model, new OnnxExportOptions(HeadOutput: OnnxHeadOutput.Softmax));
        var ort = Ort.Run(P("charlm.onnx"), ("tokens", ids.Select(i => (long)i).ToArray(), new long[] { T, B }));
        float d = Ort.MaxAbs(logits, ort["logits"]);
        log.WriteLine($"token model: max |RnnGpu - ORT| logits {d:E2}");
        Assert.True(d <= Tol, $"logits differ by {d}");
        Assert.Equal(T * B * V, ort["probabilities"].Length);
    }

    [Fact]
    public void BatchFirstLayer_MatchesOnnxRuntime()
    {
        var dev = TestDevices.Get("cpu");
        const int T = 4, B = 2, I = 3, H = 4;
        var rng = new Random(6);
        using var layer = new RecurrentLayer(dev, new RnnOptions(RnnMode.Gru, I, H, 2, true, BatchFirst: true, Seed: 2));
        var x = Numerics.Uniform(rng, B * T * I);
        using var tx = DeviceTensor.FromHost(dev, x, B, T, I);
        using var o = layer.Forward(tx);
        OnnxExport.Save(P("bf.onnx"), layer);
        var ort = Ort.Run(P("bf.onnx"), ("input", x, new long[] { B, T, I }));
        Assert.True(Ort.MaxAbs(o.Output.ToArray(), ort["output"]) <= Tol);
        Assert.True(Ort.MaxAbs(o.HN.ToArray(), ort["h_n"]) <= Tol);
    }

    [Fact]
    public void Export_Refuses_Projection_AndBadTensors()
    {
        var dev = TestDevices.Get("cpu");
        using var proj = new RecurrentLayer(dev, new RnnOptions(RnnMode.Lstm, 3, 6, ProjSize: 2));
        var e = Assert.Throws<NotSupportedException>(() => OnnxExport.Save(P("p.onnx"), proj));
        Assert.Contains("proj_size 2", e.Message);
        Assert.False(File.Exists(P("p.onnx")));

        var o = new RnnOptions(RnnMode.Gru, 3, 4);
        var good = new[]
        {
            new HostTensor("weight_ih_l0", new[] { 12, 3 }, new float[36]), new HostTensor("weight_hh_l0", new[] { 12, 4 }, new float[48]),
            new HostTensor("bias_ih_l0", new[] { 12 }, new float[12]), new HostTensor("bias_hh_l0", new[] { 12 }, new float[12]),
        };
        var wrong = good.ToArray();
        wrong[1] = new HostTensor("weight_hh_l0", new[] { 12, 5 }, new float[60]);
        var a = Assert.Throws<ArgumentException>(() => OnnxExport.ToBytes(new OnnxExportModel(OnnxModelKind.Recurrent, o, wrong)));
        Assert.Contains("'weight_hh_l0' has shape (12, 5)", a.Message);
        a = Assert.Throws<ArgumentException>(() => OnnxExport.ToBytes(new OnnxExportModel(OnnxModelKind.Recurrent, o, good[..3])));
        Assert.Contains("no tensor 'bias_hh_l0'", a.Message);
        a = Assert.Throws<ArgumentException>(() => OnnxExport.ToBytes(new OnnxExportModel(OnnxModelKind.Recurrent, o,
            good.Append(new HostTensor("extra", new[] { 1 }, new float[1])).ToArray())));
        Assert.Contains("extra", a.Message);
    }
}
