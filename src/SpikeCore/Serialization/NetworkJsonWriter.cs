using System.Text.Json;
using System.Text;
using SpikeCore.Building;
using SpikeCore.Parameters;

namespace SpikeCore.Serialization;

/// <summary>
/// Writes a <see cref="NetworkSpec"/> as the JSON of network files (read back by <see cref="NetworkJsonReader"/>); model
/// parameters come from their declarations. Checkpoints carry the network they were saved from in this form.
/// </summary>
internal static class NetworkJsonWriter
{
    /// <summary>The <c>format</c> field every network file carries.</summary>
    public const string FormatName = "spikecore-network";

    /// <summary>The file format version written.</summary>
    public const int FormatVersion = 1;

    /// <summary>The JSON text of <paramref name="spec"/> (indented).</summary>
    public static string Write(NetworkSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", FormatName);
            w.WriteNumber("version", FormatVersion);
            w.WriteNumber("seed", spec.Seed);
            w.WriteNumber("delay_resolution_ms", spec.DelayResolutionMs);
            w.WriteStartArray("populations");
            foreach (PopulationSpec p in spec.Populations)
            {
                WritePopulation(w, p);
            }

            w.WriteEndArray();
            w.WriteStartArray("projections");
            foreach (ProjectionSpec p in spec.Projections)
            {
                WriteProjection(w, p);
            }

            w.WriteEndArray();
            w.WriteStartArray("currents");
            foreach (CurrentInjection c in spec.Currents)
            {
                w.WriteStartObject();
                w.WriteString("population", c.Population);
                WriteNumbers(w, "times_ms", c.TimesMs);
                WriteNumbers(w, "amplitudes", c.Amplitudes);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>An object of distributions by name, sorted (left out when empty): initial values, per-neuron parameters.</summary>
    private static void WriteDistributions(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, Distribution> distributions)
    {
        if (distributions.Count == 0)
        {
            return;
        }

        w.WriteStartObject(name);
        foreach ((string key, Distribution d) in distributions.OrderBy(x => x.Key, StringComparer.Ordinal))
        {
            WriteDistribution(w, key, d);
        }

        w.WriteEndObject();
    }

    private static void WritePopulation(Utf8JsonWriter w, PopulationSpec p)
    {
        w.WriteStartObject();
        w.WriteString("name", p.Name);
        w.WriteNumber("size", p.Size);
        w.WriteString("model", p.Model.Name);
        w.WriteStartObject("parameters");
        ParameterSet.Of(p.Model.GetType()).Write(p.Model, w);
        w.WriteEndObject();
        WriteDistributions(w, "initial", p.Initial);
        WriteDistributions(w, "per_neuron", p.PerNeuron);

        if (p.Positions is { } positions)
        {
            WriteNumbers(w, "positions", positions);
        }

        w.WriteEndObject();
    }

    private static void WriteProjection(Utf8JsonWriter w, ProjectionSpec p)
    {
        w.WriteStartObject();
        w.WriteString("from", p.From);
        w.WriteString("to", p.To);
        w.WriteStartObject("rule");
        Connectivity r = p.Rule;
        switch (r.Kind)
        {
            case ConnectivityKind.AllToAll:
                w.WriteString("type", "all_to_all");
                break;
            case ConnectivityKind.OneToOne:
                w.WriteString("type", "one_to_one");
                break;
            case ConnectivityKind.Bernoulli:
                w.WriteString("type", "bernoulli");
                w.WriteNumber("p", r.Probability);
                break;
            case ConnectivityKind.FixedInDegree:
                w.WriteString("type", "fixed_in_degree");
                w.WriteNumber("k", r.Degree);
                break;
            case ConnectivityKind.FixedOutDegree:
                w.WriteString("type", "fixed_out_degree");
                w.WriteNumber("k", r.Degree);
                break;
            case ConnectivityKind.DistanceDependent:
                w.WriteString("type", "distance");
                w.WriteNumber("c", r.Probability);
                w.WriteNumber("lambda", r.Lambda);
                break;
            case ConnectivityKind.Explicit:
                w.WriteString("type", "explicit");
                WriteNumbers(w, "sources", r.Sources!.Select(x => (double)x).ToArray());
                WriteNumbers(w, "targets", r.Targets!.Select(x => (double)x).ToArray());
                break;
        }

        w.WriteBoolean("allow_autapses", r.AllowAutapses);
        w.WriteBoolean("allow_multapses", r.AllowMultapses);
        w.WriteEndObject();
        WriteDistribution(w, "weight", p.Weight);
        WriteDistribution(w, "delay_ms", p.DelayMs);
        w.WriteString("receptor", p.Receptor);
        if (p.Synapse is { } synapse)
        {
            w.WriteStartObject("synapse");
            w.WriteString("model", synapse.Name);
            w.WriteStartObject("parameters");
            ParameterSet.Of(synapse.GetType()).Write(synapse, w);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    internal static void WriteDistribution(Utf8JsonWriter w, string name, Distribution d)
    {
        switch (d.Kind)
        {
            case DistributionKind.Constant:
                w.WriteNumber(name, d.A);
                return;
            case DistributionKind.Values:
                w.WriteStartObject(name);
                WriteNumbers(w, "values", d.Values!);
                w.WriteEndObject();
                return;
            default:
                w.WriteStartObject(name);
                WriteNumbers(w, d.Kind == DistributionKind.Uniform ? "uniform" : "normal", [d.A, d.B]);
                w.WriteEndObject();
                return;
        }
    }

    internal static void WriteNumbers(Utf8JsonWriter w, string name, IReadOnlyList<double> values)
    {
        w.WriteStartArray(name);
        foreach (double v in values)
        {
            w.WriteNumberValue(v);
        }

        w.WriteEndArray();
    }
}
