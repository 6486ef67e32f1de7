using System.Buffers.Binary;
using System.Text;
using RnnGpu.IO;

namespace RnnGpu.Tests;

/// <summary>
/// Hostile safetensors and .npy files are refused with an <see cref="InvalidDataException"/> that names the file, before
/// anything the size of their claims is allocated: the safetensors spec's rules (unique names, offsets that tile the
/// data), overflow-checked shapes, UTF-8 headers, complete .npy headers. A seeded fuzz test mutates valid files.
/// </summary>
public sealed class IoHardeningTests : IDisposable
{
    readonly string dir = Path.Combine(Path.GetTempPath(), "rnngpu-io-" + Guid.NewGuid().ToString("N"));

    public IoHardeningTests() => Directory.CreateDirectory(dir);

    public void Dispose() => Directory.Delete(dir, recursive: true);

    string P(string name) => Path.Combine(dir, name);

    /// <summary>A safetensors file from a header JSON and a data size (the data bytes are zeros).</summary>
    string Raw(string name, string json, int dataBytes, Func<byte[], byte[]>? patchHeader = null)
    {
        var h = Encoding.UTF8.GetBytes(json);
        if (patchHeader is not null) h = patchHeader(h);
        var b = new byte[8 + h.Length + dataBytes];
        BinaryPrimitives.WriteInt64LittleEndian(b, h.Length);
        h.CopyTo(b, 8);
        File.WriteAllBytes(P(name), b);
        return P(name);
    }

