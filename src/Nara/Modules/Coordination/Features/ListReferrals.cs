using Microsoft.EntityFrameworkCore;
using Nara.Modules.Coordination.Contracts;
using Nara.Modules.Coordination.Domain;
using Nara.Modules.Organisation.Contracts;
using Nara.Modules.Residents.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Modules.Coordination.Features;

/// <summary>
/// Referrals as their readers need them: the receiving unit's inbox (open ones, most urgent and oldest first), what a unit
/// has sent (newest first, with the answers), a person's referrals (for the person, a guardian, or staff with access),
/// and one referral with its history (for the sending or receiving unit, or the person). Lists of a unit's own referrals
/// are that unit's record and audited per person shown.
/// </summary>
public sealed class ListReferrals(NaraDbContext db, ResidentAccess access, IOrganisationDirectory organisation, IResidentDirectory residents) : IFeature
{
    public const int Max = 200;

    /// <param name="At">When.</param>
    /// <param name="ByName">Who.</param>
    /// <param name="What">What happened.</param>
    /// <param name="Text">What they wrote.</param>
    public sealed record Step(DateTimeOffset At, string ByName, string What, string? Text);

    /// <param name="Id">The referral.</param>
    /// <param name="ResidentId">Whom it is about.</param>
    /// <param name="Name">Their name.</param>
    /// <param name="Kind">Remiss, Konsultation or Hemsjukvard.</param>
    /// <param name="FromUnitId">The sending unit.</param>
    /// <param name="FromUnitName">Its name.</param>
    /// <param name="FromStaffName">Who sent it.</param>
    /// <param name="ToUnitId">The receiving unit.</param>
    /// <param name="ToUnitName">Its name.</param>
    /// <param name="Question">Frågeställning.</param>
    /// <param name="Background">Background.</param>
    /// <param name="Priority">Rutin, Fortur or Akut.</param>
    /// <param name="Status">Where it stands.</param>
    /// <param name="SentAt">When it was sent.</param>
    /// <param name="AcceptedAt">When it was accepted.</param>
    /// <param name="Answer">The answer, or why it was returned.</param>
    /// <param name="AnsweredByName">Who answered.</param>
    /// <param name="History">Every step, oldest first (only when one referral is read).</param>
    public sealed record Item(Guid Id, Guid ResidentId, string Name, ReferralKind Kind, Guid FromUnitId, string FromUnitName, string FromStaffName,
        Guid ToUnitId, string ToUnitName, string Question, string? Background, ReferralPriority Priority, ReferralStatus Status, DateTimeOffset SentAt,
        DateTimeOffset? AcceptedAt, string? Answer, string? AnsweredByName, IReadOnlyList<Step> History);

    private static readonly ReferralStatus[] Open = [ReferralStatus.Skickad, ReferralStatus.KompletteringBegard, ReferralStatus.Accepterad];

    /// <summary>The unit's inbox (<paramref name="sent"/> false) or what it has sent.</summary>
    public async Task<IReadOnlyList<Item>> ForUnitAsync(Actor actor, bool sent, CancellationToken ct)
    {
        if (!actor.IsClinician || actor.Unit is not { } unit)
        {
            throw ProblemException.Forbidden("Remisser visas för personal som arbetar på en enhet.");
        }
        var rows = sent
            ? await db.Set<Referral>().AsNoTracking().Where(r => r.FromUnitId == unit).OrderByDescending(r => r.SentAt).Take(Max).ToListAsync(ct)
            : (await db.Set<Referral>().AsNoTracking().Where(r => r.ToUnitId == unit && Open.Contains(r.Status)).Take(Max * 5).ToListAsync(ct))
                .OrderByDescending(r => r.Priority).ThenBy(r => r.SentAt).Take(Max).ToList();
        var items = await ItemsAsync(rows, [], ct);
        await access.AuditUnitListAsync(actor, rows.Select(r => r.ResidentId), Referrals.AuditResource, AuditAction.Read, sent ? "Skickade remisser" : "Remissinkorg", ct);
        return items;
    }

