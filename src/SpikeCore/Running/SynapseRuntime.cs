using SpikeCore.Compiled;

namespace SpikeCore.Running;

/// <summary>
/// The state of one plastic projection. The scheduler hands it every block of the projection when the block's spike
/// arrives; it updates its state and delivers the resulting weights to the target population. Rules that learn from
/// postsynaptic spikes also get <see cref="OnPostSpike"/> for every spike of a target neuron.
/// </summary>
internal abstract class SynapseRuntime
{
    protected SynapseRuntime(SynapseLayout layout)
    {
        Layout = layout;
        Table = layout.Synapses;
        Weights = layout.Weights;
        Target = layout.Target;
    }

    public SynapseLayout Layout { get; }

    protected SynapseTable Table { get; }

    /// <summary>This simulation's weights by synapse index.</summary>
    protected float[] Weights { get; }

    protected PopulationRuntime Target { get; }

    /// <summary>Whether <see cref="OnPostSpike"/> must be called for the target population's spikes.</summary>
    public virtual bool LearnsFromPostSpikes => false;

    /// <summary>Block <paramref name="block"/> (synapses [start, start + count), receptor <paramref name="receptor"/>) arrives at <paramref name="timeMs"/>.</summary>
    public abstract void Deliver(double timeMs, int block, int start, int count, int receptor);

    /// <summary>Target neuron <paramref name="local"/> spiked at <paramref name="timeMs"/>.</summary>
    public virtual void OnPostSpike(int local, double timeMs)
    {
    }

    /// <summary>Brings <see cref="Weights"/> up to date for reading (rules that apply some changes lazily).</summary>
    public virtual void Synchronize()
    {
    }

    /// <summary>Whether any state is not finite (the first offending synapse index, or −1).</summary>
    public virtual int FirstNonFiniteSynapse() => -1;
}
