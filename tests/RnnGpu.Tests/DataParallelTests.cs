using RnnGpu.Distributed;

namespace RnnGpu.Tests;

/// <summary>
/// The data-parallel building blocks on the CPU accelerator: the shard split, the deterministic rank-order sum and broadcast of
/// <see cref="LocalGroup"/>, and <see cref="DataParallel.Step{TInput}"/> with two replicas (one thread and one device each)
/// against one process on the same global batch: losses and gradient norms within 1e-6, parameters within 1e-5 (the
/// weight-gradient GEMMs add the batch rows in another order), the two replicas' parameters identical to the bit.
/// </summary>
public sealed class DataParallelTests
{
    [Fact]
    public void Shard_SplitsContiguouslyInRankOrder_FirstRemainderRanksTakeOneMore()
    {
        Assert.Equal((0, 4), DataParallel.Shard(10, 0, 3));
        Assert.Equal((4, 3), DataParallel.Shard(10, 1, 3));
        Assert.Equal((7, 3), DataParallel.Shard(10, 2, 3));
        Assert.Equal((0, 32), DataParallel.Shard(32, 0, 1));
        var e = Assert.Throws<ArgumentException>(() => DataParallel.Shard(1, 0, 2));
        Assert.Contains("cannot be split over 2 replicas", e.Message);
        Assert.Throws<ArgumentException>(() => DataParallel.Shard(8, 2, 2));
    }

    /// <summary>Runs <paramref name="body"/> as every replica of a new group, one thread each; rethrows the first failure.</summary>
    static T[] OnReplicas<T>(int size, Func<ICommunicator, T> body)
    {
        using var group = new LocalGroup(size);
        var results = new T[size];
        var errors = new Exception?[size];
        var threads = Enumerable.Range(0, size).Select(r => new Thread(() =>
        {
            try
            {
                results[r] = body(group[r]);
            }
            catch (Exception e)
            {
                errors[r] = e;
                group.Cancel();
            }
        })).ToArray();
        foreach (var t in threads)
            t.Start();
        foreach (var t in threads)
            t.Join();
        if (errors.FirstOrDefault(e => e is not null and not OperationCanceledException) is { } first)
            throw first;
        return results;
    }

