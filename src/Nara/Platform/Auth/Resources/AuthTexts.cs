namespace Nara.Platform.Auth.Resources;

/// <summary>The UI texts of Platform/Auth: AuthTexts.resx (Swedish) and AuthTexts.en.resx (English), beside this file.</summary>
public sealed class AuthTexts;
