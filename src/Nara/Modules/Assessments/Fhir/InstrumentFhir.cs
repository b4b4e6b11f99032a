using System.Globalization;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Nara.Fhir;
using Nara.Modules.Assessments.Content;
using Nara.Modules.Assessments.Contracts;
using Nara.Modules.Assessments.Domain;
using Nara.Modules.Residents.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Auth;
using Nara.Platform.Persistence;
using Nara.Modules.Assessments.Features;
using Task = System.Threading.Tasks.Task;

namespace Nara.Modules.Assessments.Fhir;

/// <summary>How the instruments and their answers look in FHIR: canonical addresses, code systems and the people a search covers.</summary>
internal static class InstrumentFhir
{
    public const string IdPrefix = "instrument-";

    public static readonly string AnswerSystem = FhirSystems.NaraCodeSystem("instrument-answer");

    public static readonly string ScoreSystem = FhirSystems.NaraCodeSystem("instrument-score");

    public const string OrdinalValue = "http://hl7.org/fhir/StructureDefinition/ordinalValue";

    public static string Canonical(Instrument instrument) => $"{FhirSystems.NaraBase}/Questionnaire/{IdPrefix}{instrument.Id}";

    public static IServiceCollection AddAssessmentsFhir(this IServiceCollection services) => services
        .AddFhirSource<InstrumentQuestionnaires>()
        .AddFhirSource<InstrumentResponses>()
        .AddFhirSource<InstrumentScores>()
        .AddFhirSource<CrisisFlags>();
}

/// <summary>
/// The rating instruments as Questionnaire (<c>instrument-&lt;id&gt;</c>): each item a <c>choice</c> with its answers as
/// codings (code = the answer's points) and the points as <c>ordinalValue</c>; items a scale cannot be scored without
/// are <c>required</c>. Content: any signed-in user may read it, nothing is audited.
/// </summary>
internal sealed class InstrumentQuestionnaires(InstrumentCatalog catalog) : IFhirSource
{
    public string ResourceType => "Questionnaire";

    public Task<Resource?> ReadAsync(Actor actor, string id, CancellationToken ct) =>
        Task.FromResult<Resource?>(id.StartsWith(InstrumentFhir.IdPrefix, StringComparison.Ordinal) && catalog.Find(id[InstrumentFhir.IdPrefix.Length..]) is { } instrument
            ? Map(instrument) : null);

    public Task<FhirPage?> SearchAsync(Actor actor, FhirSearch search, CancellationToken ct)
    {
        var status = search.Token("status")?.Code;
        var url = search.Uri("url");
        var name = search.Text("name");
        var title = search.Text("title");
        var matches = catalog.Instruments.Values
            .Where(i => status is null || Status(i) == status)
            .Where(i => url is null || url == InstrumentFhir.Canonical(i) || url == $"{InstrumentFhir.Canonical(i)}|{i.Version}")
            .Where(i => name is null || Name(i).Contains(name, StringComparison.OrdinalIgnoreCase))
            .Where(i => title is null || i.Name.Sv.Contains(title, StringComparison.OrdinalIgnoreCase))
            .ToList();
        return Task.FromResult<FhirPage?>(new FhirPage(matches.Skip(search.Offset).Take(search.Count).Select(i => (Resource)Map(i)).ToList(), matches.Count));
    }

    private static string Status(Instrument i) => i.Status == "published" ? "active" : "draft";

