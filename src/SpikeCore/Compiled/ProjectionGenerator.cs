using SpikeCore.Building;
using SpikeCore.Random;

namespace SpikeCore.Compiled;

/// <summary>
/// Draws the synapses of one projection. Rows (sources, or targets for fixed in-degree) are generated in parallel,
/// each from its own random streams keyed by (seed, projection, row), so the result does not depend on the thread count.
/// </summary>
internal static class ProjectionGenerator
{
    private const int RowsPerChunk = 256;

    public static GeneratedProjection Generate(NetworkSpec spec, int projectionIndex, PopulationSpec from, PopulationSpec to, ParallelOptions parallel)
    {
        ProjectionSpec pr = spec.Projections[projectionIndex];
        Connectivity rule = pr.Rule;
        bool same = pr.From == pr.To;
        GeneratedProjection result;
        try
        {
            result = rule.Kind == ConnectivityKind.Explicit
                ? GenerateExplicit(spec, projectionIndex)
                : GenerateRows(spec, projectionIndex, from, to, same, parallel);
        }
        catch (AggregateException e) when (e.InnerExceptions.OfType<NetworkValidationException>().FirstOrDefault() is { } invalid)
        {
            throw invalid; // a draw refused inside a parallel row: the first reason, as one would get without threads
        }

        ApplyValueLists(pr, result, projectionIndex, spec.DelayResolutionMs);
        return result;
    }

    private static GeneratedProjection GenerateRows(NetworkSpec spec, int projectionIndex, PopulationSpec from, PopulationSpec to, bool same, ParallelOptions parallel)
    {
        ProjectionSpec pr = spec.Projections[projectionIndex];
        bool byTarget = pr.Rule.Kind == ConnectivityKind.FixedInDegree;
        int rows = byTarget ? to.Size : from.Size;
        int partnerCount = byTarget ? from.Size : to.Size;
        int chunkCount = (rows + RowsPerChunk - 1) / RowsPerChunk;
        // Constants need no draw, and explicit lists are written afterwards in generation order (ApplyValueLists).
        float? constantWeight = pr.Weight.IsConstant ? (float)pr.Weight.A : pr.Weight.Kind == DistributionKind.Values ? 0f : null;
        int? constantDelay = pr.DelayMs.IsConstant ? Steps(pr.DelayMs.A, spec.DelayResolutionMs, pr, projectionIndex) : null;
        var chunks = new RowChunk[chunkCount];
        double perRow = pr.Rule.Kind switch
        {
            ConnectivityKind.AllToAll => partnerCount,
            ConnectivityKind.OneToOne => 1,
            ConnectivityKind.Bernoulli => pr.Rule.Probability * partnerCount,
            ConnectivityKind.FixedInDegree or ConnectivityKind.FixedOutDegree => pr.Rule.Degree,
            _ => 16,
        };
        // Fixed degrees give every row exactly perRow partners; Bernoulli rows vary (four standard deviations of room).
        bool exact = pr.Rule.Kind is ConnectivityKind.AllToAll or ConnectivityKind.OneToOne or ConnectivityKind.FixedInDegree or ConnectivityKind.FixedOutDegree;
        int capacity = (int)Math.Min(1 << 26, RowsPerChunk * (exact ? perRow : perRow + (4 * Math.Sqrt(perRow)) + 1));
        Parallel.For(0, chunkCount, parallel, c =>
        {
            var chunk = new RowChunk(capacity, constantWeight is null, constantDelay is null);
            var scratch = new Scratch(partnerCount);
            int first = c * RowsPerChunk, end = Math.Min(rows, first + RowsPerChunk);
            for (int row = first; row < end; row++)
            {
                int before = chunk.Partners.Count;
                var rng = KeyedRandom.Create(spec.Seed, StreamPurpose.Connectivity(projectionIndex), (ulong)row);
                DrawPartners(pr.Rule, ref rng, row, partnerCount, same, from, to, chunk.Partners, scratch);
                int added = chunk.Partners.Count - before;
                chunk.RowCounts[row - first] = added;
                if (chunk.Weights is { } weights)
                {
                    var weightRng = KeyedRandom.Create(spec.Seed, StreamPurpose.Weights(projectionIndex), (ulong)row);
                    for (int k = 0; k < added; k++)
                    {
                        weights.Add((float)pr.Weight.Sample(ref weightRng, 0));
                    }
                }

                if (chunk.Delays is { } delays)
                {
                    var delayRng = KeyedRandom.Create(spec.Seed, StreamPurpose.Delays(projectionIndex), (ulong)row);
                    for (int k = 0; k < added; k++)
                    {
                        delays.Add(DrawDelaySteps(pr, spec.DelayResolutionMs, ref delayRng, projectionIndex));
                    }
                }
            }

            chunks[c] = chunk;
        });

        int total = chunks.Sum(c => c.Partners.Count);
        var source = new int[total];
        var target = new int[total];
        float[]? weight = constantWeight is null ? new float[total] : null;
        int[]? delay = constantDelay is null ? new int[total] : null;
        int offset = 0;
        for (int c = 0; c < chunkCount; c++)
        {
            RowChunk chunk = chunks[c];
            int[] rowOf = byTarget ? target : source;
            for (int r = 0, at = offset; r < RowsPerChunk; r++)
            {
                rowOf.AsSpan(at, chunk.RowCounts[r]).Fill((c * RowsPerChunk) + r);
                at += chunk.RowCounts[r];
            }

            chunk.Partners.CopyTo(byTarget ? source : target, offset);
            if (weight is not null)
            {
                chunk.Weights!.CopyTo(weight, offset);
            }

            if (delay is not null)
            {
                chunk.Delays!.CopyTo(delay, offset);
            }

            offset += chunk.Partners.Count;
        }

        return new GeneratedProjection(source, target, weight, constantWeight ?? 0, delay, constantDelay ?? 0);
    }

