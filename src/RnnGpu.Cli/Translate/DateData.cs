using System.Globalization;
using System.Text;

namespace RnnGpu.Cli.Translate;

/// <summary>One date written as people write it, and its ISO 8601 form.</summary>
/// <param name="Source">e.g. <c>Tuesday, March 5th 2024</c>.</param>
/// <param name="Target">e.g. <c>2024-03-05</c>.</param>
/// <param name="Form">The form's name, e.g. <c>en-weekday-ordinal/upper</c>.</param>
/// <param name="Year">The year.</param>
internal sealed record DatePair(string Source, string Target, string Form, int Year);

/// <summary>
/// The translation task's data: dates from 1900-01-01 to 2099-12-31 written in English, French, German and Korean (weekday
/// names, ordinal suffixes, month names and abbreviations, upper and lower case) and in numeric forms whose order is fixed
/// (year first, or the German day.month.year), each to its ISO 8601 form. Held out: ten years and four (form, case)
/// combinations that training never draws (every character and word of them appears in other forms), and the held-out
/// pairs themselves. Characters are the tokens: one vocabulary for source and target, ids 0 pad, 1 unknown, 2 start, 3 end.
/// </summary>
internal static class DateData
{
    public const int Pad = 0, Unk = 1, Bos = 2, Eos = 3;

    /// <summary>Target characters: yyyy-mm-dd.</summary>
    public const int TargetChars = 10;

    /// <summary>Years training never draws (the held-out set draws half its dates from them).</summary>
    public static readonly int[] HeldOutYears = { 1911, 1937, 1958, 1969, 1984, 2001, 2026, 2048, 2063, 2095 };

    static readonly string[] EnMonths = { "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December" };
    static readonly string[] EnMonthsShort = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
    static readonly string[] EnDays = { "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday" };
    static readonly string[] EnDaysShort = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
    static readonly string[] FrMonths = { "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre" };
    static readonly string[] FrDays = { "dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi" };
    static readonly string[] DeMonths = { "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember" };
    static readonly string[] DeDays = { "Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag" };
    static readonly string[] DeDaysShort = { "So", "Mo", "Di", "Mi", "Do", "Fr", "Sa" };
    static readonly string[] KoDays = { "일요일", "월요일", "화요일", "수요일", "목요일", "금요일", "토요일" };

