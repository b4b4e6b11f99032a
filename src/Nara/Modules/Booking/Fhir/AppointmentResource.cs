using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;
using Microsoft.EntityFrameworkCore;
using Nara.Fhir;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Features;
using Nara.Modules.Residents.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;
using DomainAppointment = Nara.Modules.Booking.Domain.Appointment;
using DomainSlot = Nara.Modules.Booking.Domain.Slot;
using FhirAppointment = Hl7.Fhir.Model.Appointment;

namespace Nara.Modules.Booking.Fhir;

/// <summary>
/// A booking as an Appointment (id = the booking's id): status booked (proposed while an invitation awaits the
/// resident's answer), cancelled, fulfilled or noshow; slot, start and end from the Slot; serviceType = the slot type;
/// participants Patient/&lt;id&gt;, Practitioner/&lt;id&gt; (when the time is with a staff member) and Location/&lt;unit id&gt;;
/// reasonCode.text = the reason. Residents see their own and their children's bookings, staff (clinicians) their unit's;
/// every read and every returned search row is audited through <see cref="ResidentAccess"/>, and someone else's booking
/// is 404 (audited as denied), as in the booking UI. Create (POST) books through <see cref="BookSlot"/>; update (PUT)
/// only cancels, through <see cref="CancelAppointment"/>: the booking rules live in those features, not here.
/// </summary>
internal sealed class AppointmentResource(NaraDbContext db, ResidentAccess access, IResidentDirectory residents, BookSlot booking, CancelAppointment cancellation)
    : IFhirResourceHandler, IFhirResourceDefinition, IFhirCreateHandler, IFhirUpdateHandler
{
    public const string AuditResource = "FHIR Appointment";

    public static string ResourceType => "Appointment";

    public static IReadOnlyList<FhirSearchParameter> SearchParameters { get; } =
    [
        new("patient", SearchParamType.Reference, "Patient/<id>: en persons bokningar (invånare: sig själv eller sina barn)."),
        new("date", SearchParamType.Date, "Besökets början; eq, ge, gt, le, lt; kan upprepas."),
        new("status", SearchParamType.Token, "booked, proposed (kallelse som väntar på svar), cancelled, fulfilled eller noshow."),
    ];

    private sealed record Row(DomainAppointment Appointment, DomainSlot Slot);

    public async Task<Resource> ReadAsync(Actor actor, string id, CancellationToken ct)
    {
        var guid = FhirIds.Parse<AppointmentId>(ResourceType, id);
        var row = await FindAsync(guid, ct) ?? throw FhirException.NotFound(ResourceType, id);
        var a = row.Appointment;
        // Someone else's booking is not the actor's to know about: the same 404 as for an unknown id, and the attempt is audited.
        await access.RequireAsync(actor, a.ResidentId, AccessRequest.Read(AuditResource).AtUnitRecord(a.UnitId) with
        {
            HiddenAs = ("id", $"{ResourceType}/{id} finns inte."),
        }, ct);
        return Map(row);
    }

    public async Task<FhirPage> SearchAsync(Actor actor, FhirSearch search, CancellationToken ct)
    {
        var patient = FhirIds.FromSearch<ResidentId>(search, "patient", "Patient");
        var query = db.Set<DomainAppointment>().AsNoTracking();
        var grants = new Dictionary<ResidentId, AccessGrant>();
        if (actor.IsResident)
        {
            foreach (var (person, grant) in await residents.SelfAndChildrenAllowedAsync(access, actor, new AccessRequest(AuditResource, AuditAction.Search), ct))
            {
                grants[person.Id] = grant;
            }
            var people = grants.Keys.ToList();
            query = query.Where(a => people.Contains(a.ResidentId));
        }
        else
        {
            if (!actor.IsClinician || actor.Unit is not { } unit)
            {
                throw FhirException.Forbidden("Bara vårdpersonal på en enhet kan söka bland enhetens bokningar.");
            }
            query = query.Where(a => a.UnitId == unit);
        }
        if (patient is { } p)
        {
            query = query.Where(a => a.ResidentId == p);
            // Naming someone the caller may not see is refused, and is in that person's log; staff see the bookings
            // their unit holds of the person.
            await access.RequireNamedAsync(actor, p, AuditResource, unitHoldsRecords: !actor.IsResident && await query.AnyAsync(ct), ct);
        }
        query = BookingFhir.WhereStart(query, search.Dates("date"), a => a.Start);
        query = search.Token("status")?.Code switch
        {
            null => query,
            "booked" => query.Where(a => a.Status == AppointmentStatus.Bokad && !a.AwaitingConfirmation),
            "proposed" => query.Where(a => a.Status == AppointmentStatus.Bokad && a.AwaitingConfirmation),
            "cancelled" => query.Where(a => a.Status == AppointmentStatus.Avbokad),
            "fulfilled" => query.Where(a => a.Status == AppointmentStatus.Genomford),
            "noshow" => query.Where(a => a.Status == AppointmentStatus.UteBlev),
            var other => throw FhirException.BadParameter("status", $"'{other}' stöds inte; använd booked, proposed, cancelled, fulfilled eller noshow."),
        };
        var total = await query.CountAsync(ct);
        var page = (await (from a in query
                           join s in db.Set<DomainSlot>().AsNoTracking() on a.SlotId equals s.Id
                           orderby a.Start, a.Id
                           select new { a, s }).Skip(search.Offset).Take(search.Count).ToListAsync(ct))
            .Select(r => new Row(r.a, r.s)).ToList();
        // One audit event per booking disclosed, so the log names exactly whose data was shown; none shown: one without a patient.
        if (actor.IsResident)
        {
            await access.AuditAllAsync(page.Select(r => grants[r.Appointment.ResidentId]), null, ct);
        }
        else
        {
            await access.AuditUnitListAsync(actor, page.Select(r => r.Appointment.ResidentId), AuditResource, AuditAction.Search, null, ct);
        }
        if (page.Count == 0)
        {
            await access.AuditSearchAsync(actor, null, AuditResource, ct);
        }
        return new FhirPage(page.Select(Map).ToList<Resource>(), total);
    }

    /// <summary>
    /// Books the slot in <c>slot</c> (Slot/&lt;id&gt;) for the Patient participant (required for staff; a resident's
    /// default is themself); status booked, or proposed for a staff invitation (kallelse); reasonCode[0].text is the
    /// reason. Start, end and the other participants follow from the slot. Refusals are BookSlot's, with its status.
    /// </summary>
    public async Task<Resource> CreateAsync(Actor actor, Resource resource, CancellationToken ct)
    {
        var posted = (FhirAppointment)resource;
        var slotId = SlotOf(posted) ?? throw Invalid("Appointment.slot", "Ange tiden som ska bokas: slot = [{ \"reference\": \"Slot/<id>\" }].");
        var invitation = posted.Status switch
        {
            null or FhirAppointment.AppointmentStatus.Booked => false,
            FhirAppointment.AppointmentStatus.Proposed => true,
            var other => throw Invalid("Appointment.status",
                $"En ny bokning har status booked (eller proposed för en kallelse från personal), inte {other.GetLiteral()}."),
        };
        var resident = PatientOf(posted);
        var reason = posted.ReasonCode.Select(r => r.Text ?? r.Coding.FirstOrDefault()?.Display).FirstOrDefault(t => !string.IsNullOrWhiteSpace(t));
        BookSlot.Booked booked;
        try
        {
            booked = await booking.HandleAsync(actor, slotId, new BookSlot.Request(resident, reason, invitation), ct);
        }
        catch (ProblemException problem)
        {
            throw BookingFhir.ToFhir(problem);
        }
        return Map((await FindAsync(new AppointmentId(booked.AppointmentId), ct))!);
    }

    /// <summary>
    /// The one change allowed is the status to cancelled (avbokning, by CancelAppointment's rules: a resident up to the
    /// unit's limit before the visit, staff at the unit at any time). A booking already cancelled is answered as it is.
    /// </summary>
    public async Task<Resource> UpdateAsync(Actor actor, string id, Resource resource, CancellationToken ct)
    {
        var guid = FhirIds.Parse<AppointmentId>(ResourceType, id);
        var posted = (FhirAppointment)resource;
        DomainAppointment existing;
        AccessGrant grant;
        try
        {
            (existing, grant) = await CancelAppointment.FindOwnAsync(db, access, actor, guid, ct);
        }
        catch (ProblemException problem)
        {
            throw BookingFhir.ToFhir(problem);
        }
        if (posted.Status != FhirAppointment.AppointmentStatus.Cancelled)
        {
            throw Unprocessable("Appointment.status",
                "Det enda som kan ändras i en bokning är status till cancelled (avbokning). Boka om genom att skapa en ny Appointment och avboka den gamla.");
        }
        if (SlotOf(posted) is { } slot && slot != existing.SlotId)
        {
            throw Unprocessable("Appointment.slot", "Tiden i en bokning kan inte ändras. Boka en ny tid och avboka den gamla.");
        }
        if (PatientOf(posted) is { } patient && patient != existing.ResidentId.Value)
        {
            throw Unprocessable("Appointment.participant", "Vem bokningen gäller kan inte ändras.");
        }
        if (existing.Status == AppointmentStatus.Avbokad)
        {
            // Nothing to change, but the answer shows the booking: a read, audited as one.
            await grant.AuditAsync(AuditResource, AuditAction.Read, null, ct);
        }
        else
        {
            try
            {
                await cancellation.HandleAsync(actor, guid, ct);
            }
            catch (ProblemException problem)
            {
                throw BookingFhir.ToFhir(problem);
            }
        }
        return Map((await FindAsync(guid, ct))!);
    }

    private async Task<Row?> FindAsync(AppointmentId id, CancellationToken ct) =>
        await (from a in db.Set<DomainAppointment>().AsNoTracking()
               join s in db.Set<DomainSlot>().AsNoTracking() on a.SlotId equals s.Id
               where a.Id == id
               select new Row(a, s)).FirstOrDefaultAsync(ct);

    private static SlotId? SlotOf(FhirAppointment appointment)
    {
        if (appointment.Slot.Count == 0)
        {
            return null;
        }
        if (appointment.Slot.Count > 1)
        {
            throw Invalid("Appointment.slot", "En bokning gäller en tid: ange en enda slot.");
        }
        var reference = appointment.Slot[0].Reference ?? "";
        return reference.StartsWith("Slot/", StringComparison.Ordinal) && Guid.TryParse(reference["Slot/".Length..], out var id)
            ? new SlotId(id)
            : throw Invalid("Appointment.slot", $"'{reference}' ska vara Slot/<id>.");
    }

    private static Guid? PatientOf(FhirAppointment appointment)
    {
        var patients = appointment.Participant.Select(p => p.Actor?.Reference).OfType<string>()
            .Where(r => r.StartsWith("Patient/", StringComparison.Ordinal)).ToList();
        if (patients.Count == 0)
        {
            return null;
        }
        if (patients.Count > 1)
        {
            throw Invalid("Appointment.participant", "En bokning gäller en person: ange en enda Patient bland deltagarna.");
        }
        return Guid.TryParse(patients[0]["Patient/".Length..], out var id)
            ? id
            : throw Invalid("Appointment.participant", $"'{patients[0]}' ska vara Patient/<id>.");
    }

    private static FhirException Invalid(string expression, string message) =>
        new(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Invalid, message, expression);

    private static FhirException Unprocessable(string expression, string message) =>
        new(StatusCodes.Status422UnprocessableEntity, OperationOutcome.IssueType.BusinessRule, message, expression);

    private static FhirAppointment Map(Row row)
    {
        var (a, s) = (row.Appointment, row.Slot);
        var appointment = new FhirAppointment
        {
            Id = FhirIds.Of(a.Id),
            Status = a.Status switch
            {
                AppointmentStatus.Bokad => a.AwaitingConfirmation ? FhirAppointment.AppointmentStatus.Proposed : FhirAppointment.AppointmentStatus.Booked,
                AppointmentStatus.Avbokad => FhirAppointment.AppointmentStatus.Cancelled,
                AppointmentStatus.Genomford => FhirAppointment.AppointmentStatus.Fulfilled,
                _ => FhirAppointment.AppointmentStatus.Noshow,
            },
            ServiceType = [BookingFhir.SlotTypeConcept(s.Type)],
            StartElement = new Instant(a.Start.ToUniversalTime()),
            EndElement = new Instant(s.End.ToUniversalTime()),
            Slot = [new ResourceReference($"Slot/{s.Id:D}")],
            CreatedElement = new FhirDateTime(a.BookedAt.ToUniversalTime()),
            Participant =
            [
                new FhirAppointment.ParticipantComponent
                {
                    Actor = FhirIds.Reference("Patient", a.ResidentId),
                    Required = FhirAppointment.ParticipantRequired.Required,
                    Status = a.AwaitingConfirmation ? ParticipationStatus.NeedsAction : ParticipationStatus.Accepted,
                },
            ],
        };
        if (s.StaffId is { } staff)
        {
            appointment.Participant.Add(new FhirAppointment.ParticipantComponent
            {
                Actor = FhirIds.Reference("Practitioner", staff),
                Required = FhirAppointment.ParticipantRequired.Required,
                Status = ParticipationStatus.Accepted,
            });
        }
        appointment.Participant.Add(new FhirAppointment.ParticipantComponent
        {
            Actor = FhirIds.Reference("Location", a.UnitId),
            Required = FhirAppointment.ParticipantRequired.Required,
            Status = ParticipationStatus.Accepted,
        });
        if (a.Reason is { } reason)
        {
            appointment.ReasonCode = [new CodeableConcept { Text = reason }];
        }
        if (a.Status == AppointmentStatus.Avbokad && a.LateCancellation)
        {
            appointment.CancelationReason = new CodeableConcept { Text = "Avbokad senare än enhetens gräns före besöket" };
        }
        return appointment;
    }
}
