namespace RnnGpu.Kernels;

/// <summary>Parameters of one layer and direction, float64: W_ih (G*H, In), W_hh (G*H, H), b_ih, b_hh (G*H).</summary>
/// <param name="Wih">weight_ih: (G*H, In).</param>
/// <param name="Whh">weight_hh: (G*H, H).</param>
/// <param name="Bih">bias_ih: (G*H).</param>
/// <param name="Bhh">bias_hh: (G*H).</param>
public sealed record RnnRefWeights(double[] Wih, double[] Whh, double[] Bih, double[] Bhh);

/// <summary>
/// Float64 reference of a stacked, optionally bidirectional RNN/LSTM/GRU with PyTorch's semantics,
/// forward and BPTT, written plainly (loops over t, b, j) as the ground truth for the kernels.
/// Input is sequence-major (T, B, I); output (T, B, D*H); states (L*D, B, H).
/// Steps at t &gt;= lengths[b] output 0 and leave the state alone (packed-sequence behaviour).
/// </summary>
public sealed class RnnReference
{
    readonly CellKind cell;
    readonly int L, D, I, H, G;
    readonly RnnRefWeights[] w; // [l * D + d]

    // Tape, per layer/direction: inputs of the layer, state before each time step, gate activations.
    double[][] layerIn = Array.Empty<double[]>();
    double[][] hPrev = Array.Empty<double[]>(), cPrev = Array.Empty<double[]>(), cCur = Array.Empty<double[]>();
    double[][] act = Array.Empty<double[]>();
    int T, B;
    int[] lengths = Array.Empty<int>();

    /// <summary>Creates a reference model over the given weights, indexed [layer * D + direction].</summary>
    /// <param name="cell">Cell kind.</param>
    /// <param name="layers">Number of layers L.</param>
    /// <param name="bidirectional">Two directions (D = 2).</param>
    /// <param name="inputSize">Input size I of layer 0.</param>
    /// <param name="hiddenSize">Hidden size H.</param>
    /// <param name="weights">L*D parameter sets.</param>
    public RnnReference(CellKind cell, int layers, bool bidirectional, int inputSize, int hiddenSize, RnnRefWeights[] weights)
    {
        this.cell = cell;
        L = layers; D = bidirectional ? 2 : 1; I = inputSize; H = hiddenSize;
        G = CellSpec.Of(cell).Gates;
        w = weights;
    }

    static double Sig(double x) => 1.0 / (1.0 + Math.Exp(-x));

    int InSize(int l) => l == 0 ? I : D * H;

