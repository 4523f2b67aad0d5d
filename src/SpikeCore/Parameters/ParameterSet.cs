using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text;
using SpikeCore.Building;
using SpikeCore.Serialization;

namespace SpikeCore.Parameters;

/// <summary>
/// The parameters a model type declares with <see cref="ParameterAttribute"/>, found once by reflection, and the three
/// things derived from them: checking a model, writing its parameters as JSON members and reading them back (a missing
/// member keeps the prototype's value: every parameter has a default). Models are records: reading clones the prototype.
/// </summary>
internal sealed class ParameterSet
{
    private static readonly ConcurrentDictionary<Type, ParameterSet> s_sets = new();

    /// <summary>Problems reported per list parameter (a long list of bad values is named by its first ones).</summary>
    private const int MaxReportedPerList = 5;

    private readonly Entry[] _entries;
    private readonly MethodInfo? _clone;

    private ParameterSet(Type type)
    {
        _clone = type.GetMethod("<Clone>$", BindingFlags.Public | BindingFlags.Instance);
        IReadOnlyList<string> computed = type.GetCustomAttribute<ComputedParametersAttribute>()?.Properties ?? [];
        _entries = [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Property: p, Declared: p.GetCustomAttribute<ParameterAttribute>()))
            .Where(x => x.Declared is not null && !computed.Contains(x.Property.Name))
            .OrderBy(x => Depth(x.Property.DeclaringType!))
            .ThenBy(x => x.Property.MetadataToken)
            .Select(x => new Entry(x.Declared!.Name ?? SnakeCase(x.Property.Name), x.Property, x.Declared, KindOf(type, x.Property)))];
        if (_entries.Length > 0 && (_clone is null || _entries.Any(e => !e.Property.CanWrite)))
        {
            throw new InvalidOperationException($"{type.FullName}: a type with parameters must be a record whose parameters have init or set accessors");
        }

        foreach (Entry e in _entries)
        {
            foreach (string? other in new[] { e.Declared.Below, e.Declared.DiffersFrom })
            {
                if (other is not null && _entries.All(x => x.Property.Name != other))
                {
                    throw new InvalidOperationException($"{type.FullName}.{e.Property.Name}: no parameter {other} to compare with");
                }
            }
        }
    }

    /// <summary>What a parameter holds, which decides how it is checked, read and written.</summary>
    private enum Kind
    {
        Number,
        Integer,
        Boolean,
        Enum,
        Distribution,
        Numbers,
        NumberLists,
        Record,
        Family,
    }

    private sealed record Entry(string Name, PropertyInfo Property, ParameterAttribute Declared, Kind Kind)
    {
        public Type Type => Property.PropertyType;
    }

    /// <summary>The parameters of <paramref name="type"/>.</summary>
    public static ParameterSet Of(Type type) => s_sets.GetOrAdd(type, t => new ParameterSet(t));

    /// <summary>The JSON names of the parameters, in order (inlined records' included).</summary>
    public IEnumerable<string> Names => Leaves.Select(e => e.Name);

    /// <summary>The declarations in order, with an inlined record's own standing in its place.</summary>
    private IEnumerable<Entry> Leaves => _entries.SelectMany(e => e.Declared.Inline ? Of(e.Type).Leaves : [e]);

    /// <summary>Adds every problem of <paramref name="model"/>'s parameters, each naming <paramref name="path"/>, parameter and value.</summary>
    public void Validate(object model, ICollection<string> errors, string path)
    {
        foreach (Entry e in _entries)
        {
            object? value = e.Property.GetValue(model);
            string at = $"{path}.{e.Name}";
            switch (e.Kind)
            {
                case Kind.Number:
                    double x = (double)value!;
                    CheckNumber(errors, at, x, e.Declared);
                    foreach ((Entry other, bool below) in Comparisons(e))
                    {
                        double y = (double)other.Property.GetValue(model)!;
                        if (double.IsFinite(x) && double.IsFinite(y) && Breaks(below, x, y))
                        {
                            errors.Add(below
                                ? $"{at}: must be below {other.Name} ({y}), got {x}"
                                : $"{at}: must differ from {other.Name} ({y}) for the exact solution (got {x}; use e.g. {y * 0.999:G6})");
                        }
                    }

                    break;
                case Kind.Integer:
                    int n = (int)value!, least = e.Declared.Check switch { ParameterCheck.Positive => 1, ParameterCheck.NonNegative => 0, _ => int.MinValue };
                    if (n < least)
                    {
                        errors.Add($"{at}: must be at least {least} (got {n})");
                    }

                    break;
                case Kind.Enum when !Enum.IsDefined(e.Type, value!):
                    errors.Add($"{at}: unknown value {value}");
                    break;
                case Kind.Distribution:
                    var d = (Distribution)value!;
                    d.Validate(errors, at, e.Declared.Check == ParameterCheck.Positive, e.Declared.Check != ParameterCheck.Finite);
                    if (d.Kind != DistributionKind.Normal && d.Maximum > e.Declared.Maximum)
                    {
                        errors.Add($"{at}: must be at most {e.Declared.Maximum} (largest value {d.Maximum})");
                    }

                    break;
                case Kind.Numbers:
                    var list = (IReadOnlyList<double>)value!;
                    for (int k = 0, reported = 0; k < list.Count && reported < MaxReportedPerList; k++)
                    {
                        reported += CheckNumber(errors, $"{at}[{k}]", list[k], e.Declared) ? 0 : 1;
                    }

                    break;
                case Kind.Record or Kind.Family when value is not null:
                    string inner = e.Declared.Inline ? path : e.Kind == Kind.Family ? $"{at}.{((INamedModel)value).Name}" : at;
                    Of(value.GetType()).Validate(value, errors, inner);
                    (value as IValidatedParameters)?.ValidateRules(errors, inner);
                    break;
            }
        }
    }

    /// <summary>
    /// The place of number parameter <paramref name="name"/> among the declarations (inlined records' included) if it
    /// may vary per neuron, else −1.
    /// </summary>
    public int PerNeuronIndex(string name) =>
        Leaves.Select((e, k) => e.Name == name && e.Kind == Kind.Number && e.Declared.PerNeuron ? k : -1).FirstOrDefault(k => k >= 0, -1);

    /// <summary>
    /// Checks values drawn per neuron: each against its parameter's check, and neuron by neuron against the parameters
    /// it must stay below or differ from (the model's value where the other does not vary); names the first neuron.
    /// </summary>
    public void ValidatePerNeuron(object model, IReadOnlyDictionary<string, double[]> values, ICollection<string> errors, string path)
    {
        foreach (Entry e in _entries.Where(e => e.Declared.Inline))
        {
            object inner = e.Property.GetValue(model)!;
            Of(inner.GetType()).ValidatePerNeuron(inner, values, errors, path);
        }

        foreach (Entry e in _entries.Where(e => e.Kind == Kind.Number))
        {
            double[]? mine = values.GetValueOrDefault(e.Name);
            if (mine is not null)
            {
                for (int j = 0; j < mine.Length; j++)
                {
                    if (Problem(mine[j], e.Declared) is not null) // the neuron's name only for the first one found
                    {
                        CheckNumber(errors, $"{path}.{e.Name} (neuron {j})", mine[j], e.Declared);
                        break;
                    }
                }
            }

            foreach ((Entry o, bool below) in Comparisons(e))
            {
                double[]? theirs = values.GetValueOrDefault(o.Name);
                if (mine is null && theirs is null)
                {
                    continue;
                }

                double own = (double)e.Property.GetValue(model)!, their = (double)o.Property.GetValue(model)!;
                for (int j = 0; j < (mine ?? theirs)!.Length; j++)
                {
                    double x = mine?[j] ?? own, y = theirs?[j] ?? their;
                    if (Breaks(below, x, y))
                    {
                        errors.Add($"{path}.{e.Name}: neuron {j} has {x}, which must {(below ? "be below" : "differ from")} its {o.Name} ({y})");
                        break;
                    }
                }
            }
        }
    }

    /// <summary>Writes every parameter of <paramref name="model"/> as members of the JSON object being written.</summary>
    public void Write(object model, Utf8JsonWriter w)
    {
        foreach (Entry e in _entries)
        {
            object? value = e.Property.GetValue(model);
            switch (e.Kind)
            {
                case Kind.Number:
                    w.WriteNumber(e.Name, (double)value!);
                    break;
                case Kind.Integer:
                    w.WriteNumber(e.Name, (int)value!);
                    break;
                case Kind.Boolean:
                    w.WriteBoolean(e.Name, (bool)value!);
                    break;
                case Kind.Enum:
                    w.WriteString(e.Name, EnumName(e.Type, value!));
                    break;
                case Kind.Distribution:
                    NetworkJsonWriter.WriteDistribution(w, e.Name, (Distribution)value!);
                    break;
                case Kind.Numbers:
                    NetworkJsonWriter.WriteNumbers(w, e.Name, (IReadOnlyList<double>)value!);
                    break;
                case Kind.NumberLists:
                    w.WriteStartArray(e.Name);
                    foreach (IReadOnlyList<double> inner in (IEnumerable<IReadOnlyList<double>>)value!)
                    {
                        w.WriteStartArray();
                        foreach (double x in inner)
                        {
                            w.WriteNumberValue(x);
                        }

                        w.WriteEndArray();
                    }

                    w.WriteEndArray();
                    break;
                case Kind.Record when e.Declared.Inline:
                    Of(value!.GetType()).Write(value, w);
                    break;
                case Kind.Record or Kind.Family when value is not null:
                    w.WriteStartObject(e.Name);
                    if (value is INamedModel named && e.Kind == Kind.Family)
                    {
                        w.WriteString("model", named.Name);
                    }

                    Of(value.GetType()).Write(value, w);
                    w.WriteEndObject();
                    break;
            }
        }
    }

    /// <summary>
    /// A copy of <paramref name="prototype"/> with the parameters the object <paramref name="r"/> reads gives (the others
    /// keep their values); every problem goes to its errors, and every member read is marked seen there.
    /// </summary>
    public object Read(object prototype, JsonPathReader r)
    {
        object model = _clone is null ? prototype : _clone.Invoke(prototype, null)!;
        foreach (Entry e in _entries)
        {
            if (e.Declared.Inline)
            {
                object inner = e.Property.GetValue(prototype) ?? throw new InvalidOperationException($"{e.Property.Name}: an inline parameter record needs a default");
                e.Property.SetValue(model, Of(inner.GetType()).Read(inner, r));
                continue;
            }

            if (r.Optional(e.Name) is not { } element)
            {
                continue;
            }

            string at = $"{r.Path}.{e.Name}";
            object? value = e.Kind switch
            {
                Kind.Number => r.AsNumber(element, at),
                Kind.Integer => r.AsInteger(element, at),
                Kind.Boolean => ReadBoolean(element, at, r.Errors),
                Kind.Enum => ReadEnum(e, element, at, r.Errors),
                Kind.Distribution => NetworkJsonReader.ReadDistribution(element, at, r.Errors),
                Kind.Numbers => JsonPathReader.AsNumbers(element, at, r.Errors), // a double[] is also an IReadOnlyList<double>
                Kind.NumberLists => ReadNumberLists(element, at, r.Errors),
                Kind.Record => ReadRecord(e, element, at, r.Errors),
                _ => ReadFamily(e.Type, element, at, r.Errors),
            };
            if (value is not null)
            {
                e.Property.SetValue(model, value);
            }
        }

        return model;
    }

    private static object? ReadRecord(Entry e, JsonElement element, string at, List<string> errors)
    {
        var inner = new JsonPathReader(element, at, errors);
        if (!inner.IsObject)
        {
            return null;
        }

        object prototype = Activator.CreateInstance(e.Type)!;
        object value = Of(e.Type).Read(prototype, inner);
        inner.RejectUnknownFields();
        return value;
    }

    /// <summary>A member of an abstract family: an object naming its <c>model</c>, with that model's parameters beside it.</summary>
    private static object? ReadFamily(Type family, JsonElement element, string at, List<string> errors)
    {
        var inner = new JsonPathReader(element, at, errors);
        if (!inner.IsObject)
        {
            return null;
        }

        string name = inner.String("model");
        return name.Length == 0 ? null : ReadNamed(family, name, inner, $"{at}.model", SnakeCase(family.Name).Replace('_', ' '));
    }

    /// <summary>
    /// The model <paramref name="name"/> of <paramref name="family"/>: a copy of its registered prototype with the
    /// parameters <paramref name="parameters"/> reads (unknown fields are errors); null, with the error at
    /// <paramref name="modelPath"/> naming the known ones, when no <paramref name="what"/> has that name.
    /// </summary>
    public static object? ReadNamed(Type family, string name, JsonPathReader parameters, string modelPath, string what)
    {
        if (ModelRegistry.Find(family, name) is not { } prototype)
        {
            parameters.Errors.Add($"{modelPath}: unknown {what} '{name}' (known: {string.Join(", ", ModelRegistry.Names(family))})");
            return null;
        }

        object value = Of(prototype.GetType()).Read(prototype, parameters);
        parameters.RejectUnknownFields();
        return value;
    }

    private static bool CheckNumber(ICollection<string> errors, string at, double x, ParameterAttribute declared)
    {
        string? problem = Problem(x, declared);
        if (problem is not null)
        {
            errors.Add($"{at}: {problem} (got {x})");
        }

        return problem is null;
    }

    /// <summary>What is wrong with <paramref name="x"/> as a value of a parameter declared so, or null.</summary>
    private static string? Problem(double x, ParameterAttribute declared) => declared.Check switch
    {
        ParameterCheck.Positive when !(x > 0) || double.IsInfinity(x) => "must be a finite number > 0",
        ParameterCheck.NonNegative when !(x >= 0) || double.IsInfinity(x) => "must be a finite number >= 0",
        _ when !double.IsFinite(x) => "must be a finite number",
        _ when x > declared.Maximum => $"must be at most {declared.Maximum}",
        _ => null,
    };

    /// <summary>The parameters <paramref name="e"/> is compared with: one it must stay below, one it must differ from.</summary>
    private IEnumerable<(Entry Other, bool Below)> Comparisons(Entry e)
    {
        foreach ((string? other, bool below) in new[] { (e.Declared.Below, true), (e.Declared.DiffersFrom, false) })
        {
            if (other is not null)
            {
                yield return (_entries.First(x => x.Property.Name == other), below);
            }
        }
    }

    /// <summary>Whether x breaks its rule against y: not strictly below it, or (exact solutions divide by x − y) within 1e-9 of it.</summary>
    private static bool Breaks(bool below, double x, double y) => below ? !(x < y) : Math.Abs(x - y) <= 1e-9 * Math.Abs(y);

    private static bool? ReadBoolean(JsonElement e, string at, List<string> errors)
    {
        if (e.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return e.GetBoolean();
        }

        errors.Add($"{at}: expected true or false, got {JsonPathReader.Describe(e)}");
        return null;
    }

    private static object? ReadEnum(Entry entry, JsonElement e, string at, List<string> errors)
    {
        Type type = entry.Type;
        string[] names = [.. Enum.GetValues(type).Cast<object>().Select(v => EnumName(type, v))];
        if (e.ValueKind == JsonValueKind.String && Array.IndexOf(names, e.GetString()) is var k and >= 0)
        {
            return Enum.GetValues(type).GetValue(k);
        }

        string given = e.ValueKind == JsonValueKind.String ? $"'{e.GetString()}'" : JsonPathReader.Describe(e);
        errors.Add($"{at}: unknown {entry.Name.Replace('_', ' ')} {given} (known: {string.Join(", ", names.Order(StringComparer.Ordinal))})");
        return null;
    }

    private static string EnumName(Type type, object value) =>
        type.GetField(value.ToString()!)?.GetCustomAttribute<ParameterValueAttribute>()?.Name ?? SnakeCase(value.ToString()!);

    private static List<IReadOnlyList<double>>? ReadNumberLists(JsonElement e, string at, List<string> errors)
    {
        if (e.ValueKind != JsonValueKind.Array)
        {
            errors.Add($"{at}: expected an array of arrays of numbers, got {JsonPathReader.Describe(e)}");
            return null;
        }

        var lists = new List<IReadOnlyList<double>>();
        foreach (JsonElement item in e.EnumerateArray())
        {
            lists.Add(JsonPathReader.AsNumbers(item, $"{at}[{lists.Count}]", errors));
        }

        return lists;
    }

    private static Kind KindOf(Type owner, PropertyInfo p)
    {
        Type t = p.PropertyType;
        Type plain = Nullable.GetUnderlyingType(t) ?? t;
        return plain == typeof(double) ? Kind.Number
            : plain == typeof(int) ? Kind.Integer
            : plain == typeof(bool) ? Kind.Boolean
            : plain.IsEnum ? Kind.Enum
            : plain == typeof(Distribution) ? Kind.Distribution
            : plain == typeof(double[]) || plain == typeof(IReadOnlyList<double>) ? Kind.Numbers
            : plain == typeof(IReadOnlyList<IReadOnlyList<double>>) ? Kind.NumberLists
            : plain.IsAbstract && typeof(INamedModel).IsAssignableFrom(plain) ? Kind.Family
            : plain.IsClass && !plain.IsAbstract ? Kind.Record
            : throw new InvalidOperationException($"{owner.FullName}.{p.Name}: parameters of type {t.Name} are not supported");
    }

    private static int Depth(Type type)
    {
        int depth = 0;
        for (Type? t = type.BaseType; t is not null; t = t.BaseType)
        {
            depth++;
        }

        return depth;
    }

    /// <summary><c>MembraneTauMs</c> → <c>membrane_tau_ms</c>; digits stay with their word (<c>Gamma1PerS</c> → <c>gamma1_per_s</c>).</summary>
    internal static string SnakeCase(string name)
    {
        var s = new StringBuilder(name.Length + 8);
        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                s.Append('_');
            }

            s.Append(char.ToLowerInvariant(name[i]));
        }

        return s.ToString();
    }
}
