namespace Nara.Platform.Access.Resources;

/// <summary>The UI texts of Platform/Access: AccessTexts.resx (Swedish) and AccessTexts.en.resx (English), beside this file.</summary>
public sealed class AccessTexts;
