using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nara.Modules.Booking.Domain;
using Nara.Modules.CareGuarantee.Contracts;
using Nara.Modules.CareGuarantee.Domain;
using Nara.Modules.Organisation.Contracts;
using Nara.Modules.Organisation.Domain;
using Nara.Modules.Records.Domain;
using Nara.Modules.Residents.Domain;
using Nara.Modules.Synthetic;
using Nara.Modules.Synthetic.Content;
using Nara.Modules.Synthetic.Contracts;
using Nara.Modules.Synthetic.Writing;
using Nara.Platform.Access;
using Nara.Platform.Persistence;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Modules.Synthetic;

/// <summary>
/// Writes a small region through the bulk writer and reads it back with EF. Each test class owns its database
/// (a class fixture, not the shared collection), because writing a region empties every table.
/// </summary>
public abstract class WriterTests(NaraApp app)
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private async Task<Nara.Modules.Synthetic.Generation.GenerationCounts> WriteRegionAsync(int residents)
    {
        var content = ContentLoader.Load(ContentLoader.FindRegionFolder());
        return await app.Data.WithDbAsync(async db =>
        {
            // A busy CI machine can take longer than the 30-second default for one bulk statement.
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(5));
            await BulkWriter.EmptyAllTablesAsync(db, CancellationToken.None);
            return await SyntheticRegion.GenerateAndWriteAsync(db, content, 42, residents, Today, CancellationToken.None);
        });
    }

    [Fact]
    public async Task Written_region_reads_back_with_the_generated_counts()
    {
        var counts = await WriteRegionAsync(400);
        await app.Data.WithDbAsync(async db =>
        {
            Assert.Equal(1, await db.Set<Region>().CountAsync());
            Assert.Equal(counts.Municipalities, await db.Set<Municipality>().LongCountAsync());
            Assert.Equal(counts.Units, await db.Set<CareUnit>().LongCountAsync());
            Assert.Equal(counts.Staff, await db.Set<StaffMember>().LongCountAsync());
            Assert.Equal(counts.Assignments, await db.Set<StaffAssignment>().LongCountAsync());
            Assert.Equal(counts.Residents, await db.Set<Resident>().LongCountAsync());
            Assert.Equal(counts.Listings, await db.Set<Listing>().LongCountAsync());
            Assert.Equal(counts.Guardians, await db.Set<GuardianRelation>().LongCountAsync());
            Assert.Equal(counts.Consents, await db.Set<SharedRecordsConsent>().LongCountAsync());
            Assert.Equal(counts.Conditions, await db.Set<Condition>().LongCountAsync());
            Assert.Equal(counts.Lifestyle, await db.Set<LifestyleObservation>().LongCountAsync());
            Assert.Equal(counts.Encounters, await db.Set<Encounter>().LongCountAsync());
            Assert.Equal(counts.Slots, await db.Set<Nara.Modules.Booking.Domain.Slot>().LongCountAsync());
            Assert.True(counts.Slots > 0);
            Assert.Equal(400, counts.Residents);
            Assert.True(counts.Encounters > 1000);
        });
    }

    [Fact]
    public async Task Written_values_round_trip_through_the_model()
    {
        await WriteRegionAsync(100);
        await app.Data.WithDbAsync(async db =>
        {
            var unit = await db.Set<CareUnit>().Where(u => u.Type == UnitType.Vardcentral).OrderBy(u => u.HsaId).FirstAsync();
            Assert.NotEmpty(unit.ListingAreas);
            Assert.NotNull(unit.OpeningHours);
            Assert.Equal(unit.Id, (await db.Set<CareUnit>().FindAsync(unit.Id))!.Id);
            var encounter = await db.Set<Encounter>().OrderBy(e => e.Id).FirstAsync();
            var resident = await db.Set<Resident>().SingleAsync(r => r.Id == encounter.ResidentId);
            Assert.True(encounter.Start > new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero));
            Assert.Equal(12, resident.Personnummer.Length);
            var listed = await db.Set<Listing>().Where(l => l.ResidentId == resident.Id && l.To == null).SingleAsync();
            Assert.Contains(resident.AddressArea, (await db.Set<CareUnit>().SingleAsync(u => u.Id == listed.UnitId)).ListingAreas);
            var staff = await db.Set<StaffMember>().Include(s => s.Assignments).Where(s => s.Role == StaffRole.Verksamhetschef).ToListAsync();
            Assert.Equal(await db.Set<CareUnit>().CountAsync(u => u.Type != UnitType.Hemtjanst), staff.Count);
        });
    }

    [Fact]
    public async Task Demo_personas_are_found_in_the_written_region()
    {
        await WriteRegionAsync(2000);
        await using var scope = app.Services.CreateAsyncScope();
        var personas = await scope.ServiceProvider.GetRequiredService<IDemoPersonas>().GetAsync(CancellationToken.None);
        Assert.Contains(personas, p => p.Kind == "resident" && p.Description.StartsWith("Invånare, listad på", StringComparison.Ordinal));
        Assert.Contains(personas, p => p.Kind == "staff" && p.Description.StartsWith("Verksamhetschef", StringComparison.Ordinal));
        Assert.Contains(personas, p => p.Description.Contains("saknar vårdrelation", StringComparison.Ordinal));
        Assert.All(personas, p => Assert.DoesNotMatch(@"\d{8}", p.Name + p.Description));
    }

    [Fact]
    public async Task Demo_seeders_bulk_write_their_clocks_and_wishes_and_they_read_back_through_the_model()
    {
        await WriteRegionAsync(600);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NaraDbContext>();
            foreach (var seeder in scope.ServiceProvider.GetServices<IDemoSeeder>())
            {
                await seeder.SeedAsync(new DemoRegionQuery(db, 42, Today), CancellationToken.None);
            }
        }
        await app.Data.WithDbAsync(async db =>
        {
            var primary = await db.Set<CareUnit>().Where(u => u.Type == UnitType.Vardcentral).Select(u => u.Id).ToListAsync();
            var clocks = await db.Set<GuaranteeClock>().ToListAsync();
            // Every vårdcentral has a contact on day 2 of its 3-day assessment, open: the verksamhetschef's case at risk.
            var atRisk = clocks.Where(c => c.Kind == ClockKind.MedicinskBedomning && c.StartDate == Today.AddDays(-2) && c.IsOpen).ToList();
            Assert.Equal(primary.ToHashSet(), atRisk.Select(c => c.UnitId).ToHashSet());
            Assert.All(atRisk, c => Assert.Equal(ClockStatus.Risk, c.StatusOn(Today)));
            Assert.All(atRisk, c => Assert.Equal(new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.FromHours(1)), c.StartedAt));
            var excepted = clocks.First(c => c.Exemption == ClockExemption.ValtAttVanta);
            Assert.NotNull(excepted.ExemptionAt);
            Assert.Equal("Syntetisk personal", excepted.ExemptionByName);
            Assert.Contains(clocks, c => c.Source == ClockSource.Remiss && c.StopDate is not null && c.StoppedAt is not null);

            // Coordination at believable rates: most people over 75 with several chronic conditions have a fixed care contact.
            var old = await (from r in db.Set<Nara.Modules.Residents.Domain.Resident>()
                             where r.BirthDate <= Today.AddYears(-75)
                             select r.Id).ToListAsync();
            var conditions = await db.Set<Nara.Modules.Records.Domain.Condition>().GroupBy(c => c.ResidentId).Select(g => new { g.Key, Count = g.Select(c => c.Kind).Distinct().Count() }).ToListAsync();
            var oldMulti = old.Where(o => conditions.Any(c => c.Key == o && c.Count >= 2)).ToHashSet();
            var withFixed = (await db.Set<Nara.Modules.Coordination.Domain.FixedContact>().Select(f => f.ResidentId).ToListAsync()).ToHashSet();
            Assert.True(oldMulti.Count >= 5, $"{oldMulti.Count} people over 75 with several conditions");
            Assert.InRange(oldMulti.Count(withFixed.Contains) / (double)oldMulti.Count, 0.55, 1.0);
            Assert.NotEmpty(await db.Set<Nara.Modules.Coordination.Domain.CarePlan>().ToListAsync());
            var threads = await db.Set<Nara.Modules.Messaging.Domain.MessageThread>().ToListAsync();
            Assert.NotEmpty(threads);
            Assert.Contains(threads, t => t.AwaitingSince is not null);
            Assert.Contains(threads, t => t.AwaitingSince is null && t.AssignedTo is not null);

            var wishes = await db.Set<WaitlistEntry>().ToListAsync();
            Assert.Equal(primary.ToHashSet(), wishes.Select(w => w.UnitId).ToHashSet());
            Assert.All(wishes, w => Assert.Equal(WaitlistStatus.Aktiv, w.Status));
            Assert.Contains(wishes, w => w.Urgency == 3 && w.LatestDate == Today.AddDays(7));
            var first = wishes.MinBy(w => w.CreatedAt)!;
            Assert.Equal(new DateTimeOffset(2026, 10, 30, 8, 0, 0, TimeSpan.FromHours(1)), first.CreatedAt);

            // Care teams: fixed contacts at every vårdcentral with staff, one of each kind per person, each also a member.
            var fixeds = await db.Set<Nara.Modules.Coordination.Domain.FixedContact>().ToListAsync();
            var members = await db.Set<Nara.Modules.Coordination.Domain.CareTeamMember>().ToListAsync();
            Assert.NotEmpty(fixeds);
            Assert.All(fixeds.GroupBy(f => (f.ResidentId, f.Kind)), g => Assert.Single(g));
            Assert.All(fixeds, f => Assert.Contains(members, m => m.ResidentId == f.ResidentId && m.StaffId == f.StaffId && m.UnitId == f.UnitId && m.To == null));

            // Home measurements and instrument answers: three years back at most, read back as written, with their limits.
            var pressures = await db.Set<Nara.Modules.Monitoring.Domain.Measurement>().Where(m => m.Measure == "blood-pressure").ToListAsync();
            Assert.NotEmpty(pressures);
            Assert.All(pressures, m => Assert.True(m.Value > m.Value2 && m.Value is >= 50 and <= 300, $"{m.Value}/{m.Value2}"));
            Assert.Equal(1095, pressures.GroupBy(m => m.ResidentId).First().Count());
            Assert.True(pressures.Min(m => m.MeasuredAt) >= new DateTimeOffset(Today.AddDays(-1096).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
            var withLimits = (await db.Set<Nara.Modules.Monitoring.Domain.MeasureLimit>().Select(l => l.ResidentId).ToListAsync()).ToHashSet();
            Assert.All(pressures.Select(m => m.ResidentId).Distinct(), r => Assert.Contains(r, withLimits));
            var answers = await db.Set<Nara.Modules.Assessments.Domain.InstrumentResponse>().ToListAsync();
            Assert.NotEmpty(answers);
            var sums = answers.Where(a => a.InstrumentId != "eq-5d-5l").ToList();
            Assert.NotEmpty(sums);
            Assert.All(sums, a => Assert.Equal(a.Score, System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, int>>(a.AnswersJson)!.Values.Sum()));
            // EQ-5D-5L for the chronically ill: the VAS is the score, the profile the levels in order, every three months.
            var health = answers.Where(a => a.InstrumentId == "eq-5d-5l").ToList();
            Assert.NotEmpty(health);
            Assert.All(health, a =>
            {
                var given = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, int>>(a.AnswersJson)!;
                Assert.Equal(a.Score, given["6"]);
                Assert.InRange(a.Score!.Value, 0, 100);
                Assert.Equal(string.Concat(Enumerable.Range(1, 5).Select(d => given[d.ToString(System.Globalization.CultureInfo.InvariantCulture)])),
                    Nara.Modules.Assessments.AssessmentRecords.Scales(a).Single(s => s.Scale == "profile").Profile);
            });
            Assert.DoesNotContain(answers, a => a.Crisis);

            // Stepped care: care needs from the last two months; the last three days' still wait, the others have a decided step.
            var episodes = await db.Set<Nara.Modules.MentalHealth.Domain.CareEpisode>().ToListAsync();
            var decisions = await db.Set<Nara.Modules.MentalHealth.Domain.StepDecision>().ToListAsync();
            Assert.NotEmpty(episodes);
            Assert.All(episodes, e => Assert.Equal(e.FirstAssessedAt is null, e.Step is null));
            Assert.Contains(episodes, e => e.FirstAssessedAt is null);
            Assert.Contains(episodes, e => e.FirstAssessedAt > e.FirstAssessmentDue);
            Assert.All(decisions, d => Assert.Equal(episodes.Single(e => e.Id == d.EpisodeId).Step, d.Step));

            // Self-help: people on a self-help or guided step follow a programme, its conversation Messaging's own thread with
            // the programme as origin, one homework message per module done; a thread waits exactly when the person wrote last.
            var enrolments = await db.Set<Nara.Modules.MentalHealth.Domain.Enrolment>().ToListAsync();
            var work = await db.Set<Nara.Modules.MentalHealth.Domain.ModuleWork>().ToListAsync();
            var messages = await db.Set<Nara.Modules.Messaging.Domain.ThreadMessage>().ToListAsync();
            Assert.NotEmpty(enrolments);
            Assert.NotEmpty(work);
            Assert.All(enrolments, e =>
            {
                Assert.Contains(episodes, x => x.ResidentId == e.ResidentId && x.Step is "sjalvhjalp" or "guidad-ikbt" && x.StepSince < e.StartedAt);
                var thread = threads.Single(t => t.Id == e.ThreadId);
                Assert.Equal(("self-help", e.Id.Value, e.ResidentId), (thread.OriginKind, thread.OriginId!.Value, thread.ResidentId));
                var said = messages.Where(m => m.ThreadId == thread.Id).OrderBy(m => m.At).ToList();
                Assert.True(said[0].FromStaff);
                Assert.Equal(work.Count(w => w.EnrolmentId == e.Id), said.Count(m => !m.FromStaff && m.Text.StartsWith("Hemuppgift, modul", StringComparison.Ordinal)));
                Assert.Equal(!said[^1].FromStaff, thread.AwaitingSince is not null);
            });
            Assert.Contains(enrolments, e => threads.Single(t => t.Id == e.ThreadId).AwaitingSince is not null);
            Assert.Contains(enrolments, e => work.Any(w => w.EnrolmentId == e.Id) && threads.Single(t => t.Id == e.ThreadId).AwaitingSince is null);
        });
    }
}

// Own databases (class fixtures), and not in parallel with other hosts: WebApplicationFactory hooks host building
// through a process-wide listener, so two factories starting at the same moment can pick up each other's configuration.
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SyntheticWriterTests
{
    public const string Name = "synthetic-writer";
}

[Collection(SyntheticWriterTests.Name)]
public sealed class WriterTestsOnSqlite(SqliteApp app) : WriterTests(app), IClassFixture<SqliteApp>;

[Collection(SyntheticWriterTests.Name)]
public sealed class WriterTestsOnPostgres(PostgresApp app) : WriterTests(app), IClassFixture<PostgresApp>;
