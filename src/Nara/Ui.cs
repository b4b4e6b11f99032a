namespace Nara;

/// <summary>Marker for the UI string resources (Resources/Ui.resx is Swedish, Ui.en.resx English).</summary>
public sealed class Ui;
