using Nara.Platform.Identifiers;

namespace Nara.Modules.Residents.Contracts;

/// <summary>Legal sex as registered in the population register.</summary>
public enum Sex
{
    /// <summary>Woman.</summary>
    Kvinna,
    /// <summary>Man.</summary>
    Man,
}

/// <summary>How a resident prefers to be notified (not how a care contact took place: that is Records' ContactChannel).</summary>
public enum NotificationChannel
{
    /// <summary>Notifications in Nära (Mina sidor).</summary>
    Portal,
    /// <summary>Text message.</summary>
    Sms,
    /// <summary>E-mail.</summary>
    Epost,
    /// <summary>Paper letter.</summary>
    Brev,
}

/// <summary>A resident as other modules see them.</summary>
/// <param name="Id">The resident.</param>
/// <param name="Personnummer">Twelve-digit personnummer.</param>
/// <param name="Name">Full name.</param>
/// <param name="Sex">Legal sex.</param>
/// <param name="BirthDate">Birth date.</param>
/// <param name="MunicipalityCode">Kommunkod of residence.</param>
/// <param name="ListedUnit">The vårdcentral the resident is listed at now, if any.</param>
public sealed record ResidentSummary(ResidentId Id, string Personnummer, string Name, Sex Sex, DateOnly BirthDate, string MunicipalityCode, UnitId? ListedUnit);
