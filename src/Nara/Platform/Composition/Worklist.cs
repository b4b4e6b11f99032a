using Nara.Platform.Auth;

namespace Nara.Platform.Composition;

/// <summary>How urgent an item on the worklist is; the list is ordered by this, then by when it is due.</summary>
public enum WorkUrgency
{
    /// <summary>Before everything else: a crisis alert (a person's answer or words at an alarming level).</summary>
    Kris,
    /// <summary>Now: a case marked urgent, an acute referral.</summary>
    Akut,
    /// <summary>Past its time: an answer, an activity, a step or a call that is late.</summary>
    Forsenad,
    /// <summary>Due today: today's bookings, answers due today.</summary>
    Idag,
    /// <summary>Due within days, or at risk.</summary>
    Snart,
    /// <summary>Later.</summary>
    Senare,
}

/// <summary>One thing on a member of staff's worklist (<c>/min-arbetsdag</c>), from whichever module it belongs to.</summary>
/// <param name="Kind">What it is, as a text key of the worklist (Kris, Meddelande, Planaktivitet, Vardforlopp, Remiss, Sip, Utskrivning, Arende, Bokning).</param>
/// <param name="Title">What it is about (written by people: shown as Swedish).</param>
/// <param name="ResidentId">Whom it is about.</param>
/// <param name="ResidentName">Their name.</param>
/// <param name="DueAt">When it is due (or takes place).</param>
/// <param name="Urgency">How urgent.</param>
/// <param name="Href">Where it is handled.</param>
public sealed record WorkItem(string Kind, string Title, Guid? ResidentId, string? ResidentName, DateTimeOffset? DueAt, WorkUrgency Urgency, string Href);

/// <summary>
/// A module's part of the worklist: what needs the actor (or their unit) now. Each source reads through its module's own
/// access-checked, audited use cases; the worklist merges and orders them. Registered in the module's <c>AddX</c>.
/// </summary>
public interface IWorkItemSource
{
    Task<IReadOnlyList<WorkItem>> ListAsync(Actor actor, CancellationToken ct);
}

public static class WorklistRegistration
{
    public static IServiceCollection AddWorkItemSource<T>(this IServiceCollection services)
        where T : class, IWorkItemSource => services.AddScoped<IWorkItemSource, T>();
}
