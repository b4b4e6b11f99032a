using Nara.Modules.CareGuarantee.Contracts;
using Nara.Modules.CareGuarantee.Domain;
using Nara.Modules.Organisation.Contracts;
using Nara.Platform.Identifiers;

namespace Nara.Tests.Modules.CareGuarantee;

/// <summary>The 0-3-90-90 rules from worked examples: calendar days in Swedish time, day 0 the start date.</summary>
public sealed class GuaranteeRulesTests
{
    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void A_contact_on_a_Friday_must_be_assessed_by_Monday()
    {
        var friday = D("2026-11-20");
        Assert.Equal(DayOfWeek.Friday, friday.DayOfWeek);
        Assert.Equal(D("2026-11-23"), GuaranteeRules.Deadline(ClockKind.MedicinskBedomning, friday));
        Assert.Equal(friday, GuaranteeRules.Deadline(ClockKind.Kontakt, friday));
        Assert.Equal(D("2027-02-18"), GuaranteeRules.Deadline(ClockKind.Specialistbesok, friday));
    }

    [Fact]
    public void A_case_sent_at_23_50_Swedish_time_counts_that_date_and_one_sent_at_00_10_the_next()
    {
        // 23:50 in Stockholm in November is 22:50 UTC; 00:10 on the 21st is still the 20th in UTC.
        Assert.Equal(D("2026-11-20"), GuaranteeRules.StartDate(new DateTimeOffset(2026, 11, 20, 22, 50, 0, TimeSpan.Zero)));
        Assert.Equal(D("2026-11-21"), GuaranteeRules.StartDate(new DateTimeOffset(2026, 11, 20, 23, 10, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Days_across_the_change_to_summer_time_and_back_are_whole_calendar_days()
    {
        // Summer time starts on 29 March 2026 (UTC+1 to UTC+2) and ends on 25 October 2026.
        var beforeSpring = GuaranteeRules.StartDate(new DateTimeOffset(2026, 3, 28, 22, 30, 0, TimeSpan.Zero)); // 23:30 CET
        Assert.Equal(D("2026-03-28"), beforeSpring);
        var lateOnDeadline = GuaranteeRules.StartDate(new DateTimeOffset(2026, 3, 31, 21, 30, 0, TimeSpan.Zero)); // 23:30 CEST on the 31st
        Assert.Equal(D("2026-03-31"), lateOnDeadline);
        Assert.Equal(ClockStatus.Uppfylld, GuaranteeRules.Status(ClockKind.MedicinskBedomning, beforeSpring, lateOnDeadline, false, D("2026-04-01")));
        var autumn = GuaranteeRules.StartDate(new DateTimeOffset(2026, 10, 24, 21, 30, 0, TimeSpan.Zero)); // 23:30 CEST on the 24th
        Assert.Equal(D("2026-10-24"), autumn);
        Assert.Equal(D("2026-10-25"), GuaranteeRules.StartDate(new DateTimeOffset(2026, 10, 24, 22, 30, 0, TimeSpan.Zero))); // 00:30 on the 25th
        Assert.Equal(3, GuaranteeRules.DayNumber(autumn, D("2026-10-27")));
    }

    [Theory]
    [InlineData(ClockKind.MedicinskBedomning, 0, ClockStatus.Pagaende)]
    [InlineData(ClockKind.MedicinskBedomning, 1, ClockStatus.Pagaende)]
    [InlineData(ClockKind.MedicinskBedomning, 2, ClockStatus.Risk)]
    [InlineData(ClockKind.MedicinskBedomning, 3, ClockStatus.Risk)]
    [InlineData(ClockKind.MedicinskBedomning, 4, ClockStatus.Overskriden)]
    [InlineData(ClockKind.Kontakt, 0, ClockStatus.Risk)]
    [InlineData(ClockKind.Kontakt, 1, ClockStatus.Overskriden)]
    [InlineData(ClockKind.Specialistbesok, 79, ClockStatus.Pagaende)]
    [InlineData(ClockKind.Specialistbesok, 80, ClockStatus.Risk)]
    [InlineData(ClockKind.Behandling, 90, ClockStatus.Risk)]
    [InlineData(ClockKind.Behandling, 91, ClockStatus.Overskriden)]
    public void A_running_clock_is_at_risk_near_its_limit_and_breached_after_it(ClockKind kind, int day, ClockStatus expected)
    {
        var start = D("2026-01-10");
        Assert.Equal(expected, GuaranteeRules.Status(kind, start, null, false, start.AddDays(day)));
    }

    [Theory]
    [InlineData(ClockKind.MedicinskBedomning, 3, ClockStatus.Uppfylld)]
    [InlineData(ClockKind.MedicinskBedomning, 4, ClockStatus.Overskriden)]
    [InlineData(ClockKind.Kontakt, 0, ClockStatus.Uppfylld)]
    [InlineData(ClockKind.Kontakt, 1, ClockStatus.Overskriden)]
    [InlineData(ClockKind.Specialistbesok, 90, ClockStatus.Uppfylld)]
    public void A_stopped_clock_is_met_when_the_stop_is_on_or_before_the_deadline(ClockKind kind, int stopDay, ClockStatus expected)
    {
        var start = D("2026-01-10");
        Assert.Equal(expected, GuaranteeRules.Status(kind, start, start.AddDays(stopDay), false, start.AddDays(200)));
    }

    [Fact]
    public void An_exempted_clock_is_neither_met_nor_breached_and_does_not_count_in_compliance()
    {
        var start = D("2026-01-10");
        var status = GuaranteeRules.Status(ClockKind.MedicinskBedomning, start, null, true, start.AddDays(30));
        Assert.Equal(ClockStatus.Undantag, status);
        Assert.False(GuaranteeRules.CountsInCompliance(status));
        Assert.True(GuaranteeRules.CountsInCompliance(ClockStatus.Overskriden));
        Assert.True(GuaranteeRules.CountsInCompliance(ClockStatus.Uppfylld));
        Assert.False(GuaranteeRules.CountsInCompliance(ClockStatus.Risk));
    }

    [Theory]
    [InlineData(Profession.Lakare, true)]
    [InlineData(Profession.Sjukskoterska, true)]
    [InlineData(Profession.Psykolog, true)]
    [InlineData(Profession.Fysioterapeut, true)]
    [InlineData(Profession.Kurator, true)]
    [InlineData(Profession.Underskoterska, false)]
    public void Only_licensed_professions_can_make_the_medical_assessment(Profession profession, bool licensed) =>
        Assert.Equal(licensed, GuaranteeRules.IsLicensed(profession));

    [Fact]
    public void Every_profession_is_decided_one_way_or_the_other()
    {
        // A new profession in the enum must be placed deliberately; this lists the ones that are not licensed.
        var notLicensed = Enum.GetValues<Profession>().Where(p => !GuaranteeRules.IsLicensed(p)).ToList();
        Assert.Equal([Profession.Underskoterska], notLicensed);
    }

    [Fact]
    public void The_earliest_qualifying_stop_counts_and_only_its_own_booking_reopens_the_clock()
    {
        var start = D("2026-02-02");
        var clock = new GuaranteeClock
        {
            ResidentId = StrongId.New<ResidentId>(),
            UnitId = StrongId.New<UnitId>(),
            Kind = ClockKind.MedicinskBedomning,
            Source = ClockSource.Kontakt,
            SourceId = Guid.NewGuid(),
            StartedAt = DateTimeOffset.UnixEpoch,
            StartDate = start,
            Deadline = GuaranteeRules.Deadline(ClockKind.MedicinskBedomning, start),
        };
        var late = Guid.NewGuid();
        var early = Guid.NewGuid();
        Assert.True(clock.StopOn(start.AddDays(6), DateTimeOffset.UnixEpoch, "sen tid", late));
        Assert.True(clock.StopOn(start.AddDays(2), DateTimeOffset.UnixEpoch, "tidig tid", early));
        Assert.False(clock.StopOn(start.AddDays(5), DateTimeOffset.UnixEpoch, "ännu en", Guid.NewGuid()));
        Assert.False(clock.StopOn(start.AddDays(-1), DateTimeOffset.UnixEpoch, "före start", null));
        Assert.Equal(ClockStatus.Uppfylld, clock.StatusOn(start.AddDays(10)));
        Assert.False(clock.ReopenIfStoppedBy(late));
        Assert.True(clock.ReopenIfStoppedBy(early));
        Assert.Equal(ClockStatus.Overskriden, clock.StatusOn(start.AddDays(10)));
    }

    [Fact]
    public void Evidently_unnecessary_is_an_exemption_only_for_the_medical_assessment()
    {
        Assert.True(GuaranteeRules.ExemptionApplies(ClockExemption.BedomningObehovlig, ClockKind.MedicinskBedomning));
        Assert.False(GuaranteeRules.ExemptionApplies(ClockExemption.BedomningObehovlig, ClockKind.Specialistbesok));
        Assert.True(GuaranteeRules.ExemptionApplies(ClockExemption.ValtAttVanta, ClockKind.Behandling));
    }
}
