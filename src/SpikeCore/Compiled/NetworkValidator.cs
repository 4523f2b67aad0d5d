using SpikeCore.Building;
using SpikeCore.Parameters;

namespace SpikeCore.Compiled;

/// <summary>Checks a spec completely before anything is generated, collecting every problem with its location.</summary>
internal static class NetworkValidator
{
    public static List<string> Validate(NetworkSpec spec)
    {
        var errors = new List<string>();
        if (!(spec.DelayResolutionMs > 0) || double.IsInfinity(spec.DelayResolutionMs))
        {
            errors.Add($"delay_resolution_ms: must be a finite number > 0 (got {spec.DelayResolutionMs})");
        }

        var byName = new Dictionary<string, PopulationSpec>();
        for (int i = 0; i < spec.Populations.Count; i++)
        {
            PopulationSpec p = spec.Populations[i];
            string path = $"populations[{i}] '{p.Name}'";
            if (string.IsNullOrWhiteSpace(p.Name))
            {
                errors.Add($"populations[{i}].name: must not be empty");
            }
            else if (!byName.TryAdd(p.Name, p))
            {
                errors.Add($"{path}.name: duplicate population name");
            }

            if (p.Size < 1)
            {
                errors.Add($"{path}.size: must be >= 1 (got {p.Size})");
            }

            if (p.Model is null)
            {
                errors.Add($"{path}.model: missing");
                continue;
            }

            p.Model.Validate(errors, $"{path}.{p.Model.Name}", p.Size);
            foreach ((string variable, Distribution values) in p.Initial)
            {
                if (!p.Model.StateVariables.Contains(variable))
                {
                    errors.Add($"{path}.initial.{variable}: model '{p.Model.Name}' has no state variable '{variable}' (it has: {string.Join(", ", p.Model.StateVariables)})");
                    continue;
                }

                values.Validate(errors, $"{path}.initial.{variable}", mustBePositive: false, mustBeNonNegative: false);
                if (values.Kind == DistributionKind.Values && values.Values!.Count != p.Size)
                {
                    errors.Add($"{path}.initial.{variable}: {values.Values.Count} values for {p.Size} neurons");
                }
            }

            ParameterSet parameters = ParameterSet.Of(p.Model.GetType());
            foreach ((string parameter, Distribution values) in p.PerNeuron)
            {
                if (parameters.PerNeuronIndex(parameter) < 0)
                {
                    errors.Add($"{path}.per_neuron.{parameter}: model '{p.Model.Name}' does not take '{parameter}' per neuron (it does: {string.Join(", ", p.Model.PerNeuronParameters)})");
                    continue;
                }

                values.Validate(errors, $"{path}.per_neuron.{parameter}", mustBePositive: false, mustBeNonNegative: false);
                if (values.Kind == DistributionKind.Values && values.Values!.Count != p.Size)
                {
                    errors.Add($"{path}.per_neuron.{parameter}: {values.Values.Count} values for {p.Size} neurons");
                }
            }

            if (p.Positions is { } pos)
            {
                if (pos.Count != 3L * p.Size)
                {
                    errors.Add($"{path}.positions: need 3 coordinates per neuron ({3L * p.Size}), got {pos.Count}");
                }
                else if (pos.Any(x => !double.IsFinite(x)))
                {
                    errors.Add($"{path}.positions: coordinates must be finite");
                }
            }
        }

        for (int i = 0; i < spec.Projections.Count; i++)
        {
            ValidateProjection(spec, spec.Projections[i], i, byName, errors);
        }

        for (int i = 0; i < spec.Currents.Count; i++)
        {
            ValidateCurrent(spec.Currents[i], i, byName, errors);
        }

        long neurons = spec.Populations.Sum(p => (long)Math.Max(0, p.Size));
        if (neurons > MaxNeurons)
        {
            errors.Add($"populations: {neurons} neurons in all; neuron ids are 32-bit, so at most {MaxNeurons}");
        }
        else if (errors.Count == 0 && EstimatedBytes(spec, byName) is var bytes && bytes > AvailableBytes())
        {
            errors.Add($"the network needs about {bytes / 1e9:G3} GB to build and run ({neurons} neurons, about {ExpectedSynapses(spec, byName):G3} synapses), more than the {AvailableBytes() / 1e9:G3} GB this process may use");
        }

        return errors;
    }

    /// <summary>The most neurons a network may have (ids are <see cref="int"/>, and tables keep one entry past the last).</summary>
    public const int MaxNeurons = int.MaxValue - 1;

