using SpikeCore.Building;
using SpikeCore.Crossbar.Circuit;
using SpikeCore.Crossbar.Devices;
using SpikeCore.Crossbar.Engine;
using SpikeCore.Models.Devices;
using SpikeCore.Models.Sources;
using SpikeCore.Running;

namespace SpikeCore.Models.Tests.Synapses;

public class ArraySynapseTests
{
    private static readonly DevicePreset Preset = DevicePresets.Table1Target;

    /// <summary>3 inputs spiking at the given times onto 4 probes through an array, all to all, weights w0.</summary>
    private static (Simulation Sim, ProjectionWeights Programmed) Run(ArraySynapse array, double[][] pre, double[][] post, double[] initial, double untilMs = 500, SimulationOptions? options = null)
    {
        var network = new NetworkBuilder(7)
            .AddPopulation("pre", pre.Length, new SpikeTimesSource(pre))
            .AddPopulation("post", post.Length, new DeliveryProbe { SpikeTimesMs = post })
            .Connect(new ProjectionSpec("pre", "post", Connectivity.AllToAll(), Distribution.FromValues(initial), 1.0, "excitatory") { Synapse = array })
            .Build();
        var sim = new Simulation(network, options);
        ProjectionWeights programmed = sim.Weights(0);
        sim.Run(untilMs);
        return (sim, programmed);
    }

    [Fact]
    public void An_inverting_array_delivers_the_same_reads_negated()
    {
        double[][] pre = [[10], [20, 30], [40]];
        double[][] post = [[], [], [], []];
        double[] initial = [.. Enumerable.Range(0, 12).Select(k => 0.15 + (0.07 * k))];
        var plain = new ArraySynapse { MaxWeight = 2 };
        (Simulation a, _) = Run(plain, pre, post, initial);
        a.Dispose();
        var delivered = DeliveryProbe.Log.ToList();
        (Simulation b, _) = Run(plain with { Inverting = true }, pre, post, initial);
        b.Dispose();
        var inverted = DeliveryProbe.Log.ToList();
        Assert.Equal(delivered.Count, inverted.Count);
        Assert.Contains(delivered, d => d.Weight > 0);
        for (int k = 0; k < delivered.Count; k++)
        {
            Assert.Equal(delivered[k].Weight, -inverted[k].Weight);
        }
    }

