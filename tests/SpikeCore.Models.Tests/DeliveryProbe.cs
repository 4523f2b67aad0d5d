using System.Text.Json;
using SpikeCore.Checkpoints;
using SpikeCore.Running;
using SpikeCore.Runtimes;

namespace SpikeCore.Models.Tests;

/// <summary>
/// A test neuron model that never fires and records every delivery (time, neuron, weight, receptor): what synapse models
/// deliver, read exactly. Spikes can be forced on it at given times, for rules that learn from postsynaptic spikes.
/// </summary>
internal sealed record DeliveryProbe : NeuronModel
{
    /// <summary>Postsynaptic spike times per neuron (emitted by the probe itself, exactly at these times).</summary>
    public double[][] SpikeTimesMs { get; init; } = [];

    public override string Name => "delivery_probe";

    public override IReadOnlyList<string> Receptors => ["excitatory", "inhibitory"];

    public override IReadOnlyList<string> StateVariables => ["last_weight"];

    /// <inheritdoc/>
    public override PopulationRuntime CreateRuntime(PopulationLayout layout) => new Runtime(this, layout);

    /// <summary>Every delivery of the last simulation that used a probe (tests run one probe network at a time per thread).</summary>
    [ThreadStatic]
    private static List<(double TimeMs, int Neuron, float Weight, int Receptor)>? t_log;

    public static List<(double TimeMs, int Neuron, float Weight, int Receptor)> Log => t_log ??= [];

    /// <summary>The same deliveries with each target's global id (comparable across partition counts, whose slices number neurons from 0).</summary>
    [ThreadStatic]
    private static List<(double TimeMs, int GlobalId, float Weight)>? t_global;

    public static List<(double TimeMs, int GlobalId, float Weight)> GlobalLog => t_global ??= [];

    private sealed class Runtime : PopulationRuntime
    {
        private readonly double[][] _spikes;
        private readonly int[] _next;

        public Runtime(DeliveryProbe model, PopulationLayout layout)
            : base(layout)
        {
            _spikes = model.SpikeTimesMs;
            _next = new int[layout.Info.Size];
            Log.Clear();
            GlobalLog.Clear();
        }

        public override void Start(SimulationCore core, double timeMs)
        {
            base.Start(core, timeMs);
            for (int j = 0; j < Count; j++)
            {
                Core.SetEmitterTime(FirstId + j, j < _spikes.Length && _spikes[j].Length > 0 ? _spikes[j][0] : double.PositiveInfinity);
            }
        }

        public override void OnEmitterDue(int local, double timeMs)
        {
            Core.Spike(FirstId + local, timeMs);
            int n = ++_next[local];
            Core.SetEmitterTime(FirstId + local, n < _spikes[local].Length ? _spikes[local][n] : double.PositiveInfinity);
        }

        public override void Checkpoint(StateArchive a) => a.Values(_next.AsSpan());

        public override void Deliver(double timeMs, ReadOnlySpan<int> targets, ReadOnlySpan<float> weights, int receptor)
        {
            for (int k = 0; k < targets.Length; k++)
            {
                Log.Add((timeMs, targets[k], weights[k], receptor));
                GlobalLog.Add((timeMs, FirstId + targets[k], weights[k]));
            }
        }

        public override int FirstNonFiniteNeuron() => -1;

        public override double Sample(int local, int variable, double timeMs) => 0;
    }
}
