using SpikeCore.Crossbar.Devices;
using SpikeCore.Parameters;

namespace SpikeCore.Crossbar.Engine;

/// <summary>The device technologies an array projection can be built of (<see cref="DevicePresets"/>, by their names).</summary>
public enum ArrayPreset
{
    /// <summary><see cref="DevicePresets.AgSi"/>.</summary>
    [ParameterValue("ag_si")]
    AgSi,

    /// <summary><see cref="DevicePresets.AlOxHfO2"/>.</summary>
    [ParameterValue("alox_hfo2")]
    AlOxHfO2,

    /// <summary><see cref="DevicePresets.TaOxTiO2"/>.</summary>
    [ParameterValue("taox_tio2")]
    TaOxTiO2,

    /// <summary><see cref="DevicePresets.Pcmo"/>.</summary>
    [ParameterValue("pcmo")]
    Pcmo,

    /// <summary><see cref="DevicePresets.PcmGst"/>.</summary>
    [ParameterValue("pcm_gst")]
    PcmGst,

    /// <summary><see cref="DevicePresets.NeuroSimTarget"/>.</summary>
    [ParameterValue("neurosim_target")]
    NeuroSimTarget,

    /// <summary><see cref="DevicePresets.Table1Target"/>.</summary>
    [ParameterValue("table1_target")]
    Table1Target,
}

/// <summary>The device preset an <see cref="ArrayPreset"/> names.</summary>
public static class ArrayPresets
{
    /// <summary>The preset's name, as network files and the command line give it (its <see cref="DevicePreset.Name"/>).</summary>
    public static string Name(this ArrayPreset preset) =>
        typeof(ArrayPreset).GetField(preset.ToString())!.GetCustomAttributes(typeof(ParameterValueAttribute), false).Cast<ParameterValueAttribute>().Single().Name;

    /// <summary>The device preset of that name.</summary>
    public static DevicePreset Device(this ArrayPreset preset) =>
        DevicePresets.Find(preset.Name()) ?? throw new InvalidOperationException($"no device preset named '{preset.Name()}'");

    /// <summary>The array preset of a device preset (every <see cref="DevicePresets.All"/> entry has one).</summary>
    public static ArrayPreset Of(DevicePreset preset)
    {
        ArgumentNullException.ThrowIfNull(preset);
        return Enum.GetValues<ArrayPreset>().First(p => p.Name() == preset.Name);
    }
}
