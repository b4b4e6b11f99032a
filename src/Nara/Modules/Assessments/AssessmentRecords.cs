using System.Text.Json;
using Nara.Modules.Assessments.Domain;
using Nara.Platform.Access;

namespace Nara.Modules.Assessments;

/// <summary>What the module's use cases share: the audit log's resource names and how scores are kept.</summary>
internal static class AssessmentRecords
{
    /// <summary>The audit log's resource for instruments sent, answered and read.</summary>
    public const string AuditResource = "Formulär";

    /// <summary>The audit log's resource for crisis alerts.</summary>
    public const string CrisisResource = "Krislarm";

    /// <summary>How long the team has to acknowledge a crisis alert before it escalates to the unit's head, by default.</summary>
    public static readonly TimeSpan DefaultAcknowledgeWithin = TimeSpan.FromMinutes(15);

    public static readonly AccessRequest Send = AccessRequest.Write(AuditResource) with
    {
        StaffOnly = "Formulär skickas av vårdpersonal.",
        AuditWhenDone = true,
    };

    public static readonly AccessRequest Read = AccessRequest.Read(AuditResource);

    public static readonly AccessRequest Answer = AccessRequest.Write(AuditResource) with
    {
        ResidentsOnly = "Formuläret besvaras av personen själv (eller en vårdnadshavare för ett barn).",
        HiddenAs = ("id", "Formuläret finns inte."),
        AuditWhenDone = true,
    };

    /// <summary>A crisis alert for the unit's team, added to the command's context so it commits with what raised it.</summary>
    public static CrisisAlert RaiseCrisis(Platform.Persistence.NaraDbContext db, IConfiguration configuration, Platform.Identifiers.ResidentId resident,
        Platform.Identifiers.UnitId unit, CrisisSource source, Guid sourceId, string reason, DateTimeOffset now)
    {
        var within = TimeSpan.FromMinutes(configuration.GetValue("Nara:Assessments:CrisisAcknowledgeMinutes", DefaultAcknowledgeWithin.TotalMinutes));
        var alert = new CrisisAlert
        {
            ResidentId = resident, UnitId = unit, Source = source, SourceId = sourceId, Reason = reason, RaisedAt = now, AcknowledgeBy = now.Add(within),
        };
        db.Add(alert);
        return alert;
    }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A scale's result as kept with the response (a profile scale's profile instead of a score).</summary>
    /// <remarks>A profile is written only where there is one: the responses of sum scales keep the shape they always had.</remarks>
    public sealed record KeptScale(string Scale, int? Score, string? Band,
        [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Profile = null);

    public static string ScalesJson(InstrumentResult result) =>
        JsonSerializer.Serialize(result.Scales.Select(s => new KeptScale(s.Scale, s.Score, s.Band?.Id, s.Profile)), Json);

    public static IReadOnlyList<KeptScale> Scales(InstrumentResponse response) =>
        JsonSerializer.Deserialize<List<KeptScale>>(response.ScalesJson, Json) ?? [];

    public static IReadOnlyDictionary<string, int> Answers(InstrumentResponse response) =>
        JsonSerializer.Deserialize<Dictionary<string, int>>(response.AnswersJson, Json) ?? [];
}
