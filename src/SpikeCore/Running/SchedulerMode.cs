namespace SpikeCore.Running;

/// <summary>How a simulation finds when its event-driven neurons fire. Both give the same spikes, bit for bit.</summary>
public enum SchedulerMode
{
    /// <summary>
    /// Windows when the network allows them and has event-driven neurons, whose proofs they serve, runs in partitions
    /// (which exchange spikes in windows anyway), or has more synapse targets than fit in cache (4 MiB: a window's
    /// exchange asks for its deliveries' rows ahead, which the heap cannot); else events
    /// (<see cref="Simulation.Scheduler"/> says which it got, <see cref="Simulation.SchedulerReason"/> why).
    /// </summary>
    Auto,

    /// <summary>
    /// An emitter heap: every neuron's earliest possible firing time kept in order, the earliest run next. Works for
    /// any network; the fallback when windows do not apply.
    /// </summary>
    Events,

    /// <summary>
    /// Exact windows of the minimum delay d_min: no spike reaches anyone sooner, so inside a window neurons are
    /// independent; each is brought up to an input's time before the input, and every one to the window's end after it
    /// (<see cref="Scheduling.EmitterCalendar"/>). Needs synapses of positive delay, clocked populations on one step no
    /// longer than d_min, and no plastic projection that learns from postsynaptic spikes (those must see every spike in
    /// global time order).
    /// </summary>
    Windows,
}
