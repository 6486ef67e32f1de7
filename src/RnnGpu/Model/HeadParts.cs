namespace RnnGpu;

/// <summary>The recurrent layer plus linear head that <see cref="SequenceClassifier"/> and <see cref="SequenceTagger"/> share.</summary>
internal static class HeadParts
{
    public static (RecurrentLayer Rnn, Linear Fc, NamedParameter[] Named) RecurrentWithLinear(ComputeDevice device, RnnOptions rnn,
        int outputs, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(rnn);
        // RnnOptions.BatchFirst works through the heads as through the layer: (B, T, I) in; the classifier reads the final
        // states (the same either way), the tagger's rows come out batch-major (b, t).
        var layer = new RecurrentLayer(device, SeededBy(rnn, seed));
        var fc = new Linear(device, layer.Directions * rnn.HiddenSize, outputs, seed);
        return (layer, fc, layer.Named("rnn").Concat(fc.Named("fc")).ToArray());
    }

    /// <summary>A model's seed seeds all of it: the recurrent layer draws from <see cref="RnnOptions.Seed"/> when that is set
    /// (non-zero), otherwise from a seed derived from the model's (so models of seeds 1 and 2 differ in their recurrent
    /// weights too); a model seed of 0 with no layer seed keeps the layer's default stream.</summary>
    public static RnnOptions SeededBy(RnnOptions rnn, ulong modelSeed) =>
        rnn.Seed != 0 || modelSeed == 0 ? rnn : rnn with { Seed = Mix(modelSeed) };

    /// <summary>SplitMix64's finalizer: a seed of its own for the layer, far from the head's and the embedding's streams.</summary>
    static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}

/// <summary>The decoding loop shared by the generator and seq2seq (all on the device, one read at the end).</summary>
internal static class Decoding
{
    /// <summary>Feeds prompt (P, B) row-major through a stream started from (h0, c0), then chooses <paramref name="steps"/>
    /// tokens (argmax when temperature is 0, else sampled with step counter s), feeding each back. Returns (steps, B).
    /// The ids must already be checked against the vocabulary (the sampled ones are in range by construction, so the embedding
    /// skips its device-side check here). <paramref name="stop"/> cancelled: returns the (s, B) rows produced so far, s &gt;= 1.</summary>
    public static int[] Run(Embedding emb, RecurrentLayer rnn, Linear fc, int[] prompt, int batch, int steps, DeviceTensor? h0,
        DeviceTensor? c0, float temperature, ulong seed, CancellationToken stop = default)
    {
        var dev = rnn.Device;
        int B = batch, P = prompt.Length / batch, H = rnn.Options.HiddenSize, V = fc.OutFeatures;
        using var outIds = DeviceIndices.Uninitialized(dev, steps, B);
        using var cur = DeviceIndices.Uninitialized(dev, B);
        using var stream = rnn.CreateStream(B, h0, c0);
        using var y = DeviceTensor.Uninitialized(dev, B, H);
        using (var promptIds = DeviceIndices.FromHost(dev, prompt, P * B))
        using (var embedded = emb.Forward(promptIds, training: false, checkIds: false))
        using (var xs = embedded.Reshape(P, B, emb.Dim))
        {
            for (int t = 0; t < P; t++)
            {
                using var x = xs.Row(t);
                stream.Step(x, y);
            }
        }
        for (int s = 0; s < steps; s++)
        {
            using (var logits = fc.Forward(y))
                dev.Kernels.SampleRows(logits.View, cur.View, V, temperature, seed, s);
            cur.CopyInto(outIds, (long)s * B);
            if (stop.IsCancellationRequested)
                return outIds.ToArray()[..((s + 1) * B)];
            if (s + 1 < steps)
            {
                using var x = emb.Forward(cur, training: false, checkIds: false);
                stream.Step(x, y);
            }
        }
        return outIds.ToArray();
    }
}
