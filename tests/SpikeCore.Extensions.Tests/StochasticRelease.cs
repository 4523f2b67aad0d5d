using SpikeCore.Checkpoints;
using SpikeCore.Parameters;
using SpikeCore.Random;
using SpikeCore.Running;
using SpikeCore.Runtimes;

namespace SpikeCore.Extensions.Tests;

/// <summary>
/// A synapse that releases with probability p at each presynaptic spike (model name <c>stochastic_release</c>;
/// quantal release, Katz 1969): a released synapse delivers its weight, a failed one nothing. Each draw is keyed by
/// the synapse's number in the whole projection and the arrival time, so any partition count draws the same; the
/// count of releases per synapse is the model's state.
/// </summary>
public sealed record StochasticRelease : SynapseModel
{
    /// <summary>p.</summary>
    [Parameter(ParameterCheck.Positive, Maximum = 1)]
    public double ReleaseProbability { get; init; } = 0.5;

    /// <inheritdoc/>
    public override string Name => "stochastic_release";

    /// <inheritdoc/>
    public override SynapseRuntime CreateRuntime(SynapseLayout layout) => new Runtime(this, layout);

    /// <summary>Releases so far, by the projection's synapses as the last simulation numbered them (tests read it).</summary>
    public static long[] LastReleases { get; private set; } = [];

    private sealed class Runtime : SynapseRuntime
    {
        private readonly double _p;
        private readonly long[] _releases;
        private readonly int[] _targets;
        private readonly float[] _weights;

        public Runtime(StochasticRelease model, SynapseLayout layout)
            : base(layout)
        {
            _p = model.ReleaseProbability;
            _releases = LastReleases = new long[layout.SynapseCount];
            _targets = new int[layout.LargestBlock];
            _weights = new float[layout.LargestBlock];
        }

        public override void Deliver(double timeMs, int block, int start, int count, int receptor)
        {
            int first = Layout.SynapseOffset[Layout.LocalBlock[block]];
            int released = 0;
            for (int k = 0; k < count; k++)
            {
                ulong key = ((ulong)Layout.WholeSynapse(first + k) << 32) ^ BitConverter.DoubleToUInt64Bits(timeMs);
                var rng = KeyedRandom.Create(Layout.Seed, StreamPurpose.External(0, Layout.Projection), key);
                if (rng.NextDouble() < _p)
                {
                    _releases[first + k]++;
                    _targets[released] = Targets[start + k];
                    _weights[released++] = Weights[start + k];
                }
            }

            Target.Deliver(timeMs, _targets.AsSpan(0, released), _weights.AsSpan(0, released), receptor);
        }

        public override void Checkpoint(StateArchive a) => a.Values(_releases.AsSpan());
    }
}
