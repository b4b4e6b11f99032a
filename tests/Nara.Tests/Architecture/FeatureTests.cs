using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Nara.Platform.Composition;

namespace Nara.Tests.Architecture;

/// <summary>
/// House rule 2: a use case is one file named by what it does, in its module's Features folder, and nothing else lives
/// there; each is registered and mapped by its module through one call (AddFeatures/MapFeatures), never listed by hand.
/// </summary>
public sealed class FeatureTests
{
    private static IEnumerable<Type> TopLevelTypes() =>
        typeof(NaraHost).Assembly.GetTypes().Where(t => !t.IsNested && !t.IsDefined(typeof(CompilerGeneratedAttribute), false) && t.Namespace is not null);

    [Fact]
    public void Everything_in_a_Features_folder_is_a_use_case()
    {
        var strays = TopLevelTypes()
            .Where(t => t.Namespace!.EndsWith(".Features", StringComparison.Ordinal) && !(t.IsClass && !t.IsAbstract && typeof(IFeature).IsAssignableFrom(t)))
            .Select(t => $"{t.FullName}: not a use case (IFeature); shared helpers and views belong beside the module's Features folder")
            .ToList();
        Assert.True(strays.Count == 0, string.Join("\n", strays));
    }

    [Fact]
    public void Every_use_case_is_in_a_Features_folder()
    {
        var misplaced = TopLevelTypes()
            .Where(t => typeof(IFeature).IsAssignableFrom(t) && t.IsClass && !t.Namespace!.EndsWith(".Features", StringComparison.Ordinal))
            .Select(t => t.FullName)
            .ToList();
        Assert.True(misplaced.Count == 0, "use cases outside a Features folder: " + string.Join(", ", misplaced));
    }

    [Fact]
    public void The_registration_finds_each_modules_use_cases_and_their_event_subscriptions()
    {
        var booking = FeatureRegistration.Of(typeof(Nara.Modules.Booking.BookingModule));
        Assert.Contains(typeof(Nara.Modules.Booking.Features.BookSlot), booking);
        Assert.DoesNotContain(typeof(Nara.Modules.Triage.Features.StartAssessment), booking);
        var services = new ServiceCollection().AddFeatures(typeof(Nara.Modules.Booking.BookingModule));
        Assert.Contains(services, d => d.ServiceType == typeof(Nara.Platform.Events.IDomainEventSubscriber<Nara.Modules.Booking.Contracts.AppointmentBooked>)
            && d.ImplementationType == typeof(Nara.Modules.Booking.Features.SendBookingReminders));
    }
}
