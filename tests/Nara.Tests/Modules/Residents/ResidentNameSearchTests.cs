using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Nara.Modules.Residents;
using Nara.Modules.Residents.Domain;
using Nara.Platform.Persistence;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Modules.Residents;

/// <summary>
/// A name search is a prefix of the given or the family name, ignoring case (Å, Ä, Ö included), and it runs as two
/// ranges over the folded search keys, which the database answers from their indexes on both engines.
/// </summary>
public abstract class ResidentNameSearchTests(NaraApp app)
{
    private static string Tag() => Guid.NewGuid().ToString("N")[..8];

    private Task<Resident> NamedAsync(string given, string family) => app.Data.WithDbAsync(async db =>
    {
        var resident = await app.Data.ResidentAsync(givenName: given);
        var tracked = await db.Set<Resident>().SingleAsync(r => r.Id == resident.Id);
        tracked.FamilyName = family;
        await db.SaveChangesAsync();
        return tracked;
    });

    private Task<HashSet<Guid>> FindAsync(string text) => app.Data.WithDbAsync(async db =>
        (await ResidentDirectory.ByName(db.Set<Resident>(), text).Select(r => r.Id).ToListAsync()).Select(id => id.Value).ToHashSet());

    [Fact]
    public async Task A_prefix_finds_given_and_family_names_in_any_case_and_nothing_that_only_contains_it()
    {
        var tag = Tag();
        var family = await NamedAsync("Testa", $"Ärlig{tag}berg");
        var given = await NamedAsync($"Ärlig{tag}", "Svensson");
        var inside = await NamedAsync("Testa", $"Vär{tag}ärlig{tag}");
        var near = await NamedAsync("Testa", $"Ärlif{tag}");

        foreach (var text in new[] { $"ärlig{tag}", $"ÄRLIG{tag}", $"Ärlig{tag}" })
        {
            Assert.Equal(new HashSet<Guid> { family.Id.Value, given.Id.Value }, await FindAsync(text));
        }
        Assert.Equal(new HashSet<Guid> { family.Id.Value }, await FindAsync($"ärlig{tag}b"));
        Assert.Equal(new HashSet<Guid> { given.Id.Value }, await FindAsync($"ärlig{tag} svens"));
        Assert.DoesNotContain(inside.Id.Value, await FindAsync($"ärlig{tag}"));
        Assert.DoesNotContain(near.Id.Value, await FindAsync($"ärlig{tag}"));
    }

    [Fact]
    public async Task A_renamed_resident_is_found_by_the_new_name_and_not_the_old()
    {
        var tag = Tag();
        var resident = await NamedAsync("Testa", $"Öberg{tag}");
        await app.Data.WithDbAsync(async db =>
        {
            var tracked = await db.Set<Resident>().SingleAsync(r => r.Id == resident.Id);
            tracked.FamilyName = $"Åkesson{tag}";
            await db.SaveChangesAsync();
        });

        Assert.Empty(await FindAsync($"öberg{tag}"));
        Assert.Equal(new HashSet<Guid> { resident.Id.Value }, await FindAsync($"åkesson{tag}"));
    }

    [Fact]
    public async Task The_database_answers_a_name_search_from_the_search_key_indexes()
    {
        var plan = await app.Data.WithDbAsync(async db =>
        {
            var postgres = db.Database.IsNpgsql();
            await using var command = ResidentDirectory.ByName(db.Set<Resident>(), "andersson").Select(r => r.Id).CreateDbCommand();
            await db.Database.OpenConnectionAsync();
            try
            {
                if (postgres)
                {
                    // A few test rows make a sequential scan cheapest; forbidding it shows whether the index can serve the
                    // range at all (it cannot when the column's collation differs from the comparison's).
                    await db.Database.ExecuteSqlRawAsync("SET enable_seqscan = off");
                }
                command.CommandText = (postgres ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + command.CommandText;
                var lines = new List<string>();
                await using DbDataReader reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    lines.Add(string.Join(' ', Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i)?.ToString())));
                }
                return string.Join('\n', lines);
            }
            finally
            {
                if (postgres)
                {
                    await db.Database.ExecuteSqlRawAsync("RESET enable_seqscan");
                }
                await db.Database.CloseConnectionAsync();
            }
        });

        Assert.Contains("IX_residents_residents_FamilyNameSearchKey", plan, StringComparison.Ordinal);
        Assert.Contains("IX_residents_residents_GivenNameSearchKey", plan, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Åsa")]
    [InlineData("ÖSTERGÅRD")]
    [InlineData("Ærø-Ødegård")]
    [InlineData("Émile Müller")]
    [InlineData("Ångström")]
    public async Task The_migrations_fold_of_existing_names_equals_the_entitys(string name)
    {
        // EF1003: the concatenated SQL is the fold's own text; the name goes in as a parameter ({0}).
#pragma warning disable EF1003
        var folded = await app.Data.WithDbAsync(db =>
            db.Database.SqlQueryRaw<string>("SELECT " + SearchKey.SqlFold("{0}") + " AS \"Value\"", name).SingleAsync());
#pragma warning restore EF1003

        Assert.Equal(SearchKey.Of(name), folded);
    }
}

[Collection(SqliteTests.Name)]
public sealed class ResidentNameSearchTestsOnSqlite(SqliteApp app) : ResidentNameSearchTests(app);

[Collection(PostgresTests.Name)]
public sealed class ResidentNameSearchTestsOnPostgres(PostgresApp app) : ResidentNameSearchTests(app);
