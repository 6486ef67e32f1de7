using RnnGpu.Kernels;

namespace RnnGpu;

/// <summary>
/// Attention of queries (Tq, B, Nq) over keys (Tk, B, Nk) masked past each sequence's key length, the keys also being the
/// values (as GNMT v2, whose queries are the decoder's attention LSTM outputs and keys the encoder's outputs): scores
/// (<see cref="AttentionScore"/>), a softmax over the key positions, and the context, the weighted sum of the keys. All
/// decoder steps at once in training, one step at a time when decoding (<see cref="Memory"/>). Additive scores never store
/// their (Tq, Tk, B, N) tanh tensor: the kernels compute it per pair and the backward recomputes it. Parameter names are
/// NVIDIA's GNMT v2 (<c>BahdanauAttention</c>) and OpenNMT's (<c>linear_in</c>), initialised U(-0.1, 0.1) from the seed,
/// normalize_scalar = 1/sqrt(N), normalize_bias = 0.
/// </summary>
public sealed class Attention : IModule
{
    readonly Parameter? linearQ, linearK, linearAtt, normalizeScalar, normalizeBias;
    readonly DeviceTensor dummy, zeroBias;
    AttentionMemory? ownMemory; // the memory the last training forward made for itself
    AttentionMemory? savedMemory;
    DeviceTensor? savedQueries, savedPq, savedWeights, savedVEff;
    bool backwardDone = true;

    /// <summary>Creates the attention.</summary>
    /// <param name="device">Device.</param>
    /// <param name="queryFeatures">Query width Nq.</param>
    /// <param name="keyFeatures">Key (and value) width Nk.</param>
    /// <param name="units">Additive scores: the units N of W_q and W_k; ignored otherwise (N = Nk).</param>
    /// <param name="score">The score.</param>
    /// <param name="seed">Initialisation seed.</param>
    public Attention(ComputeDevice device, int queryFeatures, int keyFeatures, int units, AttentionScore score = AttentionScore.NormalizedBahdanau,
        ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (queryFeatures <= 0 || keyFeatures <= 0)
            throw new ArgumentException($"queryFeatures ({queryFeatures}) and keyFeatures ({keyFeatures}) must be positive.", nameof(queryFeatures));
        bool additive = score is AttentionScore.NormalizedBahdanau or AttentionScore.Bahdanau;
        if (additive && units <= 0)
            throw new ArgumentException($"units must be positive for a {score} score, got {units}.", nameof(units));
        if (score == AttentionScore.Dot && queryFeatures != keyFeatures)
            throw new ArgumentException($"A Dot score needs queries and keys of one width, got queryFeatures = {queryFeatures} and keyFeatures = {keyFeatures}; use General.", nameof(keyFeatures));
        if (!Enum.IsDefined(score))
            throw new ArgumentException($"score {(int)score} is not an AttentionScore.", nameof(score));
        Device = device;
        Score = score;
        QueryFeatures = queryFeatures;
        KeyFeatures = keyFeatures;
        Units = additive ? units : keyFeatures;
        var rng = Init.Rng(seed);
        var named = new List<NamedParameter>();
        Parameter P(string name, float[] value, params int[] shape)
        {
            var p = new Parameter(name, DeviceTensor.FromHost(device, value, shape), DeviceTensor.Zeros(device, shape));
            named.Add(new NamedParameter(name, p));
            return p;
        }
        if (additive)
        {
            // state_dict order: the module's own parameters, then its linear layers'
            linearAtt = P("linear_att", Init.Uniform(rng, Units, 0.1f), Units);
            if (score == AttentionScore.NormalizedBahdanau)
            {
                normalizeScalar = P("normalize_scalar", new[] { 1f / MathF.Sqrt(Units) }, 1);
                normalizeBias = P("normalize_bias", new float[Units], Units);
            }
            linearQ = P("linear_q.weight", Init.Uniform(rng, (long)Units * queryFeatures, 0.1f), Units, queryFeatures);
            linearK = P("linear_k.weight", Init.Uniform(rng, (long)Units * keyFeatures, 0.1f), Units, keyFeatures);
        }
        else if (score == AttentionScore.General)
            linearQ = P("linear_in.weight", Init.Uniform(rng, (long)keyFeatures * queryFeatures, 0.1f), keyFeatures, queryFeatures);
        NamedParameters = named;
        dummy = DeviceTensor.Zeros(device, 1);
        zeroBias = DeviceTensor.Zeros(device, Units);
    }

    /// <summary>Device.</summary>
    public ComputeDevice Device { get; }

