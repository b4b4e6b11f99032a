using System.Globalization;

namespace Nara.Modules.Assessments.Components;

/// <summary>
/// The answers as a form posts them (item → the field's text), read into points. A field left empty is an item not
/// answered, never 0 (an empty number field would otherwise bind as 0: an EQ VAS nobody gave); text that is not a whole
/// number is an error for that item.
/// </summary>
internal static class AnswerForm
{
    public static (Dictionary<string, int> Answers, Dictionary<string, string> Errors) Read(IReadOnlyDictionary<string, string?>? form)
    {
        var answers = new Dictionary<string, int>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (item, text) in form ?? new Dictionary<string, string?>())
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }
            if (int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var points))
            {
                answers[item] = points;
            }
            else
            {
                errors[$"answers.{item}"] = $"Svara på fråga {item} med ett heltal.";
            }
        }
        return (answers, errors);
    }
}
