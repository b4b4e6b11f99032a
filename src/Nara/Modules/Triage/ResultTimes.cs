using Nara.Modules.Booking.Contracts;
using Nara.Modules.Triage.Contracts;

namespace Nara.Modules.Triage;

/// <summary>
/// Which free times fit a result: the window its urgency promises (care today: the next 24 hours; care within days: the
/// next 7 days) and the slot types of its recommended channel. These are the service's promises, not clinical rules.
/// </summary>
public static class ResultTimes
{
    public static readonly TimeSpan TodayWindow = TimeSpan.FromHours(24);
    public static readonly TimeSpan DaysWindow = TimeSpan.FromDays(7);

    /// <summary>The window for an urgency, or null when the result is not to book (self-care, emergency).</summary>
    public static TimeSpan? Window(Urgency urgency) => urgency switch
    {
        Urgency.VardIdag => TodayWindow,
        Urgency.VardInomDagar => DaysWindow,
        _ => null,
    };

    /// <summary>The slot types that fit the recommended channel: a phone call can also be a video call, and the reverse.</summary>
    public static IReadOnlyList<SlotType> Types(TriageChannel channel) => channel switch
    {
        TriageChannel.Telefon => [SlotType.Telefon, SlotType.Video],
        TriageChannel.Video => [SlotType.Video, SlotType.Telefon],
        TriageChannel.Chatt => [SlotType.Chatt, SlotType.Telefon],
        _ => [SlotType.Besok],
    };
}