    /// <summary>
    /// What building and running needs, roughly and on the high side: per neuron its state, emitter key and row start
    /// (~200 bytes, HH's gates included); per synapse the generated arrays (16 bytes) and the table (up to 12 bytes).
    /// </summary>
    private static double EstimatedBytes(NetworkSpec spec, Dictionary<string, PopulationSpec> byName) =>
        (200.0 * spec.Populations.Sum(p => (double)p.Size)) + (28.0 * ExpectedSynapses(spec, byName));

    /// <summary>Expected synapse count by rule (distance-dependent: its bound c·n_s·n_t).</summary>
    private static double ExpectedSynapses(NetworkSpec spec, Dictionary<string, PopulationSpec> byName) => spec.Projections.Sum(pr =>
    {
        double ns = byName[pr.From].Size, nt = byName[pr.To].Size;
        return pr.Rule.Kind switch
        {
            ConnectivityKind.AllToAll => ns * nt,
            ConnectivityKind.OneToOne => ns,
            ConnectivityKind.Bernoulli or ConnectivityKind.DistanceDependent => pr.Rule.Probability * ns * nt,
            ConnectivityKind.FixedInDegree => pr.Rule.Degree * nt,
            ConnectivityKind.FixedOutDegree => pr.Rule.Degree * ns,
            _ => pr.Rule.Sources?.Count ?? 0,
        };
    });

    /// <summary>The memory this process may use (the machine's, or a container's limit).</summary>
    private static double AvailableBytes() => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    private static void ValidateProjection(NetworkSpec spec, ProjectionSpec pr, int i, Dictionary<string, PopulationSpec> byName, List<string> errors)
    {
        string path = $"projections[{i}] '{pr.From}'->'{pr.To}'";
        bool hasFrom = byName.TryGetValue(pr.From ?? "", out PopulationSpec? from);
        bool hasTo = byName.TryGetValue(pr.To ?? "", out PopulationSpec? to);
        if (!hasFrom)
        {
            errors.Add($"{path}.from: no population named '{pr.From}'");
        }

        if (!hasTo)
        {
            errors.Add($"{path}.to: no population named '{pr.To}'");
        }

        int receptor = -1;
        if (to?.Model is { } model)
        {
            receptor = model.Receptors.ToList().IndexOf(pr.Receptor ?? "");
            if (receptor < 0)
            {
                errors.Add(model.Receptors.Count == 0
                    ? $"{path}.receptor: model '{model.Name}' of '{to.Name}' takes no synaptic input"
                    : $"{path}.receptor: model '{model.Name}' has no receptor '{pr.Receptor}' (it has: {string.Join(", ", model.Receptors)})");
            }
        }

        pr.Synapse?.Validate(errors, $"{path}.synapse.{pr.Synapse.Name}");
        if (pr.Weight is null)
        {
            errors.Add($"{path}.weight: missing");
        }
        else
        {
            bool nonNegative = receptor >= 0 && to!.Model.RequiresNonNegativeWeights(receptor);
            pr.Weight.Validate(errors, $"{path}.weight", mustBePositive: false, mustBeNonNegative: nonNegative);
            (double low, double high) = (pr.Weight.LowestDraw, pr.Weight.HighestDraw);
            if (double.IsFinite(low) && double.IsFinite(high) && !(Math.Max(-low, high) <= float.MaxValue))
            {
                errors.Add($"{path}.weight: weights are single precision; {pr.Weight} reaches beyond ±{float.MaxValue}");
            }
        }

        if (pr.DelayMs is null)
        {
            errors.Add($"{path}.delay_ms: missing");
        }
        else
        {
            pr.DelayMs.Validate(errors, $"{path}.delay_ms", mustBePositive: true, mustBeNonNegative: true);
            double min = pr.DelayMs.Minimum;
            double resolution = spec.DelayResolutionMs;
            if (pr.DelayMs.Kind != DistributionKind.Normal && min > 0 && min < resolution * (1 - 1e-9))
            {
                errors.Add($"{path}.delay_ms: {min} ms is shorter than the delay resolution {resolution} ms");
            }

            double max = pr.DelayMs.HighestDraw;
            if (resolution > 0 && double.IsFinite(max) && !DelaySteps.TryRound(max, resolution, out _))
            {
                errors.Add(DelaySteps.TooLong(path, max, resolution));
            }

            double step = from?.Model?.ClockStepMs ?? 0;
            if (step > 0 && min < step * (1 - 1e-9) && pr.DelayMs.Kind != DistributionKind.Normal)
            {
                errors.Add($"{path}.delay_ms: {min} ms is shorter than the step {step} ms of clocked population '{pr.From}' (a spike found at the end of a step must still arrive in the future)");
            }
        }

        if (pr.Rule is null)
        {
            errors.Add($"{path}.rule: missing");
            return;
        }

        int ns = from?.Size ?? 0, nt = to?.Size ?? 0;
        bool same = hasFrom && hasTo && pr.From == pr.To;
        Connectivity r = pr.Rule;
        switch (r.Kind)
        {
            case ConnectivityKind.OneToOne when hasFrom && hasTo && ns != nt:
                errors.Add($"{path}.rule: one_to_one needs equal sizes (got {ns} and {nt})");
                break;
            case ConnectivityKind.Bernoulli when !(r.Probability >= 0 && r.Probability <= 1):
                errors.Add($"{path}.rule.p: must be in [0, 1] (got {r.Probability})");
                break;
            case ConnectivityKind.FixedInDegree or ConnectivityKind.FixedOutDegree:
                int available = r.Kind == ConnectivityKind.FixedInDegree ? ns : nt;
                if (same && !r.AllowAutapses)
                {
                    available--;
                }

                if (r.Degree < 0)
                {
                    errors.Add($"{path}.rule.k: must be >= 0 (got {r.Degree})");
                }
                else if (!r.AllowMultapses && hasFrom && hasTo && r.Degree > available)
                {
                    errors.Add($"{path}.rule.k: {r.Degree} distinct partners requested but only {available} exist (allow multapses or lower k)");
                }
                else if (r.Degree > 0 && available <= 0 && hasFrom && hasTo)
                {
                    errors.Add($"{path}.rule.k: no partner is available");
                }

                break;
            case ConnectivityKind.DistanceDependent:
                if (!(r.Probability >= 0 && r.Probability <= 1))
                {
                    errors.Add($"{path}.rule.c: must be in [0, 1] (got {r.Probability})");
                }

                if (!(r.Lambda > 0) || double.IsInfinity(r.Lambda))
                {
                    errors.Add($"{path}.rule.lambda: must be a finite number > 0 (got {r.Lambda})");
                }

                if (from is { Positions: null })
                {
                    errors.Add($"{path}.rule: distance-dependent connectivity needs positions for '{from.Name}' (use OnGrid or WithPositions)");
                }

                if (to is { Positions: null } && !same)
                {
                    errors.Add($"{path}.rule: distance-dependent connectivity needs positions for '{to.Name}' (use OnGrid or WithPositions)");
                }

                break;
            case ConnectivityKind.Explicit:
                int count = r.Sources?.Count ?? -1;
                if (r.Sources is null || r.Targets is null || count != r.Targets.Count)
                {
                    errors.Add($"{path}.rule: explicit pairs need sources and targets of equal length");
                    break;
                }

                for (int k = 0; k < count; k++)
                {
                    if (hasFrom && (r.Sources[k] < 0 || r.Sources[k] >= ns))
                    {
                        errors.Add($"{path}.rule.sources[{k}]: index {r.Sources[k]} is out of range [0, {ns})");
                        break;
                    }

                    if (hasTo && (r.Targets[k] < 0 || r.Targets[k] >= nt))
                    {
                        errors.Add($"{path}.rule.targets[{k}]: index {r.Targets[k]} is out of range [0, {nt})");
                        break;
                    }
                }

                break;
        }
    }

