using System.Text;

namespace RnnGpu.Cli.Training;

/// <summary>What the decoder must write: the source digits reversed or sorted ascending.</summary>
internal enum DigitOrder
{
    Reverse,
    Sort,
}

/// <summary>
/// One batch of the digit-string task, sequence-major (element t * B + b): source ids (Ts, B) with Ts the longest length,
/// each string's length, the decoder input (Td, B) (BOS, then the target shifted right) and the target (Td, B). Positions
/// past a string's end are padding: source 0 (the encoder stops at the length), decoder input EOS, target the ignore index.
/// </summary>
internal sealed record DigitBatch(int[] Source, int[] Lengths, int[] DecoderInput, int[] Target, int SourceSteps, int TargetSteps, int Size);

/// <summary>
/// Digit strings to reverse or sort. Source vocabulary: the digits 0 to 9. Target vocabulary: the digits, BOS (10, the decoder's
/// first input) and, when lengths vary, EOS (11), which ends every target so that the decoder says where the string stops.
/// </summary>
internal static class ReverseProblem
{
    /// <summary>Source vocabulary: the ten digits.</summary>
    public const int Digits = 10;

    /// <summary>Decoder start id.</summary>
    public const int Bos = 10;

    /// <summary>End id (variable lengths only).</summary>
    public const int Eos = 11;

    /// <summary>Target id of padding, ignored by the loss and the metrics.</summary>
    public const int Ignore = Losses.DefaultIgnoreIndex;

    /// <summary>Target vocabulary: digits and BOS, plus EOS when lengths vary.</summary>
    public static int TargetVocabulary(bool variable) => variable ? Eos + 1 : Bos + 1;

    /// <summary>Decoder steps: one per digit, plus EOS when lengths vary.</summary>
    public static int TargetSteps(int maxLength, bool variable) => variable ? maxLength + 1 : maxLength;

    /// <summary>The target digits of one source string.</summary>
    public static int[] Transform(IReadOnlyList<int> digits, DigitOrder order)
    {
        var t = digits.ToArray();
        if (order == DigitOrder.Reverse)
            Array.Reverse(t);
        else
            Array.Sort(t);
        return t;
    }

    /// <summary>Draws <paramref name="size"/> strings of <paramref name="minLength"/> to <paramref name="maxLength"/> uniform random
    /// digits (all of <paramref name="maxLength"/> when the two are equal; then there is no EOS).</summary>
    /// <param name="rng">Source of randomness; the batch depends only on it.</param>
    /// <param name="minLength">Shortest string (at least 1).</param>
    /// <param name="maxLength">Longest string.</param>
    /// <param name="size">B.</param>
    /// <param name="order">Reverse or sort.</param>
    public static DigitBatch Batch(Random rng, int minLength, int maxLength, int size, DigitOrder order)
    {
        if (minLength < 1 || maxLength < minLength || size < 1)
            throw new ArgumentException($"need 1 <= minLength ({minLength}) <= maxLength ({maxLength}) and size ({size}) >= 1.", nameof(minLength));
        bool variable = minLength != maxLength;
        int ts = maxLength, td = TargetSteps(maxLength, variable);
        var source = new int[ts * size];
        var lengths = new int[size];
        var input = new int[td * size];
        var target = new int[td * size];
        var digits = new int[maxLength];
        for (int b = 0; b < size; b++)
        {
            int len = variable ? rng.Next(minLength, maxLength + 1) : maxLength;
            lengths[b] = len;
            for (int t = 0; t < len; t++)
                digits[t] = rng.Next(Digits);
            var y = Transform(new ArraySegment<int>(digits, 0, len), order);
            for (int t = 0; t < ts; t++)
                source[t * size + b] = t < len ? digits[t] : 0;
            for (int t = 0; t < td; t++)
            {
                target[t * size + b] = t < len ? y[t] : t == len ? Eos : Ignore;
                input[t * size + b] = t == 0 ? Bos : t <= len ? target[(t - 1) * size + b] : Eos;
            }
        }
        return new DigitBatch(source, lengths, input, target, ts, td, size);
    }

    /// <summary>Exact match per string: string b is right when every target position that is not padding (its digits and, when
    /// lengths vary, its EOS) holds the predicted id; what follows the EOS does not count.</summary>
    /// <param name="predicted">(Td, B) ids, row-major, as <see cref="Seq2Seq.Translate"/> returns them.</param>
    /// <param name="target">(Td, B) target ids with <see cref="Ignore"/> as padding.</param>
    /// <param name="size">B.</param>
    public static bool[] ExactMatches(IReadOnlyList<int> predicted, IReadOnlyList<int> target, int size)
    {
        if (size < 1 || predicted.Count != target.Count || target.Count % size != 0)
            throw new ArgumentException($"predicted ({predicted.Count}) and target ({target.Count}) must both hold (Td, {size}) ids.", nameof(predicted));
        var ok = Enumerable.Repeat(true, size).ToArray();
        for (int i = 0; i < target.Count; i++)
            if (target[i] != Ignore && predicted[i] != target[i])
                ok[i % size] = false;
        return ok;
    }

    /// <summary>Fraction of strings predicted exactly.</summary>
    public static double ExactMatchAccuracy(IReadOnlyList<int> predicted, IReadOnlyList<int> target, int size) =>
        ExactMatches(predicted, target, size).Count(x => x) / (double)size;

    /// <summary>String b of a (steps, B) id array as text: digits, then "$" for EOS and "^" for BOS; stops after the first EOS
    /// and, when <paramref name="length"/> is given, after that many positions.</summary>
    public static string Text(IReadOnlyList<int> ids, int b, int size, int? length = null)
    {
        var sb = new StringBuilder();
        int steps = ids.Count / size;
        for (int t = 0; t < Math.Min(steps, length ?? steps); t++)
        {
            int id = ids[t * size + b];
            if (id == Ignore)
                break;
            sb.Append(id switch { < Digits and >= 0 => (char)('0' + id), Bos => '^', Eos => '$', _ => '?' });
            if (id == Eos)
                break;
        }
        return sb.ToString();
    }
}
