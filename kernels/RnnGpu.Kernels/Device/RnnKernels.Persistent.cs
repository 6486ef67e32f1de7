using ILGPU.Runtime.Cuda;
// Persistent recurrent forward (Diamos et al. 2016, "Persistent RNNs"): one launch covers all T steps of one
// layer and direction. Each group keeps its slice of W_hh in shared memory for the whole sequence and the groups
// meet at a grid-wide barrier between steps, so W_hh is read from DRAM once per sequence instead of once per step.
using ILGPU;

namespace RnnGpu.Kernels;

/// <summary>Scalar arguments of <see cref="RnnKernels.PersistentForward"/>; the host derives them from the device
/// limits (see the host's persistent-step planner) and launches <see cref="Groups"/> groups.</summary>
public readonly struct PersistentArgs
{
    /// <summary>Batch size B.</summary>
    public readonly int B;
    /// <summary>Hidden size H.</summary>
    public readonly int H;
    /// <summary>Cell kind as an int (<see cref="RnnMode"/>).</summary>
    public readonly int Cell;
    /// <summary>Row stride of the output y (D*H).</summary>
    public readonly int LdY;
    /// <summary>Steps T of the sequence.</summary>
    public readonly int Steps;
    /// <summary>1 when the steps store the gate activations for backward (training).</summary>
    public readonly int Store;
    /// <summary>1 for the reverse direction (t runs T-1 down to 0).</summary>
    public readonly int Reverse;
    /// <summary>1: the states are the training tape (T+1 time-ordered slots, slot t = state before time t, slot T
    /// the final state); 0: two slots used in turn (inference).</summary>
    public readonly int Tape;
    /// <summary>Hidden units U owned by one group (all G gate rows of each).</summary>
    public readonly int Units;
    /// <summary>Threads that split one dot product along k (a power of two dividing the group size).</summary>
    public readonly int KSplit;
    /// <summary>Columns k of h[t-1] staged in shared memory at a time.</summary>
    public readonly int Tile;
    /// <summary>Row stride of the W_hh slice in shared memory (at least H).</summary>
    public readonly int WStride;
    /// <summary>Row stride of the h tile in shared memory (at least <see cref="Tile"/>).</summary>
    public readonly int TStride;
    /// <summary>Groups in the launch; every one must be resident at once (the grid barrier spins).</summary>
    public readonly int Groups;

    /// <summary>Creates the arguments.</summary>
    /// <param name="b">Batch size.</param>
    /// <param name="h">Hidden size.</param>
    /// <param name="cell">Cell kind.</param>
    /// <param name="ldy">Row stride of y.</param>
    /// <param name="steps">Steps T.</param>
    /// <param name="store">Store gate activations.</param>
    /// <param name="reverse">Reverse direction.</param>
    /// <param name="tape">States are the T+1-slot training tape.</param>
    /// <param name="units">Units per group.</param>
    /// <param name="kSplit">Threads per dot product.</param>
    /// <param name="tile">h tile width.</param>
    /// <param name="wStride">Row stride of the W_hh slice.</param>
    /// <param name="tStride">Row stride of the h tile.</param>
    /// <param name="groups">Groups launched.</param>
    public PersistentArgs(int b, int h, RnnMode cell, int ldy, int steps, bool store, bool reverse, bool tape,
        int units, int kSplit, int tile, int wStride, int tStride, int groups)
    {
        B = b; H = h; Cell = (int)cell; LdY = ldy; Steps = steps; Store = store ? 1 : 0; Reverse = reverse ? 1 : 0;
        Tape = tape ? 1 : 0; Units = units; KSplit = kSplit; Tile = tile; WStride = wStride; TStride = tStride; Groups = groups;
    }

    /// <summary>Gates G of the cell.</summary>
    public int G => CellMath.Gates(Cell);

    /// <summary>Floats of dynamic shared memory one group needs for a group of <paramref name="groupSize"/> threads:
    /// the W_hh slice (G*Units rows of <see cref="WStride"/>), the h tile (B rows of <see cref="TStride"/>) and
    /// the G*groupSize partial sums of the k-split reduction.</summary>
    /// <param name="groupSize">Threads per group.</param>
    public long SharedFloats(int groupSize) => (long)G * Units * WStride + (long)B * TStride + (long)G * groupSize;
}