    private static void ValidateCurrent(CurrentInjection c, int i, Dictionary<string, PopulationSpec> byName, List<string> errors)
    {
        string path = $"currents[{i}] '{c.Population}'";
        if (!byName.TryGetValue(c.Population ?? "", out PopulationSpec? p))
        {
            errors.Add($"{path}.population: no population named '{c.Population}'");
        }
        else if (p.Model?.CurrentUnit is null)
        {
            errors.Add($"{path}.population: model '{p.Model?.Name}' takes no injected current");
        }

        if (c.TimesMs is null || c.Amplitudes is null || c.TimesMs.Count != c.Amplitudes.Count || c.TimesMs.Count == 0)
        {
            errors.Add($"{path}: times_ms and amplitudes must be non-empty and of equal length");
            return;
        }

        for (int k = 0; k < c.TimesMs.Count; k++)
        {
            if (!double.IsFinite(c.TimesMs[k]) || c.TimesMs[k] < 0 || (k > 0 && !(c.TimesMs[k] > c.TimesMs[k - 1])))
            {
                errors.Add($"{path}.times_ms[{k}]: step times must be finite, >= 0 and strictly increasing (got {c.TimesMs[k]})");
                break;
            }

            if (!double.IsFinite(c.Amplitudes[k]))
            {
                errors.Add($"{path}.amplitudes[{k}]: must be finite (got {c.Amplitudes[k]})");
                break;
            }
        }
    }
}