    private static string Name(Instrument i) => "Instrument" + string.Concat(i.Id.Split('-').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

    public static Questionnaire Map(Instrument instrument)
    {
        var required = AnswerInstrument.Required(instrument).ToHashSet(StringComparer.Ordinal);
        var q = new Questionnaire
        {
            Id = InstrumentFhir.IdPrefix + instrument.Id,
            Url = InstrumentFhir.Canonical(instrument),
            Version = instrument.Version,
            Name = Name(instrument),
            Title = instrument.Name.Sv,
            Status = instrument.Status == "published" ? PublicationStatus.Active : PublicationStatus.Draft,
            SubjectType = [Hl7.Fhir.Model.ResourceType.Patient],
            Language = "sv",
            Copyright = new Markdown(instrument.Licence.Sv),
            Description = new Markdown(instrument.Intro.Sv),
        };
        foreach (var item in instrument.Items)
        {
            if (item.Number is { } n)
            {
                // A whole number in a range (the EQ VAS): an integer item with the standard minValue and maxValue.
                q.Item.Add(new Questionnaire.ItemComponent
                {
                    LinkId = item.Id,
                    Prefix = item.Id,
                    Text = $"{item.Text.Sv} ({n.LowText.Sv}; {n.HighText.Sv})",
                    Type = Questionnaire.QuestionnaireItemType.Integer,
                    Required = required.Contains(item.Id),
                    Extension =
                    [
                        new Extension("http://hl7.org/fhir/StructureDefinition/minValue", new Integer(n.Min)),
                        new Extension("http://hl7.org/fhir/StructureDefinition/maxValue", new Integer(n.Max)),
                    ],
                });
                continue;
            }
            q.Item.Add(new Questionnaire.ItemComponent
            {
                LinkId = item.Id,
                Prefix = item.Id,
                Text = item.Text.Sv,
                Type = Questionnaire.QuestionnaireItemType.Choice,
                Required = required.Contains(item.Id),
                AnswerOption = item.Options.Select(o => new Questionnaire.AnswerOptionComponent
                {
                    Value = new Coding(InstrumentFhir.AnswerSystem, o.Points.ToString(CultureInfo.InvariantCulture), o.Text.Sv)
                    {
                        Extension = [new Extension(InstrumentFhir.OrdinalValue, new FhirDecimal(item.Points(o.Points)))],
                    },
                }).ToList(),
            });
        }
        return q;
    }
}

/// <summary>
/// The answers to rating instruments as QuestionnaireResponse (id = the response's), completed, each item answered with the
/// chosen answer's coding. Read and search by subject under the access rules, audited as "FHIR QuestionnaireResponse".
/// </summary>
internal sealed class InstrumentResponses(NaraDbContext db, ResidentAccess access, InstrumentCatalog catalog, IResidentDirectory residents) : IFhirSource
{
    public const string AuditResource = "FHIR QuestionnaireResponse";

    public string ResourceType => "QuestionnaireResponse";

    public async Task<Resource?> ReadAsync(Actor actor, string id, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var guid) || await db.Set<InstrumentResponse>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == new InstrumentResponseId(guid), ct) is not { } response)
        {
            return null;
        }
        await access.RequireAsync(actor, response.ResidentId, AccessRequest.Read(AuditResource), ct);
        return Map(response);
    }

    public async Task<FhirPage?> SearchAsync(Actor actor, FhirSearch search, CancellationToken ct)
    {
        string? instrument = null;
        if (search.Reference("questionnaire") is { } questionnaire)
        {
            if (!questionnaire.Id.StartsWith(InstrumentFhir.IdPrefix, StringComparison.Ordinal))
            {
                return null;
            }
            instrument = questionnaire.Id[InstrumentFhir.IdPrefix.Length..];
        }
        if (search.Token("status")?.Code is { } status && status != "completed")
        {
            return search.Token("status")!.Code == "in-progress" ? new FhirPage([], 0) : null;
        }
        var found = new List<InstrumentResponse>();
        foreach (var grant in await FhirPeople.GrantsAsync(actor, search, access, residents, AuditResource, ct))
        {
            var person = grant.Resident;
            var list = await db.Set<InstrumentResponse>().AsNoTracking()
                .Where(r => r.ResidentId == person && (instrument == null || r.InstrumentId == instrument)).ToListAsync(ct);
            await grant.AuditAsync(null, ct);
            found.AddRange(list);
        }
        var ordered = found.OrderByDescending(r => r.AnsweredAt).ToList();
        return new FhirPage(ordered.Skip(search.Offset).Take(search.Count).Select(r => (Resource)Map(r)).ToList(), ordered.Count);
    }

    private QuestionnaireResponse Map(InstrumentResponse response)
    {
        var instrument = catalog.Find(response.InstrumentId);
        var qr = new QuestionnaireResponse
        {
            Id = response.Id.Value.ToString("D"),
            Questionnaire = instrument is null ? null : $"{InstrumentFhir.Canonical(instrument)}|{response.InstrumentVersion}",
            Status = QuestionnaireResponse.QuestionnaireResponseStatus.Completed,
            Subject = FhirIds.Reference("Patient", response.ResidentId),
            Authored = response.AnsweredAt.ToString("o", CultureInfo.InvariantCulture),
            Author = FhirIds.Reference("Patient", response.ResidentId, response.AnsweredByName),
        };
        foreach (var (item, points) in AssessmentRecords.Answers(response).OrderBy(a => instrument?.Items.ToList().FindIndex(i => i.Id == a.Key) ?? 0))
        {
            var asked = instrument?.Items.FirstOrDefault(i => i.Id == item);
            var option = asked?.Options.FirstOrDefault(o => o.Points == points);
            qr.Item.Add(new QuestionnaireResponse.ItemComponent
            {
                LinkId = item,
                Answer = [new QuestionnaireResponse.AnswerComponent
                {
                    Value = asked?.Number is not null ? new Integer(points) : new Coding(InstrumentFhir.AnswerSystem, points.ToString(CultureInfo.InvariantCulture), option?.Text.Sv),
                }],
            });
        }
        return qr;
    }
}

