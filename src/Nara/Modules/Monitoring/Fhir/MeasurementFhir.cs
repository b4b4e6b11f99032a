using System.Globalization;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Nara.Fhir;
using Nara.Modules.Monitoring.Content;
using Nara.Modules.Monitoring.Contracts;
using Nara.Modules.Monitoring.Domain;
using Nara.Modules.Monitoring.Features;
using Nara.Modules.Residents.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;
using Measure = Nara.Modules.Monitoring.Domain.Measure;

namespace Nara.Modules.Monitoring.Fhir;

internal static class MeasurementFhir
{
    public const string Loinc = "http://loinc.org";

    public const string Ucum = "http://unitsofmeasure.org";

    public const string CategorySystem = "http://terminology.hl7.org/CodeSystem/observation-category";

    public static IServiceCollection AddMonitoringFhir(this IServiceCollection services) => services
        .AddFhirSource<MeasurementObservations>()
        .AddFhirSource<MeasurementFlags>();

    /// <summary>A vital sign's category; blood glucose by meter is laboratory, peak flow an exam.</summary>
    public static string Category(Measure measure) => measure.VitalSign ? "vital-signs" : measure.Id == "glucose" ? "laboratory" : "exam";
}

/// <summary>
/// Home measurements as Observation (id = the measurement's), with the vital-signs profile where the measure is a vital
/// sign: LOINC code, category, valueQuantity in UCUM; a blood pressure as the panel 85354-9 with its systolic and diastolic
/// components. Read and search by subject, category, code and date under the access rules, audited as "FHIR Observation".
/// A partner system POSTs one (code, subject, effectiveDateTime, valueQuantity or the blood pressure's components), checked
/// and alerted as one typed in.
/// </summary>
internal sealed class MeasurementObservations(NaraDbContext db, ResidentAccess access, MeasureCatalog catalog, IResidentDirectory residents, RecordMeasurement record) : IFhirCreateSource
{
    public const string AuditResource = "FHIR Observation";

    public const int MaxPerPerson = 5_000;

    public string ResourceType => "Observation";

    public async Task<Resource?> ReadAsync(Actor actor, string id, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var guid) || await db.Set<Measurement>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == new MeasurementId(guid), ct) is not { } m)
        {
            return null;
        }
        await access.RequireAsync(actor, m.ResidentId, AccessRequest.Read(AuditResource), ct);
        return Map(m);
    }

    public async Task<FhirPage?> SearchAsync(Actor actor, FhirSearch search, CancellationToken ct)
    {
        var category = search.Token("category")?.Code;
        var code = search.Token("code")?.Code;
        var measures = catalog.Measures
            .Where(m => category is null || MeasurementFhir.Category(m) == category)
            .Where(m => code is null || m.Loinc == code || m.Components.Any(c => c.Loinc == code))
            .Select(m => m.Id).ToList();
        if (measures.Count == 0)
        {
            return null;
        }
        var dates = search.Dates("date");
        var found = new List<Measurement>();
        foreach (var grant in await FhirPeople.GrantsAsync(actor, search, access, residents, AuditResource, ct))
        {
            var person = grant.Resident;
            var query = db.Set<Measurement>().AsNoTracking().Where(m => m.ResidentId == person && measures.Contains(m.Measure));
            foreach (var d in dates)
            {
                query = d.Prefix switch
                {
                    "ge" => query.Where(m => m.MeasuredAt >= d.Start),
                    "gt" => query.Where(m => m.MeasuredAt >= d.End),
                    "le" => query.Where(m => m.MeasuredAt < d.End),
                    "lt" => query.Where(m => m.MeasuredAt < d.Start),
                    _ => query.Where(m => m.MeasuredAt >= d.Start && m.MeasuredAt < d.End),
                };
            }
            found.AddRange(await query.OrderByDescending(m => m.MeasuredAt).Take(MaxPerPerson).ToListAsync(ct));
            await grant.AuditAsync(null, ct);
        }
        var ordered = found.OrderByDescending(m => m.MeasuredAt).ToList();
        return new FhirPage(ordered.Skip(search.Offset).Take(search.Count).Select(m => (Resource)Map(m)).ToList(), ordered.Count);
    }

    public async Task<Resource?> CreateAsync(Actor actor, Resource resource, CancellationToken ct)
    {
        if (resource is not Observation o || o.Code?.Coding.FirstOrDefault(c => c.System == MeasurementFhir.Loinc && catalog.Measures.Any(m => m.Loinc == c.Code)) is not { } coding)
        {
            return null;
        }
        var measure = catalog.Measures.First(m => m.Loinc == coding.Code);
        var subject = FhirIds.FromReference<ResidentId>(o.Subject, "Patient")
            ?? throw new FhirException(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Required, "subject ska vara Patient/<id>.", "Observation.subject");
        DateTimeOffset? at = o.Effective is FhirDateTime dt && dt.TryToDateTimeOffset(out var parsed) ? parsed
            : o.Effective is null ? null
            : throw new FhirException(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Value, "effective ska vara effectiveDateTime med tidszon.", "Observation.effective");
        Quantity? first, second = null;
        if (measure.Components.Count > 1)
        {
            Quantity? Component(MeasureComponent c) => o.Component.FirstOrDefault(x => x.Code?.Coding.Any(k => k.System == MeasurementFhir.Loinc && k.Code == c.Loinc) == true)?.Value as Quantity;
            first = Component(measure.Components[0]);
            second = Component(measure.Components[1]);
        }
        else
        {
            first = o.Value as Quantity;
        }
        if (first?.Value is null || (measure.Components.Count > 1 && second?.Value is null))
        {
            throw new FhirException(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Required,
                measure.Components.Count > 1 ? "Blodtryck behöver component för 8480-6 och 8462-4 med valueQuantity." : "valueQuantity med value och code (UCUM) behövs.",
                measure.Components.Count > 1 ? "Observation.component" : "Observation.valueQuantity");
        }
        if (first.System is { } system && system != MeasurementFhir.Ucum)
        {
            throw new FhirException(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Value, "Enheten ska vara UCUM (system http://unitsofmeasure.org).", "Observation.valueQuantity.system");
        }
        try
        {
            var saved = await record.HandleAsync(actor, subject,
                new RecordMeasurement.Request(measure.Id, (double)first.Value.Value, second?.Value is { } v2 ? (double)v2 : null, first.Code ?? first.Unit, at), ct, MeasurementSource.System);
            var m = await db.Set<Measurement>().AsNoTracking().FirstAsync(x => x.Id == new MeasurementId(saved.Id), ct);
            return Map(m);
        }
        catch (ProblemException problem)
        {
            throw FhirException.From(problem);
        }
    }

    private Observation Map(Measurement m)
    {
        var measure = catalog.Find(m.Measure)!;
        var o = new Observation
        {
            Id = m.Id.Value.ToString("D"),
            Status = ObservationStatus.Final,
            Category = [new CodeableConcept(MeasurementFhir.CategorySystem, MeasurementFhir.Category(measure))],
            Code = new CodeableConcept(MeasurementFhir.Loinc, measure.Loinc, measure.Name.Sv),
            Subject = FhirIds.Reference("Patient", m.ResidentId),
            Effective = new FhirDateTime(m.MeasuredAt),
            Issued = m.EnteredAt,
            Performer = [FhirIds.Reference("Patient", m.ResidentId)],
        };
        if (measure.VitalSign)
        {
            o.Meta = new Meta { Profile = [measure.Components.Count > 1 ? "http://hl7.org/fhir/StructureDefinition/bp" : "http://hl7.org/fhir/StructureDefinition/vitalsigns"] };
        }
        Quantity Q(double value) => new((decimal)value, measure.Unit, MeasurementFhir.Ucum) { Unit = measure.Unit };
        if (measure.Components.Count > 1)
        {
            o.Component.Add(new Observation.ComponentComponent { Code = new CodeableConcept(MeasurementFhir.Loinc, measure.Components[0].Loinc, measure.Components[0].Name.Sv), Value = Q(m.Value) });
            o.Component.Add(new Observation.ComponentComponent { Code = new CodeableConcept(MeasurementFhir.Loinc, measure.Components[1].Loinc, measure.Components[1].Name.Sv), Value = Q(m.Value2 ?? 0) });
        }
        else
        {
            o.Value = Q(m.Value);
        }
        return o;
    }
}

