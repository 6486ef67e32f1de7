using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RnnGpu.IO;

namespace RnnGpu.Tests;

/// <summary>
/// The README's "Using the library" training loop, compiled with Roslyn exactly as the README shows it (the code block after
/// the ReadmeSnippetTests marker, character for character) together with the SDK's implicit usings of a console project, then
/// run: it must train, print held-out accuracy and write a checkpoint that loads.
/// </summary>
public class ReadmeSnippetTests
{
    const string Marker = "<!-- ReadmeSnippetTests compiles and runs the next code block";
    const string ImplicitUsings = "global using System; global using System.Collections.Generic; global using System.IO; "
        + "global using System.Linq; global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;";

    /// <summary>The code block after the marker in README.md, as written there.</summary>
    internal static string Snippet()
    {
        string readme = File.ReadAllText(RepoFiles.Combine("README.md")).Replace("\r\n", "\n");
        int marker = readme.IndexOf(Marker, StringComparison.Ordinal);
        Assert.True(marker >= 0, "README.md lost the ReadmeSnippetTests marker");
        const string open = "```csharp\n";
        int start = readme.IndexOf(open, marker, StringComparison.Ordinal);
        Assert.True(start >= 0 && readme[marker..start].Count(c => c == '\n') == 1, "the marker must stand on the line before the ```csharp block");
        start += open.Length;
        int end = readme.IndexOf("\n```\n", start, StringComparison.Ordinal);
        Assert.True(end > start, "the snippet's code block is not closed");
        return readme[start..(end + 1)];
    }

    [Fact]
    public void TrainingLoop_CompilesAndRunsAsWritten()
    {
        string code = Snippet();
        int lines = code.TrimEnd('\n').Split('\n').Length;
        Assert.True(lines <= 40, $"the README's training loop has {lines} lines; the issue allows 40");

        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = new[]
        {
            CSharpSyntaxTree.ParseText(code, parse, path: "README.md"),
            CSharpSyntaxTree.ParseText(ImplicitUsings, parse, path: "ImplicitUsings.cs"),
        };
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(new[] { typeof(RecurrentLayer).Assembly.Location, typeof(Kernels.CellMath).Assembly.Location })
            .DistinctBy(Path.GetFileName)
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create("ReadmeSnippet", trees, references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, optimizationLevel: OptimizationLevel.Release,
                nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        // Warnings count as errors, as in the repository's own projects.
        var problems = emitted.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(emitted.Success && problems.Count == 0, string.Join("\n", problems));

        image.Position = 0;
        var context = new AssemblyLoadContext("readme-snippet", isCollectible: true);
        var entry = context.LoadFromStream(image).EntryPoint!;
        string dir = Path.Combine(Path.GetTempPath(), "rnngpu-readme-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        string cwd = Environment.CurrentDirectory;
        var console = Console.Out;
        var output = new StringWriter();
        try
        {
            Environment.CurrentDirectory = dir;
            Console.SetOut(output);
            entry.Invoke(null, entry.GetParameters().Length == 0 ? null : new object[] { Array.Empty<string>() });
        }
        finally
        {
            Console.SetOut(console);
            Environment.CurrentDirectory = cwd;
            context.Unload();
        }
        try
        {
            var printed = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Console.WriteLine(output.ToString());
            Assert.True(printed.Length == 4, output.ToString());
            Assert.StartsWith("step 200: loss ", printed[3]);
            var found = System.Text.RegularExpressions.Regex.Match(printed[3], @"held-out accuracy ([0-9.]+)");
            Assert.True(found.Success, output.ToString());
            var accuracy = double.Parse(found.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(accuracy >= 90, $"held-out accuracy {accuracy}% after the README's loop:\n{output}");

            // The checkpoint loads into a fresh model of the same shape.
            using var device = ComputeDevice.Create(new DeviceOptions(AcceleratorKind.Cpu, IgnoreEnvironment: true));
            using var model = new SequenceClassifier(device, new RnnOptions(RnnMode.Lstm, 4, 32), classes: 2);
            Checkpoint.Load(Path.Combine(dir, "classifier.safetensors"), model);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
