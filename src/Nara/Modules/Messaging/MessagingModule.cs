using Nara.Fhir;
using Nara.Modules.Messaging.Contracts;
using Nara.Modules.Messaging.Resources;
using Nara.Platform.Auth;
using Nara.Platform.Composition;

namespace Nara.Modules.Messaging;

/// <summary>Secure messaging between a person and their care (capability 5): threads with a unit, attachments, read state, live push.</summary>
public static class MessagingModule
{
    public static IServiceCollection AddMessaging(this IServiceCollection services)
    {
        services.AddSignalR();
        services.AddFeatures(typeof(MessagingModule));
        services.AddSingleton<MessagingNotifier>();
        services.AddScoped<IMessageThreads, MessageThreads>();
        services.AddScoped<UnreadThreadsBadge>();
        services.AddWorkItemSource<MessagesWorkItems>();
        services.AddScoped<Nara.Modules.Synthetic.Contracts.IDemoSeeder, DemoThreads>();
        services.AddScoped<IDemoConversations, DemoConversationWriter>();
        services.AddFhirResource<Fhir.CommunicationResource>();
        services.AddPagePanel(new PagePanel(PagePanelRegistration.Workday, typeof(Components.WorkdayMessagesPanel), 15, NaraRoles.Clinical));
        services.AddNavEntry(new NavEntry("/meddelanden", typeof(MessagingTexts), "Messages", NaraRoles.Clinical, 110));
        services.AddNavEntry(new NavEntry("/mina-sidor/meddelanden", typeof(MessagingTexts), "MyMessages", [NaraRoles.Invanare], 25) { Badge = typeof(UnreadThreadsBadge) });
        return services;
    }

    public static IEndpointRouteBuilder MapMessaging(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapFeatures(typeof(MessagingModule));
        endpoints.MapHub<MessagesHub>("/hubs/messages").RequireAuthorization();
        return endpoints;
    }
}
