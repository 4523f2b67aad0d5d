using SpikeCore.Compiled;

namespace SpikeCore.Running;

/// <summary>
/// Where a state stopped being finite: neuron <see cref="Index"/> of population <see cref="Owner"/>, or synapse
/// <see cref="Index"/> of plastic projection <see cref="Owner"/> (neurons first). Ordered so that every partition count
/// reports the same one: the first by (neurons before synapses, owner, index).
/// </summary>
/// <remarks>
/// A run checks every state on a fixed grid of simulated time (every <see cref="CheckIntervalMs"/>, and at the end of
/// each call to run), not per event: a scan costs about as much as delivering a few spikes' worth of synapses, and the
/// grid is the same for any partition count, so the report is too. The report names the first non-finite state and
/// the interval between the last check that found everything finite and the one that did not.
/// </remarks>
internal readonly record struct NonFiniteState(bool InSynapse, int Owner, int Index) : IComparable<NonFiniteState>
{
    /// <summary>
    /// Spacing of the checks in simulated time. Measured on CUBA (4,000 neurons, 5 s): checks every 1 ms cost 5-8% of the
    /// run, every 10 ms below the noise (a scan costs about what a neuron's ~5 synaptic events per 10 ms do).
    /// </summary>
    public const double CheckIntervalMs = 10;

    /// <summary>The first check time after <paramref name="timeMs"/>.</summary>
    public static double NextCheckMs(double timeMs) => (Math.Floor(timeMs / CheckIntervalMs) + 1) * CheckIntervalMs;

    public int CompareTo(NonFiniteState other) =>
        InSynapse != other.InSynapse ? InSynapse.CompareTo(other.InSynapse)
        : Owner != other.Owner ? Owner.CompareTo(other.Owner)
        : Index.CompareTo(other.Index);

    /// <summary>The error a run stops with: what, where, and between which two checks it happened.</summary>
    public NonFiniteStateException ToException(Network network, double finiteAtMs, double foundAtMs)
    {
        string when = finiteAtMs == foundAtMs
            ? $"at t = {foundAtMs} ms"
            : $"between t = {finiteAtMs} ms (every state finite) and t = {foundAtMs} ms";
        return new NonFiniteStateException(InSynapse
            ? $"projection {Owner} ({network.Spec.Projections[Owner].Synapse!.Name}) synapse {Index}: the state became non-finite {when}; check its parameters"
            : $"population '{network.Populations[Owner].Name}' neuron {Index}: the state became non-finite {when}; check its weights and parameters (e.g. weights so large that currents overflow)");
    }
}
