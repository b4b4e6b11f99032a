using Microsoft.EntityFrameworkCore;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Domain;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Persistence;
using Nara.Platform.Time;

namespace Nara.Modules.Booking.Features;

/// <summary>
/// Ends a weekly pattern after a date: its free times after that date leave the schedule; booked ones stay and are
/// listed so that staff can move them. Undo by creating the pattern again.
/// </summary>
public sealed class EndScheduleTemplate(NaraDbContext db, GenerateSlots generate, TimeProvider time) : IFeature
{
    /// <param name="LastDate">The last date the pattern applies; default yesterday (ends it now).</param>
    public sealed record Request(DateOnly? LastDate);

    public sealed record Ended(Guid TemplateId, DateOnly LastDate, int SlotsWithdrawn, IReadOnlyList<Guid> BookedSlotsToMove);

    public async Task<Ended> HandleAsync(Actor actor, ScheduleTemplateId id, Request request, CancellationToken ct)
    {
        var template = await db.Set<ScheduleTemplate>().FirstOrDefaultAsync(t => t.Id == id, ct);
        if (template is null || template.UnitId != actor.Unit)
        {
            throw ProblemException.NotFound("id", "Schemat finns inte på din enhet.");
        }
        var today = Stockholm.Today(time);
        var last = request.LastDate ?? today.AddDays(-1);
        if (last < today.AddDays(-1))
        {
            throw ProblemException.Invalid("lastDate", "Ett schema kan inte avslutas bakåt i tiden.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        template.ValidUntil = template.ValidUntil is { } until && until < last ? until : last;
        if (template.ValidUntil < template.ValidFrom)
        {
            // Ended before it began: the pattern never applied, so it goes (its times are withdrawn below).
            db.Remove(template);
        }
        await db.SaveChangesAsync(ct);
        var outcome = await generate.UnitAsync(template.UnitId, ct);
        await transaction.CommitAsync(ct);
        return new Ended(template.Id.Value, last, outcome.Withdrawn, outcome.BookedInTheWay.Select(s => s.Value).ToList());
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/booking/schedule/templates/{id:guid}/end", async (Guid id, Request? request, HttpContext http, EndScheduleTemplate handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new ScheduleTemplateId(id), request ?? new Request(null), ct)))
            .RequireAuthorization(NaraPolicies.Vardpersonal)
            .WithProblems()
            .WithTags("Schema")
            .WithWriteLimit().WithSummary("Avsluta ett veckoschema efter ett datum. Lediga tider efter datumet tas bort; bokade tider listas för att flyttas.");
}
