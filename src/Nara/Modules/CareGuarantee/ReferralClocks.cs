using Nara.Modules.CareGuarantee.Domain;
using Nara.Modules.CareGuarantee.Features;
using Nara.Modules.Coordination.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Events;
using Nara.Platform.Persistence;

namespace Nara.Modules.CareGuarantee;

/// <summary>
/// A referral to a specialist clinic accepted in Nära starts the 90-day clock to the first visit, counted from the day the
/// referral was issued (HSL 9 kap. 1 § 3), in the acceptance's own batch; the booked and held visit stops it as any
/// specialist clock. Where the referral is in Nära no one registers it by hand (<c>RegisterStart</c> refuses a second
/// clock for the same person at the unit).
/// </summary>
[NoAccessCheck("Starts the clock of a referral the receiving unit has accepted (authorised and audited there), in its transaction.")]
internal sealed class ReferralClocks(NaraDbContext db) : IDomainEventSubscriber<ReferralAccepted>
{
    public Task HandleAsync(ReferralAccepted e, CancellationToken ct)
    {
        if (e.Kind == ReferralKind.Remiss)
        {
            db.AddRange(RegisterStart.Start(ClockSource.Remiss, e.ReferralId.Value, e.Resident, e.Unit, e.IssuedOn, e.AcceptedAt, "Remiss i Nära", "Nära"));
        }
        return Task.CompletedTask;
    }
}
