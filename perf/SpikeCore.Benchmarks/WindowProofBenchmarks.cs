using BenchmarkDotNet.Attributes;
using SpikeCore.Models.Numerics;

namespace SpikeCore.Benchmarks;

/// <summary>
/// The exact-window proof over a CUBA population's worth of neurons (4,000 sets of terms, 0.1 ms windows): the sweep a
/// window's end would run on every neuron that received no input. The research note's go mark is ≤ 1.5 µs per window.
/// </summary>
public class WindowProofBenchmarks
{
    private readonly WindowProof _proof = new(0.1, new DecayRates(20, 5, 10));
    private double[] _a = null!, _b = null!, _c = null!;
    private bool[] _marks = null!;

    [Params(4_000)]
    public int Neurons { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new System.Random(1);
        _a = [.. Enumerable.Range(0, Neurons).Select(_ => -20 + (10 * rng.NextDouble()))];
        _b = [.. Enumerable.Range(0, Neurons).Select(_ => 5 * rng.NextDouble())];
        _c = [.. Enumerable.Range(0, Neurons).Select(_ => -5 * rng.NextDouble())];
        _marks = new bool[Neurons];
    }

    /// <summary>One window's proofs, scalar: how many neurons it cannot clear.</summary>
    [Benchmark]
    public int SweepScalar()
    {
        int uncertain = 0;
        for (int j = 0; j < _a.Length; j++)
        {
            uncertain += _proof.UpperBound(-1, _a[j], _b[j], _c[j]) >= 0 ? 1 : 0;
        }

        return uncertain;
    }

    /// <summary>One window's proofs, Vector512 (AVX-512) with a scalar tail.</summary>
    [Benchmark]
    public int SweepVector() => _proof.Sweep(-1, _a, _b, _c, _marks);
}
