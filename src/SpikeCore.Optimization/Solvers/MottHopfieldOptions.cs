using SpikeCore.Optimization.Oscillators;

namespace SpikeCore.Optimization.Solvers;

/// <summary>Settings of the chaotic Mott-oscillator Hopfield optimizer (see <see cref="MottHopfield"/>).</summary>
/// <remarks>
/// Defaults chosen on G1, G6 and G11 (4 runs each, about 20 settings): VO2 oscillators at 15 ± 0.5 V, where the
/// hysteretic model is chaotic even without noise (λ ≈ +1.7/µs at a 2.5 ns step, +0.6/µs at the 40 ns used here; ISI
/// 2.2 µs, within 2% of the small-step limit), thermal noise × 20, A 0.5 → 0.01 and a hysteresis ramp θ −0.8 → 0,
/// which lifted G6 from 98.0% to 99.5-99.9% of the best known at 500 updates per spin; 1500 updates per spin (about
/// 2 s per 800-spin run) lift G7 and G10 from 99.2% to 99.5-99.8%. An 80 ns step gives the same cuts 1.8× faster
/// with a less faithful oscillator (λ +0.25/µs, ISI 4.5% long).
/// </remarks>
public sealed record MottHopfieldOptions
{
    /// <summary>The oscillator of every spin (biases spread around its <see cref="MottOscillator.BiasV"/>).</summary>
    public MottOscillator Oscillator { get; init; } = MottOscillator.Vo2 with { BiasV = 15, NoiseScale = 20, StepNs = 40 };

    /// <summary>Each oscillator's bias is drawn from V ± this, so that the oscillators do not fire in lockstep.</summary>
    public double BiasSpreadV { get; init; } = 0.5;

    /// <summary>Spin updates per spin in one run (oscillator spikes per oscillator, on average).</summary>
    public int UpdatesPerSpin { get; init; } = 1500;

    /// <summary>A at the start, as a multiple of the mean |h| of a random assignment.</summary>
    public double StartAmplitude { get; init; } = 0.5;

    /// <summary>A at the end (geometric schedule in the fraction of updates done).</summary>
    public double EndAmplitude { get; init; } = 0.01;

    /// <summary>θ at the start, as a multiple of the mean |h| of a random assignment (negative: spins may flip against their field).</summary>
    public double HysteresisStart { get; init; } = -0.8;

    /// <summary>θ at the end (linear ramp in the fraction of updates done).</summary>
    public double HysteresisEnd { get; init; }

    /// <summary>The perturbation.</summary>
    public Perturbation Perturbation { get; init; } = Perturbation.Chaos;

    /// <summary>Throws naming every impossible value.</summary>
    public void Validate()
    {
        Oscillator.Validate();
        if (UpdatesPerSpin < 1 || !(BiasSpreadV >= 0) || !(StartAmplitude > 0) || !(EndAmplitude > 0) || !double.IsFinite(BiasSpreadV + StartAmplitude + EndAmplitude + HysteresisStart + HysteresisEnd))
        {
            throw new ArgumentException($"Mott Hopfield: need updates per spin >= 1, bias spread >= 0 and amplitudes > 0, hysteresis finite (got {UpdatesPerSpin}, {BiasSpreadV}, {StartAmplitude} → {EndAmplitude}, θ {HysteresisStart} → {HysteresisEnd})");
        }
    }
}
