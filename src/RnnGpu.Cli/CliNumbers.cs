using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace RnnGpu.Cli;

/// <summary>
/// How the command line reads numbers: in the invariant culture whatever the machine's locale, digits with an optional sign
/// (and for reals a decimal point and exponent), nothing else. A decimal comma (<c>--lr 0,01</c>) or a group separator
/// (<c>--steps 1,000</c>) is refused with a hint instead of being read as a thousands separator, and a value outside the
/// type's range names the flag and the range.
/// </summary>
internal static class CliNumbers
{
    const NumberStyles IntStyle = NumberStyles.AllowLeadingSign;
    const NumberStyles RealStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    /// <summary>Gives <paramref name="option"/> the strict parser for its type (int, long, float, double, nullable or not).</summary>
    /// <typeparam name="T">The option's value type.</typeparam>
    /// <param name="option">The option.</param>
    /// <returns>The same option.</returns>
    public static Option<T> Strict<T>(Option<T> option)
    {
        ArgumentNullException.ThrowIfNull(option);
        var type = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        string name = option.Name;
        option.CustomParser = result =>
        {
            if (result.Tokens.Count == 0)
            {
                result.AddError($"{name} needs a value.");
                return default;
            }
            string token = result.Tokens[^1].Value;
            string? error;
            object? value;
            if (type == typeof(int))
                value = ParseInt(name, token, int.MinValue, int.MaxValue, out error) is long i ? (object)(int)i : null;
            else if (type == typeof(long))
                value = ParseInt(name, token, long.MinValue, long.MaxValue, out error) is long l ? (object)l : null;
            else if (type == typeof(float))
                value = ParseReal(name, token, out error) is double f ? (object)(float)f : null;
            else if (type == typeof(double))
                value = ParseReal(name, token, out error) is double d ? (object)d : null;
            else
                throw new NotSupportedException($"CliNumbers has no parser for {typeof(T)}.");
            if (value is null)
            {
                result.AddError(error!);
                return default;
            }
            return (T)value;
        };
        return option;
    }

    /// <summary>An integer in [min, max], or null with the error naming <paramref name="flag"/>.</summary>
    internal static long? ParseInt(string flag, string token, long min, long max, out string? error)
    {
        error = null;
        if (long.TryParse(token, IntStyle, CultureInfo.InvariantCulture, out long v))
        {
            if (v >= min && v <= max)
                return v;
            error = $"{flag} {token} is out of range ({min}..{max}).";
            return null;
        }
        error = token.Contains(',', StringComparison.Ordinal) || token.Contains('_', StringComparison.Ordinal) || token.Contains('\'', StringComparison.Ordinal)
            ? $"{flag} '{token}' is not an integer: write it with digits only, no group separators (e.g. {Digits(token)})."
            : decimal.TryParse(token, RealStyle, CultureInfo.InvariantCulture, out _) && token.All(c => char.IsAsciiDigit(c) || c is '-' or '+')
                ? $"{flag} {token} is out of range ({min}..{max})."
                : $"{flag} '{token}' is not an integer.";
        return null;
    }

    /// <summary>A real number (float text as the invariant culture writes it; infinities and NaN are left to the range checks
    /// of each option), or null with the error naming <paramref name="flag"/>.</summary>
    internal static double? ParseReal(string flag, string token, out string? error)
    {
        error = null;
        if (double.TryParse(token, RealStyle, CultureInfo.InvariantCulture, out double v))
            return v;
        error = token.Contains(',', StringComparison.Ordinal)
            ? $"{flag} '{token}' is not a number: use a decimal point, not a comma, and no group separators (e.g. {token.Replace(',', '.')})."
            : $"{flag} '{token}' is not a number.";
        return null;
    }

    static string Digits(string token) => new(token.Where(c => char.IsAsciiDigit(c) || c == '-').ToArray());
}
