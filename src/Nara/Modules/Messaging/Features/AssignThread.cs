using Nara.Modules.Messaging.Contracts;
using Nara.Modules.Organisation.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Modules.Messaging.Features;

/// <summary>Staff at the thread's unit give it to themselves or a colleague at the unit, or back to the unit as a whole. Audited.</summary>
public sealed class AssignThread(NaraDbContext db, ResidentAccess access, IOrganisationDirectory organisation, MessagingNotifier notifier) : IFeature
{
    /// <param name="StaffId">Who takes it: a colleague at the unit; yourself when left out.</param>
    /// <param name="ToUnit">True gives it back to the unit as a whole.</param>
    public sealed record Request(Guid? StaffId, bool ToUnit = false);

    public async Task HandleAsync(Actor actor, ThreadId id, Request request, CancellationToken ct)
    {
        var (thread, grant) = await Threads.OpenAsync(db, access, actor, id, AuditAction.Write, ct);
        if (actor.IsResident)
        {
            throw ProblemException.Forbidden("Det är enheten som fördelar trådarna.");
        }
        string detail;
        if (request.ToUnit)
        {
            thread.AssignedTo = null;
            thread.AssignedName = null;
            detail = "Lämnade tråden till enheten";
        }
        else
        {
            var staffId = request.StaffId is { } s ? new StaffId(s) : actor.StaffId;
            var staff = await organisation.GetStaffAsync(staffId, ct);
            if (staff is null || !staff.Units.Contains(thread.UnitId) || staff.Role is not (StaffRole.Vardpersonal or StaffRole.Verksamhetschef))
            {
                throw ProblemException.Invalid("staffId", "Välj någon i vården som arbetar på enheten.");
            }
            thread.AssignedTo = staffId;
            thread.AssignedName = staff.Name;
            detail = staffId == actor.StaffId ? "Tog tråden" : $"Gav tråden till {staff.Name}";
        }
        thread.ConcurrencyToken++;
        await Threads.SaveAsync(db, grant, detail, ct);
        await notifier.ThreadChangedAsync(thread);
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/messages/threads/{id:guid}/assign", async (Guid id, Request request, HttpContext http, AssignThread handler, CancellationToken ct) =>
            {
                await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new ThreadId(id), request, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(NaraPolicies.Vardpersonal)
            .WithProblems()
            .WithWriteLimit()
            .WithTags("Meddelanden")
            .WithSummary("Ta tråden (utan staffId), ge den till en kollega på enheten (staffId) eller lämna den till enheten (toUnit: true).");
}
