using System.Diagnostics;
using SpikeCore.Crossbar.Computing;
using SpikeCore.Crossbar.Devices;
using SpikeCore.Crossbar.Engine;
using SpikeCore.Crossbar.Mapping;
using SpikeCore.Datasets;

namespace SpikeCore.Networks.Computing;

/// <summary>
/// Sparse coding of image patches: a dictionary learned in float on training patches, then the test patches coded by
/// FISTA (the reference), the LCA in float (an ideal array) and the LCA with the dictionary in arrays of a preset; or,
/// spiking, by non-negative FISTA (the reference) and the spiking LCA on the event engine with static lateral synapses
/// and with its lateral weights in arrays, its drive Dᵀx read from the dictionary's arrays.
/// </summary>
public static class SparseCodingExperiment
{
    /// <summary>Training and test patches scaled by one factor so that the largest training value is 1 (test values clipped to [−1, 1]).</summary>
    public static (double[] Train, double[] Test) Patches(LabelledSet train, LabelledSet test, SparseCodingParameters p, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(p);
        double[] training = ImagePatches.Cut(train, p.PatchSide, p.TrainPatches, p.MinContrast, seed, 2);
        double[] testing = ImagePatches.Cut(test, p.PatchSide, p.TestPatches, p.MinContrast, seed, 3);
        double scale = 1 / Math.Abs(System.Numerics.Tensors.TensorPrimitives.MaxMagnitude<double>(training));
        System.Numerics.Tensors.TensorPrimitives.Multiply(training, scale, training);
        for (int k = 0; k < testing.Length; k++)
        {
            testing[k] = Math.Clamp(testing[k] * scale, -1, 1);
        }

        return (training, testing);
    }

    /// <summary>Learns the dictionary and codes the test patches with every solver (<paramref name="preset"/>: the arrays' devices).</summary>
    public static SparseCodingResult Run(LabelledSet train, LabelledSet test, SparseCodingParameters p, DevicePreset preset, ulong seed, IProgress<double>? progress = null, SpikingLcaParameters? spiking = null)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(preset);
        int m = p.PatchSide * p.PatchSide, k = p.Atoms;
        (double[] training, double[] testing) = Patches(train, test, p, seed);
        var clock = Stopwatch.StartNew();
        double[] d = DictionaryLearning.Learn(training, m, k, p.Lambda, p.Batches, p.BatchSize, p.DictionaryRate, seed);
        double dictionaryS = clock.Elapsed.TotalSeconds;
        double lipschitz = SparseCoding.Lipschitz(d, m, k);
        if (spiking is not null)
        {
            return new SparseCodingResult(Spiking(d, testing, m, k, p, spiking, preset, lipschitz, seed, progress), d, m, k, dictionaryS);
        }

        var rows = new List<SparseCodingRow>
        {
            Score("FISTA (float, reference)", d, testing, m, p.Lambda, x => SparseCoding.Fista(d, x, k, p.Lambda, nonNegative: false, p.FistaIterations, lipschitz), () => 0),
            Score("LCA, ideal array (float)", d, testing, m, p.Lambda, x => SparseCoding.Lca(x, k, p.Lambda, nonNegative: false, p.LcaIterations, p.LcaStep,
                (a, estimate) => SparseCoding.Reconstruct(d, a, estimate), (r, drive) => SparseCoding.Correlate(d, r, drive)), () => 0),
        };
        progress?.Report(0.5);
        var arrays = new ArrayLca(d, m, k, AnalogMatrixConfig.For(preset), seed);
        rows.Add(Score($"LCA on {preset.Name} arrays", d, testing, m, p.Lambda, x => arrays.Solve(x, p.Lambda, nonNegative: false, p.LcaIterations, p.LcaStep), () => arrays.Energy.TotalJ));
        progress?.Report(1);
        return new SparseCodingResult(rows, d, m, k, dictionaryS);
    }

    /// <summary>Non-negative FISTA, then the spiking LCA with static lateral synapses and with lateral arrays.</summary>
    private static List<SparseCodingRow> Spiking(double[] d, double[] testing, int m, int k, SparseCodingParameters p, SpikingLcaParameters s, DevicePreset preset, double lipschitz, ulong seed, IProgress<double>? progress)
    {
        var gram = new double[k * k];
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                double overlap = 0;
                for (int q = 0; q < m; q++)
                {
                    overlap += d[(q * k) + i] * d[(q * k) + j];
                }

                gram[(i * k) + j] = i == j ? 0 : overlap;
            }
        }

        int n = testing.Length / m, done = 0;
        var dictionary = new ArrayLca(d, m, k, AnalogMatrixConfig.For(preset), seed);
        double lateralJ = 0;
        double[] Drive(double[] x, bool onArrays)
        {
            var b = new double[k];
            if (onArrays)
            {
                dictionary.Correlate(x, b);
            }
            else
            {
                SparseCoding.Correlate(d, x, b);
            }

            System.Numerics.Tensors.TensorPrimitives.Subtract(b, p.Lambda, b);
            return b;
        }

        var rows = new List<SparseCodingRow>
        {
            Score("FISTA, a >= 0 (float, reference)", d, testing, m, p.Lambda, x => SparseCoding.Fista(d, x, k, p.Lambda, nonNegative: true, p.FistaIterations, lipschitz), () => 0),
            Score("spiking LCA, static synapses", d, testing, m, p.Lambda, x =>
            {
                progress?.Report(++done / (2.0 * n));
                return SpikingLca.Solve(gram, Drive(x, onArrays: false), s, null, seed).Coefficients;
            }, () => 0),
        };
        var lateral = new ArraySynapse { Preset = ArrayPresets.Of(preset) };
        rows.Add(Score($"spiking LCA on {preset.Name} arrays", d, testing, m, p.Lambda, x =>
        {
            progress?.Report(++done / (2.0 * n));
            (double[] a, IReadOnlyDictionary<string, double> meters) = SpikingLca.Solve(gram, Drive(x, onArrays: true), s, lateral, seed);
            lateralJ += meters.GetValueOrDefault("read_energy_j");
            return a;
        }, () => dictionary.Energy.TotalJ + lateralJ));
        return rows;
    }

    /// <summary>Codes every test patch with <paramref name="solve"/> and scores it on the ideal dictionary.</summary>
    public static SparseCodingRow Score(string name, double[] d, double[] patches, int m, double lambda, Func<double[], double[]> solve, Func<double> energyJ)
    {
        ArgumentNullException.ThrowIfNull(patches);
        ArgumentNullException.ThrowIfNull(solve);
        ArgumentNullException.ThrowIfNull(energyJ);
        var clock = Stopwatch.StartNew();
        double energyBefore = energyJ(), objective = 0, zeros = 0, error = 0;
        int n = patches.Length / m;
        for (int s = 0; s < n; s++)
        {
            double[] x = patches.AsSpan(s * m, m).ToArray();
            double[] a = solve(x);
            objective += SparseCoding.Objective(d, x, a, lambda);
            zeros += a.Count(v => v == 0) / (double)a.Length;
            error += System.Numerics.Tensors.TensorPrimitives.Norm<double>(SparseCoding.Residual(d, x, a)) / System.Numerics.Tensors.TensorPrimitives.Norm<double>(x);
        }

        return new SparseCodingRow(name, objective / n, zeros / n, error / n, (energyJ() - energyBefore) / n, clock.Elapsed.TotalSeconds);
    }
}
