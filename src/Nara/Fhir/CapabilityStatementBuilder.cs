using Hl7.Fhir.Model;

namespace Nara.Fhir;

/// <summary>Generates the CapabilityStatement from the registry: what is mapped is what is declared, nothing by hand.</summary>
public static class CapabilityStatementBuilder
{
    public static CapabilityStatement Build(FhirRegistry registry, string baseUrl, DateTimeOffset now) => new()
    {
        Status = PublicationStatus.Active,
        Date = now.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        Publisher = "Nära",
        Kind = CapabilityStatementKind.Instance,
        Software = new CapabilityStatement.SoftwareComponent { Name = "Nära" },
        Implementation = new CapabilityStatement.ImplementationComponent { Description = "Nära FHIR R4-gränssnitt", Url = baseUrl },
        FhirVersion = FHIRVersion.N4_0_1,
        Format = ["json", FhirJson.ContentType],
        Rest =
        [
            new CapabilityStatement.RestComponent
            {
                Mode = CapabilityStatement.RestfulCapabilityMode.Server,
                Security = new CapabilityStatement.SecurityComponent
                {
                    Description = "Inloggning krävs (Nära-sessionen). Åtkomst till patientuppgifter prövas enligt patientdatalagen och loggas.",
                },
                Resource = registry.Resources.Select(Resource).ToList(),
            },
        ],
    };

    private static CapabilityStatement.ResourceComponent Resource(FhirResourceRegistration r)
    {
        var interactions = new List<CapabilityStatement.TypeRestfulInteraction>
        {
            CapabilityStatement.TypeRestfulInteraction.Read,
            CapabilityStatement.TypeRestfulInteraction.SearchType,
        };
        if (r.SupportsCreate)
        {
            interactions.Add(CapabilityStatement.TypeRestfulInteraction.Create);
        }
        if (r.SupportsUpdate)
        {
            interactions.Add(CapabilityStatement.TypeRestfulInteraction.Update);
        }
        return new CapabilityStatement.ResourceComponent
        {
            Type = r.ResourceType,
            Interaction = interactions.Select(i => new CapabilityStatement.ResourceInteractionComponent { Code = i }).ToList(),
            SearchParam = r.SearchParameters.Select(p => new CapabilityStatement.SearchParamComponent
            {
                Name = p.Name,
                Type = p.Type,
                Documentation = p.Documentation,
            }).ToList(),
        };
    }
}
