using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Nara.Fhir;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Domain;
using Nara.Modules.Booking.Features;
using Nara.Platform.Access;
using Nara.Platform.Auth;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;
using DomainSlot = Nara.Modules.Booking.Domain.Slot;
using FhirSlot = Hl7.Fhir.Model.Slot;

namespace Nara.Modules.Booking.Fhir;

/// <summary>
/// A bookable time (id = the slot's id): schedule = its weekly pattern's Schedule (or the unit's schedule for a time
/// added by hand), status free / busy (has an active booking) / busy-unavailable (withdrawn: leave, a closed day, a
/// removed pattern), serviceType = the slot type, specialty = the profession, and Nära extensions for acute-reserved and
/// web-bookable. The visibility is the booking UI's (<see cref="SearchFreeSlots"/>): residents see only web-bookable,
/// not acute-reserved times of the types the unit allows from the web; staff at the unit see all its times; others do
/// not see acute-reserved times; a resident may also read the time of their own booking. Withdrawn times are left out of
/// searches unless status=busy-unavailable is asked for.
/// Slots hold no personal data (busy says a time is taken, not by whom), so they are not audited.
/// </summary>
[NoAccessCheck("Reads only whether a time is taken (and whether by the caller themself); shows no one's data.")]
internal sealed class SlotResource(NaraDbContext db) : IFhirResourceHandler, IFhirResourceDefinition
{
    public static string ResourceType => "Slot";

    public static IReadOnlyList<FhirSearchParameter> SearchParameters { get; } =
    [
        new("organization", SearchParamType.Reference, "Organization/<id>: enhetens tider (Nära-parameter). organization eller schedule krävs."),
        new("schedule", SearchParamType.Reference, "Schedule/<id>: tiderna i ett veckomönster (eller enhetens schema för handlagda tider)."),
        new("start", SearchParamType.Date, "Tidens början; eq, ge, gt, le, lt; kan upprepas (ge…&start=lt…)."),
        new("service-type", SearchParamType.Token, $"Tidstyp: Besok, Video, Telefon eller Chatt ({BookingFhir.SlotTypeSystem})."),
        new("status", SearchParamType.Token, "free, busy (bokad) eller busy-unavailable (indragen)."),
    ];

