using RnnGpu.IO;

namespace RnnGpu.Tests;

public sealed class ModelInteropTests : IDisposable
{
    readonly string dir = Path.Combine(Path.GetTempPath(), "rnngpu-interop-" + Guid.NewGuid().ToString("N"));

    public ModelInteropTests() => Directory.CreateDirectory(dir);

    public void Dispose() => Directory.Delete(dir, recursive: true);

    string P(string name) => Path.Combine(dir, name);

    [Theory]
    [InlineData(RnnMode.Lstm, true, true)]
    [InlineData(RnnMode.Gru, false, false)]
    [InlineData(RnnMode.RnnRelu, true, false)]
    public void Forward_WritesOutputsAndGradients_MatchingTheLayer(RnnMode mode, bool bidirectional, bool optionalInputs)
    {
        var dev = TestDevices.Get("cpu");
        const int T = 5, B = 3, I = 4, H = 6, L = 2;
        int D = bidirectional ? 2 : 1;
        var opts = new RnnOptions(mode, I, H, L, bidirectional, Seed: 21);
        using var layer = new RecurrentLayer(dev, opts);
        Checkpoint.Save(P("w.safetensors"), layer, metadata: new Dictionary<string, string> { ["mode"] = Interop.ModeName(mode) });
        var rng = new Random(71);
        var x = Numerics.Uniform(rng, T * B * I);
        Npy.WriteFloat32(P("X.npy"), new[] { T, B, I }, x);
        var lengths = new[] { 5, 2, 4 };
        var h0 = Numerics.Uniform(rng, L * D * B * H);
        var c0 = Numerics.Uniform(rng, L * D * B * H);
        var dy = optionalInputs ? Numerics.Uniform(rng, T * B * D * H) : Enumerable.Repeat(1f, T * B * D * H).ToArray();
        if (optionalInputs)
        {
            Npy.WriteInt64(P("len.npy"), new[] { B }, lengths.Select(v => (long)v).ToArray());
            Npy.WriteFloat32(P("h0.npy"), new[] { L * D, B, H }, h0);
            Npy.WriteFloat32(P("c0.npy"), new[] { L * D, B, H }, c0);
            Npy.WriteFloat32(P("dy.npy"), new[] { T, B, D * H }, dy);
        }
        var result = Interop.Forward(dev, new InteropForwardRequest(P("w.safetensors"), P("X.npy"), P("out"),
            Lengths: optionalInputs ? P("len.npy") : null, H0: optionalInputs ? P("h0.npy") : null,
            C0: optionalInputs && mode == RnnMode.Lstm ? P("c0.npy") : null, GradOutput: optionalInputs ? P("dy.npy") : null));
        Assert.Equal(opts with { Seed = 0 }, result.Options);

        // The same computation directly on the layer.
        using var tx = DeviceTensor.FromHost(dev, x, T, B, I);
        using var th0 = optionalInputs ? DeviceTensor.FromHost(dev, h0, L * D, B, H) : null;
        using var tc0 = optionalInputs && mode == RnnMode.Lstm ? DeviceTensor.FromHost(dev, c0, L * D, B, H) : null;
        using var o = layer.Forward(tx, th0, tc0, optionalInputs ? lengths : null, training: true);
        using var tdy = DeviceTensor.FromHost(dev, dy, T, B, D * H);
        using var dhN = DeviceTensor.Uninitialized(dev, L * D, B, H);
        dhN.Fill(0.3f);
        using var dcN = mode == RnnMode.Lstm ? DeviceTensor.Uninitialized(dev, L * D, B, H) : null;
        dcN?.Fill(0.7f);
        layer.ZeroGrad();
        using var g = layer.Backward(tdy, dhN, dcN);

        void Same(string file, DeviceTensor t)
        {
            var (s, d) = Npy.ReadFloat32(P(Path.Combine("out", file)));
            Assert.Equal(t.Shape, s);
            Assert.Equal(t.ToArray(), d);
        }
        Same("output.npy", o.Output);
        Same("h_n.npy", o.HN);
        Assert.Equal(mode == RnnMode.Lstm, File.Exists(P("out/c_n.npy")));
        if (mode == RnnMode.Lstm)
            Same("c_n.npy", o.CN!);
        // Gradients only with a grad-output; initial-state gradients only for given initial states.
        Assert.Equal(optionalInputs, File.Exists(P("out/grad_input.npy")));
        Assert.Equal(optionalInputs, File.Exists(P("out/grads.safetensors")));
        Assert.Equal(optionalInputs, File.Exists(P("out/grad_h0.npy")));
        Assert.Equal(optionalInputs && mode == RnnMode.Lstm, File.Exists(P("out/grad_c0.npy")));
        if (!optionalInputs)
            return;
        Same("grad_input.npy", g.DInput);
        Same("grad_h0.npy", g.DH0);
        if (mode == RnnMode.Lstm)
            Same("grad_c0.npy", g.DC0!);
        var grads = Safetensors.Read(P("out/grads.safetensors"));
        foreach (var p in layer.Parameters)
            Assert.Equal(p.Grad.ToArray(), grads.Find(p.Name)!.Data);
        Assert.Equal(layer.Parameters.Count, grads.Tensors.Count);
    }

    [Fact]
    public void Forward_RefusesMismatchedInputs_WithClearMessages()
    {
        var dev = TestDevices.Get("cpu");
        using var layer = new RecurrentLayer(dev, new RnnOptions(RnnMode.Gru, 4, 6));
        Checkpoint.Save(P("w.safetensors"), layer);
        Npy.WriteFloat32(P("X.npy"), new[] { 2, 1, 5 }, new float[10]);
        var ex = Assert.Throws<InvalidDataException>(() => Interop.Forward(dev, new InteropForwardRequest(P("w.safetensors"), P("X.npy"), P("out"))));
        Assert.Contains("(2, 1, 5)", ex.Message);
        Npy.WriteFloat32(P("X.npy"), new[] { 2, 1, 4 }, new float[8]);
        ex = Assert.Throws<InvalidDataException>(() => Interop.Forward(dev, new InteropForwardRequest(P("w.safetensors"), P("X.npy"), P("out"), Mode: RnnMode.Lstm)));
        Assert.Contains("4 gates", ex.Message);
        Npy.WriteFloat32(P("c0.npy"), new[] { 1, 1, 6 }, new float[6]);
        ex = Assert.Throws<InvalidDataException>(() => Interop.Forward(dev, new InteropForwardRequest(P("w.safetensors"), P("X.npy"), P("out"), C0: P("c0.npy"))));
        Assert.Contains("no cell state", ex.Message);
        Safetensors.Write(P("meta.safetensors"), Safetensors.Read(P("w.safetensors")).Tensors, new Dictionary<string, string> { ["mode"] = "TRANSFORMER" });
        ex = Assert.Throws<InvalidDataException>(() => Interop.Forward(dev, new InteropForwardRequest(P("meta.safetensors"), P("X.npy"), P("out"))));
        Assert.Contains("TRANSFORMER", ex.Message);
        Assert.False(Directory.Exists(P("out")));
    }
}
