using RnnGpu.Kernels;

namespace RnnGpu.Tests;

[Trait(Suites.Tier, Suites.Kernels)]
public class GemmTests
{
    static readonly (int M, int N, int K)[] Sizes =
    {
        (1, 1, 1), (7, 33, 1), (33, 7, 129), (129, 33, 7), (1, 129, 33), (65, 64, 17), (130, 257, 9),
        (260, 9, 300), // A^T B with M*K above 65536: RowBlocked transposes A first
    };

    /// <summary>Every GEMM variant that can run on each device.</summary>
    public static IEnumerable<object[]> DeviceVariants()
    {
        foreach (var d in TestDevices.All)
        {
            string name = (string)d[0];
            IEnumerable<GemmVariant> variants = name switch
            {
                "cpu" or "cpu:0" => new[] { GemmVariant.Auto, GemmVariant.CpuBlocked },
                TestDevices.CpuSim => new[] { GemmVariant.Tiled, GemmVariant.RowBlocked },
                _ => new[] { GemmVariant.Auto, GemmVariant.Tiled, GemmVariant.RowBlocked },
            };
            foreach (var v in variants)
                yield return new object[] { name, v };
        }
    }

    [Theory]
    [MemberData(nameof(DeviceVariants))]
    public void MatchesReference_AllTransposes_OddSizes_Epilogues(string deviceName, GemmVariant variant)
    {
        var device = TestDevices.Get(deviceName);
        var rng = new Random(1234);
        foreach (var (m, n, k) in Sizes)
        foreach (bool ta in new[] { false, true })
        foreach (bool tb in new[] { false, true })
        foreach (int epilogue in new[] { 0, 1, 2, 3 })
        {
            // 0: plain product, C write-only (poisoned with NaN); 1: + bias; 2: alpha, beta = 1 (accumulate) + bias;
            // 3: alpha, beta = 0.5, no bias (each of RowBlocked's four full-tile epilogues).
            float alpha = epilogue == 2 ? 0.75f : epilogue == 3 ? 1.25f : 1f, beta = epilogue == 2 ? 1f : epilogue == 3 ? 0.5f : 0f;
            bool hasBias = epilogue is 1 or 2;
            float[] a = Numerics.Uniform(rng, m * k), b = Numerics.Uniform(rng, k * n);
            float[] c0 = Numerics.Uniform(rng, m * n), bias = Numerics.Uniform(rng, n);
            using var ta_ = DeviceTensor.FromHost(device, a, ta ? k : m, ta ? m : k);
            using var tb_ = DeviceTensor.FromHost(device, b, tb ? n : k, tb ? k : n);
            using var tc = DeviceTensor.FromHost(device, c0, m, n);
            using var tbias = DeviceTensor.FromHost(device, bias, n);
            if (beta == 0f)
                tc.Fill(float.NaN);
            Blas.Gemm(ta_, tb_, tc, ta, tb, alpha, beta, hasBias ? tbias : null, variant);

            var p = new GemmArgs(m, n, k, ta, ta ? m : k, tb, tb ? k : n, n, alpha, beta, hasBias);
            var reference = Numerics.ToDouble(c0);
            Reference.Gemm(a, b, reference, bias, p);
            Numerics.AssertClose(tc.ToArray(), reference, 1e-5,
                $"{deviceName} {variant} M={m} N={n} K={k} transA={ta} transB={tb} epilogue={epilogue}");
        }
    }

    /// <summary>The CPU accelerator's GEMM is host SIMD code: asked for elsewhere, a clear error before any kernel loads.</summary>
    /// <summary>The plain CPU accelerator runs groups of one thread only (a larger group would start threads that every
    /// later launch wakes): the grouped GEMM variants are refused there by name, before anything launches, and a layer
    /// asked for the row or tiled step runs the fused step and says why.</summary>
    [Fact]
    public void PlainCpuAccelerator_GroupsOfOne_GroupedKernelsRefused()
    {
        var device = TestDevices.Get("cpu");
        Assert.Equal(1, device.MaxGroupSize);
        Assert.Equal(1, device.Info.MaxGroupSize);
        using var a = DeviceTensor.FromHost(device, new float[] { 1, 2, 3, 4 }, 2, 2);
        using var c = DeviceTensor.Uninitialized(device, 2, 2);
        foreach (var (v, threads) in new[] { (GemmVariant.Tiled, GemmKernels.TiledGroupSize), (GemmVariant.RowBlocked, GemmKernels.RowGroupN) })
        {
            var ex = Assert.Throws<ArgumentException>(() => Blas.Gemm(a, a, c, variant: v));
            Assert.Contains($"GEMM variant {v} launches groups of {threads} threads", ex.Message);
            Assert.Contains("groups of one", ex.Message);
        }
        using var layer = new RecurrentLayer(device, new RnnOptions(RnnMode.Lstm, 2, 8, Seed: 1)) { Algorithm = RecurrenceAlgorithm.RowStep };
        using var x = DeviceTensor.FromHost(device, new float[3 * 2 * 2], 3, 2, 2);
        using (layer.Forward(x)) { }
        Assert.Contains($"needs groups of {RnnKernels.RowStepGroup} threads, this device allows 1", layer.LastAlgorithmReason);
    }

