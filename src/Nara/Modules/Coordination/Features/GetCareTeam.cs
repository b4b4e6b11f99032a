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
/// A resident's care team across region and municipality: the members now and before, the fixed care contact and fixed
/// doctor with their history, and how to reach each unit. For the resident themself, a guardian, or staff with access
/// (decided and audited by the caller or the endpoint filter). The team is shared by region and municipality alike: who
/// is in it is shown to every member whatever the principal (the person's consent governs the record, not the roster),
/// but not members at units the person has blocked; the count says so.
/// </summary>
public sealed class GetCareTeam(NaraDbContext db, ResidentAccess access, IOrganisationDirectory organisation) : IFeature
{
    public const string AuditResource = CareTeams.AuditResource;

    /// <param name="Id">The membership.</param>
    /// <param name="UnitId">The member's unit.</param>
    /// <param name="UnitName">Its name.</param>
    /// <param name="UnitType">Its kind.</param>
    /// <param name="Principal">Region or municipality.</param>
    /// <param name="StaffId">The member of staff; null when the unit as a whole is the member.</param>
    /// <param name="StaffName">Their name.</param>
    /// <param name="Profession">Their profession.</param>
    /// <param name="Role">The role for this person, in the team's words.</param>
    /// <param name="From">Member since.</param>
    /// <param name="To">Member until, for a former member.</param>
    /// <param name="AddedByName">Who added them.</param>
    /// <param name="EndedByName">Who removed them.</param>
    /// <param name="EndReason">Why, if said.</param>
    /// <param name="FixedAs">The fixed contacts this member is now.</param>
    /// <param name="OpeningHours">The unit's opening hours ("Mo-Fr 08:00-17:00"), for reaching them.</param>
    public sealed record Member(Guid Id, Guid UnitId, string UnitName, UnitType UnitType, Principal Principal, Guid? StaffId, string? StaffName,
        Profession? Profession, string? Role, DateTimeOffset From, DateTimeOffset? To, string AddedByName, string? EndedByName, string? EndReason,
        IReadOnlyList<FixedContactKind> FixedAs, string? OpeningHours);

    /// <param name="Id">The appointment.</param>
    /// <param name="Kind">Fixed care contact or fixed doctor.</param>
    /// <param name="StaffId">Who.</param>
    /// <param name="StaffName">Their name.</param>
    /// <param name="Profession">Their profession.</param>
    /// <param name="UnitId">Where they work for this person.</param>
    /// <param name="UnitName">Its name.</param>
    /// <param name="From">Since.</param>
    /// <param name="To">Until, for a former one.</param>
    /// <param name="AssignedByName">Who appointed them.</param>
    public sealed record Fixed(Guid Id, FixedContactKind Kind, Guid StaffId, string StaffName, Profession? Profession, Guid UnitId, string UnitName,
        DateTimeOffset From, DateTimeOffset? To, string AssignedByName);

    /// <param name="ResidentId">Whose team.</param>
    /// <param name="Members">The members now, fixed contacts first, then by unit and name.</param>
    /// <param name="Former">Former members, most recently ended first.</param>
    /// <param name="FixedContacts">The fixed care contact and fixed doctor now (at most one of each).</param>
    /// <param name="FixedHistory">Earlier fixed contacts, most recent first.</param>
    /// <param name="Hidden">Members not shown to this member of staff: at units the person has blocked.</param>
    /// <param name="NotShared">The other principal, when its record is hidden from this member of staff for want of the person's consent.</param>
    public sealed record Team(Guid ResidentId, IReadOnlyList<Member> Members, IReadOnlyList<Member> Former, IReadOnlyList<Fixed> FixedContacts,
        IReadOnlyList<Fixed> FixedHistory, int Hidden, Principal? NotShared);

