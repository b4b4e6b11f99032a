using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Nara.Modules.Organisation.Contracts;
using Nara.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Nara.Tests.Platform;

/// <summary>
/// Walks every API, FHIR and form route as each kind of user with odd input (far dates, wrong types, control characters,
/// JSON of the wrong shape, no body, the wrong content type) and fails on any 5xx, any error without a body, and any
/// error body in the framework's English. Bounded: one pass of a fixed set of values per parameter.
/// </summary>
public abstract class FuzzTests(NaraApp app, ITestOutputHelper output)
{
    private static readonly string[] RouteValues =
    [
        "00000000-0000-0000-0000-000000000000", "abc", "9999-12-31", "0001-01-01", "-1", "99999999999999999999",
        "%E2%80%AE%C3%A5", "Patient", "..",
    ];

    private static readonly Dictionary<Type, string[]> QueryValues = new()
    {
        [typeof(DateOnly)] = ["9999-12-31", "0001-01-01", "2026-02-30", "abc", ""],
        [typeof(DateTime)] = ["9999-12-31", "0001-01-01", "9999-12-31T23:59:59", "abc"],
        [typeof(DateTimeOffset)] = ["9999-12-31T23:59:59+14:00", "0001-01-01T00:00:00-14:00", "9999-12-31", "abc"],
        [typeof(int)] = ["-1", "0", "2147483648", "abc", "-2147483648"],
        [typeof(long)] = ["-1", "99999999999999999999", "abc"],
        [typeof(Guid)] = ["abc", "00000000-0000-0000-0000-000000000000", "-1"],
        [typeof(bool)] = ["maybe", ""],
        [typeof(string)] = ["", "\u0000\u202e\ud800", new string('å', 3000), "' OR 1=1 --", "%", "9999-12-31"],
    };

    private static readonly string[] OddBodies =
    [
        "", "[]", "{}", "null", "{", "\"x\"", "123", "[{}]", "{\"a\":", "\u0000",
    ];

    /// <summary>Phrases only the framework writes: an error body that contains one was not translated.</summary>
    private static readonly string[] EnglishFragments =
    [
        "One or more validation errors occurred", "An error occurred while processing", "Failed to bind", "Failed to read",
        "Required parameter", "could not be converted", "is not valid", "The JSON value", "Unexpected end", "is required",
        "Bad Request", "Unauthorized", "Forbidden", "Not Found", "Unsupported Media Type", "Method Not Allowed",
        "Internal Server Error", "Not Acceptable", "Too Many Requests", "Payload Too Large", "Content Too Large",
    ];

    private sealed record Persona(string Name, Func<Task<HttpClient>> Client);

    private sealed record Route(string Method, string Pattern, IReadOnlyList<string> RouteParameters, IReadOnlyList<ParameterInfo> Query, Type? Body);

