using SpikeCore.Building;
using SpikeCore.Compiled;
using SpikeCore.Models.Neurons;
using SpikeCore.Networks;
using SpikeCore.Running;

namespace SpikeCore.Tests.Running;

public class ProfileTests
{
    [Fact]
    public void A_profiled_run_counts_its_events_by_phase_and_spikes_exactly_as_an_unprofiled_one()
    {
        // COBA's two populations are clocked at 0.1 ms: in 200 ms each ticks at 0.1, 0.2, ..., 199.9 ms (the step ending at
        // 200 ms runs when the run goes on), 2 × 1,999 steps; CUBA is event-driven: no steps, many neuron events. CUBA runs
        // in windows of 0.1 ms: 2,000 exchanges; COBA (no event-driven neurons) with the heap, which counts none.
        foreach ((Network net, bool clocked) in new[] { (BenchmarkNetworks.Coba(seed: 2).Build(), true), (BenchmarkNetworks.Cuba(seed: 2).Build(), false) })
        {
            using var plain = new Simulation(net);
            using var profiled = new Simulation(net, new SimulationOptions { Profile = true });
            plain.Run(200);
            profiled.Run(200);
            Assert.Equal(plain.Statistics.SpikeHash, profiled.Statistics.SpikeHash);
            Assert.Null(plain.Profile);
            RunProfile p = profiled.Profile!;
            Assert.Equal(clocked ? 2 * 1999 : 0, p.Count(ProfilePhase.ClockedSteps));
            Assert.True(p.Count(ProfilePhase.Delivery) > 0);
            Assert.Equal(clocked, p.Count(ProfilePhase.NeuronEvents) == 0);
            Assert.Equal(clocked ? 0 : 2000, p.Count(ProfilePhase.Exchange));
            Assert.Equal(clocked, p.Count(ProfileCount.Proofs) == 0);
            Assert.Equal(clocked, p.Count(ProfileCount.RootSearches) == 0);
            Assert.True(clocked || p.Count(ProfileCount.RootSearches) >= plain.Statistics.Spikes, "every LIF spike is an exact root");
            double phases = Enum.GetValues<ProfilePhase>().Sum(p.Seconds);
            Assert.True(phases > 0 && p.WallSeconds > 0);
            Assert.InRange(phases + p.OtherSeconds, p.WallSeconds * 0.999, Math.Max(phases, p.WallSeconds) * 1.001); // other is the unaccounted rest
        }
    }

    [Theory]
    [InlineData(2)] // a fixed gap of 64 would time only the first of two kinds: all or nothing
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(64)]
    public void Timed_events_fall_on_every_kind_of_a_periodic_stream_in_proportion(int period)
    {
        // Events arrive in a fixed cycle of `period` kinds (clocked populations tick in the same order every step): each
        // kind must be timed about once in SamplingInterval of its events, whatever the period. Expected count 4,000 per
        // kind (the gaps are seeded: the counts are the same every run; they spread by up to 3.3% over these periods). A
        // fixed gap fails by the whole count: a kind timed `period` times too often, or never.
        var profile = new RunProfile();
        int perKind = 4000 * RunProfile.SamplingInterval;
        var timed = new int[period];
        for (int e = 0; e < perKind * period; e++)
        {
            if (profile.Sample())
            {
                timed[e % period]++;
            }
        }

        Assert.All(timed, t => Assert.InRange(t, 3680, 4320));
    }

    [Fact]
    public void Partitioned_runs_add_their_partitions_phases_and_time_every_windows_exchange()
    {
        Network net = BenchmarkNetworks.Cuba(seed: 3).Build();
        using var one = new Simulation(net, new SimulationOptions { Profile = true });
        using var two = new Simulation(net, new SimulationOptions { Profile = true, Threads = 2 });
        one.Run(100);
        two.Run(100);
        Assert.Equal(one.Statistics.SpikeHash, two.Statistics.SpikeHash);
        RunProfile p = two.Profile!;
        Assert.True(p.Count(ProfilePhase.Exchange) >= 2 * 100 / 0.1 * 0.99, $"{p.Count(ProfilePhase.Exchange)} exchanges"); // ≥ one per window per thread
        Assert.True(p.Seconds(ProfilePhase.Exchange) > 0);
        Assert.Equal(2 * one.Profile!.Count(ProfilePhase.Delivery), p.Count(ProfilePhase.Delivery)); // every row has targets in both partitions: delivered in each
        Assert.Equal(p.Count(ProfilePhase.Exchange), p.Count(ProfilePhase.Waiting)); // one wait per window and thread
    }

    [Fact]
    public void Waiting_for_the_other_threads_is_told_apart_from_the_exchange()
    {
        // One thread running two partitions has no one to wait for: its waits are next to nothing. Two threads on idle
        // LIF neurons (no input but the others' spikes) and Hodgkin-Huxley neurons stepped by RK4: the cut balances
        // synapses, not models, so it falls near the populations' boundary, and the thread with the LIF neurons spends
        // most of the run waiting for the other. So the waits come to most of the wall time (summed over both threads;
        // measured: 95%), most of them the LIF thread's.
        Network cuba = BenchmarkNetworks.Cuba(seed: 3).Build();
        using (var alone = new Simulation(cuba, new SimulationOptions { Profile = true, Partitions = 2 }))
        {
            alone.Run(100);
            RunProfile p = alone.Profile!;
            Assert.Equal(1000, p.Count(ProfilePhase.Waiting)); // 1,000 windows, one thread (running both partitions): one wait per window
            Assert.True(p.Seconds(ProfilePhase.Waiting) < 0.02 * p.WallSeconds, $"{p.Seconds(ProfilePhase.Waiting)} s waiting of {p.WallSeconds} s");
            Assert.Empty(p.WaitingByThread);
        }

        Network uneven = new NetworkBuilder(1)
            .AddPopulation("idle", 400, LifExp.Default)
            .AddPopulation("dear", 400, HodgkinHuxley.Default)
            .Connect("dear", "idle", Connectivity.OneToOne(), 1.0, 1.0, "excitatory")
            .Build();
        using var two = new Simulation(uneven, new SimulationOptions { Profile = true, Threads = 2 });
        two.Run(20);
        RunProfile q = two.Profile!;
        Assert.True(q.Seconds(ProfilePhase.Waiting) > 0.5 * q.WallSeconds, $"{q.Seconds(ProfilePhase.Waiting)} s waiting of {q.WallSeconds} s");
        Assert.True(q.Seconds(ProfilePhase.Exchange) < q.Seconds(ProfilePhase.Waiting));

        // By thread: the first (the idle LIF neurons, ids first) waits out the second's RK4 steps. The second waits only
        // for the crossings themselves (and for the first when another process takes its CPU: measured 0.03-1.2 s of
        // 0.3-1.3 s runs, while the first waited 0.28-1.3 s, 95-99% of the wall time).
        Assert.Equal(2, q.WaitingByThread.Count);
        Assert.Equal(q.Seconds(ProfilePhase.Waiting), q.WaitingByThread.Sum(), 1e-9);
        Assert.True(q.WaitingByThread[0] > 0.5 * q.WallSeconds, $"thread 0 waited {q.WaitingByThread[0]} s of {q.WallSeconds} s");
        Assert.True(q.WaitingByThread[1] < q.WaitingByThread[0], $"thread 1 waited {q.WaitingByThread[1]} s, thread 0 {q.WaitingByThread[0]} s");
    }
}
