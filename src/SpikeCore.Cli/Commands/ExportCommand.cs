using System.CommandLine;
using SpikeCore.Building;
using SpikeCore.Models.Serialization;
using SpikeCore.Networks;

namespace SpikeCore.Cli.Commands;

/// <summary><c>spikecore export &lt;name&gt;</c>: writes a built-in network as a JSON network file.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var network = new Argument<string>("network") { Description = "Built-in network (cuba, coba, cobahh) or a network file to normalise" };
        var seed = new Option<ulong?>("--seed") { Description = "Seed written into the file" };
        var output = new Option<string?>("--out") { Description = "File to write (default: standard output)" };
        var command = new Command("export", "Write a network as JSON (the format `run` reads)") { network, seed, output };
        command.SetAction(parse =>
        {
            NetworkSpec spec = NetworkCatalog.Resolve(parse.GetValue(network)!, parse.GetValue(seed));
            string text = NetworkFile.ToJson(spec);
            if (parse.GetValue(output) is { } path)
            {
                File.WriteAllText(path, text);
            }
            else
            {
                Console.Write(text);
            }

            return 0;
        });
        return command;
    }
}
