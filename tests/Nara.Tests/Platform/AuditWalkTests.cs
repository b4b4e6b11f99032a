using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Nara.Modules.Booking.Domain;
using Nara.Modules.CareGuarantee.Domain;
using Nara.Modules.Organisation.Contracts;
using Nara.Modules.Triage.Contracts;
using Nara.Modules.Triage.Domain;
using Nara.Platform.Access;
using Nara.Platform.Identifiers;
using Nara.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Nara.Tests.Platform;

/// <summary>
/// The PDL audit walk: every API and FHIR route, called with one resident's real records by each kind of person (the
/// resident, a stranger, a nurse with and without a care relationship, the head of unit, an analyst). Every refusal
/// must leave a denied row in the access log; every answer that shows or changes personal data an allowed row, with a
/// basis that fits who asked (a resident never gets a care relationship, staff never "self").
/// </summary>
public abstract class AuditWalkTests(NaraApp app, ITestOutputHelper output)
{
    /// <summary>Routes that show no one's personal data: organisation, schedules, content, aggregates, the caller's own sign-in.</summary>
    private static readonly string[] NoPersonalData =
    [
        "/api/auth/", "/api/units", "/api/municipalities", "/fhir/metadata", "/api/booking/free-slots", "/api/booking/schedule",
        "/api/triage/complaints", "/api/triage/agreement", "/api/analysis/", "/api/care-guarantee/compliance", "/api/care-guarantee/export.xlsx",
        "/fhir/Organization", "/fhir/Location", "/fhir/Practitioner", "/fhir/PractitionerRole", "/fhir/Schedule", "/fhir/Slot", "/fhir/Questionnaire?", "/fhir/Questionnaire/",
    ];

    private sealed record Persona(string Name, Guid Id, bool IsResident, bool Stranger, HttpClient Client, string? Personnummer = null);

