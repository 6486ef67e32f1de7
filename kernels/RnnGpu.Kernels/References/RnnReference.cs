namespace RnnGpu.Kernels;

/// <summary>
/// Parameters of one layer and direction, float64: W_ih (G*H, In), W_hh (G*H, R), b_ih, b_hh (G*H), and with
/// PyTorch's LSTM <c>proj_size</c> P &gt; 0 also W_hr (P, H); R is the size of h: P with a projection, else H.
/// A bias of length 0 (or null) is absent, PyTorch's <c>bias=False</c> (treated as zero; its gradient stays empty).
/// </summary>
/// <param name="Wih">weight_ih: (G*H, In).</param>
/// <param name="Whh">weight_hh: (G*H, R).</param>
/// <param name="Bih">bias_ih: (G*H), or empty for bias=False.</param>
/// <param name="Bhh">bias_hh: (G*H), or empty for bias=False.</param>
/// <param name="Whr">weight_hr: (P, H) with proj_size P &gt; 0 (LSTM), else null.</param>
public sealed record RnnRefWeights(double[] Wih, double[] Whh, double[] Bih, double[] Bhh, double[]? Whr = null)
{
    /// <summary>Whether both biases are absent or empty (PyTorch's bias=False).</summary>
    public bool HasNoBias => IsAbsent(Bih) && IsAbsent(Bhh);

    internal static bool IsAbsent(double[]? b) => b is null || b.Length == 0;
}

/// <summary>
/// Float64 reference of a stacked, optionally bidirectional RNN/LSTM/GRU with PyTorch's semantics,
/// forward and BPTT, written plainly (loops over t, b, j) as the ground truth for the kernels.
/// Input is sequence-major (T, B, I); output (T, B, D*R); h states (L*D, B, R), c states (L*D, B, H), where R is
/// the size of h: H, or proj_size P for an LSTM with a projection (h_t = W_hr (o * tanh(c_t)); layers above the
/// first then see D*P inputs). Steps at t &gt;= lengths[b] output 0 and leave the state alone (packed-sequence behaviour).
/// </summary>
public sealed class RnnReference
{
    readonly RnnMode cell;
    readonly int L, D, I, H, G;
    readonly int P; // proj_size, 0 without a projection
    readonly int R; // size of h and of the output per direction: P with a projection, else H
    readonly RnnRefWeights[] w; // [l * D + d]

    // Tape, per layer/direction: inputs of the layer, state before each time step, gate activations.
    double[][] layerIn = Array.Empty<double[]>();
    double[][] hPrev = Array.Empty<double[]>(), cPrev = Array.Empty<double[]>(), cCur = Array.Empty<double[]>();
    double[][] act = Array.Empty<double[]>();
    double[][] mCur = Array.Empty<double[]>(); // projection only: m = o * tanh(c), (T, B, H)
    int T, B;
    int[] lengths = Array.Empty<int>();

