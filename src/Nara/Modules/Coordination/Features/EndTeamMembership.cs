using Microsoft.EntityFrameworkCore;
using Nara.Modules.Coordination.Contracts;
using Nara.Modules.Coordination.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Modules.Coordination.Features;

/// <summary>
/// Staff with access remove a member from the team: the membership ends now (kept as history with who ended it and why),
/// the unit's care relationship through it ends with it, and a fixed contact the member was for the person ends too.
/// </summary>
public sealed class EndTeamMembership(NaraDbContext db, ResidentAccess access, TimeProvider time) : IFeature
{
    /// <param name="Reason">Why, if said (at most 400 characters).</param>
    public sealed record Request(string? Reason);

    public async Task HandleAsync(Actor actor, ResidentId resident, CareTeamMemberId id, Request request, CancellationToken ct)
    {
        var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
        if (reason is { Length: > 400 })
        {
            throw ProblemException.Invalid("reason", "Skälet får vara högst 400 tecken.");
        }
        var grant = await access.RequireAsync(actor, resident, CareTeams.Change, ct);
        var member = await db.Set<CareTeamMember>().FirstOrDefaultAsync(m => m.Id == id && m.ResidentId == resident, ct)
            ?? throw ProblemException.NotFound("memberId", "Medlemmen finns inte i personens vårdteam.");
        if (member.To is not null)
        {
            throw ProblemException.Conflict("memberId", "Medlemmen har redan lämnat vårdteamet.");
        }
        var now = time.GetUtcNow();
        member.To = now;
        member.EndedBy = actor.Id;
        member.EndedByName = actor.Name;
        member.EndReason = reason;
        var ended = new List<FixedContactKind>();
        if (member.StaffId is { } staff)
        {
            foreach (var f in await db.Set<FixedContact>().Where(f => f.ResidentId == resident && f.StaffId == staff && f.UnitId == member.UnitId && f.To == null).ToListAsync(ct))
            {
                f.To = now;
                ended.Add(f.Kind);
            }
        }
        var detail = "Lämnade vårdteamet" + (ended.Count > 0 ? $" (och upphörde som {string.Join(" och ", ended.Select(CareTeams.KindText))})" : "") + (reason is null ? "" : $": {reason}");
        await CareTeams.SaveAsync(db, grant, detail, ct);
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/residents/{residentId:guid}/care-team/{memberId:guid}/end", async (Guid residentId, Guid memberId, Request? request, HttpContext http, EndTeamMembership handler, CancellationToken ct) =>
            {
                await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new ResidentId(residentId), new CareTeamMemberId(memberId), request ?? new Request(null), ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(NaraPolicies.Vardpersonal)
            .WithProblems()
            .WithWriteLimit()
            .WithTags("Vårdteam")
            .WithSummary("Ta bort en medlem ur vårdteamet (reason valfritt). Vårdrelationen genom medlemskapet upphör; är medlemmen fast vårdkontakt eller fast läkarkontakt upphör det också.");
}
