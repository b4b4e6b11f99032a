using Nara.Platform.Content;
using Nara.Platform.Events;
using Nara.Platform.Identifiers;

namespace Nara.Modules.Assessments.Contracts;

/// <summary>One scored answer to an instrument, on its first scale, as other modules read a course.</summary>
/// <param name="Instrument">The instrument's id ("phq-9").</param>
/// <param name="At">When it was answered.</param>
/// <param name="Score">The first scale's score.</param>
/// <param name="Band">The band's id ("moderate").</param>
/// <param name="Crisis">The answer raised a crisis alert.</param>
/// <param name="Name">The instrument's short name ("PHQ-9").</param>
/// <param name="BandText">What the band means.</param>
public sealed record InstrumentScore(string Instrument, DateTimeOffset At, int Score, string? Band, bool Crisis, string Name, Bilingual? BandText);

/// <summary>The scored answers of a person, for a module that follows them (stepped care). The caller has checked access.</summary>
public interface IInstrumentScores
{
    /// <summary>The person's scored answers to the instruments, oldest first (at most the last 200), from units they have not hidden from <paramref name="hiddenUnits"/>.</summary>
    Task<IReadOnlyList<InstrumentScore>> ScoresAsync(ResidentId resident, IReadOnlyCollection<string> instruments, IReadOnlySet<UnitId> hiddenUnits, CancellationToken ct);
}

/// <summary>A person answered an instrument a unit sent (inside the answering transaction, before its save).</summary>
/// <param name="Resident">Who answered.</param>
/// <param name="Unit">The unit that asked.</param>
/// <param name="Instrument">The instrument's id.</param>
/// <param name="Response">The kept response.</param>
/// <param name="Score">The first scale's score, or null when it could not be scored.</param>
/// <param name="Band">Its band's id.</param>
/// <param name="Crisis">The answer raised a crisis alert.</param>
/// <param name="At">When.</param>
public sealed record InstrumentAnswered(ResidentId Resident, UnitId Unit, string Instrument, InstrumentResponseId Response, int? Score, string? Band, bool Crisis,
    DateTimeOffset At) : IDomainEvent;
