using Nara.Platform.Outbox.Features;

namespace Nara.Platform.Outbox;

public static class OutboxModule
{
    public static IServiceCollection AddNaraOutbox(this IServiceCollection services, IConfiguration configuration)
    {
        var options = OutboxOptions.From(configuration);
        services.AddSingleton(options);
        services.AddScoped<IOutbox, Outbox>();
        services.AddSingleton<ISmsSender, LocalSmsSender>();
        var smtp = configuration.GetSection("Nara:Notifications:Smtp").Get<SmtpOptions>() ?? new SmtpOptions();
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            services.AddSingleton<IEmailSender, LocalEmailSender>();
        }
        else
        {
            services.AddSingleton(smtp);
            services.AddSingleton<IEmailSender, SmtpEmailSender>();
        }
        services.AddSingleton<OutboxDispatcher>();
        if (options.DispatcherEnabled)
        {
            services.AddHostedService<OutboxBackgroundService>();
        }
        services.AddScoped<ListMessages>();
        services.AddScoped<RetryMessage>();
        return services;
    }

    public static IEndpointRouteBuilder MapNaraOutbox(this IEndpointRouteBuilder endpoints)
    {
        ListMessages.Map(endpoints);
        RetryMessage.Map(endpoints);
        return endpoints;
    }
}
