using System.Collections.Concurrent;

namespace SpikeCore.Parameters;

/// <summary>
/// The models network files can name, by family (<see cref="NeuronModel"/>, <see cref="SynapseModel"/>, or any
/// abstract record type a model holds as a parameter, such as a conductance device) and name. Each is registered as a
/// prototype whose parameter values are the defaults a file may leave out. SpikeCore's own models register themselves;
/// a model from another assembly is registered once with <see cref="Register{TFamily}"/> before reading files that name it.
/// </summary>
public static class ModelRegistry
{
    private static readonly ConcurrentDictionary<Type, ConcurrentDictionary<string, object>> s_families = new();

    /// <summary>Registers <paramref name="prototype"/> under its name in family <typeparamref name="TFamily"/>.</summary>
    /// <exception cref="ArgumentException">Another type already has that name in the family.</exception>
    public static void Register<TFamily>(TFamily prototype)
        where TFamily : class, INamedModel
    {
        ArgumentNullException.ThrowIfNull(prototype);
        ParameterSet.Of(prototype.GetType()); // declarations are checked now, not when a file is read
        object registered = s_families.GetOrAdd(typeof(TFamily), _ => new(StringComparer.Ordinal)).GetOrAdd(prototype.Name, prototype);
        if (registered.GetType() != prototype.GetType())
        {
            throw new ArgumentException($"the {typeof(TFamily).Name} name '{prototype.Name}' is taken by {registered.GetType().FullName}", nameof(prototype));
        }
    }

    /// <summary>The prototype named <paramref name="name"/> in <typeparamref name="TFamily"/>, or null.</summary>
    public static TFamily? Find<TFamily>(string name)
        where TFamily : class, INamedModel => (TFamily?)Find(typeof(TFamily), name);

    /// <summary>The names registered in <typeparamref name="TFamily"/>, sorted.</summary>
    public static IReadOnlyList<string> Names<TFamily>()
        where TFamily : class, INamedModel => Names(typeof(TFamily));

    internal static bool IsFamily(Type type) => s_families.ContainsKey(type);

    internal static object? Find(Type family, string name) =>
        s_families.TryGetValue(family, out var models) && models.TryGetValue(name, out object? prototype) ? prototype : null;

    internal static IReadOnlyList<string> Names(Type family) =>
        s_families.TryGetValue(family, out var models) ? [.. models.Keys.Order(StringComparer.Ordinal)] : [];
}
