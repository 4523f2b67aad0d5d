namespace SpikeCore.Models.Tests.Neurons;

/// <summary>
/// A deliberately naive reference for exact LIF networks with exponential currents: one pending entry per synapse
/// activation, every neuron advanced with the textbook closed form, and threshold crossings found by scanning each
/// neuron's trajectory on a fine grid up to the next input and bisecting. Slow, independent, obviously right.
/// </summary>
internal sealed class NaiveLifNetwork
{
    private readonly double _tauM, _tauE, _tauI, _rest, _threshold, _reset, _refractory;
    private readonly double[] _v, _ie, _ii, _last, _refractoryUntil;
    private readonly List<(int Source, int Target, double Weight, double Delay, int Receptor)> _synapses;
    private readonly List<(double Time, int Target, double Weight, int Receptor)> _pending = [];

    public NaiveLifNetwork(int neurons, double tauM, double tauE, double tauI, double rest, double threshold, double reset, double refractory,
        double[] initialV, List<(int Source, int Target, double Weight, double Delay, int Receptor)> synapses)
    {
        (_tauM, _tauE, _tauI, _rest, _threshold, _reset, _refractory) = (tauM, tauE, tauI, rest, threshold, reset, refractory);
        _v = (double[])initialV.Clone();
        _ie = new double[neurons];
        _ii = new double[neurons];
        _last = new double[neurons];
        _refractoryUntil = Enumerable.Repeat(double.NegativeInfinity, neurons).ToArray();
        _synapses = synapses;
    }

    public List<(double Time, int Neuron)> Spikes { get; } = [];

    /// <summary>Injects an external spike of <paramref name="source"/> (an id outside the neurons) at <paramref name="time"/>.</summary>
    public void External(int source, double time) => Emit(source, time);

    public void Run(double endMs, double scanStepMs = 0.002)
    {
        double now = 0;
        while (true)
        {
            _pending.Sort((x, y) => x.Time.CompareTo(y.Time));
            double next = _pending.Count > 0 ? Math.Min(_pending[0].Time, endMs) : endMs;

            // Earliest crossing of any neuron before the next input.
            double bestTime = double.PositiveInfinity;
            int best = -1;
            for (int j = 0; j < _v.Length; j++)
            {
                double t = FirstCrossing(j, now, next, scanStepMs);
                if (t < bestTime)
                {
                    bestTime = t;
                    best = j;
                }
            }

            if (best >= 0)
            {
                Advance(best, bestTime);
                Spikes.Add((bestTime, best));
                _v[best] = _reset;
                _refractoryUntil[best] = bestTime + _refractory;
                Emit(best, bestTime);
                now = bestTime;
                continue;
            }

            if (next >= endMs)
            {
                return;
            }

            var e = _pending[0];
            _pending.RemoveAt(0);
            Advance(e.Target, e.Time);
            if (e.Receptor == 0)
            {
                _ie[e.Target] += e.Weight;
            }
            else
            {
                _ii[e.Target] += e.Weight;
            }

            now = e.Time;
        }
    }

    private void Emit(int source, double time)
    {
        foreach (var s in _synapses)
        {
            if (s.Source == source)
            {
                _pending.Add((time + s.Delay, s.Target, s.Weight, s.Receptor));
            }
        }
    }

    private (double V, double Ie, double Ii) State(int j, double t)
    {
        double v = _v[j], ie = _ie[j], ii = _ii[j], last = _last[j];
        if (last < _refractoryUntil[j])
        {
            double until = Math.Min(t, _refractoryUntil[j]);
            ie *= Math.Exp(-(until - last) / _tauE);
            ii *= Math.Exp(-(until - last) / _tauI);
            v = _reset;
            last = until;
            if (t <= _refractoryUntil[j])
            {
                return (v, ie, ii);
            }
        }

        double s = t - last;
        double ke = _tauE / (_tauE - _tauM), ki = _tauI / (_tauI - _tauM);
        double vt = _rest + (v - _rest - ke * ie - ki * ii) * Math.Exp(-s / _tauM) + ke * ie * Math.Exp(-s / _tauE) + ki * ii * Math.Exp(-s / _tauI);
        return (vt, ie * Math.Exp(-s / _tauE), ii * Math.Exp(-s / _tauI));
    }

    private void Advance(int j, double t)
    {
        (_v[j], _ie[j], _ii[j]) = State(j, t);
        _last[j] = t;
    }

    private double FirstCrossing(int j, double from, double to, double step)
    {
        double start = Math.Max(from, _refractoryUntil[j]);
        if (start >= to)
        {
            return double.PositiveInfinity;
        }

        if (State(j, start).V >= _threshold)
        {
            return start;
        }

        double prev = start;
        for (double t = Math.Min(start + step, to); ; t = Math.Min(t + step, to))
        {
            if (State(j, t).V >= _threshold)
            {
                double lo = prev, hi = t;
                for (int i = 0; i < 100; i++)
                {
                    double mid = 0.5 * (lo + hi);
                    if (State(j, mid).V >= _threshold)
                    {
                        hi = mid;
                    }
                    else
                    {
                        lo = mid;
                    }
                }

                return hi;
            }

            if (t >= to)
            {
                return double.PositiveInfinity;
            }

            prev = t;
        }
    }
}
