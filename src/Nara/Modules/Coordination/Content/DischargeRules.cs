using Nara.Platform.Content;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Nara.Modules.Coordination.Content;

/// <summary>One limit of the coordination at discharge: from which moment, how long, what it says, and its source.</summary>
/// <param name="Id">inskrivningsmeddelande, kallelse or betalningsansvar.</param>
/// <param name="From">Counted from the admission (inskriven) or the notice that the patient is ready for discharge (utskrivningsklar).</param>
/// <param name="Length">How long after.</param>
/// <param name="InDays">Said in calendar days (else in hours).</param>
/// <param name="Text">What the limit says, in plain language.</param>
/// <param name="Source">The source it follows.</param>
public sealed record DischargeLimit(string Id, string From, TimeSpan Length, bool InDays, Bilingual Text, CitedSource Source);

/// <summary>
/// The limits of the coordination at discharge from inpatient care (content/discharge/utskrivning.yaml), loaded and
/// checked at start-up: the admission notice within hours of admission, the call to coordinated planning and the start
/// of the municipality's payment responsibility days after the patient is ready for discharge. Content, not code.
/// </summary>
public sealed class DischargeRules
{
    public static readonly IReadOnlyList<string> Ids = ["inskrivningsmeddelande", "kallelse", "betalningsansvar"];

    private DischargeRules(IReadOnlyDictionary<string, DischargeLimit> limits, string status)
    {
        Limits = limits;
        Status = status;
    }

    public IReadOnlyDictionary<string, DischargeLimit> Limits { get; }

    /// <summary>draft (not yet reviewed) or reviewed.</summary>
    public string Status { get; }

    public DischargeLimit AdmissionNotice => Limits["inskrivningsmeddelande"];

    public DischargeLimit PlanningCall => Limits["kallelse"];

    public DischargeLimit PaymentResponsibility => Limits["betalningsansvar"];

    public static DischargeRules Load(string folder)
    {
        var path = Path.Combine(folder, "utskrivning.yaml");
        const string name = "utskrivning.yaml";
        RulesFile? file;
        try
        {
            using var reader = new StreamReader(path);
            file = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build().Deserialize<RulesFile>(reader);
        }
        catch (YamlException ex)
        {
            throw new ContentException(name, ex.Start.Line, ex.InnerException?.Message ?? ex.Message);
        }
        catch (IOException ex)
        {
            throw new ContentException(name, 0, $"filen kan inte läsas: {ex.Message}");
        }
        if (file is null || file.Id != "utskrivning" || file.Status is not ("draft" or "reviewed"))
        {
            throw new ContentException(name, 0, "id ska vara utskrivning och status draft eller reviewed");
        }
        var sources = ContentYaml.Sources(file.Sources, name).ToDictionary(s => s.Id, StringComparer.Ordinal);
        var limits = new Dictionary<string, DischargeLimit>(StringComparer.Ordinal);
        foreach (var l in file.Limits ?? [])
        {
            var at = $"gränsen '{l.Id}'";
            if (l.Id is not { } id || !Ids.Contains(id) || limits.ContainsKey(id))
            {
                throw new ContentException(name, 0, $"{at}: id ska vara ett av {string.Join(", ", Ids)}, en gång var");
            }
            if (l.From is not ("inskriven" or "utskrivningsklar"))
            {
                throw new ContentException(name, 0, $"{at}: from ska vara inskriven eller utskrivningsklar");
            }
            if ((l.Hours is null) == (l.Days is null) || l.Hours is < 1 or > 240 || l.Days is < 0 or > 60)
            {
                throw new ContentException(name, 0, $"{at}: ange antingen hours (1–240) eller days (0–60)");
            }
            if (l.Source is not { } source || !sources.TryGetValue(source, out var cited))
            {
                throw new ContentException(name, 0, $"{at}: source ska vara en av källorna under sources");
            }
            limits[id] = new DischargeLimit(id, l.From, l.Days is { } d ? TimeSpan.FromDays(d) : TimeSpan.FromHours(l.Hours!.Value), l.Days is not null,
                ContentYaml.Text(l.Text, name, $"{at}.text"), cited);
        }
        if (limits.Count != Ids.Count)
        {
            throw new ContentException(name, 0, $"alla gränser behövs: {string.Join(", ", Ids)}");
        }
        return new DischargeRules(limits, file.Status);
    }

    private sealed class RulesFile
    {
        public string? Id { get; set; }
        public string? Status { get; set; }
        public List<ContentYaml.SourceEntry>? Sources { get; set; }
        public List<LimitEntry>? Limits { get; set; }
    }

    private sealed class LimitEntry
    {
        public string? Id { get; set; }
        public string? From { get; set; }
        public int? Hours { get; set; }
        public int? Days { get; set; }
        public ContentYaml.BilingualText? Text { get; set; }
        public string? Source { get; set; }
    }
}
