using System.Globalization;
using SpikeCore.Building;
using SpikeCore.Compiled;
using SpikeCore.Models.Neurons;
using SpikeCore.Models.Sources;
using SpikeCore.Networks;
using SpikeCore.Running;

namespace SpikeCore.Tests.Running;

/// <summary>
/// Exact windows against the emitter heap: the two schedulers keep different keys (when to look at a neuron) but give
/// the same spikes, state samples and counts, bit for bit, on every model and in partitions.
/// </summary>
public class SchedulerTests
{
    private static (SimulationStatistics Stats, double[] Times, int[] Neurons, double[] Trace, SchedulerMode Mode) Run(Network net, SchedulerMode mode, double durationMs, int threads = 1, string? traced = null)
    {
        using var sim = new Simulation(net, new SimulationOptions { Scheduler = mode, Threads = threads });
        var trace = traced is null ? null : sim.RecordState(traced, [0, 1, 2], sim.Network.Population(traced).Model.StateVariables[0], 0.25);
        sim.Run(durationMs / 3);
        sim.Run(2 * durationMs / 3); // a run stops and continues between windows
        return (sim.Statistics, sim.Spikes!.TimesMs(), sim.Spikes.Neurons(), trace is null ? [] : [.. Enumerable.Range(0, trace.SampleCount).SelectMany(s => Enumerable.Range(0, 3).Select(k => trace.Value(s, k)))], sim.Scheduler);
    }

    private static void AssertSame(Network net, double durationMs, long minSpikes, string? traced = null)
    {
        var events = Run(net, SchedulerMode.Events, durationMs, traced: traced);
        var windows = Run(net, SchedulerMode.Windows, durationMs, traced: traced);
        Assert.Equal(SchedulerMode.Events, events.Mode);
        Assert.Equal(SchedulerMode.Windows, windows.Mode);
        Assert.True(events.Stats.Spikes > minSpikes, $"{events.Stats.Spikes} spikes");
        Assert.Equal(events.Times, windows.Times);
        Assert.Equal(events.Neurons, windows.Neurons);
        Assert.Equal(events.Stats.SpikeHash, windows.Stats.SpikeHash);
        Assert.Equal(events.Stats.SynapticEvents, windows.Stats.SynapticEvents);
        Assert.Equal(events.Trace, windows.Trace);
    }

    [Theory]
    [InlineData("cuba", 600.0, 10000)] // past the first epoch (500 ms): sweeps of neurons still in the epoch before
    [InlineData("coba", 100.0, 5000)]
    [InlineData("cobahh", 60.0, 5000)]
    [InlineData("stp", 300.0, 100)]
    public void Benchmark_networks_spike_the_same_in_windows_as_with_the_emitter_heap(string name, double durationMs, long minSpikes) =>
        AssertSame(NetworkBuilder.FromSpec(NetworkCatalog.Resolve(name)).Build(), durationMs, minSpikes);

    [Theory]
    [MemberData(nameof(ModelNetworks.NeuronModels), MemberType = typeof(ModelNetworks))]
    public void Every_neuron_model_spikes_the_same_in_windows(string model, double inputWeight, string receptor, double recurrentWeight) =>
        AssertSame(ModelNetworks.ForNeuron(model, inputWeight, receptor, recurrentWeight), 300, 50);

    [Fact]
    public void Exact_lif_corner_cases_agree_current_steps_samples_voltage_jumps_no_refractory_period_and_drawn_thresholds()
    {
        // Current steps (every neuron brought to the step's time first), samples every 0.25 ms (the same), voltage
        // inputs that jump the membrane over threshold (a crossing at the input's own time), refractory period 0 (a
        // neuron may fire twice in a window) and thresholds drawn per neuron.
        Network net = new NetworkBuilder(3)
            .AddPopulation("in", 30, PoissonSource.Constant(rateHz: 200))
            .AddPopulation("n", 50, LifExp.Default with { RestMv = -65, ThresholdMv = -50, RefractoryMs = 0 }, p => p.WithPerNeuron("threshold_mv", Distribution.Uniform(-52, -48)))
            .Connect("in", "n", Connectivity.FixedInDegree(5), Distribution.Uniform(2, 6), Distribution.Uniform(0.2, 3), "voltage")
            .Connect("in", "n", Connectivity.FixedInDegree(5), 4.0, 0.5, "excitatory")
            .Connect("n", "n", Connectivity.FixedInDegree(6), Distribution.Uniform(-3, 2), Distribution.Uniform(0.3, 1), "excitatory")
            .InjectCurrent(new CurrentInjection("n", [0.0, 40.0, 90.3, 150.0], [5.0, 14.0, 2.0, 16.5]))
            .Build();
        AssertSame(net, 200, 300, traced: "n");
    }

    [Fact]
    public void Exact_lif_voltage_jumps_of_either_sign_agree_swept_neurons_included()
    {
        // Most neurons spend most of the time swept (no key); a downward jump must leave one swept, an upward one must
        // give it a key, and a neuron driven back up after either must still fire where the heap has it fire.
        Network net = new NetworkBuilder(4)
            .AddPopulation("in", 40, PoissonSource.Constant(rateHz: 100))
            .AddPopulation("n", 64, LifExp.Default with { RestMv = -49, ThresholdMv = -50, RefractoryMs = 2 })
            .Connect("in", "n", Connectivity.FixedInDegree(4), Distribution.Uniform(-8, 3), Distribution.Uniform(0.2, 3), "voltage")
            .Connect("in", "n", Connectivity.FixedInDegree(4), 2.0, 0.5, "excitatory")
            .Connect("n", "n", Connectivity.FixedInDegree(4), Distribution.Uniform(-4, 2), Distribution.Uniform(0.3, 1), "excitatory")
            .Build();
        AssertSame(net, 1000, 300);
    }

