using System.CommandLine;
using System.Text.Json;
using SpikeCore.Crossbar.Computing;
using SpikeCore.Crossbar.Mapping;
using SpikeCore.Optimization.MaxCut;
using SpikeCore.Optimization.Solvers;

namespace SpikeCore.Cli.Commands;

/// <summary><c>spikecore maxcut</c>: independent runs of a max-cut solver on one instance, summarised.</summary>
internal static class MaxCutCommand
{
    public static Command Create()
    {
        var instance = new Argument<string>("instance") { Description = $"A rudy-format file, or a Gset name (G1 ... G81) read from ${DataPaths.Variable}/gset" };
        var solver = new Option<string>("--solver") { Description = MaxCutSolvers.Description, DefaultValueFactory = _ => "mott" };
        var runs = new Option<int>("--runs") { Description = "Most runs to make", DefaultValueFactory = _ => 10 }.Within(1, 1_000_000_000);
        var timeLimit = new Option<double>("--time-limit-s") { Description = "Stop starting runs after this much wall time", DefaultValueFactory = _ => 10 }.Within(0.001, 604_800.0);
        var sweeps = new Option<int>("--sweeps") { Description = "Sweeps per annealing run (sa)", DefaultValueFactory = _ => new AnnealingOptions().Sweeps }.Within(1, 10_000_000);
        var updates = new Option<int>("--updates-per-spin") { Description = "Oscillator-driven updates per spin in one run (mott, noise, none)", DefaultValueFactory = _ => new MottHopfieldOptions().UpdatesPerSpin }.Within(1, 1_000_000);
        var hysteresis = new Option<string?>("--hysteresis") { Description = $"θ start:end as multiples of the mean |h| (mott, noise, none; default {new MottHopfieldOptions().HysteresisStart}:{new MottHopfieldOptions().HysteresisEnd}; 0:0 turns it off)" };
        var steps = new Option<int>("--steps") { Description = "Time steps per run (dsb)", DefaultValueFactory = _ => new BifurcationOptions().Steps }.Within(1, 100_000_000);
        var seed = new Option<ulong>("--seed") { Description = "Seed of the runs", DefaultValueFactory = _ => 1 };
        var array = ArrayOptions.Create("the graph's weights (mott, noise, none)");
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var command = new Command("maxcut", "Max-cut on a Gset instance: best cut, ratio to the best known, time to best, hit rate and TTS99")
        {
            instance, solver, runs, timeLimit, sweeps, updates, hysteresis, steps, seed, json,
        };
        array.AddTo(command);

        command.SetAction(parse => Execute(parse.GetValue(instance)!, parse.GetValue(solver)!, parse.GetValue(runs), parse.GetValue(timeLimit),
            parse.GetValue(sweeps), parse.GetValue(updates), parse.GetValue(hysteresis), parse.GetValue(steps), parse.GetValue(seed), array.Read(parse), parse.GetValue(json)));
        return command;
    }

