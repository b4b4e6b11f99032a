namespace Nara.Modules.Monitoring.Resources;

/// <summary>The Monitoring module's UI texts: MonitoringTexts.resx (Swedish) and MonitoringTexts.en.resx (English), beside this file.</summary>
public sealed class MonitoringTexts;
