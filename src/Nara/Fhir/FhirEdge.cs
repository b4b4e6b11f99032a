using Hl7.Fhir.Model;
using Microsoft.Net.Http.Headers;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Task = System.Threading.Tasks.Task;

namespace Nara.Fhir;

/// <summary>
/// The FHIR R4 endpoint at /fhir. Modules register their resources with <see cref="FhirRegistration.AddFhirResource{THandler}"/>;
/// this edge does routing, sign-in, content negotiation, paging and turns every failure into an OperationOutcome.
/// </summary>
public static class FhirEdge
{
    public const string Prefix = "/fhir";

    public static IServiceCollection AddFhirEdge(this IServiceCollection services)
    {
        services.AddSingleton<FhirRegistry>();
        services.AddFhirResource<TaskResource>();
        services.AddFhirResource<SourcedQuestionnaire>().AddFhirResource<SourcedQuestionnaireResponse>().AddFhirResource<SourcedObservation>().AddFhirResource<SourcedFlag>();
        return services;
    }

    public static IEndpointRouteBuilder MapFhirEdge(this IEndpointRouteBuilder endpoints)
    {
        var fhir = endpoints.MapGroup(Prefix).WithTags("FHIR").ExcludeFromDescription();
        fhir.MapGet("/metadata", (HttpContext http, FhirRegistry registry, TimeProvider time) => RunAsync(http, requireActor: false, (_, _) =>
            Task.FromResult<(Resource, int)>((CapabilityStatementBuilder.Build(registry, BaseUrl(http.Request), time.GetUtcNow()), 200))))
            .AllowAnonymous();
        // A search runs over many resources (Patient by name or personnummer): limited per client like the staff search.
        fhir.MapGet("/{type}", (string type, HttpContext http) => RunAsync(http, requireActor: true, (actor, ct) => SearchAsync(http, type, actor, ct)))
            .WithSearchLimit();
        fhir.MapGet("/{type}/{id}", (string type, string id, HttpContext http) => RunAsync(http, requireActor: true, async (actor, ct) =>
        {
            var (_, handler) = Resolve(http, type);
            if (!IsFhirId(id))
            {
                throw FhirException.MalformedId(type, id, "ett FHIR-id har 1–64 tecken A–Z, a–z, 0–9, '-' och '.'");
            }
            return (await handler.ReadAsync(actor, id, ct), StatusCodes.Status200OK);
        }));
        fhir.MapPost("/{type}", (string type, HttpContext http) => RunAsync(http, requireActor: true, (actor, ct) => CreateAsync(http, type, actor, ct)));
        fhir.MapPut("/{type}/{id}", (string type, string id, HttpContext http) => RunAsync(http, requireActor: true, (actor, ct) => UpdateAsync(http, type, id, actor, ct)));
        // Anything else under /fhir still answers in FHIR, not with the site's problem details.
        fhir.MapFallback("/{**rest}", (string? rest, HttpContext http) => RunAsync(http, requireActor: true, (_, _) => throw (HttpMethods.IsGet(http.Request.Method)
            ? new FhirException(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, $"Det finns ingen FHIR-resurs på {Prefix}/{rest}.")
            : new FhirException(StatusCodes.Status405MethodNotAllowed, OperationOutcome.IssueType.NotSupported, $"{http.Request.Method} {http.Request.Path} stöds inte."))));
        return endpoints;
    }

