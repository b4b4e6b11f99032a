namespace Nara.Modules.CareGuarantee.Resources;

/// <summary>The CareGuarantee module's UI texts: CareGuaranteeTexts.resx (Swedish) and CareGuaranteeTexts.en.resx (English), beside this file.</summary>
public sealed class CareGuaranteeTexts;