    [Fact]
    public async Task Every_refusal_and_every_access_to_personal_data_is_in_the_log_with_the_true_basis()
    {
        var unit = await app.Data.UnitAsync();
        var otherUnit = await app.Data.UnitAsync();
        var nurse = await app.Data.StaffAsync(unit.Id);
        var outsider = await app.Data.StaffAsync(otherUnit.Id);
        var head = await app.Data.StaffAsync(unit.Id, Profession.Lakare, StaffRole.Verksamhetschef);
        var analyst = await app.Data.StaffAsync(unit.Id, Profession.Sjukskoterska, StaffRole.Analytiker);
        var resident = await app.Data.ResidentAsync(unit.Id);
        var stranger = await app.Data.ResidentAsync(otherUnit.Id);
        var residentClient = await app.ResidentClientAsync(resident.Id.Value);
        var nurseClient = await app.StaffClientAsync(nurse.Id.Value);

        // The resident's records: a booking, a second free time, a case sent to the unit, a care-guarantee clock, a waitlist place.
        var slot = await app.Data.SlotAsync(unit.Id, app.Now.AddDays(3));
        var freeSlot = await app.Data.SlotAsync(unit.Id, app.Now.AddDays(4));
        var appointment = await TestData.BookAsync(residentClient, slot);
        var triageCase = new TriageCase
        {
            AssessmentId = StrongId.New<AssessmentId>(), ResidentId = resident.Id, UnitId = unit.Id, ComplaintId = "hosta",
            EngineUrgency = Urgency.VardIdag, SummaryJson = "{}", SentBy = resident.Id.Value, CreatedAt = app.Now.AddHours(-2), Status = CaseStatus.Ny,
        };
        await app.Data.WithDbAsync(async db =>
        {
            db.Add(triageCase);
            CaseThreads.Add(db, triageCase);
            await db.SaveChangesAsync();
        });
        Assert.True((await nurseClient.PostAsJsonAsync("/api/care-guarantee/registrations", new { kind = "Kontakt", residentId = resident.Id.Value, date = app.Today })).IsSuccessStatusCode);
        Assert.True((await nurseClient.PostAsJsonAsync("/api/booking/waitlist", new { unitId = unit.Id.Value, type = "Besok", residentId = resident.Id.Value })).IsSuccessStatusCode);
        var assessment = JsonDocument.Parse(await (await residentClient.PostAsJsonAsync("/api/triage/assessments", new { complaintId = "hosta" })).Content.ReadAsStringAsync())
            .RootElement.GetProperty("id").GetGuid();
        var clock = await app.Data.WithDbAsync(db => db.Set<GuaranteeClock>().Where(c => c.ResidentId == resident.Id).Select(c => c.Id).FirstAsync());
        var entry = await app.Data.WithDbAsync(db => db.Set<WaitlistEntry>().Where(w => w.ResidentId == resident.Id).Select(w => w.Id).FirstAsync());
        var auditId = await app.Data.WithDbAsync(db => db.Set<AuditEvent>().Where(e => e.ResidentId == resident.Id).Select(e => e.Id).FirstAsync());

        var ids = new Dictionary<string, string>
        {
            ["/api/residents/{residentId}"] = resident.Id.ToString(),
            ["/api/care-guarantee/residents/{residentId}"] = resident.Id.ToString(),
            ["/api/booking/appointments/{id}"] = appointment.ToString(),
            ["/api/virtualcare/meetings/{appointmentId}"] = appointment.ToString(),
            ["/api/triage/cases/{id}"] = triageCase.Id.ToString(),
            ["/api/triage/assessments/{id}"] = assessment.ToString(),
            ["/api/care-guarantee/clocks/{id}"] = clock.ToString(),
            ["/api/booking/waitlist/{id}"] = entry.ToString(),
            ["/api/booking/slots/{slotId}"] = freeSlot.Id.ToString(),
            ["/api/booking/units/{unitId}"] = unit.Id.ToString(),
        };
        var fhirReads = new[]
        {
            $"/fhir/Patient/{resident.Id}", $"/fhir/Appointment/{appointment}", $"/fhir/Task/{triageCase.Id}", $"/fhir/AuditEvent/{auditId}",
            $"/fhir/Patient?identifier={resident.Personnummer}", $"/fhir/Appointment?patient=Patient/{resident.Id}", $"/fhir/Task?patient=Patient/{resident.Id}",
            $"/fhir/QuestionnaireResponse?subject=Patient/{resident.Id}", $"/fhir/AuditEvent?patient=Patient/{resident.Id}",
        };

        var personas = new List<Persona>
        {
            new("främling (invånare)", stranger.Id.Value, true, true, await app.ResidentClientAsync(stranger.Id.Value), stranger.Personnummer),
            new("sjuksköterska på annan enhet", outsider.Id.Value, false, true, await app.StaffClientAsync(outsider.Id.Value)),
            new("analytiker", analyst.Id.Value, false, false, await app.StaffClientAsync(analyst.Id.Value)),
            new("verksamhetschef", head.Id.Value, false, false, await app.StaffClientAsync(head.Id.Value)),
            new("sjuksköterska på enheten", nurse.Id.Value, false, false, nurseClient),
            new("invånaren själv", resident.Id.Value, true, false, residentClient, resident.Personnummer),
        };

        var calls = new List<(string Method, string Path, string? Body)>();
        var skipped = new List<string>();
        foreach (var route in Routes())
        {
            var path = route.Pattern;
            foreach (var (prefix, id) in ids)
            {
                var name = prefix[(prefix.LastIndexOf('{') + 1)..^1];
                if (path.StartsWith(prefix.Replace("{" + name + "}", "", StringComparison.Ordinal), StringComparison.Ordinal))
                {
                    path = System.Text.RegularExpressions.Regex.Replace(path, "\\{" + name + "(:[^}]*)?\\}", id);
                }
            }
            if (path.Contains('{', StringComparison.Ordinal) || path.Contains("/offers/", StringComparison.Ordinal))
            {
                skipped.Add($"{route.Method} {route.Pattern}");
                continue;
            }
            calls.Add((route.Method, path, route.Method == "GET" ? null : Body(route.Body, resident, unit.Id.Value, appointment, triageCase.Id.Value, freeSlot.Id.Value)));
        }
        calls.AddRange(fhirReads.Select(p => ("GET", p, (string?)null)));
        // Reads first, then writes (refused callers first), so that an allowed write does not change what later calls find.
        calls = calls.OrderBy(c => c.Method == "GET" ? 0 : 1).ToList();

        var realIds = new[] { resident.Id.ToString(), appointment.ToString(), triageCase.Id.ToString(), clock.ToString(), entry.ToString(), auditId.ToString(), assessment.ToString() }
            .Where(id => id.Length > 10).ToList();
        var failures = new List<string>();
        var counted = (Refusals: 0, RefusalsAudited: 0, Reads: 0, ReadsAudited: 0);
        foreach (var (method, path, body) in calls)
        {
            foreach (var persona in personas)
            {
                if (method != "GET" && !persona.Stranger && persona.Name != "analytiker")
                {
                    continue; // the allowed writes are covered by each module's tests; here the refusals are walked
                }
                var before = await app.Data.WithDbAsync(db => db.Set<AuditEvent>().MaxAsync(e => (long?)e.Id)) ?? 0;
                var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (body is not null)
                {
                    request.Content = new StringContent(body, Encoding.UTF8, path.StartsWith("/fhir", StringComparison.Ordinal) ? "application/fhir+json" : "application/json");
                }
                using var response = await persona.Client.SendAsync(request);
                var status = (int)response.StatusCode;
                var rows = await app.Data.WithDbAsync(db => db.Set<AuditEvent>().AsNoTracking().Where(e => e.Id > before && e.ActorId == persona.Id).ToListAsync());
                var label = $"{persona.Name} {method} {path} → {status}";
                var personal = !NoPersonalData.Any(p => path.StartsWith(p, StringComparison.Ordinal));
                var text = await response.Content.ReadAsStringAsync();
                // A 404 on one of the resident's real records, to someone with no relationship, is a refusal (hidden as not found).
                var refused = status == 403 || (status == 404 && persona.Stranger && personal && realIds.Any(id => path.Contains(id, StringComparison.OrdinalIgnoreCase)));
                // Whose data the answer shows: the resident's (by id, personnummer or family name), or the caller's own.
                var shown = new List<Guid>();
                if (text.Contains(resident.Id.ToString(), StringComparison.OrdinalIgnoreCase) || text.Contains(resident.Personnummer, StringComparison.Ordinal)
                    || text.Contains(resident.FamilyName, StringComparison.Ordinal))
                {
                    shown.Add(resident.Id.Value);
                }
                if (persona.Personnummer is { } own && persona.Id != resident.Id.Value && text.Contains(own, StringComparison.Ordinal))
                {
                    shown.Add(persona.Id);
                }
                if (refused)
                {
                    counted.Refusals++;
                    if (rows.Any(r => r.Outcome == AuditOutcome.Denied))
                    {
                        counted.RefusalsAudited++;
                    }
                    else
                    {
                        failures.Add($"{label}: refused without a denied row");
                    }
                }
                else if (status is >= 200 and < 300 && personal)
                {
                    foreach (var about in shown)
                    {
                        counted.Reads++;
                        if (rows.Any(r => r.Outcome == AuditOutcome.Allowed && r.ResidentId == new ResidentId(about)))
                        {
                            counted.ReadsAudited++;
                        }
                        else
                        {
                            failures.Add($"{label}: showed {(about == resident.Id.Value ? "the resident's" : "the caller's own")} data without an allowed row about them");
                        }
                    }
                }
                foreach (var row in rows.Where(r => r.Outcome == AuditOutcome.Allowed))
                {
                    var fits = persona.IsResident
                        ? row.Basis is AccessBasis.Self or AccessBasis.Guardian or AccessBasis.None
                        : row.Basis is not (AccessBasis.Self or AccessBasis.Guardian);
                    if (!fits)
                    {
                        failures.Add($"{label}: allowed with basis {row.Basis} ({row.Resource})");
                    }
                }
                foreach (var row in rows.Where(r => r.Outcome == AuditOutcome.Denied && r.Basis != AccessBasis.None))
                {
                    failures.Add($"{label}: a denied row with basis {row.Basis}");
                }
            }
        }
        output.WriteLine($"{calls.Count} routes × {personas.Count} personas: {counted.Refusals} refusals ({counted.RefusalsAudited} audited), " +
            $"{counted.Reads} answers with personal data ({counted.ReadsAudited} audited). Not walked (no record of that kind made here): {string.Join("; ", skipped)}");
        Assert.True(counted.Refusals > 100 && counted.Reads > 20, $"The walk reached too little: {counted}");
        Assert.True(failures.Count == 0, $"{failures.Count} failures:\n" + string.Join("\n", failures));
    }

