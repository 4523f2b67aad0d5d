using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using SpikeCore.Checkpoints;
using SpikeCore.Models.Numerics;
using SpikeCore.Random;
using SpikeCore.Running;
using SpikeCore.Runtimes;

namespace SpikeCore.Models.Synapses;

/// <summary>State of one <see cref="TsodyksMarkram"/> projection: (u, x) per block, or per synapse when parameters vary.</summary>
internal sealed class TsodyksMarkramRuntime : SynapseRuntime
{
    private readonly double[] _lastArrivalMs;
    private readonly float[] _scratch;

    // Constant parameters: state per block.
    private readonly double _u0, _tauRec, _tauFac;
    private readonly double[]? _blockU, _blockX;

    // Parameters per synapse: state and parameters by local synapse (SynapseLayout.SynapseOffset).
    private readonly float[]? _u, _x, _uParam, _recoveryRate, _facilitationRate;

    public TsodyksMarkramRuntime(TsodyksMarkram model, SynapseLayout layout)
        : base(layout)
    {
        int[] blocks = layout.Blocks;
        _lastArrivalMs = new double[blocks.Length];
        _lastArrivalMs.AsSpan().Fill(double.NaN);
        _scratch = new float[layout.LargestBlock];
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
        _u = new float[n];
        _x = new float[n];
        _uParam = Draw(model.U, 0, 0.001, 1);
        _recoveryRate = Array.ConvertAll(Draw(model.RecoveryTauMs, 1, 0.01, double.PositiveInfinity), tau => 1 / tau);
        _facilitationRate = Array.ConvertAll(Draw(model.FacilitationTauMs, 2, 0, double.PositiveInfinity), tau => tau > 0 ? 1 / tau : 0);
        float[] Draw(Building.Distribution d, int parameter, double low, double high)
        {
            // Drawn for the whole projection in its own order, then this layout's synapses picked (a partition's are a subset).
            var whole = new float[layout.WholeSynapseCount];
            var rng = KeyedRandom.Create(layout.Seed, StreamPurpose.SynapseParameters(layout.Projection, parameter), 0);
            for (int i = 0; i < whole.Length; i++)
            {
                whole[i] = (float)Math.Clamp(d.Sample(ref rng, i), low, high);
            }

            var values = new float[n];
            for (int i = 0; i < n; i++)
            {
                values[i] = whole[layout.WholeSynapse(i)];
            }

            return values;
        }
    }

    public override void Checkpoint(StateArchive a)
    {
        a.Values(_lastArrivalMs.AsSpan());
        a.Values(_blockU.AsSpan());
        a.Values(_blockX.AsSpan());
        a.Values(_u.AsSpan());
        a.Values(_x.AsSpan());
    }

    public override void Deliver(double timeMs, int block, int start, int count, int receptor)
    {
        int lb = Layout.LocalBlock[block];
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
            PerSynapse(Layout.SynapseOffset[lb], double.IsNaN(last) ? double.NaN : timeMs - last, w, efficacy);
        }

        Target.Deliver(timeMs, Targets.AsSpan(start, count), efficacy, receptor);
    }

    /// <summary>
    /// The map for synapses with their own parameters (rates 1/τ stored; 1/τ_fac = 0 means no facilitation), four at a
    /// time with AVX: two exps per synapse. <paramref name="deltaMs"/> is NaN for the first spike.
    /// </summary>
    private void PerSynapse(int offset, double deltaMs, ReadOnlySpan<float> w, Span<float> efficacy)
    {
        Span<float> uState = _u.AsSpan(offset, w.Length), xState = _x.AsSpan(offset, w.Length);
        ReadOnlySpan<float> bigU = _uParam.AsSpan(offset, w.Length);
        ReadOnlySpan<float> recovery = _recoveryRate.AsSpan(offset, w.Length), facilitation = _facilitationRate.AsSpan(offset, w.Length);
        if (double.IsNaN(deltaMs))
        {
            bigU.CopyTo(uState);
            xState.Fill(1);
            for (int k = 0; k < w.Length; k++)
            {
                efficacy[k] = w[k] * bigU[k];
            }

            return;
        }

        int i = 0;
        if (Avx.IsSupported)
        {
            var minusDelta = Vector256.Create(-deltaMs);
            var one = Vector256.Create(1.0);
            for (; i <= w.Length - 4; i += 4)
            {
                Vector256<double> u = Load(uState, i), x = Load(xState, i), u0 = Load(bigU, i);
                Vector256<double> fac = Load(facilitation, i);
                Vector256<double> decayRec = FastMath.Exp(minusDelta * Load(recovery, i));
                Vector256<double> decayFac = FastMath.Exp(minusDelta * fac) & ~Vector256.Equals(fac, Vector256<double>.Zero);
                Vector256<double> x1 = one + (x - u * x - one) * decayRec;
                Vector256<double> u1 = u0 + u * (one - u0) * decayFac;
                Store(uState, i, u1);
                Store(xState, i, x1);
                Store(efficacy, i, Load(w, i) * u1 * x1);
            }
        }

        for (; i < w.Length; i++)
        {
            double u = uState[i], x = xState[i], u0 = bigU[i];
            double x1 = 1 + (x - u * x - 1) * Math.Exp(-deltaMs * recovery[i]);
            double u1 = facilitation[i] > 0 ? u0 + u * (1 - u0) * Math.Exp(-deltaMs * facilitation[i]) : u0;
            uState[i] = (float)u1;
            xState[i] = (float)x1;
            efficacy[i] = (float)(w[i] * u1 * x1);
        }

        static Vector256<double> Load(ReadOnlySpan<float> a, int i) =>
            Avx.ConvertToVector256Double(Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(a), (nuint)i));

        static void Store(Span<float> a, int i, Vector256<double> v) =>
            Avx.ConvertToVector128Single(v).StoreUnsafe(ref MemoryMarshal.GetReference(a), (nuint)i);
    }
}
