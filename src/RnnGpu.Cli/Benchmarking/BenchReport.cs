using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace RnnGpu.Cli.Benchmarking;

/// <summary>What <c>rnngpu bench --json</c> writes: the run's context and one row per configuration.</summary>
/// <param name="Tool">Always "rnngpu bench".</param>
/// <param name="Date">UTC time of the run, ISO 8601.</param>
/// <param name="Machine">OS, processor count and .NET version.</param>
/// <param name="Accelerator">Device spec.</param>
/// <param name="DeviceName">Device name.</param>
/// <param name="DeviceMemoryBytes">Device memory.</param>
/// <param name="Suite">The suite name, or null for a single size.</param>
/// <param name="Results">One row per configuration.</param>
internal sealed record BenchReport(string Tool, string Date, string Machine, string Accelerator, string DeviceName,
    long DeviceMemoryBytes, string? Suite, IReadOnlyList<BenchResult> Results)
{
    static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>A report for results measured on <paramref name="device"/>.</summary>
    public static BenchReport Create(ComputeDevice device, string? suite, IReadOnlyList<BenchResult> results) =>
        new("rnngpu bench", DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            $"{RuntimeInformation.OSDescription}, {Environment.ProcessorCount} logical cores, {RuntimeInformation.FrameworkDescription}",
            device.Info.Spec, device.Info.Name, device.Info.MemoryBytes, suite, results);

    /// <summary>The report as indented JSON (snake_case names).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a report written by <see cref="ToJson"/>.</summary>
    public static BenchReport FromJson(string json) =>
        JsonSerializer.Deserialize<BenchReport>(json, Json) ?? throw new InvalidDataException("empty bench report");

    /// <summary>A markdown table of the results, with a header line naming device and date.</summary>
    public string ToMarkdown()
    {
        var ci = CultureInfo.InvariantCulture;
        var rows = new List<string[]>
        {
            new[] { "cell", "L", "D", "I", "H", "B", "T", "step", "path", "forward ms", "forward GFLOP/s", "train ms", "train GFLOP/s", "peak MiB", "rel err" },
        };
        foreach (var r in Results)
            rows.Add(new[]
            {
                r.Cell, r.Layers.ToString(ci), r.Bidirectional ? "2" : "1", r.Input.ToString(ci), r.Hidden.ToString(ci),
                r.Batch.ToString(ci), r.Seq.ToString(ci), r.Step, r.Path,
                r.ForwardMs.ToString("F2", ci), r.ForwardGflops.ToString("F1", ci),
                r.TrainMs.ToString("F2", ci), r.TrainGflops.ToString("F1", ci),
                (r.PeakBytes / (1024.0 * 1024)).ToString("F1", ci), r.ValidationRelError.ToString("0.0E+0", ci),
            });
        return $"{Accelerator} ({DeviceName}), {Date}, median of {Results.FirstOrDefault()?.Reps ?? 0} reps\n\n" + Markdown.Table(rows);
    }
}
