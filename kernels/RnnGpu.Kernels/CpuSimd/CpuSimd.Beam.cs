using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using ILGPU;
using ILGPU.Runtime;

namespace RnnGpu.Kernels;

internal static unsafe partial class CpuSimd
{
    // ---- Beam search on the CPU accelerator: each hypothesis row's K best next tokens.

    /// <summary>Rows [first, end) of <see cref="BeamKernels.RowTopKCpu"/>: the same selection as <see cref="BeamKernels.RowTopK"/>
    /// (the first of equal logits first), the log-sum-exp as the CTC rows compute it.</summary>
    [ILGPU.Frontend.External("rnngpu_cpu_beam_topk")]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void BeamRowTopK(int first, int end, ArrayView<float> logits, ArrayView<float> topScores, ArrayView<int> topWords, int k, int vocabulary)
    {
        float* px = Address(logits), ps = Address(topScores);
        int* pw = IntAddress(topWords);
        for (int r = first; r < end; r++)
        {
            float* x = px + (long)r * vocabulary, s = ps + (long)r * k;
            int* w = pw + (long)r * k;
            float lse = RowLogSumExp(x, vocabulary);
            int filled = 0;
            float worst = float.NegativeInfinity; // the K-th best so far, once K are held
            int j = 0;
            if (Use512)
                for (; j + 16 <= vocabulary; j += 16)
                {
                    var v = Vector512.Load(x + j);
                    if (filled == k && !Vector512.GreaterThanAny(v, Vector512.Create(worst)))
                        continue;
                    for (int l = 0; l < 16; l++)
                        TopInsert(s, w, k, ref filled, ref worst, x[j + l], j + l);
                }
            else if (Use256)
                for (; j + 8 <= vocabulary; j += 8)
                {
                    var v = Vector256.Load(x + j);
                    if (filled == k && !Vector256.GreaterThanAny(v, Vector256.Create(worst)))
                        continue;
                    for (int l = 0; l < 8; l++)
                        TopInsert(s, w, k, ref filled, ref worst, x[j + l], j + l);
                }
            for (; j < vocabulary; j++)
                TopInsert(s, w, k, ref filled, ref worst, x[j], j);
            for (int i = 0; i < k; i++)
            {
                if (i < filled)
                    s[i] -= lse;
                else
                {
                    s[i] = float.NegativeInfinity;
                    w[i] = 0;
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void TopInsert(float* s, int* w, int k, ref int filled, ref float worst, float x, int id)
    {
        if (filled == k && !(x > worst))
            return;
        int at = filled < k ? filled : k - 1;
        while (at > 0 && x > s[at - 1])
        {
            s[at] = s[at - 1];
            w[at] = w[at - 1];
            at--;
        }
        s[at] = x;
        w[at] = id;
        if (filled < k)
            filled++;
        if (filled == k)
            worst = s[k - 1];
    }
}
