using System.Globalization;
using System.Text.RegularExpressions;
using Nara.Modules.Records.Content;
using Nara.Platform.Content;

namespace Nara.Tests.Modules.Records;

/// <summary>The diagnosis titles in content/records: every code the region can record has one, in both languages, as ICD-10-SE and WHO title it.</summary>
public sealed partial class DiagnosisNamesTests
{
    private static readonly DiagnosisNames Names = DiagnosisNames.Load(ContentFolder.Find(null, "records"));
    private static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    [GeneratedRegex(@"icd10:\s*""?([A-Z][0-9]{2}(?:\.[0-9A-Z]{1,2})?)")]
    private static partial Regex IcdCode();

    [Fact]
    public void Every_code_the_synthetic_region_can_record_has_a_title()
    {
        var region = ContentFolder.Find(null, "region");
        var codes = new[] { "utilisation.yaml", "conditions.yaml" }
            .SelectMany(f => IcdCode().Matches(File.ReadAllText(Path.Combine(region, f))).Select(m => m.Groups[1].Value))
            .Distinct().ToList();

        Assert.True(codes.Count > 40, $"found only {codes.Count} codes in the region content");
        var missing = codes.Where(c => !Names.Codes.Contains(c)).ToList();
        Assert.True(missing.Count == 0, $"no title for {string.Join(", ", missing)}");
    }

    [Theory]
    [InlineData("I50.9", "Hjärtsvikt, ospecificerad", "Heart failure, unspecified")]
    [InlineData("E11", "Diabetes mellitus typ 2", "Type 2 diabetes mellitus")]
    [InlineData("M54.5", "Lumbago", "Low back pain")]
    [InlineData("R69", "Okända och ospecificerade orsaker till sjuklighet", "Unknown and unspecified causes of morbidity")]
    public void A_code_is_named_as_the_classification_names_it_in_the_pages_language(string code, string sv, string en)
    {
        Assert.Equal(sv, Names.NameOf(code, Swedish));
        Assert.Equal(en, Names.NameOf(code, English));
    }

    [Fact]
    public void An_unlisted_subcode_takes_its_category_title_and_an_unknown_code_has_none()
    {
        Assert.Equal("Depressiv episod", Names.NameOf("F32.1", Swedish));
        Assert.Equal("Diabetes mellitus typ 2 (E11.9)", DiagnosisNames.Text("E11.9", Names.NameOf("E11.9", Swedish)));
        Assert.Null(Names.NameOf("Q99.9", Swedish));
        Assert.Equal("Q99.9", DiagnosisNames.Text("Q99.9", Names.NameOf("Q99.9", Swedish)));
        Assert.Equal("–", DiagnosisNames.Text(null, null));
        Assert.Null(Names.NameOf(null, Swedish));
    }

    [Theory]
    [InlineData("codes:\n  - { code: I10, sv: Essentiell hypertoni, en: Essential (primary) hypertension }\n", "källa")]
    [InlineData("sources: [{ title: T, url: u }]\ncodes:\n  - { code: I10, sv: A, en: B }\n  - { code: I10, sv: A, en: B }\n", "två gånger")]
    [InlineData("sources: [{ title: T, url: u }]\ncodes:\n  - { code: hjärta, sv: A, en: B }\n", "ingen ICD-10-kod")]
    [InlineData("sources: [{ title: T, url: u }]\ncodes:\n  - { code: I10, sv: A }\n", "saknar")]
    public void A_wrong_file_stops_the_start_with_the_problem_named(string yaml, string problem)
    {
        var folder = Directory.CreateTempSubdirectory("nara-diagnoses-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, DiagnosisNames.FileName), yaml);
            var error = Assert.Throws<ContentException>(() => DiagnosisNames.Load(folder));
            Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
