using SpikeCore.Compiled;

namespace SpikeCore.Building;

/// <summary>
/// Fluent construction of a network: add populations, connect them, inject currents, then <see cref="Build"/>.
/// </summary>
/// <example>
/// <code>
/// var lif = LifExp.Default;
/// Network net = new NetworkBuilder(seed: 7)
///     .AddPopulation("E", 3200, lif, p => p.WithInitial("v_mv", Distribution.Uniform(-60, -50)))
///     .AddPopulation("I", 800, lif)
///     .Connect("E", "I", Connectivity.Bernoulli(0.02), weight: 1.62, delayMs: 0.1, receptor: "excitatory")
///     .Build();
/// </code>
/// </example>
public sealed class NetworkBuilder
{
    private readonly List<PopulationSpec> _populations = [];
    private readonly List<ProjectionSpec> _projections = [];
    private readonly List<CurrentInjection> _currents = [];
    private ulong _seed;
    private double _delayResolutionMs = 0.1;

    /// <summary>Starts an empty network whose random choices are seeded by <paramref name="seed"/>.</summary>
    public NetworkBuilder(ulong seed = 1) => _seed = seed;

    /// <summary>Starts from an existing spec (e.g. one read from a file).</summary>
    public static NetworkBuilder FromSpec(NetworkSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var b = new NetworkBuilder(spec.Seed) { _delayResolutionMs = spec.DelayResolutionMs };
        b._populations.AddRange(spec.Populations);
        b._projections.AddRange(spec.Projections);
        b._currents.AddRange(spec.Currents);
        return b;
    }

    /// <summary>The spec collected so far.</summary>
    public NetworkSpec Spec => new(_seed, _delayResolutionMs, _populations.ToArray(), _projections.ToArray(), _currents.ToArray());

    /// <summary>Sets the seed.</summary>
    public NetworkBuilder WithSeed(ulong seed)
    {
        _seed = seed;
        return this;
    }

    /// <summary>Sets the delay resolution (default 0.1 ms): delays are rounded to multiples of it, and none may be shorter.</summary>
    public NetworkBuilder WithDelayResolution(double resolutionMs)
    {
        _delayResolutionMs = resolutionMs;
        return this;
    }

    /// <summary>Adds a population.</summary>
    public NetworkBuilder AddPopulation(PopulationSpec population)
    {
        ArgumentNullException.ThrowIfNull(population);
        _populations.Add(population);
        return this;
    }

    /// <summary>Adds a population of <paramref name="size"/> neurons of <paramref name="model"/>, optionally customised.</summary>
    public NetworkBuilder AddPopulation(string name, int size, NeuronModel model, Func<PopulationSpec, PopulationSpec>? configure = null)
    {
        var spec = new PopulationSpec(name, size, model);
        return AddPopulation(configure is null ? spec : configure(spec));
    }

    /// <summary>Adds a projection.</summary>
    public NetworkBuilder Connect(ProjectionSpec projection)
    {
        ArgumentNullException.ThrowIfNull(projection);
        _projections.Add(projection);
        return this;
    }

    /// <summary>Connects <paramref name="from"/> to <paramref name="to"/> by <paramref name="rule"/>.</summary>
    /// <param name="from">Source population.</param>
    /// <param name="to">Target population.</param>
    /// <param name="rule">Which pairs are connected.</param>
    /// <param name="weight">Initial weight per synapse, in the target receptor's unit.</param>
    /// <param name="delayMs">Axonal delay per synapse.</param>
    /// <param name="receptor">Target receptor.</param>
    /// <param name="synapse">Plastic synapse model (null: static synapses).</param>
    public NetworkBuilder Connect(string from, string to, Connectivity rule, Distribution weight, Distribution delayMs, string receptor,
        SynapseModel? synapse = null) =>
        Connect(new ProjectionSpec(from, to, rule, weight, delayMs, receptor) { Synapse = synapse });

    /// <summary>Injects a piecewise-constant current.</summary>
    public NetworkBuilder InjectCurrent(CurrentInjection current)
    {
        ArgumentNullException.ThrowIfNull(current);
        _currents.Add(current);
        return this;
    }

    /// <summary>Validates everything (reporting every problem at once) and compiles the network.</summary>
    /// <param name="maxThreads">Threads that generate connectivity (−1: all cores). The network is identical for any value.</param>
    /// <exception cref="NetworkValidationException">Any parameter is invalid.</exception>
    public Network Build(int maxThreads = -1) => NetworkCompiler.Compile(Spec, new ParallelOptions { MaxDegreeOfParallelism = maxThreads });
}
