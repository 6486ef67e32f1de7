using RnnGpu.Kernels;

namespace RnnGpu.Tests;

/// <summary>
/// Writes to parameters reach every recurrence algorithm's derived W_hh layout and the cached W_ih^T through
/// <see cref="DeviceTensor.Version"/>, with no call to tell the layer: a layer whose parameters were overwritten after
/// a first forward computes what a fresh layer built with those values computes.
/// </summary>
public class ParameterVersionTests
{
    public static IEnumerable<object[]> Cases() =>
        from d in TestDevices.All
        from m in new[] { RnnMode.Lstm, RnnMode.Gru, RnnMode.RnnTanh }
        from a in new[] { RecurrenceAlgorithm.FusedStep, RecurrenceAlgorithm.RowStep, RecurrenceAlgorithm.TiledStep }
        select new object[] { d[0], m, a };

    [Theory]
    [MemberData(nameof(Cases))]
    public void OverwrittenParameters_AreSeenByTheNextForward(string deviceName, RnnMode mode, RecurrenceAlgorithm algorithm)
    {
        var device = TestDevices.Get(deviceName);
        var rng = new Random(12);
        var options = new RnnOptions(mode, 3, 5, 2, Bidirectional: true, Seed: 1, Algorithm: algorithm);
        using var layer = new RecurrentLayer(device, options);
        using var fresh = new RecurrentLayer(device, options with { Seed = 2 });
        using var x = DeviceTensor.FromHost(device, Numerics.Uniform(rng, 4 * 2 * 3), 4, 2, 3);
        using (layer.Forward(x)) { }                       // builds the layouts from the first values
        long before = layer["weight_hh_l0"].Value.Version;
        // Overwrite every parameter of the used layer with the fresh layer's values, through the tensor API only.
        foreach (var p in layer.Parameters)
            p.Value.CopyFrom(fresh[p.Name].Value);
        Assert.True(layer["weight_hh_l0"].Value.Version > before);
        using var a = layer.Forward(x);
        using var b = fresh.Forward(x);
        // The row and tiled steps run where groups of their size fit (not on the plain CPU accelerator): else the default,
        // with the reason.
        int group = algorithm switch
        {
            RecurrenceAlgorithm.RowStep => RnnKernels.RowStepGroup,
            RecurrenceAlgorithm.TiledStep => RnnKernels.TiledStepGroup,
            _ => 1,
        };
        if (device.MaxGroupSize < group)
            Assert.Contains($"the {algorithm} kernel needs groups of {group} threads", layer.LastAlgorithmReason);
        else
            Assert.Equal(algorithm, layer.LastAlgorithm);
        Assert.Equal(b.Output.ToArray(), a.Output.ToArray());
        Assert.Equal(b.HN.ToArray(), a.HN.ToArray());
    }

    [Fact]
    public void Views_ShareTheVersionOfTheirBuffer_AndOptimizerStepsAdvanceIt()
    {
        var device = TestDevices.Get("cpu");
        using var t = DeviceTensor.Zeros(device, 4, 3);
        var view = t.Reshape(12);
        long v0 = t.Version;
        view.Fill(1f);
        Assert.True(t.Version > v0);
        Assert.Equal(t.Version, view.Version);
        long v1 = t.Version;
        t.MarkModified();
        Assert.True(view.Version > v1);

        using var layer = new RecurrentLayer(device, new RnnOptions(RnnMode.Lstm, 2, 3));
        using var opt = new Sgd(layer, new SgdOptions(0.1f));
        long w = layer["weight_hh_l0"].Value.Version;
        opt.Step();
        Assert.True(layer["weight_hh_l0"].Value.Version > w);
    }

    [Fact]
    public void Init_RefusesWhatDoesNotFitTheLayer()
    {
        var device = TestDevices.Get("cpu");
        using var noBias = new RecurrentLayer(device, new RnnOptions(RnnMode.Lstm, 2, 3, Bias: false));
        var ex = Assert.Throws<ArgumentException>(() => Init.Apply(noBias, new RnnInit(ForgetBias: 1f)));
        Assert.Contains("Bias: false", ex.Message);
        using var proj = new RecurrentLayer(device, new RnnOptions(RnnMode.Lstm, 2, 4, ProjSize: 2));
        ex = Assert.Throws<ArgumentException>(() => Init.Apply(proj, new RnnInit(OrthogonalRecurrent: true)));
        Assert.Contains("ProjSize 2", ex.Message);
    }
}