public static partial class RnnKernels
{
    /// <summary>
    /// Persistent forward of one layer and direction over all <see cref="PersistentArgs.Steps"/> steps in one launch.
    /// Group g owns hidden units [g*U, g*U+U) with all their gate rows; it copies that slice of W_hh into shared
    /// memory once, then for every step: stages h[t-1] in tiles in shared memory, computes the recurrent products of
    /// its units for every batch row (KSplit threads per dot product, reduced by a deterministic tree), applies the
    /// cell exactly as <see cref="StepForward"/> does (same epilogue code, same stores), and waits at a grid barrier
    /// so every group sees all of h[t] before step t+1. Results equal the per-step path up to float rounding of the
    /// dot products (a different summation order); the states, outputs and stored gates have the same layout.
    /// Launch with exactly <see cref="PersistentArgs.Groups"/> groups, all resident at once, with
    /// <see cref="PersistentArgs.SharedFloats"/> floats of dynamic shared memory, and <paramref name="sync"/>[0] = 0.
    /// </summary>
    /// <param name="whh">W_hh: (G*H, H), PyTorch's layout.</param>
    /// <param name="bhh">b_hh: (G*H).</param>
    /// <param name="gx">Gx = X W_ih^T + b_ih for all steps: (T, B, G*H).</param>
    /// <param name="hs">Hidden states: (T+1, B, H) with <see cref="PersistentArgs.Tape"/>, else (2, B, H); the
    /// initial state is in the first step's slot.</param>
    /// <param name="cs">Cell states, laid out like hs (LSTM; otherwise any view, unused).</param>
    /// <param name="y">y: (T, B, LdY) starting at this direction's first column.</param>
    /// <param name="gates">gates: (T, B, StoredGates) when Store is set, else unused.</param>
    /// <param name="lengths">lengths: (B), each in 1..T.</param>
    /// <param name="sync">sync: (1), the grid barrier's arrival counter, zero at launch.</param>
    /// <param name="a">Arguments.</param>
    public static void PersistentForward(ArrayView<float> whh, ArrayView<float> bhh, ArrayView<float> gx,
        ArrayView<float> hs, ArrayView<float> cs, ArrayView<float> y, ArrayView<float> gates, ArrayView<int> lengths,
        ArrayView<int> sync, PersistentArgs a)
    {
        int tid = Group.IdxX, nt = Group.DimX;
        int H = a.H, B = a.B, G = a.G, U = a.Units, KS = a.KSplit;
        int u0 = Grid.IdxX * U;
        int rows = G * U;
        long wLen = (long)rows * a.WStride, tLen = (long)B * a.TStride;
        var shared = SharedMemory.GetDynamic<float>();
        var ws = shared.SubView(0, wLen);                   // W_hh slice: (G*U, WStride), row g*U + uu = gate g of unit u0 + uu
        var ht = shared.SubView(wLen, tLen);                // h[t-1] tile: (B, TStride)
        var partial = shared.SubView(wLen + tLen, (long)G * nt); // partial sums: (G, nt)

        // The slice of W_hh, once for the whole sequence (units past H are zero and never stored).
        for (int idx = tid; idx < rows * H; idx += nt)
        {
            int r = idx / H, k = idx - r * H;
            int g = r / U, uu = r - g * U;
            int j = u0 + uu;
            ws[(long)r * a.WStride + k] = j < H ? whh[((long)g * H + j) * H + k] : 0f;
        }
        Group.Barrier();

        int outputs = U * B;              // (batch row, unit) pairs of this group, batch-major
        int perRound = nt / KS;
        int rounds = (outputs + perRound - 1) / perRound;
        int ks = tid % KS;
        long bh = (long)B * H;
        int GH = G * H;
        int stored = CellMath.StoredGatesPerUnit(a.Cell) * H;
        long uStride = (long)U * a.WStride;
        for (int s = 0; s < a.Steps; s++)
        {
            int t = a.Reverse != 0 ? a.Steps - 1 - s : s;
            int prev = a.Tape != 0 ? t : s & 1;
            int next = a.Tape != 0 ? (s == a.Steps - 1 ? a.Steps : (a.Reverse != 0 ? t - 1 : t + 1)) : (s + 1) & 1;
            var hPrev = hs.SubView(prev * bh, bh);
            var hNext = hs.SubView(next * bh, bh);
            var cPrev = G == 4 ? cs.SubView(prev * bh, bh) : cs;
            var cNext = G == 4 ? cs.SubView(next * bh, bh) : cs;
            var gxT = gx.SubView((long)t * B * GH, (long)B * GH);
            long yOff = (long)t * B * a.LdY;
            var yT = y.SubView(yOff, y.Length - yOff);
            var gT = a.Store != 0 ? gates.SubView((long)t * B * stored, (long)B * stored) : gates;
            var p = new StepArgs(B, H, (RnnMode)a.Cell, a.LdY, t, a.Store != 0);

            for (int round = 0; round < rounds; round++)
            {
                int o = round * perRound + tid / KS;
                int b = o / U, uu = o - b * U, j = u0 + uu;
                bool valid = o < outputs && j < H;
                long w0 = (long)uu * a.WStride;
                long hb = (long)IntrinsicMath.Min(b, B - 1) * a.TStride;
                float a0 = 0f, a1 = 0f, a2 = 0f, a3 = 0f;
                for (int k0 = 0; k0 < H; k0 += a.Tile)
                {
                    int kt = IntrinsicMath.Min(a.Tile, H - k0);
                    for (int idx = tid; idx < B * kt; idx += nt)
                    {
                        int bb = idx / kt, kk = idx - bb * kt;
                        ht[(long)bb * a.TStride + kk] = hPrev[(long)bb * H + k0 + kk];
                    }
                    Group.Barrier();
                    if (valid)
                    {
                        long w = w0 + k0;
                        for (int kk = ks; kk < kt; kk += KS)
                        {
                            float hv = ht[hb + kk];
                            a0 += ws[w + kk] * hv;
                            if (G > 1)
                            {
                                a1 += ws[w + uStride + kk] * hv;
                                a2 += ws[w + 2 * uStride + kk] * hv;
                                if (G == 4)
                                    a3 += ws[w + 3 * uStride + kk] * hv;
                            }
                        }
                    }
                    Group.Barrier();
                }
                if (KS > 1)
                {
                    // Deterministic tree over the KS threads of each dot product.
                    partial[tid] = a0;
                    if (G > 1)
                    {
                        partial[nt + tid] = a1;
                        partial[2 * nt + tid] = a2;
                        if (G == 4)
                            partial[3 * nt + tid] = a3;
                    }
                    Group.Barrier();
                    for (int st = KS / 2; st > 0; st >>= 1)
                    {
                        if (ks < st)
                        {
                            for (int g = 0; g < G; g++)
                                partial[g * nt + tid] += partial[g * nt + tid + st];
                        }
                        Group.Barrier();
                    }
                    a0 = partial[tid];
                    if (G > 1)
                    {
                        a1 = partial[nt + tid];
                        a2 = partial[2 * nt + tid];
                        if (G == 4)
                            a3 = partial[3 * nt + tid];
                    }
                }
                if (valid && ks == 0)
                {
                    // The per-step kernel's epilogue: nonlinearities, Hadamard updates, stores for backward.
                    if (G == 1)
                        CellMath.RnnUnit(t < lengths[b], j, a0, (long)b * H, (long)b * GH, (long)b * a.LdY, (long)b * H,
                            hPrev, bhh, gxT, hNext, yT, gT, p);
                    else
                        CellMath.CellForward(b, j, j, H + j, 2 * H + j, (G == 4 ? 3 : 2) * H + j, a0, a1, a2, a3,
                            hPrev, cPrev, bhh, gxT, hNext, cNext, yT, gT, lengths, p);
                }
            }
            if (s < a.Steps - 1)
                GridBarrier(sync, a.Groups * (s + 1));
        }
    }