    /// <summary>Runs the model forward and keeps what <see cref="Backward"/> needs.</summary>
    /// <param name="x">x: (T, B, I).</param>
    /// <param name="t">Steps T.</param>
    /// <param name="b">Batch B.</param>
    /// <param name="lens">lengths (B), or null for all T.</param>
    /// <param name="h0">h0: (L*D, B, H) or null for zeros.</param>
    /// <param name="c0">c0: (L*D, B, H) or null for zeros (LSTM).</param>
    /// <returns>output (T, B, D*H), h_n (L*D, B, H), c_n (L*D, B, H; LSTM, else zeros).</returns>
    public (double[] Output, double[] HN, double[] CN) Forward(double[] x, int t, int b, int[]? lens, double[]? h0, double[]? c0)
    {
        T = t; B = b;
        lengths = lens ?? Enumerable.Repeat(T, B).ToArray();
        var hN = new double[L * D * B * H];
        var cN = new double[L * D * B * H];
        layerIn = new double[L][];
        hPrev = new double[L * D][]; cPrev = new double[L * D][]; cCur = new double[L * D][]; act = new double[L * D][];
        double[] input = x;
        for (int l = 0; l < L; l++)
        {
            layerIn[l] = input;
            int inSize = InSize(l);
            var output = new double[T * B * D * H];
            for (int d = 0; d < D; d++)
            {
                int ld = l * D + d;
                var p = w[ld];
                var h = new double[B * H];
                var c = new double[B * H];
                if (h0 != null) Array.Copy(h0, ld * B * H, h, 0, B * H);
                if (c0 != null) Array.Copy(c0, ld * B * H, c, 0, B * H);
                hPrev[ld] = new double[T * B * H]; cPrev[ld] = new double[T * B * H]; cCur[ld] = new double[T * B * H];
                act[ld] = new double[T * B * 4 * H];
                for (int s = 0; s < T; s++)
                {
                    int tt = d == 0 ? s : T - 1 - s;
                    Array.Copy(h, 0, hPrev[ld], tt * B * H, B * H);
                    Array.Copy(c, 0, cPrev[ld], tt * B * H, B * H);
                    var hNew = (double[])h.Clone();
                    for (int bb = 0; bb < B; bb++)
                    {
                        if (tt >= lengths[bb])
                            continue; // state kept, output stays 0
                        var gx = new double[G * H];
                        var gh = new double[G * H];
                        for (int r = 0; r < G * H; r++)
                        {
                            double sx = p.Bih[r], sh = p.Bhh[r];
                            for (int k = 0; k < inSize; k++)
                                sx += p.Wih[r * inSize + k] * input[(tt * B + bb) * inSize + k];
                            for (int k = 0; k < H; k++)
                                sh += p.Whh[r * H + k] * h[bb * H + k];
                            gx[r] = sx; gh[r] = sh;
                        }
                        long a0 = ((long)tt * B + bb) * 4 * H;
                        for (int j = 0; j < H; j++)
                        {
                            double hv;
                            switch (cell)
                            {
                                case CellKind.Lstm:
                                {
                                    double ig = Sig(gx[j] + gh[j]), fg = Sig(gx[H + j] + gh[H + j]);
                                    double gg = Math.Tanh(gx[2 * H + j] + gh[2 * H + j]), og = Sig(gx[3 * H + j] + gh[3 * H + j]);
                                    double cv = fg * c[bb * H + j] + ig * gg;
                                    c[bb * H + j] = cv;
                                    hv = og * Math.Tanh(cv);
                                    act[ld][a0 + j] = ig; act[ld][a0 + H + j] = fg; act[ld][a0 + 2 * H + j] = gg; act[ld][a0 + 3 * H + j] = og;
                                    break;
                                }
                                case CellKind.Gru:
                                {
                                    double r = Sig(gx[j] + gh[j]), z = Sig(gx[H + j] + gh[H + j]);
                                    double n = Math.Tanh(gx[2 * H + j] + r * gh[2 * H + j]);
                                    hv = (1 - z) * n + z * h[bb * H + j];
                                    act[ld][a0 + j] = r; act[ld][a0 + H + j] = z; act[ld][a0 + 2 * H + j] = n; act[ld][a0 + 3 * H + j] = gh[2 * H + j];
                                    break;
                                }
                                default:
                                {
                                    double pre = gx[j] + gh[j];
                                    hv = cell == CellKind.RnnTanh ? Math.Tanh(pre) : Math.Max(pre, 0);
                                    act[ld][a0 + j] = hv;
                                    break;
                                }
                            }
                            hNew[bb * H + j] = hv;
                            output[(tt * B + bb) * D * H + d * H + j] = hv;
                        }
                    }
                    h = hNew;
                    Array.Copy(c, 0, cCur[ld], tt * B * H, B * H);
                }
                Array.Copy(h, 0, hN, ld * B * H, B * H);
                Array.Copy(c, 0, cN, ld * B * H, B * H);
            }
            input = output;
        }
        return (input, hN, cN);
    }

