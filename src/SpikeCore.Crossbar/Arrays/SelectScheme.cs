namespace SpikeCore.Crossbar.Arrays;

/// <summary>
/// How the lines of a passive (0T1R) array are biased when one cell is read or written (CROSSBAR.md section 2). 1T1R
/// arrays select with their transistors: only the selected cell sees the pulse, whatever this says.
/// </summary>
public enum SelectScheme
{
    /// <summary>Unselected lines float: no half-selected bias, but sneak currents through every other cell during reads.</summary>
    Floating,

    /// <summary>
    /// V/2: selected row at V, selected column at 0, every other line at V/2; the (M − 1) + (N − 1) cells on the selected
    /// lines see V/2, the rest nothing.
    /// </summary>
    HalfVoltage,

    /// <summary>
    /// V/3: selected row at V, selected column at 0, other rows at V/3 and other columns at 2V/3; every unselected cell
    /// sees V/3 (those off the selected lines in the opposite polarity): lower peak disturb, more leakage.
    /// </summary>
    ThirdVoltage,
}
