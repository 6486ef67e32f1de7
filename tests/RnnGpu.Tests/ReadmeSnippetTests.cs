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

    const string FragmentMarker = "<!-- ReadmeSnippetTests compiles the next code block as a fragment given: ";

    /// <summary>Every ```csharp block of README.md with the marker line before it: the complete loop (run above) or a
    /// fragment with the declarations of what it says is the reader's.</summary>
    internal static List<(int Line, string? Given, string Code)> Blocks()
    {
        var lines = File.ReadAllText(RepoFiles.Combine("README.md")).Replace("\r\n", "\n").Split('\n');
        var blocks = new List<(int, string?, string)>();
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i] != "```csharp")
                continue;
            int end = Array.IndexOf(lines, "```", i + 1);
            Assert.True(end > i, $"README.md line {i + 1}: the code block is not closed");
            string before = i > 0 ? lines[i - 1] : "";
            string? given = before.StartsWith(FragmentMarker, StringComparison.Ordinal) && before.EndsWith(" -->", StringComparison.Ordinal)
                ? before[FragmentMarker.Length..^4] : null;
            Assert.True(given is not null || before.StartsWith(Marker, StringComparison.Ordinal),
                $"README.md line {i + 1}: a C# block without a ReadmeSnippetTests marker (the complete loop's, or a fragment's with its givens)");
            blocks.Add((i + 1, given, string.Join('\n', lines[(i + 1)..end]) + "\n"));
            i = end;
        }
        return blocks;
    }

    [Fact]
    public void EveryFragment_CompilesWithItsGivens()
    {
        var fragments = Blocks().Where(b => b.Given is not null).ToList();
        Assert.True(fragments.Count >= 3, "the README's fragments were not found");
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(new[] { typeof(RecurrentLayer).Assembly.Location, typeof(Kernels.CellMath).Assembly.Location })
            .DistinctBy(Path.GetFileName)
            .Select(p => MetadataReference.CreateFromFile(p)).ToList();
        foreach (var (line, given, code) in fragments)
        {
            // using directives at the top of the block go to the file's top; the rest is a method body over the givens
            var body = code.Split('\n').ToList();
            var usings = body.TakeWhile(l => l.StartsWith("using ", StringComparison.Ordinal) && !l.StartsWith("using var ", StringComparison.Ordinal)
                || l.Length == 0).ToList();
            string source = "using RnnGpu;\n" + string.Join('\n', usings.Where(u => u != "using RnnGpu;")) + "\n"
                + $"static class Fragment {{ static void Run({given}) {{\n{string.Join('\n', body.Skip(usings.Count))}\n}} }}\n";
            var trees = new[]
            {
                CSharpSyntaxTree.ParseText(source, parse, path: $"README.md:{line}"),
                CSharpSyntaxTree.ParseText(ImplicitUsings, parse, path: "ImplicitUsings.cs"),
            };
            var compilation = CSharpCompilation.Create("ReadmeFragment" + line, trees, references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            using var image = new MemoryStream();
            var emitted = compilation.Emit(image);
            var problems = emitted.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Id != "CS8321").ToList();
            Assert.True(emitted.Success && problems.Count == 0, $"README.md line {line}:\n" + string.Join("\n", problems) + "\n" + source);
        }
    }
}
