using System.Diagnostics;
using System.Text.RegularExpressions;


namespace RnnGpu.Tests;

/// <summary>
/// The live progress display in a pseudo-terminal (util-linux <c>script</c>) of 60, 80 and 200 columns, replayed on a small
/// terminal model: the terminal never has to wrap a line (so none breaks mid-word), and what stays on the screen shows the
/// last step once (the live display is cleared at the end, leaving its validation line).
/// </summary>
[Trait(Suites.Key, Suites.CpuOnly)]
public partial class CliDisplayTests
{
    [GeneratedRegex(@"\G\x1b(\[([0-9;?]*)[ -/]*([@-~])|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|[=>78])")]
    private static partial Regex Escape();

    /// <summary>What a terminal of <paramref name="columns"/> shows after <paramref name="raw"/>, as an xterm draws it: text at
    /// the cursor, CR, LF, cursor up/down/column, erase in line and below (colours and modes ignored), deferred auto-wrap at
    /// the last column; also every line the terminal had to wrap itself.</summary>
    static (List<string> Screen, List<string> Wraps) Terminal(string raw, int columns)
    {
        var rows = new List<char[]>();
        var wraps = new List<string>();
        int row = 0, col = 0;
        bool pending = false;
        char[] Row(int r)
        {
            while (rows.Count <= r)
                rows.Add(Enumerable.Repeat(' ', columns).ToArray());
            return rows[r];
        }
        for (int i = 0; i < raw.Length;)
        {
            char c = raw[i];
            if (c == '\x1b')
            {
                var m = Escape().Match(raw, i);
                if (!m.Success) { i++; continue; }
                i += m.Length;
                if (!m.Groups[3].Success)
                    continue;
                string args = m.Groups[2].Value;
                int n = int.TryParse(args, out int v) ? v : 0;
                switch (m.Groups[3].Value)
                {
                    case "A": row = Math.Max(0, row - Math.Max(1, n)); pending = false; break;
                    case "B": row += Math.Max(1, n); pending = false; break;
                    case "G": col = Math.Clamp(Math.Max(1, n) - 1, 0, columns - 1); pending = false; break;
                    case "K":
                        var line = Row(row);
                        for (int k = n == 1 ? 0 : n == 2 ? 0 : col; k < (n == 1 ? col + 1 : columns); k++) line[k] = ' ';
                        break;
                    case "J":
                        for (int r = row + 1; r < rows.Count; r++) Array.Fill(rows[r], ' ');
                        for (int k = col; k < columns; k++) Row(row)[k] = ' ';
                        break;
                }
                continue;
            }
            i++;
            if (c == '\r') { col = 0; pending = false; continue; }
            if (c == '\n') { row++; pending = false; continue; }
            if (c < ' ') continue;
            if (pending)
            {
                wraps.Add(new string(Row(row)).TrimEnd());
                row++;
                col = 0;
                pending = false;
            }
            Row(row)[col] = c;
            if (col == columns - 1) pending = true; else col++;
        }
        return (rows.Select(r => new string(r).TrimEnd()).Where(l => l.Length > 0).ToList(), wraps);
    }

    [Theory]
    [InlineData(60)]
    [InlineData(80)]
    [InlineData(200)]
    public async Task LiveDisplay_FitsTheTerminal_AndWritesTheLastStepOnce(int columns)
    {
        Assert.True(File.Exists("/usr/bin/script"), "util-linux script is needed to run the command in a pseudo-terminal");
        string dir = Path.Combine(Path.GetTempPath(), "rnngpu-display-" + Guid.NewGuid().ToString("N"));
        try
        {
            string cli = Path.Combine(AppContext.BaseDirectory, "RnnGpu.Cli.dll");
            string command = $"stty cols {columns} rows 50; exec dotnet '{cli}' train adding --steps 40 --hidden 8 --seq 10 --batch 8 " +
                $"--accelerator cpu --out '{dir}'";
            var psi = new ProcessStartInfo("/usr/bin/script") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
            foreach (var a in new[] { "-q", "-e", "-c", command, "/dev/null" })
                psi.ArgumentList.Add(a);
            psi.Environment["TERM"] = "xterm-256color";
            psi.Environment["COLUMNS"] = columns.ToString(System.Globalization.CultureInfo.InvariantCulture);
            psi.Environment.Remove("NO_COLOR");
            using var p = Process.Start(psi)!;
            var errTask = p.StandardError.ReadToEndAsync();
            string raw = await p.StandardOutput.ReadToEndAsync();
            Assert.True(p.WaitForExit(300_000), "the run did not end in 5 minutes");
            string err = await errTask;
            Assert.True(p.ExitCode == 0, $"exit {p.ExitCode}: {err}\n{raw}");
            var (screen, wraps) = Terminal(raw, columns);
            Assert.Contains(screen, l => l.Contains("╭", StringComparison.Ordinal) || l.Contains("step 40/40", StringComparison.Ordinal));
            Assert.True(wraps.Count == 0, $"the terminal wrapped {wraps.Count} lines the display wrote wider than {columns} columns, first: '{wraps.FirstOrDefault()}'");
            // what stays on the screen: the last step once (its validation line), the live display cleared
            int last = screen.Count(l => l.Contains("step 40/40", StringComparison.Ordinal));
            Assert.True(last == 1, $"the screen shows step 40/40 {last} times:\n{string.Join("\n", screen)}");
            Assert.Equal(1, screen.Count(l => l.StartsWith("wrote ", StringComparison.Ordinal)));
            Assert.DoesNotContain(screen, l => l.Contains("╭", StringComparison.Ordinal));
        }
        finally
        {
            if (Directory.Exists(dir))
                Directory.Delete(dir, recursive: true);
        }
    }
}
