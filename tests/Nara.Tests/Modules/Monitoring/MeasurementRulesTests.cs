using Nara.Modules.Monitoring;
using Nara.Modules.Monitoring.Content;
using Nara.Modules.Monitoring.Domain;
using Nara.Platform.Content;
using Nara.Platform.Identifiers;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Modules.Monitoring;

/// <summary>
/// The rules of a home measurement: UCUM units converted as published (pounds, mg/dL glucose, °F), entry ranges that
/// refuse what no one measures at home and name the field, a blood pressure's lower below its upper, and a value read
/// against the person's limits (the worst breach decides the priority).
/// </summary>
public sealed class MeasurementRulesTests
{
    private static readonly MeasureCatalog Catalog = MeasureCatalog.Load(ContentFolder.Find(null, "measures"));

    private static Measure M(string id) => Catalog.Find(id)!;

    [Theory]
    [InlineData("weight", "[lb_av]", 154.0, 69.9)]     // 154 lb × 0.45359237 = 69.853 kg
    [InlineData("weight", "g", 3250.0, 3.3)]           // 3.25 kg, one decimal
    [InlineData("glucose", "mg/dL", 100.0, 5.6)]       // 100 / 18.016 = 5.55 mmol/L
    [InlineData("temperature", "[degF]", 98.6, 37.0)]  // (98.6 − 32) × 5/9
    [InlineData("temperature", "Cel", 38.25, 38.3)]
    [InlineData("oxygen-saturation", null, 94.0, 94.0)]
    public void A_value_in_an_accepted_unit_is_kept_in_the_measures_own(string measure, string? unit, double value, double kept)
    {
        var result = MeasurementRules.Check(M(measure), unit, value, null);
        Assert.True(result.Ok, result.Error);
        Assert.Equal(kept, result.Value);
    }

    [Theory]
    [InlineData("blood-pressure", "mm[Hg]", 400.0, 20.0, "value")]
    [InlineData("blood-pressure", "mm[Hg]", 140.0, 20.0, "value2")]
    [InlineData("blood-pressure", "mm[Hg]", 120.0, 130.0, "value2")]
    [InlineData("blood-pressure", "mm[Hg]", 120.0, null, "value2")]
    [InlineData("blood-pressure", "kg", 120.0, 80.0, "unit")]
    [InlineData("weight", "kg", -3.0, null, "value")]
    [InlineData("weight", "mm[Hg]", 70.0, null, "unit")]
    [InlineData("weight", "kg", 70.0, 5.0, "value2")]
    [InlineData("pulse", "/min", 300.0, null, "value")]
    [InlineData("temperature", "Cel", 50.0, null, "value")]
    [InlineData("oxygen-saturation", "%", 101.0, null, "value")]
    [InlineData("glucose", "mmol/L", double.NaN, null, "value")]
    public void What_no_one_measures_at_home_is_refused_naming_the_field(string measure, string unit, double value, double? value2, string field)
    {
        var result = MeasurementRules.Check(M(measure), unit, value, value2);
        Assert.False(result.Ok);
        Assert.Equal(field, result.Field);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
    }

    [Fact]
    public void A_value_outside_the_alarm_range_is_high_priority_outside_the_target_normal_and_inside_nothing()
    {
        var bp = M("blood-pressure");
        MeasureLimit Limit(string component, double tl, double th, double al, double ah) => new()
        {
            ResidentId = new ResidentId(Guid.NewGuid()), Measure = bp.Id, Component = component, UnitId = new UnitId(Guid.NewGuid()),
            TargetLow = tl, TargetHigh = th, AlarmLow = al, AlarmHigh = ah, SetAt = TestClock.Now, SetBy = "Syntetisk Sjuksköterska",
        };
        var limits = new[] { Limit("systolic", 100, 140, 90, 180), Limit("diastolic", 60, 90, 50, 110) };
        Assert.Null(MeasurementRules.Against(bp, 132, 84, limits));
        var high = MeasurementRules.Against(bp, 150, 85, limits)!;
        Assert.Equal(AlertPriority.Normal, high.Priority);
        Assert.Equal("Blodtryck 150/85 mm[Hg]: över målvärdet 140 (övre (systoliskt))", high.Reason);
        // The diastolic is past its alarm limit while the systolic is only past its target: the worst decides.
        var worst = MeasurementRules.Against(bp, 150, 115, limits)!;
        Assert.Equal(AlertPriority.Hog, worst.Priority);
        Assert.Contains("över larmgränsen 110", worst.Reason, StringComparison.Ordinal);
        Assert.Equal(AlertPriority.Hog, MeasurementRules.Against(bp, 85, 55, limits)!.Priority);
    }

    [Fact]
    public void Every_measure_has_a_LOINC_code_its_own_unit_first_and_the_vital_signs_codes_of_FHIR()
    {
        Assert.Equal(["blood-pressure", "pulse", "weight", "glucose", "oxygen-saturation", "temperature", "peak-flow"], Catalog.Measures.Select(m => m.Id));
        Assert.Equal(["8480-6", "8462-4"], M("blood-pressure").Components.Select(c => c.Loinc));
        Assert.Equal("85354-9", M("blood-pressure").Loinc);
        Assert.Equal(("29463-7", "kg"), (M("weight").Loinc, M("weight").Unit));
        Assert.Equal(("8310-5", "Cel"), (M("temperature").Loinc, M("temperature").Unit));
        Assert.Equal(("59408-5", "%"), (M("oxygen-saturation").Loinc, M("oxygen-saturation").Unit));
        Assert.Equal(("8867-4", "/min"), (M("pulse").Loinc, M("pulse").Unit));
    }
}
