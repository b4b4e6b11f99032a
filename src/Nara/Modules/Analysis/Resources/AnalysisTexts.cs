namespace Nara.Modules.Analysis.Resources;

/// <summary>The Analysis module's UI texts: AnalysisTexts.resx (Swedish) and AnalysisTexts.en.resx (English), beside this file.</summary>
public sealed class AnalysisTexts;