    private static GeneratedProjection GenerateExplicit(NetworkSpec spec, int projectionIndex)
    {
        ProjectionSpec pr = spec.Projections[projectionIndex];
        int n = pr.Rule.Sources!.Count;
        var weightRng = KeyedRandom.Create(spec.Seed, StreamPurpose.Weights(projectionIndex), 0);
        var delayRng = KeyedRandom.Create(spec.Seed, StreamPurpose.Delays(projectionIndex), 0);
        var weight = new float[n];
        var delay = new int[n];
        for (int k = 0; k < n; k++)
        {
            weight[k] = pr.Weight.Kind == DistributionKind.Values ? 0f : (float)pr.Weight.Sample(ref weightRng, 0);
            delay[k] = DrawDelaySteps(pr, spec.DelayResolutionMs, ref delayRng, projectionIndex);
        }

        return new GeneratedProjection(pr.Rule.Sources.ToArray(), pr.Rule.Targets!.ToArray(), weight, 0, delay, 0);
    }

    /// <summary>Weights or delays given as explicit lists are taken in generation order and must match the synapse count.</summary>
    private static void ApplyValueLists(ProjectionSpec pr, GeneratedProjection g, int projectionIndex, double resolutionMs)
    {
        var errors = new List<string>();
        string path = $"projections[{projectionIndex}] '{pr.From}'->'{pr.To}'";
        if (pr.Weight.Kind == DistributionKind.Values)
        {
            if (pr.Weight.Values!.Count != g.Count)
            {
                errors.Add($"{path}.weight: {pr.Weight.Values.Count} values given but the rule made {g.Count} synapses");
            }
            else
            {
                float[] weight = g.Weight ??= new float[g.Count];
                for (int k = 0; k < g.Count; k++)
                {
                    weight[k] = (float)pr.Weight.Values[k];
                }
            }
        }

        if (pr.DelayMs.Kind == DistributionKind.Values)
        {
            if (pr.DelayMs.Values!.Count != g.Count)
            {
                errors.Add($"{path}.delay_ms: {pr.DelayMs.Values.Count} values given but the rule made {g.Count} synapses");
            }
            else
            {
                int[] delay = g.DelaySteps ??= new int[g.Count];
                for (int k = 0; k < g.Count; k++)
                {
                    delay[k] = Steps(pr.DelayMs.Values[k], resolutionMs, pr, projectionIndex);
                }
            }
        }

        if (errors.Count > 0)
        {
            throw new NetworkValidationException(errors);
        }
    }

    private static int DrawDelaySteps(ProjectionSpec pr, double resolutionMs, ref KeyedRandom rng, int projectionIndex)
    {
        Distribution d = pr.DelayMs;
        if (d.Kind == DistributionKind.Values)
        {
            return 1; // replaced in generation order by ApplyValueLists
        }

        double ms = d.Sample(ref rng, 0);
        for (int tries = 0; d.Kind == DistributionKind.Normal && ms < resolutionMs; tries++)
        {
            if (tries == 10_000)
            {
                throw new NetworkValidationException(
                    $"projections[{projectionIndex}] '{pr.From}'->'{pr.To}'.delay_ms: normal({d.A}, {d.B}) almost never reaches the delay resolution {resolutionMs} ms");
            }

            ms = d.Sample(ref rng, 0); // truncated normal: redraw below the resolution
        }

        return Steps(ms, resolutionMs, pr, projectionIndex);
    }

    /// <summary>The delay in steps (the validator has refused every distribution that can draw one too long).</summary>
    private static int Steps(double ms, double resolutionMs, ProjectionSpec pr, int projectionIndex) =>
        DelaySteps.TryRound(ms, resolutionMs, out int steps)
            ? steps
            : throw new NetworkValidationException(DelaySteps.TooLong($"projections[{projectionIndex}] '{pr.From}'->'{pr.To}'", ms, resolutionMs));

