using System.Buffers.Binary;
using System.Text;
using RnnGpu.IO;

namespace RnnGpu.Tests;

public sealed class ModelCheckpointTests : IDisposable
{
    readonly string dir = Path.Combine(Path.GetTempPath(), "rnngpu-ckpt-" + Guid.NewGuid().ToString("N"));

    public ModelCheckpointTests() => Directory.CreateDirectory(dir);

    public void Dispose() => Directory.Delete(dir, recursive: true);

    string P(string name) => Path.Combine(dir, name);

    const int T = 5, B = 6, I = 3, C = 4;

    static SequenceClassifier NewModel(ComputeDevice dev, ulong seed) =>
        new(dev, new RnnOptions(RnnMode.Lstm, I, 7, NumLayers: 2, Seed: seed), C, seed: seed + 100);

    sealed class Data : IDisposable
    {
        public readonly DeviceTensor X;
        public readonly DeviceIndices Y;
        public readonly DeviceTensor DL;

        public Data(ComputeDevice dev)
        {
            var rng = new Random(61);
            X = DeviceTensor.FromHost(dev, Numerics.Uniform(rng, T * B * I), T, B, I);
            Y = DeviceIndices.FromHost(dev, Enumerable.Range(0, B).Select(b => b % C).ToArray(), B);
            DL = DeviceTensor.Uninitialized(dev, B, C);
        }

        public void Dispose()
        {
            X.Dispose();
            Y.Dispose();
            DL.Dispose();
        }
    }

    static void Train(SequenceClassifier m, Optimizer opt, Data d, int steps)
    {
        for (int s = 0; s < steps; s++)
        {
            m.ZeroGrad();
            opt.LearningRate = LrSchedule.LinearWarmup(0.02f, opt.StepCount, 2, k => LrSchedule.Cosine(0.02f, k, 20));
            using var logits = m.Forward(d.X, training: true);
            using var l = Losses.CrossEntropy(logits, d.Y, d.DL);
            m.Backward(d.DL).Dispose();
            GradClip.ByNorm(m.NamedParameters.Select(p => p.Parameter), 1f);
            opt.Step();
        }
    }

    static int[] Bits(IModule m) => m.NamedParameters.SelectMany(p => p.Parameter.Value.ToArray()).Select(BitConverter.SingleToInt32Bits).ToArray();
    static int[] Bits(Optimizer o) => o.State.SelectMany(s => s.Tensor.ToArray()).Select(BitConverter.SingleToInt32Bits).ToArray();
    static int[] Bits(DeviceTensor t) => t.ToArray().Select(BitConverter.SingleToInt32Bits).ToArray();

    [Fact]
    public void RoundTrip_RestoresBitIdenticalOutputs_AndOptimizerState()
    {
        var dev = TestDevices.Get("cpu");
        using var d = new Data(dev);
        using var a = NewModel(dev, 1);
        using var oa = new Adam(a, new AdamOptions(0.02f, Decoupled: true, WeightDecay: 0.01f));
        Train(a, oa, d, 3);
        Checkpoint.Save(P("a.safetensors"), a, oa, new Dictionary<string, string> { ["note"] = "x" });
        using var b = NewModel(dev, 2);
        using var ob = new Adam(b, new AdamOptions(0.5f, Decoupled: true, WeightDecay: 0.01f));
        var meta = Checkpoint.Load(P("a.safetensors"), b, ob);
        Assert.Equal("x", meta["note"]);
        Assert.Equal(Bits(a), Bits(b));
        Assert.Equal(Bits(oa), Bits(ob));
        Assert.Equal(3, ob.StepCount);
        Assert.Equal(oa.LearningRate, ob.LearningRate);
        using var ya = a.Forward(d.X);
        using var yb = b.Forward(d.X);
        Assert.Equal(Bits(ya), Bits(yb));
        Assert.Contains(b.NamedParameters, p => p.Name == "rnn.weight_hh_l1");
        Assert.Contains(b.NamedParameters, p => p.Name == "fc.bias");
        // model-only load of a file holding optimizer state is fine
        using var c = NewModel(dev, 3);
        Checkpoint.Load(P("a.safetensors"), c);
        Assert.Equal(Bits(a), Bits(c));
    }

