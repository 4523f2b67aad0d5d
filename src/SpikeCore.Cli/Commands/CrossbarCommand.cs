using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SpikeCore.Crossbar.Circuit;

namespace SpikeCore.Cli.Commands;

/// <summary><c>spikecore crossbar</c>: the array's circuit, reads and programming.</summary>
internal static class CrossbarCommand
{
    public static Command Create() => new("crossbar", "Memristive crossbar arrays: the circuit, reads, programming") { Solve() };

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
            if (circuit.LineResistanceOhm > 0 && FactorBytes(rows, columns) is var bytes && bytes > GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2)
            {
                Console.Error.WriteLine($"crossbar solve: the exact solve of a {rows} x {columns} array needs about {bytes / 1e9:F1} GB, more than half of the {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1e9:F1} GB this process may use");
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

    /// <summary>Bytes the exact solve's factor needs: 2MN unknowns × (2 min(M, N) + 1) doubles.</summary>
    private static double FactorBytes(int rows, int columns) => 2.0 * rows * columns * ((2.0 * Math.Min(rows, columns)) + 1) * sizeof(double);
}
