using System.Globalization;
using Hl7.Fhir.Model;
using Nara.Fhir;
using Nara.Modules.Triage.Contracts;
using Nara.Modules.Triage.Domain;

namespace Nara.Modules.Triage.Fhir;

/// <summary>Code systems and the outcome extension the triage resources use.</summary>
internal static class TriageFhirMapping
{
    public static readonly string UrgencySystem = FhirSystems.NaraCodeSystem("triage-urgency");
    public static readonly string CareLevelSystem = FhirSystems.NaraCodeSystem("triage-care-level");
    public static readonly string ChannelSystem = FhirSystems.NaraCodeSystem("triage-channel");
    public static readonly string ComplaintSystem = FhirSystems.NaraCodeSystem("triage-complaint");
    public static readonly string AnswerSystem = FhirSystems.NaraCodeSystem("triage-answer");

    /// <summary>The engine's outcome on a completed QuestionnaireResponse: sub-extensions urgency, careLevel, channel and rule.</summary>
    public static readonly string OutcomeExtension = FhirSystems.NaraExtension("triage-outcome");

    public static string QuestionnaireUrl(string complaintId, string version) =>
        $"{FhirSystems.NaraBase}/Questionnaire/triage-{complaintId}|{version}";

    public static Coding Urgency(Urgency urgency) => new(UrgencySystem, urgency.ToString(), urgency switch
    {
        Contracts.Urgency.Ring112 => "Ring 112 nu",
        Contracts.Urgency.AkutNu => "Åk till akutmottagningen nu",
        Contracts.Urgency.VardIdag => "Kontakta vården i dag",
        Contracts.Urgency.VardInomDagar => "Boka tid inom några dagar",
        _ => "Egenvård",
    });

    public static Extension Outcome(Assessment assessment) => new()
    {
        Url = OutcomeExtension,
        Extension =
        [
            new Extension("urgency", Urgency(assessment.Urgency!.Value)),
            new Extension("careLevel", new Coding(CareLevelSystem, assessment.CareLevel!.Value.ToString())),
            new Extension("channel", new Coding(ChannelSystem, assessment.Channel!.Value.ToString())),
            new Extension("rule", new FhirString(assessment.RuleId)),
        ],
    };

    public static RequestPriority Priority(Urgency urgency) => urgency switch
    {
        >= Contracts.Urgency.AkutNu => RequestPriority.Stat,
        Contracts.Urgency.VardIdag => RequestPriority.Urgent,
        _ => RequestPriority.Routine,
    };

    public static string Instant(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
