using SpikeCore.Compiled;

namespace SpikeCore.Partitions;

/// <summary>A partition's view of the synapse table and where each of its synapses and blocks sits in the whole table.</summary>
/// <param name="Table">The synapses whose targets the partition owns, targets renumbered within its slices.</param>
/// <param name="Whole">The whole network's table.</param>
/// <param name="OriginalSynapse">For each synapse of <paramref name="Table"/>, its index in <paramref name="Whole"/>.</param>
/// <param name="OriginalBlock">For each block of <paramref name="Table"/>, the block of <paramref name="Whole"/> it was cut from.</param>
internal sealed record PartitionView(SynapseTable Table, SynapseTable Whole, int[] OriginalSynapse, int[] OriginalBlock);
