using System.Globalization;
using Hl7.Fhir.Model;
using Nara.Fhir;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Features;
using Nara.Modules.Organisation.Contracts;
using Nara.Platform.Api;
using Nara.Platform.Time;

namespace Nara.Modules.Booking.Fhir;

public static class BookingFhir
{
    /// <summary>Schedule (weekly patterns), Slot (bookable times) and Appointment (bookings; create and cancel by update).</summary>
    public static IServiceCollection AddBookingFhir(this IServiceCollection services) => services
        .AddFhirResource<ScheduleResource>()
        .AddFhirResource<SlotResource>()
        .AddFhirResource<AppointmentResource>();

    /// <summary>How a time is used: Besok, Video, Telefon, Chatt (the <see cref="SlotType"/> names as codes).</summary>
    public static readonly string SlotTypeSystem = FhirSystems.NaraCodeSystem("slot-type");

    /// <summary>The same code system the Organisation module's Practitioner.qualification uses.</summary>
    public static readonly string ProfessionSystem = FhirSystems.NaraCodeSystem("profession");

    public static readonly string AcuteReservedExtension = FhirSystems.NaraExtension("slot-acute-reserved");

    public static readonly string WebBookableExtension = FhirSystems.NaraExtension("slot-web-bookable");

    public static CodeableConcept SlotTypeConcept(SlotType type) => new(SlotTypeSystem, type.ToString(), type switch
    {
        SlotType.Besok => "Besök på mottagningen",
        SlotType.Video => "Videobesök",
        SlotType.Telefon => "Telefonsamtal",
        SlotType.Chatt => "Chatt",
        _ => type.ToString(),
    });

    public static CodeableConcept ProfessionConcept(Profession profession) => new(ProfessionSystem, profession.ToString());

    /// <summary>The slot type in a <c>service-type</c> token (system Nära's slot-type or none); 400 otherwise.</summary>
    public static SlotType? SlotTypeFromSearch(FhirSearch search, string parameter)
    {
        if (search.Token(parameter) is not { } token)
        {
            return null;
        }
        if (token.System is { Length: > 0 } system && system != SlotTypeSystem)
        {
            throw FhirException.BadParameter(parameter, $"kodsystemet ska vara {SlotTypeSystem}.");
        }
        return Enum.TryParse<SlotType>(token.Code, ignoreCase: false, out var type) && Enum.IsDefined(type)
            ? type
            : throw FhirException.BadParameter(parameter, $"'{token.Code}' är ingen tidstyp; använd {string.Join(", ", Enum.GetNames<SlotType>())}.");
    }

    /// <summary>FHIR's date comparison on a slot or booking start, as SQL on both engines (the same bounds as <see cref="FhirDate.Matches"/>).</summary>
    public static IQueryable<T> WhereStart<T>(IQueryable<T> query, IReadOnlyList<FhirDate> dates, System.Linq.Expressions.Expression<Func<T, DateTimeOffset>> start)
    {
        foreach (var d in dates)
        {
            var (from, until) = d.Prefix switch
            {
                "eq" => ((DateTimeOffset?)d.Start, (DateTimeOffset?)d.End),
                "ge" => (d.Start, null),
                "gt" => (d.End, null),
                "le" => (null, d.End),
                "lt" => (null, (DateTimeOffset?)d.Start),
                _ => throw new InvalidOperationException($"Date prefix {d.Prefix} is not parsed by FhirSearch."),
            };
            if (from is { } f)
            {
                query = query.Where(Compare(start, f, lower: true));
            }
            if (until is { } u)
            {
                query = query.Where(Compare(start, u, lower: false));
            }
        }
        return query;
    }

    private static System.Linq.Expressions.Expression<Func<T, bool>> Compare<T>(System.Linq.Expressions.Expression<Func<T, DateTimeOffset>> start, DateTimeOffset bound, bool lower)
    {
        var value = System.Linq.Expressions.Expression.Constant(bound.ToUniversalTime(), typeof(DateTimeOffset));
        var body = lower
            ? System.Linq.Expressions.Expression.GreaterThanOrEqual(start.Body, value)
            : System.Linq.Expressions.Expression.LessThan(start.Body, value);
        return System.Linq.Expressions.Expression.Lambda<Func<T, bool>>(body, start.Parameters);
    }

    /// <summary>
    /// A refusal from a booking feature as an OperationOutcome with the same status and Swedish message; the feature's
    /// field is named by the element it comes from in the FHIR resource. A taken time (409) names the alternatives.
    /// </summary>
    public static FhirException ToFhir(ProblemException problem)
    {
        var message = problem.Message;
        if (problem.Extensions.TryGetValue("alternatives", out var value) && value is IEnumerable<BookSlot.Alternative> alternatives)
        {
            var list = alternatives.Select(a => $"Slot/{a.SlotId:D} ({Stockholm.ToLocal(a.Start).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)})").ToList();
            message += list.Count > 0 ? " Lediga alternativ: " + string.Join(", ", list) + "." : " Det finns inga andra lediga tider av samma typ just nu.";
        }
        var expression = problem.Field switch
        {
            "" => null,
            "slotId" => "Appointment.slot",
            "residentId" => "Appointment.participant",
            "reason" => "Appointment.reasonCode",
            "invitation" => "Appointment.status",
            "id" => "Appointment.id",
            var other => other,
        };
        return new FhirException(problem.Status, FhirException.From(problem).Code, message, expression);
    }
}