    private static void DrawPartners(Connectivity rule, ref KeyedRandom rng, int row, int n, bool same,
        PopulationSpec from, PopulationSpec to, List<int> partners, Scratch scratch)
    {
        int exclude = same && !rule.AllowAutapses ? row : -1;
        switch (rule.Kind)
        {
            case ConnectivityKind.AllToAll:
                for (int j = 0; j < n; j++)
                {
                    if (j != exclude)
                    {
                        partners.Add(j);
                    }
                }

                break;
            case ConnectivityKind.OneToOne:
                if (row != exclude)
                {
                    partners.Add(row);
                }

                break;
            case ConnectivityKind.Bernoulli:
                Bernoulli(ref rng, rule.Probability, n, exclude, partners);
                break;
            case ConnectivityKind.FixedInDegree or ConnectivityKind.FixedOutDegree:
                if (rule.AllowMultapses)
                {
                    int start = partners.Count;
                    for (int k = 0; k < rule.Degree; k++)
                    {
                        int j;
                        do
                        {
                            j = rng.NextInt(n);
                        }
                        while (j == exclude);
                        partners.Add(j);
                    }

                    partners.Sort(start, rule.Degree, null);
                }
                else
                {
                    scratch.SampleDistinct(ref rng, rule.Degree, exclude, partners);
                }

                break;
            case ConnectivityKind.DistanceDependent:
                IReadOnlyList<double> a = from.Positions!;
                IReadOnlyList<double> b = (to.Positions ?? from.Positions)!;
                double invLambda2 = 1.0 / (rule.Lambda * rule.Lambda);
                double ax = a[3 * row], ay = a[3 * row + 1], az = a[3 * row + 2];
                for (int j = 0; j < n; j++)
                {
                    if (j == exclude)
                    {
                        continue;
                    }

                    double dx = ax - b[3 * j], dy = ay - b[3 * j + 1], dz = az - b[3 * j + 2];
                    double p = rule.Probability * Math.Exp(-(dx * dx + dy * dy + dz * dz) * invLambda2);
                    if (rng.NextDouble() < p)
                    {
                        partners.Add(j);
                    }
                }

                break;
            default:
                throw new InvalidOperationException($"rule {rule.Kind} is not row-based");
        }
    }

    /// <summary>Bernoulli(p) over [0, n) by geometric skipping: O(expected hits), not O(n).</summary>
    private static void Bernoulli(ref KeyedRandom rng, double p, int n, int exclude, List<int> partners)
    {
        if (p <= 0)
        {
            return;
        }

        if (p >= 0.25)
        {
            for (int j = 0; j < n; j++)
            {
                if (rng.NextDouble() < p && j != exclude)
                {
                    partners.Add(j);
                }
            }

            return;
        }

        double invLog = 1.0 / Math.Log(1.0 - p);
        long j2 = -1;
        while (true)
        {
            j2 += 1 + (long)Math.Floor(Math.Log(rng.NextDoubleNonZero()) * invLog);
            if (j2 >= n)
            {
                return;
            }

            if (j2 != exclude)
            {
                partners.Add((int)j2);
            }
        }
    }

    /// <summary>
    /// The partners a run of rows drew, with each row's count, and the weights and delays drawn per synapse (none when
    /// the projection's are constant: the chunk then holds 4 bytes per synapse instead of 16), in lists sized for the
    /// rule's expected count (so they rarely grow).
    /// </summary>
    private sealed class RowChunk(int capacity, bool drawsWeights, bool drawsDelays)
    {
        public int[] RowCounts { get; } = new int[RowsPerChunk];

        public List<int> Partners { get; } = new(capacity);

        public List<float>? Weights { get; } = drawsWeights ? new(capacity) : null;

        public List<int>? Delays { get; } = drawsDelays ? new(capacity) : null;
    }

    /// <summary>Per-chunk scratch for drawing k distinct partners among n (the marks are allocated only when k is large).</summary>
    private sealed class Scratch(int n)
    {
        private bool[]? _taken;

        /// <summary>
        /// k distinct values of [0, n) \ {exclude}, ascending: rejection for small k (duplicates found by scanning the
        /// row when k ≤ 64, by marks otherwise), selection sampling when k is a large part of n.
        /// </summary>
        public void SampleDistinct(ref KeyedRandom rng, int k, int exclude, List<int> partners)
        {
            int available = exclude >= 0 ? n - 1 : n;
            int start = partners.Count;
            if (k <= 64 && k * 4 <= available)
            {
                while (partners.Count - start < k)
                {
                    int j = rng.NextInt(n);
                    if (j != exclude && partners.IndexOf(j, start) < 0)
                    {
                        partners.Add(j);
                    }
                }

                partners.Sort(start, k, null);
                return;
            }

            if (k * 4 <= available)
            {
                _taken ??= new bool[n];
                while (partners.Count - start < k)
                {
                    int j = rng.NextInt(n);
                    if (j != exclude && !_taken[j])
                    {
                        _taken[j] = true;
                        partners.Add(j);
                    }
                }

                for (int i = start; i < partners.Count; i++)
                {
                    _taken[partners[i]] = false;
                }

                partners.Sort(start, k, null);
                return;
            }

            int needed = k;
            int remaining = available;
            for (int j = 0; j < n && needed > 0; j++)
            {
                if (j == exclude)
                {
                    continue;
                }

                if (rng.NextDouble() * remaining < needed)
                {
                    partners.Add(j);
                    needed--;
                }

                remaining--;
            }
        }
    }
}
