using RnnGpu.IO;

namespace RnnGpu.Tests;

/// <summary>
/// <see cref="Gnmt"/> against a GNMT v2 built in Debian's PyTorch from the same architecture (Fixtures/gnmt/make_gnmt.py:
/// 2, 3 and 4 layers, variable source lengths, pads in the decoder input and targets): the state_dict names in order, the
/// logits, the attention weights, the label-smoothed loss and every parameter gradient, on every accelerator; a shared
/// embedding (one tensor, both gradients); input checks.
/// </summary>
[Trait(Suites.Tier, Suites.Kernels)]
public class GnmtTests
{
    public static IEnumerable<object[]> DevicesAndCases() =>
        TestDevices.All.SelectMany(d => new[] { "l2", "l3", "l4", "l2_shared" }.Select(c => new[] { d[0], c }));

    static string Dir(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "gnmt", name);

    static int[] Ints(string dir, string file) => Npy.ReadInt64(Path.Combine(dir, file)).Data.Select(v => (int)v).ToArray();

    [Theory]
    [MemberData(nameof(DevicesAndCases))]
    public void MatchesPyTorch(string deviceName, string name)
    {
        var device = TestDevices.Get(deviceName);
        string dir = Dir(name);
        var names = File.ReadAllLines(Path.Combine(dir, "names.txt")).Where(l => l.Length > 0).ToArray();
        var (embShape, _) = Npy.ReadFloat32(Path.Combine(dir, "p.encoder.embedder.weight.npy"));
        int layers = names.Count(n => n.StartsWith("encoder.rnn_layers.", StringComparison.Ordinal) && n.EndsWith(".weight_ih_l0", StringComparison.Ordinal));
        using var model = new Gnmt(device, new GnmtOptions(embShape[0], embShape[1], layers, Dropout: 0f,
            ShareEmbedding: !names.Contains("decoder.embedder.weight"), Seed: 3));
        Assert.Equal(names, model.NamedParameters.Select(p => p.Name));
        foreach (var (n, p) in model.NamedParameters)
            p.Value.CopyFromHost(Npy.ReadFloat32(Path.Combine(dir, $"p.{n}.npy")).Data);
        var (srcShape, _) = Npy.ReadInt64(Path.Combine(dir, "src.npy"));
        var (decShape, _) = Npy.ReadInt64(Path.Combine(dir, "dec_in.npy"));
        using var src = DeviceIndices.FromHost(device, Ints(dir, "src.npy"), srcShape[0], srcShape[1]);
        using var decIn = DeviceIndices.FromHost(device, Ints(dir, "dec_in.npy"), decShape[0], decShape[1]);
        using var target = DeviceIndices.FromHost(device, Ints(dir, "target.npy"), decShape[0] * decShape[1]);
        var lengths = Ints(dir, "src_len.npy");
        model.ZeroGrad();
        using var logits = model.Forward(new Seq2SeqInput(src, decIn), new ForwardContext(Training: true, Lengths: lengths));
        string at = $"{name} on {deviceName}";
        Numerics.AssertClose(logits.ToArray(), Numerics.ToDouble(Npy.ReadFloat32(Path.Combine(dir, "logits.npy")).Data), 1e-5, $"logits, {at}");
        Assert.Equal(new[] { decShape[0], decShape[1], srcShape[0] }, model.LastAttention!.Shape);
        Numerics.AssertClose(model.LastAttention.ToArray(), Numerics.ToDouble(Npy.ReadFloat32(Path.Combine(dir, "attention.npy")).Data), 1e-5,
            $"attention, {at}");
        using var loss = Losses.CrossEntropy(logits, target, ignoreIndex: GnmtOptions.PadId, labelSmoothing: 0.1f);
        float torchLoss = Npy.ReadFloat32(Path.Combine(dir, "loss.npy")).Data[0];
        Assert.True(Math.Abs(loss.Read() - torchLoss) <= 1e-5 * Math.Abs(torchLoss), $"loss {loss.Read()} vs PyTorch {torchLoss}, {at}");
        Assert.Null(model.Backward(loss.Gradient));
        foreach (var (n, p) in model.NamedParameters)
            Numerics.AssertClose(p.Grad.ToArray(), Numerics.ToDouble(Npy.ReadFloat32(Path.Combine(dir, $"g.{n}.npy")).Data), 1e-4, $"d{n}, {at}");
        Assert.Throws<InvalidOperationException>(() => model.Backward(loss.Gradient));
    }

