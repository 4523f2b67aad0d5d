using System.Text.Json;

namespace SpikeCore.Cli.Tests;

/// <summary>Computing on arrays: <c>kmeans</c>, <c>pde</c>, <c>linsolve</c>, <c>lca</c> (part of <see cref="CommandLineTests"/>, so that console capture stays sequential).</summary>
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
}
