using System.Text;

namespace RnnGpu.Cli;

/// <summary>Aligned markdown tables for terminal and file output.</summary>
internal static class Markdown
{
    /// <summary>Formats rows (the first is the header) as a markdown table with padded columns.</summary>
    public static string Table(IReadOnlyList<string[]> rows)
    {
        int cols = rows[0].Length;
        var width = new int[cols];
        foreach (var r in rows)
            for (int c = 0; c < cols; c++)
                width[c] = Math.Max(width[c], r[c].Length);
        var sb = new StringBuilder();
        for (int i = 0; i < rows.Count; i++)
        {
            sb.Append('|');
            for (int c = 0; c < cols; c++)
                sb.Append(' ').Append(rows[i][c].PadRight(width[c])).Append(" |");
            sb.Append('\n');
            if (i == 0)
            {
                sb.Append('|');
                for (int c = 0; c < cols; c++)
                    sb.Append(new string('-', width[c] + 2)).Append('|');
                sb.Append('\n');
            }
        }
        return sb.ToString();
    }
}
