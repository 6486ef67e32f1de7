using ILGPU;
using ILGPU.Algorithms;

namespace RnnGpu.Kernels;

/// <summary>Sizes and scoring of one beam-search step (<see cref="BeamKernels"/>).</summary>
public readonly struct BeamArgs
{
    /// <summary>Sentences B.</summary>
    public readonly int B;
    /// <summary>Beam width K (hypothesis rows N = B*K, row n = b*K + k).</summary>
    public readonly int K;
    /// <summary>Vocabulary V.</summary>
    public readonly int V;
    /// <summary>Source positions Ts.</summary>
    public readonly int Ts;
    /// <summary>This step, 1-based (step 1 expands only beam 0: all beams start as the same start token).</summary>
    public readonly int Step;
    /// <summary>The last step: every sentence still searching ends here.</summary>
    public readonly int LastStep;
    /// <summary>The end id.</summary>
    public readonly int Eos;
    /// <summary>Length normalization exponent alpha: scores divided by ((c + len) / (c + 1))^alpha.</summary>
    public readonly float Alpha;
    /// <summary>Length normalization constant c (GNMT: 5).</summary>
    public readonly float LengthConstant;
    /// <summary>Coverage penalty weight beta: beta sum_j log(min(attention mass on j, 1)).</summary>
    public readonly float Beta;

    /// <summary>Creates the arguments.</summary>
    /// <param name="b">Sentences.</param>
    /// <param name="k">Beam width.</param>
    /// <param name="v">Vocabulary.</param>
    /// <param name="ts">Source positions.</param>
    /// <param name="step">Step (1-based).</param>
    /// <param name="lastStep">Last step.</param>
    /// <param name="eos">End id.</param>
    /// <param name="alpha">Length normalization exponent.</param>
    /// <param name="lengthConstant">Length normalization constant.</param>
    /// <param name="beta">Coverage penalty weight.</param>
    public BeamArgs(int b, int k, int v, int ts, int step, int lastStep, int eos, float alpha, float lengthConstant, float beta)
    {
        B = b; K = k; V = v; Ts = ts; Step = step; LastStep = lastStep; Eos = eos; Alpha = alpha; LengthConstant = lengthConstant;
        Beta = beta;
    }
}

/// <summary>The views of a beam-search step: the current hypotheses (read), the next ones (written), the history.</summary>
public struct BeamViews
{
    /// <summary>topScores: (N, K), each hypothesis's K most probable next tokens' log-probabilities, best first
    /// (<see cref="BeamKernels.RowTopK"/>; -inf where the vocabulary has fewer than K).</summary>
    public ArrayView<float> TopScores;
    /// <summary>topWords: (N, K), those tokens.</summary>
    public ArrayView<int> TopWords;
    /// <summary>attention: (N, Ts), this step's attention weights per hypothesis.</summary>
    public ArrayView<float> Attention;
    /// <summary>scores: (N), the summed log-probabilities.</summary>
    public ArrayView<float> Scores;
    /// <summary>finished: (N), 1 once the hypothesis has emitted the end id.</summary>
    public ArrayView<int> Finished;
    /// <summary>lengths: (N), tokens including the start and the end id.</summary>
    public ArrayView<int> Lengths;
    /// <summary>coverage: (N, Ts), the attention mass each source position received.</summary>
    public ArrayView<float> Coverage;
    /// <summary>done: (B), 1 once the sentence's search has ended (its final scores written).</summary>
    public ArrayView<int> Done;
    /// <summary>Next scores: (N).</summary>
    public ArrayView<float> NewScores;
    /// <summary>Next finished flags: (N).</summary>
    public ArrayView<int> NewFinished;
    /// <summary>Next lengths: (N).</summary>
    public ArrayView<int> NewLengths;
    /// <summary>Next coverage: (N, Ts).</summary>
    public ArrayView<float> NewCoverage;
    /// <summary>words: (N), the token each next hypothesis appends (the decoder's next input).</summary>
    public ArrayView<int> Words;
    /// <summary>source: (N), the hypothesis row each next one extends (the decoder states are gathered by it).</summary>
    public ArrayView<int> Source;
    /// <summary>final: (N), the normalized score of each hypothesis of a sentence whose search ended.</summary>
    public ArrayView<float> Final;
    /// <summary>History of words: (LastStep + 1, N), row Step written.</summary>
    public ArrayView<int> HistoryWords;
    /// <summary>History of sources: (LastStep + 1, N), row Step written.</summary>
    public ArrayView<int> HistorySource;
    /// <summary>History of attention: (LastStep + 1, N, Ts), row Step written (the weights that produced each word).</summary>
    public ArrayView<float> HistoryAttention;
}

