namespace Nara.Modules.Messaging.Resources;

/// <summary>The Messaging module's UI texts: MessagingTexts.resx (Swedish) and MessagingTexts.en.resx (English), beside this file.</summary>
public sealed class MessagingTexts;
