namespace Nara.Modules.Coordination.Resources;

/// <summary>The Coordination module's UI texts: CoordinationTexts.resx (Swedish) and CoordinationTexts.en.resx (English), beside this file.</summary>
public sealed class CoordinationTexts;
