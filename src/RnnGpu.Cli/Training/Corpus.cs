using System.Reflection;
using System.Text;

namespace RnnGpu.Cli.Training;

/// <summary>
/// The text shipped for the character-level language model demo: Shakespeare's sonnets I to LXXX (1609, public domain),
/// modern spelling, plain ASCII, one blank line between sonnets, about 49 KB and 65 distinct characters; embedded in this
/// assembly as <see cref="ResourceName"/>.
/// </summary>
internal static class Corpus
{
    /// <summary>Logical name of the embedded resource.</summary>
    public const string ResourceName = "RnnGpu.Cli.Data.corpus.txt";

    /// <summary>The whole corpus as a string (UTF-8 decoded, '\n' line ends).</summary>
    /// <exception cref="InvalidOperationException">The resource is not embedded in this build.</exception>
    public static string Default() => Read(typeof(Corpus).Assembly, ResourceName);

    /// <summary>Reads an embedded UTF-8 text resource.</summary>
    /// <param name="assembly">Assembly holding it.</param>
    /// <param name="name">Logical name.</param>
    /// <exception cref="InvalidOperationException">No resource of that name; the message names it and the csproj entry.</exception>
    internal static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException(
                $"The embedded corpus '{name}' is missing from {assembly.GetName().Name}; " +
                "src/RnnGpu.Cli/RnnGpu.Cli.csproj must embed Data/corpus.txt with that LogicalName.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
