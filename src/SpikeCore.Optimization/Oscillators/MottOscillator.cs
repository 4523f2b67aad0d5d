using SpikeCore.Random;

namespace SpikeCore.Optimization.Oscillators;

/// <summary>
/// A Mott memristor relaxation oscillator (Kumar, Strachan and Williams 2017): a DC bias V through a series resistor
/// R_s into node v, where the memristor and a parallel capacitance C run to ground; the device's temperature T sets
/// its resistance. Defaults: the open VO2 thermal-neuristor parameters of MOTT.md; <see cref="NbO2"/> is the
/// Poole-Frenkel niobium dioxide device.
/// </summary>
/// <remarks>
/// <code>
/// C dv/dt     = (V − v)/R_s − v/R(T)
/// C_th dT/dt  = v²/R(T) − S_th (T − T0) + κ √(2 k_B S_th) T ξ(t)        (ξ white noise; κ = NoiseScale)
/// R(T) = R0 e^(E_a/T) g(T) + R_m,   g(T) = ½ + ½ tanh(β(δ w/2 + T_c − T))
/// </code>
/// R0 e^(E_a/T) is thermally activated (Poole-Frenkel) conduction, the field lowering of the barrier neglected: the
/// simplification of Kumar's NbO2 model shown accurate by its ISCAS 2020 re-analysis (MOTT.md).
/// g is the insulating fraction; δ = +1 while T rises (the insulator-metal transition at T_c + w/2) and −1 while it
/// falls (back at T_c − w/2): the two major branches of the hysteresis loop, switched when dT/dt changes sign.
/// Integrated by Euler-Maruyama with step h. A spike is T crossing <see cref="SpikeThresholdK"/> upwards, counted again
/// only after T has fallen below <see cref="RearmK"/>. Below a
/// bias threshold the node settles to a fixed point; above it the device heats past the transition, conducts,
/// discharges C, cools and insulates again: relaxation oscillations whose rate rises with V.
/// </remarks>
public sealed record MottOscillator
{
    /// <summary>k_B.</summary>
    internal const double Boltzmann = 1.380649e-23;
    private readonly double? _spikeThresholdK;

    /// <summary>The VO2 parameters (yuanhangzhang98/collective_dynamics_neuristor) at a bias of 12 V.</summary>
    public static MottOscillator Vo2 { get; } = new();

    /// <summary>
    /// An NbO2 device: Poole-Frenkel conduction with E_a = 0.22 eV (2553 K), the insulator-metal transition at 1070 K
    /// (not reached in these oscillations: the transport-driven negative differential resistance sets them), a
    /// nanoscale thermal mass (C_th 5 fJ/K, S_th 0.5 µW/K, τ_th = 10 ns), C = 10 pF and R_s = 5 kΩ, stepped at 0.2 ns.
    /// Kumar 2017's Methods table was not available: these values are chosen here, to place the device's threshold
    /// (0.61 V across it, at 347 K) and its oscillation window in a nanosecond-scale circuit. Measured with them: a
    /// fixed point up to 0.9 V, oscillations from 0.95 V (period 130 ns) to 1.8 V (48 ns), the conducting state
    /// beyond. A spike is T crossing 450 K.
    /// </summary>
    public static MottOscillator NbO2 { get; } = new()
    {
        PrefactorOhm = 10, ActivationK = 2553, MetallicOhm = 100, CriticalK = 1070, HysteresisWidthK = 0, BetaPerK = 0.1,
        CapacitanceF = 10e-12, ThermalCapacitanceJPerK = 5e-15, ThermalConductanceWPerK = 0.5e-6, AmbientK = 300, SeriesOhm = 5000,
        BiasV = 1.2, StepNs = 0.2, SpikeThresholdK = 450,
    };

    /// <summary>R0.</summary>
    public double PrefactorOhm { get; init; } = 5.359e-3;

    /// <summary>E_a (as a temperature).</summary>
    public double ActivationK { get; init; } = 5220;

    /// <summary>R_m, the metallic resistance in series.</summary>
    public double MetallicOhm { get; init; } = 1286;

    /// <summary>T_c.</summary>
    public double CriticalK { get; init; } = 332.8;

    /// <summary>w, the hysteresis width.</summary>
    public double HysteresisWidthK { get; init; } = 7.19;

    /// <summary>β, the sharpness of the transition.</summary>
    public double BetaPerK { get; init; } = 0.253;

    /// <summary>C, the parallel capacitance.</summary>
    public double CapacitanceF { get; init; } = 145.3e-12;

    /// <summary>C_th, the thermal capacitance.</summary>
    public double ThermalCapacitanceJPerK { get; init; } = 49.63e-12;

    /// <summary>S_th, the thermal conductance to the ambient.</summary>
    public double ThermalConductanceWPerK { get; init; } = 0.2056e-3;

    /// <summary>T0, the ambient temperature.</summary>
    public double AmbientK { get; init; } = 325;

    /// <summary>R_s, the series (load) resistance.</summary>
    public double SeriesOhm { get; init; } = 12_000;

    /// <summary>V, the DC bias.</summary>
    public double BiasV { get; init; } = 12;

    /// <summary>κ, the factor on the fluctuation-dissipation thermal noise (0: deterministic).</summary>
    public double NoiseScale { get; init; } = 1;

    /// <summary>h, the Euler-Maruyama step.</summary>
    public double StepNs { get; init; } = 10;

    /// <summary>T at which an upward crossing counts as a spike (default: T_c).</summary>
    public double SpikeThresholdK
    {
        get => _spikeThresholdK ?? CriticalK;
        init => _spikeThresholdK = value;
    }

