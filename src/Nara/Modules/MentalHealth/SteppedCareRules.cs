using System.Globalization;
using Nara.Modules.Assessments.Contracts;
using Nara.Modules.MentalHealth.Content;

namespace Nara.Modules.MentalHealth;

/// <summary>What the rules propose for a care need now: a step (or none), whether it steps up, why, and what to send next.</summary>
/// <param name="Step">The proposed step's id, or null when the scores propose none.</param>
/// <param name="StepUp">The proposal is the next step up after no response on the current one.</param>
/// <param name="Reasons">Why, in Swedish, one line per score or rule.</param>
/// <param name="FollowUp">An instrument to send before a step can be proposed, or to see the response ("phq-9").</param>
public sealed record StepProposal(string? Step, bool StepUp, IReadOnlyList<string> Reasons, string? FollowUp);

/// <summary>
/// The stepped-care rules of content/stepped-care read against a person's scores: the latest score of each instrument
/// the rules know proposes the step its band maps to (the highest wins); a positive screen without a full instrument
/// proposes sending it; on a step for at least the content's weeks without response (a fall of the content's per cent
/// from the score when the step began, in whole numbers), the next step up is proposed. A proposal only: the clinician
/// decides.
/// </summary>
public static class SteppedCareRules
{
    private static readonly CultureInfo Sv = CultureInfo.GetCultureInfo("sv-SE");

    public static StepProposal Propose(SteppedCareContent content, IReadOnlyList<InstrumentScore> scores, string? currentStep, DateTimeOffset? stepSince, DateTimeOffset now)
    {
        var reasons = new List<string>();
        CareStep? proposed = null;
        var latest = scores.GroupBy(s => s.Instrument).Select(g => g.OrderBy(s => s.At).Last()).OrderBy(s => s.Instrument, StringComparer.Ordinal).ToList();
        foreach (var score in latest)
        {
            if (content.Proposals.FirstOrDefault(p => p.Instrument == score.Instrument && p.Band == score.Band) is not { } rule)
            {
                continue;
            }
            var step = content.Step(rule.Step)!;
            reasons.Add($"{score.Name} {score.Score} poäng ({Band(score)}, {Date(score.At)}): {step.Name.Sv}");
            if (proposed is null || step.Level > proposed.Level)
            {
                proposed = step;
            }
        }
        string? followUp = null;
        if (proposed is null)
        {
            foreach (var score in latest)
            {
                if (content.Opens.FirstOrDefault(o => o.Instrument == score.Instrument && o.Bands.Contains(score.Band ?? "")) is { FollowUp: { } next }
                    && !latest.Any(s => s.Instrument == next && s.At >= score.At))
                {
                    followUp ??= next;
                    reasons.Add($"{score.Name} {score.Score} poäng ({Band(score)}, {Date(score.At)}): följ upp med {next.ToUpperInvariant()} innan ett steg föreslås");
                }
            }
        }

        var stepUp = false;
        if (content.Step(currentStep) is { } current && stepSince is { } since)
        {
            var weeks = content.StepUpWeeks;
            var due = since.AddDays(7 * weeks);
            foreach (var instrument in content.Proposals.Select(p => p.Instrument).Distinct(StringComparer.Ordinal))
            {
                var course = scores.Where(s => s.Instrument == instrument).OrderBy(s => s.At).ToList();
                var baseline = course.LastOrDefault(s => s.At <= since) ?? course.FirstOrDefault(s => s.At > since && s.At <= since.AddDays(7));
                if (baseline is null || baseline.Score == 0)
                {
                    continue;
                }
                var after = course.LastOrDefault(s => s.At > baseline.At);
                if (now < due)
                {
                    continue;
                }
                if (after is null)
                {
                    followUp ??= instrument;
                    reasons.Add($"Inget nytt {baseline.Name} sedan steget började för {weeks} veckor sedan: skicka ett för att se effekten");
                    continue;
                }
                var fall = baseline.Score - after.Score;
                var change = $"{baseline.Name} {baseline.Score} → {after.Score}";
                if (fall * 100 >= content.ResponsePercent * baseline.Score)
                {
                    reasons.Add($"Respons på steget: {change} (minst {content.ResponsePercent} % lägre)");
                    continue;
                }
                if (content.Steps.FirstOrDefault(s => s.Level == current.Level + 1) is { } next)
                {
                    reasons.Add($"Ingen respons efter {weeks} veckor på {current.Name.Sv}: {change}. Föreslår nästa steg: {next.Name.Sv}");
                    stepUp = true;
                    if (proposed is null || next.Level > proposed.Level)
                    {
                        proposed = next;
                    }
                }
                else
                {
                    reasons.Add($"Ingen respons efter {weeks} veckor på {current.Name.Sv}: {change}. Det finns inget högre steg: ompröva behandlingen");
                }
            }
        }
        if (latest.Any(s => s.Crisis))
        {
            reasons.Insert(0, "Ett svar har gett krislarm: bedöm risken för självmord innan steget bestäms");
        }
        return new StepProposal(proposed?.Id, stepUp, reasons, followUp);
    }

    /// <summary>The rule that opens a care need for this score, if any.</summary>
    public static OpeningRule? Opens(SteppedCareContent content, string instrument, string? band) =>
        band is null ? null : content.Opens.FirstOrDefault(o => o.Instrument == instrument && o.Bands.Contains(band));

    private static string Band(InstrumentScore score) => score.BandText?.Sv.ToLower(Sv) ?? score.Band ?? "–";

    private static string Date(DateTimeOffset at) => Platform.Time.Stockholm.ToLocal(at).ToString("d MMM yyyy", Sv);
}