    [Fact]
    public void SumInRankOrder_AddsInRankOrderInChunks_EveryReplicaGetsTheSameBits()
    {
        // ((1e8 + 1) + -1e8) = 0 in float32, any other order gives 1: the order is visible. Length 7 over 3 replicas: uneven chunks.
        float[] Values(int r) => Enumerable.Range(0, 7).Select(i => r switch { 0 => 1e8f, 1 => 1f + i % 3, _ => -1e8f }).ToArray();
        var sums = OnReplicas(3, c =>
        {
            var data = Values(c.Rank);
            c.SumInRankOrder(data);
            Assert.Equal(1, c.Counters.Reductions);
            Assert.Equal(CommunicationCounters.SumBytesPerReplica(7, 3), c.Counters.ReduceBytesSent);
            return data;
        });
        for (int i = 0; i < 7; i++)
        {
            float expected = (Values(0)[i] + Values(1)[i]) + Values(2)[i];
            Assert.Equal(0f, expected);
            foreach (var s in sums)
                Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(s[i]));
        }
        Assert.Equal(2L * 2 * 3 * 4, CommunicationCounters.SumBytesPerReplica(7, 3)); // 2 (N-1) chunks of ceil(7/3) floats
    }

    [Fact]
    public void Broadcast_CopiesTheRootsBytesAndText_CancelEndsWaitingReplicas()
    {
        var got = OnReplicas(3, c =>
        {
            long v = c.Broadcast(c.Rank == 1 ? 42L : -1L, root: 1);
            string s = c.Broadcast(c.Rank == 0 ? "settings ü" : null);
            return (v, s);
        });
        Assert.All(got, g => Assert.Equal((42L, "settings ü"), g));

        using var group = new LocalGroup(2);
        group.Cancel();
        Assert.Throws<OperationCanceledException>(() => group[0].SumInRankOrder(new float[3]));
        Assert.Throws<ArgumentException>(() => new LocalGroup(0));
    }

    [Fact]
    public void MeanOver_NotPositive_IsRefused()
    {
        var dev = TestDevices.Get("cpu");
        using var x = DeviceTensor.FromHost(dev, new[] { 1f, 2f }, 2);
        using var y = DeviceTensor.FromHost(dev, new[] { 0f, 0f }, 2);
        using var dx = DeviceTensor.Uninitialized(dev, 2);
        var e = Assert.Throws<ArgumentException>(() => Losses.Mse(x, y, dx, meanOver: 0f));
        Assert.Contains("meanOver", e.Message);
        // meanOver = the global count: the shard's share of the global mean, its gradient 2 (x - y) / count.
        using var l = Losses.Mse(x, y, dx, meanOver: 4f);
        Assert.Equal(5f / 4f, l.Read());
        Assert.Equal(new[] { 0.5f, 1f }, dx.ToArray());
    }

    const int T = 5, B = 6, In = 3, H = 8, Out = 2, Steps = 4;

    static (float[] X, float[] Y) Batch(int step)
    {
        var rng = new Random(100 + step);
        var x = Enumerable.Range(0, T * B * In).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        var y = Enumerable.Range(0, B * Out).Select(_ => (float)rng.NextDouble()).ToArray();
        return (x, y);
    }

    static SequenceClassifier Model(ComputeDevice dev) =>
        new(dev, new RnnOptions(RnnMode.Lstm, In, H, NumLayers: 1, Bidirectional: true, Seed: 7), Out, seed: 8);

    [Fact]
    public void TwoReplicas_MatchOneProcessWithin1e6_AndHoldIdenticalParameters()
    {
        var dev = TestDevices.Get("cpu");
        var single = new List<(float Loss, float Norm)>();
        float[] singleParams;
        using (var model = Model(dev))
        using (var adam = new Adam(model, new AdamOptions(0.01f)))
        {
            for (int s = 1; s <= Steps; s++)
            {
                var (x, y) = Batch(s);
                using var tx = DeviceTensor.FromHost(dev, x, T, B, In);
                using var ty = DeviceTensor.FromHost(dev, y, B, Out);
                var r = Trainer.Step(model, tx, (p, dp) => Losses.Mse(p, ty, dp), adam, clip: 0.5f);
                single.Add((r.Loss, r.GradNorm!.Value));
            }
            singleParams = model.NamedParameters.SelectMany(p => p.Parameter.Value.ToArray()).ToArray();
        }

        var replicas = OnReplicas(2, c =>
        {
            // Replica 1 starts from other weights: the broadcast of replica 0's must replace them.
            using var d = ComputeDevice.Create(new DeviceOptions(AcceleratorKind.Cpu, IgnoreEnvironment: true));
            using var model = c.Rank == 0 ? Model(d)
                : new SequenceClassifier(d, new RnnOptions(RnnMode.Lstm, In, H, NumLayers: 1, Bidirectional: true, Seed: 99), Out, seed: 98);
            using var adam = new Adam(model, new AdamOptions(0.01f));
            DataParallel.Broadcast(c, model, adam);
            var results = new List<(float Loss, float Norm)>();
            var (start, count) = DataParallel.Shard(B, c.Rank, c.Size);
            for (int s = 1; s <= Steps; s++)
            {
                var (x, y) = Batch(s);
                var xs = new float[T * count * In];
                for (int t = 0; t < T; t++)
                    Array.Copy(x, (t * B + start) * In, xs, t * count * In, count * In);
                using var tx = DeviceTensor.FromHost(d, xs, T, count, In);
                using var ty = DeviceTensor.FromHost(d, y.AsSpan(start * Out, count * Out), count, Out);
                var r = DataParallel.Step(c, model, tx, (p, dp) => Losses.Mse(p, ty, dp, meanOver: B * Out), adam, clip: 0.5f);
                results.Add((r.Loss, r.GradNorm!.Value));
            }
            return (results, model.NamedParameters.SelectMany(p => p.Parameter.Value.ToArray()).ToArray());
        });

        Assert.Equal(replicas[0].Item2, replicas[1].Item2); // bit for bit (float equality of every element)
        Assert.Equal(replicas[0].results, replicas[1].results);
        for (int s = 0; s < Steps; s++)
        {
            Assert.True(Math.Abs(single[s].Loss - replicas[0].results[s].Loss) <= 1e-6 * Math.Max(1, Math.Abs(single[s].Loss)), $"loss at step {s + 1}");
            Assert.True(Math.Abs(single[s].Norm - replicas[0].results[s].Norm) <= 1e-6 * Math.Max(1, single[s].Norm), $"norm at step {s + 1}");
        }
        // Adam divides each gradient by its own running RMS, so the last-bit difference of a tiny gradient becomes a relative
        // difference of its update: after 4 steps of lr 0.01 the parameters agree within 1e-5 (3.4e-6 measured).
        double maxDiff = singleParams.Zip(replicas[0].Item2, (a, b) => Math.Abs(a - (double)b)).Max();
        Assert.True(maxDiff <= 1e-5, $"parameters differ by up to {maxDiff:G3}");
    }
}