    /// <summary>A person's referrals, newest first; access decided and audited here.</summary>
    public async Task<IReadOnlyList<Item>> ForResidentAsync(Actor actor, ResidentId resident, CancellationToken ct)
    {
        var grant = await access.RequireAsync(actor, resident, AccessRequest.Read(Referrals.AuditResource) with { AuditWhenDone = true }, ct);
        var rows = await db.Set<Referral>().AsNoTracking().Where(r => r.ResidentId == resident).OrderByDescending(r => r.SentAt).Take(Max).ToListAsync(ct);
        if (!actor.IsResident)
        {
            // What another unit has written is shown only if the rules show that unit's information (blocks, the other principal).
            var hidden = await access.HiddenUnitsAsync(actor, resident, ct);
            rows = rows.Where(r => !hidden.Contains(r.FromUnitId) || r.ToUnitId == actor.Unit).ToList();
        }
        var items = await ItemsAsync(rows, [], ct);
        await grant.AuditAsync(null, ct);
        return items;
    }

    /// <summary>One referral with its history, for the sending or receiving unit, or the person (or a guardian).</summary>
    public async Task<Item> OneAsync(Actor actor, ReferralId id, CancellationToken ct)
    {
        var referral = await db.Set<Referral>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw ProblemException.NotFound("id", "Remissen finns inte.");
        var request = AccessRequest.Read(Referrals.AuditResource) with { HiddenAs = ("id", "Remissen finns inte.") };
        if (!actor.IsResident)
        {
            if (actor.Unit != referral.FromUnitId && actor.Unit != referral.ToUnitId)
            {
                await access.AuditRefusalAsync(actor, referral.ResidentId, Referrals.AuditResource, AuditAction.Read, ct);
                throw ProblemException.Forbidden("Remissen visas för den enhet som skickade den och den som tog emot den.");
            }
            request = request.AtUnitRecord(actor.Unit!.Value);
        }
        await access.RequireAsync(actor, referral.ResidentId, request, ct);
        var history = await db.Set<ReferralEvent>().AsNoTracking().Where(e => e.ReferralId == id).OrderBy(e => e.At).ToListAsync(ct);
        return (await ItemsAsync([referral], history, ct))[0];
    }

    private async Task<IReadOnlyList<Item>> ItemsAsync(IReadOnlyList<Referral> rows, IReadOnlyList<ReferralEvent> history, CancellationToken ct)
    {
        var units = await organisation.GetUnitsAsync(rows.Select(r => r.FromUnitId).Concat(rows.Select(r => r.ToUnitId)).Distinct(), ct);
        var names = await residents.GetManyAsync(rows.Select(r => r.ResidentId).Distinct().ToList(), ct);
        var steps = history.Select(e => new Step(e.At, e.ByName, e.What, e.Text)).ToList();
        return rows.Select(r => new Item(r.Id.Value, r.ResidentId.Value, names.GetValueOrDefault(r.ResidentId)?.Name ?? "–", r.Kind,
            r.FromUnitId.Value, units.GetValueOrDefault(r.FromUnitId)?.Name ?? "–", r.FromStaffName, r.ToUnitId.Value, units.GetValueOrDefault(r.ToUnitId)?.Name ?? "–",
            r.Question, r.Background, r.Priority, r.Status, r.SentAt, r.AcceptedAt, r.Answer, r.AnsweredByName, steps)).ToList();
    }

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/referrals", async (bool? sent, HttpContext http, ListReferrals handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.ForUnitAsync(Actor.FromPrincipal(http.User)!, sent ?? false, ct)))
            .RequireAuthorization(NaraPolicies.Vardpersonal)
            .WithProblems()
            .WithTags("Remisser")
            .WithSummary("Din enhets remissinkorg (öppna remisser, mest brådskande och äldsta först), eller med sent=true det enheten har skickat.");
        endpoints.MapGet("/api/referrals/{id:guid}", async (Guid id, HttpContext http, ListReferrals handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.OneAsync(Actor.FromPrincipal(http.User)!, new ReferralId(id), ct)))
            .RequireAuthorization()
            .WithProblems()
            .WithTags("Remisser")
            .WithSummary("En remiss med dess historik: för avsändande och mottagande enhet, och för personen själv.");
        endpoints.MapGet("/api/residents/{residentId:guid}/referrals", async (Guid residentId, HttpContext http, ListReferrals handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.ForResidentAsync(Actor.FromPrincipal(http.User)!, new ResidentId(residentId), ct)))
            .RequireAuthorization()
            .WithProblems()
            .WithTags("Remisser")
            .WithSummary("Personens remisser, nyaste först.");
    }
}
