using SpikeCore.Checkpoints;
using SpikeCore.Models.Devices;
using SpikeCore.Random;
using SpikeCore.Running;
using SpikeCore.Runtimes;

namespace SpikeCore.Models.Synapses;

/// <summary>State of one <see cref="BinaryPcmStdp"/> projection: a differential pair per synapse, the last arrival per block, the incoming index.</summary>
internal sealed class BinaryPcmStdpRuntime : SynapseRuntime
{
    private readonly BinaryPcmStdp _model;
    private readonly DifferentialPair _pairs;
    private readonly double _weightPerUs;
    private readonly double[] _lastArrivalMs;
    private readonly int[] _incomingStart, _incomingLocal, _incomingBlock;

    public BinaryPcmStdpRuntime(BinaryPcmStdp model, SynapseLayout layout)
        : base(layout)
    {
        _model = model;
        int[] blocks = layout.Blocks;
        _pairs = new DifferentialPair(layout.SynapseCount, model.Device, model.DriftNu);
        _weightPerUs = model.MaxWeight / model.Device.MaxConductanceUs;
        _lastArrivalMs = new double[blocks.Length];
        _lastArrivalMs.AsSpan().Fill(double.NegativeInfinity);
        int targets = layout.Target.Count;
        _incomingStart = new int[targets + 1];
        for (int k = 0; k < blocks.Length; k++)
        {
            for (int i = BlockStart(blocks[k]); i < BlockEnd(blocks[k]); i++)
            {
                _incomingStart[Targets[i] + 1]++;
            }
        }

        for (int j = 0; j < targets; j++)
        {
            _incomingStart[j + 1] += _incomingStart[j];
        }

        _incomingLocal = new int[_incomingStart[targets]];
        _incomingBlock = new int[_incomingLocal.Length];
        int[] fill = _incomingStart[..^1].ToArray();
        for (int k = 0; k < blocks.Length; k++)
        {
            int start = BlockStart(blocks[k]);
            for (int i = start; i < BlockEnd(blocks[k]); i++)
            {
                int local = Layout.SynapseOffset[k] + (i - start);
                int at = fill[Targets[i]]++;
                _incomingLocal[at] = local;
                _incomingBlock[at] = k;

                // The initial weight, programmed into the pair (whole pulses) and read back; the noise is keyed by the
                // synapse's number in the whole projection, so a partition programs its synapses as the whole does.
                var rng = KeyedRandom.Create(layout.Seed, StreamPurpose.PcmSynapseInitial(layout.Projection), (ulong)layout.WholeSynapse(local));
                _pairs.Update(local, Weights[i] / _weightPerUs, 0, ref rng);
                Weights[i] = (float)(_pairs.WeightUs(local) * _weightPerUs);
            }
        }
    }

    public override void Checkpoint(StateArchive a)
    {
        _pairs.Checkpoint(a);
        a.Values(_lastArrivalMs.AsSpan());
    }

    public override void Deliver(double timeMs, int block, int start, int count, int receptor)
    {
        int lb = Layout.LocalBlock[block];
        _lastArrivalMs[lb] = timeMs;
        if (_model.DriftNu > 0)
        {
            for (int k = 0; k < count; k++)
            {
                Weights[start + k] = (float)(_pairs.WeightUs(Layout.SynapseOffset[lb] + k, timeMs / 1000) * _weightPerUs);
            }
        }

        Target.Deliver(timeMs, Targets.AsSpan(start, count), Weights.AsSpan(start, count), receptor);
    }

    public override void OnPostSpike(int local, double timeMs)
    {
        double pulse = _model.Device.RangeUs / _model.Device.MaxPulses;
        for (int m = _incomingStart[local]; m < _incomingStart[local + 1]; m++)
        {
            int lb = _incomingBlock[m], s = _incomingLocal[m];
            bool potentiate = timeMs - _lastArrivalMs[lb] <= _model.LtpWindowMs;
            var rng = KeyedRandom.Create(Layout.Seed, StreamPurpose.PcmSynapseNoise(Layout.Projection), ((ulong)Layout.WholeSynapse(s) << 1) ^ BitConverter.DoubleToUInt64Bits(timeMs));
            _pairs.Update(s, potentiate ? pulse : -pulse, timeMs / 1000, ref rng);
            int block = Layout.Blocks[lb];
            int i = BlockStart(block) + (s - Layout.SynapseOffset[lb]);
            Weights[i] = (float)(_pairs.WeightUs(s, timeMs / 1000) * _weightPerUs);
        }
    }
}
