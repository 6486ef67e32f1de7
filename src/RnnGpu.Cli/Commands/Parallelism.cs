using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using RnnGpu.Cli.Training;
using RnnGpu.Distributed;

namespace RnnGpu.Cli.Commands;

/// <summary>
/// Data-parallel training for <c>train TASK</c> and <c>resume</c>: <c>--devices cpu,cpu</c> (a replica per device, one thread
/// each, in this process) or <c>--data-parallel</c> under <c>mpirun</c> (a replica per Open MPI rank, on its local device).
/// Replica 0 leads: it alone checks and writes the run folder (run.json, metrics.csv, checkpoints, plots), validates and
/// prints; it sends the run's task and settings, its start step and its weights and optimizer state to the others, and after
/// every step whether to stop. The followers train their shards and sum gradients with it (<see cref="DataParallel"/>).
/// A failure ends every replica: in-process the leader reports the first error (naming the replica); under MPI the failing
/// rank prints one line and calls MPI_Abort; the last checkpoint stays intact (written atomically).
/// </summary>
internal sealed class Parallelism
{
    enum Mode { Single, Local, Mpi }

    readonly Mode mode;
    readonly string?[] specs; // per local replica (Local), or the one spec (Single, Mpi)
    readonly MpiLaunch? launch;

    Parallelism(Mode mode, string?[] specs, MpiLaunch? launch)
    {
        this.mode = mode;
        this.specs = specs;
        this.launch = launch;
    }

    /// <summary>A new <c>--devices</c> option.</summary>
    public static Option<string?> DevicesOption() => new("--devices")
    {
        Description = "Data-parallel training in this process: a comma-separated list of accelerators (cpu,cpu or cuda:0,cuda:1), "
            + "a replica on each, the global batch split across them.",
    };

    /// <summary>A new <c>--data-parallel</c> option.</summary>
    public static Option<bool> DataParallelOption() => new("--data-parallel")
    {
        Description = "Data-parallel training over Open MPI ranks: run as mpirun -np N rnngpu ... --data-parallel; each rank trains on "
            + "its local device (--accelerator cuda takes the local rank as index), rank 0 writes the run folder.",
    };

    /// <summary>Checks the combination of <c>--accelerator</c>, <c>--devices</c> and <c>--data-parallel</c> and the MPI launch.</summary>
    public static Parallelism From(string? accelerator, string? devices, bool dataParallel)
    {
        MpiLaunch? launch;
        try
        {
            launch = MpiLaunch.FromEnvironment();
        }
        catch (InvalidOperationException e)
        {
            throw new CliException(e.Message);
        }
        if (devices is not null && dataParallel)
            throw new CliException("give either --devices (replicas in this process) or --data-parallel (one replica per MPI rank), not both.");
        if (devices is not null && accelerator is not null)
            throw new CliException("give either --accelerator (one device) or --devices (a replica on each listed device), not both.");
        if (!dataParallel && launch is { Size: > 1 })
            throw new CliException($"started by mpirun as one of {launch.Size} ranks but without --data-parallel: every rank would train "
                + "the whole run alone into the same folder; add --data-parallel.");
        if (dataParallel)
        {
            if (launch is null)
            {
                string lib = MpiAvailable(out string? why) ? "" : " " + why;
                throw new CliException("--data-parallel runs one replica per MPI rank, but this process was not started by mpirun "
                    + "(OMPI_COMM_WORLD_SIZE is not set): run mpirun -np N rnngpu train TASK --data-parallel, or use --devices for "
                    + $"replicas in one process.{lib}");
            }
            return new Parallelism(Mode.Mpi, new[] { RankDevice(accelerator, launch) }, launch);
        }
        if (devices is null)
            return new Parallelism(Mode.Single, new[] { accelerator }, null);
        var list = devices.Split(',', StringSplitOptions.TrimEntries);
        if (list.Any(s => s.Length == 0))
            throw new CliException($"--devices '{devices}' has an empty entry; expected a comma-separated list such as cpu,cpu or cuda:0,cuda:1.");
        var found = ComputeDevice.ListDevices();
        foreach (var s in list)
        {
            AcceleratorKind kind;
            int index;
            try
            {
                (kind, index) = ComputeDevice.ParseSpec(s);
            }
            catch (ArgumentException)
            {
                throw new CliException($"--devices: unknown accelerator '{s}': expected cpu, opencl or cuda, optionally with :index.");
            }
            if (!found.Any(d => d.Kind == kind && d.Index == index))
                throw new CliException($"--devices: accelerator {kind.ToString().ToLowerInvariant()}:{index} not found; found: "
                    + string.Join(", ", found.Select(d => $"{d.Spec} ({d.Name})")) + ".");
        }
        return new Parallelism(Mode.Local, list, null);
    }

    static bool MpiAvailable(out string? why)
    {
        why = null;
        string? forced = Environment.GetEnvironmentVariable(MpiCommunicator.LibraryVariable);
        foreach (var name in string.IsNullOrEmpty(forced) ? new[] { "libmpi.so.40", "libmpi.so" } : new[] { forced })
        {
            if (System.Runtime.InteropServices.NativeLibrary.TryLoad(name, out var h))
            {
                System.Runtime.InteropServices.NativeLibrary.Free(h);
                return true;
            }
        }
        why = "Open MPI is not installed either (libmpi.so.40 not found; Debian/Ubuntu: apt-get install openmpi-bin libopenmpi-dev).";
        return false;
    }

