using System.Net;
using System.Text.RegularExpressions;

namespace Nara.Tests.Infrastructure;

/// <summary>Posts a form as the page does: with the antiforgery token the page rendered (the client must keep cookies).</summary>
public static partial class Forms
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string page, string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var html = await client.GetStringAsync(page);
        var token = AntiforgeryToken().Match(html).Groups[1].Value;
        Xunit.Assert.False(string.IsNullOrEmpty(token), $"{page} has no antiforgery token");
        return await client.PostAsync(action, new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", WebUtility.HtmlDecode(token))]));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
