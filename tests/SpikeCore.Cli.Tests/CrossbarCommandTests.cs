using System.Globalization;
using System.Text.Json;

namespace SpikeCore.Cli.Tests;

/// <summary><c>spikecore device</c> and <c>spikecore crossbar</c> (part of <see cref="CommandLineTests"/>, so that console capture stays sequential).</summary>
public sealed partial class CommandLineTests
{
    [Fact]
    public void Device_presets_json_lists_every_preset_with_the_documented_fields_and_draws_the_curves()
    {
        string folder = Path.Combine(_folder, "presets");
        (int code, string text, string error) = Invoke("device", "presets", "--json", "--out", folder);
        Assert.True(code == 0, error);
        using JsonDocument doc = JsonDocument.Parse(text);
        JsonElement presets = doc.RootElement.GetProperty("presets");
        Assert.True(presets.GetArrayLength() >= 6);
        foreach (JsonElement p in presets.EnumerateArray())
        {
            foreach (string field in new[] { "name", "technology", "source", "on_off_ratio", "levels", "nl_potentiation", "nl_depression", "write_energy_fj", "endurance_cycles", "retention_s", "meets_table1" })
            {
                Assert.True(p.TryGetProperty(field, out _), $"{p.GetProperty("name")}: missing {field}");
            }
        }

        JsonElement ag = presets.EnumerateArray().First(p => p.GetProperty("name").GetString() == "ag_si");
        Assert.Equal(12.5, ag.GetProperty("on_off_ratio").GetDouble(), 9);
        Assert.Equal(-4.88, ag.GetProperty("nl_depression").GetDouble());
        JsonElement target = presets.EnumerateArray().First(p => p.GetProperty("name").GetString() == "table1_target");
        Assert.Equal(7, target.GetProperty("meets_table1").GetArrayLength());
        Assert.Equal("<= 10 fJ", doc.RootElement.GetProperty("table1_targets").GetProperty("write_energy").GetString());
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(Path.Combine(folder, "device-presets.png"))[..4]);
    }

    [Fact]
    public void Crossbar_solve_gives_the_ideal_product_at_zero_resistance_and_less_with_wires_and_refuses_bad_files_in_one_line()
    {
        string g = Path.Combine(_folder, "g.csv"), v = Path.Combine(_folder, "v.csv");
        File.WriteAllText(g, "10,20,30\n40,50,60\n");
        File.WriteAllText(v, "0.1,0.2\n");
        (int code, string text, _) = Invoke("crossbar", "solve", "--conductances", g, "--inputs", v, "--line-resistance-ohm", "0", "--json");
        Assert.Equal(0, code);
        double[] ideal = [.. JsonDocument.Parse(text).RootElement.GetProperty("currents_ua").EnumerateArray().Select(e => e.GetDouble())];
        Assert.Equal([9.0, 12, 15], ideal.Select(x => Math.Round(x, 12))); // 0.1·10 + 0.2·40, ...
        (code, text, _) = Invoke("crossbar", "solve", "--conductances", g, "--inputs", v, "--line-resistance-ohm", "2", "--json");
        Assert.Equal(0, code);
        double[] wired = [.. JsonDocument.Parse(text).RootElement.GetProperty("currents_ua").EnumerateArray().Select(e => e.GetDouble())];
        Assert.All(Enumerable.Range(0, 3), j => Assert.InRange(wired[j], 0.99 * ideal[j], ideal[j] * (1 - 1e-6)));

        File.WriteAllText(Path.Combine(_folder, "ragged.csv"), "1,2\n3\n");
        File.WriteAllText(Path.Combine(_folder, "nan.csv"), "1,NaN\n3,4\n");
        File.WriteAllText(Path.Combine(_folder, "negative.csv"), "1,-2\n3,4\n");
        File.WriteAllText(Path.Combine(_folder, "v3.csv"), "0.1\n0.2\n0.3\n");
        foreach ((string gFile, string vFile, string message) in new[]
        {
            ("ragged.csv", "v.csv", "ragged.csv:2: 1 values, but the first row has 2"),
            ("nan.csv", "v.csv", "nan.csv:1: 'NaN' is not a finite number"),
            ("negative.csv", "v.csv", "conductances must be >= 0"),
            ("g.csv", "v3.csv", "one voltage per row of the array (2)"),
            ("missing.csv", "v.csv", "does not exist"),
        })
        {
            (code, text, string error) = Invoke("crossbar", "solve", "--conductances", Path.Combine(_folder, gFile), "--inputs", Path.Combine(_folder, vFile), "--line-resistance-ohm", "1");
            Assert.Equal(2, code);
            Assert.Contains(message, error, StringComparison.Ordinal);
            Assert.Single(error.Trim().Split('\n'));
        }
    }

    [Fact]
    public void Crossbar_vmm_json_reports_every_documented_field_and_wires_cost_accuracy()
    {
        double Error(string lineOhm, out JsonElement root)
        {
            (int code, string text, string error) = Invoke("crossbar", "vmm", "--preset", "neurosim_target", "--rows", "48", "--cols", "32", "--line-resistance-ohm", lineOhm, "--ir-drop", "exact", "--inputs", "10", "--json");
            Assert.True(code == 0, error);
            root = JsonDocument.Parse(text).RootElement.Clone();
            return root.GetProperty("relative_rms_error").GetDouble();
        }

        double clean = Error("0", out JsonElement root), wired = Error("10", out _);
        foreach (string field in new[] { "relative_rms_error", "equivalent_bits", "programming_pulses", "energy_per_read_j", "reads_per_s", "programming_s" })
        {
            Assert.True(root.TryGetProperty(field, out JsonElement value) && value.GetDouble() > 0, $"{field} missing or not positive");
        }

        Assert.True(wired > 2 * clean, $"{clean} without wires, {wired} with 10 ohm");
        Assert.Equal(2, Invoke("crossbar", "vmm", "--preset", "nope").Code);
        Assert.Equal(2, Invoke("crossbar", "vmm", "--ir-drop", "1").Code);
        Assert.Equal(2, Invoke("crossbar", "vmm", "--rows", "0").Code);
        (int big, _, string bigError) = Invoke("crossbar", "vmm", "--rows", "65536", "--cols", "65536");
        Assert.Equal(2, big);
        Assert.Contains("65536 x 65536 weights on arrays needs about", bigError, StringComparison.Ordinal);
        Assert.Single(bigError.Trim().Split('\n'));
    }

    [Fact]
    public void Crossbar_sweep_writes_the_error_against_line_resistance_and_adc_bits()
    {
        string folder = Path.Combine(_folder, "sweep");
        (int code, _, string error) = Invoke("crossbar", "sweep", "--inputs", "3", "--out", folder);
        Assert.True(code == 0, error);
        string[][] rows = [.. File.ReadAllLines(Path.Combine(folder, "sweep.csv")).Skip(1).Select(l => l.Split(','))];
        Assert.Equal(18 + 7, rows.Length);
        double[] largest = [.. rows.Where(r => r[0] == "line_resistance" && r[1] == "128").Select(r => double.Parse(r[4], CultureInfo.InvariantCulture))];
        Assert.Equal(largest.Order(), largest); // more wire resistance, more error (Hu et al. 2016's direction)
        Assert.True(largest[^1] > 10 * largest[0]);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(Path.Combine(folder, "sweep.png"))[..4]);
    }
}
