using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Domain;
using Nara.Modules.Organisation.Contracts;
using Nara.Modules.Organisation.Domain;
using Nara.Modules.Residents.Contracts;
using Nara.Modules.Residents.Domain;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Tests.Infrastructure;

/// <summary>Creates what a test needs, with unique synthetic identifiers so that tests never collide.</summary>
public sealed class TestData(IServiceProvider services)
{
    private static int _serial;

    /// <summary>A web-bookable 20-minute time at a unit, added by hand (no pattern).</summary>
    public async Task<Slot> SlotAsync(UnitId unit, DateTimeOffset start, SlotType type = SlotType.Besok, Profession? profession = null)
    {
        var slot = new Slot { UnitId = unit, Type = type, Profession = profession, Start = start, End = start.AddMinutes(20), WebBookable = true };
        await WithDbAsync(async db =>
        {
            db.Add(slot);
            await db.SaveChangesAsync();
        });
        return slot;
    }

    /// <summary>Books the slot through the API as the client's signed-in person and returns the booking's id.</summary>
    public static async Task<Guid> BookAsync(HttpClient client, Slot slot)
    {
        var response = await client.PostAsJsonAsync($"/api/booking/slots/{slot.Id}/book", new { });
        Xunit.Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("appointmentId").GetGuid();
    }

    public async Task<T> WithDbAsync<T>(Func<NaraDbContext, Task<T>> work)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NaraDbContext>();
        return await work(db);
    }

    public Task WithDbAsync(Func<NaraDbContext, Task> work) => WithDbAsync(async db =>
    {
        await work(db);
        return 0;
    });

    public async Task<CareUnit> UnitAsync(UnitType type = UnitType.Vardcentral, string? name = null, string municipality = "0780")
    {
        var n = Interlocked.Increment(ref _serial);
        var unit = new CareUnit
        {
            HsaId = $"SE2321000065-TEST{n:D5}{Guid.NewGuid().ToString("N")[..6]}",
            Name = name ?? $"Testenheten {n}",
            Type = type,
            MunicipalityCode = municipality,
            ListingAreas = type == UnitType.Vardcentral ? [$"Område {n}"] : [],
            OpeningHours = "Mo-Fr 08:00-17:00",
        };
        await WithDbAsync(async db =>
        {
            db.Add(unit);
            await db.SaveChangesAsync();
        });
        return unit;
    }

    public async Task<StaffMember> StaffAsync(UnitId unit, Profession profession = Profession.Sjukskoterska, StaffRole role = StaffRole.Vardpersonal, string? givenName = null)
    {
        var n = Interlocked.Increment(ref _serial);
        var staff = new StaffMember
        {
            HsaId = $"SE2321000065-TESTP{n:D5}{Guid.NewGuid().ToString("N")[..6]}",
            GivenName = givenName ?? "Testa",
            FamilyName = $"Personal{n}",
            Profession = profession,
            Role = role,
        };
        staff.Assignments.Add(new StaffAssignment { StaffId = staff.Id, UnitId = unit });
        await WithDbAsync(async db =>
        {
            db.Add(staff);
            await db.SaveChangesAsync();
        });
        return staff;
    }

    /// <summary>A resident with a fresh valid synthetic personnummer, optionally listed at a unit.</summary>
    public async Task<Resident> ResidentAsync(UnitId? listedAt = null, DateOnly? birthDate = null, Sex sex = Sex.Kvinna, string? givenName = null)
    {
        var n = Interlocked.Increment(ref _serial);
        var birth = birthDate ?? new DateOnly(1950, 1, 1).AddDays(Random.Shared.Next(0, 365 * 50));
        Personnummer pnr;
        var exists = true;
        do
        {
            var serial = 900 + (Random.Shared.Next(0, 50) * 2) + (sex == Sex.Man ? 1 : 0);
            pnr = Personnummer.Create(birth, serial);
            var value = pnr.Value;
            exists = await WithDbAsync(db => Task.FromResult(db.Set<Resident>().Any(r => r.Personnummer == value)));
            birth = birth.AddDays(1);
        }
        while (exists);
        var resident = new Resident
        {
            Personnummer = pnr.Value,
            GivenName = givenName ?? "Testa",
            FamilyName = $"Invånare{n}",
            Sex = sex,
            BirthDate = pnr.BirthDate,
            MunicipalityCode = "0780",
            AddressArea = "Centrum",
        };
        await WithDbAsync(async db =>
        {
            db.Add(resident);
            if (listedAt is { } unit)
            {
                db.Add(new Listing { ResidentId = resident.Id, UnitId = unit, From = new DateOnly(2020, 1, 1) });
            }
            await db.SaveChangesAsync();
        });
        return resident;
    }
}
