using System.Text.Json;
using SpikeCore.Building;
using SpikeCore.Parameters;

namespace SpikeCore.Serialization;

/// <summary>
/// Reads network files (the JSON <see cref="NetworkJsonWriter"/> writes): checks everything and reports every problem
/// with its JSON path (unknown model, missing field, wrong type, non-finite number, unknown field); the builder's own
/// validation then runs on <see cref="NetworkBuilder.Build"/>. Models are found in <see cref="ModelRegistry"/> and
/// their parameters read through their declarations (<see cref="ParameterAttribute"/>): a parameter left out takes its
/// default. Distributions are a number (constant) or one of {"uniform": [low, high]}, {"normal": [mean, sd]}, {"values": [...]}.
/// </summary>
internal static class NetworkJsonReader
{
    /// <summary>What a model without a <c>parameters</c> object reads: every parameter at its default.</summary>
    private static readonly JsonDocument s_empty = JsonDocument.Parse("{}");

    /// <summary>Parses the spec in <paramref name="json"/>; <paramref name="source"/> names it in messages.</summary>
    /// <exception cref="NetworkValidationException">The text is not valid JSON or not a valid network.</exception>
    public static NetworkSpec Parse(string json, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new NetworkValidationException($"{source}: not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {e.Message}", e);
        }

