using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Nara.Modules.Residents.Contracts;

/// <summary>
/// A Swedish personal identity number (personnummer) or coordination number (samordningsnummer), always held in the
/// twelve-digit form YYYYMMDDNNNC. Valid means: a real calendar date (day + 60 for samordningsnummer) and a correct
/// Luhn check digit over the ten-digit form, as Skatteverket defines it (SKV 704).
/// </summary>
public readonly record struct Personnummer
{
    private Personnummer(string value, DateOnly birthDate, bool isCoordinationNumber)
    {
        Value = value;
        BirthDate = birthDate;
        IsCoordinationNumber = isCoordinationNumber;
    }

    /// <summary>The twelve-digit form, e.g. 199001019802.</summary>
    public string Value { get; }

    /// <summary>The birth date the number encodes.</summary>
    public DateOnly BirthDate { get; }

    /// <summary>True for a samordningsnummer (day of month + 60).</summary>
    public bool IsCoordinationNumber { get; }

    /// <summary>Legal sex as encoded by the ninth digit: odd for men, even for women.</summary>
    public bool IsOddSerial => (Value[10] - '0') % 2 == 1;

    /// <summary>The form people write: YYYYMMDD-NNNC.</summary>
    public string Formatted => $"{Value[..8]}-{Value[8..]}";

    /// <inheritdoc />
    public override string ToString() => Formatted;

    /// <summary>
    /// Parses 12 digits with or without a hyphen (YYYYMMDD-NNNC), or 10 digits (YYMMDD-NNNC, with '+' for people over 100),
    /// relative to <paramref name="today"/> for the century.
    /// </summary>
    public static bool TryParse(string? text, DateOnly today, out Personnummer result, [NotNullWhen(false)] out string? error)
    {
        result = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "Personnumret saknas.";
            return false;
        }
        var trimmed = text.Trim();
        var plus = trimmed.Contains('+', StringComparison.Ordinal);
        var digits = new string(trimmed.Where(c => c is not ('-' or '+' or ' ')).ToArray());
        if (digits.Any(c => !char.IsAsciiDigit(c)) || (digits.Length != 10 && digits.Length != 12))
        {
            error = "Personnumret ska ha 10 eller 12 siffror, till exempel 19900101-9802.";
            return false;
        }
        if (digits.Length == 10)
        {
            var yy = int.Parse(digits[..2], CultureInfo.InvariantCulture);
            var century = today.Year / 100 * 100;
            var year = century + yy;
            // The century whose date is not after today (not just whose year): '-' means under 100 (SKV 704). Day % 60 undoes samordningsnummer.
            if (year > today.Year || (year == today.Year && (int.Parse(digits[2..4], CultureInfo.InvariantCulture) * 100) + (int.Parse(digits[4..6], CultureInfo.InvariantCulture) % 60) > (today.Month * 100) + today.Day))
            {
                year -= 100;
            }
            if (plus)
            {
                year -= 100;
            }
            digits = year.ToString("D4", CultureInfo.InvariantCulture) + digits[2..];
        }
        var y = int.Parse(digits[..4], CultureInfo.InvariantCulture);
        var m = int.Parse(digits[4..6], CultureInfo.InvariantCulture);
        var d = int.Parse(digits[6..8], CultureInfo.InvariantCulture);
        var coordination = d > 60;
        if (coordination)
        {
            d -= 60;
        }
        if (y < 1850 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m))
        {
            error = "Personnumret innehåller inget giltigt datum.";
            return false;
        }
        var birth = new DateOnly(y, m, d);
        if (birth > today)
        {
            error = "Personnumret anger ett födelsedatum i framtiden.";
            return false;
        }
        if (LuhnCheckDigit(digits.AsSpan(2, 9)) != digits[11] - '0')
        {
            error = "Kontrollsiffran i personnumret stämmer inte.";
            return false;
        }
        result = new Personnummer(digits, birth, coordination);
        error = null;
        return true;
    }

    /// <summary>Builds a number from its parts, computing the check digit. Used by the synthetic generator.</summary>
    public static Personnummer Create(DateOnly birthDate, int serial, bool coordination = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(serial);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(serial, 999);
        var day = birthDate.Day + (coordination ? 60 : 0);
        var first11 = string.Create(CultureInfo.InvariantCulture, $"{birthDate.Year:D4}{birthDate.Month:D2}{day:D2}{serial:D3}");
        var check = LuhnCheckDigit(first11.AsSpan(2, 9));
        return new Personnummer(first11 + check.ToString(CultureInfo.InvariantCulture), birthDate, coordination);
    }

    /// <summary>Luhn (mod 10) check digit over nine digits, weights 2,1,2,1,...</summary>
    public static int LuhnCheckDigit(ReadOnlySpan<char> nineDigits)
    {
        var sum = 0;
        for (var i = 0; i < nineDigits.Length; i++)
        {
            var p = (nineDigits[i] - '0') * (i % 2 == 0 ? 2 : 1);
            sum += p > 9 ? p - 9 : p;
        }
        return (10 - (sum % 10)) % 10;
    }
}