    /// <summary>
    /// T below which the detector re-arms after a spike (1 K under the threshold: far beyond the noise's jitter per step,
    /// well above the coolest point of a cycle), so noise jittering about the threshold is one spike.
    /// </summary>
    public double RearmK => SpikeThresholdK - 1;

    /// <summary>R(T) on branch δ = ±1.</summary>
    public double ResistanceOhm(double temperatureK, int branch) =>
        (PrefactorOhm * Math.Exp(ActivationK / temperatureK) * (0.5 + (0.5 * Math.Tanh(BetaPerK * ((branch * HysteresisWidthK / 2) + CriticalK - temperatureK))))) + MetallicOhm;

    /// <summary>Throws naming every impossible value.</summary>
    public void Validate()
    {
        var bad = new List<string>();
        foreach ((string name, double value) in new[]
        {
            ("prefactor_ohm", PrefactorOhm), ("activation_k", ActivationK), ("critical_k", CriticalK), ("beta_per_k", BetaPerK),
            ("capacitance_f", CapacitanceF), ("thermal_capacitance_j_per_k", ThermalCapacitanceJPerK), ("thermal_conductance_w_per_k", ThermalConductanceWPerK),
            ("ambient_k", AmbientK), ("series_ohm", SeriesOhm), ("step_ns", StepNs),
        })
        {
            if (!(value > 0) || double.IsInfinity(value))
            {
                bad.Add($"{name} must be a finite number > 0 (got {value})");
            }
        }

        if (!(MetallicOhm >= 0) || !(HysteresisWidthK >= 0) || !(NoiseScale >= 0) || !double.IsFinite(BiasV + MetallicOhm + HysteresisWidthK + NoiseScale))
        {
            bad.Add($"metallic_ohm, hysteresis_width_k and noise_scale must be finite and >= 0, bias_v finite (got {MetallicOhm}, {HysteresisWidthK}, {NoiseScale}, {BiasV})");
        }

        if (!(SpikeThresholdK > AmbientK) || double.IsInfinity(SpikeThresholdK))
        {
            bad.Add($"spike_threshold_k must be finite and above ambient_k (got {SpikeThresholdK}, {AmbientK})");
        }

        if (bad.Count > 0)
        {
            throw new ArgumentException("Mott oscillator: " + string.Join("; ", bad));
        }
    }

    /// <summary>
    /// Integrates from (v, T) = (0, T0) for <paramref name="durationNs"/>; returns the spike times and (v, T) sampled every
    /// <paramref name="sampleEveryNs"/> (from t = 0). The noise stream is keyed by <paramref name="seed"/>.
    /// </summary>
    public MottTrajectory Simulate(double durationNs, double sampleEveryNs, ulong seed)
    {
        Validate();
        if (!(durationNs > 0) || !(sampleEveryNs >= StepNs) || double.IsInfinity(durationNs))
        {
            throw new ArgumentOutOfRangeException(nameof(durationNs), $"need a finite duration > 0 and a sampling interval >= the step (got {durationNs}, {sampleEveryNs} ns)");
        }

        var rng = KeyedRandom.Create(seed, StreamPurpose.MottOscillatorNoise, 0);
        long steps = (long)Math.Round(durationNs / StepNs), every = Math.Max(1, (long)Math.Round(sampleEveryNs / StepNs));
        var times = new List<double>();
        var voltages = new List<double>();
        var temperatures = new List<double>();
        var spikes = new List<double>();
        var state = new MottState(0, AmbientK, 1);
        bool armed = true;
        for (long k = 0; k <= steps; k++)
        {
            if (k % every == 0)
            {
                times.Add(k * StepNs);
                voltages.Add(state.VoltageV);
                temperatures.Add(state.TemperatureK);
            }

            state = Step(state, rng.NextNormal());
            if (Spiked(state, ref armed))
            {
                spikes.Add((k + 1) * StepNs);
            }
        }

        return new MottTrajectory([.. times], [.. voltages], [.. temperatures], [.. spikes]);
    }

    /// <summary>Whether <paramref name="state"/> is a spike for a detector that was <paramref name="armed"/> (updated: disarmed by a spike, re-armed below <see cref="RearmK"/>).</summary>
    public bool Spiked(MottState state, ref bool armed)
    {
        if (armed && state.TemperatureK >= SpikeThresholdK)
        {
            armed = false;
            return true;
        }

        armed |= state.TemperatureK < RearmK;
        return false;
    }

    /// <summary>One Euler-Maruyama step from <paramref name="s"/> with standard normal draw <paramref name="xi"/>.</summary>
    public MottState Step(MottState s, double xi)
    {
        double h = StepNs * 1e-9, r = ResistanceOhm(s.TemperatureK, s.Branch);
        double dv = (((BiasV - s.VoltageV) / SeriesOhm) - (s.VoltageV / r)) / CapacitanceF;
        double heat = (s.VoltageV * s.VoltageV / r) - (ThermalConductanceWPerK * (s.TemperatureK - AmbientK));
        double noise = NoiseScale * Math.Sqrt(2 * Boltzmann * ThermalConductanceWPerK * h) * s.TemperatureK * xi;
        double dT = ((heat * h) + noise) / ThermalCapacitanceJPerK;
        int branch = dT > 0 ? 1 : dT < 0 ? -1 : s.Branch;
        return new MottState(s.VoltageV + (dv * h), s.TemperatureK + dT, branch);
    }
}
