using SpikeCore.Building;
using SpikeCore.Models.Neurons;
using SpikeCore.Models.Neurons.Memristive;
using SpikeCore.Models.Sources;
using SpikeCore.Models.Synapses;
using SpikeCore.Random;

namespace SpikeCore.Networks.Unsupervised;

/// <summary>
/// The Diehl and Cook 2015 network: Poisson inputs (<c>input</c>) all to all onto a conductance-LIF excitatory layer
/// (<c>exc</c>, adaptive thresholds) through STDP synapses, each excitatory neuron exciting one inhibitory partner
/// (<c>inh</c>) that inhibits every other excitatory neuron: a soft winner-take-all in which neurons learn prototypes.
/// </summary>
/// <remarks>
/// The learning rule is the paper's: traces set to 1 at each spike (τ_pre 20 ms, τ_post1 20 ms, τ_post2 40 ms); a
/// presynaptic spike depresses by η_pre · post1, a postsynaptic spike potentiates by η_post · pre · post2 (post2 from
/// just before the spike), weights clipped to [0, w_max]: SpikeCore's <see cref="TripletStdp"/> with nearest pairing,
/// A2− = η_pre, A3+ = η_post and no pair potentiation or triplet depression. Inputs are at rate 0 until a sample
/// sets them (<c>rate_scale</c> of <c>input</c>, in Hz). With <see cref="DiehlCookParameters.Memristive"/> both layers are
/// threshold-switch neurons (<see cref="MemristiveNeurons"/>) and inputs are charges instead of conductances.
/// </remarks>
public static class DiehlCookNetwork
{
    /// <summary>Projection indices in the network: input → exc (learning), exc → inh, inh → exc.</summary>
    public const int InputProjection = 0, ExcitatoryToInhibitory = 1, InhibitoryToExcitatory = 2;

    /// <summary>
    /// The network for <paramref name="inputs"/> input pixels whose synapses add <paramref name="conductanceScale"/> nS per unit
    /// of weight (<see cref="DiehlCookParameters"/>; input weights are k·w nS, or its charge, <see cref="WeightUnit"/>). With
    /// <paramref name="frozen"/> (learned input synapses and each neuron's θ), the input synapses are static and each
    /// threshold is V_θ + θ: the network that labels and tests.
    /// </summary>
    public static NetworkBuilder Build(int inputs, double conductanceScale, DiehlCookParameters p, ulong seed, Frozen? frozen = null)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(conductanceScale);
        int n = p.Neurons;
        double unit = WeightUnit(p, conductanceScale);
        var builder = new NetworkBuilder(seed).AddPopulation("input", inputs, PoissonSource.Constant(1), s => s.WithPerNeuron("rate_scale", 0.0));
        LifCondExp excitatoryLif = Excitatory(p), inhibitoryLif = Neuron(p, membraneTauMs: 10, restMv: -60, resetMv: -45, thresholdMv: -40, refractoryMs: 2, inhibitoryReversalMv: -85);
        double toInhibitory, inhibition;
        if (p.Memristive is { } m)
        {
            // Each LIF's switch (MemristiveNeurons.Switch); θ frozen as part of each neuron's V_th.
            double voltsPerMv = m.VoltsPerMv(excitatoryLif);
            ThresholdSwitchNeuron excitatory = m.Switch(excitatoryLif, voltsPerMv) with { ThresholdIncrementV = frozen is null ? p.ThetaPlusMv * voltsPerMv : 0, ThresholdTauMs = p.ThetaTauMs };
            double[] thresholds = DrawnThresholds(m, n, seed);
            if (frozen is not null)
            {
                thresholds = [.. thresholds.Zip(frozen.Theta, (v, t) => v + t)];
            }

            builder.AddPopulation("exc", n, excitatory, s => s.WithPerNeuron("threshold_v", Distribution.FromValues(thresholds)))
                .AddPopulation("inh", n, m.Switch(inhibitoryLif, voltsPerMv));
            toInhibitory = 2 * m.ThresholdV;
            inhibition = MemristiveNeurons.InhibitoryPulse(excitatoryLif, p.InhibitoryToExcitatoryNs);
        }
        else
        {
            LifCondExp excitatory = excitatoryLif with { ThresholdIncrementMv = frozen is null ? p.ThetaPlusMv : 0, ThresholdTauMs = p.ThetaTauMs };
            builder.AddPopulation("exc", n, excitatory, s => frozen is null ? s : s.WithPerNeuron("threshold_mv", Distribution.FromValues(frozen.Theta.Select(t => excitatory.ThresholdMv + t))))
                .AddPopulation("inh", n, inhibitoryLif);
            (toInhibitory, inhibition) = (p.ExcitatoryToInhibitoryNs, p.InhibitoryToExcitatoryNs);
        }