    /// <summary>Creates a reference model over the given weights, indexed [layer * D + direction].</summary>
    /// <param name="cell">Cell kind.</param>
    /// <param name="layers">Number of layers L.</param>
    /// <param name="bidirectional">Two directions (D = 2).</param>
    /// <param name="inputSize">Input size I of layer 0.</param>
    /// <param name="hiddenSize">Hidden size H.</param>
    /// <param name="weights">L*D parameter sets; each bias may be empty (bias=False); W_hr (P, H) is required exactly when
    /// <paramref name="projSize"/> &gt; 0.</param>
    /// <param name="projSize">PyTorch's LSTM <c>proj_size</c> P: 0 (default) for none, else 0 &lt; P &lt; H.</param>
    /// <exception cref="ArgumentException">proj_size is negative, not below the hidden size or given for a cell other than
    /// LSTM, or a weight has the wrong number of elements; the message names the parameter and the expected shape.</exception>
    public RnnReference(RnnMode cell, int layers, bool bidirectional, int inputSize, int hiddenSize, RnnRefWeights[] weights,
        int projSize = 0)
    {
        ArgumentNullException.ThrowIfNull(weights);
        this.cell = cell;
        L = layers; D = bidirectional ? 2 : 1; I = inputSize; H = hiddenSize;
        G = CellSpec.Of(cell).Gates;
        if (projSize < 0)
            throw new ArgumentException($"proj_size must be 0 (none) or positive, got {projSize}.", nameof(projSize));
        if (projSize > 0 && cell != RnnMode.Lstm)
            throw new ArgumentException($"proj_size ({projSize}) is supported for LSTM only, not {cell}.", nameof(projSize));
        if (projSize > 0 && projSize >= hiddenSize)
            throw new ArgumentException($"proj_size ({projSize}) must be smaller than hidden_size ({hiddenSize}).", nameof(projSize));
        P = projSize;
        R = P > 0 ? P : H;
        if (weights.Length != L * D)
            throw new ArgumentException($"weights has {weights.Length} parameter sets, expected layers*directions = {L * D}.", nameof(weights));
        for (int ld = 0; ld < L * D; ld++)
        {
            var p = weights[ld];
            string at = $"weights[{ld}]";
            int inSize = InSize(ld / D);
            Require(p.Wih, (long)G * H * inSize, $"{at}.Wih", $"(G*H, In) = ({G * H}, {inSize})");
            Require(p.Whh, (long)G * H * R, $"{at}.Whh", $"(G*H, {(P > 0 ? "P" : "H")}) = ({G * H}, {R})");
            if (!RnnRefWeights.IsAbsent(p.Bih))
                Require(p.Bih, G * H, $"{at}.Bih", $"({G * H}) or empty for bias=False");
            if (!RnnRefWeights.IsAbsent(p.Bhh))
                Require(p.Bhh, G * H, $"{at}.Bhh", $"({G * H}) or empty for bias=False");
            if (P > 0)
                Require(p.Whr, (long)P * H, $"{at}.Whr", $"(P, H) = ({P}, {H}) for proj_size {P}");
            else if (p.Whr is { Length: > 0 })
                throw new ArgumentException($"{at}.Whr has {p.Whr.Length} elements, but proj_size is 0 (no projection).", nameof(weights));
        }
        w = weights;
    }

    static void Require(double[]? a, long n, string what, string shape)
    {
        if (a is null || a.Length != n)
            throw new ArgumentException($"{what} has {(a is null ? "no" : a.Length.ToString())} elements, expected {shape} = {n}.", "weights");
    }

    /// <summary>proj_size P (0: no projection).</summary>
    public int ProjSize => P;

    /// <summary>Size of h and of each direction's output: proj_size P with a projection, else H.</summary>
    public int StateSize => R;

    static double Bias(double[] b, int r) => RnnRefWeights.IsAbsent(b) ? 0.0 : b[r];

    static double Sig(double x) => 1.0 / (1.0 + Math.Exp(-x));

    int InSize(int l) => l == 0 ? I : D * R;