    public async Task<Resource> ReadAsync(Actor actor, string id, CancellationToken ct)
    {
        var guid = FhirIds.Parse<SlotId>(ResourceType, id);
        var slot = await db.Set<DomainSlot>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == guid, ct) ?? throw FhirException.NotFound(ResourceType, id);
        var visible = await VisibleAsync(actor, slot.UnitId, db.Set<DomainSlot>().Where(s => s.Id == guid), ct);
        if (!await visible.AnyAsync(ct) && !(actor.IsResident && await BookedByOrForAsync(actor, guid, ct)))
        {
            throw FhirException.NotFound(ResourceType, id);
        }
        var booked = await db.BookedSlotIds().AnyAsync(s => s == guid, ct);
        return Map(slot, booked);
    }

    public async Task<FhirPage> SearchAsync(Actor actor, FhirSearch search, CancellationToken ct)
    {
        var unit = FhirIds.FromSearch<UnitId>(search, "organization", "Organization");
        var slots = db.Set<DomainSlot>().AsNoTracking();
        if (search.Reference("schedule") is { } schedule)
        {
            if (schedule.Type is not (null or "Schedule"))
            {
                throw FhirException.BadParameter("schedule", $"ska referera till Schedule, inte {schedule.Type}.");
            }
            var scheduleId = Guid.TryParse(schedule.Id, out var g) ? g : throw FhirException.BadParameter("schedule", $"'{schedule.Id}' är inget giltigt id (GUID).");
            var template = await db.Set<ScheduleTemplate>().AsNoTracking().Where(t => t.Id == new ScheduleTemplateId(scheduleId)).Select(t => (UnitId?)t.UnitId).FirstOrDefaultAsync(ct);
            if (template is { } templateUnit)
            {
                slots = slots.Where(s => s.TemplateId == new ScheduleTemplateId(scheduleId));
                unit ??= templateUnit;
                if (unit != templateUnit)
                {
                    return new FhirPage([], 0);
                }
            }
            else
            {
                // The unit's schedule of times added by hand has the unit's id.
                var scheduleUnit = new UnitId(scheduleId);
                slots = slots.Where(s => s.UnitId == scheduleUnit && s.TemplateId == null);
                unit ??= scheduleUnit;
                if (unit != scheduleUnit)
                {
                    return new FhirPage([], 0);
                }
            }
        }
        if (unit is not { } u)
        {
            throw FhirException.BadParameter("organization", "ange organization=Organization/<id> eller schedule=Schedule/<id>: tider söks på en enhet i taget.");
        }
        slots = await VisibleAsync(actor, u, slots.Where(s => s.UnitId == u), ct);
        slots = BookingFhir.WhereStart(slots, search.Dates("start"), s => s.Start);
        if (BookingFhir.SlotTypeFromSearch(search, "service-type") is { } type)
        {
            slots = slots.Where(s => s.Type == type);
        }
        var booked = db.BookedSlotIds();
        slots = search.Token("status")?.Code switch
        {
            null => slots.Where(s => !s.Withdrawn),
            "free" => slots.Where(s => !s.Withdrawn && !booked.Contains(s.Id)),
            "busy" => slots.Where(s => !s.Withdrawn && booked.Contains(s.Id)),
            "busy-unavailable" => slots.Where(s => s.Withdrawn),
            var other => throw FhirException.BadParameter("status", $"'{other}' stöds inte; använd free, busy eller busy-unavailable."),
        };
        var total = await slots.CountAsync(ct);
        var page = await slots.OrderBy(s => s.Start).ThenBy(s => s.Id).Skip(search.Offset).Take(search.Count)
            .Select(s => new { Slot = s, Booked = booked.Contains(s.Id) })
            .ToListAsync(ct);
        return new FhirPage(page.Select(r => Map(r.Slot, r.Booked)).ToList<Resource>(), total);
    }

    /// <summary>
    /// A resident may always read the time of their own booking (or one they made for a child), also when staff booked
    /// it on a time residents cannot book from the web: the Appointment refers to it.
    /// </summary>
    private Task<bool> BookedByOrForAsync(Actor actor, SlotId slotId, CancellationToken ct)
    {
        var resident = actor.ResidentId;
        return db.Set<Nara.Modules.Booking.Domain.Appointment>().AnyAsync(a => a.SlotId == slotId && (a.ResidentId == resident || a.BookedBy == actor.Id), ct);
    }

    /// <summary>The times at this unit the actor may see, by the booking UI's rules.</summary>
    private async Task<IQueryable<DomainSlot>> VisibleAsync(Actor actor, UnitId unit, IQueryable<DomainSlot> slots, CancellationToken ct)
    {
        if (actor.IsResident)
        {
            var webTypes = (await db.BookingRulesAsync(unit, ct)).WebTypeList.ToList();
            return slots.Where(s => s.WebBookable && !s.AcuteReserved && webTypes.Contains(s.Type));
        }
        // Staff at another unit may look for times to refer to, but not at the times held back for acute needs.
        return actor.Unit == unit ? slots : slots.Where(s => !s.AcuteReserved);
    }

    private static FhirSlot Map(DomainSlot s, bool booked)
    {
        var slot = new FhirSlot
        {
            Id = FhirIds.Of(s.Id),
            Schedule = new ResourceReference($"Schedule/{(s.TemplateId?.Value ?? s.UnitId.Value):D}"),
            Status = s.Withdrawn ? FhirSlot.SlotStatus.BusyUnavailable : booked ? FhirSlot.SlotStatus.Busy : FhirSlot.SlotStatus.Free,
            StartElement = new Instant(s.Start.ToUniversalTime()),
            EndElement = new Instant(s.End.ToUniversalTime()),
            ServiceType = [BookingFhir.SlotTypeConcept(s.Type)],
        };
        if (s.Profession is { } profession)
        {
            slot.Specialty = [BookingFhir.ProfessionConcept(profession)];
        }
        slot.Extension.Add(new Extension(BookingFhir.AcuteReservedExtension, new FhirBoolean(s.AcuteReserved)));
        slot.Extension.Add(new Extension(BookingFhir.WebBookableExtension, new FhirBoolean(s.WebBookable)));
        return slot;
    }
}
