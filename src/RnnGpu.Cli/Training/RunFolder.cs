using System.Globalization;
using System.Text;
using System.Text.Json;
using RnnGpu.IO;

namespace RnnGpu.Cli.Training;

/// <summary>
/// A run folder: run.json (task and settings), metrics.csv (one row per step), the task's checkpoints and plots.
/// A new run refuses a folder that already holds a run; nothing there is overwritten.
/// </summary>
internal sealed class RunFolder
{
    public const string RunFile = "run.json";
    public const string MetricsFile = "metrics.csv";

    /// <summary>The one line every task ends with, naming what the run folder holds: "wrote DIR: run.json, metrics.csv,
    /// CHECKPOINTS; plots: PLOTS" (file names relative to the folder).</summary>
    public static string Listing(string dir, IEnumerable<string> checkpoints, IEnumerable<string> plots) =>
        $"wrote {dir}: {string.Join(", ", new[] { RunFile, MetricsFile }.Concat(checkpoints))}; plots: {string.Join(", ", plots)}";

    /// <summary>The largest run.json read (RnnGpu writes a few hundred bytes).</summary>
    public const long MaxRunFileBytes = 1 << 20;

    /// <summary>The largest metrics.csv read: one row per step, at most <see cref="TaskSettings.MaxSteps"/> steps of a few
    /// hundred bytes each.</summary>
    public const long MaxMetricsBytes = 1L << 30;

    RunFolder(string dir) => Dir = dir;

    public string Dir { get; }

    public string Path(string file) => System.IO.Path.Combine(Dir, file);

