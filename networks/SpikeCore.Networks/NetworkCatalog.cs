using SpikeCore.Building;
using SpikeCore.Models.Serialization;

namespace SpikeCore.Networks;

/// <summary>Built-in networks by name, or any network file by path.</summary>
public static class NetworkCatalog
{
    private static readonly Dictionary<string, Func<ulong, NetworkBuilder>> s_builtIn = new(StringComparer.OrdinalIgnoreCase)
    {
        ["cuba"] = seed => BenchmarkNetworks.Cuba(seed),
        ["coba"] = seed => BenchmarkNetworks.Coba(seed),
        ["cobahh"] = seed => BenchmarkNetworks.Cobahh(seed),
        ["stdp-pattern"] = seed => ModelNetworks.StdpPattern(seed),
        ["stp"] = seed => ModelNetworks.Stp(seed),
        ["hh-steps"] = seed => ModelNetworks.HhSteps(seed),
        ["neuristor"] = seed => ModelNetworks.Neuristor(seed),
    };

    /// <summary>Names of the built-in networks.</summary>
    public static IReadOnlyList<string> Names { get; } = s_builtIn.Keys.ToArray();

    /// <summary>
    /// The spec named by <paramref name="nameOrPath"/>: a built-in name (seeded with <paramref name="seed"/>, default 1)
    /// or a JSON file (seeded with <paramref name="seed"/> if given, else the file's own seed).
    /// </summary>
    public static NetworkSpec Resolve(string nameOrPath, ulong? seed = null)
    {
        ArgumentNullException.ThrowIfNull(nameOrPath);
        if (s_builtIn.TryGetValue(nameOrPath, out Func<ulong, NetworkBuilder>? recipe))
        {
            return recipe(seed ?? 1).Spec;
        }

        if (!File.Exists(nameOrPath))
        {
            throw new NetworkValidationException($"'{nameOrPath}' is neither a built-in network ({string.Join(", ", Names)}) nor an existing file");
        }

        NetworkSpec spec = NetworkFile.Load(nameOrPath);
        return seed is { } s ? spec with { Seed = s } : spec;
    }
}
