namespace SpikeCore.Compiled;

/// <summary>
/// What a delivery reads of one block of a <see cref="SynapseTable"/>, together in 16 bytes (four blocks to a cache
/// line): its synapses, target population, projection and receptor, whether the row's next block has the same delay or
/// a longer one, and whether its targets are consecutive.
/// </summary>
/// <remarks>
/// Kept as separate arrays, these fields cost a delivery (and the exchange prefetching for it a window ahead) five or six
/// cache lines per block. Measured on CUBA at 40,000 neurons (2 s, alternating pairs against the build with separate
/// arrays, same hashes): one thread 0.92 of its time (twelve pairs), two threads 0.90 (twelve), one pinned thread on
/// two partitions 0.88 (fourteen); 4,000 neurons, in cache, 0.94 (fourteen).
/// </remarks>
internal readonly struct SynapseBlock
{
    /// <summary>The block's first synapse, and how many it has.</summary>
    public readonly int SynapseStart, Count;

    /// <summary>The population index of its targets.</summary>
    public readonly int TargetPopulation;

    /// <summary>Its projection index.</summary>
    public readonly short Projection;

    /// <summary>The receptor index (in the target model) of its targets.</summary>
    public readonly byte Receptor;

    private readonly byte _flags;

    private const byte SameDelayFlag = 1, LaterDelayFlag = 2, DenseFlag = 4;

    /// <param name="synapseStart">Its first synapse.</param>
    /// <param name="count">Its synapses.</param>
    /// <param name="targetPopulation">The population of its targets.</param>
    /// <param name="projection">Its projection.</param>
    /// <param name="receptor">Its targets' receptor.</param>
    /// <param name="sameDelayFollows">Whether the row's next block has the same delay.</param>
    /// <param name="laterDelayFollows">Whether the row's next block has a longer delay.</param>
    /// <param name="dense">Whether its targets are consecutive (<see cref="Runtimes.DenseRow.Is"/>).</param>
    public SynapseBlock(int synapseStart, int count, int targetPopulation, short projection, byte receptor, bool sameDelayFollows,
        bool laterDelayFollows, bool dense)
    {
        (SynapseStart, Count, TargetPopulation, Projection, Receptor) = (synapseStart, count, targetPopulation, projection, receptor);
        _flags = (byte)((sameDelayFollows ? SameDelayFlag : 0) | (laterDelayFollows ? LaterDelayFlag : 0) | (dense ? DenseFlag : 0));
    }

    /// <summary>Whether the row's next block has the same delay (one delivery takes both).</summary>
    public bool SameDelayFollows => (_flags & SameDelayFlag) != 0;

    /// <summary>Whether the row's next block has a longer delay (a delivery of its own); neither this nor <see cref="SameDelayFollows"/>: the row ends here.</summary>
    public bool LaterDelayFollows => (_flags & LaterDelayFlag) != 0;

    /// <summary>Whether its targets are t₀, t₀ + 1, ... (a dense row, <see cref="Runtimes.DenseRow.Is"/>).</summary>
    public bool Dense => (_flags & DenseFlag) != 0;
}
