using System.Diagnostics;
using System.Runtime.CompilerServices;
using SpikeCore.Optimization.MaxCut;

namespace SpikeCore.Optimization.Solvers;

/// <summary>
/// The state every single-flip solver shares: spins, local fields h_i = Σ_j w_ij s_j, the cut, and the best cut
/// visited with its spins and the wall time it was first reached. Flipping spin i gains s_i h_i and moves the fields of
/// its neighbours in O(degree).
/// </summary>
internal sealed class CutTracker
{
    private readonly MaxCutGraph _graph;
    private readonly Stopwatch _clock;
    private readonly sbyte[] _bestSpins;
    private readonly List<(double Seconds, long Cut)> _improvements = [];
    private long _best;
    private double _secondsToBest;

    /// <summary>Tracks <paramref name="spins"/> (owned from here on); times count on <paramref name="clock"/>, started when the run began.</summary>
    public CutTracker(MaxCutGraph graph, sbyte[] spins, Stopwatch clock)
    {
        _clock = clock;
        _graph = graph;
        Spins = spins;
        Fields = CutValue.LocalFields(graph, spins);
        Cut = _best = CutValue.Of(graph, spins);
        _bestSpins = (sbyte[])spins.Clone();
        _secondsToBest = clock.Elapsed.TotalSeconds;
        _improvements.Add((_secondsToBest, _best));
    }

    /// <summary>s, ±1.</summary>
    public sbyte[] Spins { get; }

    /// <summary>h.</summary>
    public long[] Fields { get; }

    /// <summary>cut(s).</summary>
    public long Cut { get; private set; }

    /// <summary>s_i ← −s_i; keeps the best cut visited.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Flip(int i)
    {
        long[] h = Fields;
        Cut += Spins[i] * h[i];
        sbyte s = Spins[i] = (sbyte)-Spins[i];
        int[] rowStart = _graph.RowStart, neighbours = _graph.Neighbours, weights = _graph.Weights;
        for (int k = rowStart[i]; k < rowStart[i + 1]; k++)
        {
            h[neighbours[k]] += 2L * weights[k] * s;
        }

        if (Cut > _best)
        {
            _best = Cut;
            _secondsToBest = _clock.Elapsed.TotalSeconds;
            Array.Copy(Spins, _bestSpins, Spins.Length);
            if (_secondsToBest - _improvements[^1].Seconds < 1e-4)
            {
                _improvements.RemoveAt(_improvements.Count - 1);
            }

            _improvements.Add((_secondsToBest, _best));
        }
    }

    /// <summary>The run's result now.</summary>
    public SolverRun Result() => new(_best, _bestSpins, _secondsToBest, _clock.Elapsed.TotalSeconds, _improvements);
}
