namespace SpikeCore.Parameters;

/// <summary>
/// On a derived model: inherited parameters it computes from its own (a measured device table fixes its conductance
/// range and pulse count), so they are neither read nor written for it.
/// </summary>
/// <param name="properties">The property names of the computed parameters.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class ComputedParametersAttribute(params string[] properties) : Attribute
{
    /// <summary>The property names of the computed parameters.</summary>
    public IReadOnlyList<string> Properties { get; } = properties;
}
