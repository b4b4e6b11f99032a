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
/// A person's SIPs with their participants, the overall responsibility, the meeting, who does what by when and the
/// follow-up: for the person (or a guardian) and for staff in their care of either principal (the person consented to
/// the joint plan). Audited when there is one.
/// </summary>
public sealed class GetSips(NaraDbContext db, ResidentAccess access, IOrganisationDirectory organisation) : IFeature
{
    public sealed record Participant(Guid Id, SipSide Side, Guid? UnitId, string? UnitName, Guid? StaffId, string? Name, string? Role);

    public sealed record ActionItem(Guid Id, string What, Guid UnitId, string UnitName, DateOnly DueOn, bool Done, bool Late);

    /// <summary>A SIP as shown. MeetingAppointmentId is the booked video visit when the meeting is digital (its meeting page is /mote/{id}).</summary>
    public sealed record SipView(Guid Id, string Purpose, SipStatus Status, DateTimeOffset StartedAt, string StartedByName, string ConsentBy, DateTimeOffset ConsentAt,
        Guid ResponsibleUnitId, string ResponsibleUnitName, string? ResponsibleStaffName, DateTimeOffset? MeetingAt, string? MeetingPlace, Guid? MeetingAppointmentId,
        DateOnly? FollowUpOn, Guid? DischargeId, IReadOnlyList<Participant> Participants, IReadOnlyList<ActionItem> Actions);

    public async Task<IReadOnlyList<SipView>> HandleAsync(Actor actor, ResidentId resident, DateOnly today, CancellationToken ct)
    {
        var grant = await access.RequireAsync(actor, resident, AccessRequest.Read(Sips.AuditResource) with { AuditWhenDone = true }, ct);
        var sips = await db.Set<Sip>().AsNoTracking().Where(s => s.ResidentId == resident).OrderByDescending(s => s.StartedAt).ToListAsync(ct);
        if (sips.Count == 0)
        {
            return [];
        }
        var ids = sips.Select(s => s.Id).ToList();
        var participants = await db.Set<SipParticipant>().AsNoTracking().Where(p => ids.Contains(p.SipId)).ToListAsync(ct);
        var actions = await db.Set<SipAction>().AsNoTracking().Where(a => ids.Contains(a.SipId)).OrderBy(a => a.DueOn).ToListAsync(ct);
        var units = await organisation.GetUnitsAsync(sips.Select(s => s.ResponsibleUnitId).Concat(participants.Where(p => p.UnitId != null).Select(p => p.UnitId!.Value)).Concat(actions.Select(a => a.UnitId)), ct);
        var staff = await organisation.GetStaffAsync(sips.Where(s => s.ResponsibleStaffId != null).Select(s => s.ResponsibleStaffId!.Value), ct);
        await grant.AuditAsync(null, ct);
        string Name(UnitId u) => units.GetValueOrDefault(u)?.Name ?? "–";
        return sips.Select(s => new SipView(s.Id.Value, s.Purpose, s.Status, s.StartedAt, s.StartedByName, s.ConsentBy, s.ConsentAt, s.ResponsibleUnitId.Value, Name(s.ResponsibleUnitId),
            s.ResponsibleStaffId is { } rs ? staff.GetValueOrDefault(rs)?.Name : null, s.MeetingAt, s.MeetingPlace, s.MeetingAppointmentId?.Value, s.FollowUpOn, s.DischargeId?.Value,
            participants.Where(p => p.SipId == s.Id).OrderBy(p => p.Side).ThenBy(p => p.Name, StringComparer.Ordinal)
                .Select(p => new Participant(p.Id.Value, p.Side, p.UnitId?.Value, p.UnitId is { } u ? Name(u) : null, p.StaffId?.Value, p.Name, p.Role)).ToList(),
            actions.Where(a => a.SipId == s.Id).Select(a => new ActionItem(a.Id.Value, a.What, a.UnitId.Value, Name(a.UnitId), a.DueOn, a.Done, !a.Done && a.DueOn < today)).ToList())).ToList();
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/residents/{residentId:guid}/sips", async (Guid residentId, HttpContext http, GetSips handler, TimeProvider time, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new ResidentId(residentId), Platform.Time.Stockholm.Today(time), ct)))
            .RequireAuthorization()
            .WithProblems()
            .WithTags("SIP och utskrivning")
            .WithSummary("Personens SIP:ar med deltagare, huvudansvar, möte, insatser och uppföljning.");
}