        using (document)
        {
            var errors = new List<string>();
            var root = new JsonPathReader(document.RootElement, "$", errors);
            NetworkSpec spec = ReadRoot(root);
            root.RejectUnknownFields();
            if (errors.Count > 0)
            {
                throw new NetworkValidationException(errors.Select(e => $"{source}: {e}").ToArray());
            }

            return spec;
        }
    }

    /// <summary>
    /// The model the object <paramref name="owner"/> names in its <c>model</c> field, with the parameters of its optional
    /// <c>parameters</c> object (left out: every parameter at its default); null when the name is missing or unknown.
    /// </summary>
    private static TFamily? ReadModel<TFamily>(JsonPathReader owner, string what)
        where TFamily : class, INamedModel
    {
        string name = owner.String("model");
        JsonPathReader parameters = owner.Has("parameters") ? owner.Object("parameters") : new JsonPathReader(s_empty.RootElement, $"{owner.Path}.parameters", owner.Errors);
        return name.Length == 0 ? null : (TFamily?)ParameterSet.ReadNamed(typeof(TFamily), name, parameters, $"{owner.Path}.model", what);
    }

    private static NetworkSpec ReadRoot(JsonPathReader root)
    {
        string format = root.String("format");
        if (format.Length > 0 && format != NetworkJsonWriter.FormatName)
        {
            root.Errors.Add($"$.format: expected \"{NetworkJsonWriter.FormatName}\", got \"{format}\"");
        }

        int version = root.Integer("version");
        if (version != 0 && version != NetworkJsonWriter.FormatVersion)
        {
            root.Errors.Add($"$.version: this SpikeCore reads version {NetworkJsonWriter.FormatVersion}, the file is version {version}");
        }

        ulong seed = 0;
        if (root.Required("seed") is { } seedElement
            && (seedElement.ValueKind != JsonValueKind.Number || !seedElement.TryGetUInt64(out seed)))
        {
            root.Errors.Add($"$.seed: expected an integer in [0, 2^64), got {JsonPathReader.Describe(seedElement)}");
        }

        double resolution = root.OptionalNumber("delay_resolution_ms", 0.1);
        var populations = ReadArray(root, "populations", ReadPopulation);
        var projections = ReadArray(root, "projections", ReadProjection);
        var currents = root.Has("currents") ? ReadArray(root, "currents", ReadCurrent) : [];
        return new NetworkSpec(seed, resolution, populations, projections, currents);
    }

    private static List<T> ReadArray<T>(JsonPathReader parent, string name, Func<JsonPathReader, T?> read)
        where T : class
    {
        var items = new List<T>();
        JsonElement? e = parent.Required(name);
        if (e is null)
        {
            return items;
        }

        if (e.Value.ValueKind != JsonValueKind.Array)
        {
            parent.Errors.Add($"{parent.Path}.{name}: expected an array, got {JsonPathReader.Describe(e.Value)}");
            return items;
        }

        int i = 0;
        foreach (JsonElement item in e.Value.EnumerateArray())
        {
            var reader = new JsonPathReader(item, $"{parent.Path}.{name}[{i++}]", parent.Errors);
            if (reader.IsObject && read(reader) is { } value)
            {
                items.Add(value);
            }

            reader.RejectUnknownFields();
        }

        return items;
    }

    private static PopulationSpec? ReadPopulation(JsonPathReader r)
    {
        string name = r.String("name");
        int size = r.Integer("size");
        NeuronModel? model = ReadModel<NeuronModel>(r, "model");

        Dictionary<string, Distribution> initial = ReadDistributions(r, "initial");
        Dictionary<string, Distribution> perNeuron = ReadDistributions(r, "per_neuron");
        double[]? positions = r.Optional("positions") is { } pos ? JsonPathReader.AsNumbers(pos, $"{r.Path}.positions", r.Errors) : null;
        return model is null ? null : new PopulationSpec(name, size, model) { Initial = initial, PerNeuron = perNeuron, Positions = positions };
    }

    /// <summary>An optional object of distributions by name (initial values, per-neuron parameters).</summary>
    private static Dictionary<string, Distribution> ReadDistributions(JsonPathReader r, string field)
    {
        var result = new Dictionary<string, Distribution>();
        if (r.Optional(field) is { } element && new JsonPathReader(element, $"{r.Path}.{field}", r.Errors) is { IsObject: true } reader)
        {
            foreach (JsonProperty p in element.EnumerateObject())
            {
                if (ReadDistribution(p.Value, $"{reader.Path}.{p.Name}", r.Errors) is { } d)
                {
                    result[p.Name] = d;
                }
            }
        }

        return result;
    }

    private static ProjectionSpec? ReadProjection(JsonPathReader r)
    {
        string from = r.String("from");
        string to = r.String("to");
        string receptor = r.String("receptor");
        Distribution? weight = r.Required("weight") is { } w ? ReadDistribution(w, $"{r.Path}.weight", r.Errors) : null;
        Distribution? delay = r.Required("delay_ms") is { } d ? ReadDistribution(d, $"{r.Path}.delay_ms", r.Errors) : null;
        Connectivity? rule = ReadRule(r.Object("rule"));
        SynapseModel? synapse = null;
        if (r.Has("synapse"))
        {
            JsonPathReader sr = r.Object("synapse");
            synapse = ReadModel<SynapseModel>(sr, "synapse model");
            sr.RejectUnknownFields();
        }

        return weight is null || delay is null || rule is null ? null : new ProjectionSpec(from, to, rule, weight, delay, receptor) { Synapse = synapse };
    }

    private static Connectivity? ReadRule(JsonPathReader r)
    {
        if (!r.IsObject)
        {
            return null;
        }

        string type = r.String("type");
        Connectivity? rule = type switch
        {
            "all_to_all" => Connectivity.AllToAll(),
            "one_to_one" => Connectivity.OneToOne(),
            "bernoulli" => Connectivity.Bernoulli(r.Number("p")),
            "fixed_in_degree" => Connectivity.FixedInDegree(r.Integer("k")),
            "fixed_out_degree" => Connectivity.FixedOutDegree(r.Integer("k")),
            "distance" => Connectivity.DistanceDependent(r.Number("c"), r.Number("lambda")),
            "explicit" => Connectivity.Explicit(r.Integers("sources"), r.Integers("targets")),
            _ => null,
        };
        if (rule is null)
        {
            if (type.Length > 0)
            {
                r.Errors.Add($"{r.Path}.type: unknown rule '{type}' (known: all_to_all, one_to_one, bernoulli, fixed_in_degree, fixed_out_degree, distance, explicit)");
            }

            return null;
        }

        return rule with
        {
            AllowAutapses = r.OptionalBool("allow_autapses", true),
            AllowMultapses = r.OptionalBool("allow_multapses", false),
        };
    }

    private static CurrentInjection? ReadCurrent(JsonPathReader r) =>
        new(r.String("population"), r.Numbers("times_ms"), r.Numbers("amplitudes"));

    internal static Distribution? ReadDistribution(JsonElement e, string path, List<string> errors)
    {
        if (e.ValueKind == JsonValueKind.Number)
        {
            double value = e.GetDouble();
            if (!double.IsFinite(value))
            {
                errors.Add($"{path}: must be a finite number (got {e.GetRawText()})");
                return null;
            }

            return Distribution.Constant(value);
        }

        if (e.ValueKind != JsonValueKind.Object || e.EnumerateObject().Count() != 1)
        {
            errors.Add($"{path}: expected a number or one of {{\"uniform\": [low, high]}}, {{\"normal\": [mean, sd]}}, {{\"values\": [...]}}, got {JsonPathReader.Describe(e)}");
            return null;
        }

        JsonProperty p = e.EnumerateObject().First();
        double[] numbers = JsonPathReader.AsNumbers(p.Value, $"{path}.{p.Name}", errors);
        switch (p.Name)
        {
            case "values":
                return Distribution.FromValues(numbers);
            case "uniform" or "normal" when numbers.Length == 2:
                return p.Name == "uniform" ? Distribution.Uniform(numbers[0], numbers[1]) : Distribution.Normal(numbers[0], numbers[1]);
            case "uniform" or "normal":
                errors.Add($"{path}.{p.Name}: expected exactly two numbers");
                return null;
            default:
                errors.Add($"{path}: unknown distribution '{p.Name}' (known: uniform, normal, values)");
                return null;
        }
    }
}