    [Fact]
    public void A_spike_reads_its_row_and_delivers_each_column_its_charge_through_the_circuit()
    {
        double[][] pre = [[10], [20, 30], [40]];
        double[][] post = [[], [], [], []];
        double[] initial = [.. Enumerable.Range(0, 12).Select(k => 0.15 + (0.07 * k))];
        var ideal = new ArraySynapse { MaxWeight = 2, ReferenceColumn = false };
        (Simulation sim, ProjectionWeights programmed) = Run(ideal, pre, post, initial);
        using (sim)
        {
            // Write-verify lands within half the smaller direction's largest step of each target: weight steps of
            // W_max/G_max × (G_max − G_min)/64 at most (64 levels, a saturating curve: no step is larger than the linear one... ×2 for NL 1).
            double step = 2.0 / Preset.Device.MaxConductanceUs * Preset.Device.RangeUs / 64 * 2;
            for (int s = 0; s < initial.Length; s++)
            {
                Assert.InRange(programmed.Weights[s], initial[s] - step, initial[s] + step);
            }

            // Ideal circuit: each delivery is W_max G / G_max, the programmed weight itself, once per spike and column.
            var log = DeliveryProbe.Log;
            Assert.Equal(4 * 4, log.Count);
            foreach ((double time, int neuron, float weight, _) in log)
            {
                int row = time switch { < 15 => 0, < 35 => 1, _ => 2 };
                int s = Enumerable.Range(0, initial.Length).Single(k => programmed.Sources[k] == row && programmed.Targets[k] == neuron);
                Assert.Equal(programmed.Weights[s], weight);
            }

            // Every device read is counted with V² g t_read.
            double readJ = log.Sum(d => Preset.ReadVoltageV * Preset.ReadVoltageV * d.Weight / 2 * Preset.Device.MaxConductanceUs * 1e-6 * 5e-9);
            IReadOnlyDictionary<string, double> meters = sim.Meters(0);
            Assert.Equal(16, meters["device_reads"]);
            Assert.Equal(readJ, meters["read_energy_j"], readJ * 1e-6);
            Assert.True(meters["programming_pulses"] > 0 && meters["write_energy_j"] > 0);
        }

        // Series path: the same devices behind (column + 1 + M − row) wire segments of 2 kΩ: 1/(1/g + n r), exactly.
        var series = ideal with { LineResistanceOhm = 2000, IrDrop = IrDropModel.Series };
        (Simulation s2, ProjectionWeights p2) = Run(series, pre, post, initial);
        using (s2)
        {
            Assert.Equal(programmed.Weights, p2.Weights); // programming does not depend on the read circuit
            foreach ((double time, int neuron, float weight, _) in DeliveryProbe.Log)
            {
                int row = time switch { < 15 => 0, < 35 => 1, _ => 2 };
                int s = Enumerable.Range(0, initial.Length).Single(k => p2.Sources[k] == row && p2.Targets[k] == neuron);
                double g = p2.Weights[s] / 2 * Preset.Device.MaxConductanceUs;
                double expected = 2 / Preset.Device.MaxConductanceUs / ((1 / g) + ((neuron + 1 + 3 - row) * 2000 * 1e-6));
                Assert.Equal(expected, weight, expected * 1e-6);
                Assert.True(weight < p2.Weights[s]);
            }
        }

        // With a reference column the floor G_min is subtracted: w = W_max (G − G_min)/(G_max − G_min), so a device
        // programmed to weight w delivers w (ideal circuit), and the reference read doubles the read energy's count.
        (Simulation s3, ProjectionWeights p3) = Run(ideal with { ReferenceColumn = true }, pre, post, initial);
        using (s3)
        {
            double rangeStep = 2.0 / Preset.Device.RangeUs * Preset.Device.RangeUs / 64 * 2;
            foreach ((double time, int neuron, float weight, _) in DeliveryProbe.Log)
            {
                int row = time switch { < 15 => 0, < 35 => 1, _ => 2 };
                int s = Enumerable.Range(0, initial.Length).Single(k => p3.Sources[k] == row && p3.Targets[k] == neuron);
                Assert.Equal(p3.Weights[s], weight, 1e-6);
                Assert.InRange(weight, initial[s] - rangeStep, initial[s] + rangeStep);
            }

            Assert.Equal(16, s3.Meters(0)["device_reads"]);
        }
    }

    [Fact]
    public void Read_noise_has_its_sigma_and_is_the_same_on_any_partition_count()
    {
        double[][] pre = [[.. Enumerable.Range(1, 400).Select(k => k * 1.0)]];
        double[][] post = [.. Enumerable.Range(0, 6).Select(_ => Array.Empty<double>())];
        var noisy = new ArraySynapse { MaxWeight = 1, ReadNoise = 0.05, ReferenceColumn = false };
        List<(double, int, float)> Deliveries(int partitions)
        {
            (Simulation sim, ProjectionWeights programmed) = Run(noisy, pre, post, [.. Enumerable.Repeat(0.5, 6)], 450, new SimulationOptions { Partitions = partitions });
            using (sim)
            {
                var log = DeliveryProbe.GlobalLog.OrderBy(d => d.TimeMs).ThenBy(d => d.GlobalId).ToList();
                if (partitions == 1)
                {
                    // (delivered − programmed) / W_max is N(0, σ): σ measured over 2,400 reads within 10%.
                    double[] z = [.. log.Select(d => (double)(d.Weight - programmed.Weights[d.GlobalId - 1]))]; // probes follow the one input
                    double sd = Math.Sqrt(z.Sum(x => x * x) / z.Length);
                    Assert.InRange(sd, 0.045, 0.055);
                    Assert.InRange(z.Average(), -0.005, 0.005);
                }

                return log;
            }
        }

        Assert.Equal(Deliveries(1), Deliveries(3));
    }

