using Microsoft.EntityFrameworkCore;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Domain;
using Nara.Modules.Organisation.Contracts;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;
using Nara.Platform.Time;

namespace Nara.Modules.Booking.Features;

/// <summary>
/// Registers leave for a staff member, or a closed day for the whole unit: free times in the period leave the schedule
/// at once; booked ones stay and are listed so staff can move them. Removing the absence restores the free times.
/// </summary>
public sealed class AddScheduleAbsence(NaraDbContext db, IOrganisationDirectory organisation, GenerateSlots generate, TimeProvider time) : IFeature
{
    /// <param name="StaffId">Whose leave; empty for the whole unit (a closed day).</param>
    /// <param name="From">First date.</param>
    /// <param name="To">Last date, inclusive.</param>
    /// <param name="Reason">Ledighet, Stangt, Utbildning or Annat.</param>
    /// <param name="Note">Optional note (no health details).</param>
    public sealed record Request(Guid? StaffId, DateOnly? From, DateOnly? To, AbsenceReason? Reason, string? Note);

    public sealed record Added(Guid AbsenceId, int SlotsWithdrawn, IReadOnlyList<Guid> BookedSlotsToMove);

    public async Task<Added> HandleAsync(Actor actor, Request request, CancellationToken ct)
    {
        var unit = actor.Unit ?? throw ProblemException.Forbidden("Du behöver arbeta på en enhet för att lägga frånvaro.");
        var errors = new Dictionary<string, string[]>();
        var today = Stockholm.Today(time);
        if (request.From is not { } from) { errors["from"] = ["Ange första dagen."]; }
        else if (from < today) { errors["from"] = ["Frånvaro kan inte läggas bakåt i tiden."]; }
        if (request.To is not { } to) { errors["to"] = ["Ange sista dagen."]; }
        else if (request.From is { } f && to < f) { errors["to"] = ["Sista dagen kan inte vara före första dagen."]; }
        else if (request.From is { } f2 && to.DayNumber - f2.DayNumber > 366) { errors["to"] = ["Lägg högst ett år i taget."]; }
        if (request.Reason is null) { errors["reason"] = ["Välj orsak."]; }
        if (request.Note is { Length: > 200 }) { errors["note"] = ["Anteckningen får vara högst 200 tecken."]; }
        if (errors.Count > 0)
        {
            throw ProblemException.Invalid(errors);
        }
        StaffId? staff = null;
        if (request.StaffId is { } s)
        {
            var member = await organisation.GetStaffAsync(new StaffId(s), ct);
            if (member is null || !member.Units.Contains(unit))
            {
                throw ProblemException.Invalid("staffId", "Personen arbetar inte på din enhet.");
            }
            staff = member.Id;
        }
        var absence = new ScheduleAbsence
        {
            UnitId = unit,
            StaffId = staff,
            From = request.From!.Value,
            To = request.To!.Value,
            Reason = request.Reason!.Value,
            Note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(),
            CreatedAt = time.GetUtcNow(),
            CreatedBy = actor.Id,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Add(absence);
        await db.SaveChangesAsync(ct);
        var outcome = await generate.UnitAsync(unit, ct);
        await transaction.CommitAsync(ct);
        return new Added(absence.Id.Value, outcome.Withdrawn, outcome.BookedInTheWay.Select(s => s.Value).ToList());
    }

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/booking/schedule/absences", async (Request request, HttpContext http, AddScheduleAbsence handler, CancellationToken ct) =>
            {
                var added = await handler.HandleAsync(Actor.FromPrincipal(http.User)!, request, ct);
                return Results.Created($"/api/booking/schedule/absences/{added.AbsenceId}", added);
            })
            .RequireAuthorization(NaraPolicies.Vardpersonal)
            .WithProblems()
            .WithTags("Schema")
            .WithWriteLimit().WithSummary("Lägg frånvaro för en person eller stäng enheten under en period. Lediga tider tas bort; bokade listas för att flyttas.");

        endpoints.MapDelete("/api/booking/schedule/absences/{id:guid}", async (Guid id, HttpContext http, NaraDbContext db, GenerateSlots generate, CancellationToken ct) =>
            {
                var actor = Actor.FromPrincipal(http.User)!;
                var absence = await db.Set<ScheduleAbsence>().FirstOrDefaultAsync(a => a.Id == new ScheduleAbsenceId(id), ct);
                if (absence is null || absence.UnitId != actor.Unit)
                {
                    return Problems.NotFound("Frånvaron");
                }
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                db.Remove(absence);
                await db.SaveChangesAsync(ct);
                var outcome = await generate.UnitAsync(absence.UnitId, ct);
                await transaction.CommitAsync(ct);
                return TypedResults.Ok(new { restored = outcome.Restored });
            })
            .RequireAuthorization(NaraPolicies.Vardpersonal)
            .WithTags("Schema")
            .WithWriteLimit().WithSummary("Ta bort frånvaro: de lediga tiderna kommer tillbaka.");
    }
}
