using SpikeCore.Checkpoints;
using SpikeCore.Parameters;
using SpikeCore.Running;
using SpikeCore.Runtimes;

namespace SpikeCore.Models.Sources;

/// <summary>Neurons that spike at given times (model name <c>spike_times</c>): one sorted list per neuron.</summary>
public sealed record SpikeTimesSource : NeuronModel
{
    /// <summary>Creates the source from one list of spike times per neuron.</summary>
    public SpikeTimesSource(IEnumerable<IEnumerable<double>> timesMs)
    {
        ArgumentNullException.ThrowIfNull(timesMs);
        TimesMs = timesMs.Select(t => (IReadOnlyList<double>)t.ToArray()).ToArray();
    }

    /// <summary>Spike times of each neuron, non-decreasing, ≥ 0.</summary>
    [Parameter]
    public IReadOnlyList<IReadOnlyList<double>> TimesMs { get; init; }

    /// <inheritdoc/>
    public override string Name => "spike_times";

    /// <inheritdoc/>
    public override IReadOnlyList<string> Receptors => [];

    /// <inheritdoc/>
    public override IReadOnlyList<string> StateVariables => ["next_spike_ms"];

    /// <inheritdoc/>
    protected override void ValidateRules(ICollection<string> errors, string path, int populationSize)
    {
        if (TimesMs.Count != populationSize)
        {
            errors.Add($"{path}.times_ms: {TimesMs.Count} spike lists for {populationSize} neurons");
        }

        for (int i = 0; i < TimesMs.Count; i++)
        {
            IReadOnlyList<double> t = TimesMs[i];
            for (int k = 0; k < t.Count; k++)
            {
                if (!double.IsFinite(t[k]) || t[k] < 0 || (k > 0 && t[k] < t[k - 1]))
                {
                    errors.Add($"{path}.times_ms[{i}][{k}]: spike times must be finite, >= 0 and sorted (got {t[k]})");
                    break;
                }
            }
        }
    }

    /// <inheritdoc/>
    public override PopulationRuntime CreateRuntime(PopulationLayout layout) => new SpikeTimesRuntime(this, layout);

    private sealed class SpikeTimesRuntime(SpikeTimesSource model, PopulationLayout layout) : PopulationRuntime(layout)
    {
        private readonly double[][] _times = model.TimesMs.Skip(layout.Offset).Take(layout.Info.Size).Select(t => t.ToArray()).ToArray();
        private readonly int[] _next = new int[layout.Info.Size];

        public override void Start(SimulationCore core, double timeMs)
        {
            base.Start(core, timeMs);
            for (int i = 0; i < Count; i++)
            {
                while (_next[i] < _times[i].Length && _times[i][_next[i]] < timeMs)
                {
                    _next[i]++;
                }

                core.SetEmitterTime(FirstId + i, NextMs(i));
            }
        }

        public override void Deliver(double timeMs, ReadOnlySpan<int> targets, ReadOnlySpan<float> weights, int receptor) =>
            throw new InvalidOperationException($"spike source '{Info.Name}' takes no input");

        public override void OnEmitterDue(int local, double timeMs)
        {
            Core.Spike(FirstId + local, timeMs);
            _next[local]++;
            Core.SetEmitterTime(FirstId + local, NextMs(local));
        }

        public override void Checkpoint(StateArchive a)
        {
            a.Values(_next.AsSpan());
        }

        public override int FirstNonFiniteNeuron() => -1; // validated times only

        public override double Sample(int local, int variable, double timeMs) => NextMs(local);

        private double NextMs(int i) => _next[i] < _times[i].Length ? _times[i][_next[i]] : double.PositiveInfinity;
    }
}
