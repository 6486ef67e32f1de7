using System.Diagnostics;
using ILGPU;
using ILGPU.Backends;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using RnnGpu.Kernels;

namespace RnnGpu.Tests;

/// <summary>
/// The persistent forward kernel (one launch per layer and direction, W_hh slice in shared memory, grid barrier
/// between steps) against the float64 reference and against the per-step path, on the accelerators where its
/// grid barrier is safe: the GPU-simulating CPU accelerator with four multiprocessors (several groups meeting at
/// the barrier) and with one (a single group), the plain CPU accelerator (groups of two threads), and CUDA when
/// present. Plus the planner's choices and the ILGPU CPU accelerator's co-residency that the barrier relies on.
/// </summary>
[Trait(Suites.Key, Suites.CpuOnly)]
[Trait(Suites.Tier, Suites.Kernels)]
public class PersistentTests
{
    public sealed record Case(int Layers, bool Bidirectional, bool BatchFirst, bool VarLengths, bool InitialStates, int T, int B, int H, int I = 5)
    {
        public override string ToString() =>
            $"L{Layers} {(Bidirectional ? "bi" : "uni")}{(BatchFirst ? " batch-first" : "")}{(VarLengths ? " var-len" : "")}{(InitialStates ? " h0" : "")} T{T} B{B} H{H} I{I}";
    }

    // B in {1, 3, 16}, odd H in {7, 33}, T in {1, 5}, 1-2 layers, bidirectional, initial states, variable lengths.
    static readonly Case[] Cases =
    {
        new(1, false, false, false, true, T: 5, B: 1, H: 7),
        new(2, true, false, true, true, T: 5, B: 3, H: 33),
        new(1, true, false, false, false, T: 1, B: 16, H: 7),
        new(2, false, true, true, true, T: 5, B: 16, H: 33, I: 4),
        new(1, false, false, false, false, T: 1, B: 3, H: 33),
    };

    static readonly RnnMode[] Modes = CellSpec.PyTorch.Select(c => c.Kind).ToArray(); // the cell table's cells the int-cell kernels run

    /// <summary>Accelerators where all groups of a launch run at once (groups &lt;= multiprocessors): the CPU accelerator
    /// in its three configurations, and CUDA devices present. Never OpenCL.</summary>
    public static IEnumerable<string> SafeDevices() =>
        new[] { TestDevices.CpuSim4, TestDevices.CpuSim, "cpu" }
            .Concat(TestDevices.Real.Select(d => (string)d[0]).Where(n => n.StartsWith("cuda", StringComparison.Ordinal)));

    /// <summary>(device, cell, cap on threads per group or 0). On the four-multiprocessor simulator groups are capped
    /// at one warp: every simulated thread is an OS thread, and four groups of 256 on two cores make each test
    /// minutes long; <see cref="PersistentForward_FullGroupsOnFourSimulatedMultiprocessors"/> covers 256 there.</summary>
    public static IEnumerable<object[]> DeviceModes() =>
        from d in SafeDevices() from m in Modes select new object[] { d, m, d == TestDevices.CpuSim4 ? 32 : 0 };

    /// <summary>Everything a training forward and backward produce.</summary>
    sealed record Run(float[] Output, float[] HN, float[]? CN, float[] DX, float[] DH0, float[]? DC0, Dictionary<string, float[]> Grads,
        PersistentPlan Plan, float[] InferenceOutput);

