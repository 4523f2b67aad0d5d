namespace SpikeCore.Running;

/// <summary>Where a run's wall time goes (<see cref="RunProfile"/>).</summary>
public enum ProfilePhase
{
    /// <summary>Delivering spikes along synapse rows to their targets (plastic synapses' updates included).</summary>
    Delivery,

    /// <summary>
    /// Event-driven neurons' own events: a predicted threshold crossing refined or fired (bounds and exact roots of the
    /// exact LIF), a source's next spike, a device switching; the spikes they emit are recorded here. In windows the
    /// count is the neurons' visits and the time that of the visits at the windows' ends (a visit that must come before
    /// an input is timed with its delivery).
    /// </summary>
    NeuronEvents,

    /// <summary>Clocked populations' steps (conductance LIF, Hodgkin-Huxley, ...), their spikes recorded here.</summary>
    ClockedSteps,

    /// <summary>Current injections changing.</summary>
    Stimulus,

    /// <summary>State recorders sampling.</summary>
    Recording,

    /// <summary>Runs in windows or partitions: at each window's end, waiting for the other partitions, merging the window's spikes in order, recording them and putting them in flight (the count is windows).</summary>
    Exchange,
}
