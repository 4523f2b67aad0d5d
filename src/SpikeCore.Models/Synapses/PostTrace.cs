using System.Runtime.InteropServices;

namespace SpikeCore.Models.Synapses;

/// <summary>
/// What every presynaptic arrival reads per target neuron of an STDP projection, 8 bytes so that the array stays in
/// cache: the post trace o1 (about the runtime's reference time) and the stamp of the neuron's latest spike, which
/// tells a synapse whether it owes potentiation. Dense rows read each as one little-endian long (trace in the low half,
/// stamp in the high: <see cref="AdditiveDepression"/>, <see cref="StdpRuntime{TRule}"/>), hence the fixed layout.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PostTrace
{
    public float Trace1;
    public int LastStamp;
}

/// <summary>
/// The rest of an STDP projection's per-neuron state, read only when a synapse owes potentiation or the neuron spikes:
/// the second post trace, the oldest spike not yet read by every incoming synapse, and whether more wait in the
/// overflow history.
/// </summary>
internal struct PostPending
{
    public float Trace2;
    public bool HasOverflow;
    public PostSpikeHistory.Entry Entry;
}
