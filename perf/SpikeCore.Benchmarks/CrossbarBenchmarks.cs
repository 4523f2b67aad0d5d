using BenchmarkDotNet.Attributes;
using SpikeCore.Crossbar.Arrays;
using SpikeCore.Crossbar.Circuit;
using SpikeCore.Crossbar.Devices;

namespace SpikeCore.Benchmarks;

/// <summary>
/// Reads of one programmed array, one core: the ideal product of a 256 × 256 array (2·256² flops per read; target ≥
/// 10 GFLOP/s, i.e. ≤ 13.1 µs), the exact nodal solve of a 128 × 128 array after its factorisation (target ≤ 20 ms), and
/// the factorisation itself.
/// </summary>
[MemoryDiagnoser]
public class CrossbarBenchmarks
{
    private CrossbarArray _ideal = null!;
    private NodalSolver _solver = null!;
    private double[] _g128 = null!;
    private double[] _v256 = null!, _i256 = null!, _v128 = null!, _i128 = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new System.Random(1);
        _ideal = new CrossbarArray(256, 256, new ArrayConfig { Preset = DevicePresets.NeuroSimTarget }, seed: 1);
        _ideal.Program([.. Enumerable.Range(0, 256 * 256).Select(_ => 0.1 + (4.9 * rng.NextDouble()))], ProgrammingScheme.OpenLoop);
        _g128 = [.. Enumerable.Range(0, 128 * 128).Select(_ => 1 + (99 * rng.NextDouble()))];
        _solver = new NodalSolver(_g128, 128, 128, new CircuitParameters(1));
        _v256 = [.. Enumerable.Range(0, 256).Select(_ => rng.NextDouble() * 0.5)];
        _v128 = [.. _v256.Take(128)];
        _i256 = new double[256];
        _i128 = new double[128];
    }

    /// <summary>The ideal product (no wires, no noise): one array read, energy counted.</summary>
    [Benchmark]
    public void IdealRead256() => _ideal.Read(_v256, _i256);

    /// <summary>The exact operating point of a 128 × 128 array for one input vector, factorisation reused.</summary>
    [Benchmark]
    public double ExactRead128() => _solver.Solve(_v128, _i128);

    /// <summary>Assembling and factoring the 128 × 128 nodal matrix (32,768 unknowns, half-bandwidth 256).</summary>
    [Benchmark]
    public NodalSolver Factor128() => new(_g128, 128, 128, new CircuitParameters(1));
}
