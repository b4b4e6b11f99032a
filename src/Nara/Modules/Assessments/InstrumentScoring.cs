using Nara.Modules.Assessments.Domain;

namespace Nara.Modules.Assessments;

/// <summary>One scale's result: the score (none when too many items are missing), its band, and whether it was prorated; a profile scale's profile instead of a score.</summary>
public sealed record ScaleScore(string Scale, int? Score, ScoreBand? Band, int Missing, bool Prorated, string? Profile = null);

/// <summary>An instrument's result: every scale and the alerts the answers raise.</summary>
public sealed record InstrumentResult(string Instrument, string Version, IReadOnlyList<ScaleScore> Scales, IReadOnlyList<InstrumentAlert> Alerts);

/// <summary>An answer that is not one of the item's: the item is named.</summary>
public sealed class InvalidAnswerException(string item, string message) : Exception(message)
{
    public string Item { get; } = item;
}

/// <summary>
/// Scores an instrument exactly as its content says: each scale the sum of its items' points (reversed items counted
/// from the other end), prorated only where the source allows it, times the scale's multiplier where the source has one,
/// and the band the score falls in.
/// </summary>
public static class InstrumentScoring
{
    /// <summary>
    /// Scores the answers: item id → the points of the chosen answer (as the item's options list them). A scale whose
    /// bands differ by sex reads the score by the person's sex ("kvinna", "man") when it is given.
    /// </summary>
    public static InstrumentResult Score(Instrument instrument, IReadOnlyDictionary<string, int> answers, string? sex = null)
    {
        var items = instrument.Items.ToDictionary(i => i.Id, StringComparer.Ordinal);
        foreach (var (id, answer) in answers)
        {
            if (!items.TryGetValue(id, out var item))
            {
                throw new InvalidAnswerException(id, $"Fråga {id} finns inte i {instrument.Id}.");
            }
            if (!item.Accepts(answer))
            {
                throw new InvalidAnswerException(id, item.Number is null
                    ? $"Svaret {answer} på fråga {id} är inte ett av frågans svar ({item.Allowed})."
                    : $"Svaret {answer} på fråga {id} ska vara ett heltal {item.Allowed}.");
            }
        }
        var scales = instrument.Scales.Select(scale =>
        {
            if (scale.Profile)
            {
                // Each item's level as a digit in order, the missing code for one not answered (EuroQol's user guide).
                var digits = scale.Items.Select(i => answers.TryGetValue(i, out var level) ? (char)('0' + items[i].Points(level)) : InstrumentScale.ProfileMissing).ToArray();
                return new ScaleScore(scale.Id, null, null, scale.Items.Count(i => !answers.ContainsKey(i)), false, new string(digits));
            }
            // Each item counts on its own; a group of alternatives (one_of) counts once, by the first of it answered, as the
            // form says (MNA-SF: F2 only when F1 cannot be answered, so with both, F1 counts).
            var slots = scale.Slots;
            var (sum, given) = (0, 0);
            foreach (var slot in slots)
            {
                foreach (var item in slot)
                {
                    if (answers.TryGetValue(item, out var answer))
                    {
                        sum += items[item].Points(answer) * items[item].Weight;
                        given++;
                        break;
                    }
                }
            }
            var missing = slots.Count - given;
            int? raw = missing == 0 ? sum
                : missing <= scale.MaxMissing && given > 0 ? (int)Math.Round((double)sum / given * slots.Count, MidpointRounding.AwayFromZero)
                : null;
            var score = raw * scale.Multiplier;
            var band = score is { } s ? scale.BandsFor(sex).Single(b => s >= b.From && s <= b.To) : null;
            return new ScaleScore(scale.Id, score, band, missing, score is not null && missing > 0);
        }).ToList();
        var alerts = instrument.Alerts.Where(a => answers.TryGetValue(a.Item, out var answer) && items[a.Item].Points(answer) >= a.AtLeast).ToList();
        return new InstrumentResult(instrument.Id, instrument.Version, scales, alerts);
    }
}
