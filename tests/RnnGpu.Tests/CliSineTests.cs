using RnnGpu.Cli;
using RnnGpu.Cli.Training;
using RnnGpu.IO;

using static RnnGpu.Tests.CliKit;

namespace RnnGpu.Tests;

/// <summary><c>rnngpu train sine</c> in-process at tiny sizes, its data generator and baselines, and bad input.</summary>
[Trait(Suites.Key, Suites.CpuOnly)]
public class CliSineTests
{
    static string TempDir() => Path.Combine(Path.GetTempPath(), "rnngpu-sine-" + Guid.NewGuid().ToString("N"));

    static string[] Tiny(string dir, params string[] extra) =>
        new[] { "train", "sine", "--hidden", "4", "--seq", "6", "--horizon", "3", "--steps", "5", "--batch", "3", "--seed", "2", "--out", dir }
            .Concat(extra.Contains("--accelerator") ? extra : extra.Concat(new[] { "--accelerator", "cpu" })).ToArray();

    [Fact]
    public void Sine_TinyRun_WritesRunFileMetricsCheckpointsAndPlots()
    {
        string dir = TempDir();
        try
        {
            var r = Run(Tiny(dir));
            Assert.True(r.Code == 0, r.Err);
            Assert.Equal("", r.Err);
            Assert.Contains("step 5/5", r.Out);
            Assert.Contains("GFLOP/s", r.Out);
            Assert.Contains("persistence", r.Out);
            Assert.Contains("many-to-many validation MSE", r.Out);
            Assert.Contains("many-to-one  validation MSE", r.Out);
            Assert.Contains("MSE by step ahead: 1: ", r.Out);
            Assert.Contains("verdict: ", r.Out);
            Assert.Contains("prediction_m2m.png", r.Out);

            AssertMetrics(dir, "step,m2m_loss,m2o_loss,m2m_grad_norm,m2o_grad_norm,m2m_valid_mse,m2o_valid_mse", 5);
            string runJson = File.ReadAllText(Path.Combine(dir, "run.json"));
            Assert.Contains("\"task\": \"sine\"", runJson);
            Assert.Contains("\"mode\": \"both\"", runJson);
            Assert.Contains("\"horizon\": \"3\"", runJson);
            Assert.Contains("\"noise\": \"0.1\"", runJson);

            // The checkpoints load back into models of the same shape: a tagger with one output, a classifier with horizon outputs.
            var dev = TestDevices.Get("cpu");
            using (var m2m = new SequenceTagger(dev, new RnnOptions(RnnMode.Lstm, 1, 4), 1))
            {
                using var opt = new Adam(m2m);
                var meta = Checkpoint.Load(Path.Combine(dir, "m2m.safetensors"), m2m, opt);
                Assert.Equal("sine", meta["task"]);
                Assert.Equal("5", meta["step"]);
                Assert.Equal("6", meta["setting.seq"]);
                Assert.Equal(5, opt.StepCount);
            }
            using (var m2o = new SequenceClassifier(dev, new RnnOptions(RnnMode.Lstm, 1, 4), 3))
            {
                using var opt = new Adam(m2o);
                Checkpoint.Load(Path.Combine(dir, "m2o.safetensors"), m2o, opt);
                Assert.Equal(5, opt.StepCount);
            }
            using (var wrong = new SequenceClassifier(dev, new RnnOptions(RnnMode.Lstm, 1, 4), 1))
                Assert.Throws<InvalidDataException>(() => Checkpoint.Load(Path.Combine(dir, "m2o.safetensors"), wrong));

            foreach (var png in new[] { "loss.png", "prediction_m2m.png", "prediction_m2o.png", "horizon_mse.png" })
                AssertPng(Path.Combine(dir, png));
        }
        finally
        {
            Delete(dir);
        }
    }

