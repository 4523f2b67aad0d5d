using SpikeCore.Random;
using SpikeCore.Reservoir.Encoding;
using SpikeCore.Reservoir.FrontEnd;
using SpikeCore.Reservoir.Reservoirs;

namespace SpikeCore.Reservoir.Tasks;

/// <summary>
/// Random search over front-end and reservoir hyperparameters for spoken digits, scored on the validation split inside
/// the speaker-dependent training set (<see cref="DigitDataset.SpeakerDependentValidation"/>), never on the test takes.
/// </summary>
public static class DigitsSearch
{
    /// <summary>One configuration tried, its parameters (name → value, for tables) and its validation accuracies.</summary>
    public sealed record Trial(int Number, DigitsExperiment Experiment, IReadOnlyDictionary<string, string> Parameters, double BaselineAccuracy, double? ReservoirAccuracy, double WallSeconds);

    /// <summary>Configuration number <paramref name="trial"/> of the search keyed by <paramref name="seed"/>.</summary>
    public static (DigitsExperiment Experiment, IReadOnlyDictionary<string, string> Parameters) Sample(ReservoirKind reservoir, ulong seed, int trial)
    {
        var rng = KeyedRandom.Create(seed, StreamPurpose.DigitsSearchTrial, (ulong)trial);
        double LogUniform(double low, double high) => low * Math.Pow(high / low, rng.NextDouble());
        T Pick<T>(params T[] options) => options[rng.NextInt(options.Length)];
        var frontEnd = new FrontEndOptions
        {
            Filterbank = Pick(FilterbankKind.Gammatone, FilterbankKind.Mel, FilterbankKind.Lyon),
            Channels = Pick(32, 48, 64),
            Compression = Pick(Compression.Log, Compression.CubeRoot),
        };
        int segments = Pick(2, 3, 4);
        var p = new Dictionary<string, string>
        {
            ["filterbank"] = frontEnd.Filterbank.ToString(),
            ["channels"] = Invariant(frontEnd.Channels),
            ["compression"] = frontEnd.Compression.ToString(),
            ["segments"] = Invariant(segments),
        };
        var experiment = new DigitsExperiment { FrontEnd = frontEnd, Segments = segments, Reservoir = reservoir, Standardise = true, ReadoutSeesInput = true, Seed = seed + (ulong)trial };
        if (reservoir == ReservoirKind.Lsm)
        {
            int side = Pick(8, 10);
            var liquid = new LsmOptions
            {
                GridX = side, GridY = side, GridZ = side,
                InputWeight = LogUniform(6, 40), RecurrentScale = LogUniform(0.1, 2), Lambda = 1 + (2 * rng.NextDouble()),
                InputConnectivity = LogUniform(0.05, 0.4), TimeConstantGroups = Pick(1, 4), ShortTermPlasticity = Pick(true, false),
            };
            experiment = experiment with { Liquid = liquid, Encoding = Pick(SpikeEncoding.Poisson, SpikeEncoding.LifCurrent) };
            p["neurons"] = Invariant(liquid.Size);
            p["encoding"] = experiment.Encoding.ToString();
            p["input_weight"] = Invariant(liquid.InputWeight);
            p["recurrent_scale"] = Invariant(liquid.RecurrentScale);
            p["lambda"] = Invariant(liquid.Lambda);
            p["input_p"] = Invariant(liquid.InputConnectivity);
            p["tau_groups"] = Invariant(liquid.TimeConstantGroups);
            p["stp"] = liquid.ShortTermPlasticity ? "on" : "off";
        }
        else if (reservoir == ReservoirKind.Device)
        {
            DeviceReservoirOptions d = experiment.Device;
            var device = d with
            {
                Device = d.Device with { GrowthRatePerS = LogUniform(50, 2000), Gamma1PerS = LogUniform(5, 500) },
                VirtualNodes = Pick(4, 8, 12),
                NodeIntervalMs = LogUniform(0.2, 2),
                MaxVoltageV = LogUniform(0.005, 0.06),
                DecaySpread = 2 * rng.NextDouble(),
            };
            experiment = experiment with { Device = device with { PulseWidthMs = device.NodeIntervalMs / 2 } };
            p["virtual_nodes"] = Invariant(device.VirtualNodes);
            p["growth_per_s"] = Invariant(device.Device.GrowthRatePerS);
            p["gamma1_per_s"] = Invariant(device.Device.Gamma1PerS);
            p["node_interval_ms"] = Invariant(device.NodeIntervalMs);
            p["max_v"] = Invariant(device.MaxVoltageV);
            p["decay_spread"] = Invariant(device.DecaySpread);
        }

        return (experiment, p);
    }

    /// <summary>Runs <paramref name="trials"/> configurations, reporting each as it finishes.</summary>
    public static IEnumerable<Trial> Run(DigitDataset data, ReservoirKind reservoir, int trials, ulong seed, IProgress<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        (IReadOnlyList<DigitRecording> train, IReadOnlyList<DigitRecording> validation) = data.SpeakerDependentValidation();
        if (train.Count == 0 || validation.Count == 0)
        {
            throw new InvalidDataException($"{data.Folder}: the search needs takes 5-14 (validation) and 15+ (training); this folder has {train.Count} and {validation.Count}");
        }

        for (int t = 0; t < trials; t++)
        {
            (DigitsExperiment experiment, IReadOnlyDictionary<string, string> parameters) = Sample(reservoir, seed, t);
            int trial = t;
            DigitsExperiment.Result r = experiment.Run(train, validation, new Progress(progress, trial, trials));
            yield return new Trial(t, experiment, parameters, r.BaselineAccuracy, r.ReservoirAccuracy, r.WallSeconds);
        }
    }

    private static string Invariant(double value) => value.ToString("G4", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Maps one trial's progress into the whole search's.</summary>
    private sealed class Progress(IProgress<double>? outer, int trial, int trials) : IProgress<double>
    {
        public void Report(double value) => outer?.Report((trial + value) / trials);
    }
}
