using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Nara.Platform.Auth;

/// <summary>
/// The sign-in cookie's ticket, decrypted once per cookie value rather than on every request: decrypting and reading the
/// ticket was about a tenth of a booking's CPU. The cache is keyed by the exact protected text (so a changed, renewed or
/// forged cookie is decrypted and checked as before), keeps an entry for at most a minute, holds a bounded number of
/// entries, and hands each request its own copy of the ticket, so nothing one request changes reaches another. The
/// expiry written in the ticket is still checked by the cookie handler on every request.
/// </summary>
public sealed class CachedTicketFormat(ISecureDataFormat<AuthenticationTicket> inner, TimeProvider time) : ISecureDataFormat<AuthenticationTicket>, IDisposable
{
    public static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(1);
    public const int MaxEntries = 5_000;

    private readonly MemoryCache _tickets = new(new MemoryCacheOptions { SizeLimit = MaxEntries, Clock = new CacheClock(time) });

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (string.IsNullOrEmpty(protectedText))
        {
            return null;
        }
        var key = purpose is null ? protectedText : purpose + "\n" + protectedText;
        if (!_tickets.TryGetValue(key, out AuthenticationTicket? ticket))
        {
            ticket = inner.Unprotect(protectedText, purpose);
            if (ticket is null)
            {
                return null;
            }
            _tickets.Set(key, ticket, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = KeepFor });
        }
        return ticket!.Clone();
    }

    public void Dispose() => _tickets.Dispose();

#pragma warning disable CS0618 // ISystemClock is the clock MemoryCacheOptions takes.
    private sealed class CacheClock(TimeProvider time) : Microsoft.Extensions.Internal.ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }
#pragma warning restore CS0618
}

/// <summary>Wraps the cookie handler's ticket format, after ASP.NET Core has set it up, in <see cref="CachedTicketFormat"/>.</summary>
internal sealed class CacheCookieTickets(TimeProvider time) : IPostConfigureOptions<CookieAuthenticationOptions>
{
    public void PostConfigure(string? name, CookieAuthenticationOptions options)
    {
        if (options.TicketDataFormat is not CachedTicketFormat)
        {
            options.TicketDataFormat = new CachedTicketFormat(options.TicketDataFormat, time);
        }
    }
}
