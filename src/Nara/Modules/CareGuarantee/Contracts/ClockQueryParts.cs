using System.Linq.Expressions;
using Nara.Modules.CareGuarantee.Domain;
using Nara.Platform.Access;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Modules.CareGuarantee.Contracts;

/// <summary>Questions about clocks that another module may ask inside its own query (<see cref="QueryPart"/>).</summary>
[NoAccessCheck("A piece of another module's query; that query's use case declares the access (a booking requires write access to the resident).")]
public static class ClockQueryParts
{
    /// <summary>
    /// Whether something at the unit could stop one of the resident's clocks there: a clock not excepted, running or
    /// stopped (a booking can move a stop earlier). False means a booking there has no clock to read or change.
    /// </summary>
    public static readonly Expression<Func<NaraDbContext, ResidentId, UnitId, bool>> AnyAtUnit =
        (db, resident, unit) => db.Set<GuaranteeClock>().Any(c => c.ResidentId == resident && c.UnitId == unit && c.Exemption == null);
}
