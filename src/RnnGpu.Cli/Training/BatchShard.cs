namespace RnnGpu.Cli.Training;

/// <summary>A data-parallel replica's part of a host batch: the columns (sequences) [Start, Start + Count) of the global batch.</summary>
internal static class BatchShard
{
    /// <summary>Sequence-major data (T, B, F), flattened as (t * B + b) * F + f, cut to (T, Count, F).</summary>
    public static T[] Columns<T>(T[] data, int steps, int batch, int width, (int Start, int Count) shard)
    {
        if (shard.Start == 0 && shard.Count == batch)
            return data;
        if (data.Length != (long)steps * batch * width)
            throw new ArgumentException($"{data.Length} values are not ({steps}, {batch}, {width}).", nameof(data));
        var part = new T[steps * shard.Count * width];
        for (int t = 0; t < steps; t++)
            Array.Copy(data, ((long)t * batch + shard.Start) * width, part, (long)t * shard.Count * width, (long)shard.Count * width);
        return part;
    }

    /// <summary>Batch-major data (B, F) cut to (Count, F).</summary>
    public static T[] Rows<T>(T[] data, int width, (int Start, int Count) shard) =>
        Columns(data, 1, data.Length / width, width, shard);
}
