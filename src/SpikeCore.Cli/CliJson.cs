using System.Text.Json;

namespace SpikeCore.Cli;

/// <summary>JSON settings of everything the CLI prints with --json.</summary>
internal static class CliJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