    [Fact]
    public void Stdp_window_measured_pulse_by_pulse_through_the_array_is_the_rule_quantised_on_the_device_curve()
    {
        // One pair per run at Δt = t_post − t_pre. Potentiation asks Δw = A2+ e^(−Δt/τ_pre), depression
        // Δw = −A− e^(Δt/τ_post); each becomes ⌊|ΔG| / range × 64⌋ whole pulses (truncated) applied along the device's curve.
        var rule = new ArraySynapse { MaxWeight = 1, Potentiation = 0.6, Depression = 0.5, StochasticRounding = false, ReferenceColumn = false };
        ConductanceDevice device = Preset.Device;
        double scale = 1 / device.MaxConductanceUs;
        foreach (double dt in new[] { -40.0, -25, -8, -1, 1, 8, 25, 40 })
        {
            double tPre = 100, tPost = 100 + dt;
            (Simulation sim, ProjectionWeights before) = Run(rule, [[tPre - 1]], [[tPost]], [0.5], 400); // arrival = spike + 1 ms
            using (sim)
            {
                double g0 = before.Weights[0] / scale;
                double askedUs = (dt > 0 ? 0.6 * Math.Exp(-dt / 20) : -0.5 * Math.Exp(dt / 20)) / scale;
                int pulses = (int)(Math.Abs(askedUs) / device.RangeUs * device.PulsesAcrossRange(askedUs > 0));
                double expected = device.Apply(g0, askedUs > 0 ? pulses : -pulses) * scale;
                Assert.True(pulses > 0, $"Δt {dt}: {pulses} pulses");
                Assert.Equal(expected, sim.Weights(0).Weights[0], 1e-6);
                Assert.Equal(pulses, sim.Meters(0)["learning_pulses"]);
            }
        }
    }

    [Fact]
    public void Accumulated_learning_pulses_whole_steps_of_the_summed_changes_and_keeps_the_rest()
    {
        // Four pre-post pairs 200 ms apart (Δt 1 ms at the synapse); each asks Δw = A2+ x_pre with x_pre the sum of the
        // decayed pre spikes, about 0.0095, less than the 1/64 of a pulse. Truncation loses every one; accumulation
        // pulses when the running sum reaches a whole step and keeps the remainder.
        double[] pre = [99, 299, 499, 699], post = [101, 301, 501, 701];
        const double a = 0.01, step = 1.0 / 64;
        var rule = new ArraySynapse { MaxWeight = 1, Potentiation = a, StochasticRounding = false, ReferenceColumn = false };
        (Simulation lost, _) = Run(rule, [pre], [post], [0.5], 800);
        using (lost)
        {
            Assert.Equal(0, lost.Meters(0)["learning_pulses"]);
        }

        (Simulation kept, ProjectionWeights before) = Run(rule with { Accumulate = true }, [pre], [post], [0.5], 800);
        using (kept)
        {
            double residue = 0, g = before.Weights[0] * Preset.Device.MaxConductanceUs;
            int total = 0;
            for (int k = 0; k < post.Length; k++)
            {
                double trace = Enumerable.Range(0, k + 1).Sum(j => Math.Exp(-(post[k] - (pre[j] + 1)) / 20));
                residue += a * trace;
                int whole = (int)(residue / step * (1 + 1e-9));
                residue -= whole * step;
                g = Preset.Device.Apply(g, whole);
                total += whole;
            }

            Assert.Equal(2, total);
            Assert.Equal(total, kept.Meters(0)["learning_pulses"]);
            Assert.Equal(g / Preset.Device.MaxConductanceUs, kept.Weights(0).Weights[0], 1e-6);
        }
    }