    [Fact]
    public void Windows_in_partitions_on_threads_give_the_heaps_spikes()
    {
        Network net = BenchmarkNetworks.Cuba(seed: 5).Build();
        var events = Run(net, SchedulerMode.Events, 200);
        foreach ((int threads, SchedulerMode mode) in new[] { (2, SchedulerMode.Windows), (3, SchedulerMode.Auto), (2, SchedulerMode.Events) })
        {
            var partitioned = Run(net, mode, 200, threads);
            Assert.Equal(events.Stats.SpikeHash, partitioned.Stats.SpikeHash);
            Assert.Equal(events.Times, partitioned.Times);
        }
    }

    [Fact]
    public void Windows_prefetching_ahead_of_deliveries_give_the_heaps_spikes_empty_rows_included()
    {
        // Targets past the size from which windows prefetch ahead of deliveries (the exchange asks for the received
        // spikes' rows), and a last population that sends nothing and fires: the table ends in empty rows, and in
        // partitions each core's table has empty rows of its own.
        Network net = BenchmarkNetworks.Cuba(seed: 7, neurons: 8000)
            .AddPopulation("sink", 10, LifExp.Default with { RestMv = -49, ThresholdMv = -50, RefractoryMs = 2 })
            .Connect("E", "sink", Connectivity.FixedInDegree(5), 1.0, 0.1, "excitatory")
            .Build();
        Assert.True((long)net.Synapses.Target.Length * sizeof(int) > SimulationCore.RowPrefetchMinBytes);
        var events = Run(net, SchedulerMode.Events, 150);
        Assert.Contains(events.Neurons, n => n >= 8000);
        foreach (int threads in new[] { 1, 2 })
        {
            var windows = Run(net, SchedulerMode.Windows, 150, threads);
            Assert.Equal(events.Times, windows.Times);
            Assert.Equal(events.Neurons, windows.Neurons);
        }
    }

    [Fact]
    public void Clocked_networks_get_windows_once_their_synapses_are_out_of_cache_with_the_heaps_spikes()
    {
        // COBA at 8,000 neurons (p = 0.02: about 4.9 MiB of targets): past the size from which windows ask for their
        // deliveries' rows ahead, where they outrun the heap; the 4,000-neuron COBA (1.2 MiB) keeps the heap (below).
        Network net = BenchmarkNetworks.Coba(seed: 3, neurons: 8000).Build();
        Assert.True(SimulationCore.TargetsOutOfCache(net));
        using var auto = new Simulation(net);
        Assert.Equal(SchedulerMode.Windows, auto.Scheduler);
        string mib = (net.Synapses.Target.Length * 4.0 / (1 << 20)).ToString("0.0", CultureInfo.InvariantCulture);
        Assert.Contains($"{mib} MiB of synapse targets, out of cache", auto.SchedulerReason);
        auto.Run(100);
        var events = Run(net, SchedulerMode.Events, 100);
        Assert.True(events.Stats.Spikes > 5000, $"{events.Stats.Spikes} spikes");
        Assert.Equal(events.Times, auto.Spikes!.TimesMs());
        Assert.Equal(events.Neurons, auto.Spikes.Neurons());
    }

    [Fact]
    public void Networks_windows_cannot_run_or_would_not_serve_get_events_and_the_reason()
    {
        // A clocked population stepping 0.1 ms behind delays of 0.05 ms: a window would end inside its step.
        Network shortDelays = new NetworkBuilder()
            .WithDelayResolution(0.05)
            .AddPopulation("in", 2, new SpikeTimesSource([[1.0], [2.0]]))
            .AddPopulation("n", 2, LifCondExp.Default)
            .Connect("in", "n", Connectivity.OneToOne(), 30.0, 0.05, "excitatory")
            .Build();
        using var auto = new Simulation(shortDelays);
        Assert.Equal(SchedulerMode.Events, auto.Scheduler);
        Assert.Contains("no longer than the minimum delay 0.05 ms", auto.SchedulerReason);
        var refused = Assert.Throws<NotSupportedException>(() => new Simulation(shortDelays, new SimulationOptions { Scheduler = SchedulerMode.Windows }));
        Assert.Contains("no longer than the minimum delay", refused.Message);

        using var unconnected = new Simulation(new NetworkBuilder().AddPopulation("n", 3, LifExp.Default).Build());
        Assert.Equal(SchedulerMode.Events, unconnected.Scheduler);
        Assert.Contains("no synapses", unconnected.SchedulerReason);

        using var clocked = new Simulation(BenchmarkNetworks.Coba(seed: 1).Build());
        Assert.Equal(SchedulerMode.Events, clocked.Scheduler); // windows would apply, but only clocked populations: nothing to prove
        Assert.Contains("no event-driven neurons on one partition, its synapses in cache", clocked.SchedulerReason);
        using var clockedOnTwo = new Simulation(BenchmarkNetworks.Coba(seed: 1).Build(), new SimulationOptions { Threads = 2 });
        Assert.Equal(SchedulerMode.Windows, clockedOnTwo.Scheduler);
        using var exact = new Simulation(BenchmarkNetworks.Cuba(seed: 1).Build());
        Assert.Equal(SchedulerMode.Windows, exact.Scheduler);

        using var learning = new Simulation(NetworkBuilder.FromSpec(NetworkCatalog.Resolve("stdp-pattern")).Build());
        Assert.Equal(SchedulerMode.Events, learning.Scheduler);
        Assert.Contains("learns from postsynaptic spikes", learning.SchedulerReason);
    }
}
