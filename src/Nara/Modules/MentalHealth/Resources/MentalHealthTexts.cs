namespace Nara.Modules.MentalHealth.Resources;

/// <summary>The MentalHealth module's UI texts: MentalHealthTexts.resx (Swedish) and MentalHealthTexts.en.resx (English), beside this file.</summary>
public sealed class MentalHealthTexts;
