using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Domain;
using Nara.Modules.Residents.Domain;
using Nara.Modules.Triage;
using Nara.Modules.Triage.Contracts;
using Nara.Modules.Triage.Domain;
using Nara.Platform.Access;
using Nara.Platform.Auth;
using Nara.Platform.Identifiers;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Modules.Triage;

/// <summary>
/// A resident's own recent cases for other modules (<see cref="IResidentTriageCases"/>): order, label, access and audit;
/// and the waitlist page's "Gäller ärende" that uses it.
/// </summary>
public abstract partial class ResidentTriageCasesTests(NaraApp app)
{
    private static Actor ResidentActor(Resident r) => new(r.Id.Value, r.FullName, NaraRoles.Invanare, null, null);

    private async Task<TriageCaseId> CaseAsync(ResidentId resident, UnitId unit, DateTimeOffset createdAt, string? title, string complaintId = "hosta", Urgency urgency = Urgency.VardIdag)
    {
        var summary = title is null
            ? "{}"
            : JsonSerializer.Serialize(new CaseSummary(complaintId, title, "test", urgency, TriageCareLevel.Vardcentral, TriageChannel.Telefon, "Skäl", [], [], null));
        var triageCase = new TriageCase
        {
            AssessmentId = StrongId.New<AssessmentId>(),
            ResidentId = resident,
            UnitId = unit,
            ComplaintId = complaintId,
            EngineUrgency = urgency,
            SummaryJson = summary,
            SentBy = resident.Value,
            CreatedAt = createdAt,
            Status = CaseStatus.Ny,
        };
        await app.Data.WithDbAsync(async db =>
        {
            db.Add(triageCase);
            CaseThreads.Add(db, triageCase);
            await db.SaveChangesAsync();
        });
        return triageCase.Id;
    }