    /// <summary>The score.</summary>
    public AttentionScore Score { get; }

    /// <summary>Query width Nq.</summary>
    public int QueryFeatures { get; }

    /// <summary>Key and value width Nk.</summary>
    public int KeyFeatures { get; }

    /// <summary>Scored width N: the units of an additive score, else Nk.</summary>
    public int Units { get; }

    /// <inheritdoc />
    public IReadOnlyList<NamedParameter> NamedParameters { get; }

    /// <summary>Runs the GPU-shaped kernels even on the CPU accelerator (tests of those kernels without a GPU).</summary>
    internal bool Portable { get; set; }

    bool Additive => Score is AttentionScore.NormalizedBahdanau or AttentionScore.Bahdanau;

    AttentionScoreKind Kind => Additive ? AttentionScoreKind.Additive : AttentionScoreKind.Dot;

    /// <summary>Prepares keys (Tk, B, Nk) with per-sequence key lengths (B values in 1..Tk; null for all Tk) for
    /// <see cref="Forward(DeviceTensor, AttentionMemory, bool)"/>: copies them, projects them by W_k (additive scores) and lays
    /// them out for the device's kernels. Later parameter updates are not seen by a memory made before them.</summary>
    /// <param name="keys">(Tk, B, Nk).</param>
    /// <param name="lengths">Key lengths, or null.</param>
    /// <returns>The memory, owned by the caller.</returns>
    public AttentionMemory Memory(DeviceTensor keys, IReadOnlyList<int>? lengths = null)
    {
        using var hold = Device.Hold();
        ArgumentNullException.ThrowIfNull(keys);
        Shapes.RequireSameDevice(keys, dummy);
        if (keys.Rank != 3 || keys.Shape[2] != KeyFeatures || keys.Shape[0] < 1 || keys.Shape[1] < 1)
            throw new ArgumentException($"keys has shape {keys.ShapeText}, expected (Tk, B, {KeyFeatures}).", nameof(keys));
        int tk = keys.Shape[0], b = keys.Shape[1];
        var host = new int[b];
        if (lengths is null)
            Array.Fill(host, tk);
        else
        {
            if (lengths.Count != b)
                throw new ArgumentException($"lengths has {lengths.Count} values, expected one per sequence (B = {b}).", nameof(lengths));
            for (int i = 0; i < b; i++)
            {
                if (lengths[i] < 1 || lengths[i] > tk)
                    throw new ArgumentException($"lengths[{i}] = {lengths[i]} is outside [1, {tk}] (Tk = {tk} key positions).", nameof(lengths));
                host[i] = lengths[i];
            }
        }
        var values = DeviceTensor.Uninitialized(Device, tk, b, KeyFeatures);
        values.CopyFrom(keys);
        DeviceTensor scored = values;
        if (Additive)
        {
            scored = DeviceTensor.Uninitialized(Device, tk, b, Units);
            using var k2 = values.Reshape(tk * b, KeyFeatures);
            using var s2 = scored.Reshape(tk * b, Units);
            Blas.Gemm(k2, linearK!.Value, s2, transB: true);
        }
        DeviceTensor? scoredT = null, valuesT = null;
        if (Device.Kernels.AttentionNeedsTransposes(Portable))
        {
            scoredT = DeviceTensor.Uninitialized(Device, b, Units, tk);
            Device.Kernels.Transpose(scored.View, scoredT.View, tk, b * Units);
            valuesT = DeviceTensor.Uninitialized(Device, b, KeyFeatures, tk);
            Device.Kernels.Transpose(values.View, valuesT.View, tk, b * KeyFeatures);
        }
        return new AttentionMemory(this, values, scored, scoredT, valuesT, DeviceIndices.FromHost(Device, host, b), host);
    }

    /// <summary>Attention of queries (Tq, B, Nq) over keys (Tk, B, Nk) with per-sequence key lengths (null for all Tk). In
    /// training mode it keeps what <see cref="Backward"/> needs.</summary>
    /// <param name="queries">(Tq, B, Nq).</param>
    /// <param name="keys">(Tk, B, Nk), also the values.</param>
    /// <param name="lengths">Key lengths (B values in 1..Tk), or null.</param>
    /// <param name="training">Keep what backward needs.</param>
    /// <returns>Context (Tq, B, Nk) and weights (Tq, B, Tk).</returns>
    public AttentionResult Forward(DeviceTensor queries, DeviceTensor keys, IReadOnlyList<int>? lengths = null, bool training = false)
    {
        using var hold = Device.Hold();
        var memory = Memory(keys, lengths);
        try
        {
            var result = Forward(queries, memory, training);
            if (training)
            {
                ownMemory?.Dispose();
                ownMemory = memory.Detach();
                memory = null;
            }
            return result;
        }
        finally
        {
            memory?.Dispose();
        }
    }

