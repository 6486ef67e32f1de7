using System.CommandLine;
using System.CommandLine.Parsing;
using RnnGpu.Cli.Commands;

namespace RnnGpu.Cli;

/// <summary>
/// The <c>rnngpu</c> command line. Each command lives in its own file under <c>Commands/</c> and is
/// registered in <see cref="Build"/>; a command reports bad input by throwing <see cref="CliException"/>,
/// which becomes one line on stderr and a non-zero exit code (never a stack trace).
/// </summary>
public static class CliApp
{
    /// <summary>Exit code of a run that did what was asked.</summary>
    public const int Success = 0;
    /// <summary>Exit code of an unexpected failure (device error, I/O).</summary>
    public const int Failure = 1;
    /// <summary>Exit code of bad input: unknown options, sizes, absent accelerator, too little memory.</summary>
    public const int BadInput = 2;
    /// <summary>Exit code when a kernel disagrees with the float64 reference and was not timed.</summary>
    public const int ValidationFailed = 3;

    static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs the command line in-process (the entry point and the tests use this).</summary>
    /// <param name="args">Arguments, without the program name.</param>
    /// <param name="output">Where results go (stdout).</param>
    /// <param name="error">Where the one-line error goes (stderr).</param>
    /// <returns>The exit code: <see cref="Success"/>, <see cref="Failure"/>, <see cref="BadInput"/> or <see cref="ValidationFailed"/>.</returns>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        // --verbose (anywhere): an unexpected failure also prints its stack trace.
        bool verbose = args.Contains("--verbose");
        args = args.Where(a => a != "--verbose").ToArray();
        var root = Build(output);
        var parse = root.Parse(args);
        // A flag that takes a value but stands last or before another flag (--steps 3 --steps, --steps --out DIR): System.CommandLine
        // keeps an earlier value and says nothing, or blames the next word; refused here, naming the flag, wherever it stands.
        if (MissingValue(parse.CommandResult.Command, args) is { } bare)
        {
            error.WriteLine($"rnngpu: {bare} needs a value (see {Invocation.Command} --help)");
            return BadInput;
        }
        if (parse.Errors.Count > 0)
        {
            var command = parse.CommandResult.Command;
            string path = CommandPath(command);
            // A command that needs a subcommand, given none (a bare rnngpu, a bare train): its help, which lists them.
            if (command.Subcommands.Count > 0 && parse.Tokens.All(t => t.Type is TokenType.Command))
            {
                root.Parse(args.Append("--help").ToArray()).Invoke(new InvocationConfiguration { Output = output, Error = error });
                return Success;
            }
            if (args.Length >= 2 && args[0] == "train" && !args[1].StartsWith('-') && TrainCommand.Tasks.All(t => t.Name != args[1]))
            {
                string near = Suggest(args[1], TrainCommand.Tasks.Select(t => t.Name));
                error.WriteLine($"rnngpu: unknown task '{args[1]}'{(near.Length > 0 ? near + " The" : "; the")} tasks are " +
                    $"{string.Join(", ", TrainCommand.Tasks.Select(t => t.Name))} (see {Invocation.Command} train --help)");
                return BadInput;
            }
            // An unknown word: the nearest option or command of the command it was given to.
            if (parse.UnmatchedTokens.FirstOrDefault() is { } unknown)
            {
                var names = unknown.StartsWith('-')
                    ? AllOptions(command).Where(o => !o.Hidden).SelectMany(o => o.Aliases.Append(o.Name))
                    : command.Subcommands.Select(c => c.Name);
                error.WriteLine($"rnngpu: unknown {(unknown.StartsWith('-') ? "option" : "command or argument")} '{unknown}'" +
                    $"{Suggest(unknown, names)} (see {Invocation.Command}{path} --help)");
                return BadInput;
            }
            // An unknown word says more than the "required command was not provided" that comes with it.
            var first = parse.Errors.OrderBy(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal) ? 0 : 1).First();
            // System.CommandLine's "Argument 'x' not recognized" does not say whose argument: the option is named first.
            string message = OneLine(first.Message);
            var option = first.SymbolResult switch
            {
                OptionResult o => o.Option,
                ArgumentResult { Parent: OptionResult o } => o.Option,
                _ => null,
            };
            if (option is not null && !message.Contains(option.Name, StringComparison.Ordinal))
                message = $"{option.Name}: {message}";
            error.WriteLine($"rnngpu: {message} (see {Invocation.Command}{path} --help)");
            return BadInput;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration
            {
                Output = output,
                Error = error,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (Exception e)
        {
            return Report(e, error, verbose);
        }
    }

    /// <summary>Writes the one line (and with <paramref name="verbose"/> the stack trace) for a failed command and returns its exit
    /// code: <see cref="CliException"/> its own code; what the user gave that does not fit (a file, a size, a flag)
    /// <see cref="BadInput"/>; anything else <see cref="Failure"/> with the innermost message.</summary>
    /// <param name="e">What failed.</param>
    /// <param name="error">Where the line goes.</param>
    /// <param name="verbose">Also write the stack trace.</param>
    /// <param name="prefix">Text after "rnngpu: " (e.g. the rank of an MPI job), or empty.</param>
    internal static int Report(Exception e, TextWriter error, bool verbose, string prefix = "")
    {
        switch (e)
        {
            case CliException c:
                error.WriteLine($"rnngpu: {prefix}{c.Message}");
                return c.ExitCode;
            case ArgumentException or InvalidDataException or FileNotFoundException or DirectoryNotFoundException:
                error.WriteLine($"rnngpu: {prefix}{OneLine(WithoutParameterName(e))}");
                if (verbose)
                    error.WriteLine(e);
                return BadInput;
            default:
                // One line, no stack trace (unless --verbose): the message of the innermost exception names the cause.
                var inner = e;
                while (inner.InnerException is not null)
                    inner = inner.InnerException;
                error.WriteLine($"rnngpu: {prefix}error: {OneLine(inner.Message)}" + (verbose ? "" : " (--verbose shows where)"));
                if (verbose)
                    error.WriteLine(e);
                return Failure;
        }
    }

