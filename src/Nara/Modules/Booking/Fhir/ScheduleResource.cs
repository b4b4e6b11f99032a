using System.Globalization;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Nara.Fhir;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Domain;
using Nara.Platform.Auth;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;
using Nara.Platform.Time;
using DomainSlot = Nara.Modules.Booking.Domain.Slot;

namespace Nara.Modules.Booking.Fhir;

/// <summary>
/// A weekly pattern (id = the template's id) as a Schedule: actor = the Practitioner and the unit's Organization,
/// serviceType = the slot type, specialty = the profession, planningHorizon = the dates it applies, comment = weekday and
/// hours. Times added by hand (no pattern) belong to one schedule per unit whose id is the unit's id; it exists once the
/// unit has such a time. Patterns hold no personal data: any signed-in user may read them, but residents see only the
/// patterns whose times they could book from the web (as in the booking UI).
/// </summary>
internal sealed class ScheduleResource(NaraDbContext db, TimeProvider time) : IFhirResourceHandler, IFhirResourceDefinition
{
    public static string ResourceType => "Schedule";

    public static IReadOnlyList<FhirSearchParameter> SearchParameters { get; } =
    [
        new("actor", SearchParamType.Reference, "Practitioner/<id> (en medarbetares veckomönster) eller Organization/<id> (enhetens veckomönster och dess schema för handlagda tider)."),
    ];

    public async Task<Resource> ReadAsync(Actor actor, string id, CancellationToken ct)
    {
        var guid = Guid.TryParse(id, out var g) ? g : throw FhirException.MalformedId(ResourceType, id, "förväntade ett GUID");
        var template = await db.Set<ScheduleTemplate>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == new ScheduleTemplateId(guid), ct);
        if (template is not null)
        {
            if (actor.IsResident && !await VisibleToResidentAsync(template, ct))
            {
                throw FhirException.NotFound(ResourceType, id);
            }
            return Map(template);
        }
        var unit = new UnitId(guid);
        return await db.Set<DomainSlot>().AnyAsync(s => s.UnitId == unit && s.TemplateId == null, ct)
            ? UnitSchedule(unit)
            : throw FhirException.NotFound(ResourceType, id);
    }

    public async Task<FhirPage> SearchAsync(Actor actor, FhirSearch search, CancellationToken ct)
    {
        var query = db.Set<ScheduleTemplate>().AsNoTracking();
        UnitId? unit = null;
        if (search.Reference("actor") is { } reference)
        {
            if (reference.Type is not (null or "Practitioner" or "Organization"))
            {
                throw FhirException.BadParameter("actor", $"ska referera till Practitioner eller Organization, inte {reference.Type}.");
            }
            var guid = Guid.TryParse(reference.Id, out var g) ? g : throw FhirException.BadParameter("actor", $"'{reference.Id}' är inget giltigt id (GUID).");
            var staff = new StaffId(guid);
            var asUnit = new UnitId(guid);
            query = reference.Type switch
            {
                "Practitioner" => query.Where(t => t.StaffId == staff),
                "Organization" => query.Where(t => t.UnitId == asUnit),
                _ => query.Where(t => t.StaffId == staff || t.UnitId == asUnit),
            };
            unit = reference.Type == "Practitioner" ? null : asUnit;
        }
        var templates = await query.ToListAsync(ct);
        if (actor.IsResident)
        {
            var visible = new List<ScheduleTemplate>();
            foreach (var t in templates)
            {
                if (await VisibleToResidentAsync(t, ct))
                {
                    visible.Add(t);
                }
            }
            templates = visible;
        }
        var schedules = templates
            .OrderBy(t => t.UnitId.Value).ThenBy(t => ((int)t.Weekday + 6) % 7).ThenBy(t => t.Start).ThenBy(t => t.Id.Value)
            .Select(Map).ToList();
        if (unit is { } u && await db.Set<DomainSlot>().AnyAsync(s => s.UnitId == u && s.TemplateId == null, ct))
        {
            schedules.Add(UnitSchedule(u));
        }
        return new FhirPage(schedules.Skip(search.Offset).Take(search.Count).ToList<Resource>(), schedules.Count);
    }

    private readonly Dictionary<UnitId, UnitBookingRules> _rules = [];

    private async Task<bool> VisibleToResidentAsync(ScheduleTemplate t, CancellationToken ct)
    {
        if (!t.WebBookable || t.AcuteReserved)
        {
            return false;
        }
        if (!_rules.TryGetValue(t.UnitId, out var rules))
        {
            _rules[t.UnitId] = rules = await db.BookingRulesAsync(t.UnitId, ct);
        }
        return rules.AllowsFromWeb(t.Type);
    }

    private Schedule Map(ScheduleTemplate t)
    {
        var inv = CultureInfo.InvariantCulture;
        var day = CultureInfo.GetCultureInfo("sv-SE").DateTimeFormat.GetDayName(t.Weekday);
        var kind = t.AcuteReserved ? ", akuttider" : t.WebBookable ? ", bokningsbara på webben" : ", bokas av personal";
        var schedule = new Schedule
        {
            Id = FhirIds.Of(t.Id),
            Active = t.ValidUntil is not { } until || until >= Stockholm.Today(time),
            ServiceType = [BookingFhir.SlotTypeConcept(t.Type)],
            Specialty = [BookingFhir.ProfessionConcept(t.Profession)],
            Actor = [FhirIds.Reference("Practitioner", t.StaffId), FhirIds.Reference("Organization", t.UnitId)],
            PlanningHorizon = new Period
            {
                Start = t.ValidFrom.ToString("yyyy-MM-dd", inv),
                End = t.ValidUntil?.ToString("yyyy-MM-dd", inv),
            },
            Comment = $"{day}ar {t.Start.ToString("HH:mm", inv)}–{t.End.ToString("HH:mm", inv)}, {t.SlotMinutes} minuter per tid{kind}",
        };
        return schedule;
    }

    private static Schedule UnitSchedule(UnitId unit) => new()
    {
        Id = FhirIds.Of(unit),
        Active = true,
        Actor = [FhirIds.Reference("Organization", unit)],
        Comment = "Tider som enheten lagt in för hand, utanför veckomönstren",
    };
}
