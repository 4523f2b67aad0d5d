using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SpikeCore.Crossbar.Devices;
using SpikeCore.Output;

namespace SpikeCore.Cli.Commands;

/// <summary><c>spikecore device presets</c>: the device technology presets beside the review's Table 1 targets, and their update curves.</summary>
internal static class DeviceCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var output = new Option<string?>("--out") { Description = "Folder for device-presets.png (default: out/device-presets)" };
        var presets = new Command("presets", "Device technology presets beside the review's Table 1 targets, with their potentiation and depression curves") { json, output };
        presets.SetAction(parse => Presets(parse.GetValue(json), parse.GetValue(output) ?? Path.Combine("out", "device-presets")));
        return new Command("device", "Synaptic device technologies") { presets };
    }

    private static int Presets(bool json, string outFolder)
    {
        Directory.CreateDirectory(outFolder);
        string png = Path.Combine(outFolder, "device-presets.png");
        Plots.Lines([Panel(potentiate: true), Panel(potentiate: false)], png);
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                table1_targets = Table1.Targets.ToDictionary(t => t, Table1.Describe),
                presets = DevicePresets.All.Select(p => new
                {
                    name = p.Name,
                    technology = p.Technology,
                    source = p.Source,
                    g_min_us = p.Device.MinConductanceUs,
                    g_max_us = p.Device.MaxConductanceUs,
                    on_off_ratio = double.IsInfinity(p.OnOffRatio) ? (double?)null : p.OnOffRatio,
                    levels = p.Levels,
                    depression_levels = p.Device.PulsesAcrossRange(potentiating: false),
                    nl_potentiation = p.PotentiationNonlinearity,
                    nl_depression = p.DepressionNonlinearity,
                    c2c_sigma = p.Device.CycleToCycleSigma,
                    d2d_sigma = p.Device.DeviceToDeviceSigma,
                    write_voltage_v = p.WriteVoltageV,
                    erase_voltage_v = p.EraseVoltageV,
                    write_pulse_s = p.WritePulseS,
                    read_voltage_v = p.ReadVoltageV,
                    write_energy_fj = p.WriteEnergyFj,
                    write_energy_stated = p.StatedWriteEnergyFj is not null,
                    endurance_cycles = p.EnduranceCycles,
                    retention_s = p.RetentionS,
                    drift = p.Drift is not null,
                    meets_table1 = Table1.Met(p),
                }),
                plot = png,
            }, CliJson.Options));
            return 0;
        }

        static string F(double? x, string format) => x is { } v ? (double.IsInfinity(v) ? "inf" : v.ToString(format, CultureInfo.InvariantCulture)) : "-";
        Console.WriteLine($"{"preset",-16} {"technology",-30} {"on/off",7} {"levels",7} {"NL +/-",12} {"c2c",5} {"write",14} {"fJ/pulse",9} {"endurance",9} {"retention",9}  meets Table 1");
        Console.WriteLine($"{"Table 1 target",-16} {"",-30} {">=100",7} {">=64",7} {"<4 / >-4",12} {"",5} {"",14} {"<=10",9} {">=1e9",9} {">=10 y",9}");
        foreach (DevicePreset p in DevicePresets.All)
        {
            string levels = $"{p.Levels}/{p.Device.PulsesAcrossRange(potentiating: false)}";
            string nl = $"{F(p.PotentiationNonlinearity, "0.##")}/{F(p.DepressionNonlinearity, "0.##")}";
            string write = $"{F(p.WriteVoltageV, "0.#")} V {Duration(p.WritePulseS)}";
            string retention = p.Drift is not null ? "drift" : p.RetentionS is { } r ? $"{r / (365.25 * 86400):0.#} y" : "-";
            Console.WriteLine($"{p.Name,-16} {p.Technology,-30} {F(p.OnOffRatio, "0.##"),7} {levels,7} {nl,12} {F(p.Device.CycleToCycleSigma * 100, "0.#") + "%",5} {write,14} {(p.StatedWriteEnergyFj is null ? "~" : "") + F(p.WriteEnergyFj, p.WriteEnergyFj < 100 ? "0.##" : "0"),9} {F(p.EnduranceCycles, "0e0"),9} {retention,9}  {string.Join(", ", Table1.Met(p))}");
        }

        Console.WriteLine("~: estimated as V_w^2 G_mid t_w (the source states no write energy)");
        Console.WriteLine($"wrote {png}");
        return 0;
    }

    private static string Duration(double seconds) => seconds >= 1e-3 ? $"{seconds * 1e3:0.#} ms" : seconds >= 1e-6 ? $"{seconds * 1e6:0.#} us" : $"{seconds * 1e9:0.#} ns";

    /// <summary>
    /// Every preset's noiseless curve, normalised: (G − G_min)/(G_max − G_min) against pulses/(pulses across the range);
    /// a one-pulse RESET is not a curve and is left out of the depression panel.
    /// </summary>
    private static LinePanel Panel(bool potentiate) => new(
        potentiate ? "Potentiation from G_min" : "Depression from G_max (" + string.Join(", ", DevicePresets.All.Where(p => p.Device.PulsesAcrossRange(false) == 1).Select(p => p.Name)) + ": one RESET pulse, not drawn)",
        "pulse / pulses across the range",
        "(G - G_min) / (G_max - G_min)",
        [.. DevicePresets.All.Where(p => potentiate || p.Device.PulsesAcrossRange(false) > 1).Select(p =>
        {
            var d = p.Device;
            int n = d.PulsesAcrossRange(potentiate);
            double[] g = new double[n + 1], x = new double[n + 1];
            g[0] = potentiate ? d.MinConductanceUs : d.MaxConductanceUs;
            for (int k = 0; k <= n; k++)
            {
                g[k] = k == 0 ? g[0] : d.Apply(g[k - 1], potentiate ? 1 : -1);
                x[k] = (double)k / n;
            }

            return (p.Name, x, g.Select(v => (v - d.MinConductanceUs) / d.RangeUs).ToArray());
        })]);
}
