using Microsoft.EntityFrameworkCore;
using Nara.Modules.Monitoring.Contracts;
using Nara.Modules.Monitoring.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Persistence;

namespace Nara.Modules.Monitoring.Features;

/// <summary>
/// A member of the unit's team handles a measurement alert and says what was done (called the person, changed the dose,
/// booked a visit); it leaves the worklist. Only staff at the unit the alert went to. Audited with what was done.
/// </summary>
public sealed class HandleMeasurementAlert(NaraDbContext db, ResidentAccess access, TimeProvider time) : IFeature
{
    /// <param name="Note">What was done (required, at most 1,000 characters).</param>
    public sealed record Request(string? Note);

    public async Task HandleAsync(Actor actor, MeasurementAlertId id, Request request, CancellationToken ct)
    {
        var note = InputText.Optional(request.Note, "note", 1000, "Anteckningen")
            ?? throw ProblemException.Invalid("note", "Skriv vad som har gjorts, till exempel att du har ringt personen.");
        var alert = await db.Set<MeasurementAlert>().FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw ProblemException.NotFound("id", "Larmet finns inte.");
        var grant = await access.RequireAsync(actor, alert.ResidentId, AccessRequest.Write(MonitoringRecords.AlertResource).AtUnitRecord(alert.UnitId) with
        {
            StaffOnly = "Larm hanteras av vårdpersonal.",
            HiddenAs = ("id", "Larmet finns inte."),
            AuditWhenDone = true,
        }, ct);
        if (alert.HandledAt is not null)
        {
            throw ProblemException.Conflict("id", $"Larmet är redan hanterat av {alert.HandledBy}.");
        }
        alert.HandledAt = time.GetUtcNow();
        alert.HandledBy = actor.Name;
        alert.Note = note;
        alert.ConcurrencyToken++;
        using (db.CollectWrites())
        {
            await grant.AuditAsync(alert.EscalatedAt is null ? "Larm hanterat" : "Eskalerat larm hanterat", ct);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                throw ProblemException.Conflict("id", "Någon annan hanterade larmet just nu.");
            }
        }
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/measurement-alerts/{id:guid}/handle", async (Guid id, Request request, HttpContext http, HandleMeasurementAlert handler, CancellationToken ct) =>
            {
                await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new MeasurementAlertId(id), request, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(NaraPolicies.Vardpersonal)
            .WithProblems()
            .WithWriteLimit()
            .WithTags("Egenmonitorering")
            .WithSummary("Hantera ett mätvärdeslarm med vad som gjorts (note). Bara personal på enheten som larmet gick till.");
}