    /// <summary>The team, for an actor whose access to the resident has been decided and audited.</summary>
    public async Task<Team> HandleAsync(Actor actor, ResidentId resident, CancellationToken ct)
    {
        var hidden = await access.HiddenAsync(actor, resident, ct);
        var members = await db.Set<CareTeamMember>().AsNoTracking().Where(m => m.ResidentId == resident).ToListAsync(ct);
        var fixeds = await db.Set<FixedContact>().AsNoTracking().Where(f => f.ResidentId == resident).ToListAsync(ct);
        var shownMembers = members.Where(m => !hidden.Blocked.Contains(m.UnitId)).ToList();
        var shownFixed = fixeds.Where(f => !hidden.Blocked.Contains(f.UnitId)).ToList();
        var units = await organisation.GetUnitsAsync(shownMembers.Select(m => m.UnitId).Concat(shownFixed.Select(f => f.UnitId)), ct);
        var staff = await organisation.GetStaffAsync(shownMembers.Where(m => m.StaffId is not null).Select(m => m.StaffId!.Value).Concat(shownFixed.Select(f => f.StaffId)), ct);
        var hours = new Dictionary<UnitId, string?>();
        foreach (var u in units.Keys)
        {
            hours[u] = await organisation.GetOpeningHoursAsync(u, ct);
        }
        var current = shownFixed.Where(f => f.To is null).ToList();

        Member ToMember(CareTeamMember m)
        {
            var unit = units.GetValueOrDefault(m.UnitId);
            var who = m.StaffId is { } s ? staff.GetValueOrDefault(s) : null;
            var fixedAs = m.To is null && m.StaffId is { } sid ? current.Where(f => f.StaffId == sid && f.UnitId == m.UnitId).Select(f => f.Kind).Order().ToList() : [];
            return new Member(m.Id.Value, m.UnitId.Value, unit?.Name ?? "–", unit?.Type ?? UnitType.Vardcentral, UnitTypes.PrincipalOf(unit?.Type ?? UnitType.Vardcentral),
                m.StaffId?.Value, who?.Name, who?.Profession, m.Role, m.From, m.To, m.AddedByName, m.EndedByName, m.EndReason, fixedAs, hours.GetValueOrDefault(m.UnitId));
        }

        Fixed ToFixed(FixedContact f)
        {
            var who = staff.GetValueOrDefault(f.StaffId);
            return new Fixed(f.Id.Value, f.Kind, f.StaffId.Value, who?.Name ?? "–", who?.Profession, f.UnitId.Value, units.GetValueOrDefault(f.UnitId)?.Name ?? "–",
                f.From, f.To, f.AssignedByName);
        }

        var now = shownMembers.Where(m => m.To is null).Select(ToMember)
            .OrderBy(m => m.FixedAs.Count == 0).ThenBy(m => m.Principal).ThenBy(m => m.UnitName, StringComparer.Ordinal).ThenBy(m => m.StaffName, StringComparer.Ordinal).ToList();
        var former = shownMembers.Where(m => m.To is not null).OrderByDescending(m => m.To).Select(ToMember).ToList();
        return new Team(resident.Value, now, former, current.OrderBy(f => f.Kind).Select(ToFixed).ToList(),
            shownFixed.Where(f => f.To is not null).OrderByDescending(f => f.To).Select(ToFixed).ToList(),
            members.Count(m => m.To is null) - shownMembers.Count(m => m.To is null), hidden.NotShared);
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/residents/{residentId}/care-team", async (string residentId, HttpContext http, GetCareTeam handler, CancellationToken ct) =>
                StrongId.TryParse<ResidentId>(residentId, out var id)
                    ? Results.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, id, ct))
                    : Problems.Invalid("residentId", "Id:t är inte ett giltigt id (GUID)."))
            .RequireAuthorization()
            .RequireResidentAccess(AuditResource, AuditAction.Read)
            .WithTags("Vårdteam")
            .WithSummary("Personens vårdteam i region och kommun: medlemmar nu och tidigare, fast vårdkontakt och fast läkarkontakt med historik, och hur enheterna nås.");
}
