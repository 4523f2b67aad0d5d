using SpikeCore.Running;
using SpikeCore.Runtimes;

namespace SpikeCore.Recording;

/// <summary>
/// Samples one state variable of chosen neurons every <see cref="IntervalMs"/>. Sampling reads the state at the sample
/// time without changing it, so recording never alters a simulation's result.
/// </summary>
public sealed class StateRecorder
{
    private readonly List<double> _timesMs = [];
    private readonly List<double> _values = [];

    internal StateRecorder(string population, int populationIndex, int[] neurons, string variable, int variableIndex, double startMs, double intervalMs)
    {
        Population = population;
        PopulationIndex = populationIndex;
        Neurons = neurons;
        Variable = variable;
        VariableIndex = variableIndex;
        IntervalMs = intervalMs;
        StartMs = startMs;
    }

    /// <summary>Population name.</summary>
    public string Population { get; }

    /// <summary>Recorded neurons (indices local to the population).</summary>
    public IReadOnlyList<int> Neurons { get; }

    /// <summary>Recorded variable.</summary>
    public string Variable { get; }

    /// <summary>Sampling interval.</summary>
    public double IntervalMs { get; }

    /// <summary>Number of samples taken (per neuron).</summary>
    public int SampleCount => TimesMs.Count;

    /// <summary>Sample times.</summary>
    public IReadOnlyList<double> TimesMs => _timesMs;

    internal int PopulationIndex { get; }

    internal int VariableIndex { get; }

    internal double StartMs { get; }

    internal double NextSampleMs => StartMs + _timesMs.Count * IntervalMs;

    /// <summary>Value of neuron number <paramref name="neuron"/> (position in <see cref="Neurons"/>) at sample <paramref name="sample"/>.</summary>
    public double Value(int sample, int neuron) => _values[sample * Neurons.Count + neuron];

    /// <summary>The trace of one recorded neuron.</summary>
    public double[] Trace(int neuron)
    {
        var trace = new double[SampleCount];
        for (int s = 0; s < trace.Length; s++)
        {
            trace[s] = Value(s, neuron);
        }

        return trace;
    }

    /// <summary>Saves or restores the samples taken so far (of a partition's shard, or of a whole run's recorder).</summary>
    internal void Checkpoint(Checkpoints.StateArchive a)
    {
        a.Values(_timesMs);
        a.Values(_values);
    }

    /// <summary>Adds a sample taken elsewhere (a partitioned run gathers its partitions' samples here): one value per recorded neuron.</summary>
    internal void Append(double timeMs, ReadOnlySpan<double> values)
    {
        _timesMs.Add(timeMs);
        _values.AddRange(values);
    }

    internal void SampleAt(double timeMs, PopulationRuntime[] runtimes)
    {
        PopulationRuntime r = runtimes[PopulationIndex];
        _timesMs.Add(timeMs);
        foreach (int n in Neurons)
        {
            _values.Add(r.Sample(n, VariableIndex, timeMs));
        }
    }
}