    static Run Execute(ComputeDevice device, RecurrentLayer layer, RecurrenceAlgorithm mode, Case c, float[] x, int[]? lengths,
        float[] h0, float[] c0, float[] dy, float[] dhN, float[] dcN)
    {
        int D = c.Bidirectional ? 2 : 1, LD = c.Layers * D;
        bool lstm = layer.Options.Mode == RnnMode.Lstm;
        layer.Algorithm = mode;
        using var tx = DeviceTensor.FromHost(device, x, c.BatchFirst ? new[] { c.B, c.T, c.I } : new[] { c.T, c.B, c.I });
        using var th0 = DeviceTensor.FromHost(device, h0, LD, c.B, c.H);
        using var tc0 = DeviceTensor.FromHost(device, c0, LD, c.B, c.H);
        using var tdy = DeviceTensor.FromHost(device, dy, c.BatchFirst ? new[] { c.B, c.T, D * c.H } : new[] { c.T, c.B, D * c.H });
        using var tdhN = DeviceTensor.FromHost(device, dhN, LD, c.B, c.H);
        using var tdcN = DeviceTensor.FromHost(device, dcN, LD, c.B, c.H);
        var hInit = c.InitialStates ? th0 : null;
        var cInit = c.InitialStates && lstm ? tc0 : null;
        float[] inference;
        using (var inf = layer.Forward(tx, hInit, cInit, lengths, training: false))
            inference = inf.Output.ToArray();
        layer.ZeroGrad();
        using var outp = layer.Forward(tx, hInit, cInit, lengths, training: true);
        var plan = layer.LastPlan!;
        using var grads = layer.Backward(tdy, tdhN, lstm ? tdcN : null);
        return new Run(outp.Output.ToArray(), outp.HN.ToArray(), outp.CN?.ToArray(), grads.DInput.ToArray(), grads.DH0.ToArray(),
            grads.DC0?.ToArray(), layer.Parameters.ToDictionary(p => p.Name, p => p.Grad.ToArray()), plan, inference);
    }

    [Theory]
    [MemberData(nameof(DeviceModes))]
    public void PersistentForward_MatchesReferenceAndPerStep_ForwardAndBackward(string deviceName, RnnMode mode, int maxGroupSize) =>
        CompareWithPerStepAndReference(deviceName, mode, maxGroupSize, Cases);

    /// <summary>Groups of 256 threads with four groups meeting at the barrier: LSTM at B = 16 (one thread per dot
    /// product), GRU at B = 3, bidirectional with variable lengths (8 threads per dot product, tree reduction).</summary>
    [Theory]
    [InlineData(RnnMode.Lstm)]
    [InlineData(RnnMode.Gru)]
    public void PersistentForward_FullGroupsOnFourSimulatedMultiprocessors(RnnMode mode) =>
        CompareWithPerStepAndReference(TestDevices.CpuSim4, mode, 0,
            new[] { mode == RnnMode.Lstm ? new Case(1, false, false, false, true, T: 3, B: 16, H: 33) : new Case(1, true, false, true, true, T: 3, B: 3, H: 33) });

