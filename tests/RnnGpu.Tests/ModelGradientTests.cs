namespace RnnGpu.Tests;

/// <summary>The heads' backward passes (concatenated bidirectional states, the encoder-decoder state hand-over,
/// embeddings) against central finite differences of their forward, in float32 on the CPU accelerator.</summary>
[Trait(Suites.Tier, Suites.Kernels)]
public class ModelGradientTests
{
    static void CheckParameters(IModule model, Func<float> loss, string[] names, Random rng)
    {
        foreach (var name in names)
        {
            var p = model.NamedParameters.Single(n => n.Name == name).Parameter;
            var grad = p.Grad.ToArray();
            var values = p.Value.ToArray();
            for (int k = 0; k < 3; k++)
            {
                int i = rng.Next(values.Length);
                const float eps = 1e-2f;
                float orig = values[i];
                values[i] = orig + eps; p.Value.CopyFromHost(values);
                float up = loss();
                values[i] = orig - eps; p.Value.CopyFromHost(values);
                float down = loss();
                values[i] = orig; p.Value.CopyFromHost(values);
                double fd = (up - down) / (2.0 * eps);
                Assert.True(Math.Abs(fd - grad[i]) <= 2e-3 + 2e-2 * Math.Abs(fd), $"{name}[{i}]: finite difference {fd} vs backward {grad[i]}");
            }
        }
    }

    [Fact]
    public void BidirectionalClassifier_Gradients_MatchFiniteDifferences()
    {
        var dev = TestDevices.Get("cpu");
        const int T = 4, B = 3, I = 2, C = 3;
        var rng = new Random(81);
        using var model = new SequenceClassifier(dev, new RnnOptions(RnnMode.Lstm, I, 5, NumLayers: 2, Bidirectional: true, Seed: 2), C, seed: 3);
        using var x = DeviceTensor.FromHost(dev, Numerics.Uniform(rng, T * B * I), T, B, I);
        using var y = DeviceIndices.FromHost(dev, new[] { 0, 2, 1 }, B);
        using var dl = DeviceTensor.Uninitialized(dev, B, C);
        int[] lengths = { 4, 2, 3 };
        float Loss()
        {
            using var logits = model.Forward(x, lengths);
            using var l = Losses.CrossEntropy(logits, y, dl, reduction: Reduction.Sum);
            return l.Read();
        }
        model.ZeroGrad();
        using (var logits = model.Forward(x, lengths, training: true))
        using (Losses.CrossEntropy(logits, y, dl, reduction: Reduction.Sum))
            model.Backward(dl).Dispose();
        CheckParameters(model, Loss, new[] { "fc.weight", "fc.bias", "rnn.weight_hh_l1", "rnn.weight_hh_l1_reverse", "rnn.weight_ih_l0_reverse", "rnn.bias_ih_l0" }, rng);
    }

    [Fact]
    public void Seq2Seq_Gradients_MatchFiniteDifferences_ThroughTheStateHandOver()
    {
        var dev = TestDevices.Get("cpu");
        const int Ts = 3, Td = 4, B = 2, V = 5;
        var rng = new Random(82);
        using var model = new Seq2Seq(dev, V, V, 3, RnnMode.Lstm, 4, layers: 2, seed: 5);
        using var src = DeviceIndices.FromHost(dev, new[] { 1, 2, 3, 4, 0, 1 }, Ts, B);
        using var din = DeviceIndices.FromHost(dev, new[] { 0, 0, 3, 1, 2, 4, 4, 2 }, Td, B);
        using var tgt = DeviceIndices.FromHost(dev, new[] { 3, 1, 2, 4, 4, 2, 1, -100 }, Td * B);
        using var dl = DeviceTensor.Uninitialized(dev, Td * B, V);
        float Loss()
        {
            using var logits = model.Forward(src, din);
            using var l = Losses.CrossEntropy(logits, tgt, dl, reduction: Reduction.Sum);
            return l.Read();
        }
        model.ZeroGrad();
        using (var logits = model.Forward(src, din, training: true))
        using (Losses.CrossEntropy(logits, tgt, dl, reduction: Reduction.Sum))
            model.Backward(dl);
        CheckParameters(model, Loss, new[] { "encoder.embedding.weight", "encoder.rnn.weight_hh_l0", "encoder.rnn.bias_hh_l1",
            "decoder.embedding.weight", "decoder.rnn.weight_ih_l1", "decoder.fc.weight" }, rng);
    }
}
