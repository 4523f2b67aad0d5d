using System.Text.Json;

namespace SpikeCore.Cli.Tests;

/// <summary>Computing on arrays (<c>kmeans</c>, <c>pde</c>, <c>linsolve</c>, <c>lca</c>, Hopfield couplings) and the device ring and echo-state reference of <c>narma</c> (part of <see cref="CommandLineTests"/>, so that console capture stays sequential).</summary>
public sealed partial class CommandLineTests
{
    private static JsonElement Json(params string[] args)
    {
        (int code, string text, string error) = Invoke(args);
        Assert.True(code == 0, error);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public void Kmeans_json_reports_array_and_float_accuracy_and_energy()
    {
        JsonElement r = Json("kmeans", "--data", "iris", "--restarts", "2", "--epochs", "3", "--json", "--out", Path.Combine(_folder, "kmeans"));
        foreach (string field in new[] { "accuracy", "reference_accuracy", "energy_j" })
        {
            Assert.InRange(r.GetProperty(field).GetDouble(), 1e-15, 1);
        }

        Assert.Equal(2, r.GetProperty("runs").GetArrayLength());
        Assert.True(File.Exists(Path.Combine(_folder, "kmeans", "kmeans.png")));
    }

    [Fact]
    public void Kmeans_refuses_a_missing_data_folder_in_one_line()
    {
        (int code, _, string error) = Invoke("kmeans", "--data-dir", Path.Combine(_folder, "nowhere"), "--out", _folder);
        Assert.Equal(2, code);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains("iris.csv", error);
    }

    [Fact]
    public void Pde_json_reports_residual_error_iterations_reads_and_energy_for_both_problems()
    {
        JsonElement poisson = Json("pde", "--problem", "poisson", "--grid", "16", "--tile", "32", "--json", "--out", Path.Combine(_folder, "pde"));
        Assert.True(poisson.GetProperty("relative_residual").GetDouble() <= 1e-8);
        Assert.True(poisson.GetProperty("relative_error").GetDouble() < 1e-6);
        Assert.True(poisson.GetProperty("iterations").GetInt32() > 0 && poisson.GetProperty("reads").GetInt64() > 0 && poisson.GetProperty("energy_j").GetDouble() > 0);
        JsonElement wave = Json("pde", "--problem", "wave", "--grid", "8", "--steps", "20", "--json", "--out", Path.Combine(_folder, "pde"));
        Assert.Equal(20, wave.GetProperty("iterations").GetInt32());
        Assert.True(wave.GetProperty("relative_error").GetDouble() < 1e-9);
        Assert.True(File.Exists(Path.Combine(_folder, "pde", "pde.png")));
    }

    [Fact]
    public void Linsolve_json_reports_error_settling_time_and_the_sweep()
    {
        foreach (string problem in new[] { "system", "pagerank" })
        {
            JsonElement r = Json("linsolve", "--problem", problem, "--size", "6", "--json", "--out", Path.Combine(_folder, "linsolve"));
            Assert.InRange(r.GetProperty("relative_error").GetDouble(), 1e-12, 1);
            Assert.InRange(r.GetProperty("settling_time_s").GetDouble(), 1e-12, 1);
            Assert.Equal(20, r.GetProperty("sweep").GetArrayLength());
        }

        Assert.True(File.Exists(Path.Combine(_folder, "linsolve", "linsolve.png")));
    }

    [Fact]
    public void Hopfield_and_maxcut_run_on_arrays_beside_the_ideal_couplings()
    {
        JsonElement hopfield = Json("hopfield", "--neurons", "60", "--points", "3", "--trials", "1", "--recalls", "3", "--array", "table1_target", "--read-noise", "0.01", "--json", "--out", Path.Combine(_folder, "hopfield"));
        JsonElement array = hopfield.GetProperty("array");
        Assert.Equal("table1_target", array.GetProperty("preset").GetString());
        Assert.Equal(0.01, array.GetProperty("read_noise").GetDouble());
        Assert.Equal(3, array.GetProperty("loads").GetArrayLength());
        Assert.True(array.GetProperty("energy_j").GetDouble() > 0);

        string graph = Path.Combine(_folder, "ring.txt");
        File.WriteAllText(graph, "6 6\n1 2 1\n2 3 1\n3 4 1\n4 5 1\n5 6 1\n6 1 1\n");
        JsonElement cut = Json("maxcut", graph, "--runs", "2", "--updates-per-spin", "50", "--array", "ag_si", "--json");
        Assert.Equal(6, cut.GetProperty("best_cut").GetInt64());
        Assert.Equal(6, cut.GetProperty("array").GetProperty("best_cut").GetInt64());
        (int code, _, string error) = Invoke("maxcut", graph, "--solver", "sa", "--array", "ag_si");
        Assert.Equal(2, code);
        Assert.Contains("--array", error);
    }

    [Fact]
    public void Lca_json_reports_objective_against_fista_sparsity_error_and_energy()
    {
        JsonElement r = Json("lca", "--atoms", "32", "--patches", "5", "--iterations", "60", "--json", "--out", Path.Combine(_folder, "lca"));
        double objective = r.GetProperty("objective").GetDouble(), reference = r.GetProperty("reference_objective").GetDouble();
        Assert.True(objective >= reference * (1 - 1e-9), $"LCA {objective} below the optimum {reference}");
        Assert.InRange(r.GetProperty("sparsity").GetDouble(), 0.01, 1);
        Assert.InRange(r.GetProperty("relative_error").GetDouble(), 1e-6, 1);
        Assert.True(r.GetProperty("energy_j").GetDouble() > 0 && r.GetProperty("wall_s").GetDouble() > 0);
        Assert.True(File.Exists(Path.Combine(_folder, "lca", "dictionary.png")));
        JsonElement spiking = Json("lca", "--spiking", "--atoms", "16", "--patches", "2", "--duration-ms", "200", "--json", "--out", Path.Combine(_folder, "lca"));
        Assert.True(spiking.GetProperty("spiking").GetBoolean());
        Assert.Equal(3, spiking.GetProperty("solvers").GetArrayLength());
        Assert.True(spiking.GetProperty("energy_j").GetDouble() > 0);
        (int code, _, string error) = Invoke("lca", "--data-dir", Path.Combine(_folder, "nowhere"), "--out", _folder);
        Assert.Equal(2, code);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public void Narma_on_the_device_ring_beats_its_input_only_baseline()
    {
        JsonElement r = Json("narma", "--reservoir", "ring", "--neurons", "100", "--seeds", "1", "--json", "--out", Path.Combine(_folder, "narma"));
        Assert.Equal("ring", r.GetProperty("reservoir").GetString());
        Assert.True(r.GetProperty("nrmse").GetDouble() < 0.5 * r.GetProperty("baseline_nrmse").GetDouble(), r.ToString());
    }

    [Fact]
    public void Narma_with_the_echo_state_reference_and_quadratic_terms_reports_them_and_refuses_networks_too_large_to_scale()
    {
        JsonElement r = Json("narma", "--reservoir", "esn", "--neurons", "100", "--seeds", "1", "--quadratic", "--json", "--out", Path.Combine(_folder, "narma-esn"));
        Assert.Equal("esn", r.GetProperty("reservoir").GetString());
        Assert.True(r.GetProperty("quadratic").GetBoolean());
        Assert.True(r.GetProperty("nrmse").GetDouble() < 0.5 * r.GetProperty("baseline_nrmse").GetDouble(), r.ToString());

        (int code, _, string error) = Invoke("narma", "--reservoir", "esn", "--neurons", "2001");
        Assert.Equal(2, code);
        Assert.Contains("at most 2000 units", error);
        Assert.Single(error.Trim().Split('\n'));
    }
}
