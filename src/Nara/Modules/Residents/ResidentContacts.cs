using Microsoft.EntityFrameworkCore;
using Nara.Modules.Residents.Contracts;
using Nara.Modules.Residents.Domain;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Modules.Residents;

public sealed class ResidentContacts(NaraDbContext db) : IResidentContacts
{
    public Task<ResidentContact?> GetContactAsync(ResidentId id, CancellationToken ct) =>
        db.Set<Resident>().AsNoTracking().Where(r => r.Id == id)
            .Select(r => new ResidentContact(r.Email, r.Phone, r.PreferredChannel)).FirstOrDefaultAsync(ct);
}
