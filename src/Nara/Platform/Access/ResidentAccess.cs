using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Nara.Platform.Auth;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Platform.Access;

/// <summary>A module that knows of care relationships (listing, booking, referral, care team) contributes one of these.</summary>
public interface ICareRelationshipSource
{
    /// <summary>True when the resident has an active care relationship with the unit today.</summary>
    Task<bool> HasRelationshipAsync(ResidentId resident, UnitId unit, CancellationToken ct);
}

/// <summary>Answers whether one resident may act for another (a custodian for a child under 13).</summary>
public interface IGuardianshipSource
{
    Task<bool> CanActForAsync(ResidentId guardian, ResidentId child, CancellationToken ct);
}

public sealed record AccessDecision(bool Allowed, AccessBasis Basis, string? Explanation)
{
    public static readonly AccessDecision NoAccess = new(false, AccessBasis.None,
        "Du har ingen vårdrelation med patienten på din enhet och patienten har inte samtyckt till sammanhållen journalföring. Nödåtkomst kräver ett angivet skäl och följs upp.");
}

/// <summary>
/// The one place where the access rules of the Patient Data Act (PDL) are applied and every access to a resident's
/// personal health data is written to the audit log. Endpoints use it through <see cref="ResidentAccessFilter"/>,
/// pages through the ResidentAccessGate component; handlers never decide access themselves.
/// </summary>
public sealed class ResidentAccess(
    NaraDbContext db,
    IEnumerable<ICareRelationshipSource> relationships,
    IGuardianshipSource guardianship,
    TimeProvider time,
    AuditWriter writer,
    Microsoft.Extensions.Options.IOptions<AccessOptions> options)
{
    public Task<AccessDecision> DecideAsync(Actor actor, ResidentId resident, CancellationToken ct) =>
        DecideAsync(actor, resident, currentListing: null, ct);

    /// <summary>
    /// As <see cref="DecideAsync(Actor, ResidentId, CancellationToken)"/>, with the unit where the resident is listed
    /// today when the caller has already read it with the resident. An open listing is a care relationship with that
    /// unit, so a listing at the actor's unit decides without another query; otherwise every source is asked as usual.
    /// </summary>
    public async Task<AccessDecision> DecideAsync(Actor actor, ResidentId resident, UnitId? currentListing, CancellationToken ct)
    {
        if (actor.IsResident)
        {
            if (actor.ResidentId == resident)
            {
                return new AccessDecision(true, AccessBasis.Self, null);
            }
            return await guardianship.CanActForAsync(actor.ResidentId, resident, ct)
                ? new AccessDecision(true, AccessBasis.Guardian, null)
                : new AccessDecision(false, AccessBasis.None, "Du kan bara se dina egna uppgifter och dina barns uppgifter till och med 12 års ålder.");
        }
        if (!actor.IsClinician || actor.Unit is not { } unit)
        {
            return new AccessDecision(false, AccessBasis.None, "Din roll ger inte åtkomst till patientuppgifter.");
        }
        if (currentListing == unit)
        {
            return new AccessDecision(true, AccessBasis.CareRelationship, null);
        }
        foreach (var source in relationships)
        {
            if (await source.HasRelationshipAsync(resident, unit, ct))
            {
                return new AccessDecision(true, AccessBasis.CareRelationship, null);
            }
        }
        var now = time.GetUtcNow();
        var staff = actor.StaffId;
        if (await db.Set<EmergencyAccess>().AnyAsync(e => e.StaffId == staff && e.ResidentId == resident && e.UnitId == unit && e.ExpiresAt > now, ct))
        {
            return new AccessDecision(true, AccessBasis.EmergencyAccess, null);
        }
        var consented = await db.Set<SharedRecordsConsent>().AnyAsync(c => c.ResidentId == resident && c.Consented, ct);
        if (consented)
        {
            var blocked = await db.Set<AccessBlock>().AnyAsync(b => b.ResidentId == resident && b.UnitId == unit && b.LiftedAt == null, ct);
            if (!blocked)
            {
                return new AccessDecision(true, AccessBasis.SharedRecords, null);
            }
        }
        return AccessDecision.NoAccess;
    }

    /// <summary>Decides and writes the audit event for the attempt, allowed or not.</summary>
    public Task<AccessDecision> AuthorizeAsync(Actor actor, ResidentId resident, string resource, AuditAction action, CancellationToken ct) =>
        AuthorizeAsync(actor, resident, currentListing: null, resource, action, ct);

    /// <summary>Decides (see <see cref="DecideAsync(Actor, ResidentId, UnitId?, CancellationToken)"/>) and writes the audit event for the attempt, allowed or not.</summary>
    public async Task<AccessDecision> AuthorizeAsync(Actor actor, ResidentId resident, UnitId? currentListing, string resource, AuditAction action, CancellationToken ct)
    {
        var decision = await DecideAsync(actor, resident, currentListing, ct);
        await AuditAsync(actor, resident, resource, action, decision.Allowed ? AuditOutcome.Allowed : AuditOutcome.Denied, decision.Basis, null, ct);
        return decision;
    }

    /// <summary>Units whose information is hidden from this actor because the resident blocked them (spärr); never the actor's own unit.</summary>
    public async Task<IReadOnlySet<UnitId>> HiddenUnitsAsync(Actor actor, ResidentId resident, CancellationToken ct)
    {
        if (actor.IsResident)
        {
            return new HashSet<UnitId>();
        }
        var blocked = await db.Set<AccessBlock>()
            .Where(b => b.ResidentId == resident && b.LiftedAt == null)
            .Select(b => b.UnitId)
            .ToListAsync(ct);
        return blocked.Where(u => u != actor.Unit).ToHashSet();
    }

    public async Task<EmergencyAccess> OpenEmergencyAccessAsync(Actor actor, ResidentId resident, string reason, CancellationToken ct)
    {
        if (!actor.IsClinician || actor.Unit is not { } unit)
        {
            throw new InvalidOperationException("Only clinicians working at a unit can open emergency access.");
        }
        var now = time.GetUtcNow();
        var access = new EmergencyAccess
        {
            StaffId = actor.StaffId,
            UnitId = unit,
            ResidentId = resident,
            Reason = reason.Trim(),
            OpenedAt = now,
            ExpiresAt = now.AddHours(options.Value.EmergencyAccessHours),
        };
        db.Add(access);
        db.Add(NewEvent(actor, resident, "Nödåtkomst", AuditAction.EmergencyAccessOpened, AuditOutcome.Allowed, AccessBasis.EmergencyAccess, access.Reason));
        await db.SaveChangesAsync(ct);
        return access;
    }

    public async Task AuditAsync(Actor actor, ResidentId? resident, string resource, AuditAction action, AuditOutcome outcome, AccessBasis basis, string? reason, CancellationToken ct)
    {
        var auditEvent = NewEvent(actor, resident, resource, action, outcome, basis, reason);
        if (db.Database.CurrentTransaction is not null)
        {
            // Inside a command's transaction the event commits (or rolls back) with the change it records. It is saved
            // with the command's next save, at the latest just before the commit (SaveBeforeCommit): one round trip.
            db.Add(auditEvent);
            return;
        }
        await writer.WriteAsync(auditEvent);
    }

    private AuditEvent NewEvent(Actor actor, ResidentId? resident, string resource, AuditAction action, AuditOutcome outcome, AccessBasis basis, string? reason) => new()
    {
        At = time.GetUtcNow(),
        ActorId = actor.Id,
        ActorName = actor.Name,
        ActorRole = actor.Role,
        ActorUnitId = actor.Unit,
        ResidentId = resident,
        Action = action,
        Resource = resource,
        Outcome = outcome,
        Basis = basis,
        Reason = reason,
        Flagged = basis == AccessBasis.EmergencyAccess,
        TraceId = Activity.Current?.TraceId.ToString(),
    };
}

public sealed class AccessOptions
{
    /// <summary>How long an emergency access lasts before it must be opened again.</summary>
    public int EmergencyAccessHours { get; init; } = 4;
}
