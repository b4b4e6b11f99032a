using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Nara.Modules.Coordination.Domain;

namespace Nara.Modules.Coordination.Data;

internal sealed class CareTeamMemberConfiguration : IEntityTypeConfiguration<CareTeamMember>
{
    public void Configure(EntityTypeBuilder<CareTeamMember> b)
    {
        b.ToTable("coordination_care_team_members");
        b.HasKey(x => x.Id);
        b.Ignore(x => x.Active);
        b.Property(x => x.Role).HasMaxLength(100);
        b.Property(x => x.AddedByName).HasMaxLength(200);
        b.Property(x => x.EndedByName).HasMaxLength(200);
        b.Property(x => x.EndReason).HasMaxLength(400);
        b.HasIndex(x => new { x.ResidentId, x.To });
        // The care relationship source asks: who is in a team at this unit now.
        b.HasIndex(x => new { x.UnitId, x.To, x.ResidentId });
    }
}

internal sealed class FixedContactConfiguration : IEntityTypeConfiguration<FixedContact>
{
    public const string OneOfEachKind = "ix_coordination_fixed_contacts_current";

    public void Configure(EntityTypeBuilder<FixedContact> b)
    {
        b.ToTable("coordination_fixed_contacts");
        b.HasKey(x => x.Id);
        b.Property(x => x.AssignedByName).HasMaxLength(200);
        // One fixed care contact and one fixed doctor at a time: the database decides two appointments at once.
        b.HasIndex(x => new { x.ResidentId, x.Kind }).IsUnique().HasFilter("\"To\" IS NULL").HasDatabaseName(OneOfEachKind);
        b.HasIndex(x => new { x.StaffId, x.To });
    }
}

internal sealed class PathwayEnrolmentConfiguration : IEntityTypeConfiguration<PathwayEnrolment>
{
    public void Configure(EntityTypeBuilder<PathwayEnrolment> b)
    {
        b.ToTable("coordination_pathway_enrolments");
        b.HasKey(x => x.Id);
        b.Ignore(x => x.Completed);
        b.Property(x => x.PathwayId).HasMaxLength(80);
        b.Property(x => x.EnrolledByName).HasMaxLength(200);
        b.Property(x => x.EndReason).HasMaxLength(400);
        b.Property(x => x.ConcurrencyToken).IsConcurrencyToken();
        // The steps done, as a JSON text column on both engines: a handful per enrolment, always read and written whole.
        b.Property(x => x.Done).HasMaxLength(8000).HasConversion(
            v => System.Text.Json.JsonSerializer.Serialize(v, (System.Text.Json.JsonSerializerOptions?)null),
            v => System.Text.Json.JsonSerializer.Deserialize<List<StepDone>>(v, (System.Text.Json.JsonSerializerOptions?)null) ?? new List<StepDone>(),
            new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<List<StepDone>>(
                (a, b) => System.Text.Json.JsonSerializer.Serialize(a, (System.Text.Json.JsonSerializerOptions?)null) == System.Text.Json.JsonSerializer.Serialize(b, (System.Text.Json.JsonSerializerOptions?)null),
                v => System.Text.Json.JsonSerializer.Serialize(v, (System.Text.Json.JsonSerializerOptions?)null).GetHashCode(StringComparison.Ordinal),
                v => v.ToList()));
        b.HasIndex(x => new { x.ResidentId, x.PathwayId });
        b.HasIndex(x => new { x.UnitId, x.EndedAt });
    }
}

internal sealed class CarePlanConfiguration : IEntityTypeConfiguration<CarePlan>
{
    public const string OneOpenPlan = "ix_coordination_care_plans_open";

    public void Configure(EntityTypeBuilder<CarePlan> b)
    {
        b.ToTable("coordination_care_plans");
        b.HasKey(x => x.Id);
        b.Property(x => x.AgreedByName).HasMaxLength(200);
        b.Property(x => x.CreatedByName).HasMaxLength(200);
        b.Property(x => x.EndReason).HasMaxLength(400);
        b.Property(x => x.ConcurrencyToken).IsConcurrencyToken();
        // One open plan per person: the database decides two started at once.
        b.HasIndex(x => x.ResidentId).IsUnique().HasFilter("\"EndedAt\" IS NULL").HasDatabaseName(OneOpenPlan);
        b.HasIndex(x => new { x.UnitId, x.EndedAt });
    }
}

internal sealed class PlanGoalConfiguration : IEntityTypeConfiguration<PlanGoal>
{
    public void Configure(EntityTypeBuilder<PlanGoal> b)
    {
        b.ToTable("coordination_plan_goals");
        b.HasKey(x => x.Id);
        b.Property(x => x.Text).HasMaxLength(1000);
        b.Property(x => x.Measure).HasMaxLength(400);
        b.Property(x => x.WrittenByName).HasMaxLength(200);
        b.HasIndex(x => x.PlanId);
    }
}

internal sealed class PlanActivityConfiguration : IEntityTypeConfiguration<PlanActivity>
{
    public void Configure(EntityTypeBuilder<PlanActivity> b)
    {
        b.ToTable("coordination_plan_activities");
        b.HasKey(x => x.Id);
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.Details).HasMaxLength(1000);
        b.HasIndex(x => x.PlanId);
        // The worklist asks: open activities due before today, by owner.
        b.HasIndex(x => new { x.OwnerStaffId, x.Status, x.DueOn });
        b.HasIndex(x => x.AppointmentId);
    }
}