    /// <summary>A model saved as NVIDIA's training saves it and converted by scripts/gnmt-checkpoint.py loads with
    /// Checkpoint.Load into a Gnmt of the sizes the file's metadata names, and gives PyTorch's logits.</summary>
    [Theory]
    [InlineData("l4")]
    [InlineData("l2_shared")]
    [Trait(Suites.Key, Suites.CpuOnly)]
    public void NvidiaCheckpointConvertedByTheScriptLoads(string name)
    {
        var device = TestDevices.Get("cpu");
        string dir = Dir(name), path = Path.Combine(dir, "nvidia.safetensors");
        var meta = Safetensors.ReadHeader(path).Metadata;
        int Meta(string key) => int.Parse(meta[key], System.Globalization.CultureInfo.InvariantCulture);
        using var model = new Gnmt(device, new GnmtOptions(Meta("vocabulary"), Meta("hidden"), Meta("layers"), Dropout: 0f,
            ShareEmbedding: meta["share_embedding"] == "1"));
        Checkpoint.Load(path, model);
        var (srcShape, _) = Npy.ReadInt64(Path.Combine(dir, "src.npy"));
        var (decShape, _) = Npy.ReadInt64(Path.Combine(dir, "dec_in.npy"));
        using var src = DeviceIndices.FromHost(device, Ints(dir, "src.npy"), srcShape[0], srcShape[1]);
        using var decIn = DeviceIndices.FromHost(device, Ints(dir, "dec_in.npy"), decShape[0], decShape[1]);
        using var logits = model.Forward(new Seq2SeqInput(src, decIn), new ForwardContext(false, Ints(dir, "src_len.npy")));
        Numerics.AssertClose(logits.ToArray(), Numerics.ToDouble(Npy.ReadFloat32(Path.Combine(dir, "logits.npy")).Data), 1e-5, $"logits of {name}");
    }

    [Fact]
    [Trait(Suites.Key, Suites.CpuOnly)]
    public void BadInputIsRefusedByName()
    {
        var device = TestDevices.Get("cpu");
        Assert.Contains("Layers must be at least 2", Assert.Throws<ArgumentException>(() => new Gnmt(device, new GnmtOptions(10, 4, 1))).Message);
        Assert.Contains("Dropout must be in [0, 1)", Assert.Throws<ArgumentException>(() => new Gnmt(device, new GnmtOptions(10, 4, 2, 1f))).Message);
        using var model = new Gnmt(device, new GnmtOptions(10, 4, 2));
        using var src = DeviceIndices.FromHost(device, new int[6], 3, 2);
        using var dec = DeviceIndices.FromHost(device, new int[4], 2, 2);
        Assert.Contains("source length [1] = 4 is outside [1, 3]",
            Assert.Throws<ArgumentException>(() => model.Forward(new Seq2SeqInput(src, dec), new ForwardContext(false, new[] { 3, 4 }))).Message);
        using var dec3 = DeviceIndices.FromHost(device, new int[3], 1, 3);
        Assert.Contains("same B", Assert.Throws<ArgumentException>(() => model.Forward(new Seq2SeqInput(src, dec3), new ForwardContext())).Message);
        using var d = DeviceTensor.Zeros(device, 2, 2, 10);
        Assert.Contains("Gnmt.Backward", Assert.Throws<InvalidOperationException>(() => model.Backward(d)).Message);
        using var bad = DeviceIndices.FromHost(device, new[] { 0, 1, 2, 3, 4, 10 }, 3, 2);
        Assert.Contains("10", Assert.Throws<ArgumentException>(() => model.Forward(new Seq2SeqInput(bad, dec), new ForwardContext())).Message);
    }
}