    [Fact]
    public void Sine_OneMode_TrainsOnlyThatModel()
    {
        string m2o = TempDir(), m2m = TempDir();
        try
        {
            // Many-to-one may read its window in both directions.
            var r = Run(Tiny(m2o, "--mode", "many-to-one", "--bidirectional", "--cell", "gru"));
            Assert.True(r.Code == 0, r.Err);
            AssertMetrics(m2o, "step,m2o_loss,m2o_grad_norm,m2o_valid_mse", 5);
            Assert.False(File.Exists(Path.Combine(m2o, "m2m.safetensors")));
            Assert.False(File.Exists(Path.Combine(m2o, "prediction_m2m.png")));
            Assert.DoesNotContain("many-to-many", r.Out);
            using (var model = new SequenceClassifier(TestDevices.Get("cpu"), new RnnOptions(RnnMode.Gru, 1, 4, Bidirectional: true), 3))
                Checkpoint.Load(Path.Combine(m2o, "m2o.safetensors"), model);
            AssertPng(Path.Combine(m2o, "prediction_m2o.png"));

            r = Run(Tiny(m2m, "--mode", "many-to-many", "--layers", "2"));
            Assert.True(r.Code == 0, r.Err);
            AssertMetrics(m2m, "step,m2m_loss,m2m_grad_norm,m2m_valid_mse", 5);
            Assert.False(File.Exists(Path.Combine(m2m, "m2o.safetensors")));
            Assert.False(File.Exists(Path.Combine(m2m, "horizon_mse.png")));
            using (var model = new SequenceTagger(TestDevices.Get("cpu"), new RnnOptions(RnnMode.Lstm, 1, 4, NumLayers: 2), 1))
                Checkpoint.Load(Path.Combine(m2m, "m2m.safetensors"), model);
            AssertPng(Path.Combine(m2m, "prediction_m2m.png"));
        }
        finally
        {
            Delete(m2o, m2m);
        }
    }

    [Fact]
    public void Sine_StopAndResume_ContinuesExactlyAsAnUninterruptedRun()
    {
        string whole = TempDir(), split = TempDir();
        try
        {
            string[] args = { "train", "sine", "--hidden", "5", "--seq", "7", "--horizon", "4", "--steps", "8", "--batch", "4", "--seed", "3", "--accelerator", "cpu" };
            // Same batches (a function of the seed and the step), same learning rate schedule, same optimizer state.
            AssertStopAndResumeMatch(args, whole, split, 8, "prediction_m2o.png");
            foreach (var f in new[] { "m2m.safetensors", "m2o.safetensors" })
                Assert.Equal(File.ReadAllBytes(Path.Combine(whole, f)), File.ReadAllBytes(Path.Combine(split, f)));
        }
        finally
        {
            Delete(whole, split);
        }
    }

    [Theory]
    [InlineData("--horizon", "0", "--horizon")]
    [InlineData("--noise", "-1", "--noise")]
    [InlineData("--noise", "NaN", "--noise")]
    [InlineData("--seq", "0", "--seq")]
    [InlineData("--hidden", "0", "--hidden")]
    [InlineData("--steps", "0", "--steps")]
    [InlineData("--batch", "-2", "--batch")]
    [InlineData("--lr", "0", "--lr")]
    [InlineData("--clip", "-1", "--clip")]
    [InlineData("--mode", "sideways", "sideways")]
    [InlineData("--cell", "banana", "banana")]
    [InlineData("--bidirectional", null, "see the future")]
    [InlineData("--accelerator", "tpu", "unknown accelerator")]
    public void Sine_BadInput_IsOneLine_AndWritesNothing(string option, string? value, string contains)
    {
        string dir = TempDir();
        try
        {
            var r = Run(Tiny(dir, value is null ? new[] { option } : new[] { option, value }));
            AssertOneLineError(r, contains);
            Assert.Equal(CliApp.BadInput, r.Code);
            Assert.False(Directory.Exists(dir));
        }
        finally
        {
            Delete(dir);
        }
    }

