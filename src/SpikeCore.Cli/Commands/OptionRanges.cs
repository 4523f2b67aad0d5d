using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

namespace SpikeCore.Cli.Commands;

/// <summary>
/// Numeric options checked where they are parsed: a value outside its range (or NaN, or infinite) is a parse error
/// naming the option, its range and the value, which <see cref="Program"/> prints as one line with exit code 2.
/// Upper bounds keep a command from sizing memory or time by an absurd number (a 2·10^9-neuron liquid, a Hopfield
/// matrix of 10^18 entries) and are stated in the help.
/// </summary>
internal static class OptionRanges
{
    /// <summary>Refuses values outside [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static Option<T> Within<T>(this Option<T> option, T min, T max)
        where T : struct, INumber<T> => Within(option, r => Value<T>(r, given: false), min, max);

    /// <summary>Refuses values outside [<paramref name="min"/>, <paramref name="max"/>] when the option is given.</summary>
    public static Option<T?> Within<T>(this Option<T?> option, T min, T max)
        where T : struct, INumber<T> => Within(option, r => Value<T>(r, given: true), min, max);

    private static TOption Within<TOption, T>(TOption option, Func<OptionResult, T?> read, T min, T max)
        where TOption : Option
        where T : struct, INumber<T>
    {
        option.Description += $" (range {Show(min)}..{Show(max)})";
        option.Validators.Add(result =>
        {
            if (read(result) is { } value && !(value >= min && value <= max))
            {
                result.AddError($"{option.Name} must be in [{Show(min)}, {Show(max)}] (got {Show(value)})");
            }
        });
        return option;
    }

    /// <summary>The parsed value, or null when it is not a number at all (the parser has said so already) or, for an option that may be <paramref name="given"/> or not, absent.</summary>
    private static T? Value<T>(OptionResult result, bool given)
        where T : struct
    {
        try
        {
            return given ? result.GetValueOrDefault<T?>() : result.GetValueOrDefault<T>();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The integers of a comma-separated list such as "400,1000", or null when an item is not an integer.</summary>
    public static int[]? CommaIntegers(string text)
    {
        string[] items = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new int[items.Length];
        for (int k = 0; k < items.Length; k++)
        {
            if (!int.TryParse(items[k], NumberStyles.Integer, CultureInfo.InvariantCulture, out values[k]))
            {
                return null;
            }
        }

        return values;
    }

    private static string Show<T>(T value)
        where T : INumber<T> => value.ToString(null, CultureInfo.InvariantCulture);
}
