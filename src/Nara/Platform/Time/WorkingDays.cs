namespace Nara.Platform.Time;

/// <summary>
/// Swedish working days: weekdays that are not public holidays (allmänna helgdagar, Lag (1989:253) om allmänna
/// helgdagar, https://www.riksdagen.se/sv/dokument-och-lagar/dokument/svensk-forfattningssamling/lag-1989253-om-allmanna-helgdagar_sfs-1989-253/)
/// nor the eves that are days off by agreement across the Swedish labour market (julafton, midsommarafton, nyårsafton;
/// semesterlagen 3 a § counts them as holidays, SFS 1977:480). Used for the answer times care units promise.
/// </summary>
public static class WorkingDays
{
    /// <summary>True when <paramref name="day"/> is a Swedish working day.</summary>
    public static bool IsWorkingDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsHolidayOrEve(day);

    /// <summary>The public holidays and the three eves of <paramref name="year"/>, ordered.</summary>
    public static IReadOnlyList<DateOnly> HolidaysOf(int year)
    {
        var easter = EasterSunday(year);
        var midsummer = FirstSaturdayFrom(new DateOnly(year, 6, 20));
        return new[]
        {
            new DateOnly(year, 1, 1),   // nyårsdagen
            new DateOnly(year, 1, 6),   // trettondedag jul
            easter.AddDays(-2),          // långfredagen
            easter,                      // påskdagen
            easter.AddDays(1),           // annandag påsk
            new DateOnly(year, 5, 1),   // första maj
            easter.AddDays(39),          // Kristi himmelsfärdsdag
            easter.AddDays(49),          // pingstdagen
            new DateOnly(year, 6, 6),   // Sveriges nationaldag
            midsummer.AddDays(-1),       // midsommarafton
            midsummer,                   // midsommardagen (the Saturday 20–26 June)
            FirstSaturdayFrom(new DateOnly(year, 10, 31)), // alla helgons dag (the Saturday 31 October – 6 November)
            new DateOnly(year, 12, 24), // julafton
            new DateOnly(year, 12, 25), // juldagen
            new DateOnly(year, 12, 26), // annandag jul
            new DateOnly(year, 12, 31), // nyårsafton
        }.Order().ToList();
    }

    /// <summary>
    /// The moment <paramref name="days"/> working days after <paramref name="from"/> ends: the end (midnight, Stockholm
    /// time) of the <paramref name="days"/>-th working day after the day of <paramref name="from"/>. Zero days is the end
    /// of that day itself, or of the next working day when it is not one.
    /// </summary>
    public static DateTimeOffset EndOfWorkingDaysAfter(DateTimeOffset from, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var day = Stockholm.DateOf(from);
        var counted = 0;
        if (days == 0)
        {
            while (!IsWorkingDay(day))
            {
                day = day.AddDays(1);
            }
        }
        while (counted < days)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                counted++;
            }
        }
        return Stockholm.ToUtc(day.AddDays(1), TimeOnly.MinValue)!.Value;
    }

    private static bool IsHolidayOrEve(DateOnly day) => HolidaysOf(day.Year).Contains(day);

    private static DateOnly FirstSaturdayFrom(DateOnly day)
    {
        while (day.DayOfWeek != DayOfWeek.Saturday)
        {
            day = day.AddDays(1);
        }
        return day;
    }

    /// <summary>Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm, Meeus/Jones/Butcher).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var dayOfMonth = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, dayOfMonth);
    }
}