/// <summary>
/// One step of beam search over all sentences (GNMT's, as NVIDIA's SequenceGenerator runs it): per sentence, the K best of
/// the live hypotheses' one-token extensions, a finished hypothesis proposing only itself (its score unchanged); the
/// sentence ends when every beam has finished or at the last step, and then each hypothesis's final score is its summed
/// log-probability divided by ((c + len) / (c + 1))^alpha plus beta sum_j log(min(coverage_j, 1)) (positions with no mass
/// count 0). Coverage follows each hypothesis (gathered with it). One item per sentence; ties keep the earlier candidate.
/// </summary>
public static class BeamKernels
{
    /// <summary>The step (the rows' K best next tokens from <see cref="RowTopK"/>): writes the next hypotheses (sorted best first per sentence), the history rows and, for sentences
    /// ending now, the final scores. A sentence already done copies itself through (identity sources, end ids). Launch over B.</summary>
    /// <param name="items">Sentences B; see <see cref="Items"/>.</param>
    /// <param name="v">Views.</param>
    /// <param name="a">Sizes and scoring.</param>
    public static void Step(int items, BeamViews v, BeamArgs a)
    {
        for (int b = Items.First(items), end = Items.End(items); b < end; b++)
            Sentence(b, v, a);
    }

    static void Sentence(int b, in BeamViews v, in BeamArgs a)
    {
        int k0 = b * a.K, n = a.B * a.K;
        long hist = (long)a.Step * n;
        if (v.Done[b] != 0)
        {
            for (int j = 0; j < a.K; j++)
            {
                int r = k0 + j;
                v.NewScores[r] = v.Scores[r];
                v.NewFinished[r] = 1;
                v.NewLengths[r] = v.Lengths[r];
                for (int s = 0; s < a.Ts; s++)
                {
                    v.NewCoverage[(long)r * a.Ts + s] = v.Coverage[(long)r * a.Ts + s];
                    v.HistoryAttention[(hist + r) * a.Ts + s] = 0f;
                }
                v.Words[r] = a.Eos;
                v.Source[r] = r;
                v.HistoryWords[hist + r] = a.Eos;
                v.HistorySource[hist + r] = r;
            }
            return;
        }
        // the top K in the next rows' score slots, sorted; Source and Words hold each slot's candidate
        int filled = 0;
        int beams = a.Step == 1 ? 1 : a.K;
        for (int k = 0; k < beams; k++)
        {
            int r = k0 + k;
            float sr = v.Scores[r];
            if (sr == float.NegativeInfinity)
                continue; // a filler of a sentence with fewer candidates than beams
            if (v.Finished[r] != 0)
            {
                filled = Insert(v, k0, a.K, filled, sr, r, a.Eos);
                continue;
            }
            // only a row's own K best can be among the sentence's K best
            long row = (long)r * a.K;
            for (int j = 0; j < a.K; j++)
            {
                float c = v.TopScores[row + j];
                if (c == float.NegativeInfinity)
                    break;
                filled = Insert(v, k0, a.K, filled, sr + c, r, v.TopWords[row + j]);
            }
        }
        for (int j = filled; j < a.K; j++) // fewer candidates than beams (V small at step 1): pad with impossible copies
        {
            v.NewScores[k0 + j] = float.NegativeInfinity;
            v.Source[k0 + j] = k0;
            v.Words[k0 + j] = a.Eos;
        }
        bool all = true;
        for (int j = 0; j < a.K; j++)
        {
            int r = k0 + j, src = v.Source[r];
            bool wasFinished = v.Finished[src] != 0;
            bool fin = wasFinished || v.Words[r] == a.Eos;
            all &= fin;
            v.NewFinished[r] = fin ? 1 : 0;
            v.NewLengths[r] = v.Lengths[src] + (wasFinished ? 0 : 1);
            for (int s = 0; s < a.Ts; s++)
            {
                float att = wasFinished ? 0f : v.Attention[(long)src * a.Ts + s];
                v.NewCoverage[(long)r * a.Ts + s] = v.Coverage[(long)src * a.Ts + s] + att;
                v.HistoryAttention[(hist + r) * a.Ts + s] = att;
            }
            v.HistoryWords[hist + r] = v.Words[r];
            v.HistorySource[hist + r] = src;
        }
        if (all || a.Step >= a.LastStep)
        {
            v.Done[b] = 1;
            for (int j = 0; j < a.K; j++)
            {
                int r = k0 + j;
                float norm = XMath.Pow((a.LengthConstant + v.NewLengths[r]) / (a.LengthConstant + 1f), a.Alpha);
                float pen = 0f;
                for (int s = 0; s < a.Ts; s++)
                {
                    float c = v.NewCoverage[(long)r * a.Ts + s];
                    if (c > 0f)
                        pen += XMath.Log(XMath.Min(c, 1f));
                }
                v.Final[r] = v.NewScores[r] / norm + a.Beta * pen;
            }
        }
    }