    /// <summary>Attention of queries (Tq, B, Nq) over a prepared memory (decoding: Tq = 1 per step). In training mode it keeps
    /// what <see cref="Backward"/> needs, the memory included: it must not be disposed before that backward.</summary>
    /// <param name="queries">(Tq, B, Nq).</param>
    /// <param name="memory">Keys from <see cref="Memory"/> of this attention.</param>
    /// <param name="training">Keep what backward needs.</param>
    /// <returns>Context (Tq, B, Nk) and weights (Tq, B, Tk).</returns>
    public AttentionResult Forward(DeviceTensor queries, AttentionMemory memory, bool training = false)
    {
        using var hold = Device.Hold();
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(memory);
        if (!ReferenceEquals(memory.Owner, this))
            throw new ArgumentException("memory was prepared by another Attention (its keys were projected by that one's W_k).", nameof(memory));
        ObjectDisposedException.ThrowIf(memory.IsDisposed, memory);
        Shapes.RequireSameDevice(queries, dummy);
        int tk = memory.KeySteps, b = memory.Batch;
        if (queries.Rank != 3 || queries.Shape[1] != b || queries.Shape[2] != QueryFeatures || queries.Shape[0] < 1)
            throw new ArgumentException($"queries has shape {queries.ShapeText}, expected (Tq, {b}, {QueryFeatures}) for keys of B = {b}.", nameof(queries));
        int tq = queries.Shape[0];
        var a = new AttentionArgs(tq, tk, b, Units, KeyFeatures, Kind);
        DeviceTensor pq;
        if (linearQ is null)
        {
            pq = DeviceTensor.Uninitialized(Device, tq, b, QueryFeatures);
            pq.CopyFrom(queries);
        }
        else
        {
            pq = DeviceTensor.Uninitialized(Device, tq, b, Units);
            using var q2 = queries.Reshape(tq * b, QueryFeatures);
            using var p2 = pq.Reshape(tq * b, Units);
            Blas.Gemm(q2, linearQ.Value, p2, transB: true);
        }
        var vEff = VEffective();
        var context = DeviceTensor.Uninitialized(Device, tq, b, KeyFeatures);
        var weights = DeviceTensor.Uninitialized(Device, tq, b, tk);
        var v = Views(memory, pq, vEff);
        v.Weights = weights.View;
        v.Context = context.View;
        Device.Kernels.AttentionForward(v, a, Portable);
        ClearSaved();
        if (training)
        {
            // kept past the caller's scope, until the backward
            savedQueries = DeviceTensor.Persistent(Device, tq, b, QueryFeatures);
            savedQueries.CopyFrom(queries);
            savedPq = pq.DetachFromDisposeScope();
            savedWeights = DeviceTensor.Persistent(Device, tq, b, tk);
            savedWeights.CopyFrom(weights);
            savedVEff = vEff?.DetachFromDisposeScope();
            savedMemory = memory;
            backwardDone = false;
        }
        else
        {
            pq.Dispose();
            vEff?.Dispose();
        }
        return new AttentionResult(context, weights);
    }

