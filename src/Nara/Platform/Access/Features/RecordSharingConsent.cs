using Microsoft.EntityFrameworkCore;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Platform.Access.Features;

/// <summary>
/// The person's consent to sharing between region and municipality (<see cref="SharingConsent"/>): read, given and
/// withdrawn by the person themself (or a guardian for a child under 13) or recorded by a member of staff with access
/// to them, who has asked. Each change is one audited write; the history is kept.
/// </summary>
public sealed class RecordSharingConsent(NaraDbContext db, ResidentAccess access, TimeProvider time) : IFeature
{
    public const string AuditResource = "Samtycke region och kommun";

    public sealed record Request(SharingDirection? Direction);

    /// <param name="Id">The consent.</param>
    /// <param name="Direction">Which way information may go.</param>
    /// <param name="GivenAt">When it was given.</param>
    /// <param name="GivenByName">Who recorded it.</param>
    /// <param name="WithdrawnAt">When it was withdrawn, if it was.</param>
    /// <param name="WithdrawnByName">Who recorded the withdrawal.</param>
    public sealed record Item(Guid Id, SharingDirection Direction, DateTimeOffset GivenAt, string GivenByName, DateTimeOffset? WithdrawnAt, string? WithdrawnByName)
    {
        public bool InForce => WithdrawnAt is null;
    }

    /// <summary>Every consent of the person, those in force first, then newest first; for an access already granted.</summary>
    public async Task<IReadOnlyList<Item>> ListAsync(AccessGrant grant, CancellationToken ct) =>
        (await db.Set<SharingConsent>().AsNoTracking().Where(c => c.ResidentId == grant.Resident).ToListAsync(ct))
            .OrderBy(c => c.WithdrawnAt is not null).ThenByDescending(c => c.GivenAt)
            .Select(c => new Item(c.Id.Value, c.Direction, c.GivenAt, c.GivenByName, c.WithdrawnAt, c.WithdrawnByName)).ToList();

    /// <summary>Whose consent this is, or null; the caller then decides access to that person.</summary>
    internal async Task<ResidentId?> ResidentOfAsync(SharingConsentId id, CancellationToken ct) =>
        await db.Set<SharingConsent>().Where(c => c.Id == id).Select(c => (ResidentId?)c.ResidentId).FirstOrDefaultAsync(ct);

    public async Task<IReadOnlyList<Item>> ListAsync(Actor actor, ResidentId resident, CancellationToken ct) =>
        await ListAsync(await access.RequireAsync(actor, resident, AccessRequest.Read(AuditResource), ct), ct);

    public async Task<Item> GiveAsync(Actor actor, ResidentId resident, SharingDirection? direction, CancellationToken ct)
    {
        if (direction is not { } d || !Enum.IsDefined(d))
        {
            throw ProblemException.Invalid("direction", "Välj vilket håll samtycket gäller: RegionTillKommun eller KommunTillRegion.");
        }
        var grant = await access.RequireAsync(actor, resident, AccessRequest.Write(AuditResource) with { AuditWhenDone = true }, ct);
        if (await db.Set<SharingConsent>().AnyAsync(c => c.ResidentId == resident && c.Direction == d && c.WithdrawnAt == null, ct))
        {
            throw ProblemException.Conflict("direction", "Samtycket finns redan.");
        }
        var consent = new SharingConsent { ResidentId = resident, Direction = d, GivenAt = time.GetUtcNow(), GivenBy = actor.Id, GivenByName = actor.Name };
        using (db.CollectWrites())
        {
            db.Add(consent);
            await grant.AuditAsync($"Samtycke givet: {Text(d)}", ct);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (UniqueViolation.IsOn<SharingConsent>(db, e, SharingConsentConfiguration.OneInForce))
            {
                // Given by someone else between the check and the save: the same answer as above, nothing written.
                db.ChangeTracker.Clear();
                throw ProblemException.Conflict("direction", "Samtycket finns redan.");
            }
        }
        return new Item(consent.Id.Value, d, consent.GivenAt, consent.GivenByName, null, null);
    }

    public async Task<Item> WithdrawAsync(Actor actor, ResidentId resident, Guid consentId, CancellationToken ct)
    {
        var grant = await access.RequireAsync(actor, resident, AccessRequest.Write(AuditResource) with { AuditWhenDone = true }, ct);
        var consent = await db.Set<SharingConsent>().FirstOrDefaultAsync(c => c.Id == new SharingConsentId(consentId) && c.ResidentId == resident, ct)
            ?? throw ProblemException.NotFound("consentId", "Samtycket finns inte.");
        if (consent.WithdrawnAt is not null)
        {
            throw ProblemException.Conflict("consentId", "Samtycket är redan återkallat.");
        }
        consent.WithdrawnAt = time.GetUtcNow();
        consent.WithdrawnBy = actor.Id;
        consent.WithdrawnByName = actor.Name;
        using (db.CollectWrites())
        {
            await grant.AuditAsync($"Samtycke återkallat: {Text(consent.Direction)}", ct);
            await db.SaveChangesAsync(ct);
        }
        return new Item(consent.Id.Value, consent.Direction, consent.GivenAt, consent.GivenByName, consent.WithdrawnAt, consent.WithdrawnByName);
    }

    /// <summary>The direction in the audit log's words.</summary>
    public static string Text(SharingDirection d) => d switch
    {
        SharingDirection.RegionTillKommun => "kommunen får se regionens uppgifter",
        SharingDirection.KommunTillRegion => "regionen får se kommunens uppgifter",
        _ => d.ToString(),
    };

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/residents/{residentId:guid}/sharing-consents").RequireAuthorization().WithProblems().WithTags("Samtycke");
        group.MapGet("", async (Guid residentId, HttpContext http, RecordSharingConsent handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.ListAsync(Actor.FromPrincipal(http.User)!, new ResidentId(residentId), ct)))
            .WithSummary("Personens samtycken till att region och kommun ser varandras uppgifter, med historik.");
        group.MapPost("", async (Guid residentId, Request request, HttpContext http, RecordSharingConsent handler, CancellationToken ct) =>
                TypedResults.Created($"/api/residents/{residentId}/sharing-consents",
                    await handler.GiveAsync(Actor.FromPrincipal(http.User)!, new ResidentId(residentId), request.Direction, ct)))
            .WithWriteLimit()
            .WithSummary("Ge samtycke (direction RegionTillKommun: kommunens personal får se regionens uppgifter; KommunTillRegion: tvärtom). Personen själv, vårdnadshavare eller personal med åtkomst som registrerar personens samtycke.");
        group.MapPost("/{consentId:guid}/withdraw", async (Guid residentId, Guid consentId, HttpContext http, RecordSharingConsent handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.WithdrawAsync(Actor.FromPrincipal(http.User)!, new ResidentId(residentId), consentId, ct)))
            .WithWriteLimit()
            .WithSummary("Återkalla ett samtycke. Uppgifterna döljs igen för den andra huvudmannens personal.");
    }
}
