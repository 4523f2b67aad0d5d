using System.Diagnostics;
using SpikeCore.Building;
using SpikeCore.Parameters;
using SpikeCore.Random;

namespace SpikeCore.Compiled;

/// <summary>Turns a validated <see cref="NetworkSpec"/> into a <see cref="Network"/>.</summary>
internal static class NetworkCompiler
{
    public static Network Compile(NetworkSpec spec, ParallelOptions parallel)
    {
        ArgumentNullException.ThrowIfNull(spec);
        List<string> errors = NetworkValidator.Validate(spec);
        if (errors.Count > 0)
        {
            throw new NetworkValidationException(errors);
        }

        var clock = Stopwatch.StartNew();
        var populations = new PopulationInfo[spec.Populations.Count];
        var byName = new Dictionary<string, PopulationInfo>();
        int first = 0;
        for (int i = 0; i < populations.Length; i++)
        {
            PopulationSpec p = spec.Populations[i];
            populations[i] = new PopulationInfo(i, p.Name, p.Size, first, p.Model);
            byName[p.Name] = populations[i];
            first += p.Size;
        }

        if (populations.Length > short.MaxValue || spec.Projections.Count > short.MaxValue)
        {
            throw new NetworkValidationException($"at most {short.MaxValue} populations and projections are supported");
        }

        var parts = new CsrAssembler.Part[spec.Projections.Count];
        for (int i = 0; i < parts.Length; i++)
        {
            ProjectionSpec pr = spec.Projections[i];
            PopulationInfo from = byName[pr.From], to = byName[pr.To];
            GeneratedProjection g = ProjectionGenerator.Generate(spec, i, spec.Populations[from.Index], spec.Populations[to.Index], parallel);
            byte receptor = (byte)to.Model.Receptors.ToList().IndexOf(pr.Receptor);
            float? shared = pr.Synapse is null && pr.Weight.IsConstant ? (float)pr.Weight.A : null;
            parts[i] = new CsrAssembler.Part(g, from.FirstId, to.Index, receptor, shared);
        }

        SynapseTable table = CsrAssembler.Assemble(first, parts, spec.DelayResolutionMs, parallel);
        double[]?[][] initial = DrawInitialValues(spec);
        IReadOnlyDictionary<string, double[]>[] perNeuron = DrawPerNeuronValues(spec);
        double minDelay = table.BlockCount > 0 ? table.BlockDelayMs.Min() : double.PositiveInfinity;
        return new Network(spec, populations, table, initial, minDelay, clock.Elapsed, perNeuron);
    }

    /// <summary>Each population's per-neuron parameters, drawn and then checked neuron by neuron (a reset below each neuron's threshold).</summary>
    private static IReadOnlyDictionary<string, double[]>[] DrawPerNeuronValues(NetworkSpec spec)
    {
        var result = new IReadOnlyDictionary<string, double[]>[spec.Populations.Count];
        var errors = new List<string>();
        for (int p = 0; p < result.Length; p++)
        {
            PopulationSpec pop = spec.Populations[p];
            var values = new Dictionary<string, double[]>();
            ParameterSet parameters = ParameterSet.Of(pop.Model.GetType());
            foreach ((string name, Distribution d) in pop.PerNeuron.OrderBy(x => x.Key, StringComparer.Ordinal))
            {
                var rng = KeyedRandom.Create(spec.Seed, StreamPurpose.PerNeuronParameters(p), (ulong)parameters.PerNeuronIndex(name));
                var drawn = new double[pop.Size];
                for (int i = 0; i < drawn.Length; i++)
                {
                    drawn[i] = d.Sample(ref rng, i);
                }

                values[name] = drawn;
            }

            parameters.ValidatePerNeuron(pop.Model, values, errors, $"populations[{p}] '{pop.Name}'.{pop.Model.Name}");
            result[p] = values;
        }

        return errors.Count == 0 ? result : throw new NetworkValidationException(errors);
    }

    private static double[]?[][] DrawInitialValues(NetworkSpec spec)
    {
        var result = new double[]?[spec.Populations.Count][];
        for (int p = 0; p < result.Length; p++)
        {
            PopulationSpec pop = spec.Populations[p];
            IReadOnlyList<string> variables = pop.Model.StateVariables;
            result[p] = new double[]?[variables.Count];
            for (int v = 0; v < variables.Count; v++)
            {
                if (!pop.Initial.TryGetValue(variables[v], out Distribution? d))
                {
                    continue;
                }

                var rng = KeyedRandom.Create(spec.Seed, StreamPurpose.InitialValues(p), (ulong)v);
                var values = new double[pop.Size];
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = d.Sample(ref rng, i);
                }

                result[p][v] = values;
            }
        }

        return result;
    }
}
