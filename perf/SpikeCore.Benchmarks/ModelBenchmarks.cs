using BenchmarkDotNet.Attributes;
using SpikeCore.Models.Numerics;
using SpikeCore.Random;

namespace SpikeCore.Benchmarks;

/// <summary>The LIF kernels: the no-crossing bound every excitatory input pays, and the exact root search.</summary>
public class ModelBenchmarks
{
    private const int Count = 4096;
    private readonly DecayRates _rates = new(20, 5, 10);
    private (double C0, double A, double B, double C)[] _states = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rng = KeyedRandom.Create(5, 0, 0);
        _states = Enumerable.Range(0, Count).Select(_ =>
        {
            double b = -3 * rng.NextDouble(), c = 10 * rng.NextDouble();
            double v = -1 - 8 * rng.NextDouble(); // f(0) < 0
            return (1.0, v - 1 - b - c, b, c);
        }).ToArray();
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public double NoCrossingBound()
    {
        double sum = 0;
        foreach (var s in _states)
        {
            sum += new ExponentialSum(s.C0, s.A, s.B, s.C, _rates).NoCrossingBeforeMs();
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public double ExactFirstCrossing()
    {
        double sum = 0;
        foreach (var s in _states)
        {
            sum += new ExponentialSum(s.C0, s.A, s.B, s.C, _rates).FirstRootMs();
        }

        return sum;
    }
}