    /// <summary>
    /// The CPU accelerator's persistent kernels (the forward and BPTT's dh chain, one barrier per step) with a busy process
    /// competing for every core: the barrier spins briefly and then yields its core, so the 2 x 60 barriers of each
    /// direction still finish in bounded time, with the same results as the per-step path and the float64 reference.
    /// Also covers two batch rows (the 2-row micro-kernel) and whole 16-unit blocks, bidirectional with variable lengths.
    /// </summary>
    [Theory]
    [InlineData(RnnMode.Lstm)]
    [InlineData(RnnMode.Gru)]
    public void CpuPersistent_WithABusyProcessOnEveryCore_FinishesInBoundedTime(RnnMode mode)
    {
        var busy = new List<Process>();
        var spinners = new CancellationTokenSource();
        try
        {
            for (int i = 0; i < Environment.ProcessorCount; i++)
            {
                if (File.Exists("/bin/sh"))
                    busy.Add(Process.Start(new ProcessStartInfo("/bin/sh", new[] { "-c", "while :; do :; done" }) { UseShellExecute = false })!);
                else
                    _ = Task.Factory.StartNew(() => { while (!spinners.IsCancellationRequested) { } }, TaskCreationOptions.LongRunning);
            }
            var watch = Stopwatch.StartNew();
            CompareWithPerStepAndReference("cpu", mode, 0, new[] { new Case(1, true, false, true, true, T: 60, B: 2, H: 64, I: 6) });
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(90), $"{mode} under contention took {watch.Elapsed.TotalSeconds:F1} s");
        }
        finally
        {
            spinners.Cancel();
            foreach (var p in busy)
            {
                try
                {
                    p.Kill();
                    p.WaitForExit();
                }
                catch (InvalidOperationException)
                {
                }
                p.Dispose();
            }
        }
    }

    static void CompareWithPerStepAndReference(string deviceName, RnnMode mode, int maxGroupSize, Case[] cases)
    {
        var device = TestDevices.Get(deviceName);
        int seed = 300;
        foreach (var c in cases)
        {
            var rng = new Random(seed++);
            int D = c.Bidirectional ? 2 : 1, LD = c.Layers * D;
            bool lstm = mode == RnnMode.Lstm;
            using var layer = new RecurrentLayer(device, new RnnOptions(mode, c.I, c.H, c.Layers, c.Bidirectional, c.BatchFirst, Seed: (ulong)seed));
            if (maxGroupSize > 0)
                layer.PersistentMaxGroupSize = maxGroupSize;
            float[] x = Numerics.Uniform(rng, c.T * c.B * c.I);
            int[]? lengths = c.VarLengths ? Enumerable.Range(0, c.B).Select(b => b == 0 ? c.T : 1 + rng.Next(c.T)).ToArray() : null;
            float[] h0 = Numerics.Uniform(rng, LD * c.B * c.H), c0 = Numerics.Uniform(rng, LD * c.B * c.H);
            float[] dy = Numerics.Uniform(rng, c.T * c.B * D * c.H), dhN = Numerics.Uniform(rng, LD * c.B * c.H), dcN = Numerics.Uniform(rng, LD * c.B * c.H);

            var perStep = Execute(device, layer, RecurrenceAlgorithm.FusedStep, c, x, lengths, h0, c0, dy, dhN, dcN);
            var persistent = WithDeadline(() => Execute(device, layer, RecurrenceAlgorithm.Persistent, c, x, lengths, h0, c0, dy, dhN, dcN), $"{deviceName} {mode} {c}");
            string what = $"{deviceName} {mode} {c}";
            Assert.False(perStep.Plan.Persistent);
            Assert.True(persistent.Plan.Persistent, $"{what}: persistent kernel not used: {persistent.Plan.Reason}");
            var dev = device.Accelerator;
            Assert.InRange(persistent.Plan.Groups, 1, dev.NumMultiprocessors);
            if (deviceName == TestDevices.CpuSim4)
                Assert.Equal(4, persistent.Plan.Groups); // H = 7 or 33 on four multiprocessors: four groups meet at the barrier

            // Against the per-step path: same tape layout, results equal up to the dot products' summation order.
            Numerics.AssertClose(persistent.Output, Numerics.ToDouble(perStep.Output), 2e-6, what + " output vs per-step");
            Numerics.AssertClose(persistent.HN, Numerics.ToDouble(perStep.HN), 2e-6, what + " h_n vs per-step");
            if (lstm) Numerics.AssertClose(persistent.CN!, Numerics.ToDouble(perStep.CN!), 2e-6, what + " c_n vs per-step");
            Numerics.AssertClose(persistent.DX, Numerics.ToDouble(perStep.DX), 1e-5, what + " dX vs per-step");
            Numerics.AssertClose(persistent.DH0, Numerics.ToDouble(perStep.DH0), 1e-5, what + " dh0 vs per-step");
            if (lstm) Numerics.AssertClose(persistent.DC0!, Numerics.ToDouble(perStep.DC0!), 1e-5, what + " dc0 vs per-step");
            foreach (var (name, g) in perStep.Grads)
                Numerics.AssertClose(persistent.Grads[name], Numerics.ToDouble(g), 1e-5, $"{what} grad {name} vs per-step");
            // Inference (two rotating state slots) gives the training forward's output.
            Numerics.AssertClose(persistent.InferenceOutput, Numerics.ToDouble(persistent.Output), 1e-7, what + " inference vs training output");

            // Against the float64 reference.
            var reference = new RnnReference(mode, c.Layers, c.Bidirectional, c.I, c.H, RnnTests.ReferenceWeights(layer));
            var xs = Numerics.ToDouble(x);
            if (c.BatchFirst) xs = RnnTests.SwapOuter(xs, c.B, c.T, c.I);
            var (rOut, rHN, rCN) = reference.Forward(xs, c.T, c.B, lengths,
                c.InitialStates ? Numerics.ToDouble(h0) : null, c.InitialStates && lstm ? Numerics.ToDouble(c0) : null);
            var dys = Numerics.ToDouble(dy);
            if (c.BatchFirst) dys = RnnTests.SwapOuter(dys, c.B, c.T, D * c.H);
            var (rDX, rDH0, rDC0, rDW) = reference.Backward(dys, Numerics.ToDouble(dhN), lstm ? Numerics.ToDouble(dcN) : null);
            if (c.BatchFirst)
            {
                rOut = RnnTests.SwapOuter(rOut, c.T, c.B, D * c.H);
                rDX = RnnTests.SwapOuter(rDX, c.T, c.B, c.I);
            }
            Numerics.AssertClose(persistent.Output, rOut, 1e-5, what + " output");
            Numerics.AssertClose(persistent.HN, rHN, 1e-5, what + " h_n");
            if (lstm) Numerics.AssertClose(persistent.CN!, rCN, 1e-5, what + " c_n");
            else Assert.Null(persistent.CN);
            Numerics.AssertClose(persistent.DX, rDX, 1e-4, what + " dX");
            Numerics.AssertClose(persistent.DH0, rDH0, 1e-4, what + " dh0");
            if (lstm) Numerics.AssertClose(persistent.DC0!, rDC0, 1e-4, what + " dc0");
            for (int ld = 0; ld < LD; ld++)
            {
                string s = $"_l{ld / D}" + (ld % D == 1 ? "_reverse" : "");
                Numerics.AssertClose(persistent.Grads["weight_hh" + s], rDW[ld].Whh, 1e-4, what + " dweight_hh" + s);
                Numerics.AssertClose(persistent.Grads["weight_ih" + s], rDW[ld].Wih, 1e-4, what + " dweight_ih" + s);
                Numerics.AssertClose(persistent.Grads["bias_hh" + s], rDW[ld].Bhh, 1e-4, what + " dbias_hh" + s);
                Numerics.AssertClose(persistent.Grads["bias_ih" + s], rDW[ld].Bih, 1e-4, what + " dbias_ih" + s);
            }
        }
    }

    /// <summary>A shared-memory cap that forces h tiles narrower than H (several k tiles per step, the last one
    /// partial), and one that leaves no room for the W_hh slice: the layer falls back to the per-step path and says why.</summary>
    [Theory]
    [InlineData(RnnMode.Lstm)]
    [InlineData(RnnMode.Gru)]
    public void SharedMemoryCap_TilesH_OrFallsBackWithAReason(RnnMode mode)
    {
        var device = TestDevices.Get(TestDevices.CpuSim4);
        var rng = new Random(41);
        const int T = 5, B = 3, I = 4, H = 33;
        using var layer = new RecurrentLayer(device, new RnnOptions(mode, I, H, Seed: 5));
        using var x = DeviceTensor.FromHost(device, Numerics.Uniform(rng, T * B * I), T, B, I);
        layer.Algorithm = RecurrenceAlgorithm.FusedStep;
        float[] expected;
        using (var o = layer.Forward(x))
            expected = o.Output.ToArray();

        layer.Algorithm = RecurrenceAlgorithm.Persistent;
        layer.PersistentMaxGroupSize = 64;
        PersistentPlan roomy;
        using (var o = WithDeadline(() => layer.Forward(x), "uncapped"))
        {
            roomy = layer.LastPlan!;
            Assert.True(roomy.Persistent, roomy.Reason);
            Assert.Equal(H, roomy.Tile);
            Assert.Equal(4, roomy.Groups);
            Numerics.AssertClose(o.Output.ToArray(), Numerics.ToDouble(expected), 2e-6, $"{mode} output vs per-step");
        }
        // Just under what a full-width tile needs: the planner halves the tile to the 32-column minimum.
        layer.PersistentSharedBytesLimit = roomy.SharedBytes - 4;
        using (var o = WithDeadline(() => layer.Forward(x), "tiled"))
        {
            var plan = layer.LastPlan!;
            Assert.True(plan.Persistent, plan.Reason);
            Assert.Equal(PersistentRecurrence.MinTile, plan.Tile);
            Assert.True(plan.SharedBytes <= roomy.SharedBytes - 4);
            Numerics.AssertClose(o.Output.ToArray(), Numerics.ToDouble(expected), 2e-6, $"{mode} tiled output vs per-step");
        }
        // Less than the W_hh slice alone: per-step path, with the reason.
        layer.PersistentSharedBytesLimit = 4L * layer.Gates * roomy.Units * H;
        using (var o = layer.Forward(x))
        {
            var plan = layer.LastPlan!;
            Assert.False(plan.Persistent);
            Assert.Contains("does not fit", plan.Reason);
            Assert.Equal(expected, o.Output.ToArray());
        }
    }

    /// <summary>Every barrier of a launch completes: after a forward of T steps the arrival counter holds
    /// groups * (T - 1) (the last launch's), and every group took part in each barrier.</summary>
    [Fact]
    public void GridBarrier_CountsEveryGroupAtEveryStep()
    {
        var device = TestDevices.Get(TestDevices.CpuSim4);
        var rng = new Random(3);
        const int T = 5, B = 2, I = 3, H = 13;
        using var layer = new RecurrentLayer(device, new RnnOptions(RnnMode.Gru, I, H, Seed: 2))
        {
            Algorithm = RecurrenceAlgorithm.Persistent,
            PersistentMaxGroupSize = 32,
        };
        using var x = DeviceTensor.FromHost(device, Numerics.Uniform(rng, T * B * I), T, B, I);
        using (WithDeadline(() => layer.Forward(x), "counter")) { }
        var plan = layer.LastPlan!;
        Assert.True(plan.Persistent, plan.Reason);
        Assert.Equal(4, plan.Groups);
        var counter = new int[1];
        device.BarrierCounter().CopyToCPU(counter);
        Assert.Equal(plan.Groups * (T - 1), counter[0]);
    }

    /// <summary>
    /// What the grid barrier relies on, checked on the ILGPU CPU accelerator itself: with at most one group per
    /// multiprocessor every group of a launch runs at the same time (each simulated multiprocessor runs its own
    /// chunk of the grid on its own threads), so each group sees all the others arrive. With one group more than
    /// multiprocessors some group runs only after another finished: a spin barrier would deadlock there, which is
    /// why the planner never launches more groups than multiprocessors. The probe spins a bounded number of times,
    /// so it reports instead of hanging.
    /// </summary>
    [Theory]
    [InlineData(TestDevices.CpuSim4)]
    [InlineData(TestDevices.CpuSim)]
    [InlineData("cpu")]
    public void CpuAccelerator_RunsUpToOneGroupPerMultiprocessorConcurrently(string deviceName)
    {
        var device = TestDevices.Get(deviceName);
        var accel = device.Accelerator;
        int mps = accel.NumMultiprocessors;
        var probe = accel.LoadStreamKernel<ArrayView<int>, ArrayView<int>, int>(CoResidencyProbe);
        using var counter = accel.Allocate1D<int>(1);
        using var seen = accel.Allocate1D<int>(mps + 1);
        int groupSize = Math.Min(device.MaxGroupSize, 64);

        int[] Launch(int groups)
        {
            counter.MemSetToZero();
            seen.MemSetToZero();
            probe(new KernelConfig(new Index1D(groups), new Index1D(groupSize)), counter.View, seen.View, groups);
            accel.Synchronize();
            return seen.GetAsArray1D().Take(groups).ToArray();
        }

        Assert.All(Launch(mps), s => Assert.Equal(mps, s));
        var over = Launch(mps + 1);
        Assert.Contains(over, s => s < mps + 1);
    }

    /// <summary>Group's first thread: arrive, then spin (bounded) until all <paramref name="groups"/> arrived; record how many it saw.</summary>
    static void CoResidencyProbe(ArrayView<int> counter, ArrayView<int> seen, int groups)
    {
        if (Group.IdxX == 0)
        {
            Atomic.Add(ref counter[0], 1);
            int now = Atomic.Add(ref counter[0], 0);
            for (int i = 0; i < 50_000_000 && now < groups; i++)
                now = Atomic.Add(ref counter[0], 0);
            seen[Grid.IdxX] = now;
        }
        Group.Barrier();
    }

    [Fact]
    public void Plan_AutoPicksPersistentOnCudaForSmallBatchesThatFit()
    {
        var h100 = new DeviceLimits(AcceleratorKind.Cuda, 132, 1024, 32, 48 * 1024);
        var lstm512 = PersistentRecurrence.Plan(RecurrenceAlgorithm.Auto, h100, RnnMode.Lstm, 16, 512, 25);
        Assert.True(lstm512.Persistent, lstm512.Reason);
        Assert.Contains("auto", lstm512.Reason);
        Assert.Equal(4, lstm512.Units);
        Assert.Equal(128, lstm512.Groups);                 // ceil(512 / 4); never more than the 132 multiprocessors
        Assert.True(lstm512.SharedBytes <= 48 * 1024);
        Assert.True(lstm512.Tile < 512 && lstm512.Tile >= PersistentRecurrence.MinTile, $"tile {lstm512.Tile}");
        Assert.Equal(256, lstm512.GroupSize);
        Assert.True(PersistentRecurrence.Plan(RecurrenceAlgorithm.Auto, h100, RnnMode.Gru, 4, 512, 25).Persistent);
        Assert.True(PersistentRecurrence.Plan(RecurrenceAlgorithm.Auto, h100, RnnMode.RnnTanh, 1, 1024, 25).Persistent);

        // Batch above the threshold: per step (auto), persistent only when forced.
        var big = PersistentRecurrence.Plan(RecurrenceAlgorithm.Auto, h100, RnnMode.Lstm, 17, 512, 25);
        Assert.False(big.Persistent);
        Assert.Contains("batch 17 > 16", big.Reason);
        Assert.True(PersistentRecurrence.Plan(RecurrenceAlgorithm.Persistent, h100, RnnMode.Lstm, 17, 512, 25).Persistent);

        // H = 1024 LSTM: 8 units x 4 gates x 1024 x 4 bytes = 128 KiB per group, over 48 KiB: falls back, even forced.
        foreach (var m in new[] { RecurrenceAlgorithm.Auto, RecurrenceAlgorithm.Persistent })
        {
            var wide = PersistentRecurrence.Plan(m, h100, RnnMode.Lstm, 8, 1024, 25);
            Assert.False(wide.Persistent);
            Assert.Contains("does not fit", wide.Reason);
            Assert.Contains("128 KiB", wide.Reason);
        }
        Assert.False(PersistentRecurrence.Plan(RecurrenceAlgorithm.FusedStep, h100, RnnMode.Lstm, 4, 512, 25).Persistent);
    }

    [Fact]
    public void Plan_AutomaticOnTheCpuAcceleratorAtEveryBatch_NeverOnOpenClEvenForced()
    {
        var cpu = new DeviceLimits(AcceleratorKind.Cpu, 2, 2, 2, int.MaxValue);
        foreach (int b in new[] { 1, 4, 64, 1000 })
        {
            var auto = CpuRecurrence.Plan(RecurrenceAlgorithm.Auto, cpu, RnnMode.Lstm, b, 64, 10);
            Assert.True(auto.Persistent, auto.Reason);
            Assert.Contains("CPU accelerator", auto.Reason);
            Assert.Equal(2, auto.Groups); // one thread per worker
            Assert.Equal(1, auto.GroupSize);
        }
        var forced = CpuRecurrence.Plan(RecurrenceAlgorithm.Persistent, cpu, RnnMode.Lstm, 4, 64, 10);
        Assert.True(forced.Persistent, forced.Reason);
        Assert.Equal(2, forced.Groups);
        Assert.False(CpuRecurrence.Plan(RecurrenceAlgorithm.FusedStep, cpu, RnnMode.Lstm, 4, 64, 10).Persistent);

        var pocl = new DeviceLimits(AcceleratorKind.OpenCL, 2, 4096, 8, 64 * 1024);
        var gpuCl = new DeviceLimits(AcceleratorKind.OpenCL, 60, 256, 64, 64 * 1024);
        foreach (var d in new[] { pocl, gpuCl })
            foreach (var m in new[] { RecurrenceAlgorithm.Auto, RecurrenceAlgorithm.Persistent })
            {
                var p = PersistentRecurrence.Plan(m, d, RnnMode.Gru, 4, 64, 10);
                Assert.False(p.Persistent);
                Assert.Contains("forward-progress", p.Reason);
            }
    }

    /// <summary>On the devices of this run: the CPU accelerator (plain or simulating) and CUDA choose it by themselves, OpenCL never;
    /// OpenCL refuses it even when forced, and the layer still computes the right result per step.</summary>
    [Theory]
    [MemberData(nameof(TestDevices.Real), MemberType = typeof(TestDevices))]
    public void AutoSelection_OnTheDevicesOfThisRun(string deviceName)
    {
        var device = TestDevices.Get(deviceName);
        var rng = new Random(9);
        using var layer = new RecurrentLayer(device, new RnnOptions(RnnMode.Lstm, 3, 8, Seed: 1));
        using var x = DeviceTensor.FromHost(device, Numerics.Uniform(rng, 4 * 2 * 3), 4, 2, 3);
        using (layer.Forward(x)) { }
        Assert.Equal(device.Kind != AcceleratorKind.OpenCL, layer.LastPlan!.Persistent);
        if (device.Kind == AcceleratorKind.OpenCL)
        {
            layer.Algorithm = RecurrenceAlgorithm.Persistent;
            using (layer.Forward(x)) { }
            Assert.False(layer.LastPlan!.Persistent);
            Assert.Contains("OpenCL", layer.LastPlan.Reason);
        }
    }

    /// <summary>The kernel compiles for CUDA (sm_90) without a GPU: ILGPU's PTX backend accepts it, and the grid
    /// barrier is what it should be in PTX: device-level fences (membar.gl), an atomic arrival and atomic reads in
    /// the spin loop (a plain load could be hoisted out of it), dynamic shared memory, group barriers.</summary>
    [Fact]
    public void PersistentKernel_CompilesToPtx_WithAtomicSpinAndDeviceFences()
    {
        using var context = Context.Create(b => b.Optimize(OptimizationLevel.O2).EnableAlgorithms());
        using var backend = new PTXBackend(context, new CudaCapabilityContext(CudaArchitecture.SM_90), CudaArchitecture.SM_90, CudaInstructionSet.ISA_80, null);
        var method = typeof(RnnKernels).GetMethod(nameof(RnnKernels.PersistentForward))!;
        var entry = EntryPointDescription.FromExplicitlyGroupedKernel(method);
        var compiled = (PTXCompiledKernel)backend.Compile(entry, KernelSpecialization.Empty);
        string ptx = compiled.PTXAssembly;
        Assert.Contains("membar.gl", ptx);
        Assert.Contains("bar.sync", ptx);
        Assert.Contains(".extern .shared", ptx);
        var lines = ptx.Split('\n').Select(l => l.Trim()).ToArray();
        // The arrival: an atomic add of 1 (ILGPU emits red.add when the old value is unused).
        Assert.Contains(lines, l => (l.StartsWith("red.add.global", StringComparison.Ordinal) || l.StartsWith("atom.add.global", StringComparison.Ordinal))
            && l.EndsWith(", 1;", StringComparison.Ordinal));
        // The spin: an atomic read (add 0) right after a label, and a branch back to that label within a few lines.
        int spin = Array.FindIndex(lines, l => l.StartsWith("atom.add.global", StringComparison.Ordinal) && l.EndsWith(", 0;", StringComparison.Ordinal));
        Assert.True(spin > 0, "no atomic read in the PTX");
        string label = lines[spin - 1].TrimEnd(':');
        Assert.StartsWith("L_", label);
        Assert.Contains(lines.Skip(spin + 1).Take(6), l => l.Contains("bra", StringComparison.Ordinal) && l.EndsWith(label + ";", StringComparison.Ordinal));
        // Device-level fences right before the arrival and after the spin.
        int arrival = Array.FindLastIndex(lines, spin, l => l.EndsWith(", 1;", StringComparison.Ordinal) && l.Contains(".add.global", StringComparison.Ordinal));
        Assert.Contains("membar.gl", lines.Take(arrival).Reverse().Take(4).FirstOrDefault(l => l.StartsWith("membar", StringComparison.Ordinal)) ?? "");
        Assert.Contains("membar.gl", lines.Skip(spin + 1).Take(10).FirstOrDefault(l => l.StartsWith("membar", StringComparison.Ordinal)) ?? "");
    }

    /// <summary>Runs <paramref name="f"/> with a deadline, so a barrier that never opens fails the test instead of hanging it.</summary>
    static T WithDeadline<T>(Func<T> f, string what)
    {
        var task = Task.Run(f);
        if (!task.Wait(TimeSpan.FromMinutes(2)))
            Assert.Fail($"{what}: the persistent forward did not finish in 2 minutes (grid barrier deadlock?)");
        return task.Result;
    }
}
