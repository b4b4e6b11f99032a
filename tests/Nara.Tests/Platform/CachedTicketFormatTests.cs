using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Time.Testing;
using Nara.Platform.Auth;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Platform;

public sealed class CachedTicketFormatTests
{
    private sealed class CountingFormat : ISecureDataFormat<AuthenticationTicket>
    {
        public int Reads { get; private set; }

        public string Protect(AuthenticationTicket data) => Protect(data, null);

        public string Protect(AuthenticationTicket data, string? purpose) => data.Principal.Identity!.Name!;

        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Reads++;
            return protectedText is null || protectedText.StartsWith("forged", StringComparison.Ordinal)
                ? null
                : new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, protectedText)], "cookie")), "Cookies");
        }
    }

    [Fact]
    public void A_cookie_is_decrypted_once_each_request_gets_its_own_copy_and_another_cookie_is_decrypted_anew()
    {
        var inner = new CountingFormat();
        var clock = new FakeTimeProvider(TestClock.Now);
        using var format = new CachedTicketFormat(inner, clock);

        var first = format.Unprotect("cookie-a")!;
        var second = format.Unprotect("cookie-a")!;
        Assert.Equal(1, inner.Reads);
        Assert.Equal("cookie-a", second.Principal.Identity!.Name);
        Assert.NotSame(first, second);
        Assert.NotSame(first.Principal, second.Principal);
        first.Properties.Items["changed"] = "by one request";
        Assert.False(format.Unprotect("cookie-a")!.Properties.Items.ContainsKey("changed"));

        Assert.Equal("cookie-b", format.Unprotect("cookie-b")!.Principal.Identity!.Name);
        Assert.Null(format.Unprotect("forged-cookie"));
        Assert.Null(format.Unprotect("forged-cookie"));
        // A refused cookie is never remembered: both attempts were checked.
        Assert.Equal(4, inner.Reads);
        // The same text for another purpose is decrypted for that purpose.
        format.Unprotect("cookie-a", "another purpose");
        Assert.Equal(5, inner.Reads);
    }

    [Fact]
    public void A_cached_ticket_is_read_again_after_a_minute()
    {
        var inner = new CountingFormat();
        var clock = new FakeTimeProvider(TestClock.Now);
        using var format = new CachedTicketFormat(inner, clock);

        format.Unprotect("cookie-a");
        clock.Advance(CachedTicketFormat.KeepFor - TimeSpan.FromSeconds(1));
        format.Unprotect("cookie-a");
        Assert.Equal(1, inner.Reads);
        clock.Advance(TimeSpan.FromSeconds(2));
        format.Unprotect("cookie-a");
        Assert.Equal(2, inner.Reads);
    }
}
