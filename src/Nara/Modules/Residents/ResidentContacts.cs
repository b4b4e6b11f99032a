using Microsoft.EntityFrameworkCore;
using Nara.Modules.Residents.Contracts;
using Nara.Modules.Residents.Domain;
using Nara.Platform.Access;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Modules.Residents;

[NoAccessCheck("Contact details for the outbox dispatcher, which delivers messages already written.")]
public sealed class ResidentContacts(NaraDbContext db) : IResidentContacts
{
    public Task<ResidentContact?> GetContactAsync(ResidentId id, CancellationToken ct) =>
        db.Set<Resident>().AsNoTracking().Where(r => r.Id == id)
            .Select(r => new ResidentContact(r.Email, r.Phone, r.PreferredChannel)).FirstOrDefaultAsync(ct);

    public async Task<IReadOnlyDictionary<ResidentId, ResidentContact>> GetContactsAsync(IReadOnlyCollection<ResidentId> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return new Dictionary<ResidentId, ResidentContact>();
        }
        var list = ids.Distinct().ToList();
        return await db.Set<Resident>().AsNoTracking().Where(r => list.Contains(r.Id))
            .Select(r => new { r.Id, Contact = new ResidentContact(r.Email, r.Phone, r.PreferredChannel) })
            .ToDictionaryAsync(x => x.Id, x => x.Contact, ct);
    }
}
