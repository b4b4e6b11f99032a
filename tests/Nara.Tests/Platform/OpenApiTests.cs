using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Platform;

/// <summary>The published OpenAPI document shows every operation's real request body.</summary>
[Collection(SqliteTests.Name)]
public sealed class OpenApiTests(SqliteApp app)
{
    [Fact]
    public async Task Every_operation_shows_the_fields_of_its_own_request_body()
    {
        var document = JsonDocument.Parse(await app.AnonymousClient().GetStringAsync("/openapi/v1.json")).RootElement;
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var paths = document.GetProperty("paths");
        var checkedBodies = 0;
        var schemaOfType = new Dictionary<string, Type>();
        var failures = new List<string>();
        foreach (var (endpoint, pattern) in HttpRoutes.All(app.Services))
        {
            var accepts = endpoint.Metadata.GetMetadata<IAcceptsMetadata>();
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods;
            if (accepts?.RequestType is not { } requestType || methods is null || endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IExcludeFromDescriptionMetadata>() is { ExcludeFromDescription: true })
            {
                continue;
            }
            if (requestType == typeof(string))
            {
                continue; // a raw text body (a CSV file) has no fields
            }
            var path = System.Text.RegularExpressions.Regex.Replace(pattern, ":[^}]*}", "}");
            if (!paths.TryGetProperty(path, out var item) || !item.TryGetProperty(methods[0].ToLowerInvariant(), out var operation))
            {
                continue; // not published (for example a form post)
            }
            if (!operation.TryGetProperty("requestBody", out var body))
            {
                failures.Add($"{methods[0]} {path}: no request body in the document, the endpoint takes {requestType.Name}");
                continue;
            }
            var schema = body.GetProperty("content").EnumerateObject().First().Value.GetProperty("schema");
            if (schema.TryGetProperty("oneOf", out var oneOf))
            {
                schema = oneOf.EnumerateArray().First(s => s.TryGetProperty("$ref", out _)); // an optional body: null or the record
            }
            if (schema.TryGetProperty("$ref", out var reference))
            {
                var name = reference.GetString()!.Split('/')[^1];
                if (schemaOfType.TryGetValue(name, out var other) && other != requestType)
                {
                    failures.Add($"{methods[0]} {path}: schema {name} is shared by {other.FullName} and {requestType.FullName}");
                }
                schemaOfType[name] = requestType;
                schema = schemas.GetProperty(name);
            }
            var documented = schema.TryGetProperty("properties", out var properties)
                ? properties.EnumerateObject().Select(p => p.Name).ToHashSet()
                : [];
            var actual = requestType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).ToHashSet();
            if (!documented.SetEquals(actual))
            {
                failures.Add($"{methods[0]} {path}: documented [{string.Join(", ", documented.Order())}], takes [{string.Join(", ", actual.Order())}]");
            }
            checkedBodies++;
        }
        Assert.True(checkedBodies > 20, $"Only {checkedBodies} request bodies were found.");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
