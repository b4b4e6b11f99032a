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
        try
        {
            return JsonSerializer.Deserialize<Resource>(json, Options)
                ?? throw new FhirException(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Structure, "Kroppen innehåller ingen resurs.");
        }
        catch (DeserializationFailedException ex)
        {
            var messages = ex.Exceptions.Select(e => e.Message).DefaultIfEmpty(ex.Message);
            throw new FhirException(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Structure,
                "Resursen är inte giltig FHIR R4: " + string.Join(" ", messages));
        }
        catch (JsonException ex)
        {
            throw new FhirException(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Structure,
                "Kroppen är inte giltig JSON: " + ex.Message);
        }
    }
}
