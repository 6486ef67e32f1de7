using ILGPU;

namespace RnnGpu.Kernels;

/// <summary>
/// How a one-dimensional kernel (first parameter: the item count n) shares its items among the launch's threads:
/// thread t of T (its global index, T = grid x group size) runs the contiguous items [t c, min(n, (t + 1) c)) with
/// c = ceil(n / T). On a GPU the host launches at least n threads, so each thread runs at most one item and
/// neighbouring threads touch neighbouring elements; on the CPU accelerator it launches one thread per core, so each
/// core walks one contiguous chunk (one group per item would cost a group's scheduling per element). These kernels are
/// explicitly grouped: ILGPU's PTX backend assumes an implicitly grouped kernel's index uniform and marks its
/// thread-dependent branches <c>bra.uni</c>.
/// </summary>
public static class Items
{
    /// <summary>Items per thread: ceil(n / T).</summary>
    /// <param name="n">Item count.</param>
    public static int PerThread(int n)
    {
        int threads = Grid.DimX * Group.DimX;
        return (int)(((long)n + threads - 1) / threads);
    }

    /// <summary>The first item of this thread (may be past <paramref name="n"/>).</summary>
    /// <param name="n">Item count.</param>
    public static int First(int n) => (int)Math.Min((long)Grid.GlobalIndex.X * PerThread(n), n);

    /// <summary>One past the last item of this thread.</summary>
    /// <param name="n">Item count.</param>
    public static int End(int n) => (int)Math.Min((long)(Grid.GlobalIndex.X + 1) * PerThread(n), n);
}
