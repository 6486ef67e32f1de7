using RnnGpu.Kernels;

namespace RnnGpu;

// Host wrappers of CellKernels, the generic cell kernels, for the cell of a spec (its CellType); see CellStepRecurrence.
internal sealed partial class KernelSet
{
    readonly Dictionary<(RnnMode, string), Delegate> cellKernels = new();

    // Loaded once per cell and kernel: no key string or delegate is made per launch.
    Action<int, TViews, CellArgs> CellKernel<TViews>(CellSpec spec, string kernel) where TViews : struct
    {
        if (!cellKernels.TryGetValue((spec.Kind, kernel), out var launch))
        {
            var entry = KernelCatalog.Get(KernelCatalog.CellKey(spec, kernel));
            launch = Load1D(entry, entry.Method.CreateDelegate<Action<int, TViews, CellArgs>>());
            cellKernels[(spec.Kind, kernel)] = launch;
        }
        return (Action<int, TViews, CellArgs>)launch;
    }

    public void CellEarly(CellSpec spec, in CellViews v, in CellArgs p) =>
        CellKernel<CellViews>(spec, nameof(CellKernels.Early))(p.B * p.H, v, p);

    public void CellForward(CellSpec spec, in CellViews v, in CellArgs p) =>
        CellKernel<CellViews>(spec, nameof(CellKernels.Forward))(p.B * p.H, v, p);

    public void CellBackward(CellSpec spec, in CellGradViews v, in CellArgs p) =>
        CellKernel<CellGradViews>(spec, nameof(CellKernels.Backward))(p.B * p.H, v, p);

    public void CellLateBackward(CellSpec spec, in CellGradViews v, in CellArgs p) =>
        CellKernel<CellGradViews>(spec, nameof(CellKernels.LateBackward))(p.B * p.H, v, p);
}
