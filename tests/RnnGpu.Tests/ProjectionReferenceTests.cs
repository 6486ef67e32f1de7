using RnnGpu.Kernels;

namespace RnnGpu.Tests;

/// <summary>
/// The float64 reference with PyTorch's LSTM proj_size and bias=False: gradients against central finite
/// differences of its own forward, equivalence with the plain model where the options are neutral, and the
/// bad-input twins.
/// </summary>
public class ProjectionReferenceTests
{
    const int L = 2, T = 4, B = 3, I = 5, H = 7;
    static readonly int[] Lengths = { 4, 2, 3 };

    static double[] Vec(Random rng, int n) => Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 2 - 1).ToArray();

    /// <summary>Weights for L layers, D directions; R = P with a projection, else H.</summary>
    internal static RnnRefWeights[] Weights(Random rng, RnnMode cell, int layers, int d, int inputSize, int h, int p, bool bias)
    {
        int g = CellSpec.Of(cell).Gates, r = p > 0 ? p : h;
        return Enumerable.Range(0, layers * d).Select(ld => new RnnRefWeights(
            Vec(rng, g * h * (ld < d ? inputSize : d * r)), Vec(rng, g * h * r),
            bias ? Vec(rng, g * h) : Array.Empty<double>(), bias ? Vec(rng, g * h) : Array.Empty<double>(),
            p > 0 ? Vec(rng, p * h) : null)).ToArray();
    }

    [Theory]
    [InlineData(RnnMode.Lstm, 3, true)]
    [InlineData(RnnMode.Lstm, 3, false)]
    [InlineData(RnnMode.Lstm, 1, false)]
    [InlineData(RnnMode.Lstm, 0, false)]
    [InlineData(RnnMode.Gru, 0, false)]
    [InlineData(RnnMode.RnnTanh, 0, false)]
    public void Gradients_MatchCentralFiniteDifferences(RnnMode cell, int p, bool bias)
    {
        var rng = new Random(61 + 7 * p + (bias ? 1 : 0) + 13 * (int)cell);
        const bool bi = true;
        int D = bi ? 2 : 1, LD = L * D, R = p > 0 ? p : H;
        bool lstm = cell == RnnMode.Lstm;
        var w = Weights(rng, cell, L, D, I, H, p, bias);
        var x = Vec(rng, T * B * I);
        var h0 = Vec(rng, LD * B * R);
        var c0 = Vec(rng, LD * B * H);
        var dy = Vec(rng, T * B * D * R);
        var a = Vec(rng, LD * B * R);
        var bc = Vec(rng, LD * B * H);
        var model = new RnnReference(cell, L, bi, I, H, w, p);
        Assert.Equal(R, model.StateSize);

        double Loss()
        {
            var (o, hn, cn) = model.Forward(x, T, B, Lengths, h0, lstm ? c0 : null);
            Assert.Equal(T * B * D * R, o.Length);
            double s = 0;
            for (int i = 0; i < o.Length; i++) s += o[i] * dy[i];
            for (int i = 0; i < hn.Length; i++) s += hn[i] * a[i];
            if (lstm) for (int i = 0; i < cn.Length; i++) s += cn[i] * bc[i];
            return s;
        }

        Loss();
        var (dx, dh0, dc0, dw) = model.Backward(dy, a, lstm ? bc : null);

        void CheckFd(double[] values, double[] grad, string what)
        {
            Assert.Equal(values.Length, grad.Length);
            var idx = values.Length <= 24 ? Enumerable.Range(0, values.Length) : Enumerable.Range(0, 16).Select(_ => rng.Next(values.Length));
            foreach (int i in idx)
            {
                const double eps = 1e-6;
                double v = values[i];
                values[i] = v + eps; double lp = Loss();
                values[i] = v - eps; double lm = Loss();
                values[i] = v;
                double fd = (lp - lm) / (2 * eps);
                Assert.True(Math.Abs(fd - grad[i]) <= 1e-6 + 1e-5 * Math.Abs(fd),
                    $"{cell} P={p} bias={bias} {what}[{i}]: finite difference {fd} vs backward {grad[i]}");
            }
        }

        CheckFd(x, dx, "dX");
        CheckFd(h0, dh0, "dh0");
        if (lstm) CheckFd(c0, dc0, "dc0");
        for (int ld = 0; ld < LD; ld++)
        {
            CheckFd(w[ld].Wih, dw[ld].Wih, $"dW_ih[{ld}]");
            CheckFd(w[ld].Whh, dw[ld].Whh, $"dW_hh[{ld}]");
            if (bias)
            {
                CheckFd(w[ld].Bih, dw[ld].Bih, $"db_ih[{ld}]");
                CheckFd(w[ld].Bhh, dw[ld].Bhh, $"db_hh[{ld}]");
            }
            else
            {
                Assert.Empty(dw[ld].Bih);
                Assert.Empty(dw[ld].Bhh);
            }
            if (p > 0)
                CheckFd(w[ld].Whr!, dw[ld].Whr!, $"dW_hr[{ld}]");
            else
                Assert.Null(dw[ld].Whr);
        }
    }

    [Fact]
    public void NoBias_EqualsZeroBias_AndIdentityProjectionLeavesStatesAlone()
    {
        var rng = new Random(67);
        const int P = 3;
        var w = Weights(rng, RnnMode.Lstm, 1, 1, I, H, P, bias: false);
        var zeroBias = w.Select(p => p with { Bih = new double[4 * H], Bhh = new double[4 * H] }).ToArray();
        var x = Vec(rng, T * B * I);
        var dy = Vec(rng, T * B * P);
        var m1 = new RnnReference(RnnMode.Lstm, 1, false, I, H, w, P);
        var m2 = new RnnReference(RnnMode.Lstm, 1, false, I, H, zeroBias, P);
        var (o1, h1, c1) = m1.Forward(x, T, B, Lengths, null, null);
        var (o2, h2, c2) = m2.Forward(x, T, B, Lengths, null, null);
        Assert.Equal(o2, o1);
        Assert.Equal(h2, h1);
        Assert.Equal(c2, c1);
        var g1 = m1.Backward(dy, null, null);
        var g2 = m2.Backward(dy, null, null);
        Assert.Equal(g2.DX, g1.DX);
        Assert.Equal(g2.DW[0].Whr, g1.DW[0].Whr);
        // Padded steps: output 0 and the state of a short sequence is its state at its last step.
        for (int t = Lengths[1]; t < T; t++)
            for (int r = 0; r < P; r++)
                Assert.Equal(0.0, o1[(t * B + 1) * P + r]);
        for (int r = 0; r < P; r++)
            Assert.Equal(o1[((Lengths[1] - 1) * B + 1) * P + r], h1[1 * P + r]);
    }

    [Fact]
    public void ExistingSignatures_StillWork_WithoutProjection()
    {
        // The four-argument weights record and the six-argument constructor are unchanged.
        var rng = new Random(68);
        var w = new[] { new RnnRefWeights(Vec(rng, 4 * H * I), Vec(rng, 4 * H * H), Vec(rng, 4 * H), Vec(rng, 4 * H)) };
        var model = new RnnReference(RnnMode.Lstm, 1, false, I, H, w);
        Assert.Equal(0, model.ProjSize);
        Assert.Equal(H, model.StateSize);
        var (o, hn, cn) = model.Forward(Vec(rng, T * B * I), T, B, null, null, null);
        Assert.Equal(T * B * H, o.Length);
        Assert.Equal(B * H, hn.Length);
        Assert.Equal(B * H, cn.Length);
    }

    [Fact]
    public void BadInputs_ThrowNamingTheProblem()
    {
        var rng = new Random(69);
        var lstmP = Weights(rng, RnnMode.Lstm, 1, 1, I, H, 3, bias: true);

        var ex = Assert.Throws<ArgumentException>(() => new RnnReference(RnnMode.Lstm, 1, false, I, H, Weights(rng, RnnMode.Lstm, 1, 1, I, H, H, true), H));
        Assert.Contains($"proj_size ({H}) must be smaller than hidden_size ({H})", ex.Message);
        Assert.Equal("projSize", ex.ParamName);

        ex = Assert.Throws<ArgumentException>(() => new RnnReference(RnnMode.Lstm, 1, false, I, H, lstmP, H + 2));
        Assert.Contains("must be smaller than hidden_size", ex.Message);

        ex = Assert.Throws<ArgumentException>(() => new RnnReference(RnnMode.Gru, 1, false, I, H, Weights(rng, RnnMode.Gru, 1, 1, I, H, 3, true), 3));
        Assert.Contains("proj_size (3) is supported for LSTM only, not Gru", ex.Message);

        ex = Assert.Throws<ArgumentException>(() => new RnnReference(RnnMode.RnnTanh, 1, false, I, H, Weights(rng, RnnMode.RnnTanh, 1, 1, I, H, 0, true), 2));
        Assert.Contains("LSTM only", ex.Message);

        ex = Assert.Throws<ArgumentException>(() => new RnnReference(RnnMode.Lstm, 1, false, I, H, lstmP, -1));
        Assert.Contains("proj_size must be 0 (none) or positive, got -1", ex.Message);

        // Projection weights missing, or given without proj_size.
        ex = Assert.Throws<ArgumentException>(() => new RnnReference(RnnMode.Lstm, 1, false, I, H, new[] { lstmP[0] with { Whr = null } }, 3));
        Assert.Contains("weights[0].Whr has no elements, expected (P, H) = (3, 7)", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => new RnnReference(RnnMode.Lstm, 1, false, I, H, lstmP, 0));
        Assert.Contains("weights[0].Whh has 84 elements, expected (G*H, H) = (28, 7)", ex.Message);
        var plain = Weights(rng, RnnMode.Lstm, 1, 1, I, H, 0, bias: true);
        ex = Assert.Throws<ArgumentException>(() => new RnnReference(RnnMode.Lstm, 1, false, I, H, new[] { plain[0] with { Whr = new double[21] } }));
        Assert.Contains("weights[0].Whr has 21 elements, but proj_size is 0", ex.Message);

        // W_hh must be (4H, P) with a projection; a bias is empty or 4H long.
        ex = Assert.Throws<ArgumentException>(() => new RnnReference(RnnMode.Lstm, 1, false, I, H, new[] { lstmP[0] with { Whh = new double[4 * H * H] } }, 3));
        Assert.Contains("weights[0].Whh has 196 elements, expected (G*H, P) = (28, 3)", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => new RnnReference(RnnMode.Lstm, 1, false, I, H, new[] { lstmP[0] with { Bhh = new double[5] } }, 3));
        Assert.Contains("weights[0].Bhh has 5 elements, expected (28) or empty for bias=False", ex.Message);

        // Layers above the first take D*P inputs.
        var two = Weights(rng, RnnMode.Lstm, 2, 2, I, H, 3, bias: true);
        two[2] = two[2] with { Wih = new double[4 * H * 2 * H] };
        ex = Assert.Throws<ArgumentException>(() => new RnnReference(RnnMode.Lstm, 2, true, I, H, two, 3));
        Assert.Contains("weights[2].Wih has 392 elements, expected (G*H, In) = (28, 6)", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => new RnnReference(RnnMode.Lstm, 2, true, I, H, lstmP, 3));
        Assert.Contains("weights has 1 parameter sets, expected layers*directions = 4", ex.Message);
    }
}
