using Hl7.Fhir.Model;
using Nara.Platform.Identifiers;

namespace Nara.Fhir;

/// <summary>Identifier and code systems used across Nära's FHIR resources.</summary>
public static class FhirSystems
{
    /// <summary>Swedish personnummer (Skatteverket).</summary>
    public const string Personnummer = "urn:oid:1.2.752.129.2.1.3.1";

    /// <summary>Swedish samordningsnummer (Skatteverket).</summary>
    public const string Samordningsnummer = "urn:oid:1.2.752.129.2.1.3.3";

    /// <summary>HSA id of units and staff (Inera HSA).</summary>
    public const string HsaId = "urn:oid:1.2.752.129.2.1.4.1";

    /// <summary>Canonical base of Nära's own code systems and extensions; a placeholder until the region publishes canonical URLs.</summary>
    public const string NaraBase = "https://nara.se/fhir";

    public static string NaraCodeSystem(string name) => $"{NaraBase}/CodeSystem/{name}";

    public static string NaraExtension(string name) => $"{NaraBase}/StructureDefinition/{name}";
}

/// <summary>Small helpers handlers share: ids, references and case-insensitive prefix matching.</summary>
public static class FhirIds
{
    /// <summary>The strong id in a resource id; 400 when it is not a GUID.</summary>
    public static T Parse<T>(string resourceType, string id) where T : struct, IStrongId<T> =>
        StrongId.TryParse<T>(id, out var value) ? value : throw FhirException.MalformedId(resourceType, id, "förväntade ett GUID");

    public static string Of<T>(T id) where T : struct, IStrongId<T> => id.Value.ToString("D");

    public static ResourceReference Reference<T>(string resourceType, T id, string? display = null) where T : struct, IStrongId<T> =>
        new($"{resourceType}/{Of(id)}", display);

    /// <summary>The strong id of a literal reference "Type/id" to <paramref name="resourceType"/> in a posted resource, or null.</summary>
    public static T? FromReference<T>(ResourceReference? reference, string resourceType) where T : struct, IStrongId<T> =>
        reference?.Reference is { } text && text.StartsWith(resourceType + "/", StringComparison.Ordinal) && StrongId.TryParse<T>(text[(resourceType.Length + 1)..], out var value)
            ? value
            : null;

    /// <summary>The strong id in a reference search parameter (Type/id or id), or null when the parameter is absent; 400 when malformed.</summary>
    public static T? FromSearch<T>(FhirSearch search, string parameter, params string[] allowedTypes) where T : struct, IStrongId<T>
    {
        if (search.Reference(parameter) is not { } reference)
        {
            return null;
        }
        if (reference.Type is { } type && !allowedTypes.Contains(type, StringComparer.Ordinal))
        {
            throw FhirException.BadParameter(parameter, $"ska referera till {string.Join(" eller ", allowedTypes)}, inte {type}.");
        }
        return StrongId.TryParse<T>(reference.Id, out var value)
            ? value
            : throw FhirException.BadParameter(parameter, $"'{reference.Id}' är inget giltigt id (GUID).");
    }
}

/// <summary>
/// Variants of a search string for case-insensitive prefix matching that runs in SQL on both engines. SQLite's lower()
/// folds ASCII only, so besides the lower-cased form we also try the text as given and capitalised ("åsa" finds "Åsa").
/// </summary>
public sealed record FhirPrefix(string Lower, string AsGiven, string Capitalised)
{
    public static FhirPrefix Of(string text)
    {
        var lower = text.ToLowerInvariant();
        return new FhirPrefix(lower, text, char.ToUpperInvariant(lower[0]) + lower[1..]);
    }
}
