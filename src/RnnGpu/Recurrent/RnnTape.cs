using ILGPU;
using ILGPU.Runtime;

namespace RnnGpu;

/// <summary>
/// The states of one layer and direction across a forward, addressed by processing step s (s = 0 is the first step
/// the direction runs: t = 0 forward, t = T-1 reverse). The time-slot arithmetic lives here and nowhere else.
/// Training keeps every state, (T+1, B, W): slot t holds the state entering time t in the direction's order and
/// slot T the final state, so <see cref="EnteringAll"/> is h[t-1] for all t in time order, as the weight gradients
/// need. Inference keeps two slots, (2, B, W), used in turn.
/// </summary>
internal sealed class StateSlots
{
    readonly int steps, batch, width;
    readonly bool reverse, full;

    public StateSlots(DeviceTensor states, int steps, int batch, bool reverse, bool full)
    {
        Tensor = states;
        this.steps = steps;
        this.batch = batch;
        width = states.Shape[2];
        this.reverse = reverse;
        this.full = full;
    }

    /// <summary>(T+1, B, W) in training, (2, B, W) in inference.</summary>
    public DeviceTensor Tensor { get; }

    /// <summary>True for a reverse direction (processing step 0 is time T-1).</summary>
    public bool Reverse => reverse;

    /// <summary>Time index of processing step s.</summary>
    public int Time(int s) => reverse ? steps - 1 - s : s;

    /// <summary>The state step s reads.</summary>
    public ArrayView<float> Entering(int s) => Slot(full ? Time(s) : s % 2);

    /// <summary>The state step s writes.</summary>
    public ArrayView<float> Leaving(int s) => Slot(full ? (s == steps - 1 ? steps : Time(s + 1)) : (s + 1) % 2);

    /// <summary>The slot an initial state is copied into.</summary>
    public ArrayView<float> Initial => Entering(0);

    /// <summary>The state after the last step.</summary>
    public ArrayView<float> Final => Leaving(steps - 1);

    /// <summary>(T*B, W): the state entering each time t, in time order (training only).</summary>
    public ArrayView<float> EnteringAll => full ? Tensor.View.SubView(0, (long)steps * batch * width)
        : throw new InvalidOperationException("Inference keeps two state slots, not the whole sequence.");

    ArrayView<float> Slot(int slot) => Tensor.View.SubView((long)slot * batch * width, (long)batch * width);
}

/// <summary>Views of one time step in sequence-major tensors (row t*B + b): the step-slicing arithmetic of the pass and the
/// recurrence algorithms.</summary>
internal static class Steps
{
    /// <summary>The B rows of time <paramref name="t"/> of a (T*B, W) or (T, B, W) tensor: (B, W).</summary>
    public static ArrayView<float> Rows(DeviceTensor x, int t, int b)
    {
        long w = x.Shape[^1];
        return x.View.SubView((long)t * b * w, b * w);
    }

    /// <summary>Direction <paramref name="direction"/>'s <paramref name="width"/> columns of time <paramref name="t"/> in a layer
    /// output or its gradient (T*B, D*width): a view starting at the direction's first column, rows strided by D*width.</summary>
    public static ArrayView<float> Columns(DeviceTensor y, int t, int b, int direction, int width)
    {
        long row = y.Shape[^1];
        return y.View.SubView((long)t * b * row + (long)direction * width, b * row - (long)direction * width);
    }

    /// <summary>Direction <paramref name="direction"/>'s columns over all T steps of (T*B, D*width), for a kernel that runs
    /// every step in one launch.</summary>
    public static ArrayView<float> AllColumns(DeviceTensor y, int direction, int width) =>
        y.View.SubView((long)direction * width, y.Length - (long)direction * width);
}

/// <summary>What one layer and direction keeps from a forward.</summary>
internal sealed class DirectionTape
{
    public required StateSlots H { get; init; }        // h: (T+1 | 2, B, R)
    public StateSlots? C { get; init; }                // c: (T+1 | 2, B, H), LSTM
    public DeviceTensor? Gates { get; init; }          // gates: (T, B, StoredGates), training
    public DeviceTensor? M { get; init; }              // m = o * tanh(c): (T | 1, B, H), LSTM with projection
    public DeviceTensor? Late { get; init; }           // the late gates' input (r * h[t-1]): (T, B, H), training, cells with late gates

    /// <summary>gates[t]: (B, StoredGates).</summary>
    public ArrayView<float> GatesAt(int t, int b) => Steps.Rows(Gates!, t, b);

    /// <summary>The late input of step t: (B, H).</summary>
    public ArrayView<float> LateAt(int t, int b) => Steps.Rows(Late!, t, b);

    /// <summary>m[t]: (B, H).</summary>
    public ArrayView<float> MAt(int t, int b) => Steps.Rows(M!, t, b);
}

/// <summary>
/// What a forward keeps for <see cref="RecurrentLayer.Backward"/>: per layer its input (the layer's own copy, so the
/// caller may dispose its input at once), per layer and direction the states and stored gates, the dropout masks
/// and the lengths. An inference forward builds one too and frees it before returning.
/// </summary>
internal sealed class RnnTape : IDisposable
{
    readonly List<IDisposable> owned = new();

    public RnnTape(int steps, int batch, int layers, int directions, bool training)
    {
        T = steps;
        B = batch;
        Training = training;
        LayerIn = new DeviceTensor[layers];
        Dirs = new DirectionTape[layers * directions];
        DropMask = new DeviceTensor?[layers];
    }

    public int T { get; }
    public int B { get; }
    public bool Training { get; }
    public DeviceTensor[] LayerIn { get; }        // [l]: (T*B, In), sequence-major
    public DirectionTape[] Dirs { get; }           // [l*D + d]
    public DeviceTensor?[] DropMask { get; }       // [l]: (T*B, D*R) for l < L-1 with dropout
    public MemoryBuffer1D<int, Stride1D.Dense>? Lengths { get; set; } // rented from Device's pool, returned on Dispose
    public ComputeDevice? Device { get; set; }
    public Recurrence? Recurrence { get; set; }      // the algorithm that ran the forward: its Backward runs the dh chain

    /// <summary>Registers a tensor the tape frees.</summary>
    public T1 Own<T1>(T1 x) where T1 : IDisposable
    {
        // The tape outlives a DisposeScope around the forward: backward may come after it.
        (x as DeviceTensor)?.DetachFromDisposeScope();
        owned.Add(x);
        return x;
    }

    /// <summary>Stops owning a tensor (handed to the caller).</summary>
    public void Release(IDisposable x) => owned.Remove(x);

    /// <summary>A new tensor owned by the tape.</summary>
    public DeviceTensor New(ComputeDevice device, params int[] shape) => Own(DeviceTensor.Uninitialized(device, shape));

    public void Dispose()
    {
        foreach (var o in owned)
            o.Dispose();
        owned.Clear();
        if (Lengths is not null)
        {
            if (Device is { IsDisposed: false })
                Device.ReturnBuffer(Lengths);
            else
                Lengths.Dispose();
        }
        Lengths = null;
    }
}
