using System.CommandLine;
using System.Text.Json;
using SpikeCore.Crossbar.Engine;
using SpikeCore.Datasets;
using SpikeCore.Models.Neurons;
using SpikeCore.Networks.Unsupervised;
using SpikeCore.Output;

namespace SpikeCore.Cli.Commands;

/// <summary><c>spikecore learn</c>: unsupervised learning of images by a spiking network (Diehl and Cook 2015).</summary>
internal static class LearnCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "digits8x8 or fashion-mnist", DefaultValueFactory = _ => "digits8x8" }.AcceptOnlyFromAmong("digits8x8", "fashion-mnist");
        var dataDir = new Option<string?>("--data-dir") { Description = "Folder holding the set's files (default: the shared data's digits8x8 or fashion-mnist)" };
        var neurons = new Option<int>("--neurons") { Description = "Excitatory neurons (and as many inhibitory)", DefaultValueFactory = _ => 100 }.Within(1, 10_000);
        var train = new Option<int?>("--train") { Description = "Training samples learned from, from the first (default: all)" }.Within(1, 1_000_000);
        var test = new Option<int?>("--test") { Description = "Test samples scored, from the first (default: all)" }.Within(1, 1_000_000);
        var synapses = new Option<string>("--synapses") { Description = "ideal, or the device preset of an array holding the input synapses (ag_si, alox_hfo2, taox_tio2, pcmo, pcm_gst, neurosim_target, table1_target)", DefaultValueFactory = _ => "ideal" }
            .AcceptOnlyFromAmong(["ideal", .. Enum.GetValues<ArrayPreset>().Select(ArrayPresets.Name)]);
        var neuron = new Option<string>("--neuron") { Description = "lif (the paper's conductance LIF) or memristive (threshold-switch neurons: a diffusive memristor across a capacitor, with device spread and stochastic switching)", DefaultValueFactory = _ => "lif" }.AcceptOnlyFromAmong("lif", "memristive");
        var ablation = new Option<bool>("--ablation") { Description = "Learn again with the non-idealities switched on one at a time: an array preset's (ideal weights, levels only, + nonlinearity, + cycle-to-cycle noise, + drift for PCM, without the reference column), then memristive neurons' (LIF, switches without spread or delay, + threshold spread, + switching delay)" };
        var accumulate = new Option<bool>("--accumulate") { Description = "Mixed-precision learning on the array: each synapse keeps the part of its changes short of a whole pulse digitally and adds it to the next, instead of rounding it stochastically" };
        var validation = new Option<int?>("--validation") { Description = "Hold out the last K training samples and score on them instead of the test set (for choosing parameters without touching the test set)" }.Within(1, 1_000_000);
        var passes = new Option<int?>("--passes") { Description = "Learning passes over the training samples (default: the set's preset, 1)" }.Within(1, 100);
        var rate = new Option<double>("--learning-rate-scale") { Description = "Multiplies every learning speed: the STDP rates η_pre, η_post and the threshold step θ+ (the paper's 1e-4, 1e-2 and 0.05 mV at 1)", DefaultValueFactory = _ => 1 }.Within(1e-6, 1e6);
        var precision = new Option<string>("--precision") { Description = "State of the conductance-LIF layers: float64, or float32 (Auryn's choice; times, thresholds and weights stay as they are)", DefaultValueFactory = _ => "float64" }.AcceptOnlyFromAmong("float64", "float32");
        var seed = new Option<ulong>("--seed") { Description = "Seed of the weights, delays and Poisson trains", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "Folder for receptive-fields.png and accuracy.png", DefaultValueFactory = _ => "learn" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var command = new Command("learn", "Unsupervised learning with STDP (Diehl and Cook 2015): a spiking network learns image prototypes without labels; labels only name its neurons afterwards")
        {
            data, dataDir, neurons, synapses, neuron, ablation, accumulate, train, test, validation, passes, rate, precision, seed, output, json,
        };
        command.SetAction(parse => Execute(parse.GetValue(data)!, parse.GetValue(dataDir), parse.GetValue(neurons), parse.GetValue(synapses)!, parse.GetValue(neuron)!, parse.GetValue(ablation), parse.GetValue(accumulate), parse.GetValue(train), parse.GetValue(test), parse.GetValue(validation),
            parse.GetValue(passes), parse.GetValue(rate), parse.GetValue(precision)!, parse.GetValue(seed), parse.GetValue(output)!, parse.GetValue(json)));
        return command;
    }

    private static int Execute(string data, string? dataDir, int neurons, string synapses, string neuron, bool ablation, bool accumulate, int? trainCount, int? testCount, int? validation, int? passes, double rateScale, string precision, ulong seed, string output, bool json)
    {
        if (ImageSets.Load("learn", data, dataDir, validation, trainCount, testCount, output) is not { } sets)
        {
            return 2;
        }

        (LabelledSet train, LabelledSet test) = sets;

        DiehlCookParameters parameters = (data == "digits8x8" ? DiehlCookParameters.Digits8x8 : DiehlCookParameters.FashionMnist) with
        {
            Neurons = neurons,
            Memristive = neuron == "memristive" ? new MemristiveNeurons() : null,
            Precision = precision == "float32" ? Precision.Binary32 : Precision.Binary64,
        };
        parameters = parameters with { LearningPasses = passes ?? parameters.LearningPasses };
        if (synapses != "ideal")
        {
            parameters = parameters with { Array = new ArraySynapse { Preset = Enum.GetValues<ArrayPreset>().Single(p => p.Name() == synapses), Accumulate = accumulate } };
        }

        parameters = parameters with { LearningRatePre = parameters.LearningRatePre * rateScale, LearningRatePost = parameters.LearningRatePost * rateScale, ThetaPlusMv = parameters.ThetaPlusMv * rateScale };
        if (ablation && parameters.Array is null && parameters.Memristive is null)
        {
            Console.Error.WriteLine("learn: --ablation needs an array preset (--synapses PRESET) or memristive neurons (--neuron memristive)");
            return 2;
        }

        // The ablation's steps switch on one non-ideality more each, the array's first, then the neurons'; one of them is
        // the configuration asked for (the result reported), the array's last adds a variant (no reference column).
        var steps = new List<(string Step, DiehlCookParameters Parameters)>();
        if (ablation && parameters.Array is { } array)
        {
            DiehlCookParameters ideal = parameters with { Array = null };
            bool drifts = array.Drift && array.Device.Drift is not null;
            ArraySynapse still = array with { Drift = false };
            steps.AddRange(
            [
                ("ideal weights", ideal),
                ("levels only (linear, no noise)", ideal with { Array = still with { Nonlinear = false, CycleToCycleNoise = false } }),
                ("+ nonlinearity", ideal with { Array = still with { CycleToCycleNoise = false } }),
                (drifts ? "+ cycle-to-cycle noise" : "+ cycle-to-cycle noise: the preset", ideal with { Array = drifts ? still : array }),
            ]);
            if (drifts)
            {
                steps.Add(("+ drift: the preset", ideal with { Array = array }));
            }

            steps.Add(("the preset without reference column", ideal with { Array = array with { ReferenceColumn = false } }));
        }

        if (ablation && parameters.Memristive is { } m)
        {
            steps.AddRange(
            [
                ("LIF neurons", parameters with { Memristive = null }),
                ("threshold switches, no spread or delay", parameters with { Memristive = m with { ThresholdSpreadV = 0, MeanSwitchingDelayMs = 0 } }),
                ("+ threshold spread", parameters with { Memristive = m with { MeanSwitchingDelayMs = 0 } }),
            ]);
            if (!steps.Exists(st => st.Parameters == parameters))
            {
                steps.Add(("+ stochastic switching delay: memristive", parameters));
            }
        }

        if (steps.Count == 0)
        {
            steps.Add(("", parameters));
        }

        var results = new DiehlCookResult[steps.Count];
        try
        {
            for (int k = 0; k < steps.Count; k++)
            {
                string step = steps.Count > 1 ? $" ({steps[k].Step})" : "";
                Progress.Run($"Diehl & Cook, {neurons} neurons, {data}{step}", !json, progress => results[k] = DiehlCookExperiment.Run(train, test, steps[k].Parameters, seed, progress));
            }
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"learn: {e.Message}");
            return 2;
        }

        DiehlCookResult result = results[steps.FindIndex(st => st.Parameters == parameters)];

        string fields = Path.Combine(output, "receptive-fields.png");
        string curve = Path.Combine(output, "accuracy.png");
        Plots.Tiles(result.ReceptiveFields, train.Width, train.Height, $"{data}: input weights of {neurons} neurons after {result.LearnedSamples} samples (test accuracy {result.Accuracy:P1})", fields);
        Plots.Lines([new LinePanel($"{data}, {neurons} neurons: accuracy while learning (each tenth of the samples labelled by the tenth before) and on the test set", "training samples seen", "accuracy",
            [("while learning", [.. result.Curve.Select(c => (double)c.SamplesSeen)], [.. result.Curve.Select(c => c.Accuracy)]),
             ("test, after learning", [result.LearnedSamples], [result.Accuracy])])], curve);
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                data,
                accuracy = result.Accuracy,
                neurons,
                synapses,
                neuron,
                precision,
                energy_j = result.EnergyJ,
                programming_pulses = result.ProgrammingPulses,
                learning_pulses = result.LearningPulses,
                train_samples = result.TrainSamples,
                passes = result.LearningPasses,
                test_samples = result.TestSamples,
                presentations = new { learn = result.LearnPresentations, label = result.LabelPresentations, test = result.TestPresentations },
                wall_s = result.WallSeconds,
                build_s = result.BuildSeconds,
                learn_s = result.LearnSeconds,
                learn_compile_s = result.LearnCompileSeconds,
                ms_per_sample = result.LearnMsPerSample,
                conductance_scale_ns = result.ConductanceScale,
                curve = result.Curve.Select(c => new { samples_seen = c.SamplesSeen, accuracy = c.Accuracy }),
                test_spikes_per_sample = result.TestSpikesPerSample,
                unassigned_neurons = result.Assigned.Count(a => a < 0),
                ablation = steps.Count > 1 ? steps.Select((st, k) => new { step = st.Step, accuracy = results[k].Accuracy, energy_j = results[k].EnergyJ, programming_pulses = results[k].ProgrammingPulses }) : null,
                theta = new { unit = neuron == "lif" ? "mV" : "V", min = result.Theta.Min(), mean = result.Theta.Average(), max = result.Theta.Max() },
                seed,
            }, CliJson.Options));
            return 0;
        }

        Console.WriteLine($"Diehl & Cook on {data} ({synapses} synapses, {neuron} neurons): {neurons} excitatory neurons, {result.TrainSamples} training samples ({(result.LearningPasses == 1 ? "one pass" : $"{result.LearningPasses} passes")}, no labels), {result.TestSamples} test samples");
        Console.WriteLine($"  test accuracy        {result.Accuracy:P1}");
        Console.WriteLine($"  while learning       {string.Join("  ", result.Curve.Select(c => $"{c.Accuracy:P0}@{c.SamplesSeen}"))}");
        Console.WriteLine($"  presentations        {result.LearnPresentations} learning, {result.LabelPresentations} labelling, {result.TestPresentations} testing (repeats of weak responses included)");
        Console.WriteLine($"  spikes per sample    {result.TestSpikesPerSample:F1} (excitatory layer, test set)");
        if (synapses != "ideal")
        {
            Console.WriteLine($"  array                {synapses}: {result.EnergyJ:G3} J, {result.ProgrammingPulses} programming pulses ({result.LearningPulses} while learning)");
        }

        if (steps.Count > 1)
        {
            Console.WriteLine($"  ablation ({synapses} synapses, {neuron} neurons):");
            for (int k = 0; k < steps.Count; k++)
            {
                Console.WriteLine($"    {steps[k].Step,-40} {results[k].Accuracy,7:P1}");
            }
        }

        Console.WriteLine($"  conductance scale    {result.ConductanceScale:F2} nS per unit weight");
        Console.WriteLine($"  wall                 {result.WallSeconds:F1} s ({result.LearnMsPerSample:F1} ms per learned sample)");
        Console.WriteLine($"wrote {fields} and {curve}");
        return 0;
    }
}
