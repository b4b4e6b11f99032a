using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Outbox.Resources;

namespace Nara.Platform.Outbox;

public static class OutboxModule
{
    public static IServiceCollection AddNaraOutbox(this IServiceCollection services)
    {
        // One page, named for what it is to each: the messages sent to a resident, the outbox to an administrator.
        services.AddNavEntry(new NavEntry("/utkorg", typeof(OutboxTexts), "MessagesToYou", [NaraRoles.Invanare], 400) { Badge = typeof(UnreadMessagesBadge) });
        services.AddScoped<UnreadMessagesBadge>();
        services.AddNavEntry(new NavEntry("/utkorg", typeof(OutboxTexts), "Outbox", [NaraRoles.Administrator], 400));
        // Resolved from the final configuration (a test host adds its settings after this method has run).
        services.AddSingleton(sp => OutboxOptions.From(sp.GetRequiredService<IConfiguration>()));
        services.AddScoped<IOutbox, Outbox>();
        services.AddSingleton<ISmsSender, LocalSmsSender>();
        services.AddSingleton<IEmailSender>(sp =>
        {
            var smtp = sp.GetRequiredService<IConfiguration>().GetSection("Nara:Notifications:Smtp").Get<SmtpOptions>() ?? new SmtpOptions();
            return string.IsNullOrWhiteSpace(smtp.Host)
                ? ActivatorUtilities.CreateInstance<LocalEmailSender>(sp)
                : ActivatorUtilities.CreateInstance<SmtpEmailSender>(sp, smtp);
        });
        services.AddSingleton<OutboxDispatcher>();
        services.AddSingleton<OutboxSchedule>();
        services.AddHostedService<OutboxBackgroundService>();
        services.AddFeatures(typeof(OutboxModule));
        services.AddHostedService<OutboxRetentionService>();
        return services;
    }

    public static IEndpointRouteBuilder MapNaraOutbox(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapFeatures(typeof(OutboxModule));
        return endpoints;
    }
}