    /// <summary>
    /// BPTT through the last <see cref="Forward"/> for upstream gradients dOutput, dh_n, dc_n.
    /// </summary>
    /// <param name="dOutput">dL/doutput: (T, B, D*H).</param>
    /// <param name="dhN">dL/dh_n: (L*D, B, H) or null.</param>
    /// <param name="dcN">dL/dc_n: (L*D, B, H) or null (LSTM).</param>
    /// <returns>dX (T, B, I), dh0 and dc0 (L*D, B, H), and per [l*D+d] the parameter gradients.</returns>
    public (double[] DX, double[] DH0, double[] DC0, RnnRefWeights[] DW) Backward(double[] dOutput, double[]? dhN, double[]? dcN)
    {
        var dh0 = new double[L * D * B * H];
        var dc0 = new double[L * D * B * H];
        var dw = new RnnRefWeights[L * D];
        double[] dOut = dOutput;
        for (int l = L - 1; l >= 0; l--)
        {
            int inSize = InSize(l);
            var dIn = new double[T * B * inSize];
            var input = layerIn[l];
            for (int d = 0; d < D; d++)
            {
                int ld = l * D + d;
                var p = w[ld];
                var g = new RnnRefWeights(new double[G * H * inSize], new double[G * H * H], new double[G * H], new double[G * H]);
                dw[ld] = g;
                var dh = new double[B * H];
                var dc = new double[B * H];
                if (dhN != null) Array.Copy(dhN, ld * B * H, dh, 0, B * H);
                if (dcN != null) Array.Copy(dcN, ld * B * H, dc, 0, B * H);
                for (int s = T - 1; s >= 0; s--)
                {
                    int tt = d == 0 ? s : T - 1 - s;
                    for (int bb = 0; bb < B; bb++)
                    {
                        if (tt >= lengths[bb])
                            continue; // dh, dc pass through a padded step
                        var dgx = new double[G * H];
                        var dgh = new double[G * H];
                        var dhPrev = new double[H];
                        long a0 = ((long)tt * B + bb) * 4 * H;
                        long s0 = ((long)tt * B + bb) * H;
                        for (int j = 0; j < H; j++)
                        {
                            double dht = dh[bb * H + j] + dOut[(tt * B + bb) * D * H + d * H + j];
                            switch (cell)
                            {
                                case CellKind.Lstm:
                                {
                                    double ig = act[ld][a0 + j], fg = act[ld][a0 + H + j], gg = act[ld][a0 + 2 * H + j], og = act[ld][a0 + 3 * H + j];
                                    double tc = Math.Tanh(cCur[ld][s0 + j]);
                                    double dct = dc[bb * H + j] + dht * og * (1 - tc * tc);
                                    dgx[j] = dct * gg * ig * (1 - ig);
                                    dgx[H + j] = dct * cPrev[ld][s0 + j] * fg * (1 - fg);
                                    dgx[2 * H + j] = dct * ig * (1 - gg * gg);
                                    dgx[3 * H + j] = dht * tc * og * (1 - og);
                                    for (int q = 0; q < 4; q++) dgh[q * H + j] = dgx[q * H + j];
                                    dc[bb * H + j] = dct * fg;
                                    break;
                                }
                                case CellKind.Gru:
                                {
                                    double r = act[ld][a0 + j], z = act[ld][a0 + H + j], n = act[ld][a0 + 2 * H + j], ghn = act[ld][a0 + 3 * H + j];
                                    double dn = dht * (1 - z) * (1 - n * n);
                                    double dz = dht * (hPrev[ld][s0 + j] - n) * z * (1 - z);
                                    double dr = dn * ghn * r * (1 - r);
                                    dgx[j] = dr; dgx[H + j] = dz; dgx[2 * H + j] = dn;
                                    dgh[j] = dr; dgh[H + j] = dz; dgh[2 * H + j] = dn * r;
                                    dhPrev[j] += dht * z;
                                    break;
                                }
                                default:
                                {
                                    double hv = act[ld][a0 + j];
                                    dgx[j] = cell == CellKind.RnnTanh ? dht * (1 - hv * hv) : (hv > 0 ? dht : 0);
                                    dgh[j] = dgx[j];
                                    break;
                                }
                            }
                        }
                        for (int r = 0; r < G * H; r++)
                        {
                            g.Bih[r] += dgx[r];
                            g.Bhh[r] += dgh[r];
                            for (int k = 0; k < inSize; k++)
                            {
                                g.Wih[r * inSize + k] += dgx[r] * input[(tt * B + bb) * inSize + k];
                                dIn[(tt * B + bb) * inSize + k] += p.Wih[r * inSize + k] * dgx[r];
                            }
                            for (int k = 0; k < H; k++)
                            {
                                g.Whh[r * H + k] += dgh[r] * hPrev[ld][s0 + k];
                                dhPrev[k] += p.Whh[r * H + k] * dgh[r];
                            }
                        }
                        Array.Copy(dhPrev, 0, dh, bb * H, H);
                    }
                }
                Array.Copy(dh, 0, dh0, ld * B * H, B * H);
                Array.Copy(dc, 0, dc0, ld * B * H, B * H);
            }
            dOut = dIn;
        }
        return (dOut, dh0, dc0, dw);
    }
}