/// <summary>
/// Measurement alerts as Flag (id = the alert's): active until handled, with the priority extension (high or medium).
/// Read and search by subject under the access rules (staff only), audited as "FHIR Flag".
/// </summary>
internal sealed class MeasurementFlags(NaraDbContext db, ResidentAccess access, IResidentDirectory residents) : IFhirSource
{
    public const string AuditResource = "FHIR Flag";

    public string ResourceType => "Flag";

    private static readonly AccessRequest StaffRead = AccessRequest.Read(AuditResource) with { StaffOnly = "Larm visas för vårdpersonal." };

    public async Task<Resource?> ReadAsync(Actor actor, string id, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var guid) || await db.Set<MeasurementAlert>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == new MeasurementAlertId(guid), ct) is not { } alert)
        {
            return null;
        }
        await access.RequireAsync(actor, alert.ResidentId, StaffRead, ct);
        return Map(alert);
    }

    public async Task<FhirPage?> SearchAsync(Actor actor, FhirSearch search, CancellationToken ct)
    {
        if (actor.IsResident)
        {
            return new FhirPage([], 0);
        }
        var status = search.Token("status")?.Code;
        var found = new List<MeasurementAlert>();
        foreach (var grant in await FhirPeople.GrantsAsync(actor, search, access, residents, AuditResource, ct))
        {
            var person = grant.Resident;
            found.AddRange(await db.Set<MeasurementAlert>().AsNoTracking().Where(a => a.ResidentId == person).OrderByDescending(a => a.RaisedAt).Take(500).ToListAsync(ct));
            await grant.AuditAsync(null, ct);
        }
        var matches = found.Where(a => status is null || (status == "active") == (a.HandledAt is null)).OrderByDescending(a => a.RaisedAt).ToList();
        return new FhirPage(matches.Skip(search.Offset).Take(search.Count).Select(a => (Resource)Map(a)).ToList(), matches.Count);
    }

    private static Flag Map(MeasurementAlert alert) => new()
    {
        Id = alert.Id.Value.ToString("D"),
        Status = alert.HandledAt is null ? Flag.FlagStatus.Active : Flag.FlagStatus.Inactive,
        Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/flag-category", "clinical", "Clinical")],
        Code = new CodeableConcept(FhirSystems.NaraCodeSystem("alert-kind"), "measurement", alert.Reason),
        Subject = FhirIds.Reference("Patient", alert.ResidentId),
        Period = new Period { Start = alert.RaisedAt.ToString("o", CultureInfo.InvariantCulture), End = alert.HandledAt?.ToString("o", CultureInfo.InvariantCulture) },
        Author = new ResourceReference($"Organization/{alert.UnitId.Value:D}"),
        Extension = [new Extension("http://hl7.org/fhir/StructureDefinition/flag-priority",
            new CodeableConcept("http://hl7.org/fhir/flag-priority-code", alert.Priority == AlertPriority.Hog ? "PH" : "PM", alert.Priority == AlertPriority.Hog ? "High priority" : "Medium priority"))],
    };
}
