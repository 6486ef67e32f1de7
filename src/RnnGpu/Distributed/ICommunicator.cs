namespace RnnGpu.Distributed;

/// <summary>
/// The collectives data-parallel training needs, over a group of <see cref="Size"/> replicas numbered 0 to Size - 1: in one
/// process (<see cref="LocalGroup"/>, one thread per device) or across processes and machines (<see cref="MpiCommunicator"/>).
/// Every replica calls the same collectives in the same order with buffers of the same length. Results never depend on
/// timing: <see cref="SumInRankOrder"/> adds element by element in rank order, so every replica gets the same bits, and
/// <see cref="LocalGroup"/> and <see cref="MpiCommunicator"/> give the same bits for the same inputs.
/// </summary>
public interface ICommunicator : IDisposable
{
    /// <summary>This replica's number, 0 to <see cref="Size"/> - 1; replica 0 leads (writes files, broadcasts its state).</summary>
    int Rank { get; }

    /// <summary>Replicas in the group.</summary>
    int Size { get; }

    /// <summary>Replaces <paramref name="data"/> on every replica with the element-wise sum over the replicas, added in rank
    /// order: ((x_0 + x_1) + x_2) + ... in float32. Each replica sends and receives 2 (Size - 1) / Size of the buffer (a
    /// reduce-scatter of Size chunks, each summed by its owner in rank order, then an all-gather).</summary>
    /// <param name="data">The same length on every replica.</param>
    void SumInRankOrder(float[] data);

    /// <summary>Copies <paramref name="data"/> of replica <paramref name="root"/> into <paramref name="data"/> of every other replica.</summary>
    /// <param name="data">The same length on every replica.</param>
    /// <param name="root">The replica whose data is sent.</param>
    void Broadcast(byte[] data, int root);

    /// <summary>Bytes this replica sent to and received from the others so far (payload only).</summary>
    CommunicationCounters Counters { get; }
}

/// <summary>Payload bytes a replica exchanged with the others, by collective.</summary>
public sealed class CommunicationCounters
{
    long reduceSent, reduceReceived, broadcastSent, broadcastReceived, reductions;

    /// <summary>Bytes sent by <see cref="ICommunicator.SumInRankOrder"/>.</summary>
    public long ReduceBytesSent => Interlocked.Read(ref reduceSent);

    /// <summary>Bytes received by <see cref="ICommunicator.SumInRankOrder"/>.</summary>
    public long ReduceBytesReceived => Interlocked.Read(ref reduceReceived);

    /// <summary>Bytes sent by <see cref="ICommunicator.Broadcast"/>.</summary>
    public long BroadcastBytesSent => Interlocked.Read(ref broadcastSent);

    /// <summary>Bytes received by <see cref="ICommunicator.Broadcast"/>.</summary>
    public long BroadcastBytesReceived => Interlocked.Read(ref broadcastReceived);

    /// <summary>Calls of <see cref="ICommunicator.SumInRankOrder"/>.</summary>
    public long Reductions => Interlocked.Read(ref reductions);

    internal void AddReduce(long sent, long received)
    {
        Interlocked.Add(ref reduceSent, sent);
        Interlocked.Add(ref reduceReceived, received);
        Interlocked.Increment(ref reductions);
    }

    internal void AddBroadcast(long sent, long received)
    {
        Interlocked.Add(ref broadcastSent, sent);
        Interlocked.Add(ref broadcastReceived, received);
    }

    /// <summary>Bytes of one <see cref="ICommunicator.SumInRankOrder"/> of <paramref name="floats"/> floats, sent by each of
    /// <paramref name="size"/> replicas (the same number is received): 2 (size - 1) chunks of ceil(floats / size) floats.</summary>
    /// <param name="floats">Buffer length.</param>
    /// <param name="size">Replicas.</param>
    public static long SumBytesPerReplica(long floats, int size) => size <= 1 ? 0 : 2L * (size - 1) * ChunkLength(floats, size) * sizeof(float);

    /// <summary>The chunk each replica owns in <see cref="ICommunicator.SumInRankOrder"/>: ceil(floats / size).</summary>
    /// <param name="floats">Buffer length.</param>
    /// <param name="size">Replicas.</param>
    public static long ChunkLength(long floats, int size) => (floats + size - 1) / size;
}

/// <summary>Collectives built on <see cref="ICommunicator"/>.</summary>
public static class CommunicatorExtensions
{
    /// <summary>Replica <paramref name="root"/>'s value of <paramref name="value"/> on every replica.</summary>
    /// <param name="comm">The group.</param>
    /// <param name="value">This replica's value (only the root's matters).</param>
    /// <param name="root">The sending replica.</param>
    public static long Broadcast(this ICommunicator comm, long value, int root = 0)
    {
        ArgumentNullException.ThrowIfNull(comm);
        var bytes = BitConverter.GetBytes(value);
        comm.Broadcast(bytes, root);
        return BitConverter.ToInt64(bytes);
    }

    /// <summary>Replica <paramref name="root"/>'s text on every replica (its length first, then its UTF-8 bytes).</summary>
    /// <param name="comm">The group.</param>
    /// <param name="text">This replica's text (only the root's matters; others may pass null).</param>
    /// <param name="root">The sending replica.</param>
    public static string Broadcast(this ICommunicator comm, string? text, int root = 0)
    {
        ArgumentNullException.ThrowIfNull(comm);
        byte[] mine = comm.Rank == root ? System.Text.Encoding.UTF8.GetBytes(text ?? "") : Array.Empty<byte>();
        long length = comm.Broadcast((long)mine.Length, root);
        var bytes = comm.Rank == root ? mine : new byte[checked((int)length)];
        if (length > 0)
            comm.Broadcast(bytes, root);
        return System.Text.Encoding.UTF8.GetString(bytes);
    }

    /// <summary>Replica <paramref name="root"/>'s floats in <paramref name="data"/> on every replica.</summary>
    /// <param name="comm">The group.</param>
    /// <param name="data">The same length on every replica.</param>
    /// <param name="root">The sending replica.</param>
    public static void Broadcast(this ICommunicator comm, float[] data, int root = 0)
    {
        ArgumentNullException.ThrowIfNull(comm);
        ArgumentNullException.ThrowIfNull(data);
        var bytes = new byte[checked(data.Length * sizeof(float))];
        if (comm.Rank == root)
            Buffer.BlockCopy(data, 0, bytes, 0, bytes.Length);
        comm.Broadcast(bytes, root);
        Buffer.BlockCopy(bytes, 0, data, 0, bytes.Length);
    }
}
