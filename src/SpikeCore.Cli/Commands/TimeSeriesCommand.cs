using System.CommandLine;
using System.Text.Json;
using SpikeCore.Output;
using SpikeCore.Reservoir.Readout;
using SpikeCore.Reservoir.Reservoirs;
using SpikeCore.Reservoir.Tasks;

namespace SpikeCore.Cli.Commands;

/// <summary><c>spikecore narma</c> and <c>spikecore second-order</c>: a time-series task over seeds, with and without the reservoir.</summary>
internal static class TimeSeriesCommand
{
    /// <summary>The command for <paramref name="task"/> (<c>narma10</c> or <c>second_order</c>).</summary>
    public static Command Create(string name, string task, string defaultReservoir, int defaultNeurons, int defaultSeeds, string description)
    {
        var reservoir = new Option<string>("--reservoir") { Description = "lsm, device, ring (a rotating ring of diffusive memristors), esn (echo-state network, the rate-based reference), delays (the control: the last N inputs, no reservoir) or none", DefaultValueFactory = _ => defaultReservoir };
        var neurons = new Option<int>("--neurons") { Description = "Reservoir size: liquid neurons (rounded to 10×10×k), device virtual nodes (a multiple of 4), ring devices, ESN units (up to 2,000) or delays", DefaultValueFactory = _ => defaultNeurons }.Within(4, 20_000);
        var seeds = new Option<int>("--seeds") { Description = "Seeds to run (input series and reservoir drawn from each)", DefaultValueFactory = _ => defaultSeeds }.Within(1, 1000);
        var seed = new Option<ulong>("--seed") { Description = "First seed", DefaultValueFactory = _ => 1 };
        var readout = new Option<string>("--readout") { Description = "ridge (offline, λ by leave-one-out) or rls (online recursive least squares)", DefaultValueFactory = _ => "ridge" };
        var search = new Option<int>("--search") { Description = "Instead of the seeds: try this many random configurations on a validation split and print them as a table" }.Within(0, 100_000);
        var quadratic = new Option<bool>("--quadratic") { Description = "The readout also sees the square of every reservoir feature" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var output = new Option<string?>("--out") { Description = $"Folder for prediction.png (default: out/{name})" };
        var command = new Command(name, description) { reservoir, neurons, seeds, seed, readout, search, quadratic, json, output };
        command.SetAction(parse => Execute(task, parse.GetValue(reservoir)!, parse.GetValue(neurons), parse.GetValue(seeds), parse.GetValue(seed),
            parse.GetValue(readout)!, parse.GetValue(search), parse.GetValue(quadratic), parse.GetValue(json), parse.GetValue(output) ?? Path.Combine("out", name)));
        return command;
    }

    private static int Execute(string task, string reservoir, int neurons, int seeds, ulong firstSeed, string readout, int search, bool quadratic, bool json, string outFolder)
    {
        if (reservoir is not ("lsm" or "device" or "ring" or "esn" or "delays" or "none") || neurons < 4 || seeds < 1 || readout is not ("ridge" or "rls") || search < 0 || (search > 0 && reservoir is "none" or "delays"))
        {
            Console.Error.WriteLine($"{task}: --reservoir must be lsm, device, ring, esn, delays or none (lsm, device, ring or esn with --search), --neurons >= 4, --seeds >= 1, --readout ridge or rls, --search >= 0 (got {reservoir}, {neurons}, {seeds}, {readout}, {search})");
            return 2;
        }

        if (reservoir == "esn" && neurons > EchoStateOptions.MaxUnits)
        {
            Console.Error.WriteLine($"{task}: an echo-state network has at most {EchoStateOptions.MaxUnits} units (its spectral radius is computed exactly; got --neurons {neurons})");
            return 2;
        }

        var experiment = new TimeSeriesExperiment
        {
            Task = task,
            Reservoir = reservoir switch { "lsm" => ReservoirKind.Lsm, "device" => ReservoirKind.Device, "ring" => ReservoirKind.Ring, "esn" => ReservoirKind.Esn, "delays" => ReservoirKind.Delays, _ => ReservoirKind.None },
            OnlineDelta = readout == "rls" ? 1e-4 : null,
            QuadraticStates = quadratic,
        };
        experiment = experiment with
        {
            Liquid = experiment.Liquid with { GridX = 10, GridY = 10, GridZ = Math.Max(1, (int)Math.Round(neurons / 100.0)) },
            Device = experiment.Device with { DevicesPerChannel = Math.Max(1, neurons / experiment.Device.VirtualNodes) },
            Ring = experiment.Ring with { Nodes = neurons },
            Esn = experiment.Esn with { Units = neurons },
        };
        int size = experiment.Reservoir switch
        {
            ReservoirKind.Lsm => experiment.Liquid.Size,
            ReservoirKind.Device => experiment.Device.NodesPerChannel,
            ReservoirKind.Ring or ReservoirKind.Delays => experiment.Ring.Nodes,
            ReservoirKind.Esn => experiment.Esn.Units,
            _ => 0,
        };
        if (search > 0)
        {
            return Search(experiment, search, firstSeed, json, outFolder);
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var results = new TimeSeriesExperiment.Result[seeds];
        Progress.Run($"{task}, {reservoir}, {seeds} seeds", !json, progress =>
        {
            int done = 0;
            Parallel.For(0, seeds, k =>
            {
                results[k] = experiment.Run(firstSeed + (ulong)k);
                progress?.Report(Interlocked.Increment(ref done) / (double)seeds);
            });
        });
        double wall = clock.Elapsed.TotalSeconds;
        (double nmse, double nmseSd) = Metrics.MeanSd(results.Select(r => r.Nmse).ToArray());
        (double nrmse, double nrmseSd) = Metrics.MeanSd(results.Select(r => r.Nrmse).ToArray());
        (double baseNmse, double baseNmseSd) = Metrics.MeanSd(results.Select(r => r.BaselineNmse).ToArray());
        (double baseNrmse, double baseNrmseSd) = Metrics.MeanSd(results.Select(r => r.BaselineNrmse).ToArray());
        Directory.CreateDirectory(outFolder);
        string png = Path.Combine(outFolder, "prediction.png");
        WritePrediction(results[0], task, reservoir, png);
        if (json)
        {
            var summary = new
            {
                task,
                reservoir,
                readout,
                quadratic,
                neurons = size,
                seeds,
                nmse,
                nmse_sd = nmseSd,
                nrmse,
                nrmse_sd = nrmseSd,
                baseline_nmse = baseNmse,
                baseline_nrmse = baseNrmse,
                difference_nrmse = nrmse - baseNrmse,
                per_seed = results.Select((r, k) => new { seed = firstSeed + (ulong)k, nmse = r.Nmse, nrmse = r.Nrmse, baseline_nmse = r.BaselineNmse, lambda = r.Lambda }),
                wall_s = wall,
            };
            Console.WriteLine(JsonSerializer.Serialize(summary, CliJson.Options));
            return 0;
        }

        Console.WriteLine($"{task}: {reservoir} ({size} {reservoir switch { "device" => "virtual nodes", "ring" => "devices", "esn" => "units", "delays" => "delays", _ => "neurons" }}){(quadratic ? " with quadratic terms" : "")}, {seeds} seeds, {wall:F1} s");
        Console.WriteLine($"  {"seed",-6} {"NMSE",11} {"NRMSE",8} {"baseline NMSE",14} {"baseline NRMSE",15}");
        for (int k = 0; k < seeds; k++)
        {
            TimeSeriesExperiment.Result r = results[k];
            Console.WriteLine($"  {firstSeed + (ulong)k,-6} {r.Nmse,11:E3} {r.Nrmse,8:F4} {r.BaselineNmse,14:E3} {r.BaselineNrmse,15:F4}");
        }

        Console.WriteLine($"  {"mean",-6} {nmse,11:E3} {nrmse,8:F4} {baseNmse,14:E3} {baseNrmse,15:F4}");
        Console.WriteLine($"  {"sd",-6} {nmseSd,11:E3} {nrmseSd,8:F4} {baseNmseSd,14:E3} {baseNrmseSd,15:F4}");
        Console.WriteLine($"wrote {png}");
        return 0;
    }

    private static int Search(TimeSeriesExperiment start, int trials, ulong seed, bool json, string outFolder)
    {
        var found = new List<TimeSeriesSearch.Trial>();
        Progress.Run($"{start.Task}: {trials} configurations", !json, progress =>
        {
            foreach (TimeSeriesSearch.Trial t in TimeSeriesSearch.Run(start, trials, seed))
            {
                found.Add(t);
                progress?.Report(found.Count / (double)trials);
            }
        });
        TimeSeriesSearch.Trial[] ranked = [.. found.OrderBy(t => t.ValidationNmse).ThenBy(t => t.Number)];
        SearchTable.Write(outFolder, $"{start.Task}: validation NMSE (series seed {TimeSeriesSearch.ValidationSeed}, last quarter of the training steps), best first:",
            ["validation_nmse", "wall_s"], ["validation NMSE", "wall s"],
            [.. ranked.Select(t => new SearchTable.Row(t.Number, t.Parameters, [Invariant(t.ValidationNmse), Invariant(t.WallSeconds)],
                [Invariant(t.ValidationNmse), t.WallSeconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)]))],
            print: !json);
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                task = start.Task,
                trials,
                validation_seed = TimeSeriesSearch.ValidationSeed,
                results = ranked.Select(t => new { trial = t.Number, parameters = t.Parameters, validation_nmse = t.ValidationNmse, wall_s = t.WallSeconds }),
            }, CliJson.Options));
        }

        return 0;
    }

    private static string Invariant(double value) => value.ToString("G4", System.Globalization.CultureInfo.InvariantCulture);

    private static void WritePrediction(TimeSeriesExperiment.Result r, string task, string reservoir, string path)
    {
        int shown = Math.Min(200, r.Target.Length);
        double[] steps = Enumerable.Range(0, shown).Select(k => (double)k).ToArray();
        Plots.Lines(
        [
            new LinePanel($"{task}: first {shown} test steps ({reservoir}, NRMSE {r.Nrmse:F3})", "test step", "y",
            [
                ("target", steps, r.Target[..shown]),
                ("prediction", steps, r.Prediction[..shown]),
            ]),
        ], path);
    }
}