    private sealed record Route(string Method, string Pattern, Type? Body);

    private List<Route> Routes()
    {
        var routes = new List<Route>();
        foreach (var (endpoint, pattern) in HttpRoutes.All(app.Services))
        {
            if (!pattern.StartsWith("/api/", StringComparison.Ordinal)
                || pattern.Contains("sign-out", StringComparison.Ordinal) || pattern == "/api/auth/demo")
            {
                continue;
            }
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
            {
                routes.Add(new Route(method, pattern, endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType));
            }
        }
        return routes;
    }

    /// <summary>A plausible body: the resident's and the unit's ids where the field names them, ordinary values elsewhere.</summary>
    private string Body(Type? type, Nara.Modules.Residents.Domain.Resident resident, Guid unit, Guid appointment, Guid triageCase, Guid slot)
    {
        if (type is null)
        {
            return "{}";
        }
        var fields = new Dictionary<string, object?>();
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(p.Name);
            var t = Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
            fields[name] = name switch
            {
                "residentId" => resident.Id.Value,
                "unitId" => unit,
                "personnummer" => resident.Personnummer,
                "triageCaseId" => triageCase,
                "appointmentId" or "replacesAppointmentId" => appointment,
                "slotId" => slot,
                "kind" => "Kontakt",
                "complaintId" => "hosta",
                _ when t == typeof(string) => "Test",
                _ when t == typeof(Guid) => resident.Id.Value,
                _ when t == typeof(DateOnly) => app.Today.AddDays(10),
                _ when t == typeof(DateTimeOffset) => app.Now.AddDays(10),
                _ when t == typeof(bool) => true,
                _ when t.IsEnum => Enum.GetNames(t)[0],
                _ when t == typeof(int) => 1,
                _ => null,
            };
        }
        return JsonSerializer.Serialize(fields);
    }
}

[Collection(SqliteTests.Name)]
public sealed class AuditWalkTestsOnSqlite(SqliteApp app, ITestOutputHelper output) : AuditWalkTests(app, output);

[Collection(PostgresTests.Name)]
public sealed class AuditWalkTestsOnPostgres(PostgresApp app, ITestOutputHelper output) : AuditWalkTests(app, output);
