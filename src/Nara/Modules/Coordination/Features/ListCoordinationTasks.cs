using Microsoft.EntityFrameworkCore;
using Nara.Modules.Coordination.Content;
using Nara.Modules.Coordination.Contracts;
using Nara.Modules.Coordination.Domain;
using Nara.Modules.Residents.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;
using Nara.Platform.Time;

namespace Nara.Modules.Coordination.Features;

/// <summary>
/// A member of staff's coordination tasks for the worklist: plan activities whose day has passed while still open, that
/// they own, that their unit owns with no one named, or in the plan of a person whose fixed care contact they are; and
/// pathway steps at their unit that are late or close to their deadline. Late before at risk, then by due day. Only
/// people the access rules let them see (the other principal's plans only with consent), each audited as shown.
/// </summary>
public sealed class ListCoordinationTasks(NaraDbContext db, ResidentAccess access, CarePathways pathways, IResidentDirectory residents, TimeProvider time) : IFeature
{
    public const string AuditResource = "Arbetslista: planer och vårdförlopp";
    public const int Max = 50;

    /// <summary>What kind of task.</summary>
    public enum TaskKind
    {
        /// <summary>A plan activity past its day.</summary>
        Planaktivitet,
        /// <summary>A pathway step late or at risk.</summary>
        Vardforloppssteg,
    }

    /// <summary>Why it is this member of staff's task.</summary>
    public enum TaskReason
    {
        /// <summary>They own the activity.</summary>
        Ansvarig,
        /// <summary>Their unit owns it and no one is named.</summary>
        Enhet,
        /// <summary>They are the person's fixed care contact.</summary>
        FastVardkontakt,
        /// <summary>A pathway at their unit.</summary>
        Vardforlopp,
    }

    /// <param name="Kind">Plan activity or pathway step.</param>
    /// <param name="ResidentId">Whose.</param>
    /// <param name="Name">Their name.</param>
    /// <param name="Title">The activity or step (and the pathway).</param>
    /// <param name="DueOn">Its day or deadline.</param>
    /// <param name="Urgency">Sen (past the day) or Risk (close to it).</param>
    /// <param name="Why">Why it is this member of staff's task: owner, unit, fixed contact, the unit's pathway.</param>
    public sealed record Item(TaskKind Kind, Guid ResidentId, string Name, string Title, DateOnly DueOn, StepStatus Urgency, TaskReason Why);

    /// <param name="Items">At most <see cref="Max"/>, most urgent first.</param>
    /// <param name="Total">How many there are in all.</param>
    public sealed record Tasks(IReadOnlyList<Item> Items, int Total);