    /// <summary>
    /// Persistent forward of the ILGPU CPU accelerator: the same arguments and results as <see cref="PersistentForward"/>,
    /// launched as <see cref="PersistentArgs.Groups"/> groups of one thread (one per worker, all resident). Each thread
    /// owns a contiguous range of blocks of hidden units for all T steps and hands its work to
    /// <c>CpuSimd.PersistentForward</c>, an <see cref="ILGPU.Frontend.ExternalAttribute"/> helper the CPU accelerator runs
    /// as plain .NET: per step the same code as <see cref="StepForwardCpu"/> (the CPU GEMM's micro-kernels over the packed
    /// W_hh, the cell on whole vectors of units), then a barrier that spins briefly and then yields. Launched on the CPU
    /// accelerator only.
    /// </summary>
    /// <param name="packed">W_hh packed by <see cref="PackRecurrentCpu"/>.</param>
    /// <param name="bhh">b_hh: (G*H).</param>
    /// <param name="gx">Gx = X W_ih^T + b_ih for all steps: (T, B, G*H).</param>
    /// <param name="hs">Hidden states, as <see cref="PersistentForward"/> takes them.</param>
    /// <param name="cs">Cell states, laid out like hs (LSTM; otherwise any view, unused).</param>
    /// <param name="y">y: (T, B, LdY) starting at this direction's first column.</param>
    /// <param name="gates">gates: (T, B, StoredGates) when Store is set, else unused.</param>
    /// <param name="lengths">lengths: (B), each in 1..T.</param>
    /// <param name="sync">sync: (1), the barrier's arrival counter, zero at launch.</param>
    /// <param name="a">Arguments.</param>
    public static void PersistentForwardCpu(ArrayView<float> packed, ArrayView<float> bhh, ArrayView<float> gx,
        ArrayView<float> hs, ArrayView<float> cs, ArrayView<float> y, ArrayView<float> gates, ArrayView<int> lengths,
        ArrayView<int> sync, PersistentArgs a)
    {
        CpuSimd.PersistentForward(Grid.IdxX, Grid.DimX, packed, bhh, gx, hs, cs, y, gates, lengths, sync, a);
    }

