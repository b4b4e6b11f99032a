namespace Nara.Platform.Events;

/// <summary>Something that happened in a module that other modules may react to (a booking made, a case opened).</summary>
public interface IDomainEvent;

/// <summary>Reacts to one kind of event inside the command that raised it.</summary>
public interface IDomainEventSubscriber<in TEvent>
    where TEvent : IDomainEvent
{
    Task HandleAsync(TEvent domainEvent, CancellationToken ct);
}

/// <summary>
/// Publishes an event to its subscribers in the publisher's scope: they share its DbContext and its open transaction, so a
/// command and everything it causes (outbox messages, care-guarantee clocks, waitlist offers) commit or roll back
/// together. A command publishes after saving its own changes and before it commits. What a subscriber adds to the context
/// is saved by the next save in the command or, at the latest, just before the commit (SaveBeforeCommit), so the writes of
/// several subscribers reach the database in one batch. A command that collects its writes for one batch
/// (<see cref="Persistence.NaraDbContext.CollectWrites"/>, the booking) publishes before its one save instead: its
/// subscribers read what they need then and leave their writes to that save (they must not expect the command's own rows
/// in the database, and must not write on their own while <c>CollectsWrites</c>). A subscriber that throws fails the
/// command. Side effects outside the database go through the outbox, never here.
/// </summary>
public sealed class DomainEvents(IServiceProvider services)
{
    public async Task PublishAsync<TEvent>(TEvent domainEvent, CancellationToken ct)
        where TEvent : IDomainEvent
    {
        foreach (var subscriber in services.GetServices<IDomainEventSubscriber<TEvent>>())
        {
            await subscriber.HandleAsync(domainEvent, ct);
        }
    }
}

public static class DomainEventsSetup
{
    public static IServiceCollection AddNaraEvents(this IServiceCollection services) => services.AddScoped<DomainEvents>();

    /// <summary>Registers a subscriber: scoped, so it shares the command's DbContext.</summary>
    public static IServiceCollection AddEventSubscriber<TEvent, TSubscriber>(this IServiceCollection services)
        where TEvent : IDomainEvent
        where TSubscriber : class, IDomainEventSubscriber<TEvent> =>
        services.AddScoped<IDomainEventSubscriber<TEvent>, TSubscriber>();
}
