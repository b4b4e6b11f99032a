using Nara.Modules.Assessments.Domain;

namespace Nara.Modules.Assessments;

/// <summary>A person's course on one scale: the first and latest score, the change, and response and remission where the scale defines them.</summary>
/// <param name="First">The first score (the baseline).</param>
/// <param name="Latest">The latest score.</param>
/// <param name="Change">Latest minus first.</param>
/// <param name="Response">A fall of at least the scale's response percentage from a first score above 0; null where the scale defines no outcome or there is one score.</param>
/// <param name="Remission">The latest score in the remission band after a first score above it; null as for <paramref name="Response"/>.</param>
public sealed record Course(int First, int Latest, int Change, bool? Response, bool? Remission);

/// <summary>Reads a course of scores as measurement-based care does (<see cref="ScaleOutcome"/>).</summary>
public static class Outcomes
{
    /// <summary>The course of scores in time order; null when there is no score.</summary>
    public static Course? Of(InstrumentScale scale, IReadOnlyList<int> scores)
    {
        if (scores.Count == 0)
        {
            return null;
        }
        int first = scores[0], latest = scores[^1];
        if (scale.Outcome is not { } outcome || scores.Count < 2)
        {
            return new Course(first, latest, latest - first, null, null);
        }
        var remission = scale.Bands.Single(b => b.Id == outcome.RemissionBand);
        // Response: latest ≤ first × (1 − p/100), in whole numbers so that 50 % of 15 is met by 7 but not by 8.
        var response = first > 0 && (first - latest) * 100 >= outcome.ResponsePercent * first;
        var inRemission = latest >= remission.From && latest <= remission.To && !(first >= remission.From && first <= remission.To);
        return new Course(first, latest, latest - first, response, inRemission);
    }
}