    /// <summary>Backpropagates dL/dcontext (Tq, B, Nk) of the last training-mode forward: parameter gradients accumulate (+=);
    /// returns dL/dqueries (Tq, B, Nq) and dL/dkeys (Tk, B, Nk), owned by the caller.</summary>
    /// <param name="dContext">(Tq, B, Nk).</param>
    /// <exception cref="InvalidOperationException">No training-mode forward to differentiate, or its memory was disposed.</exception>
    public (DeviceTensor DQueries, DeviceTensor DKeys) Backward(DeviceTensor dContext)
    {
        using var hold = Device.Hold();
        ArgumentNullException.ThrowIfNull(dContext);
        if (backwardDone || savedMemory is null || savedPq is null || savedWeights is null || savedQueries is null)
            throw new InvalidOperationException(BackwardRule.NoTrainingForward("Attention"));
        if (savedMemory.IsDisposed)
            throw new InvalidOperationException("Attention.Backward: the AttentionMemory of the training forward was disposed before its backward.");
        Shapes.RequireSameDevice(dContext, dummy);
        int tq = savedQueries.Shape[0], b = savedQueries.Shape[1], tk = savedMemory.KeySteps;
        Shapes.RequireShape(dContext, new[] { tq, b, KeyFeatures }, nameof(dContext));
        var a = new AttentionArgs(tq, tk, b, Units, KeyFeatures, Kind);
        using var scope = DeviceTensor.NewDisposeScope();
        var dscore = DeviceTensor.Uninitialized(Device, tq, b, tk);
        var dpq = DeviceTensor.Uninitialized(Device, tq * b, Units);
        var dvPart = Additive ? DeviceTensor.Uninitialized(Device, tq * b, Units) : null;
        var dsk = Additive ? DeviceTensor.Uninitialized(Device, tk * b, Units) : null;
        var dKeys = DeviceTensor.Uninitialized(Device, tk, b, KeyFeatures).MoveToOuterScope();
        var v = Views(savedMemory, savedPq, savedVEff);
        v.Weights = savedWeights.View;
        v.DContext = dContext.View;
        v.DScore = dscore.View;
        v.DPq = dpq.View;
        v.DvPart = (dvPart ?? dummy).View;
        v.DSk = (dsk ?? dummy).View;
        v.DValues = dKeys.View;
        Device.Kernels.AttentionBackward(v, a, Portable);
        using var q2 = savedQueries.Reshape(tq * b, QueryFeatures);
        var dQueries = DeviceTensor.Uninitialized(Device, tq, b, QueryFeatures).MoveToOuterScope();
        using (var dq2 = dQueries.Reshape(tq * b, QueryFeatures))
        {
            if (linearQ is null)
                dq2.CopyFrom(dpq);
            else
            {
                Blas.Gemm(dpq, q2, linearQ.Grad, transA: true, beta: 1f);
                Blas.Gemm(dpq, linearQ.Value, dq2);
            }
        }
        if (Additive)
        {
            using var k2 = savedMemory.Values.Reshape(tk * b, KeyFeatures);
            Blas.Gemm(dsk!, k2, linearK!.Grad, transA: true, beta: 1f);
            using var dk2 = dKeys.Reshape(tk * b, KeyFeatures);
            Blas.Gemm(dsk!, linearK.Value, dk2, beta: 1f);
            if (normalizeBias is not null)
                Reductions.ColumnSum(dpq, normalizeBias.Grad, accumulate: true);
            var dvEff = DeviceTensor.Uninitialized(Device, Units);
            Reductions.ColumnSum(dvPart!, dvEff);
            Device.Kernels.AttentionScoreVectorBackward(linearAtt!.Value.View, (normalizeScalar?.Value ?? dummy).View, dvEff.View,
                linearAtt.Grad.View, (normalizeScalar?.Grad ?? dummy).View, Units, normalizeScalar is not null);
        }
        backwardDone = true;
        return (dQueries, dKeys);
    }

    /// <summary>v' on the device (additive scores), else null.</summary>
    DeviceTensor? VEffective()
    {
        if (!Additive)
            return null;
        var vEff = DeviceTensor.Uninitialized(Device, Units);
        Device.Kernels.AttentionScoreVector(linearAtt!.Value.View, (normalizeScalar?.Value ?? dummy).View, vEff.View, Units,
            normalizeScalar is not null);
        return vEff;
    }

    AttentionViews Views(AttentionMemory memory, DeviceTensor pq, DeviceTensor? vEff)
    {
        var d = dummy.View;
        return new AttentionViews
        {
            Pq = pq.View,
            Sk = memory.Scored.View,
            SkT = (memory.ScoredT ?? dummy).View,
            Values = memory.Values.View,
            ValuesT = (memory.ValuesT ?? dummy).View,
            VEff = (vEff ?? dummy).View,
            Bias = (normalizeBias?.Value ?? zeroBias).View,
            Lengths = memory.Lengths.View,
            Weights = d, Context = d, DContext = d, DScore = d, DPq = d, DvPart = d, DSk = d, DValues = d,
        };
    }

    void ClearSaved()
    {
        savedQueries?.Dispose();
        savedPq?.Dispose();
        savedWeights?.Dispose();
        savedVEff?.Dispose();
        savedQueries = savedPq = savedWeights = savedVEff = null;
        savedMemory = null;
        backwardDone = true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        ClearSaved();
        ownMemory?.Dispose();
        ownMemory = null;
        foreach (var p in NamedParameters)
        {
            p.Parameter.Value.Dispose();
            p.Parameter.Grad.Dispose();
        }
        dummy.Dispose();
        zeroBias.Dispose();
    }
}
