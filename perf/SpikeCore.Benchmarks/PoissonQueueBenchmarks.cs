using BenchmarkDotNet.Attributes;
using SpikeCore.Random;
using SpikeCore.Scheduling;

namespace SpikeCore.Benchmarks;

/// <summary>
/// The hold pattern of a Poisson population of <see cref="Trains"/> trains (take the earliest spike, draw that train's
/// next, put it back), with the two queues a population can keep its trains in: the winner tree and the calendar queue
/// (buckets one expected spike wide). Per spike.
/// </summary>
public class PoissonQueueBenchmarks
{
    private const int Spikes = 100_000;
    private double[] _gaps = null!;
    private TournamentQueue _tree = null!;
    private CalendarQueue _calendar = null!;

    /// <summary>Trains: the digits' 64 pixels, Fashion-MNIST's 784, and larger populations.</summary>
    [Params(64, 784, 10_000, 100_000)]
    public int Trains { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = KeyedRandom.Create(1, 0, 0);
        _gaps = [.. Enumerable.Range(0, Spikes + Trains).Select(_ => rng.NextExponential() * Trains)]; // 1 spike per ms in all
        _tree = new TournamentQueue(Trains);
        _calendar = new CalendarQueue(Trains);
    }

    [Benchmark(OperationsPerInvoke = Spikes)]
    public double Tree()
    {
        for (int i = 0; i < Trains; i++)
        {
            _tree.Set(i, _gaps[i]);
        }

        double sum = 0;
        for (int s = 0; s < Spikes; s++)
        {
            int top = _tree.TopId;
            double t = _tree.TopTimeMs;
            sum += t;
            _tree.Set(top, t + _gaps[Trains + s]);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Spikes, Baseline = true)]
    public double Calendar()
    {
        _calendar.Clear(0, 1);
        for (int i = 0; i < Trains; i++)
        {
            _calendar.Add(i, _gaps[i]);
        }

        double sum = 0;
        for (int s = 0; s < Spikes; s++)
        {
            int top = _calendar.TopId;
            double t = _calendar.TopTimeMs;
            sum += t;
            _calendar.RemoveTop();
            _calendar.Add(top, t + _gaps[Trains + s]);
        }

        return sum;
    }
}
