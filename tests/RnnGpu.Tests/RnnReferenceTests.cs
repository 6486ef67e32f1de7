using RnnGpu.Kernels;

namespace RnnGpu.Tests;

/// <summary>The float64 reference's gradients against central finite differences of its own forward.</summary>
public class RnnReferenceTests
{
    [Theory]
    [InlineData(RnnMode.RnnTanh)]
    [InlineData(RnnMode.RnnRelu)]
    [InlineData(RnnMode.Lstm)]
    [InlineData(RnnMode.Gru)]
    public void Gradients_MatchCentralFiniteDifferences(RnnMode cell)
    {
        var rng = new Random(21 + (int)cell);
        const int L = 2, T = 4, B = 3, I = 3, H = 4;
        const bool bi = true;
        int D = bi ? 2 : 1, LD = L * D, G = CellSpec.Of(cell).Gates;
        double U() => rng.NextDouble() * 2 - 1;
        double[] Vec(int n) => Enumerable.Range(0, n).Select(_ => U()).ToArray();
        var w = Enumerable.Range(0, LD).Select(ld => new RnnRefWeights(
            Vec(G * H * (ld < D ? I : D * H)), Vec(G * H * H), Vec(G * H), Vec(G * H))).ToArray();
        var x = Vec(T * B * I);
        var h0 = Vec(LD * B * H);
        var c0 = Vec(LD * B * H);
        var dy = Vec(T * B * D * H);
        var a = Vec(LD * B * H);
        var bcoef = Vec(LD * B * H);
        int[] lengths = { 4, 2, 3 };
        bool lstm = cell == RnnMode.Lstm;
        var model = new RnnReference(cell, L, bi, I, H, w);

        double Loss()
        {
            var (o, hn, cn) = model.Forward(x, T, B, lengths, h0, lstm ? c0 : null);
            double s = 0;
            for (int i = 0; i < o.Length; i++) s += o[i] * dy[i];
            for (int i = 0; i < hn.Length; i++) s += hn[i] * a[i] + (lstm ? cn[i] * bcoef[i] : 0);
            return s;
        }

        model.Forward(x, T, B, lengths, h0, lstm ? c0 : null);
        var (dx, dh0, dc0, dw) = model.Backward(dy, a, lstm ? bcoef : null);

        void CheckFd(double[] values, double[] grad, string what)
        {
            // Every element for small tensors; a fixed sample of 12 for larger ones.
            var idx = values.Length <= 24 ? Enumerable.Range(0, values.Length) : Enumerable.Range(0, 12).Select(_ => rng.Next(values.Length));
            foreach (int i in idx)
            {
                const double eps = 1e-6;
                double v = values[i];
                values[i] = v + eps; double lp = Loss();
                values[i] = v - eps; double lm = Loss();
                values[i] = v;
                double fd = (lp - lm) / (2 * eps);
                // ReLU kinks: skip the rare element whose perturbation crosses a kink.
                Assert.True(Math.Abs(fd - grad[i]) <= 1e-6 + 1e-5 * Math.Abs(fd), $"{cell} {what}[{i}]: finite difference {fd} vs backward {grad[i]}");
            }
        }

        CheckFd(x, dx, "dX");
        CheckFd(h0, dh0, "dh0");
        if (lstm) CheckFd(c0, dc0, "dc0");
        for (int ld = 0; ld < LD; ld++)
        {
            CheckFd(w[ld].Wih, dw[ld].Wih, $"dW_ih[{ld}]");
            CheckFd(w[ld].Whh, dw[ld].Whh, $"dW_hh[{ld}]");
            CheckFd(w[ld].Bih, dw[ld].Bih, $"db_ih[{ld}]");
            CheckFd(w[ld].Bhh, dw[ld].Bhh, $"db_hh[{ld}]");
        }
    }
}
