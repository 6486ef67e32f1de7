namespace RnnGpu.Distributed;

/// <summary>
/// Replicas in one process, one thread each (a thread per device): <see cref="Member"/> gives replica r's
/// <see cref="ICommunicator"/>. Collectives meet at a barrier; the sum is computed chunk by chunk, each chunk by its owner in
/// rank order, exactly as <see cref="MpiCommunicator"/> does, so the bits are the same. <see cref="Cancel"/> (a replica that
/// failed) makes every replica waiting in or entering a collective throw <see cref="OperationCanceledException"/>.
/// </summary>
public sealed class LocalGroup : IDisposable
{
    readonly Barrier barrier;
    readonly CancellationTokenSource cancel = new();
    readonly object?[] slots;
    readonly Member[] members;
    float[] sum = Array.Empty<float>();

    /// <summary>A group of <paramref name="size"/> replicas.</summary>
    /// <param name="size">At least 1.</param>
    public LocalGroup(int size)
    {
        if (size < 1)
            throw new ArgumentException($"A group needs at least one replica, got {size}.", nameof(size));
        Size = size;
        barrier = new Barrier(size);
        slots = new object?[size];
        members = Enumerable.Range(0, size).Select(r => new Member(this, r)).ToArray();
    }

    /// <summary>Replicas in the group.</summary>
    public int Size { get; }

    /// <summary>Replica <paramref name="rank"/>'s communicator (to be used by one thread).</summary>
    /// <param name="rank">0 to <see cref="Size"/> - 1.</param>
    public ICommunicator this[int rank] => members[rank];

    /// <summary>Ends every collective in progress or to come with <see cref="OperationCanceledException"/> (a replica failed).</summary>
    public void Cancel() => cancel.Cancel();

    /// <summary>True once <see cref="Cancel"/> was called.</summary>
    public bool IsCancelled => cancel.IsCancellationRequested;

    void Wait() => barrier.SignalAndWait(cancel.Token);

    void Sum(int rank, float[] data)
    {
        slots[rank] = data;
        if (rank == 0 && sum.Length != data.Length)
            sum = new float[data.Length];
        Wait();
        int n = data.Length;
        for (int r = 0; r < Size; r++)
            if (((float[])slots[r]!).Length != n)
                throw new ArgumentException($"Replica {r} passed {((float[])slots[r]!).Length} floats to SumInRankOrder, replica {rank} {n}.", nameof(data));
        long chunk = CommunicationCounters.ChunkLength(n, Size);
        int start = (int)Math.Min(n, rank * chunk), end = (int)Math.Min(n, (rank + 1) * chunk);
        var first = (float[])slots[0]!;
        for (int i = start; i < end; i++)
        {
            float s = first[i];
            for (int r = 1; r < Size; r++)
                s += ((float[])slots[r]!)[i];
            sum[i] = s;
        }
        Wait(); // every chunk summed
        sum.AsSpan().CopyTo(data);
        Wait(); // every replica copied: the next collective may reuse the slots and the sum
        long bytes = CommunicationCounters.SumBytesPerReplica(n, Size);
        members[rank].Counters.AddReduce(bytes, bytes);
    }

    void Broadcast(int rank, byte[] data, int root)
    {
        if (root < 0 || root >= Size)
            throw new ArgumentOutOfRangeException(nameof(root), $"root {root} is not a replica of a group of {Size}.");
        slots[rank] = data;
        Wait();
        var source = (byte[])slots[root]!;
        if (source.Length != data.Length)
            throw new ArgumentException($"Replica {root} broadcasts {source.Length} bytes, replica {rank} expects {data.Length}.", nameof(data));
        if (rank != root)
            source.AsSpan().CopyTo(data);
        Wait();
        members[rank].Counters.AddBroadcast(rank == root ? (long)data.Length * (Size - 1) : 0, rank == root ? 0 : data.Length);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        barrier.Dispose();
        cancel.Dispose();
    }

    sealed class Member(LocalGroup group, int rank) : ICommunicator
    {
        public int Rank => rank;

        public int Size => group.Size;

        public CommunicationCounters Counters { get; } = new();

        public void SumInRankOrder(float[] data)
        {
            ArgumentNullException.ThrowIfNull(data);
            if (group.Size > 1)
                group.Sum(rank, data);
        }

        public void Broadcast(byte[] data, int root)
        {
            ArgumentNullException.ThrowIfNull(data);
            if (group.Size > 1)
                group.Broadcast(rank, data, root);
        }

        public void Dispose()
        {
        }
    }
}
