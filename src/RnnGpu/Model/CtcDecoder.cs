using ILGPU.Runtime;
using RnnGpu.Kernels;

namespace RnnGpu;

/// <summary>One decoded label sequence and its log-probability under the model (for best path: the path's; for beam
/// search: the summed probability of every alignment of the labels among the paths the beam kept).</summary>
/// <param name="Labels">The labels, blanks removed and repeats merged.</param>
/// <param name="LogProbability">Natural log.</param>
public sealed record CtcHypothesis(IReadOnlyList<int> Labels, double LogProbability);

/// <summary>
/// Decoding of CTC outputs (T, B, C) of unnormalised scores, as <see cref="Losses.Ctc(DeviceTensor, DeviceIndices, IReadOnlyList{int}, IReadOnlyList{int}, DeviceTensor?, int, Reduction, bool, float?)"/>
/// takes them: best path on the device, and prefix beam search (Hannun et al. 2014, without a language model) on the host
/// over the device's log-softmax. Both honour each sequence's input length.
/// </summary>
public static class CtcDecoder
{
    static CtcArgs Check(DeviceTensor logits, IReadOnlyList<int> inputLengths, int blank)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(inputLengths);
        logits.ThrowIfDisposed();
        var (T, B, C) = Losses.CheckCtcScores(logits, inputLengths, blank);
        return new CtcArgs(T, B, C, 0, blank, false, false, 1f);
    }

    /// <summary>Best-path decoding on the device: per frame the most probable class (the first on ties), repeats merged,
    /// blanks dropped; one hypothesis per sequence with the path's log-probability.</summary>
    /// <param name="logits">(T, B, C) scores.</param>
    /// <param name="inputLengths">B frame counts, each in [0, T].</param>
    /// <param name="blank">The blank's class (default 0).</param>
    /// <exception cref="ArgumentException">Shapes or lengths out of range, named.</exception>
    public static CtcHypothesis[] Greedy(DeviceTensor logits, IReadOnlyList<int> inputLengths, int blank = 0)
    {
        using var hold = DeviceHold.Of(logits);
        var a = Check(logits, inputLengths, blank);
        var dev = logits.Device;
        var k = dev.Kernels;
        using var lse = DeviceTensor.Uninitialized(dev, a.T * a.B);
        using var logp = DeviceTensor.Uninitialized(dev, a.B);
        var ints = dev.RentBuffer<int>((long)a.T * a.B * 2 + 2L * a.B);
        try
        {
            long tb = (long)a.T * a.B;
            var ids = ints.View.SubView(0, tb);
            var labels = ints.View.SubView(tb, tb);
            var count = ints.View.SubView(2 * tb, a.B);
            var lengths = ints.View.SubView(2 * tb + a.B, a.B);
            lengths.CopyFromCPU(inputLengths.ToArray());
            k.CtcLogSumExp(logits.View, lse.View, a.C);
            k.ArgmaxRows(logits.View, ids, a.C);
            k.CtcGreedyCollapse(logits.View, lse.View, ids, lengths, labels, count, logp.View, a);
            dev.Synchronize();
            var hl = new int[tb];
            var hc = new int[a.B];
            labels.CopyToCPU(hl);
            count.CopyToCPU(hc);
            var hp = logp.ToArray();
            return Enumerable.Range(0, a.B)
                .Select(b => new CtcHypothesis(hl.AsSpan(b * a.T, hc[b]).ToArray(), hp[b])).ToArray();
        }
        finally
        {
            dev.ReturnBuffer(ints);
        }
    }

    /// <summary>Prefix beam search: per frame every kept prefix is extended by every class (a blank or a repeat of its last
    /// label without a blank between keeps it; another label grows it), probabilities of equal prefixes are summed (ending in a
    /// blank and not, separately, in float64 log space), and the <paramref name="beamWidth"/> most probable prefixes are kept.
    /// Returns per sequence its hypotheses, most probable first (at most beamWidth).</summary>
    /// <param name="logits">(T, B, C) scores; their log-softmax is computed on the device.</param>
    /// <param name="inputLengths">B frame counts, each in [0, T].</param>
    /// <param name="beamWidth">Prefixes kept per frame, at least 1.</param>
    /// <param name="blank">The blank's class (default 0).</param>
    /// <exception cref="ArgumentException">Shapes, lengths or the width out of range, named.</exception>
    public static CtcHypothesis[][] BeamSearch(DeviceTensor logits, IReadOnlyList<int> inputLengths, int beamWidth, int blank = 0)
    {
        using var hold = DeviceHold.Of(logits);
        var a = Check(logits, inputLengths, blank);
        if (beamWidth < 1)
            throw new ArgumentException($"beamWidth must be at least 1, got {beamWidth}.", nameof(beamWidth));
        var dev = logits.Device;
        using var lse = DeviceTensor.Uninitialized(dev, a.T * a.B);
        dev.Kernels.CtcLogSumExp(logits.View, lse.View, a.C);
        var x = logits.ToArray();
        var z = lse.ToArray();
        var result = new CtcHypothesis[a.B][];
        var lp = new double[a.C];
        for (int b = 0; b < a.B; b++)
        {
            var beams = new Dictionary<Prefix, (double Blank, double Label)> { [Prefix.Empty] = (0, double.NegativeInfinity) };
            for (int t = 0; t < inputLengths[b]; t++)
            {
                long r = (long)t * a.B + b;
                for (int c = 0; c < a.C; c++)
                    lp[c] = x[r * a.C + c] - z[r];
                var next = new Dictionary<Prefix, (double Blank, double Label)>();
                void Add(Prefix p, double pb, double pl)
                {
                    var (ob, ol) = next.GetValueOrDefault(p, (double.NegativeInfinity, double.NegativeInfinity));
                    next[p] = (LogAdd(ob, pb), LogAdd(ol, pl));
                }
                foreach (var (p, (pb, pl)) in beams)
                {
                    double total = LogAdd(pb, pl);
                    for (int c = 0; c < a.C; c++)
                    {
                        if (c == blank)
                        {
                            Add(p, total + lp[c], double.NegativeInfinity);
                            continue;
                        }
                        var grown = p.Append(c);
                        if (p.Last == c)
                        {
                            Add(p, double.NegativeInfinity, pl + lp[c]);         // the repeat merges into the same label
                            Add(grown, double.NegativeInfinity, pb + lp[c]);     // after a blank it is a new label
                        }
                        else
                            Add(grown, double.NegativeInfinity, total + lp[c]);
                    }
                }
                beams = next.OrderByDescending(e => LogAdd(e.Value.Blank, e.Value.Label)).ThenBy(e => e.Key.ToString(), StringComparer.Ordinal)
                    .Take(beamWidth).ToDictionary(e => e.Key, e => e.Value);
            }
            result[b] = beams.Select(e => new CtcHypothesis(e.Key.Labels, LogAdd(e.Value.Blank, e.Value.Label)))
                .OrderByDescending(h => h.LogProbability).ToArray();
        }
        return result;
    }

    static double LogAdd(double a, double b)
    {
        if (a == double.NegativeInfinity) return b;
        if (b == double.NegativeInfinity) return a;
        double m = Math.Max(a, b);
        return m + Math.Log(Math.Exp(a - m) + Math.Exp(b - m));
    }

    /// <summary>An immutable label prefix with value equality.</summary>
    sealed class Prefix : IEquatable<Prefix>
    {
        public static readonly Prefix Empty = new(Array.Empty<int>());
        readonly int hash;

        Prefix(int[] labels)
        {
            Labels = labels;
            var h = new HashCode();
            foreach (var v in labels) h.Add(v);
            hash = h.ToHashCode();
        }

        public int[] Labels { get; }

        public int Last => Labels.Length == 0 ? -1 : Labels[^1];

        public Prefix Append(int c)
        {
            var l = new int[Labels.Length + 1];
            Labels.CopyTo(l, 0);
            l[^1] = c;
            return new Prefix(l);
        }

        public bool Equals(Prefix? other) => other is not null && hash == other.hash && Labels.AsSpan().SequenceEqual(other.Labels);

        public override bool Equals(object? obj) => Equals(obj as Prefix);

        public override int GetHashCode() => hash;

        public override string ToString() => string.Join(',', Labels);
    }
}
