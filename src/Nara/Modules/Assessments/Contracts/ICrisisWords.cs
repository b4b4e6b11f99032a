namespace Nara.Modules.Assessments.Contracts;

/// <summary>
/// The crisis words of <c>content/crisis/words.yaml</c>: whether a person's own text (a message, a triage case) calls for
/// the crisis help at once. A page that shows such text back to its writer shows <see cref="CrisisHelp"/> when it does;
/// the team's crisis task is raised by Assessments in the same transaction.
/// </summary>
public interface ICrisisWords
{
    bool Matches(string? text);
}
