using Microsoft.EntityFrameworkCore;
using Nara.Modules.Assessments.Domain;
using Nara.Modules.Residents.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Persistence;

namespace Nara.Modules.Assessments;

/// <summary>The number of instruments open for the signed-in person (and their children) to answer, beside "Formulär".</summary>
[NoAccessCheck("A count for the signed-in person of instruments open to them and their children; nothing of them is shown.")]
internal sealed class OpenInstrumentsBadge(NaraDbContext db, IResidentDirectory residents, TimeProvider time) : INavBadge
{
    public async Task<int> CountAsync(Actor actor, CancellationToken ct)
    {
        if (!actor.IsResident)
        {
            return 0;
        }
        var people = (await residents.SelfAndChildrenAsync(actor.ResidentId, ct)).Select(p => p.Id).ToList();
        var now = time.GetUtcNow();
        return await db.Set<InstrumentRequest>().CountAsync(r => people.Contains(r.ResidentId) && r.Status == RequestStatus.Open && r.OpensAt <= now, ct);
    }
}
