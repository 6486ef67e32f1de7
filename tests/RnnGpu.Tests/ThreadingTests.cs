namespace RnnGpu.Tests;

/// <summary>The threading contract (README, "Threads"): a <see cref="ComputeDevice"/> and everything on it may be used from
/// several threads; each operation holds the device, so concurrent calls run one after another and give exactly what they give
/// alone. Checked with two threads on one layer, on two layers sharing a device, and with training beside inference.</summary>
[Trait(Suites.Key, Suites.CpuOnly)]
public class ThreadingTests
{
    const int T = 12, B = 3, I = 5, H = 16;

    /// <summary>Runs per thread: the quick default, or RNNGPU_THREAD_RUNS for a soak (e.g. 1000).</summary>
    static int Runs(int quick) =>
        int.TryParse(Environment.GetEnvironmentVariable("RNNGPU_THREAD_RUNS"), out int n) && n > 0 ? n : quick;

    static float[] Input(int seed) => Numerics.Uniform(new Random(seed), T * B * I);

    static float[] Forward(RecurrentLayer layer, float[] x)
    {
        using var input = DeviceTensor.FromHost(layer.Device, x, T, B, I);
        using var o = layer.Forward(input);
        return o.Output.ToArray();
    }

    /// <summary>Runs <paramref name="work"/> on two threads at once, <paramref name="runs"/> times each; returns every failure.</summary>
    static List<string> TwoThreads(int runs, Func<int, int, string?> work)
    {
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        using var start = new Barrier(2);
        var threads = Enumerable.Range(0, 2).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            for (int r = 0; r < runs; r++)
            {
                try
                {
                    if (work(t, r) is { } f)
                        failures.Add(f);
                }
                catch (Exception e)
                {
                    failures.Add($"thread {t} run {r}: {e.GetType().Name}: {e.Message}");
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        foreach (var t in threads)
            Assert.True(t.Join(TimeSpan.FromMinutes(2)), "a thread hung");
        return failures.ToList();
    }

    [Theory]
    [InlineData(RnnMode.Lstm)]
    [InlineData(RnnMode.Gru)]
    public void OneLayer_TwoThreads_EveryOutputExact(RnnMode mode)
    {
        using var device = ComputeDevice.Create(new DeviceOptions(AcceleratorKind.Cpu, IgnoreEnvironment: true));
        using var layer = new RecurrentLayer(device, new RnnOptions(mode, I, H, 2, Seed: 3));
        var inputs = new[] { Input(1), Input(2) };
        var expected = inputs.Select(x => Forward(layer, x)).ToArray();
        var failures = TwoThreads(Runs(150), (t, r) => Forward(layer, inputs[t]).SequenceEqual(expected[t]) ? null : $"thread {t} run {r}: wrong output");
        Assert.Empty(failures);
    }

    [Fact]
    public void TwoLayersOnOneDevice_TrainingBesideInference_MatchTheirSingleThreadedRuns()
    {
        using var device = ComputeDevice.Create(new DeviceOptions(AcceleratorKind.Cpu, IgnoreEnvironment: true));
        using var a = new RecurrentLayer(device, new RnnOptions(RnnMode.Lstm, I, H, Seed: 5));
        using var b = new RecurrentLayer(device, new RnnOptions(RnnMode.Gru, I, H, 1, Bidirectional: true, Seed: 6));
        var x = Input(7);
        var expectedB = Forward(b, x);
        float[] TrainStep()
        {
            a.ZeroGrad();
            using var input = DeviceTensor.FromHost(device, x, T, B, I);
            using var o = a.Forward(input, training: true);
            using var g = a.Backward(o.Output);
            return a.Parameters[0].Grad.ToArray();
        }
        var expectedGrad = TrainStep();
        var failures = TwoThreads(Runs(60), (t, r) => t == 0
            ? (TrainStep().SequenceEqual(expectedGrad) ? null : $"run {r}: wrong gradient")
            : (Forward(b, x).SequenceEqual(expectedB) ? null : $"run {r}: wrong output"));
        Assert.Empty(failures);
    }

    [Fact]
    public void StreamsAndCopies_FromTwoThreads_StayExact()
    {
        using var device = ComputeDevice.Create(new DeviceOptions(AcceleratorKind.Cpu, IgnoreEnvironment: true));
        using var layer = new RecurrentLayer(device, new RnnOptions(RnnMode.Lstm, I, H, Seed: 9));
        var x = Input(11);
        var full = Forward(layer, x);
        var failures = TwoThreads(Runs(40), (t, r) =>
        {
            using var stream = layer.CreateStream(B);
            using var y = DeviceTensor.Uninitialized(device, B, H);
            for (int s = 0; s < T; s++)
            {
                using var step = DeviceTensor.FromHost(device, x.AsSpan(s * B * I, B * I), B, I);
                stream.Step(step, y);
                var got = y.ToArray();
                for (int k = 0; k < got.Length; k++)
                    if (Math.Abs(got[k] - full[s * B * H + k]) > 1e-5f)
                        return $"thread {t} run {r}: step {s} differs from the full forward";
            }
            return null;
        });
        Assert.Empty(failures);
    }
}
