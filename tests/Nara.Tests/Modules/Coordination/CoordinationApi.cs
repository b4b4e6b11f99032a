using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Nara.Tests.Modules.Coordination;

/// <summary>Reading the Coordination API's answers in tests: a body of the expected status, and the field a problem names.</summary>
internal static class CoordinationApi
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<T>(body, Json)!;
    }

    /// <summary>The field a problem names: under errors for a 400, as field for a 404 or 409.</summary>
    public static async Task<string> ProblemFieldAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.TryGetProperty("errors", out var errors) ? errors.EnumerateObject().Single().Name : doc.RootElement.GetProperty("field").GetString()!;
    }
}
