using Microsoft.EntityFrameworkCore;
using Nara.Modules.Triage.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Modules.Triage.Features;

/// <summary>
/// Engine versus clinician, per complaint, over closed cases at a unit: how often the clinician's urgency matched the
/// engine's, and how often the engine was more or less urgent. A follow-up measure of triage quality; no personal data.
/// </summary>
[NoAccessCheck("Counts of closed cases per complaint for the unit; no person is read or shown.")]
public sealed class GetTriageAgreement(NaraDbContext db, TriageEngine engine) : IFeature
{
    public sealed record Row(string ComplaintId, string Complaint, int Closed, int Agree, int EngineHigher, int EngineLower)
    {
        public double AgreementRate => Closed == 0 ? 0 : (double)Agree / Closed;
    }

    public sealed record Response(IReadOnlyList<Row> Rows, int Closed, int Agree, double AgreementRate, double? MedianMinutesToFirstContact, int ContactedSameDay, int Cases);

    public async Task<Response> HandleAsync(Actor actor, Guid? unitId, CancellationToken ct)
    {
        var unit = unitId is { } u ? new UnitId(u) : actor.Unit ?? throw ProblemException.Invalid("unitId", "Ange vilken enhet.");
        var cases = await db.Set<TriageCase>().AsNoTracking().Where(c => c.UnitId == unit)
            .Select(c => new { c.ComplaintId, c.EngineUrgency, c.ClinicianUrgency, c.CreatedAt, c.FirstContactAt }).ToListAsync(ct);
        var closed = cases.Where(c => c.ClinicianUrgency is not null).ToList();
        var rows = closed.GroupBy(c => c.ComplaintId).Select(g => new Row(g.Key, engine.Knowledge.TitleOf(g.Key, null), g.Count(),
                g.Count(c => c.ClinicianUrgency == c.EngineUrgency), g.Count(c => c.EngineUrgency > c.ClinicianUrgency), g.Count(c => c.EngineUrgency < c.ClinicianUrgency)))
            .OrderByDescending(r => r.Closed).ThenBy(r => r.Complaint, StringComparer.Ordinal).ToList();
        var minutes = cases.Where(c => c.FirstContactAt is not null).Select(c => (c.FirstContactAt!.Value - c.CreatedAt).TotalMinutes).Order().ToList();
        var sameDay = cases.Count(c => c.FirstContactAt is { } f && Platform.Time.Stockholm.DateOf(f) == Platform.Time.Stockholm.DateOf(c.CreatedAt));
        var agree = rows.Sum(r => r.Agree);
        return new Response(rows, closed.Count, agree, closed.Count == 0 ? 0 : (double)agree / closed.Count,
            minutes.Count == 0 ? null : minutes[minutes.Count / 2], sameDay, cases.Count);
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/triage/agreement", async (Guid? unitId, HttpContext http, GetTriageAgreement handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, unitId, ct)))
            .RequireAuthorization(NaraPolicies.Vardpersonal)
            .WithProblems()
            .WithTags("En väg in – inkorg")
            .WithSummary("Överensstämmelse mellan motorns och klinikerns bedömning per sökorsak, och tid till första kontakt, för en enhet.");
}