    private async Task<IReadOnlyList<ResidentTriageCase>> ListAsync(Actor actor, ResidentId resident, int limit = 10)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IResidentTriageCases>().ListRecentAsync(actor, resident, limit, CancellationToken.None);
    }

    private Task<List<AuditEvent>> CaseReadsAsync(Guid actor, ResidentId resident) =>
        app.Data.WithDbAsync(db => db.Set<AuditEvent>().AsNoTracking()
            .Where(e => e.ActorId == actor && e.ResidentId == resident && e.Resource == CaseViews.AuditResource && e.Action == AuditAction.Read).ToListAsync());

    [Fact]
    public async Task A_resident_gets_their_own_recent_cases_newest_first_with_the_sokorsak_and_each_read_is_audited_as_self()
    {
        var unit = await app.Data.UnitAsync();
        var resident = await app.Data.ResidentAsync(unit.Id);
        var someoneElse = await app.Data.ResidentAsync(unit.Id);
        var now = app.Now;
        var older = await CaseAsync(resident.Id, unit.Id, now.AddDays(-3), "Halsont");
        // A case without a frozen title is labelled with the knowledge base's title for its sökorsak.
        Complaint complaint;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            complaint = scope.ServiceProvider.GetRequiredService<KnowledgeBase>().Complaints[0];
        }
        var newer = await CaseAsync(resident.Id, unit.Id, now.AddHours(-1), null, complaint.Id);
        await CaseAsync(someoneElse.Id, unit.Id, now, "Hosta");

        var all = await ListAsync(ResidentActor(resident), resident.Id);
        Assert.Equal([newer, older], all.Select(c => c.Id));
        Assert.Equal([complaint.Title.Sv, "Halsont"], all.Select(c => c.Label));
        Assert.Equal(now.AddDays(-3).ToUnixTimeSeconds(), all[1].CreatedAt.ToUnixTimeSeconds());
        Assert.Equal([newer], (await ListAsync(ResidentActor(resident), resident.Id, limit: 1)).Select(c => c.Id));

        var reads = await CaseReadsAsync(resident.Id.Value, resident.Id);
        Assert.Equal(2, reads.Count);
        Assert.All(reads, e => Assert.True(e.Outcome == AuditOutcome.Allowed && e.Basis == AccessBasis.Self));
    }

    [Fact]
    public async Task A_guardian_gets_a_young_childs_cases_but_nothing_is_listed_for_someone_else_for_staff_or_without_cases()
    {
        var unit = await app.Data.UnitAsync();
        var parent = await app.Data.ResidentAsync(unit.Id, new DateOnly(1985, 3, 3));
        var child = await app.Data.ResidentAsync(unit.Id, DateOnly.FromDateTime(app.Now.UtcDateTime.AddYears(-6)));
        var stranger = await app.Data.ResidentAsync(unit.Id);
        await app.Data.WithDbAsync(async db =>
        {
            db.Add(new GuardianRelation { GuardianId = parent.Id, ChildId = child.Id });
            await db.SaveChangesAsync();
        });
        var childCase = await CaseAsync(child.Id, unit.Id, app.Now, "Feber");
        await CaseAsync(stranger.Id, unit.Id, app.Now, "Hosta");

        // No cases of their own: nothing listed and nothing read, so nothing audited.
        Assert.Empty(await ListAsync(ResidentActor(parent), parent.Id));
        Assert.Empty(await CaseReadsAsync(parent.Id.Value, parent.Id));

        Assert.Equal([childCase], (await ListAsync(ResidentActor(parent), child.Id)).Select(c => c.Id));
        Assert.Equal(AccessBasis.Guardian, Assert.Single(await CaseReadsAsync(parent.Id.Value, child.Id)).Basis);

        Assert.Empty(await ListAsync(ResidentActor(parent), stranger.Id));
        Assert.Equal(AuditOutcome.Denied, Assert.Single(await CaseReadsAsync(parent.Id.Value, stranger.Id)).Outcome);

        var staff = await app.Data.StaffAsync(unit.Id);
        Assert.Empty(await ListAsync(new Actor(staff.Id.Value, "Personal", NaraRoles.Vardpersonal, null, unit.Id), stranger.Id));
    }

    [Fact]
    public async Task The_waitlist_page_offers_the_residents_own_cases_only_when_there_are_some()
    {
        var unit = await app.Data.UnitAsync();
        var without = await app.Data.ResidentAsync(unit.Id);
        var page = WebUtility.HtmlDecode(await (await app.ResidentClientAsync(without.Id.Value)).GetStringAsync("/vantelista"));
        Assert.Contains("Ställ mig i kö", page, StringComparison.Ordinal);
        Assert.DoesNotContain("wl-case", page, StringComparison.Ordinal);

        var resident = await app.Data.ResidentAsync(unit.Id);
        var someoneElse = await app.Data.ResidentAsync(unit.Id);
        var own = await CaseAsync(resident.Id, unit.Id, app.Now.AddDays(-2), "Halsont");
        var theirs = await CaseAsync(someoneElse.Id, unit.Id, app.Now, "Hosta");
        page = WebUtility.HtmlDecode(await (await app.ResidentClientAsync(resident.Id.Value)).GetStringAsync("/vantelista"));
        Assert.Contains("Gäller ärende", page, StringComparison.Ordinal);
        Assert.Contains($"value=\"{own}\"", page, StringComparison.Ordinal);
        Assert.Contains("Halsont", page, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs.ToString(), page, StringComparison.Ordinal);
        // The urgency is a clinical judgement: not shown to the resident here.
        Assert.DoesNotContain("Vård i dag", page, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Joining_from_the_page_with_a_case_starts_the_wish_at_the_cases_urgency_and_a_refused_case_is_shown_in_swedish_at_the_field()
    {
        var unit = await app.Data.UnitAsync();
        var resident = await app.Data.ResidentAsync(unit.Id);
        var someoneElse = await app.Data.ResidentAsync(unit.Id);
        var own = await CaseAsync(resident.Id, unit.Id, app.Now, "Halsont", urgency: Urgency.VardIdag);
        var theirs = await CaseAsync(someoneElse.Id, unit.Id, app.Now, "Hosta");
        var client = await app.ResidentClientAsync(resident.Id.Value);

        async Task<string> JoinAsync(SlotType type, Guid caseId)
        {
            var form = await client.GetStringAsync("/vantelista");
            var token = AntiforgeryToken().Match(form).Groups[1].Value;
            Assert.False(string.IsNullOrEmpty(token), form);
            var response = await client.PostAsync("/vantelista", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "join",
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
                ["JoinUnit"] = unit.Id.Value.ToString(),
                ["JoinType"] = type.ToString(),
                ["JoinCase"] = caseId.ToString(),
            }));
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, body);
            return body;
        }

        var refused = await JoinAsync(SlotType.Telefon, theirs.Value);
        Assert.Contains("id=\"wl-case-error\"", refused, StringComparison.Ordinal);
        Assert.Contains("Ärendet finns inte bland dina ärenden.", WebUtility.HtmlDecode(refused), StringComparison.Ordinal);
        Assert.False(await app.Data.WithDbAsync(db => db.Set<WaitlistEntry>().AnyAsync(w => w.ResidentId == resident.Id)));

        var joined = await JoinAsync(SlotType.Besok, own.Value);
        Assert.Contains("Du står nu i kö.", WebUtility.HtmlDecode(joined), StringComparison.Ordinal);
        var entry = await app.Data.WithDbAsync(db => db.Set<WaitlistEntry>().AsNoTracking().SingleAsync(w => w.ResidentId == resident.Id));
        Assert.Equal(2, entry.Urgency);
        Assert.Equal(SlotType.Besok, entry.Type);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}

[Collection(SqliteTests.Name)]
public sealed class ResidentTriageCasesTestsOnSqlite(SqliteApp app) : ResidentTriageCasesTests(app);

[Collection(PostgresTests.Name)]
public sealed class ResidentTriageCasesTestsOnPostgres(PostgresApp app) : ResidentTriageCasesTests(app);
