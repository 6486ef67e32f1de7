namespace RnnGpu;

/// <summary>
/// The argument checks of <see cref="RecurrentLayer"/>'s entry points: every shape, length and state is checked here,
/// with messages that name the argument and the shapes, before any kernel runs.
/// </summary>
internal static class RnnChecks
{
    /// <summary>Checks a forward's arguments; returns T, B and the lengths (all T when none were given).</summary>
    public static (int T, int B, int[] Lengths) Input(RecurrentLayer layer, DeviceTensor input, DeviceTensor? h0, DeviceTensor? c0,
        IReadOnlyList<int>? lengths)
    {
        var o = layer.Options;
        int I = o.InputSize, D = o.Directions;
        Shapes.RequireSameDevice(input, layer.Parameters[0].Value);
        if (input.Rank != 3 || input.Shape[2] != I)
            throw new ArgumentException(
                $"input has shape {input.ShapeText}, expected ({(o.BatchFirst ? "B, T" : "T, B")}, {I}) with input size {I}.",
                nameof(input));
        int T = o.BatchFirst ? input.Shape[1] : input.Shape[0];
        int B = o.BatchFirst ? input.Shape[0] : input.Shape[1];
        int[] lens = Lengths(lengths, T, B);
        States(layer, h0, c0, o.NumLayers * D, B);
        if (o.CheckFinite)
        {
            int steps = T, batch = B, H = o.StateSize;
            bool bf = o.BatchFirst;
            Finite.Check(layer.Device, input, "the input", i => $"step {(bf ? i / I % steps : i / ((long)batch * I))}");
            if (h0 is not null) Finite.Check(layer.Device, h0, "h0", i => $"layer {i / ((long)batch * H) / D}");
            if (c0 is not null) Finite.Check(layer.Device, c0, "c0", i => $"layer {i / ((long)batch * o.HiddenSize) / D}");
        }
        return (T, B, lens);
    }

    /// <summary>Refuses, before anything is allocated, what would not fit the device's free memory (its memory less what RnnGpu
    /// holds on it), naming the sizes and both amounts.</summary>
    /// <exception cref="ArgumentException">It does not fit.</exception>
    public static void Memory(ComputeDevice device, RnnOptions o, long bytes, string what)
    {
        long free = device.Info.MemoryBytes - device.AllocatedBytes;
        if (bytes > free)
            throw new ArgumentException(
                $"{o.Cell.Name} with I = {o.InputSize}, H = {o.HiddenSize}{(o.ProjSize > 0 ? $", P = {o.ProjSize}" : "")}, L = {o.NumLayers}, " +
                $"D = {o.Directions}: {what} would take about {Gib(bytes)} GiB, more than the {Gib(free)} GiB free of " +
                $"{Gib(device.Info.MemoryBytes)} GiB on {device.Info.Spec}; use smaller sizes.");
    }

    static string Gib(long bytes) => (bytes / (1024.0 * 1024 * 1024)).ToString("0.0#", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Checks a backward's upstream gradients against the forward's T and B.</summary>
    public static void Gradients(RecurrentLayer layer, DeviceTensor? dOutput, DeviceTensor? dhN, DeviceTensor? dcN, int T, int B)
    {
        var o = layer.Options;
        int D = o.Directions, R = o.StateSize;
        if (dOutput is not null)
        {
            Shapes.RequireSameDevice(dOutput, layer.Parameters[0].Value);
            int[] expected = o.BatchFirst ? new[] { B, T, D * R } : new[] { T, B, D * R };
            Shapes.RequireShape(dOutput, expected, nameof(dOutput));
        }
        State(layer, dhN, nameof(dhN), o.NumLayers * D, B, R);
        if (dcN is not null && !o.Cell.HasCellState)
            throw new ArgumentException($"dcN was given, but a {o.Mode} layer has no cell state.", nameof(dcN));
        State(layer, dcN, nameof(dcN), o.NumLayers * D, B, o.HiddenSize);
        if (o.CheckFinite)
        {
            int perStep = o.BatchFirst ? D * R : B * D * R;
            bool bf = o.BatchFirst;
            if (dOutput is not null) Finite.Check(layer.Device, dOutput, "dOutput", i => $"step {(bf ? i / perStep % T : i / perStep)}");
            if (dhN is not null) Finite.Check(layer.Device, dhN, "dhN", i => $"layer {i / ((long)B * R) / D}");
            if (dcN is not null) Finite.Check(layer.Device, dcN, "dcN", i => $"layer {i / ((long)B * o.HiddenSize) / D}");
        }
    }

    /// <summary>Checks initial states: h (n, B, R), c (n, B, H) and only for a cell with a cell state.</summary>
    public static void States(RecurrentLayer layer, DeviceTensor? h0, DeviceTensor? c0, int n, int b)
    {
        var o = layer.Options;
        State(layer, h0, nameof(h0), n, b, o.StateSize);
        if (c0 is not null && !o.Cell.HasCellState)
            throw new ArgumentException($"c0 was given, but a {o.Mode} layer has no cell state.", nameof(c0));
        State(layer, c0, nameof(c0), n, b, o.HiddenSize);
    }

    static void State(RecurrentLayer layer, DeviceTensor? s, string name, int n, int b, int width)
    {
        if (s is null)
            return;
        Shapes.RequireSameDevice(s, layer.Parameters[0].Value);
        if (s.Rank != 3 || s.Shape[0] != n || s.Shape[1] != b || s.Shape[2] != width)
            throw new ArgumentException(
                $"{name} has shape {s.ShapeText}, expected ({n}, {b}, {width}) = (layers*directions, batch, {(width == layer.Options.HiddenSize ? "hidden" : "proj_size")}).",
                name);
    }

    static int[] Lengths(IReadOnlyList<int>? lengths, int t, int b)
    {
        if (lengths is null)
            return Enumerable.Repeat(t, b).ToArray();
        if (lengths.Count != b)
            throw new ArgumentException($"lengths has {lengths.Count} entries, but the input has batch size {b}.", nameof(lengths));
        for (int i = 0; i < lengths.Count; i++)
            if (lengths[i] < 1 || lengths[i] > t)
                throw new ArgumentException($"lengths[{i}] = {lengths[i]} is outside 1..{t} (T of the input).", nameof(lengths));
        return lengths.ToArray();
    }
}