    [Fact]
    public void Sine_BidirectionalManyToMany_IsRefused()
    {
        string dir = TempDir();
        var r = Run(Tiny(dir, "--mode", "many-to-many", "--bidirectional"));
        AssertOneLineError(r, "--bidirectional needs --mode many-to-one");
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void SineData_IsTheSumOfItsSinusoids_PlusNoise_AndRepeatsPerSeed()
    {
        const int L = 40, B = 300;
        const double sigma = 0.2;
        var d = SineData.Draw(new Random(5), L, B, sigma);
        Assert.Equal(L * B, d.Clean.Length);
        Assert.Equal(L * B, d.Noisy.Length);
        Assert.Equal(B * SineData.Components, d.Waves.Length);
        foreach (var w in d.Waves)
        {
            Assert.InRange(w.Amplitude, SineData.MinAmplitude, SineData.MaxAmplitude);
            Assert.InRange(w.Frequency, SineData.MinFrequency, SineData.MaxFrequency);
            Assert.InRange(w.Phase, 0, 2 * Math.PI);
        }
        double sum = 0, sumSq = 0;
        for (int b = 0; b < B; b++)
            for (int t = 0; t < L; t++)
            {
                double clean = Enumerable.Range(0, SineData.Components).Sum(k => d.Waves[b * SineData.Components + k].At(t));
                Assert.Equal(clean, d.Clean[t * B + b], 1e-6);
                double e = d.Noisy[t * B + b] - (double)d.Clean[t * B + b];
                sum += e;
                sumSq += e * e;
            }
        // The noise is zero-mean with the requested standard deviation (12,000 draws: within a few percent).
        double n = L * B, mean = sum / n, sd = Math.Sqrt(sumSq / n - mean * mean);
        Assert.InRange(mean, -0.01, 0.01);
        Assert.InRange(sd, sigma * 0.96, sigma * 1.04);

        // The same generator state gives the same data; another gives other data.
        var again = SineData.Draw(new Random(5), L, B, sigma);
        Assert.Equal(d.Noisy, again.Noisy);
        Assert.Equal(d.Clean, again.Clean);
        Assert.NotEqual(d.Noisy, SineData.Draw(new Random(6), L, B, sigma).Noisy);

        // Without noise the input is the clean signal.
        var clean0 = SineData.Draw(new Random(5), L, 3, 0);
        Assert.Equal(clean0.Clean, clean0.Noisy);
    }

    [Fact]
    public void SineBatch_InputsAreNoisy_TargetsAreTheCleanValuesAfterThem()
    {
        const int T = 6, H = 3, B = 4;
        var d = SineData.Draw(new Random(9), T + H, B, 0.3);
        var x = d.Input(T);
        var next = d.NextClean(T);
        var cont = d.Continuation(T, H);
        Assert.Equal(T * B, x.Length);
        Assert.Equal(T * B, next.Length);
        Assert.Equal(B * H, cont.Length);
        for (int b = 0; b < B; b++)
        {
            double Wave(int t) => Enumerable.Range(0, SineData.Components).Sum(k => d.Waves[b * SineData.Components + k].At(t));
            for (int t = 0; t < T; t++)
            {
                Assert.Equal(d.Noisy[t * B + b], x[t * B + b]);
                Assert.NotEqual(d.Clean[t * B + b], x[t * B + b]);
                // Many-to-many: the row of step t holds the clean value of step t + 1.
                Assert.Equal(Wave(t + 1), next[t * B + b], 1e-6);
            }
            // Many-to-one: row b holds the clean values of steps T .. T + H - 1.
            for (int j = 0; j < H; j++)
                Assert.Equal(Wave(T + j), cont[b * H + j], 1e-6);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => d.Continuation(T, H + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => d.NextClean(T + H));
    }

    [Fact]
    public void SineBaselines_Persistence_RepeatsTheLastNoisyValue_AndTheLinearFitRecoversALinearRule()
    {
        const int T = 5, H = 2, B = 3;
        var d = SineData.Draw(new Random(4), T + H, B, 0.1);
        Assert.Equal(d.Input(T), SineBaselines.PersistenceNext(d, T));
        var p = SineBaselines.PersistenceContinuation(d, T, H);
        for (int b = 0; b < B; b++)
            for (int j = 0; j < H; j++)
                Assert.Equal(d.Noisy[(T - 1) * B + b], p[b * H + j]);

        // Data whose continuation is an exact linear rule of the last two inputs: the fitted predictor reproduces it.
        SineBatch Linear(int seed, int batch)
        {
            var rng = new Random(seed);
            var noisy = new float[(T + H) * batch];
            var clean = new float[(T + H) * batch];
            for (int b = 0; b < batch; b++)
            {
                for (int t = 0; t < T; t++)
                    noisy[t * batch + b] = (float)(rng.NextDouble() * 2 - 1);
                float last = noisy[(T - 1) * batch + b], before = noisy[(T - 2) * batch + b];
                clean[T * batch + b] = 2 * last - before + 0.5f;
                clean[(T + 1) * batch + b] = -0.25f * last;
            }
            return new SineBatch(T + H, batch, clean, noisy, Array.Empty<SineWave>());
        }
        var test = Linear(2, 10);
        var pred = SineBaselines.LinearContinuation(Linear(1, 200), test, T, H);
        var truth = test.Continuation(T, H);
        for (int i = 0; i < pred.Length; i++)
            Assert.Equal(truth[i], pred[i], 1e-4);
    }
}
