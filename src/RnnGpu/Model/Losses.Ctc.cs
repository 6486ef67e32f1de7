using System.Globalization;
using ILGPU.Runtime;
using RnnGpu.Kernels;

namespace RnnGpu;

public static partial class Losses
{
    /// <summary>
    /// Connectionist temporal classification loss (Graves et al. 2006) over unnormalised logits: the value and gradient of
    /// <c>torch.nn.functional.ctc_loss(logits.log_softmax(2), targets, inputLengths, targetLengths, blank, reduction,
    /// zeroInfinity)</c> with respect to the logits. Sequence b's loss is -log of the summed probability of every frame-wise
    /// alignment of its first targetLengths[b] labels within its first inputLengths[b] frames (a label repeated in the target
    /// needs a blank between its copies). Mean divides each sequence's loss by its target length (an empty target by 1) and
    /// averages over the batch; Sum adds. A sequence with no alignment (its frames fewer than its labels plus its repeats)
    /// has loss +inf, and its frames' gradient is NaN (as PyTorch's); under <paramref name="zeroInfinity"/> it counts 0
    /// and gets a zero gradient. Frames past a sequence's input length get a zero gradient. Computed on the device in log
    /// space, in four launches whatever T is (<see cref="CtcKernels"/>), deterministic.
    /// </summary>
    /// <param name="logits">(T, B, C) unnormalised scores, sequence-major (C includes the blank).</param>
    /// <param name="targets">(B, S) labels, padded: entries past a sequence's target length are ignored.</param>
    /// <param name="inputLengths">B frame counts, each in [0, T].</param>
    /// <param name="targetLengths">B label counts, each in [0, S].</param>
    /// <param name="dlogits">Shaped like the logits, written; null (default): allocated (<see cref="LossValue.Gradient"/>).</param>
    /// <param name="blank">The blank's class, in [0, C) (default 0).</param>
    /// <param name="reduction">Mean (default) or Sum.</param>
    /// <param name="zeroInfinity">Infeasible sequences count 0 and get no gradient (default false: +inf).</param>
    /// <param name="meanOver">Mean only: divide the sum of per-sequence means by this count instead of B (a data-parallel
    /// shard passes the global batch); null (default): B.</param>
    /// <exception cref="ArgumentException">Shapes, devices, lengths or labels are out of range (a label outside [0, C) or
    /// equal to the blank); the message names the first bad one. Checked before any kernel runs.</exception>
    public static LossValue Ctc(DeviceTensor logits, DeviceIndices targets, IReadOnlyList<int> inputLengths, IReadOnlyList<int> targetLengths,
        DeviceTensor? dlogits = null, int blank = 0, Reduction reduction = Reduction.Mean, bool zeroInfinity = false, float? meanOver = null) =>
        Ctc(logits, targets, inputLengths, targetLengths, dlogits, blank, reduction, zeroInfinity, meanOver, portable: false);

    /// <summary><see cref="Ctc(DeviceTensor, DeviceIndices, IReadOnlyList{int}, IReadOnlyList{int}, DeviceTensor?, int, Reduction, bool, float?)"/>;
    /// <paramref name="portable"/>: the kernels GPUs run even on the CPU accelerator (the GPU simulator's tests).</summary>
    internal static LossValue Ctc(DeviceTensor logits, DeviceIndices targets, IReadOnlyList<int> inputLengths, IReadOnlyList<int> targetLengths,
        DeviceTensor? dlogits, int blank, Reduction reduction, bool zeroInfinity, float? meanOver, bool portable)
    {
        ArgumentNullException.ThrowIfNull(logits);
        using var hold = DeviceHold.Of(logits);
        var a = CheckCtc(logits, targets, inputLengths, targetLengths, dlogits, blank, reduction, zeroInfinity, meanOver);
        var dev = logits.Device;
        var k = dev.Kernels;
        bool owns = dlogits is null;
        dlogits ??= DeviceTensor.Uninitialized(dev, logits.Shape.ToArray());
        var lengths = dev.RentBuffer<int>(2L * a.B);
        try
        {
            var host = new int[2 * a.B];
            for (int b = 0; b < a.B; b++)
            {
                host[b] = inputLengths[b];
                host[a.B + b] = targetLengths[b];
            }
            lengths.View.CopyFromCPU(host);
            var inLen = lengths.View.SubView(0, a.B);
            var tgLen = lengths.View.SubView(a.B, a.B);
            int cells = checked(a.T * a.B * a.L);
            using var lse = DeviceTensor.Uninitialized(dev, a.T * a.B);
            using var alpha = DeviceTensor.Uninitialized(dev, cells);
            using var nll = DeviceTensor.Uninitialized(dev, a.B);
            var scalars = DeviceTensor.Uninitialized(dev, 2);
            if (dev.Policy.HostRowKernels && !portable)
                k.CtcSequencesCpu(logits.View, lse.View, targets.View, inLen, tgLen, alpha.View, nll.View, dlogits.View, a);
            else
            {
                using var beta = DeviceTensor.Uninitialized(dev, cells);
                k.CtcLogSumExp(logits.View, lse.View, a.C, portable);
                k.CtcAlphaBeta(logits.View, lse.View, targets.View, inLen, tgLen, alpha.View, beta.View, nll.View, a);
                k.CtcGradient(logits.View, lse.View, targets.View, inLen, tgLen, alpha.View, beta.View, nll.View, dlogits.View, a);
            }
            k.CtcFinal(nll.View, tgLen, scalars.View, a);
            return new LossValue(scalars, dlogits, owns);
        }
        catch
        {
            if (owns)
                dlogits.Dispose();
            throw;
        }
        finally
        {
            dev.ReturnBuffer(lengths);
        }
    }