    private static async Task<(Resource, int)> SearchAsync(HttpContext http, string type, Actor actor, CancellationToken ct)
    {
        var (registration, handler) = Resolve(http, type);
        var search = FhirSearch.Parse(type, registration.SearchParameters, http.Request.Query, Platform.Time.Stockholm.Zone);
        var page = await handler.SearchAsync(actor, search, ct);
        var baseUrl = BaseUrl(http.Request);
        var bundle = new Bundle
        {
            Type = Bundle.BundleType.Searchset,
            Total = search.WantsTotal ? page.Total : null,
            Timestamp = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(),
        };
        bundle.Link.Add(new Bundle.LinkComponent { Relation = "self", Url = PageUrl(baseUrl, type, search, search.Offset) });
        if (search.Count > 0 && (page.More ?? search.Offset + search.Count < page.Total))
        {
            bundle.Link.Add(new Bundle.LinkComponent { Relation = "next", Url = PageUrl(baseUrl, type, search, search.Offset + search.Count) });
        }
        if (search.Offset > 0 && search.Count > 0)
        {
            bundle.Link.Add(new Bundle.LinkComponent { Relation = "previous", Url = PageUrl(baseUrl, type, search, Math.Max(0, search.Offset - search.Count)) });
        }
        foreach (var resource in page.Resources)
        {
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = $"{baseUrl}/{resource.TypeName}/{resource.Id}",
                Resource = resource,
                Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
            });
        }
        return (bundle, StatusCodes.Status200OK);
    }

    private static async Task<(Resource, int)> CreateAsync(HttpContext http, string type, Actor actor, CancellationToken ct)
    {
        var (registration, handler) = Resolve(http, type);
        var resource = await ReadBodyAsync(http, type, ct);
        if (!registration.SupportsCreate || handler is not IFhirCreateHandler creator)
        {
            throw new FhirException(StatusCodes.Status405MethodNotAllowed, OperationOutcome.IssueType.NotSupported, $"Att skapa {type} stöds inte.");
        }
        var created = await creator.CreateAsync(actor, resource, ct);
        http.Response.Headers.Location = $"{BaseUrl(http.Request)}/{created.TypeName}/{created.Id}";
        return (created, StatusCodes.Status201Created);
    }

    /// <summary>The request body as a resource of the route's type: 415 for another content type, 400 for invalid FHIR or another type.</summary>
    private static async Task<Resource> ReadBodyAsync(HttpContext http, string type, CancellationToken ct)
    {
        var contentType = http.Request.ContentType;
        if (contentType is not null && !(MediaTypeHeaderValue.TryParse(contentType, out var media)
            && (media.MediaType.Equals(FhirJson.ContentType, StringComparison.OrdinalIgnoreCase) || media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))))
        {
            throw new FhirException(StatusCodes.Status415UnsupportedMediaType, OperationOutcome.IssueType.NotSupported,
                $"Innehållstypen '{contentType}' stöds inte; skicka {FhirJson.ContentType}.");
        }
        using var reader = new StreamReader(http.Request.Body);
        var resource = FhirJson.Parse(await reader.ReadToEndAsync(ct));
        if (resource.TypeName != type)
        {
            throw new FhirException(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Invalid,
                $"Resursen är av typen {resource.TypeName} men skickades till {type}.", "resourceType");
        }
        return resource;
    }

    private static async Task<(Resource, int)> UpdateAsync(HttpContext http, string type, string id, Actor actor, CancellationToken ct)
    {
        var (registration, handler) = Resolve(http, type);
        if (!IsFhirId(id))
        {
            throw FhirException.MalformedId(type, id, "ett FHIR-id har 1–64 tecken A–Z, a–z, 0–9, '-' och '.'");
        }
        var resource = await ReadBodyAsync(http, type, ct);
        if (!registration.SupportsUpdate || handler is not IFhirUpdateHandler updater)
        {
            throw new FhirException(StatusCodes.Status405MethodNotAllowed, OperationOutcome.IssueType.NotSupported, $"Att ändra {type} stöds inte.");
        }
        // FHIR update: the body carries the id of the resource it replaces (http.html#update).
        if (resource.Id != id)
        {
            throw new FhirException(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Invalid,
                resource.Id is null ? $"Resursen saknar id; ange \"id\": \"{id}\"." : $"Resursens id '{resource.Id}' är inte id:t i adressen ('{id}').", "id");
        }
        var updated = await updater.UpdateAsync(actor, id, resource, ct);
        return (updated, StatusCodes.Status200OK);
    }

    private static (FhirResourceRegistration, IFhirResourceHandler) Resolve(HttpContext http, string type)
    {
        var registration = http.RequestServices.GetRequiredService<FhirRegistry>().Find(type)
            ?? throw new FhirException(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotSupported, $"Resurstypen '{type}' finns inte i Nära.");
        return (registration, (IFhirResourceHandler)http.RequestServices.GetRequiredService(registration.HandlerType));
    }

    /// <summary>The one wrapper every FHIR request passes: format, sign-in, and every failure as an OperationOutcome.</summary>
    private static async Task<IResult> RunAsync(HttpContext http, bool requireActor, Func<Actor, CancellationToken, Task<(Resource Resource, int Status)>> work)
    {
        try
        {
            CheckFormat(http.Request);
            var actor = Actor.FromPrincipal(http.User);
            if (requireActor && actor is null)
            {
                http.Response.Headers.WWWAuthenticate = "Cookie";
                throw new FhirException(StatusCodes.Status401Unauthorized, OperationOutcome.IssueType.Login, "Du behöver logga in för att använda FHIR-gränssnittet.");
            }
            var (resource, status) = await work(actor!, http.RequestAborted);
            return Result(resource, status);
        }
        catch (FhirException ex)
        {
            return Result(ex.ToOutcome(), ex.Status);
        }
        catch (Platform.Api.ProblemException problem)
        {
            // A feature's refusal (an access refusal from ResidentAccess, a conflict) as an OperationOutcome.
            var ex = FhirException.From(problem);
            return Result(ex.ToOutcome(), ex.Status);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return Result(FhirOutcomes.Error(OperationOutcome.IssueType.Timeout, "Begäran avbröts."), 499);
        }
        catch (Exception ex) when (Platform.Api.DatabaseBusyHandler.IsUnavailable(ex))
        {
            http.Response.Headers.RetryAfter = "5";
            return Result(FhirOutcomes.Error(OperationOutcome.IssueType.Transient, "Nära är hårt belastat just nu. Försök igen om en liten stund."),
                StatusCodes.Status503ServiceUnavailable);
        }
        catch (Exception ex)
        {
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(FhirEdge))
                .LogError(ex, "FHIR request {Method} {Path} failed", http.Request.Method, http.Request.Path);
            return Result(FhirOutcomes.Error(OperationOutcome.IssueType.Exception,
                $"Ett oväntat fel inträffade. Ange spårnings-id {http.TraceIdentifier} om du kontaktar support."), StatusCodes.Status500InternalServerError);
        }
    }

    // Serialised here, inside the try, so that a failing serialisation still becomes an OperationOutcome.
    private static FhirBody Result(Resource resource, int status) => new(FhirJson.Serialize(resource), status);

    private sealed class FhirBody(byte[] body, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = FhirJson.ContentType + "; charset=utf-8";
            httpContext.Response.ContentLength = body.Length;
            return httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
        }
    }

    private static void CheckFormat(HttpRequest request)
    {
        var format = request.Query["_format"];
        if (format.Count > 0)
        {
            if (format.Count == 1 && format[0] is "json" or "application/json" or FhirJson.ContentType)
            {
                return;
            }
            throw new FhirException(StatusCodes.Status406NotAcceptable, OperationOutcome.IssueType.NotSupported,
                $"_format={format} stöds inte; Nära svarar med json ({FhirJson.ContentType}).", "_format");
        }
        var accept = request.Headers.Accept;
        if (accept.Count == 0 || !MediaTypeHeaderValue.TryParseList(accept, out var types) || types.Count == 0)
        {
            return;
        }
        if (types.Any(t => t.MediaType.Value is "*/*" or "application/*" or "application/json" or FhirJson.ContentType
            || t.MediaType.Equals(FhirJson.ContentType, StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }
        throw new FhirException(StatusCodes.Status406NotAcceptable, OperationOutcome.IssueType.NotSupported,
            $"Accept: {accept} stöds inte; Nära svarar med {FhirJson.ContentType}.");
    }

    private static bool IsFhirId(string id) =>
        id.Length is >= 1 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.');

    internal static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}{Prefix}";

    private static string PageUrl(string baseUrl, string type, FhirSearch search, int offset)
    {
        var query = search.Given
            .Append(new("_count", search.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Append(new("_offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}");
        return $"{baseUrl}/{type}?{string.Join('&', query)}";
    }
}
