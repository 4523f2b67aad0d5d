using BenchmarkDotNet.Attributes;
using SpikeCore.Models.Numerics;

namespace SpikeCore.Benchmarks;

/// <summary>
/// The exact windows' proofs on 4,000 sets of CUBA-like terms (τ = 20, 5, 10 ms; 0.1 ms windows): one window's proof
/// per neuron, and the horizon search a visit or an input that used up its slack runs (scalar piece by piece, and in
/// the CPU's widest registers over 16 pieces at once), per 4,000 neurons; and a sweep's bound over 32 windows, a
/// register of neurons (eight with AVX-512, four with AVX2) against one at a time.
/// </summary>
public class WindowProofBenchmarks
{
    private readonly DecayRates _rates = new(20, 5, 10);
    private WindowProof _proof, _sweep;
    private HorizonProof _horizons = null!;
    private double[] _a = null!, _b = null!, _c = null!;

    [Params(4_000)]
    public int Neurons { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _proof = new WindowProof(0.1, _rates);
        _sweep = new WindowProof(3.2, _rates);
        _horizons = new HorizonProof(0.1, _rates);
        var rng = new System.Random(1);
        _a = [.. Enumerable.Range(0, Neurons).Select(_ => -20 + (10 * rng.NextDouble()))];
        _b = [.. Enumerable.Range(0, Neurons).Select(_ => 5 * rng.NextDouble())];
        _c = [.. Enumerable.Range(0, Neurons).Select(_ => -5 * rng.NextDouble())];
    }

    /// <summary>One window's proof per neuron: how many it cannot clear.</summary>
    [Benchmark]
    public int WindowPerNeuron() => Uncertain(_proof);

    /// <summary>The longest proved horizon per neuron, piece by piece until one fails (scalar).</summary>
    [Benchmark]
    public int HorizonScalar()
    {
        int sum = 0;
        for (int j = 0; j < _a.Length; j++)
        {
            int k = 0;
            while (k < HorizonProof.Count && _horizons.PieceBound(k, 1, _a[j], _b[j], _c[j]) < 0)
            {
                k++;
            }

            sum += k;
        }

        return sum;
    }

    /// <summary>The same in the CPU's widest registers, what the engine runs (plus its eighths refinement).</summary>
    [Benchmark]
    public double HorizonVector()
    {
        double sum = 0;
        for (int j = 0; j < _a.Length; j++)
        {
            sum += _horizons.SafeForMs(1, _a[j], _b[j], _c[j]);
        }

        return sum;
    }

    /// <summary>A sweep's bound over 32 windows (3.2 ms) per neuron, one at a time: how many it cannot clear.</summary>
    [Benchmark]
    public int SweepScalar() => Uncertain(_sweep);

    /// <summary>The same a register of neurons at a time (<see cref="WindowProof.UpperBounds"/>; the engine's sweep also gathers the terms from its neuron records).</summary>
    [Benchmark]
    public int SweepLanes() => LaneWidths.Widest == LaneWidth.Bits512 ? SweepLanes<Lanes512<double>>() : SweepLanes<Lanes256<double>>();

    private int SweepLanes<TLanes>()
        where TLanes : struct, ILanes<TLanes, double>
    {
        int uncertain = 0;
        var c0 = TLanes.Create(-1.0);
        var zero = TLanes.Create(0);
        for (int j = 0; j + TLanes.Count <= _a.Length; j += TLanes.Count)
        {
            var bound = _sweep.UpperBounds(c0, TLanes.Load(ref _a[j], 0), TLanes.Load(ref _b[j], 0), TLanes.Load(ref _c[j], 0));
            uncertain += System.Numerics.BitOperations.PopCount(TLanes.AtLeastBits(bound, zero));
        }

        return uncertain;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private int Uncertain(WindowProof proof)
    {
        int uncertain = 0;
        for (int j = 0; j < _a.Length; j++)
        {
            uncertain += proof.UpperBound(-1, _a[j], _b[j], _c[j]) >= 0 ? 1 : 0;
        }

        return uncertain;
    }
}
