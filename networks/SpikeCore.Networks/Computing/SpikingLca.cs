using SpikeCore.Building;
using SpikeCore.Crossbar.Engine;
using SpikeCore.Models.Neurons;
using SpikeCore.Models.Sources;
using SpikeCore.Running;

namespace SpikeCore.Networks.Computing;

/// <summary>
/// The spiking locally competitive algorithm on the event engine (Shapero et al. 2014; Tang, Lin and Davies 2017):
/// one non-leaky integrate-and-fire neuron per atom, driven by b_j − λ (b = Dᵀx) and inhibited by every other neuron's
/// spikes through G = DᵀD − I, reaches firing rates that solve the non-negative LASSO min ½‖x − D a‖² + λ Σ a, a ≥ 0.
/// </summary>
/// <remarks>
/// <para>
/// Neuron j integrates V̇ = μ_j(t) (τm so long that the leak is negligible), spikes at θ and resets to 0. Each spike
/// of neuron k adds a current kick of area −θ G_jk to neuron j (exponential currents of τ_s): averaged over time,
/// θ ν_j = θ r₀ (b_j − λ) − θ Σ_k G_jk ν_k / r₀ for an active neuron, so a_j = ν_j / r₀ meets the LASSO conditions
/// b_j − λ − (DᵀD a)_j = 0, and a silent one has b_j − λ − (DᵀD a)_j ≤ 0 (Tang et al. prove the rates converge). r₀ is
/// the rate standing for a coefficient of 1.
/// </para>
/// <para>
/// The drive b_j − λ arrives as a regular spike train per neuron (rate ∝ |b_j − λ|, up to <see cref="SpikingLcaParameters.MaxDriveRatePerMs"/>)
/// of kicks of one signed area. The lateral weights are static synapses, or arrays (<see cref="ArraySynapse"/>): G⁺ in an
/// inverting array on the inhibitory receptor and G⁻ in a plain one on the excitatory receptor, every pair a device.
/// The coefficients are the spike counts after <see cref="SpikingLcaParameters.WarmUpMs"/> over the rest of the run.
/// </para>
/// </remarks>
public static class SpikingLca
{
    /// <summary>
    /// Codes one signal: <paramref name="gram"/> = DᵀD − I (K × K, row-major), <paramref name="drive"/> = Dᵀx − λ;
    /// <paramref name="array"/> null for static lateral synapses. Returns a and the arrays' meters (empty without arrays).
    /// </summary>
    public static (double[] Coefficients, IReadOnlyDictionary<string, double> Meters) Solve(ReadOnlySpan<double> gram, ReadOnlySpan<double> drive, SpikingLcaParameters p, ArraySynapse? array, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(p);
        int k = drive.Length;
        if (gram.Length != k * k)
        {
            throw new ArgumentException($"{gram.Length} lateral weights for {k} neurons", nameof(gram));
        }

        double area = p.ThresholdMv * p.MembraneTauMs / p.SynapseTauMs; // the weight whose kick has area θ
        double largest = Math.Max(Math.Abs(System.Numerics.Tensors.TensorPrimitives.MaxMagnitude(drive)), 1e-12);
        var trains = new double[k][];
        for (int j = 0; j < k; j++)
        {
            double rate = p.MaxDriveRatePerMs * Math.Abs(drive[j]) / largest;
            int count = (int)Math.Floor(rate * p.DurationMs);
            trains[j] = [.. Enumerable.Range(0, count).Select(n => (n + 0.5) / rate)];
        }

        var neuron = new LifExp
        {
            MembraneTauMs = p.MembraneTauMs,
            ExcitatoryTauMs = p.SynapseTauMs,
            InhibitoryTauMs = p.SynapseTauMs,
            RestMv = 0,
            ResetMv = 0,
            ThresholdMv = p.ThresholdMv,
            RefractoryMs = 0,
        };
        // One kick of the drive train has area θ r₀ max|b − λ| / ν_max.
        double kick = area * p.RatePerUnitPerMs * largest / p.MaxDriveRatePerMs;
        int[] all = [.. Enumerable.Range(0, k)];
        var builder = new NetworkBuilder(seed)
            .AddPopulation("drive", k, new SpikeTimesSource(trains))
            .AddPopulation("lca", k, neuron)
            .Connect(new ProjectionSpec("drive", "lca", Connectivity.OneToOne(), Distribution.FromValues(drive.ToArray().Select(d => Math.Sign(d) * kick)), Distribution.Constant(p.DelayMs), "excitatory"));
        var from = new List<int>();
        var to = new List<int>();
        var weights = new List<double>();
        for (int j = 0; j < k; j++)
        {
            for (int i = 0; i < k; i++)
            {
                if (i != j)
                {
                    from.Add(i);
                    to.Add(j);
                    weights.Add(gram[(j * k) + i]);
                }
            }
        }

        ProjectionSpec Lateral(Func<double, double> weight, string receptor) =>
            new("lca", "lca", Connectivity.Explicit(from, to), Distribution.FromValues(weights.Select(weight)), Distribution.Constant(p.DelayMs), receptor);
        if (array is null)
        {
            builder.Connect(Lateral(g => -area * g, "inhibitory"));
        }
        else
        {
            double maxWeight = area * Math.Max(weights.Max(Math.Abs), 1e-12);
            ArraySynapse model = array with { MaxWeight = maxWeight, Depression = 0, Potentiation = 0, TripletPotentiation = 0 };
            builder.Connect(Lateral(g => area * Math.Max(g, 0), "inhibitory") with { Synapse = model with { Inverting = true } });
            builder.Connect(Lateral(g => area * Math.Max(-g, 0), "excitatory") with { Synapse = model });
        }

        using var simulation = new Simulation(builder.Build(maxThreads: 1), new SimulationOptions { RecordSpikes = false });
        simulation.Run(p.WarmUpMs);
        long[] before = simulation.SpikeCounts("lca");
        simulation.Run(p.DurationMs - p.WarmUpMs);
        long[] after = simulation.SpikeCounts("lca");
        double window = p.DurationMs - p.WarmUpMs;
        double[] a = [.. Enumerable.Range(0, k).Select(j => (after[j] - before[j]) / window / p.RatePerUnitPerMs)];
        var meters = new Dictionary<string, double>();
        for (int projection = 1; array is not null && projection < 3; projection++)
        {
            foreach ((string name, double value) in simulation.Meters(projection))
            {
                meters[name] = meters.GetValueOrDefault(name) + value;
            }
        }

        return (a, meters);
    }
}
