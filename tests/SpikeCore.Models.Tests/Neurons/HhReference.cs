namespace SpikeCore.Models.Tests.Neurons;

/// <summary>
/// A naive scalar reference for the squid axon, written from MODELS.md independently of the vectorised runtime: RK4
/// with steps of at most 1e-3 ms that land on every synaptic arrival, the conductance taken from its closed form at each
/// stage, crossings of −20 mV located by bisection on the RK4 step.
/// </summary>
internal static class HhReference
{
    public static double AlphaM(double v) => 0.1 * (v + 40) / (1 - Math.Exp(-(v + 40) / 10));

    private static double BetaM(double v) => 4 * Math.Exp(-(v + 65) / 18);

    private static double AlphaH(double v) => 0.07 * Math.Exp(-(v + 65) / 20);

    private static double BetaH(double v) => 1 / (1 + Math.Exp(-(v + 35) / 10));

    private static double AlphaN(double v) => 0.01 * (v + 55) / (1 - Math.Exp(-(v + 55) / 10));

    private static double BetaN(double v) => 0.125 * Math.Exp(-(v + 65) / 80);

    private static double[] F(double[] y, double current, double g)
    {
        (double v, double m, double h, double n) = (y[0], y[1], y[2], y[3]);
        double i = current - 120 * m * m * m * h * (v - 50) - 36 * n * n * n * n * (v + 77) - 0.3 * (v + 54.387) + g * (0 - v);
        return [i, AlphaM(v) * (1 - m) - BetaM(v) * m, AlphaH(v) * (1 - h) - BetaH(v) * h, AlphaN(v) * (1 - n) - BetaN(v) * n];
    }

    private static double[] Rk4(double[] y, double current, double g0, double tauMs, double dt)
    {
        double gMid = g0 * Math.Exp(-dt / 2 / tauMs), gEnd = g0 * Math.Exp(-dt / tauMs);
        double[] Add(double[] a, double[] k, double s) => a.Zip(k, (x, d) => x + s * d).ToArray();
        double[] k1 = F(y, current, g0), k2 = F(Add(y, k1, dt / 2), current, gMid);
        double[] k3 = F(Add(y, k2, dt / 2), current, gMid), k4 = F(Add(y, k3, dt), current, gEnd);
        return y.Select((x, j) => x + dt / 6 * (k1[j] + 2 * k2[j] + 2 * k3[j] + k4[j])).ToArray();
    }

    /// <summary>Spike times under a constant current and excitatory conductance pulses (τ = 2 ms, E = 0 mV).</summary>
    public static List<double> SpikeTimes(double current, double endMs, (double TimeMs, double Weight)[] inputs)
    {
        const double H = 1e-3, TauMs = 2;
        double v = -65;
        double[] y = [v, AlphaM(v) / (AlphaM(v) + BetaM(v)), AlphaH(v) / (AlphaH(v) + BetaH(v)), AlphaN(v) / (AlphaN(v) + BetaN(v))];
        double t = 0, g = 0, last = double.NegativeInfinity;
        var pending = new Queue<(double TimeMs, double Weight)>(inputs);
        var spikes = new List<double>();
        while (t < endMs)
        {
            while (pending.Count > 0 && pending.Peek().TimeMs <= t)
            {
                g += pending.Dequeue().Weight;
            }

            double next = Math.Min(t + H, endMs);
            if (pending.Count > 0)
            {
                next = Math.Min(next, pending.Peek().TimeMs);
            }

            double dt = next - t;
            double[] y1 = Rk4(y, current, g, TauMs, dt);
            if (y[0] < -20 && y1[0] >= -20)
            {
                double lo = 0, hi = dt;
                for (int k = 0; k < 60; k++)
                {
                    double mid = 0.5 * (lo + hi);
                    if (Rk4(y, current, g, TauMs, mid)[0] >= -20)
                    {
                        hi = mid;
                    }
                    else
                    {
                        lo = mid;
                    }
                }

                if (t + hi - last >= 2)
                {
                    spikes.Add(t + hi);
                    last = t + hi;
                }
            }

            y = y1;
            g *= Math.Exp(-dt / TauMs);
            t = next;
        }

        return spikes;
    }
}
