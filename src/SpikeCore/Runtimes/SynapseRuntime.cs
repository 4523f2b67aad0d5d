using SpikeCore.Compiled;
using SpikeCore.Partitions;

namespace SpikeCore.Runtimes;

/// <summary>
/// The state of one plastic projection. The scheduler hands it every block of the projection when the block's spike
/// arrives; it updates its state and delivers the resulting weights to the target population. Rules that learn from
/// postsynaptic spikes also get <see cref="OnPostSpike"/> for every spike of a target neuron.
/// </summary>
public abstract class SynapseRuntime
{
    /// <summary>Creates the runtime of the projection <paramref name="layout"/> describes.</summary>
    protected SynapseRuntime(SynapseLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        Layout = layout;
        _blocks = layout.Synapses.Blocks;
        Targets = layout.Synapses.Target;
        Weights = layout.Weights;
        Target = layout.Target;
    }

    /// <summary>Where the projection's blocks and synapses are, and their numbering in the whole projection.</summary>
    public SynapseLayout Layout { get; }

    private readonly SynapseBlock[] _blocks;

    /// <summary>Table block <paramref name="b"/>'s first synapse: it holds table synapses [BlockStart(b), BlockEnd(b)).</summary>
    protected int BlockStart(int b) => _blocks[b].SynapseStart;

    /// <summary>One past table block <paramref name="b"/>'s last synapse.</summary>
    protected int BlockEnd(int b) => _blocks[b].SynapseStart + _blocks[b].Count;

    /// <summary>The target neuron of each table synapse, local to the target runtime (read only).</summary>
    protected int[] Targets { get; }

    /// <summary>This simulation's weights by synapse index.</summary>
    protected float[] Weights { get; }

    /// <summary>The runtime of the target population.</summary>
    protected PopulationRuntime Target { get; }

    /// <summary>Block <paramref name="block"/> (synapses [start, start + count), receptor <paramref name="receptor"/>) arrives at <paramref name="timeMs"/>.</summary>
    public abstract void Deliver(double timeMs, int block, int start, int count, int receptor);

    /// <summary>Target neuron <paramref name="local"/> spiked at <paramref name="timeMs"/>.</summary>
    public virtual void OnPostSpike(int local, double timeMs)
    {
    }

    /// <summary>
    /// What the projection has measured so far, by name (a device array's energy in J, its device reads and programming
    /// pulses); each is a sum, so a partitioned run adds its partitions' values, in decimal, whose sums of such values are
    /// exact: the total is the same bit for bit on any partition count. Empty for most models.
    /// </summary>
    public virtual IReadOnlyList<(string Name, decimal Value)> Meters => [];

    /// <summary>Brings <see cref="Weights"/> up to date for reading (rules that apply some changes lazily).</summary>
    public virtual void Synchronize()
    {
    }

    /// <summary>
    /// Overwrites the weights of table synapses <paramref name="tableIndices"/> (this runtime's table; −1: skip) with
    /// <paramref name="values"/> (<see cref="Running.Simulation.SetWeights"/>, after <see cref="Synchronize"/>): stored as
    /// they are, or, for weights held by devices, programmed into them at <paramref name="timeMs"/> (the run's time now).
    /// </summary>
    public virtual void Overwrite(ReadOnlySpan<int> tableIndices, ReadOnlySpan<float> values, double timeMs)
    {
        if (tableIndices.Length > 0 && tableIndices[0] >= 0 && DenseRow.Consecutive(tableIndices))
        {
            values[..tableIndices.Length].CopyTo(Weights.AsSpan(tableIndices[0])); // a whole projection in the table's order
            return;
        }

        for (int k = 0; k < tableIndices.Length; k++)
        {
            if (tableIndices[k] >= 0)
            {
                Weights[tableIndices[k]] = values[k];
            }
        }
    }

    /// <summary>
    /// Whether <see cref="Overwrite"/> is the plain store (a runtime does not override it): then the weights are values a
    /// simulation may change in place (<see cref="Running.Simulation.NormaliseWeights"/>); a runtime whose weights are
    /// device state programs them instead.
    /// </summary>
    internal bool StoresWrittenWeights => _storesWritten ??= GetType().GetMethod(nameof(Overwrite))!.DeclaringType == typeof(SynapseRuntime);

    private bool? _storesWritten;

    /// <summary>Saves or restores the projection's state: traces, device state, random streams (weights are saved by the scheduler).</summary>
    public abstract void Checkpoint(Checkpoints.StateArchive a);

    /// <summary>Whether any state is not finite: the first offending synapse in the layout's local numbering (<see cref="SynapseLayout.SynapseOffset"/>), or −1.</summary>
    public virtual int FirstNonFiniteSynapse() => -1;

    /// <summary>
    /// The runtime of every plastic projection of <paramref name="network"/> over <paramref name="table"/> (the whole
    /// table, or a partition's <paramref name="view"/> of it), delivering to <paramref name="runtimes"/>; null for static ones.
    /// </summary>
    internal static SynapseRuntime?[] CreateAll(Network network, SynapseTable table, float[]? weights, PopulationRuntime[] runtimes, PartitionView? view = null)
    {
        IReadOnlyList<Building.ProjectionSpec> projections = network.Spec.Projections;
        List<int>[] blocksOf = [.. projections.Select(_ => new List<int>())];
        for (int b = 0; b < table.BlockCount; b++)
        {
            if (projections[table.Blocks[b].Projection].Synapse is not null)
            {
                blocksOf[table.Blocks[b].Projection].Add(b);
            }
        }

        var plastic = new SynapseRuntime?[projections.Count];
        for (int p = 0; p < plastic.Length; p++)
        {
            if (projections[p].Synapse is { } model)
            {
                PopulationRuntime target = runtimes[network.Population(projections[p].To).Index];
                var layout = new SynapseLayout(p, table, weights!, [.. blocksOf[p]], target, network.Spec.Seed, view,
                    network.Population(projections[p].From), network.Population(projections[p].To));
                plastic[p] = model.CreateRuntime(layout); // plastic projections keep weights per synapse
            }
        }

        return plastic;
    }
}
