using System.Runtime.CompilerServices;
using SpikeCore.Random;

namespace SpikeCore.Optimization.Oscillators;

/// <summary>
/// Many Mott oscillators of one device, each with its own bias and its own noise stream, advanced one at a time from
/// one spike to the next: the event-driven view, where a scheduler asks each oscillator only for its next spike time.
/// </summary>
/// <remarks>
/// <para>
/// Every oscillator takes the same Euler-Maruyama steps as <see cref="MottOscillator.Step"/> on a shared step grid
/// (time is a step count), so an oscillator's trajectory depends only on its own stream, never on the order in which
/// the scheduler asks. While integrating a cycle the bank keeps the voltage of every step, so any oscillator's v can
/// be read at any time between its last spike and its next one, which is exactly the window a scheduler delivering
/// spikes in time order can ask about.
/// </para>
/// <para>
/// Speed: 1/R(T) on each hysteresis branch comes from a table from T0 − 25 K to T_c + w + 100 K (0.005 K spacing, linear
/// interpolation, relative error below 1e-6; the exact formula outside it), and the per-step noise factor
/// κ √(2 k_B S_th h) is computed once.
/// </para>
/// </remarks>
internal sealed class MottOscillatorBank
{
    private const double TableStepK = 0.005;

    private readonly MottOscillator _device;
    private readonly double[] _biasV;
    private readonly double[] _voltageV, _temperatureK;
    private readonly int[] _branch;
    private readonly bool[] _armed;
    private readonly KeyedRandom[] _noise;
    private readonly long[] _traceStartStep;
    private readonly float[][] _trace;
    private readonly double[] _conductanceRising, _conductanceFalling;
    private readonly double _tableLowK;
    private readonly double _voltagePerAmp, _seriesSiemens, _kelvinPerJoule, _coolingWPerK, _ambientK, _noiseKPerK;

    /// <summary>Oscillators i = 0..n−1 with biases <paramref name="biasV"/>, at (v, T) = (<paramref name="startVoltageV"/>, T0) at step 0, noise keyed by (seed, purpose, i).</summary>
    public MottOscillatorBank(MottOscillator device, double[] biasV, double[] startVoltageV, ulong seed, ulong purpose)
    {
        device.Validate();
        _device = device;
        int n = biasV.Length;
        _biasV = biasV;
        _voltageV = (double[])startVoltageV.Clone();
        _temperatureK = Enumerable.Repeat(device.AmbientK, n).ToArray();
        _branch = Enumerable.Repeat(1, n).ToArray();
        _armed = Enumerable.Repeat(true, n).ToArray();
        _noise = new KeyedRandom[n];
        _traceStartStep = new long[n];
        _trace = new float[n][];
        for (int i = 0; i < n; i++)
        {
            _noise[i] = KeyedRandom.Create(seed, purpose, (ulong)i);
            _trace[i] = new float[64];
        }

        double stepS = device.StepNs * 1e-9;
        _voltagePerAmp = stepS / device.CapacitanceF;
        _seriesSiemens = 1 / device.SeriesOhm;
        _kelvinPerJoule = stepS / device.ThermalCapacitanceJPerK;
        _coolingWPerK = device.ThermalConductanceWPerK;
        _ambientK = device.AmbientK;
        _noiseKPerK = device.NoiseScale * Math.Sqrt(2 * MottOscillator.Boltzmann * device.ThermalConductanceWPerK * stepS) / device.ThermalCapacitanceJPerK;
        _tableLowK = device.AmbientK - 25;
        int points = (int)Math.Ceiling((device.CriticalK + device.HysteresisWidthK + 100 - _tableLowK) / TableStepK) + 2;
        _conductanceRising = new double[points];
        _conductanceFalling = new double[points];
        for (int k = 0; k < points; k++)
        {
            double t = _tableLowK + (k * TableStepK);
            _conductanceRising[k] = 1 / device.ResistanceOhm(t, 1);
            _conductanceFalling[k] = 1 / device.ResistanceOhm(t, -1);
        }
    }

    /// <summary>
    /// Integrates oscillator <paramref name="i"/> from <paramref name="fromStep"/> (where it stands) to its next spike,
    /// at most <paramref name="maxSteps"/> steps; returns the spike's step, or −1 if none came. v of every step on the
    /// way is kept for <see cref="VoltageAt"/>.
    /// </summary>
    public long AdvanceToSpike(int i, long fromStep, long maxSteps)
    {
        double v = _voltageV[i], t = _temperatureK[i];
        int branch = _branch[i];
        bool armed = _armed[i];
        ref KeyedRandom noise = ref _noise[i];
        double bias = _biasV[i], threshold = _device.SpikeThresholdK, rearm = _device.RearmK;
        float[] trace = _trace[i];
        trace[0] = (float)v;
        long spikeStep = -1;
        int k = 0;
        while (k < maxSteps)
        {
            Step(bias, ref v, ref t, ref branch, ZigguratNormal.Next(ref noise));
            k++;
            if (k == trace.Length)
            {
                Array.Resize(ref trace, trace.Length * 2);
            }

            trace[k] = (float)v;
            if (armed && t >= threshold)
            {
                armed = false;
                spikeStep = fromStep + k;
                break;
            }

            armed |= t < rearm;
        }

        _trace[i] = trace;
        _traceStartStep[i] = fromStep;
        (_voltageV[i], _temperatureK[i], _branch[i], _armed[i]) = (v, t, branch, armed);
        return spikeStep;
    }

    /// <summary>Adds v and v² over oscillator <paramref name="i"/>'s last advance to the sums.</summary>
    public void AddVoltageMoments(int i, long endStep, ref double sum, ref double sumSquares, ref long count)
    {
        float[] trace = _trace[i];
        for (long k = 0; k <= endStep - _traceStartStep[i]; k++)
        {
            sum += trace[k];
            sumSquares += (double)trace[k] * trace[k];
            count++;
        }
    }

    /// <summary>Oscillator <paramref name="i"/>'s v at <paramref name="step"/>, which must lie in its last advance.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double VoltageAt(int i, long step) => _trace[i][step - _traceStartStep[i]];

    /// <summary>One step of <see cref="MottOscillator.Step"/> with the tabled conductance.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Step(double biasV, ref double v, ref double t, ref int branch, double xi)
    {
        double g = Conductance(t, branch);
        double dT = (_kelvinPerJoule * ((v * v * g) - (_coolingWPerK * (t - _ambientK)))) + (_noiseKPerK * t * xi);
        v += _voltagePerAmp * (((biasV - v) * _seriesSiemens) - (v * g));
        branch = dT > 0 ? 1 : dT < 0 ? -1 : branch;
        t += dT;
    }

    /// <summary>1/R(T) on <paramref name="branch"/>, interpolated in the table.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal double Conductance(double temperatureK, int branch)
    {
        double x = (temperatureK - _tableLowK) * (1 / TableStepK);
        if (!(x >= 0 && x < _conductanceRising.Length - 1))
        {
            return 1 / _device.ResistanceOhm(temperatureK, branch);
        }

        int k = (int)x;
        double f = x - k;
        double[] table = branch > 0 ? _conductanceRising : _conductanceFalling;
        return table[k] + (f * (table[k + 1] - table[k]));
    }
}
