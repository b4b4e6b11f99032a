using Nara.Modules.Organisation.Contracts;
using Nara.Modules.Organisation.Domain;
using Nara.Modules.Residents.Contracts;
using Nara.Modules.Residents.Domain;
using Nara.Platform.Persistence;

namespace Nara.Bench;

/// <summary>The small synthetic world most benchmarks start from: one vårdcentral and residents listed there.</summary>
internal static class BenchSeed
{
    /// <summary>Adds (does not save) a unit and <paramref name="count"/> listed residents with distinct synthetic personnummer.</summary>
    public static (CareUnit Unit, List<Guid> Residents) AddUnitWithResidents(NaraDbContext db, string hsaId, int count, DateOnly firstBirth, int daysBetweenBirths)
    {
        var unit = new CareUnit { HsaId = hsaId, Name = "Vårdcentralen Bänk", Type = UnitType.Vardcentral, MunicipalityCode = "0780", OpeningHours = "Mo-Fr 08:00-17:00" };
        db.Add(unit);
        var ids = new List<Guid>(count);
        for (var i = 0; i < count; i++)
        {
            var pnr = Personnummer.Create(firstBirth.AddDays(i * daysBetweenBirths), 900 + (i % 50) * 2);
            var r = new Resident { Personnummer = pnr.Value, GivenName = "Test", FamilyName = $"Bänk{i}", Sex = Sex.Kvinna, BirthDate = pnr.BirthDate, MunicipalityCode = "0780", AddressArea = "Centrum" };
            db.Add(r);
            db.Add(new Listing { ResidentId = r.Id, UnitId = unit.Id, From = new DateOnly(2020, 1, 1) });
            ids.Add(r.Id.Value);
        }
        return (unit, ids);
    }
}
