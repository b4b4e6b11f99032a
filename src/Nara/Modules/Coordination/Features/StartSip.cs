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
/// Staff start a SIP with the person: only when the person (or a guardian) has consented, recorded with who consented.
/// The starting unit takes part and, unless another is named, holds the overall responsibility. Audited.
/// </summary>
public sealed class StartSip(NaraDbContext db, ResidentAccess access, IOrganisationDirectory organisation, TimeProvider time) : IFeature
{
    /// <param name="Purpose">What the SIP is for, in plain words (at most 1,000 characters).</param>
    /// <param name="ConsentGiven">The person (or a guardian) has consented to the SIP: required.</param>
    /// <param name="ConsentBy">Who consented: "Personen" (default) or the guardian's name.</param>
    /// <param name="ResponsibleUnitId">The unit with the overall responsibility; your own when left out.</param>
    /// <param name="DischargeId">The stay in inpatient care whose discharge the SIP plans, if any.</param>
    public sealed record Request(string? Purpose, bool? ConsentGiven, string? ConsentBy, Guid? ResponsibleUnitId, Guid? DischargeId);

    public async Task<Guid> HandleAsync(Actor actor, ResidentId resident, Request request, CancellationToken ct)
    {
        var purpose = InputText.Optional(request.Purpose, "purpose", 1000, "Syftet") ?? throw ProblemException.Invalid("purpose", "Skriv vad SIP:en ska samordna.");
        if (request.ConsentGiven != true)
        {
            throw ProblemException.Invalid("consentGiven", "En SIP görs bara när personen (eller vårdnadshavaren) har samtyckt. Fråga personen och markera samtycket.");
        }
        var consentBy = InputText.Optional(request.ConsentBy, "consentBy", 200, "Vem som samtyckte") ?? "Personen";
        var grant = await access.RequireAsync(actor, resident, Sips.Change, ct);
        var unit = actor.Unit ?? throw ProblemException.Forbidden("Du behöver arbeta på en enhet för att starta en SIP.");
        var responsible = request.ResponsibleUnitId is { } r ? new UnitId(r) : unit;
        var units = await organisation.GetUnitsAsync([unit, responsible], ct);
        if (!units.ContainsKey(responsible))
        {
            throw ProblemException.Invalid("responsibleUnitId", "Enheten med huvudansvaret finns inte.");
        }
        var now = time.GetUtcNow();
        var sip = new Sip
        {
            ResidentId = resident, Purpose = purpose, StartedByUnitId = unit, StartedByName = actor.Name, StartedAt = now, ConsentBy = consentBy, ConsentAt = now,
            ResponsibleUnitId = responsible, DischargeId = request.DischargeId is { } d ? new DischargeId(d) : null,
        };
        db.Add(sip);
        foreach (var u in new[] { unit, responsible }.Distinct())
        {
            db.Add(new SipParticipant
            {
                SipId = sip.Id, UnitId = u, Side = UnitTypes.PrincipalOf(units[u].Type) == Principal.Kommun ? SipSide.Kommun : SipSide.Region,
                StaffId = u == unit ? actor.StaffId : null, Name = u == unit ? actor.Name : null,
            });
        }
        await Sips.SaveAsync(db, grant, $"Startade SIP med samtycke från {consentBy}", ct);
        return sip.Id.Value;
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/residents/{residentId:guid}/sips", async (Guid residentId, Request request, HttpContext http, StartSip handler, CancellationToken ct) =>
            {
                var id = await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new ResidentId(residentId), request, ct);
                return TypedResults.Created($"/api/sips/{id}", new { id });
            })
            .RequireAuthorization(NaraPolicies.Vardpersonal)
            .WithProblems()
            .WithWriteLimit()
            .WithTags("SIP och utskrivning")
            .WithSummary("Starta en samordnad individuell plan (SIP) med personens samtycke (consentGiven: true krävs).");
}