    [Fact]
    public void ResumedTraining_MatchesUninterrupted_BitForBit_AndSameSeedSameBits()
    {
        var dev = TestDevices.Get("cpu");
        using var d = new Data(dev);
        using var full = NewModel(dev, 1);
        using var of = new Adam(full, new AdamOptions(0.02f));
        Train(full, of, d, 6);

        using var first = NewModel(dev, 1);
        using (var o1 = new Adam(first, new AdamOptions(0.02f)))
        {
            Train(first, o1, d, 3);
            Checkpoint.Save(P("mid.safetensors"), first, o1);
        }
        using var resumed = NewModel(dev, 9);
        using var o2 = new Adam(resumed, new AdamOptions(0.02f));
        Checkpoint.Load(P("mid.safetensors"), resumed, o2);
        Train(resumed, o2, d, 3);
        Assert.Equal(Bits(full), Bits(resumed));
        Assert.Equal(Bits(of), Bits(o2));

        using var again = NewModel(dev, 1);
        using var oa = new Adam(again, new AdamOptions(0.02f));
        Train(again, oa, d, 6);
        Assert.Equal(Bits(full), Bits(again));

        // SGD with momentum resumes too
        using var s1 = NewModel(dev, 4);
        using var so1 = new Sgd(s1, new SgdOptions(0.05f, 0.9f, Nesterov: true));
        Train(s1, so1, d, 4);
        using var s2 = NewModel(dev, 4);
        using (var so2 = new Sgd(s2, new SgdOptions(0.05f, 0.9f, Nesterov: true)))
        {
            Train(s2, so2, d, 2);
            Checkpoint.Save(P("sgd.safetensors"), s2, so2);
        }
        using var s3 = NewModel(dev, 5);
        using var so3 = new Sgd(s3, new SgdOptions(0.05f, 0.9f, Nesterov: true));
        Checkpoint.Load(P("sgd.safetensors"), s3, so3);
        Train(s3, so3, d, 2);
        Assert.Equal(Bits(s1), Bits(s3));
        using var wrongKind = new Adam(s3);
        var ex = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(P("sgd.safetensors"), s3, wrongKind));
        Assert.Contains("sgd", ex.Message);
    }

    /// <summary>Writes a safetensors file by hand from a JSON header and raw data.</summary>
    static byte[] Build(string json, byte[] data)
    {
        var h = Encoding.UTF8.GetBytes(json);
        var b = new byte[8 + h.Length + data.Length];
        BinaryPrimitives.WriteInt64LittleEndian(b, h.Length);
        h.CopyTo(b, 8);
        data.CopyTo(b, 8 + h.Length);
        return b;
    }

    static byte[] Floats(IEnumerable<float> v)
    {
        var a = v.ToArray();
        var b = new byte[a.Length * 4];
        for (int i = 0; i < a.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(b.AsSpan(i * 4), a[i]);
        return b;
    }

    void AssertRefused(string file, byte[] content, IModule model, Optimizer? opt, params string[] fragments)
    {
        string path = P(file);
        File.WriteAllBytes(path, content);
        var before = Bits(model);
        var optBefore = opt is null ? null : Bits(opt);
        long step = opt?.StepCount ?? 0;
        var ex = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(path, model, opt));
        foreach (var f in fragments)
            Assert.Contains(f, ex.Message);
        Assert.Equal(before, Bits(model));
        if (opt is not null)
        {
            Assert.Equal(optBefore, Bits(opt));
            Assert.Equal(step, opt.StepCount);
        }
        Assert.Equal(content, File.ReadAllBytes(path));
    }

    [Fact]
    public void BadFiles_EachGetTheirOwnError_ModelAndFileUnchanged()
    {
        var dev = TestDevices.Get("cpu");
        using var layer = new RecurrentLayer(dev, new RnnOptions(RnnMode.Gru, 2, 3));
        var m = layer;
        using var opt = new Adam(m);
        string good(string extra = "") =>
            "{\"__metadata__\":{\"format\":\"pt\"}," +
            "\"weight_ih_l0\":{\"dtype\":\"F32\",\"shape\":[9,2],\"data_offsets\":[0,72]}," +
            "\"weight_hh_l0\":{\"dtype\":\"F32\",\"shape\":[9,3],\"data_offsets\":[72,180]}," +
            "\"bias_ih_l0\":{\"dtype\":\"F32\",\"shape\":[9],\"data_offsets\":[180,216]}," +
            "\"bias_hh_l0\":{\"dtype\":\"F32\",\"shape\":[9],\"data_offsets\":[216,252]}" + extra + "}";
        var data = Floats(Enumerable.Range(0, 63).Select(i => i * 0.01f));
        // corrupt JSON
        AssertRefused("corrupt.safetensors", Build("{\"weight_ih_l0\": {\"dtype\": ", new byte[16]), m, null, "corrupt");
        // header length beyond the file
        var bad = Build(good(), data);
        BinaryPrimitives.WriteInt64LittleEndian(bad, 1_000_000);
        AssertRefused("hdr.safetensors", bad, m, null, "header length");
        // truncated data: names the tensor that runs off the end
        AssertRefused("trunc.safetensors", Build(good(), data)[..^10], m, null, "bias_hh_l0", "truncated");
        // wrong shape
        AssertRefused("shape.safetensors", Build(good().Replace("[9,3],\"data_offsets\":[72,180]", "[3,9],\"data_offsets\":[72,180]"), data), m, null,
            "weight_hh_l0", "(3, 9)", "(9, 3)");
        // shape and byte count disagree
        AssertRefused("size.safetensors", Build(good().Replace("[9],\"data_offsets\":[180,216]", "[8],\"data_offsets\":[180,216]"), data), m, null,
            "bias_ih_l0", "32 bytes");
        // wrong name: missing tensor
        AssertRefused("missing.safetensors", Build(good().Replace("bias_hh_l0", "bias_hh_l1"), data), m, null, "bias_hh_l0", "missing");
        // unexpected extra tensor
        AssertRefused("extra.safetensors", Build(good(",\"weight_ih_l1\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[252,252]}"), data), m, null,
            "unexpected", "weight_ih_l1");
        // wrong dtype
        AssertRefused("dtype.safetensors", Build(good().Replace("\"weight_hh_l0\":{\"dtype\":\"F32\"", "\"weight_hh_l0\":{\"dtype\":\"F16\""), data), m, null,
            "weight_hh_l0", "F16", "only F32");
        // too short to be safetensors at all
        AssertRefused("tiny.safetensors", new byte[] { 1, 2, 3 }, m, null, "8-byte");
        // asked for optimizer state that is not there
        AssertRefused("noopt.safetensors", Build(good(), data), m, opt, "optimizer");
        // the good file loads, unchanged values
        File.WriteAllBytes(P("good.safetensors"), Build(good(), data));
        Checkpoint.Load(P("good.safetensors"), m);
        Assert.Equal(Enumerable.Range(0, 18).Select(i => i * 0.01f), layer["weight_ih_l0"].Value.ToArray());
    }

    [Fact]
    public void PyTorchLayout_WrittenByHand_LoadsIntoRecurrentLayer_AndRuns()
    {
        var dev = TestDevices.Get("cpu");
        using var layer = new RecurrentLayer(dev, new RnnOptions(RnnMode.Lstm, 2, 3, Bidirectional: true));
        // safetensors.torch.save_file layout: keys sorted, tensors packed in that order, __metadata__ {"format": "pt"}
        var names = layer.Parameters.Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        var rng = new Random(62);
        var values = names.ToDictionary(n => n, n => Numerics.Uniform(rng, layer[n].Value.Length));
        var sb = new StringBuilder("{\"__metadata__\":{\"format\":\"pt\"}");
        long off = 0;
        var data = new List<byte>();
        foreach (var n in names)
        {
            var shape = layer[n].Value.Shape;
            long len = values[n].Length * 4L;
            sb.Append($",\"{n}\":{{\"dtype\":\"F32\",\"shape\":[{string.Join(",", shape)}],\"data_offsets\":[{off},{off + len}]}}");
            off += len;
            data.AddRange(Floats(values[n]));
        }
        sb.Append('}');
        var json = sb.ToString();
        while ((json.Length + 8) % 8 != 0) json += " ";
        File.WriteAllBytes(P("torch.safetensors"), Build(json, data.ToArray()));
        Checkpoint.Load(P("torch.safetensors"), layer);
        foreach (var n in names)
            Assert.Equal(values[n], layer[n].Value.ToArray());
        // and the layer uses the loaded weights (transposes refreshed): matches a layer loaded with LoadParameter
        using var other = new RecurrentLayer(dev, new RnnOptions(RnnMode.Lstm, 2, 3, Bidirectional: true, Seed: 77));
        foreach (var n in names)
            other.LoadParameter(n, values[n], other[n].Value.Shape);
        using var x = DeviceTensor.FromHost(dev, Numerics.Uniform(rng, 4 * 2 * 2), 4, 2, 2);
        using var y1 = layer.Forward(x);
        using var y2 = other.Forward(x);
        Assert.Equal(Bits(y2.Output), Bits(y1.Output));
        // our writer produces a file the reader (and PyTorch's layout rules: 8-aligned header) accepts
        Checkpoint.Save(P("ours.safetensors"), layer);
        var bytes = File.ReadAllBytes(P("ours.safetensors"));
        Assert.Equal(0, BinaryPrimitives.ReadInt64LittleEndian(bytes) % 8);
        var f = Safetensors.Read(P("ours.safetensors"));
        Assert.Equal("pt", f.Metadata["format"]);
        Assert.Equal(values["weight_hh_l0_reverse"], f.Find("weight_hh_l0_reverse")!.Data);
    }

    [Fact]
    public void AtomicWrite_FailedSaveLeavesExistingFileUntouched_NoTempFiles()
    {
        string path = P("keep.safetensors");
        Safetensors.Write(path, new[] { new HostTensor("a", new[] { 2 }, new[] { 1f, 2f }) });
        var before = File.ReadAllBytes(path);
        Assert.Throws<ArgumentException>(() => Safetensors.Write(path, new[] { new HostTensor("a", new[] { 3 }, new[] { 1f, 2f }) }));
        Assert.Throws<ArgumentException>(() => Safetensors.Write(path, new[] { new HostTensor("a", new[] { 1 }, new[] { 1f }), new HostTensor("a", new[] { 1 }, new[] { 1f }) }));
        Assert.Equal(before, File.ReadAllBytes(path));
        // overwrite succeeds and leaves only the destination behind
        Safetensors.Write(path, new[] { new HostTensor("b", new[] { 1, 1 }, new[] { 5f }) });
        Assert.Equal(new[] { "keep.safetensors" }, Directory.GetFiles(dir).Select(Path.GetFileName));
        Assert.Equal(new[] { 5f }, Safetensors.Read(path).Find("b")!.Data);
    }

    [Fact]
    public void Npy_RoundTrips_Float32AndInt64_RefusesOthers()
    {
        Npy.WriteFloat32(P("x.npy"), new[] { 2, 3 }, new[] { 1f, -2f, 3.5f, 0f, float.MaxValue, 1e-30f });
        var (s, d) = Npy.ReadFloat32(P("x.npy"));
        Assert.Equal(new[] { 2, 3 }, s);
        Assert.Equal(new[] { 1f, -2f, 3.5f, 0f, float.MaxValue, 1e-30f }, d);
        var raw = File.ReadAllBytes(P("x.npy"));
        Assert.Equal(0, (10 + BinaryPrimitives.ReadUInt16LittleEndian(raw.AsSpan(8))) % 64);
        Assert.Contains("'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", Encoding.ASCII.GetString(raw));
        Npy.WriteInt64(P("len.npy"), new[] { 3 }, new long[] { 5, 1, 3 });
        var (ls, ld) = Npy.ReadInt64(P("len.npy"));
        Assert.Equal(new[] { 3 }, ls);
        Assert.Equal(new long[] { 5, 1, 3 }, ld);
        Assert.Contains("(3,)", Encoding.ASCII.GetString(File.ReadAllBytes(P("len.npy"))));
        // refusals
        Assert.Contains("'<i8'", Assert.Throws<InvalidDataException>(() => Npy.ReadFloat32(P("len.npy"))).Message);
        var f8 = (byte[])raw.Clone();
        Encoding.ASCII.GetBytes("'<f8'").CopyTo(f8, Encoding.ASCII.GetString(raw).IndexOf("'<f4'", StringComparison.Ordinal));
        File.WriteAllBytes(P("f8.npy"), f8);
        Assert.Contains("'<f8'", Assert.Throws<InvalidDataException>(() => Npy.ReadFloat32(P("f8.npy"))).Message);
        var be = (byte[])raw.Clone();
        Encoding.ASCII.GetBytes("'>f4'").CopyTo(be, Encoding.ASCII.GetString(raw).IndexOf("'<f4'", StringComparison.Ordinal));
        File.WriteAllBytes(P("be.npy"), be);
        Assert.Contains("'>f4'", Assert.Throws<InvalidDataException>(() => Npy.ReadFloat32(P("be.npy"))).Message);
        var fo = Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(raw).Replace("False", "True ")).Select((b, i) => i < 10 ? raw[i] : b).ToArray();
        File.WriteAllBytes(P("fo.npy"), fo);
        Assert.Contains("Fortran", Assert.Throws<InvalidDataException>(() => Npy.ReadFloat32(P("fo.npy"))).Message);
        File.WriteAllBytes(P("short.npy"), raw[..^4]);
        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => Npy.ReadFloat32(P("short.npy"))).Message);
        File.WriteAllBytes(P("junk.npy"), new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 });
        Assert.Contains("magic", Assert.Throws<InvalidDataException>(() => Npy.ReadFloat32(P("junk.npy"))).Message);
    }
}
