using RnnGpu.Cli;
using RnnGpu.IO;

namespace RnnGpu.Tests;

/// <summary><c>rnngpu forward</c> in-process: a model saved by RnnGpu and a PyTorch-layout file round-trip.</summary>
public sealed class CliForwardTests : IDisposable
{
    readonly string dir = Path.Combine(Path.GetTempPath(), "rnngpu-cli-fwd-" + Guid.NewGuid().ToString("N"));

    public CliForwardTests() => Directory.CreateDirectory(dir);

    public void Dispose() => Directory.Delete(dir, recursive: true);

    string P(string name) => Path.Combine(dir, name);

    static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CliApp.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Forward_WithGradOutput_MatchesTheLibrary_BatchFirst()
    {
        var device = TestDevices.Get("cpu");
        const int T = 4, B = 3, I = 5, H = 6, L = 2, D = 2;
        using var layer = new RecurrentLayer(device, new RnnOptions(RnnMode.Gru, I, H, L, Bidirectional: true, BatchFirst: true, Seed: 5));
        Checkpoint.Save(P("w.safetensors"), layer, metadata: new Dictionary<string, string> { ["mode"] = "GRU" });
        var rng = new Random(3);
        var x = Numerics.Uniform(rng, B * T * I);
        var dy = Numerics.Uniform(rng, B * T * D * H);
        var h0 = Numerics.Uniform(rng, L * D * B * H);
        Npy.WriteFloat32(P("x.npy"), new[] { B, T, I }, x);
        Npy.WriteFloat32(P("dy.npy"), new[] { B, T, D * H }, dy);
        Npy.WriteFloat32(P("h0.npy"), new[] { L * D, B, H }, h0);
        Npy.WriteInt64(P("len.npy"), new[] { B }, new long[] { 4, 1, 3 });

        var r = Run("forward", "--weights", P("w.safetensors"), "--input", P("x.npy"), "--out", P("out"), "--batch-first",
            "--lengths", P("len.npy"), "--h0", P("h0.npy"), "--grad-output", P("dy.npy"), "--accelerator", "cpu");
        Assert.True(r.Code == 0, r.Err);
        Assert.Contains("GRU: 2 layer(s), 2 direction(s), input 5, hidden 6", r.Out);

        using var tx = DeviceTensor.FromHost(device, x, B, T, I);
        using var th0 = DeviceTensor.FromHost(device, h0, L * D, B, H);
        using var o = layer.Forward(tx, th0, null, new[] { 4, 1, 3 }, training: true);
        using var tdy = DeviceTensor.FromHost(device, dy, B, T, D * H);
        using var dhN = DeviceTensor.Zeros(device, L * D, B, H);
        dhN.Fill(0.3f);
        layer.ZeroGrad();
        using var g = layer.Backward(tdy, dhN);
        Assert.Equal(o.Output.ToArray(), Npy.ReadFloat32(P("out/output.npy")).Data);
        Assert.Equal(new[] { B, T, D * H }, Npy.ReadFloat32(P("out/output.npy")).Shape);
        Assert.Equal(o.HN.ToArray(), Npy.ReadFloat32(P("out/h_n.npy")).Data);
        Assert.Equal(g.DInput.ToArray(), Npy.ReadFloat32(P("out/grad_input.npy")).Data);
        Assert.Equal(g.DH0.ToArray(), Npy.ReadFloat32(P("out/grad_h0.npy")).Data);
        Assert.False(File.Exists(P("out/c_n.npy")));
        var grads = Safetensors.Read(P("out/grads.safetensors"));
        foreach (var p in layer.Parameters)
            Assert.Equal(p.Grad.ToArray(), grads.Find(p.Name)!.Data);
    }

