namespace SpikeCore.Running;

/// <summary>The synapses of one projection and their weights at the time they were read.</summary>
/// <param name="Sources">Source neuron of each synapse, local to the source population.</param>
/// <param name="Targets">Target neuron of each synapse, local to the target population.</param>
/// <param name="Weights">Weight of each synapse, in the target receptor's unit.</param>
/// <param name="DelaysMs">Delay of each synapse (as the network resolved it).</param>
public sealed record ProjectionWeights(int[] Sources, int[] Targets, float[] Weights, double[] DelaysMs);
