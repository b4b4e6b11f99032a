using Nara.Platform.Identifiers;

namespace Nara.Modules.Residents.Contracts;

/// <summary>How to reach a resident with a notification: only the outbox uses this, at the moment it sends.</summary>
/// <param name="Email">E-mail address, if given.</param>
/// <param name="Phone">Mobile number for text messages, if given.</param>
/// <param name="PreferredChannel">The channel the resident chose.</param>
public sealed record ResidentContact(string? Email, string? Phone, NotificationChannel PreferredChannel);

/// <summary>
/// Contact details for notifications. Personal data: the caller must not log or store them; it reads them when it sends
/// and forgets them.
/// </summary>
public interface IResidentContacts
{
    /// <summary>The resident's contact details, or null when the resident does not exist.</summary>
    Task<ResidentContact?> GetContactAsync(ResidentId id, CancellationToken ct);

    /// <summary>The contact details of several residents in one lookup, by id; residents that do not exist are left out.</summary>
    Task<IReadOnlyDictionary<ResidentId, ResidentContact>> GetContactsAsync(IReadOnlyCollection<ResidentId> ids, CancellationToken ct);
}
