using System.Text.Json;

namespace SpikeCore.Cli;

/// <summary>JSON settings of everything the CLI prints with --json.</summary>
internal static class CliJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // "<= 10 fJ", not "\u003C= 10 fJ"
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
