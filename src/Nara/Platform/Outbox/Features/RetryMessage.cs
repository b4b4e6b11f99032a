using Microsoft.EntityFrameworkCore;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Persistence;

namespace Nara.Platform.Outbox.Features;

/// <summary>An administrator sends a failed (or waiting-to-retry) message again now, with a fresh set of attempts.</summary>
[NoAccessCheck("An administrator retries a failed delivery by its number; no recipient or text is read or shown.")]
public sealed class RetryMessage(NaraDbContext db, TimeProvider time) : IFeature
{
    /// <summary>True when the message was put back in the queue; false when it does not exist or is not failed or retrying.</summary>
    public async Task<bool> HandleAsync(long id, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var changed = await db.Set<OutboxMessage>()
            .Where(m => m.Id == id && (m.Status == OutboxStatus.Failed || (m.Status == OutboxStatus.Pending && m.Attempts > 0)))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Pending)
                .SetProperty(m => m.Attempts, 0)
                .SetProperty(m => m.NextAttemptAt, now), ct);
        return changed == 1;
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/utkorg/{id:long}/forsok-igen", async (long id, RetryMessage handler, NaraDbContext db, CancellationToken ct) =>
            {
                if (await handler.HandleAsync(id, ct))
                {
                    return Results.NoContent();
                }
                return await db.Set<OutboxMessage>().AnyAsync(m => m.Id == id, ct)
                    ? Problems.Conflict("Meddelandet har inte misslyckats och kan inte försökas igen.")
                    : Problems.NotFound("Meddelandet");
            })
            .RequireAuthorization(NaraPolicies.Administrator)
            .WithTags("Utkorg")
            .WithSummary("Försök skicka ett misslyckat meddelande igen nu.");
}
