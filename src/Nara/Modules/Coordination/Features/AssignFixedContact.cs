using Microsoft.EntityFrameworkCore;
using Nara.Modules.Coordination.Contracts;
using Nara.Modules.Coordination.Domain;
using Nara.Modules.Organisation.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Modules.Coordination.Features;

/// <summary>
/// Staff with access appoint a person's fixed care contact (fast vårdkontakt, HSL 6 kap. 2 §) or fixed doctor (fast
/// läkarkontakt, HSL 7 kap. 3 §; a physician), one of each at a time: the previous one ends as the new one starts, and
/// the history is kept. The appointed member of staff joins the care team if they are not in it. Staff can also end
/// an appointment without a successor.
/// </summary>
public sealed class AssignFixedContact(NaraDbContext db, ResidentAccess access, IOrganisationDirectory organisation, TimeProvider time) : IFeature
{
    /// <param name="StaffId">Who (required).</param>
    /// <param name="UnitId">The unit they are the contact from; may be left out when they work at one unit, or at the caller's.</param>
    public sealed record Request(Guid? StaffId, Guid? UnitId);

    public async Task<GetCareTeam.Fixed> HandleAsync(Actor actor, ResidentId resident, FixedContactKind? kind, Request request, CancellationToken ct)
    {
        if (kind is not { } k || !Enum.IsDefined(k))
        {
            throw ProblemException.Invalid("kind", "Välj FastVardkontakt eller FastLakarkontakt.");
        }
        if (request.StaffId is not { } staffId || await organisation.GetStaffAsync(new StaffId(staffId), ct) is not { } staff)
        {
            throw ProblemException.Invalid("staffId", "Välj en person i personalen.");
        }
        if (k == FixedContactKind.FastLakarkontakt && staff.Profession != Profession.Lakare)
        {
            throw ProblemException.Invalid("staffId", "En fast läkarkontakt ska vara läkare.");
        }
        var unit = request.UnitId is { } u ? new UnitId(u)
            : staff.Units.Count == 1 ? staff.Units[0]
            : actor.Unit is { } mine && staff.Units.Contains(mine) ? mine
            : throw ProblemException.Invalid("unitId", $"{staff.Name} arbetar på flera enheter. Ange vilken.");
        if (!staff.Units.Contains(unit))
        {
            throw ProblemException.Invalid("unitId", $"{staff.Name} arbetar inte på den enheten.");
        }
        var grant = await access.RequireAsync(actor, resident, CareTeams.Change, ct);
        var now = time.GetUtcNow();
        var previous = await db.Set<FixedContact>().FirstOrDefaultAsync(f => f.ResidentId == resident && f.Kind == k && f.To == null, ct);
        if (previous is not null && previous.StaffId == staff.Id && previous.UnitId == unit)
        {
            throw ProblemException.Conflict("staffId", $"{staff.Name} är redan {CareTeams.KindText(k)}.");
        }
        // The previous one ends first, in the same transaction: the unique index allows one open appointment of a kind.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (previous is not null)
        {
            previous.To = now;
            await db.SaveChangesAsync(ct);
        }
        var appointed = new FixedContact { ResidentId = resident, Kind = k, StaffId = staff.Id, UnitId = unit, From = now, AssignedBy = actor.Id, AssignedByName = actor.Name };
        db.Add(appointed);
        var joined = await AddTeamMember.AddAsync(db, actor, resident, unit, staff.Id, null, now, ct) is not null;
        var unitName = (await organisation.GetUnitAsync(unit, ct))?.Name ?? "–";
        await CareTeams.SaveAsync(db, grant, $"Ny {CareTeams.KindText(k)}: {CareTeams.Describe(staff)}, {unitName}" + (joined ? " (ny i vårdteamet)" : ""), ct);
        await transaction.CommitAsync(ct);
        return new GetCareTeam.Fixed(appointed.Id.Value, k, staff.Id.Value, staff.Name, staff.Profession, unit.Value, unitName, now, null, actor.Name);
    }

    public async Task EndAsync(Actor actor, ResidentId resident, FixedContactKind? kind, CancellationToken ct)
    {
        if (kind is not { } k || !Enum.IsDefined(k))
        {
            throw ProblemException.Invalid("kind", "Välj FastVardkontakt eller FastLakarkontakt.");
        }
        var grant = await access.RequireAsync(actor, resident, CareTeams.Change, ct);
        var current = await db.Set<FixedContact>().FirstOrDefaultAsync(f => f.ResidentId == resident && f.Kind == k && f.To == null, ct)
            ?? throw ProblemException.NotFound("kind", $"Personen har ingen {CareTeams.KindText(k)}.");
        current.To = time.GetUtcNow();
        await CareTeams.SaveAsync(db, grant, $"Upphörde som {CareTeams.KindText(k)}", ct);
    }

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPut("/api/residents/{residentId:guid}/fixed-contacts/{kind}", async (Guid residentId, string kind, Request request, HttpContext http, AssignFixedContact handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new ResidentId(residentId), ParseKind(kind), request, ct)))
            .RequireAuthorization(NaraPolicies.Vardpersonal)
            .WithProblems()
            .WithWriteLimit()
            .WithTags("Vårdteam")
            .WithSummary("Utse fast vårdkontakt (kind FastVardkontakt) eller fast läkarkontakt (FastLakarkontakt, en läkare): staffId och vid behov unitId. Den tidigare upphör; historiken sparas.");
        endpoints.MapDelete("/api/residents/{residentId:guid}/fixed-contacts/{kind}", async (Guid residentId, string kind, HttpContext http, AssignFixedContact handler, CancellationToken ct) =>
            {
                await handler.EndAsync(Actor.FromPrincipal(http.User)!, new ResidentId(residentId), ParseKind(kind), ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(NaraPolicies.Vardpersonal)
            .WithProblems()
            .WithWriteLimit()
            .WithTags("Vårdteam")
            .WithSummary("Avsluta den fasta vårdkontakten eller läkarkontakten utan efterträdare.");
    }

    private static FixedContactKind? ParseKind(string kind) => Enum.TryParse<FixedContactKind>(kind, ignoreCase: true, out var k) && Enum.IsDefined(k) ? k : null;
}