    [Theory]
    [MemberData(nameof(TestDevices.Real), MemberType = typeof(TestDevices))]
    public void CpuBlocked_OffTheCpuAccelerator_IsRefused(string deviceName)
    {
        var device = TestDevices.Get(deviceName);
        using var a = DeviceTensor.FromHost(device, new float[] { 1, 2, 3, 4 }, 2, 2);
        using var c = DeviceTensor.Uninitialized(device, 2, 2);
        if (device.Kind == AcceleratorKind.Cpu)
        {
            Blas.Gemm(a, a, c, variant: GemmVariant.CpuBlocked);
            Assert.Equal(new float[] { 7, 10, 15, 22 }, c.ToArray());
            return;
        }
        var ex = Assert.Throws<ArgumentException>(() => Blas.Gemm(a, a, c, variant: GemmVariant.CpuBlocked));
        Assert.Contains("CPU accelerator only", ex.Message);
    }

    [Theory]
    [MemberData(nameof(TestDevices.Real), MemberType = typeof(TestDevices))]
    public void LargeProduct_MatchesReference(string deviceName)
    {
        var device = TestDevices.Get(deviceName);
        var rng = new Random(7);
        const int m = 129, n = 257, k = 300;
        float[] a = Numerics.Uniform(rng, m * k), b = Numerics.Uniform(rng, k * n);
        using var ta = DeviceTensor.FromHost(device, a, m, k);
        using var tb = DeviceTensor.FromHost(device, b, k, n);
        using var tc = DeviceTensor.Uninitialized(device, m, n);
        tc.Fill(float.NaN);
        Blas.Gemm(ta, tb, tc);
        var reference = new double[m * n];
        Reference.Gemm(a, b, reference, default, new GemmArgs(m, n, k, false, k, false, n, n, 1f, 0f, false));
        Numerics.AssertClose(tc.ToArray(), reference, 1e-5, deviceName);
    }

    [Fact]
    public void Reference_MatchesNaiveDefinition()
    {
        // The reference itself, against the textbook triple loop on a transposed case.
        var rng = new Random(3);
        const int m = 3, n = 4, k = 5;
        float[] a = Numerics.Uniform(rng, k * m), b = Numerics.Uniform(rng, n * k);
        var c = new double[m * n];
        Reference.Gemm(a, b, c, default, new GemmArgs(m, n, k, true, m, true, k, n, 2f, 0f, false));
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int l = 0; l < k; l++)
                    s += (double)a[l * m + i] * b[j * k + l];
                Assert.Equal(2 * s, c[i * n + j], 12);
            }
    }

    [Fact]
    public void MismatchedInnerDimensions_Throw_NamingShapes()
    {
        var device = TestDevices.Get("cpu");
        using var a = DeviceTensor.Zeros(device, 3, 4);
        using var b = DeviceTensor.Zeros(device, 5, 6);
        using var c = DeviceTensor.Zeros(device, 3, 6);
        var ex = Assert.Throws<ArgumentException>(() => Blas.Gemm(a, b, c));
        Assert.Contains("(3, 4)", ex.Message);
        Assert.Contains("(5, 6)", ex.Message);
    }

    [Fact]
    public void WrongOutputShape_Throws_NamingShapes()
    {
        var device = TestDevices.Get("cpu");
        using var a = DeviceTensor.Zeros(device, 3, 4);
        using var b = DeviceTensor.Zeros(device, 6, 4);
        using var c = DeviceTensor.Zeros(device, 6, 3);
        var ex = Assert.Throws<ArgumentException>(() => Blas.Gemm(a, b, c, transB: true));
        Assert.Contains("(6, 3)", ex.Message);
        Assert.Contains("expected (3, 6)", ex.Message);
    }

    [Fact]
    public void WrongBiasShape_Throws()
    {
        var device = TestDevices.Get("cpu");
        using var a = DeviceTensor.Zeros(device, 3, 4);
        using var b = DeviceTensor.Zeros(device, 4, 5);
        using var c = DeviceTensor.Zeros(device, 3, 5);
        using var bias = DeviceTensor.Zeros(device, 3);
        var ex = Assert.Throws<ArgumentException>(() => Blas.Gemm(a, b, c, bias: bias));
        Assert.Contains("bias", ex.Message);
        Assert.Contains("(3)", ex.Message);
        Assert.Contains("expected (5)", ex.Message);
    }

    [Fact]
    public void WrongRank_Throws()
    {
        var device = TestDevices.Get("cpu");
        using var a = DeviceTensor.Zeros(device, 12);
        using var b = DeviceTensor.Zeros(device, 4, 5);
        using var c = DeviceTensor.Zeros(device, 3, 5);
        var ex = Assert.Throws<ArgumentException>(() => Blas.Gemm(a, b, c));
        Assert.Contains("rank 2", ex.Message);
    }

    [Fact]
    public void DisposedOperand_Throws()
    {
        var device = TestDevices.Get("cpu");
        using var a = DeviceTensor.Zeros(device, 3, 4);
        var b = DeviceTensor.Zeros(device, 4, 5);
        using var c = DeviceTensor.Zeros(device, 3, 5);
        b.Dispose();
        Assert.Throws<ObjectDisposedException>(() => Blas.Gemm(a, b, c));
    }
}
