using System.CommandLine;
using SpikeCore.Building;
using SpikeCore.Cli.Commands;

namespace SpikeCore.Cli;

/// <summary>The <c>spikecore</c> command line.</summary>
internal static class Program
{
    private static int Main(string[] args) => Run(args);

    /// <summary>Parses and runs one command line; returns the exit code (2 for invalid input: a network, a missing or malformed file).</summary>
    internal static int Run(string[] args)
    {
        Crossbar.Engine.CrossbarModels.Register(); // network files may name array projections
        var root = new RootCommand("SpikeCore: an event-driven spiking neural network engine")
        {
            RunCommand.Create(),
            BenchCommand.Create(),
            ExportCommand.Create(),
            DigitsCommand.Create(),
            DigitsSearchCommand.Create(),
            TimeSeriesCommand.Create("narma", "narma10", "ring", 400, 10, "NARMA10 with and without a reservoir, over seeds"),
            MaxCutCommand.Create(),
            MaxCutBenchCommand.Create(),
            MottSweepCommand.Create(),
            DeviceCommand.Create(),
            CrossbarCommand.Create(),
            HopfieldCommand.Create(),
            LearnCommand.Create(),
            TrainCommand.Create(),
            KMeansCommand.Create(),
            PdeCommand.Create(),
            LinsolveCommand.Create(),
            LcaCommand.Create(),
            TimeSeriesCommand.Create("second-order", "second_order", "device", 100, 3, "The second-order nonlinear task with and without a reservoir, over seeds"),
        };
        try
        {
            ParseResult parse = root.Parse(args);
            if (parse.Errors.Count > 0)
            {
                // A malformed or out-of-range option: one line, as every other input error.
                // System.CommandLine lists allowed values one per line: joined, so that the refusal stays one line.
                Console.Error.WriteLine($"spikecore: {string.Join("; ", parse.Errors.Select(e => OneLine(e.Message)).Distinct())}");
                return 2;
            }

            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (InputError(e) is { } reason)
        {
            Console.Error.WriteLine(reason);
            return 2;
        }
    }

    /// <summary>
    /// The one line to print when <paramref name="e"/> is an expected error (bad input: a network, a file missing,
    /// malformed or unwritable, a run whose state diverges, something not supported); null for a bug, which keeps its
    /// stack trace. Work spread over threads fails with an <see cref="AggregateException"/>: its first error when all are expected.
    /// </summary>
    internal static string? InputError(Exception e) => e switch
    {
        NetworkValidationException { Errors.Count: 1 } v => $"invalid network: {v.Errors[0]}",
        AggregateException a => a.Flatten().InnerExceptions.Select(InputError).ToList() is var reasons && reasons.All(m => m is not null) ? reasons[0] : null,
        NetworkValidationException or Checkpoints.CheckpointException or IOException or UnauthorizedAccessException
            or InvalidDataException or NotSupportedException or Running.NonFiniteStateException => e.Message,
        _ => null,
    };

    private static string OneLine(string message) => string.Join(' ', message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
