using SpikeCore.Compiled;

namespace SpikeCore.Partitions;

/// <summary>A partition's view of the synapse table and where each of its synapses and blocks sits in the whole table.</summary>
/// <param name="Table">The synapses whose targets the partition owns, targets renumbered within its slices.</param>
/// <param name="Whole">The whole network's table.</param>
/// <param name="OriginalSynapse">
/// For each synapse of <paramref name="Table"/>, its index in <paramref name="Whole"/>; null when the whole table keeps one
/// weight per projection, which it does only when no projection has a synapse model: nothing then reads or writes
/// weights or state per synapse (4 bytes per synapse saved: 64 MB in each of two partitions at 400,000 neurons, in-degree 80).
/// </param>
/// <param name="OriginalBlock">For each block of <paramref name="Table"/>, the block of <paramref name="Whole"/> it was cut from.</param>
internal sealed record PartitionView(SynapseTable Table, SynapseTable Whole, int[]? OriginalSynapse, int[] OriginalBlock);
