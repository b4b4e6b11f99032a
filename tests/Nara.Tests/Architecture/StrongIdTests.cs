using Microsoft.EntityFrameworkCore;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Tests.Architecture;

/// <summary>
/// House rule 9: every aggregate is identified by a strong id, and a reference to an aggregate has that aggregate's id
/// type, so an appointment id cannot be passed where a slot id is wanted. Read from the EF model, so a new entity is
/// covered the day it is mapped.
/// </summary>
public sealed class StrongIdTests
{
    // Append-only logs numbered by the database: their sequence number is not an aggregate's identity.
    private static readonly HashSet<string> NumberedLogs = ["AuditEvent", "OutboxMessage"];

    // Keyed by the official code (SCB's county and municipality codes), which is what other systems send.
    private static readonly HashSet<string> OfficialCodes = ["Region", "Municipality"];

    private static readonly Dictionary<string, Type> IdTypes =
        StrongId.TypesIn(typeof(NaraHost).Assembly).ToDictionary(t => t.Name, StringComparer.Ordinal);

    private static SqliteNaraDbContext Model() =>
        new SqliteNaraDbContext(new DbContextOptionsBuilder<SqliteNaraDbContext>().UseSqlite("Data Source=:memory:").Options);

    [Fact]
    public void Every_entity_is_keyed_by_strong_ids()
    {
        using var db = Model();
        var bare = db.Model.GetEntityTypes()
            .Where(e => !NumberedLogs.Contains(e.ClrType.Name) && !OfficialCodes.Contains(e.ClrType.Name))
            .SelectMany(e => e.FindPrimaryKey()!.Properties.Select(p => (Entity: e.ClrType.Name, Property: p)))
            .Where(k => !IdTypes.ContainsValue(Nullable.GetUnderlyingType(k.Property.ClrType) ?? k.Property.ClrType))
            .Select(k => $"{k.Entity}.{k.Property.Name} is {k.Property.ClrType.Name}")
            .ToList();
        Assert.True(bare.Count == 0, "keys that are not strong ids: " + string.Join(", ", bare));
    }

    [Fact]
    public void A_property_named_for_an_id_type_has_that_type()
    {
        using var db = Model();
        var wrong = db.Model.GetEntityTypes()
            .SelectMany(e => e.GetProperties().Select(p => (Entity: e.ClrType.Name, Property: p)))
            .Where(x => IdTypes.TryGetValue(x.Property.Name, out var expected)
                && (Nullable.GetUnderlyingType(x.Property.ClrType) ?? x.Property.ClrType) != expected)
            .Select(x => $"{x.Entity}.{x.Property.Name} is {x.Property.ClrType.Name}, not {x.Property.Name}")
            .ToList();
        Assert.True(wrong.Count == 0, string.Join(", ", wrong));
    }

    [Fact]
    public void Ids_store_as_their_guid_and_read_back_as_their_type()
    {
        var converter = new StrongIdConverter<ResidentId>();
        var id = StrongId.New<ResidentId>();
        Assert.Equal(id.Value, converter.ConvertToProvider(id));
        Assert.Equal(id, converter.ConvertFromProvider(id.Value));
        Assert.True(StrongId.TryParse<ResidentId>(id.ToString(), out var parsed) && parsed == id);
        Assert.False(StrongId.TryParse<ResidentId>("inte-ett-id", out _));
    }

    [Fact]
    public void Ids_travel_in_json_as_plain_guids()
    {
        var options = new System.Text.Json.JsonSerializerOptions { Converters = { new StrongIdJsonConverterFactory() } };
        var id = StrongId.New<Nara.Modules.Booking.Contracts.SlotId>();
        var json = System.Text.Json.JsonSerializer.Serialize(new { slotId = id }, options);
        Assert.Equal($"{{\"slotId\":\"{id.Value}\"}}", json);
        Assert.Equal(id, System.Text.Json.JsonSerializer.Deserialize<Nara.Modules.Booking.Contracts.SlotId>($"\"{id.Value}\"", options));
    }
}
