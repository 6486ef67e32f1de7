namespace RnnGpu.Tests;

/// <summary>"A training loop of fixed shapes allocates nothing after its first step" (README): counted with
/// <see cref="ComputeDevice.RawAllocations"/>, the buffers taken from the accelerator itself rather than from the caching
/// allocator, over loops as a user writes them: class targets uploaded each step or refilled in place, token ids, variable
/// lengths, clipping, a held-out forward.</summary>
[Trait(Suites.Key, Suites.CpuOnly)]
public class AllocationTests
{
    const int T = 7, B = 5, I = 3, H = 8;

    static ComputeDevice NewCpu() => ComputeDevice.Create(new DeviceOptions(AcceleratorKind.Cpu, IgnoreEnvironment: true));

    /// <summary>Raw allocations of steps 3..6 of a loop whose step 1 and 2 warm it up.</summary>
    static long SteadyAllocations(ComputeDevice device, Action<int> step)
    {
        step(1);
        step(2);
        long before = device.RawAllocations;
        for (int s = 3; s <= 6; s++)
            step(s);
        return device.RawAllocations - before;
    }

    [Fact]
    public void ClassifierLoop_WithTargetsUploadedEachStep_AllocatesNothingRawAfterWarmUp()
    {
        using var device = NewCpu();
        using var model = new SequenceClassifier(device, new RnnOptions(RnnMode.Lstm, I, H, 2, Bidirectional: true), 3, seed: 1);
        using var adam = new Adam(model);
        var parameters = model.NamedParameters.Select(p => p.Parameter).ToArray();
        var lengths = new[] { 7, 3, 5, 1, 7 };
        long raw = SteadyAllocations(device, s =>
        {
            using var scope = DeviceTensor.NewDisposeScope();
            var rng = new Random(s);
            var x = DeviceTensor.FromHost(device, Numerics.Uniform(rng, T * B * I), T, B, I);
            using var y = DeviceIndices.FromHost(device, Enumerable.Range(0, B).Select(_ => rng.Next(3)).ToArray(), B);
            model.ZeroGrad();
            var logits = model.Forward(x, lengths, training: true);
            using var loss = Losses.CrossEntropy(logits, y);
            model.Backward(loss.Gradient);
            GradClip.ByNormAndRead(parameters, 1f);
            adam.Step();
            _ = loss.Read();
            _ = Metrics.Accuracy(model.Forward(x), y);
        });
        Assert.Equal(0, raw);
    }

    [Fact]
    public void TokenLoop_WithIdsRefilledInPlace_AllocatesNothingRawAfterWarmUp()
    {
        using var device = NewCpu();
        const int V = 11;
        using var model = new Sequential(new Embedding(device, V, I, seed: 2),
            new RecurrentLayer(device, new RnnOptions(RnnMode.Gru, I, H, Seed: 3)), new Linear(device, H, V, seed: 4));
        using var adam = new Adam(model);
        using var ids = DeviceIndices.Uninitialized(device, T, B);
        using var targets = DeviceIndices.Uninitialized(device, T * B);
        long raw = SteadyAllocations(device, s =>
        {
            var rng = new Random(s);
            ids.CopyFromHost(Enumerable.Range(0, T * B).Select(_ => rng.Next(V)).ToArray());
            targets.CopyFromHost(Enumerable.Range(0, T * B).Select(_ => rng.Next(V)).ToArray());
            var r = Trainer.Step(model, ids, (y, dy) => Losses.CrossEntropy(y.Reshape(T * B, V), targets, dy.Reshape(T * B, V)), adam, clip: 1f);
            Assert.True(float.IsFinite(r.Loss));
        });
        Assert.Equal(0, raw);
    }

    [Fact]
    public void IndicesRefill_ChecksItsLength()
    {
        using var device = NewCpu();
        using var ids = DeviceIndices.Uninitialized(device, 2, 3);
        ids.CopyFromHost(new[] { 1, 2, 3, 4, 5, 6 });
        Assert.Equal(new[] { 1, 2, 3, 4, 5, 6 }, ids.ToArray());
        var e = Assert.Throws<ArgumentException>(() => ids.CopyFromHost(new[] { 1, 2 }));
        Assert.Contains("(2, 3)", e.Message);
    }
}
