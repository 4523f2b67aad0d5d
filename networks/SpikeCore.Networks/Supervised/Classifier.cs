namespace SpikeCore.Networks.Supervised;

/// <summary>A trained network's decision for one sample.</summary>
public delegate int Classifier(ReadOnlySpan<float> sample);
