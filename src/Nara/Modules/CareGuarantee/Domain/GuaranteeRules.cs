using Nara.Modules.CareGuarantee.Contracts;
using Nara.Modules.Organisation.Contracts;
using Nara.Platform.Time;

namespace Nara.Modules.CareGuarantee.Domain;

/// <summary>
/// The rules of the care guarantee 0-3-90-90, pure (no clock, no storage).
/// <para>
/// Source: Hälso- och sjukvårdslagen (2017:30) 9 kap. 1 §: the region shall offer (1) contact with primary care the same
/// day the resident seeks it, (2) a medical assessment by a physician or other licensed health professional
/// (legitimerad hälso- och sjukvårdspersonal) in primary care within three days of seeking contact, unless it is
/// evidently unnecessary, (3) a visit in specialised care within 90 days of the referral (or of seeking contact when no
/// referral is needed), and (4) planned treatment within 90 days of the decision to treat. Points 1–2 in this form
/// apply from 1 January 2019 (the earlier rule was a physician visit within 7 days). Hälso- och
/// sjukvårdsförordningen (2017:80) 6 kap. sets out how the guarantee is applied, including that time the patient chose
/// to wait, or after declining an offered time, does not count against it; SKR's waiting-time reporting
/// (väntetider i vården) excludes such "patientvald väntan" from the share within the guarantee.
/// </para>
/// <para>
/// Days are calendar days in Swedish time: day 0 is the Europe/Stockholm date the resident sought contact (a case sent
/// at 23:50 counts that date), and the limit is met when the qualifying event falls on or before start + limit.
/// Weekends and public holidays count like any other day.
/// </para>
/// </summary>
public static class GuaranteeRules
{
    /// <summary>The limit in days for a kind of clock.</summary>
    public static int LimitDays(ClockKind kind) => kind switch
    {
        ClockKind.Kontakt => 0,
        ClockKind.MedicinskBedomning => 3,
        ClockKind.Specialistbesok => 90,
        ClockKind.Behandling => 90,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>
    /// The first day on which a running clock is shown as at risk: the last day of the 0- and 3-day limits (day 0 of 0,
    /// day 2 and 3 of 3), and from day 80 of 90. A chosen warning level, not part of the law.
    /// </summary>
    public static int RiskFromDay(ClockKind kind) => kind switch
    {
        ClockKind.Kontakt => 0,
        ClockKind.MedicinskBedomning => 2,
        _ => 80,
    };

    /// <summary>Day 0: the Swedish calendar date of the instant the clock starts.</summary>
    public static DateOnly StartDate(DateTimeOffset startedAt) => Stockholm.DateOf(startedAt);

    /// <summary>The last day on which the guarantee is met.</summary>
    public static DateOnly Deadline(ClockKind kind, DateOnly start) => start.AddDays(LimitDays(kind));

    /// <summary>Days from the start date to <paramref name="date"/> (the start date is day 0).</summary>
    public static int DayNumber(DateOnly start, DateOnly date) => date.DayNumber - start.DayNumber;

    /// <summary>Where a clock stands on <paramref name="today"/>.</summary>
    public static ClockStatus Status(ClockKind kind, DateOnly start, DateOnly? stopDate, bool excepted, DateOnly today)
    {
        if (excepted)
        {
            return ClockStatus.Undantag;
        }
        var deadline = Deadline(kind, start);
        if (stopDate is { } stop)
        {
            return stop <= deadline ? ClockStatus.Uppfylld : ClockStatus.Overskriden;
        }
        if (today > deadline)
        {
            return ClockStatus.Overskriden;
        }
        return DayNumber(start, today) >= RiskFromDay(kind) ? ClockStatus.Risk : ClockStatus.Pagaende;
    }

    /// <summary>
    /// True when the clock's outcome is settled and it counts in compliance: met or breached. Running clocks within their
    /// limit are not yet settled; excepted clocks never count (neither as met nor in the total).
    /// </summary>
    public static bool CountsInCompliance(ClockStatus status) => status is ClockStatus.Uppfylld or ClockStatus.Overskriden;

    /// <summary>
    /// Licensed health professionals (legitimerad hälso- och sjukvårdspersonal) among Nära's professions, whose contact
    /// can be the medical assessment of the 3-day limit. Source: Patientsäkerhetslagen (2010:659) 4 kap. 1 §, which lists
    /// the 22 professions with legitimation: läkare, sjuksköterska, psykolog, fysioterapeut, arbetsterapeut and dietist
    /// are among them, and hälso- och sjukvårdskurator since 1 July 2019 (Nära's <see cref="Profession.Kurator"/> is the
    /// health-care counsellor). Undersköterska is not: it has been a protected title (skyddad yrkestitel) since 1 July
    /// 2023, which is not a legitimation, so a visit with an undersköterska does not stop the 3-day clock.
    /// </summary>
    public static bool IsLicensed(Profession profession) => profession switch
    {
        Profession.Lakare or Profession.Sjukskoterska or Profession.Psykolog or Profession.Fysioterapeut
            or Profession.Arbetsterapeut or Profession.Dietist or Profession.Kurator => true,
        Profession.Underskoterska => false,
        _ => false,
    };

    /// <summary>Which exemptions apply to a kind of clock: "evidently unnecessary" only to the medical assessment.</summary>
    public static bool ExemptionApplies(ClockExemption exemption, ClockKind kind) =>
        exemption != ClockExemption.BedomningObehovlig || kind == ClockKind.MedicinskBedomning;
}
