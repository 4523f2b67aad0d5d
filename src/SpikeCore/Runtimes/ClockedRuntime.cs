using SpikeCore.Checkpoints;
using SpikeCore.Running;

namespace SpikeCore.Runtimes;

/// <summary>
/// A population stepped on a fixed clock: a recurring tick ends each step [t_n, t_n+1], the model integrates the
/// whole population over it, and the spikes it located inside the step are emitted at the tick in time order.
/// </summary>
/// <remarks>Tick times are computed as start + k·h (no accumulated rounding), so long runs keep their step grid.</remarks>
public abstract class ClockedRuntime : PopulationRuntime
{
    private readonly List<(double TimeMs, int Neuron)> _stepSpikes = [];
    private double _startMs;
    private long _step;

    /// <summary>Creates the runtime of the neurons <paramref name="layout"/> describes, stepped every <paramref name="stepMs"/>.</summary>
    protected ClockedRuntime(PopulationLayout layout, double stepMs)
        : base(layout) => StepMs = stepMs;

    /// <summary>The step h.</summary>
    protected internal double StepMs { get; }

    /// <summary>End of the current step: the time of the next tick.</summary>
    protected double StepEndMs { get; private set; }

    /// <summary>Index of the current step (0 for the first), checkpointed with it.</summary>
    protected long StepIndex => _step;

    /// <inheritdoc/>
    public override void Start(SimulationCore core, double timeMs)
    {
        ArgumentNullException.ThrowIfNull(core);
        base.Start(core, timeMs);
        _startMs = timeMs;
        _step = 0;
        StepEndMs = timeMs + StepMs;
        core.ScheduleTick(Info.Index, StepEndMs);
    }

    /// <summary>A clocked population has no keys: no target ever needs bringing up to an input.</summary>
    public sealed override bool SchedulerBringsTargetsUp => false;

    /// <inheritdoc/>
    public sealed override void OnTick(double timeMs)
    {
        Integrate(StepEndMs - StepMs, StepEndMs);
        if (_stepSpikes.Count > 0)
        {
            _stepSpikes.Sort();
            foreach ((double t, int j) in _stepSpikes)
            {
                Core.Spike(FirstId + j, t);
            }

            _stepSpikes.Clear();
        }

        _step++;
        StepEndMs = _startMs + ((_step + 1) * StepMs);
        Core.ScheduleTick(Info.Index, StepEndMs);
    }

    /// <inheritdoc/>
    public sealed override void Checkpoint(StateArchive a)
    {
        ArgumentNullException.ThrowIfNull(a);
        a.Values(_stepSpikes);
        a.Value(ref _startMs);
        a.Value(ref _step);
        double end = StepEndMs;
        a.Value(ref end);
        StepEndMs = end;
        CheckpointState(a);
    }

    /// <summary>Saves or restores the model's own state (the step clock is saved by the base).</summary>
    protected abstract void CheckpointState(StateArchive a);

    /// <summary>Integrates every neuron over [<paramref name="startMs"/>, <paramref name="endMs"/>], reporting spikes found inside.</summary>
    protected abstract void Integrate(double startMs, double endMs);

    /// <summary>Neuron <paramref name="neuron"/> spiked at <paramref name="timeMs"/> inside the current step.</summary>
    protected void ReportSpike(int neuron, double timeMs) => _stepSpikes.Add((timeMs, neuron));
}
