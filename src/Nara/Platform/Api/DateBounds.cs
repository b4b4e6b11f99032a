namespace Nara.Platform.Api;

/// <summary>
/// The dates a request may name: any birth date or care contact on record, with room on both sides. A date outside
/// (9999-12-31, 0001-01-01) is refused with a 400 naming the field before arithmetic on it can overflow.
/// </summary>
public static class DateBounds
{
    public const int MinYear = 1800;
    public const int MaxYear = 2999;

    public static readonly DateOnly Min = new(MinYear, 1, 1);
    public static readonly DateOnly Max = new(MaxYear, 12, 31);

    public static DateOnly? Check(string field, DateOnly? date) =>
        date is { } d && (d < Min || d > Max)
            ? throw ProblemException.Invalid(field, $"Datumet ska ligga mellan {Min:yyyy-MM-dd} och {Max:yyyy-MM-dd}.")
            : date;
}
