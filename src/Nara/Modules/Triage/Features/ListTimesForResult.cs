using Nara.Modules.Booking.Contracts;
using Nara.Modules.Organisation.Contracts;
using Nara.Modules.Residents.Contracts;
using Nara.Modules.Triage.Contracts;
using Nara.Modules.Triage.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;

namespace Nara.Modules.Triage.Features;

/// <summary>
/// "Boka tid" on the result: the free times at the person's vårdcentral that fit the result's urgency window and
/// recommended channel, nearest first. Only for a result that says to book (care today or within days), for the
/// resident themself or a child they act for; the read is audited with the assessment.
/// </summary>
public sealed class ListTimesForResult(AssessmentSessions sessions, IResidentDirectory residents, IResidentBooking booking,
    IOrganisationDirectory organisation, TimeProvider time) : IFeature
{
    public const int MaxTimes = 12;

    public sealed record Time(Guid SlotId, DateTimeOffset Start, DateTimeOffset End, SlotType Type, Profession? Profession);

    /// <summary>The times, the unit they are at, and until when the urgency asks for care.</summary>
    public sealed record Response(Guid UnitId, string UnitName, DateTimeOffset Until, IReadOnlyList<Time> Times);

    public async Task<Response> HandleAsync(Actor actor, AssessmentId id, CancellationToken ct, string? key = null)
    {
        var assessment = await sessions.LoadAsync(actor, id, AuditAction.Read, ct, key);
        var (unit, until, types) = await WindowAsync(assessment, ct);
        var now = time.GetUtcNow();
        var found = await booking.FreeWebSlotsAsync(unit, types, now, until, MaxTimes, ct);
        var info = await organisation.GetUnitAsync(unit, ct);
        return new Response(unit.Value, info?.Name ?? "", until,
            found.Select(s => new Time(s.SlotId.Value, s.Start, s.End, s.Type, s.Profession)).ToList());
    }

    /// <summary>The unit, the end of the window and the slot types for a result that says to book; otherwise a clear refusal.</summary>
    internal async Task<(Nara.Platform.Identifiers.UnitId Unit, DateTimeOffset Until, IReadOnlyList<SlotType> Types)> WindowAsync(Assessment assessment, CancellationToken ct)
    {
        if (assessment.SubjectId is not { } subject)
        {
            throw new ProblemException(StatusCodes.Status401Unauthorized, "id", assessment.For == AssessmentFor.Other
                ? "En bedömning för någon annan kan inte bokas här: personen bokar själv hos sin vårdcentral."
                : "Logga in för att boka en tid.");
        }
        if (assessment.Status != AssessmentStatus.Klar || assessment.Urgency is not { } urgency || assessment.Channel is not { } channel)
        {
            throw ProblemException.Conflict("id", "Svara på alla frågor först.");
        }
        if (ResultTimes.Window(urgency) is not { } window)
        {
            throw ProblemException.Conflict("id", urgency >= Urgency.AkutNu
                ? "Boka ingen tid: sök akut vård nu."
                : "Resultatet är egenvård; det finns ingen tid att boka. Sök vård om det blir sämre.");
        }
        var resident = await residents.GetAsync(subject, ct) ?? throw ProblemException.NotFound("residentId", "Personen finns inte.");
        if (resident.ListedUnit is not { } unit)
        {
            throw ProblemException.Conflict("unit", "Du är inte listad på någon vårdcentral. Välj vårdcentral under Mina sidor, eller ring 1177.");
        }
        return (unit, time.GetUtcNow() + window, ResultTimes.Types(channel));
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/triage/assessments/{id:guid}/times", async (Guid id, HttpContext http, ListTimesForResult handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new AssessmentId(id), ct, http.Request.Headers[AssessmentSessions.KeyHeader])))
            .RequireAuthorization(NaraPolicies.Invanare)
            .WithProblems()
            .WithTags("En väg in")
            .WithSummary("Lediga tider på personens vårdcentral som passar resultatet: inom 24 timmar för vård i dag, inom 7 dagar för vård inom några dagar, av den kontaktväg resultatet rekommenderar.");
}
