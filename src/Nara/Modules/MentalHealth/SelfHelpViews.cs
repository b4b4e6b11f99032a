using Microsoft.EntityFrameworkCore;
using Nara.Modules.MentalHealth.Content;
using Nara.Modules.MentalHealth.Contracts;
using Nara.Modules.MentalHealth.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Persistence;

namespace Nara.Modules.MentalHealth;

/// <summary>What the self-help use cases share: finding an enrolment and which module comes next.</summary>
[NoAccessCheck("Finds an enrolment for a use case that checks access to its person before it reads or writes anything of it.")]
internal static class SelfHelpViews
{
    public const string NotFound = "Programmet finns inte.";

    public static async Task<Enrolment> FindAsync(NaraDbContext db, EnrolmentId id, CancellationToken ct) =>
        await db.Set<Enrolment>().FirstOrDefaultAsync(e => e.Id == id, ct) ?? throw ProblemException.NotFound("id", NotFound);

    /// <summary>The first module not yet done, in the programme's order; null when all are done.</summary>
    public static ProgrammeModule? Next(Programme programme, IReadOnlyCollection<string> done) =>
        programme.Modules.FirstOrDefault(m => !done.Contains(m.Id));
}
