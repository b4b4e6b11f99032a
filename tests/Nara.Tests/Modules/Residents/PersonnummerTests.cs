using System.Globalization;
using Nara.Modules.Residents.Contracts;

namespace Nara.Tests.Modules.Residents;

/// <summary>
/// The rules are Skatteverket's: brochure SKV 704 "Personnummer" (ten digits YYMMDD-NNNC, '+' instead of '-' from the
/// year a person turns 100, the check digit by the modulus-10 "Luhn" method over the nine digits YYMMDDNNN) and its page
/// on samordningsnummer (as a personnummer, with 60 added to the day of birth). Each example's check digit is worked out
/// by hand in a comment, so the test does not rest on the code it checks.
/// </summary>
public sealed class PersonnummerTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    // 811218-9876, the example of the check-digit calculation (attributed to Skatteverket's SKV 704; the attribution was
    // not re-checked against the brochure here, the arithmetic was): digits 8 1 1 2 1 8 9 8 7 times 2 1 2 1 2 1 2 1 2
    // give 16 1 2 2 2 8 18 8 14; their digit sum is 1+6+1+2+2+2+8+1+8+8+1+4 = 44, and 50 - 44 = 6.
    [Fact]
    public void The_check_digit_of_the_published_example_is_6() =>
        Assert.Equal(6, Personnummer.LuhnCheckDigit("811218987"));

    [Theory]
    [InlineData("811218-9876")] // ten digits with hyphen, as SKV 704 writes it
    [InlineData("8112189876")] // ten digits without hyphen
    [InlineData("19811218-9876")] // twelve digits with hyphen
    [InlineData("198112189876")] // twelve digits, the stored form
    [InlineData(" 811218-9876 ")]
    public void The_published_example_parses_in_each_written_form(string text)
    {
        Assert.True(Personnummer.TryParse(text, Today, out var pnr, out var error), error);
        Assert.Equal("198112189876", pnr.Value);
        Assert.Equal("19811218-9876", pnr.Formatted);
        Assert.Equal(new DateOnly(1981, 12, 18), pnr.BirthDate);
        Assert.False(pnr.IsCoordinationNumber);
        Assert.True(pnr.IsOddSerial); // ninth digit 7: odd, a man (SKV 704)
    }

    // SKV 704: the separator changes from '-' to '+' the year a person turns 100. 121212-121: digits times 2 1 2 1 ...
    // give 2 2 2 2 2 2 2 2 2, sum 18, check digit 2.
    [Fact]
    public void A_plus_sign_puts_the_birth_a_century_earlier()
    {
        Assert.True(Personnummer.TryParse("121212+1212", Today, out var old, out var e1), e1);
        Assert.Equal(new DateOnly(1912, 12, 12), old.BirthDate);
        Assert.Equal("191212121212", old.Value);

        Assert.True(Personnummer.TryParse("121212-1212", Today, out var young, out var e2), e2);
        Assert.Equal(new DateOnly(2012, 12, 12), young.BirthDate);
    }

    // Skatteverket, "Samordningsnummer": the day of birth plus 60. 701063-2391 illustrates it (born 3 October 1970): 7 0 1 0 6 3 2 3 9
    // times 2 1 2 1 2 1 2 1 2 give 14 0 2 0 12 3 4 3 18, digit sum 29, check digit 1.
    [Fact]
    public void A_samordningsnummer_is_valid_and_carries_the_real_birth_date()
    {
        Assert.True(Personnummer.TryParse("701063-2391", Today, out var pnr, out var error), error);
        Assert.True(pnr.IsCoordinationNumber);
        Assert.Equal(new DateOnly(1970, 10, 3), pnr.BirthDate);
        Assert.Equal("197010632391", pnr.Value);
    }

    // SKV 704: '-' is used until the year a person turns 100. On 23 November 2026 someone born 1 December 1926 is 99 and
    // writes 261201-NNNC; 2026-12-01 would be in the future, so the century must be the previous one.
    [Fact]
    public void A_ten_digit_number_with_a_date_later_this_year_belongs_to_the_previous_century()
    {
        var twelve = WithCheckDigit("19261201123");
        Assert.True(Personnummer.TryParse($"{twelve[2..8]}-{twelve[8..]}", Today, out var pnr, out var error), error);
        Assert.Equal(new DateOnly(1926, 12, 1), pnr.BirthDate);
    }

    [Fact]
    public void A_ten_digit_samordningsnummer_of_this_month_stays_in_this_century()
    {
        var twelve = WithCheckDigit("20261163123"); // born 3 November 2026, day + 60
        Assert.True(Personnummer.TryParse($"{twelve[2..8]}-{twelve[8..]}", Today, out var pnr, out var error), error);
        Assert.Equal(new DateOnly(2026, 11, 3), pnr.BirthDate);
    }

    [Fact]
    public void A_wrong_check_digit_is_rejected()
    {
        Assert.False(Personnummer.TryParse("811218-9875", Today, out _, out var error));
        Assert.Contains("Kontrollsiffran", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("19900230", "30 February")]
    [InlineData("19900290", "samordningsnummer for 30 February (day 30 + 60)")]
    [InlineData("19901301", "month 13")]
    [InlineData("19900100", "day 0")]
    [InlineData("19900160", "day 60: neither a date nor a samordningsnummer")]
    [InlineData("19900132", "32 January")]
    public void A_date_that_does_not_exist_is_rejected(string yyyymmdd, string because)
    {
        Assert.False(Personnummer.TryParse(WithCheckDigit(yyyymmdd + "123"), Today, out _, out var error), because);
        Assert.Contains("giltigt datum", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_birth_date_after_today_is_rejected()
    {
        Assert.False(Personnummer.TryParse(WithCheckDigit("20261124123"), Today, out _, out var error));
        Assert.Contains("framtiden", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Someone_born_today_is_valid() =>
        Assert.True(Personnummer.TryParse(WithCheckDigit("20261123123"), Today, out _, out var error), error);

    [Theory]
    [InlineData("81121A-9876")] // a letter
    [InlineData("811218-987")] // nine digits
    [InlineData("81121898760")] // eleven digits
    [InlineData("1981121898760")] // thirteen digits
    [InlineData("811218/9876")] // an unknown separator
    public void Letters_and_wrong_lengths_are_rejected(string text)
    {
        Assert.False(Personnummer.TryParse(text, Today, out _, out var error));
        Assert.Contains("10 eller 12 siffror", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Nothing_is_rejected(string? text)
    {
        Assert.False(Personnummer.TryParse(text, Today, out _, out var error));
        Assert.Contains("saknas", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1981-12-18", 987, false)]
    [InlineData("1912-12-12", 121, false)]
    [InlineData("2000-02-29", 2, false)]
    [InlineData("1970-10-03", 239, true)]
    [InlineData("2026-11-23", 999, true)]
    public void Create_round_trips_through_TryParse(string birth, int serial, bool coordination)
    {
        var created = Personnummer.Create(DateOnly.Parse(birth, CultureInfo.InvariantCulture), serial, coordination);
        Assert.True(Personnummer.TryParse(created.Value, Today, out var parsed, out var e1), e1);
        Assert.Equal(created, parsed);
        Assert.True(Personnummer.TryParse(created.Formatted, Today, out var formatted, out var e2), e2);
        Assert.Equal(created, formatted);
    }

    [Fact]
    public void Create_computes_the_published_check_digit() =>
        Assert.Equal("198112189876", Personnummer.Create(new DateOnly(1981, 12, 18), 987).Value);

    [Theory]
    [InlineData(-1)]
    [InlineData(1000)]
    public void Create_refuses_a_serial_outside_three_digits(int serial) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Personnummer.Create(new DateOnly(1981, 12, 18), serial));

    // Eleven digits YYYYMMDDNNN plus the check digit over the last nine of them.
    private static string WithCheckDigit(string first11) =>
        first11 + Personnummer.LuhnCheckDigit(first11.AsSpan(2)).ToString(CultureInfo.InvariantCulture);
}
