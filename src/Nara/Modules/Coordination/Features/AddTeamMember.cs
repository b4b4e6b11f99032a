using Microsoft.EntityFrameworkCore;
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
/// Staff with access to a person add a member to the person's care team: a member of staff at a unit, or a unit as a
/// whole (a home help group). From then on the member's unit has a care relationship with the person; what the other
/// principal has written it still sees only with the person's consent to sharing.
/// </summary>
public sealed class AddTeamMember(NaraDbContext db, ResidentAccess access, IOrganisationDirectory organisation, TimeProvider time) : IFeature
{
    /// <param name="UnitId">The member's unit (required).</param>
    /// <param name="StaffId">The member of staff; leave out to add the unit as a whole.</param>
    /// <param name="Role">The role for this person, e.g. "Diabetessjuksköterska" (at most 100 characters).</param>
    public sealed record Request(Guid? UnitId, Guid? StaffId, string? Role);

    public sealed record Added(Guid Id, Guid UnitId, Guid? StaffId, string? Role, DateTimeOffset From);

    public async Task<Added> HandleAsync(Actor actor, ResidentId resident, Request request, CancellationToken ct)
    {
        var role = string.IsNullOrWhiteSpace(request.Role) ? null : request.Role.Trim();
        if (role is { Length: > 100 })
        {
            throw ProblemException.Invalid("role", "Rollen får vara högst 100 tecken.");
        }
        if (request.UnitId is not { } unitId || await organisation.GetUnitAsync(new UnitId(unitId), ct) is not { } unit)
        {
            throw ProblemException.Invalid("unitId", "Välj en enhet som finns.");
        }
        StaffSummary? staff = null;
        if (request.StaffId is { } staffId)
        {
            staff = await organisation.GetStaffAsync(new StaffId(staffId), ct);
            if (staff is null || !staff.Units.Contains(unit.Id))
            {
                throw ProblemException.Invalid("staffId", $"Personen arbetar inte på {unit.Name}. Välj någon på enheten, eller lägg till enheten utan namn.");
            }
        }
        var grant = await access.RequireAsync(actor, resident, CareTeams.Change, ct);
        var member = await AddAsync(db, actor, resident, unit.Id, staff?.Id, role, time.GetUtcNow(), ct)
            ?? throw ProblemException.Conflict(staff is null ? "unitId" : "staffId", staff is null ? $"{unit.Name} är redan med i vårdteamet." : $"{staff.Name} är redan med i vårdteamet.");
        await CareTeams.SaveAsync(db, grant, $"Ny i vårdteamet: {(staff is null ? unit.Name : $"{CareTeams.Describe(staff)}, {unit.Name}")}", ct);
        return new Added(member.Id.Value, unit.Id.Value, staff?.Id.Value, role, member.From);
    }

    /// <summary>Adds the member to the context unless they are already an active member (then null). Saves nothing.</summary>
    internal static async Task<CareTeamMember?> AddAsync(NaraDbContext db, Actor actor, ResidentId resident, UnitId unit, StaffId? staff, string? role, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.Set<CareTeamMember>().AnyAsync(m => m.ResidentId == resident && m.UnitId == unit && m.StaffId == staff && m.To == null, ct))
        {
            return null;
        }
        var member = new CareTeamMember { ResidentId = resident, UnitId = unit, StaffId = staff, Role = role, From = now, AddedBy = actor.Id, AddedByName = actor.Name };
        db.Add(member);
        return member;
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/residents/{residentId:guid}/care-team", async (Guid residentId, Request request, HttpContext http, AddTeamMember handler, CancellationToken ct) =>
            {
                var added = await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new ResidentId(residentId), request, ct);
                return TypedResults.Created($"/api/residents/{residentId}/care-team", added);
            })
            .RequireAuthorization(NaraPolicies.Vardpersonal)
            .WithProblems()
            .WithWriteLimit()
            .WithTags("Vårdteam")
            .WithSummary("Lägg till en medlem i personens vårdteam: unitId och eventuellt staffId (annars enheten som helhet, t.ex. hemtjänsten) och roll. Medlemskapet är en vårdrelation med enheten så länge det varar.");
}
