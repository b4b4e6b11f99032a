using Microsoft.EntityFrameworkCore;
using Nara.Modules.Assessments.Contracts;
using Nara.Modules.Assessments.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Persistence;

namespace Nara.Modules.Assessments.Features;

/// <summary>
/// A member of the unit's team acknowledges a crisis alert and says what was done (a call made, a visit booked, referred
/// to psychiatry); the alert leaves the worklist. Only staff at the unit the alert went to. Audited with what was done.
/// </summary>
public sealed class AcknowledgeCrisisAlert(NaraDbContext db, ResidentAccess access, TimeProvider time) : IFeature
{
    /// <param name="Action">What was done (required, at most 1,000 characters).</param>
    public sealed record Request(string? Action);

    public async Task HandleAsync(Actor actor, CrisisAlertId id, Request request, CancellationToken ct)
    {
        var done = InputText.Optional(request.Action, "action", 1000, "Åtgärden") ?? throw ProblemException.Invalid("action", "Skriv vad som har gjorts, till exempel att du har ringt personen.");
        var alert = await db.Set<CrisisAlert>().FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw ProblemException.NotFound("id", "Larmet finns inte.");
        var grant = await access.RequireAsync(actor, alert.ResidentId, AccessRequest.Write(AssessmentRecords.CrisisResource).AtUnitRecord(alert.UnitId) with
        {
            StaffOnly = "Krislarm kvitteras av vårdpersonal.",
            HiddenAs = ("id", "Larmet finns inte."),
            AuditWhenDone = true,
        }, ct);
        if (alert.AcknowledgedAt is not null)
        {
            throw ProblemException.Conflict("id", $"Larmet är redan kvitterat av {alert.AcknowledgedByName}.");
        }
        alert.AcknowledgedAt = time.GetUtcNow();
        alert.AcknowledgedById = actor.StaffId;
        alert.AcknowledgedByName = actor.Name;
        alert.Action = done;
        alert.ConcurrencyToken++;
        using (db.CollectWrites())
        {
            await grant.AuditAsync(alert.EscalatedAt is null ? "Krislarm kvitterat" : "Eskalerat krislarm kvitterat", ct);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                throw ProblemException.Conflict("id", "Någon annan kvitterade larmet just nu.");
            }
        }
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/crisis-alerts/{id:guid}/acknowledge", async (Guid id, Request request, HttpContext http, AcknowledgeCrisisAlert handler, CancellationToken ct) =>
            {
                await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new CrisisAlertId(id), request, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(NaraPolicies.Vardpersonal)
            .WithProblems()
            .WithWriteLimit()
            .WithTags("Skattningsformulär")
            .WithSummary("Kvittera ett krislarm med vad som gjorts (action). Bara personal på enheten som larmet gick till.");
}
