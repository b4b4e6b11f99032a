using System.Globalization;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Nara.Fhir;
using Nara.Modules.Organisation.Contracts;
using Nara.Platform.Auth;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;
using FhirAuditEvent = Hl7.Fhir.Model.AuditEvent;

namespace Nara.Platform.Access.Fhir;

/// <summary>
/// The audit log (loggpost) as AuditEvent. Who may read: an administrator all of it, a verksamhetschef the events of staff
/// acting at their units, a resident the events about themselves. Reading the log is itself an access to personal data:
/// every read or search writes ONE audit event ("FHIR AuditEvent"), never one per row returned.
/// </summary>
internal sealed class AuditEventResource(NaraDbContext db, ResidentAccess access, IOrganisationDirectory organisation)
    : IFhirResourceHandler, IFhirResourceDefinition
{
    public const string AuditResource = "FHIR AuditEvent";

    public static readonly string FlaggedExtension = FhirSystems.NaraExtension("audit-flagged-for-review");
    public static readonly string ActionSystem = FhirSystems.NaraCodeSystem("audit-action");
    public static readonly string BasisSystem = FhirSystems.NaraCodeSystem("access-basis");
    public static readonly string RoleSystem = FhirSystems.NaraCodeSystem("role");

    public static string ResourceType => "AuditEvent";

    public static IReadOnlyList<FhirSearchParameter> SearchParameters { get; } =
    [
        new("patient", SearchParamType.Reference, "Patient/<id>: händelser som rör patienten."),
        new("date", SearchParamType.Date, "Tidpunkt för händelsen; prefixen eq, ge, gt, le och lt, kan upprepas (date=ge…&date=le…)."),
        new("agent", SearchParamType.Reference, "Practitioner/<id> eller Patient/<id>: vem som gjorde åtkomsten."),
    ];

    public async Task<Resource> ReadAsync(Actor actor, string id, CancellationToken ct)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var eventId))
        {
            throw FhirException.MalformedId(ResourceType, id, "förväntade ett heltal");
        }
        var row = await db.Set<AuditEvent>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == eventId, ct)
            ?? throw FhirException.NotFound(ResourceType, id);
        if (actor.IsResident)
        {
            // A resident reads the log about themselves (or a child they are guardian for), under the access rules.
            if (row.ResidentId is not { } about || await access.GrantOrNullAsync(actor, about, AccessRequest.Read(AuditResource), ct) is not { } grant)
            {
                await access.AuditRefusalAsync(actor, row.ResidentId, AuditResource, AuditAction.Read, ct);
                throw FhirException.Forbidden("Du får inte läsa den här loggposten.");
            }
            await grant.AuditAsync(null, ct);
            return ToFhir(row);
        }
        var scope = await OversightAsync(actor, row.ResidentId, AuditAction.Read, ct);
        if (!await scope.AnyAsync(e => e.Id == eventId, ct))
        {
            await access.AuditRefusalAsync(actor, row.ResidentId, AuditResource, AuditAction.Read, ct);
            throw FhirException.Forbidden("Du får inte läsa den här loggposten.");
        }
        await access.AuditOversightAsync(actor, row.ResidentId, AuditResource, AuditAction.Read, ct);
        return ToFhir(row);
    }

    public async Task<FhirPage> SearchAsync(Actor actor, FhirSearch search, CancellationToken ct)
    {
        var patient = FhirIds.FromSearch<ResidentId>(search, "patient", "Patient");
        IQueryable<AuditEvent> query;
        AccessGrant? grant = null;
        if (actor.IsResident)
        {
            // Events about the resident, or about a child they are guardian for. Naming someone else is refused, and
            // the attempt is in that person's log as refused (never as an access with a basis of its own).
            var about = patient ?? actor.ResidentId;
            grant = await access.RequireAsync(actor, about, new AccessRequest(AuditResource, AuditAction.Search) { AuditWhenDone = true }, ct);
            ResidentId? subject = about;
            query = db.Set<AuditEvent>().AsNoTracking().Where(e => e.ResidentId == subject);
        }
        else
        {
            query = await OversightAsync(actor, patient, AuditAction.Search, ct);
            if (patient is { } p)
            {
                query = query.Where(e => e.ResidentId == p);
            }
        }
        if (search.Reference("agent") is { } agent)
        {
            if (agent.Type is { } type && type is not ("Practitioner" or "Patient"))
            {
                throw FhirException.BadParameter("agent", $"ska referera till Practitioner eller Patient, inte {type}.");
            }
            if (!Guid.TryParse(agent.Id, out var actorId))
            {
                throw FhirException.BadParameter("agent", $"'{agent.Id}' är inget giltigt id (GUID).");
            }
            query = query.Where(e => e.ActorId == actorId);
        }
        foreach (var date in search.Dates("date"))
        {
            // Npgsql wants UTC, and the SQLite converter compares local ticks: both are right only with offset zero.
            var start = date.Start.ToUniversalTime();
            var end = date.End.ToUniversalTime();
            query = date.Prefix switch
            {
                "eq" => query.Where(e => e.At >= start && e.At < end),
                "ge" => query.Where(e => e.At >= start),
                "gt" => query.Where(e => e.At >= end),
                "le" => query.Where(e => e.At < end),
                "lt" => query.Where(e => e.At < start),
                _ => throw FhirException.BadParameter("date", $"prefixet '{date.Prefix}' stöds inte."),
            };
        }
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Skip(search.Offset).Take(search.Count).ToListAsync(ct);
        // One event for the whole listing: who looked at the log, and about whom when the search was for one patient.
        if (grant is not null)
        {
            await grant.AuditAsync(null, ct);
        }
        else
        {
            await access.AuditOversightAsync(actor, patient, AuditResource, AuditAction.Search, ct);
        }
        return new FhirPage(rows.Select(r => (Resource)ToFhir(r)).ToList(), total);
    }

    /// <summary>The events a head of unit (those of their units' staff) or an administrator (all) may review; others are refused.</summary>
    private async Task<IQueryable<AuditEvent>> OversightAsync(Actor actor, ResidentId? named, AuditAction action, CancellationToken ct)
    {
        var events = db.Set<AuditEvent>().AsNoTracking();
        if (actor.Role == NaraRoles.Administrator)
        {
            return events;
        }
        if (actor.Role == NaraRoles.Verksamhetschef && await organisation.GetStaffAsync(actor.StaffId, ct) is { } staff)
        {
            var units = staff.Units.Select(u => (UnitId?)u).ToList();
            return events.Where(e => units.Contains(e.ActorUnitId));
        }
        await access.AuditRefusalAsync(actor, named, AuditResource, action, ct);
        throw FhirException.Forbidden("Loggen kan läsas av verksamhetschefer (för sina enheter), administratörer och av invånaren om sig själv.");
    }

    internal static FhirAuditEvent ToFhir(AuditEvent e)
    {
        var isResident = e.ActorRole == NaraRoles.Invanare;
        var agent = new FhirAuditEvent.AgentComponent
        {
            Who = new ResourceReference($"{(isResident ? "Patient" : "Practitioner")}/{e.ActorId:D}", e.ActorName),
            Requestor = true,
            Role = [new CodeableConcept(RoleSystem, e.ActorRole)],
            PurposeOfUse = [PurposeOfUse(e.Basis, e.Reason)],
        };
        if (e.ActorUnitId is { } unit)
        {
            agent.Location = FhirIds.Reference("Location", unit);
        }
        var entity = new FhirAuditEvent.EntityComponent { Description = e.Resource };
        if (e.ResidentId is { } resident)
        {
            entity.What = FhirIds.Reference("Patient", resident);
            entity.Type = new Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "1", "Person");
            entity.Role = new Coding("http://terminology.hl7.org/CodeSystem/object-role", "1", "Patient");
        }
        var result = new FhirAuditEvent
        {
            Id = e.Id.ToString(CultureInfo.InvariantCulture),
            Type = new Coding("http://terminology.hl7.org/CodeSystem/audit-event-type", "rest", "RESTful Operation"),
            Subtype = [Interaction(e.Action), new Coding(ActionSystem, e.Action.ToString())],
            Action = e.Action switch
            {
                AuditAction.Write => FhirAuditEvent.AuditEventAction.U,
                AuditAction.Search or AuditAction.EmergencyAccessOpened => FhirAuditEvent.AuditEventAction.E,
                _ => FhirAuditEvent.AuditEventAction.R,
            },
            Recorded = e.At,
            Outcome = e.Outcome == AuditOutcome.Allowed ? FhirAuditEvent.AuditEventOutcome.N0 : FhirAuditEvent.AuditEventOutcome.N8,
            OutcomeDesc = e.Outcome == AuditOutcome.Allowed ? null : "Åtkomst nekad",
            Agent = [agent],
            Source = new FhirAuditEvent.SourceComponent
            {
                Site = "Nära",
                Observer = new ResourceReference { Display = "Nära" },
                Type = [new Coding("http://terminology.hl7.org/CodeSystem/security-source-type", "4", "Application Server")],
            },
            Entity = [entity],
        };
        if (e.Flagged)
        {
            // Emergency access (nödåtkomst) must be followed up by a verksamhetschef: flagged as an extension, and the
            // purposeOfUse says ETREAT with the stated reason as text.
            result.Extension.Add(new Extension(FlaggedExtension, new FhirBoolean(true)));
        }
        return result;
    }

    private static Coding Interaction(AuditAction action) => action switch
    {
        AuditAction.Read => new Coding("http://hl7.org/fhir/restful-interaction", "read", "read"),
        AuditAction.Search => new Coding("http://hl7.org/fhir/restful-interaction", "search-type", "search type"),
        AuditAction.Write => new Coding("http://hl7.org/fhir/restful-interaction", "update", "update"),
        AuditAction.Export => new Coding("http://hl7.org/fhir/restful-interaction", "search-system", "search system"),
        _ => new Coding("http://hl7.org/fhir/restful-interaction", "operation", "operation"),
    };

    private static CodeableConcept PurposeOfUse(AccessBasis basis, string? reason)
    {
        var concept = new CodeableConcept { Text = reason };
        var v3 = basis switch
        {
            AccessBasis.CareRelationship or AccessBasis.SharedRecords => ("TREAT", "treatment"),
            AccessBasis.EmergencyAccess => ("ETREAT", "Emergency Treatment"),
            AccessBasis.Self => ("PATRQT", "patient requested"),
            AccessBasis.Guardian => ("FAMRQT", "family requested"),
            AccessBasis.Aggregate => ("HOPERAT", "healthcare operations"),
            _ => ((string, string)?)null,
        };
        if (v3 is { } code)
        {
            concept.Coding.Add(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActReason", code.Item1, code.Item2));
        }
        concept.Coding.Add(new Coding(BasisSystem, basis.ToString()));
        return concept;
    }
}
