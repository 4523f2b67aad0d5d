using SpikeCore.Random;
using SpikeCore.Running;

namespace SpikeCore.Models.Synapses;

/// <summary>State of one <see cref="TsodyksMarkram"/> projection: (u, x) per block, or per synapse when parameters vary.</summary>
internal sealed class TsodyksMarkramRuntime : SynapseRuntime
{
    /// <summary>Stream purpose of per-synapse parameters (one per projection and parameter above it).</summary>
    private const ulong ParameterPurpose = 3UL << 40;

    private readonly int[] _localBlock;
    private readonly double[] _lastArrivalMs;
    private readonly float[] _scratch;

    // Constant parameters: state per block.
    private readonly double _u0, _tauRec, _tauFac;
    private readonly double[]? _blockU, _blockX;

    // Parameters per synapse: state and parameters per synapse (local index = synapse − block start + _synapseOffset[block]).
    private readonly int[]? _synapseOffset;
    private readonly float[]? _u, _x, _uParam, _tauRecParam, _tauFacParam;

    public TsodyksMarkramRuntime(TsodyksMarkram model, SynapseLayout layout)
        : base(layout)
    {
        int[] blocks = layout.Blocks;
        _localBlock = new int[Table.BlockCount];
        _lastArrivalMs = new double[blocks.Length];
        _lastArrivalMs.AsSpan().Fill(double.NaN);
        int largest = 0;
        for (int k = 0; k < blocks.Length; k++)
        {
            _localBlock[blocks[k]] = k;
            largest = Math.Max(largest, BlockSize(blocks[k]));
        }

        _scratch = new float[largest];
        if (model.IsUniform)
        {
            var rng = default(KeyedRandom);
            _u0 = model.U.Sample(ref rng, 0);
            _tauRec = model.RecoveryTauMs.Sample(ref rng, 0);
            _tauFac = model.FacilitationTauMs.Sample(ref rng, 0);
            _blockU = new double[blocks.Length];
            _blockX = new double[blocks.Length];
            return;
        }

        int n = layout.SynapseCount;
        _synapseOffset = new int[blocks.Length];
        _u = new float[n];
        _x = new float[n];
        _uParam = Draw(model.U, 0, 0.001, 1);
        _tauRecParam = Draw(model.RecoveryTauMs, 1, 0.01, double.PositiveInfinity);
        _tauFacParam = Draw(model.FacilitationTauMs, 2, 0, double.PositiveInfinity);
        for (int k = 1; k < blocks.Length; k++)
        {
            _synapseOffset[k] = _synapseOffset[k - 1] + BlockSize(blocks[k - 1]);
        }

        float[] Draw(Building.Distribution d, ulong parameter, double low, double high)
        {
            var values = new float[n];
            var rng = KeyedRandom.Create(layout.Seed, ParameterPurpose + (ulong)layout.Projection * 4 + parameter, 0);
            for (int i = 0; i < n; i++)
            {
                values[i] = (float)Math.Clamp(d.Sample(ref rng, i), low, high);
            }

            return values;
        }
    }

    private int BlockSize(int block) => Table.BlockSynapseStart[block + 1] - Table.BlockSynapseStart[block];

    public override void Deliver(double timeMs, int block, int start, int count, int receptor)
    {
        int lb = _localBlock[block];
        double last = _lastArrivalMs[lb];
        _lastArrivalMs[lb] = timeMs;
        Span<float> efficacy = _scratch.AsSpan(0, count);
        ReadOnlySpan<float> w = Weights.AsSpan(start, count);
        if (_blockU is not null)
        {
            double u = _u0, x = 1;
            if (!double.IsNaN(last))
            {
                double delta = timeMs - last;
                u = _blockU[lb];
                x = 1 + (_blockX![lb] - u * _blockX[lb] - 1) * Math.Exp(-delta / _tauRec);
                u = _tauFac > 0 ? _u0 + u * (1 - _u0) * Math.Exp(-delta / _tauFac) : _u0;
            }

            _blockU[lb] = u;
            _blockX![lb] = x;
            float factor = (float)(u * x);
            for (int k = 0; k < count; k++)
            {
                efficacy[k] = w[k] * factor;
            }
        }
        else
        {
            int offset = _synapseOffset![lb];
            for (int k = 0; k < count; k++)
            {
                int i = offset + k;
                double u0 = _uParam![i], u = u0, x = 1;
                if (!double.IsNaN(last))
                {
                    double delta = timeMs - last;
                    double tauFac = _tauFacParam![i];
                    u = _u![i];
                    x = 1 + (_x![i] - u * _x[i] - 1) * Math.Exp(-delta / _tauRecParam![i]);
                    u = tauFac > 0 ? u0 + u * (1 - u0) * Math.Exp(-delta / tauFac) : u0;
                }

                _u![i] = (float)u;
                _x![i] = (float)x;
                efficacy[k] = (float)(w[k] * u * x);
            }
        }

        Target.Deliver(timeMs, Table.Target.AsSpan(start, count), efficacy, receptor);
    }
}