    /// <summary>Runs the model forward and keeps what <see cref="Backward"/> needs.</summary>
    /// <param name="x">x: (T, B, I).</param>
    /// <param name="t">Steps T.</param>
    /// <param name="b">Batch B.</param>
    /// <param name="lens">lengths (B), or null for all T.</param>
    /// <param name="h0">h0: (L*D, B, R) or null for zeros.</param>
    /// <param name="c0">c0: (L*D, B, H) or null for zeros (LSTM).</param>
    /// <returns>output (T, B, D*R), h_n (L*D, B, R), c_n (L*D, B, H; LSTM, else zeros).</returns>
    public (double[] Output, double[] HN, double[] CN) Forward(double[] x, int t, int b, int[]? lens, double[]? h0, double[]? c0)
    {
        T = t; B = b;
        lengths = lens ?? Enumerable.Repeat(T, B).ToArray();
        var hN = new double[L * D * B * R];
        var cN = new double[L * D * B * H];
        layerIn = new double[L][];
        hPrev = new double[L * D][]; cPrev = new double[L * D][]; cCur = new double[L * D][]; act = new double[L * D][];
        mCur = new double[L * D][];
        double[] input = x;
        for (int l = 0; l < L; l++)
        {
            layerIn[l] = input;
            int inSize = InSize(l);
            var output = new double[T * B * D * R];
            for (int d = 0; d < D; d++)
            {
                int ld = l * D + d;
                var p = w[ld];
                var h = new double[B * R];
                var c = new double[B * H];
                if (h0 != null) Array.Copy(h0, ld * B * R, h, 0, B * R);
                if (c0 != null) Array.Copy(c0, ld * B * H, c, 0, B * H);
                hPrev[ld] = new double[T * B * R]; cPrev[ld] = new double[T * B * H]; cCur[ld] = new double[T * B * H];
                act[ld] = new double[T * B * 4 * H];
                mCur[ld] = new double[P > 0 ? T * B * H : 0];
                var cellOut = new double[H]; // h of the cell before any projection (m with a projection)
                for (int s = 0; s < T; s++)
                {
                    int tt = d == 0 ? s : T - 1 - s;
                    Array.Copy(h, 0, hPrev[ld], tt * B * R, B * R);
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
                            double sx = Bias(p.Bih, r), sh = Bias(p.Bhh, r);
                            for (int k = 0; k < inSize; k++)
                                sx += p.Wih[r * inSize + k] * input[(tt * B + bb) * inSize + k];
                            for (int k = 0; k < R; k++)
                                sh += p.Whh[r * R + k] * h[bb * R + k];
                            gx[r] = sx; gh[r] = sh;
                        }
                        long a0 = ((long)tt * B + bb) * 4 * H;
                        for (int j = 0; j < H; j++)
                        {
                            double hv;
                            switch (cell)
                            {
                                case RnnMode.Lstm:
                                {
                                    double ig = Sig(gx[j] + gh[j]), fg = Sig(gx[H + j] + gh[H + j]);
                                    double gg = Math.Tanh(gx[2 * H + j] + gh[2 * H + j]), og = Sig(gx[3 * H + j] + gh[3 * H + j]);
                                    double cv = fg * c[bb * H + j] + ig * gg;
                                    c[bb * H + j] = cv;
                                    hv = og * Math.Tanh(cv);
                                    act[ld][a0 + j] = ig; act[ld][a0 + H + j] = fg; act[ld][a0 + 2 * H + j] = gg; act[ld][a0 + 3 * H + j] = og;
                                    break;
                                }
                                case RnnMode.Gru:
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
                                    hv = cell == RnnMode.RnnTanh ? Math.Tanh(pre) : Math.Max(pre, 0);
                                    act[ld][a0 + j] = hv;
                                    break;
                                }
                            }
                            cellOut[j] = hv;
                        }
                        if (P > 0)
                            Array.Copy(cellOut, 0, mCur[ld], (tt * B + bb) * H, H);
                        for (int r = 0; r < R; r++)
                        {
                            double hv = cellOut[r];
                            if (P > 0)
                            {
                                // h_t = W_hr m_t
                                hv = 0;
                                for (int j = 0; j < H; j++)
                                    hv += p.Whr![r * H + j] * cellOut[j];
                            }
                            hNew[bb * R + r] = hv;
                            output[(tt * B + bb) * D * R + d * R + r] = hv;
                        }
                    }
                    h = hNew;
                    Array.Copy(c, 0, cCur[ld], tt * B * H, B * H);
                }
                Array.Copy(h, 0, hN, ld * B * R, B * R);
                Array.Copy(c, 0, cN, ld * B * H, B * H);
            }
            input = output;
        }
        return (input, hN, cN);
    }

    /// <summary>
    /// BPTT through the last <see cref="Forward"/> for upstream gradients dOutput, dh_n, dc_n.
    /// </summary>
    /// <param name="dOutput">dL/doutput: (T, B, D*R).</param>
    /// <param name="dhN">dL/dh_n: (L*D, B, R) or null.</param>
    /// <param name="dcN">dL/dc_n: (L*D, B, H) or null (LSTM).</param>
    /// <returns>dX (T, B, I), dh0 (L*D, B, R) and dc0 (L*D, B, H), and per [l*D+d] the parameter gradients, shaped like
    /// the parameters (empty bias gradients for absent biases, W_hr's gradient with a projection).</returns>
    public (double[] DX, double[] DH0, double[] DC0, RnnRefWeights[] DW) Backward(double[] dOutput, double[]? dhN, double[]? dcN)
    {
        var dh0 = new double[L * D * B * R];
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
                bool hasBih = !RnnRefWeights.IsAbsent(p.Bih), hasBhh = !RnnRefWeights.IsAbsent(p.Bhh);
                var g = new RnnRefWeights(new double[G * H * inSize], new double[G * H * R],
                    new double[hasBih ? G * H : 0], new double[hasBhh ? G * H : 0], P > 0 ? new double[P * H] : null);
                dw[ld] = g;
                var dh = new double[B * R];
                var dc = new double[B * H];
                if (dhN != null) Array.Copy(dhN, ld * B * R, dh, 0, B * R);
                if (dcN != null) Array.Copy(dcN, ld * B * H, dc, 0, B * H);
                var dhOut = new double[R];
                var dCellOut = new double[H];
                for (int s = T - 1; s >= 0; s--)
                {
                    int tt = d == 0 ? s : T - 1 - s;
                    for (int bb = 0; bb < B; bb++)
                    {
                        if (tt >= lengths[bb])
                            continue; // dh, dc pass through a padded step
                        var dgx = new double[G * H];
                        var dgh = new double[G * H];
                        var dhPrev = new double[R];
                        long a0 = ((long)tt * B + bb) * 4 * H;
                        long s0 = ((long)tt * B + bb) * H;
                        long r0 = ((long)tt * B + bb) * R;
                        // Gradient w.r.t. this step's h (carried plus output), then through the projection to m.
                        for (int r = 0; r < R; r++)
                            dhOut[r] = dh[bb * R + r] + dOut[(tt * B + bb) * D * R + d * R + r];
                        if (P > 0)
                        {
                            Array.Clear(dCellOut);
                            for (int r = 0; r < P; r++)
                                for (int j = 0; j < H; j++)
                                {
                                    dCellOut[j] += p.Whr![r * H + j] * dhOut[r];
                                    g.Whr![r * H + j] += dhOut[r] * mCur[ld][s0 + j];
                                }
                        }
                        else
                        {
                            Array.Copy(dhOut, dCellOut, H);
                        }
                        for (int j = 0; j < H; j++)
                        {
                            double dht = dCellOut[j];
                            switch (cell)
                            {
                                case RnnMode.Lstm:
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
                                case RnnMode.Gru:
                                {
                                    double r = act[ld][a0 + j], z = act[ld][a0 + H + j], n = act[ld][a0 + 2 * H + j], ghn = act[ld][a0 + 3 * H + j];
                                    double dn = dht * (1 - z) * (1 - n * n);
                                    double dz = dht * (hPrev[ld][r0 + j] - n) * z * (1 - z);
                                    double dr = dn * ghn * r * (1 - r);
                                    dgx[j] = dr; dgx[H + j] = dz; dgx[2 * H + j] = dn;
                                    dgh[j] = dr; dgh[H + j] = dz; dgh[2 * H + j] = dn * r;
                                    dhPrev[j] += dht * z;
                                    break;
                                }
                                default:
                                {
                                    double hv = act[ld][a0 + j];
                                    dgx[j] = cell == RnnMode.RnnTanh ? dht * (1 - hv * hv) : (hv > 0 ? dht : 0);
                                    dgh[j] = dgx[j];
                                    break;
                                }
                            }
                        }
                        for (int r = 0; r < G * H; r++)
                        {
                            if (hasBih) g.Bih[r] += dgx[r];
                            if (hasBhh) g.Bhh[r] += dgh[r];
                            for (int k = 0; k < inSize; k++)
                            {
                                g.Wih[r * inSize + k] += dgx[r] * input[(tt * B + bb) * inSize + k];
                                dIn[(tt * B + bb) * inSize + k] += p.Wih[r * inSize + k] * dgx[r];
                            }
                            for (int k = 0; k < R; k++)
                            {
                                g.Whh[r * R + k] += dgh[r] * hPrev[ld][r0 + k];
                                dhPrev[k] += p.Whh[r * R + k] * dgh[r];
                            }
                        }
                        Array.Copy(dhPrev, 0, dh, bb * R, R);
                    }
                }
                Array.Copy(dh, 0, dh0, ld * B * R, B * R);
                Array.Copy(dc, 0, dc0, ld * B * H, B * H);
            }
            dOut = dIn;
        }
        return (dOut, dh0, dc0, dw);
    }
}
