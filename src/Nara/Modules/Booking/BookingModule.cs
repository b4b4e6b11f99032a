using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Fhir;
using Nara.Modules.Booking.Resources;
using Nara.Modules.Synthetic.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Auth;
using Nara.Platform.Composition;

namespace Nara.Modules.Booking;

public static class BookingModule
{
    public static IServiceCollection AddBooking(this IServiceCollection services)
    {
        services.AddNavEntry(new NavEntry("/mina-bokningar", typeof(BookingTexts), "MyBookings", [NaraRoles.Invanare], 30));
        services.AddNavEntry(new NavEntry("/bokningar", typeof(BookingTexts), "UnitBookings", NaraRoles.Clinical, 120));
        services.AddNavEntry(new NavEntry("/vantelista/enhet", typeof(BookingTexts), "UnitWaitlist", NaraRoles.Clinical, 130));
        services.AddNavEntry(new NavEntry("/schema", typeof(BookingTexts), "Schedule", NaraRoles.Clinical, 140));
        services.AddNavEntry(new NavEntry("/vantelista", typeof(BookingTexts), "EarlierTime", [NaraRoles.Invanare], 40) { Area = NavArea.MyPages });
        services.AddPagePanel(new PagePanel(PagePanelRegistration.Workday, typeof(Components.WorkdayBookingsPanel), 10, NaraRoles.Clinical));
        services.AddPagePanel(new PagePanel(PagePanelRegistration.Workday, typeof(Components.WorkdayWaitlistPanel), 40, NaraRoles.Clinical));
        services.AddPagePanel(new PagePanel(PagePanelRegistration.Workday, typeof(Components.UnitFiguresPanel), 60, [NaraRoles.Verksamhetschef]));
        services.AddFeatures(typeof(BookingModule));
        services.AddWorkItemSource<BookingWorkItems>();
        services.AddHostedService<SlotGenerationService>();
        services.AddScoped<ICareRelationshipSource, BookingCareRelationship>();
        services.AddScoped<IBookedVisits, BookedVisits>();
        services.AddScoped<IResidentBooking, ResidentBooking>();
        services.AddScoped<IDemoSeeder, DemoWaitlist>();
        services.AddScoped<IDemoSeeder, DemoClinicSchedule>();
        services.AddHostedService<WaitlistExpiryService>();
        services.AddBookingFhir();
        return services;
    }

    public static IEndpointRouteBuilder MapBooking(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapFeatures(typeof(BookingModule));
        return endpoints;
    }
}
