using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Outbox.Features;

namespace Nara.Platform.Outbox;

/// <summary>The count beside "Meddelanden till dig" in the menu: the resident's unread messages.</summary>
internal sealed class UnreadMessagesBadge(CountUnreadMessages count) : INavBadge
{
    public async Task<int> CountAsync(Actor actor, CancellationToken ct) => actor.IsResident ? (await count.HandleAsync(actor, ct)).Count : 0;
}
