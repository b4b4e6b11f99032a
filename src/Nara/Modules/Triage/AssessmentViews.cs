using System.Globalization;
using Nara.Modules.Triage.Contracts;
using Nara.Modules.Triage.Domain;
using Nara.Platform.Api;

namespace Nara.Modules.Triage;

public sealed record OptionView(string Id, string Text);

public sealed record QuestionView(string Id, QuestionType Type, string Text, string? Help, bool RedFlag, IReadOnlyList<OptionView> Options,
    string? Unit, decimal? Min, decimal? Max, string? CurrentAnswer);

public sealed record AnswerView(string QuestionId, string Question, string Value, string Answer);

public sealed record SourceView(string Title, string Publisher, string Url);

public sealed record ResultView(Urgency Urgency, TriageCareLevel CareLevel, TriageChannel Channel, string Reason,
    IReadOnlyList<AnswerView> Deciding, IReadOnlyList<string> Advice, IReadOnlyList<string> SeekCareIf, SourceView Source);

/// <summary>
/// An assessment as the person answering sees it: the next question with progress, or the result. <c>For</c> says who it
/// is about (Self, Child, Other) and <c>SubjectName</c> names the child a guardian answers for; the questions and reasons
/// speak to that person. <c>Key</c> is given once, when someone not signed in starts it. <c>SignInToSend</c>: the result
/// can be sent to a vårdcentral after signing in.
/// </summary>
public sealed record AssessmentView(
    Guid Id,
    Guid? SubjectId,
    string ComplaintId,
    string ComplaintTitle,
    AssessmentStatus Status,
    QuestionView? Question,
    int Answered,
    int Remaining,
    ResultView? Result,
    IReadOnlyList<AnswerView> Answers,
    DateTimeOffset ExpiresAt,
    Guid? CaseId,
    bool CanSend)
{
    public AssessmentFor For { get; init; }
    public string? SubjectName { get; init; }
    public int AgeYears { get; init; }
    public string Sex { get; init; } = "";
    public bool SignInToSend { get; init; }
    public string? Key { get; init; }
}

/// <summary>Builds views from the engine and the knowledge base, in the request's language.</summary>
public sealed class AssessmentViews(TriageEngine engine, Nara.Modules.Residents.Contracts.IResidentDirectory residents)
{
    /// <summary>The view, with the child's name when a guardian answers for a child.</summary>
    public async Task<AssessmentView> ViewAsync(Assessment assessment, TriageCaseId? caseId, CancellationToken ct)
    {
        var view = View(assessment, caseId);
        return assessment.For == AssessmentFor.Child && assessment.SubjectId is { } child
            ? view with { SubjectName = (await residents.GetAsync(child, ct))?.Name }
            : view;
    }

    public const string EmergencyTitleSv = "Ring 112";

    private static string Culture => CultureInfo.CurrentUICulture.Name;

    public AssessmentView View(Assessment assessment, TriageCaseId? caseId)
    {
        var knowledge = engine.Knowledge;
        if (assessment.ComplaintId == Assessment.EmergencyComplaint)
        {
            var e = knowledge.Emergency;
            var result = new ResultView(Urgency.Ring112, TriageCareLevel.Akutmottagning, TriageChannel.Telefon, e.Reason.For(Culture), [], [], [],
                new SourceView(e.Source.Title, e.Source.Publisher, e.Source.Url));
            return Who(new AssessmentView(assessment.Id.Value, assessment.SubjectId?.Value, assessment.ComplaintId, Culture.StartsWith("en", StringComparison.Ordinal) ? "Call 112" : EmergencyTitleSv,
                assessment.Status, null, 0, 0, result, [], assessment.ExpiresAt, caseId?.Value, false), assessment);
        }
        var complaint = knowledge.Find(assessment.ComplaintId)
            ?? throw ProblemException.Gone($"Sökorsaken '{assessment.ComplaintId}' finns inte längre i kunskapsbasen. Börja om med en ny bedömning.");
        var answers = assessment.Answers;
        var step = engine.Next(complaint, assessment.Subject, answers.ToDictionary(a => a.QuestionId, a => a.Value, StringComparer.Ordinal));
        var who = assessment.For;
        var answerViews = answers.Select(a => Answer(complaint, a.QuestionId, a.Value, who)).OfType<AnswerView>().ToList();
        QuestionView? question = null;
        ResultView? resultView = null;
        if (step.Next is { } next)
        {
            question = Question(next, answers.FirstOrDefault(a => a.QuestionId == next.Id)?.Value, who);
        }
        else if (step.Outcome is { } outcome)
        {
            resultView = Result(outcome, who);
        }
        var open = resultView is { Urgency: < Urgency.AkutNu } && caseId is null && assessment.For != AssessmentFor.Other;
        return Who(new AssessmentView(assessment.Id.Value, assessment.SubjectId?.Value, complaint.Id, complaint.Title.For(Culture), assessment.Status, question,
            step.Answered, step.Remaining, resultView, answerViews, assessment.ExpiresAt, caseId?.Value, open && assessment.SubjectId is not null)
        {
            SignInToSend = open && assessment.SubjectId is null,
        }, assessment);
    }