    /// <summary>A PyTorch-named nn.LSTM(proj_size=2, bias=False) state_dict (weight_hr_l{k}[_reverse], no biases): sizes,
    /// projection and bias are inferred from the names and shapes; h0/h_n have size P, c0/c_n size H.</summary>
    [Fact]
    public void Forward_LstmWithProjectionAndNoBias_MatchesTheLibrary()
    {
        var device = TestDevices.Get("cpu");
        const int T = 5, B = 3, I = 4, H = 6, Pj = 2, L = 2, D = 2;
        using var layer = new RecurrentLayer(device, new RnnOptions(RnnMode.Lstm, I, H, L, Bidirectional: true, Seed: 9,
            ProjSize: Pj, Bias: false));
        Checkpoint.Save(P("w.safetensors"), layer, metadata: new Dictionary<string, string> { ["mode"] = "LSTM" });
        Assert.Equal(new[] { "weight_ih_l0", "weight_hh_l0", "weight_hr_l0", "weight_ih_l0_reverse" },
            Safetensors.Read(P("w.safetensors")).Tensors.Select(t => t.Name).Take(4));
        var rng = new Random(4);
        var x = Numerics.Uniform(rng, T * B * I);
        var dy = Numerics.Uniform(rng, T * B * D * Pj);
        var h0 = Numerics.Uniform(rng, L * D * B * Pj);
        var c0 = Numerics.Uniform(rng, L * D * B * H);
        Npy.WriteFloat32(P("x.npy"), new[] { T, B, I }, x);
        Npy.WriteFloat32(P("dy.npy"), new[] { T, B, D * Pj }, dy);
        Npy.WriteFloat32(P("h0.npy"), new[] { L * D, B, Pj }, h0);
        Npy.WriteFloat32(P("c0.npy"), new[] { L * D, B, H }, c0);
        Npy.WriteInt64(P("len.npy"), new[] { B }, new long[] { 5, 2, 4 });

        var r = Run("forward", "--weights", P("w.safetensors"), "--input", P("x.npy"), "--out", P("out"), "--lengths", P("len.npy"),
            "--h0", P("h0.npy"), "--c0", P("c0.npy"), "--grad-output", P("dy.npy"), "--accelerator", "cpu");
        Assert.True(r.Code == 0, r.Err);
        Assert.Contains("LSTM: 2 layer(s), 2 direction(s), input 4, hidden 6, proj_size 2, no bias", r.Out);

        using var tx = DeviceTensor.FromHost(device, x, T, B, I);
        using var th0 = DeviceTensor.FromHost(device, h0, L * D, B, Pj);
        using var tc0 = DeviceTensor.FromHost(device, c0, L * D, B, H);
        using var o = layer.Forward(tx, th0, tc0, new[] { 5, 2, 4 }, training: true);
        using var tdy = DeviceTensor.FromHost(device, dy, T, B, D * Pj);
        using var dhN = DeviceTensor.Zeros(device, L * D, B, Pj);
        dhN.Fill(0.3f);
        using var dcN = DeviceTensor.Zeros(device, L * D, B, H);
        dcN.Fill(0.7f);
        layer.ZeroGrad();
        using var g = layer.Backward(tdy, dhN, dcN);
        Assert.Equal(new[] { T, B, D * Pj }, Npy.ReadFloat32(P("out/output.npy")).Shape);
        Assert.Equal(o.Output.ToArray(), Npy.ReadFloat32(P("out/output.npy")).Data);
        Assert.Equal(new[] { L * D, B, Pj }, Npy.ReadFloat32(P("out/h_n.npy")).Shape);
        Assert.Equal(o.HN.ToArray(), Npy.ReadFloat32(P("out/h_n.npy")).Data);
        Assert.Equal(new[] { L * D, B, H }, Npy.ReadFloat32(P("out/c_n.npy")).Shape);
        Assert.Equal(o.CN!.ToArray(), Npy.ReadFloat32(P("out/c_n.npy")).Data);
        Assert.Equal(g.DInput.ToArray(), Npy.ReadFloat32(P("out/grad_input.npy")).Data);
        Assert.Equal(g.DH0.ToArray(), Npy.ReadFloat32(P("out/grad_h0.npy")).Data);
        Assert.Equal(g.DC0!.ToArray(), Npy.ReadFloat32(P("out/grad_c0.npy")).Data);
        var grads = Safetensors.Read(P("out/grads.safetensors"));
        Assert.Equal(layer.Parameters.Select(p => p.Name), grads.Tensors.Select(t => t.Name));
        foreach (var p in layer.Parameters)
            Assert.Equal(p.Grad.ToArray(), grads.Find(p.Name)!.Data);

        // A projection in a file whose mode says GRU is refused, naming the tensor.
        Checkpoint.Save(P("bad.safetensors"), layer, metadata: new Dictionary<string, string> { ["mode"] = "GRU" });
        r = Run("forward", "--weights", P("bad.safetensors"), "--input", P("x.npy"), "--out", P("out2"), "--accelerator", "cpu");
        Assert.NotEqual(0, r.Code);
        Assert.Contains("weight_hh_l0", r.Err);
    }

