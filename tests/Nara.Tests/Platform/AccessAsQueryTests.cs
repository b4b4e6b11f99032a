using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Domain;
using Nara.Modules.CareGuarantee.Contracts;
using Nara.Modules.CareGuarantee.Domain;
using Nara.Modules.Organisation.Domain;
using Nara.Modules.Residents.Domain;
using Nara.Modules.Synthetic;
using Nara.Modules.Synthetic.Content;
using Nara.Modules.Synthetic.Contracts;
using Nara.Modules.Synthetic.Writing;
using Nara.Modules.Triage.Contracts;
using Nara.Modules.Triage.Domain;
using Nara.Platform.Access;
using Nara.Platform.Auth;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;
using Nara.Tests.Infrastructure;
using Nara.Tests.Modules.Synthetic;

namespace Nara.Tests.Platform;

/// <summary>
/// The access rule as a query (the filter a search joins) and as the decision for one resident give the same answer
/// with the same basis, for every persona of a generated demo region and every resident in it, with each source of
/// access present: listing, a triage case, a booking, a referral clock, emergency access, consent, and a block.
/// </summary>
public abstract class AccessAsQueryTests(NaraApp app)
{
    [Fact]
    public async Task A_search_page_probes_the_rules_row_by_row_and_never_reads_a_whole_rule_set()
    {
        // PostgreSQL may turn a correlated EXISTS inside an OR into a hashed subplan, which reads the whole set (every
        // consent in the region) on every search; the rules are written so that it cannot. SQLite always probes per row.
        var unit = await app.Data.UnitAsync();
        var nurse = await app.Data.StaffAsync(unit.Id);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<NaraDbContext>();
        var access = scope.ServiceProvider.GetRequiredService<ResidentAccess>();
        var staff = await db.Set<StaffMember>().SingleAsync(s => s.Id == nurse.Id);
        var actor = new Actor(nurse.Id.Value, "Test", NaraRoles.For(staff.Role), staff.Profession, unit.Id);
        var page = access.WhereAllowed(db.Set<Resident>(), r => r.Id, actor)
            .OrderBy(r => r.FamilyNameSearchKey).ThenBy(r => r.GivenNameSearchKey).ThenBy(r => r.Personnummer).Take(11);
        await using var command = access.WithGrounds(page, r => r.Id, actor).CreateDbCommand();
        var plan = await QueryPlan.LinesAsync(db, command);

        Assert.NotEmpty(plan);
        Assert.DoesNotContain(plan, line => line.Contains("hashed SubPlan", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.Contains("LIST SUBQUERY", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_search_filter_and_the_single_decision_agree_for_every_persona_and_resident_of_the_demo_region()
    {
        var ct = CancellationToken.None;
        var content = ContentLoader.Load(ContentLoader.FindRegionFolder());
        await app.Data.WithDbAsync(async db =>
        {
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(5));
            await BulkWriter.EmptyAllTablesAsync(db, ct);
            return await SyntheticRegion.GenerateAndWriteAsync(db, content, 42, 300, app.Today, ct);
        });
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<NaraDbContext>();
        var access = services.GetRequiredService<ResidentAccess>();
        var personas = await services.GetRequiredService<IDemoPersonas>().GetAsync(ct);
        var residents = await db.Set<Resident>().Select(r => r.Id).ToListAsync(ct);
        var actors = new List<Actor>();
        foreach (var persona in personas)
        {
            if (persona.Kind == "resident")
            {
                actors.Add(new Actor(persona.Id, persona.Name, NaraRoles.Invanare, null, null));
                continue;
            }
            var staff = await db.Set<StaffMember>().SingleAsync(s => s.Id == new StaffId(persona.Id), ct);
            actors.Add(new Actor(persona.Id, persona.Name, NaraRoles.For(staff.Role), staff.Profession, new UnitId(persona.UnitId!.Value)));
        }
        Assert.Contains(actors, a => a.IsResident);
        Assert.Contains(actors, a => a.IsClinician);
        await GiveEverySourceAsync(db, actors.Where(a => a.IsClinician).ToList(), residents, ct);

        var seen = new HashSet<AccessBasis>();
        var blockedSeen = false;
        var request = new AccessRequest("test", AuditAction.Search);
        foreach (var actor in actors)
        {
            var filtered = (await access.WhereAllowed(db.Set<Resident>(), r => r.Id, actor).Select(r => r.Id).ToListAsync(ct)).ToHashSet();
            var grants = (await access.GrantsAsync(actor, residents.Select(r => (r, (UnitId?)null)).ToList(), request, ct)).ToDictionary(g => g.Resident, g => g.Basis);
            foreach (var resident in residents)
            {
                var decision = await access.DecideAsync(actor, resident, ct);
                Assert.True(decision.Allowed == filtered.Contains(resident), $"{actor.Name} ({actor.Role}) and {resident}: decided {decision.Basis}/{decision.Allowed}, the filter says {filtered.Contains(resident)}");
                Assert.Equal(decision.Allowed ? decision.Basis : (AccessBasis?)null, grants.TryGetValue(resident, out var basis) ? basis : null);
                if (decision.Allowed)
                {
                    seen.Add(decision.Basis);
                }
                blockedSeen |= decision == AccessDecision.Blocked;
            }
        }
        Assert.Superset(new HashSet<AccessBasis> { AccessBasis.Self, AccessBasis.Guardian, AccessBasis.CareRelationship, AccessBasis.SharedRecords, AccessBasis.EmergencyAccess }, seen);
        Assert.True(blockedSeen, "no resident was refused because of a block");
    }

    /// <summary>
    /// For each clinician persona, residents not listed at its unit get each other kind of access there: a triage case,
    /// a booking, a referral clock, a referral (open, returned, answered long ago), emergency access, and (for one who consented) a block; plus closed and expired ones
    /// that no longer give access.
    /// </summary>
    private async Task GiveEverySourceAsync(NaraDbContext db, IReadOnlyList<Actor> clinicians, IReadOnlyList<ResidentId> residents, CancellationToken ct)
    {
        var now = app.Now;
        var consented = (await db.Set<SharedRecordsConsent>().Where(c => c.Consented).Select(c => c.ResidentId).ToListAsync(ct)).ToHashSet();
        var i = 0;
        foreach (var actor in clinicians)
        {
            var unit = actor.Unit!.Value;
            var listed = (await db.Set<Listing>().Where(l => l.UnitId == unit && l.To == null).Select(l => l.ResidentId).ToListAsync(ct)).ToHashSet();
            var others = residents.Where(r => !listed.Contains(r)).Skip(i * 12).ToList();
            var notConsented = others.Where(r => !consented.Contains(r)).ToList();
            // A slot of its own for each actor's active booking (several personas work at the same unit).
            var slot = await db.Set<Slot>().Where(s => s.UnitId == unit).OrderBy(s => s.Start).Select(s => s.Id).Skip(i).FirstOrDefaultAsync(ct);
            if (slot == default)
            {
                // A unit without a schedule (a specialist clinic in the small region): a time of its own.
                var own = new Slot { UnitId = unit, Type = Nara.Modules.Booking.Contracts.SlotType.Besok, Start = now.AddDays(3), End = now.AddDays(3).AddMinutes(20) };
                db.Add(own);
                slot = own.Id;
            }
            TriageCase Case(ResidentId r, DateTimeOffset? closed) => new()
            {
                AssessmentId = StrongId.New<AssessmentId>(), ResidentId = r, UnitId = unit, ComplaintId = "hosta", EngineUrgency = Urgency.VardInomDagar,
                SummaryJson = "{}", SentBy = r.Value, CreatedAt = now.AddDays(-40), ClosedAt = closed, Status = closed is null ? CaseStatus.Ny : CaseStatus.Stangd,
            };
            db.Add(Case(notConsented[0], null));
            db.Add(Case(notConsented[1], now.AddDays(-31)));
            Appointment Booking(ResidentId r, DateTimeOffset start, AppointmentStatus status) => new()
            {
                SlotId = slot, UnitId = unit, ResidentId = r, Start = start, BookedAt = now.AddDays(-60), BookedBy = r.Value, Status = status,
            };
            db.Add(Booking(notConsented[2], now.AddDays(3), AppointmentStatus.Bokad));
            db.Add(Booking(notConsented[3], now.AddDays(-31), AppointmentStatus.Genomford));
            db.Add(Booking(notConsented[4], now.AddDays(3), AppointmentStatus.Avbokad));
            GuaranteeClock Clock(ResidentId r, DateOnly? stopped) => new()
            {
                ResidentId = r, UnitId = unit, Kind = ClockKind.MedicinskBedomning, Source = ClockSource.Remiss, SourceId = Guid.NewGuid(), StartedAt = now.AddDays(-50),
                StartDate = app.Today.AddDays(-50), Deadline = app.Today.AddDays(40), StopDate = stopped,
            };
            db.Add(Clock(notConsented[5], null));
            db.Add(Clock(notConsented[6], app.Today.AddDays(-31)));
            db.Add(new EmergencyAccess { StaffId = actor.StaffId, UnitId = unit, ResidentId = notConsented[7], Reason = "Test", OpenedAt = now.AddHours(-1), ExpiresAt = now.AddHours(4) });
            db.Add(new EmergencyAccess { StaffId = actor.StaffId, UnitId = unit, ResidentId = notConsented[8], Reason = "Test", OpenedAt = now.AddDays(-2), ExpiresAt = now.AddDays(-1) });
            Nara.Modules.Coordination.Domain.Referral Referral(ResidentId r, Nara.Modules.Coordination.Contracts.ReferralStatus status) => new()
            {
                ResidentId = r, Kind = Nara.Modules.Coordination.Contracts.ReferralKind.Konsultation, FromUnitId = unit, FromStaffId = Guid.Empty, FromStaffName = "Test",
                ToUnitId = unit, Question = "Test", SentAt = now.AddDays(-40), IssuedOn = app.Today.AddDays(-40), Status = status,
                ClosedAt = status is Nara.Modules.Coordination.Contracts.ReferralStatus.Returnerad or Nara.Modules.Coordination.Contracts.ReferralStatus.Besvarad ? now.AddDays(-35) : null,
            };
            db.Add(Referral(notConsented[9], Nara.Modules.Coordination.Contracts.ReferralStatus.Accepterad));
            db.Add(Referral(notConsented[10], Nara.Modules.Coordination.Contracts.ReferralStatus.Returnerad));
            db.Add(Referral(notConsented[11], Nara.Modules.Coordination.Contracts.ReferralStatus.Besvarad));
            var withConsent = others.Where(consented.Contains).Take(2).ToList();
            db.Add(new AccessBlock { ResidentId = withConsent[0], UnitId = unit, PlacedAt = now.AddDays(-5) });
            db.Add(new AccessBlock { ResidentId = withConsent[1], UnitId = unit, PlacedAt = now.AddDays(-5), LiftedAt = now.AddDays(-1) });
            i++;
        }
        await db.SaveChangesAsync(ct);
    }
}

[Collection(SyntheticWriterTests.Name)]
public sealed class AccessAsQueryTestsOnSqlite(SqliteApp app) : AccessAsQueryTests(app), IClassFixture<SqliteApp>;

[Collection(SyntheticWriterTests.Name)]
public sealed class AccessAsQueryTestsOnPostgres(PostgresApp app) : AccessAsQueryTests(app), IClassFixture<PostgresApp>;