    [Fact]
    public async Task No_route_answers_5xx_or_an_error_outside_Swedish_problem_details()
    {
        var unit = await app.Data.UnitAsync();
        var nurse = await app.Data.StaffAsync(unit.Id);
        var head = await app.Data.StaffAsync(unit.Id, Profession.Lakare, StaffRole.Verksamhetschef);
        var analyst = await app.Data.StaffAsync(unit.Id, Profession.Sjukskoterska, StaffRole.Analytiker);
        var resident = await app.Data.ResidentAsync(unit.Id);
        var personas = new Persona[]
        {
            new("anonym", () => Task.FromResult(app.AnonymousClient())),
            new("invånare", () => app.ResidentClientAsync(resident.Id.Value)),
            new("sjuksköterska", () => app.StaffClientAsync(nurse.Id.Value)),
            new("verksamhetschef", () => app.StaffClientAsync(head.Id.Value)),
            new("analytiker", () => app.StaffClientAsync(analyst.Id.Value)),
        };
        var routes = Routes();
        Assert.True(routes.Count > 80, $"Only {routes.Count} routes were found to walk.");
        var fhirTypes = await FhirSearchParametersAsync();
        var failures = new List<string>();
        var requests = 0;
        foreach (var route in routes)
        {
            foreach (var persona in personas)
            {
                if (route.Pattern.Contains("sign-out", StringComparison.Ordinal) || route.Pattern == "/logga-ut")
                {
                    continue; // walked below, last
                }
                using var client = await persona.Client();
                foreach (var request in Requests(route, resident.Id.Value, fhirTypes))
                {
                    requests++;
                    await CheckAsync(client, request, persona.Name, failures);
                }
            }
        }
        foreach (var persona in personas)
        {
            using var client = await persona.Client();
            foreach (var path in new[] { "/api/auth/sign-out", "/logga-ut" })
            {
                requests++;
                await CheckAsync(client, new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent("[]", Encoding.UTF8, "application/json") }, persona.Name, failures);
            }
        }
        output.WriteLine($"{requests} requests over {routes.Count} routes and {personas.Length} personas; {failures.Count} failures.");
        // One line per kind of failure (the route and what went wrong), with an example.
        var kinds = failures.GroupBy(f => System.Text.RegularExpressions.Regex.Replace(f, @"^\S+ |\?[^ :]*|/[0-9a-f-]{36}|(?<=/fhir/\w+/)[^ :]+|: .*$", ""))
            .Select(g => $"{g.Count()} × {g.First()}").ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} of {requests} requests failed, {kinds.Count} kinds:\n" + string.Join("\n", kinds.Take(80).Select(k => k.Length > 500 ? k[..500] : k)));
    }

    private static async Task CheckAsync(HttpClient client, HttpRequestMessage request, string persona, List<string> failures)
    {
        var label = $"{persona} {request.Method} {request.RequestUri}";
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request);
        }
        catch (Exception ex)
        {
            failures.Add($"{label}: threw {ex.GetType().Name}: {ex.Message}");
            return;
        }
        using (response)
        {
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync();
            if (status >= 500)
            {
                failures.Add($"{label}: {status} {Snippet(body)}");
                return;
            }
            if (status < 400)
            {
                return;
            }
            var path = request.RequestUri!.OriginalString;
            if (body.Length == 0)
            {
                if (path.StartsWith("/api", StringComparison.Ordinal) || path.StartsWith("/fhir", StringComparison.Ordinal))
                {
                    failures.Add($"{label}: {status} with an empty body");
                }
                return;
            }
            var media = response.Content.Headers.ContentType?.MediaType;
            if (media is not ("application/problem+json" or "application/fhir+json" or "text/plain"))
            {
                failures.Add($"{label}: {status} as {media}: {Snippet(body)}");
                return;
            }
            if (EnglishFragments.FirstOrDefault(f => body.Contains(f, StringComparison.Ordinal)) is { } english)
            {
                failures.Add($"{label}: {status} says '{english}': {Snippet(body)}");
            }
        }
    }

    private static string Snippet(string body) => body.Length > 300 ? body[..300] + "…" : body;

    private List<Route> Routes()
    {
        var routes = new List<Route>();
        foreach (var (endpoint, pattern) in HttpRoutes.All(app.Services))
        {
            if (!(pattern.StartsWith("/api/", StringComparison.Ordinal) || pattern.StartsWith("/fhir", StringComparison.Ordinal)
                     || pattern is "/demo-inloggning" or "/logga-ut" || pattern.StartsWith("/sprak/", StringComparison.Ordinal)))
            {
                continue;
            }
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"];
            var method = endpoint.Metadata.GetMetadata<MethodInfo>();
            var routeNames = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToList();
            var query = new List<ParameterInfo>();
            Type? body = null;
            foreach (var p in method?.GetParameters() ?? [])
            {
                if (routeNames.Contains(p.Name!, StringComparer.OrdinalIgnoreCase) || IsService(p))
                {
                    continue;
                }
                if (p.GetCustomAttribute<FromBodyAttribute>() is not null || (!IsSimple(p.ParameterType) && p.GetCustomAttribute<FromQueryAttribute>() is null
                    && p.GetCustomAttribute<AsParametersAttribute>() is null && p.GetCustomAttribute<FromFormAttribute>() is null))
                {
                    body = p.ParameterType;
                }
                else if (p.GetCustomAttribute<AsParametersAttribute>() is not null)
                {
                    query.AddRange(p.ParameterType.GetConstructors().SelectMany(c => c.GetParameters()).Where(x => IsSimple(x.ParameterType)));
                }
                else if (IsSimple(p.ParameterType))
                {
                    query.Add(p);
                }
            }
            foreach (var m in methods)
            {
                routes.Add(new Route(m, pattern, routeNames, query, body));
            }
        }
        return routes;
    }

    private static bool IsService(ParameterInfo p) =>
        p.ParameterType == typeof(HttpContext) || p.ParameterType == typeof(CancellationToken) || p.ParameterType == typeof(System.Security.Claims.ClaimsPrincipal)
        || p.ParameterType == typeof(HttpRequest) || p.ParameterType == typeof(HttpResponse) || p.GetCustomAttribute<FromServicesAttribute>() is not null
        || p.ParameterType.IsInterface || p.ParameterType.IsAbstract
        || (p.ParameterType.Namespace?.StartsWith("Nara", StringComparison.Ordinal) == true && !p.ParameterType.IsValueType && p.ParameterType.GetConstructors().Any(c => c.GetParameters().Any(x => x.ParameterType.IsInterface || x.ParameterType.Name.EndsWith("Context", StringComparison.Ordinal))))
        || p.ParameterType == typeof(TimeProvider);

    private static bool IsSimple(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(Guid) || t == typeof(DateOnly) || t == typeof(DateTime)
            || t == typeof(DateTimeOffset) || t == typeof(TimeOnly) || t == typeof(decimal);
    }

    private static string[] ValuesFor(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t.IsEnum)
        {
            return ["Nope", "99", ""];
        }
        return QueryValues.TryGetValue(t, out var values) ? values : QueryValues[typeof(string)];
    }

    private async Task<Dictionary<string, List<(string Name, string Type)>>> FhirSearchParametersAsync()
    {
        using var client = app.AnonymousClient();
        var json = JsonDocument.Parse(await client.GetStringAsync("/fhir/metadata"));
        var result = new Dictionary<string, List<(string, string)>>();
        foreach (var resource in json.RootElement.GetProperty("rest")[0].GetProperty("resource").EnumerateArray())
        {
            var list = new List<(string, string)>();
            if (resource.TryGetProperty("searchParam", out var sp))
            {
                list.AddRange(sp.EnumerateArray().Select(p => (p.GetProperty("name").GetString()!, p.GetProperty("type").GetString()!)));
            }
            result[resource.GetProperty("type").GetString()!] = list;
        }
        return result;
    }

    private static IEnumerable<HttpRequestMessage> Requests(Route route, Guid residentId, Dictionary<string, List<(string Name, string Type)>> fhir)
    {
        var method = new HttpMethod(route.Method);
        var hasBody = route.Method is "POST" or "PUT" or "PATCH";
        // Route values: a real person's id, then odd ones; FHIR types from the CapabilityStatement.
        var routeValueSets = new List<Dictionary<string, string>>();
        var values = RouteValues.Prepend(residentId.ToString()).ToArray();
        for (var i = 0; i < values.Length; i++)
        {
            routeValueSets.Add(route.RouteParameters.ToDictionary(p => p, p => p == "type" ? (i < fhir.Count ? fhir.Keys.ElementAt(i) : "Nope") : values[i]));
            if (route.RouteParameters.Count == 0)
            {
                break;
            }
        }
        if (route.Pattern == "/fhir/{type}" && route.Method == "GET")
        {
            routeValueSets = fhir.Keys.Select(k => new Dictionary<string, string> { ["type"] = k }).ToList();
        }
        foreach (var set in routeValueSets)
        {
            var path = Fill(route.Pattern, set);
            var queries = new List<string> { "" };
            if (route.Pattern == "/fhir/{type}" && route.Method == "GET" && fhir.TryGetValue(set["type"], out var searchParams))
            {
                foreach (var (name, type) in searchParams)
                {
                    var odd = type switch
                    {
                        "date" => new[] { "9999-12-31", "0001-01-01", "ge9999-12-31T23:59:59Z", "lt0001-01-01", "9999", "0001-01", "2026-13-01", "eq9999-12-31T23:59:59+14:00" },
                        "reference" => ["Patient/abc", $"Patient/{residentId}", residentId.ToString(), "/", "Patient/"],
                        "token" => ["|", "x|", "|x", $"http://electronichealth.se/identifier/personnummer|{new string('9', 40)}"],
                        _ => ["", new string('å', 3000), "\u0000"],
                    };
                    queries.AddRange(odd.Select(v => $"{name}={Uri.EscapeDataString(v)}"));
                }
                queries.Add("_count=-1");
                queries.Add("_offset=99999999999");
            }
            else
            {
                // One parameter at a time, so that no other odd value is refused first.
                foreach (var p in route.Query)
                {
                    queries.AddRange(ValuesFor(p.ParameterType).Select(v => $"{p.Name}={Uri.EscapeDataString(v)}"));
                }
            }
            foreach (var query in queries)
            {
                var uri = query.Length == 0 ? path : $"{path}?{query}";
                if (!hasBody)
                {
                    yield return new HttpRequestMessage(method, uri);
                    continue;
                }
                yield return new HttpRequestMessage(method, uri);
                if (query.Length > 0 && route.Query.Count > 0)
                {
                    continue;
                }
                foreach (var body in OddBodies.Concat(FilledBodies(route.Body, residentId)))
                {
                    yield return new HttpRequestMessage(method, uri) { Content = new StringContent(body, Encoding.UTF8, route.Pattern.StartsWith("/fhir", StringComparison.Ordinal) ? "application/fhir+json" : "application/json") };
                }
                yield return new HttpRequestMessage(method, uri) { Content = new StringContent("a=b&returnUrl=%2F%01%E2%80%AE", Encoding.UTF8, "application/x-www-form-urlencoded") };
                yield return new HttpRequestMessage(method, uri) { Content = new StringContent("<x/>", Encoding.UTF8, "text/xml") };
            }
        }
    }

    /// <summary>
    /// The body's own fields with plausible values, and then each field in turn with the odd values of its type (far
    /// dates, negative and huge numbers, unknown enum names, control characters, the wrong JSON kind).
    /// </summary>
    private static IEnumerable<string> FilledBodies(Type? body, Guid residentId)
    {
        if (body is null)
        {
            yield break;
        }
        var properties = body.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead).ToList();
        if (properties.Count == 0)
        {
            yield break;
        }
        var plausible = properties.ToDictionary(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name), p => Plausible(p.PropertyType, residentId));
        yield return Json(plausible);
        foreach (var p in properties)
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(p.Name);
            foreach (var odd in Odd(p.PropertyType))
            {
                yield return Json(new Dictionary<string, string>(plausible) { [name] = odd });
            }
        }
    }

    private static string Json(Dictionary<string, string> fields) => "{" + string.Join(",", fields.Select(f => $"\"{f.Key}\":{f.Value}")) + "}";

    private static string Plausible(Type type, Guid residentId)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t switch
        {
            _ when t == typeof(string) => "\"Test\"",
            _ when t == typeof(Guid) => $"\"{residentId}\"",
            _ when t == typeof(DateOnly) => $"\"{TestClock.Today.AddDays(3):yyyy-MM-dd}\"",
            _ when t == typeof(DateTime) || t == typeof(DateTimeOffset) => $"\"{TestClock.Now.AddDays(3):O}\"",
            _ when t == typeof(TimeOnly) => "\"09:00\"",
            _ when t == typeof(bool) => "true",
            _ when t.IsEnum => $"\"{Enum.GetNames(t)[0]}\"",
            _ when t.IsPrimitive || t == typeof(decimal) => "1",
            _ when t.IsArray || (t.IsGenericType && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))) => "[]",
            _ => "{}",
        };
    }

    private static IEnumerable<string> Odd(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string) || t == typeof(Guid) || t == typeof(DateOnly) || t == typeof(DateTime) || t == typeof(DateTimeOffset) || t.IsEnum)
        {
            return ValuesFor(t).Select(v => JsonSerializer.Serialize(v)).Append("123").Append("null");
        }
        if (t == typeof(bool))
        {
            return ["\"yes\"", "null", "1"];
        }
        if (t.IsPrimitive || t == typeof(decimal))
        {
            return ["-1", "0", "1e40", "2147483648", "-2147483649", "\"x\"", "null"];
        }
        return ["[]", "{}", "null", "\"x\"", "[null]", "[\"\\u0000\"]"];
    }

    private static string Fill(string pattern, Dictionary<string, string> values)
    {
        var path = pattern;
        foreach (var (name, value) in values)
        {
            path = System.Text.RegularExpressions.Regex.Replace(path, "\\{\\*{0,2}" + name + "(:[^}]*)?\\??\\}", value);
        }
        return path;
    }
}

[Collection(SqliteTests.Name)]
public sealed class FuzzTestsOnSqlite(SqliteApp app, ITestOutputHelper output) : FuzzTests(app, output);

[Collection(PostgresTests.Name)]
public sealed class FuzzTestsOnPostgres(PostgresApp app, ITestOutputHelper output) : FuzzTests(app, output);
