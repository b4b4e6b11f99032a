using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nara.Modules.Residents.Domain;
using Nara.Modules.Triage.Contracts;
using Nara.Modules.Triage.Domain;
using Nara.Platform.Access;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;
using Nara.Tests.Fhir;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Platform;

/// <summary>
/// Statement budgets: the SQL statements a request sends (counted by <see cref="StatementCounter"/> and returned in
/// its header in tests) stay within a fixed budget, and a search or a list costs the same however many rows match.
/// Each request is made twice and the second is counted, so caches that any request may fill are warm.
/// </summary>
public abstract class StatementBudgetTests(NaraApp app)
{
    private static async Task<(int Statements, int AuditBatches, HttpResponseMessage Response)> CountAsync(HttpClient client, Func<HttpClient, Task<HttpResponseMessage>> request)
    {
        (await request(client)).Dispose();
        var response = await request(client);
        var header = Assert.Single(response.Headers.GetValues(StatementCounter.Header));
        var parts = header.Split("; audit=");
        return (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), response);
    }

    private async Task<List<Resident>> NamedAsync(string family, int count, UnitId? listedAt, bool consent)
    {
        var created = new List<Resident>();
        for (var i = 0; i < count; i++)
        {
            var resident = await app.Data.ResidentAsync(listedAt: listedAt);
            await app.Data.WithDbAsync(async db =>
            {
                await db.Set<Resident>().Where(r => r.Id == resident.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.FamilyName, family)
                    .SetProperty(r => r.FamilyNameSearchKey, SearchKey.Of(family)));
                if (consent)
                {
                    db.Add(new SharedRecordsConsent { ResidentId = resident.Id, Consented = true, ChangedAt = app.Now });
                    await db.SaveChangesAsync();
                }
                return 0;
            });
            created.Add(resident);
        }
        return created;
    }

    [Fact]
    public async Task A_patient_search_costs_a_fixed_number_of_statements_however_many_people_match()
    {
        var unit = await app.Data.UnitAsync();
        var elsewhere = await app.Data.UnitAsync();
        var nurse = await app.Data.StaffAsync(unit.Id);
        var client = await app.StaffClientAsync(nurse.Id.Value, unit.Id.Value);
        var family = $"Budget{Guid.NewGuid():N}"[..14];
        var url = $"/fhir/Patient?name={family}&_count=10";

        await NamedAsync(family, 3, unit.Id, consent: false);
        await NamedAsync(family, 3, elsewhere.Id, consent: true);
        await NamedAsync(family, 3, elsewhere.Id, consent: false);
        var few = await CountAsync(client, c => c.GetAsync(url));
        await NamedAsync(family, 12, unit.Id, consent: false);
        await NamedAsync(family, 12, elsewhere.Id, consent: true);
        await NamedAsync(family, 12, elsewhere.Id, consent: false);
        var many = await CountAsync(client, c => c.GetAsync(url));
        var counted = await CountAsync(client, c => c.GetAsync(url + "&_total=accurate"));

        Assert.Equal(HttpStatusCode.OK, many.Response.StatusCode);
        Assert.True(few.Statements <= 4, $"a search page sent {few.Statements} statements");
        Assert.Equal(few.Statements, many.Statements);
        Assert.Equal(many.Statements + 1, counted.Statements);
        Assert.Equal(1, many.AuditBatches);
        var bundle = await FhirHttp.ParseAsync<Hl7.Fhir.Model.Bundle>(counted.Response);
        Assert.Equal(30, bundle.Total);
        Assert.Equal(10, bundle.Entry.Count);
    }

    [Fact]
    public async Task A_patient_read_costs_one_statement_and_one_audit_batch()
    {
        var unit = await app.Data.UnitAsync();
        var nurse = await app.Data.StaffAsync(unit.Id);
        var resident = await app.Data.ResidentAsync(listedAt: unit.Id);
        var client = await app.StaffClientAsync(nurse.Id.Value, unit.Id.Value);

        var read = await CountAsync(client, c => c.GetAsync($"/fhir/Patient/{resident.Id}"));

        Assert.Equal(HttpStatusCode.OK, read.Response.StatusCode);
        Assert.Equal((1, 1), (read.Statements, read.AuditBatches));
    }

    [Fact]
    public async Task An_inbox_page_costs_the_same_for_a_few_cases_as_for_many()
    {
        var unit = await app.Data.UnitAsync();
        var nurse = await app.Data.StaffAsync(unit.Id);
        var client = await app.StaffClientAsync(nurse.Id.Value, unit.Id.Value);
        async Task CasesAsync(int count)
        {
            for (var i = 0; i < count; i++)
            {
                var resident = await app.Data.ResidentAsync(listedAt: unit.Id);
                var summary = JsonSerializer.Serialize(new CaseSummary("hosta", "Hosta", "test", Urgency.VardIdag, TriageCareLevel.Vardcentral, TriageChannel.Telefon, "Skäl", [], [], null));
                await app.Data.WithDbAsync(async db =>
                {
                    db.Add(new TriageCase
                    {
                        AssessmentId = StrongId.New<AssessmentId>(), ResidentId = resident.Id, UnitId = unit.Id, ComplaintId = "hosta",
                        EngineUrgency = (Urgency)(i % 5), SummaryJson = summary, SentBy = resident.Id.Value, CreatedAt = app.Now.AddMinutes(-i), Status = CaseStatus.Ny,
                    });
                    return await db.SaveChangesAsync();
                });
            }
        }

        await CasesAsync(3);
        var few = await CountAsync(client, c => c.GetAsync("/api/triage/cases?pageSize=20"));
        await CasesAsync(25);
        var many = await CountAsync(client, c => c.GetAsync("/api/triage/cases?pageSize=20"));

        Assert.Equal(HttpStatusCode.OK, many.Response.StatusCode);
        var items = JsonDocument.Parse(await many.Response.Content.ReadAsStringAsync()).RootElement.GetProperty("items");
        Assert.Equal(20, items.GetArrayLength());
        Assert.Equal("Ring112", items[0].GetProperty("urgency").GetString());
        Assert.True(few.Statements <= 4, $"an inbox page sent {few.Statements} statements");
        Assert.Equal((few.Statements, 1), (many.Statements, many.AuditBatches));
    }

    [Fact]
    public async Task A_residents_bookings_cost_the_same_for_one_as_for_several()
    {
        var unit = await app.Data.UnitAsync();
        var resident = await app.Data.ResidentAsync(listedAt: unit.Id);
        var client = await app.ResidentClientAsync(resident.Id.Value);
        var start = new DateTimeOffset(app.Now.Date.AddDays(3).AddHours(8), TimeSpan.Zero);
        async Task BookAsync(int i) =>
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"/api/booking/slots/{(await app.Data.SlotAsync(unit.Id, start.AddMinutes(20 * i))).Id}/book", new { })).StatusCode);

        await BookAsync(0);
        var one = await CountAsync(client, c => c.GetAsync("/api/booking/my-appointments"));
        for (var i = 1; i < 6; i++)
        {
            await BookAsync(i);
        }
        var six = await CountAsync(client, c => c.GetAsync("/api/booking/my-appointments"));

        Assert.Equal(HttpStatusCode.OK, six.Response.StatusCode);
        Assert.Equal(one.Statements, six.Statements);
    }

    [Fact]
    public async Task A_slot_search_and_a_booking_stay_within_their_budgets()
    {
        var unit = await app.Data.UnitAsync();
        var resident = await app.Data.ResidentAsync(listedAt: unit.Id);
        var client = await app.ResidentClientAsync(resident.Id.Value);
        var start = app.Now.Date.AddDays(2).AddHours(8);
        var slots = new List<Nara.Modules.Booking.Domain.Slot>();
        for (var i = 0; i < 30; i++)
        {
            slots.Add(await app.Data.SlotAsync(unit.Id, new DateTimeOffset(start, TimeSpan.Zero).AddMinutes(20 * i)));
        }

        var search = await CountAsync(client, c => c.GetAsync($"/api/booking/free-slots?unitId={unit.Id.Value}&days=7"));
        var booking = await client.PostAsJsonAsync($"/api/booking/slots/{slots[5].Id}/book", new { });
        var booked = int.Parse(Assert.Single(booking.Headers.GetValues(StatementCounter.Header)).Split(';')[0], System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(HttpStatusCode.OK, search.Response.StatusCode);
        Assert.True(search.Statements <= 4, $"a slot search sent {search.Statements} statements");
        Assert.Equal(HttpStatusCode.Created, booking.StatusCode);
        // PostgreSQL: the slot with its rules, offers, booking and whether the resident has a care-guarantee clock at the
        // unit; then the booking, its audit event and the two outbox rows in one batch, one implicit transaction (no BEGIN
        // or COMMIT of its own). SQLite sends its BEGIN, the batch's statements and COMMIT apart. No waitlist read when
        // the slot had no open offer, no clock read when there is no clock.
        var budget = app is PostgresApp ? 2 : 6;
        Assert.True(booked <= budget, $"a booking sent {booked} statements (budget {budget})");

        // With a clock at the unit the booking reads it and stops it in the same batch: one statement more on PostgreSQL;
        // SQLite also sends the clock's update on its own.
        var nurse = await app.Data.StaffAsync(unit.Id, Nara.Modules.Organisation.Contracts.Profession.Sjukskoterska);
        var staff = await app.StaffClientAsync(nurse.Id.Value, unit.Id.Value);
        (await staff.PostAsJsonAsync("/api/care-guarantee/registrations", new { kind = "Kontakt", residentId = resident.Id.Value, date = app.Today })).EnsureSuccessStatusCode();
        var licensed = await app.Data.SlotAsync(unit.Id, new DateTimeOffset(start, TimeSpan.Zero).AddDays(1), profession: Nara.Modules.Organisation.Contracts.Profession.Sjukskoterska);
        var withClock = await client.PostAsJsonAsync($"/api/booking/slots/{licensed.Id}/book", new { });
        Assert.Equal(HttpStatusCode.Created, withClock.StatusCode);
        var statements = int.Parse(Assert.Single(withClock.Headers.GetValues(StatementCounter.Header)).Split(';')[0], System.Globalization.CultureInfo.InvariantCulture);
        var withClockBudget = budget + (app is PostgresApp ? 1 : 2);
        Assert.True(statements <= withClockBudget, $"a booking that stops a clock sent {statements} statements (budget {withClockBudget})");
        var assessment = await app.Data.WithDbAsync(db => db.Set<Nara.Modules.CareGuarantee.Domain.GuaranteeClock>()
            .SingleAsync(c => c.ResidentId == resident.Id && c.Kind == Nara.Modules.CareGuarantee.Contracts.ClockKind.MedicinskBedomning));
        Assert.Equal(DateOnly.FromDateTime(licensed.Start.UtcDateTime), assessment.StopDate);
    }
}

[Collection(SqliteTests.Name)]
public sealed class StatementBudgetTestsOnSqlite(SqliteApp app) : StatementBudgetTests(app);

[Collection(PostgresTests.Name)]
public sealed class StatementBudgetTestsOnPostgres(PostgresApp app) : StatementBudgetTests(app);
