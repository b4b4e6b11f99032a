using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Features;
using Nara.Platform.Access;
using Nara.Platform.Events;

namespace Nara.Modules.Booking;

public static class BookingModule
{
    public static IServiceCollection AddBooking(this IServiceCollection services)
    {
        services.AddScoped<BookSlot>();
        services.AddScoped<CancelAppointment>();
        services.AddScoped<ListMyAppointments>();
        services.AddScoped<ICareRelationshipSource, BookingCareRelationship>();
        services.AddScoped<IBookedVisits, BookedVisits>();
        services.AddEventSubscriber<AppointmentBooked, SendBookingReminders>();
        services.AddEventSubscriber<AppointmentCancelled, SendBookingReminders>();
        services.AddScoped<OfferFreedSlot>();
        services.AddEventSubscriber<AppointmentCancelled, OfferFreedSlot>();
        services.AddEventSubscriber<AppointmentBooked, OfferFreedSlot>();
        services.AddScoped<JoinWaitlist>();
        services.AddScoped<AcceptOffer>();
        services.AddScoped<DeclineOffer>();
        services.AddScoped<ListMyWaitlist>();
        services.AddScoped<LeaveWaitlist>();
        services.AddScoped<SetWaitlistUrgency>();
        services.AddScoped<ExpireOffers>();
        services.AddHostedService<WaitlistExpiryService>();
        return services;
    }

    public static IEndpointRouteBuilder MapBooking(this IEndpointRouteBuilder endpoints)
    {
        BookSlot.Map(endpoints);
        CancelAppointment.Map(endpoints);
        ListMyAppointments.Map(endpoints);
        JoinWaitlist.Map(endpoints);
        AcceptOffer.Map(endpoints);
        DeclineOffer.Map(endpoints);
        ListMyWaitlist.Map(endpoints);
        LeaveWaitlist.Map(endpoints);
        SetWaitlistUrgency.Map(endpoints);
        return endpoints;
    }
}
