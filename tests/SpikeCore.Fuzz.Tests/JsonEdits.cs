using System.Text.Json.Nodes;
using System.Text;
using FsCheck.Fluent;
using FsCheck;

namespace SpikeCore.Fuzz.Tests;

/// <summary>
/// Structured edits of JSON files: a node anywhere in the tree replaced by another JSON value (wrong types, edge-case
/// numbers, distributions, empty and huge arrays), a property removed, or an array element duplicated, so the reader's
/// checks behind the syntax are reached, which byte edits mostly are not.
/// </summary>
internal static class JsonEdits
{
    private static readonly string[] s_values =
    [
        "null", "true", "false", "0", "-1", "1", "2.7", "-0", "1e308", "-1e308", "1e-320", "2147483647", "2147483648", "-2147483649",
        "18446744073709551615", "18446744073709551616", "\"\"", "\"x\"", "\"lif_exp\"", "\"hh\"", "\"stdp\"", "\"excitatory\"", "\"explicit\"",
        "[]", "[1, 2]", "[0, 2.7]", "[1e308, -1e308]", "{}", "{\"uniform\": [1, 0]}", "{\"uniform\": [0, 1e308]}", "{\"normal\": [1, -1]}",
        "{\"normal\": [1e308, 1e308]}", "{\"values\": []}", "{\"values\": [1e308, -5]}", "{\"values\": [1, 2, 3]}", "{\"lognormal\": [1, 2]}",
        "{\"type\": \"explicit\", \"sources\": [0, 1e9], \"targets\": [0, -1]}", "{\"type\": \"fixed_in_degree\", \"k\": 1000000000}",
        "{\"type\": \"bernoulli\", \"p\": 1e-300}", "{\"type\": \"distance\", \"c\": 1, \"lambda\": 1e-300}",
    ];

    private static readonly Gen<string> s_value = Gen.OneOf(
        Gen.Elements(s_values),
        Gen.Choose(-100, 1_000_000).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Gen.Choose(-1000, 1000).Select(i => (i * 0.37).ToString("R", System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>One to three edits of one of <paramref name="seeds"/>, as UTF-8 bytes.</summary>
    public static Gen<byte[]> Of(IReadOnlyList<string> seeds) =>
        from s in Gen.Choose(0, seeds.Count - 1)
        from edits in (from pick in Gen.Choose(0, int.MaxValue) from op in Gen.Choose(0, 3) from value in s_value select (pick, op, value)).ArrayOf()
        select Encoding.UTF8.GetBytes(Apply(seeds[s], edits.Length == 0 ? [(0, 0, "null")] : edits[..Math.Min(3, edits.Length)]));

    private static string Apply(string json, (int Pick, int Op, string Value)[] edits)
    {
        JsonNode root = JsonNode.Parse(json)!;
        foreach ((int pick, int op, string value) in edits)
        {
            List<JsonNode> nodes = [.. Descendants(root)];
            JsonNode target = nodes[pick % nodes.Count];
            JsonNode? parent = target.Parent;
            switch (parent)
            {
                case JsonObject o when op == 1:
                    o.Remove(target.GetPropertyName());
                    break;
                case JsonArray a when op == 2:
                    a.Insert(target.GetElementIndex(), target.DeepClone());
                    break;
                case JsonObject o:
                    o[target.GetPropertyName()] = JsonNode.Parse(value);
                    break;
                case JsonArray a:
                    a[target.GetElementIndex()] = JsonNode.Parse(value);
                    break;
            }
        }

        return root.ToJsonString();
    }

    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        yield return node;
        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a,
            _ => [],
        };
        foreach (JsonNode? child in children)
        {
            if (child is not null)
            {
                foreach (JsonNode d in Descendants(child))
                {
                    yield return d;
                }
            }
        }
    }
}