internal sealed class PlanVersionConfiguration : IEntityTypeConfiguration<PlanVersion>
{
    public void Configure(EntityTypeBuilder<PlanVersion> b)
    {
        b.ToTable("coordination_plan_versions");
        b.HasKey(x => x.Id);
        b.Property(x => x.ByName).HasMaxLength(200);
        b.Property(x => x.Change).HasMaxLength(400);
        // What the plan said: at most 30 goals and 60 activities with their texts, as JSON (escaped, so up to six characters a letter).
        b.Property(x => x.Snapshot).HasMaxLength(2_000_000);
        b.HasIndex(x => new { x.PlanId, x.Version }).IsUnique();
    }
}

internal sealed class PlanCommentConfiguration : IEntityTypeConfiguration<PlanComment>
{
    public void Configure(EntityTypeBuilder<PlanComment> b)
    {
        b.ToTable("coordination_plan_comments");
        b.HasKey(x => x.Id);
        b.Property(x => x.ByName).HasMaxLength(200);
        b.Property(x => x.Text).HasMaxLength(2000);
        b.HasIndex(x => new { x.PlanId, x.At });
    }
}

internal sealed class ReferralConfiguration : IEntityTypeConfiguration<Referral>
{
    public void Configure(EntityTypeBuilder<Referral> b)
    {
        b.ToTable("coordination_referrals");
        b.HasKey(x => x.Id);
        b.Property(x => x.FromStaffName).HasMaxLength(200);
        b.Property(x => x.AnsweredByName).HasMaxLength(200);
        b.Property(x => x.Question).HasMaxLength(2000);
        b.Property(x => x.Background).HasMaxLength(4000);
        b.Property(x => x.Answer).HasMaxLength(4000);
        b.Property(x => x.ConcurrencyToken).IsConcurrencyToken();
        // The receiving unit's inbox and the care relationship: referrals to a unit by status.
        b.HasIndex(x => new { x.ToUnitId, x.Status, x.ResidentId });
        b.HasIndex(x => new { x.FromUnitId, x.SentAt });
        b.HasIndex(x => x.ResidentId);
    }
}

internal sealed class ReferralEventConfiguration : IEntityTypeConfiguration<ReferralEvent>
{
    public void Configure(EntityTypeBuilder<ReferralEvent> b)
    {
        b.ToTable("coordination_referral_events");
        b.HasKey(x => x.Id);
        b.Property(x => x.ByName).HasMaxLength(200);
        b.Property(x => x.What).HasMaxLength(100);
        b.Property(x => x.Text).HasMaxLength(4000);
        b.HasIndex(x => new { x.ReferralId, x.At });
    }
}

internal sealed class SipConfiguration : IEntityTypeConfiguration<Sip>
{
    public void Configure(EntityTypeBuilder<Sip> b)
    {
        b.ToTable("coordination_sips");
        b.HasKey(x => x.Id);
        b.Property(x => x.Purpose).HasMaxLength(1000);
        b.Property(x => x.StartedByName).HasMaxLength(200);
        b.Property(x => x.ConsentBy).HasMaxLength(200);
        b.Property(x => x.MeetingPlace).HasMaxLength(200);
        b.Property(x => x.ConcurrencyToken).IsConcurrencyToken();
        b.HasIndex(x => new { x.ResidentId, x.Status });
        b.HasIndex(x => new { x.ResponsibleUnitId, x.Status, x.FollowUpOn });
    }
}

internal sealed class SipParticipantConfiguration : IEntityTypeConfiguration<SipParticipant>
{
    public void Configure(EntityTypeBuilder<SipParticipant> b)
    {
        b.ToTable("coordination_sip_participants");
        b.HasKey(x => x.Id);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Role).HasMaxLength(100);
        b.HasIndex(x => x.SipId);
    }
}

internal sealed class SipActionConfiguration : IEntityTypeConfiguration<SipAction>
{
    public void Configure(EntityTypeBuilder<SipAction> b)
    {
        b.ToTable("coordination_sip_actions");
        b.HasKey(x => x.Id);
        b.Property(x => x.What).HasMaxLength(500);
        b.HasIndex(x => x.SipId);
        b.HasIndex(x => new { x.UnitId, x.Done, x.DueOn });
    }
}

internal sealed class DischargeStayConfiguration : IEntityTypeConfiguration<DischargeStay>
{
    public void Configure(EntityTypeBuilder<DischargeStay> b)
    {
        b.ToTable("coordination_discharge_stays");
        b.HasKey(x => x.Id);
        b.Property(x => x.ConcurrencyToken).IsConcurrencyToken();
        b.HasIndex(x => new { x.ResidentId, x.Status });
        b.HasIndex(x => new { x.HospitalUnitId, x.Status });
        b.HasIndex(x => new { x.PrimaryCareUnitId, x.Status });
        b.HasIndex(x => new { x.MunicipalUnitId, x.Status });
    }
}

internal sealed class DischargeEventConfiguration : IEntityTypeConfiguration<DischargeEvent>
{
    public void Configure(EntityTypeBuilder<DischargeEvent> b)
    {
        b.ToTable("coordination_discharge_events");
        b.HasKey(x => x.Id);
        b.Property(x => x.What).HasMaxLength(200);
        b.Property(x => x.ByName).HasMaxLength(200);
        b.HasIndex(x => new { x.DischargeId, x.At });
    }
}
