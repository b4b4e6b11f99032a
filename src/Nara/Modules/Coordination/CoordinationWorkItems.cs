using Microsoft.EntityFrameworkCore;
using Nara.Modules.Coordination.Contracts;
using Nara.Modules.Coordination.Domain;
using Nara.Modules.Coordination.Features;
using Nara.Modules.Residents.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;
using Nara.Platform.Time;

namespace Nara.Modules.Coordination;

/// <summary>
/// The worklist's coordination: overdue plan activities and pathway steps late or at risk (ListCoordinationTasks),
/// referrals in the unit's inbox, SIPs the unit holds that are due for follow-up (within a week) or have late actions
/// of the unit, and stays ready for discharge where the unit is to call the coordinated planning. Each person shown
/// is audited as on the unit's list.
/// </summary>
internal sealed class CoordinationWorkItems(NaraDbContext db, ListCoordinationTasks tasks, ListReferrals referrals, ResidentAccess access, IResidentDirectory residents,
    Content.DischargeRules rules, TimeProvider time) : IWorkItemSource
{
    public async Task<IReadOnlyList<WorkItem>> ListAsync(Actor actor, CancellationToken ct)
    {
        if (actor.Unit is not { } unit)
        {
            return [];
        }
        var today = Stockholm.Today(time);
        var now = time.GetUtcNow();
        DateTimeOffset Day(DateOnly d) => Stockholm.ToUtc(d, TimeOnly.MinValue) ?? now;
        var items = new List<WorkItem>();
        foreach (var t in (await tasks.HandleAsync(actor, ct)).Items)
        {
            var activity = t.Kind == ListCoordinationTasks.TaskKind.Planaktivitet;
            items.Add(new WorkItem(activity ? "Planaktivitet" : "Vardforlopp", t.Title, t.ResidentId, t.Name, Day(t.DueOn),
                t.Urgency == StepStatus.Sen ? WorkUrgency.Forsenad : WorkUrgency.Snart,
                activity ? $"/min-arbetsdag/patient/{t.ResidentId}/plan#h-activities" : $"/min-arbetsdag/patient/{t.ResidentId}/vardteam#h-pathways"));
        }
        foreach (var r in await referrals.ForUnitAsync(actor, false, ct))
        {
            var urgency = r.Priority switch
            {
                ReferralPriority.Akut => WorkUrgency.Akut,
                ReferralPriority.Fortur => WorkUrgency.Idag,
                _ => r.Status == ReferralStatus.Skickad ? WorkUrgency.Snart : WorkUrgency.Senare,
            };
            items.Add(new WorkItem("Remiss", r.Question, r.ResidentId, r.Name, r.SentAt, urgency, "/remisser"));
        }

        var soon = today.AddDays(7);
        var sips = await db.Set<Sip>().AsNoTracking()
            .Where(s => s.ResponsibleUnitId == unit && s.Status != SipStatus.Avslutad && s.FollowUpOn != null && s.FollowUpOn <= soon)
            .OrderBy(s => s.FollowUpOn).ThenBy(s => s.Id).Select(s => new { s.ResidentId, s.Purpose, s.FollowUpOn }).Take(50).ToListAsync(ct);
        var lateActions = await (from a in db.Set<SipAction>().AsNoTracking()
                                 join s in db.Set<Sip>().AsNoTracking() on a.SipId equals s.Id
                                 where a.UnitId == unit && !a.Done && a.DueOn < today && s.Status != SipStatus.Avslutad
                                 orderby a.DueOn, a.Id
                                 select new { s.ResidentId, a.What, a.DueOn }).Take(50).ToListAsync(ct);
        var calls = await db.Set<DischargeStay>().AsNoTracking()
            .Where(s => s.Status == DischargeStatus.Utskrivningsklar && s.PlanningCalledAt == null && (s.PrimaryCareUnitId == unit || s.MunicipalUnitId == unit))
            .OrderBy(s => s.ReadyAt).ThenBy(s => s.Id).Select(s => new { s.ResidentId, s.ReadyAt }).Take(50).ToListAsync(ct);
        var people = await residents.GetManyAsync(sips.Select(s => s.ResidentId).Concat(lateActions.Select(a => a.ResidentId)).Concat(calls.Select(c => c.ResidentId)).Distinct().ToList(), ct);
        string? Name(ResidentId r) => people.GetValueOrDefault(r)?.Name;
        items.AddRange(sips.Select(s => new WorkItem("Sip", s.Purpose, s.ResidentId.Value, Name(s.ResidentId), Day(s.FollowUpOn!.Value),
            s.FollowUpOn < today ? WorkUrgency.Forsenad : s.FollowUpOn == today ? WorkUrgency.Idag : WorkUrgency.Snart, $"/min-arbetsdag/patient/{s.ResidentId}/sip")));
        items.AddRange(lateActions.Select(a => new WorkItem("Sip", a.What, a.ResidentId.Value, Name(a.ResidentId), Day(a.DueOn), WorkUrgency.Forsenad, $"/min-arbetsdag/patient/{a.ResidentId}/sip")));
        items.AddRange(calls.Select(c =>
        {
            var due = c.ReadyAt!.Value + rules.PlanningCall.Length;
            return new WorkItem("Utskrivning", "Kalla till samordnad planering", c.ResidentId.Value, Name(c.ResidentId), due,
                due < now ? WorkUrgency.Forsenad : due < now.AddDays(1) ? WorkUrgency.Idag : WorkUrgency.Snart, $"/min-arbetsdag/patient/{c.ResidentId}/sip");
        }));
        var shown = sips.Select(s => s.ResidentId).Concat(lateActions.Select(a => a.ResidentId)).Concat(calls.Select(c => c.ResidentId)).ToList();
        if (shown.Count > 0)
        {
            await access.AuditUnitListAsync(actor, shown, Sips.AuditResource, AuditAction.Search, "Arbetslista", ct);
        }
        return items;
    }
}
