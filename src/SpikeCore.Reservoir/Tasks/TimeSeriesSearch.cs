using SpikeCore.Random;
using SpikeCore.Reservoir.Reservoirs;

namespace SpikeCore.Reservoir.Tasks;

/// <summary>
/// Random search over reservoir hyperparameters for a time-series task, scored on a validation split that never touches
/// the test steps: each configuration trains on the first three quarters of the training steps and is scored on the
/// last quarter, on series drawn from <see cref="ValidationSeed"/> (the reported runs use seeds 1, 2, 3, ...).
/// </summary>
public static class TimeSeriesSearch
{
    /// <summary>The seed of the series and reservoirs the search scores on.</summary>
    public const ulong ValidationSeed = 1001;

    /// <summary>One configuration tried, its parameters (name → value) and its validation NMSE.</summary>
    public sealed record Trial(int Number, TimeSeriesExperiment Experiment, IReadOnlyDictionary<string, string> Parameters, double ValidationNmse, double WallSeconds);

    /// <summary>Configuration number <paramref name="trial"/> of the search keyed by <paramref name="seed"/>, around <paramref name="start"/>.</summary>
    public static (TimeSeriesExperiment Experiment, IReadOnlyDictionary<string, string> Parameters) Sample(TimeSeriesExperiment start, ulong seed, int trial)
    {
        ArgumentNullException.ThrowIfNull(start);
        var rng = KeyedRandom.Create(seed, StreamPurpose.TimeSeriesSearchTrial, (ulong)trial);
        double LogUniform(double low, double high) => low * Math.Pow(high / low, rng.NextDouble());
        string F(double v) => v.ToString("G4", System.Globalization.CultureInfo.InvariantCulture);
        if (start.Reservoir == ReservoirKind.Device)
        {
            int size = start.Device.NodesPerChannel, nodes = new[] { 2, 4, 5, 10 }[rng.NextInt(4)];
            double interval = LogUniform(0.1, 1);
            DeviceReservoirOptions d = start.Device with
            {
                Device = start.Device.Device with { GrowthRatePerS = LogUniform(100, 2000), Gamma1PerS = LogUniform(50, 1500) },
                VirtualNodes = nodes, DevicesPerChannel = Math.Max(1, size / nodes), NodeIntervalMs = interval, PulseWidthMs = interval / 2,
                MaxVoltageV = LogUniform(0.005, 0.06), DecaySpread = 2 * rng.NextDouble(),
            };
            return (start with { Device = d }, new Dictionary<string, string>
            {
                ["virtual_nodes"] = F(nodes), ["growth_per_s"] = F(d.Device.GrowthRatePerS), ["gamma1_per_s"] = F(d.Device.Gamma1PerS),
                ["node_interval_ms"] = F(interval), ["max_v"] = F(d.MaxVoltageV), ["decay_spread"] = F(d.DecaySpread),
            });
        }

        if (start.Reservoir == ReservoirKind.Ring)
        {
            double gamma1 = LogUniform(100, 1000), stepMs = LogUniform(0.05, 0.4) / gamma1 * 1000; // 0.05-0.4 of 1/γ1
            RingReservoirOptions ring = start.Ring with
            {
                Device = start.Ring.Device with { GrowthRatePerS = LogUniform(500, 5000), Gamma1PerS = gamma1 },
                StepMs = stepMs, PulseWidthMs = stepMs / 2, BiasV = LogUniform(0.001, 0.01), InputV = LogUniform(0.0005, 0.008),
            };
            return (start with { Ring = ring }, new Dictionary<string, string>
            {
                ["growth_per_s"] = F(ring.Device.GrowthRatePerS), ["gamma1_per_s"] = F(gamma1), ["step_ms"] = F(stepMs),
                ["bias_v"] = F(ring.BiasV), ["input_v"] = F(ring.InputV),
            });
        }

        if (start.Reservoir == ReservoirKind.Esn)
        {
            EchoStateOptions esn = start.Esn with
            {
                SpectralRadius = LogUniform(0.3, 1.3), InputScale = LogUniform(0.01, 2), BiasScale = LogUniform(0.01, 1),
                Leak = rng.NextDouble() < 0.5 ? 1 : LogUniform(0.2, 1),
            };
            return (start with { Esn = esn }, new Dictionary<string, string>
            {
                ["spectral_radius"] = F(esn.SpectralRadius), ["input_scale"] = F(esn.InputScale), ["bias_scale"] = F(esn.BiasScale), ["leak"] = F(esn.Leak),
            });
        }

        LsmOptions l = start.Liquid with
        {
            InputWeight = LogUniform(3, 40), RecurrentScale = LogUniform(0.03, 1.5), Lambda = 1 + (2 * rng.NextDouble()),
            InputConnectivity = LogUniform(0.05, 0.5), TimeConstantGroups = new[] { 1, 4 }[rng.NextInt(2)],
            MembraneTauRangeMs = (5, LogUniform(30, 300)), ShortTermPlasticity = rng.NextDouble() < 0.5,
        };
        double step = LogUniform(4, 12), tau = step * LogUniform(0.5, 3);
        return (start with { Liquid = l, StepMs = step, TraceTauMs = tau }, new Dictionary<string, string>
        {
            ["input_weight"] = F(l.InputWeight), ["recurrent_scale"] = F(l.RecurrentScale), ["lambda"] = F(l.Lambda),
            ["input_p"] = F(l.InputConnectivity), ["tau_groups"] = F(l.TimeConstantGroups), ["tau_max_ms"] = F(l.MembraneTauRangeMs.Max),
            ["stp"] = l.ShortTermPlasticity ? "on" : "off", ["step_ms"] = F(step), ["trace_tau_ms"] = F(tau),
        });
    }

    /// <summary>Runs <paramref name="trials"/> configurations around <paramref name="start"/>, reporting each as it finishes.</summary>
    public static IEnumerable<Trial> Run(TimeSeriesExperiment start, int trials, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(start);
        int validation = start.TrainSteps / 4;
        for (int t = 0; t < trials; t++)
        {
            (TimeSeriesExperiment experiment, IReadOnlyDictionary<string, string> parameters) = Sample(start, seed, t);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            TimeSeriesExperiment.Result r = (experiment with { TrainSteps = start.TrainSteps - validation, TestSteps = validation }).Run(ValidationSeed);
            yield return new Trial(t, experiment, parameters, r.Nmse, clock.Elapsed.TotalSeconds);
        }
    }
}
