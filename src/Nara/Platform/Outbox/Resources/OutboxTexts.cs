namespace Nara.Platform.Outbox.Resources;

/// <summary>The UI texts of Platform/Outbox: OutboxTexts.resx (Swedish) and OutboxTexts.en.resx (English), beside this file.</summary>
public sealed class OutboxTexts;
