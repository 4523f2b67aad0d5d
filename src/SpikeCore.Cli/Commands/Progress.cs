using Spectre.Console;

namespace SpikeCore.Cli.Commands;

/// <summary>A progress bar for long work when a person is watching; silent otherwise.</summary>
internal static class Progress
{
    public static void Run(string description, bool show, Action<IProgress<double>?> work)
    {
        if (!show || !AnsiConsole.Profile.Capabilities.Interactive || Console.IsErrorRedirected)
        {
            work(null);
            return;
        }

        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                ProgressTask task = context.AddTask(description, maxValue: 1.0);
                work(new Callback(task));
            });
    }

    private sealed class Callback(ProgressTask task) : IProgress<double>
    {
        public void Report(double value) => task.Value = value;
    }
}
