using Microsoft.EntityFrameworkCore;
using Nara.Modules.Coordination.Content;
using Nara.Modules.Coordination.Contracts;
using Nara.Modules.Coordination.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;
using Nara.Platform.Time;

namespace Nara.Modules.Coordination.Features;

/// <summary>
/// Staff with access start a person on a care pathway at their unit (the start is today unless an earlier date is given),
/// mark a step done on a day, and end the pathway. One open enrolment per person and pathway; each change one audited write.
/// </summary>
public sealed class EnrolOnPathway(NaraDbContext db, ResidentAccess access, CarePathways pathways, TimeProvider time) : IFeature
{
    public static readonly AccessRequest Change = AccessRequest.Write(GetResidentPathways.AuditResource) with
    {
        StaffOnly = "Det är vårdpersonalen som startar och följer vårdförlopp.",
        AuditWhenDone = true,
    };

    /// <param name="PathwayId">The pathway (an id of content/pathways).</param>
    /// <param name="Start">The start; today if left out; not in the future.</param>
    public sealed record Request(string? PathwayId, DateOnly? Start);

    /// <param name="On">The day the step was done; today if left out; not before the start, not in the future.</param>
    public sealed record StepRequest(DateOnly? On);

    public async Task<Guid> EnrolAsync(Actor actor, ResidentId resident, Request request, CancellationToken ct)
    {
        var pathway = request.PathwayId is { } pid ? pathways.Find(pid) : null;
        if (pathway is null)
        {
            throw ProblemException.Invalid("pathwayId", "Välj ett vårdförlopp som finns.");
        }
        var today = Stockholm.Today(time);
        var start = request.Start ?? today;
        if (start > today || start < today.AddYears(-1))
        {
            throw ProblemException.Invalid("start", "Startdagen kan inte ligga i framtiden eller mer än ett år bakåt.");
        }
        if (actor.Unit is not { } unit)
        {
            throw ProblemException.Forbidden("Du behöver arbeta på en enhet för att starta ett vårdförlopp.");
        }
        var grant = await access.RequireAsync(actor, resident, Change, ct);
        if (await db.Set<PathwayEnrolment>().AnyAsync(e => e.ResidentId == resident && e.PathwayId == pathway.Id && e.EndedAt == null, ct))
        {
            throw ProblemException.Conflict("pathwayId", "Personen är redan på det vårdförloppet.");
        }
        var enrolment = new PathwayEnrolment { ResidentId = resident, PathwayId = pathway.Id, UnitId = unit, EnrolledOn = start, EnrolledBy = actor.Id, EnrolledByName = actor.Name };
        db.Add(enrolment);
        await SaveAsync(grant, $"Startat: {pathway.Title.Sv}", ct);
        return enrolment.Id.Value;
    }

    public async Task CompleteStepAsync(Actor actor, ResidentId resident, PathwayEnrolmentId id, string stepId, StepRequest request, CancellationToken ct)
    {
        var grant = await access.RequireAsync(actor, resident, Change, ct);
        var (enrolment, pathway) = await OpenAsync(resident, id, ct);
        var step = pathway.Steps.FirstOrDefault(s => s.Id == stepId) ?? throw ProblemException.NotFound("stepId", "Steget finns inte i vårdförloppet.");
        var today = Stockholm.Today(time);
        var on = request.On ?? today;
        if (on > today || on < enrolment.EnrolledOn)
        {
            throw ProblemException.Invalid("on", "Dagen ska ligga mellan vårdförloppets start och i dag.");
        }
        if (enrolment.Done.Any(d => d.StepId == step.Id))
        {
            throw ProblemException.Conflict("stepId", "Steget är redan klart.");
        }
        if (!step.From.Start && !enrolment.Done.Any(d => d.StepId == step.From.Step))
        {
            throw ProblemException.Invalid("stepId", "Steget räknas från ett steg som inte är klart än. Markera det först.");
        }
        enrolment.Done = [.. enrolment.Done, new StepDone { StepId = step.Id, On = on, ByName = actor.Name }];
        enrolment.ConcurrencyToken++;
        await SaveAsync(grant, $"Steg klart: {step.Title.Sv} ({pathway.Title.Sv})", ct);
    }

