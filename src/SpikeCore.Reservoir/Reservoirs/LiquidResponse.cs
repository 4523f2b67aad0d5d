namespace SpikeCore.Reservoir.Reservoirs;

/// <summary>What a liquid did with one input.</summary>
/// <param name="SpikeTimesMs">Reservoir spike times, ascending.</param>
/// <param name="SpikeNeurons">Reservoir neuron of each spike (0 = the first neuron after the input channels).</param>
/// <param name="Size">Reservoir neurons.</param>
/// <param name="MembraneMv">Membrane potential of every reservoir neuron at each sample time ([sample][neuron]), or null.</param>
public sealed record LiquidResponse(double[] SpikeTimesMs, int[] SpikeNeurons, int Size, double[][]? MembraneMv);
