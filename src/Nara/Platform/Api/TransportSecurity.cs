using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Nara.Platform.Api;

/// <summary>
/// The proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed, bound from <c>Nara:Proxy</c>.
/// Behind a load balancer that ends TLS, the request is then seen as HTTPS (so the cookies are Secure and HSTS is sent)
/// and as coming from the client's address (so rate limits count per client, not per load balancer).
/// </summary>
public sealed class ProxySettings
{
    /// <summary>Addresses of trusted proxies, besides loopback (ASP.NET Core's default).</summary>
    public IReadOnlyList<IPAddress> KnownProxies { get; init; } = [];

    /// <summary>Networks (CIDR) of trusted proxies, besides 127.0.0.0/8.</summary>
    public IReadOnlyList<System.Net.IPNetwork> KnownNetworks { get; init; } = [];

    public static ProxySettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Nara:Proxy");
        var proxies = new List<IPAddress>();
        foreach (var text in Values(section.GetSection("KnownProxies")))
        {
            proxies.Add(IPAddress.TryParse(text, out var ip)
                ? ip
                : throw new InvalidOperationException($"Nara:Proxy:KnownProxies '{text}' är inte en IP-adress."));
        }
        var networks = new List<System.Net.IPNetwork>();
        foreach (var text in Values(section.GetSection("KnownNetworks")))
        {
            networks.Add(System.Net.IPNetwork.TryParse(text, out var network)
                ? network
                : throw new InvalidOperationException($"Nara:Proxy:KnownNetworks '{text}' är inte ett nät i CIDR-form (till exempel 10.0.0.0/8)."));
        }
        return new ProxySettings { KnownProxies = proxies, KnownNetworks = networks };
    }

    // A list is given as array entries (Nara:Proxy:KnownProxies:0) or as one comma-separated value (handy in an
    // environment variable).
    private static IEnumerable<string> Values(IConfigurationSection section) =>
        (string.IsNullOrEmpty(section.Value) ? section.GetChildren().Select(c => c.Value ?? string.Empty) : [section.Value])
            .SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}

public static class TransportSecurity
{
    public static IServiceCollection AddNaraTransportSecurity(this IServiceCollection services)
    {
        services.AddSingleton(sp => ProxySettings.From(sp.GetRequiredService<IConfiguration>()));
        services.AddOptions<ForwardedHeadersOptions>().Configure<ProxySettings>((o, proxies) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var ip in proxies.KnownProxies)
            {
                o.KnownProxies.Add(ip);
            }
            foreach (var network in proxies.KnownNetworks)
            {
                o.KnownIPNetworks.Add(network);
            }
        });
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        return services;
    }

    /// <summary>First in the pipeline: everything after it sees the client's scheme and address.</summary>
    public static IApplicationBuilder UseNaraForwardedHeaders(this IApplicationBuilder app) =>
        app.UseForwardedHeaders();
}
