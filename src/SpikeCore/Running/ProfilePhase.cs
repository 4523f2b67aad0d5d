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

    /// <summary>Runs in windows or partitions: at each window's end, merging the window's spikes in order, recording them and putting them in flight (the count is windows).</summary>
    Exchange,

    /// <summary>
    /// Runs in partitions: at each window's end, waiting until every partition's spikes of the window are in, each thread
    /// having finished the window (the count is waits, one per window and thread). On one thread next to nothing; on
    /// several, the partitions' imbalance and the CPUs' stalls. In a distributed run the gathering of the processes'
    /// spikes is <see cref="Exchange"/>.
    /// </summary>
    Waiting,
}
