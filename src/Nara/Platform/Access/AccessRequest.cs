using Nara.Platform.Auth;
using Nara.Platform.Identifiers;

namespace Nara.Platform.Access;

/// <summary>
/// What a use case reaches of one resident's personal data, declared where it is reached and checked by
/// <see cref="ResidentAccess.RequireAsync"/>: the audit log's resource and action, and the rules beyond the PDL
/// decision that apply to it.
/// </summary>
public sealed record AccessRequest(string Resource, AuditAction Action)
{
    public static AccessRequest Read(string resource) => new(resource, AuditAction.Read);

    public static AccessRequest Write(string resource) => new(resource, AuditAction.Write);

    /// <summary>The unit whose record it is (a case sent there, a booking there, a clock there): staff reach it only from that unit.</summary>
    public UnitId? HeldBy { get; init; }

    /// <summary>With <see cref="HeldBy"/>: staff at that unit act on their unit's record on its strength (a care relationship), without the PDL decision.</summary>
    public bool UnitRecordSuffices { get; init; }

    /// <summary>What staff at another unit than <see cref="HeldBy"/> are told.</summary>
    public string? OtherUnitRefusal { get; init; }

    /// <summary>Only staff may do this; a resident is told this.</summary>
    public string? StaffOnly { get; init; }

    /// <summary>Only residents (themselves or as guardians) may do this; staff are told this.</summary>
    public string? ResidentsOnly { get; init; }

    /// <summary>What a refused caller is told, instead of the rules' own reason.</summary>
    public string? RefusedAs { get; init; }

    /// <summary>A refusal is answered as this 404 rather than a 403: someone else's record is not theirs to know about.</summary>
    public (string Field, string Message)? HiddenAs { get; init; }

    /// <summary>The allowed access is audited by the use case through <see cref="AccessGrant.AuditAsync(string?, CancellationToken)"/> when its work is done (a write with its detail, a list that found rows), not at once.</summary>
    public bool AuditWhenDone { get; init; }

    /// <summary>A note on the allowed event when it is audited at once.</summary>
    public string? Reason { get; init; }

    /// <summary>The unit where the resident is listed today, when the caller has read it already (saves a query).</summary>
    public UnitId? CurrentListing { get; init; }

    /// <summary>As this request, held by <paramref name="unit"/>; staff there act on the unit's record itself.</summary>
    public AccessRequest AtUnitRecord(UnitId unit) => this with { HeldBy = unit, UnitRecordSuffices = true };
}

/// <summary>
/// An allowed access, with the basis the rules gave. The only way to write an allowed event about a resident, so the log
/// never shows a basis the rules did not give.
/// </summary>
public sealed class AccessGrant
{
    private readonly ResidentAccess _access;

    internal AccessGrant(ResidentAccess access, Actor actor, ResidentId resident, AccessRequest request, AccessBasis basis)
    {
        _access = access;
        Actor = actor;
        Resident = resident;
        Request = request;
        Basis = basis;
    }

    public Actor Actor { get; }

    public ResidentId Resident { get; }

    public AccessRequest Request { get; }

    public AccessBasis Basis { get; }

    /// <summary>Audits the access as declared (its action), with a note on what was done.</summary>
    public Task AuditAsync(string? detail, CancellationToken ct) => _access.AuditAllowedAsync(this, Request.Resource, Request.Action, detail, ct);

    /// <summary>Audits the access as another action than declared (a search hit shown, a read that a write answers with).</summary>
    public Task AuditAsync(AuditAction action, string? detail, CancellationToken ct) => _access.AuditAllowedAsync(this, Request.Resource, action, detail, ct);

    /// <summary>Audits what the access led to under another of the module's resources (a booking made from a waitlist offer).</summary>
    public Task AuditAsync(string resource, AuditAction action, string? detail, CancellationToken ct) => _access.AuditAllowedAsync(this, resource, action, detail, ct);
}
