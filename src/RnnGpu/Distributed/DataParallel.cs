namespace RnnGpu.Distributed;

/// <summary>
/// Data-parallel training over an <see cref="ICommunicator"/>: every replica holds the same model and optimizer, takes its
/// <see cref="Shard"/> of the same global batch, and <see cref="Step{TInput}"/> sums the gradients over the replicas (in rank
/// order) before clipping and the optimizer update, so every replica takes the same update and the parameters stay identical.
/// The loss must be each replica's share of the global mean: pass the global batch's count as the loss's <c>meanOver</c>
/// (e.g. <c>Losses.Mse(y, t, dy, meanOver: globalCount)</c>); then the summed gradient is the one-process gradient of the
/// global batch up to the order of additions.
/// </summary>
public static class DataParallel
{
    /// <summary>Rows [Start, Start + Count) of a global batch of <paramref name="globalBatch"/> that replica
    /// <paramref name="rank"/> of <paramref name="size"/> takes: contiguous, in rank order, sizes differing by at most one
    /// (the first globalBatch mod size replicas take one more).</summary>
    /// <param name="globalBatch">The global batch (at least <paramref name="size"/>).</param>
    /// <param name="rank">The replica.</param>
    /// <param name="size">Replicas.</param>
    /// <exception cref="ArgumentException">Fewer rows than replicas, or a rank outside the group.</exception>
    public static (int Start, int Count) Shard(int globalBatch, int rank, int size)
    {
        if (size < 1 || rank < 0 || rank >= size)
            throw new ArgumentException($"Replica {rank} is not in a group of {size}.", nameof(rank));
        if (globalBatch < size)
            throw new ArgumentException($"A global batch of {globalBatch} cannot be split over {size} replicas (each needs at least one row).", nameof(globalBatch));
        int q = globalBatch / size, extra = globalBatch % size;
        return (rank * q + Math.Min(rank, extra), q + (rank < extra ? 1 : 0));
    }

    /// <summary>Copies replica <paramref name="root"/>'s parameters, optimizer state and step count to every replica (the
    /// initial weights of a run, or a checkpoint only the root loaded).</summary>
    /// <param name="comm">The group.</param>
    /// <param name="module">The replica's module (same shapes everywhere).</param>
    /// <param name="optimizer">Its optimizer, or null.</param>
    /// <param name="root">The replica whose state is sent.</param>
    public static void Broadcast(ICommunicator comm, IModule module, Optimizer? optimizer = null, int root = 0)
    {
        ArgumentNullException.ThrowIfNull(comm);
        ArgumentNullException.ThrowIfNull(module);
        if (comm.Size == 1)
            return;
        var tensors = module.NamedParameters.Select(p => p.Parameter.Value)
            .Concat(optimizer?.State.Select(s => s.Tensor) ?? Enumerable.Empty<DeviceTensor>()).ToArray();
        var flat = new float[checked((int)tensors.Sum(t => t.Length))];
        if (comm.Rank == root)
            Pack(tensors, flat);
        comm.Broadcast(flat, root);
        if (comm.Rank != root)
            Unpack(flat, tensors); // CopyFromHost advances each Version: layers refresh their caches
        if (optimizer is not null)
            optimizer.StepCount = comm.Broadcast(optimizer.StepCount, root);
    }

    /// <summary>
    /// One data-parallel training step of this replica, as <see cref="Trainer.Step{TInput}(IModule{TInput}, TInput, LossFunction, Optimizer, float?, IReadOnlyList{int}?)"/>
    /// with the gradients summed between backward and clipping: zero the gradients; forward and backward of this replica's
    /// shard; the gradients and the loss of every replica summed in rank order (<see cref="ICommunicator.SumInRankOrder"/>, one
    /// buffer of all gradients and the loss); clip by the global norm of the summed gradient; one optimizer update. Every
    /// replica must call it with the same model shapes, optimizer and clip.
    /// </summary>
    /// <typeparam name="TInput">The model's input type.</typeparam>
    /// <param name="comm">The group.</param>
    /// <param name="model">This replica's model.</param>
    /// <param name="input">This replica's shard of the batch.</param>
    /// <param name="loss">The loss of the shard as its share of the global mean (<c>meanOver</c> = the global count).</param>
    /// <param name="optimizer">This replica's optimizer over the model.</param>
    /// <param name="clip">Largest global gradient norm, or null.</param>
    /// <param name="lengths">Per-sequence lengths of the shard, or null.</param>
    /// <returns>The global loss (the sum of the replicas' shares) and the global gradient norm before clipping.</returns>
    public static StepResult Step<TInput>(ICommunicator comm, IModule<TInput> model, TInput input, LossFunction loss, Optimizer optimizer,
        float? clip = null, IReadOnlyList<int>? lengths = null)
    {
        ArgumentNullException.ThrowIfNull(comm);
        return Trainer.StepWith(model, input, loss, optimizer, clip, lengths, (parameters, value) =>
        {
            var grads = parameters.Select(p => p.Grad).ToArray();
            long n = grads.Sum(g => g.Length);
            var flat = new float[checked((int)(n + 1))];
            Pack(grads, flat);
            flat[n] = value.Read();
            comm.SumInRankOrder(flat);
            Unpack(flat, grads);
            return flat[n];
        });
    }

    static void Pack(DeviceTensor[] tensors, float[] flat)
    {
        int o = 0;
        foreach (var t in tensors)
        {
            t.CopyToHost(flat.AsSpan(o, (int)t.Length));
            o += (int)t.Length;
        }
    }

    static void Unpack(float[] flat, DeviceTensor[] tensors)
    {
        int o = 0;
        foreach (var t in tensors)
        {
            t.CopyFromHost(flat.AsSpan(o, (int)t.Length));
            o += (int)t.Length;
        }
    }
}
