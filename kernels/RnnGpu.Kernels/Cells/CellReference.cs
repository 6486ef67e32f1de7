namespace RnnGpu.Kernels;

/// <summary>
/// The float64 reference of a stacked, optionally bidirectional layer of a cell that is a type (<see cref="ICell"/>), with
/// PyTorch's semantics: input (T, B, I), output (T, B, D*H), states (L*D, B, H); steps at t &gt;= lengths[b] output 0 and keep
/// the state, the reverse direction starts at a sequence's last step. Forward only: the gradients it is checked with are its
/// own central finite differences (float64 makes them good to about 1e-9).
/// </summary>
public sealed class CellReference
{
    readonly Action<CellReferenceStep> step;
    readonly int L, D, I, H, G, U;
    readonly bool hasC;

    /// <summary>Creates the reference of a cell kind whose row in the cell table names its type.</summary>
    /// <param name="mode">The cell (one with <see cref="CellSpec.CellType"/>).</param>
    /// <param name="layers">Layers L.</param>
    /// <param name="bidirectional">Two directions.</param>
    /// <param name="inputSize">I.</param>
    /// <param name="hiddenSize">H.</param>
    /// <exception cref="ArgumentException">The cell is not a type.</exception>
    public CellReference(RnnMode mode, int layers, bool bidirectional, int inputSize, int hiddenSize)
    {
        var spec = CellSpec.Of(mode);
        var type = spec.CellType ?? throw new ArgumentException($"The {spec.Name} cell has no cell type.", nameof(mode));
        var method = type.GetMethod(nameof(ICell.ReferenceStep))!;
        step = method.CreateDelegate<Action<CellReferenceStep>>();
        L = layers; D = bidirectional ? 2 : 1; I = inputSize; H = hiddenSize;
        G = spec.Gates; U = spec.UnitParams; hasC = spec.HasCellState;
    }

    /// <summary>Input size of layer l.</summary>
    /// <param name="l">Layer.</param>
    public int InSize(int l) => l == 0 ? I : D * H;

    /// <summary>Runs the layer. Weights per layer and direction [l*D + d]: W_ih (G*H, In), W_hh (G*H, H), b_ih, b_hh (G*H, or empty
    /// for none), the per-unit parameters (U*H, or empty).</summary>
    /// <param name="wih">W_ih per layer and direction.</param>
    /// <param name="whh">W_hh per layer and direction.</param>
    /// <param name="bih">b_ih per layer and direction (empty: none).</param>
    /// <param name="bhh">b_hh per layer and direction (empty: none).</param>
    /// <param name="unit">Per-unit parameters per layer and direction (empty: none).</param>
    /// <param name="x">(T, B, I).</param>
    /// <param name="T">Steps.</param>
    /// <param name="B">Batch.</param>
    /// <param name="lengths">(B), or null for all T.</param>
    /// <param name="h0">(L*D, B, H) or null.</param>
    /// <param name="c0">(L*D, B, H) or null.</param>
    /// <returns>Output (T, B, D*H), h_n and c_n (L*D, B, H; c_n zeros without a cell state).</returns>
    public (double[] Output, double[] HN, double[] CN) Forward(double[][] wih, double[][] whh, double[][] bih, double[][] bhh,
        double[][] unit, double[] x, int T, int B, int[]? lengths, double[]? h0, double[]? c0)
    {
        var lens = lengths ?? Enumerable.Repeat(T, B).ToArray();
        var hN = new double[L * D * B * H];
        var cN = new double[L * D * B * H];
        double[] input = x;
        double[] output = Array.Empty<double>();
        for (int l = 0; l < L; l++)
        {
            int inSize = InSize(l);
            output = new double[T * B * D * H];
            for (int d = 0; d < D; d++)
            {
                int ld = l * D + d;
                double[] Or(double[] a, int n) => a.Length == 0 ? new double[n] : a;
                var bi = Or(bih[ld], G * H);
                var bh = Or(bhh[ld], G * H);
                var un = Or(unit[ld], U * H);
                for (int b = 0; b < B; b++)
                {
                    var h = new double[H];
                    var c = new double[H];
                    long s0 = ((long)ld * B + b) * H;
                    if (h0 is not null) Array.Copy(h0, s0, h, 0, H);
                    if (c0 is not null && hasC) Array.Copy(c0, s0, c, 0, H);
                    for (int s = 0; s < lens[b]; s++)
                    {
                        int t = d == 0 ? s : lens[b] - 1 - s;
                        var xt = new double[inSize];
                        Array.Copy(input, ((long)t * B + b) * inSize, xt, 0, inSize);
                        var hOut = new double[H];
                        var cOut = new double[H];
                        step(new CellReferenceStep(inSize, H, wih[ld], whh[ld], bi, bh, un, xt, h, c, hOut, cOut));
                        h = hOut;
                        c = hasC ? cOut : c;
                        Array.Copy(h, 0, output, ((long)t * B + b) * D * H + d * H, H);
                    }
                    Array.Copy(h, 0, hN, s0, H);
                    Array.Copy(c, 0, cN, s0, H);
                }
            }
            input = output;
        }
        return (output, hN, cN);
    }
}