    /// <summary>Refuses, before anything is built or written, an --out that holds a run, or (without --force) any other file:
    /// a new run writes into a new or empty folder, so nothing the user had there is replaced.</summary>
    public static void CheckNew(string dir, bool force)
    {
        if (string.IsNullOrWhiteSpace(dir))
            throw new CliException("--out must name a folder.");
        if (File.Exists(dir))
            throw new CliException($"--out {dir} is a file, expected a folder.");
        foreach (var f in new[] { RunFile, MetricsFile })
            if (File.Exists(System.IO.Path.Combine(dir, f)))
                throw new CliException($"--out {dir} already holds a run ({f}); choose another folder or continue it with: {Invocation.Command} resume {dir}");
        if (!force && Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).FirstOrDefault() is { } existing)
            throw new CliException($"--out {dir} already holds {System.IO.Path.GetFileName(existing)} (and maybe more); a new run writes into a new or " +
                "empty folder: choose another, or pass --force to write there, replacing files of the same names.");
        OutPaths.CheckFolder("--out", dir); // writable (or creatable), before any model is built
    }

    /// <summary>Creates the folder for a new run and writes run.json.</summary>
    public static RunFolder Create(string dir, string task, TaskSettings settings)
    {
        if (string.IsNullOrWhiteSpace(dir))
            throw new CliException("--out must name a folder.");
        try
        {
            if (File.Exists(dir))
                throw new CliException($"--out {dir} is a file, expected a folder.");
            foreach (var f in new[] { RunFile, MetricsFile })
                if (File.Exists(System.IO.Path.Combine(dir, f)))
                    throw new CliException($"--out {dir} already holds a run ({f}); choose another folder or continue it with: {Invocation.Command} resume {dir}");
            Directory.CreateDirectory(dir);
            var folder = new RunFolder(dir);
            // CreateNew: a run started in the same folder a moment ago is never overwritten.
            using (var s = new FileStream(folder.Path(RunFile), FileMode.CreateNew, FileAccess.Write))
                s.Write(RunJson(task, settings));
            return folder;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new CliException($"cannot write to --out {dir}: {CliApp.OneLine(e.Message)}");
        }
    }

    /// <summary>Name of the lock file held while a process trains the run.</summary>
    public const string LockFile = ".rnngpu.lock";

    /// <summary>Takes the run's lock (an exclusive, advisory file lock, released when the process ends, however it ends),
    /// refusing with one line when another process trains the run; then removes temporaries that an interrupted atomic
    /// write of ours left behind (<c>.NAME.GUID.tmp</c>).</summary>
    public IDisposable Lock()
    {
        FileStream held;
        try
        {
            held = new FileStream(Path(LockFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (IOException)
        {
            throw new CliException($"another rnngpu process is training the run in {Dir} (it holds {LockFile}); wait for it or stop it first.");
        }
        try
        {
            // A checkpoint commit interrupted after its commit point is finished first; what is left is garbage.
            AtomicFile.RecoverGroup(Dir, IsCheckpointFile);
        }
        catch
        {
            held.Dispose();
            throw;
        }
        AtomicFile.DeleteTemporaries(Dir);
        return held;
    }

    /// <summary>The files a run's group commit replaces: its checkpoints (a crafted intent naming run.json, metrics.csv or any
    /// other file is refused).</summary>
    static bool IsCheckpointFile(string name) => name.EndsWith(".safetensors", StringComparison.Ordinal) && !name.StartsWith('.');

    /// <summary>Opens an existing run folder and reads its task name and saved settings.</summary>
    public static (RunFolder Folder, string Task, Dictionary<string, string> Settings) Open(string dir)
    {
        string file = System.IO.Path.Combine(dir, RunFile);
        if (!Directory.Exists(dir))
            throw new CliException($"run folder {dir} does not exist.");
        if (!File.Exists(file))
            throw new CliException($"{dir} is not a run folder: it has no {RunFile}.");
        try
        {
            byte[] bytes = InputFile.ReadAllBytes(file, MaxRunFileBytes, "a run file");
            if (!System.Text.Unicode.Utf8.IsValid(bytes))
                throw new CliException($"{file} is not valid UTF-8 text (corrupt).");
            using var doc = JsonDocument.Parse(bytes);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("task", out var task) || task.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("settings", out var settings) || settings.ValueKind != JsonValueKind.Object)
                throw new CliException($"{file} is not a run file (expected an object with \"task\" and \"settings\").");
            var values = new Dictionary<string, string>();
            foreach (var p in settings.EnumerateObject())
            {
                if (p.Value.ValueKind != JsonValueKind.String)
                    throw new CliException($"{file}: setting '{p.Name}' is not a string.");
                values[p.Name] = p.Value.GetString()!;
            }
            return (new RunFolder(dir), task.GetString()!, values);
        }
        catch (JsonException e)
        {
            throw new CliException($"{file} is not valid JSON: {CliApp.OneLine(e.Message)}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot read {file}: {CliApp.OneLine(e.Message)}");
        }
    }

    /// <summary>Rewrites run.json (atomically) after <c>resume --steps</c> changed the settings.</summary>
    public void Update(string task, TaskSettings settings)
    {
        byte[] bytes = RunJson(task, settings);
        AtomicFile.Write(Path(RunFile), s => s.Write(bytes));
    }

    static byte[] RunJson(string task, TaskSettings settings)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("task", task);
            w.WriteString("created", DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            w.WriteStartObject("settings");
            foreach (var (k, v) in settings.Values)
                w.WriteString(k, v);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        ms.WriteByte((byte)'\n');
        return ms.ToArray();
    }
}

/// <summary>
/// metrics.csv in memory and on disk: a header of step, the task's train columns and its validation columns, then one row per
/// step (validation cells blank between validations). Rows are flushed at each validation.
/// </summary>
internal sealed class MetricsLog : IDisposable
{
    readonly StreamWriter writer;

    MetricsLog(StreamWriter writer, string[] columns, List<double[]> rows)
    {
        this.writer = writer;
        Columns = columns;
        Rows = rows;
    }

    /// <summary>Column names after "step".</summary>
    public string[] Columns { get; }

    /// <summary>Rows: [step, values...]; NaN where a cell is blank.</summary>
    public List<double[]> Rows { get; }

    public static string Header(IEnumerable<string> columns) => "step," + string.Join(',', columns);

    /// <summary>A new metrics.csv (the folder was just created for this run).</summary>
    public static MetricsLog Create(RunFolder folder, string[] columns)
    {
        try
        {
            var w = new StreamWriter(new FileStream(folder.Path(RunFolder.MetricsFile), FileMode.CreateNew, FileAccess.Write, FileShare.Read),
                new UTF8Encoding(false)) { NewLine = "\n" };
            w.WriteLine(Header(columns));
            w.Flush();
            return new MetricsLog(w, columns, new List<double[]>());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot write {folder.Path(RunFolder.MetricsFile)}: {CliApp.OneLine(e.Message)}");
        }
    }

    /// <summary>Reopens metrics.csv of a resumed run: keeps the rows up to the checkpoint's step (rows written after the last
    /// checkpoint by a killed run are dropped, atomically) and appends from there.</summary>
    public static MetricsLog Resume(RunFolder folder, string[] columns, int upToStep)
    {
        string path = folder.Path(RunFolder.MetricsFile);
        if (!File.Exists(path))
            throw new CliException($"{path} is missing; cannot resume.");
        string[] lines;
        try
        {
            // Line ends as File.ReadAllLines reads them (\n, \r\n or \r), through the bounded reader.
            lines = Encoding.UTF8.GetString(InputFile.ReadAllBytes(path, RunFolder.MaxMetricsBytes, "a metrics log"))
                .ReplaceLineEndings("\n").Split('\n');
            if (lines.Length > 0 && lines[^1].Length == 0)
                lines = lines[..^1];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot read {path}: {CliApp.OneLine(e.Message)}");
        }
        string header = Header(columns);
        if (lines.Length == 0 || lines[0] != header)
            throw new CliException($"{path} does not start with the header '{header}'.");
        var rows = new List<double[]>();
        var kept = new StringBuilder(header + "\n");
        for (int i = 1; i < lines.Length; i++)
        {
            var cells = lines[i].Split(',');
            if (cells.Length != columns.Length + 1 || !int.TryParse(cells[0], NumberStyles.None, CultureInfo.InvariantCulture, out int step))
                throw new CliException($"{path} line {i + 1} is not a metrics row.");
            if (step > upToStep)
                break;
            rows.Add(cells.Select(c => c.Length == 0 ? double.NaN
                : double.TryParse(c, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v
                : throw new CliException($"{path} line {i + 1}: '{c}' is not a number.")).ToArray());
            kept.Append(lines[i]).Append('\n');
        }
        if (rows.Count != upToStep)
            throw new CliException($"{path} holds {rows.Count} rows up to the checkpoint's step {upToStep}; expected one per step.");
        byte[] bytes = Encoding.UTF8.GetBytes(kept.ToString());
        AtomicFile.Write(path, s => s.Write(bytes));
        var w = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read), new UTF8Encoding(false)) { NewLine = "\n" };
        return new MetricsLog(w, columns, rows);
    }

    /// <summary>Appends a row; NaN cells are written blank.</summary>
    public void Add(int step, double[] values)
    {
        var row = new double[values.Length + 1];
        row[0] = step;
        values.CopyTo(row, 1);
        Rows.Add(row);
        writer.WriteLine(step.ToString(CultureInfo.InvariantCulture) + "," + string.Join(',',
            values.Select(v => double.IsNaN(v) ? "" : v.ToString("G6", CultureInfo.InvariantCulture))));
    }

    public void Flush() => writer.Flush();

    /// <summary>Steps and values of one column, skipping blank cells.</summary>
    public (List<double> Steps, List<double> Values) Series(string column)
    {
        int c = Array.IndexOf(Columns, column);
        if (c < 0)
            throw new ArgumentException($"no column '{column}'", nameof(column));
        var xs = new List<double>();
        var ys = new List<double>();
        foreach (var r in Rows)
        {
            if (double.IsNaN(r[c + 1]))
                continue;
            xs.Add(r[0]);
            ys.Add(r[c + 1]);
        }
        return (xs, ys);
    }

    public void Dispose() => writer.Dispose();
}
