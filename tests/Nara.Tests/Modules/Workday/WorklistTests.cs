using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Nara.Modules.Residents.Features;
using Nara.Modules.Triage.Contracts;
using Nara.Modules.Triage.Domain;
using Nara.Platform.Composition;
using Nara.Platform.Identifiers;
using Nara.Tests.Infrastructure;

using static Nara.Tests.Modules.Coordination.CoordinationApi;

namespace Nara.Tests.Modules.Workday;

/// <summary>
/// The worklist as one list (GET /api/worklist, the "Att göra" panel): what the modules say needs the nurse, ordered by
/// urgency and then by when it is due; staff only.
/// </summary>
public abstract class WorklistTests(NaraApp app)
{
    private sealed record Item(string Kind, string Title, Guid? ResidentId, string? ResidentName, DateTimeOffset? DueAt, WorkUrgency Urgency, string Href);

    private sealed record Worklist(List<Item> Items, int Total, Dictionary<string, int> ByKind);

    [Fact]
    public async Task An_acute_referral_comes_before_a_case_for_today_and_a_message_due_in_two_days()
    {
        var vc = await app.Data.UnitAsync();
        var other = await app.Data.UnitAsync();
        var nurse = await app.StaffClientAsync((await app.Data.StaffAsync(vc.Id)).Id.Value, vc.Id.Value);
        var writer = await app.Data.ResidentAsync(listedAt: vc.Id);
        (await (await app.ResidentClientAsync(writer.Id.Value)).PostAsJsonAsync("/api/messages/threads", new { unitId = vc.Id.Value, topic = "Recept", text = "Förnya mitt recept." })).EnsureSuccessStatusCode();

        var patient = await app.Data.ResidentAsync(listedAt: vc.Id);
        var triageCase = new TriageCase
        {
            AssessmentId = StrongId.New<AssessmentId>(), ResidentId = patient.Id, UnitId = vc.Id, ComplaintId = "hosta", EngineUrgency = Urgency.VardIdag,
            SummaryJson = JsonSerializer.Serialize(new CaseSummary("hosta", "Hosta", "test", Urgency.VardIdag, TriageCareLevel.Vardcentral, TriageChannel.Telefon, "Skäl", [], [], null)),
            SentBy = patient.Id.Value, CreatedAt = app.Now.AddHours(-1), Status = CaseStatus.Ny,
        };
        await app.Data.WithDbAsync(async db =>
        {
            db.Add(triageCase);
            CaseThreads.Add(db, triageCase);
            return await db.SaveChangesAsync();
        });

        var referred = await app.Data.ResidentAsync(listedAt: other.Id);
        var sender = await app.StaffClientAsync((await app.Data.StaffAsync(other.Id, Nara.Modules.Organisation.Contracts.Profession.Lakare)).Id.Value, other.Id.Value);
        (await sender.PostAsJsonAsync($"/api/residents/{referred.Id}/referrals",
            new { kind = "Konsultation", toUnitId = vc.Id.Value, question = "Hjälp med sårbehandling", priority = "Akut" })).EnsureSuccessStatusCode();

        var list = await ReadAsync<Worklist>(await nurse.GetAsync("/api/worklist"));
        Assert.Equal(["Remiss", "Arende", "Meddelande"], list.Items.Select(i => i.Kind));
        Assert.Equal([WorkUrgency.Akut, WorkUrgency.Idag, WorkUrgency.Snart], list.Items.Select(i => i.Urgency));
        Assert.Equal($"/inkorg/{triageCase.Id}", list.Items[1].Href);
        Assert.Equal(patient.FullName, list.Items[1].ResidentName);
        Assert.Equal(3, list.Total);
        Assert.Equal(1, list.ByKind["Meddelande"]);

        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ResidentClientAsync(writer.Id.Value)).GetAsync("/api/worklist")).StatusCode);
    }

    [Fact]
    public void Within_an_urgency_the_earliest_due_comes_first_and_those_without_a_time_last()
    {
        var t = new DateTimeOffset(2026, 6, 15, 8, 0, 0, TimeSpan.Zero);
        var ordered = ListWorklist.Order([
            new WorkItem("Sip", "c", null, null, null, WorkUrgency.Forsenad, "/c"),
            new WorkItem("Meddelande", "b", null, null, t.AddHours(2), WorkUrgency.Forsenad, "/b"),
            new WorkItem("Bokning", "d", null, null, t, WorkUrgency.Idag, "/d"),
            new WorkItem("Planaktivitet", "a", null, null, t.AddHours(1), WorkUrgency.Forsenad, "/a"),
        ]);
        Assert.Equal(["/a", "/b", "/c", "/d"], ordered.Select(i => i.Href));
    }
}

[Collection(SqliteTests.Name)]
public sealed class WorklistTestsOnSqlite(SqliteApp app) : WorklistTests(app);

[Collection(PostgresTests.Name)]
public sealed class WorklistTestsOnPostgres(PostgresApp app) : WorklistTests(app);
