using System.Diagnostics;
using SpikeCore.Crossbar.Arrays;
using SpikeCore.Crossbar.Computing;
using SpikeCore.Crossbar.Converters;
using SpikeCore.Crossbar.Devices;
using SpikeCore.Crossbar.Mapping;
using SpikeCore.Datasets;

namespace SpikeCore.Networks.Computing;

/// <summary>
/// Sparse coding of image patches: a dictionary learned in float on training patches, then the test patches coded by
/// FISTA (the reference), the LCA in float (an ideal array) and the LCA with the dictionary in arrays of a preset.
/// </summary>
public static class SparseCodingExperiment
{
    /// <summary>The arrays the dictionary goes on: the preset's devices against a reference column, 8-bit DAC, 10-bit ADC.</summary>
    public static AnalogMatrixConfig Arrays(DevicePreset preset) => new()
    {
        Array = new ArrayConfig { Preset = preset },
        Mapping = preset.Device.PulsesAcrossRange(potentiating: false) <= 1 ? WeightMapping.Differential : WeightMapping.ReferenceColumn,
        Dac = new Converter(8, 1, 1),
        Adc = new Converter(10, 1),
    };

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
    public static SparseCodingResult Run(LabelledSet train, LabelledSet test, SparseCodingParameters p, DevicePreset preset, ulong seed, IProgress<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(preset);
        int m = p.PatchSide * p.PatchSide, k = p.Atoms;
        (double[] training, double[] testing) = Patches(train, test, p, seed);
        var clock = Stopwatch.StartNew();
        double[] d = DictionaryLearning.Learn(training, m, k, p.Lambda, p.Batches, p.BatchSize, p.DictionaryRate, seed);
        double dictionaryS = clock.Elapsed.TotalSeconds;
        double lipschitz = SparseCoding.Lipschitz(d, m, k);
        var rows = new List<SparseCodingRow>
        {
            Score("FISTA (float, reference)", d, testing, m, p.Lambda, x => SparseCoding.Fista(d, x, k, p.Lambda, nonNegative: false, p.FistaIterations, lipschitz), () => 0),
            Score("LCA, ideal array (float)", d, testing, m, p.Lambda, x => SparseCoding.Lca(x, k, p.Lambda, nonNegative: false, p.LcaIterations, p.LcaStep,
                (a, estimate) => Reconstruct(d, a, estimate), (r, drive) => SparseCoding.Correlate(d, r, drive)), () => 0),
        };
        progress?.Report(0.5);
        var arrays = new ArrayLca(d, m, k, Arrays(preset), seed);
        rows.Add(Score($"LCA on {preset.Name} arrays", d, testing, m, p.Lambda, x => arrays.Solve(x, p.Lambda, nonNegative: false, p.LcaIterations, p.LcaStep), () => arrays.Energy.TotalJ));
        progress?.Report(1);
        return new SparseCodingResult(rows, d, m, k, dictionaryS);
    }

    /// <summary>D a in float.</summary>
    public static void Reconstruct(ReadOnlySpan<double> d, double[] a, double[] estimate)
    {
        int k = a.Length;
        for (int i = 0; i < estimate.Length; i++)
        {
            estimate[i] = System.Numerics.Tensors.TensorPrimitives.Dot<double>(d.Slice(i * k, k), a);
        }
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
