using ILGPU;
using ILGPU.Runtime;

namespace RnnGpu;

/// <summary>
/// Streaming inference over a unidirectional <see cref="RecurrentLayer"/>: one time step per call,
/// state kept on the device between calls (no host round trip).
/// </summary>
public sealed class RnnStream : IDisposable
{
    readonly RecurrentLayer layer;
    readonly DeviceTensor h;                  // (2, L, B, R): the current and the next state of every layer
    readonly DeviceTensor? c;                 // (2, L, B, H), LSTM
    readonly DeviceTensor gx;                 // (B, G*H)
    readonly DeviceTensor[] layerOut;         // two (B, R) buffers, used in turn between layers
    readonly MemoryBuffer1D<int, Stride1D.Dense> ones;
    readonly DeviceTensor? rec;               // (B, G*H), cells that are types: the recurrent products
    readonly DeviceTensor? late;              // (B, H), their late input
    bool callingThread;                       // run each step on the calling thread (KernelPolicy.CallingThreadStepMaxFlops)
    int current;

    internal RnnStream(RecurrentLayer layer, int batch, DeviceTensor? h0, DeviceTensor? c0)
    {
        if (layer.Options.ProjSize > 0)
            throw new NotSupportedException("Streaming an LSTM with a projection (proj_size) is not supported; use Forward.");
        this.layer = layer;
        Batch = batch;
        var dev = layer.Device;
        int L = layer.Layers, hs = layer.Options.HiddenSize;
        h = DeviceTensor.Zeros(dev, 2, L, batch, hs);
        c = layer.Options.Cell.HasCellState ? DeviceTensor.Zeros(dev, 2, L, batch, hs) : null;
        if (h0 is not null) h0.View.CopyTo(h.View.SubView(0, h0.Length));
        if (c0 is not null) c0.View.CopyTo(c!.View.SubView(0, c0.Length));
        gx = DeviceTensor.Uninitialized(dev, batch, layer.Gates * hs);
        layerOut = new[] { DeviceTensor.Uninitialized(dev, batch, hs), DeviceTensor.Uninitialized(dev, batch, hs) };
        ones = dev.Accelerator.Allocate1D(Enumerable.Repeat(1, batch).ToArray());
        if (layer.Options.Cell.CellType is not null)
        {
            rec = DeviceTensor.Uninitialized(dev, batch, layer.Gates * hs);
            late = DeviceTensor.Uninitialized(dev, batch, hs);
        }
        // Every layer's step (input GEMM + recurrent step) small enough for the calling thread.
        long limit = dev.Policy.CallingThreadStepMaxFlops;
        callingThread = CanRunOnCallingThread && Enumerable.Range(0, L).All(l =>
            2L * batch * layer.Gates * hs * (layer.Options.LayerInputSize(l) + hs) <= limit);
    }

    /// <summary>Whether this stream's steps can run on the calling thread at all: the CPU accelerator's own recurrence (not the
    /// generic cell kernels of a cell that is a type).</summary>
    bool CanRunOnCallingThread => layer.Device.Policy.CallingThreadStepMaxFlops > 0 && layer.Device.Policy.CpuRecurrence && rec is null;

    /// <summary>Whether each step runs on the calling thread (<see cref="KernelPolicy.CallingThreadStepMaxFlops"/>) rather than
    /// in launches (tests, benchmarks).</summary>
    internal bool OnCallingThread
    {
        get => callingThread;
        set => callingThread = value && CanRunOnCallingThread;
    }

    /// <summary>Batch size of every step.</summary>
    public int Batch { get; }

    ArrayView<float> State(DeviceTensor s, int l, int slot)
    {
        long n = (long)Batch * layer.Options.HiddenSize;
        return s.View.SubView(((long)slot * layer.Layers + l) * n, n);
    }

    /// <summary>Advances every layer by one step: x (B, I) in, y (B, H) out (the last layer's hidden state).</summary>
    /// <param name="x">Input of this step (B, I).</param>
    /// <param name="y">Receives the output (B, H).</param>
    public void Step(DeviceTensor x, DeviceTensor y)
    {
        using var hold = layer.Device.Hold();
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        Shapes.RequireShape(x, new[] { Batch, layer.Options.InputSize }, nameof(x));
        Shapes.RequireShape(y, new[] { Batch, layer.Options.HiddenSize }, nameof(y));
        var k = layer.Device.Kernels;
        var recurrence = rec is null ? layer.Choice.DefaultPerStep : null;
        var cellStep = rec is null ? null : layer.Choice.CellStep;
        // A step too small to pay for launches runs on the calling thread, the same host SIMD code (the same bits).
        var onCaller = callingThread ? (CpuRecurrence)recurrence! : null;
        int B = Batch, gh = layer.Gates * layer.Options.HiddenSize;
        var input = x;
        for (int l = 0; l < layer.Layers; l++)
        {
            var w = layer.WeightsOf(l, 0);
            var outL = l == layer.Layers - 1 ? y : layerOut[l % 2];
            var dummy = h.View.SubView(0, 1);
            ArrayView<float> hPrev = State(h, l, current), hNext = State(h, l, 1 - current);
            ArrayView<float> cPrev = c is null ? dummy : State(c, l, current), cNext = c is null ? dummy : State(c, l, 1 - current);
            var (xs, wihT, g) = (Mat.Of(input, B, w.InSize), Mat.Of(w.WihT(layer.Device), w.InSize, gh), Mat.Of(gx, B, gh));
            if (onCaller is not null)
            {
                // W_ih^T may just have been transposed and the input written by launches: let them finish first.
                layer.Device.Accelerator.Synchronize();
                Gemm.ABOnCallingThread(k, xs, wihT, g, bias: w.Bih?.Value.View);
                onCaller.StepOnCallingThread(w, hPrev, cPrev, gx.View, hNext, cNext, outL.View, ones.View, B);
            }
            else
            {
                Gemm.AB(k, xs, wihT, g, bias: w.Bih?.Value.View);
                if (cellStep is not null)
                    cellStep.Step(w, hPrev, cPrev, gx.View, hNext, cNext, outL.View, ones.View, B, rec!, late!);
                else
                    recurrence!.Step(w, hPrev, cPrev, gx.View, hNext, cNext, outL.View, ones.View, B);
            }
            input = outL;
        }
        current = 1 - current;
    }

    /// <summary>Copies the current hidden states (L, B, H) into a new tensor.</summary>
    public DeviceTensor HiddenState()
    {
        using var hold = layer.Device.Hold();
        var t = DeviceTensor.Uninitialized(layer.Device, layer.Layers, Batch, layer.Options.HiddenSize);
        h.View.SubView((long)current * t.Length, t.Length).CopyTo(t.View);
        return t;
    }

    /// <summary>Copies the current cell states (L, B, H) into a new tensor (LSTM), else null.</summary>
    public DeviceTensor? CellState()
    {
        using var hold = layer.Device.Hold();
        if (c is null)
            return null;
        var t = DeviceTensor.Uninitialized(layer.Device, layer.Layers, Batch, layer.Options.HiddenSize);
        c.View.SubView((long)current * t.Length, t.Length).CopyTo(t.View);
        return t;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        h.Dispose();
        c?.Dispose();
        gx.Dispose();
        layerOut[0].Dispose();
        layerOut[1].Dispose();
        ones.Dispose();
        rec?.Dispose();
        late?.Dispose();
    }
}