    [Fact]
    public void Two_synapses_on_one_device_and_weights_no_device_can_hold_are_refused()
    {
        SpikeCore.Compiled.Network network = new NetworkBuilder(1)
            .AddPopulation("pre", 2, new SpikeTimesSource([[1.0], [2.0]]))
            .AddPopulation("post", 2, new DeliveryProbe())
            .Connect(new ProjectionSpec("pre", "post", Connectivity.Explicit([0, 1, 1], [1, 0, 0]), 1.0, 1.0, "excitatory") { Synapse = new ArraySynapse() })
            .Build();
        var e = Assert.Throws<NetworkValidationException>(() => new Simulation(network));
        Assert.Contains("two synapses from neuron 1 to neuron 0", e.Message, StringComparison.Ordinal);

        SpikeCore.Compiled.Network tooStrong = new NetworkBuilder(1)
            .AddPopulation("pre", 2, new SpikeTimesSource([[1.0], [2.0]]))
            .AddPopulation("post", 2, new DeliveryProbe())
            .Connect(new ProjectionSpec("pre", "post", Connectivity.AllToAll(), Distribution.FromValues([0.5, 1.5, 0.2, 0.1]), 1.0, "excitatory") { Synapse = new ArraySynapse { MaxWeight = 1 } })
            .Build();
        e = Assert.Throws<NetworkValidationException>(() => new Simulation(tooStrong));
        Assert.Contains("the weight 1.5 from neuron 0 to neuron 1 is outside [0, 1]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_array_preset_names_one_device_preset_and_every_device_preset_has_one()
    {
        string[] names = [.. Enum.GetValues<ArrayPreset>().Select(p => p.Device().Name)];
        Assert.Equal(names, Enum.GetValues<ArrayPreset>().Select(p => p.Name()));
        Assert.Equal(DevicePresets.All.Select(p => p.Name).Order(), names.Order());
    }

    [Fact]
    public void Analytic_ir_drop_and_exact_reads_of_learning_or_drifting_arrays_are_refused()
    {
        static string Errors(ArraySynapse model)
        {
            var errors = new List<string>();
            model.Validate(errors, "projections[0].synapse");
            return string.Join("\n", errors);
        }

        Assert.Contains("one row per spike", Errors(new ArraySynapse { IrDrop = IrDropModel.Analytic, LineResistanceOhm = 1 }), StringComparison.Ordinal);
        Assert.Contains("line_resistance_ohm > 0", Errors(new ArraySynapse { IrDrop = IrDropModel.Exact }), StringComparison.Ordinal);
        Assert.Contains("do not learn", Errors(new ArraySynapse { IrDrop = IrDropModel.Exact, LineResistanceOhm = 1, Depression = 0.01 }), StringComparison.Ordinal);
        Assert.Contains("drift: false", Errors(new ArraySynapse { IrDrop = IrDropModel.Exact, LineResistanceOhm = 1, Preset = ArrayPreset.PcmGst }), StringComparison.Ordinal);
        Assert.Empty(Errors(new ArraySynapse { IrDrop = IrDropModel.Exact, LineResistanceOhm = 1, Preset = ArrayPreset.PcmGst, Drift = false }));
    }

    [Fact]
    public void Exact_reads_are_the_whole_circuit_with_the_spiking_row_alone_driven()
    {
        // 3 x 4 devices and their reference column of G_min devices at the far edge, wires of 2 kΩ: column j of row i gets
        // I_ij − I_i,ref from the nodal solve of that 3 x 5 circuit with row i at V_read and all else at 0 V (the solver
        // matches ngspice to 2e-13, CrossbarTests); the conductances are those the programmed weights stand for.
        double[][] pre = [[10], [20], [30]];
        double[][] post = [[], [], [], []];
        double[] initial = [.. Enumerable.Range(0, 12).Select(k => 0.15 + (0.07 * k))];
        var exact = new ArraySynapse { MaxWeight = 2, IrDrop = IrDropModel.Exact, LineResistanceOhm = 2000 };
        (Simulation sim, ProjectionWeights programmed) = Run(exact, pre, post, initial);
        using (sim)
        {
            double gMin = Preset.Device.MinConductanceUs, perUs = 2 / (Preset.Device.MaxConductanceUs - gMin), v = Preset.ReadVoltageV;
            var g = new double[3 * 5];
            for (int k = 0; k < 12; k++)
            {
                g[(programmed.Sources[k] * 5) + programmed.Targets[k]] = gMin + (programmed.Weights[k] / perUs);
            }

            for (int i = 0; i < 3; i++)
            {
                g[(i * 5) + 4] = gMin;
            }

            var solver = new NodalSolver(g, 3, 5, new CircuitParameters(2000));
            var currents = new double[5];
            foreach ((double time, int neuron, float weight, _) in DeliveryProbe.Log)
            {
                int row = (int)((time - 11) / 10);
                var volts = new double[3];
                volts[row] = v;
                solver.Solve(volts, currents);
                double expected = Math.Max(currents[neuron] - currents[4], 0) / v * perUs;
                Assert.Equal(expected, weight, 1e-5 * expected);
            }

            Assert.Equal(12, DeliveryProbe.Log.Count);
        }

        // One device and its reference: a ladder solved by hand. The driver feeds node A through r; from A, the device
        // g' then r to its column's ground (Z1 = 1/g' + r), and r on to node B, the reference g_min then r to ground
        // (Z2 = r + 1/g_min + r). V_A = V (1/Y)/(r + 1/Y) with Y = 1/Z1 + 1/Z2; column currents V_A/Z1 and V_A/Z2.
        (Simulation single, ProjectionWeights one) = Run(exact, [[10]], [[]], [0.9]);
        using (single)
        {
            double gMin = Preset.Device.MinConductanceUs, perUs = 2 / (Preset.Device.MaxConductanceUs - gMin), v = Preset.ReadVoltageV, r = 2000 * 1e-6; // MΩ
            double z1 = (1 / (gMin + (one.Weights[0] / perUs))) + r, z2 = r + (1 / gMin) + r, load = 1 / ((1 / z1) + (1 / z2));
            double vA = v * load / (r + load), expected = ((vA / z1) - (vA / z2)) / v * perUs;
            Assert.Equal(expected, Assert.Single(DeliveryProbe.Log).Weight, 1e-5 * expected);
        }

        // Wires of 1 mΩ: the exact read is the programmed weight itself.
        (Simulation thin, ProjectionWeights p2) = Run(exact with { LineResistanceOhm = 1e-3 }, pre, post, initial);
        using (thin)
        {
            foreach ((double time, int neuron, float weight, _) in DeliveryProbe.Log)
            {
                int row = (int)((time - 11) / 10);
                Assert.Equal(p2.Weights[Enumerable.Range(0, 12).Single(k => p2.Sources[k] == row && p2.Targets[k] == neuron)], weight, 1e-5);
            }
        }
    }

    [Fact]
    public void Array_projections_round_trip_through_network_files_and_bad_ones_are_refused_by_name()
    {
        CrossbarModels.Register();
        var array = new ArraySynapse { Preset = ArrayPreset.AgSi, MaxWeight = 3, IrDrop = IrDropModel.Series, LineResistanceOhm = 1.5, ReadNoise = 0.01, TripletPotentiation = 0.01, Depression = 1e-4, ReferenceColumn = false };
        NetworkSpec spec = new NetworkBuilder(3)
            .AddPopulation("in", 5, PoissonSource.Constant(20))
            .AddPopulation("out", 3, SpikeCore.Models.Neurons.LifCondExp.Default)
            .Connect(new ProjectionSpec("in", "out", Connectivity.AllToAll(), Distribution.Uniform(0.5, 2), 1.0, "excitatory") { Synapse = array })
            .Spec;
        string json = SpikeCore.Models.Serialization.NetworkFile.ToJson(spec);
        Assert.Contains("\"crossbar\"", json, StringComparison.Ordinal);
        Assert.Contains("\"ag_si\"", json, StringComparison.Ordinal);
        NetworkSpec read = SpikeCore.Models.Serialization.NetworkFile.Parse(json);
        Assert.Equal(array, read.Projections[0].Synapse);
        Assert.Equal(json, SpikeCore.Models.Serialization.NetworkFile.ToJson(read));

        var e = Assert.Throws<NetworkValidationException>(() => SpikeCore.Models.Serialization.NetworkFile.Parse(json.Replace("\"ag_si\"", "\"unobtainium\"", StringComparison.Ordinal), "bad.json"));
        Assert.Contains(e.Errors, m => m.Contains("unknown preset 'unobtainium'", StringComparison.Ordinal) && m.Contains("table1_target", StringComparison.Ordinal));
        e = Assert.Throws<NetworkValidationException>(() => NetworkBuilder.FromSpec(SpikeCore.Models.Serialization.NetworkFile.Parse(json.Replace("\"series\"", "\"analytic\"", StringComparison.Ordinal), "bad.json")).Build());
        Assert.Contains(e.Errors, m => m.Contains("one row per spike", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(IrDropModel.Series)]
    [InlineData(IrDropModel.Exact)]
    public void A_static_array_gives_the_same_spikes_in_windows_and_events_on_any_partition_count(IrDropModel irDrop)
    {
        // Reads have no state but their meters, and read noise is keyed by device and arrival: the scheduler and the
        // partitions cannot change what a neuron receives.
        SpikeCore.Compiled.Network network = new NetworkBuilder(11)
            .AddPopulation("in", 40, PoissonSource.Constant(30))
            .AddPopulation("out", 30, SpikeCore.Models.Neurons.LifExp.Default)
            .Connect(new ProjectionSpec("in", "out", Connectivity.AllToAll(), Distribution.Uniform(0.5, 3), Distribution.Uniform(0.5, 2), "excitatory")
            {
                Synapse = new ArraySynapse { Preset = ArrayPreset.NeuroSimTarget, MaxWeight = 3, ReadNoise = 0.03, IrDrop = irDrop, LineResistanceOhm = 5 },
            })
            .Build();
        (ulong Hash, long Spikes, IReadOnlyDictionary<string, double> Meters) Run(SchedulerMode mode, int partitions)
        {
            using var sim = new Simulation(network, new SimulationOptions { Scheduler = mode, Partitions = partitions, RecordSpikes = false });
            sim.Run(1000);
            Assert.Equal(mode, sim.Scheduler);
            return (sim.Statistics.SpikeHash, sim.Statistics.Spikes, sim.Meters(0));
        }

        var events = Run(SchedulerMode.Events, 1);
        Assert.True(events.Spikes > 200, $"{events.Spikes} spikes");
        if (irDrop == IrDropModel.Exact)
        {
            // An exact read solves the whole array: a run that splits its columns is refused, in one line.
            var e = Assert.Throws<NetworkValidationException>(() => Run(SchedulerMode.Events, 2));
            Assert.Contains("run it in one partition", Assert.Single(e.Errors), StringComparison.Ordinal);
        }

        foreach (var other in irDrop == IrDropModel.Exact ? new[] { Run(SchedulerMode.Windows, 1) } : [Run(SchedulerMode.Windows, 1), Run(SchedulerMode.Windows, 3), Run(SchedulerMode.Events, 2)])
        {
            Assert.Equal(events.Hash, other.Hash);
            Assert.Equal(events.Meters, other.Meters);
        }

        // Saved at 400 ms and resumed (an exact array solves itself again from the restored devices): the same run.
        string path = Path.Combine(Path.GetTempPath(), $"spikecore-array-{irDrop}-{Environment.ProcessId}.spkc");
        try
        {
            using (var first = new Simulation(network, new SimulationOptions { RecordSpikes = false }))
            {
                first.Run(400);
                first.Save(path);
            }

            using var resumed = Simulation.Load(path, network, new SimulationOptions { RecordSpikes = false });
            resumed.Run(600);
            Assert.Equal(events.Hash, resumed.Statistics.SpikeHash);
            Assert.Equal(events.Meters, resumed.Meters(0));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Pcm_devices_drift_by_the_power_law_from_their_last_programming()
    {
        // 20 x 20 PCM devices (no reference column: w ∝ g), input i read 0.1 i ms after 10 ms, 100 s and 500 s: each device's
        // ν from the first interval must equal its ν from the second under g ∝ ((t + t0)/t0)^(−ν), t0 = 20 s. Rewriting
        // every weight at 600 s restarts the clock of each device that took a pulse: a read 10 ms later sees its new weight
        // all but undrifted, while a device whose rounding took none drifts on from 0. Drift off:
        // every read is the programmed weight.
        const int N = 20;
        double[] starts = [10, 100_000, 500_000, 600_010];
        double[][] pre = [.. Enumerable.Range(0, N).Select(i => starts.Select(t => t + (0.1 * i)).ToArray())];
        double[] initial = [.. Enumerable.Range(0, N * N).Select(k => 0.2 + (0.7 * ((k * 37) % 101) / 100.0))];
        foreach (bool drift in new[] { true, false })
        {
            var network = new NetworkBuilder(7)
                .AddPopulation("pre", N, new SpikeTimesSource(pre))
                .AddPopulation("post", N, new DeliveryProbe())
                .Connect(new ProjectionSpec("pre", "post", Connectivity.AllToAll(), Distribution.FromValues(initial), 1.0, "excitatory")
                {
                    Synapse = new ArraySynapse { Preset = ArrayPreset.PcmGst, ReferenceColumn = false, Drift = drift },
                })
                .Build();
            using var sim = new Simulation(network);
            ProjectionWeights first = sim.Weights(0);
            sim.Run(600_000);
            sim.SetWeights(0, [.. first.Weights.Select(x => x > 0.5f ? x - 0.1f : x + 0.1f)]);
            ProjectionWeights second = sim.Weights(0);
            sim.Run(100);
            Assert.Equal(4 * N * N, DeliveryProbe.Log.Count);
            float Read(int read, int i, int j) => DeliveryProbe.Log.Single(d => d.Neuron == j && Math.Abs(d.TimeMs - (starts[read] + (0.1 * i) + 1)) < 0.05).Weight;
            var nus = new List<double>();
            int rewritten = 0;
            for (int k = 0; k < N * N; k++)
            {
                (int i, int j) = (first.Sources[k], first.Targets[k]);
                double w1 = Read(0, i, j), w2 = Read(1, i, j), w3 = Read(2, i, j), w4 = Read(3, i, j);
                if (!drift)
                {
                    Assert.Equal([first.Weights[k], first.Weights[k], first.Weights[k], second.Weights[k]], new[] { (float)w1, (float)w2, (float)w3, (float)w4 });
                    continue;
                }

                double Age(int read) => ((starts[read] + (0.1 * i) + 1) * 1e-3) + 20;
                double nu12 = -Math.Log(w2 / w1) / Math.Log(Age(1) / Age(0)), nu13 = -Math.Log(w3 / w1) / Math.Log(Age(2) / Age(0));
                Assert.Equal(nu12, nu13, 1e-4);
                nus.Add(nu12);
                Assert.Equal(w1, first.Weights[k] * Math.Pow(Age(0) / 20, -nu12), 1e-6); // 11 ms after programming: all but the programmed weight
                if (second.Weights[k] != first.Weights[k])
                {
                    Assert.Equal(second.Weights[k], w4, 1e-3 * second.Weights[k]); // 10 ms after its rewrite
                    rewritten++;
                }
                else
                {
                    Assert.Equal(first.Weights[k] * Math.Pow(Age(3) / 20, -nu12), w4, 1e-4 * w4); // no pulse taken: still drifting since 0
                }
            }

            if (drift)
            {
                // The statistical model's ν: mean 0.049-0.1 by conductance, spread 0.008-0.045.
                double mean = nus.Average(), sd = Math.Sqrt(nus.Average(x => (x - mean) * (x - mean)));
                Assert.InRange(mean, 0.045, 0.11);
                Assert.InRange(sd, 0.005, 0.05);
                Assert.True(rewritten > N * N / 2, $"{rewritten} devices took pulses"); // open-loop rewrites round to whole pulses: some take none
            }
        }
    }
}