    /// <summary>
    /// Persistent BPTT of the ILGPU CPU accelerator for one layer and direction (no projection): all T steps of the dh
    /// chain in one launch of <see cref="PersistentArgs.Groups"/> groups of one thread, each owning the same blocks of
    /// hidden units as <see cref="PersistentForwardCpu"/>. Per step (in reverse processing order) a thread computes the
    /// gate gradients of its units for every batch row (as <see cref="StepBackward"/>), the threads meet, and each adds
    /// dGh[t] W_hh to dh for its units (as the per-step path's GEMM). Results equal the per-step path's: dGx and dGh for
    /// every step, and the carries dh, dc entering step 0. CPU accelerator only (<c>CpuSimd.PersistentBackward</c>).
    /// </summary>
    /// <param name="whh">W_hh: (G*H, H).</param>
    /// <param name="gates">Stored gates of the forward: (T, B, StoredGates).</param>
    /// <param name="hs">Hidden states of the forward: (T+1, B, H), slot t entering time t in the direction's order.</param>
    /// <param name="cs">Cell states, laid out like hs (LSTM; otherwise any view, unused).</param>
    /// <param name="dy">dL/dy: (T, B, LdY) starting at this direction's first column.</param>
    /// <param name="dh">dh carry (B, H): dL/dh_n at launch, dL/dh0 at the end.</param>
    /// <param name="dc">dc carry (B, H) likewise (LSTM; otherwise any view, unused).</param>
    /// <param name="dgx">dGx: (T, B, G*H).</param>
    /// <param name="dgh">dGh: (T, B, G*H) (GRU; the same view as dgx for the other cells).</param>
    /// <param name="lengths">lengths: (B), each in 1..T.</param>
    /// <param name="sync">sync: (1), the barrier's arrival counter, zero at launch.</param>
    /// <param name="a">Arguments (B, H, Cell, LdY, Steps, Reverse, Groups).</param>
    public static void PersistentBackwardCpu(ArrayView<float> whh, ArrayView<float> gates, ArrayView<float> hs, ArrayView<float> cs,
        ArrayView<float> dy, ArrayView<float> dh, ArrayView<float> dc, ArrayView<float> dgx, ArrayView<float> dgh,
        ArrayView<int> lengths, ArrayView<int> sync, PersistentArgs a)
    {
        CpuSimd.PersistentBackward(Grid.IdxX, Grid.DimX, whh, gates, hs, cs, dy, dh, dc, dgx, dgh, lengths, sync, a);
    }

    /// <summary>
    /// Grid-wide barrier on a monotonic arrival counter. The group meets (so its stores of this step are visible to
    /// its first thread); the first thread alone fences at device level (release, cumulative over what the group
    /// made visible to it, as CUDA's cooperative-groups grid sync does), adds one arrival, polls until all groups of
    /// the launch have arrived <paramref name="target"/>/groups times, fences again (acquire), and the group meets
    /// again, so every thread's later loads see every group's stores. The poll is an atomic read; on CUDA with an
    /// exponential nanosleep backoff from 32 ns to 1 us between reads (sm_70 and later; see <see cref="PollWithBackoff"/>). The counter is never reset
    /// inside a launch, so no generation flag is needed; the host zeroes it before each launch. Deadlock-free only
    /// when every group of the launch is resident at once.
    /// </summary>
    /// <param name="sync">sync: (1), the arrival counter.</param>
    /// <param name="target">Arrivals that complete this barrier: groups * (barriers passed so far + 1).</param>
    static void GridBarrier(ArrayView<int> sync, int target)
    {
        Group.Barrier();
        if (Group.IdxX == 0)
        {
            MemoryFence.DeviceLevel();
            Atomic.Add(ref sync[0], 1);
            if (CudaAsm.IsSupported)
                PollWithBackoff(sync, target);
            else
            {
                // An atomic read: served by the device-coherent level, never hoisted out of the loop.
                while (Atomic.Add(ref sync[0], 0) < target)
                {
                }
            }
            MemoryFence.DeviceLevel();
        }
        Group.Barrier();
    }

    /// <summary>CUDA: waits until sync[0] reaches target, with nanosleep between reads doubling from 32 ns to 1024 ns,
    /// so the waiting SMs do not hammer the counter's L2 line. The read stays an atomic (an add of 0): ILGPU 1.5.3 has no
    /// volatile or relaxed load, a plain load may be served from the non-coherent L1 forever, and its inline PTX takes
    /// values, not a view's address, so ld.volatile/ld.acquire cannot be written either.</summary>
    static void PollWithBackoff(ArrayView<int> sync, int target)
    {
        int sleep = 32;
        while (Atomic.Add(ref sync[0], 0) < target)
        {
            CudaAsm.Emit("nanosleep.u32 %0;", sleep);
            sleep = IntrinsicMath.Min(sleep * 2, 1024);
        }
    }
}