    static CtcArgs CheckCtc(DeviceTensor logits, DeviceIndices targets, IReadOnlyList<int> inputLengths, IReadOnlyList<int> targetLengths,
        DeviceTensor? dlogits, int blank, Reduction reduction, bool zeroInfinity, float? meanOver)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(inputLengths);
        ArgumentNullException.ThrowIfNull(targetLengths);
        CheckMeanOver(meanOver);
        logits.ThrowIfDisposed();
        if (targets.IsDisposed)
            throw new ObjectDisposedException(nameof(targets), "CTC targets were disposed.");
        var (T, B, C) = CheckCtcScores(logits, inputLengths, blank);
        if (!ReferenceEquals(logits.Device, targets.Device))
            throw new ArgumentException("CTC logits and targets live on different devices.", nameof(targets));
        if (targets.Shape.Count != 2 || targets.Shape[0] != B)
            throw new ArgumentException($"CTC targets must be (B, S) with B = {B} (logits {logits.ShapeText}), got shape {targets.ShapeText}.", nameof(targets));
        int S = targets.Shape[1];
        if (dlogits is not null)
        {
            Shapes.RequireSameDevice(logits, dlogits);
            Shapes.RequireShape(dlogits, logits.Shape, nameof(dlogits));
        }
        if (targetLengths.Count != B)
            throw new ArgumentException($"targetLengths has {targetLengths.Count} entries, expected B = {B} (targets {targets.ShapeText}).", nameof(targetLengths));
        for (int b = 0; b < B; b++)
            if (targetLengths[b] < 0 || targetLengths[b] > S)
                throw new ArgumentException($"targetLengths[{b}] = {targetLengths[b]} is outside [0, S = {S}] (targets {targets.ShapeText}).", nameof(targetLengths));
        long cells = (long)T * B * (2L * S + 1);
        if ((long)T * B > int.MaxValue || cells > Array.MaxLength)
            throw new ArgumentException($"CTC over logits {logits.ShapeText} and targets {targets.ShapeText} needs {cells} forward variables, " +
                $"more than {Array.MaxLength}.", nameof(logits));
        if (S > 0)
        {
            var labels = targets.ToArray();
            for (int b = 0; b < B; b++)
                for (int s = 0; s < targetLengths[b]; s++)
                {
                    int v = labels[(long)b * S + s];
                    if (v < 0 || v >= C)
                        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                            $"targets[{b}, {s}] = {v} is outside the classes [0, {C})."), nameof(targets));
                    if (v == blank)
                        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                            $"targets[{b}, {s}] = {v} is the blank; a target holds labels only (the blank is {blank})."), nameof(targets));
                }
        }
        return new CtcArgs(T, B, C, S, blank, zeroInfinity, reduction == Reduction.Mean, meanOver ?? B);
    }

    /// <summary>The checks the CTC loss and decoders share: logits (T, B, C), the blank in [0, C), B input lengths each in
    /// [0, T]; returns (T, B, C).</summary>
    internal static (int T, int B, int C) CheckCtcScores(DeviceTensor logits, IReadOnlyList<int> inputLengths, int blank)
    {
        if (logits.Rank != 3)
            throw new ArgumentException($"CTC logits must be (T, B, C), got shape {logits.ShapeText}.", nameof(logits));
        int T = logits.Shape[0], B = logits.Shape[1], C = logits.Shape[2];
        if (blank < 0 || blank >= C)
            throw new ArgumentException($"blank = {blank} is outside the logits' classes [0, {C}).", nameof(blank));
        if (inputLengths.Count != B)
            throw new ArgumentException($"inputLengths has {inputLengths.Count} entries, expected B = {B} (logits {logits.ShapeText}).", nameof(inputLengths));
        for (int b = 0; b < B; b++)
            if (inputLengths[b] < 0 || inputLengths[b] > T)
                throw new ArgumentException($"inputLengths[{b}] = {inputLengths[b]} is outside [0, T = {T}].", nameof(inputLengths));
        return (T, B, C);
    }
}
