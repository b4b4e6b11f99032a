using System.Net;
using System.Net.Http.Json;
using System.Text;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Nara.Fhir;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Domain;
using Nara.Modules.Organisation.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Identifiers;
using Nara.Tests.Infrastructure;
using AuditEvent = Nara.Platform.Access.AuditEvent;
using DomainSlot = Nara.Modules.Booking.Domain.Slot;
using FhirAppointment = Hl7.Fhir.Model.Appointment;
using FhirSlot = Hl7.Fhir.Model.Slot;
using Task = System.Threading.Tasks.Task;

namespace Nara.Tests.Fhir;

/// <summary>Booking over FHIR: Schedule, Slot and Appointment under the booking UI's rules and access checks.</summary>
public abstract class BookingFhirTests(NaraApp app)
{
    private static readonly DateTimeOffset Day2 = new(TestClock.Now.UtcDateTime.Date.AddDays(2), TimeSpan.Zero);

    private static DomainSlot NewSlot(UnitId unit, DateTimeOffset start, SlotType type = SlotType.Besok, bool web = true, bool acute = false,
        bool withdrawn = false, StaffId? staff = null) => new()
        {
            UnitId = unit,
            StaffId = staff,
            Profession = Profession.Sjukskoterska,
            Type = type,
            Start = start,
            End = start.AddMinutes(20),
            WebBookable = web,
            AcuteReserved = acute,
            Withdrawn = withdrawn,
        };

    private async Task SaveAsync(params object[] entities) => await app.Data.WithDbAsync(async db =>
    {
        db.AddRange(entities);
        await db.SaveChangesAsync();
    });

    private async Task<(UnitId Unit, HttpClient Staff, Guid StaffId)> UnitWithStaffAsync()
    {
        var unit = await app.Data.UnitAsync();
        var staff = await app.Data.StaffAsync(unit.Id);
        return (unit.Id, await app.StaffClientAsync(staff.Id.Value, unit.Id.Value), staff.Id.Value);
    }

    private static string Local(DateTimeOffset at) => Nara.Platform.Time.Stockholm.ToLocal(at).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static string AppointmentJson(Guid slot, Guid? patient = null, string status = "booked", string? reason = null, Guid? id = null)
    {
        // R4 requires a participant: without a Patient one, a participant with neither actor nor type (the server fills them in).
        var participant = patient is { } p
            ? $", \"participant\": [{{ \"actor\": {{ \"reference\": \"Patient/{p:D}\" }}, \"status\": \"accepted\" }}]"
            : ", \"participant\": [{ \"status\": \"accepted\" }]";
        var reasonCode = reason is null ? "" : $", \"reasonCode\": [{{ \"text\": \"{reason}\" }}]";
        var idPart = id is { } i ? $"\"id\": \"{i:D}\", " : "";
        return $"{{ \"resourceType\": \"Appointment\", {idPart}\"status\": \"{status}\", \"slot\": [{{ \"reference\": \"Slot/{slot:D}\" }}]{participant}{reasonCode} }}";
    }

    private static async Task<(HttpStatusCode Status, T Resource, HttpResponseMessage Response)> SendAsync<T>(HttpClient client, HttpMethod method, string url, string json)
        where T : Resource
    {
        using var request = new HttpRequestMessage(method, url) { Content = new StringContent(json, Encoding.UTF8, FhirJson.ContentType) };
        var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        // The body in the failure message: a refusal's diagnostics say why when a test expected something else.
        Assert.True(body.Contains($"\"resourceType\":\"{typeof(T).Name}\"", StringComparison.Ordinal), $"{(int)response.StatusCode}: {body}");
        return (response.StatusCode, await FhirHttp.ParseAsync<T>(response), response);
    }

    private static List<string> Ids(Bundle bundle) => bundle.Entry.Select(e => e.Resource!.Id!).ToList();

