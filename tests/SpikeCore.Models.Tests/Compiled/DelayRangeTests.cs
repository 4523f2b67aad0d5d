using SpikeCore.Building;
using SpikeCore.Models.Serialization;
using SpikeCore.Models.Sources;
using SpikeCore.Running;

namespace SpikeCore.Models.Tests.Compiled;

/// <summary>
/// Delays are 32-bit step counts: every delay up to (2^31 − 1) steps arrives exactly on time, even beside short ones in
/// the same row, and a longer one is refused when the network is built or read, naming the projection and the maximum.
/// </summary>
public class DelayRangeTests
{
    /// <summary>One source spiking at 1 and 3 ms into 5 probe neurons twice: a long projection and an ordinary 1 ms one.</summary>
    private static NetworkBuilder TwoDelays(double longMs, double resolutionMs = 0.1) => new NetworkBuilder(seed: 3)
        .WithDelayResolution(resolutionMs)
        .AddPopulation("in", 1, new SpikeTimesSource([[1.0, 3.0]]))
        .AddPopulation("probe", 5, new DeliveryProbe())
        .Connect("in", "probe", Connectivity.AllToAll(), 2.0, longMs, "excitatory")
        .Connect("in", "probe", Connectivity.AllToAll(), 1.0, 1.0, "excitatory");

    [Theory]
    [InlineData(500.0)]
    [InlineData(1e6)]        // 10^7 steps: overflowed the old row-sort key, and then nothing of the row was delivered
    [InlineData(1e8)]
    [InlineData(214748364.7)] // exactly 2^31 − 1 steps of 0.1 ms: the longest delay there is
    public void A_long_delay_beside_a_short_one_delivers_both_on_time(double longMs)
    {
        using var sim = new Simulation(TwoDelays(longMs).Build());
        sim.Run(100);
        Assert.Equal(10, sim.Statistics.SynapticEvents); // only the 1 ms projection: 2 spikes × 5 targets
        Assert.Equal([2.0, 4.0], DeliveryProbe.Log.Select(d => d.TimeMs).Distinct());

        sim.Run(longMs + 10 - 100);
        Assert.Equal(20, sim.Statistics.SynapticEvents);
        double delay = Math.Round(longMs / 0.1) * 0.1; // the representable delay: whole steps
        Assert.Equal([1.0 + delay, 3.0 + delay], DeliveryProbe.Log.Where(d => d.Weight == 2f).Select(d => d.TimeMs).Distinct());
    }

    [Theory]
    [InlineData(1e9)]
    [InlineData(214748364.8)] // one step past the longest
    [InlineData(1e300)]
    public void A_delay_longer_than_two_to_the_31_steps_is_refused_at_build(double longMs)
    {
        var e = Assert.Throws<NetworkValidationException>(() => TwoDelays(longMs).Build());
        string message = Assert.Single(e.Errors);
        Assert.Contains("projections[0] 'in'->'probe'.delay_ms:", message, StringComparison.Ordinal);
        Assert.Contains($"{longMs} ms is longer than the longest delay 214748364.7 ms", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Long_delays_in_lists_uniform_bounds_and_normal_draws_are_refused_too()
    {
        NetworkBuilder With(Distribution delay) => new NetworkBuilder()
            .AddPopulation("in", 2, new SpikeTimesSource([[1.0], [2.0]]))
            .AddPopulation("probe", 2, new DeliveryProbe())
            .Connect("in", "probe", Connectivity.OneToOne(), 1.0, delay, "excitatory");

        Assert.Contains("longer than the longest delay", Assert.Throws<NetworkValidationException>(() => With(Distribution.FromValues([1.0, 3e9])).Build()).Message, StringComparison.Ordinal);
        Assert.Contains("longer than the longest delay", Assert.Throws<NetworkValidationException>(() => With(Distribution.Uniform(1, 3e9)).Build()).Message, StringComparison.Ordinal);
        Assert.Contains("longer than the longest delay", Assert.Throws<NetworkValidationException>(() => With(Distribution.Normal(2e8, 2e6)).Build()).Message, StringComparison.Ordinal); // 13 sd reach past 2^31 steps
        With(Distribution.Uniform(1, 2e8)).Build(); // within range
    }

    /// <summary>CUBA with its E→E delay set in the file: the reproduction.</summary>
    private static NetworkSpec CubaWithLongDelay(string delayMs)
    {
        string json = NetworkFile.ToJson(SpikeCore.Networks.BenchmarkNetworks.Cuba().Spec);
        int at = json.IndexOf("\"delay_ms\": 0.1", StringComparison.Ordinal);
        return NetworkFile.Parse(json[..at] + "\"delay_ms\": " + delayMs + json[(at + "\"delay_ms\": 0.1".Length)..], "cuba.json");
    }

    [Fact]
    public void Cuba_with_a_one_million_ms_delay_runs_as_with_any_delay_beyond_the_run()
    {
        // Within 200 ms a delay of 300 ms and one of 10^6 ms both deliver nothing of E→E; everything else is the same.
        using var far = new Simulation(NetworkBuilder.FromSpec(CubaWithLongDelay("1e6")).Build());
        using var near = new Simulation(NetworkBuilder.FromSpec(CubaWithLongDelay("300")).Build());
        far.Run(200);
        near.Run(200);
        Assert.True(near.Statistics.SynapticEvents > 50_000);
        Assert.Equal(near.Statistics.SynapticEvents, far.Statistics.SynapticEvents);
        Assert.Equal(near.Statistics.SpikeHash, far.Statistics.SpikeHash);
    }

    [Fact]
    public void A_network_file_with_a_delay_too_long_is_refused_on_build_with_the_projection_named()
    {
        var e = Assert.Throws<NetworkValidationException>(() => NetworkBuilder.FromSpec(CubaWithLongDelay("1e9")).Build());
        Assert.Contains("projections[0] 'E'->'E'.delay_ms: 1000000000 ms is longer than the longest delay 214748364.7 ms", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Weights_beyond_single_precision_are_refused_instead_of_becoming_infinite()
    {
        var e = Assert.Throws<NetworkValidationException>(() => new NetworkBuilder()
            .AddPopulation("in", 1, new SpikeTimesSource([[1.0]]))
            .AddPopulation("probe", 1, new DeliveryProbe())
            .Connect("in", "probe", Connectivity.AllToAll(), 1e39, 1.0, "excitatory")
            .Build());
        Assert.Contains("projections[0] 'in'->'probe'.weight: weights are single precision", e.Message, StringComparison.Ordinal);
    }
}
