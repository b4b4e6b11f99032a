using Microsoft.EntityFrameworkCore;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Triage.Contracts;
using Nara.Modules.Triage.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Persistence;

namespace Nara.Modules.Triage.Features;

/// <summary>
/// Books one of the times that fit the result, in one step: the assessment goes to the vårdcentral as a case (if it has
/// not been sent), the time is booked and linked to the case, and the booking's events send the confirmation and stop
/// the care-guarantee clock it fulfils (a time with licensed staff within three days is the medical assessment). All in
/// one transaction: a time that is taken leaves nothing behind, and the answer lists other times.
/// </summary>
[NoAccessCheck("The assessment's subject decides access (SendToUnit.LoadSendableAsync, audited) before its case is read; the booking checks and audits its own.")]
public sealed class BookTimeFromResult(NaraDbContext db, SendToUnit sending, ListTimesForResult times, IResidentBooking booking) : IFeature
{
    public sealed record Request(Guid? SlotId, string? Message);

    public sealed record Response(Guid CaseId, Guid AppointmentId, DateTimeOffset Start, DateTimeOffset End, SlotType Type, Guid UnitId);

    public async Task<Response> HandleAsync(Actor actor, AssessmentId id, Request request, CancellationToken ct, string? key = null)
    {
        if (request.SlotId is not { } slotGuid)
        {
            throw ProblemException.Invalid("slotId", "Välj en tid.");
        }
        var assessment = await sending.LoadSendableAsync(actor, id, request.Message, key, ct);
        var (unit, until, types) = await times.WindowAsync(assessment, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var triageCase = await CaseIdAsync(id, ct) is { } caseId
            ? await db.Set<TriageCase>().FirstAsync(c => c.Id == caseId, ct)
            : await sending.OpenCaseAsync(actor, assessment, request.Message, ct);
        if (triageCase.AppointmentId is not null)
        {
            throw ProblemException.Conflict("id", "En tid är redan bokad för den här bedömningen. Se Mina bokningar.");
        }
        // Booking checks the slot (free, web-bookable, the actor may book for the person); whether it fits this result is
        // checked on what was booked, and a refusal rolls back the case, the booking and its messages together.
        var booked = await booking.BookInTransactionAsync(actor, new SlotId(slotGuid), triageCase.ResidentId, "Bokad från symtombedömningen", ct);
        if (booked.Unit != unit || !types.Contains(booked.Type) || booked.Start >= until)
        {
            throw ProblemException.Invalid("slotId", "Tiden passar inte bedömningen. Välj en av tiderna som visas.");
        }
        triageCase.AppointmentId = booked.AppointmentId;
        triageCase.CallbackAt = booked.Start;
        triageCase.CallbackChannel = booked.Type switch
        {
            SlotType.Telefon => TriageChannel.Telefon,
            SlotType.Video => TriageChannel.Video,
            SlotType.Chatt => TriageChannel.Chatt,
            _ => TriageChannel.Besok,
        };
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new Response(triageCase.Id.Value, booked.AppointmentId.Value, booked.Start, booked.End, booked.Type, booked.Unit.Value);
    }

    private async Task<TriageCaseId?> CaseIdAsync(AssessmentId id, CancellationToken ct) =>
        await db.Set<TriageCase>().Where(c => c.AssessmentId == id).Select(c => (TriageCaseId?)c.Id).FirstOrDefaultAsync(ct);

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/triage/assessments/{id:guid}/book", async (Guid id, Request request, HttpContext http, BookTimeFromResult handler, CancellationToken ct) =>
            {
                var booked = await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new AssessmentId(id), request, ct, http.Request.Headers[AssessmentSessions.KeyHeader]);
                return TypedResults.Created($"/api/booking/appointments/{booked.AppointmentId}", booked);
            })
            .RequireAuthorization(NaraPolicies.Invanare)
            .WithProblems()
            .WithWriteLimit()
            .WithTags("En väg in")
            .WithSummary("Boka en av tiderna som passar resultatet: bedömningen skickas som ärende till vårdcentralen (om den inte redan är skickad), tiden bokas och kopplas till ärendet. 409 med andra tider om tiden hann bokas av någon annan.");
}
