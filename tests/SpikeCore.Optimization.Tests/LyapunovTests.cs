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
}