/// <summary>
/// Each scored scale of an instrument answer as an Observation (category survey, id <c>score-&lt;response&gt;-&lt;scale&gt;</c>),
/// derived from its QuestionnaireResponse: the score as valueInteger (a profile, EQ-5D-5L's health state, as valueString), the band as interpretation. Read and search by
/// subject (and code) under the access rules, audited as "FHIR Observation".
/// </summary>
internal sealed class InstrumentScores(NaraDbContext db, ResidentAccess access, InstrumentCatalog catalog, IResidentDirectory residents) : IFhirSource
{
    public const string AuditResource = "FHIR Observation";

    private const string Prefix = "score-";

    public string ResourceType => "Observation";

    public async Task<Resource?> ReadAsync(Actor actor, string id, CancellationToken ct)
    {
        if (!id.StartsWith(Prefix, StringComparison.Ordinal) || id.Length < Prefix.Length + 34 || !Guid.TryParseExact(id.Substring(Prefix.Length, 32), "N", out var guid))
        {
            return null;
        }
        var scale = id[(Prefix.Length + 33)..];
        if (await db.Set<InstrumentResponse>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == new InstrumentResponseId(guid), ct) is not { } response)
        {
            return null;
        }
        await access.RequireAsync(actor, response.ResidentId, AccessRequest.Read(AuditResource), ct);
        return Observations(response).FirstOrDefault(o => o.Id == id);
    }

    public async Task<FhirPage?> SearchAsync(Actor actor, FhirSearch search, CancellationToken ct)
    {
        if (search.Token("category") is { } category && category.Code != "survey")
        {
            return null;
        }
        var code = search.Token("code");
        if (code is not null && !catalog.Instruments.Values.Any(i => Codes(i).Any(c => c.Code == code.Code)))
        {
            return null;
        }
        var dates = search.Dates("date");
        var found = new List<Observation>();
        foreach (var grant in await FhirPeople.GrantsAsync(actor, search, access, residents, AuditResource, ct))
        {
            var person = grant.Resident;
            var list = await db.Set<InstrumentResponse>().AsNoTracking().Where(r => r.ResidentId == person).ToListAsync(ct);
            await grant.AuditAsync(null, ct);
            found.AddRange(list.Where(r => dates.All(d => d.Matches(r.AnsweredAt))).SelectMany(Observations)
                .Where(o => code is null || o.Code.Coding.Any(c => c.Code == code.Code)));
        }
        var ordered = found.OrderByDescending(o => o.Effective is FhirDateTime t ? t.Value : "").ToList();
        return new FhirPage(ordered.Skip(search.Offset).Take(search.Count).ToList<Resource>(), ordered.Count);
    }

    private static IEnumerable<Coding> Codes(Instrument instrument) =>
        instrument.Scales.Select(s => new Coding(InstrumentFhir.ScoreSystem, $"{instrument.Id}-{s.Id}", $"{instrument.Name.Sv}: {s.Name.Sv}"));

    private IEnumerable<Observation> Observations(InstrumentResponse response)
    {
        if (catalog.Find(response.InstrumentId) is not { } instrument)
        {
            yield break;
        }
        foreach (var kept in AssessmentRecords.Scales(response).Where(s => s.Score is not null || s.Profile is not null))
        {
            var scale = instrument.Scales.FirstOrDefault(s => s.Id == kept.Scale);
            if (scale is null)
            {
                continue;
            }
            var band = scale.Band(kept.Band);
            var code = new CodeableConcept(InstrumentFhir.ScoreSystem, $"{instrument.Id}-{scale.Id}", $"{instrument.Name.Sv}: {scale.Name.Sv}");
            if (scale.Loinc is { } loinc)
            {
                code.Coding.Add(new Coding("http://loinc.org", loinc));
            }
            yield return new Observation
            {
                Id = $"{Prefix}{response.Id.Value:N}-{scale.Id}",
                Status = ObservationStatus.Final,
                Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/observation-category", "survey", "Survey")],
                Code = code,
                Subject = FhirIds.Reference("Patient", response.ResidentId),
                Effective = new FhirDateTime(response.AnsweredAt),
                // A profile (EQ-5D-5L's health state, "21321") is a string; a score an integer.
                Value = kept.Profile is { } profile ? new FhirString(profile) : new Integer(kept.Score),
                Interpretation = band is null ? [] : [new CodeableConcept { Text = band.Text.Sv }],
                DerivedFrom = [new ResourceReference($"QuestionnaireResponse/{response.Id.Value:D}")],
            };
        }
    }
}

