using System.Diagnostics;
using SpikeCore.Crossbar.Arrays;
using SpikeCore.Crossbar.Mapping;
using SpikeCore.Random;

namespace SpikeCore.Cli.Commands;

/// <summary>
/// One measurement of analog matrix-vector products: a random weight matrix (uniform in [−1, 1]) programmed by
/// write-verify, then random inputs (uniform in [0, 1]) read and compared with the ideal product of the target weights.
/// </summary>
/// <param name="Tiles">Arrays used.</param>
/// <param name="RelativeRmsError">‖y − Wᵀx‖ / ‖Wᵀx‖ over every output of every read.</param>
/// <param name="EquivalentBits">−log2(rms error / range of the ideal outputs).</param>
/// <param name="Programming">The write-verify report.</param>
/// <param name="EnergyPerReadJ">Array and converter energy per product.</param>
/// <param name="ReadsPerS">Products per wall-clock second (this process, one thread).</param>
/// <param name="ProgrammingS">Wall-clock seconds of programming.</param>
internal sealed record VmmResult(int Tiles, double RelativeRmsError, double EquivalentBits, ProgrammingReport Programming, double EnergyPerReadJ, double ReadsPerS, double ProgrammingS)
{
    /// <summary>Programs and reads an <paramref name="m"/> × <paramref name="n"/> matrix; weights and inputs from <paramref name="seed"/>.</summary>
    public static VmmResult Measure(AnalogMatrixConfig config, int m, int n, int reads, ulong seed, IProgress<double>? progress = null)
    {
        var rng = KeyedRandom.Create(seed, StreamPurpose.CrossbarExperiment, 0);
        double[] weights = [.. Enumerable.Range(0, m * n).Select(_ => (2 * rng.NextDouble()) - 1)];
        var matrix = new AnalogMatrix(m, n, config, seed);
        var clock = Stopwatch.StartNew();
        ProgrammingReport programming = matrix.Program(weights);
        double programmingS = clock.Elapsed.TotalSeconds, energyBefore = matrix.Energy.TotalJ, readS = 0;
        double squares = 0, norm = 0, lowest = double.PositiveInfinity, highest = double.NegativeInfinity;
        var x = new double[m];
        var y = new double[n];
        var ideal = new double[n];
        for (int k = 0; k < reads; k++)
        {
            for (int i = 0; i < m; i++)
            {
                x[i] = rng.NextDouble();
            }

            long start = Stopwatch.GetTimestamp();
            matrix.Multiply(x, y);
            readS += Stopwatch.GetElapsedTime(start).TotalSeconds;
            Array.Clear(ideal);
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    ideal[j] += weights[(i * n) + j] * x[i];
                }
            }

            for (int j = 0; j < n; j++)
            {
                squares += (y[j] - ideal[j]) * (y[j] - ideal[j]);
                norm += ideal[j] * ideal[j];
                lowest = Math.Min(lowest, ideal[j]);
                highest = Math.Max(highest, ideal[j]);
            }

            progress?.Report((k + 1.0) / reads);
        }

        double rms = Math.Sqrt(squares / ((double)reads * n));
        return new VmmResult(matrix.Arrays.Count, Math.Sqrt(squares / norm), -Math.Log2(rms / (highest - lowest)), programming,
            (matrix.Energy.TotalJ - energyBefore) / reads, reads / readS, programmingS);
    }
}
