namespace SpikeCore.Running;

/// <summary>Where a run's wall time goes (<see cref="RunProfile"/>).</summary>
public enum ProfilePhase
{
    /// <summary>Delivering spikes along synapse rows to their targets (plastic synapses' updates included).</summary>
    Delivery,

    /// <summary>
    /// Event-driven neurons' own events: a predicted threshold crossing refined or fired (bounds and exact roots of the
    /// exact LIF), a source's next spike, a device switching; the spikes they emit are recorded here.
    /// </summary>
    NeuronEvents,

    /// <summary>Clocked populations' steps (conductance LIF, Hodgkin-Huxley, ...), their spikes recorded here.</summary>
    ClockedSteps,

    /// <summary>Current injections changing.</summary>
    Stimulus,

    /// <summary>State recorders sampling.</summary>
    Recording,

    /// <summary>Partitioned runs: waiting for the other partitions at a window's end, merging and receiving its spikes.</summary>
    Exchange,
}