    /// <summary>Inserts candidate (score, source row, word) into the sentence's sorted list of <paramref name="filled"/> entries
    /// (capacity K) when it beats the last; returns the new count.</summary>
    static int Insert(in BeamViews v, int k0, int k, int filled, float score, int src, int word)
    {
        if (filled == k && !(score > v.NewScores[k0 + k - 1]))
            return filled;
        int at = filled < k ? filled : k - 1;
        while (at > 0 && score > v.NewScores[k0 + at - 1])
        {
            v.NewScores[k0 + at] = v.NewScores[k0 + at - 1];
            v.Source[k0 + at] = v.Source[k0 + at - 1];
            v.Words[k0 + at] = v.Words[k0 + at - 1];
            at--;
        }
        v.NewScores[k0 + at] = score;
        v.Source[k0 + at] = src;
        v.Words[k0 + at] = word;
        return filled < k ? filled + 1 : filled;
    }

    /// <summary>Per row r of logits (N, V): its log-sum-exp and its K largest logits (the first of equal ones first), written
    /// best first as log-probabilities topScores[r, j] = x - lse with their ids topWords[r, j] (-inf and the id 0 past V).
    /// Launch over N rows.</summary>
    /// <param name="items">Rows N; see <see cref="Items"/>.</param>
    /// <param name="logits">logits: (N, V).</param>
    /// <param name="topScores">topScores: (N, K), written.</param>
    /// <param name="topWords">topWords: (N, K), written.</param>
    /// <param name="k">K.</param>
    /// <param name="vocabulary">V.</param>
    public static void RowTopK(int items, ArrayView<float> logits, ArrayView<float> topScores, ArrayView<int> topWords, int k, int vocabulary)
    {
        for (int r = Items.First(items), end = Items.End(items); r < end; r++)
        {
            long o = (long)r * vocabulary, t = (long)r * k;
            float lse = ModelKernels.RowLogSumExp(logits, o, vocabulary);
            int filled = 0;
            for (int w = 0; w < vocabulary; w++)
            {
                float x = logits[o + w];
                if (filled == k && !(x > topScores[t + k - 1]))
                    continue;
                int at = filled < k ? filled : k - 1;
                while (at > 0 && x > topScores[t + at - 1])
                {
                    topScores[t + at] = topScores[t + at - 1];
                    topWords[t + at] = topWords[t + at - 1];
                    at--;
                }
                topScores[t + at] = x;
                topWords[t + at] = w;
                if (filled < k)
                    filled++;
            }
            for (int j = 0; j < k; j++)
            {
                if (j < filled)
                    topScores[t + j] -= lse;
                else
                {
                    topScores[t + j] = float.NegativeInfinity;
                    topWords[t + j] = 0;
                }
            }
        }
    }

    /// <summary><see cref="RowTopK"/> on the CPU accelerator: rows [first, end) of each worker in <c>CpuSimd.BeamRowTopK</c>
    /// (the log-sum-exp and the scan 16 logits at a time, a candidate handled only when it beats the K-th best so far). CPU
    /// accelerator only.</summary>
    /// <param name="items">Rows N; see <see cref="Items"/>.</param>
    /// <param name="logits">logits: (N, V).</param>
    /// <param name="topScores">topScores: (N, K), written.</param>
    /// <param name="topWords">topWords: (N, K), written.</param>
    /// <param name="k">K.</param>
    /// <param name="vocabulary">V.</param>
    public static void RowTopKCpu(int items, ArrayView<float> logits, ArrayView<float> topScores, ArrayView<int> topWords, int k, int vocabulary)
    {
        int first = Items.First(items), end = Items.End(items);
        if (first < end)
            CpuSimd.BeamRowTopK(first, end, logits, topScores, topWords, k, vocabulary);
    }

    /// <summary>active[0] = the sentences whose search has not ended. One item.</summary>
    /// <param name="items">1; see <see cref="Items"/>.</param>
    /// <param name="done">done: (B).</param>
    /// <param name="active">active: (1), written.</param>
    public static void CountActive(int items, ArrayView<int> done, ArrayView<int> active)
    {
        if (Items.First(items) >= Items.End(items))
            return;
        int c = 0;
        for (long b = 0; b < done.Length; b++)
            c += done[b] == 0 ? 1 : 0;
        active[0] = c;
    }
}
