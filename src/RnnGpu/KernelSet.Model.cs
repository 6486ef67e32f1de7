using ILGPU;
using ILGPU.Runtime;
using RnnGpu.Kernels;

namespace RnnGpu;

internal sealed partial class KernelSet
{
    public void EmbeddingForward(ArrayView<int> idx, ArrayView<float> weight, ArrayView<float> y, int e, ArrayView<int> firstBad) =>
        Load1D<ArrayView<int>, ArrayView<float>, ArrayView<float>, int, int, ArrayView<int>>(KernelCatalog.ModelEmbFwd, ModelKernels.EmbeddingForward)
            ((int)y.Length, idx, weight, y, e, (int)(weight.Length / e), firstBad);

    public void EmbeddingBackward(ArrayView<int> idx, ArrayView<float> dy, ArrayView<float> dWeight, int e, int padding) =>
        Load1D<ArrayView<int>, ArrayView<float>, ArrayView<float>, int, int>(KernelCatalog.ModelEmbBwd, ModelKernels.EmbeddingBackward)
            (e, idx, dy, dWeight, e, padding);

    public void CrossEntropyRows(ArrayView<float> logits, ArrayView<int> targets, ArrayView<float> rowLoss, ArrayView<float> dlogits,
        int c, int ignoreIndex, ArrayView<int> firstBad, float smoothing) =>
        Load1D<ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, int, int, ArrayView<int>, float>(KernelCatalog.ModelCeRows, ModelKernels.CrossEntropyRows)
            ((int)targets.Length, logits, targets, rowLoss, dlogits, c, ignoreIndex, firstBad, smoothing);

    public void BceWithLogits(ArrayView<float> x, ArrayView<float> y, ArrayView<float> loss, ArrayView<float> dx) =>
        Load1D<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>>(KernelCatalog.ModelBce, ModelKernels.BceWithLogits)
            ((int)x.Length, x, y, loss, dx);

    public void SquaredError(ArrayView<float> x, ArrayView<float> y, ArrayView<float> loss, ArrayView<float> dx) =>
        Load1D<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>>(KernelCatalog.ModelSqerr, ModelKernels.SquaredError)
            ((int)x.Length, x, y, loss, dx);

    public void ScaleByDevice(ArrayView<float> x, ArrayView<float> scalars, int slot) =>
        Load1D<ArrayView<float>, ArrayView<float>, int>(KernelCatalog.ModelScaleDev, ModelKernels.ScaleByDevice)((int)x.Length, x, scalars, slot);

    public void SgdStep(ArrayView<float> p, ArrayView<float> grad, ArrayView<float> buf, in SgdArgs a) =>
        Load1D<ArrayView<float>, ArrayView<float>, ArrayView<float>, SgdArgs>(KernelCatalog.ModelSgd, ModelKernels.SgdStep)((int)p.Length, p, grad, buf, a);

    public void AdamStep(ArrayView<float> p, ArrayView<float> grad, ArrayView<float> m, ArrayView<float> v, in AdamArgs a) =>
        Load1D<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, AdamArgs>(KernelCatalog.ModelAdam, ModelKernels.AdamStep)
            ((int)p.Length, p, grad, m, v, a);

    public void ClipByNorm(ArrayView<float> g, ArrayView<float> sumSq, int slot, float maxNorm) =>
        Load1D<ArrayView<float>, ArrayView<float>, int, float>(KernelCatalog.ModelClipNorm, ModelKernels.ClipByNorm)((int)g.Length, g, sumSq, slot, maxNorm);

    public void ClipByValue(ArrayView<float> g, float limit) =>
        Load1D<ArrayView<float>, float>(KernelCatalog.ModelClipValue, ModelKernels.ClipByValue)((int)g.Length, g, limit);

    public void Concat2(ArrayView<float> a, ArrayView<float> c, ArrayView<float> y, int h) =>
        Load1D<ArrayView<float>, ArrayView<float>, ArrayView<float>, int>(KernelCatalog.ModelConcat2, ModelKernels.Concat2)((int)y.Length, a, c, y, h);

    public void Split2(ArrayView<float> dy, ArrayView<float> da, ArrayView<float> dc, int h) =>
        Load1D<ArrayView<float>, ArrayView<float>, ArrayView<float>, int>(KernelCatalog.ModelSplit2, ModelKernels.Split2)((int)dy.Length, dy, da, dc, h);

    public void ArgmaxRows(ArrayView<float> x, ArrayView<int> idx, int c) =>
        Load1D<ArrayView<float>, ArrayView<int>, int>(KernelCatalog.ModelArgmax, ModelKernels.ArgmaxRows)((int)idx.Length, x, idx, c);

    /// <summary>Temperature sampling per row (<see cref="ModelKernels.SampleRows"/>); temperature 0 is <see cref="ArgmaxRows"/>.</summary>
    public void SampleRows(ArrayView<float> x, ArrayView<int> idx, int c, float temperature, ulong seed, int step)
    {
        if (temperature == 0f)
        {
            ArgmaxRows(x, idx, c);
            return;
        }
        Load1D<ArrayView<float>, ArrayView<int>, int, float, ulong, int>(KernelCatalog.ModelSample, ModelKernels.SampleRows)
            ((int)idx.Length, x, idx, c, temperature, seed, step);
    }

    public void SoftmaxRows(ArrayView<float> x, ArrayView<float> y, int c, bool log) =>
        Load1D<ArrayView<float>, ArrayView<float>, int, int>(KernelCatalog.ModelSoftmax, ModelKernels.SoftmaxRows)((int)(x.Length / c), x, y, c, log ? 1 : 0);

    public void SoftmaxRowsBackward(ArrayView<float> y, ArrayView<float> dy, ArrayView<float> dx, int c, bool log) =>
        Load1D<ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int>(KernelCatalog.ModelSoftmaxBwd, ModelKernels.SoftmaxRowsBackward)
            ((int)(y.Length / c), y, dy, dx, c, log ? 1 : 0);
}
