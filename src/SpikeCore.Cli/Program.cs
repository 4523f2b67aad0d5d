using System.CommandLine;
using SpikeCore.Building;
using SpikeCore.Cli.Commands;

namespace SpikeCore.Cli;

/// <summary>The <c>spikecore</c> command line.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        var root = new RootCommand("SpikeCore: an event-driven spiking neural network engine")
        {
            RunCommand.Create(),
            BenchCommand.Create(),
            ExportCommand.Create(),
        };
        try
        {
            return root.Parse(args).Invoke();
        }
        catch (NetworkValidationException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
    }
}
