namespace Nara.Modules.Residents.Resources;

/// <summary>The Residents module's UI texts: ResidentsTexts.resx (Swedish) and ResidentsTexts.en.resx (English), beside this file.</summary>
public sealed class ResidentsTexts;
