namespace Nara.Modules.Synthetic.Contracts;

/// <summary>A synthetic person to sign in as on the demo sign-in page.</summary>
/// <param name="Kind">"resident" or "staff", as the demo sign-in expects.</param>
/// <param name="Id">The resident's or staff member's id.</param>
/// <param name="UnitId">For staff: the unit to act for; null for residents.</param>
/// <param name="Name">Full (synthetic) name.</param>
/// <param name="Description">What this persona shows, in Swedish, e.g. "Invånare, listad på Vårdcentralen Centrum".</param>
public sealed record DemoPersona(string Kind, Guid Id, Guid? UnitId, string Name, string Description);

/// <summary>The demo personas of the current database, found by query (stable order), never by remembering what the generator made.</summary>
public interface IDemoPersonas
{
    /// <summary>The personas that exist in the database, in a fixed order; empty when there is no generated region.</summary>
    Task<IReadOnlyList<DemoPersona>> GetAsync(CancellationToken ct);
}

/// <summary>How the demo personas are described, for seeders that look one up.</summary>
public static class DemoPersonaTexts
{
    /// <summary>The start of the municipal nurse persona's description.</summary>
    public const string MunicipalNursePrefix = "Sjuksköterska i kommunens hemsjukvård";

    /// <summary>The start of the specialist clinic doctor persona's description (referrals are sent to their clinic).</summary>
    public const string SpecialistPrefix = "Läkare på specialistklinik";
}