    public async Task EndAsync(Actor actor, ResidentId resident, PathwayEnrolmentId id, string? reason, CancellationToken ct)
    {
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (reason is { Length: > 400 })
        {
            throw ProblemException.Invalid("reason", "Skälet får vara högst 400 tecken.");
        }
        var grant = await access.RequireAsync(actor, resident, Change, ct);
        var (enrolment, pathway) = await OpenAsync(resident, id, ct);
        enrolment.EndedAt = time.GetUtcNow();
        enrolment.EndReason = reason;
        enrolment.ConcurrencyToken++;
        await SaveAsync(grant, $"Avslutat: {pathway.Title.Sv}" + (reason is null ? "" : $": {reason}"), ct);
    }

    private async Task<(PathwayEnrolment, Pathway)> OpenAsync(ResidentId resident, PathwayEnrolmentId id, CancellationToken ct)
    {
        var enrolment = await db.Set<PathwayEnrolment>().FirstOrDefaultAsync(e => e.Id == id && e.ResidentId == resident, ct)
            ?? throw ProblemException.NotFound("enrolmentId", "Personen är inte på det vårdförloppet.");
        if (enrolment.EndedAt is not null)
        {
            throw ProblemException.Conflict("enrolmentId", "Vårdförloppet är redan avslutat.");
        }
        var pathway = pathways.Find(enrolment.PathwayId) ?? throw ProblemException.Conflict("enrolmentId", "Vårdförloppet finns inte längre i innehållet.");
        return (enrolment, pathway);
    }

    private async Task SaveAsync(AccessGrant grant, string detail, CancellationToken ct)
    {
        using (db.CollectWrites())
        {
            await grant.AuditAsync(detail, ct);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                throw ProblemException.Conflict("enrolmentId", "Någon annan ändrade vårdförloppet samtidigt. Ladda om och försök igen.");
            }
        }
    }

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/residents/{residentId:guid}/pathways").RequireAuthorization(NaraPolicies.Vardpersonal).WithProblems().WithWriteLimit().WithTags("Vårdförlopp");
        group.MapPost("", async (Guid residentId, Request request, HttpContext http, EnrolOnPathway handler, CancellationToken ct) =>
                TypedResults.Created($"/api/residents/{residentId}/pathways", new { id = await handler.EnrolAsync(Actor.FromPrincipal(http.User)!, new ResidentId(residentId), request, ct) }))
            .WithSummary("Starta ett vårdförlopp för personen på din enhet (pathwayId, start valfri).");
        group.MapPost("/{enrolmentId:guid}/steps/{stepId}/done", async (Guid residentId, Guid enrolmentId, string stepId, StepRequest? request, HttpContext http, EnrolOnPathway handler, CancellationToken ct) =>
            {
                await handler.CompleteStepAsync(Actor.FromPrincipal(http.User)!, new ResidentId(residentId), new PathwayEnrolmentId(enrolmentId), stepId, request ?? new StepRequest(null), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Markera ett steg som klart (on valfri, i dag annars). Nästa stegs tidsgräns räknas därifrån.");
        group.MapPost("/{enrolmentId:guid}/end", async (Guid residentId, Guid enrolmentId, EndRequest? request, HttpContext http, EnrolOnPathway handler, CancellationToken ct) =>
            {
                await handler.EndAsync(Actor.FromPrincipal(http.User)!, new ResidentId(residentId), new PathwayEnrolmentId(enrolmentId), request?.Reason, ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Avsluta vårdförloppet (reason valfritt).");
    }

    /// <param name="Reason">Why, if said.</param>
    public sealed record EndRequest(string? Reason);
}
