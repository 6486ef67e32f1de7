using ILGPU;
using ILGPU.Runtime;

namespace RnnGpu;

// The device's memory and its threading contract: allocation tracking, the caching allocator, scratch and the grid
// barrier's counter, and the lock every public operation holds (Hold). Device creation and description are in
// ComputeDevice.cs.
public sealed partial class ComputeDevice
{
    // ---- Threading: a device and everything on it may be used from several threads. Each public operation (a forward, a
    // backward, an optimizer step, a loss, a copy, a GEMM) holds the device for its whole duration, so operations from several
    // threads run one after another, never interleaved: the layers' lazily packed weights and tapes, the kernel cache and the
    // accelerator's launches are then only ever touched by one thread at a time. The lock is reentrant (an operation that
    // calls another holds it once more).

    readonly object sync = new();

    /// <summary>Holds the device until the returned value is disposed (<c>using var hold = device.Hold();</c>).</summary>
    internal DeviceHold Hold()
    {
        Monitor.Enter(sync);
        return new DeviceHold(sync);
    }


    /// <summary>Bytes of device memory currently allocated through this device (all tensors and scratch).</summary>
    public long AllocatedBytes => Interlocked.Read(ref allocatedBytes);

    long allocatedBytes;

    internal void TrackAllocation(long bytes) => Interlocked.Add(ref allocatedBytes, bytes);

    // ---- Caching allocator (as PyTorch's): a disposed tensor's buffer goes back to a pool by exact length and the next
    // tensor of that length reuses it, so a training loop of fixed shapes allocates nothing after its first step. Fresh
    // memory is expensive on every accelerator: cudaMalloc synchronizes, and on the CPU accelerator every first touch of a
    // fresh page is a page fault (a training step's tape is megabytes). Launches run in order on the device's one stream,
    // so a buffer reused by a later launch is never still read by an earlier one. Pooled bytes are capped at
    // PoolLimitBytes; past the cap, returned buffers are freed.

    // Pooled by element type and exact length: float tensors, and int buffers (token ids and class targets, lengths, the
    // index checks' flags), so a steady training step makes no raw allocation at all.
    readonly Dictionary<(Type Type, long Length), Stack<MemoryBuffer>> pool = new();
    long pooledBytes;
    long rawAllocations;

    /// <summary>Largest number of bytes the caching allocator keeps for reuse (1 GiB, or a quarter of the device's memory
    /// if that is less).</summary>
    public long PoolLimitBytes => Math.Min(1L << 30, Info.MemoryBytes / 4);

    /// <summary>Bytes the caching allocator holds for reuse now.</summary>
    public long PooledBytes
    {
        get
        {
            lock (pool)
                return pooledBytes;
        }
    }

    /// <summary>How many buffers were allocated from the accelerator itself (not reused from the pool) since the device was
    /// created: constant over the steps of a training loop of fixed shapes once its first step has run.</summary>
    public long RawAllocations => Interlocked.Read(ref rawAllocations);

    /// <summary>A fresh buffer from the accelerator, counted in <see cref="RawAllocations"/> (not in <see cref="AllocatedBytes"/>).</summary>
    internal MemoryBuffer1D<T, Stride1D.Dense> AllocateRaw<T>(long length) where T : unmanaged
    {
        Interlocked.Increment(ref rawAllocations);
        return Accelerator.Allocate1D<T>(length);
    }

    /// <summary>A buffer of exactly <paramref name="length"/> floats, reused from the pool when one is there; counted in
    /// <see cref="AllocatedBytes"/>. Its contents are undefined.</summary>
    internal MemoryBuffer1D<float, Stride1D.Dense> RentBuffer(long length) => RentBuffer<float>(length);

    /// <summary>A buffer of exactly <paramref name="length"/> elements, reused from the pool when one is there; counted in
    /// <see cref="AllocatedBytes"/>. Its contents are undefined.</summary>
    internal MemoryBuffer1D<T, Stride1D.Dense> RentBuffer<T>(long length) where T : unmanaged
    {
        MemoryBuffer1D<T, Stride1D.Dense>? buf = null;
        lock (pool)
        {
            if (pool.TryGetValue((typeof(T), length), out var stack) && stack.Count > 0)
            {
                buf = (MemoryBuffer1D<T, Stride1D.Dense>)stack.Pop();
                pooledBytes -= buf.LengthInBytes;
            }
        }
        buf ??= AllocateRaw<T>(length);
        TrackAllocation(buf.LengthInBytes);
        return buf;
    }

    /// <summary>Takes back a buffer from <see cref="RentBuffer{T}"/>: pooled for reuse while the pool has room, else freed.</summary>
    internal void ReturnBuffer<T>(MemoryBuffer1D<T, Stride1D.Dense> buf) where T : unmanaged
    {
        TrackAllocation(-buf.LengthInBytes);
        lock (pool)
        {
            if (!disposed && pooledBytes + buf.LengthInBytes <= PoolLimitBytes)
            {
                if (!pool.TryGetValue((typeof(T), buf.Length), out var stack))
                    pool[(typeof(T), buf.Length)] = stack = new Stack<MemoryBuffer>();
                stack.Push(buf);
                pooledBytes += buf.LengthInBytes;
                return;
            }
        }
        buf.Dispose();
    }

    /// <summary>Frees every buffer the caching allocator holds (as torch.cuda.empty_cache).</summary>
    public void EmptyCache()
    {
        List<MemoryBuffer> free;
        lock (pool)
        {
            free = pool.Values.SelectMany(s => s).ToList();
            pool.Clear();
            pooledBytes = 0;
        }
        foreach (var b in free)
            b.Dispose();
    }

    /// <summary>A scratch area of at least <paramref name="length"/> floats, reused between launches.</summary>
    internal ArrayView<float> Scratch(long length)
    {
        if (scratch is null || scratch.Length < length)
        {
            if (scratch is not null)
            {
                accelerator.Synchronize();
                TrackAllocation(-scratch.LengthInBytes);
                scratch.Dispose();
            }
            scratch = AllocateRaw<float>(Math.Max(length, 4096));
            TrackAllocation(scratch.LengthInBytes);
        }
        return scratch.View.SubView(0, length);
    }

    /// <summary>The arrival counter of the persistent kernel's grid barrier (one int, allocated on first use).
    /// Launches on a device are serialised on its one stream, so one counter serves every persistent launch.</summary>
    internal ArrayView<int> BarrierCounter()
    {
        if (barrierCounter is null)
        {
            barrierCounter = AllocateRaw<int>(1);
            TrackAllocation(barrierCounter.LengthInBytes);
        }
        return barrierCounter.View;
    }
}
