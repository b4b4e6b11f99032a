using Nara.Modules.Organisation.Contracts;
using Nara.Modules.Residents.Contracts;
using Nara.Modules.Synthetic.Content;
using Nara.Modules.Synthetic.Generation;

namespace Nara.Tests.Modules.Synthetic;

/// <summary>The content is loaded once for all generator tests; it is read-only.</summary>
public sealed class RegionContentFixture
{
    internal RegionContent Content { get; } = ContentLoader.Load(ContentLoader.FindRegionFolder());
}

public sealed class GeneratorTests(RegionContentFixture fixture) : IClassFixture<RegionContentFixture>
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private (GeneratedOrganisation Org, GeneratedPopulation Population) Generate(int residents, int seed = 42)
    {
        var generator = new RegionGenerator(fixture.Content, seed, Today);
        var org = generator.Organisation();
        return (org, generator.Population(org, residents));
    }

    [Fact]
    public void Same_seed_gives_identical_residents()
    {
        var a = Generate(2000);
        var b = Generate(2000);
        Assert.Equal(
            a.Population.Residents.Select(r => (r.Id, r.Personnummer, r.GivenName, r.FamilyName, r.AddressArea, r.Email, r.Phone)),
            b.Population.Residents.Select(r => (r.Id, r.Personnummer, r.GivenName, r.FamilyName, r.AddressArea, r.Email, r.Phone)));
        Assert.Equal(a.Org.Units.Select(u => (u.Unit.Id, u.Unit.HsaId)), b.Org.Units.Select(u => (u.Unit.Id, u.Unit.HsaId)));
        Assert.Equal(a.Org.Staff.Select(s => (s.Id, s.FullName, s.Role)), b.Org.Staff.Select(s => (s.Id, s.FullName, s.Role)));
    }

    [Fact]
    public void Same_seed_gives_identical_health_history()
    {
        var generator = new RegionGenerator(fixture.Content, 7, Today);
        var org = generator.Organisation();
        var population = generator.Population(org, 300);
        var again = new RegionGenerator(fixture.Content, 7, Today);
        var org2 = again.Organisation();
        var population2 = again.Population(org2, 300);
        for (var i = 0; i < 300; i++)
        {
            var h1 = generator.Health(org, population.Residents[i], population.Listings[i], i);
            var h2 = again.Health(org2, population2.Residents[i], population2.Listings[i], i);
            Assert.Equal(h1.Encounters.Select(e => (e.Id, e.UnitId, e.Start, e.DiagnosisCode, e.StaffId)), h2.Encounters.Select(e => (e.Id, e.UnitId, e.Start, e.DiagnosisCode, e.StaffId)));
            Assert.Equal(h1.Conditions.Select(c => (c.Id, c.Kind, c.Onset)), h2.Conditions.Select(c => (c.Id, c.Kind, c.Onset)));
        }
    }

    [Fact]
    public void Different_seeds_give_different_residents()
    {
        var a = Generate(200, seed: 1);
        var b = Generate(200, seed: 2);
        Assert.NotEqual(a.Population.Residents.Select(r => r.Personnummer), b.Population.Residents.Select(r => r.Personnummer));
    }

    [Fact]
    public void Every_personnummer_is_valid_unique_and_synthetic_with_serial_matching_sex()
    {
        var (_, population) = Generate(5000);
        Assert.Equal(population.Residents.Count, population.Residents.Select(r => r.Personnummer).Distinct().Count());
        foreach (var r in population.Residents)
        {
            Assert.True(Personnummer.TryParse(r.Personnummer, Today, out var pnr, out var error), error);
            Assert.Equal(r.BirthDate, pnr.BirthDate);
            var serial = int.Parse(r.Personnummer.AsSpan(8, 3), System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(serial, 900, 999);
            Assert.Equal(r.Sex == Sex.Man, serial % 2 == 1);
        }
    }

    [Fact]
    public void Contact_details_are_fictitious()
    {
        var (_, population) = Generate(3000);
        Assert.All(population.Residents.Where(r => r.Email is not null), r => Assert.EndsWith("@exempel.invalid", r.Email!, StringComparison.Ordinal));
        Assert.All(population.Residents.Where(r => r.Phone is not null), r =>
        {
            Assert.StartsWith("070-1740", r.Phone!, StringComparison.Ordinal);
            Assert.InRange(int.Parse(r.Phone![8..], System.Globalization.CultureInfo.InvariantCulture), 605, 699);
        });
        Assert.InRange(population.Residents.Count(r => r.Email is not null) / (double)population.Residents.Count(r => r.AgeOn(Today) >= 18), 0.5, 0.7);
    }

    [Fact]
    public void Every_resident_is_listed_at_the_vardcentral_responsible_for_their_address_area()
    {
        var (org, population) = Generate(5000);
        var units = org.Units.ToDictionary(u => u.Unit.Id, u => u.Unit);
        for (var i = 0; i < population.Residents.Count; i++)
        {
            var resident = population.Residents[i];
            var listings = population.Listings[i];
            var open = Assert.Single(listings, l => l.To is null);
            var unit = units[open.UnitId];
            Assert.Equal(UnitType.Vardcentral, unit.Type);
            Assert.Equal(resident.MunicipalityCode, unit.MunicipalityCode);
            Assert.Contains(resident.AddressArea, unit.ListingAreas);
            foreach (var earlier in listings.Where(l => l.To is not null))
            {
                Assert.Equal(open.From.AddDays(-1), earlier.To);
                Assert.Equal(resident.MunicipalityCode, units[earlier.UnitId].MunicipalityCode);
            }
        }
        Assert.InRange(population.Listings.Count(l => l.Length > 1) / (double)population.Residents.Count, 0.04, 0.10);
    }

    [Fact]
    public void Every_unit_has_exactly_one_verksamhetschef()
    {
        var (org, _) = Generate(10);
        // Home help is social services: a team member as a unit, whose staff (and head) are not Nära's health care staff.
        Assert.Equal(org.HomeHelpByMunicipality.Count, org.Units.Count(u => u.Unit.Type == UnitType.Hemtjanst));
        Assert.DoesNotContain(org.Staff, s => s.Assignments.Any(a => org.Units.Any(u => u.Unit.Id == a.UnitId && u.Unit.Type == UnitType.Hemtjanst)));
        foreach (var unit in org.Units.Where(u => u.Unit.Type != UnitType.Hemtjanst))
        {
            var chiefs = org.Staff.Where(s => s.Role == StaffRole.Verksamhetschef && s.Assignments.Any(a => a.UnitId == unit.Unit.Id)).ToList();
            var chief = Assert.Single(chiefs);
            Assert.Contains(chief.Profession, new[] { Profession.Lakare, Profession.Sjukskoterska });
        }
        Assert.Equal(3, org.Staff.Count(s => s.Role == StaffRole.Analytiker));
        Assert.Equal(2, org.Staff.Count(s => s.Role == StaffRole.Administrator));
        Assert.All(org.Staff, s => Assert.StartsWith("SE2321000065-SYNP", s.HsaId, StringComparison.Ordinal));
        Assert.All(org.Units, u => Assert.StartsWith("SE2321000065-SYNE", u.Unit.HsaId, StringComparison.Ordinal));
        var twoUnits = org.Staff.Count(s => s.Assignments.Count == 2) / (double)org.Staff.Count;
        Assert.InRange(twoUnits, 0.02, 0.08);
    }

    [Fact]
    public void Municipality_shares_follow_the_content_at_20000_residents()
    {
        var (_, population) = Generate(20_000);
        var municipalities = fixture.Content.Region.Municipalities;
        var total = municipalities.Sum(m => m.Population!.Value);
        foreach (var m in municipalities)
        {
            var expected = m.Population!.Value / (double)total;
            var actual = population.Residents.Count(r => r.MunicipalityCode == m.Code) / (double)population.Residents.Count;
            Assert.InRange(actual, expected - 0.01, expected + 0.01);
        }
    }

    [Fact]
    public void Children_have_one_or_two_custodians_of_parent_age_in_their_municipality()
    {
        var (_, population) = Generate(5000);
        var byId = population.Residents.ToDictionary(r => r.Id);
        var children = population.Residents.Where(r => r.AgeOn(Today) < 18).ToList();
        var byChild = population.Guardians.GroupBy(g => g.ChildId).ToDictionary(g => g.Key, g => g.ToList());
        Assert.True(byChild.Count >= children.Count * 0.95);
        foreach (var (childId, relations) in byChild)
        {
            Assert.InRange(relations.Count, 1, 2);
            foreach (var g in relations)
            {
                var adult = byId[g.GuardianId];
                Assert.InRange(adult.AgeOn(Today), 20, 55);
                Assert.Equal(byId[childId].MunicipalityCode, adult.MunicipalityCode);
            }
        }
    }

    [Fact]
    public void Encounters_lie_in_the_last_three_years_at_fitting_units()
    {
        var generator = new RegionGenerator(fixture.Content, 42, Today);
        var org = generator.Organisation();
        var population = generator.Population(org, 500);
        var units = org.Units.ToDictionary(u => u.Unit.Id, u => u.Unit);
        var from = new DateTimeOffset(Today.AddYears(-3).AddDays(-1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var to = new DateTimeOffset(Today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var count = 0;
        for (var i = 0; i < population.Residents.Count; i++)
        {
            foreach (var e in generator.Health(org, population.Residents[i], population.Listings[i], i).Encounters)
            {
                count++;
                Assert.InRange(e.Start, from, to);
                var type = units[e.UnitId].Type;
                switch (e.Level)
                {
                    case Nara.Modules.Records.Contracts.CareLevel.Primarvard:
                        Assert.Equal(UnitType.Vardcentral, type);
                        break;
                    case Nara.Modules.Records.Contracts.CareLevel.Akutvard:
                        Assert.Equal(UnitType.Akutmottagning, type);
                        Assert.NotNull(e.DiagnosisCode);
                        break;
                    case Nara.Modules.Records.Contracts.CareLevel.Slutenvard:
                        Assert.NotNull(e.End);
                        Assert.True(e.End > e.Start);
                        break;
                    case Nara.Modules.Records.Contracts.CareLevel.KommunalHalsoOchSjukvard:
                        Assert.Equal(UnitType.KommunalHemsjukvard, type);
                        Assert.Equal(Nara.Modules.Records.Contracts.ContactChannel.Hembesok, e.Channel);
                        break;
                }
            }
        }
        Assert.True(count > 500);
    }
}
