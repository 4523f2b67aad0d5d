using System.Globalization;
using SpikeCore.Parameters;

namespace SpikeCore.Models.Devices;

/// <summary>
/// A device defined by measured pulse-response data (model name <c>lookup_table</c>): the conductance after
/// 0, 1, ..., P potentiating pulses from G_min, and after 0, 1, ..., P depressing pulses from G_max. A pulse finds the
/// device's position on the curve of its direction by inverse linear interpolation and moves it by one pulse (NeuroSim's
/// MeasuredDevice; aihwkit's PiecewiseStep). Device-to-device spread scales the pulse count.
/// </summary>
[ComputedParameters(nameof(MinConductanceUs), nameof(MaxConductanceUs), nameof(MaxPulses))]
public sealed record LookupTableDevice : ConductanceDevice
{
    private readonly double[] _potentiationUs = [];
    private readonly double[] _depressionUs = [];

    /// <summary>Creates the device from its two measured curves (each strictly monotonic, G_min and G_max at the ends).</summary>
    public LookupTableDevice(IReadOnlyList<double> potentiationUs, IReadOnlyList<double> depressionUs)
    {
        PotentiationUs = potentiationUs;
        DepressionUs = depressionUs;
    }

    /// <summary>G after 0..P potentiating pulses from G_min; it sets the range (its ends) and P.</summary>
    [Parameter]
    public IReadOnlyList<double> PotentiationUs
    {
        get => _potentiationUs;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            _potentiationUs = [.. value];
            if (_potentiationUs.Length >= 2)
            {
                MinConductanceUs = _potentiationUs[0];
                MaxConductanceUs = _potentiationUs[^1];
                MaxPulses = _potentiationUs.Length - 1;
            }
        }
    }

    /// <summary>G after 0..P depressing pulses from G_max.</summary>
    [Parameter]
    public IReadOnlyList<double> DepressionUs
    {
        get => _depressionUs;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            _depressionUs = [.. value];
        }
    }

    /// <inheritdoc/>
    public override string Name => "lookup_table";

    /// <summary>
    /// Reads a CSV with the header <c>pulse,potentiation_us,depression_us</c> and one row per pulse count 0, 1, ..., P.
    /// Errors are an <see cref="InvalidDataException"/> naming the file, line and problem.
    /// </summary>
    public static LookupTableDevice ReadCsv(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"device table '{path}' does not exist", path);
        }

        using var reader = new StreamReader(path);
        return ParseCsv(reader, path);
    }

    /// <summary>Parses the CSV of <see cref="ReadCsv"/> from <paramref name="reader"/>; <paramref name="name"/> labels errors.</summary>
    public static LookupTableDevice ParseCsv(TextReader reader, string name)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var up = new List<double>();
        var down = new List<double>();
        int lineNumber = 0;
        bool header = false;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            if (!header)
            {
                header = line.Replace(" ", "", StringComparison.Ordinal) == "pulse,potentiation_us,depression_us"
                    ? true
                    : throw new InvalidDataException($"{name}:{lineNumber}: expected the header 'pulse,potentiation_us,depression_us'");
                continue;
            }

            string[] cells = line.Split(',');
            if (cells.Length != 3)
            {
                throw new InvalidDataException($"{name}:{lineNumber}: expected 3 comma-separated values, got {cells.Length}");
            }

            double[] v = new double[3];
            for (int c = 0; c < 3; c++)
            {
                if (!double.TryParse(cells[c], NumberStyles.Float, CultureInfo.InvariantCulture, out v[c]) || !double.IsFinite(v[c]))
                {
                    throw new InvalidDataException($"{name}:{lineNumber}: '{cells[c].Trim()}' is not a finite number");
                }
            }

            if (v[0] != up.Count)
            {
                throw new InvalidDataException($"{name}:{lineNumber}: pulse counts must run 0, 1, 2, ... (expected {up.Count}, got {cells[0].Trim()})");
            }

            up.Add(v[1]);
            down.Add(v[2]);
        }

        if (!header)
        {
            throw new InvalidDataException($"{name}:1: expected the header 'pulse,potentiation_us,depression_us'");
        }

        var device = new LookupTableDevice(up, down);
        var errors = new List<string>();
        device.Validate(errors, name);
        return errors.Count == 0 ? device : throw new InvalidDataException(string.Join("; ", errors));
    }

    /// <inheritdoc/>
    public override double Apply(double conductanceUs, int pulses, double spread = 1)
    {
        double[] curve = pulses >= 0 ? _potentiationUs : _depressionUs;
        double p = Position(curve, conductanceUs) + (Math.Abs(pulses) * spread);
        return Math.Clamp(At(curve, p), MinConductanceUs, MaxConductanceUs);
    }

    /// <summary>Fractional pulse count at which a monotonic curve passes <paramref name="g"/>.</summary>
    private static double Position(double[] curve, double g)
    {
        bool rising = curve[^1] > curve[0];
        for (int k = 0; k < curve.Length - 1; k++)
        {
            double a = curve[k], b = curve[k + 1];
            if (rising ? g <= b : g >= b)
            {
                return k + Math.Clamp((g - a) / (b - a), 0, 1);
            }
        }

        return curve.Length - 1;
    }

    private static double At(double[] curve, double p)
    {
        if (p >= curve.Length - 1)
        {
            return curve[^1];
        }

        int k = (int)p;
        return curve[k] + ((p - k) * (curve[k + 1] - curve[k]));
    }

    /// <inheritdoc/>
    public override void ValidateRules(ICollection<string> errors, string path)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (_potentiationUs.Length < 2 || _depressionUs.Length != _potentiationUs.Length)
        {
            errors.Add($"{path}: needs at least 2 rows and as many depression as potentiation values (got {_potentiationUs.Length} and {_depressionUs.Length})");
            return;
        }

        for (int k = 1; k < _potentiationUs.Length; k++)
        {
            if (!(_potentiationUs[k] > _potentiationUs[k - 1]))
            {
                errors.Add($"{path}.potentiation_us: must rise strictly (pulse {k}: {_potentiationUs[k]} after {_potentiationUs[k - 1]})");
                break;
            }
        }

        for (int k = 1; k < _depressionUs.Length; k++)
        {
            if (!(_depressionUs[k] < _depressionUs[k - 1]))
            {
                errors.Add($"{path}.depression_us: must fall strictly (pulse {k}: {_depressionUs[k]} after {_depressionUs[k - 1]})");
                break;
            }
        }

        if (Math.Abs(_depressionUs[0] - _potentiationUs[^1]) > 1e-9 * Math.Abs(_potentiationUs[^1]) || Math.Abs(_depressionUs[^1] - _potentiationUs[0]) > 1e-9 * Math.Abs(_potentiationUs[0]) + 1e-12)
        {
            errors.Add($"{path}.depression_us: must start at G_max ({_potentiationUs[^1]}) and end at G_min ({_potentiationUs[0]})");
        }

        base.ValidateRules(errors, path);
    }
}
