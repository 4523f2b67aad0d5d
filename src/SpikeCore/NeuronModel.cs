using SpikeCore.Parameters;
using SpikeCore.Running;
using SpikeCore.Runtimes;

namespace SpikeCore;

/// <summary>
/// A neuron (or spike source) model: immutable, validated parameters plus the factory of the population runtime that
/// holds its state as structure of arrays. The engine knows models only through this contract.
/// </summary>
/// <remarks>
/// Event-driven models are advanced analytically to the time of each event that touches them and tell the scheduler
/// the earliest time they can fire. Clocked models (no closed form) step their whole population on a fixed step through
/// a recurring tick event and have <see cref="ClockStepMs"/> &gt; 0. Parameters are properties declared with
/// <see cref="ParameterAttribute"/>: checking, reading and writing them come from those declarations.
/// </remarks>
public abstract record NeuronModel : INamedModel
{
    /// <summary>The model's name in network files, e.g. <c>lif_exp</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Names of the input ports a projection can target (empty for sources).</summary>
    public abstract IReadOnlyList<string> Receptors { get; }

    /// <summary>Names (with units) of the state variables that can be initialised and recorded.</summary>
    public abstract IReadOnlyList<string> StateVariables { get; }

    /// <summary>The JSON names of the parameters this model takes per neuron (<see cref="ParameterAttribute.PerNeuron"/>).</summary>
    public IReadOnlyList<string> PerNeuronParameters => ModelParameters.PerNeuron(GetType());

    /// <summary>Integration step of a clocked model, 0 for event-driven models and sources.</summary>
    public virtual double ClockStepMs => 0;

    /// <summary>Unit of injected current (e.g. "mV" for R·I, "pA"), or null when the model takes no current.</summary>
    public virtual string? CurrentUnit => null;

    /// <summary>Whether weights onto receptor <paramref name="receptor"/> must be ≥ 0 (conductances).</summary>
    public virtual bool RequiresNonNegativeWeights(int receptor) => false;

    /// <summary>Adds to <paramref name="errors"/> every invalid parameter, each message starting with <paramref name="path"/>.</summary>
    /// <param name="errors">Where problems are collected.</param>
    /// <param name="path">Location of the model in the network, e.g. "populations[0] 'E'.lif_exp".</param>
    /// <param name="populationSize">Size of the population using the model (for per-neuron parameters).</param>
    public void Validate(ICollection<string> errors, string path, int populationSize)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ModelParameters.Validate(this, errors, path);
        ValidateRules(errors, path, populationSize);
    }

    /// <summary>Rules beyond each declared parameter's own check (e.g. one list per neuron), each message starting with <paramref name="path"/>.</summary>
    protected virtual void ValidateRules(ICollection<string> errors, string path, int populationSize)
    {
    }

    /// <summary>Creates the mutable state of one population.</summary>
    public abstract PopulationRuntime CreateRuntime(PopulationLayout layout);
}
