using SpikeCore.Building;
using SpikeCore.Models.Neurons;

namespace SpikeCore.Networks;

/// <summary>
/// The Vogels-Abbott / Brette et al. 2007 benchmark networks (../shared/docs/BENCHMARKS.md): 4000 neurons, 3200
/// excitatory and 800 inhibitory, every ordered pair connected with probability 0.02, no external input.
/// </summary>
public static class BenchmarkNetworks
{
    /// <summary>Neurons in each benchmark network.</summary>
    public const int NeuronCount = 4000;

    /// <summary>Excitatory neurons (the first 3200).</summary>
    public const int ExcitatoryCount = 3200;

    /// <summary>Connection probability.</summary>
    public const double ConnectionProbability = 0.02;

    /// <summary>
    /// CUBA (benchmark 2): exact current-based LIF, τm = 20 ms, V_th = −50 mV, V_reset = −60 mV, E_L = −49 mV,
    /// τe = 5 ms, τi = 10 ms, w_e = 1.62 mV, w_i = −9 mV, t_ref = 5 ms, delay 0.1 ms, V(0) ~ U[−60, −50] mV.
    /// </summary>
    public static NetworkBuilder Cuba(ulong seed = 1, int neurons = NeuronCount)
    {
        var lif = new LifExp
        {
            MembraneTauMs = 20,
            ExcitatoryTauMs = 5,
            InhibitoryTauMs = 10,
            RestMv = -49,
            ThresholdMv = -50,
            ResetMv = -60,
            RefractoryMs = 5,
        };
        return TwoPopulations(seed, neurons, lif, "v_mv", excitatoryWeight: 1.62, inhibitoryWeight: -9, p => p);
    }

    /// <summary>
    /// COBA (benchmark 1): conductance-based LIF (<see cref="LifCondExp.Default"/>), Δg_e = 6 nS, Δg_i = 67 nS,
    /// delay 0.1 ms, V(0) ~ U[−60, −50] mV, g_e(0) ~ N(40, 15) nS, g_i(0) ~ N(200, 120) nS.
    /// </summary>
    public static NetworkBuilder Coba(ulong seed = 1, int neurons = NeuronCount) =>
        TwoPopulations(seed, neurons, LifCondExp.Default, "v_mv", excitatoryWeight: 6, inhibitoryWeight: 67, p => p
            .WithInitial("g_exc_ns", Distribution.Normal(40, 15))
            .WithInitial("g_inh_ns", Distribution.Normal(200, 120)));

    /// <summary>
    /// COBAHH (benchmark 3): Traub-Miles Hodgkin-Huxley neurons (<see cref="TraubMiles.Default"/>) with the COBA synapses
    /// (Δg_e = 6 nS, Δg_i = 67 nS, delay 0.1 ms), exponential Euler at 0.1 ms as in Brian2's example,
    /// V(0) ~ N(−65, 5) mV (E_L + N(−5, 5)), g_e(0) ~ N(40, 15) nS, g_i(0) ~ N(200, 120) nS.
    /// </summary>
    public static NetworkBuilder Cobahh(ulong seed = 1, int neurons = NeuronCount) =>
        TwoPopulations(seed, neurons, TraubMiles.Default with { StepMs = 0.1 }, "v_mv", excitatoryWeight: 6, inhibitoryWeight: 67, p => p
            .WithInitial("v_mv", Distribution.Normal(-65, 5))
            .WithInitial("g_exc_ns", Distribution.Normal(40, 15))
            .WithInitial("g_inh_ns", Distribution.Normal(200, 120)));

    /// <summary>
    /// The scaling workload of BENCHMARKS.md: the CUBA (or COBA) network at any size with a fixed in-degree of 80
    /// (64 excitatory and 16 inhibitory inputs per neuron, as the 4000-neuron network has on average), so activity
    /// stays in the same regime while the synapse count grows linearly.
    /// </summary>
    public static NetworkBuilder Scaled(bool conductanceBased, int neurons, ulong seed = 1)
    {
        NetworkSpec spec = (conductanceBased ? Coba(seed, neurons) : Cuba(seed, neurons)).Spec;
        var builder = new NetworkBuilder(seed).WithDelayResolution(spec.DelayResolutionMs);
        foreach (PopulationSpec p in spec.Populations)
        {
            builder.AddPopulation(p);
        }

        foreach (ProjectionSpec p in spec.Projections)
        {
            int inDegree = p.From == "E" ? 64 : 16;
            builder.Connect(p with { Rule = Connectivity.FixedInDegree(inDegree) });
        }

        return builder;
    }

    private static NetworkBuilder TwoPopulations(ulong seed, int neurons, NeuronModel model, string voltage,
        double excitatoryWeight, double inhibitoryWeight, Func<PopulationSpec, PopulationSpec> initial)
    {
        int excitatory = neurons * 4 / 5;
        var builder = new NetworkBuilder(seed).WithDelayResolution(0.1);
        builder.AddPopulation("E", excitatory, model, p => initial(p.WithInitial(voltage, Distribution.Uniform(-60, -50))));
        builder.AddPopulation("I", neurons - excitatory, model, p => initial(p.WithInitial(voltage, Distribution.Uniform(-60, -50))));
        foreach (string target in new[] { "E", "I" })
        {
            builder.Connect("E", target, Connectivity.Bernoulli(ConnectionProbability), excitatoryWeight, 0.1, "excitatory");
            builder.Connect("I", target, Connectivity.Bernoulli(ConnectionProbability), inhibitoryWeight, 0.1, "inhibitory");
        }

        return builder;
    }
}