    private static int Execute(string instance, string solver, int runs, double timeLimit, int sweeps, int updates, string? hysteresis, int steps, ulong seed, ArrayOptions.Choice? array, bool json)
    {
        string[] theta = (hysteresis ?? "0:0").Split(':');
        bool thetaOk = theta.Length == 2 & double.TryParse(theta[0], System.Globalization.CultureInfo.InvariantCulture, out double thetaStart)
            & double.TryParse(theta[^1], System.Globalization.CultureInfo.InvariantCulture, out double thetaEnd) && double.IsFinite(thetaStart + thetaEnd);
        if (!MaxCutSolvers.Names.Contains(solver) || runs < 1 || !(timeLimit > 0) || sweeps < 1 || updates < 1 || steps < 1 || !thetaOk)
        {
            Console.Error.WriteLine($"maxcut: --solver must be one of {string.Join(", ", MaxCutSolvers.Names)}, --runs >= 1, --time-limit-s > 0, --sweeps, --updates-per-spin and --steps >= 1, --hysteresis two finite numbers as start:end (got {solver}, {runs}, {timeLimit}, {sweeps}, {updates}, {steps}, {hysteresis})");
            return 2;
        }

        if (array is not null && solver is "sa" or "dsb")
        {
            Console.Error.WriteLine($"maxcut: --array holds the couplings of the Hopfield solvers (mott, noise, none), not {solver}'s");
            return 2;
        }

        string path = MaxCutSolvers.InstancePath(instance);
        MaxCutGraph graph = MaxCutGraph.Read(path);
        long? bestKnown = BestKnownCuts.ForInstance(path);
        Func<int, SolverRun> runOnce = MaxCutSolvers.Runner(solver, graph, seed, sweeps, updates, steps, hysteresis is null ? null : (thetaStart, thetaEnd));
        RunSummary summary = null!;
        Progress.Run($"{graph.Name}: {solver}", !json, progress => summary = RunSummary.Collect(runOnce, runs, timeLimit, bestKnown, progress));
        double? ratio = bestKnown is { } target && target != 0 ? summary.BestCut / (double)target : null;
        RunSummary? onArrays = null;
        ArrayCouplings? arrays = null;
        if (array is { } a)
        {
            if (graph.NodeCount > ArrayCouplings.MaxSpins)
            {
                Console.Error.WriteLine($"maxcut: --array holds dense couplings of at most {ArrayCouplings.MaxSpins} nodes ({graph.Name} has {graph.NodeCount})");
                return 2;
            }

            var j = new double[graph.NodeCount * graph.NodeCount];
            foreach ((int u, int v, int w) in graph.Edges)
            {
                j[(u * graph.NodeCount) + v] += w;
                j[(v * graph.NodeCount) + u] += w;
            }

            double[] effective = null!;
            Progress.Run($"{graph.Name}: programming {a.Preset.Name} arrays", !json, _ =>
            {
                arrays = new ArrayCouplings(j, graph.NodeCount, a.Arrays, seed);
                effective = arrays.Effective(a.ReadTimeS);
            });
            Func<int, SolverRun> onArray = MaxCutSolvers.Runner(solver, graph, seed, sweeps, updates, steps, hysteresis is null ? null : (thetaStart, thetaEnd), effective);
            Progress.Run($"{graph.Name}: {solver} on {a.Preset.Name} couplings", !json, progress => onArrays = RunSummary.Collect(onArray, summary.Runs.Count, double.PositiveInfinity, bestKnown, progress));
        }

        double? Ratio(RunSummary r) => bestKnown is { } k && k != 0 ? r.BestCut / (double)k : null;
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                instance = graph.Name,
                solver,
                nodes = graph.NodeCount,
                edges = graph.Edges.Count,
                best_cut = summary.BestCut,
                best_known = bestKnown,
                ratio,
                mean_cut = summary.MeanCut,
                mean_ratio = bestKnown is { } k && k != 0 ? summary.MeanCut / k : (double?)null,
                time_to_best_s = summary.SecondsToBest,
                runs = summary.Runs.Count,
                hit_rate = summary.HitRate,
                tts99_s = double.IsInfinity(summary.Tts99Seconds) ? (double?)null : summary.Tts99Seconds, // null: no run hit the target
                s_per_run = summary.SecondsPerRun,
                array = onArrays is null ? null : new
                {
                    preset = array!.Preset.Name,
                    read_time_s = array.ReadTimeS,
                    line_resistance_ohm = array.LineResistanceOhm,
                    read_noise = array.ReadNoise,
                    best_cut = onArrays.BestCut,
                    ratio = Ratio(onArrays),
                    mean_cut = onArrays.MeanCut,
                    mean_ratio = bestKnown is { } k2 && k2 != 0 ? onArrays.MeanCut / k2 : (double?)null,
                    runs = onArrays.Runs.Count,
                    hit_rate = onArrays.HitRate,
                    energy_j = arrays!.Energy.TotalJ,
                },
                seed,
            }, CliJson.Options));
            return 0;
        }

        string known = bestKnown is { } b ? $"{b} (ratio {ratio:P3})" : "unknown";
        Console.WriteLine($"{graph.Name} ({graph.NodeCount} nodes, {graph.Edges.Count} edges), {solver}, {summary.Runs.Count} runs of {summary.SecondsPerRun:F3} s");
        Console.WriteLine($"  best cut      {summary.BestCut}, best known {known}");
        Console.WriteLine($"  mean cut      {summary.MeanCut:F1}");
        Console.WriteLine($"  time to best  {summary.SecondsToBest:F3} s");
        Console.WriteLine($"  hit rate      {summary.HitRate:P0} of runs reach {summary.Target}{(bestKnown is null ? " (the best found)" : "")}");
        Console.WriteLine($"  TTS99         {(double.IsInfinity(summary.Tts99Seconds) ? "∞ (no hit)" : $"{summary.Tts99Seconds:F3} s")}");
        if (onArrays is not null)
        {
            Console.WriteLine($"  on {array!.Preset.Name} arrays ({array.Describe()}), same runs: best cut {onArrays.BestCut} (ratio {Ratio(onArrays):P3}), mean {onArrays.MeanCut:F1}, hit rate {onArrays.HitRate:P0}; arrays {arrays!.Energy.TotalJ:G3} J to program and read");
        }
        return 0;
    }
}
