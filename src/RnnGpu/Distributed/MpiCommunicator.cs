using System.Globalization;
using System.Runtime.InteropServices;

namespace RnnGpu.Distributed;

/// <summary>Where this process sits in an Open MPI job, from the variables <c>mpirun</c> sets
/// (<c>OMPI_COMM_WORLD_RANK</c>, <c>_SIZE</c>, <c>_LOCAL_RANK</c>, <c>_LOCAL_SIZE</c>).</summary>
/// <param name="Rank">Rank in the job.</param>
/// <param name="Size">Ranks in the job.</param>
/// <param name="LocalRank">Rank among the job's processes on this machine (picks the local GPU).</param>
/// <param name="LocalSize">The job's processes on this machine.</param>
public sealed record MpiLaunch(int Rank, int Size, int LocalRank, int LocalSize)
{
    /// <summary>The launch this process was started by, or null when <c>mpirun</c> did not start it.</summary>
    /// <exception cref="InvalidOperationException">A variable is set but is not a number.</exception>
    public static MpiLaunch? FromEnvironment()
    {
        string? size = Environment.GetEnvironmentVariable("OMPI_COMM_WORLD_SIZE");
        if (string.IsNullOrEmpty(size))
            return null;
        int Read(string name, string? value, int fallback)
        {
            if (string.IsNullOrEmpty(value))
                return fallback;
            return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? v
                : throw new InvalidOperationException($"{name}={value} is not a non-negative integer.");
        }
        int n = Read("OMPI_COMM_WORLD_SIZE", size, 1);
        int rank = Read("OMPI_COMM_WORLD_RANK", Environment.GetEnvironmentVariable("OMPI_COMM_WORLD_RANK"), 0);
        int local = Read("OMPI_COMM_WORLD_LOCAL_RANK", Environment.GetEnvironmentVariable("OMPI_COMM_WORLD_LOCAL_RANK"), rank);
        int localSize = Read("OMPI_COMM_WORLD_LOCAL_SIZE", Environment.GetEnvironmentVariable("OMPI_COMM_WORLD_LOCAL_SIZE"), n);
        return new MpiLaunch(rank, n, local, localSize);
    }
}

/// <summary>
/// <see cref="ICommunicator"/> over MPI_COMM_WORLD of Open MPI, through a thin binding of libmpi's C API (Open MPI 4 or 5,
/// <c>libmpi.so.40</c>; <c>RNNGPU_LIBMPI</c> names another file). The library is loaded only by <see cref="Initialize"/>,
/// so a process that never asks for MPI runs without it. Open MPI's handles are addresses of exported symbols
/// (<c>ompi_mpi_comm_world</c>, <c>ompi_mpi_float</c>, <c>ompi_mpi_byte</c>). The sum is deterministic and the same as
/// <see cref="LocalGroup"/>'s: MPI_Alltoall hands each rank its chunk from every rank, the owner adds the chunks in rank
/// order, MPI_Allgather returns the sums; MPI's own reduction operators are not used, so neither its algorithm choice nor
/// the timing changes a bit. Call MPI from the thread that called <see cref="Initialize"/> only (MPI_THREAD_SINGLE).
/// </summary>
public sealed unsafe class MpiCommunicator : ICommunicator
{
    /// <summary>Environment variable naming the libmpi file to load instead of <c>libmpi.so.40</c>.</summary>
    public const string LibraryVariable = "RNNGPU_LIBMPI";

    static MpiCommunicator? world;

    readonly nint comm, mpiByte, mpiFloat;
    readonly delegate* unmanaged<int> finalize;
    readonly delegate* unmanaged<void*, int, nint, int, nint, int> bcast;
    readonly delegate* unmanaged<void*, int, nint, void*, int, nint, nint, int> alltoall, allgather;
    readonly delegate* unmanaged<nint, int, int> abort;
    bool finalized;

    MpiCommunicator(nint lib)
    {
        nint Export(string name) => NativeLibrary.TryGetExport(lib, name, out var p) ? p
            : throw new InvalidOperationException($"{LibraryName()} has no symbol {name}: not Open MPI 4 or later.");
        var init = (delegate* unmanaged<int*, nint*, int>)Export("MPI_Init");
        var initialized = (delegate* unmanaged<int*, int>)Export("MPI_Initialized");
        var commRank = (delegate* unmanaged<nint, int*, int>)Export("MPI_Comm_rank");
        var commSize = (delegate* unmanaged<nint, int*, int>)Export("MPI_Comm_size");
        finalize = (delegate* unmanaged<int>)Export("MPI_Finalize");
        bcast = (delegate* unmanaged<void*, int, nint, int, nint, int>)Export("MPI_Bcast");
        alltoall = (delegate* unmanaged<void*, int, nint, void*, int, nint, nint, int>)Export("MPI_Alltoall");
        allgather = (delegate* unmanaged<void*, int, nint, void*, int, nint, nint, int>)Export("MPI_Allgather");
        abort = (delegate* unmanaged<nint, int, int>)Export("MPI_Abort");
        comm = Export("ompi_mpi_comm_world");
        mpiByte = Export("ompi_mpi_byte");
        mpiFloat = Export("ompi_mpi_float");

        int flag = 0;
        Check(initialized(&flag), "MPI_Initialized");
        if (flag == 0)
            Check(init(null, null), "MPI_Init");
        int rank = 0, size = 0;
        Check(commRank(comm, &rank), "MPI_Comm_rank");
        Check(commSize(comm, &size), "MPI_Comm_size");
        Rank = rank;
        Size = size;
    }