    /// <summary>" train adding" for that command (empty for the root): what to type before --help.</summary>
    static string CommandPath(Command command)
    {
        var names = new List<string>();
        for (Command? c = command; c is not null && c.Parents.Any(); c = c.Parents.OfType<Command>().FirstOrDefault())
            names.Insert(0, c.Name);
        return names.Count == 0 ? "" : " " + string.Join(' ', names);
    }

    /// <summary>The options a command accepts, its parents' included.</summary>
    static IEnumerable<Option> AllOptions(Command command)
    {
        for (Command? c = command; c is not null; c = c.Parents.OfType<Command>().FirstOrDefault())
            foreach (var o in c.Options)
                yield return o;
    }

    /// <summary>"; did you mean X?" for the nearest of <paramref name="names"/> (at most a third of the word's letters
    /// apart, or one a prefix of the other), or empty.</summary>
    internal static string Suggest(string word, IEnumerable<string> names)
    {
        string w = word.TrimStart('-');
        var best = names.Distinct(StringComparer.Ordinal)
            .Select(n => (Name: n, Distance: n.TrimStart('-').StartsWith(w, StringComparison.OrdinalIgnoreCase) && w.Length >= 3 ? 0 : Distance(w, n.TrimStart('-'))))
            .OrderBy(x => x.Distance).ThenBy(x => x.Name.Length).FirstOrDefault();
        return best.Name is not null && best.Distance <= Math.Max(1, w.Length / 3) ? $"; did you mean {best.Name}?" : "";
    }

    /// <summary>Edit distance (insertions, deletions, substitutions and swaps of neighbours), ignoring case.</summary>
    static int Distance(string a, string b)
    {
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }

    /// <summary>The first option of <paramref name="command"/> that takes a value but is followed by nothing or by another
    /// option, or null.</summary>
    static string? MissingValue(Command command, string[] args)
    {
        var options = new List<Option>();
        for (Command? c = command; c is not null; c = c.Parents.OfType<Command>().FirstOrDefault())
            options.AddRange(c.Options);
        // a subcommand's option shadows a parent's of the same name (rnngpu bench ctc --accelerator)
        var valued = new Dictionary<string, Option>(StringComparer.Ordinal);
        foreach (var (name, option) in options.SelectMany(o => o.Aliases.Append(o.Name).Select(n => (n, o))))
            if (!valued.ContainsKey(name) && options.First(o => o.Name == name || o.Aliases.Contains(name)) == option
                && option.Arity.MinimumNumberOfValues > 0)
                valued[name] = option;
        var names = options.SelectMany(o => o.Aliases.Append(o.Name)).ToHashSet(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--")
                break;
            if (valued.TryGetValue(args[i], out var o) && (i + 1 == args.Length || names.Contains(args[i + 1])))
                return o.Name;
            if (valued.ContainsKey(args[i]))
                i++; // its value, whatever it looks like
        }
        return null;
    }

    static string WithoutParameterName(Exception e) =>
        e is ArgumentException { ParamName: { } p } a && a.Message.EndsWith($" (Parameter '{p}')", StringComparison.Ordinal)
            ? a.Message[..^$" (Parameter '{p}')".Length]
            : e.Message;

    /// <summary>The root command with every command registered. It is named <c>rnngpu</c> (the tool's command) whatever the
    /// executable is called (RnnGpu.Cli under <c>dotnet run</c>): a <see cref="RootCommand"/> would take the executable's name
    /// for the usage line, so the root is a plain command with RootCommand's help and version options.</summary>
    /// <param name="output">Where commands write their results.</param>
    public static Command Build(TextWriter output)
    {
        var root = new Command("rnngpu", "rnngpu: recurrent networks (RNN, LSTM, GRU) on ILGPU accelerators.")
        {
            new System.CommandLine.Help.HelpOption(),
            new VersionOption(),
        };
        root.Subcommands.Add(DevicesCommand.Create(output));
        root.Subcommands.Add(BenchCommand.Create(output));
        root.Subcommands.Add(ForwardCommand.Create(output));
        root.Subcommands.Add(TrainCommand.Create(output));
        root.Subcommands.Add(ResumeCommand.Create(output));
        root.Subcommands.Add(GenerateCommand.Create(output));
        root.Subcommands.Add(TranscribeCommand.Create(output));
        root.Subcommands.Add(TranslateCommand.Create(output, Console.In));
        root.Subcommands.Add(ExportCommand.Create(output));
        root.Subcommands.Add(VerifyCommand.Create(output));
        return root;
    }

    /// <summary>Collapses a message onto one line.</summary>
    internal static string OneLine(string message) =>
        string.Join(' ', message.Split(new[] { '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}

/// <summary>Bad input or a refused run: reported as one line on stderr with <see cref="ExitCode"/>.</summary>
/// <param name="message">What was wrong, on one line.</param>
/// <param name="exitCode">The process exit code.</param>
public sealed class CliException(string message, int exitCode = CliApp.BadInput) : Exception(message)
{
    /// <summary>The process exit code.</summary>
    public int ExitCode { get; } = exitCode;
}