/// <summary>
/// Crisis alerts as Flag (id = the alert's): active until acknowledged, with the priority extension at its highest. Read
/// and search by subject under the access rules (staff only), audited as "FHIR Flag".
/// </summary>
internal sealed class CrisisFlags(NaraDbContext db, ResidentAccess access, IResidentDirectory residents) : IFhirSource
{
    public const string AuditResource = "FHIR Flag";

    public const string PriorityExtension = "http://hl7.org/fhir/StructureDefinition/flag-priority";

    public string ResourceType => "Flag";

    private static readonly AccessRequest StaffRead = AccessRequest.Read(AuditResource) with { StaffOnly = "Larm visas för vårdpersonal." };

    public async Task<Resource?> ReadAsync(Actor actor, string id, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var guid) || await db.Set<CrisisAlert>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == new CrisisAlertId(guid), ct) is not { } alert)
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
        var found = new List<CrisisAlert>();
        foreach (var grant in await FhirPeople.GrantsAsync(actor, search, access, residents, AuditResource, ct))
        {
            var person = grant.Resident;
            found.AddRange(await db.Set<CrisisAlert>().AsNoTracking().Where(a => a.ResidentId == person).ToListAsync(ct));
            await grant.AuditAsync(null, ct);
        }
        var matches = found.Where(a => status is null || (status == "active") == (a.AcknowledgedAt is null)).OrderByDescending(a => a.RaisedAt).ToList();
        return new FhirPage(matches.Skip(search.Offset).Take(search.Count).Select(a => (Resource)Map(a)).ToList(), matches.Count);
    }

    private static Flag Map(CrisisAlert alert) => new()
    {
        Id = alert.Id.Value.ToString("D"),
        Status = alert.AcknowledgedAt is null ? Flag.FlagStatus.Active : Flag.FlagStatus.Inactive,
        Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/flag-category", "clinical", "Clinical")],
        Code = new CodeableConcept(FhirSystems.NaraCodeSystem("alert-kind"), "crisis", alert.Reason),
        Subject = FhirIds.Reference("Patient", alert.ResidentId),
        Period = new Period { Start = alert.RaisedAt.ToString("o", CultureInfo.InvariantCulture), End = alert.AcknowledgedAt?.ToString("o", CultureInfo.InvariantCulture) },
        Author = new ResourceReference($"Organization/{alert.UnitId.Value:D}"),
        Extension = [new Extension(PriorityExtension, new CodeableConcept("http://hl7.org/fhir/flag-priority-code", "PH", "High priority"))],
    };
}
