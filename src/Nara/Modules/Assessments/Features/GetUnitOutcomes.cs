using Microsoft.EntityFrameworkCore;
using Nara.Modules.Assessments.Content;
using Nara.Modules.Assessments.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Content;
using Nara.Platform.Persistence;

namespace Nara.Modules.Assessments.Features;

/// <summary>
/// The unit's outcomes, per instrument whose scale defines response and remission (PHQ-9, GAD-7): of the patients the unit
/// has followed with at least two scores, how many improved (a lower latest score than the first), responded (a fall of at
/// least the scale's percentage) and are in remission (the latest score in the minimal band). Aggregates only, no person
/// is named; audited as a read of aggregates.
/// </summary>
public sealed class GetUnitOutcomes(NaraDbContext db, ResidentAccess access, InstrumentCatalog catalog) : IFeature
{
    /// <param name="Instrument">The instrument's id.</param>
    /// <param name="Name">Its name.</param>
    /// <param name="ResponsePercent">The fall that counts as response.</param>
    /// <param name="Followed">Patients with at least two scores at the unit.</param>
    /// <param name="Improved">Of them, a lower latest score than the first.</param>
    /// <param name="Responded">A fall of at least the scale's response percentage.</param>
    /// <param name="InRemission">The latest score in the remission band after a first above it.</param>
    public sealed record InstrumentOutcome(string Instrument, Bilingual Name, int ResponsePercent, int Followed, int Improved, int Responded, int InRemission);

    public async Task<IReadOnlyList<InstrumentOutcome>> HandleAsync(Actor actor, CancellationToken ct)
    {
        if (!actor.IsClinician || actor.Unit is not { } unit)
        {
            throw ProblemException.Forbidden("Enhetens utfall visas för vårdpersonal som arbetar på en enhet.");
        }
        var followed = catalog.Instruments.Values.Where(i => i.Scales.Count > 0 && i.Scales[0].Outcome is not null).ToList();
        var ids = followed.Select(i => i.Id).ToList();
        var scores = await db.Set<InstrumentResponse>().AsNoTracking()
            .Where(r => r.UnitId == unit && ids.Contains(r.InstrumentId) && r.Score != null)
            .OrderBy(r => r.AnsweredAt)
            .Select(r => new { r.ResidentId, r.InstrumentId, Score = r.Score!.Value })
            .ToListAsync(ct);
        await access.AuditAggregateAsync(actor, "Formulär, enhetens utfall", AuditAction.Read, ct);
        return followed.Select(instrument =>
        {
            var scale = instrument.Scales[0];
            var courses = scores.Where(s => s.InstrumentId == instrument.Id).GroupBy(s => s.ResidentId)
                .Where(g => g.Count() >= 2).Select(g => Outcomes.Of(scale, g.Select(s => s.Score).ToList())!).ToList();
            return new InstrumentOutcome(instrument.Id, instrument.Name, scale.Outcome!.ResponsePercent, courses.Count,
                courses.Count(c => c.Change < 0), courses.Count(c => c.Response == true), courses.Count(c => c.Remission == true));
        }).ToList();
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/assessments/unit-outcomes", async (HttpContext http, GetUnitOutcomes handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, ct)))
            .RequireAuthorization(NaraPolicies.Vardpersonal)
            .WithProblems()
            .WithTags("Skattningsformulär")
            .WithSummary("Enhetens utfall per formulär med respons och remission (PHQ-9, GAD-7): följda patienter, förbättrade, respons och remission. Bara summor.");
}
