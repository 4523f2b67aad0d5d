namespace SpikeCore.Parameters;

/// <summary>
/// Declares a property of a model (a <see cref="NeuronModel"/>, <see cref="SynapseModel"/> or any record they hold) as
/// one of its parameters, once: its JSON name (the property name in snake case, <c>MembraneTauMs</c> →
/// <c>membrane_tau_ms</c>, unless <see cref="Name"/> says otherwise), its default (the property's value in the model's
/// default instance) and its check. Validation, reading and writing network files all come from these declarations.
/// </summary>
/// <remarks>
/// Supported types: <see cref="double"/>, <see cref="int"/>, <see cref="bool"/>, enums (values named by
/// <see cref="ParameterValueAttribute"/> or in snake case), <see cref="Building.Distribution"/> (drawn per synapse or
/// neuron by models that support it), lists of numbers and lists of lists, records that declare parameters of their own
/// (a JSON object, or flattened into the model's object with <see cref="Inline"/>), and abstract families registered
/// with <see cref="ModelRegistry"/> (a JSON object naming its <c>model</c>). A null record or family member is absent
/// from the file.
/// </remarks>
[AttributeUsage(AttributeTargets.Property, Inherited = true, AllowMultiple = false)]
public sealed class ParameterAttribute : Attribute
{
    /// <summary>A parameter that must be a finite number (or, for other types, well formed).</summary>
    public ParameterAttribute()
    {
    }

    /// <summary>A parameter with the check <paramref name="check"/>.</summary>
    public ParameterAttribute(ParameterCheck check) => Check = check;

    /// <summary>What the value must be.</summary>
    public ParameterCheck Check { get; }

    /// <summary>The JSON name when it is not the property name in snake case.</summary>
    public string? Name { get; init; }

    /// <summary>An inclusive upper bound (NaN: none).</summary>
    public double Maximum { get; init; } = double.NaN;

    /// <summary>The property name of another parameter this one must be strictly below (e.g. a reset below a threshold).</summary>
    public string? Below { get; init; }

    /// <summary>The property name of another parameter this one must differ from (exact solutions divide by their difference).</summary>
    public string? DiffersFrom { get; init; }

    /// <summary>
    /// Whether the model's runtime takes this parameter per neuron (<see cref="Building.PopulationSpec.WithPerNeuron"/>;
    /// it reads the values with <see cref="Runtimes.PopulationLayout.ParameterValues(string, double)"/>).
    /// </summary>
    public bool PerNeuron { get; init; }

    /// <summary>A record whose parameters are written into this model's own JSON object rather than a nested one.</summary>
    public bool Inline { get; init; }
}
