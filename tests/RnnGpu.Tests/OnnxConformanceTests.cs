using RnnGpu.Cli;
using RnnGpu.IO;

namespace RnnGpu.Tests;

/// <summary>
/// ONNX's own backend conformance cases for LSTM, GRU and RNN (Fixtures/onnx/conformance, written by make_conformance.py from
/// the case definitions and numpy references that ship with Debian's python3-onnx; weights as initializers), each run
/// through <c>rnngpu forward</c> and compared with ONNX's expected outputs: all 12, the cells PyTorch lacks (GRU with
/// <c>linear_before_reset = 0</c>, ONNX's default, and LSTM peepholes) included.
/// </summary>
[Trait(Suites.Key, Suites.CpuOnly)]
public sealed class OnnxConformanceTests : IDisposable
{
    readonly string dir = Path.Combine(Path.GetTempPath(), "rnngpu-conformance-" + Guid.NewGuid().ToString("N"));

    public OnnxConformanceTests() => Directory.CreateDirectory(dir);

    public void Dispose() => Directory.Delete(dir, recursive: true);

    static string Case(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "onnx", "conformance", name);

    /// <summary>The rnngpu forward command line of a case: its model and X, and its lengths when it has them.</summary>
    static string[] Forward(string name, string outDir)
    {
        string c = Case(name);
        var args = new List<string> { "forward", "--weights", Path.Combine(c, "model.onnx"), "--input", Path.Combine(c, "X.npy"), "--out", outDir, "--accelerator", "cpu" };
        if (File.Exists(Path.Combine(c, "lengths.npy")))
            args.AddRange(new[] { "--lengths", Path.Combine(c, "lengths.npy") });
        return args.ToArray();
    }

    /// <summary>What each expected output of ONNX is called in rnngpu forward's output folder.</summary>
    static readonly (string Onnx, string Ours)[] Files = { ("Y", "output"), ("Y_h", "h_n"), ("Y_c", "c_n") };

    [Theory]
    [InlineData("test_lstm_defaults")]
    [InlineData("test_lstm_with_initial_bias")]
    [InlineData("test_lstm_batchwise")]
    [InlineData("test_simple_rnn_defaults")]
    [InlineData("test_simple_rnn_with_initial_bias")]
    [InlineData("test_simple_rnn_batchwise")]
    [InlineData("test_rnn_seq_length")]
    [InlineData("test_lstm_with_peepholes")]
    [InlineData("test_gru_defaults")]
    [InlineData("test_gru_with_initial_bias")]
    [InlineData("test_gru_seq_length")]
    [InlineData("test_gru_batchwise")]
    public void Case_MatchesOnnxsExpectedOutputs_ThroughRnngpuForward(string name)
    {
        string c = Case(name), outDir = Path.Combine(dir, name);
        var r = CliKit.Run(Forward(name, outDir));
        Assert.True(r.Code == CliApp.Success, $"{name}: {r.Err}");
        int compared = 0;
        foreach (var (onnx, ours) in Files)
        {
            string expected = Path.Combine(c, onnx + ".npy");
            if (!File.Exists(expected))
                continue;
            var (es, e) = Npy.ReadFloat32(expected);
            var (gs, g) = Npy.ReadFloat32(Path.Combine(outDir, ours + ".npy"));
            Assert.True(es.SequenceEqual(gs), $"{name} {onnx}: shape {Shapes.Format(gs)}, ONNX's {Shapes.Format(es)}");
            double worst = e.Zip(g, (a, b) => Math.Abs(a - b)).Max();
            Assert.True(worst <= 1e-5, $"{name} {onnx}: largest difference {worst:E2} from ONNX's expected output");
            compared++;
        }
        Assert.True(compared > 0, $"{name}: no expected output compared");
    }
}
