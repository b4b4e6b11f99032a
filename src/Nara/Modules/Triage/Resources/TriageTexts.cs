namespace Nara.Modules.Triage.Resources;

/// <summary>The Triage module's UI texts: TriageTexts.resx (Swedish) and TriageTexts.en.resx (English), beside this file.</summary>
public sealed class TriageTexts;