    private static AssessmentView Who(AssessmentView view, Assessment assessment) =>
        view with { For = assessment.For, AgeYears = assessment.AgeMonths / 12, Sex = assessment.Sex };

    public static QuestionView Question(Question q, string? current, AssessmentFor who = AssessmentFor.Self) => new(
        q.Id, q.Type, Addressee.Rewrite(q.Text.For(Culture), who, Culture), q.Help is { } help ? Addressee.Rewrite(help.For(Culture), who, Culture) : null, q.RedFlag,
        q.Options.Select(o => new OptionView(o.Id, Addressee.Rewrite(o.Text.For(Culture), who, Culture))).ToList(),
        q.Unit?.For(Culture), q.Min, q.Max, current);

    public ResultView Result(TriageOutcome outcome, AssessmentFor who = AssessmentFor.Self)
    {
        var complaint = outcome.Complaint;
        var selfCare = complaint.SelfCare;
        var showAdvice = outcome.Urgency < Urgency.AkutNu;
        return new ResultView(outcome.Urgency, outcome.CareLevel, outcome.Channel, Addressee.Rewrite(outcome.Rule.Reason.For(Culture), who, Culture),
            outcome.Deciding.Select(d => Answer(complaint, d.Question.Id, d.Answer, who)).OfType<AnswerView>().ToList(),
            showAdvice && selfCare is not null ? selfCare.Advice.Select(a => a.For(Culture)).ToList() : [],
            showAdvice && selfCare is not null ? selfCare.SeekCareIf.Select(a => a.For(Culture)).ToList() : [],
            new SourceView(outcome.Source.Title, outcome.Source.Publisher, outcome.Source.Url));
    }

    public AnswerView? Answer(Complaint complaint, string questionId, string value, AssessmentFor who = AssessmentFor.Self)
    {
        var question = engine.FindQuestion(complaint, questionId);
        return question is null ? null : new AnswerView(questionId, Addressee.Rewrite(question.Text.For(Culture), who, Culture), value, AnswerText(question, value));
    }

    public static string AnswerText(Question question, string value)
    {
        var en = Culture.StartsWith("en", StringComparison.Ordinal);
        return question.Type switch
        {
            QuestionType.YesNo => value switch
            {
                TriageEngine.Yes => en ? "Yes" : "Ja",
                TriageEngine.No => en ? "No" : "Nej",
                _ => en ? "Don't know" : "Vet inte",
            },
            QuestionType.Choice => question.Option(value)?.Text.For(Culture) ?? value,
            _ when value == TriageEngine.DontKnow => en ? "Don't know" : "Vet inte",
            QuestionType.Duration => Durations.Text(decimal.Parse(value, CultureInfo.InvariantCulture), Culture),
            _ => $"{decimal.Parse(value, CultureInfo.InvariantCulture).ToString(CultureInfo.GetCultureInfo(en ? "en-GB" : "sv-SE"))} {question.Unit?.For(Culture)}".Trim(),
        };
    }
}