    static string Ordinal(int d) => d + (d % 100 is 11 or 12 or 13 ? "th" : (d % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" });

    /// <summary>A form: its name, whether case variants apply, and how it writes a date.</summary>
    sealed record Form(string Name, bool Cased, Func<DateTime, string> Write);

    static readonly Form[] Forms =
    {
        new("en-weekday-ordinal", true, t => $"{EnDays[(int)t.DayOfWeek]}, {EnMonths[t.Month - 1]} {Ordinal(t.Day)} {t.Year}"),
        new("en-month-day", true, t => $"{EnMonths[t.Month - 1]} {t.Day}, {t.Year}"),
        new("en-day-month", true, t => $"{t.Day} {EnMonths[t.Month - 1]} {t.Year}"),
        new("en-short-weekday", true, t => $"{EnDaysShort[(int)t.DayOfWeek]} {t.Day} {EnMonthsShort[t.Month - 1]} {t.Year}"),
        new("en-short-ordinal", true, t => $"{EnMonthsShort[t.Month - 1]} {Ordinal(t.Day)}, {t.Year}"),
        new("en-the-of", true, t => $"the {Ordinal(t.Day)} of {EnMonths[t.Month - 1]} {t.Year}"),
        new("fr-weekday", true, t => $"{FrDays[(int)t.DayOfWeek]} {(t.Day == 1 ? "1er" : t.Day.ToString(CultureInfo.InvariantCulture))} {FrMonths[t.Month - 1]} {t.Year}"),
        new("fr-day-month", true, t => $"{(t.Day == 1 ? "1er" : t.Day.ToString(CultureInfo.InvariantCulture))} {FrMonths[t.Month - 1]} {t.Year}"),
        new("fr-le", true, t => $"le {t.Day} {FrMonths[t.Month - 1]} {t.Year}"),
        new("de-weekday", true, t => $"{DeDays[(int)t.DayOfWeek]}, {t.Day}. {DeMonths[t.Month - 1]} {t.Year}"),
        new("de-day-month", true, t => $"{t.Day}. {DeMonths[t.Month - 1]} {t.Year}"),
        new("de-short-weekday", true, t => $"{DeDaysShort[(int)t.DayOfWeek]}, {t.Day}. {DeMonths[t.Month - 1]} {t.Year}"),
        new("de-am", true, t => $"am {t.Day}. {DeMonths[t.Month - 1]} {t.Year}"),
        new("ko-weekday", false, t => $"{t.Year}년 {t.Month}월 {t.Day}일 {KoDays[(int)t.DayOfWeek]}"),
        new("ko", false, t => $"{t.Year}년 {t.Month}월 {t.Day}일"),
        new("num-dots", false, t => $"{t.Year}.{t.Month:00}.{t.Day:00}"),
        new("num-iso", false, t => $"{t.Year}-{t.Month:00}-{t.Day:00}"),
        new("num-slash", false, t => $"{t.Year}/{t.Month}/{t.Day}"),
        new("num-de", false, t => $"{t.Day}.{t.Month}.{t.Year}"),
    };

    static readonly string[] Cases = { "as-is", "lower", "upper" };

    /// <summary>(form, case) combinations that training never draws.</summary>
    public static readonly string[] HeldOutForms = { "en-short-ordinal/upper", "de-am/lower", "fr-le/upper", "en-the-of/lower" };

    /// <summary>Every (form, case) combination's name.</summary>
    public static IReadOnlyList<string> AllForms { get; } =
        Forms.SelectMany(f => f.Cased ? Cases.Select(c => f.Name + "/" + c) : new[] { f.Name }).ToArray();

    static readonly (Form Form, string Case, string Name)[] Combos =
        Forms.SelectMany(f => f.Cased ? Cases.Select(c => (f, c, f.Name + "/" + c)) : new[] { (f, "as-is", f.Name) }).ToArray();

    static readonly (Form Form, string Case, string Name)[] TrainCombos = Combos.Where(c => !HeldOutForms.Contains(c.Name)).ToArray();
    static readonly (Form Form, string Case, string Name)[] HeldCombos = Combos.Where(c => HeldOutForms.Contains(c.Name)).ToArray();

    static readonly DateTime First = new(1900, 1, 1), Last = new(2099, 12, 31);
    static readonly int Days = (int)(Last - First).TotalDays + 1;

    static DatePair Write(DateTime t, (Form Form, string Case, string Name) c)
    {
        string s = c.Form.Write(t);
        s = c.Case switch { "lower" => s.ToLowerInvariant(), "upper" => s.ToUpperInvariant(), _ => s };
        return new DatePair(s, t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), c.Name, t.Year);
    }

    /// <summary>The vocabulary: pad, unknown, start, end, then every character any form writes, in code-point order.</summary>
    public static IReadOnlyList<string> Vocabulary { get; } = BuildVocabulary();

    static string[] BuildVocabulary()
    {
        var chars = new SortedSet<string>(StringComparer.Ordinal);
        for (int m = 1; m <= 12; m++)
            for (int d = 0; d < 7; d++)
            {
                var t = new DateTime(2000, m, 1).AddDays(d); // every month name, every weekday name
                foreach (var c in Combos)
                    foreach (var ch in Write(t, c).Source.EnumerateRunes())
                        chars.Add(ch.ToString());
            }
        for (char c = '0'; c <= '9'; c++)
            chars.Add(c.ToString());
        chars.Add("-");
        return new[] { "<pad>", "<unk>", "<s>", "</s>" }.Concat(chars).ToArray();
    }

    static readonly Dictionary<string, int> CharIds = Vocabulary.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);

