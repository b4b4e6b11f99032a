using Nara.Platform.Content;
using Nara.Modules.Organisation.Contracts;

namespace Nara.Modules.Coordination.Domain;

/// <summary>Who owns a step of a care pathway.</summary>
public enum CareLevel
{
    /// <summary>Primary care (vårdcentral).</summary>
    Primarvard,
    /// <summary>Specialised care (a hospital clinic, psychiatry).</summary>
    Specialiserad,
    /// <summary>The municipality's health care.</summary>
    Kommunal,
    /// <summary>The person themself (self-care).</summary>
    Egenvard,
}

/// <summary>Where a step's deadline runs from.</summary>
/// <param name="Start">True: from the enrolment date.</param>
/// <param name="Step">Otherwise the id of the earlier step whose completion starts it.</param>
public sealed record DeadlineAnchor(bool Start, string? Step);

/// <summary>One step of a pathway: who owns it and by when it is due.</summary>
/// <param name="Id">Unique in the pathway.</param>
/// <param name="Title">What the step is called.</param>
/// <param name="Description">What happens, for the person.</param>
/// <param name="Level">The care level that owns the step.</param>
/// <param name="Profession">The profession that usually takes it, if the pathway says.</param>
/// <param name="Days">Days from the anchor to the deadline.</param>
/// <param name="From">The anchor: the enrolment or an earlier step's completion.</param>
/// <param name="AtRiskDays">The step is at risk from this many days before its deadline.</param>
/// <param name="BasisSource">The source the step and its time come from.</param>
/// <param name="BasisNote">Where in the source, or that the time is Nära's proposal for clinical review.</param>
public sealed record PathwayStep(string Id, Bilingual Title, Bilingual Description, CareLevel Level, Profession? Profession, int Days,
    DeadlineAnchor From, int AtRiskDays, string BasisSource, string BasisNote);

/// <summary>A care pathway (vårdförlopp) as content: content/pathways/&lt;id&gt;.yaml.</summary>
public sealed record Pathway(string Id, Bilingual Title, string Status, Bilingual Summary, IReadOnlyList<CitedSource> Sources,
    IReadOnlyList<string> Conditions, IReadOnlyList<(Bilingual Text, string Source)> Entry, IReadOnlyList<PathwayStep> Steps)
{
    /// <summary>
    /// The step's deadline for a person enrolled on <paramref name="enrolled"/>, given the dates the earlier steps were
    /// completed; null while the step it runs from is not completed (its clock has not started).
    /// </summary>
    public DateOnly? DeadlineOf(string stepId, DateOnly enrolled, IReadOnlyDictionary<string, DateOnly> completed)
    {
        var index = Index(stepId);
        var step = Steps[index];
        DateOnly? anchor = step.From.Start ? enrolled : completed.TryGetValue(step.From.Step!, out var done) ? done : null;
        return anchor?.AddDays(step.Days);
    }

    /// <summary>Where an open step stands on <paramref name="today"/>: late after its deadline, at risk within its warning days.</summary>
    public StepStatus StatusOf(string stepId, DateOnly? deadline, DateOnly today)
    {
        var step = Steps[Index(stepId)];
        return deadline is not { } due ? StepStatus.EjStartad
            : today > due ? StepStatus.Sen
            : today >= due.AddDays(-step.AtRiskDays) ? StepStatus.Risk
            : StepStatus.IRad;
    }

    private int Index(string stepId)
    {
        for (var i = 0; i < Steps.Count; i++)
        {
            if (Steps[i].Id == stepId)
            {
                return i;
            }
        }
        throw new ArgumentException($"Steget {stepId} finns inte i vårdförloppet {Id}.", nameof(stepId));
    }
}

/// <summary>Where an open step of a person's pathway stands.</summary>
public enum StepStatus
{
    /// <summary>Its clock has not started: the step it runs from is not done.</summary>
    EjStartad,
    /// <summary>On time.</summary>
    IRad,
    /// <summary>Close to its deadline.</summary>
    Risk,
    /// <summary>Past its deadline.</summary>
    Sen,
}
