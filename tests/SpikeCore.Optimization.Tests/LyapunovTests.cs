using SpikeCore.Optimization.Oscillators;

namespace SpikeCore.Optimization.Tests;

public class LyapunovTests
{
    [Fact]
    public void At_the_fixed_point_lambda_is_the_contraction_of_the_linearised_euler_map()
    {
        MottOscillator o = MottOscillator.Vo2 with { BiasV = 8, NoiseScale = 0 };
        MottTrajectory settled = o.Simulate(100_000, 1000, 1);
        double v = settled.VoltagesV[^1], t = settled.TemperaturesK[^1];

        // Jacobian of the drift by central differences (heating branch, where the fixed point sits), then the Euler
        // map's multipliers 1 + hμ: λ = ln|1 + hμ|/h for the leading one.
        double Fv(double vv, double tt) => (((o.BiasV - vv) / o.SeriesOhm) - (vv / o.ResistanceOhm(tt, 1))) / o.CapacitanceF;
        double Ft(double vv, double tt) => ((vv * vv / o.ResistanceOhm(tt, 1)) - (o.ThermalConductanceWPerK * (tt - o.AmbientK))) / o.ThermalCapacitanceJPerK;
        const double dv = 1e-6, dt = 1e-6;
        double a = (Fv(v + dv, t) - Fv(v - dv, t)) / (2 * dv), b = (Fv(v, t + dt) - Fv(v, t - dt)) / (2 * dt);
        double c = (Ft(v + dv, t) - Ft(v - dv, t)) / (2 * dv), d = (Ft(v, t + dt) - Ft(v, t - dt)) / (2 * dt);
        double h = o.StepNs * 1e-9, trace = a + d, det = (a * d) - (b * c), disc = (trace * trace) - (4 * det);
        double expected = disc >= 0
            ? Math.Max(Math.Log(Math.Abs(1 + (h * (trace + Math.Sqrt(disc)) / 2))), Math.Log(Math.Abs(1 + (h * (trace - Math.Sqrt(disc)) / 2)))) / h
            : Math.Log(Math.Sqrt(Math.Pow(1 + (h * trace / 2), 2) + (h * h * -disc / 4))) / h;
        double lambda = LyapunovEstimate.PerMicrosecond(o, 500_000, 1); // long: the start's non-normal transient fades as 1/time
        Assert.True(expected < 0);
        Assert.Equal(expected * 1e-6, lambda, Math.Abs(expected * 1e-6) * 0.02);
    }

    [Fact]
    public void A_noiseless_limit_cycle_has_lambda_near_zero()
    {
        Assert.InRange(LyapunovEstimate.PerMicrosecond(MottOscillator.Vo2 with { BiasV = 10, NoiseScale = 0 }, 200_000, 1), -0.05, 0.05);
    }

    [Fact]
    public void Near_the_threshold_thermal_noise_makes_lambda_positive_where_without_it_it_is_not()
    {
        MottOscillator quiet = MottOscillator.Vo2 with { BiasV = 9, NoiseScale = 0 };
        Assert.True(LyapunovEstimate.PerMicrosecond(quiet, 200_000, 1) <= 0);
        double noisy = LyapunovEstimate.PerMicrosecond(quiet with { NoiseScale = 200 }, 200_000, 1);
        Assert.True(noisy > 0.1, $"λ = {noisy} /µs with noise");
    }

    [Fact]
    public void At_15_V_the_hysteretic_model_is_chaotic_without_noise_and_more_so_as_the_step_shrinks()
    {
        // The hysteresis branch switch makes the (v, T) model hybrid, so Poincaré-Bendixson does not forbid chaos. If the
        // positive λ were an artefact of the Euler step it would shrink with the step; it grows towards its limit instead.
        double[] lambdas = [.. new[] { 20.0, 10, 5 }.Select(h => LyapunovEstimate.PerMicrosecond(MottOscillator.Vo2 with { BiasV = 15, NoiseScale = 0, StepNs = h }, 100_000, 1))];
        Assert.True(lambdas[0] > 0.5 && lambdas[1] > lambdas[0] && lambdas[2] > lambdas[1], string.Join(", ", lambdas));
        MottTrajectory t = (MottOscillator.Vo2 with { BiasV = 15, NoiseScale = 0, StepNs = 5 }).Simulate(100_000, 1000, 1);
        double[] isi = [.. t.SpikeTimesNs.Skip(2).Zip(t.SpikeTimesNs.Skip(3), (a, b) => b - a)];
        double mean = isi.Average(), cv = Math.Sqrt(isi.Average(x => (x - mean) * (x - mean))) / mean;
        Assert.True(cv > 0.01, $"irregular intervals without noise: CV {cv}"); // a limit cycle at 10-12 V gives CV < 0.001
    }
}
