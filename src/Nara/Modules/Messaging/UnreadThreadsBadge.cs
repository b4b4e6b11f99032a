using Nara.Modules.Messaging.Features;
using Nara.Modules.Residents.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Persistence;

namespace Nara.Modules.Messaging;

/// <summary>The number of messages from care the signed-in person has not read, in their threads and their children's, beside "Meddelanden".</summary>
[NoAccessCheck("A count for the signed-in person of messages in their own and their children's threads; nothing of the messages is shown.")]
internal sealed class UnreadThreadsBadge(NaraDbContext db, IResidentDirectory residents) : INavBadge
{
    public async Task<int> CountAsync(Actor actor, CancellationToken ct)
    {
        if (!actor.IsResident)
        {
            return 0;
        }
        var people = (await residents.SelfAndChildrenAsync(actor.ResidentId, ct)).Select(p => p.Id).ToList();
        return await ListMyThreads.UnreadAsync(db, people, ct);
    }
}
