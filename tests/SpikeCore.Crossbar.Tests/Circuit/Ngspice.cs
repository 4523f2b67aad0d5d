using System.Diagnostics;
using System.Globalization;
using SpikeCore.Crossbar.Circuit;

namespace SpikeCore.Crossbar.Tests.Circuit;

/// <summary>Runs ngspice in batch mode on a generated netlist (null when ngspice is not installed and not required).</summary>
internal static class Ngspice
{
    public static string? Executable()
    {
        string? found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "ngspice")).FirstOrDefault(File.Exists);
        Assert.True(found is not null || Environment.GetEnvironmentVariable("SPIKECORE_REQUIRE_NGSPICE") != "1", "SPIKECORE_REQUIRE_NGSPICE=1 but ngspice is not on PATH");
        return found;
    }

    /// <summary>The column currents (µA) ngspice finds for the reference circuit.</summary>
    public static double[] ColumnCurrentsUa(string ngspice, double[] deviceUs, int rows, int columns, CircuitParameters circuit, double[] volts)
    {
        string file = Path.Combine(Path.GetTempPath(), $"spikecore-{Guid.NewGuid():N}.cir");
        try
        {
            using (var w = new StreamWriter(file))
            {
                SpiceNetlist.Write(w, deviceUs, rows, columns, circuit, volts);
            }

            var start = new ProcessStartInfo(ngspice) { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add("-b");
            start.ArgumentList.Add(file);
            using var process = Process.Start(start)!;
            Task<string> error = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd();
            Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "ngspice did not finish in 2 minutes");
            var currents = new double[columns];
            int seen = 0;
            foreach (string line in output.Split('\n'))
            {
                // "i(vout3) = 1.234567890123456e-05"
                string t = line.Trim();
                if (t.StartsWith("i(vout", StringComparison.OrdinalIgnoreCase) && t.Split('=') is [var name, var value])
                {
                    int j = int.Parse(name.Trim()[6..^1], CultureInfo.InvariantCulture);
                    currents[j] = double.Parse(value.Trim(), CultureInfo.InvariantCulture) * 1e6;
                    seen++;
                }
            }

            Assert.True(seen == columns, $"ngspice printed {seen} of {columns} currents; stderr: {error.Result}");
            return currents;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
