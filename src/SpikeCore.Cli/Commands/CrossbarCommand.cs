using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SpikeCore.Crossbar.Arrays;
using SpikeCore.Crossbar.Circuit;
using SpikeCore.Crossbar.Converters;
using SpikeCore.Crossbar.Devices;
using SpikeCore.Crossbar.Mapping;
using SpikeCore.Output;
using SpikeCore.Random;

namespace SpikeCore.Cli.Commands;

/// <summary><c>spikecore crossbar</c>: the array's circuit, reads and programming.</summary>
internal static class CrossbarCommand
{
    public static Command Create() => new("crossbar", "Memristive crossbar arrays: the circuit, reads, programming") { Solve(), Vmm(), Sweep() };

    /// <summary><c>crossbar sweep</c>: the error of analog products against wire resistance and array size, and against ADC bits.</summary>
    private static Command Sweep()
    {
        var preset = new Option<string>("--preset") { Description = "Device technology (spikecore device presets)", DefaultValueFactory = _ => "table1_target" };
        var inputs = new Option<int>("--inputs") { Description = "Random input vectors per point", DefaultValueFactory = _ => 50 }.Within(1, 100_000);
        var seed = new Option<ulong>("--seed") { Description = "Seed of the weights, inputs and devices", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var output = new Option<string?>("--out") { Description = "Folder for sweep.csv and sweep.png (default: out/crossbar-sweep)" };
        var command = new Command("sweep", "Error of analog products against line resistance and array size (exact solve) and against ADC bits: CSV and PNG") { preset, inputs, seed, json, output };
        command.SetAction(parse =>
        {
            if (Preset("crossbar sweep", parse.GetValue(preset)!) is not { } device)
            {
                return 2;
            }

            return RunSweep(device, parse.GetValue(inputs), parse.GetValue(seed), parse.GetValue(json), parse.GetValue(output) ?? Path.Combine("out", "crossbar-sweep"));
        });
        return command;
    }

    private static int RunSweep(DevicePreset device, int reads, ulong seed, bool json, string outFolder)
    {
        Directory.CreateDirectory(outFolder); // an unwritable folder fails before the work, not after it
        int[] sizes = [32, 64, 128];
        double[] resistances = [0, 0.5, 1, 2.5, 5, 10];
        int[] bits = [4, 5, 6, 7, 8, 9, 10];
        var rows = new List<(string Kind, int Size, double LineOhm, int AdcBits, VmmResult Result)>();
        var points = new List<(string Kind, int Size, double LineOhm, int AdcBits)>();
        points.AddRange(sizes.SelectMany(n => resistances.Select(r => ("line_resistance", n, r, 0))));
        points.AddRange(bits.Select(b => ("adc_bits", 128, 0.0, b)));
        Progress.Run($"{points.Count} points", !json, progress =>
        {
            foreach ((string kind, int size, double r, int b) in points)
            {
                var config = new AnalogMatrixConfig
                {
                    Array = new ArrayConfig { Preset = device, Circuit = new CircuitParameters(r), IrDrop = IrDropModel.Exact },
                    Adc = new Converter(b),
                };
                rows.Add((kind, size, r, b, VmmResult.Measure(config, size, size, reads, seed)));
                progress?.Report(rows.Count / (double)points.Count);
            }
        });

        string csv = Path.Combine(outFolder, "sweep.csv"), png = Path.Combine(outFolder, "sweep.png");
        using (var w = new StreamWriter(csv))
        {
            w.WriteLine("kind,size,line_resistance_ohm,adc_bits,relative_rms_error,equivalent_bits,energy_per_read_j,reads_per_s");
            foreach (var (kind, size, r, b, result) in rows)
            {
                w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{kind},{size},{r},{b},{result.RelativeRmsError:R},{result.EquivalentBits:R},{result.EnergyPerReadJ:R},{result.ReadsPerS:R}"));
            }
        }

        Plots.Lines(
        [
            new LinePanel($"{device.Name}: error against line resistance (exact solve, ideal converters)", "line resistance per cell (ohm)", "relative rms error",
                [.. sizes.Select(n => ($"{n} x {n}", resistances, rows.Where(x => x.Kind == "line_resistance" && x.Size == n).Select(x => x.Result.RelativeRmsError).ToArray()))]),
            new LinePanel($"{device.Name}: 128 x 128, r = 0, error against ADC bits", "ADC bits", "equivalent bits",
                [("equivalent bits", bits.Select(b => (double)b).ToArray(), rows.Where(x => x.Kind == "adc_bits").Select(x => x.Result.EquivalentBits).ToArray())]),
        ], png);
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                preset = device.Name,
                inputs = reads,
                points = rows.Select(x => new { kind = x.Kind, size = x.Size, line_resistance_ohm = x.LineOhm, adc_bits = x.AdcBits, relative_rms_error = x.Result.RelativeRmsError, equivalent_bits = x.Result.EquivalentBits }),
                csv,
                plot = png,
            }, CliJson.Options));
            return 0;
        }

        Console.WriteLine($"{device.Name}, {reads} random inputs per point, weights uniform in [-1, 1] on differential pairs, write-verify:");
        Console.WriteLine($"  {"size",9} " + string.Join(" ", resistances.Select(r => $"{r + " ohm",9}")));
        foreach (int n in sizes)
        {
            Console.WriteLine($"  {n + " x " + n,9} " + string.Join(" ", rows.Where(x => x.Kind == "line_resistance" && x.Size == n).Select(x => $"{x.Result.RelativeRmsError,9:G3}")));
        }

        Console.WriteLine($"  128 x 128, r = 0, ADC bits -> equivalent bits: " + string.Join(", ", rows.Where(x => x.Kind == "adc_bits").Select(x => $"{x.AdcBits}: {x.Result.EquivalentBits:F2}")));
        Console.WriteLine($"wrote {csv} and {png}");
        return 0;
    }

    /// <summary>
    /// <c>crossbar vmm</c>: programs a random weight matrix (uniform in [−1, 1], differential pairs) by write-verify and
    /// reads random inputs (uniform in [0, 1]); reports the error against the ideal product of the target weights.
    /// </summary>
    private static Command Vmm()
    {
        var preset = new Option<string>("--preset") { Description = "Device technology (spikecore device presets)", DefaultValueFactory = _ => "table1_target" };
        var rows = new Option<int>("--rows") { Description = "Inputs M", DefaultValueFactory = _ => 128 }.Within(1, 65_536);
        var cols = new Option<int>("--cols") { Description = "Outputs N (2N devices per row: differential pairs)", DefaultValueFactory = _ => 128 }.Within(1, 65_536);
        var line = new Option<double>("--line-resistance-ohm") { Description = "Wire resistance per cell pitch", DefaultValueFactory = _ => 0 }.Within(0.0, 1e6);
        var access = new Option<double>("--access-resistance-ohm") { Description = "1T1R access transistor (0: passive)" }.Within(0.0, 1e12);
        var irDrop = new Option<string>("--ir-drop") { Description = "none, series, analytic or exact", DefaultValueFactory = _ => "exact" };
        var adcBits = new Option<int>("--adc-bits") { Description = "Output ADC bits (0: ideal)", DefaultValueFactory = _ => 0 }.Within(0, 24);
        var dacBits = new Option<int>("--dac-bits") { Description = "Input DAC bits (0: ideal)", DefaultValueFactory = _ => 0 }.Within(0, 24);
        var inputs = new Option<int>("--inputs") { Description = "Random input vectors read", DefaultValueFactory = _ => 100 }.Within(1, 1_000_000);
        var tile = new Option<int>("--tile") { Description = "Tile rows and columns", DefaultValueFactory = _ => 256 }.Within(2, 4096);
        var readNoise = new Option<double>("--read-noise") { Description = "Read noise σ as a fraction of G_max per device" }.Within(0.0, 10.0);
        var seed = new Option<ulong>("--seed") { Description = "Seed of the weights, inputs and devices", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var command = new Command("vmm", "Program a random weight matrix into arrays of a preset by write-verify, read random inputs: error, equivalent bits, pulses, energy, speed")
        {
            preset, rows, cols, line, access, irDrop, adcBits, dacBits, inputs, tile, readNoise, seed, json,
        };
        command.SetAction(parse =>
        {
            if (Preset("crossbar vmm", parse.GetValue(preset)!) is not { } device)
            {
                return 2;
            }

            if (!Enum.TryParse(parse.GetValue(irDrop), ignoreCase: true, out IrDropModel model) || !Enum.IsDefined(model) || int.TryParse(parse.GetValue(irDrop), out _))
            {
                Console.Error.WriteLine($"crossbar vmm: --ir-drop must be none, series, analytic or exact (got {parse.GetValue(irDrop)})");
                return 2;
            }

            var config = new AnalogMatrixConfig
            {
                Array = new ArrayConfig { Preset = device, Circuit = new CircuitParameters(parse.GetValue(line), parse.GetValue(access)), IrDrop = model, ReadNoise = parse.GetValue(readNoise) },
                TileRows = parse.GetValue(tile),
                TileColumns = parse.GetValue(tile),
                Adc = new Converter(parse.GetValue(adcBits)),
                Dac = new Converter(parse.GetValue(dacBits), 1, 1),
            };
            if (config.Problem() is { } problem)
            {
                Console.Error.WriteLine($"crossbar vmm: {problem}");
                return 2;
            }

            int m = parse.GetValue(rows), n = parse.GetValue(cols), tileSize = parse.GetValue(tile);
            // Two devices per weight, each about 100 bytes of state (conductance, spread, stream, pulses, failure
            // count, drift), plus the weights and the exact solve's factor of one tile.
            double devicesBytes = (double)m * n * ((2 * DeviceBytes) + sizeof(double));
            if (!FitsInMemory("crossbar vmm", devicesBytes, $"{m} x {n} weights on arrays")
                || (model == IrDropModel.Exact && config.Array.Circuit.LineResistanceOhm > 0
                    && !FitsInMemory("crossbar vmm", NodalSolver.FactorBytes(Math.Min(m, tileSize), Math.Min(2 * n, tileSize)), $"the exact solve of a {tileSize} x {tileSize} tile (use smaller tiles)")))
            {
                return 2;
            }

            return RunVmm(config, device.Name, m, n, parse.GetValue(inputs), parse.GetValue(seed), parse.GetValue(json));
        });
        return command;
    }

    private static int RunVmm(AnalogMatrixConfig config, string preset, int m, int n, int reads, ulong seed, bool json)
    {
        VmmResult r = default!;
        Progress.Run($"{m} x {n} weights: programming, {reads} reads", !json, progress => r = VmmResult.Measure(config, m, n, reads, seed, progress));
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                preset,
                rows = m,
                cols = n,
                tiles = r.Tiles,
                line_resistance_ohm = config.Array.Circuit.LineResistanceOhm,
                ir_drop = config.Array.IrDrop.ToString().ToLowerInvariant(),
                adc_bits = config.Adc.Bits,
                dac_bits = config.Dac.Bits,
                inputs = reads,
                relative_rms_error = r.RelativeRmsError,
                equivalent_bits = r.EquivalentBits,
                programming_pulses = r.Programming.Pulses,
                programming_rms_error_us = r.Programming.RmsErrorUs,
                programming_energy_j = r.Programming.EnergyJ,
                energy_per_read_j = r.EnergyPerReadJ,
                reads_per_s = r.ReadsPerS,
                programming_s = r.ProgrammingS,
            }, CliJson.Options));
            return 0;
        }

        Console.WriteLine($"{preset}: {m} x {n} weights on {r.Tiles} tile(s), r = {config.Array.Circuit.LineResistanceOhm} ohm ({config.Array.IrDrop}), ADC {Bits(config.Adc.Bits)}, DAC {Bits(config.Dac.Bits)}");
        Console.WriteLine($"  programmed by write-verify: {r.Programming.Pulses} pulses, rms error {r.Programming.RmsErrorUs:G3} µS, {r.Programming.EnergyJ:G3} J, {r.ProgrammingS:F2} s");
        Console.WriteLine($"  {reads} reads: relative rms error {r.RelativeRmsError:G4}, {r.EquivalentBits:F2} equivalent bits, {r.EnergyPerReadJ:G3} J per read, {r.ReadsPerS:G4} reads/s");
        return 0;
    }

    /// <summary>The preset named <paramref name="name"/>, or null after one line naming the known ones.</summary>
    private static DevicePreset? Preset(string command, string name)
    {
        DevicePreset? preset = DevicePresets.Find(name);
        if (preset is null)
        {
            Console.Error.WriteLine($"{command}: unknown preset '{name}' (known: {string.Join(", ", DevicePresets.All.Select(p => p.Name))})");
        }

        return preset;
    }

    private static string Bits(int bits) => bits == 0 ? "ideal" : $"{bits} bits";

    /// <summary><c>crossbar solve</c>: the column currents of the reference circuit for given conductances and row voltages.</summary>
    private static Command Solve()
    {
        var conductances = new Option<string>("--conductances") { Description = "CSV of device conductances in µS: M rows of N comma-separated values", Required = true };
        var inputs = new Option<string>("--inputs") { Description = "Row voltages in V: M values separated by commas or newlines", Required = true };
        var line = new Option<double>("--line-resistance-ohm") { Description = "Wire resistance per cell pitch (0: the ideal product)", Required = true }.Within(0.0, 1e9);
        var access = new Option<double>("--access-resistance-ohm") { Description = "1T1R access transistor in series with each device (0: passive)" }.Within(0.0, 1e12);
        var spice = new Option<string?>("--spice") { Description = "Also write the circuit as a SPICE netlist to this file (ngspice -b FILE)" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var command = new Command("solve", "Column currents of the reference circuit (row drivers, wire segments, access transistors, virtual-ground columns), solved exactly")
        {
            conductances, inputs, line, access, spice, json,
        };
        command.SetAction(parse =>
        {
            (double[] g, int rows, int columns) = MatrixCsv.Read(parse.GetValue(conductances)!);
            (double[] v, int vRows, int vColumns) = MatrixCsv.Read(parse.GetValue(inputs)!);
            if (vRows != 1 && vColumns != 1 || v.Length != rows)
            {
                Console.Error.WriteLine($"crossbar solve: --inputs must hold one voltage per row of the array ({rows}), got {vRows} x {vColumns}");
                return 2;
            }

            if (g.FirstOrDefault(x => x < 0) is < 0 and var negative)
            {
                Console.Error.WriteLine($"crossbar solve: conductances must be >= 0 µS (got {negative})");
                return 2;
            }

            var circuit = new CircuitParameters(parse.GetValue(line), parse.GetValue(access));
            if (circuit.LineResistanceOhm > 0 && !FitsInMemory("crossbar solve", NodalSolver.FactorBytes(rows, columns), $"the exact solve of a {rows} x {columns} array"))
            {
                return 2;
            }

            if (parse.GetValue(spice) is { } netlist)
            {
                using var w = new StreamWriter(netlist);
                SpiceNetlist.Write(w, g, rows, columns, circuit, v);
            }

            var currents = new double[columns];
            var clock = Stopwatch.StartNew();
            if (circuit.LineResistanceOhm == 0)
            {
                IdealProduct.Multiply([.. g.Select(circuit.CellConductanceUs)], rows, v, currents);
            }
            else
            {
                new NodalSolver(g, rows, columns, circuit).Solve(v, currents);
            }

            double seconds = clock.Elapsed.TotalSeconds;
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new { rows, columns, line_resistance_ohm = circuit.LineResistanceOhm, access_resistance_ohm = circuit.AccessResistanceOhm, currents_ua = currents, solve_s = seconds }, CliJson.Options));
                return 0;
            }

            Console.WriteLine($"{rows} x {columns} array, r = {circuit.LineResistanceOhm} ohm, R_access = {circuit.AccessResistanceOhm} ohm, solved in {seconds * 1e3:F1} ms; column currents (µA):");
            Console.WriteLine(string.Join(",", currents.Select(c => c.ToString("R", CultureInfo.InvariantCulture))));
            return 0;
        });
        return command;
    }

    /// <summary>An upper estimate of one device's state in an array (bytes).</summary>
    private const int DeviceBytes = 112;

    /// <summary>Whether <paramref name="bytes"/> fit in half the memory this process may use; else one line naming <paramref name="what"/>.</summary>
    private static bool FitsInMemory(string command, double bytes, string what)
    {
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if (bytes <= available / 2)
        {
            return true;
        }

        Console.Error.WriteLine($"{command}: {what} needs about {bytes / 1e9:F1} GB, more than half of the {available / 1e9:F1} GB this process may use");
        return false;
    }
}
