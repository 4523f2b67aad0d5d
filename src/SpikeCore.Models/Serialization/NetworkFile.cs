using SpikeCore.Building;
using SpikeCore.Serialization;

namespace SpikeCore.Models.Serialization;

/// <summary>
/// Reads and writes networks as JSON (<c>networks/*.json</c>): the <see cref="NetworkSpec"/>, not the generated
/// synapses, so a file is small and compiles to the identical network for its seed.
/// </summary>
/// <remarks>
/// Reading checks everything and reports every problem with its JSON path (unknown model, missing field, wrong type,
/// non-finite number, unknown field), then the builder's own validation runs on <see cref="NetworkBuilder.Build"/>.
/// Every model parameter has a default (the model's default instance): a file gives only those that differ.
/// Distributions are a number (constant) or one of {"uniform": [low, high]}, {"normal": [mean, sd]}, {"values": [...]}.
/// SpikeCore's models are known here; register others with <see cref="Parameters.ModelRegistry"/>.
/// </remarks>
public static class NetworkFile
{
    static NetworkFile() => ModelCatalog.Register();

    /// <summary>The <c>format</c> field every network file carries.</summary>
    public const string Format = NetworkJsonWriter.FormatName;

    /// <summary>The file format version written and accepted.</summary>
    public const int Version = NetworkJsonWriter.FormatVersion;

    /// <summary>Reads the spec in <paramref name="path"/>.</summary>
    /// <exception cref="NetworkValidationException">The file is missing, not valid JSON or not a valid network.</exception>
    public static NetworkSpec Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NetworkValidationException($"{path}: cannot read ({e.Message})", e);
        }

        return Parse(text, path);
    }

    /// <summary>Parses the spec in <paramref name="json"/>; <paramref name="source"/> names it in messages.</summary>
    /// <exception cref="NetworkValidationException">The text is not valid JSON or not a valid network.</exception>
    public static NetworkSpec Parse(string json, string source = "network") => NetworkJsonReader.Parse(json, source);

    /// <summary>Writes <paramref name="spec"/> to <paramref name="path"/>.</summary>
    public static void Save(NetworkSpec spec, string path) => File.WriteAllText(path, ToJson(spec));

    /// <summary>The JSON text of <paramref name="spec"/> (indented).</summary>
    public static string ToJson(NetworkSpec spec) => NetworkJsonWriter.Write(spec);
}