    public async Task<Tasks> HandleAsync(Actor actor, CancellationToken ct)
    {
        if (actor.IsResident || actor.Unit is not { } unit)
        {
            throw ProblemException.Forbidden("Arbetslistan är för personal som arbetar på en enhet.");
        }
        var staff = actor.StaffId;
        var today = Stockholm.Today(time);
        var open = new[] { ActivityStatus.Planerad, ActivityStatus.Pagar };
        var fixedFor = db.Set<FixedContact>().Where(f => f.StaffId == staff && f.Kind == FixedContactKind.FastVardkontakt && f.To == null).Select(f => f.ResidentId);
        var activities = await (
                from a in db.Set<PlanActivity>().AsNoTracking()
                join p in db.Set<CarePlan>().AsNoTracking() on a.PlanId equals p.Id
                where p.EndedAt == null && open.Contains(a.Status) && a.DueOn < today
                      && (a.OwnerStaffId == staff || (a.OwnerStaffId == null && a.OwnerUnitId == unit) || fixedFor.Contains(p.ResidentId))
                orderby a.DueOn
                select new { p.ResidentId, PlanUnit = p.UnitId, a.Title, a.DueOn, Mine = a.OwnerStaffId == staff, OwnUnit = a.OwnerUnitId == unit })
            .Take(Max * 4).ToListAsync(ct);
        var candidates = activities.Select(a => (Resident: a.ResidentId, a.PlanUnit, Kind: TaskKind.Planaktivitet, a.Title, a.DueOn, Urgency: StepStatus.Sen,
            Why: a.Mine ? TaskReason.Ansvarig : a.OwnUnit ? TaskReason.Enhet : TaskReason.FastVardkontakt)).ToList();

        var enrolments = await db.Set<PathwayEnrolment>().AsNoTracking().Where(e => e.UnitId == unit && e.EndedAt == null)
            .Select(e => new { e.ResidentId, e.PathwayId, e.EnrolledOn, e.Done }).ToListAsync(ct);
        foreach (var e in enrolments)
        {
            if (pathways.Find(e.PathwayId) is not { } pathway)
            {
                continue;
            }
            var done = e.Done.ToDictionary(d => d.StepId, d => d.On, StringComparer.Ordinal);
            foreach (var step in pathway.Steps.Where(s => !done.ContainsKey(s.Id)))
            {
                var deadline = pathway.DeadlineOf(step.Id, e.EnrolledOn, done);
                if (deadline is { } due && pathway.StatusOf(step.Id, deadline, today) is var status and (StepStatus.Sen or StepStatus.Risk))
                {
                    candidates.Add((e.ResidentId, unit, TaskKind.Vardforloppssteg, $"{step.Title.Sv} ({pathway.Title.Sv})", due, status, TaskReason.Vardforlopp));
                }
            }
        }
        candidates = candidates.OrderBy(c => c.Urgency == StepStatus.Sen ? 0 : 1).ThenBy(c => c.DueOn).ToList();

        // The access rules decide who may be shown, in one query for them all; a plan held by the other principal's
        // unit only with the person's consent.
        var grants = await access.GrantsAsync(actor, candidates.Select(c => (c.Resident, (UnitId?)null)).Distinct().ToList(), AccessRequest.Read(AuditResource), ct);
        var allowed = grants.ToDictionary(g => g.Resident);
        var hidden = new Dictionary<ResidentId, IReadOnlySet<UnitId>>();
        var shown = new List<(ResidentId Resident, TaskKind Kind, string Title, DateOnly DueOn, StepStatus Urgency, TaskReason Why)>();
        foreach (var c in candidates.Where(c => allowed.ContainsKey(c.Resident)))
        {
            if (c.PlanUnit != unit)
            {
                if (!hidden.TryGetValue(c.Resident, out var units))
                {
                    hidden[c.Resident] = units = await access.HiddenUnitsAsync(actor, c.Resident, ct);
                }
                if (units.Contains(c.PlanUnit))
                {
                    continue;
                }
            }
            shown.Add((c.Resident, c.Kind, c.Title, c.DueOn, c.Urgency, c.Why));
        }
        var page = shown.Take(Max).ToList();
        var names = await residents.GetManyAsync(page.Select(p => p.Resident).Distinct().ToList(), ct);
        var shownResidents = page.Select(p => p.Resident).ToHashSet();
        await access.AuditAllAsync(grants.Where(g => shownResidents.Contains(g.Resident)), null, ct);
        return new Tasks(page.Select(p => new Item(p.Kind, p.Resident.Value, names.GetValueOrDefault(p.Resident)?.Name ?? "–", p.Title, p.DueOn, p.Urgency, p.Why)).ToList(), shown.Count);
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/coordination/tasks", async (HttpContext http, ListCoordinationTasks handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, ct)))
            .RequireAuthorization(NaraPolicies.Vardpersonal)
            .WithProblems()
            .WithTags("Arbetslista")
            .WithSummary("Dina uppgifter i planer och vårdförlopp: försenade planaktiviteter som du, din enhet eller du som fast vårdkontakt ansvarar för, och vårdförloppssteg på din enhet som är sena eller nära tidsgränsen. Sena först, sedan efter datum; högst 50.");
}
