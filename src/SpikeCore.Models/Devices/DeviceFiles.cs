using System.Text.Json;
using SpikeCore.Models.Serialization;

namespace SpikeCore.Models.Devices;

/// <summary>Devices in network files: <c>"device": {"model": "saturating_exponential", ...parameters}</c>.</summary>
internal static class DeviceFiles
{
    public static readonly string[] Names = ["exponential_step", "linear_step", "lookup_table", "power_step", "saturating_exponential"];

    public static void Write(Utf8JsonWriter writer, ConductanceDevice? device)
    {
        if (device is null)
        {
            return;
        }

        writer.WriteStartObject("device");
        writer.WriteString("model", device.Name);
        device.WriteParameters(writer);
        writer.WriteEndObject();
    }

    /// <summary>Reads the optional <c>device</c> member of <paramref name="parent"/>.</summary>
    public static ConductanceDevice? Read(JsonPathReader parent)
    {
        if (!parent.Has("device"))
        {
            return null;
        }

        JsonPathReader r = parent.Object("device");
        string name = r.String("model");
        ConductanceDevice? device = name switch
        {
            "saturating_exponential" => new SaturatingExponentialDevice { PulseScale = r.OptionalNumber("pulse_scale", 7.74) },
            "linear_step" => new LinearStepDevice(),
            "power_step" => new PowerStepDevice
            {
                PotentiationExponent = r.OptionalNumber("potentiation_exponent", 1),
                DepressionExponent = r.OptionalNumber("depression_exponent", 1),
            },
            "exponential_step" => new ExponentialStepDevice
            {
                PotentiationDecay = r.OptionalNumber("potentiation_decay", 3),
                DepressionDecay = r.OptionalNumber("depression_decay", 3),
            },
            "lookup_table" => new LookupTableDevice(r.Numbers("potentiation_us"), r.Numbers("depression_us")),
            _ => null,
        };
        if (device is null)
        {
            if (name.Length > 0)
            {
                r.Errors.Add($"{r.Path}.model: unknown device '{name}' (known: {string.Join(", ", Names)})");
            }

            return null;
        }

        if (device is not LookupTableDevice)
        {
            device = device with
            {
                MinConductanceUs = r.OptionalNumber("min_conductance_us", device.MinConductanceUs),
                MaxConductanceUs = r.OptionalNumber("max_conductance_us", device.MaxConductanceUs),
                MaxPulses = r.OptionalInteger("max_pulses", device.MaxPulses),
            };
        }

        string rounding = r.Has("rounding") ? r.String("rounding") : "truncate";
        if (rounding is not ("truncate" or "stochastic"))
        {
            r.Errors.Add($"{r.Path}.rounding: unknown rounding '{rounding}' (known: stochastic, truncate)");
        }

        device = device with
        {
            CycleToCycleSigma = r.OptionalNumber("cycle_to_cycle_sigma", 0),
            DeviceToDeviceSigma = r.OptionalNumber("device_to_device_sigma", 0),
            Rounding = rounding == "stochastic" ? PulseRounding.Stochastic : PulseRounding.Truncate,
        };
        r.RejectUnknownFields();
        return device;
    }
}
