namespace Nara.Modules.Assessments.Resources;

/// <summary>The Assessments module's UI texts: AssessmentsTexts.resx (Swedish) and AssessmentsTexts.en.resx (English), beside this file.</summary>
public sealed class AssessmentsTexts;
