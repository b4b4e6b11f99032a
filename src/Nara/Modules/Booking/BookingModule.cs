using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Features;
using Nara.Modules.Booking.Fhir;
using Nara.Modules.Synthetic.Contracts;
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
        services.AddScoped<RebookAppointment>();
        services.AddScoped<SearchFreeSlots>();
        services.AddScoped<GenerateSlots>();
        services.AddScoped<CreateScheduleTemplate>();
        services.AddScoped<EndScheduleTemplate>();
        services.AddScoped<AddScheduleAbsence>();
        services.AddScoped<GetUnitSchedule>();
        services.AddScoped<SetUnitBookingRules>();
        services.AddScoped<GetAppointmentCalendar>();
        services.AddScoped<ListUnitAppointments>();
        services.AddScoped<RegisterVisitOutcome>();
        services.AddScoped<ConfirmInvitation>();
        services.AddHostedService<SlotGenerationService>();
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
        services.AddScoped<ListUnitWaitlist>();
        services.AddScoped<IDemoSeeder, DemoWaitlist>();
        services.AddScoped<ExpireOffers>();
        services.AddHostedService<WaitlistExpiryService>();
        services.AddBookingFhir();
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
        ListUnitWaitlist.Map(endpoints);
        RebookAppointment.Map(endpoints);
        SearchFreeSlots.Map(endpoints);
        CreateScheduleTemplate.Map(endpoints);
        EndScheduleTemplate.Map(endpoints);
        AddScheduleAbsence.Map(endpoints);
        GetUnitSchedule.Map(endpoints);
        SetUnitBookingRules.Map(endpoints);
        GetAppointmentCalendar.Map(endpoints);
        ListUnitAppointments.Map(endpoints);
        RegisterVisitOutcome.Map(endpoints);
        ConfirmInvitation.Map(endpoints);
        return endpoints;
    }
}
