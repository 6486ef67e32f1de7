namespace RnnGpu;

// The recurrent layer's memory arithmetic: what its parameters, a forward and a training step take, in checked 64-bit
// counts, and the checks against the device's free memory made before anything is allocated.
public sealed partial class RecurrentLayer
{
    /// <summary>Device bytes a layer with these options holds: parameters and gradients, plus the derived layouts (W_ih^T and
    /// one W_hh layout), so about 3x the parameters.</summary>
    /// <param name="o">Options.</param>
    public static long ParameterBytes(RnnOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return Bytes(o, () =>
        {
            long gh = (long)o.Cell.Gates * o.HiddenSize, floats = 0;
            for (int l = 0; l < o.NumLayers; l++)
            {
                long input = l == 0 ? o.InputSize : (long)o.Directions * o.StateSize;
                floats = checked(floats + o.Directions * (gh * input + gh * o.StateSize + (o.Bias ? 2 * gh : 0)
                    + (o.ProjSize > 0 ? (long)o.ProjSize * o.HiddenSize : 0)));
            }
            return checked(4 * 3 * floats);
        });
    }

    /// <summary>A byte count in checked 64-bit arithmetic: sizes whose product overflows are refused by name instead of wrapping
    /// to a small or negative count that a memory check would let through.</summary>
    static long Bytes(RnnOptions o, Func<long> count)
    {
        try
        {
            return count();
        }
        catch (OverflowException)
        {
            throw new ArgumentException($"{o.Cell.Name} with I = {o.InputSize}, H = {o.HiddenSize}, L = {o.NumLayers}, D = {o.Directions}: " +
                "the sizes overflow a 64-bit byte count; use smaller sizes.", nameof(o));
        }
    }

    /// <summary>Refuses, before anything is allocated, layers that would not fit the device together: their
    /// <see cref="ParameterBytes"/> plus <paramref name="stateFloatsPerParameter"/> optimizer floats per parameter (2 for Adam).</summary>
    /// <param name="device">The device.</param>
    /// <param name="layers">The options of every layer to be built.</param>
    /// <param name="stateFloatsPerParameter">Optimizer state per parameter (0 none, 1 SGD with momentum, 2 Adam).</param>
    /// <exception cref="ArgumentException">They do not fit; the message names the sizes, the need and the free memory.</exception>
    public static void EnsureFits(ComputeDevice device, IReadOnlyList<RnnOptions> layers, int stateFloatsPerParameter = 0)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Count == 0)
            return;
        long bytes = layers.Sum(o => ParameterBytes(o) * (3 + stateFloatsPerParameter) / 3);
        RnnChecks.Memory(device, layers[^1], bytes, layers.Count == 1 ? "its parameters, gradients, layouts and optimizer state"
            : $"{layers.Count} such layers with their gradients, layouts and optimizer state");
    }

    /// <summary>Device bytes a forward of T steps and batch B allocates (training: with what backward adds), an upper bound
    /// that <see cref="Forward"/> checks against the device's free memory before allocating anything.</summary>
    /// <param name="steps">T.</param>
    /// <param name="batch">B.</param>
    /// <param name="training">Training forward and its backward.</param>
    public long ActivationBytes(int steps, int batch, bool training) => ActivationBytes(Options, steps, batch, training);

    /// <summary>Device bytes a forward of T steps and batch B allocates in a layer of these options (training: with what
    /// backward adds), before the layer exists: what <see cref="Forward"/> checks against the device's free memory.</summary>
    /// <param name="o">The layer's options.</param>
    /// <param name="steps">T.</param>
    /// <param name="batch">B.</param>
    /// <param name="training">Training forward and its backward.</param>
    /// <exception cref="ArgumentException">The sizes overflow a 64-bit byte count.</exception>
    public static long ActivationBytes(RnnOptions o, int steps, int batch, bool training)
    {
        ArgumentNullException.ThrowIfNull(o);
        return Bytes(o, () =>
        {
            checked
            {
                long tb = (long)steps * batch, layers = o.NumLayers, D = o.Directions, R = o.StateSize, H = o.HiddenSize;
                long gh = (long)o.Cell.Gates * H, widest = Math.Max(o.InputSize, D * R);
                long tape = training ? layers * D * (steps + 1L) * batch * (R + H + o.Cell.StoredGates(o.HiddenSize) + H)
                    : layers * D * 2L * batch * (R + H + H);
                long activations = layers * tb * (widest + 3 * D * R) + tb * gh;
                long backward = training ? tb * (2 * gh + widest + D * R + R) : 0;
                return 4 * (tape + activations + backward);
            }
        });
    }

    /// <summary>Bytes stored for backward per time step, layer and direction in training mode, for batch size B:
    /// 4*B*(StoredGates + R), plus 4*B*H for the LSTM cell state and 4*B*H for m = o*tanh(c) with a projection.</summary>
    /// <param name="batch">Batch size B.</param>
    public long TrainingBytesPerStep(int batch) =>
        4L * batch * (Options.Cell.StoredGates(H) + R + (Options.Cell.HasCellState ? H : 0) + (Options.ProjSize > 0 ? H : 0)
            + (Options.Cell.LateGates > 0 ? H : 0));
}