    /// <summary>The device of an MPI rank: <c>--accelerator</c> (or RNNGPU_ACCELERATOR, or the best kind found) with an explicit
    /// index as given; without one, a GPU kind takes the rank's local rank as index (one GPU per rank on each machine).</summary>
    static string? RankDevice(string? accelerator, MpiLaunch launch)
    {
        string? env = Environment.GetEnvironmentVariable(ComputeDevice.EnvironmentVariable);
        string? spec = accelerator ?? (string.IsNullOrWhiteSpace(env) ? null : env);
        var found = ComputeDevice.ListDevices();
        AcceleratorKind kind;
        if (spec is null)
        {
            var best = found.OrderBy(f => f.Kind switch
            {
                AcceleratorKind.Cuda => 0,
                AcceleratorKind.OpenCL => f.IsCpuDevice ? 2 : 1,
                _ => 3,
            }).FirstOrDefault() ?? throw new CliException("no accelerator found.");
            kind = best.Kind;
            if (kind == AcceleratorKind.Cpu || best.IsCpuDevice)
                return best.Spec;
        }
        else
        {
            try
            {
                (kind, _) = ComputeDevice.ParseSpec(spec);
            }
            catch (ArgumentException)
            {
                throw new CliException($"unknown accelerator '{spec}': expected cpu, opencl or cuda, optionally with :index.");
            }
            if (spec.Contains(':', StringComparison.Ordinal) || kind == AcceleratorKind.Cpu)
                return spec;
        }
        string name = kind.ToString().ToLowerInvariant();
        int count = found.Count(d => d.Kind == kind);
        if (launch.LocalRank >= count)
            throw new CliException($"rank {launch.Rank} is local rank {launch.LocalRank} on this machine and would take {name}:{launch.LocalRank}, "
                + $"but {count} {name} device(s) were found; start at most {count} ranks per machine, or name one device with --accelerator {name}:0.");
        return $"{name}:{launch.LocalRank}";
    }

    /// <summary>Replicas in the run (1 when alone).</summary>
    public int Replicas => mode switch { Mode.Local => specs.Length, Mode.Mpi => launch!.Size, _ => 1 };

    /// <summary>Runs the command: <paramref name="leader"/> on this thread as replica 0 (or alone); the other replicas follow it
    /// (in-process threads, or this process when it is an MPI rank other than 0).</summary>
    /// <param name="leader">The command's work as replica 0; it calls <see cref="Leader.Announce"/> and <see cref="Leader.Start"/>.</param>
    /// <param name="error">Where an MPI rank writes its one line before MPI_Abort.</param>
    public int Run(Func<Leader, int> leader, TextWriter error)
    {
        switch (mode)
        {
            case Mode.Single:
                return leader(new Leader(null, specs[0], 1));
            case Mode.Local:
                return RunLocal(leader);
            default:
                return RunMpi(leader, error);
        }
    }

    int RunLocal(Func<Leader, int> leader)
    {
        using var group = new LocalGroup(specs.Length);
        Exception? failure = null;
        int failed = -1;
        var threads = Enumerable.Range(1, specs.Length - 1).Select(r => new Thread(() =>
        {
            try
            {
                Follow(group[r], specs[r]);
            }
            catch (OperationCanceledException) when (group.IsCancelled)
            {
                // the leader or another replica failed; it reports
            }
            catch (Exception e)
            {
                if (Interlocked.CompareExchange(ref failure, e, null) is null)
                    failed = r;
                group.Cancel();
            }
        }) { IsBackground = true, Name = $"rnngpu replica {r}" }).ToArray();
        foreach (var t in threads)
            t.Start();
        int code;
        try
        {
            code = leader(new Leader(group[0], specs[0], specs.Length));
        }
        catch (Exception e)
        {
            group.Cancel();
            foreach (var t in threads)
                t.Join();
            // A follower that failed first left the leader cancelled in a collective: report the follower's error.
            if (failure is not null && e is OperationCanceledException)
                throw Named(failure, failed);
            throw;
        }
        foreach (var t in threads)
            t.Join();
        if (failure is not null)
            throw Named(failure, failed);
        return code;
    }

    Exception Named(Exception e, int replica)
    {
        string where = $"replica {replica} ({specs[replica]})";
        if (e is CliException c)
            return new CliException($"{where}: {c.Message}", c.ExitCode);
        var inner = e;
        while (inner.InnerException is not null)
            inner = inner.InnerException;
        return new CliException($"{where}: {CliApp.OneLine(inner.Message)}", e is ArgumentException ? CliApp.BadInput : CliApp.Failure);
    }

