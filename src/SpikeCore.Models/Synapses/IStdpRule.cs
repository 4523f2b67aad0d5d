namespace SpikeCore.Models.Synapses;

/// <summary>
/// A spike-timing rule on two presynaptic traces (r1, r2) and two postsynaptic traces (o1, o2), each decaying with its
/// own time constant and bumped by each spike of its side. Pair rules use only r1 and o1.
/// </summary>
/// <remarks>A struct contract, so the runtime's loops are specialised per rule.</remarks>
internal interface IStdpRule
{
    /// <summary>Time constants (ms) of r1, r2, o1, o2.</summary>
    double TauPre1Ms { get; }

    double TauPre2Ms { get; }

    double TauPost1Ms { get; }

    double TauPost2Ms { get; }

    /// <summary>Whether r2 and o2 are used at all.</summary>
    bool UsesSecondTraces { get; }

    /// <summary>Whether <see cref="Depress"/> reads r2 (when not, r2 is neither decayed nor kept: one exp less per arrival).</summary>
    bool DepressionReadsPre2 { get; }

    StdpPairing Pairing { get; }

    /// <summary>
    /// Depresses the weights of one block at a presynaptic arrival: o1 of target j is <paramref name="post"/>[j].Trace1 ·
    /// <paramref name="readPost1"/>, r2 is the pre trace just before this spike; <paramref name="denseFirst"/>: the first
    /// target where the targets are consecutive and the machine little-endian (the table's <see cref="Runtimes.DenseRow"/>
    /// test of the block, made once), else −1.
    /// </summary>
    void Depress(Span<float> weights, ReadOnlySpan<int> targets, int denseFirst, PostTrace[] post, double readPost1, double pre2Before);

    /// <summary>Weight after a postsynaptic spike: r1 is the pre trace now, o2 the post trace just before this spike.</summary>
    float Potentiate(float weight, double pre1, double post2Before);
}
