using Microsoft.EntityFrameworkCore;
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
/// Staff with access start a person's plan (patientkontrakt) at their unit, usually together with the person: from a day,
/// with a follow-up day, and what matters to the person in their own words as the first goal. Later they change the
/// dates, or end the plan (a new one can then be started). Each change is a new version, audited.
/// </summary>
public sealed class StartCarePlan(NaraDbContext db, ResidentAccess access, TimeProvider time) : IFeature
{
    /// <param name="StartsOn">The first day; today if left out; at most a year back or ahead.</param>
    /// <param name="FollowUpOn">When to follow the plan up with the person; after the start, within two years.</param>
    /// <param name="WhatMatters">"Vad är viktigt för dig?": the person's answer in their own words (at most 1,000 characters).</param>
    public sealed record Request(DateOnly? StartsOn, DateOnly? FollowUpOn, string? WhatMatters);

    /// <param name="StartsOn">The first day.</param>
    /// <param name="FollowUpOn">The follow-up day; leave out for none.</param>
    public sealed record DatesRequest(DateOnly? StartsOn, DateOnly? FollowUpOn);

    /// <param name="Reason">Why the plan ends (at most 400 characters).</param>
    public sealed record EndRequest(string? Reason);

    public async Task<Guid> StartAsync(Actor actor, ResidentId resident, Request request, CancellationToken ct)
    {
        var today = Stockholm.Today(time);
        var start = request.StartsOn ?? today;
        CheckDates(start, request.FollowUpOn, today);
        var whatMatters = InputText.Optional(request.WhatMatters, "whatMatters", 1000, "Det som är viktigt för personen");
        if (actor.Unit is not { } unit)
        {
            throw ProblemException.Forbidden("Du behöver arbeta på en enhet för att starta en plan.");
        }
        var grant = await access.RequireAsync(actor, resident, CarePlans.StaffChange, ct);
        if (await db.Set<CarePlan>().AnyAsync(p => p.ResidentId == resident && p.EndedAt == null, ct))
        {
            throw ProblemException.Conflict("residentId", "Personen har redan en plan. Ändra den i stället för att starta en ny.");
        }
        var now = time.GetUtcNow();
        var plan = new CarePlan { ResidentId = resident, UnitId = unit, StartsOn = start, FollowUpOn = request.FollowUpOn, CreatedAt = now, CreatedByName = actor.Name, UpdatedAt = now };
        db.Add(plan);
        var state = new PlanState(plan, [], []);
        if (whatMatters is not null)
        {
            var goal = new PlanGoal { PlanId = plan.Id, Kind = GoalKind.Egen, Text = whatMatters, WrittenAt = now, WrittenByName = actor.Name, WrittenByResident = false };
            db.Add(goal);
            state.Goals.Add(goal);
        }
        await CarePlans.SaveAsync(db, state, grant, "Planen startad", now, ct, first: true);
        return plan.Id.Value;
    }

    public async Task ChangeDatesAsync(Actor actor, ResidentId resident, DatesRequest request, CancellationToken ct)
    {
        var grant = await access.RequireAsync(actor, resident, CarePlans.StaffChange, ct);
        var state = await CarePlans.OpenVisibleAsync(db, access, actor, resident, ct);
        var start = request.StartsOn ?? state.Plan.StartsOn;
        CheckDates(start, request.FollowUpOn, Stockholm.Today(time));
        if (state.Activities.FirstOrDefault(a => a.DueOn < start) is { } early)
        {
            throw ProblemException.Invalid("startsOn", $"Aktiviteten \"{early.Title}\" ska vara klar före den dagen. Flytta den först.");
        }
        state.Plan.StartsOn = start;
        state.Plan.FollowUpOn = request.FollowUpOn;
        await CarePlans.SaveAsync(db, state, grant, request.FollowUpOn is { } f ? $"Datum ändrade: från {start:yyyy-MM-dd}, uppföljning {f:yyyy-MM-dd}" : $"Datum ändrade: från {start:yyyy-MM-dd}, ingen uppföljning", time.GetUtcNow(), ct);
    }

    public async Task EndAsync(Actor actor, ResidentId resident, EndRequest request, CancellationToken ct)
    {
        var reason = InputText.Optional(request.Reason, "reason", 400, "Skälet");
        var grant = await access.RequireAsync(actor, resident, CarePlans.StaffChange, ct);
        var state = await CarePlans.OpenVisibleAsync(db, access, actor, resident, ct);
        var now = time.GetUtcNow();
        state.Plan.EndedAt = now;
        state.Plan.EndReason = reason;
        await CarePlans.SaveAsync(db, state, grant, "Planen avslutad" + (reason is null ? "" : $": {reason}"), now, ct);
    }

    private static void CheckDates(DateOnly start, DateOnly? followUp, DateOnly today)
    {
        if (start < today.AddYears(-1) || start > today.AddYears(1))
        {
            throw ProblemException.Invalid("startsOn", "Planen kan börja högst ett år bakåt eller framåt i tiden.");
        }
        if (followUp is { } f && (f <= start || f > start.AddYears(2)))
        {
            throw ProblemException.Invalid("followUpOn", "Uppföljningen ska ligga efter planens start och inom två år.");
        }
    }

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/residents/{residentId:guid}/care-plan").RequireAuthorization(NaraPolicies.Vardpersonal).WithProblems().WithWriteLimit().WithTags("Plan (patientkontrakt)");
        group.MapPost("", async (Guid residentId, Request request, HttpContext http, StartCarePlan handler, CancellationToken ct) =>
                TypedResults.Created($"/api/residents/{residentId}/care-plan", new { id = await handler.StartAsync(Actor.FromPrincipal(http.User)!, new ResidentId(residentId), request, ct) }))
            .WithSummary("Starta personens plan på din enhet: startsOn (i dag annars), followUpOn, och whatMatters – det som är viktigt för personen med egna ord.");
        group.MapPut("/dates", async (Guid residentId, DatesRequest request, HttpContext http, StartCarePlan handler, CancellationToken ct) =>
            {
                await handler.ChangeDatesAsync(Actor.FromPrincipal(http.User)!, new ResidentId(residentId), request, ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Ändra planens start och uppföljningsdag (en ny version).");
        group.MapPost("/end", async (Guid residentId, EndRequest? request, HttpContext http, StartCarePlan handler, CancellationToken ct) =>
            {
                await handler.EndAsync(Actor.FromPrincipal(http.User)!, new ResidentId(residentId), request ?? new EndRequest(null), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Avsluta planen (reason valfritt). En ny plan kan sedan startas.");
    }
}