    int RunMpi(Func<Leader, int> leader, TextWriter error)
    {
        MpiCommunicator comm;
        try
        {
            comm = MpiCommunicator.Initialize();
        }
        catch (MpiUnavailableException e)
        {
            throw new CliException("--data-parallel: " + e.Message);
        }
        if (comm.Size != launch!.Size || comm.Rank != launch.Rank)
            throw new CliException($"MPI reports rank {comm.Rank} of {comm.Size}, but mpirun set rank {launch.Rank} of {launch.Size}.");
        int code;
        try
        {
            code = comm.Rank == 0 ? leader(new Leader(comm, specs[0], comm.Size)) : Follow(comm, specs[0]);
        }
        catch (Exception e)
        {
            // One line from the rank that failed, then the whole job ends; the last checkpoint is intact (atomic writes).
            int failure = CliApp.Report(e, error, verbose: false, prefix: $"rank {comm.Rank} of {comm.Size}: ");
            comm.Abort(failure);
            throw; // not reached
        }
        comm.Dispose(); // MPI_Finalize
        return code;
    }

    /// <summary>A replica other than 0: receives the run's task, settings, start step and state from the leader, then trains its
    /// shard of every step until the leader says stop or the run ends.</summary>
    static int Follow(ICommunicator comm, string? spec)
    {
        string json = comm.Broadcast((string?)null);
        if (json.Length == 0)
            return CliApp.Success; // the leader had nothing to train
        using var doc = JsonDocument.Parse(json);
        string taskName = doc.RootElement.GetProperty("task").GetString()!;
        var values = doc.RootElement.GetProperty("settings").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        var taskSpec = TrainCommand.Find(taskName);
        var settings = new TaskSettings(values, "the leader's settings");
        using var device = DeviceOption.Open(spec);
        using var task = taskSpec.Create(device, settings);
        task.Group = comm;
        int start = checked((int)comm.Broadcast(0L));
        foreach (var (module, optimizer) in task.Replicated)
            DataParallel.Broadcast(comm, module, optimizer);
        int killAfter = comm is MpiCommunicator ? KillAfter(comm.Rank) : 0;
        for (int step = start + 1; step <= task.Steps; step++)
        {
            task.Step(step);
            if (step == killAfter)
            {
                // Dies at once by SIGKILL, as `kill -9` would kill it: no handler, no flush, no MPI_Finalize.
                Console.Error.WriteLine($"rnngpu: rank {comm.Rank} of {comm.Size}: sending itself SIGKILL after step {step} ({KillVariable})");
                Console.Error.Flush();
                System.Diagnostics.Process.GetCurrentProcess().Kill();
            }
            if (task.AgreeToStop(false) && step < task.Steps)
                return TrainingRunner.StoppedExitCode;
        }
        return CliApp.Success;
    }

    /// <summary>Test hook: <c>RANK:STEP</c> makes that MPI rank (not 0) kill itself with SIGKILL after that step.</summary>
    internal const string KillVariable = "RNNGPU_TEST_KILL_RANK_AFTER";

    static int KillAfter(int rank)
    {
        var v = Environment.GetEnvironmentVariable(KillVariable)?.Split(':');
        return v is { Length: 2 } && int.TryParse(v[0], NumberStyles.None, CultureInfo.InvariantCulture, out int r) && r == rank
            && int.TryParse(v[1], NumberStyles.None, CultureInfo.InvariantCulture, out int s) ? s : 0;
    }

    /// <summary>What replica 0 (or a run alone) does besides training: tell the followers what to build, then start them.</summary>
    internal sealed class Leader(ICommunicator? comm, string? spec, int replicas)
    {
        /// <summary>The accelerator of this replica (null: the default).</summary>
        public string? DeviceSpec => spec;

        /// <summary>Opens this replica's device.</summary>
        public ComputeDevice OpenDevice() => DeviceOption.Open(spec);

        /// <summary>Once the run is checked: sends the task and its settings to the followers, which build their replicas.</summary>
        public void Announce(string task, TaskSettings settings)
        {
            if (comm is null)
                return;
            int batch = settings.Int("batch");
            if (batch < replicas)
                throw new CliException($"--batch {batch} cannot be split over {replicas} replicas; give a --batch of at least {replicas}.");
            var json = JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["task"] = task,
                ["settings"] = settings.Values,
            });
            comm.Broadcast(json);
        }

        /// <summary>Joins <paramref name="task"/> to the group and sends the start step and the weights and optimizer state of
        /// this replica to the followers; prints how the batch is split.</summary>
        public void Start(TrainingTask task, int startStep, TextWriter output)
        {
            if (comm is null)
                return;
            task.Group = comm;
            comm.Broadcast((long)startStep);
            foreach (var (module, optimizer) in task.Replicated)
                DataParallel.Broadcast(comm, module, optimizer);
            int batch = task.Settings.Int("batch");
            var shares = Enumerable.Range(0, replicas).Select(r => DataParallel.Shard(batch, r, replicas).Count);
            string how = comm is MpiCommunicator ? $"{replicas} MPI ranks" : $"{replicas} devices in this process ({DeviceSpec}, ...)";
            output.WriteLine(FormattableString.Invariant(
                $"data-parallel over {how}: each global batch of {batch} split {string.Join(" + ", shares)}, gradients summed in rank order"));
        }
    }
}