        string excitation = p.Memristive is null ? "excitatory" : "input";
        builder.Connect(InputSynapses(p, unit, excitation, frozen));
        int[] from = new int[n * (n - 1)], to = new int[n * (n - 1)];
        for (int i = 0, k = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                if (i != j)
                {
                    (from[k], to[k]) = (i, j);
                    k++;
                }
            }
        }

        return builder
            .Connect("exc", "inh", Connectivity.OneToOne(), toInhibitory, p.StepMs, excitation)
            .Connect("inh", "exc", Connectivity.Explicit(from, to), inhibition, p.StepMs, "inhibitory");
    }

    /// <summary>
    /// What one unit of input weight (w, the paper's units) adds to an excitatory neuron: k nS of conductance (LIF), or for
    /// threshold switches the charge of that conductance at rest, k · 0.65 mV · s (V; <see cref="MemristiveNeurons.InputCharge"/>).
    /// </summary>
    public static double WeightUnit(DiehlCookParameters p, double conductanceScale)
    {
        ArgumentNullException.ThrowIfNull(p);
        LifCondExp excitatory = Excitatory(p);
        return p.Memristive is { } m ? MemristiveNeurons.InputCharge(excitatory, conductanceScale, m.VoltsPerMv(excitatory)) : conductanceScale;
    }

    /// <summary>The excitatory layer's adaptive-threshold variable: <c>theta_mv</c> (LIF) or <c>theta_v</c> (threshold switches).</summary>
    public static string ThetaVariable(DiehlCookParameters p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return p.Memristive is null ? "theta_mv" : "theta_v";
    }

    /// <summary>Each excitatory switch's V_th: normal around the mean with the device spread, clipped at ±3σ, from the seed alone.</summary>
    private static double[] DrawnThresholds(MemristiveNeurons m, int n, ulong seed)
    {
        var thresholds = new double[n];
        for (int j = 0; j < n; j++)
        {
            var rng = KeyedRandom.Create(seed, StreamPurpose.DiehlCookThresholds, (ulong)j);
            thresholds[j] = m.ThresholdV + (m.ThresholdSpreadV * Math.Clamp(rng.NextNormal(), -3, 3));
        }

        return thresholds;
    }

    /// <summary>
    /// The input → exc projection: while learning, all to all through the paper's rule (ideal weights: <see cref="TripletStdp"/>;
    /// on an array: the same rule programmed as pulses); frozen, the learned synapses as they were read back, static (ideal)
    /// or programmed by write-verify into an array of the same devices (same faults, spread and levels) that does not learn.
    /// </summary>
    private static ProjectionSpec InputSynapses(DiehlCookParameters p, double g, string receptor, Frozen? frozen)
    {
        SynapseModel? model = (frozen, p.Array) switch
        {
            (null, null) => new TripletStdp
            {
                TauPlusMs = 20,
                TauMinusMs = 20,
                TauYMs = 40,
                PairPotentiation = 0,
                TripletPotentiation = p.LearningRatePost * g,
                PairDepression = p.LearningRatePre * g,
                TripletDepression = 0,
                MaxWeight = p.MaxWeight * g,
                Pairing = StdpPairing.Nearest,
            },
            (null, { } array) => array with
            {
                MaxWeight = p.MaxWeight * g,
                TauPreMs = 20,
                TauPostMs = 20,
                TauPost2Ms = 40,
                Potentiation = 0,
                TripletPotentiation = p.LearningRatePost * g,
                Depression = p.LearningRatePre * g,
            },
            (_, null) => null,
            (_, { } array) => array with { MaxWeight = p.MaxWeight * g, Potentiation = 0, TripletPotentiation = 0, Depression = 0 },
        };
        if (frozen is null)
        {
            return new ProjectionSpec("input", "exc", Connectivity.AllToAll(), Distribution.Uniform(0.01 * p.InitialWeightMax * g, 1.01 * p.InitialWeightMax * g),
                p.InputDelayMs, receptor) { Synapse = model };
        }

        return new ProjectionSpec("input", "exc", Connectivity.Explicit(frozen.Input.Sources, frozen.Input.Targets),
            Distribution.FromValues(frozen.Input.Weights.Select(w => (double)w)), Distribution.FromValues(frozen.Input.DelaysMs), receptor) { Synapse = model };
    }

    /// <summary>The paper's excitatory neuron (without its adaptive threshold, which learning and testing set apart).</summary>
    private static LifCondExp Excitatory(DiehlCookParameters p) =>
        Neuron(p, membraneTauMs: 100, restMv: -65, resetMv: -65, thresholdMv: -52, refractoryMs: 5, inhibitoryReversalMv: -100);

    /// <summary>
    /// The paper's conductance LIF, τ_m dV/dt = (E_L − V) + g_e (0 − V) + g_i (E_i − V): g_L = 1 nS and C = τ_m · 1 nS, so
    /// conductances in nS are the paper's dimensionless ones; τ_e 1 ms, τ_i 2 ms.
    /// </summary>
    private static LifCondExp Neuron(DiehlCookParameters p, double membraneTauMs, double restMv, double resetMv, double thresholdMv, double refractoryMs, double inhibitoryReversalMv) => new()
    {
        CapacitancePf = membraneTauMs,
        LeakConductanceNs = 1,
        RestMv = restMv,
        ResetMv = resetMv,
        ThresholdMv = thresholdMv,
        RefractoryMs = refractoryMs,
        Synapses = new ConductanceSynapses { ExcitatoryReversalMv = 0, InhibitoryReversalMv = inhibitoryReversalMv, ExcitatoryTauMs = 1, InhibitoryTauMs = 2 },
        StepMs = p.StepMs,
        Precision = p.Precision,
    };

    /// <summary>What learning left: the input synapses (as <see cref="Running.Simulation.Weights"/> read them) and each excitatory neuron's θ (<see cref="ThetaVariable"/>'s unit).</summary>
    public sealed record Frozen(Running.ProjectionWeights Input, double[] Theta);
}
