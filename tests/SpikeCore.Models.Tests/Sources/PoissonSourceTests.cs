using SpikeCore.Building;
using SpikeCore.Models.Sources;

namespace SpikeCore.Models.Tests.Sources;

public class PoissonSourceTests
{
    [Fact]
    public void Constant_rate_gives_poisson_counts_and_exponential_intervals()
    {
        const int N = 200;
        const double Rate = 25, Duration = 10_000;
        var net = new NetworkBuilder(seed: 5).AddPopulation("p", N, PoissonSource.Constant(Rate)).Build();
        (double[] times, int[] neurons) = TestNetworks.Run(net, Duration);
        double expected = N * Rate * Duration / 1000;
        Assert.InRange(times.Length, expected - 4 * Math.Sqrt(expected), expected + 4 * Math.Sqrt(expected));
        double cv = SpikeCore.Recording.SpikeStatistics.MeanCvIsi(times, neurons, N);
        Assert.InRange(cv, 0.95, 1.05);
        Assert.True(times.Zip(times.Skip(1)).All(x => x.First <= x.Second));
    }

    [Fact]
    public void Piecewise_rate_is_followed_in_each_segment()
    {
        var model = PoissonSource.Steps([0.0, 1000, 2000], [10.0, 0, 80]);
        var net = new NetworkBuilder(seed: 9).AddPopulation("p", 100, model).Build();
        (double[] times, _) = TestNetworks.Run(net, 3000);
        int Count(double a, double b) => times.Count(t => t >= a && t < b);
        Assert.InRange(Count(0, 1000), 1000 - 4 * 32, 1000 + 4 * 32);
        Assert.Equal(0, Count(1000, 2000));
        Assert.InRange(Count(2000, 3000), 8000 - 4 * 90, 8000 + 4 * 90);
    }

    [Fact]
    public void A_population_too_large_for_the_tree_gives_each_train_the_spikes_a_small_one_does()
    {
        // Train i's spikes come from its own random stream (seed, population, i), so the first 50 trains of a population
        // of 20,000 (its trains in the calendar queue) fire exactly as a population of 50 (in the winner tree), in the
        // same order: both queues take trains by (time, id). The rate steps at 200 ms.
        var model = PoissonSource.Steps([0.0, 200], [40.0, 15]);
        (double[] Times, int[] Neurons) Run(int n) => TestNetworks.Run(new NetworkBuilder(seed: 3).AddPopulation("p", n, model).Build(), 400);
        (double[] small, int[] smallNeurons) = Run(50);
        (double[] large, int[] largeNeurons) = Run(20_000);
        int[] first = [.. Enumerable.Range(0, large.Length).Where(k => largeNeurons[k] < 50)];
        Assert.True(small.Length > 500, $"{small.Length} spikes");
        Assert.Equal(small, first.Select(k => large[k]));
        Assert.Equal(smallNeurons, first.Select(k => largeNeurons[k]));
    }

    [Fact]
    public void Spike_time_source_emits_exactly_its_times()
    {
        var net = new NetworkBuilder().AddPopulation("s", 2, new SpikeTimesSource([[1.25, 3.5], [0.5]])).Build();
        (double[] times, int[] neurons) = TestNetworks.Run(net, 10);
        Assert.Equal([0.5, 1.25, 3.5], times);
        Assert.Equal([1, 0, 0], neurons);
    }

    [Fact]
    public void Invalid_sources_are_rejected_by_name()
    {
        var e = Assert.Throws<NetworkValidationException>(() => new NetworkBuilder()
            .AddPopulation("p", 3, PoissonSource.Steps([0.0, 5], [-1.0, double.NaN]))
            .AddPopulation("s", 2, new SpikeTimesSource([[2.0, 1.0]]))
            .Build());
        Assert.Contains(e.Errors, m => m.Contains("'p'") && m.Contains("rates_hz[0]"));
        Assert.Contains(e.Errors, m => m.Contains("rates_hz[1]") && m.Contains("NaN"));
        Assert.Contains(e.Errors, m => m.Contains("'s'") && m.Contains("1 spike lists for 2 neurons"));
        Assert.Contains(e.Errors, m => m.Contains("times_ms[0][1]"));
    }
}