    [Fact]
    public void Forward_OnlyOutputs_WithoutGradOutput_ModeFromFlag()
    {
        var device = TestDevices.Get("cpu");
        using var layer = new RecurrentLayer(device, new RnnOptions(RnnMode.RnnRelu, 3, 4, Seed: 8));
        Checkpoint.Save(P("w.safetensors"), layer); // no mode in the metadata: G = 1 is ambiguous
        var x = Numerics.Uniform(new Random(1), 2 * 2 * 3);
        Npy.WriteFloat32(P("x.npy"), new[] { 2, 2, 3 }, x);
        var r = Run("forward", "-w", P("w.safetensors"), "-x", P("x.npy"), "-o", P("out"), "--mode", "rnn_relu");
        Assert.True(r.Code == 0, r.Err);
        using var tx = DeviceTensor.FromHost(device, x, 2, 2, 3);
        using var o = layer.Forward(tx);
        Assert.Equal(o.Output.ToArray(), Npy.ReadFloat32(P("out/output.npy")).Data);
        Assert.False(File.Exists(P("out/grad_input.npy")));
        Assert.False(File.Exists(P("out/grads.safetensors")));
    }

    [Fact]
    public void Help_StatesTheNpyFormat()
    {
        var r = Run("forward", "--help");
        Assert.Equal(0, r.Code);
        Assert.Contains("little-endian float32 in C order", r.Out);
        Assert.Contains("int64", r.Out);
    }

    [Fact]
    public void BadInput_OneLineErrors()
    {
        var device = TestDevices.Get("cpu");
        using var layer = new RecurrentLayer(device, new RnnOptions(RnnMode.Lstm, 3, 4));
        Checkpoint.Save(P("w.safetensors"), layer);
        Npy.WriteFloat32(P("wide.npy"), new[] { 2, 2, 7 }, new float[28]);
        File.WriteAllBytes(P("f8.npy"), NpyHeaderF8());

        var r = Run("forward", "-w", P("missing.safetensors"), "-x", P("wide.npy"), "-o", P("out"));
        Assert.NotEqual(0, r.Code);
        Assert.Contains("missing.safetensors", r.Err);
        r = Run("forward", "-w", P("w.safetensors"), "-x", P("wide.npy"), "-o", P("out"));
        Assert.NotEqual(0, r.Code);
        Assert.Contains("(2, 2, 7)", r.Err);
        r = Run("forward", "-w", P("w.safetensors"), "-x", P("f8.npy"), "-o", P("out"));
        Assert.NotEqual(0, r.Code);
        Assert.Contains("f8", r.Err);
        r = Run("forward", "-w", P("w.safetensors"), "-x", P("wide.npy"), "-o", P("out"), "--mode", "transformer");
        Assert.NotEqual(0, r.Code);
        Assert.Contains("transformer", r.Err);
        foreach (var err in new[] { r.Err })
            Assert.DoesNotContain("   at ", err);
    }

    static byte[] NpyHeaderF8()
    {
        string header = "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 1, 3), }";
        header = header.PadRight(118) + "\n";
        var bytes = new List<byte> { 0x93 };
        bytes.AddRange("NUMPY"u8.ToArray());
        bytes.Add(1); bytes.Add(0);
        bytes.Add((byte)(header.Length & 0xff)); bytes.Add((byte)(header.Length >> 8));
        bytes.AddRange(System.Text.Encoding.ASCII.GetBytes(header));
        bytes.AddRange(new byte[24]);
        return bytes.ToArray();
    }
}
