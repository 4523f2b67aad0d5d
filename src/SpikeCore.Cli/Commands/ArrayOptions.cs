using System.CommandLine;
using SpikeCore.Crossbar.Devices;
using SpikeCore.Crossbar.Mapping;

namespace SpikeCore.Cli.Commands;

/// <summary>The options that put a Hopfield network's couplings into arrays (<c>hopfield</c>, <c>maxcut</c>): preset, read time, wire resistance.</summary>
internal sealed record ArrayOptions(Option<string?> Preset, Option<double> ReadTime, Option<double> LineResistance, Option<double> ReadNoise)
{
    /// <summary>The options, for couplings described as <paramref name="what"/>.</summary>
    public static ArrayOptions Create(string what) => new(
        new Option<string?>("--array") { Description = $"Also run with {what} programmed into arrays of this device preset ({string.Join(", ", DevicePresets.All.Select(p => p.Name))}), beside the ideal couplings" }
            .AcceptOnlyFromAmong([.. DevicePresets.All.Select(p => p.Name)]),
        new Option<double>("--read-time-s") { Description = "With --array: read the arrays this long after programming (pcm_gst drifts)", DefaultValueFactory = _ => 0 }.Within(0, 1e10),
        new Option<double>("--line-resistance-ohm") { Description = "With --array: wire resistance per cell segment (IR drop by the series-path model)", DefaultValueFactory = _ => 0 }.Within(0, 1e4),
        new Option<double>("--read-noise") { Description = "With --array: σ of every device's read conductance, as a fraction of G_max, drawn per device and read", DefaultValueFactory = _ => 0 }.Within(0, 1));

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { Preset, ReadTime, LineResistance, ReadNoise })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The user's choice, or null without --array.</summary>
    public Choice? Read(ParseResult parse) => parse.GetValue(Preset) is { } name
        ? new Choice(DevicePresets.Find(name)!, parse.GetValue(ReadTime), parse.GetValue(LineResistance), parse.GetValue(ReadNoise))
        : null;

    /// <summary>A preset, read time, wire resistance and read noise.</summary>
    public sealed record Choice(DevicePreset Preset, double ReadTimeS, double LineResistanceOhm, double ReadNoise)
    {
        /// <summary>The arrays the couplings go on.</summary>
        public AnalogMatrixConfig Arrays
        {
            get
            {
                AnalogMatrixConfig arrays = AnalogMatrixConfig.For(Preset, LineResistanceOhm);
                return arrays with { Array = arrays.Array with { ReadNoise = ReadNoise } };
            }
        }

        /// <summary>In words.</summary>
        public string Describe() => $"read {ReadTimeS:G3} s after programming, {LineResistanceOhm:G3} ohm per segment, read noise {ReadNoise:P1} of G_max";
    }
}
