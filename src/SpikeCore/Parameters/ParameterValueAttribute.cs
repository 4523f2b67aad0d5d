namespace SpikeCore.Parameters;

/// <summary>The JSON name of an enum value used as a parameter, when it is not the value's name in snake case.</summary>
/// <param name="name">The name in network files.</param>
[AttributeUsage(AttributeTargets.Field, AllowMultiple = false)]
public sealed class ParameterValueAttribute(string name) : Attribute
{
    /// <summary>The name in network files.</summary>
    public string Name { get; } = name;
}
