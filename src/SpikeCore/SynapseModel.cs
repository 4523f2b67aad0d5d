using SpikeCore.Parameters;
using SpikeCore.Running;
using SpikeCore.Runtimes;

namespace SpikeCore;

/// <summary>
/// A plastic synapse model for a projection: immutable, validated parameters plus the factory of the runtime that keeps
/// its state. Projections without one are static (the weight is delivered unchanged). Plasticity is event-driven: the
/// state is advanced exactly from one presynaptic arrival to the next, and rules that learn from postsynaptic spikes are
/// told of each one through an index of the neuron's incoming synapses. Parameters are declared with
/// <see cref="ParameterAttribute"/>, as for neuron models.
/// </summary>
public abstract record SynapseModel : INamedModel
{
    /// <summary>The model's name in network files, e.g. <c>tsodyks_markram</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Whether the model changes the stored weights (long-term plasticity), rather than only scaling what it delivers.</summary>
    public virtual bool ChangesWeights => false;

    /// <summary>
    /// Whether the model learns from its targets' spikes (<see cref="SynapseRuntime.OnPostSpike"/>). Such a projection
    /// must see every spike in global time order, so its network runs in event mode (<see cref="SchedulerMode.Events"/>).
    /// </summary>
    public virtual bool LearnsFromPostSpikes => false;

    /// <summary>
    /// The range in which a run's weights may be overwritten (<see cref="Simulation.SetWeights"/>: normalisation,
    /// pruning, a transplant), or null when they may not: the model does not keep per-synapse weights, or they follow
    /// device state it keeps (a conductance, a filament) that a write would bypass.
    /// </summary>
    public virtual (double Min, double Max)? WritableWeights => null;

    /// <summary>Adds to <paramref name="errors"/> every invalid parameter, each message starting with <paramref name="path"/>.</summary>
    public void Validate(ICollection<string> errors, string path)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ModelParameters.Validate(this, errors, path);
        ValidateRules(errors, path);
    }

    /// <summary>Rules beyond each declared parameter's own check, each message starting with <paramref name="path"/>.</summary>
    protected virtual void ValidateRules(ICollection<string> errors, string path)
    {
    }

    /// <summary>Creates the state of one projection's synapses.</summary>
    public abstract SynapseRuntime CreateRuntime(SynapseLayout layout);
}