    /// <inheritdoc />
    public int Rank { get; }

    /// <inheritdoc />
    public int Size { get; }

    /// <inheritdoc />
    public CommunicationCounters Counters { get; } = new();

    /// <summary>Loads libmpi and initialises MPI once per process (MPI_Init); later calls return the same communicator.</summary>
    /// <exception cref="MpiUnavailableException">libmpi is not installed or not Open MPI; the message says what to install.</exception>
    public static MpiCommunicator Initialize()
    {
        if (world is { finalized: false })
            return world;
        if (world is not null)
            throw new InvalidOperationException("MPI was finalized in this process; it cannot be initialised again.");
        string? forced = Environment.GetEnvironmentVariable(LibraryVariable);
        var names = string.IsNullOrEmpty(forced) ? new[] { "libmpi.so.40", "libmpi.so" } : new[] { forced };
        nint lib = 0;
        foreach (var name in names)
            if (NativeLibrary.TryLoad(name, out lib))
                break;
        if (lib == 0)
            throw new MpiUnavailableException(string.IsNullOrEmpty(forced)
                ? "Open MPI's libmpi.so.40 was not found: install Open MPI (Debian/Ubuntu: apt-get install openmpi-bin libopenmpi-dev) " +
                  $"or name the library in {LibraryVariable}."
                : $"{LibraryVariable}={forced} could not be loaded.");
        try
        {
            return world = new MpiCommunicator(lib);
        }
        catch (InvalidOperationException e)
        {
            throw new MpiUnavailableException(e.Message);
        }
    }

    static string LibraryName() => Environment.GetEnvironmentVariable(LibraryVariable) is { Length: > 0 } f ? f : "libmpi";

    static void Check(int rc, string what)
    {
        // MPI_ERRORS_ARE_FATAL is the default: a failing call normally aborts the job before it returns.
        if (rc != 0)
            throw new InvalidOperationException($"{what} failed with MPI error {rc}.");
    }

    void ThrowIfFinalized() => ObjectDisposedException.ThrowIf(finalized, this);

    /// <inheritdoc />
    public void SumInRankOrder(float[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        ThrowIfFinalized();
        if (Size == 1)
            return;
        long chunkLong = CommunicationCounters.ChunkLength(data.Length, Size);
        if (chunkLong * Size > int.MaxValue)
            throw new ArgumentException($"SumInRankOrder of {data.Length} floats over {Size} ranks exceeds MPI's int counts.", nameof(data));
        int chunk = (int)chunkLong, padded = chunk * Size;
        var send = new float[padded];
        data.AsSpan().CopyTo(send);
        var mine = new float[padded]; // chunk `Rank` of every rank, in rank order
        var sums = new float[chunk];
        var all = new float[padded];
        fixed (float* s = send, m = mine, u = sums, a = all)
        {
            Check(alltoall(s, chunk, mpiFloat, m, chunk, mpiFloat, comm), "MPI_Alltoall");
            for (int i = 0; i < chunk; i++)
            {
                float v = m[i];
                for (int r = 1; r < Size; r++)
                    v += m[(long)r * chunk + i];
                u[i] = v;
            }
            Check(allgather(u, chunk, mpiFloat, a, chunk, mpiFloat, comm), "MPI_Allgather");
        }
        all.AsSpan(0, data.Length).CopyTo(data);
        long bytes = CommunicationCounters.SumBytesPerReplica(data.Length, Size);
        Counters.AddReduce(bytes, bytes);
    }

    /// <inheritdoc />
    public void Broadcast(byte[] data, int root)
    {
        ArgumentNullException.ThrowIfNull(data);
        ThrowIfFinalized();
        if (root < 0 || root >= Size)
            throw new ArgumentOutOfRangeException(nameof(root), $"root {root} is not a rank of a job of {Size}.");
        if (Size == 1 || data.Length == 0)
            return;
        fixed (byte* p = data)
            Check(bcast(p, data.Length, mpiByte, root, comm), "MPI_Bcast");
        Counters.AddBroadcast(Rank == root ? (long)data.Length * (Size - 1) : 0, Rank == root ? 0 : data.Length);
    }

    /// <summary>Ends the whole job (MPI_Abort on MPI_COMM_WORLD): every rank exits, mpirun returns <paramref name="code"/>.
    /// Does not return.</summary>
    /// <param name="code">Exit code of the job.</param>
    public void Abort(int code)
    {
        Console.Out.Flush();
        Console.Error.Flush();
        abort(comm, code);
        Environment.Exit(code); // MPI_Abort does not return; in case it does
    }

    /// <summary>MPI_Finalize (once); the process must not use MPI afterwards.</summary>
    public void Dispose()
    {
        if (finalized)
            return;
        finalized = true;
        finalize();
    }
}

/// <summary>MPI was asked for but is not there: the message says what to install or set.</summary>
/// <param name="message">What is missing.</param>
public sealed class MpiUnavailableException(string message) : Exception(message);
