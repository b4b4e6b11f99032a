using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Nara.Platform.Auth;

namespace Nara.Platform.Api;

/// <summary>One policy's limit: so many requests per client in a window. Bound from <c>Nara:RateLimits:&lt;Policy&gt;</c>.</summary>
public sealed record RateLimit(int PermitLimit, TimeSpan Window);

/// <summary>
/// Limits on what is costly to try many times: sign-in (guessing), booking and message writes (flooding a unit) and
/// patient searches (harvesting). Each client has its own count: the signed-in user, else the address it comes from
/// (after <see cref="TransportSecurity"/> has put the client's address in place of a trusted proxy's).
/// </summary>
public sealed class RateLimitSettings
{
    public const string SignIn = "SignIn";
    public const string Writes = "Writes";
    public const string Searches = "Searches";

    public static readonly IReadOnlyDictionary<string, RateLimit> Defaults = new Dictionary<string, RateLimit>
    {
        [SignIn] = new(10, TimeSpan.FromMinutes(1)),
        [Writes] = new(60, TimeSpan.FromMinutes(1)),
        [Searches] = new(60, TimeSpan.FromMinutes(1)),
    };

    public required IReadOnlyDictionary<string, RateLimit> Limits { get; init; }

    public static RateLimitSettings From(IConfiguration configuration)
    {
        var limits = new Dictionary<string, RateLimit>();
        foreach (var (policy, fallback) in Defaults)
        {
            var section = configuration.GetSection($"Nara:RateLimits:{policy}");
            var permits = Read(section, "PermitLimit", fallback.PermitLimit, policy);
            var seconds = Read(section, "WindowSeconds", (int)fallback.Window.TotalSeconds, policy);
            limits[policy] = new RateLimit(permits, TimeSpan.FromSeconds(seconds));
        }
        return new RateLimitSettings { Limits = limits };
    }

    private static int Read(IConfigurationSection section, string key, int fallback, string policy)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new InvalidOperationException($"Nara:RateLimits:{policy}:{key} '{text}' ska vara ett heltal större än noll.");
    }
}

public static class RateLimits
{
    public const string Title = "För många försök";
    public const string Detail = "Vänta en stund och försök igen.";

    public static IServiceCollection AddNaraRateLimits(this IServiceCollection services)
    {
        services.AddSingleton(sp => RateLimitSettings.From(sp.GetRequiredService<IConfiguration>()));
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<RateLimitSettings>((o, settings) =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Sign-in counts per address: the person is not known yet, and one address trying many ids is the attack.
            Add(o, RateLimitSettings.SignIn, settings, http => "ip:" + Address(http));
            Add(o, RateLimitSettings.Writes, settings, Client);
            Add(o, RateLimitSettings.Searches, settings, Client);
            o.OnRejected = async (context, _) =>
            {
                var http = context.HttpContext;
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }
                await TypedResults.Problem(title: Title, detail: Detail, statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(http);
            };
        });
        return services;
    }

    private static void Add(RateLimiterOptions options, string policy, RateLimitSettings settings, Func<HttpContext, string> partition)
    {
        var limit = settings.Limits[policy];
        options.AddPolicy(policy, http => RateLimitPartition.GetFixedWindowLimiter(partition(http), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit.PermitLimit,
            Window = limit.Window,
            QueueLimit = 0,
        }));
    }

    private static string Client(HttpContext http) =>
        Actor.FromPrincipal(http.User) is { } actor ? "user:" + actor.Id.ToString("N") : "ip:" + Address(http);

    private static string Address(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>Sign-in: guessing ids or passwords.</summary>
    public static TBuilder WithSignInLimit<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireRateLimiting(RateLimitSettings.SignIn);

    /// <summary>Writes a person makes by hand (bookings, messages): a script doing many is flooding a unit.</summary>
    public static TBuilder WithWriteLimit<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireRateLimiting(RateLimitSettings.Writes);

    /// <summary>Searches over many residents: costly, and many of them in a row is harvesting.</summary>
    public static TBuilder WithSearchLimit<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireRateLimiting(RateLimitSettings.Searches);
}
