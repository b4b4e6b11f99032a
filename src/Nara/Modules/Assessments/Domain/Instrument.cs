using Nara.Platform.Content;

namespace Nara.Modules.Assessments.Domain;

/// <summary>A validated instrument as content (content/instruments/): its items, how they are scored and what the scores mean.</summary>
/// <param name="Id">The file's id (phq-9, gad-7, …).</param>
/// <param name="Version">The published version the file follows.</param>
/// <param name="Status">published (a published instrument, as published) or draft (not yet clinically reviewed).</param>
/// <param name="Name">What it is called.</param>
/// <param name="Licence">Who may use it and how.</param>
/// <param name="Sources">The publications it follows.</param>
/// <param name="Intro">The question or period the items are answered for.</param>
/// <param name="Items">The items in order.</param>
/// <param name="Scales">The scores: the total and any subscales.</param>
/// <param name="Alerts">Answers that must alert the team whatever the score.</param>
public sealed record Instrument(string Id, string Version, string Status, Bilingual Name, Bilingual Licence, IReadOnlyList<CitedSource> Sources,
    Bilingual Intro, IReadOnlyList<InstrumentItem> Items, IReadOnlyList<InstrumentScale> Scales, IReadOnlyList<InstrumentAlert> Alerts)
{
    /// <summary>Whether the scale is a number the person gave (the EQ VAS) rather than points added up: shown as the number, not "poäng".</summary>
    public bool IsGivenNumber(string scale) =>
        Scales.FirstOrDefault(s => s.Id == scale) is { Profile: false } found && found.Items.All(i => Items.First(x => x.Id == i).Number is not null);
}

/// <summary>One item: its text and the answers it offers (options, or a whole number in a range).</summary>
/// <param name="Id">Unique in the instrument ("1", "2", …).</param>
/// <param name="Text">The item.</param>
/// <param name="Options">The answers, each with its points as the source gives them; none for a number item.</param>
/// <param name="Reversed">Scored in reverse (highest answer gives the lowest points), as the source says.</param>
/// <param name="Number">A whole number the person gives, in a range (the EQ VAS's 0–100), instead of options: the number is the points.</param>
/// <param name="Weight">The points count this many times in a sum, where the source says so (the indicator questions' training minutes: twice).</param>
public sealed record InstrumentItem(string Id, Bilingual Text, IReadOnlyList<AnswerOption> Options, bool Reversed, NumberRange? Number = null, int Weight = 1)
{
    /// <summary>The points an answer gives, reversed items counted from the other end.</summary>
    public int Points(int answer) => Reversed ? Options.Max(o => o.Points) + Options.Min(o => o.Points) - answer : answer;

    /// <summary>Whether the answer is one the item offers: one of its options' points, or a number in its range.</summary>
    public bool Accepts(int answer) => Number is { } n ? answer >= n.Min && answer <= n.Max : Options.Any(o => o.Points == answer);

    /// <summary>The lowest and highest points the item can give (before its weight).</summary>
    public (int Low, int High) PointRange => Number is { } n ? (n.Min, n.Max) : (Options.Min(o => o.Points), Options.Max(o => o.Points));

    /// <summary>What the answers are, for an error message: the options' points, or the range.</summary>
    public string Allowed => Number is { } n ? $"{n.Min}–{n.Max}" : string.Join(", ", Options.Select(o => o.Points));
}

/// <summary>The range of a number item, and what its ends mean (the EQ VAS: 0 the worst, 100 the best health you can imagine).</summary>
public sealed record NumberRange(int Min, int Max, Bilingual LowText, Bilingual HighText);

/// <summary>An answer of an item and its points.</summary>
public sealed record AnswerOption(int Points, Bilingual Text);

/// <summary>A score: the items summed, how missing answers are handled, and the bands.</summary>
/// <param name="Id">total, or the subscale's id.</param>
/// <param name="Name">What the score is called.</param>
/// <param name="Items">The items summed.</param>
/// <param name="MaxMissing">How many items may be missing and the score prorated (the mean of the answered items times the number of items, rounded half away from zero); 0 where the source defines no prorating.</param>
/// <param name="Multiplier">The sum times this is the score, where the source says so (the WHO-5's percentage: 4); else 1.</param>
/// <param name="Bands">What each range of scores means, from the lowest to the highest possible score without gaps.</param>
/// <param name="Source">The source of the bands.</param>
/// <param name="Outcome">How measurement-based care reads a change in the score, where a source defines it.</param>
/// <param name="Loinc">The LOINC code of the score, where LOINC has one (the FHIR Observation carries it beside Nära's own code).</param>
/// <param name="SexBands">Bands that differ by sex where the source sets them (the Swedish thresholds of AUDIT-C), by sex ("kvinna", "man"); they replace <paramref name="Bands"/> when the person's sex is known.</param>
/// <param name="OneOf">Groups of alternative items, where the source offers an alternative (MNA-SF: the BMI, or the calf circumference when no BMI can be had): a group counts as one item, by the first of it answered.</param>
/// <param name="Profile">Not a sum but a profile, where the source reports one (EQ-5D-5L's health state "21321"): each item's level as one digit in the items' order, <see cref="ProfileMissing"/> for an item not answered; no score and no bands.</param>
public sealed record InstrumentScale(string Id, Bilingual Name, IReadOnlyList<string> Items, int MaxMissing, int Multiplier, IReadOnlyList<ScoreBand> Bands, string Source,
    ScaleOutcome? Outcome = null, string? Loinc = null, IReadOnlyDictionary<string, IReadOnlyList<ScoreBand>>? SexBands = null,
    IReadOnlyList<IReadOnlyList<string>>? OneOf = null, bool Profile = false)
{
    /// <summary>A profile's digit for an item not answered (the EQ-5D user guide's code for a missing or ambiguous answer).</summary>
    public const char ProfileMissing = '9';

    private IReadOnlyList<IReadOnlyList<string>>? slots;

    /// <summary>The items each counted on its own, and each group of alternatives as one: what a score adds up (worked out once).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Slots => slots ??=
        Items.Where(i => OneOf?.Any(g => g.Contains(i)) != true).Select(i => (IReadOnlyList<string>)[i]).Concat(OneOf ?? []).ToList();

    /// <summary>The bands that read a score for a person of this sex ("kvinna", "man"; null when unknown).</summary>
    public IReadOnlyList<ScoreBand> BandsFor(string? sex) =>
        sex is not null && SexBands is not null && SexBands.TryGetValue(sex, out var bands) ? bands : Bands;

    /// <summary>A band by its id, among the bands for either sex too.</summary>
    public ScoreBand? Band(string? id) =>
        id is null ? null : Bands.Concat(SexBands?.Values.SelectMany(b => b) ?? []).FirstOrDefault(b => b.Id == id);
}

/// <summary>
/// Response and remission as measurement-based care defines them for a symptom score (higher is worse): response is a
/// fall of at least <paramref name="ResponsePercent"/> % from the first score; remission a score in
/// <paramref name="RemissionBand"/> (the minimal band) after a first score above it.
/// </summary>
public sealed record ScaleOutcome(int ResponsePercent, string RemissionBand, string Source);

/// <summary>A range of scores and what it means.</summary>
public sealed record ScoreBand(string Id, int From, int To, Bilingual Text);

/// <summary>An item's answer at or above a level that alerts the team (crisis: the highest priority).</summary>
public sealed record InstrumentAlert(string Item, int AtLeast, string Kind, string Source);
