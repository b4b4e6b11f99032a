using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Nara.Modules.Coordination.Content;
using Nara.Modules.Coordination.Domain;
using Nara.Modules.Organisation.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Composition;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;
using Nara.Platform.Time;

namespace Nara.Modules.Coordination.Features;

/// <summary>
/// The care pathways a person is on: each step with its deadline (from the enrolment or from when the step it runs from
/// was done) and where it stands today, and the current step (the first not done). For the person, a guardian, or
/// staff with access (decided and audited by the caller or the endpoint filter).
/// </summary>
public sealed class GetResidentPathways(NaraDbContext db, CarePathways pathways, IOrganisationDirectory organisation, TimeProvider time) : IFeature
{
    public const string AuditResource = "Vårdförlopp";

    /// <param name="Id">The step.</param>
    /// <param name="Title">Its name.</param>
    /// <param name="Level">Who owns it.</param>
    /// <param name="Deadline">Its deadline, or null while the step it runs from is not done.</param>
    /// <param name="DoneOn">When it was done, if it was.</param>
    /// <param name="Status">Where an open step stands today (null when done).</param>
    public sealed record Step(string Id, string Title, CareLevel Level, DateOnly? Deadline, DateOnly? DoneOn, StepStatus? Status);

    /// <param name="Id">The enrolment.</param>
    /// <param name="PathwayId">The pathway's id in content/pathways.</param>
    /// <param name="Title">Its name.</param>
    /// <param name="UnitName">The unit that holds it.</param>
    /// <param name="EnrolledOn">The start.</param>
    /// <param name="Ended">True when ended.</param>
    /// <param name="CurrentStep">The first step not done, if any.</param>
    /// <param name="Steps">Every step.</param>
    public sealed record Enrolment(Guid Id, string PathwayId, string Title, string UnitName, DateOnly EnrolledOn, bool Ended, string? CurrentStep, IReadOnlyList<Step> Steps);

    public async Task<IReadOnlyList<Enrolment>> HandleAsync(ResidentId resident, CancellationToken ct)
    {
        var enrolments = await db.Set<PathwayEnrolment>().AsNoTracking().Where(e => e.ResidentId == resident).ToListAsync(ct);
        var units = await organisation.GetUnitsAsync(enrolments.Select(e => e.UnitId), ct);
        var today = Stockholm.Today(time);
        return enrolments.OrderBy(e => e.EndedAt is not null).ThenByDescending(e => e.EnrolledOn)
            .Select(e => View(e, pathways.Find(e.PathwayId), units.GetValueOrDefault(e.UnitId)?.Name ?? "–", today)).OfType<Enrolment>().ToList();
    }

    /// <summary>An enrolment with its steps' deadlines and status today; null when its pathway is no longer in the content.</summary>
    internal static Enrolment? View(PathwayEnrolment e, Pathway? pathway, string unitName, DateOnly today)
    {
        if (pathway is null)
        {
            return null;
        }
        var culture = CultureInfo.CurrentUICulture;
        var done = e.Completed;
        var steps = pathway.Steps.Select(s =>
        {
            var deadline = pathway.DeadlineOf(s.Id, e.EnrolledOn, done);
            var doneOn = done.TryGetValue(s.Id, out var d) ? d : (DateOnly?)null;
            return new Step(s.Id, s.Title.In(culture), s.Level, deadline, doneOn, doneOn is null && e.EndedAt is null ? pathway.StatusOf(s.Id, deadline, today) : null);
        }).ToList();
        return new Enrolment(e.Id.Value, e.PathwayId, pathway.Title.In(culture), unitName, e.EnrolledOn, e.EndedAt is not null,
            e.EndedAt is null ? steps.FirstOrDefault(s => s.DoneOn is null)?.Id : null, steps);
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/residents/{residentId}/pathways", async (string residentId, GetResidentPathways handler, CancellationToken ct) =>
                StrongId.TryParse<ResidentId>(residentId, out var id)
                    ? Results.Ok(await handler.HandleAsync(id, ct))
                    : Problems.Invalid("residentId", "Id:t är inte ett giltigt id (GUID)."))
            .RequireAuthorization()
            .RequireResidentAccess(AuditResource, AuditAction.Read)
            .WithTags("Vårdförlopp")
            .WithSummary("Personens vårdförlopp: varje steg med tidsgräns, när det gjordes och status i dag (IRad, Risk, Sen, EjStartad), och nuvarande steg.");
}
