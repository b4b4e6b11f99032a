namespace Nara.Modules.Triage.Contracts;

/// <summary>How urgent the need for care is, most urgent first. The numeric values order them: higher is more urgent.</summary>
public enum Urgency
{
    /// <summary>Self-care, with advice and when to seek care.</summary>
    Egenvard = 0,

    /// <summary>Book care within days.</summary>
    VardInomDagar = 1,

    /// <summary>Contact care within hours, today.</summary>
    VardIdag = 2,

    /// <summary>Go to an emergency department now.</summary>
    AkutNu = 3,

    /// <summary>Call 112 now.</summary>
    Ring112 = 4,
}

/// <summary>Where the resident should get care.</summary>
public enum TriageCareLevel
{
    Egenvard,
    Radgivning1177,
    Vardcentral,
    Jourmottagning,
    Akutmottagning,
    PsykiatriskAkutmottagning,
    Tandvard,
}

/// <summary>How the resident should get in touch.</summary>
public enum TriageChannel
{
    Ingen,
    Chatt,
    Video,
    Telefon,
    Besok,
}
