using SpikeCore.Checkpoints;
using SpikeCore.Random;

namespace SpikeCore.Models.Devices;

/// <summary>
/// Weights held as differential pairs of phase-change devices, w = G+ − G− (µS): PCM SETs gradually but RESETs
/// abruptly, so both devices are only ever potentiated (a positive change SETs G+, a negative one SETs G−), and when the
/// device to be programmed has no room left the pair is refreshed first: both RESET to G_min and the difference is reprogrammed into
/// one of them. With a drift exponent ν &gt; 0 each device reads G·(t/t0)^(−ν) since its last programming.
/// Sources: Burr et al. 2015 (pair and refresh), Suri et al. 2011 (2-PCM synapse), aihwkit PCMLikeNoiseModel (drift).
/// </summary>
public sealed class DifferentialPair
{
    private readonly double[] _plus, _minus, _plusProgrammedS, _minusProgrammedS;

    /// <summary>Creates <paramref name="count"/> pairs, all devices at G_min.</summary>
    public DifferentialPair(int count, ConductanceDevice device, double driftNu = 0)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (!(driftNu >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(driftNu), driftNu, "the drift exponent must be >= 0");
        }

        Device = device;
        DriftNu = driftNu;
        _plus = Enumerable.Repeat(device.MinConductanceUs, count).ToArray();
        _minus = Enumerable.Repeat(device.MinConductanceUs, count).ToArray();
        _plusProgrammedS = new double[count];
        _minusProgrammedS = new double[count];
    }

    /// <summary>The SET response of both devices.</summary>
    public ConductanceDevice Device { get; }

    /// <summary>ν of the drift law (0: no drift).</summary>
    public double DriftNu { get; }

    /// <summary>Refreshes so far.</summary>
    public long Refreshes { get; private set; }

    /// <summary>Saves or restores both devices of every pair and the refresh count.</summary>
    internal void Checkpoint(StateArchive a)
    {
        a.Arrays(_plus, _minus, _plusProgrammedS, _minusProgrammedS);

        long refreshes = Refreshes;
        a.Value(ref refreshes);
        Refreshes = refreshes;
    }

    /// <summary>G+ of pair <paramref name="i"/> as programmed.</summary>
    public double PlusUs(int i) => _plus[i];

    /// <summary>G− of pair <paramref name="i"/> as programmed.</summary>
    public double MinusUs(int i) => _minus[i];

    /// <summary>w = G+ − G− read at <paramref name="timeS"/> (drifted when ν &gt; 0).</summary>
    public double WeightUs(int i, double timeS = 0) =>
        (_plus[i] * PcmDrift.Factor(timeS - _plusProgrammedS[i], DriftNu)) - (_minus[i] * PcmDrift.Factor(timeS - _minusProgrammedS[i], DriftNu));

    /// <summary>Changes w of pair <paramref name="i"/> by about <paramref name="deltaUs"/> (in whole SET pulses) at <paramref name="timeS"/>; returns the pulses applied.</summary>
    public int Update(int i, double deltaUs, double timeS, ref KeyedRandom rng, double spread = 1)
    {
        bool up = deltaUs > 0;
        double[] g = up ? _plus : _minus;
        if (g[i] + Math.Abs(deltaUs) > Device.MaxConductanceUs * (1 + 1e-12))
        {
            Refresh(i, timeS, ref rng, spread); // the device to SET has no room left: move the difference first
        }

        (double after, int pulses) = Device.Program(g[i], g[i] + Math.Abs(deltaUs), spread, ref rng);
        g[i] = after;
        (up ? _plusProgrammedS : _minusProgrammedS)[i] = timeS;
        return Math.Abs(pulses);
    }

    /// <summary>RESETs both devices of pair <paramref name="i"/> and reprograms their difference into one of them.</summary>
    public void Refresh(int i, double timeS, ref KeyedRandom rng, double spread = 1)
    {
        double w = WeightUs(i, timeS);
        _plus[i] = _minus[i] = Device.MinConductanceUs;
        double[] g = w >= 0 ? _plus : _minus;
        g[i] = Device.Program(Device.MinConductanceUs, Device.MinConductanceUs + Math.Abs(w), spread, ref rng).ConductanceUs;
        _plusProgrammedS[i] = _minusProgrammedS[i] = timeS;
        Refreshes++;
    }
}
