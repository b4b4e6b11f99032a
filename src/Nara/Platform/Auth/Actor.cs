using System.Globalization;
using System.Security.Claims;
using Nara.Modules.Organisation.Contracts;
using Nara.Platform.Identifiers;

namespace Nara.Platform.Auth;

public static class NaraRoles
{
    public const string Invanare = "Invanare";
    public const string Vardpersonal = "Vardpersonal";
    public const string Verksamhetschef = "Verksamhetschef";
    public const string Analytiker = "Analytiker";
    public const string Administrator = "Administrator";

    /// <summary>The roles that work with patients at a unit (the <see cref="NaraPolicies.Vardpersonal"/> policy).</summary>
    public static readonly IReadOnlyList<string> Clinical = [Vardpersonal, Verksamhetschef];

    /// <summary>
    /// Where a role lands after sign-in and from the access-denied page: residents on their own pages, staff who work with
    /// patients on their workday, analysts and administrators on the region's analysis.
    /// </summary>
    public static string StartPage(string? role) => role switch
    {
        Invanare => "/mina-sidor",
        Vardpersonal or Verksamhetschef => "/min-arbetsdag",
        Analytiker or Administrator => "/analys",
        _ => "/",
    };

    public static string For(StaffRole role) => role switch
    {
        StaffRole.Vardpersonal => Vardpersonal,
        StaffRole.Verksamhetschef => Verksamhetschef,
        StaffRole.Analytiker => Analytiker,
        StaffRole.Administrator => Administrator,
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };
}

public static class NaraClaims
{
    public const string ActorId = "sub";
    public const string Name = "name";
    public const string Role = "role";
    public const string Profession = "nara:profession";
    public const string Unit = "nara:unit";
    public const string Hsa = "nara:hsa";
}

/// <summary>
/// Authorisation policies, named in Swedish like the roles they are built around (<see cref="NaraRoles"/>); each says
/// which roles pass.
/// </summary>
public static class NaraPolicies
{
    /// <summary>Residents (invånare).</summary>
    public const string Invanare = "Invanare";

    /// <summary>Staff who work with patients at a unit: vårdpersonal and verksamhetschef.</summary>
    public const string Vardpersonal = "Vardpersonal";

    /// <summary>Heads of unit (verksamhetschef).</summary>
    public const string Verksamhetschef = "Verksamhetschef";

    /// <summary>Those who may see aggregates across units: analytiker, verksamhetschef and administratör.</summary>
    public const string Analytiker = "Analytiker";

    /// <summary>Administrators (administratör).</summary>
    public const string Administrator = "Administrator";
}

/// <summary>Who is acting: a resident, or a member of staff working at one unit.</summary>
public sealed record Actor(Guid Id, string Name, string Role, Profession? Profession, UnitId? Unit)
{
    public bool IsResident => Role == NaraRoles.Invanare;
    public bool IsClinician => Role is NaraRoles.Vardpersonal or NaraRoles.Verksamhetschef;
    public ResidentId ResidentId => IsResident ? new ResidentId(Id) : throw new InvalidOperationException("Not a resident.");
    public StaffId StaffId => !IsResident ? new StaffId(Id) : throw new InvalidOperationException("Not staff.");

    public static Actor? FromPrincipal(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true || !Guid.TryParse(user.FindFirstValue(NaraClaims.ActorId), out var id))
        {
            return null;
        }
        var role = user.FindFirstValue(NaraClaims.Role) ?? string.Empty;
        Profession? profession = Enum.TryParse<Profession>(user.FindFirstValue(NaraClaims.Profession), out var p) ? p : null;
        UnitId? unit = Guid.TryParse(user.FindFirstValue(NaraClaims.Unit), out var u) ? new UnitId(u) : null;
        return new Actor(id, user.FindFirstValue(NaraClaims.Name) ?? string.Empty, role, profession, unit);
    }

    public ClaimsIdentity ToIdentity(string authenticationType)
    {
        var claims = new List<Claim>
        {
            new(NaraClaims.ActorId, Id.ToString()),
            new(NaraClaims.Name, Name),
            new(NaraClaims.Role, Role),
        };
        if (Profession is { } p)
        {
            claims.Add(new Claim(NaraClaims.Profession, p.ToString()));
        }
        if (Unit is { } u)
        {
            claims.Add(new Claim(NaraClaims.Unit, u.Value.ToString("D", CultureInfo.InvariantCulture)));
        }
        return new ClaimsIdentity(claims, authenticationType, NaraClaims.Name, NaraClaims.Role);
    }
}
