using System.Text.Json;
using SpikeCore.Models.Serialization;

namespace SpikeCore.Models.Neurons.Channels;

/// <summary>JSON parameters of the Hodgkin-Huxley models: every field optional, defaulting to the model's preset.</summary>
internal static class HhFiles
{
    private const int ShiftIndex = 7;

    public static void Write(Utf8JsonWriter writer, HhConstants c, string[] names, bool skipShift)
    {
        double[] values = Values(c);
        for (int k = 0; k < values.Length; k++)
        {
            if (!(skipShift && k == ShiftIndex))
            {
                writer.WriteNumber(names[k], values[k]);
            }
        }

        writer.WriteString("scheme", c.Scheme == HhScheme.RungeKutta4 ? "rk4" : "exponential_euler");
    }

    public static HhConstants Read(JsonPathReader r, HhConstants defaults, string[] names, bool skipShift)
    {
        double[] d = Values(defaults);
        double[] v = new double[d.Length];
        for (int k = 0; k < d.Length; k++)
        {
            v[k] = skipShift && k == ShiftIndex ? d[k] : r.OptionalNumber(names[k], d[k]);
        }

        HhScheme scheme = defaults.Scheme;
        if (r.Has("scheme"))
        {
            string s = r.String("scheme");
            scheme = s switch
            {
                "rk4" => HhScheme.RungeKutta4,
                "exponential_euler" => HhScheme.ExponentialEuler,
                _ => scheme,
            };
            if (s is not ("rk4" or "exponential_euler"))
            {
                r.Errors.Add($"{r.Path}.scheme: unknown scheme '{s}' (known: exponential_euler, rk4)");
            }
        }

        return new HhConstants(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13], v[14], v[15], scheme);
    }

    private static double[] Values(HhConstants c) =>
    [
        c.Capacitance, c.SodiumConductance, c.PotassiumConductance, c.LeakConductance, c.SodiumReversalMv,
        c.PotassiumReversalMv, c.LeakReversalMv, c.ShiftMv, c.ExcitatoryReversalMv, c.InhibitoryReversalMv,
        c.ExcitatoryTauMs, c.InhibitoryTauMs, c.DetectionMv, c.RefractoryMs, c.StepMs, c.RestMv,
    ];
}
