using System.Net;
using System.Text.Json;
using Hl7.Fhir.Model;
using Nara.Fhir;

namespace Nara.Tests.Fhir;

/// <summary>Sends FHIR requests and parses every answer with the Firely deserializer, so a malformed resource fails the test.</summary>
internal static class FhirHttp
{
    public static async Task<(HttpStatusCode Status, T Resource)> GetFhirAsync<T>(this HttpClient client, string url) where T : Resource
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd(FhirJson.ContentType);
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await ParseAsync<T>(response));
    }

    public static async Task<T> ParseAsync<T>(HttpResponseMessage response) where T : Resource
    {
        Assert.Equal(FhirJson.ContentType, response.Content.Headers.ContentType?.MediaType);
        var json = await response.Content.ReadAsStringAsync();
        var resource = JsonSerializer.Deserialize<Resource>(json, FhirJson.Options);
        return Assert.IsType<T>(resource);
    }

    public static OperationOutcome.IssueComponent Issue(OperationOutcome outcome) => Assert.Single(outcome.Issue);
}
