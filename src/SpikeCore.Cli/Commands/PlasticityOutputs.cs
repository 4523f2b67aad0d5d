using System.Globalization;
using SpikeCore.Building;
using SpikeCore.Models.Devices;
using SpikeCore.Models.Synapses;
using SpikeCore.Output;
using SpikeCore.Running;

namespace SpikeCore.Cli.Commands;

/// <summary>What <c>spikecore run</c> writes for plastic projections: weight evolution, learning windows, device curves.</summary>
internal sealed class PlasticityOutputs
{
    private const int TrackedSynapses = 12;
    private readonly Simulation _sim;
    private readonly int[] _learning;
    private readonly List<double> _timesMs = [];
    private readonly List<(double Mean, double Sd, float[] Tracked)>[] _samples;

    public PlasticityOutputs(Simulation sim)
    {
        _sim = sim;
        IReadOnlyList<ProjectionSpec> projections = sim.Network.Spec.Projections;
        _learning = Enumerable.Range(0, projections.Count).Where(p => projections[p].Synapse is { ChangesWeights: true }).ToArray();
        _samples = _learning.Select(_ => new List<(double, double, float[])>()).ToArray();
    }

    /// <summary>Whether any projection learns (then the run is taken in pieces to sample weights).</summary>
    public bool Learns => _learning.Length > 0;

    /// <summary>Reads every learning projection's weights now.</summary>
    public void Sample()
    {
        _timesMs.Add(_sim.TimeMs);
        for (int k = 0; k < _learning.Length; k++)
        {
            float[] w = _sim.Weights(_learning[k]).Weights;
            double mean = w.Length == 0 ? 0 : w.Average(x => (double)x);
            double sd = w.Length == 0 ? 0 : Math.Sqrt(w.Average(x => (x - mean) * (x - mean)));
            int step = Math.Max(1, w.Length / TrackedSynapses);
            _samples[k].Add((mean, sd, w.Where((_, i) => i % step == 0).Take(TrackedSynapses).ToArray()));
        }
    }

    /// <summary>Writes weights.csv and weights.png, stdp_window.png and device.png where they apply; returns the file names.</summary>
    public List<string> Write(string folder)
    {
        var written = new List<string>();
        IReadOnlyList<ProjectionSpec> projections = _sim.Network.Spec.Projections;
        if (Learns && _timesMs.Count > 0)
        {
            using (var csv = new StreamWriter(Path.Combine(folder, "weights.csv")))
            {
                csv.WriteLine("time_ms,projection,mean_weight,sd_weight");
                for (int k = 0; k < _learning.Length; k++)
                {
                    for (int s = 0; s < _timesMs.Count; s++)
                    {
                        csv.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{_timesMs[s]},{_learning[k]},{_samples[k][s].Mean},{_samples[k][s].Sd}"));
                    }
                }
            }

            double[] t = [.. _timesMs];
            var panels = _learning.Select((p, k) =>
            {
                var series = new List<(string, double[], double[])> { ("mean", t, _samples[k].Select(x => x.Mean).ToArray()) };
                int tracked = _samples[k][0].Tracked.Length;
                for (int i = 0; i < tracked; i++)
                {
                    series.Add(($"synapse {i}", t, _samples[k].Select(x => (double)x.Tracked[i]).ToArray()));
                }

                return new LinePanel($"projection {p} {projections[p].From}->{projections[p].To} ({projections[p].Synapse!.Name})", "time (ms)", "weight", series);
            }).ToList();
            Plots.Lines(panels, Path.Combine(folder, "weights.png"));
            written.AddRange(["weights.csv", "weights.png"]);
        }

        double[] deltas = [.. Enumerable.Range(-50, 101).Select(d => d * 1.0).Where(d => d != 0)];
        var windows = new List<LinePanel>();
        var devices = new List<LinePanel>();
        foreach ((ProjectionSpec p, int index) in projections.Select((p, i) => (p, i)))
        {
            (SynapseModel? ideal, double w0, ConductanceDevice? device) = p.Synapse switch
            {
                Stdp s => (s with { Device = null }, s.MaxWeight / 2, s.Device),
                TripletStdp s => (s with { Device = null, MaxWeight = 100 }, 1.0, s.Device),
                SecondOrderMemristor s => (s, s.MaxWeight / 2, null),
                BinaryPcmStdp s => (null, 0, s.Device),
                _ => ((SynapseModel?)null, 0.0, (ConductanceDevice?)null),
            };
            if (ideal is not null)
            {
                windows.Add(new LinePanel($"projection {index}: {ideal.Name} window (one pair, no device)", "t_post - t_pre (ms)", "weight change",
                    [("Δw", deltas, LearningWindow.Measure(ideal, deltas, w0))]));
            }

            if (device is not null)
            {
                devices.Add(DeviceCurve(index, device));
            }
        }

        if (windows.Count > 0)
        {
            Plots.Lines(windows, Path.Combine(folder, "stdp_window.png"));
            written.Add("stdp_window.png");
        }

        if (devices.Count > 0)
        {
            Plots.Lines(devices, Path.Combine(folder, "device.png"));
            written.Add("device.png");
        }

        return written;
    }

    /// <summary>G after each of P_max potentiating pulses from G_min, then P_max depressing ones (noise-free).</summary>
    private static LinePanel DeviceCurve(int projection, ConductanceDevice device)
    {
        int n = device.MaxPulses;
        var pulses = new double[(2 * n) + 1];
        var g = new double[pulses.Length];
        g[0] = device.MinConductanceUs;
        for (int k = 1; k < pulses.Length; k++)
        {
            pulses[k] = k;
            g[k] = device.Apply(g[k - 1], k <= n ? 1 : -1);
        }

        return new LinePanel($"projection {projection}: {device.Name} device, {n} potentiating then {n} depressing pulses", "pulse number", "conductance (µS)",
            [("G", pulses, g)]);
    }
}
