using System.Text.Json;
using SpikeCore.Models.Serialization;

namespace SpikeCore.Models.Synapses;

/// <summary>The JSON field shared by the STDP rules.</summary>
internal static class StdpFiles
{
    public static void ValidatePairing(ICollection<string> errors, string path, StdpPairing pairing)
    {
        if (!Enum.IsDefined(pairing))
        {
            errors.Add($"{path}.pairing: unknown pairing {pairing}");
        }
    }

    public static void WritePairing(Utf8JsonWriter writer, StdpPairing pairing) =>
        writer.WriteString("pairing", pairing == StdpPairing.Nearest ? "nearest" : "all_to_all");

    public static StdpPairing ReadPairing(JsonPathReader r)
    {
        if (!r.Has("pairing"))
        {
            return StdpPairing.AllToAll;
        }

        string s = r.String("pairing");
        switch (s)
        {
            case "all_to_all":
                return StdpPairing.AllToAll;
            case "nearest":
                return StdpPairing.Nearest;
            default:
                r.Errors.Add($"{r.Path}.pairing: unknown pairing '{s}' (known: all_to_all, nearest)");
                return StdpPairing.AllToAll;
        }
    }
}