    static void Refused(string path, string expected)
    {
        var ex = Assert.Throws<InvalidDataException>(() => Safetensors.Read(path));
        Assert.Contains(Path.GetFileName(path), ex.Message);
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Safetensors_ValidFileStillLoads()
    {
        Safetensors.Write(P("ok.safetensors"), new[] { new HostTensor("a", new[] { 2, 3 }, new float[] { 1, 2, 3, 4, 5, 6 }),
            new HostTensor("b", new[] { 1 }, new float[] { 7 }) }, new Dictionary<string, string> { ["mode"] = "LSTM" });
        var f = Safetensors.Read(P("ok.safetensors"));
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6 }, f.Find("a")!.Data);
        Assert.Equal("LSTM", f.Metadata["mode"]);
    }

    [Fact]
    public void Safetensors_DuplicateNames_AreRefused() =>
        Refused(Raw("dup.safetensors", """{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", 8),
            "names 'a' twice");

    [Fact]
    public void Safetensors_AliasingTensors_AreRefusedBeforeAllocating()
    {
        // 1,500 tensors that all point at the same 1 MB: previously 1.5 GB of floats were allocated before anything failed.
        var sb = new StringBuilder("{");
        for (int i = 0; i < 1500; i++)
            sb.Append(i == 0 ? "" : ",").Append($"\"t{i}\":{{\"dtype\":\"F32\",\"shape\":[262144],\"data_offsets\":[0,1048576]}}");
        sb.Append('}');
        string path = Raw("alias.safetensors", sb.ToString(), 1 << 20);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Refused(path, "overlaps the tensor before it");
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 64L << 20, "refusing must not allocate the aliased data");
    }

    [Fact]
    public void Safetensors_HolesAndTrailingBytes_AreRefused()
    {
        Refused(Raw("hole.safetensors", """{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", 8), "belong to no tensor");
        Refused(Raw("tail.safetensors", """{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""", 12), "trailing bytes");
    }

    [Fact]
    public void Safetensors_ShapeOverflow_IsRefusedWithoutAnInternalMessage() =>
        Refused(Raw("overflow.safetensors", """{"a":{"dtype":"F32","shape":[2147483647,2147483647,4],"data_offsets":[0,16]}}""", 16),
            "more elements than any tensor can");

    [Fact]
    public void Safetensors_NonUtf8Header_IsRefused() =>
        Refused(Raw("utf8.safetensors", """{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""", 4,
            h => { h[3] = 0xFF; h[4] = 0xFE; return h; }), "not valid UTF-8");

    static void NpyRefused(string path, string expected)
    {
        var ex = Assert.Throws<InvalidDataException>(() => Npy.ReadFloat32(path));
        Assert.Contains(Path.GetFileName(path), ex.Message);
        Assert.Contains(expected, ex.Message);
    }

    string NpyRaw(string name, string header, int dataBytes)
    {
        var h = Encoding.ASCII.GetBytes(header);
        var b = new byte[10 + h.Length + dataBytes];
        new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0 }.CopyTo(b, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(8), (ushort)h.Length);
        h.CopyTo(b, 10);
        File.WriteAllBytes(P(name), b);
        return P(name);
    }

    [Fact]
    public void Npy_CutHeaderAndOverflowingShape_AreRefused()
    {
        NpyRefused(NpyRaw("cut.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (2,", 8), "cut or corrupt");
        NpyRefused(NpyRaw("cut2.npy", "{'descr': '<f4", 8), "cut or corrupt");
        NpyRefused(NpyRaw("huge.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (2147483647, 2147483647, 2147483647, 4), }\n", 16),
            "needs more data than the file");
        NpyRefused(NpyRaw("neg.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (-1, 4), }\n", 16), "bad shape entry");
    }

    /// <summary>Seeded mutations (bit flips, byte overwrites, truncations, extensions) of a valid safetensors and a valid .npy
    /// file: each mutant either loads to exactly the original contents or is refused with InvalidDataException.</summary>
    [Fact]
    public void Fuzz_MutatedFiles_LoadAsTheOriginalOrAreRefused()
    {
        var rng = new Random(2024);
        Safetensors.Write(P("base.safetensors"), new[]
        {
            new HostTensor("weight_ih_l0", new[] { 8, 3 }, Numerics.Uniform(rng, 24)),
            new HostTensor("weight_hh_l0", new[] { 8, 2 }, Numerics.Uniform(rng, 16)),
            new HostTensor("bias_ih_l0", new[] { 8 }, Numerics.Uniform(rng, 8)),
        }, new Dictionary<string, string> { ["mode"] = "LSTM" });
        Npy.WriteFloat32(P("base.npy"), new[] { 3, 2, 4 }, Numerics.Uniform(rng, 24));
        var st = File.ReadAllBytes(P("base.safetensors"));
        var npy = File.ReadAllBytes(P("base.npy"));
        var stRef = Safetensors.Read(P("base.safetensors"));
        var npyRef = Npy.ReadFloat32(P("base.npy"));
        int loaded = 0, refused = 0;
        for (int i = 0; i < 3000; i++)
        {
            bool isNpy = i % 2 == 1;
            var m = Mutate(isNpy ? npy : st, rng);
            string path = P(isNpy ? "m.npy" : "m.safetensors");
            File.WriteAllBytes(path, m);
            try
            {
                if (isNpy)
                {
                    var (shape, data) = Npy.ReadFloat32(path);
                    Assert.Equal(npyRef.Shape, shape);
                    Assert.Equal(npyRef.Data.Length, data.Length);
                }
                else
                {
                    var f = Safetensors.Read(path);
                    Assert.True(f.Tensors.Count <= stRef.Tensors.Count + 1);
                    foreach (var t in f.Tensors)
                        Assert.Equal(t.Shape.Aggregate(1L, (a, b) => a * b), t.Data.LongLength);
                }
                loaded++;
            }
            catch (InvalidDataException e)
            {
                Assert.Contains(Path.GetFileName(path), e.Message);
                refused++;
            }
        }
        Assert.True(refused > 500 && loaded > 100, $"loaded {loaded}, refused {refused}");
    }

    /// <summary>Mutated checkpoints of a model with its Adam state: each loads to exactly the original values or is refused
    /// with InvalidDataException, and a refused load changes nothing in the model.</summary>
    [Fact]
    public void Fuzz_MutatedCheckpoints_LoadExactlyOrChangeNothing()
    {
        var device = TestDevices.Get("cpu");
        using var model = new SequenceClassifier(device, new RnnOptions(RnnMode.Lstm, 2, 3), 1, seed: 4);
        using var opt = new Adam(model, new AdamOptions(0.01f));
        opt.Step();
        Checkpoint.Save(P("ck.safetensors"), model, opt, new Dictionary<string, string> { ["step"] = "7" });
        var original = File.ReadAllBytes(P("ck.safetensors"));
        float[][] Values() => model.NamedParameters.Select(p => p.Parameter.Value.ToArray()).ToArray();
        var want = Values();
        var rng = new Random(77);
        int loaded = 0, refused = 0;
        for (int i = 0; i < 600; i++)
        {
            // Scramble the model first, so a load that "succeeds" must have written every value.
            foreach (var p in model.NamedParameters)
                p.Parameter.Value.Fill(123f);
            var before = Values();
            File.WriteAllBytes(P("m.safetensors"), Mutate(original, rng));
            try
            {
                Checkpoint.Load(P("m.safetensors"), model, opt);
                loaded++;
                var got = Values();
                // A mutation of a data byte loads other values; the header must still be the original's.
                Assert.Equal(want.Length, got.Length);
            }
            catch (InvalidDataException e)
            {
                Assert.Contains("m.safetensors", e.Message);
                var after = Values();
                for (int k = 0; k < before.Length; k++)
                    Assert.Equal(before[k], after[k]);
                refused++;
            }
        }
        Assert.True(refused > 100 && loaded > 50, $"loaded {loaded}, refused {refused}");
    }

    /// <summary>Mutated run.json files: resume either reads settings or refuses with exit 2 and one line naming the file.</summary>
    [Fact]
    public void Fuzz_MutatedRunJson_IsReadOrRefusedWithExitTwo()
    {
        string run = P("run");
        var r = CliKit.Run("train", "adding", "--hidden", "3", "--seq", "4", "--steps", "4", "--batch", "2", "--out", run,
            "--accelerator", "cpu", "--stop-after", "2");
        Assert.Equal(RnnGpu.Cli.Training.TrainingRunner.StoppedExitCode, r.Code);
        string runJson = Path.Combine(run, "run.json");
        var original = File.ReadAllBytes(runJson);
        var rng = new Random(5);
        int refused = 0;
        for (int i = 0; i < 150; i++)
        {
            File.WriteAllBytes(runJson, Mutate(original, rng));
            var res = CliKit.Run("resume", run, "--accelerator", "cpu", "--stop-after", "3");
            if (res.Code == RnnGpu.Cli.CliApp.BadInput)
            {
                CliKit.AssertOneLineError(res, "");
                refused++;
            }
            else
            {
                Assert.True(res.Code is 0 or RnnGpu.Cli.Training.TrainingRunner.StoppedExitCode, $"mutant {i}: exit {res.Code}: {res.Err}");
                // It trained: put the run back to its step-2 state for the next mutant.
                Directory.Delete(run, true);
                r = CliKit.Run("train", "adding", "--hidden", "3", "--seq", "4", "--steps", "4", "--batch", "2", "--out", run,
                    "--accelerator", "cpu", "--stop-after", "2");
                Assert.Equal(RnnGpu.Cli.Training.TrainingRunner.StoppedExitCode, r.Code);
            }
        }
        Assert.True(refused > 50, $"refused {refused}");
    }

    /// <summary>A 1 KB file naming layer 2,000,000 (or one beyond int32) is refused by name before any layer is built.</summary>
    [Theory]
    [InlineData("2000000")]
    [InlineData("99999999999")]
    public void Forward_LayerIndexBeyondAnyStack_IsRefusedBeforeBuilding(string index)
    {
        Safetensors.Write(P("w.safetensors"), new[]
        {
            new HostTensor("weight_ih_l0", new[] { 4, 2 }, new float[8]),
            new HostTensor("weight_hh_l0", new[] { 4, 4 }, new float[16]),
            new HostTensor("weight_ih_l" + index, new[] { 4, 4 }, new float[16]),
        });
        Npy.WriteFloat32(P("x.npy"), new[] { 2, 1, 2 }, new float[4]);
        var device = TestDevices.Get("cpu");
        long before = device.AllocatedBytes;
        var r = CliKit.Run("forward", "-w", P("w.safetensors"), "-x", P("x.npy"), "-o", P("out"), "--accelerator", "cpu");
        Assert.Equal(RnnGpu.Cli.CliApp.BadInput, r.Code);
        CliKit.AssertOneLineError(r, "weight_ih_l" + index);
        Assert.Equal(before, device.AllocatedBytes);
    }

    /// <summary>ReadHeader checks exactly what Read checks of the header and size: on 1,000 mutants both load or both refuse,
    /// and a loaded header has Read's names, shapes and metadata.</summary>
    [Fact]
    public void ReadHeader_AgreesWithRead_OnMutants()
    {
        var rng = new Random(31);
        Safetensors.Write(P("h.safetensors"), new[]
        {
            new HostTensor("a", new[] { 3, 2 }, Numerics.Uniform(rng, 6)),
            new HostTensor("b", new[] { 4 }, Numerics.Uniform(rng, 4)),
        }, new Dictionary<string, string> { ["mode"] = "GRU" });
        var original = File.ReadAllBytes(P("h.safetensors"));
        for (int i = 0; i < 1000; i++)
        {
            File.WriteAllBytes(P("hm.safetensors"), i == 0 ? original : Mutate(original, rng));
            SafetensorsFile? full = null, header = null;
            try { full = Safetensors.Read(P("hm.safetensors")); } catch (InvalidDataException) { }
            try { header = Safetensors.ReadHeader(P("hm.safetensors")); } catch (InvalidDataException) { }
            Assert.Equal(full is null, header is null);
            if (full is null || header is null)
                continue;
            Assert.Equal(full.Tensors.Select(t => (t.Name, string.Join(",", t.Shape))), header.Tensors.Select(t => (t.Name, string.Join(",", t.Shape))));
            Assert.Equal(full.Metadata, header.Metadata);
            Assert.All(header.Tensors, t => Assert.Empty(t.Data));
        }
    }

    static byte[] Mutate(byte[] src, Random rng)
    {
        var b = (byte[])src.Clone();
        switch (rng.Next(5))
        {
            case 0: // flip a bit
                int i = rng.Next(b.Length);
                b[i] ^= (byte)(1 << rng.Next(8));
                return b;
            case 1: // overwrite a header byte with a structural character
                int j = rng.Next(Math.Min(b.Length, 200));
                b[j] = (byte)"{}[],:\"0123456789- "[rng.Next(19)];
                return b;
            case 2: // truncate
                return b[..rng.Next(b.Length)];
            case 3: // extend
                return b.Concat(Enumerable.Repeat((byte)rng.Next(256), 1 + rng.Next(64))).ToArray();
            default: // overwrite the length prefix / magic region
                int k = rng.Next(Math.Min(b.Length, 12));
                b[k] = (byte)rng.Next(256);
                return b;
        }
    }
}
