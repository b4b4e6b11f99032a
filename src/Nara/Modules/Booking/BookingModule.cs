using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Fhir;
using Nara.Modules.Synthetic.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Composition;

namespace Nara.Modules.Booking;

public static class BookingModule
{
    public static IServiceCollection AddBooking(this IServiceCollection services)
    {
        services.AddFeatures(typeof(BookingModule));
        services.AddHostedService<SlotGenerationService>();
        services.AddScoped<ICareRelationshipSource, BookingCareRelationship>();
        services.AddScoped<IBookedVisits, BookedVisits>();
        services.AddScoped<IDemoSeeder, DemoWaitlist>();
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
