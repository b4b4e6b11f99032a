using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Nara.Fhir;

/// <summary>Firely's System.Text.Json converters: the only place resources are turned into JSON and back.</summary>
public static class FhirJson
{
    public const string ContentType = "application/fhir+json";

    /// <summary>Strict: unknown elements, wrong types and invalid values fail the parse with the parser's message.</summary>
    public static readonly JsonSerializerOptions Options = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    public static byte[] Serialize(Resource resource) => JsonSerializer.SerializeToUtf8Bytes(resource, resource.GetType(), Options);

    /// <summary>Parses a resource; throws <see cref="FhirException"/> (400) with the parser's message when it is not valid FHIR JSON.</summary>
    public static Resource Parse(string json)
    {
        if (!json.AsSpan().TrimStart().StartsWith("{", StringComparison.Ordinal))
        {
            throw new FhirException(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Structure,
                "Kroppen ska vara en FHIR-resurs i JSON, ett objekt som börjar med { och har resourceType.");
        }
        try
        {
            return JsonSerializer.Deserialize<Resource>(json, Options)
                ?? throw new FhirException(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Structure, "Kroppen innehåller ingen resurs.");
        }
        catch (DeserializationFailedException ex)
        {
            // Where and which of the parser's rules (its code, such as JSON109), not its English sentence.
            var where = ex.Exceptions.OfType<Hl7.Fhir.Utility.ExtendedCodedException>()
                .Select(e => $"{e.InstancePath ?? "?"} (rad {e.LineNumber}, regel {e.ErrorCode})")
                .Distinct()
                .Take(10)
                .ToList();
            throw new FhirException(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Structure,
                where.Count == 0 ? "Resursen är inte giltig FHIR R4." : "Resursen är inte giltig FHIR R4. Fel vid: " + string.Join("; ", where) + ".");
        }
        catch (JsonException ex)
        {
            throw new FhirException(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Structure,
                $"Kroppen är inte giltig JSON (rad {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}).");
        }
        catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException or ArgumentException or FormatException)
        {
            throw new FhirException(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Structure,
                "Kroppen kunde inte tolkas som en FHIR R4-resurs.");
        }
    }
}
