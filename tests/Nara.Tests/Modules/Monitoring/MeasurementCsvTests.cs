using Nara.Modules.Monitoring;
using Nara.Modules.Monitoring.Content;
using Nara.Platform.Content;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Modules.Monitoring;

/// <summary>A device's CSV export read all or nothing: Swedish or English headers, either separator, every wrong line named.</summary>
public sealed class MeasurementCsvTests
{
    private static readonly MeasureCatalog Catalog = MeasureCatalog.Load(ContentFolder.Find(null, "measures"));

    private static MeasurementCsv.Result Read(string text) => MeasurementCsv.Read(new StringReader(text), Catalog, TestClock.Now, 1000);

    [Fact]
    public void A_Swedish_export_with_semicolons_and_decimal_commas_is_read_in_Swedish_time()
    {
        var result = Read("Tid;Mått;Värde;Enhet\n2026-06-14 08:30;blood-pressure;142/91;mm[Hg]\n2026-06-14 08:31;Vikt;82,4;kg\n\n2026-06-14 21:00;temperature;100,4;[degF]\n");
        Assert.Empty(result.Errors);
        Assert.Equal(3, result.Rows.Count);
        Assert.Equal((142.0, (double?)91.0), (result.Rows[0].Value, result.Rows[0].Value2));
        Assert.Equal(new DateTimeOffset(2026, 6, 14, 6, 30, 0, TimeSpan.Zero), result.Rows[0].MeasuredAt);
        Assert.Equal(("weight", 82.4), (result.Rows[1].Measure.Id, result.Rows[1].Value));
        Assert.Equal(38.0, result.Rows[2].Value);
    }

    [Fact]
    public void An_English_export_with_commas_and_offsets_is_read()
    {
        var result = Read("time,measure,value,unit\n2026-06-14T08:30:00+02:00,glucose,126,mg/dL\n2026-06-14T09:00:00Z,pulse,64,/min\n");
        Assert.Empty(result.Errors);
        Assert.Equal(new DateTimeOffset(2026, 6, 14, 6, 30, 0, TimeSpan.Zero), result.Rows[0].MeasuredAt);
        Assert.Equal(7.0, result.Rows[0].Value);
    }

    [Fact]
    public void A_broken_row_is_named_by_its_line_and_nothing_is_kept()
    {
        var result = Read("tid;mått;värde;enhet\n2026-06-14 08:30;blood-pressure;142/91;mm[Hg]\n2026-06-14 08:35;blood-pressure;400/20;mm[Hg]\n2026-06-14 08:40;weight;-3;kg\n" +
            "igår;pulse;60;/min\n2026-06-14 08:50;pulse;sextio;/min\n2026-06-14 08:55;vikt;80;mm[Hg]\n2026-06-14 09:00;socker;5;mmol/L\n2027-01-01 09:00;pulse;60;/min\n");
        Assert.Empty(result.Rows);
        Assert.Equal(["csv.line3", "csv.line4", "csv.line5", "csv.line6", "csv.line7", "csv.line8", "csv.line9"], result.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.StartsWith("Rad 3: ", result.Errors["csv.line3"][0], StringComparison.Ordinal);
        Assert.Contains("framtiden", result.Errors["csv.line9"][0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("datum;puls\n2026-06-14;60\n")]
    [InlineData("tid;mått;värde;enhet\n")]
    public void An_empty_file_or_one_without_the_columns_is_refused(string text) =>
        Assert.NotEmpty(Read(text).Errors);
}
