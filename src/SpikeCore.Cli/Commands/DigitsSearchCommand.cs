using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SpikeCore.Reservoir.Reservoirs;
using SpikeCore.Reservoir.Tasks;
using SpikeCore.Reservoir;
using SpikeCore;

namespace SpikeCore.Cli.Commands;

/// <summary><c>spikecore digits-search</c>: random search of front-end and reservoir parameters on a validation split.</summary>
internal static class DigitsSearchCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = $"Folder of FSDD-named recordings, or the dataset root holding recordings/ (default: ${DataPaths.Variable}/fsdd/recordings)" };
        var reservoir = new Option<string>("--reservoir") { Description = "lsm, device or none (front end only)", DefaultValueFactory = _ => "lsm" };
        var trials = new Option<int>("--trials") { Description = "Configurations to try", DefaultValueFactory = _ => 12 }.Within(1, 100_000);
        var seed = new Option<ulong>("--seed") { Description = "Seed of the search", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var output = new Option<string?>("--out") { Description = "Folder for search.csv (default: out/digits-search)" };
        var command = new Command("digits-search", "Random search over front-end and reservoir parameters, scored on takes 5-14 (never the test takes 0-4)")
        {
            data, reservoir, trials, seed, json, output,
        };
        command.SetAction(parse => Execute(parse.GetValue(data) ?? DataPaths.FsddRecordings, parse.GetValue(reservoir)!, parse.GetValue(trials),
            parse.GetValue(seed), parse.GetValue(json), parse.GetValue(output) ?? Path.Combine("out", "digits-search")));
        return command;
    }

    private static int Execute(string folder, string reservoir, int trials, ulong seed, bool json, string outFolder)
    {
        if (reservoir is not ("lsm" or "device" or "none") || trials < 1)
        {
            Console.Error.WriteLine($"digits-search: --reservoir must be lsm, device or none and --trials >= 1 (got {reservoir}, {trials})");
            return 2;
        }

        ReservoirKind kind = reservoir switch { "lsm" => ReservoirKind.Lsm, "device" => ReservoirKind.Device, _ => ReservoirKind.None };
        DigitDataset dataset = DigitDataset.Load(folder);
        var results = new List<DigitsSearch.Trial>();
        Progress.Run($"{trials} configurations", !json, progress => results.AddRange(DigitsSearch.Run(dataset, kind, trials, seed, progress)));
        double Score(DigitsSearch.Trial t) => t.ReservoirAccuracy ?? t.BaselineAccuracy;
        DigitsSearch.Trial[] ranked = [.. results.OrderByDescending(Score).ThenBy(t => t.Number)];
        string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);
        SearchTable.Write(outFolder, $"validation accuracy (takes 5-14, trained on takes 15-49), {reservoir}, best first:",
            ["baseline_accuracy", "accuracy", "wall_s"], ["baseline", "accuracy", "wall s"],
            [.. ranked.Select(t => new SearchTable.Row(t.Number, t.Parameters,
                [F(t.BaselineAccuracy, "F4"), F(Score(t), "F4"), F(t.WallSeconds, "F1")],
                [F(t.BaselineAccuracy, "P2"), F(Score(t), "P2"), F(t.WallSeconds, "F0")]))],
            print: !json);
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                reservoir,
                trials,
                seed,
                best = new { trial = ranked[0].Number, parameters = ranked[0].Parameters, accuracy = Score(ranked[0]), baseline_accuracy = ranked[0].BaselineAccuracy },
                results = ranked.Select(t => new { trial = t.Number, parameters = t.Parameters, accuracy = Score(t), baseline_accuracy = t.BaselineAccuracy, wall_s = t.WallSeconds }),
            }, CliJson.Options));
        }

        return 0;
    }
}
