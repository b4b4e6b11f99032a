using Nara.Modules.Synthetic.Content;
using Nara.Platform.Content;

namespace Nara.Tests.Modules.Synthetic;

public sealed class ContentLoaderTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"nara-content-{Guid.NewGuid():N}", "region");

    public ContentLoaderTests()
    {
        Directory.CreateDirectory(_folder);
        foreach (var file in Directory.GetFiles(ContentLoader.FindRegionFolder(), "*.yaml"))
        {
            File.Copy(file, Path.Combine(_folder, Path.GetFileName(file)));
        }
    }

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_folder)!, recursive: true);

    private void Replace(string file, string from, string to)
    {
        var path = Path.Combine(_folder, file);
        var text = File.ReadAllText(path);
        Assert.Contains(from, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
    }

    private static int LineOf(string path, string text) =>
        File.ReadAllLines(path).Select((l, i) => (l, i)).First(x => x.l.Contains(text, StringComparison.Ordinal)).i + 1;

    [Fact]
    public void The_region_content_loads()
    {
        var content = ContentLoader.Load(_folder);
        Assert.Equal(8, content.Region.Municipalities.Count);
        Assert.Equal("07", content.Region.Region!.Code);
    }

    [Fact]
    public void Broken_yaml_is_rejected_naming_file_and_line()
    {
        Replace("conditions.yaml", "    icd10: I10", "    icd10: [I10");
        var ex = Assert.Throws<ContentException>(() => ContentLoader.Load(_folder));
        Assert.StartsWith("conditions.yaml:", ex.Message, StringComparison.Ordinal);
        Assert.InRange(ex.Line, LineOf(Path.Combine(_folder, "conditions.yaml"), "icd10: [I10"), int.MaxValue);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void A_share_outside_0_to_1_is_rejected_with_its_line()
    {
        Replace("kronoberg.yaml", "{ name: Teleborg, share: 0.10 }", "{ name: Teleborg, share: 1.10 }");
        var ex = Assert.Throws<ContentException>(() => ContentLoader.Load(_folder));
        Assert.Equal("kronoberg.yaml", ex.File);
        Assert.Equal(LineOf(Path.Combine(_folder, "kronoberg.yaml"), "Teleborg, share: 1.10"), ex.Line);
        Assert.Contains("share", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Shares_that_do_not_sum_to_one_are_rejected()
    {
        Replace("utilisation.yaml", "{ icd10: R55, name_sv: Svimning och kollaps, share: 0.030 }", "{ icd10: R55, name_sv: Svimning och kollaps, share: 0.130 }");
        var ex = Assert.Throws<ContentException>(() => ContentLoader.Load(_folder));
        Assert.Equal("utilisation.yaml", ex.File);
        Assert.Contains("summerar", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_source_id_is_rejected()
    {
        Replace("population.yaml", "{ from: 5, to: 9, male: 6040, female: 5720, source: scb-be0101 }", "{ from: 5, to: 9, male: 6040, female: 5720, source: scb-okand }");
        var ex = Assert.Throws<ContentException>(() => ContentLoader.Load(_folder));
        Assert.Equal(LineOf(Path.Combine(_folder, "population.yaml"), "scb-okand"), ex.Line);
        Assert.Contains("scb-okand", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Opening_hours_that_do_not_parse_are_rejected()
    {
        Replace("kronoberg.yaml", "opening_hours: \"Mo-Th 08:00-18:00; Fr 08:00-16:00\"", "opening_hours: \"Mo-Th 18:00-08:00\"");
        var ex = Assert.Throws<ContentException>(() => ContentLoader.Load(_folder));
        Assert.Equal("kronoberg.yaml", ex.File);
        Assert.Contains("opening_hours", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_figure_is_rejected()
    {
        Replace("population.yaml", "{ from: 10, to: 14, male: 6370, female: 6000, source: scb-be0101 }", "{ from: 10, to: 14, male: 6370, source: scb-be0101 }");
        var ex = Assert.Throws<ContentException>(() => ContentLoader.Load(_folder));
        Assert.Contains("female saknas", ex.Message, StringComparison.Ordinal);
    }
}
