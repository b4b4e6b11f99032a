namespace Nara.Modules.Records.Resources;

/// <summary>The Records module's UI texts: RecordsTexts.resx (Swedish) and RecordsTexts.en.resx (English), beside this file.</summary>
public sealed class RecordsTexts;
