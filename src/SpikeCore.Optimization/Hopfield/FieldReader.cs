namespace SpikeCore.Optimization.Hopfield;

/// <summary>Writes the local fields h = W s of <paramref name="state"/> into <paramref name="fields"/>, from wherever the couplings are held.</summary>
public delegate void FieldReader(ReadOnlySpan<sbyte> state, Span<double> fields);
