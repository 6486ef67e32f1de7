namespace RnnGpu.Tests;

/// <summary><see cref="Sequential"/> built from modules with no backward written by hand, trained through
/// <see cref="Trainer.Step"/>, and its bad-input twins.</summary>
public class SequentialTests
{
    const int V = 6, E = 8, H = 16, T = 8, B = 16;

    /// <summary>Tokens in [1, V) (T, B); the tag of step t is the token at t - 1, class 0 at t = 0.</summary>
    static (int[] Tokens, int[] Tags) PreviousTokenBatch(Random rng)
    {
        var tokens = new int[T * B];
        var tags = new int[T * B];
        for (int i = 0; i < tokens.Length; i++)
            tokens[i] = 1 + rng.Next(V - 1);
        for (int t = 0; t < T; t++)
            for (int b = 0; b < B; b++)
                tags[t * B + b] = t == 0 ? 0 : tokens[(t - 1) * B + b];
        return (tokens, tags);
    }

    [Theory]
    [MemberData(nameof(TestDevices.Real), MemberType = typeof(TestDevices))]
    public void EmbeddingBiGruLinear_LearnsPreviousToken_WithoutAnyHandWrittenBackward(string deviceName)
    {
        var dev = TestDevices.Get(deviceName);
        using var model = new Sequential(
            new Embedding(dev, V, E, seed: 1),
            new RecurrentLayer(dev, new RnnOptions(RnnMode.Gru, E, H, NumLayers: 2, Bidirectional: true, Seed: 2)),
            new Linear(dev, 2 * H, V, seed: 3));
        Assert.Equal(new[] { "0.weight", "1.weight_ih_l0", "1.weight_hh_l0", "1.bias_ih_l0", "1.bias_hh_l0" },
            model.NamedParameters.Take(5).Select(p => p.Name));
        Assert.Contains("1.weight_hh_l1_reverse", model.NamedParameters.Select(p => p.Name));
        Assert.Equal(new[] { "2.weight", "2.bias" }, model.NamedParameters.TakeLast(2).Select(p => p.Name));

        using var opt = new Adam(model, new AdamOptions(0.02f));
        var rng = new Random(7);
        var losses = new List<float>();
        for (int step = 0; step < Steps; step++)
        {
            var (tokens, tags) = PreviousTokenBatch(rng);
            using var x = DeviceIndices.FromHost(dev, tokens, T, B);
            using var y = DeviceIndices.FromHost(dev, tags, T * B);
            // (T, B, V) logits count as T*B rows of V.
            var r = Trainer.Step(model, x, (logits, dlogits) => Losses.CrossEntropy(logits, y, dlogits), opt, clip: 1f);
            Assert.NotNull(r.GradNorm);
            losses.Add(r.Loss);
        }
        Assert.True(losses[0] > 1.5f, $"initial loss {losses[0]}, expected about ln {V} = {Math.Log(V):F2}");
        Assert.True(losses[^1] < FinalLoss, $"loss {losses[0]} -> {losses[^1]} after {Steps} steps, expected < {FinalLoss}");

        // Held out: greedy tags equal the previous tokens.
        var (ht, hy) = PreviousTokenBatch(new Random(8));
        using var hx = DeviceIndices.FromHost(dev, ht, T, B);
        using var logits = model.Forward(hx, new ForwardContext());
        Assert.Equal(new[] { T, B, V }, logits.Shape);
        var p = logits.ToArray();
        int right = Enumerable.Range(0, T * B).Count(i => Enumerable.Range(0, V).MaxBy(c => p[i * V + c]) == hy[i]);
        Assert.True(right >= T * B * 98 / 100, $"{right} of {T * B} held-out tags right");
        // the heads' call style gives the same: Forward(x, training, lengths) is Forward(x, new ForwardContext(...))
        using var same = model.Forward(hx);
        Assert.Equal(p, same.ToArray());
    }

    // CPU accelerator, seeds as above: 1.85 (ln 6 = 1.79) -> 0.0039 in 50 steps, about 3 s.
    const int Steps = 50;
    const float FinalLoss = 0.02f;

    [Theory]
    [MemberData(nameof(TestDevices.Real), MemberType = typeof(TestDevices))]
    public void Backward_EqualsTheModulesBackwardInReverseOrder(string deviceName)
    {
        var dev = TestDevices.Get(deviceName);
        var rng = new Random(9);
        const int n = 7, i = 5, h = 33, o = 3;
        float[] x = Numerics.Uniform(rng, n * i), dy = Numerics.Uniform(rng, n * o);
        using var tx = DeviceTensor.FromHost(dev, x, n, i);
        using var tdy = DeviceTensor.FromHost(dev, dy, n, o);
        using var seq = new Sequential(("in", new Linear(dev, i, h, seed: 1)), ("drop", new Dropout(dev, 0.25f, seed: 4)), ("out", new Linear(dev, h, o, seed: 2)));
        Assert.Equal(new[] { "in.weight", "in.bias", "out.weight", "out.bias" }, seq.NamedParameters.Select(p => p.Name));
        using var y = seq.Forward(tx, new ForwardContext(Training: true));
        using var dx = seq.Backward(tdy);

        using var a = new Linear(dev, i, h, seed: 1);
        using var d = new Dropout(dev, 0.25f, seed: 4);
        using var b = new Linear(dev, h, o, seed: 2);
        using var ya = a.Forward(tx, training: true);
        using var yd = d.Forward(ya, training: true);
        using var yb = b.Forward(yd, training: true);
        using var dyd = b.Backward(tdy);
        using var dya = d.Backward(dyd);
        using var dxa = a.Backward(dya);
        Assert.Equal(yb.ToArray(), y.ToArray());
        Assert.Equal(dxa.ToArray(), dx!.ToArray());
        Assert.Equal(a.Weight.Grad.ToArray(), ((Linear)seq[0]).Weight.Grad.ToArray());
        Assert.Equal(b.Bias!.Grad.ToArray(), ((Linear)seq[2]).Bias!.Grad.ToArray());
    }

    [Fact]
    public void BadInput_NamesTheModuleAndTheShapes()
    {
        var dev = TestDevices.Get("cpu");
        var ex = Assert.Throws<ArgumentException>(() => new Sequential(new Linear(dev, 2, 3), new Embedding(dev, 4, 3)));
        Assert.Contains("Module 1 ('1', Embedding) does not take a DeviceTensor", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => new Sequential(Array.Empty<IModule>()));
        Assert.Contains("at least one module", ex.Message);
        var lin = new Linear(dev, 2, 2);
        ex = Assert.Throws<ArgumentException>(() => new Sequential(lin, lin));
        Assert.Contains("appears twice", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => new Sequential(("a.b", lin)));
        Assert.Contains("without dots", ex.Message);
        using var seq = new Sequential(lin);
        using var ids = DeviceIndices.FromHost(dev, new[] { 1, 0 }, 2);
        ex = Assert.Throws<ArgumentException>(() => seq.Forward(ids, new ForwardContext()));
        Assert.Contains("not token ids of shape (2)", ex.Message);
        using var x = DeviceTensor.Zeros(dev, 4, 3);
        ex = Assert.Throws<ArgumentException>(() => seq.Forward(x, new ForwardContext()));
        Assert.Contains("(4, 3)", ex.Message);
        Assert.Throws<InvalidOperationException>(() => seq.Backward(x));
        using var other = new Linear(dev, 2, 2);
        using var opt = new Adam(other);
        ex = Assert.Throws<ArgumentException>(() => Trainer.Step(seq, x, (a, b) => Losses.Mse(a, a, b), opt));
        Assert.Contains("another module", ex.Message);
    }
}
