using System.Collections.Concurrent;

namespace SpikeCore.Parameters;

/// <summary>What a model's parameter declarations (<see cref="ParameterAttribute"/>) give: their checks, and which may vary per neuron.</summary>
public static class ModelParameters
{
    /// <summary>Adds to <paramref name="errors"/> every declared parameter of <paramref name="model"/> that fails its check, each message starting with <paramref name="path"/>.</summary>
    public static void Validate(object model, ICollection<string> errors, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(errors);
        ParameterSet.Of(model.GetType()).Validate(model, errors, path);
    }

    /// <summary>The JSON names of the parameters <paramref name="modelType"/> takes per neuron, in order (found once per type: a run may set them before every sample).</summary>
    public static IReadOnlyList<string> PerNeuron(Type modelType)
    {
        ArgumentNullException.ThrowIfNull(modelType);
        return PerNeuronNames.GetOrAdd(modelType, static type =>
        {
            ParameterSet set = ParameterSet.Of(type);
            return Array.AsReadOnly([.. set.Names.Where(n => set.PerNeuronIndex(n) >= 0)]);
        });
    }

    private static readonly ConcurrentDictionary<Type, IReadOnlyList<string>> PerNeuronNames = new();
}
