using Nara.Platform.Api;

namespace Nara.Modules.VirtualCare;

internal static class VirtualCareEndpoints
{
    /// <summary>Problem details for refusals (<see cref="ProblemException"/>) and the API's tag.</summary>
    public static TBuilder WithVirtualCareProblems<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithProblems().WithTags("Digitala vårdmöten");

    /// <summary>Unknown, and someone else's, meetings get the same answer: whether it exists is not theirs to know.</summary>
    public static ProblemException MeetingNotFound() => ProblemException.NotFound("appointmentId", "Mötet finns inte.");
}
