using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nara.Modules.Triage.Contracts;
using Nara.Modules.Triage.Domain;
using Nara.Modules.Triage.Features;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Modules.Triage;

/// <summary>
/// The label is the sökorsak title frozen in the case's summary (what "Mina ärenden" shows), or today's title from the
/// knowledge base for a case without one. Audited like <see cref="ListMyCases"/>: once per resident read with cases.
/// </summary>
internal sealed class ResidentTriageCasesQuery(NaraDbContext db, ResidentAccess access, KnowledgeBase knowledge) : IResidentTriageCases
{
    public async Task<IReadOnlyList<ResidentTriageCase>> ListRecentAsync(Actor actor, ResidentId resident, int limit, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        if (!actor.IsResident)
        {
            return [];
        }
        AccessGrant grant;
        try
        {
            grant = await access.RequireAsync(actor, resident, AccessRequest.Read(CaseViews.AuditResource) with { AuditWhenDone = true }, ct);
        }
        catch (ProblemException)
        {
            return [];
        }
        var cases = await db.Set<TriageCase>().AsNoTracking()
            .Where(c => c.ResidentId == resident)
            .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
            .Take(limit)
            .Select(c => new { c.Id, c.CreatedAt, c.ComplaintId, c.SummaryJson })
            .ToListAsync(ct);
        if (cases.Count == 0)
        {
            return [];
        }
        await grant.AuditAsync(null, ct);
        return cases.Select(c => new ResidentTriageCase(c.Id, c.CreatedAt, Label(c.ComplaintId, c.SummaryJson))).ToList();
    }

    private string Label(string complaintId, string summaryJson)
    {
        return knowledge.TitleOf(complaintId, JsonSerializer.Deserialize<CaseSummary>(summaryJson)?.ComplaintTitle);
    }
}
