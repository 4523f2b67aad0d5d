using SpikeCore.Random;

namespace SpikeCore.Reservoir.Tasks;

/// <summary>An input sequence u and the target y a reservoir must produce from it.</summary>
/// <param name="Name">The task's name.</param>
/// <param name="Input">u(t).</param>
/// <param name="Target">What the readout must produce at each step, from the input up to that step.</param>
public sealed record TimeSeriesTask(string Name, double[] Input, double[] Target)
{
    /// <summary>Both tasks draw u from U[0, InputMax].</summary>
    public const double InputMax = 0.5;

    /// <summary>The task called <paramref name="name"/> (<c>narma10</c> or <c>second_order</c>).</summary>
    public static TimeSeriesTask Create(string name, int steps, ulong seed) => name switch
    {
        "narma10" => Narma10(steps, seed),
        "second_order" => SecondOrder(steps, seed),
        _ => throw new ArgumentException($"unknown time-series task '{name}' (known: narma10, second_order)", nameof(name)),
    };

    /// <summary>
    /// NARMA10 (Atiya and Parlos 2000): y(t+1) = 0.3 y(t) + 0.05 y(t) Σ_{i=0..9} y(t−i) + 1.5 u(t−9) u(t) + 0.1 with
    /// u ~ U[0, 0.5] and y = 0 before the series starts. The target at step t is y(t+1), the first value its input
    /// u(t) determines (the usual one-step-ahead alignment: the readout at t has seen u up to t). Some input draws make
    /// the recursion diverge (the product term feeds back; seed 5 of 6,000 steps does); such a draw is replaced by the
    /// next one of the seed's stream (attempt 1, 2, ...), as is usual for NARMA10, so every seed gives a bounded series.
    /// </summary>
    public static TimeSeriesTask Narma10(int steps, ulong seed)
    {
        for (int attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (Narma10(steps, seed, attempt) is { } task)
            {
                return task;
            }
        }

        throw new InvalidOperationException($"NARMA10: {MaxAttempts} input draws of seed {seed} all diverged over {steps} steps");
    }

    /// <summary>Input draws NARMA10 tries before it gives up.</summary>
    private const int MaxAttempts = 100;

    /// <summary>NARMA10 on input draw <paramref name="attempt"/>, or null when it leaves [0, 10) (a bounded series stays below 1).</summary>
    private static TimeSeriesTask? Narma10(int steps, ulong seed, int attempt)
    {
        double[] u = UniformInput(steps, seed, (ulong)attempt);
        var y = new double[steps + 1];
        for (int t = 0; t < steps; t++)
        {
            double sum = 0;
            for (int i = 0; i <= 9 && t - i >= 0; i++)
            {
                sum += y[t - i];
            }

            y[t + 1] = (0.3 * y[t]) + (0.05 * y[t] * sum) + (1.5 * (t >= 9 ? u[t - 9] : 0) * u[t]) + 0.1;
            if (!(y[t + 1] < 10))
            {
                return null;
            }
        }

        return new TimeSeriesTask("narma10", u, y[1..]);
    }

    /// <summary>
    /// The second-order nonlinear task (Du et al. 2017, after Atiya and Parlos 2000):
    /// y(k) = 0.4 y(k−1) + 0.4 y(k−1) y(k−2) + 0.6 u(k)³ + 0.1, u ~ U[0, 0.5].
    /// </summary>
    public static TimeSeriesTask SecondOrder(int steps, ulong seed)
    {
        double[] u = UniformInput(steps, seed);
        var y = new double[steps];
        for (int k = 0; k < steps; k++)
        {
            double y1 = k >= 1 ? y[k - 1] : 0, y2 = k >= 2 ? y[k - 2] : 0;
            y[k] = (0.4 * y1) + (0.4 * y1 * y2) + (0.6 * u[k] * u[k] * u[k]) + 0.1;
        }

        return new TimeSeriesTask("second_order", u, y);
    }

    private static double[] UniformInput(int steps, ulong seed, ulong attempt = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        var rng = KeyedRandom.Create(seed, StreamPurpose.TimeSeriesInput, attempt);
        var u = new double[steps];
        for (int t = 0; t < steps; t++)
        {
            u[t] = InputMax * rng.NextDouble();
        }

        return u;
    }
}
