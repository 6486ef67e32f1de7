using System.Globalization;

namespace RnnGpu.IO;

/// <summary>
/// Model (and optimizer) checkpoints as safetensors with PyTorch state_dict names. Optimizer state is stored as
/// <c>optimizer.&lt;param&gt;.&lt;state&gt;</c> tensors plus <c>optimizer.kind</c>, <c>optimizer.step</c> and
/// <c>optimizer.lr</c> in <c>__metadata__</c>. Loading validates the whole file (names, shapes, dtypes, sizes) before
/// anything is copied, so a refused file leaves the model and optimizer unchanged.
/// </summary>
public static class Checkpoint
{
    /// <summary>Writes the module's parameters (and the optimizer's state) atomically.</summary>
    /// <param name="path">Destination (replaced only once the new file is complete).</param>
    /// <param name="module">The module.</param>
    /// <param name="optimizer">Optional optimizer whose state is saved too.</param>
    /// <param name="metadata">Extra <c>__metadata__</c> entries.</param>
    public static void Save(string path, IModule module, Optimizer? optimizer = null, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        AtomicFile.Write(path, Writer(module, optimizer, metadata));
    }

    /// <summary>Saves several checkpoints into one folder as one commit (<see cref="AtomicFile.WriteGroup"/>): after a crash
    /// at any moment the folder holds either all the old files or all the new ones (once <see cref="AtomicFile.RecoverGroup"/>
    /// has run), never a mix of steps.</summary>
    /// <param name="dir">The folder.</param>
    /// <param name="files">File name (in <paramref name="dir"/>), module, optimizer and metadata of each checkpoint.</param>
    public static void SaveAll(string dir, IEnumerable<(string File, IModule Module, Optimizer? Optimizer, IReadOnlyDictionary<string, string>? Metadata)> files)
    {
        ArgumentNullException.ThrowIfNull(dir);
        ArgumentNullException.ThrowIfNull(files);
        AtomicFile.WriteGroup(dir, files.Select(f => (f.File, Writer(f.Module, f.Optimizer, f.Metadata))).ToList());
    }

    /// <summary>The content <see cref="Save"/> writes, as a stream writer (the device data is read now).</summary>
    static Action<Stream> Writer(IModule module, Optimizer? optimizer, IReadOnlyDictionary<string, string>? metadata)
    {
        ArgumentNullException.ThrowIfNull(module);
        var tensors = module.NamedParameters.Select(p => new HostTensor(p.Name, p.Parameter.Value.Shape.ToArray(), p.Parameter.Value.ToArray())).ToList();
        var meta = metadata is null ? new Dictionary<string, string>() : new Dictionary<string, string>(metadata);
        meta["format"] = "pt";
        if (optimizer is not null)
        {
            if (!ReferenceEquals(optimizer.Module, module))
                throw new ArgumentException("The optimizer belongs to another module.", nameof(optimizer));
            tensors.AddRange(optimizer.State.Select(s => new HostTensor(s.Name, s.Tensor.Shape.ToArray(), s.Tensor.ToArray())));
            meta["optimizer.kind"] = optimizer.Kind;
            meta["optimizer.step"] = optimizer.StepCount.ToString(CultureInfo.InvariantCulture);
            meta["optimizer.lr"] = optimizer.LearningRate.ToString("R", CultureInfo.InvariantCulture);
        }
        return Safetensors.Writer(tensors, meta);
    }

    /// <summary>Loads parameters (and optimizer state) saved by <see cref="Save"/> or by PyTorch (safetensors.torch.save_file
    /// of a state_dict). Every tensor is checked first; nothing is changed unless the whole file fits.</summary>
    /// <param name="path">The file.</param>
    /// <param name="module">The module receiving the parameters.</param>
    /// <param name="optimizer">Optional optimizer receiving its state; the file must hold state of the same kind.</param>
    /// <returns>The file's metadata.</returns>
    /// <exception cref="InvalidDataException">Corrupt or truncated file, wrong dtype, missing or unexpected tensor, wrong shape;
    /// the message names the tensor.</exception>
    public static IReadOnlyDictionary<string, string> Load(string path, IModule module, Optimizer? optimizer = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        var file = Safetensors.Read(path);
        string name = Path.GetFileName(path);
        var byName = file.Tensors.ToDictionary(t => t.Name);
        var expected = new List<(string Name, DeviceTensor Target)>();
        expected.AddRange(module.NamedParameters.Select(p => (p.Name, p.Parameter.Value)));
        long step = 0;
        float lr = 0f;
        if (optimizer is not null)
        {
            if (!file.Metadata.TryGetValue("optimizer.kind", out var kind))
                throw new InvalidDataException($"'{name}' holds no optimizer state (no optimizer.kind in __metadata__).");
            if (kind != optimizer.Kind)
                throw new InvalidDataException($"'{name}' holds {kind} optimizer state, but the optimizer is {optimizer.Kind}.");
            if (!file.Metadata.TryGetValue("optimizer.step", out var stepText) || !long.TryParse(stepText, NumberStyles.None, CultureInfo.InvariantCulture, out step))
                throw new InvalidDataException($"'{name}': optimizer.step in __metadata__ is missing or not a count.");
            if (!file.Metadata.TryGetValue("optimizer.lr", out var lrText) || !float.TryParse(lrText, NumberStyles.Float, CultureInfo.InvariantCulture, out lr))
                throw new InvalidDataException($"'{name}': optimizer.lr in __metadata__ is missing or not a number.");
            expected.AddRange(optimizer.State.Select(s => (s.Name, s.Tensor)));
        }
        var known = expected.Select(e => e.Name).ToHashSet();
        foreach (var (n, target) in expected)
        {
            if (!byName.TryGetValue(n, out var t))
                throw new InvalidDataException($"'{name}' has no tensor '{n}' (missing), expected shape {target.ShapeText}.");
            if (!t.Shape.SequenceEqual(target.Shape))
                throw new InvalidDataException($"'{name}': tensor '{n}' has shape {Shapes.Format(t.Shape)}, expected {target.ShapeText}.");
        }
        foreach (var t in file.Tensors)
        {
            if (known.Contains(t.Name))
                continue;
            if (optimizer is null && t.Name.StartsWith("optimizer.", StringComparison.Ordinal))
                continue; // optimizer state, not asked for
            throw new InvalidDataException($"'{name}' has an unexpected tensor '{t.Name}' {Shapes.Format(t.Shape)}.");
        }
        foreach (var (n, target) in expected)
            target.CopyFromHost(byName[n].Data);
        if (optimizer is not null)
        {
            optimizer.StepCount = step;
            optimizer.LearningRate = lr;
        }
        return file.Metadata;
    }
}
