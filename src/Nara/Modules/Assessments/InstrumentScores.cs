using Microsoft.EntityFrameworkCore;
using Nara.Modules.Assessments.Content;
using Nara.Modules.Assessments.Contracts;
using Nara.Modules.Assessments.Domain;
using Nara.Platform.Access;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Modules.Assessments;

/// <summary>The scored answers for modules that follow a course (stepped care).</summary>
[NoAccessCheck("Reads scores for a caller that has checked its access to the person and passes the units hidden from it.")]
internal sealed class InstrumentScores(NaraDbContext db, InstrumentCatalog catalog) : IInstrumentScores
{
    public async Task<IReadOnlyList<InstrumentScore>> ScoresAsync(ResidentId resident, IReadOnlyCollection<string> instruments, IReadOnlySet<UnitId> hiddenUnits, CancellationToken ct)
    {
        var ids = instruments.ToList();
        var rows = await db.Set<InstrumentResponse>().AsNoTracking()
            .Where(r => r.ResidentId == resident && ids.Contains(r.InstrumentId) && r.Score != null)
            .OrderByDescending(r => r.AnsweredAt).ThenByDescending(r => r.Id).Take(200)
            .Select(r => new { r.InstrumentId, r.AnsweredAt, r.Score, r.Band, r.Crisis, r.UnitId })
            .ToListAsync(ct);
        // Oldest first: the query's order reversed (answers at the same instant by their time-ordered ids).
        rows.Reverse();
        return rows.Where(r => !hiddenUnits.Contains(r.UnitId))
            .Select(r => catalog.Find(r.InstrumentId) is { } i
                ? new InstrumentScore(r.InstrumentId, r.AnsweredAt, r.Score!.Value, r.Band, r.Crisis, Features.AnswerInstrument.ShortName(i),
                    i.Scales[0].Band(r.Band)?.Text)
                : new InstrumentScore(r.InstrumentId, r.AnsweredAt, r.Score!.Value, r.Band, r.Crisis, r.InstrumentId, null)).ToList();
    }
}
