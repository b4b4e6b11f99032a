using Hl7.Fhir.Model;

namespace Nara.Fhir;

/// <summary>An error the client should see as an OperationOutcome with this status code.</summary>
public sealed class FhirException : Exception
{
    public FhirException(int status, OperationOutcome.IssueType code, string diagnostics, string? expression = null)
        : base(diagnostics)
    {
        Status = status;
        Code = code;
        Expression = expression;
    }

    public int Status { get; }

    public OperationOutcome.IssueType Code { get; }

    /// <summary>The search parameter or element the error is about, if any.</summary>
    public string? Expression { get; }

    public static FhirException NotFound(string resourceType, string id) =>
        new(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, $"{resourceType}/{id} finns inte.");

    public static FhirException MalformedId(string resourceType, string id, string expected) =>
        new(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Value, $"'{id}' är inte ett giltigt id för {resourceType}: {expected}.");

    public static FhirException BadParameter(string parameter, string diagnostics) =>
        new(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Value, $"Sökparametern '{parameter}': {diagnostics}", parameter);

    public static FhirException Forbidden(string diagnostics) =>
        new(StatusCodes.Status403Forbidden, OperationOutcome.IssueType.Forbidden, diagnostics);

    /// <summary>A feature's refusal (<see cref="Platform.Api.ProblemException"/>, such as an access refusal) with its status and Swedish message.</summary>
    public static FhirException From(Platform.Api.ProblemException problem, string? message = null) =>
        new(problem.Status, problem.Status switch
        {
            StatusCodes.Status400BadRequest => OperationOutcome.IssueType.Invalid,
            StatusCodes.Status403Forbidden => OperationOutcome.IssueType.Forbidden,
            StatusCodes.Status404NotFound => OperationOutcome.IssueType.NotFound,
            StatusCodes.Status409Conflict => OperationOutcome.IssueType.Conflict,
            StatusCodes.Status410Gone => OperationOutcome.IssueType.Expired,
            _ => OperationOutcome.IssueType.Processing,
        }, message ?? problem.Message);

    public OperationOutcome ToOutcome() => FhirOutcomes.Error(Code, Message, Expression);
}

public static class FhirOutcomes
{
    public static OperationOutcome Error(OperationOutcome.IssueType code, string diagnostics, string? expression = null)
    {
        var issue = new OperationOutcome.IssueComponent
        {
            Severity = OperationOutcome.IssueSeverity.Error,
            Code = code,
            Diagnostics = diagnostics,
        };
        if (expression is not null)
        {
            issue.Expression = [expression];
        }
        return new OperationOutcome { Issue = [issue] };
    }
}
