using Microsoft.EntityFrameworkCore;
using Nara.Modules.Coordination.Content;
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
/// A person's stays in inpatient care with the coordination at discharge: each step's timestamp, and the clock from
/// "utskrivningsklar" as both principals see it: the days since, when the call to planning is due and whether it came
/// in time, when the municipality's payment responsibility starts. The limits come from content/discharge/. For staff
/// with access (and the hospital on its own record) and the person; audited.
/// </summary>
public sealed class GetDischargeStays(NaraDbContext db, ResidentAccess access, IOrganisationDirectory organisation, DischargeRules rules, TimeProvider time) : IFeature
{
    public sealed record Step(DateTimeOffset At, string What, string ByName);

    /// <summary>
    /// A stay as shown. AdmissionNoticeDue is the admission notice's limit (hours after admission) and AdmissionNoticeOnTime
    /// whether it went within it; DaysSinceReady counts whole days since the notice that the patient is ready for
    /// discharge, while not yet discharged; PlanningCallDue is when the call to coordinated planning is due and
    /// PlanningCallLate whether it is overdue (or came late); PaymentFrom is when the municipality's payment
    /// responsibility starts; Limits are the limits in words, with their sources.
    /// </summary>
    public sealed record Stay(Guid Id, Guid ResidentId, DischargeStatus Status, Guid HospitalUnitId, string HospitalUnitName, string? PrimaryCareUnitName, string? MunicipalUnitName,
        DateTimeOffset AdmittedAt, DateTimeOffset AdmissionNoticeAt, DateTimeOffset AdmissionNoticeDue, bool AdmissionNoticeOnTime, DateTimeOffset? ReadyAt, int? DaysSinceReady,
        DateTimeOffset? PlanningCalledAt, DateTimeOffset? PlanningCallDue, bool PlanningCallLate, DateTimeOffset? PaymentFrom, DateTimeOffset? DischargedAt,
        IReadOnlyList<Step> History, IReadOnlyList<string> Limits);

    public async Task<IReadOnlyList<Stay>> HandleAsync(Actor actor, ResidentId resident, CancellationToken ct)
    {
        var stays = await db.Set<DischargeStay>().AsNoTracking().Where(s => s.ResidentId == resident).OrderByDescending(s => s.AdmittedAt).ToListAsync(ct);
        // The hospital reaches its own stays on their strength; everyone else under the PDL rules.
        var holder = stays.FirstOrDefault(s => s.HospitalUnitId == actor.Unit && s.Status != DischargeStatus.Utskriven)?.HospitalUnitId;
        var request = AccessRequest.Read(Sips.DischargeResource) with { AuditWhenDone = true };
        var grant = await access.RequireAsync(actor, resident, holder is { } h ? request.AtUnitRecord(h) : request, ct);
        if (stays.Count == 0)
        {
            return [];
        }
        var ids = stays.Select(s => s.Id).ToList();
        var events = await db.Set<DischargeEvent>().AsNoTracking().Where(e => ids.Contains(e.DischargeId)).OrderBy(e => e.At).ToListAsync(ct);
        var units = await organisation.GetUnitsAsync(stays.SelectMany(s => new[] { s.HospitalUnitId, s.PrimaryCareUnitId ?? default, s.MunicipalUnitId ?? default }).Where(u => u != default), ct);
        await grant.AuditAsync(null, ct);
        var now = time.GetUtcNow();
        var limits = rules.Limits.Values.Select(l => $"{l.Text.Sv} ({l.Source.Title})").ToList();
        return stays.Select(s => View(s, events.Where(e => e.DischargeId == s.Id).Select(e => new Step(e.At, e.What, e.ByName)).ToList(), units, now, limits)).ToList();
    }

    private Stay View(DischargeStay s, IReadOnlyList<Step> history, IReadOnlyDictionary<UnitId, UnitSummary> units, DateTimeOffset now, IReadOnlyList<string> limits)
    {
        var noticeDue = s.AdmittedAt + rules.AdmissionNotice.Length;
        var callDue = s.ReadyAt + rules.PlanningCall.Length;
        var late = callDue is { } due && (s.PlanningCalledAt is { } called ? called > due : now > due);
        return new Stay(s.Id.Value, s.ResidentId.Value, s.Status, s.HospitalUnitId.Value, units.GetValueOrDefault(s.HospitalUnitId)?.Name ?? "–",
            s.PrimaryCareUnitId is { } p ? units.GetValueOrDefault(p)?.Name : null, s.MunicipalUnitId is { } m ? units.GetValueOrDefault(m)?.Name : null,
            s.AdmittedAt, s.AdmissionNoticeAt, noticeDue, s.AdmissionNoticeAt <= noticeDue, s.ReadyAt,
            s.ReadyAt is { } ready && s.DischargedAt is null ? (int)Math.Floor((now - ready).TotalDays) : null,
            s.PlanningCalledAt, callDue, late, s.ReadyAt + rules.PaymentResponsibility.Length, s.DischargedAt, history, limits);
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/residents/{residentId:guid}/discharge-stays", async (Guid residentId, HttpContext http, GetDischargeStays handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new ResidentId(residentId), ct)))
            .RequireAuthorization()
            .WithProblems()
            .WithTags("SIP och utskrivning")
            .WithSummary("Personens vårdtillfällen i slutenvården med utskrivningens steg och klockan från utskrivningsklar (gränserna från content/discharge).");
}
