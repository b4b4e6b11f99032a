namespace Nara.Components.Shared;

/// <summary>One line or set of bars in a <see cref="Chart"/>: its name in the legend and table, and a value per label (none where missing).</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double?> Values)
{
    /// <summary>Drawn dashed without points: a target or a limit rather than a measurement.</summary>
    public bool Dashed { get; init; }

    /// <summary>A colour of its own (CSS hex); by default the next of the palette.</summary>
    public string? Colour { get; init; }
}
