namespace SpikeCore.Reservoir.Reservoirs;

/// <summary>What sits between the encoded input and the readout.</summary>
public enum ReservoirKind
{
    /// <summary>Nothing: the readout sees the encoded input (the baseline every result is compared with).</summary>
    None,

    /// <summary>A spiking liquid state machine (<see cref="LsmOptions"/>).</summary>
    Lsm,

    /// <summary>Diffusive memristors with time-multiplexed virtual nodes (<see cref="DeviceReservoirOptions"/>).</summary>
    Device,

    /// <summary>A rotating ring of diffusive memristors (<see cref="RingReservoirOptions"/>).</summary>
    Ring,

    /// <summary>A leaky echo-state network of tanh units (<see cref="EchoStateOptions"/>), the rate-based reference.</summary>
    Esn,

    /// <summary>A tapped delay line (<see cref="DelayLine"/>), the control: the last N inputs and nothing else.</summary>
    Delays,
}
