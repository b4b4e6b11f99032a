using Microsoft.EntityFrameworkCore;
using Nara.Modules.Coordination.Content;
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
/// The coordination at discharge from inpatient care (Lag (2017:612)), step by step with its timestamps: the hospital
/// registers the admission and the admission notice goes to the person's vårdcentral and the municipality's unit in
/// their team; the hospital says the patient is ready for discharge (utskrivningsklar); primary care (or the
/// municipality) calls the coordinated planning; the hospital discharges. Each step is in the stay's history, audited,
/// and refused (409) out of order. The limits are content (<see cref="DischargeRules"/>).
/// </summary>
public sealed class FollowDischarge(NaraDbContext db, ResidentAccess access, IResidentDirectory residents, ICareTeamUnits team, IOrganisationDirectory organisation, TimeProvider time) : IFeature
{
    /// <param name="AdmittedAt">When the person was admitted (ISO 8601 with offset); now when left out.</param>
    public sealed record Admission(DateTimeOffset? AdmittedAt);

    public enum Step
    {
        Utskrivningsklar,
        Kallad,
        Utskriven,
    }

    public async Task<Guid> RegisterAdmissionAsync(Actor actor, ResidentId resident, Admission request, CancellationToken ct)
    {
        var unit = actor.Unit is { } u ? await organisation.GetUnitAsync(u, ct) : null;
        if (unit is null || unit.Type is not (UnitType.Sjukhusklinik or UnitType.Vuxenpsykiatri))
        {
            throw ProblemException.Forbidden("Det är slutenvården (en sjukhusklinik) som skriver in en patient och skickar inskrivningsmeddelandet.");
        }
        var now = time.GetUtcNow();
        var admitted = request.AdmittedAt ?? now;
        if (admitted > now || admitted < now.AddDays(-60))
        {
            throw ProblemException.Invalid("admittedAt", "Inskrivningen ska vara nu eller under de senaste 60 dagarna.");
        }
        var person = await residents.GetAsync(resident, ct) ?? throw ProblemException.NotFound("residentId", "Personen finns inte.");
        if (await db.Set<DischargeStay>().AnyAsync(s => s.ResidentId == resident && s.HospitalUnitId == unit.Id && s.Status != DischargeStatus.Utskriven, ct))
        {
            throw ProblemException.Conflict("residentId", "Personen är redan inskriven här.");
        }
        // The admission makes the hospital's record; a registration, audited as such.
        await access.AuditRegistrationAsync(actor, resident, Sips.DischargeResource, ct);
        var teamUnits = await organisation.GetUnitsAsync(await team.CurrentUnitsAsync(resident, ct), ct);
        var municipal = teamUnits.Values.Where(t => t.Type == UnitType.KommunalHemsjukvard).Concat(teamUnits.Values.Where(t => t.Type == UnitType.Hemtjanst)).FirstOrDefault();
        var stay = new DischargeStay
        {
            ResidentId = resident, HospitalUnitId = unit.Id, PrimaryCareUnitId = person.ListedUnit, MunicipalUnitId = municipal?.Id, AdmittedAt = admitted, AdmissionNoticeAt = now,
        };
        db.Add(stay);
        db.Add(new DischargeEvent { DischargeId = stay.Id, At = now, What = "Inskrivningsmeddelande skickat", ByName = actor.Name, ByUnitId = unit.Id });
        await db.SaveChangesAsync(ct);
        return stay.Id.Value;
    }

    public async Task AdvanceAsync(Actor actor, DischargeId id, Step step, Guid? sipId, CancellationToken ct)
    {
        var stay = await db.Set<DischargeStay>().FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw ProblemException.NotFound("id", "Vårdtillfället finns inte.");
        var hospitalStep = step != Step.Kallad;
        var request = AccessRequest.Write(Sips.DischargeResource) with { AuditWhenDone = true, StaffOnly = "Det är vården som för utskrivningen framåt." };
        var grant = await access.RequireAsync(actor, stay.ResidentId, hospitalStep
            ? request.AtUnitRecord(stay.HospitalUnitId) with { OtherUnitRefusal = "Det är sjukhusenheten som gör det här steget." }
            : request, ct);
        if (!hospitalStep && actor.Unit != stay.PrimaryCareUnitId && actor.Unit != stay.MunicipalUnitId)
        {
            throw ProblemException.Forbidden("Det är den fasta vårdkontakten i öppenvården (eller kommunen) som kallar till planeringen.");
        }
        var now = time.GetUtcNow();
        string what;
        switch (step)
        {
            case Step.Utskrivningsklar when stay.Status == DischargeStatus.Inskriven:
                stay.Status = DischargeStatus.Utskrivningsklar;
                stay.ReadyAt = now;
                what = "Underrättelse: patienten är utskrivningsklar";
                break;
            case Step.Kallad when stay.Status == DischargeStatus.Utskrivningsklar && stay.PlanningCalledAt is null:
                stay.PlanningCalledAt = now;
                what = "Kallelse till samordnad individuell planering";
                if (sipId is { } s)
                {
                    var sip = await db.Set<Sip>().FirstOrDefaultAsync(x => x.Id == new SipId(s) && x.ResidentId == stay.ResidentId, ct)
                        ?? throw ProblemException.Invalid("sipId", "SIP:en finns inte för personen.");
                    sip.DischargeId = stay.Id;
                }
                break;
            case Step.Utskriven when stay.Status == DischargeStatus.Utskrivningsklar:
                stay.Status = DischargeStatus.Utskriven;
                stay.DischargedAt = now;
                what = "Utskriven";
                break;
            default:
                throw ProblemException.Conflict("status", $"Steget passar inte vårdtillfällets läge ({stay.Status}).");
        }
        stay.ConcurrencyToken++;
        db.Add(new DischargeEvent { DischargeId = stay.Id, At = now, What = what, ByName = actor.Name, ByUnitId = actor.Unit!.Value });
        await Sips.SaveAsync(db, grant, what, ct);
    }

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/residents/{residentId:guid}/discharge-stays", async (Guid residentId, Admission request, HttpContext http, FollowDischarge handler, CancellationToken ct) =>
            {
                var id = await handler.RegisterAdmissionAsync(Actor.FromPrincipal(http.User)!, new ResidentId(residentId), request, ct);
                return TypedResults.Created($"/api/residents/{residentId}/discharge-stays", new { id });
            })
            .RequireAuthorization(NaraPolicies.Vardpersonal).WithProblems().WithWriteLimit().WithTags("SIP och utskrivning")
            .WithSummary("Slutenvården skriver in personen och skickar inskrivningsmeddelandet till vårdcentralen och kommunen.");
        endpoints.MapPost("/api/discharge-stays/{id:guid}/{step}", async (Guid id, string step, SipRef? request, HttpContext http, FollowDischarge handler, CancellationToken ct) =>
            {
                if (!Enum.TryParse<Step>(step, true, out var s) || !Enum.IsDefined(s))
                {
                    return Problems.Invalid("step", "Steget ska vara utskrivningsklar, kallad eller utskriven.");
                }
                await handler.AdvanceAsync(Actor.FromPrincipal(http.User)!, new DischargeId(id), s, request?.SipId, ct);
                return Results.NoContent();
            })
            .RequireAuthorization(NaraPolicies.Vardpersonal).WithProblems().WithWriteLimit().WithTags("SIP och utskrivning")
            .WithSummary("Nästa steg: utskrivningsklar (sjukhuset), kallad (öppenvården kallar till planering, valfritt sipId), utskriven (sjukhuset).");
    }

    /// <param name="SipId">The SIP the planning is held in.</param>
    public sealed record SipRef(Guid? SipId);
}
