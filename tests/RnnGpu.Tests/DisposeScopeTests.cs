namespace RnnGpu.Tests;

/// <summary><see cref="DisposeScope"/>: what a scope frees, what it leaves, and <see cref="Trainer.Step"/> freeing its step.</summary>
public class DisposeScopeTests
{
    [Fact]
    public void Scope_FreesWhatWasCreatedInside_ButNotWhatWasMovedOutOrDetached()
    {
        var dev = TestDevices.Get("cpu");
        using var before = DeviceTensor.Zeros(dev, 3);
        DeviceTensor inner, view, moved, detached, early, survivor;
        using (var outer = DeviceTensor.NewDisposeScope())
        {
            using (var scope = DeviceTensor.NewDisposeScope())
            {
                Assert.Same(outer, scope.Outer);
                inner = DeviceTensor.Zeros(dev, 2, 2);
                view = inner.Reshape(4);
                moved = DeviceTensor.Zeros(dev, 4).MoveToOuterScope();
                detached = DeviceTensor.Zeros(dev, 5).DetachFromDisposeScope();
                early = DeviceTensor.Zeros(dev, 6);
                early.Dispose();
                Assert.Equal(2, scope.Count); // inner and its view
            }
            Assert.True(inner.IsDisposed);
            Assert.True(view.IsDisposed);
            Assert.False(moved.IsDisposed);
            Assert.False(detached.IsDisposed);
            Assert.False(before.IsDisposed);
            Assert.Equal(1, outer.Count);
            survivor = DeviceTensor.Zeros(dev, 1).MoveToOuterScope(); // no scope around outer: in none
        }
        Assert.True(moved.IsDisposed);
        Assert.False(detached.IsDisposed);
        Assert.False(survivor.IsDisposed);
        Assert.Equal(new float[5], detached.ToArray());
        detached.Dispose();
        survivor.Dispose();
        // The innermost scope is the outer one again: a tensor created now belongs to no scope.
        using var after = DeviceTensor.Zeros(dev, 2);
        using (DeviceTensor.NewDisposeScope()) { }
        Assert.False(after.IsDisposed);
    }

    [Fact]
    public void TrainerStep_FreesItsOutputGradientsAndLoss_KeepsTheInput()
    {
        var dev = TestDevices.Get("cpu");
        var rng = new Random(11);
        using var model = new Linear(dev, 5, 3, seed: 1);
        using var opt = new Sgd(model, new SgdOptions(0.1f));
        using var x = DeviceTensor.FromHost(dev, Numerics.Uniform(rng, 4 * 5), 4, 5);
        using var y = DeviceTensor.FromHost(dev, Numerics.Uniform(rng, 4 * 3), 4, 3);
        DeviceTensor? output = null, grad = null;
        LossValue? loss = null;
        float expected;
        using (var logits = model.Forward(x))
        using (var d = DeviceTensor.Uninitialized(dev, 4, 3))
        using (var l = Losses.Mse(logits, y, d))
            expected = l.Read();
        var r = Trainer.Step(model, x, (o, d) =>
        {
            (output, grad) = (o, d);
            return loss = Losses.Mse(o, y, d);
        }, opt);
        Assert.Equal(expected, r.Loss);
        Assert.Null(r.GradNorm);
        Assert.True(output!.IsDisposed);
        Assert.True(grad!.IsDisposed);
        Assert.True(loss!.Scalars.IsDisposed);
        Assert.False(x.IsDisposed);
        Assert.False(model.Weight.Value.IsDisposed);
        Assert.Equal(1, opt.StepCount);
    }
}

/// <summary>What a scope's end means for models built in it, and for tensors used after it.</summary>
public class DisposeScopeRulesTests
{
    [Fact]
    public void ModelsAndOptimizersCreatedInsideAScope_KeepWorkingAfterIt()
    {
        var dev = TestDevices.Get("cpu");
        Sequential model;
        Adam adam;
        using (DeviceTensor.NewDisposeScope())
        {
            model = new Sequential(new RecurrentLayer(dev, new RnnOptions(RnnMode.Lstm, 3, 4, Seed: 1)), new Linear(dev, 4, 2, seed: 2));
            adam = new Adam(model);
        }
        using (model)
        using (adam)
        using (var x = DeviceTensor.FromHost(dev, Numerics.Uniform(new Random(3), 5 * 2 * 3), 5, 2, 3))
        using (var y = DeviceTensor.FromHost(dev, Numerics.Uniform(new Random(4), 5 * 2 * 2), 5, 2, 2))
        {
            var r = Trainer.Step(model, x, (o, d) => Losses.Mse(o, y, d), adam);
            Assert.True(float.IsFinite(r.Loss));
        }
    }

    [Fact]
    public void TensorUsedAfterItsScope_SaysTheScopeEndedAndHowToKeepIt()
    {
        var dev = TestDevices.Get("cpu");
        DeviceTensor t;
        using (DeviceTensor.NewDisposeScope())
            t = DeviceTensor.Zeros(dev, 2, 3);
        var e = Assert.Throws<ObjectDisposedException>(() => t.ToArray());
        Assert.Contains("DisposeScope it was created in ended", e.Message);
        Assert.Contains("MoveToOuterScope()", e.Message);
        var u = DeviceTensor.Zeros(dev, 2);
        u.Dispose();
        Assert.Contains("it has been disposed", Assert.Throws<ObjectDisposedException>(() => u.ToArray()).Message);
    }
}