    /// <summary>The ids of a text's characters; characters outside the vocabulary are listed in <paramref name="unknown"/>
    /// (and given the unknown id).</summary>
    /// <param name="text">Text.</param>
    /// <param name="unknown">The characters not in the vocabulary, in order of first appearance.</param>
    public static int[] Encode(string text, out IReadOnlyList<string> unknown)
    {
        var ids = new List<int>();
        var bad = new List<string>();
        foreach (var r in text.EnumerateRunes())
        {
            string s = r.ToString();
            if (CharIds.TryGetValue(s, out int id))
                ids.Add(id);
            else
            {
                ids.Add(Unk);
                if (!bad.Contains(s))
                    bad.Add(s);
            }
        }
        unknown = bad;
        return ids.ToArray();
    }

    /// <summary>Text of ids (the special ids left out).</summary>
    /// <param name="ids">Ids.</param>
    public static string Decode(IEnumerable<int> ids)
    {
        var sb = new StringBuilder();
        foreach (int id in ids)
            if (id > Eos && id < Vocabulary.Count)
                sb.Append(Vocabulary[id]);
        return sb.ToString();
    }

    /// <summary>The held-out pairs: half of their dates from <see cref="HeldOutYears"/>, a third of their forms from
    /// <see cref="HeldOutForms"/>, the rest drawn as training draws.</summary>
    /// <param name="rng">The held-out generator.</param>
    /// <param name="count">Pairs.</param>
    public static DatePair[] HeldOut(Random rng, int count)
    {
        var pairs = new DatePair[count];
        var seen = new HashSet<string>();
        for (int i = 0; i < count; i++)
        {
            DatePair p;
            do
            {
                DateTime t = rng.Next(2) == 0 ? DayIn(rng, HeldOutYears[rng.Next(HeldOutYears.Length)]) : First.AddDays(rng.Next(Days));
                var c = rng.Next(3) == 0 ? HeldCombos[rng.Next(HeldCombos.Length)] : TrainCombos[rng.Next(TrainCombos.Length)];
                p = Write(t, c);
            }
            while (!seen.Add(p.Source));
            pairs[i] = p;
        }
        return pairs;
    }

    static DateTime DayIn(Random rng, int year) => new DateTime(year, 1, 1).AddDays(rng.Next(DateTime.IsLeapYear(year) ? 366 : 365));

    /// <summary>A training batch: dates of years outside <see cref="HeldOutYears"/>, forms outside <see cref="HeldOutForms"/>,
    /// never a held-out pair's source.</summary>
    /// <param name="rng">The step's generator.</param>
    /// <param name="count">Pairs.</param>
    /// <param name="heldOut">The held-out sources.</param>
    public static DatePair[] TrainingBatch(Random rng, int count, IReadOnlySet<string> heldOut)
    {
        var pairs = new DatePair[count];
        for (int i = 0; i < count; i++)
        {
            DatePair p;
            do
            {
                var t = First.AddDays(rng.Next(Days));
                p = Write(t, TrainCombos[rng.Next(TrainCombos.Length)]);
            }
            while (Array.IndexOf(HeldOutYears, p.Year) >= 0 || heldOut.Contains(p.Source));
            pairs[i] = p;
        }
        return pairs;
    }

    /// <summary>A batch as ids: source (Ts, B) padded with <see cref="Pad"/> and its lengths, decoder input (Td, B) = start,
    /// target; target (Td, B) = target, end.</summary>
    /// <param name="pairs">The pairs.</param>
    public static (int[] Source, int Ts, int[] Lengths, int[] DecoderInput, int[] Target, int Td) Ids(IReadOnlyList<DatePair> pairs)
    {
        int b = pairs.Count;
        var src = pairs.Select(p => Encode(p.Source, out _)).ToArray();
        int ts = src.Max(s => s.Length), td = TargetChars + 1;
        var source = new int[ts * b];
        var input = new int[td * b];
        var target = new int[td * b];
        for (int i = 0; i < b; i++)
        {
            for (int t = 0; t < src[i].Length; t++)
                source[t * b + i] = src[i][t];
            var tgt = Encode(pairs[i].Target, out _);
            input[i] = Bos;
            for (int t = 0; t < TargetChars; t++)
            {
                input[(t + 1) * b + i] = tgt[t];
                target[t * b + i] = tgt[t];
            }
            target[TargetChars * b + i] = Eos;
        }
        return (source, ts, src.Select(s => s.Length).ToArray(), input, target, td);
    }
}
