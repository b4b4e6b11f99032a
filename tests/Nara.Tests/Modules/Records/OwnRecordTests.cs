using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nara.Modules.Organisation.Contracts;
using Nara.Modules.Records.Contracts;
using Nara.Modules.Records.Domain;
using Nara.Modules.Residents.Domain;
using Nara.Platform.Access;
using Nara.Platform.Identifiers;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Modules.Records;

/// <summary>
/// Journalen: a resident reads their own record (contacts, diagnoses by name, lifestyle notes), a guardian a young
/// child's; every read is logged, and a guardian's read shows in the child's access log.
/// </summary>
public abstract class OwnRecordTests(NaraApp app)
{
    private async Task RecordAsync(ResidentId resident, UnitId hospital, UnitId home)
    {
        await app.Data.WithDbAsync(async db =>
        {
            db.Add(new Condition { ResidentId = resident, Kind = ChronicCondition.Diabetes, Icd10 = "E11", Onset = new DateOnly(2019, 4, 1), RecordedBy = home });
            db.Add(new Encounter { ResidentId = resident, UnitId = hospital, Level = CareLevel.Slutenvard, Channel = ContactChannel.Fysiskt, Start = app.Now.AddDays(-40), End = app.Now.AddDays(-34), DiagnosisCode = "I50.9" });
            db.Add(new Encounter { ResidentId = resident, UnitId = home, Level = CareLevel.Primarvard, Channel = ContactChannel.Telefon, Start = app.Now.AddDays(-5), DiagnosisCode = "Q99.9" });
            db.Add(new LifestyleObservation { ResidentId = resident, Habit = LifestyleHabit.DailySmoking, Present = false, RecordedOn = new DateOnly(2026, 3, 2), RecordedBy = home });
            return await db.SaveChangesAsync();
        });
    }

    private async Task<List<AuditEvent>> AuditAsync(ResidentId resident) =>
        await app.Data.WithDbAsync(db => db.Set<AuditEvent>().Where(e => e.ResidentId == resident && e.Resource == "Journalen").ToListAsync());

    [Fact]
    public async Task A_resident_reads_their_contacts_diagnoses_by_name_and_habits_and_the_read_is_logged()
    {
        var home = await app.Data.UnitAsync();
        var hospital = await app.Data.UnitAsync(UnitType.Sjukhusklinik, name: $"Medicinkliniken {Guid.NewGuid():N}"[..24]);
        var resident = await app.Data.ResidentAsync(home.Id);
        await RecordAsync(resident.Id, hospital.Id, home.Id);
        var client = await app.ResidentClientAsync(resident.Id.Value);

        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/mina-sidor/journal"));

        Assert.Contains("Diabetes mellitus typ 2", page, StringComparison.Ordinal);
        Assert.Contains("Hjärtsvikt, ospecificerad (I50.9)", page, StringComparison.Ordinal);
        Assert.Contains(hospital.Name, page, StringComparison.Ordinal);
        Assert.Contains(">Q99.9<", page, StringComparison.Ordinal);
        Assert.Contains("Daglig rökning", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Det finns inga vårdkontakter", page, StringComparison.Ordinal);
        var audit = Assert.Single(await AuditAsync(resident.Id));
        Assert.Equal((resident.Id.Value, AuditAction.Read, AuditOutcome.Allowed), (audit.ActorId, audit.Action, audit.Outcome));

        // The same record through the API, with the names.
        var overview = await client.GetFromJsonAsync<JsonElement>($"/api/residents/{resident.Id}/overview");
        var contacts = overview.GetProperty("contacts").EnumerateArray().ToList();
        Assert.Equal(["Q99.9", "I50.9"], contacts.Select(c => c.GetProperty("diagnosisCode").GetString()));
        Assert.Equal([null, "Hjärtsvikt, ospecificerad"], contacts.Select(c => c.GetProperty("diagnosisName").GetString()));
        Assert.Equal("Diabetes mellitus typ 2", overview.GetProperty("conditions")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_resident_with_no_record_is_told_so_plainly()
    {
        var resident = await app.Data.ResidentAsync((await app.Data.UnitAsync()).Id);

        var page = WebUtility.HtmlDecode(await (await app.ResidentClientAsync(resident.Id.Value)).GetStringAsync("/mina-sidor/journal"));

        Assert.Contains("Det finns inga vårdkontakter från de senaste tre åren.", page, StringComparison.Ordinal);
        Assert.Contains("Inga levnadsvanor är antecknade.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_guardian_reads_a_young_childs_record_it_shows_in_the_childs_log_and_an_older_childs_is_refused()
    {
        var home = await app.Data.UnitAsync();
        var hospital = await app.Data.UnitAsync(UnitType.Sjukhusklinik);
        var parent = await app.Data.ResidentAsync(home.Id, new DateOnly(1985, 3, 3));
        var young = await app.Data.ResidentAsync(home.Id, DateOnly.FromDateTime(app.Now.UtcDateTime.AddYears(-8)), givenName: "Lilla");
        var older = await app.Data.ResidentAsync(home.Id, DateOnly.FromDateTime(app.Now.UtcDateTime.AddYears(-15)));
        await app.Data.WithDbAsync(async db =>
        {
            db.Add(new GuardianRelation { GuardianId = parent.Id, ChildId = young.Id });
            db.Add(new GuardianRelation { GuardianId = parent.Id, ChildId = older.Id });
            return await db.SaveChangesAsync();
        });
        await RecordAsync(young.Id, hospital.Id, home.Id);
        await RecordAsync(older.Id, hospital.Id, home.Id);
        var client = await app.ResidentClientAsync(parent.Id.Value);

        var page = WebUtility.HtmlDecode(await client.GetStringAsync($"/mina-sidor/journal?barn={young.Id}"));
        var refused = WebUtility.HtmlDecode(await client.GetStringAsync($"/mina-sidor/journal?barn={older.Id}"));

        Assert.Contains("Du läser journalen för Lilla", page, StringComparison.Ordinal);
        Assert.Contains("Hjärtsvikt, ospecificerad (I50.9)", page, StringComparison.Ordinal);
        Assert.Contains("Du kan bara läsa journalen för dig själv och för dina barn under 13 år.", refused, StringComparison.Ordinal);
        Assert.DoesNotContain("I50.9", refused, StringComparison.Ordinal);
        var read = Assert.Single(await AuditAsync(young.Id));
        Assert.Equal((parent.Id.Value, AuditOutcome.Allowed, AccessBasis.Guardian), (read.ActorId, read.Outcome, read.Basis));
        Assert.Contains(await AuditAsync(older.Id), e => e.Outcome == AuditOutcome.Denied);
        var log = await client.GetStringAsync($"/api/me/access-log?forChild={young.Id}");
        Assert.Contains("Journalen", log, StringComparison.Ordinal);
    }
}

[Collection(SqliteTests.Name)]
public sealed class OwnRecordTestsOnSqlite(SqliteApp app) : OwnRecordTests(app);

[Collection(PostgresTests.Name)]
public sealed class OwnRecordTestsOnPostgres(PostgresApp app) : OwnRecordTests(app);
