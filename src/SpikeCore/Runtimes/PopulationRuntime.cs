using SpikeCore.Compiled;
using SpikeCore.Running;

namespace SpikeCore.Runtimes;

/// <summary>
/// The mutable state of one population (structure of arrays) and how it reacts to the scheduler. Dispatch is per block
/// of synapses or per event, never per synapse: the per-synapse loop lives inside each concrete runtime.
/// </summary>
/// <remarks>
/// The contract a model in any assembly implements (<see cref="NeuronModel.CreateRuntime"/> creates it): event-driven
/// models tell the scheduler when each neuron may next fire (<see cref="SimulationCore.SetEmitterTime"/>) and are
/// called back then (<see cref="OnEmitterDue"/>); clocked models derive from <see cref="ClockedRuntime"/>. A runtime
/// may be a slice of its population (a partition): neuron <c>local</c> is <see cref="PopulationLayout.Offset"/> +
/// <c>local</c> of the whole, and random streams keyed by that number draw the same on any partition count.
/// </remarks>
public abstract class PopulationRuntime
{
    /// <summary>Creates the runtime of the neurons <paramref name="layout"/> describes.</summary>
    protected PopulationRuntime(PopulationLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        Info = layout.Info;
    }

    /// <summary>The population (for a slice: its first id and size are the slice's).</summary>
    public PopulationInfo Info { get; }

    /// <summary>Global id of local neuron 0.</summary>
    public int FirstId => Info.FirstId;

    /// <summary>Neurons in this runtime.</summary>
    public int Count => Info.Size;

    /// <summary>The scheduler this runtime is attached to (set by <see cref="Start"/>).</summary>
    protected SimulationCore Core { get; private set; } = null!;

    /// <summary>Attaches to the scheduler at time <paramref name="timeMs"/> and schedules the first emitter keys or tick.</summary>
    public virtual void Start(SimulationCore core, double timeMs)
    {
        ArgumentNullException.ThrowIfNull(core);
        Core = core;
    }

    /// <summary>Delivers one block of synapses (same receptor, same arrival time) to this population.</summary>
    public abstract void Deliver(double timeMs, ReadOnlySpan<int> targets, ReadOnlySpan<float> weights, int receptor);

    /// <summary>
    /// <see cref="Deliver"/> for a dense row, onto targets <paramref name="firstTarget"/>, <paramref name="firstTarget"/> + 1,
    /// ... (<see cref="DenseRow"/>, one per weight): the caller knows that from the synapse table, so a runtime with a
    /// register loop for such rows neither scans nor reads the targets on each delivery. The same results as
    /// <see cref="Deliver"/>, which it is unless a runtime overrides it.
    /// </summary>
    public virtual void DeliverDense(double timeMs, int firstTarget, ReadOnlySpan<float> weights, int receptor) =>
        Deliver(timeMs, ConsecutiveTargets(firstTarget, weights.Length), weights, receptor);

    /// <summary>The targets <paramref name="first"/>, ..., <paramref name="first"/> + <paramref name="count"/> − 1 (a dense row's), as a slice of 0, 1, ..., <see cref="Count"/> − 1.</summary>
    protected ReadOnlySpan<int> ConsecutiveTargets(int first, int count) => (_consecutive ??= [.. Enumerable.Range(0, Count)]).AsSpan(first, count);

    private int[]? _consecutive;

    /// <summary>Neuron <paramref name="local"/>'s key came due at <paramref name="timeMs"/> (the heap's top in event mode, a visit in windows): fire, or refine its key.</summary>
    public virtual void OnEmitterDue(int local, double timeMs) =>
        throw new InvalidOperationException($"population '{Info.Name}' does not emit on its own");

    /// <summary>
    /// In windows (<see cref="SchedulerMode.Windows"/>): the events of [<paramref name="startMs"/>, <paramref name="endMs"/>)
    /// come next (a window no longer than <see cref="SimulationCore.WindowMs"/>), then every key before its end is visited.
    /// </summary>
    public virtual void BeginWindow(double startMs, double endMs)
    {
    }

    /// <summary>
    /// In windows: whether the scheduler, before delivering an input at t, brings each target whose key is before t up
    /// to t. False when <see cref="Deliver"/> does that itself (<see cref="SimulationCore.BringUpTo"/>, reading the key
    /// with the target's state), or when the population has no keys (a clocked one: its neurons change only at its ticks).
    /// </summary>
    public virtual bool SchedulerBringsTargetsUp => true;

    /// <summary>A clocked population finishes the step that ends at <paramref name="timeMs"/>.</summary>
    public virtual void OnTick(double timeMs) =>
        throw new InvalidOperationException($"population '{Info.Name}' is not clocked");

    /// <summary>Sets the injected current of every neuron from <paramref name="timeMs"/> on.</summary>
    public virtual void SetCurrent(double amplitude, double timeMs) =>
        throw new InvalidOperationException($"population '{Info.Name}' takes no current");

    /// <summary>
    /// Sets per-neuron parameter <paramref name="name"/> (its JSON name) of every neuron of this runtime from
    /// <paramref name="timeMs"/> on: neuron <c>local</c> takes <paramref name="values"/>[local]. Models say which of their
    /// parameters may change during a run (a Poisson source's <c>rate_scale</c>: a new stimulus).
    /// </summary>
    /// <exception cref="ArgumentException">The model cannot change <paramref name="name"/> during a run, or a value is out of its range.</exception>
    public virtual void SetParameter(string name, ReadOnlySpan<double> values, double timeMs) =>
        throw new ArgumentException($"population '{Info.Name}': its model cannot change '{name}' during a run", nameof(name));

    /// <summary>Saves or restores every state variable, random stream and pending input (restoring into a runtime built for the same slice).</summary>
    public abstract void Checkpoint(Checkpoints.StateArchive a);

    /// <summary>Index of the first neuron whose state is not finite (NaN or ±∞), or −1.</summary>
    public abstract int FirstNonFiniteNeuron();

    /// <summary>Value of state variable <paramref name="variable"/> of neuron <paramref name="local"/> at <paramref name="timeMs"/>, without changing the state.</summary>
    public abstract double Sample(int local, int variable, double timeMs);
}
