using SpikeCore.Building;

namespace SpikeCore.Compiled;

/// <summary>
/// An immutable, compiled network: populations laid out in one id space, connectivity in delay-sorted CSR, initial
/// state drawn. Create it with <see cref="NetworkBuilder.Build"/>; run it with <see cref="Running.Simulation"/>
/// (any number of simulations can share one network).
/// </summary>
public sealed class Network
{
    internal Network(NetworkSpec spec, PopulationInfo[] populations, SynapseTable synapses, double[]?[][] initialValues,
        double minDelayMs, TimeSpan buildTime, IReadOnlyDictionary<string, double[]>[] perNeuron)
    {
        PerNeuronValues = perNeuron;
        Spec = spec;
        Populations = populations;
        Synapses = synapses;
        InitialValues = initialValues;
        MinDelayMs = minDelayMs;
        BuildTime = buildTime;
        NeuronCount = populations.Sum(p => p.Size);
        PopulationOf = new int[NeuronCount];
        foreach (PopulationInfo p in populations)
        {
            PopulationOf.AsSpan(p.FirstId, p.Size).Fill(p.Index);
        }
    }

    /// <summary>The spec this network was compiled from.</summary>
    public NetworkSpec Spec { get; }

    /// <summary>Populations in id order.</summary>
    public IReadOnlyList<PopulationInfo> Populations { get; }

    /// <summary>Total neurons (including spike sources).</summary>
    public int NeuronCount { get; }

    /// <summary>Total synapses.</summary>
    public long SynapseCount => Synapses.SynapseCount;

    /// <summary>The smallest synaptic delay in the network (+∞ without synapses): the window partitions may run independently.</summary>
    public double MinDelayMs { get; }

    /// <summary>Wall time that compiling took.</summary>
    public TimeSpan BuildTime { get; }

    /// <summary>Bytes of connectivity storage per synapse, all metadata included.</summary>
    public double BytesPerSynapse => SynapseCount == 0 ? 0 : (double)Synapses.Bytes / SynapseCount;

    /// <summary>Finds a population by name.</summary>
    public PopulationInfo Population(string name) =>
        Populations.FirstOrDefault(p => p.Name == name) ?? throw new KeyNotFoundException($"no population named '{name}'");

    internal SynapseTable Synapses { get; }

    /// <summary>[population][variable] initial values, or null where the model default applies.</summary>
    internal double[]?[][] InitialValues { get; }

    /// <summary>Per population: the parameters drawn per neuron, by JSON name.</summary>
    internal IReadOnlyDictionary<string, double[]>[] PerNeuronValues { get; }

    internal int[] PopulationOf { get; }
}
