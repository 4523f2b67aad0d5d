using BenchmarkDotNet.Attributes;
using SpikeCore.Optimization.MaxCut;
using SpikeCore.Optimization.Oscillators;
using SpikeCore.Optimization.Solvers;

namespace SpikeCore.Benchmarks;

/// <summary>
/// The max-cut solvers' inner loops on a G1-like graph (800 nodes, edge probability 0.06, weights +1): 200 annealing
/// sweeps (160,000 proposals), 500 bifurcation steps, a Mott Hopfield run of 20 updates per spin (16,000 updates after
/// two warm-up cycles per oscillator), and 100 cycles of one VO2 oscillator (about 5,500 Euler-Maruyama steps).
/// </summary>
public class MaxCutBenchmarks
{
    private MaxCutGraph _graph = null!;
    private MottOscillatorBank _bank = null!;
    private long _now;

    [GlobalSetup]
    public void Setup()
    {
        var r = new System.Random(1);
        var edges = new List<(int, int, int)>();
        for (int i = 0; i < 800; i++)
        {
            for (int j = i + 1; j < 800; j++)
            {
                if (r.NextDouble() < 0.06)
                {
                    edges.Add((i, j, 1));
                }
            }
        }

        _graph = MaxCutGraph.FromEdges("g800", 800, edges);
        MottOscillator device = new MottHopfieldOptions().Oscillator;
        _bank = new MottOscillatorBank(device, [device.BiasV], [0], 1, 2);
    }

    [Benchmark]
    public long Annealing200Sweeps() => SimulatedAnnealing.Run(_graph, new AnnealingOptions { Sweeps = 200 }, 1, 0).BestCut;

    [Benchmark]
    public long Bifurcation500Steps() => SimulatedBifurcation.Run(_graph, new BifurcationOptions { Steps = 500 }, 1, 0).BestCut;

    [Benchmark]
    public long MottHopfield20UpdatesPerSpin() => MottHopfield.Run(_graph, new MottHopfieldOptions { UpdatesPerSpin = 20 }, 1, 0).BestCut;

    [Benchmark]
    public long Oscillator100Cycles()
    {
        for (int k = 0; k < 100; k++)
        {
            _now = _bank.AdvanceToSpike(0, _now, 1_000_000);
        }

        return _now;
    }
}
