using Nara.Modules.Assessments.Content;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Composition;

namespace Nara.Modules.Assessments.Features;

/// <summary>
/// Scores a set of answers to an instrument without keeping them (<c>POST /api/instruments/{id}/score</c>): for a partner
/// system or a page that shows the result before it is sent. The answers are the points of the chosen answer per item; an
/// item that is not the instrument's, or points that are not one of the item's answers, is a 400 naming the item.
/// </summary>
[NoAccessCheck("Scores answers sent in the request and keeps nothing; no person is read, written or named.")]
public sealed class ScoreAnswers(InstrumentCatalog catalog) : IFeature
{
    /// <param name="Answers">Item id → the points of the chosen answer.</param>
    /// <param name="Sex">kvinna or man, for a scale whose bands differ by sex (AUDIT-C); without it the sex-neutral bands.</param>
    public sealed record Request(Dictionary<string, int>? Answers, string? Sex = null);

    public InstrumentResult? Handle(string id, Request request) =>
        request.Sex is not (null or "kvinna" or "man") ? throw new InvalidAnswerException("sex", "Kön anges som kvinna eller man.")
        : catalog.Find(id) is { } instrument ? InstrumentScoring.Score(instrument, request.Answers ?? [], request.Sex) : null;

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/instruments/{id}/score", (string id, Request request, ScoreAnswers handler) =>
            {
                try
                {
                    return handler.Handle(id, request) is { } result ? Results.Ok(result) : Problems.NotFound("Formuläret");
                }
                catch (InvalidAnswerException invalid)
                {
                    return Problems.Invalid(invalid.Item == "sex" ? "sex" : $"answers.{invalid.Item}", invalid.Message);
                }
            })
            .RequireAuthorization()
            .WithTags("Skattningsformulär")
            .WithSummary("Poängsätt svar på ett formulär utan att spara dem: poäng per skala, gräns och larm.");
}