    [Fact]
    public async Task Slot_search_by_date_type_and_status_returns_the_matching_times_in_start_order_with_paging()
    {
        var (unit, staff, _) = await UnitWithStaffAsync();
        var early = NewSlot(unit, Day2.AddHours(8));
        var booked = NewSlot(unit, Day2.AddHours(8).AddMinutes(20));
        var video = NewSlot(unit, Day2.AddHours(8).AddMinutes(40), SlotType.Video);
        var acute = NewSlot(unit, Day2.AddDays(1).AddHours(9), acute: true);
        var nextDay = NewSlot(unit, Day2.AddDays(1).AddHours(8));
        var withdrawn = NewSlot(unit, Day2.AddDays(1).AddHours(10), withdrawn: true);
        var later = NewSlot(unit, Day2.AddDays(5).AddHours(8));
        var resident = await app.Data.ResidentAsync(unit);
        // Saved out of order: the answer must be ordered by start, not by insertion.
        await SaveAsync(later, withdrawn, nextDay, acute, video, booked, early);
        await SaveAsync(new Nara.Modules.Booking.Domain.Appointment
        {
            SlotId = booked.Id,
            UnitId = unit,
            ResidentId = resident.Id,
            Start = booked.Start,
            BookedAt = app.Now,
            BookedBy = resident.Id.Value,
        });
        var window = $"start=ge{Local(Day2)}&start=lt{Local(Day2.AddDays(2))}";

        var (status, first) = await staff.GetFhirAsync<Bundle>($"/fhir/Slot?organization=Organization/{unit.Value:D}&service-type=Besok&status=free&{window}&_count=2&_total=accurate");
        var (_, second) = await staff.GetFhirAsync<Bundle>($"/fhir/Slot?organization=Organization/{unit.Value:D}&service-type=Besok&status=free&{window}&_count=2&_offset=2");
        var (_, busy) = await staff.GetFhirAsync<Bundle>($"/fhir/Slot?organization={unit.Value:D}&status=busy");
        var (_, video1) = await staff.GetFhirAsync<Bundle>($"/fhir/Slot?organization={unit.Value:D}&service-type=https://nara.se/fhir/CodeSystem/slot-type|Video");
        var (_, all) = await staff.GetFhirAsync<Bundle>($"/fhir/Slot?organization={unit.Value:D}&_count=100");
        var (_, unavailable) = await staff.GetFhirAsync<Bundle>($"/fhir/Slot?organization={unit.Value:D}&status=busy-unavailable");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(3, first.Total);
        Assert.Equal([early.Id.Value.ToString("D"), nextDay.Id.Value.ToString("D")], Ids(first));
        Assert.Contains(first.Link, l => l.Relation == "next");
        Assert.Equal([acute.Id.Value.ToString("D")], Ids(second));
        var busySlot = Assert.IsType<FhirSlot>(Assert.Single(busy.Entry).Resource);
        Assert.Equal(booked.Id.Value.ToString("D"), busySlot.Id);
        Assert.Equal(FhirSlot.SlotStatus.Busy, busySlot.Status);
        Assert.Equal($"Schedule/{unit.Value:D}", busySlot.Schedule.Reference);
        Assert.Equal([video.Id.Value.ToString("D")], Ids(video1));
        Assert.Equal(new[] { early, booked, video, nextDay, acute, later }.Select(s => s.Id.Value.ToString("D")), Ids(all));
        Assert.Equal(FhirSlot.SlotStatus.BusyUnavailable, Assert.IsType<FhirSlot>(Assert.Single(unavailable.Entry).Resource).Status);
        var missingUnit = await staff.GetFhirAsync<OperationOutcome>("/fhir/Slot?status=free");
        Assert.Equal(HttpStatusCode.BadRequest, missingUnit.Status);
        Assert.Equal("organization", FhirHttp.Issue(missingUnit.Resource).Expression.Single());
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.GetFhirAsync<OperationOutcome>($"/fhir/Slot?organization={unit.Value:D}&service-type=Besoket")).Status);
    }

    [Fact]
    public async Task A_resident_sees_only_web_bookable_non_acute_times_of_the_types_the_unit_allows_from_the_web()
    {
        var (unit, staff, _) = await UnitWithStaffAsync();
        var open = NewSlot(unit, Day2.AddHours(8));
        var acute = NewSlot(unit, Day2.AddHours(9), acute: true);
        var staffOnly = NewSlot(unit, Day2.AddHours(10), web: false);
        var chat = NewSlot(unit, Day2.AddHours(11), SlotType.Chatt);
        await SaveAsync(open, acute, staffOnly, chat, new UnitBookingRules { UnitId = unit, WebTypes = "Besok,Video" });
        var resident = await app.Data.ResidentAsync(unit);
        var client = await app.ResidentClientAsync(resident.Id.Value);

        var (_, seen) = await client.GetFhirAsync<Bundle>($"/fhir/Slot?organization=Organization/{unit.Value:D}&_total=accurate");
        var (_, staffSees) = await staff.GetFhirAsync<Bundle>($"/fhir/Slot?organization=Organization/{unit.Value:D}&_total=accurate");

        Assert.Equal([open.Id.Value.ToString("D")], Ids(seen));
        Assert.Equal(1, seen.Total);
        Assert.Equal(4, staffSees.Total);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetFhirAsync<OperationOutcome>($"/fhir/Slot/{acute.Id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetFhirAsync<OperationOutcome>($"/fhir/Slot/{staffOnly.Id}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await client.GetFhirAsync<FhirSlot>($"/fhir/Slot/{open.Id}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetFhirAsync<FhirSlot>($"/fhir/Slot/{acute.Id}")).Status);
        var otherUnit = await app.Data.UnitAsync();
        var outsider = await app.Data.StaffAsync(otherUnit.Id);
        var outsiderClient = await app.StaffClientAsync(outsider.Id.Value, otherUnit.Id.Value);
        Assert.Equal(3, (await outsiderClient.GetFhirAsync<Bundle>($"/fhir/Slot?organization={unit.Value:D}&_total=accurate")).Resource.Total);
    }

    [Fact]
    public async Task A_resident_reads_the_time_staff_booked_for_them_on_a_time_not_bookable_from_the_web_and_nobody_else_does()
    {
        var (unit, staff, _) = await UnitWithStaffAsync();
        var staffOnly = NewSlot(unit, Day2.AddHours(10), web: false);
        await SaveAsync(staffOnly);
        var resident = await app.Data.ResidentAsync(unit);
        var other = await app.Data.ResidentAsync(unit);
        var client = await app.ResidentClientAsync(resident.Id.Value);
        var otherClient = await app.ResidentClientAsync(other.Id.Value);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetFhirAsync<OperationOutcome>($"/fhir/Slot/{staffOnly.Id}")).Status);

        (await staff.PostAsJsonAsync($"/api/booking/slots/{staffOnly.Id}/book", new { residentId = resident.Id.Value })).EnsureSuccessStatusCode();

        var (status, slot) = await client.GetFhirAsync<FhirSlot>($"/fhir/Slot/{staffOnly.Id}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(FhirSlot.SlotStatus.Busy, slot.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.GetFhirAsync<OperationOutcome>($"/fhir/Slot/{staffOnly.Id}")).Status);
    }

    [Fact]
    public async Task Posting_an_appointment_books_the_slot_and_a_second_post_of_the_same_slot_gets_409_naming_the_alternatives()
    {
        var (unit, staff, _) = await UnitWithStaffAsync();
        var wanted = NewSlot(unit, Day2.AddHours(8));
        var alternative = NewSlot(unit, Day2.AddHours(9));
        await SaveAsync(wanted, alternative);
        var first = await app.Data.ResidentAsync(unit);
        var second = await app.Data.ResidentAsync(unit);
        var firstClient = await app.ResidentClientAsync(first.Id.Value);
        var secondClient = await app.ResidentClientAsync(second.Id.Value);

        var (status, created, response) = await SendAsync<FhirAppointment>(firstClient, HttpMethod.Post, "/fhir/Appointment", AppointmentJson(wanted.Id.Value, reason: "Vaccination"));
        var (conflictStatus, outcome, _) = await SendAsync<OperationOutcome>(secondClient, HttpMethod.Post, "/fhir/Appointment", AppointmentJson(wanted.Id.Value, second.Id.Value));

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.EndsWith($"/fhir/Appointment/{created.Id}", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(FhirAppointment.AppointmentStatus.Booked, created.Status);
        Assert.Equal($"Slot/{wanted.Id:D}", created.Slot.Single().Reference);
        Assert.Contains(created.Participant, p => p.Actor?.Reference == $"Patient/{first.Id.Value:D}");
        Assert.Contains(created.Participant, p => p.Actor?.Reference == $"Location/{unit.Value:D}");
        Assert.Equal("Vaccination", created.ReasonCode.Single().Text);
        Assert.Equal("Besok", created.ServiceType.Single().Coding.Single().Code);
        Assert.Equal(HttpStatusCode.Conflict, conflictStatus);
        var issue = FhirHttp.Issue(outcome);
        Assert.Equal(OperationOutcome.IssueType.Conflict, issue.Code);
        Assert.Contains("redan bokad", issue.Diagnostics, StringComparison.Ordinal);
        Assert.Contains($"Slot/{alternative.Id:D}", issue.Diagnostics, StringComparison.Ordinal);
        Assert.Equal("Appointment.slot", issue.Expression.Single());
        var active = await app.Data.WithDbAsync(db => db.Set<Nara.Modules.Booking.Domain.Appointment>().CountAsync(a => a.SlotId == wanted.Id && a.Status == AppointmentStatus.Bokad));
        Assert.Equal(1, active);
        var (_, busy) = await staff.GetFhirAsync<Bundle>($"/fhir/Slot?organization={unit.Value:D}&status=busy");
        Assert.Equal([wanted.Id.Value.ToString("D")], Ids(busy));
    }

    [Fact]
    public async Task Staff_book_only_at_their_own_unit_and_must_name_the_patient()
    {
        var (unit, staff, _) = await UnitWithStaffAsync();
        var (otherUnit, _, _) = await UnitWithStaffAsync();
        var here = NewSlot(unit, Day2.AddHours(8));
        var there = NewSlot(otherUnit, Day2.AddHours(8));
        await SaveAsync(here, there);
        var resident = await app.Data.ResidentAsync(otherUnit);

        var (elsewhere, forbidden, _) = await SendAsync<OperationOutcome>(staff, HttpMethod.Post, "/fhir/Appointment", AppointmentJson(there.Id.Value, resident.Id.Value));
        var (nobody, missing, _) = await SendAsync<OperationOutcome>(staff, HttpMethod.Post, "/fhir/Appointment", AppointmentJson(here.Id.Value));
        var (invited, invitation, _) = await SendAsync<FhirAppointment>(staff, HttpMethod.Post, "/fhir/Appointment", AppointmentJson(here.Id.Value, resident.Id.Value, "proposed"));

        Assert.Equal(HttpStatusCode.Forbidden, elsewhere);
        Assert.Equal(OperationOutcome.IssueType.Forbidden, FhirHttp.Issue(forbidden).Code);
        Assert.Equal(HttpStatusCode.BadRequest, nobody);
        Assert.Equal("Appointment.participant", FhirHttp.Issue(missing).Expression.Single());
        Assert.Equal(HttpStatusCode.Created, invited);
        Assert.Equal(FhirAppointment.AppointmentStatus.Proposed, invitation.Status);
        Assert.Equal(0, await app.Data.WithDbAsync(db => db.Set<Nara.Modules.Booking.Domain.Appointment>().CountAsync(a => a.SlotId == there.Id)));
        var stored = await app.Data.WithDbAsync(db => db.Set<Nara.Modules.Booking.Domain.Appointment>().SingleAsync(a => a.SlotId == here.Id));
        Assert.True(stored.AwaitingConfirmation);
    }

    [Fact]
    public async Task Cancelling_by_put_of_status_cancelled_frees_the_slot_and_other_changes_are_refused()
    {
        var (unit, staff, staffId) = await UnitWithStaffAsync();
        var slot = NewSlot(unit, Day2.AddHours(8));
        await SaveAsync(slot);
        var resident = await app.Data.ResidentAsync(unit);
        var (_, created, _) = await SendAsync<FhirAppointment>(staff, HttpMethod.Post, "/fhir/Appointment", AppointmentJson(slot.Id.Value, resident.Id.Value));
        var id = Guid.Parse(created.Id!);

        var (refusedStatus, refused, _) = await SendAsync<OperationOutcome>(staff, HttpMethod.Put, $"/fhir/Appointment/{id}", AppointmentJson(slot.Id.Value, resident.Id.Value, "fulfilled", id: id));
        var (mismatch, _, _) = await SendAsync<OperationOutcome>(staff, HttpMethod.Put, $"/fhir/Appointment/{id}", AppointmentJson(slot.Id.Value, resident.Id.Value, "cancelled", id: Guid.NewGuid()));
        var (status, cancelled, _) = await SendAsync<FhirAppointment>(staff, HttpMethod.Put, $"/fhir/Appointment/{id}", AppointmentJson(slot.Id.Value, resident.Id.Value, "cancelled", id: id));
        var (again, _, _) = await SendAsync<FhirAppointment>(staff, HttpMethod.Put, $"/fhir/Appointment/{id}", AppointmentJson(slot.Id.Value, resident.Id.Value, "cancelled", id: id));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refusedStatus);
        Assert.Contains("cancelled", FhirHttp.Issue(refused).Diagnostics, StringComparison.Ordinal);
        Assert.Equal("Appointment.status", FhirHttp.Issue(refused).Expression.Single());
        Assert.Equal(HttpStatusCode.BadRequest, mismatch);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(FhirAppointment.AppointmentStatus.Cancelled, cancelled.Status);
        Assert.Equal(HttpStatusCode.OK, again);
        var audit = await app.Data.WithDbAsync(db => db.Set<AuditEvent>().Where(e => e.ResidentId == resident.Id && e.ActorId == staffId).ToListAsync());
        Assert.Contains(audit, e => e.Resource == "Bokning" && e.Action == AuditAction.Write && e.Reason == "Avbokning");
        Assert.Contains(audit, e => e.Resource == "FHIR Appointment" && e.Action == AuditAction.Read && e.Outcome == AuditOutcome.Allowed);
        var (_, free) = await staff.GetFhirAsync<Bundle>($"/fhir/Slot?organization={unit.Value:D}&status=free");
        Assert.Contains(slot.Id.Value.ToString("D"), Ids(free));
        var (_, cancelledList) = await staff.GetFhirAsync<Bundle>($"/fhir/Appointment?patient=Patient/{resident.Id.Value:D}&status=cancelled");
        Assert.Equal([created.Id!], Ids(cancelledList));
    }

    [Fact]
    public async Task A_resident_cancelling_inside_the_units_limit_gets_400_and_the_booking_stands()
    {
        var (unit, _, _) = await UnitWithStaffAsync();
        var soon = NewSlot(unit, app.Now.AddHours(3));
        await SaveAsync(soon);
        var resident = await app.Data.ResidentAsync(unit);
        var client = await app.ResidentClientAsync(resident.Id.Value);
        var (_, created, _) = await SendAsync<FhirAppointment>(client, HttpMethod.Post, "/fhir/Appointment", AppointmentJson(soon.Id.Value));
        var id = Guid.Parse(created.Id!);

        var (status, outcome, _) = await SendAsync<OperationOutcome>(client, HttpMethod.Put, $"/fhir/Appointment/{id}", AppointmentJson(soon.Id.Value, status: "cancelled", id: id));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("24 timmar", FhirHttp.Issue(outcome).Diagnostics, StringComparison.Ordinal);
        var stored = await app.Data.WithDbAsync(db => db.Set<Nara.Modules.Booking.Domain.Appointment>().SingleAsync(a => a.Id == new AppointmentId(id)));
        Assert.Equal(AppointmentStatus.Bokad, stored.Status);
    }

    [Fact]
    public async Task Someone_elses_appointment_is_404_and_the_attempt_is_audited_while_the_owner_and_the_unit_see_it()
    {
        var (unit, staff, staffId) = await UnitWithStaffAsync();
        var slot = NewSlot(unit, Day2.AddHours(8));
        await SaveAsync(slot);
        var owner = await app.Data.ResidentAsync(unit);
        var stranger = await app.Data.ResidentAsync(unit);
        var ownerClient = await app.ResidentClientAsync(owner.Id.Value);
        var strangerClient = await app.ResidentClientAsync(stranger.Id.Value);
        var (_, created, _) = await SendAsync<FhirAppointment>(ownerClient, HttpMethod.Post, "/fhir/Appointment", AppointmentJson(slot.Id.Value));
        var (otherUnit, outsider, _) = await UnitWithStaffAsync();

        var (strangerStatus, _) = await strangerClient.GetFhirAsync<OperationOutcome>($"/fhir/Appointment/{created.Id}");
        var (outsiderStatus, _) = await outsider.GetFhirAsync<OperationOutcome>($"/fhir/Appointment/{created.Id}");
        var (ownStatus, own) = await ownerClient.GetFhirAsync<FhirAppointment>($"/fhir/Appointment/{created.Id}");
        var (_, ownSearch) = await ownerClient.GetFhirAsync<Bundle>($"/fhir/Appointment?status=booked&date=ge{Local(Day2)}");
        var (strangerSearch, _) = await strangerClient.GetFhirAsync<OperationOutcome>($"/fhir/Appointment?patient=Patient/{owner.Id.Value:D}");
        var (_, unitSearch) = await staff.GetFhirAsync<Bundle>($"/fhir/Appointment?patient={owner.Id.Value:D}");
        var (strangerPut, _, _) = await SendAsync<OperationOutcome>(strangerClient, HttpMethod.Put, $"/fhir/Appointment/{created.Id}",
            AppointmentJson(slot.Id.Value, status: "cancelled", id: Guid.Parse(created.Id!)));

        Assert.Equal(HttpStatusCode.NotFound, strangerStatus);
        Assert.Equal(HttpStatusCode.NotFound, outsiderStatus);
        Assert.Equal(HttpStatusCode.NotFound, strangerPut);
        Assert.Equal(HttpStatusCode.OK, ownStatus);
        Assert.Equal(created.Id, own.Id);
        Assert.Equal([created.Id!], Ids(ownSearch));
        Assert.Equal(HttpStatusCode.Forbidden, strangerSearch);
        Assert.Equal([created.Id!], Ids(unitSearch));
        var audit = await app.Data.WithDbAsync(db => db.Set<AuditEvent>().Where(e => e.ResidentId == owner.Id).ToListAsync());
        Assert.Contains(audit, e => e.Resource == "FHIR Appointment" && e.ActorId == stranger.Id.Value && e.Outcome == AuditOutcome.Denied && e.Action == AuditAction.Read);
        Assert.Contains(audit, e => e.Resource == "FHIR Appointment" && e.ActorId == stranger.Id.Value && e.Outcome == AuditOutcome.Denied && e.Action == AuditAction.Search);
        Assert.Contains(audit, e => e.Resource == "FHIR Appointment" && e.Outcome == AuditOutcome.Denied && e.ActorId != stranger.Id.Value);
        Assert.Contains(audit, e => e.Resource == "FHIR Appointment" && e.ActorId == owner.Id.Value && e.Outcome == AuditOutcome.Allowed && e.Action == AuditAction.Read);
        Assert.Contains(audit, e => e.Resource == "FHIR Appointment" && e.ActorId == staffId && e.Outcome == AuditOutcome.Allowed && e.Action == AuditAction.Search);
        Assert.Equal(HttpStatusCode.OK, ownStatus);
        Assert.NotEqual(unit, otherUnit);
    }

    [Fact]
    public async Task A_weekly_pattern_is_a_schedule_of_the_practitioner_and_the_unit_and_its_slots_point_to_it()
    {
        var (unit, staff, staffId) = await UnitWithStaffAsync();
        var template = new ScheduleTemplate
        {
            UnitId = unit,
            StaffId = new StaffId(staffId),
            Profession = Profession.Sjukskoterska,
            Type = SlotType.Video,
            Weekday = DayOfWeek.Tuesday,
            Start = new TimeOnly(8, 0),
            End = new TimeOnly(12, 0),
            SlotMinutes = 20,
            ValidFrom = new DateOnly(2026, 1, 5),
            WebBookable = true,
            CreatedAt = app.Now,
            CreatedBy = staffId,
        };
        var handMade = NewSlot(unit, Day2.AddHours(8), SlotType.Video);
        var slot = new DomainSlot
        {
            UnitId = unit,
            StaffId = template.StaffId,
            Type = SlotType.Video,
            Start = Day2.AddDays(30).AddHours(7),
            End = Day2.AddDays(30).AddHours(7).AddMinutes(20),
            WebBookable = true,
            TemplateId = template.Id,
        };
        var acutePattern = new ScheduleTemplate
        {
            UnitId = unit,
            StaffId = template.StaffId,
            Profession = Profession.Sjukskoterska,
            Type = SlotType.Besok,
            Weekday = DayOfWeek.Wednesday,
            Start = new TimeOnly(8, 0),
            End = new TimeOnly(10, 0),
            SlotMinutes = 15,
            ValidFrom = new DateOnly(2026, 1, 5),
            AcuteReserved = true,
            CreatedAt = app.Now,
            CreatedBy = staffId,
        };
        await SaveAsync(template, acutePattern, handMade, slot);
        var resident = await app.ResidentClientAsync((await app.Data.ResidentAsync(unit)).Id.Value);

        var (status, bundle) = await staff.GetFhirAsync<Bundle>($"/fhir/Schedule?actor=Practitioner/{staffId:D}");
        var (_, byUnit) = await staff.GetFhirAsync<Bundle>($"/fhir/Schedule?actor=Organization/{unit.Value:D}");
        var (_, slots) = await staff.GetFhirAsync<Bundle>($"/fhir/Slot?schedule=Schedule/{template.Id:D}");

        var (_, residentSees) = await resident.GetFhirAsync<Bundle>($"/fhir/Schedule?actor=Practitioner/{staffId:D}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([template.Id.Value.ToString("D"), acutePattern.Id.Value.ToString("D")], Ids(bundle));
        Assert.Equal([template.Id.Value.ToString("D")], Ids(residentSees));
        Assert.Equal(HttpStatusCode.NotFound, (await resident.GetFhirAsync<OperationOutcome>($"/fhir/Schedule/{acutePattern.Id:D}")).Status);
        var schedule = Assert.IsType<Schedule>(bundle.Entry[0].Resource);
        Assert.Equal(template.Id.Value.ToString("D"), schedule.Id);
        Assert.Equal([$"Practitioner/{staffId:D}", $"Organization/{unit.Value:D}"], schedule.Actor.Select(a => a.Reference));
        Assert.Equal("Video", schedule.ServiceType.Single().Coding.Single().Code);
        Assert.Equal("2026-01-05", schedule.PlanningHorizon?.Start);
        Assert.Contains("tisdagar 08:00–12:00", schedule.Comment, StringComparison.Ordinal);
        // The pattern, then the unit's schedule for times added by hand (id = the unit's id).
        Assert.Equal([template.Id.Value.ToString("D"), acutePattern.Id.Value.ToString("D"), unit.Value.ToString("D")], Ids(byUnit));
        // (The start-up slot generation may have opened the pattern's own times too: all of them point to the pattern.)
        Assert.Contains(slot.Id.Value.ToString("D"), Ids(slots));
        Assert.DoesNotContain(handMade.Id.Value.ToString("D"), Ids(slots));
        Assert.All(slots.Entry, e => Assert.Equal($"Schedule/{template.Id:D}", Assert.IsType<FhirSlot>(e.Resource).Schedule.Reference));
        Assert.Equal(HttpStatusCode.OK, (await staff.GetFhirAsync<Schedule>($"/fhir/Schedule/{unit.Value:D}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetFhirAsync<OperationOutcome>($"/fhir/Schedule/{Guid.NewGuid()}")).Status);
    }

    [Fact]
    public async Task The_capability_statement_lists_schedule_slot_and_appointment_with_create_and_update()
    {
        var (_, capability) = await app.AnonymousClient().GetFhirAsync<CapabilityStatement>("/fhir/metadata");
        var resources = capability.Rest.Single().Resource;

        Assert.Equal(["actor"], Assert.Single(resources, r => r.Type == "Schedule").SearchParam.Select(p => p.Name));
        Assert.Equal(["organization", "schedule", "start", "service-type", "status"], Assert.Single(resources, r => r.Type == "Slot").SearchParam.Select(p => p.Name));
        var appointment = Assert.Single(resources, r => r.Type == "Appointment");
        Assert.Equal(["patient", "date", "status"], appointment.SearchParam.Select(p => p.Name));
        Assert.Contains(appointment.Interaction, i => i.Code == CapabilityStatement.TypeRestfulInteraction.Create);
        Assert.Contains(appointment.Interaction, i => i.Code == CapabilityStatement.TypeRestfulInteraction.Update);
        Assert.DoesNotContain(Assert.Single(resources, r => r.Type == "Slot").Interaction, i => i.Code == CapabilityStatement.TypeRestfulInteraction.Update);
    }
}

[Collection(SqliteTests.Name)]
public sealed class BookingFhirTestsOnSqlite(SqliteApp app) : BookingFhirTests(app);

[Collection(PostgresTests.Name)]
public sealed class BookingFhirTestsOnPostgres(PostgresApp app) : BookingFhirTests(app);
