using System.Text.Json;

namespace SpikeCore.Serialization;

/// <summary>
/// Reads one JSON object field by field, recording every problem (missing field, wrong type, non-finite number,
/// unknown field) with its full path instead of stopping at the first.
/// </summary>
internal sealed class JsonPathReader
{
    private readonly JsonElement _element;
    private readonly HashSet<string> _seen = [];

    public JsonPathReader(JsonElement element, string path, List<string> errors)
    {
        _element = element;
        Path = path;
        Errors = errors;
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{path}: expected an object, got {Describe(element)}");
        }
    }

    public string Path { get; }

    public List<string> Errors { get; }

    public bool IsObject => _element.ValueKind == JsonValueKind.Object;

    public bool Has(string name) => IsObject && _element.TryGetProperty(name, out _);

    /// <summary>The raw element of a field (marking it seen), or null if absent.</summary>
    public JsonElement? Optional(string name)
    {
        _seen.Add(name);
        return IsObject && _element.TryGetProperty(name, out JsonElement e) ? e : null;
    }

    public JsonElement? Required(string name)
    {
        JsonElement? e = Optional(name);
        if (e is null && IsObject)
        {
            Errors.Add($"{Path}.{name}: missing");
        }

        return e;
    }

    public double Number(string name, double fallback = double.NaN)
    {
        JsonElement? e = Required(name);
        return e is null ? fallback : AsNumber(e.Value, $"{Path}.{name}");
    }

    public double OptionalNumber(string name, double defaultValue)
    {
        JsonElement? e = Optional(name);
        return e is null ? defaultValue : AsNumber(e.Value, $"{Path}.{name}");
    }

    public int Integer(string name)
    {
        JsonElement? e = Required(name);
        return e is null ? 0 : AsInteger(e.Value, $"{Path}.{name}");
    }

    public string String(string name)
    {
        JsonElement? e = Required(name);
        if (e is null)
        {
            return "";
        }

        if (e.Value.ValueKind != JsonValueKind.String)
        {
            Errors.Add($"{Path}.{name}: expected a string, got {Describe(e.Value)}");
            return "";
        }

        return e.Value.GetString()!;
    }

    public bool OptionalBool(string name, bool defaultValue)
    {
        JsonElement? e = Optional(name);
        if (e is null)
        {
            return defaultValue;
        }

        if (e.Value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Errors.Add($"{Path}.{name}: expected true or false, got {Describe(e.Value)}");
            return defaultValue;
        }

        return e.Value.GetBoolean();
    }

    public double[] Numbers(string name)
    {
        JsonElement? e = Required(name);
        return e is null ? [] : AsNumbers(e.Value, $"{Path}.{name}", Errors);
    }

    /// <summary>An array of 32-bit integers; a fraction (2.7) or a number out of range is an error, never truncated.</summary>
    public int[] Integers(string name)
    {
        JsonElement? e = Required(name);
        if (e is null)
        {
            return [];
        }

        if (e.Value.ValueKind != JsonValueKind.Array)
        {
            Errors.Add($"{Path}.{name}: expected an array of integers, got {Describe(e.Value)}");
            return [];
        }

        var values = new int[e.Value.GetArrayLength()];
        int i = 0;
        foreach (JsonElement item in e.Value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt32(out values[i]))
            {
                Errors.Add($"{Path}.{name}[{i}]: expected an integer, got {Describe(item)}");
                return [];
            }

            i++;
        }

        return values;
    }

    public JsonPathReader Object(string name)
    {
        JsonElement? e = Required(name);
        return new JsonPathReader(e ?? default, $"{Path}.{name}", e is null ? [] : Errors);
    }

    /// <summary>Reports fields that were never asked for (typos, unsupported options).</summary>
    public void RejectUnknownFields()
    {
        if (!IsObject)
        {
            return;
        }

        foreach (JsonProperty p in _element.EnumerateObject())
        {
            if (!_seen.Contains(p.Name))
            {
                Errors.Add($"{Path}.{p.Name}: unknown field");
            }
        }
    }

    public double AsNumber(JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.Number)
        {
            Errors.Add($"{path}: expected a number, got {Describe(e)}");
            return double.NaN;
        }

        double value = e.GetDouble();
        if (!double.IsFinite(value))
        {
            Errors.Add($"{path}: must be a finite number (got {e.GetRawText()})");
        }

        return value;
    }

    public int AsInteger(JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt32(out int value))
        {
            Errors.Add($"{path}: expected an integer, got {Describe(e)}");
            return 0;
        }

        return value;
    }

    public static double[] AsNumbers(JsonElement e, string path, List<string> errors)
    {
        if (e.ValueKind != JsonValueKind.Array)
        {
            errors.Add($"{path}: expected an array of numbers, got {Describe(e)}");
            return [];
        }

        var values = new double[e.GetArrayLength()];
        int i = 0;
        foreach (JsonElement item in e.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !double.IsFinite(item.GetDouble()))
            {
                errors.Add($"{path}[{i}]: expected a finite number, got {Describe(item)}");
                return [];
            }

            values[i++] = item.GetDouble();
        }

        return values;
    }

    public static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{e.GetString()}\"",
        JsonValueKind.Number => $"the number {e.GetRawText()}",
        JsonValueKind.Undefined => "nothing",
        _ => e.ValueKind.ToString().ToLowerInvariant(),
    };
}
