using Microsoft.EntityFrameworkCore;
using Nara.Modules.Assessments.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Outbox;
using Nara.Platform.Persistence;

namespace Nara.Modules.Assessments.Features;

/// <summary>
/// Staff stop a schedule (or withdraw a single instrument) their unit sent: every occasion not yet answered is withdrawn,
/// and its notices not yet sent with it. Answers already given stay. One transaction, audited.
/// </summary>
public sealed class StopInstrumentSeries(NaraDbContext db, ResidentAccess access, IOutbox outbox, TimeProvider time) : IFeature
{
    /// <summary>How many occasions were withdrawn.</summary>
    public sealed record Response(int Withdrawn);

    public async Task<Response> HandleAsync(Actor actor, Guid series, CancellationToken ct)
    {
        var open = await db.Set<InstrumentRequest>().Where(r => r.SeriesId == series && r.Status == RequestStatus.Open).ToListAsync(ct);
        var any = open.Count > 0 ? open[0] : await db.Set<InstrumentRequest>().AsNoTracking().FirstOrDefaultAsync(r => r.SeriesId == series, ct);
        if (any is null)
        {
            throw ProblemException.NotFound("seriesId", "Formuläret finns inte.");
        }
        var grant = await access.RequireAsync(actor, any.ResidentId, AccessRequest.Write(AssessmentRecords.AuditResource).AtUnitRecord(any.UnitId) with
        {
            StaffOnly = "Formulär dras tillbaka av vårdpersonal.",
            HiddenAs = ("seriesId", "Formuläret finns inte."),
            AuditWhenDone = true,
        }, ct);
        var now = time.GetUtcNow();
        foreach (var request in open)
        {
            request.Status = RequestStatus.Cancelled;
            request.CancelledAt = now;
            request.ConcurrencyToken++;
        }
        using (db.CollectWrites())
        {
            await outbox.WithdrawAsync($"instrument-series:{series}", "Formulär", ct);
            await grant.AuditAsync($"Återkallat {any.InstrumentId}: {open.Count} obesvarade", ct);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                throw ProblemException.Conflict("seriesId", "Personen svarade just. Ladda om och försök igen.");
            }
        }
        return new Response(open.Count);
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/instrument-series/{seriesId:guid}/stop", async (Guid seriesId, HttpContext http, StopInstrumentSeries handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, seriesId, ct)))
            .RequireAuthorization(NaraPolicies.Vardpersonal)
            .WithProblems()
            .WithWriteLimit()
            .WithTags("Skattningsformulär")
            .WithSummary("Avsluta ett återkommande formulär (eller dra tillbaka ett enstaka): alla obesvarade tillfällen och deras avisering dras tillbaka.");
}
