using ILGPU;
using ILGPU.Runtime;

namespace RnnGpu;

/// <summary>
/// The parameters of one layer and direction (PyTorch names <c>weight_ih_l{k}[_reverse]</c>...), and W_ih^T, which
/// the input projection reads with contiguous columns; it is rebuilt when W_ih's <see cref="DeviceTensor.Version"/>
/// moves. W_hh layouts belong to the recurrence algorithms.
/// </summary>
internal sealed class DirectionWeights : IDisposable
{
    readonly DeviceTensor zeroBias;
    DeviceTensor? wihT;
    long wihTVersion = -1;

    public DirectionWeights(int layer, int direction, int inSize, Parameter wih, Parameter whh, Parameter? bih, Parameter? bhh,
        Parameter? whr, DeviceTensor zeroBias, Parameter? unit = null)
    {
        Layer = layer;
        Direction = direction;
        InSize = inSize;
        Wih = wih;
        Whh = whh;
        Bih = bih;
        Bhh = bhh;
        Whr = whr;
        Unit = unit;
        this.zeroBias = zeroBias;
    }

    public int Layer { get; }
    public int Direction { get; }
    public int InSize { get; }
    public Parameter Wih { get; }            // (G*H, In)
    public Parameter Whh { get; }            // (G*H, R)
    public Parameter? Bih { get; }           // (G*H), absent with bias=False
    public Parameter? Bhh { get; }           // (G*H)
    public Parameter? Whr { get; }           // (P, H), LSTM with projection
    public Parameter? Unit { get; }          // (U*H), a cell's per-unit parameters (peepholes)

    /// <summary>b_hh, or zeros with bias=False (the step kernels always add a bias).</summary>
    public ArrayView<float> BhhOrZero => Bhh?.Value.View ?? zeroBias.View;

    /// <summary>W_ih^T (In, G*H), refreshed when W_ih was written since.</summary>
    public DeviceTensor WihT(ComputeDevice device)
    {
        var w = Wih.Value;
        wihT ??= DeviceTensor.Persistent(device, w.Shape[1], w.Shape[0]);
        if (wihTVersion != w.Version)
        {
            device.Kernels.Transpose(w.View, wihT.View, w.Shape[0], w.Shape[1]);
            wihTVersion = w.Version;
        }
        return wihT;
    }

    public void Dispose() => wihT?.Dispose();
}

/// <summary>Everything a recurrence algorithm needs to run the T steps of one layer and direction.</summary>
/// <param name="W">The direction's weights.</param>
/// <param name="Gx">(T*B, G*H): X W_ih^T + b_ih for all steps.</param>
/// <param name="Tape">States (and stored gates when training) of this direction.</param>
/// <param name="Y">The layer output (T*B, D*R); this direction writes columns [d*R, (d+1)*R).</param>
/// <param name="Lengths">(B) sequence lengths.</param>
/// <param name="T">Steps.</param>
/// <param name="B">Batch.</param>
/// <param name="Store">Store what backward needs (training).</param>
internal readonly record struct DirectionRun(DirectionWeights W, DeviceTensor Gx, DirectionTape Tape, DeviceTensor Y,
    ArrayView<int> Lengths, int T, int B, bool Store)
{
    public bool Reverse => W.Direction == 1;
}

/// <summary>What a recurrence's backward (BPTT's dh chain) of one layer and direction reads and writes: the direction's tape,
/// dL/dy of the layer (T*B, D*R), the carries dh and dc (loaded with dh_n, dc_n; left holding dh0, dc0) and the gate
/// gradients dGx and dGh of every step, which the shared part of the backward (<see cref="DirectionPass"/>) turns into the
/// weight and bias gradients and dX.</summary>
internal readonly record struct DirectionBackwardRun(DirectionWeights W, DirectionTape Tape, DeviceTensor Dy, BackwardScratch S,
    ArrayView<int> Lengths, int T, int B)
{
    public bool Reverse => W.Direction == 1;
}
