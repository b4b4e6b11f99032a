namespace Nara.Modules.VirtualCare.Resources;

/// <summary>The VirtualCare module's UI texts: VirtualCareTexts.resx (Swedish) and VirtualCareTexts.en.resx (English), beside this file.</summary>
public sealed class VirtualCareTexts;
