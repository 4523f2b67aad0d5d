namespace SpikeCore.Reservoir.Tasks;

/// <summary>One spoken-digit recording named the FSDD way, <c>{digit}_{speaker}_{index}.wav</c>.</summary>
/// <param name="Path">The file.</param>
/// <param name="Digit">The digit spoken, 0-9.</param>
/// <param name="Speaker">Who spoke it.</param>
/// <param name="Index">The take, 0-based.</param>
public sealed record DigitRecording(string Path, int Digit, string Speaker, int Index)
{
    /// <summary>Parses an FSDD file name, or returns null when the name does not follow the convention.</summary>
    public static DigitRecording? FromPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string name = System.IO.Path.GetFileNameWithoutExtension(path);
        string[] parts = name.Split('_');
        if (!System.IO.Path.GetExtension(path).Equals(".wav", StringComparison.OrdinalIgnoreCase) || parts.Length != 3
            || parts[0].Length != 1 || !char.IsAsciiDigit(parts[0][0]) || parts[1].Length == 0
            || !int.TryParse(parts[2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int index))
        {
            return null;
        }

        return new DigitRecording(path, parts[0][0] - '0', parts[1], index);
    }
}
